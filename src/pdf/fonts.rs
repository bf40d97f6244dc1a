//! Fonts for the PDF: each face subset to the glyphs a document uses,
//! renumbered, and embedded as a CID font whose ToUnicode maps every glyph
//! back to the text it stands for.

use crate::layout::{Document, Item};
use crate::text::{FaceId, FontBook};
use printpdf::{FontId, FontMetrics, FontType, ParsedFont, PdfFont, PdfFontMetricsStub};
use read_fonts::TableProvider;
use read_fonts::types::GlyphId;
use std::collections::{BTreeMap, BTreeSet};
use subsetter::GlyphRemapper;

/// One embedded face: its resource id, and old → new glyph ids.
pub struct Embedded {
    pub id: FontId,
    pub remap: BTreeMap<u16, u16>,
    /// Advance of each new glyph id in the /W units (1/1000 em, truncated,
    /// as printpdf writes them), to compute exact TJ offsets.
    pub widths: BTreeMap<u16, i64>,
    pub font: PdfFont,
}

/// Where each glyph's text must be given to printpdf: at the last use of
/// each (face, glyph) in page and item order. printpdf builds the
/// ToUnicode map by inserting every glyph's text in that order, the last
/// insert winning, so the text is needed there only; elsewhere passing none
/// saves a string per glyph (a million in a large booklet). Checked by the
/// end-to-end tests that extract text. (page, item, glyph) triples.
pub fn text_positions(doc: &Document) -> std::collections::HashSet<(usize, usize, usize)> {
    let mut last: std::collections::HashMap<(FaceId, u16), (usize, usize, usize)> =
        std::collections::HashMap::new();
    for (p, page) in doc.pages.iter().enumerate() {
        for (i, (_, item)) in page.leaves().items.into_iter().enumerate() {
            if let Item::Text { run, .. } = item {
                for (k, g) in run.glyphs.iter().enumerate() {
                    last.insert((run.face, g.id), (p, i, k));
                }
            }
        }
    }
    last.into_values().collect()
}

/// Subsets every face the document uses. Faces that fail to subset are
/// embedded whole rather than dropped: a bigger file beats missing text.
pub fn embed(doc: &Document, book: &FontBook) -> BTreeMap<FaceId, Embedded> {
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    for page in &doc.pages {
        page.each_item(&mut |item| {
            if let Item::Text { run, .. } = item {
                used.entry(run.face)
                    .or_default()
                    .extend(run.glyphs.iter().map(|g| g.id));
            }
        });
    }
    used.into_iter()
        .enumerate()
        .map(|(n, (face_id, gids))| (face_id, embed_face(n, book, face_id, &gids)))
        .collect()
}

fn embed_face(n: usize, book: &FontBook, face_id: FaceId, gids: &BTreeSet<u16>) -> Embedded {
    let face = book.face(face_id);
    let mut all: Vec<u16> = vec![0];
    all.extend(gids.iter().copied().filter(|&g| g != 0));
    let mapper = GlyphRemapper::new_from_glyphs(&all);
    let (bytes, remap): (Vec<u8>, BTreeMap<u16, u16>) =
        match subsetter::subset(face.data.as_ref().as_ref(), 0, &mapper) {
            Ok(bytes) => (
                bytes,
                all.iter()
                    .map(|&g| (g, mapper.get(g).unwrap_or(0)))
                    .collect(),
            ),
            Err(_) => (
                face.data.as_ref().as_ref().to_vec(),
                all.iter().map(|&g| (g, g)).collect(),
            ),
        };
    let upem = face.units_per_em.max(1);
    let metrics = face.font.glyph_metrics();
    let mut glyph_widths = BTreeMap::new();
    let mut widths = BTreeMap::new();
    for (&old, &new) in &remap {
        let advance = metrics
            .h_advance(GlyphId::new(u32::from(old)))
            .round()
            .max(0.0) as u16;
        glyph_widths.insert(new, advance);
        widths.insert(new, (f32::from(advance) * 1000.0 / f32::from(upem)) as i64);
    }
    let tag = subset_tag(&face.postscript_name, gids);
    let (x_min, y_min, x_max, y_max, rise, run, weight) = head_metrics(face);
    let parsed = ParsedFont {
        original_bytes: bytes,
        font_index: 0,
        font_name: Some(format!("{tag}+{}", face.postscript_name)),
        codepoint_to_glyph: BTreeMap::new(),
        glyph_widths,
        units_per_em: upem,
        font_metrics: FontMetrics {
            ascent: (face.ascender * f64::from(upem)).round() as i16,
            descent: (face.descender * f64::from(upem)).round() as i16,
        },
        font_type: FontType::TrueType,
        pdf_font_metrics: PdfFontMetricsStub {
            units_per_em: upem,
            x_min,
            y_min,
            x_max,
            y_max,
            caret_slope_rise: rise,
            caret_slope_run: run,
            us_weight_class: weight,
        },
    };
    Embedded {
        id: FontId(format!("F{n}")),
        remap,
        widths,
        font: PdfFont::new(parsed),
    }
}

/// Bounding box, caret slope and weight, for the font descriptor.
fn head_metrics(face: &crate::text::fonts::Face) -> (i16, i16, i16, i16, i16, i16, u16) {
    let font = read_fonts::FontRef::new(face.data.as_ref().as_ref()).ok();
    let head = font.as_ref().and_then(|f| f.head().ok());
    let hhea = font.as_ref().and_then(|f| f.hhea().ok());
    let os2 = font.as_ref().and_then(|f| f.os2().ok());
    let (x_min, y_min, x_max, y_max) = head
        .map(|h| (h.x_min(), h.y_min(), h.x_max(), h.y_max()))
        .unwrap_or((0, -250, 1000, 900));
    let (rise, run) = hhea
        .map(|h| (h.caret_slope_rise(), h.caret_slope_run()))
        .unwrap_or((1, 0));
    let weight = os2.map(|o| o.us_weight_class()).unwrap_or(400);
    (x_min, y_min, x_max, y_max, rise, run, weight)
}

/// Six capital letters naming the subset, the same for the same glyphs so
/// builds are reproducible.
fn subset_tag(name: &str, gids: &BTreeSet<u16>) -> String {
    let mut hash = super::hash::Fingerprint::new();
    hash.feed(name.as_bytes());
    for g in gids {
        hash.feed(&g.to_be_bytes());
    }
    let h = hash.fnv1a();
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_stable_and_distinct() {
        let a: BTreeSet<u16> = [1, 2, 3].into();
        let b: BTreeSet<u16> = [1, 2, 4].into();
        assert_eq!(subset_tag("X", &a), subset_tag("X", &a));
        assert_ne!(subset_tag("X", &a), subset_tag("X", &b));
        assert!(subset_tag("X", &a).chars().all(|c| c.is_ascii_uppercase()));
    }
}
