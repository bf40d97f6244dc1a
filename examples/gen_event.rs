//! Generates a test event of N speakers for benchmarks and stress tests,
//! with a programme of D days and R rooms (20 talks per room and day) when
//! asked.
//!
//!     cargo run --release --example gen_event -- N DIR [--days D --rooms R] [--own-photos | --camera-photos]
//!
//! With `--own-photos` every speaker gets a photo of their own (the
//! portraits, each brightened a little differently and saved again), as in
//! a real event: no photo work is shared between speakers. With
//! `--camera-photos` each is also as large as a camera's (3000 × 4000
//! pixels, with a camera's fine noise).

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
    if rest.iter().any(|a| a == "--camera-photos") {
        own_photos(&dir, Some((3000, 4000)))?;
    } else if rest.iter().any(|a| a == "--own-photos") {
        own_photos(&dir, None)?;
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

/// Gives every speaker of the generated event a JPEG of their own, at
/// `size` if one is given.
fn own_photos(dir: &Path, size: Option<(u32, u32)>) -> Result<(), Box<dyn std::error::Error>> {
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
        let mut img = match size {
            Some((w, h)) => upscale(&sources[file], w, h)?,
            None => sources[file].clone(),
        };
        let lift = (k % 40) as u8;
        let mut seed = k as u32 + 1;
        for p in img.pixels_mut() {
            // A sensor's noise, where the upscaled photo has none.
            let noise = match size {
                Some(_) => {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed % 9) as u8
                }
                None => 0,
            };
            p.0 = p.0.map(|c| c.saturating_add(lift).saturating_add(noise));
        }
        let name = format!("own-{k:05}.jpg");
        match size {
            // Quick to write, as a camera's JPEG.
            Some((w, h)) => jpeg_encoder::Encoder::new_file(pictures.join(&name), 90)?.encode(
                img.as_raw(),
                u16::try_from(w)?,
                u16::try_from(h)?,
                jpeg_encoder::ColorType::Rgb,
            )?,
            None => img.save(pictures.join(&name))?,
        }
        out.push_str(&format!("  photo: {name}\n"));
        k += 1;
    }
    std::fs::write(yaml_path, out)?;
    Ok(())
}

/// `img` enlarged to `w` × `h` (bilinear, by fast_image_resize: the
/// `image` crate's filter took a second a photo).
fn upscale(
    img: &image::RgbImage,
    w: u32,
    h: u32,
) -> Result<image::RgbImage, Box<dyn std::error::Error>> {
    use fast_image_resize as fr;
    let src =
        fr::images::ImageRef::new(img.width(), img.height(), img.as_raw(), fr::PixelType::U8x3)?;
    let mut dst = fr::images::Image::new(w, h, fr::PixelType::U8x3);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Bilinear));
    fr::Resizer::new().resize(&src, &mut dst, &options)?;
    Ok(image::RgbImage::from_raw(w, h, dst.into_vec()).ok_or("size")?)
}
