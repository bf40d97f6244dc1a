//! The typesetting quality bar, measured from the glyph positions in the
//! written PDF (not the engine's own figures): inter-word spaces of justified
//! lines, hyphenated lines, overfull lines, widows and orphans — on the
//! default event and on a generated 100-speaker event.

mod common;

use common::glyphs::{Glyph, glyphs, lines};
use common::*;

/// The body style of the default A5 layout.
const BODY_SIZE: f64 = 9.5;
const LEADING: f64 = 12.5;
const PAGE_W: f64 = 148.0 * 72.0 / 25.4;
const INNER: f64 = 18.0 * 72.0 / 25.4;
const OUTER: f64 = 15.0 * 72.0 / 25.4;
/// The most any glyph may hang into the margin (70 % of a hyphen or stop).
const MAX_HANG: f64 = 3.5;

#[derive(Debug, Default)]
struct Measured {
    lines: usize,
    justified: usize,
    spaces: Vec<f64>,
    hyphenated: usize,
    longest_run: usize,
    overfull: usize,
    widows: usize,
    orphans: usize,
}

fn is_body(line: &[Glyph]) -> bool {
    line.iter()
        .all(|g| (g.size - BODY_SIZE).abs() < 0.01 && g.font.contains("Serif"))
}

fn text(line: &[Glyph]) -> String {
    line.iter().map(|g| g.text.as_str()).collect()
}

fn measure(pdf: &std::path::Path) -> Measured {
    let doc = open(pdf);
    let pages = glyphs(&doc);
    // Where the trimmed page starts inside the media box (the bleed).
    let first = *doc.get_pages().values().next().unwrap();
    let trim_x0 = page_box(&doc, first, b"TrimBox").map_or(0.0, |b| b[0]);
    let mut m = Measured::default();
    let mut run = 0;
    // Speaker pages only: from the first page with an abstract heading.
    let first = pages
        .iter()
        .position(|p| lines(p).iter().any(|l| text(l).contains("ABSTRACT")))
        .expect("no speaker page");
    let mut previous_page_continues = false;
    for (index, page) in pages.iter().enumerate().skip(first) {
        let right_edge = trim_x0 + PAGE_W - if index % 2 == 0 { OUTER } else { INNER };
        let body: Vec<Vec<Glyph>> = lines(page).into_iter().filter(|l| is_body(l)).collect();
        let mut flags = Vec::new(); // (justified, y)
        for line in &body {
            let last = line.last().unwrap();
            let end = last.x + last.advance;
            let justified = end > right_edge - 0.5;
            m.lines += 1;
            if end > right_edge + MAX_HANG {
                m.overfull += 1;
            }
            if justified {
                m.justified += 1;
                for (k, g) in line.iter().enumerate() {
                    if g.text == " "
                        && let Some(next) = line.get(k + 1)
                    {
                        m.spaces.push((next.x - g.x) / g.size);
                    }
                }
            }
            if text(line).ends_with('-') {
                m.hyphenated += 1;
                run += 1;
                m.longest_run = m.longest_run.max(run);
            } else {
                run = 0;
            }
            flags.push((justified, line[0].y));
        }
        // Paragraphs on this page: consecutive lines one leading apart.
        let same_paragraph = |a: f64, b: f64| ((a - b) - LEADING).abs() < 0.5;
        if let Some(&(justified, y)) = flags.first() {
            let alone = flags.get(1).is_none_or(|&(_, y2)| !same_paragraph(y, y2));
            if previous_page_continues && !justified && alone {
                m.widows += 1;
            }
        }
        if let Some(&(justified, y)) = flags.last() {
            let n = flags.len();
            let alone = n == 1 || !same_paragraph(flags[n - 2].1, y);
            if justified && alone {
                m.orphans += 1;
            }
            previous_page_continues = justified;
        } else {
            previous_page_continues = false;
        }
    }
    m
}

fn check(m: &Measured, what: &str) {
    let mut spaces = m.spaces.clone();
    spaces.sort_by(f64::total_cmp);
    assert!(
        spaces.len() > 100,
        "{what}: too few spaces measured ({})",
        spaces.len()
    );
    let p95 = spaces[(spaces.len() - 1) * 95 / 100];
    let largest = *spaces.last().unwrap();
    let loose = spaces.iter().filter(|&&s| s > 0.5).count() as f64 / spaces.len() as f64;
    let hyphenated = m.hyphenated as f64 / m.lines as f64;
    eprintln!(
        "{what}: {} lines, {} justified, spaces median {:.3} p95 {p95:.3} max {largest:.3} em, \
         {:.2} % loose, {:.1} % hyphenated, run {}, {} overfull, {} widows, {} orphans",
        m.lines,
        m.justified,
        spaces[spaces.len() / 2],
        loose * 100.0,
        hyphenated * 100.0,
        m.longest_run,
        m.overfull,
        m.widows,
        m.orphans
    );
    assert!(p95 <= 0.45, "{what}: 95th percentile space {p95:.3} em");
    assert!(largest <= 0.6, "{what}: largest space {largest:.3} em");
    assert!(
        loose < 0.01,
        "{what}: {:.2} % of spaces above 0.5 em",
        loose * 100.0
    );
    assert!(
        hyphenated <= 0.15,
        "{what}: {:.1} % of lines hyphenated",
        hyphenated * 100.0
    );
    assert!(
        m.longest_run <= 2,
        "{what}: {} hyphenated lines in a row",
        m.longest_run
    );
    assert_eq!(m.overfull, 0, "{what}: overfull lines");
    assert_eq!(m.widows, 0, "{what}: widows");
    assert_eq!(m.orphans, 0, "{what}: orphans");
}

#[test]
fn default_event_meets_the_quality_bar() {
    let dir = default_event("quality-default");
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let m = measure(&dir.path().join("out/booklet.pdf"));
    check(&m, "default event");
    // The engine's own figures agree with the file's.
    let (_, stats) = &report.stats[0];
    assert_eq!(stats.widows + stats.orphans + stats.overfull, 0);
}

#[test]
fn generated_100_speaker_event_meets_the_quality_bar() {
    let dir = generated_event("quality-100", 100);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let m = measure(&dir.path().join("out/booklet.pdf"));
    assert!(m.lines > 1000, "{} body lines", m.lines);
    check(&m, "100 speakers");
}
