//! Fonts for the PDF: each face subset to the glyphs a document uses,
//! renumbered, and embedded as a CID font (Type0, Identity-H, TrueType
//! outlines) whose ToUnicode maps every glyph back to the text it stands
//! for. Pages show glyphs by their ids in the whole face (the CIDs), and
//! each document's CIDToGIDMap leads to its subset: so a page's content
//! is the same in every document that shows it, and is made once. Written with lopdf: printpdf's font path collected glyphs from its
//! own operations, which this writer no longer makes.

use crate::layout::{Document, Item, Visit};
use crate::text::{FaceId, FontBook, GlyphText};
use lopdf::{Dictionary, Object, Stream};
use read_fonts::TableProvider;
use read_fonts::types::GlyphId;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use subsetter::GlyphRemapper;

/// One embedded face: its resource name, widths, what each glyph reads as
/// and where its glyphs went in the subset.
pub struct Embedded {
    /// The resource name pages use: `F` and the face's number in the
    /// build, the same in every document.
    pub id: String,
    /// Advance of each glyph used (by its id in the face, the CID) in the
    /// /W units (1/1000 em, truncated): the widths pages are set with.
    widths: BTreeMap<u16, i64>,
    /// The text of each glyph used, by CID, for copying text out.
    text: BTreeMap<u16, GlyphText>,
    /// CID → glyph id in the subset; `None` when the face is embedded
    /// whole.
    to_gid: Option<Vec<u16>>,
    /// The subset font program.
    program: Program,
    /// How its own part is kept (see [`Keep`]).
    keep: Keep,
    /// `ABCDEF+PostScriptName`.
    name: String,
    descriptor: Descriptor,
}

/// The resource name of a face in every document.
pub fn resource(face: FaceId) -> String {
    format!("F{}", face.0)
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
pub fn embed(doc: &Document, book: &FontBook, shared: &FontCache) -> BTreeMap<FaceId, Embedded> {
    let mut used = Tables::default();
    for page in &doc.pages {
        used.frame(page);
    }
    let keep = match doc.pages.len() <= FEW_PAGES {
        true => Keep::Stored,
        false => Keep::Compressed,
    };
    (used.faces())
        .map(|(id, glyphs)| (id, embed_face(book, id, glyphs.collect(), shared, keep)))
        .collect()
}

/// A file of at most this many pages is a badge, a proof or a small
/// sheet: a build writes thousands of those (see [`Keep::Stored`]).
const FEW_PAGES: usize = 4;

/// How a subset's own part (see [`Program`]) is kept in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    /// Compressed: at zlib's level 1 under [`SMALL_OWN`], else at level 5.
    Compressed,
    /// Stored under [`SMALL_OWN`], for files of a few pages: a badge's or
    /// a proof's few dozen glyphs, a few kilobytes of outlines a face,
    /// compress to 70-75 % at best, and compressing them took a tenth of
    /// a 1000-speaker build, in each of its thousands of files; stored, a
    /// badge has 1.3 KB more and a proof 3 KB (22 and 39 KB). Their
    /// shared tables stay compressed.
    Stored,
}

/// Each glyph's text, by face and glyph id: the last use wins, in page
/// and painting order. A table per face: a large booklet has millions of
/// glyphs.
#[derive(Default)]
struct Tables(BTreeMap<FaceId, Vec<Option<GlyphText>>>);

impl Tables {
    /// Notes `glyphs` of `face`, each an id with its text: the face's
    /// table found once for a run, not for every glyph.
    fn put(&mut self, face: FaceId, glyphs: impl Iterator<Item = (u16, GlyphText)>) {
        let table = self.0.entry(face).or_default();
        for (id, text) in glyphs {
            let id = usize::from(id);
            if id >= table.len() {
                table.resize(id + 1, None);
            }
            table[id] = Some(text);
        }
    }

    /// Each face's glyphs used, by id, with their text.
    fn faces(self) -> impl Iterator<Item = (FaceId, impl Iterator<Item = (u16, GlyphText)>)> {
        (self.0.into_iter()).map(|(face, table)| {
            let glyphs =
                (table.into_iter().enumerate()).filter_map(|(id, text)| Some((id as u16, text?)));
            (face, glyphs)
        })
    }

    /// The glyphs of `frame`'s text and of the frames sealed in it.
    fn frame(&mut self, frame: &crate::layout::Frame) {
        frame.visit(&mut |v| match v {
            Visit::Item(Item::Text { run, .. }) => {
                self.put(run.face, run.glyphs.iter().map(|g| (g.id, g.text)))
            }
            Visit::Sealed(seal) => {
                for used in super::sealed(seal).map_or(&[][..], |s| &s.glyphs) {
                    let pairs = used.ids.iter().copied().zip(used.texts.iter().copied());
                    self.put(used.face, pairs);
                }
            }
            Visit::Item(_) => {}
        });
    }
}

/// The glyphs of one face a sealed frame shows, each with what it reads
/// as where the frame last shows it: all that the documents showing the
/// frame need of its text to embed their fonts.
pub struct Used {
    face: FaceId,
    ids: Box<[u16]>,
    texts: Box<[GlyphText]>,
}

/// The glyphs `frame` shows, face by face (see [`Used`]).
pub fn used_in(frame: &crate::layout::Frame) -> Vec<Used> {
    let mut used = Tables::default();
    used.frame(frame);
    (used.faces())
        .map(|(face, glyphs)| {
            let (ids, texts): (Vec<u16>, Vec<GlyphText>) = glyphs.unzip();
            Used {
                face,
                ids: ids.into(),
                texts: texts.into(),
            }
        })
        .collect()
}

fn embed_face(
    book: &FontBook,
    face_id: FaceId,
    glyphs: BTreeMap<u16, GlyphText>,
    shared: &FontCache,
    keep: Keep,
) -> Embedded {
    let face = book.face(face_id);
    let mut all: Vec<u16> = vec![0];
    all.extend(glyphs.keys().copied().filter(|&g| g != 0));
    let mapper = GlyphRemapper::new_from_glyphs(&all);
    let (program, to_gid) = match shared.subset(&face.data, &mapper) {
        Ok(program) => {
            let mut to_gid = vec![0u16; all.iter().max().map_or(1, |&m| usize::from(m) + 1)];
            for &g in &all {
                to_gid[usize::from(g)] = mapper.get(g).unwrap_or(0);
            }
            (program, Some(to_gid))
        }
        Err(_) => (Program::Whole(face.data.as_ref().as_ref().to_vec()), None),
    };
    let table = shared.widths(book, face_id);
    let widths = all
        .iter()
        .map(|&g| (g, table.get(usize::from(g)).copied().unwrap_or(0)))
        .collect();
    let tag = subset_tag(&face.postscript_name, &all);
    Embedded {
        id: resource(face_id),
        widths,
        text: glyphs,
        to_gid,
        program,
        keep,
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
    /// Adds the font (Type0 dictionary, CID font, descriptor, program and
    /// ToUnicode) to `pdf`; returns the Type0 dictionary's id.
    pub fn add_to(&self, pdf: &mut lopdf::Document) -> lopdf::ObjectId {
        let name = || Object::Name(self.name.clone().into_bytes());
        let program = pdf.add_object(self.program.stream(self.keep));
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
            ("CIDToGIDMap", self.cid_to_gid(pdf)),
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

    /// Where each CID's glyph is in the subset: a stream of big-endian
    /// glyph ids, one per CID (0 for none).
    fn cid_to_gid(&self, pdf: &mut lopdf::Document) -> Object {
        match &self.to_gid {
            Some(map) => {
                let bytes = map.iter().flat_map(|g| g.to_be_bytes()).collect();
                Object::Reference(pdf.add_object(Stream::new(Dictionary::new(), bytes)))
            }
            None => Object::Name(b"Identity".to_vec()),
        }
    }

    /// `/W`: runs of consecutive CIDs, each with its widths.
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

    /// The ToUnicode CMap: each glyph id to its text in UTF-16BE. Runs of
    /// consecutive glyphs that stand for consecutive characters (a font's
    /// alphabet usually is one) are written as ranges: a third of the
    /// map's bytes, in each of a build's thousands of files.
    fn to_unicode(&self) -> Vec<u8> {
        let mut cmap = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            .to_vec();
        let entries: Vec<(u16, Vec<u16>)> = (self.text.iter())
            .filter(|(_, t)| !t.is_empty())
            .map(|(&gid, text)| (gid, text.as_str().encode_utf16().collect()))
            .collect();
        let (ranges, chars) = unicode_runs(&entries);
        use super::ascii::{decimal, hex};
        // At most 100 entries a block, as the CMap format requires.
        for block in chars.chunks(100) {
            decimal(&mut cmap, block.len() as u64);
            cmap.extend_from_slice(b" beginbfchar\n");
            for &(gid, units) in block {
                cmap.push(b'<');
                hex(&mut cmap, gid, 4);
                cmap.extend_from_slice(b"> <");
                for &unit in units {
                    hex(&mut cmap, unit, 4);
                }
                cmap.extend_from_slice(b">\n");
            }
            cmap.extend_from_slice(b"endbfchar\n");
        }
        for block in ranges.chunks(100) {
            decimal(&mut cmap, block.len() as u64);
            cmap.extend_from_slice(b" beginbfrange\n");
            for &(first, last, unit) in block {
                for (k, n) in [first, last, unit].into_iter().enumerate() {
                    cmap.extend_from_slice(if k == 0 { b"<" } else { b"> <" });
                    hex(&mut cmap, n, 4);
                }
                cmap.extend_from_slice(b">\n");
            }
            cmap.extend_from_slice(b"endbfrange\n");
        }
        cmap.extend_from_slice(
            b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n",
        );
        cmap
    }
}

/// A range of the ToUnicode map: first and last glyph id and the UTF-16
/// unit of the first; each glyph after stands for the next unit.
type UnicodeRange = (u16, u16, u16);

/// `entries` (glyph ids in order, each with its text in UTF-16) split into
/// ranges of three or more glyphs and single glyphs. A range's glyphs
/// differ only in their last byte, and so do its characters, as the CMap
/// format asks (some readers step only that byte).
fn unicode_runs(entries: &[(u16, Vec<u16>)]) -> (Vec<UnicodeRange>, Vec<(u16, &[u16])>) {
    let (mut ranges, mut chars) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < entries.len() {
        let (first, units) = &entries[i];
        // How many glyphs from `first` on step with their characters.
        let run = match units[..] {
            [unit] => {
                let follows = |(step, (gid, units)): (u32, &(u16, Vec<u16>))| {
                    u32::from(*gid) == u32::from(*first) + step
                        && gid >> 8 == first >> 8
                        && units.len() == 1
                        && u32::from(units[0]) == u32::from(unit) + step
                        && units[0] >> 8 == unit >> 8
                };
                1 + (1..)
                    .zip(&entries[i + 1..])
                    .take_while(|&e| follows(e))
                    .count()
            }
            _ => 1,
        };
        if run >= 3 {
            ranges.push((*first, entries[i + run - 1].0, units[0]));
            i += run;
        } else {
            chars.push((*first, &units[..]));
            i += 1;
        }
    }
    (ranges, chars)
}

/// A subset's own part under this size (a badge's or proof's few dozen
/// glyphs) is compressed quickly or stored (see [`Keep`]): level 6 took a
/// seventh of a 1000-speaker build's time. A booklet's subsets, bigger,
/// get level 5.
const SMALL_OWN: usize = 16 * 1024;

/// A subset font program: whole, or split into what is its own (the
/// table directory and the tables that depend on the glyphs) and the
/// tables every subset of its face copies unchanged, compressed once.
enum Program {
    Whole(Vec<u8>),
    Split { own: Vec<u8>, shared: Arc<Shared> },
}

impl Program {
    /// The FontFile2 stream: `Whole` is compressed with the file's other
    /// streams; `Split` keeps its own part as `keep` says and joins the
    /// shared one, compressed already.
    fn stream(&self, keep: Keep) -> Stream {
        let mut dict = Dictionary::new();
        match self {
            Program::Whole(bytes) => {
                dict.set("Length1", Object::Integer(bytes.len() as i64));
                Stream::new(dict, bytes.clone())
            }
            Program::Split { own, shared } => {
                let len = own.len() + shared.part.len;
                dict.set("Length1", Object::Integer(len as i64));
                dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                let own = match (own.len() < SMALL_OWN, keep) {
                    (true, Keep::Stored) => super::zlib::Part::stored(own),
                    (true, Keep::Compressed) => super::zlib::Part::quick(own),
                    (false, _) => super::zlib::Part::leading(own),
                };
                Stream::new(dict, super::zlib::join(&[&own, &shared.part]))
            }
        }
    }
}

/// What each face's subsets are made from ([`Source`]), made once per
/// build, and each face's glyph widths.
#[derive(Default)]
pub struct FontCache {
    /// By the face's bytes (address and length; the slot holds them).
    sources: Mutex<HashMap<FaceKey, Arc<SourceSlot>>>,
    /// Each face's glyph widths, by face and glyph id.
    widths: Mutex<HashMap<FaceKey, Arc<[i64]>>>,
}

impl std::fmt::Debug for FontCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FontCache")
    }
}

/// A face's bytes by address and length.
type FaceKey = (usize, usize);

/// The key of a face's bytes.
fn face_key(data: &[u8]) -> FaceKey {
    (data.as_ptr() as usize, data.len())
}

/// What a face's subsets are made from. Most of a subset's tables are
/// the same in every subset of its face — hinting programs (`fpgm`,
/// `prep`, `cvt `), names, the `post` table without glyph names — two
/// thirds of a badge's font bytes: they are compressed once per build
/// and joined to each file's own part. The subsetter is given the face
/// without them, so it neither copies nor checksums them for each of a
/// build's thousands of files (a quarter of a badge's writing).
enum Source {
    /// The face without its shared tables, and those tables.
    Split { lean: Vec<u8>, shared: Arc<Shared> },
    /// A face whose subsets share nothing: subset from its bytes without
    /// glyph names (see [`without_glyph_names`]), if it has names.
    Whole { unnamed: Option<Vec<u8>> },
}

/// A face and its [`Source`], made by the first file that needs it (the
/// others wait for it rather than make it again: every file of a build
/// starts with the same faces).
struct SourceSlot {
    /// Held so its address stays its own.
    _face: crate::text::fonts::FontData,
    source: std::sync::OnceLock<Source>,
}

impl Source {
    /// The source of `face`: which of its tables a subset has unchanged
    /// (or, for the names, rewritten alike), found by subsetting it to
    /// glyph 0 and comparing; then the face without them.
    fn of(face: &crate::text::fonts::FontData) -> Source {
        let data: &[u8] = face.as_ref().as_ref();
        let unnamed = without_glyph_names(data);
        let full = unnamed.as_deref().unwrap_or(data);
        let probe = subsetter::subset(full, 0, &GlyphRemapper::new_from_glyphs(&[0]));
        let split = probe.ok().and_then(|probe| {
            let shared = Shared::new(full, &probe)?;
            let lean = rebuilt(full, |tag, table| {
                (!shared.tables.iter().any(|(t, ..)| t == tag)).then_some(table)
            })?;
            Some((lean, shared))
        });
        match split {
            Some((lean, shared)) => Source::Split {
                lean,
                shared: Arc::new(shared),
            },
            None => Source::Whole { unnamed },
        }
    }
}

/// A face's tables that every subset has alike, laid end to end (each
/// padded to four bytes), after the subset's own tables.
struct Shared {
    /// Tag, byte range in `bytes` and checksum of each table, in tag order.
    tables: Vec<([u8; 4], std::ops::Range<usize>, u32)>,
    /// The tables, padded, end to end, compressed, to join each subset's
    /// own part.
    part: super::zlib::Part,
    /// The checksum (sum of big-endian 32-bit words) of the tables.
    sum: u32,
}

impl FontCache {
    /// Makes the [`Source`] and widths of each face `frames` show, ahead of
    /// the files: the files of a build start at once and all need the same
    /// faces, and while one made a face's source the others waited (a
    /// quarter of a small event's writing, see `crate::build`).
    pub fn prepare<'f>(
        &self,
        book: &FontBook,
        frames: impl IntoIterator<Item = &'f crate::layout::Frame>,
    ) {
        let mut faces = std::collections::BTreeSet::new();
        for frame in frames {
            frame.visit(&mut |v| match v {
                Visit::Item(Item::Text { run, .. }) => {
                    faces.insert(run.face);
                }
                Visit::Sealed(seal) => {
                    let used = super::sealed(seal).map_or(&[][..], |s| &s.glyphs);
                    faces.extend(used.iter().map(|u| u.face));
                }
                Visit::Item(_) => {}
            });
        }
        for id in faces {
            let face = book.face(id);
            self.slot(&face.data)
                .source
                .get_or_init(|| Source::of(&face.data));
            self.widths(book, id);
        }
    }

    /// The advance of every glyph of a face in the /W units: 1/1000 em,
    /// from the advance rounded to whole font units, truncated. Pages
    /// compute their TJ adjustments against the same widths the viewer
    /// reads from /W, so glyphs land where layout put them.
    pub fn widths(&self, book: &FontBook, id: FaceId) -> Arc<[i64]> {
        let face = book.face(id);
        let data: &[u8] = face.data.as_ref().as_ref();
        let mut widths = self.widths.lock().unwrap_or_else(|e| e.into_inner());
        widths
            .entry(face_key(data))
            .or_insert_with(|| {
                let upem = f32::from(face.units_per_em.max(1));
                let count = read_fonts::FontRef::new(data)
                    .ok()
                    .and_then(|f| f.maxp().ok())
                    .map_or(0, |m| m.num_glyphs());
                let metrics = face.font.glyph_metrics();
                (0..count)
                    .map(|g| {
                        let advance = metrics
                            .h_advance(GlyphId::new(u32::from(g)))
                            .round()
                            .max(0.0) as u16;
                        (f32::from(advance) * 1000.0 / upem) as i64
                    })
                    .collect()
            })
            .clone()
    }

    /// Whether `face`'s [`Source`] is made.
    #[cfg(test)]
    pub fn has_source(&self, face: &crate::text::fonts::FontData) -> bool {
        let data: &[u8] = face.as_ref().as_ref();
        let sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        (sources.get(&face_key(data))).is_some_and(|slot| slot.source.get().is_some())
    }

    /// Where `face`'s [`Source`] is kept for the build.
    fn slot(&self, face: &crate::text::fonts::FontData) -> Arc<SourceSlot> {
        let data: &[u8] = face.as_ref().as_ref();
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        (sources.entry(face_key(data)))
            .or_insert_with(|| {
                Arc::new(SourceSlot {
                    _face: face.clone(),
                    source: std::sync::OnceLock::new(),
                })
            })
            .clone()
    }

    /// `face` subset to the glyphs of `mapper`, as a program whose shared
    /// tables are compressed once; whole when they cannot be.
    fn subset(
        &self,
        face: &crate::text::fonts::FontData,
        mapper: &GlyphRemapper,
    ) -> Result<Program, subsetter::Error> {
        let slot = self.slot(face);
        // Made outside the map's lock: files wait only for their faces.
        match slot.source.get_or_init(|| Source::of(face)) {
            Source::Split { lean, shared } => {
                let subset = subsetter::subset(lean, 0, mapper)?;
                match shared.own(&subset) {
                    Some(own) => Ok(Program::Split {
                        own,
                        shared: shared.clone(),
                    }),
                    // Not what the probe promised: the face as it is.
                    None => {
                        subsetter::subset(face.as_ref().as_ref(), 0, mapper).map(Program::Whole)
                    }
                }
            }
            Source::Whole { unnamed } => {
                let data = unnamed.as_deref().unwrap_or(face.as_ref().as_ref());
                subsetter::subset(data, 0, mapper).map(Program::Whole)
            }
        }
    }
}

/// Tables the subsetter writes anew but the same for every subset of a
/// face: the names (a third of a badge's own font bytes).
const REWRITTEN_ALIKE: [&[u8; 4]; 1] = [b"name"];

impl Shared {
    /// The tables of `probe` (a subset of `source`) that are byte for
    /// byte those of `source`, and those every subset has alike
    /// ([`REWRITTEN_ALIKE`]).
    fn new(source: &[u8], probe: &[u8]) -> Option<Shared> {
        let original = read_fonts::FontRef::new(source).ok()?;
        let mut tables = Vec::new();
        let mut bytes = Vec::new();
        for (tag, range) in directory(probe)? {
            let table = &probe[range];
            let same = original
                .table_data(read_fonts::types::Tag::new(&tag))
                .is_some_and(|t| t.as_bytes() == table);
            if same || REWRITTEN_ALIKE.contains(&&tag) {
                let at = bytes.len()..bytes.len() + table.len();
                tables.push((tag, at, checksum(table)));
                bytes.extend_from_slice(table);
                bytes.resize(bytes.len().next_multiple_of(4), 0);
            }
        }
        if tables.is_empty() {
            return None;
        }
        Some(Shared {
            part: super::zlib::Part::shared(&bytes),
            sum: checksum(&bytes),
            tables,
        })
    }

    /// The own part of a font whose tables are `subset`'s (a subset of
    /// the lean face) and the shared ones: header, directory of all of
    /// them in tag order (the shared ones placed past the part's end)
    /// and `subset`'s tables. `None` if `subset` has a shared table.
    fn own(&self, subset: &[u8]) -> Option<Vec<u8>> {
        /// Where a table's bytes are.
        enum At {
            /// In the subset, with the checksum the subsetter gave it.
            Own(std::ops::Range<usize>, [u8; 4]),
            /// In the shared part.
            Shared(std::ops::Range<usize>, u32),
        }
        let mut records: Vec<([u8; 4], At)> = Vec::new();
        for (i, (tag, range)) in directory(subset)?.into_iter().enumerate() {
            if self.tables.iter().any(|(t, ..)| *t == tag) {
                return None;
            }
            let sum = subset[12 + 16 * i + 4..12 + 16 * i + 8].try_into().ok()?;
            records.push((tag, At::Own(range, sum)));
        }
        for (tag, range, sum) in &self.tables {
            records.push((*tag, At::Shared(range.clone(), *sum)));
        }
        records.sort_by_key(|(tag, _)| *tag);
        let n = records.len();
        let mut own = header(subset, n)?;
        let mut offsets = Vec::with_capacity(n);
        for (_, at) in &records {
            if let At::Own(range, _) = at {
                offsets.push(own.len());
                own.extend_from_slice(&subset[range.clone()]);
                own.resize(own.len().next_multiple_of(4), 0);
            } else {
                offsets.push(0);
            }
        }
        let base = own.len();
        let mut head = None;
        for (i, (tag, at)) in records.iter().enumerate() {
            let (offset, len, sum) = match at {
                At::Own(range, sum) => (offsets[i], range.len(), *sum),
                At::Shared(range, sum) => (base + range.start, range.len(), sum.to_be_bytes()),
            };
            let record = 12 + 16 * i;
            own[record..record + 4].copy_from_slice(tag);
            own[record + 4..record + 8].copy_from_slice(&sum);
            own[record + 8..record + 12].copy_from_slice(&(offset as u32).to_be_bytes());
            own[record + 12..record + 16].copy_from_slice(&(len as u32).to_be_bytes());
            if tag == b"head" && len >= 12 {
                head = Some(offset);
            }
        }
        // The whole font's checksum adjustment, as the format asks.
        if let Some(at) = head.filter(|&at| at + 12 <= base) {
            own[at + 8..at + 12].fill(0);
            let sum = checksum(&own).wrapping_add(self.sum);
            own[at + 8..at + 12].copy_from_slice(&0xB1B0_AFBAu32.wrapping_sub(sum).to_be_bytes());
        }
        Some(own)
    }
}

/// `font` with each table as `table` gives it (the same, another, or
/// none), in the same order, each padded to four bytes; `None` if `font`
/// cannot be read. Only ever read by the subsetter (which checks no
/// checksums and computes its own): the records' checksums are left 0,
/// which saves a pass over every face at every build.
fn rebuilt<'a>(
    font: &'a [u8],
    table: impl Fn(&[u8; 4], &'a [u8]) -> Option<&'a [u8]>,
) -> Option<Vec<u8>> {
    let tables: Vec<([u8; 4], &[u8])> = directory(font)?
        .into_iter()
        .filter_map(|(tag, range)| Some((tag, table(&tag, &font[range])?)))
        .collect();
    let n = tables.len();
    let mut out = header(font, n)?;
    for (i, (tag, table)) in tables.iter().enumerate() {
        let record = 12 + 16 * i;
        out[record..record + 4].copy_from_slice(tag);
        let offset = out.len() as u32;
        out[record + 8..record + 12].copy_from_slice(&offset.to_be_bytes());
        out[record + 12..record + 16].copy_from_slice(&(table.len() as u32).to_be_bytes());
        out.extend_from_slice(table);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    Some(out)
}

/// The start of a font of `n` tables with `font`'s version: the header
/// as the format asks (and the subsetter writes it), then room for the
/// `n` table records.
fn header(font: &[u8], n: usize) -> Option<Vec<u8>> {
    let selector = n.max(1).ilog2();
    let range = (1usize << selector) * 16;
    let mut out = font.get(..4)?.to_vec();
    for field in [n, range, selector as usize, (n * 16).saturating_sub(range)] {
        out.extend_from_slice(&(field as u16).to_be_bytes());
    }
    out.resize(12 + 16 * n, 0);
    Some(out)
}

/// `font` with its `post` table cut to version 3, which names no glyphs:
/// what its subsets are made from. A PDF's CID fonts find glyphs by id
/// and their text by ToUnicode, never by name, and the subsetter read all
/// of a face's glyph names again for every subset (a third of its time,
/// in each of a build's thousands of files). `None` when the font has no
/// glyph names to drop or cannot be read.
fn without_glyph_names(font: &[u8]) -> Option<Vec<u8>> {
    let tables = directory(font)?;
    let (_, post) = tables.iter().find(|(tag, _)| tag == b"post")?;
    if font.get(post.start..post.start + 4)? != [0, 2, 0, 0] || post.len() < 32 {
        return None;
    }
    let mut version3 = font[post.start..post.start + 32].to_vec();
    version3[..4].copy_from_slice(&[0, 3, 0, 0]);
    rebuilt(font, |tag, table| match tag {
        b"post" => Some(&version3[..]),
        _ => Some(table),
    })
}

/// The table directory of a TrueType font: tag and byte range of each
/// table, checked to lie inside the font.
fn directory(font: &[u8]) -> Option<Vec<([u8; 4], std::ops::Range<usize>)>> {
    let u32_at = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let n = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    (0..n)
        .map(|i| {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
            let offset = u32_at(record + 8)? as usize;
            let len = u32_at(record + 12)? as usize;
            font.get(offset..offset.checked_add(len)?)?;
            Some((tag, offset..offset + len))
        })
        .collect()
}

/// The sum of `bytes` as big-endian 32-bit words (zero-padded).
fn checksum(bytes: &[u8]) -> u32 {
    let words = bytes.chunks_exact(4);
    let mut last = [0u8; 4];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    words
        .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
        .fold(u32::from_be_bytes(last), u32::wrapping_add)
}

/// Six capital letters naming the subset, the same for the same glyphs so
/// builds are reproducible.
fn subset_tag(name: &str, gids: &[u16]) -> String {
    let mut hash = super::hash::Fnv1a::new();
    hash.feed(name.as_bytes());
    for g in gids.iter().filter(|&&g| g != 0) {
        hash.feed(&g.to_be_bytes());
    }
    let h = hash.finish();
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::zlib::inflate;
    use super::*;

    /// Two subsets of one face share its unchanged tables, compressed
    /// once; each program inflates to a valid font with the subset's
    /// tables, byte for byte, and a right checksum adjustment.
    #[test]
    fn subsets_share_their_faces_unchanged_tables() {
        let (_, book) = crate::text::fonts::tests::sans();
        let face = book.face(FaceId(0));
        let data: &[u8] = face.data.as_ref().as_ref();
        let cache = FontCache::default();
        let mut parts = Vec::new();
        for glyphs in [&[0u16, 5, 6, 7][..], &[0, 40, 41, 300, 301]] {
            let mapper = GlyphRemapper::new_from_glyphs(glyphs);
            let program = cache.subset(&face.data, &mapper).unwrap();
            let Program::Split { own, shared: part } = &program else {
                panic!("not split")
            };
            let shared = |tag: &[u8; 4]| part.tables.iter().any(|(t, ..)| t == tag);
            assert!(shared(b"fpgm"));
            // Rewritten by the subsetter, alike in every subset.
            assert!(shared(b"name"));
            // Without glyph names: the same in every subset.
            assert!(shared(b"post"));
            assert!(!shared(b"glyf"));
            parts.push(part.clone());
            // Stored or compressed, the same font.
            let [stored, compressed] = [Keep::Stored, Keep::Compressed].map(|k| program.stream(k));
            assert!(stored.content.len() > compressed.content.len());
            assert_eq!(inflate(&stored.content), inflate(&compressed.content));
            let stream = compressed;
            assert_eq!(
                stream.dict.get(b"Filter").unwrap().as_name().unwrap(),
                b"FlateDecode"
            );
            let font = inflate(&stream.content);
            assert_eq!(font.len(), own.len() + part.part.len);
            let length1 = stream.dict.get(b"Length1").unwrap().as_i64().unwrap();
            assert_eq!(length1 as usize, font.len());
            // The tables the subsetter makes of the whole face, at their
            // new places, with their checksums.
            let unnamed = without_glyph_names(data).unwrap();
            let theirs = subsetter::subset(&unnamed, 0, &mapper).unwrap();
            assert_eq!(font[..12], theirs[..12]);
            let (a, b) = (directory(&font).unwrap(), directory(&theirs).unwrap());
            assert_eq!(a.len(), b.len());
            for (i, ((tag, ours), (tag2, their))) in a.iter().zip(&b).enumerate() {
                assert_eq!(tag, tag2);
                let record = 12 + 16 * i + 4..12 + 16 * i + 8;
                assert_eq!(font[record.clone()], theirs[record], "{tag:?} checksum");
                if tag != b"head" {
                    assert_eq!(font[ours.clone()], theirs[their.clone()], "{tag:?}");
                }
            }
            assert_eq!(checksum(&font), 0xB1B0_AFBA);
            let parsed = read_fonts::FontRef::new(&font).unwrap();
            assert_eq!(parsed.maxp().unwrap().num_glyphs() as usize, glyphs.len());
        }
        assert!(Arc::ptr_eq(&parts[0], &parts[1]), "compressed once");
    }

    /// Consecutive glyphs for consecutive characters become ranges; pairs,
    /// ligatures and runs that would step past a byte stay single.
    #[test]
    fn the_unicode_map_writes_runs_as_ranges() {
        let e = |gid: u16, text: &str| (gid, text.encode_utf16().collect::<Vec<u16>>());
        let entries = [
            e(2, "A"),
            e(3, "B"),
            e(4, "C"),
            e(5, "D"),
            e(7, "x"),
            e(8, "y"),
            e(9, "fi"),
            e(0x20, "\u{FE}"),
            e(0x21, "\u{FF}"),
            e(0x22, "\u{100}"),
            e(0xFE, "a"),
            e(0xFF, "b"),
            e(0x100, "c"),
            e(0x101, "d"),
            e(0x102, "e"),
        ];
        let (ranges, chars) = unicode_runs(&entries);
        assert_eq!(ranges, [(2, 5, 0x41), (0x100, 0x102, 0x63)]);
        let singles: Vec<u16> = chars.iter().map(|(gid, _)| *gid).collect();
        assert_eq!(singles, [7, 8, 9, 0x20, 0x21, 0x22, 0xFE, 0xFF]);
        assert_eq!(chars[2].1, [0x66, 0x69]);
    }

    /// The face subsets are made from is the face with a `post` table of
    /// version 3 (no glyph names), every other table unchanged; its
    /// subsets have the same outlines as the face's.
    #[test]
    fn faces_are_subset_without_glyph_names() {
        let (_, book) = crate::text::fonts::tests::sans();
        let face = book.face(FaceId(0));
        let data: &[u8] = face.data.as_ref().as_ref();
        let source = without_glyph_names(data).expect("the face names its glyphs");
        let (theirs, ours) = (directory(data).unwrap(), directory(&source).unwrap());
        assert_eq!(theirs.len(), ours.len());
        for ((tag, a), (tag2, b)) in theirs.iter().zip(&ours) {
            assert_eq!(tag, tag2);
            assert_eq!(b.start % 4, 0);
            match tag {
                b"post" => {
                    assert_eq!(source[b.clone()][..4], [0, 3, 0, 0]);
                    assert_eq!(source[b.clone()][4..], data[a.start + 4..a.start + 32]);
                }
                _ => assert_eq!(source[b.clone()], data[a.clone()], "{tag:?}"),
            }
        }
        let parsed = read_fonts::FontRef::new(&source).unwrap();
        assert_eq!(
            parsed.post().unwrap().version(),
            read_fonts::types::Version16Dot16::VERSION_3_0
        );
        assert!(without_glyph_names(&source).is_none(), "no names left");
        let mapper = GlyphRemapper::new_from_glyphs(&[0, 5, 6, 300]);
        let (a, b) = (
            subsetter::subset(data, 0, &mapper).unwrap(),
            subsetter::subset(&source, 0, &mapper).unwrap(),
        );
        let table = |font: &[u8], tag: &[u8; 4]| {
            let (_, range) = directory(font)
                .unwrap()
                .into_iter()
                .find(|(t, _)| t == tag)
                .unwrap();
            font[range].to_vec()
        };
        assert_eq!(table(&a, b"glyf"), table(&b, b"glyf"));
        assert_eq!(table(&a, b"hmtx"), table(&b, b"hmtx"));
        assert_eq!(table(&b, b"post").len(), 32);
    }

    #[test]
    fn subset_tags_are_stable_and_distinct() {
        let (a, b) = ([0, 1, 2, 3], [0, 1, 2, 4]);
        assert_eq!(subset_tag("X", &a), subset_tag("X", &a));
        assert_ne!(subset_tag("X", &a), subset_tag("X", &b));
        assert!(subset_tag("X", &a).chars().all(|c| c.is_ascii_uppercase()));
    }
}
