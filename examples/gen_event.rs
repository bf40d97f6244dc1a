//! Generates a test event of N speakers for benchmarks and stress tests.
//!
//!     cargo run --release --example gen_event -- N DIR

#[path = "../tests/common/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().ok_or("usage: gen_event N DIR")?.parse()?;
    let dir = PathBuf::from(args.next().ok_or("usage: gen_event N DIR")?);
    let photos = Path::new(env!("CARGO_MANIFEST_DIR")).join("speakers_pictures");
    generate::generate(n, &dir, &photos)?;
    println!("{n} speakers in {}", dir.display());
    Ok(())
}
