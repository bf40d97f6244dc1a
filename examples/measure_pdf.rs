//! Measures how a PDF's running text is set, from its glyph positions:
//! inter-word spaces of justified lines, hyphenated lines, runs of them.
//! Used to compare booklet with other typesetters on the same text.
//!
//!     cargo run --release --example measure_pdf -- FILE.pdf SIZE_PT [FIRST_PAGE]
//!
//! Lines count when all their glyphs are at SIZE_PT; a line is justified
//! when it ends within half a point of the text block's right edge on its
//! page (the most common line end), or hangs past it by punctuation.

#[path = "../tests/common/glyphs.rs"]
#[allow(dead_code)]
mod glyphs;

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .ok_or("usage: measure_pdf FILE SIZE [FIRST_PAGE]")?;
    let size: f64 = args
        .next()
        .ok_or("usage: measure_pdf FILE SIZE [FIRST_PAGE]")?
        .parse()?;
    let first: Option<usize> = args.next().map(|a| a.parse()).transpose()?;
    let doc = lopdf::Document::load(&file)?;
    // By default, from where arabic page numbers start (past the front matter).
    let first = first.unwrap_or_else(|| {
        doc.catalog()
            .ok()
            .and_then(|c| c.get(b"PageLabels").ok())
            .and_then(|l| l.as_dict().ok())
            .and_then(|l| l.get(b"Nums").ok())
            .and_then(|n| n.as_array().ok())
            .and_then(|n| n.get(2))
            .and_then(|p| p.as_i64().ok())
            .map_or(1, |p| p as usize + 1)
    });
    let pages = glyphs::glyphs(&doc);
    let (mut lines, mut justified, mut hyphenated, mut run, mut longest) = (0, 0, 0, 0, 0);
    let mut spaces: Vec<f64> = Vec::new();
    for page in pages.iter().skip(first - 1) {
        let body: Vec<Vec<glyphs::Glyph>> = glyphs::lines(page)
            .into_iter()
            .filter(|l| l.iter().all(|g| (g.size - size).abs() < 0.01))
            .collect();
        // The block's right edge: the most common line end on the page.
        let mut ends: BTreeMap<i64, usize> = BTreeMap::new();
        for l in &body {
            let g = l.last().unwrap();
            *ends
                .entry(((g.x + g.advance) * 2.0).round() as i64)
                .or_default() += 1;
        }
        let Some((&edge, _)) = ends.iter().max_by_key(|(_, n)| **n) else {
            continue;
        };
        let edge = edge as f64 / 2.0;
        for l in &body {
            lines += 1;
            let last = l.last().unwrap();
            let end = last.x + last.advance;
            let text: String = l.iter().map(|g| g.text.as_str()).collect();
            if end > edge - 0.5 {
                justified += 1;
                // A word gap: from the end of a word's last glyph to the next
                // word's first, whether or not a space glyph is drawn.
                for w in l.windows(2) {
                    if w[0].text == " " {
                        spaces.push((w[1].x - w[0].x) / size);
                    } else if w[1].text != " " && w[1].x - (w[0].x + w[0].advance) > size * 0.12 {
                        spaces.push((w[1].x - (w[0].x + w[0].advance)) / size);
                    }
                }
            }
            if text.trim_end().ends_with(['-', '\u{ad}']) {
                hyphenated += 1;
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
        }
    }
    spaces.sort_by(f64::total_cmp);
    let q = |p: f64| {
        spaces
            .get(((spaces.len().max(1) - 1) as f64 * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let loose = spaces.iter().filter(|&&s| s > 0.5).count() as f64 / spaces.len().max(1) as f64;
    println!(
        "{file}: {lines} lines, {justified} justified; spaces median {:.3}, p95 {:.3}, largest {:.3} em; {:.1} % above 0.5 em; {:.1} % hyphenated, longest run {longest}",
        q(0.5),
        q(0.95),
        spaces.last().copied().unwrap_or(0.0),
        loose * 100.0,
        100.0 * hyphenated as f64 / lines.max(1) as f64
    );
    Ok(())
}
