//! Generates a test event of N speakers for benchmarks and stress tests,
//! with a programme of D days and R rooms (20 talks per room and day) when
//! asked.
//!
//!     cargo run --release --example gen_event -- N DIR [--days D --rooms R] [--own-photos]
//!
//! With `--own-photos` every speaker gets a photo of their own (the
//! portraits, each brightened a little differently and saved again), as in
//! a real event: no photo work is shared between speakers.

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
    if rest.iter().any(|a| a == "--own-photos") {
        own_photos(&dir)?;
    }
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

/// Gives every speaker of the generated event a JPEG of their own.
fn own_photos(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let yaml_path = dir.join("data/speakers.yaml");
    let yaml = std::fs::read_to_string(&yaml_path)?;
    let pictures = dir.join("speakers_pictures");
    let mut sources = std::collections::BTreeMap::new();
    let mut out = String::with_capacity(yaml.len());
    let mut k = 0usize;
    for line in yaml.lines() {
        let Some(file) = line.strip_prefix("  photo: ") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        if !sources.contains_key(file) {
            let img = image::open(pictures.join(file))?.to_rgb8();
            sources.insert(file.to_string(), img);
        }
        let mut img = sources[file].clone();
        let lift = (k % 40) as u8;
        for p in img.pixels_mut() {
            p.0 = p.0.map(|c| c.saturating_add(lift));
        }
        let name = format!("own-{k:05}.jpg");
        img.save(pictures.join(&name))?;
        out.push_str(&format!("  photo: {name}\n"));
        k += 1;
    }
    std::fs::write(yaml_path, out)?;
    Ok(())
}
