//! Finishing the file with lopdf: what printpdf cannot say or says wrong.

use crate::layout::Document;
use lopdf::{Dictionary, Object, Stream, StringFormat};
use std::collections::{BTreeMap, HashMap};

/// What the writer needs besides the document.
#[derive(Clone, Debug)]
pub struct WriteOptions {
    /// The file's creation date, `D:YYYYMMDDHHmmSSZ`: from
    /// `SOURCE_DATE_EPOCH` or the event, never the clock, so that the same
    /// inputs give the same bytes.
    pub date: String,
    /// Photos resampled for print, shared by the documents of one build
    /// (the booklet and every badge reuse one result) and by nothing else.
    pub photos: std::sync::Arc<super::images::Resampled>,
    /// Who the file is for: the print shop or screens.
    pub profile: super::images::Profile,
    /// The font tables every subset of a face shares, compressed once for
    /// the documents of one build.
    pub fonts: std::sync::Arc<super::fonts::FontCache>,
    /// The pages of one build, each painted once for every document that
    /// shows it.
    pub painted: std::sync::Arc<super::PaintCache>,
    /// What the documents and frames of one build are made from, each
    /// frame hashed once (`output::Memo` keeps files by it, the paint memo
    /// paintings).
    pub digests: std::sync::Arc<super::Digests>,
}

impl WriteOptions {
    /// `SOURCE_DATE_EPOCH` if set, else midnight of the event's date (else
    /// 2000-01-01): never the clock.
    pub fn for_event(date: Option<crate::model::Date>) -> WriteOptions {
        let fallback = date
            .map(|d| days_from_civil(d.year.into(), d.month.into(), d.day.into()) * 86_400)
            .unwrap_or(946_684_800);
        WriteOptions::from_env(fallback)
    }

    /// `SOURCE_DATE_EPOCH` if set, else `fallback` (seconds since 1970).
    pub fn from_env(fallback: i64) -> WriteOptions {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or(fallback);
        WriteOptions {
            date: pdf_date(secs),
            photos: Default::default(),
            profile: Default::default(),
            fonts: Default::default(),
            painted: Default::default(),
            digests: Default::default(),
        }
    }
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since 1970 → `D:YYYYMMDDHHmmSSZ` (proleptic Gregorian, UTC).
pub fn pdf_date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// What the writer made beside printpdf's document.
pub struct Parts<'a> {
    /// The fonts, by face.
    pub fonts: &'a BTreeMap<crate::text::FaceId, super::fonts::Embedded>,
    /// Each page's content stream, deflated.
    pub contents: Vec<Vec<u8>>,
    /// Each page's links.
    pub links: Vec<Vec<Annotation>>,
    /// Alpha channels of photos, by image resource name.
    pub masks: &'a BTreeMap<String, (u32, u32, Vec<u8>)>,
    /// The document's digest (`pdf::Digests`): the file's /ID, the same
    /// for the same file and no other, without hashing its bytes again.
    pub digest: [u8; 32],
}

/// A link: its rectangle (left, bottom, right, top) and where it goes.
pub struct Annotation {
    pub rect: [f32; 4],
    pub to: Goes,
}

/// Where a link goes.
pub enum Goes {
    Uri(String),
    /// A page of the document, from 0.
    Page(usize),
}

/// Finishes printpdf's document: page contents and fonts, soft masks,
/// metadata, catalog settings and bleed boxes; drops what is unused,
/// compresses, and gives the file an /ID from its content.
pub fn finish(
    mut pdf: lopdf::Document,
    doc: &Document,
    parts: Parts<'_>,
    options: &WriteOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    pdf.version = "1.7".to_string();
    // The pages' ids, in order: found once (walking the page tree of a
    // large booklet is not free), valid until the objects are renumbered.
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().into_values().collect();
    set_contents(&mut pdf, &pages, parts.contents);
    let mut dests = Destinations::default();
    set_links(&mut pdf, &pages, parts.links, &mut dests);
    set_fonts(&mut pdf, &pages, parts.fonts);
    attach_masks(&mut pdf, parts.masks);
    set_info(&mut pdf, &doc.info, options);
    set_catalog(&mut pdf, doc);
    set_outline(&mut pdf, &pages, doc, &mut dests);
    set_bleed_boxes(&mut pdf, &pages, doc);
    share_boxes(&mut pdf, &pages);
    prune_and_renumber(&mut pdf);
    compress(&mut pdf);
    set_file_id(&mut pdf, &parts.digest);
    super::save::save(&mut pdf, out)
}

/// The info dictionary, rewritten whole: printpdf's carries the clock's
/// dates and an empty /GTS_PDFXVersion claiming a standard we don't meet.
fn set_info(pdf: &mut lopdf::Document, info: &crate::layout::Info, options: &WriteOptions) {
    let mut dict = Dictionary::new();
    dict.set("Title", text(&info.title));
    dict.set("Author", text(&info.author));
    dict.set("Subject", text(&info.subject));
    dict.set("Keywords", text(&info.keywords.join(", ")));
    dict.set("Creator", text("booklet"));
    dict.set(
        "Producer",
        text(concat!(
            "booklet ",
            env!("CARGO_PKG_VERSION"),
            " with printpdf"
        )),
    );
    dict.set("CreationDate", text(&options.date));
    dict.set("ModDate", text(&options.date));
    let info_id = pdf.add_object(dict);
    pdf.trailer.set("Info", info_id);
}

/// The document's language, page mode (the outline open when there is
/// one), page labels and title in the viewer's window.
fn set_catalog(pdf: &mut lopdf::Document, doc: &Document) {
    let Ok(root) = pdf.trailer.get(b"Root").and_then(Object::as_reference) else {
        return;
    };
    let Ok(catalog) = pdf.get_dictionary_mut(root) else {
        return;
    };
    catalog.set("Lang", text(&doc.info.language));
    let mode = if doc.outline.is_empty() {
        "UseNone"
    } else {
        "UseOutlines"
    };
    catalog.set("PageMode", Object::Name(mode.as_bytes().to_vec()));
    if !doc.page_labels.is_empty() {
        catalog.set("PageLabels", page_labels(&doc.page_labels));
    }
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", prefs);
}

/// The outline, nested when its entries have levels (days, their
/// sessions, their talks): each entry under the last one above its level,
/// top-level entries open, deeper ones closed. Written here rather than by
/// printpdf, whose outline is flat and gives every entry its own
/// destination (a 10 000-speaker booklet's outline took 13 MB).
fn set_outline(
    pdf: &mut lopdf::Document,
    pages: &[lopdf::ObjectId],
    doc: &Document,
    dests: &mut Destinations,
) {
    if doc.outline.is_empty() {
        return;
    }
    let root = pdf.new_object_id();
    let ids: Vec<lopdf::ObjectId> = doc.outline.iter().map(|_| pdf.new_object_id()).collect();
    // Each entry's parent: the nearest earlier entry of a lower level, the
    // top of a stack of open entries of rising levels.
    let mut open: Vec<usize> = Vec::new();
    let parent: Vec<Option<usize>> = (doc.outline.iter().enumerate())
        .map(|(i, entry)| {
            while open
                .last()
                .is_some_and(|&j| doc.outline[j].level >= entry.level)
            {
                open.pop();
            }
            let parent = open.last().copied();
            open.push(i);
            parent
        })
        .collect();
    // Each entry's children in order (the top level under `None`) and its
    // place among its siblings, found once: a conference's outline has
    // thousands of entries.
    let mut kids_of: std::collections::HashMap<Option<usize>, Vec<usize>> =
        std::collections::HashMap::new();
    let mut place = vec![0; parent.len()];
    for (i, &p) in parent.iter().enumerate() {
        let kids = kids_of.entry(p).or_default();
        place[i] = kids.len();
        kids.push(i);
    }
    let children = |p: Option<usize>| -> &[usize] { kids_of.get(&p).map_or(&[], Vec::as_slice) };
    let link = |dict: &mut Dictionary, kids: &[usize]| {
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", ids[first]);
            dict.set("Last", ids[last]);
        }
    };
    for (i, entry) in doc.outline.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text(&entry.title));
        dict.set("Parent", parent[i].map_or(root, |p| ids[p]));
        let siblings = children(parent[i]);
        let at = place[i];
        if at > 0 {
            dict.set("Prev", ids[siblings[at - 1]]);
        }
        if let Some(&next) = siblings.get(at + 1) {
            dict.set("Next", ids[next]);
        }
        let kids = children(Some(i));
        link(&mut dict, kids);
        if !kids.is_empty() {
            // Negative: closed, showing how many entries it hides.
            dict.set("Count", -(kids.len() as i64));
        }
        if let Some(&page) = pages.get(entry.page) {
            dict.set("Dest", dests.to(pdf, page));
        }
        pdf.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let top = children(None);
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    link(&mut outlines, top);
    outlines.set("Count", top.len() as i64);
    pdf.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog_id) = pdf.trailer.get(b"Root").and_then(Object::as_reference)
        && let Ok(catalog) = pdf.get_dictionary_mut(catalog_id)
    {
        catalog.set("Outlines", root);
    }
}

/// /PageLabels: roman or arabic numbering from each labelled page on.
fn page_labels(labels: &[crate::layout::PageLabel]) -> Dictionary {
    let mut nums = Vec::new();
    for label in labels {
        let mut d = Dictionary::new();
        let style: &[u8] = if label.roman { b"r" } else { b"D" };
        d.set("S", Object::Name(style.to_vec()));
        d.set("St", label.first as i64);
        nums.push(Object::Integer(label.page as i64));
        nums.push(Object::Dictionary(d));
    }
    let mut dict = Dictionary::new();
    dict.set("Nums", Object::Array(nums));
    dict
}

/// A fixed /ID from the content, so equal documents are equal files.
fn set_file_id(pdf: &mut lopdf::Document, digest: &[u8; 32]) {
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));
}

/// The bleed box (how far colour runs beyond the trim) of every page with
/// bleed: its whole media box. printpdf has no field for it.
fn set_bleed_boxes(pdf: &mut lopdf::Document, pages: &[lopdf::ObjectId], doc: &Document) {
    if doc.pages.iter().all(|p| p.bleed.0 <= 0.0) {
        return;
    }
    for (&id, page) in pages.iter().zip(&doc.pages) {
        if page.bleed.0 <= 0.0 {
            continue;
        }
        let (b, m) = (page.bleed.0 as f32, page.slug.0 as f32);
        let (w, h) = (page.size.w.0 as f32, page.size.h.0 as f32);
        let rect = |x0: f32, y0: f32, x1: f32, y1: f32| {
            Object::Array(vec![x0.into(), y0.into(), x1.into(), y1.into()])
        };
        if let Ok(dict) = pdf.get_dictionary_mut(id) {
            let bleed = match m > 0.0 {
                true => rect(m, m, w + 2.0 * b + m, h + 2.0 * b + m),
                false => rect(0.0, 0.0, w + 2.0 * b, h + 2.0 * b),
            };
            dict.set("BleedBox", bleed);
        }
    }
}

/// Soft masks for photos with transparency.
fn attach_masks(pdf: &mut lopdf::Document, masks: &BTreeMap<String, (u32, u32, Vec<u8>)>) {
    if masks.is_empty() {
        return;
    }
    let mut targets = Vec::new();
    for (_, object) in pdf.objects.iter() {
        if let Object::Dictionary(d) = object {
            for (name, value) in d.iter() {
                if let (Ok(name), Ok(id)) = (std::str::from_utf8(name), value.as_reference())
                    && let Some(mask) = masks.get(name)
                {
                    targets.push((id, mask.clone()));
                }
            }
        }
    }
    targets.sort_by_key(|(id, _)| *id);
    targets.dedup_by_key(|(id, _)| *id);
    for (id, (w, h, alpha)) in targets {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Image".to_vec()));
        dict.set("Width", i64::from(w));
        dict.set("Height", i64::from(h));
        dict.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        dict.set("BitsPerComponent", 8);
        let mask_id = pdf.add_object(Stream::new(dict, alpha));
        if let Ok(Object::Stream(image)) = pdf.get_object_mut(id) {
            image.dict.set("SMask", mask_id);
        }
    }
}

/// Drops objects nothing refers to and numbers the rest 1, 2, 3… in their
/// order: what lopdf's `prune_objects` and `renumber_objects` do, but with a
/// set where they search a list for every reference — quadratic, seconds
/// for a booklet of ten thousand pages.
fn prune_and_renumber(pdf: &mut lopdf::Document) {
    use std::collections::{HashMap, HashSet};
    /// Calls `f` on every reference in `object`.
    fn each_ref(object: &mut Object, f: &mut impl FnMut(&mut lopdf::ObjectId)) {
        match object {
            Object::Reference(id) => f(id),
            Object::Array(items) => items.iter_mut().for_each(|o| each_ref(o, f)),
            Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| each_ref(o, f)),
            Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, o)| each_ref(o, f)),
            _ => {}
        }
    }
    let mut pending = Vec::new();
    (pdf.trailer.iter_mut()).for_each(|(_, o)| each_ref(o, &mut |id| pending.push(*id)));
    let mut reached = HashSet::new();
    while let Some(id) = pending.pop() {
        if reached.insert(id)
            && let Some(object) = pdf.objects.get_mut(&id)
        {
            each_ref(object, &mut |id| pending.push(*id));
        }
    }
    pdf.objects.retain(|id, _| reached.contains(id));
    let new: HashMap<lopdf::ObjectId, lopdf::ObjectId> = (pdf.objects.keys().enumerate())
        .map(|(i, &id)| (id, (i as u32 + 1, id.1)))
        .collect();
    let mut renumber = |id: &mut lopdf::ObjectId| {
        if let Some(n) = new.get(id) {
            *id = *n;
        }
    };
    let objects = std::mem::take(&mut pdf.objects);
    pdf.objects = objects
        .into_iter()
        .map(|(id, mut object)| {
            each_ref(&mut object, &mut renumber);
            (new[&id], object)
        })
        .collect();
    (pdf.trailer.iter_mut()).for_each(|(_, o)| each_ref(o, &mut renumber));
    pdf.max_id = new.len() as u32;
}

/// Each page's links, as lean as the format allows: a large booklet has
/// tens of thousands (its contents, schedule and speakers' web
/// addresses), and printpdf's annotations, with a colour, a highlighting
/// mode, an action dictionary and a border array each, took 80 MB of a
/// 10 000-speaker build's memory. Here a link to a page is a destination,
/// the highlighting is the default, and every link shares one invisible
/// border (no box drawn around links).
fn set_links(
    pdf: &mut lopdf::Document,
    pages: &[lopdf::ObjectId],
    links: Vec<Vec<Annotation>>,
    dests: &mut Destinations,
) {
    if links.iter().all(Vec::is_empty) {
        return;
    }
    let border = pdf.add_object(Object::Array(vec![0.into(), 0.into(), 0.into()]));
    let name = |n: &[u8]| Object::Name(n.to_vec());
    for (&page, annotations) in pages.iter().zip(links) {
        if annotations.is_empty() {
            continue;
        }
        let mut annots = Vec::with_capacity(annotations.len());
        for a in annotations {
            let goes = match a.to {
                Goes::Uri(uri) => (
                    "A",
                    Object::Dictionary(Dictionary::from_iter([
                        ("S", name(b"URI")),
                        ("URI", Object::string_literal(uri)),
                    ])),
                ),
                Goes::Page(n) => ("Dest", dests.to(pdf, pages.get(n).copied().unwrap_or(page))),
            };
            // No /Type: optional for annotations, and 4 MB of a large
            // booklet's memory.
            annots.push(Object::Dictionary(Dictionary::from_iter([
                ("Subtype", name(b"Link")),
                ("Rect", Object::Array(a.rect.map(Object::Real).to_vec())),
                ("Border", Object::Reference(border)),
                goes,
            ])));
        }
        if let Ok(dict) = pdf.get_dictionary_mut(page) {
            dict.set("Annots", Object::Array(annots));
        }
    }
}

/// One destination (`[page /XYZ null null null]`: the page, where the
/// reader was on it) per page that links and outline entries lead to,
/// shared by all of them.
#[derive(Default)]
struct Destinations(HashMap<lopdf::ObjectId, lopdf::ObjectId>);

impl Destinations {
    /// A reference to the destination of `page`.
    fn to(&mut self, pdf: &mut lopdf::Document, page: lopdf::ObjectId) -> Object {
        let id = *self.0.entry(page).or_insert_with(|| {
            let xyz = [
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Null,
                Object::Null,
            ];
            pdf.add_object(Object::Array(
                std::iter::once(page.into()).chain(xyz).collect(),
            ))
        });
        Object::Reference(id)
    }
}

/// Every page box (media, crop, trim, bleed) written once and referred to
/// by each page that has it: a booklet's pages all have the same four,
/// which as arrays on every page took 24 MB of a 12 000-page booklet. A
/// crop box that is the media box (printpdf writes one) goes: it is the
/// default.
fn share_boxes(pdf: &mut lopdf::Document, pages: &[lopdf::ObjectId]) {
    let mut shared: HashMap<Vec<(bool, u64)>, lopdf::ObjectId> = HashMap::new();
    for &page in pages {
        if let Ok(dict) = pdf.get_dictionary_mut(page)
            && dict.get(b"CropBox").ok() == dict.get(b"MediaBox").ok()
        {
            dict.remove(b"CropBox");
        }
        for key in [&b"MediaBox"[..], b"CropBox", b"TrimBox", b"BleedBox"] {
            let Some(array) = (pdf.get_dictionary(page).ok())
                .and_then(|d| d.get(key).ok())
                .and_then(|o| o.as_array().ok())
            else {
                continue;
            };
            // The numbers as written: integers and reals by their bits.
            let bits: Option<Vec<(bool, u64)>> = (array.iter())
                .map(|n| match n {
                    Object::Integer(i) => Some((false, *i as u64)),
                    Object::Real(r) => Some((true, u64::from(r.to_bits()))),
                    _ => None,
                })
                .collect();
            let Some(bits) = bits else { continue };
            let id = match shared.get(&bits) {
                Some(&id) => id,
                None => {
                    let id = pdf.add_object(Object::Array(array.clone()));
                    shared.insert(bits, id);
                    id
                }
            };
            if let Ok(dict) = pdf.get_dictionary_mut(page) {
                dict.set(key, Object::Reference(id));
            }
        }
    }
}

/// Deflates every stream that may be compressed and is not yet.
fn compress(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let (bytes, deflated) = super::zlib::deflate(std::mem::take(&mut stream.content));
            if deflated {
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            }
            stream.set_content(bytes);
        }
    }
}

/// Each page's content stream, made (and compressed) by the writer:
/// printpdf's pages carry only their boxes and links.
fn set_contents(pdf: &mut lopdf::Document, pages: &[lopdf::ObjectId], contents: Vec<Vec<u8>>) {
    for (&page, bytes) in pages.iter().zip(contents) {
        let Ok(id) = pdf
            .get_dictionary(page)
            .and_then(|p| p.get(b"Contents"))
            .and_then(Object::as_reference)
        else {
            continue;
        };
        let dict = Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]);
        pdf.objects
            .insert(id, Object::Stream(Stream::new(dict, bytes)));
    }
}

/// The fonts, in the font resources every page shares.
fn set_fonts(
    pdf: &mut lopdf::Document,
    pages: &[lopdf::ObjectId],
    fonts: &BTreeMap<crate::text::FaceId, super::fonts::Embedded>,
) {
    let mut dict = Dictionary::new();
    for font in fonts.values() {
        dict.set(font.id.as_bytes(), Object::Reference(font.add_to(pdf)));
    }
    let dict = pdf.add_object(dict);
    for &page in pages {
        let resources = pdf
            .get_dictionary(page)
            .and_then(|p| p.get(b"Resources"))
            .and_then(Object::as_reference);
        if let Ok(id) = resources
            && let Ok(resources) = pdf.get_dictionary_mut(id)
        {
            resources.set("Font", Object::Reference(dict));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreferenced_objects_go_and_the_rest_are_numbered_in_order() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let orphan = pdf.add_object(Object::Integer(1));
        let leaf = pdf.add_object(Object::Integer(2));
        let gap = pdf.add_object(Object::Integer(3));
        let page = pdf.add_object(Dictionary::from_iter([("Leaf", Object::Reference(leaf))]));
        let root = pdf.add_object(Dictionary::from_iter([
            ("Page", Object::Reference(page)),
            ("Again", Object::Array(vec![Object::Reference(leaf)])),
        ]));
        pdf.trailer.set("Root", Object::Reference(root));
        pdf.objects.remove(&gap);
        prune_and_renumber(&mut pdf);
        assert!(
            !pdf.objects
                .values()
                .any(|o| matches!(o, Object::Integer(1))),
            "{orphan:?} kept"
        );
        let ids: Vec<u32> = pdf.objects.keys().map(|id| id.0).collect();
        assert_eq!(ids, [1, 2, 3]);
        let root = pdf.trailer.get(b"Root").unwrap().as_reference().unwrap();
        assert_eq!(root, (3, 0));
        let page = pdf
            .get_dictionary(root)
            .unwrap()
            .get(b"Page")
            .unwrap()
            .as_reference()
            .unwrap();
        let leaf = pdf
            .get_dictionary(page)
            .unwrap()
            .get(b"Leaf")
            .unwrap()
            .as_reference()
            .unwrap();
        assert_eq!(pdf.get_object(leaf).unwrap(), &Object::Integer(2));
        assert_eq!(pdf.max_id, 3);
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 1, 1), 10_957);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn dates_from_epoch_seconds() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000Z");
        assert_eq!(pdf_date(1_764_000_000), "D:20251124160000Z");
    }
}
