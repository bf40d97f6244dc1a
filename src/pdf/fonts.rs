//! Fonts for the PDF: each face subset to the glyphs a document uses,
//! renumbered, and embedded as a CID font (Type0, Identity-H, TrueType
//! outlines) whose ToUnicode maps every glyph back to the text it stands
//! for. Written with lopdf: printpdf's font path collected glyphs from its
//! own operations, which this writer no longer makes.

use crate::layout::{Document, Item};
use crate::text::{FaceId, FontBook, GlyphText};
use lopdf::{Dictionary, Object, Stream};
use read_fonts::TableProvider;
use read_fonts::types::GlyphId;
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

/// One embedded face: its resource name, old → new glyph ids, widths and
/// what each glyph reads as.
pub struct Embedded {
    /// The resource name pages use (`F0`, `F1`, …).
    pub id: String,
    /// Advance of each new glyph id in the /W units (1/1000 em, truncated),
    /// to compute exact TJ adjustments.
    widths: BTreeMap<u16, i64>,
    /// Old glyph id → (new id, width), looked up for every glyph a page
    /// shows: a table, not a map search.
    codes: Vec<(u16, i64)>,
    /// The text of each new glyph id, for copying text out.
    text: BTreeMap<u16, GlyphText>,
    /// The subset font program.
    program: Vec<u8>,
    /// `ABCDEF+PostScriptName`.
    name: String,
    descriptor: Descriptor,
}

/// What the font descriptor says, in 1/1000 em.
struct Descriptor {
    ascent: i64,
    descent: i64,
    cap_height: i64,
    bbox: [i64; 4],
    italic_angle: i64,
    stem_v: i64,
}

/// Subsets every face the document uses. Faces that fail to subset are
/// embedded whole rather than dropped: a bigger file beats missing text.
pub fn embed(doc: &Document, book: &FontBook) -> BTreeMap<FaceId, Embedded> {
    // Each glyph's text: the last use wins, in page and painting order. By
    // glyph id in a table per face: a large booklet has millions of glyphs.
    let mut used: BTreeMap<FaceId, Vec<Option<&GlyphText>>> = BTreeMap::new();
    for page in &doc.pages {
        page.each_item(&mut |item| {
            if let Item::Text { run, .. } = item {
                let glyphs = used.entry(run.face).or_default();
                for g in &run.glyphs {
                    let id = usize::from(g.id);
                    if id >= glyphs.len() {
                        glyphs.resize(id + 1, None);
                    }
                    glyphs[id] = Some(&g.text);
                }
            }
        });
    }
    used.into_iter()
        .enumerate()
        .map(|(n, (face_id, glyphs))| {
            let glyphs = (glyphs.into_iter().enumerate())
                .filter_map(|(id, text)| Some((id as u16, text?.clone())))
                .collect();
            (face_id, embed_face(n, book, face_id, glyphs))
        })
        .collect()
}

fn embed_face(
    n: usize,
    book: &FontBook,
    face_id: FaceId,
    glyphs: BTreeMap<u16, GlyphText>,
) -> Embedded {
    let face = book.face(face_id);
    let mut all: Vec<u16> = vec![0];
    all.extend(glyphs.keys().copied().filter(|&g| g != 0));
    let mapper = GlyphRemapper::new_from_glyphs(&all);
    let (program, remap): (Vec<u8>, BTreeMap<u16, u16>) =
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
    let widths: BTreeMap<u16, i64> = remap
        .iter()
        .map(|(&old, &new)| {
            let advance = metrics
                .h_advance(GlyphId::new(u32::from(old)))
                .round()
                .max(0.0) as u16;
            (new, (f32::from(advance) * 1000.0 / f32::from(upem)) as i64)
        })
        .collect();
    let text = glyphs
        .into_iter()
        .filter_map(|(old, text)| Some((*remap.get(&old)?, text)))
        .collect();
    let tag = subset_tag(&face.postscript_name, &all);
    let mut codes = vec![(0, 0); remap.keys().max().map_or(0, |&m| usize::from(m) + 1)];
    for (&old, &new) in &remap {
        codes[usize::from(old)] = (new, widths.get(&new).copied().unwrap_or(0));
    }
    Embedded {
        id: format!("F{n}"),
        widths,
        codes,
        text,
        program,
        name: format!("{tag}+{}", face.postscript_name),
        descriptor: descriptor(face),
    }
}

/// Bounding box, slant, weight and heights, in 1/1000 em, for the font
/// descriptor (viewers use them when they must substitute).
fn descriptor(face: &crate::text::fonts::Face) -> Descriptor {
    let font = read_fonts::FontRef::new(face.data.as_ref().as_ref()).ok();
    let head = font.as_ref().and_then(|f| f.head().ok());
    let hhea = font.as_ref().and_then(|f| f.hhea().ok());
    let os2 = font.as_ref().and_then(|f| f.os2().ok());
    let scale = 1000.0 / f64::from(face.units_per_em.max(1));
    let units = |v: i16| (f64::from(v) * scale).round() as i64;
    let bbox = head
        .map(|h| [h.x_min(), h.y_min(), h.x_max(), h.y_max()].map(units))
        .unwrap_or([0, -250, 1000, 900]);
    let (rise, run) = hhea
        .map(|h| (h.caret_slope_rise(), h.caret_slope_run()))
        .unwrap_or((1, 0));
    // Counter-clockwise from vertical: an italic leans right, negative.
    let italic_angle = match rise {
        0 => 0,
        _ => (-f64::from(run).atan2(f64::from(rise)).to_degrees()).round() as i64,
    };
    // No table gives the stem width: estimated from the weight class, as
    // PDF producers do (about 88 at 400, 166 at 700).
    let weight = os2.map(|o| o.us_weight_class()).unwrap_or(400);
    let em = |v: f64| (v * 1000.0).round() as i64;
    Descriptor {
        ascent: em(face.ascender),
        descent: em(face.descender),
        cap_height: em(face.cap_height),
        bbox,
        italic_angle,
        stem_v: 50 + (f64::from(weight) / 65.0).powi(2).round() as i64,
    }
}

impl Embedded {
    /// The code a glyph is shown with (its id in the subset) and its /W
    /// width; glyph 0 for one the subset lacks.
    pub fn code(&self, old: u16) -> (u16, i64) {
        self.codes.get(usize::from(old)).copied().unwrap_or((0, 0))
    }

    /// Adds the font (Type0 dictionary, CID font, descriptor, program and
    /// ToUnicode) to `pdf`; returns the Type0 dictionary's id.
    pub fn add_to(&self, pdf: &mut lopdf::Document) -> lopdf::ObjectId {
        let name = || Object::Name(self.name.clone().into_bytes());
        let mut program = Dictionary::new();
        program.set("Length1", Object::Integer(self.program.len() as i64));
        let program = pdf.add_object(Stream::new(program, self.program.clone()));
        let d = &self.descriptor;
        const NONSYMBOLIC: i64 = 1 << 5;
        const ITALIC: i64 = 1 << 6;
        let flags = NONSYMBOLIC | if d.italic_angle != 0 { ITALIC } else { 0 };
        let descriptor = pdf.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"FontDescriptor".to_vec())),
            ("FontName", name()),
            ("Ascent", d.ascent.into()),
            ("Descent", d.descent.into()),
            ("CapHeight", d.cap_height.into()),
            ("ItalicAngle", d.italic_angle.into()),
            ("Flags", flags.into()),
            ("StemV", d.stem_v.into()),
            ("FontBBox", Object::Array(d.bbox.map(Object::from).to_vec())),
            ("FontFile2", Object::Reference(program)),
        ]));
        let cid_font = Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
            ("BaseFont", name()),
            (
                "CIDSystemInfo",
                Object::Dictionary(Dictionary::from_iter([
                    ("Registry", Object::string_literal("Adobe")),
                    ("Ordering", Object::string_literal("Identity")),
                    ("Supplement", 0.into()),
                ])),
            ),
            ("FontDescriptor", Object::Reference(descriptor)),
            ("W", Object::Array(self.w_array())),
            ("DW", 1000.into()),
            ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
        ]);
        let to_unicode = pdf.add_object(Stream::new(Dictionary::new(), self.to_unicode()));
        pdf.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"Type0".to_vec())),
            ("BaseFont", name()),
            ("Encoding", Object::Name(b"Identity-H".to_vec())),
            ("DescendantFonts", Object::Array(vec![cid_font.into()])),
            ("ToUnicode", Object::Reference(to_unicode)),
        ]))
    }

    /// `/W`: runs of consecutive glyph ids, each with its widths.
    fn w_array(&self) -> Vec<Object> {
        let mut w = Vec::new();
        let mut run: Option<(u16, Vec<Object>)> = None;
        for (&gid, &width) in &self.widths {
            match &mut run {
                Some((first, widths)) if usize::from(*first) + widths.len() == usize::from(gid) => {
                    widths.push(width.into())
                }
                _ => {
                    if let Some((first, widths)) = run.take() {
                        w.extend([Object::from(i64::from(first)), Object::Array(widths)]);
                    }
                    run = Some((gid, vec![width.into()]));
                }
            }
        }
        if let Some((first, widths)) = run {
            w.extend([Object::from(i64::from(first)), Object::Array(widths)]);
        }
        w
    }

    /// The ToUnicode CMap: each glyph id to its text in UTF-16BE.
    fn to_unicode(&self) -> Vec<u8> {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<(&u16, &GlyphText)> =
            self.text.iter().filter(|(_, t)| !t.is_empty()).collect();
        // At most 100 entries a block, as the CMap format requires.
        for block in entries.chunks(100) {
            cmap.push_str(&format!("{} beginbfchar\n", block.len()));
            for (gid, text) in block {
                cmap.push_str(&format!("<{gid:04X}> <"));
                for unit in text.encode_utf16() {
                    cmap.push_str(&format!("{unit:04X}"));
                }
                cmap.push_str(">\n");
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        cmap.into_bytes()
    }
}

/// Six capital letters naming the subset, the same for the same glyphs so
/// builds are reproducible.
fn subset_tag(name: &str, gids: &[u16]) -> String {
    let mut hash = super::hash::Fingerprint::new();
    hash.feed(name.as_bytes());
    for g in gids.iter().filter(|&&g| g != 0) {
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
        let (a, b) = ([0, 1, 2, 3], [0, 1, 2, 4]);
        assert_eq!(subset_tag("X", &a), subset_tag("X", &a));
        assert_ne!(subset_tag("X", &a), subset_tag("X", &b));
        assert!(subset_tag("X", &a).chars().all(|c| c.is_ascii_uppercase()));
    }
}
