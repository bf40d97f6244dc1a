//! `booklet check --print`: what a copy shop's preflight would reject,
//! found in the laid-out print booklet and badge sheets — photos below
//! 150 ppi at their printed size, text or a photo in the bleed zone that is
//! not meant to bleed, colours outside the layout's colour space, fonts
//! whose licence forbids embedding. Each is an error naming the file and
//! page.

use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Pt, Rect};
use crate::layout::{Document, Item, Leaves};
use crate::model::{BookletLayout, Colour, PhotoData};
use crate::text::FontBook;
use std::collections::BTreeSet;

/// Below this, a photo prints soft.
pub const MIN_PPI: f64 = 150.0;
/// Text this close to the trim risks being cut.
pub const SAFE_MM: f64 = 3.0;

/// Every problem of the print files.
pub fn check(files: &[(&str, &Document)], layout: &BookletLayout, book: &FontBook) -> Diagnostics {
    let mut out = Diagnostics::new();
    let cmyk = layout_is_cmyk(layout);
    let mut faces = BTreeSet::new();
    for (file, doc) in files {
        for (p, page) in doc.pages.iter().enumerate() {
            let at = |m: String| Diagnostic::error(format!("{file}, page {}: {m}", p + 1));
            let leaves = page.leaves();
            for &(chain, item) in &leaves.items {
                if let Item::Text { run, .. } = item {
                    faces.insert(run.face);
                }
                for problem in item_problems(&leaves, chain, item, page.size, page.bleed, cmyk) {
                    out.push(at(problem));
                }
            }
        }
    }
    for face in faces {
        let face = book.face(face);
        if restricted(face) {
            out.push(
                Diagnostic::error(format!(
                    "the font `{}` does not allow embedding",
                    face.postscript_name
                ))
                .hint("its licence (OS/2 fsType) is restricted: use another font")
                .in_file(&face.file),
            );
        }
    }
    out
}

/// Whether any of the layout's colours is CMYK: then the file is for a
/// CMYK press, and RGB colours and photos would be converted by the shop.
fn layout_is_cmyk(l: &BookletLayout) -> bool {
    let s = &l.styles;
    let colours = [
        l.accent,
        l.rule,
        l.cover_colour,
        s.body.colour,
        s.heading.colour,
        s.speaker_name.colour,
        s.affiliation.colour,
        s.talk_title.colour,
        s.cover_title.colour,
        s.cover_detail.colour,
        s.contents_title.colour,
        s.contents_entry.colour,
        s.footer.colour,
    ];
    colours.iter().any(|c| matches!(c, Colour::Cmyk(..)))
}

/// What is wrong with one item, if anything.
fn item_problems(
    leaves: &Leaves<'_>,
    chain: usize,
    item: &Item,
    size: crate::geom::Size,
    bleed: Pt,
    cmyk: bool,
) -> Vec<String> {
    let trim = Rect::new(Pt::ZERO, Pt::ZERO, size.w, size.h);
    let safe = Pt::mm(SAFE_MM);
    let mut out = Vec::new();
    let rgb = |c: &Colour| {
        cmyk && matches!(c, Colour::Rgb(..)) && *c != Colour::WHITE && *c != Colour::BLACK
    };
    match item {
        Item::Text { origin, run } => {
            let o = leaves.point(chain, *origin);
            let (x0, x1) = (o.x, o.x + run.width);
            let (y0, y1) = (o.y - run.size * 0.8, o.y + run.size * 0.25);
            let text: String = run.glyphs.iter().map(|g| g.text.as_str()).collect();
            if run.glyphs.is_empty() || text.trim().is_empty() {
                return out;
            }
            if x0 < safe || y0 < safe || x1 > size.w - safe || y1 > size.h - safe {
                out.push(format!(
                    "text “{}” is within {SAFE_MM} mm of the trim and may be cut",
                    text.trim()
                ));
            }
            if rgb(&run.colour) {
                out.push(format!("text “{}” is in RGB in a CMYK layout", text.trim()));
            }
        }
        Item::Image {
            photo, rect, clip, ..
        } => {
            let seen = leaves.rect(chain, *clip);
            let r = leaves.rect(chain, *rect);
            let ppi = f64::from(photo.width) / (r.w.0 / 72.0);
            if ppi < MIN_PPI {
                out.push(format!(
                    "photo `{}` prints at {ppi:.0} ppi (below {MIN_PPI:.0})",
                    photo.path.display()
                ));
            }
            if let Some(why) = bleeds_badly(seen, trim, bleed) {
                out.push(format!("photo `{}` {why}", photo.path.display()));
            }
            let rgb_photo = match &photo.data {
                PhotoData::Jpeg { components, .. } => *components == 3,
                PhotoData::Raw { components, .. } => *components == 3,
            };
            if cmyk && rgb_photo {
                out.push(format!(
                    "photo `{}` is RGB in a CMYK layout",
                    photo.path.display()
                ));
            }
        }
        Item::Rect { rect, fill, .. } => {
            if let Some(why) = bleeds_badly(leaves.rect(chain, *rect), trim, bleed) {
                out.push(format!("a coloured area {why}"));
            }
            if fill.as_ref().is_some_and(rgb) {
                out.push("a coloured area is in RGB in a CMYK layout".into());
            }
        }
        _ => {}
    }
    out
}

/// Something that crosses the trim must run on to the end of the bleed,
/// or the cut leaves a sliver of paper or of colour.
fn bleeds_badly(r: Rect, trim: Rect, bleed: Pt) -> Option<&'static str> {
    let tolerance = Pt(0.5);
    let crosses = |a: Pt, edge: Pt, outward: bool| {
        if outward {
            a > edge + tolerance
        } else {
            a < edge - tolerance
        }
    };
    let reaches = |a: Pt, edge: Pt, outward: bool| {
        if outward {
            a + tolerance >= edge + bleed
        } else {
            a - tolerance <= edge - bleed
        }
    };
    let sides = [
        (r.x, trim.x, false),
        (r.y, trim.y, false),
        (r.right(), trim.right(), true),
        (r.bottom(), trim.bottom(), true),
    ];
    for (a, edge, outward) in sides {
        if crosses(a, edge, outward) && !reaches(a, edge, outward) {
            return Some(
                "crosses the trim but stops inside the bleed: extend it to the bleed's edge, or keep it inside the page",
            );
        }
    }
    None
}

/// Whether the font's licence forbids embedding (fsType bit 1 alone).
fn restricted(face: &crate::text::fonts::Face) -> bool {
    use read_fonts::TableProvider;
    let Ok(font) = read_fonts::FontRef::new(face.data.as_ref().as_ref()) else {
        return false;
    };
    font.os2().is_ok_and(|o| o.fs_type() & 0x000F == 0x0002)
}
