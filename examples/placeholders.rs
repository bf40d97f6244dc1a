//! Writes neutral placeholder portraits — a silhouette with the speaker's
//! initials — for every `photo:` in an event's `data/speakers.yaml` whose
//! file is missing (or for all of them with `--force`).
//!
//!     cargo run --example placeholders -- [PROJECT_DIR] [--force]
//!
//! Real photos replace them under the same names with no other change.

use booklet::files::Files;
use harfrust::font::glyph::outline::{DrawMemory, DrawOptions, PathSink};
use harfrust::{Font, GlyphId};
use image::{ImageEncoder, Rgb, RgbImage, codecs::jpeg::JpegEncoder};
use std::path::{Path, PathBuf};

const W: u32 = 600;
const H: u32 = 800;
/// Samples per pixel side when filling shapes, for smooth edges.
const SS: u32 = 4;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let force = args.iter().any(|a| a == "--force");
    let project = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let files = Files::new(&project);
    let (font_bytes, _) = files.read(Path::new("fonts/SourceSans3-Bold.ttf"))?;
    let font = Font::new(font_bytes.into_owned(), 0).ok_or("cannot parse the font")?;
    let text = std::fs::read_to_string(project.join("data/speakers.yaml"))?;
    let speakers: serde_yaml::Value = serde_yaml::from_str(&text)?;
    let dir = project.join("speakers_pictures");
    std::fs::create_dir_all(&dir)?;
    for s in speakers.as_sequence().into_iter().flatten() {
        let (Some(name), Some(photo)) = (s["name"].as_str(), s["photo"].as_str()) else {
            continue;
        };
        let path = dir.join(photo);
        if path.exists() && !force {
            println!("kept     {}", path.display());
            continue;
        }
        let img = portrait(&font, &initials(name));
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 82).write_image(
            img.as_raw(),
            W,
            H,
            image::ExtendedColorType::Rgb8,
        )?;
        std::fs::write(&path, out)?;
        println!("wrote    {}", path.display());
    }
    Ok(())
}

fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &str| {
        w.chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default()
    };
    match words.as_slice() {
        [] => String::new(),
        [one] => first(one),
        [a, .., z] => first(a) + &first(z),
    }
}

/// A flat grey-blue field, a lighter silhouette, the initials on the chest.
fn portrait(font: &Font, initials: &str) -> RgbImage {
    let background = [206u8, 212, 220];
    let figure = [232u8, 235, 239];
    let ink = [120u8, 130, 145];
    let mut img = RgbImage::from_pixel(W, H, Rgb(background));
    let head =
        |x: f32, y: f32| ((x - 300.0) / 120.0).powi(2) + ((y - 300.0) / 140.0).powi(2) <= 1.0;
    let body = |x: f32, y: f32| {
        y >= 470.0 && ((x - 300.0) / 250.0).powi(2) + ((y - 800.0) / 330.0).powi(2) <= 1.0
    };
    fill(&mut img, figure, |x, y| head(x, y) || body(x, y));
    let mut shape = Polygons::default();
    let cmap = font.charmap();
    let size = 150.0;
    let upem = f32::from(font.units_per_em());
    let metrics = font.glyph_metrics();
    let mut pen_x = 0.0;
    let glyphs: Vec<GlyphId> = initials
        .chars()
        .filter_map(|c| cmap.map_unicode(c))
        .collect();
    let total: f32 = glyphs
        .iter()
        .map(|g| metrics.h_advance(*g) * size / upem)
        .sum();
    for g in glyphs {
        if let Some(outline) = font.outline_glyphs().get(g) {
            shape.offset = (300.0 - total / 2.0 + pen_x, 690.0);
            let _ = outline.draw(
                &DrawOptions::new().with_ppem(Some(size)),
                DrawMemory::Scratch,
                &mut shape,
            );
        }
        pen_x += metrics.h_advance(g) * size / upem;
    }
    shape.close();
    fill(&mut img, ink, |x, y| shape.winding(x, y) != 0);
    img
}

/// Paints `colour` with anti-aliased coverage of the set `inside`.
fn fill(img: &mut RgbImage, colour: [u8; 3], inside: impl Fn(f32, f32) -> bool) {
    for py in 0..H {
        for px in 0..W {
            let mut hits = 0;
            for sy in 0..SS {
                for sx in 0..SS {
                    let x = px as f32 + (sx as f32 + 0.5) / SS as f32;
                    let y = py as f32 + (sy as f32 + 0.5) / SS as f32;
                    hits += u32::from(inside(x, y));
                }
            }
            if hits > 0 {
                let a = hits as f32 / (SS * SS) as f32;
                let p = img.get_pixel_mut(px, py);
                for (channel, target) in p.0.iter_mut().zip(colour) {
                    *channel =
                        (f32::from(*channel) * (1.0 - a) + f32::from(target) * a).round() as u8;
                }
            }
        }
    }
}

/// Glyph outlines flattened to closed polygons, in image pixels.
#[derive(Default)]
struct Polygons {
    rings: Vec<Vec<(f32, f32)>>,
    current: Vec<(f32, f32)>,
    offset: (f32, f32),
}

impl Polygons {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.offset.0 + x, self.offset.1 - y)
    }

    fn last(&self) -> (f32, f32) {
        self.current.last().copied().unwrap_or(self.offset)
    }

    /// Non-zero winding number of the point.
    fn winding(&self, x: f32, y: f32) -> i32 {
        let mut w = 0;
        for ring in &self.rings {
            for k in 0..ring.len() {
                let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
                if (a.1 <= y) != (b.1 <= y) {
                    let t = (y - a.1) / (b.1 - a.1);
                    if a.0 + t * (b.0 - a.0) > x {
                        w += if b.1 > a.1 { 1 } else { -1 };
                    }
                }
            }
        }
        w
    }
}

impl PathSink for Polygons {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        let p = self.at(x, y);
        self.current.push(p);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.current.push(p);
    }

    fn quad_to(&mut self, cx: f32, cy: f32, x: f32, y: f32) {
        let (p0, c, p1) = (self.last(), self.at(cx, cy), self.at(x, y));
        for i in 1..=12 {
            let t = i as f32 / 12.0;
            let u = 1.0 - t;
            self.current.push((
                u * u * p0.0 + 2.0 * u * t * c.0 + t * t * p1.0,
                u * u * p0.1 + 2.0 * u * t * c.1 + t * t * p1.1,
            ));
        }
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let (p0, c0, c1, p1) = (
            self.last(),
            self.at(cx0, cy0),
            self.at(cx1, cy1),
            self.at(x, y),
        );
        for i in 1..=16 {
            let t = i as f32 / 16.0;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            self.current.push((
                a * p0.0 + b * c0.0 + c * c1.0 + d * p1.0,
                a * p0.1 + b * c0.1 + c * c1.1 + d * p1.1,
            ));
        }
    }

    fn close(&mut self) {
        if self.current.len() > 2 {
            self.rings.push(std::mem::take(&mut self.current));
        }
        self.current.clear();
    }
}
