//! Generates a test event of N speakers for benchmarks and stress tests,
//! with a programme of D days and R rooms (20 talks per room and day) when
//! asked.
//!
//!     cargo run --release --example gen_event -- N DIR [--days D --rooms R]

#[path = "../tests/common/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().ok_or("usage: gen_event N DIR")?.parse()?;
    let dir = PathBuf::from(args.next().ok_or("usage: gen_event N DIR")?);
    let rest: Vec<String> = args.collect();
    let flag = |name: &str| -> Result<Option<usize>, Box<dyn std::error::Error>> {
        match rest.iter().position(|a| a == name) {
            Some(k) => Ok(Some(
                rest.get(k + 1).ok_or("a number must follow")?.parse()?,
            )),
            None => Ok(None),
        }
    };
    let photos = Path::new(env!("CARGO_MANIFEST_DIR")).join("speakers_pictures");
    generate::generate(n, &dir, &photos)?;
    if let (Some(days), Some(rooms)) = (flag("--days")?, flag("--rooms")?) {
        generate::generate_programme(n, days, rooms, &dir)?;
        println!(
            "{n} speakers, {} talks over {days} days in {rooms} rooms, in {}",
            days * rooms * 20,
            dir.display()
        );
    } else {
        println!("{n} speakers in {}", dir.display());
    }
    Ok(())
}
