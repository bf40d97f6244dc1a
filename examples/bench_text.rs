//! Times the text stage alone: every abstract and biography of an event set
//! at the booklet's body style and measure, on one core.
//!
//!     cargo run --release --example bench_text -- DIR

use booklet::diag::Diagnostics;
use booklet::files::Files;
use booklet::load::{LoadOptions, load};
use booklet::text::{FontBook, Typesetter, markup};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: bench_text DIR")?;
    let files = Files::new(std::path::Path::new(&dir));
    let mut diags = Diagnostics::new();
    let options = LoadOptions {
        booklet_layout: "booklet-a5".into(),
        badge_layout: "badge-a6".into(),
        checked_photos: None,
    };
    let project = load(&files, &options, &mut diags)?;
    let layout = &project.booklet;
    let book = FontBook::load(&files, layout.fonts.values(), &mut diags);
    let mut ts = Typesetter::new(&book);
    let style = ts.style(&layout.styles.body);
    let measure = layout.page.w - layout.margins.inner - layout.margins.outer;
    let texts: Vec<Vec<markup::Span>> = project
        .speakers
        .iter()
        .flat_map(|s| [s.abstract_text.as_deref(), s.bio.as_deref()])
        .flatten()
        .flat_map(markup::parse)
        .collect();
    let start = Instant::now();
    let mut lines = 0;
    for p in &texts {
        lines += ts
            .paragraph(p, &style, measure, &project.event.language)
            .lines
            .len();
    }
    let cold = start.elapsed();
    // Again with the shaping cache warm: the breaking and placing alone.
    let start = Instant::now();
    for p in &texts {
        ts.paragraph(p, &style, measure, &project.event.language);
    }
    let warm = start.elapsed();
    println!(
        "{} speakers: {} paragraphs, {lines} lines; set in {:.3} s (shaping included), {:.3} s with shaping cached",
        project.speakers.len(),
        texts.len(),
        cold.as_secs_f64(),
        warm.as_secs_f64()
    );
    Ok(())
}
