//! Stage 5, pdf: frames → PDF bytes. The only module that knows printpdf.
//!
//! Layout has decided every position; this module translates. printpdf
//! makes the document (pages and their boxes, photos, links, metadata);
//! where its path is slow or falls short the module works a level lower,
//! in lopdf, printpdf's own serializer: page content streams are written
//! and compressed here ([`content`], [`zlib`]) — each frame once per build,
//! shared by every document that shows it ([`PaintCache`]) — fonts are
//! subset and embedded here ([`fonts`]), and the file is finished with
//! soft masks, a fixed /ID (the document's digest) and dates, the nested
//! outline, page labels and the document language ([`post`]).

mod ascii;
mod content;
mod digest;
mod fonts;
mod hash;
mod images;
mod post;
mod save;
mod store;
mod zlib;

use crate::geom::{Point as GPoint, Pt as GPt, Rect as GRect};
use crate::layout::{Document, Frame, Item, Shape, Target};
use crate::model::Colour;
use crate::text::{FaceId, FontBook, Run};
use content::Content;
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect, XObject};
use std::sync::{Arc, Mutex};

pub use digest::Digests;
pub use fonts::FontCache;
pub use images::{Profile, Resampled, Size, Undecodable};
pub use post::WriteOptions;

/// Writes a document to PDF bytes. Same document and options, same bytes.
pub fn write(doc: &Document, book: &FontBook, options: &WriteOptions) -> Vec<u8> {
    let mut out = Vec::new();
    let digest = options.digests.of(doc, book, options);
    // Writing to memory cannot fail.
    let _ = write_to(doc, book, options, &digest, &mut out);
    out
}

/// [`write`] to `out`; `digest` is the document's
/// ([`Digests::of`]: taken once, for the memo and the file /ID).
pub fn write_to(
    doc: &Document,
    book: &FontBook,
    options: &WriteOptions,
    digest: &[u8; 32],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let fonts = fonts::embed(doc, book, &options.fonts);
    let images = images::Images::collect(doc, &options.photos, options.profile);
    let mut pdf = PdfDocument::new(&doc.info.title);
    for (id, object) in &images.objects {
        pdf.resources
            .xobjects
            .map
            .insert(id.clone(), XObject::External(object.clone()));
    }
    // Each page's content is painted once per build, whatever documents
    // show it (the booklet, its screen edition, the imposed sheets, the
    // proofs), and compressed then; printpdf gets the page with its boxes
    // and links only.
    let painter = Painter::new(book, options);
    let mut contents = Vec::with_capacity(doc.pages.len());
    let mut links = Vec::with_capacity(doc.pages.len());
    pdf.pages = doc
        .pages
        .iter()
        .map(|page| {
            let composed = painter.compose(page);
            links.push(
                (composed.links.iter())
                    .filter_map(|link| link.annotation(&doc.anchors, doc.pages.len()))
                    .collect(),
            );
            let parts: Vec<&zlib::Part> = composed.streams.iter().map(|p| &p.part).collect();
            contents.push(zlib::join(&parts));
            page_boxes(page, composed.view)
        })
        .collect();
    // The outline is written when the file is finished (`post`).
    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let lopdf = pdf.to_lopdf_document(&save, &mut warnings);
    drop(pdf);
    let parts = post::Parts {
        fonts: &fonts,
        contents,
        links,
        masks: &images.masks,
        digest: *digest,
    };
    post::finish(lopdf, doc, parts, options, out)
}

/// Seals the pages of `doc` (see [`crate::layout::Seal`]): each painted,
/// its digest taken and the glyphs it shows noted, its text dropped, on
/// every core. The documents written from it (and from documents made of
/// its pages) are the same bytes as from the pages unsealed.
pub fn seal(doc: &mut Document, book: &FontBook, options: &WriteOptions) {
    let painter = Painter::new(book, options);
    // A few hundred pages at a time, each let go once sealed: so the
    // pages sealed and the pages not yet never add up.
    let mut pages = std::mem::take(&mut doc.pages).into_iter();
    loop {
        // Each page in a slot that the core sealing it empties, so that
        // the page's text goes there and then, not the whole chunk's on
        // this thread after it is sealed while the other cores wait (a
        // tenth of the sealing's time at 10 000 speakers).
        let chunk: Vec<Mutex<Option<Arc<Frame>>>> = (pages.by_ref().take(SEALED_TOGETHER))
            .map(|page| Mutex::new(Some(page)))
            .collect();
        if chunk.is_empty() {
            break;
        }
        let sealed = crate::output::parallel_map(
            &chunk,
            |_| false,
            |slot| {
                let page = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                page.map(|page| painter.seal(&page))
            },
        );
        // Every slot held its page, taken once: none is left out.
        doc.pages.extend(sealed.into_iter().flatten());
        // What the pages held goes back to the system (each time costs a
        // few milliseconds on a large heap).
        crate::memory::give_back();
    }
}

/// Pages [`seal`] takes at a time: a thousand pages' text is about 25 MB.
const SEALED_TOGETHER: usize = 1024;

/// What [`seal`] made of a page.
struct Sealed {
    painted: Arc<Painted>,
    /// The page's digest ([`Digests`]).
    digest: [u8; 32],
    glyphs: Vec<fonts::Used>,
}

/// The writer's part of a sealed frame, if the writer sealed it.
fn sealed(seal: &crate::layout::Seal) -> Option<&Sealed> {
    seal.0.downcast_ref::<Sealed>()
}

/// A frame's seal, if it is sealed.
fn sealed_frame(frame: &Frame) -> Option<&Sealed> {
    frame.sealed.as_ref().and_then(sealed)
}

/// `items` without their text, inside groups too (frames without text
/// are kept as they are).
fn without_text(items: &[Item]) -> Vec<Item> {
    fn has_text(items: &[Item]) -> bool {
        items.iter().any(|item| match item {
            Item::Text { .. } => true,
            Item::Group { frame, .. } | Item::Sheet { frame, .. } => has_text(&frame.items),
            _ => false,
        })
    }
    (items.iter())
        .filter(|item| !matches!(item, Item::Text { .. }))
        .map(|item| match item {
            Item::Group { origin, frame } if has_text(&frame.items) => Item::Group {
                origin: *origin,
                frame: Arc::new(Frame {
                    items: without_text(&frame.items),
                    ..frame.blank_like()
                }),
            },
            other => other.clone(),
        })
        .collect()
}

/// A page with its boxes: the media box holds the bleed, the
/// trim box says where the printer cuts (the bleed box, which printpdf
/// cannot write, is added when the file is finished). A `view` of a page
/// painted with a margin of bleed and slug shows its trimmed part only.
fn page_boxes(frame: &Frame, view: Option<GPt>) -> PdfPage {
    let margin = frame.bleed + frame.slug;
    let b = margin * 2.0;
    let mut page = PdfPage::new(mm(frame.size.w + b), mm(frame.size.h + b), Vec::new());
    // printpdf writes a rectangle as [x y width height]; a PDF box is
    // [left bottom right top], so the corners go where it expects sizes.
    // Each corner to a thousandth of a point, so that the file says
    // `8.504 … 404.504` and the page is exactly as wide as laid out.
    let corners = |b: GPt| {
        let at = |v: GPt| Pt(((v.0 * 1000.0).round() / 1000.0) as f32);
        Rect {
            x: at(b),
            y: at(b),
            width: at(frame.size.w + b),
            height: at(frame.size.h + b),
            mode: None,
            winding_order: None,
        }
    };
    if margin.0 > 0.0 {
        page.trim_box = corners(margin);
    }
    if let Some(m) = view.filter(|m| m.0 > 0.0) {
        page.media_box = corners(m);
        page.crop_box = corners(m);
        page.trim_box = corners(m);
    }
    page
}

fn mm(p: GPt) -> Mm {
    Mm(p.to_mm() as f32)
}

/// How a path is painted.
#[derive(Clone, Copy)]
enum Paint {
    Fill,
    Stroke,
    FillStroke,
    /// Made the clipping path, not painted.
    Clip,
}

/// A frame's content stream, painted in the frame's own PDF space (its
/// bleed and slug around it), and its links: the same in every document,
/// since pages show glyphs by CID and photos by content-derived names.
pub struct Painted {
    /// Compressed, to join into a page's stream alone or with others.
    part: zlib::Part,
    links: Vec<Link>,
}

impl Painted {
    fn new(content: Content, links: Vec<Link>) -> Painted {
        Painted {
            part: content.part(),
            links,
        }
    }
}

/// A clickable area in PDF space and where it goes.
#[derive(Clone)]
struct Link {
    area: [f32; 4],
    target: Target,
}

impl Link {
    /// The annotation in a document with `pages` pages and these anchors;
    /// none to a page the document does not have (a proof holds a few
    /// pages of the booklet).
    fn annotation(&self, anchors: &[usize], pages: usize) -> Option<post::Annotation> {
        let to = match &self.target {
            Target::Uri(u) => post::Goes::Uri(u.clone()),
            Target::Anchor(a) => {
                let page = anchors.get(*a).copied().unwrap_or(0);
                if page >= pages {
                    return None;
                }
                post::Goes::Page(page)
            }
        };
        let [x, y, width, height] = self.area;
        Some(post::Annotation {
            rect: [x, y, x + width, y + height],
            to,
        })
    }
}

/// Pages painted by the earlier builds of one process (`booklet watch`),
/// by their frame's digest ([`Digests`]): a rebuild after an edit paints
/// only the pages that changed (painting was a fifth of such a rebuild).
/// Paintings name fonts by their number in the build's font book, so they
/// go when the fonts change (see [`crate::kept`]).
pub type PaintMemo = crate::kept::Kept<Painted>;

/// The frames of one build, each painted once: keyed by address, and the
/// entry holds the frame, so no other frame can take its address. With a
/// [`PaintMemo`], paintings are also taken from earlier builds and kept for
/// later ones.
#[derive(Default)]
pub struct PaintCache {
    frames: std::sync::Mutex<std::collections::HashMap<usize, Arc<PaintSlot>>>,
    memo: Option<Arc<PaintMemo>>,
}

impl std::fmt::Debug for PaintCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PaintCache")
    }
}

/// A frame and its painting, made by the first writer that needs it
/// (others wait for it rather than paint it again).
struct PaintSlot {
    _frame: Arc<Frame>,
    painted: std::sync::OnceLock<Arc<Painted>>,
}

impl PaintCache {
    /// A cache that also takes paintings from `memo` and keeps its own there.
    pub fn remembering(memo: Arc<PaintMemo>) -> PaintCache {
        PaintCache {
            memo: Some(memo),
            ..PaintCache::default()
        }
    }

    /// The frame's painting: made once per build by `paint`, or, with a
    /// memo, the one an earlier build made of a frame with the same
    /// `digest` (asked only then).
    fn get(
        &self,
        frame: &Arc<Frame>,
        digest: impl FnOnce() -> [u8; 32],
        paint: impl FnOnce() -> Painted,
    ) -> Arc<Painted> {
        let slot = {
            let mut frames = self.frames.lock().unwrap_or_else(|e| e.into_inner());
            (frames.entry(Arc::as_ptr(frame) as usize))
                .or_insert_with(|| {
                    Arc::new(PaintSlot {
                        _frame: frame.clone(),
                        painted: std::sync::OnceLock::new(),
                    })
                })
                .clone()
        };
        (slot.painted.get_or_init(|| self.remembered(digest, paint))).clone()
    }

    /// `paint()`, or with a memo the painting an earlier build made of a
    /// frame with the same `digest` (asked only then).
    fn remembered(
        &self,
        digest: impl FnOnce() -> [u8; 32],
        paint: impl FnOnce() -> Painted,
    ) -> Arc<Painted> {
        let Some(memo) = &self.memo else {
            return Arc::new(paint());
        };
        let digest = digest();
        memo.get(&digest).unwrap_or_else(|| {
            let painted = Arc::new(paint());
            memo.put(digest, painted.clone());
            painted
        })
    }
}

/// What a document's page is made of: its content streams (shared
/// paintings and, on print sheets, the placing between them), its links,
/// and, for a trimmed view of a page painted with bleed, that margin.
struct Composed {
    streams: Vec<Arc<Painted>>,
    links: Vec<Link>,
    view: Option<GPt>,
}

/// Paints frames for the documents of one build.
struct Painter<'a> {
    book: &'a FontBook,
    fonts: &'a fonts::FontCache,
    photos: &'a images::Resampled,
    painted: &'a PaintCache,
    digests: &'a Digests,
}

impl<'a> Painter<'a> {
    /// The painter of the documents written with `options`.
    fn new(book: &'a FontBook, options: &'a WriteOptions) -> Painter<'a> {
        Painter {
            book,
            fonts: &options.fonts,
            photos: &options.photos,
            painted: &options.painted,
            digests: &options.digests,
        }
    }

    /// A document's page: the painting of its frame; for a page that only
    /// shows another page trimmed (the screen booklet, a badge on its
    /// own), that page's painting seen through a smaller media box; for a
    /// print sheet, the placed pages' paintings, moved into place.
    fn compose(&self, page: &Arc<Frame>) -> Composed {
        if let Some(inner) = trimmed_view(page) {
            let unit = self.unit(inner);
            return Composed {
                links: unit.links.clone(),
                streams: vec![unit],
                view: Some(inner.bleed + inner.slug),
            };
        }
        if page.items.iter().any(|i| matches!(i, Item::Sheet { .. })) {
            let mut streams = Vec::new();
            let mut out = Content::default();
            self.page(page)
                .paint(page, &mut out, &mut Vec::new(), Some(&mut streams));
            streams.push(Arc::new(Painted::new(out, Vec::new())));
            return Composed {
                streams,
                links: Vec::new(),
                view: None,
            };
        }
        let unit = self.unit(page);
        Composed {
            links: unit.links.clone(),
            streams: vec![unit],
            view: None,
        }
    }

    /// The frame painted in its own PDF space, once per build (a sealed
    /// frame was painted when it was sealed).
    fn unit(&self, frame: &Arc<Frame>) -> Arc<Painted> {
        if let Some(sealed) = sealed_frame(frame) {
            return sealed.painted.clone();
        }
        let digest = || self.digests.frame(self.book, self.photos, frame);
        self.painted.get(frame, digest, || self.paint(frame))
    }

    fn paint(&self, frame: &Frame) -> Painted {
        #[cfg(test)]
        tests::PAINTS.with(|n| n.set(n.get() + 1));
        let mut out = Content::default();
        let mut links = Vec::new();
        self.page(frame).paint(frame, &mut out, &mut links, None);
        Painted::new(out, links)
    }

    /// `page` sealed: painted (or, with a memo, its painting taken from an
    /// earlier build), its digest taken, its glyphs noted, its text
    /// dropped. Nothing of this build's caches holds the page after.
    fn seal(&self, page: &Arc<Frame>) -> Arc<Frame> {
        if page.sealed.is_some() {
            return page.clone();
        }
        let digest = self.digests.frame_alone(self.book, self.photos, page);
        let painted = self.painted.remembered(|| digest, || self.paint(page));
        let sealed = Sealed {
            painted,
            digest,
            glyphs: fonts::used_in(page),
        };
        Arc::new(Frame {
            items: without_text(&page.items),
            sealed: Some(crate::layout::Seal(Arc::new(sealed))),
            ..page.blank_like()
        })
    }

    fn page(&self, frame: &Frame) -> Page<'_> {
        Page {
            painter: self,
            height: frame.size.h,
            bleed: frame.bleed + frame.slug,
        }
    }
}

/// The frame a page only shows, trimmed: a page without bleed whose one
/// item is a frame of its size at its corner.
fn trimmed_view(page: &Frame) -> Option<&Arc<Frame>> {
    match page.items.as_slice() {
        [Item::Group { origin, frame }]
            if *origin == GPoint::default()
                && frame.size == page.size
                && (page.bleed + page.slug).0 == 0.0 =>
        {
            Some(frame)
        }
        _ => None,
    }
}

/// Translates one frame, flipping y (frames grow down, PDF grows up).
struct Page<'a> {
    painter: &'a Painter<'a>,
    height: GPt,
    /// The trim box's offset inside the media box.
    bleed: GPt,
}

impl Page<'_> {
    /// A point in PDF space.
    fn pt(&self, p: GPoint) -> (f64, f64) {
        ((p.x + self.bleed).0, (self.height + self.bleed - p.y).0)
    }

    /// Writes the frame's content to `out` and its links to `links`. Pages
    /// placed on a print sheet are painted in place, or, given `split`,
    /// end `out` there: it and their own paintings go to `split`.
    fn paint(
        &self,
        frame: &Frame,
        out: &mut Content,
        links: &mut Vec<Link>,
        mut split: Option<&mut Vec<Arc<Painted>>>,
    ) {
        let leaves = frame.leaves();
        let items = &leaves.items;
        let mut text = TextState::default();
        // Horizontal scaling is graphics state: it outlives text objects.
        let mut scale = 1.0;
        let mut next = 0;
        while next < items.len() {
            let (chain, item) = items[next];
            next += 1;
            if !matches!(item, Item::Text { .. }) && text.open {
                out.op(&[], "ET");
                text = TextState::default();
            }
            match item {
                Item::Text { run, .. } => {
                    if (run.scale - scale).abs() > 1e-9 {
                        out.op(&[f64::from((run.scale * 100.0) as f32)], "Tz");
                        scale = run.scale;
                    }
                    let group = text_group(&leaves, next - 1);
                    next += group.len() - 1;
                    self.text(out, &mut text, &group);
                }
                Item::Rect { rect, fill, stroke } => {
                    self.fill_rect(out, leaves.rect(chain, *rect), *fill, stroke.as_ref())
                }
                Item::Fill { rect, shape, fill } => {
                    out.op(&[], "q");
                    fill_colour(out, *fill);
                    self.shape(out, leaves.rect(chain, *rect), *shape, Paint::Fill);
                    out.op(&[], "Q");
                }
                Item::Line { from, to, stroke } => self.line(
                    out,
                    leaves.point(chain, *from),
                    leaves.point(chain, *to),
                    stroke,
                ),
                Item::Image {
                    photo,
                    rect,
                    clip,
                    shape,
                } => self.image(
                    out,
                    photo,
                    leaves.rect(chain, *rect),
                    leaves.rect(chain, *clip),
                    *shape,
                ),
                Item::Link { rect, target } => {
                    links.push(self.link(leaves.rect(chain, *rect), target))
                }
                Item::Sheet {
                    origin,
                    frame,
                    clip,
                    turned,
                } => {
                    let at = leaves.point(chain, *origin);
                    self.sheet(out, at, frame, *clip, *turned, split.as_deref_mut());
                }
                // `leaves` has resolved every group into its items.
                Item::Group { .. } => {}
            }
        }
        if text.open {
            out.op(&[], "ET");
        }
    }

    fn fill_rect(
        &self,
        out: &mut Content,
        rect: GRect,
        fill: Option<Colour>,
        stroke: Option<&crate::layout::Stroke>,
    ) {
        out.op(&[], "q");
        let paint = match (fill, stroke) {
            (Some(_), Some(_)) => Paint::FillStroke,
            (None, Some(_)) => Paint::Stroke,
            _ => Paint::Fill,
        };
        if let Some(f) = fill {
            fill_colour(out, f);
        }
        if let Some(s) = stroke {
            stroke_colour(out, s.colour);
            out.op(&[s.width.0], "w");
        }
        self.shape(out, rect, Shape::Rect, paint);
        out.op(&[], "Q");
    }

    fn line(&self, out: &mut Content, from: GPoint, to: GPoint, stroke: &crate::layout::Stroke) {
        out.op(&[], "q");
        stroke_colour(out, stroke.colour);
        out.op(&[stroke.width.0], "w");
        let (a, b) = (self.pt(from), self.pt(to));
        out.op(&[a.0, a.1], "m");
        out.op(&[b.0, b.1], "l");
        out.op(&[], "S");
        out.op(&[], "Q");
    }

    /// A page placed on a print sheet at `at`: moved (and turned) by the
    /// transformation matrix, seen only inside `clip`, drawn in its own
    /// space (its painting, given `split`, shifted back by its margin).
    /// Its links are left out: their rectangles would not follow the turn.
    fn sheet(
        &self,
        out: &mut Content,
        at: GPoint,
        frame: &Arc<Frame>,
        clip: GRect,
        turned: bool,
        split: Option<&mut Vec<Arc<Painted>>>,
    ) {
        let (w, h) = (frame.size.w.0, frame.size.h.0);
        let (x, y) = self.pt(GPoint::new(at.x, at.y + frame.size.h));
        let (a, e, f) = match turned {
            true => (-1.0, x + w, y + h),
            false => (1.0, x, y),
        };
        let inner = Page {
            height: frame.size.h,
            bleed: GPt::ZERO,
            ..*self
        };
        out.op(&[], "q");
        out.op(&[a, 0.0, 0.0, a, e, f], "cm");
        inner.shape(out, clip, Shape::Rect, Paint::Clip);
        // Text state is graphics state: start from the defaults inside.
        out.op(&[100.0], "Tz");
        match split {
            Some(streams) => {
                let margin = (frame.bleed + frame.slug).0;
                if margin != 0.0 {
                    out.op(&[1.0, 0.0, 0.0, 1.0, -margin, -margin], "cm");
                }
                streams.push(Arc::new(Painted::new(std::mem::take(out), Vec::new())));
                streams.push(self.painter.unit(frame));
            }
            None => inner.paint(frame, out, &mut Vec::new(), None),
        }
        out.op(&[], "Q");
    }

    /// A photo scaled into `rect`, clipped to `shape` inside `clip`.
    fn image(
        &self,
        out: &mut Content,
        photo: &std::sync::Arc<crate::model::Photo>,
        rect: GRect,
        clip: GRect,
        shape: Shape,
    ) {
        out.op(&[], "q");
        self.shape(out, clip, shape, Paint::Clip);
        let (x, y) = self.pt(GPoint::new(rect.x, rect.bottom()));
        out.op(&[rect.w.0, 0.0, 0.0, rect.h.0, x, y], "cm");
        let name = images::resource(&self.painter.photos.fingerprint(photo));
        out.named(&name, &[], "Do");
        out.op(&[], "Q");
    }

    /// A clickable area.
    fn link(&self, rect: GRect, target: &Target) -> Link {
        let (x, y) = self.pt(GPoint::new(rect.x, rect.bottom()));
        Link {
            area: [x as f32, y as f32, rect.w.0 as f32, rect.h.0 as f32],
            target: target.clone(),
        }
    }

    /// A rectangle or an ellipse inscribed in it, as a closed path, painted
    /// or made the clipping path.
    fn shape(&self, out: &mut Content, r: GRect, shape: Shape, paint: Paint) {
        let points = outline(r, shape);
        let pt = |(x, y, _): PathPoint| self.pt(GPoint::new(x, y));
        let start = pt(points[0]);
        out.op(&[start.0, start.1], "m");
        let rest = &points[1..];
        let mut i = 0;
        while i < rest.len() {
            let p = pt(rest[i]);
            // Two controls and an end point make a curve.
            if rest[i].2 && i + 2 < rest.len() && rest[i + 1].2 {
                let (q, e) = (pt(rest[i + 1]), pt(rest[i + 2]));
                out.op(&[p.0, p.1, q.0, q.1, e.0, e.1], "c");
                i += 3;
            } else {
                out.op(&[p.0, p.1], "l");
                i += 1;
            }
        }
        out.op(&[], "h");
        match paint {
            Paint::Fill => out.op(&[], "f"),
            Paint::Stroke => out.op(&[], "S"),
            Paint::FillStroke => out.op(&[], "B"),
            Paint::Clip => {
                out.op(&[], "W");
                out.op(&[], "n");
            }
        }
    }

    /// One group of runs: positioned once, its glyphs kerned with TJ
    /// adjustments computed against the same truncated /W widths the viewer
    /// uses, so every glyph lands where layout put it.
    fn text(&self, out: &mut Content, state: &mut TextState, group: &[(usize, GPoint, &Run)]) {
        let (_, origin, run) = group[0];
        let widths = self.painter.fonts.widths(self.painter.book, run.face);
        if !state.open {
            out.op(&[], "BT");
            state.open = true;
            state.line = (0, 0);
        }
        if state.font != Some((run.face, run.size.0.to_bits())) {
            out.named(&fonts::resource(run.face), &[run.size.0], "Tf");
            state.font = Some((run.face, run.size.0.to_bits()));
        }
        if state.colour != Some(run.colour) {
            fill_colour(out, run.colour);
            state.colour = Some(run.colour);
        }
        // Under horizontal scaling every advance and offset is scaled too, so
        // positions are computed in unscaled units.
        let size = run.size.0 * run.scale;
        // Every glyph of the group with its position from the group's origin.
        let placed: Vec<(f64, &crate::text::PlacedGlyph)> = group
            .iter()
            .flat_map(|(_, o, r)| {
                let dx = (o.x - origin.x).0;
                r.glyphs.iter().map(move |g| (dx + g.x().0, g))
            })
            .collect();
        // The text starts where its first glyph is: not the run's left edge
        // when glyphs are stored in logical order, right to left.
        let x0 = placed.first().map_or(0.0, |p| p.0);
        // Each line placed from where the last one starts (`Td`), not
        // anew (`1 0 0 1 x y Tm`): a tenth of a page's stream. From and to
        // positions rounded as written, so none drifts.
        let (x, y) = self.pt(GPoint::new(origin.x + GPt(x0), origin.y));
        let at = (content::thousandths(x), content::thousandths(y));
        out.op_thousandths(&[at.0 - state.line.0, at.1 - state.line.1], "Td");
        state.line = at;
        // Pen position in whole thousandths of an em, as the viewer advances
        // it by /W widths; each adjustment is rounded, so no glyph strays by
        // more than half a thousandth of an em and most need none at all.
        let mut pen = 0i64;
        let mut glyphs = Vec::with_capacity(placed.len());
        for (n, &(_, g)) in placed.iter().enumerate() {
            pen += widths.get(usize::from(g.id)).copied().unwrap_or(0);
            let adjust = match placed.get(n + 1) {
                Some(next) => pen - ((next.0 - x0) * 1000.0 / size).round() as i64,
                None => 0,
            };
            pen -= adjust;
            glyphs.push((g.id, adjust));
        }
        show_raised(out, &glyphs, placed.iter().map(|p| p.1.y(run.size).0));
    }
}

/// A point of a path, and whether it is a curve's control point.
type PathPoint = (GPt, GPt, bool);

/// The closed outline of `shape` in `r`: a rectangle, a rounded rectangle
/// or an inscribed ellipse (cubic arcs; 0.5523 is the usual control
/// distance), starting with the point to move to.
fn outline(r: GRect, shape: Shape) -> Vec<PathPoint> {
    match shape {
        Shape::Rect => vec![
            (r.x, r.y, false),
            (r.right(), r.y, false),
            (r.right(), r.bottom(), false),
            (r.x, r.bottom(), false),
        ],
        Shape::Rounded(radius) => {
            let k = 0.552_284_75;
            let rr = radius.min(r.w / 2.0).min(r.h / 2.0);
            let c = rr * (1.0 - k);
            let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
            vec![
                (x0 + rr, y0, false),
                (x1 - rr, y0, false),
                (x1 - c, y0, true),
                (x1, y0 + c, true),
                (x1, y0 + rr, false),
                (x1, y1 - rr, false),
                (x1, y1 - c, true),
                (x1 - c, y1, true),
                (x1 - rr, y1, false),
                (x0 + rr, y1, false),
                (x0 + c, y1, true),
                (x0, y1 - c, true),
                (x0, y1 - rr, false),
                (x0, y0 + rr, false),
                (x0, y0 + c, true),
                (x0 + c, y0, true),
                (x0 + rr, y0, false),
            ]
        }
        Shape::Circle => {
            // Four cubic arcs; 0.5523 is the usual control distance.
            let k = 0.552_284_75;
            let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
            let (rx, ry) = (r.w / 2.0, r.h / 2.0);
            vec![
                (cx + rx, cy, false),
                (cx + rx, cy + ry * k, true),
                (cx + rx * k, cy + ry, true),
                (cx, cy + ry, false),
                (cx - rx * k, cy + ry, true),
                (cx - rx, cy + ry * k, true),
                (cx - rx, cy, false),
                (cx - rx, cy - ry * k, true),
                (cx - rx * k, cy - ry, true),
                (cx, cy - ry, false),
                (cx + rx * k, cy - ry, true),
                (cx + rx, cy - ry * k, true),
                (cx + rx, cy, false),
            ]
        }
    }
}

/// Shows glyphs, raising those with a vertical offset (marks above or
/// below: Arabic vowels, Hebrew points) by the text rise; the pen carries
/// on from one text-showing operation to the next. The rise is put back to
/// zero, as it outlives the text object.
fn show_raised(out: &mut Content, glyphs: &[(u16, i64)], rises: impl Iterator<Item = f64>) {
    let rises: Vec<f64> = rises.collect();
    if rises.iter().all(|&r| r == 0.0) {
        out.show(glyphs);
        return;
    }
    let mut current = 0.0;
    let mut start = 0;
    for (i, &rise) in rises.iter().enumerate() {
        if rise != current {
            if i > start {
                out.show(&glyphs[start..i]);
                start = i;
            }
            out.op(&[rise], "Ts");
            current = rise;
        }
    }
    out.show(&glyphs[start..]);
    if current != 0.0 {
        out.op(&[0.0], "Ts");
    }
}

/// The text runs from leaf `first` on that share its baseline, font, size,
/// colour and scale, left to right (the words of a line): they go into one
/// text-showing operation. Each with its leaf index and page position.
fn text_group<'a>(
    leaves: &crate::layout::Leaves<'a>,
    first: usize,
) -> Vec<(usize, GPoint, &'a Run)> {
    let mut group: Vec<(usize, GPoint, &'a Run)> = Vec::new();
    for (index, &(chain, item)) in leaves.items.iter().enumerate().skip(first) {
        let &Item::Text { origin, run: ref r } = item else {
            break;
        };
        let o = leaves.point(chain, origin);
        if let Some(&(_, start, run)) = group.first() {
            let same = r.face == run.face
                && r.size == run.size
                && r.colour == run.colour
                && r.scale == run.scale
                && (o.y - start.y).0.abs() < 1e-9
                && o.x >= group.last().map_or(start.x, |g| g.1.x);
            if !same {
                break;
            }
        }
        group.push((index, o, r));
    }
    group
}

#[derive(Default)]
struct TextState {
    open: bool,
    font: Option<(FaceId, u64)>,
    colour: Option<Colour>,
    /// Where the last line of the text object starts, in thousandths of
    /// a point (the origin when it opens).
    line: (i64, i64),
}

fn fill_colour(out: &mut Content, c: Colour) {
    match c {
        Colour::Rgb(r, g, b) => out.op(&[r, g, b].map(f64::from), "rg"),
        Colour::Cmyk(c, m, y, k) => out.op(&[c, m, y, k].map(f64::from), "k"),
    }
}

fn stroke_colour(out: &mut Content, c: Colour) {
    match c {
        Colour::Rgb(r, g, b) => out.op(&[r, g, b].map(f64::from), "RG"),
        Colour::Cmyk(c, m, y, k) => out.op(&[c, m, y, k].map(f64::from), "K"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Size;
    use crate::model::Colour;

    /// A page with bleed showing a coloured box and a link.
    fn page() -> Arc<Frame> {
        let mut frame = Frame::new(Size::new(GPt(300.0), GPt(400.0)));
        frame.bleed = GPt(9.0);
        let rect = GRect::new(GPt(10.0), GPt(20.0), GPt(100.0), GPt(50.0));
        frame.items.push(Item::Rect {
            rect,
            fill: Some(Colour::Rgb(0.5, 0.25, 0.0)),
            stroke: None,
        });
        frame.items.push(Item::Link {
            rect,
            target: Target::Uri("https://example.org".into()),
        });
        Arc::new(frame)
    }

    thread_local! {
        /// Frames painted on this thread.
        pub(super) static PAINTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// With a paint memo, the next build takes the painting of a page
    /// equal to one painted before (another frame, the same content)
    /// instead of painting it, and writes the same bytes; a changed page is
    /// painted, and a painting the last build did not use is dropped.
    #[test]
    fn later_builds_take_unchanged_pages_from_the_paint_memo() {
        let (_, book) = crate::text::fonts::tests::sans();
        let memo = Arc::new(PaintMemo::default());
        let build = |pages: Vec<Arc<Frame>>| {
            memo.start(true);
            let options = WriteOptions {
                painted: Arc::new(PaintCache::remembering(memo.clone())),
                ..WriteOptions::from_env(0)
            };
            let before = PAINTS.with(|n| n.get());
            let pdf = write(&doc(pages), &book, &options);
            (pdf, PAINTS.with(|n| n.get()) - before)
        };
        let changed = || {
            let mut frame = (*page()).clone();
            frame.items.push(Item::Rect {
                rect: GRect::new(GPt(0.0), GPt(0.0), GPt(5.0), GPt(5.0)),
                fill: Some(Colour::BLACK),
                stroke: None,
            });
            Arc::new(frame)
        };
        let (first, painted) = build(vec![page()]);
        assert_eq!((painted, memo.len()), (1, 1));
        let (again, painted) = build(vec![page()]);
        assert_eq!(painted, 0, "taken from the memo");
        assert!(again == first, "the same bytes");
        let (other, painted) = build(vec![page(), changed()]);
        assert_eq!((painted, memo.len()), (1, 2));
        assert_eq!(pages_of(&other)[0].0, pages_of(&first)[0].0);
        let (_, painted) = build(vec![changed()]);
        assert_eq!(painted, 0);
        memo.start(true);
        assert_eq!(
            memo.len(),
            1,
            "the page the last build did not show is gone"
        );
        memo.start(false);
        assert!(memo.is_empty(), "other fonts: all gone");
    }

    /// `page` as other documents show it: trimmed (the screen booklet's
    /// view) and placed on a print sheet, turned or not.
    fn shown(page: &Arc<Frame>, turned: bool) -> [Arc<Frame>; 2] {
        let mut view = Frame::new(page.size);
        view.place(page.clone(), GPoint::default());
        let mut sheet = Frame::new(Size::new(GPt(800.0), GPt(500.0)));
        sheet.items.push(Item::Sheet {
            origin: GPoint::new(GPt(50.0), GPt(30.0)),
            frame: page.clone(),
            clip: GRect::new(GPt(0.0), GPt(0.0), page.size.w, page.size.h),
            turned,
        });
        [Arc::new(view), Arc::new(sheet)]
    }

    fn doc(pages: Vec<Arc<Frame>>) -> Document {
        Document {
            pages,
            ..Document::default()
        }
    }

    /// Each page's content stream, inflated, and its media box.
    fn pages_of(pdf: &[u8]) -> Vec<(Vec<u8>, Vec<f32>, usize)> {
        let pdf = lopdf::Document::load_mem(pdf).expect("a PDF lopdf reads");
        (pdf.get_pages().into_values())
            .map(|id| {
                let page = pdf.get_dictionary(id).unwrap();
                let content = pdf.get_page_content(id);
                // Shared by the pages that have it: a reference.
                let media = page.get(b"MediaBox").unwrap();
                let media = match media {
                    lopdf::Object::Reference(id) => pdf.get_object(*id).unwrap(),
                    direct => direct,
                };
                let media = (media.as_array().unwrap().iter())
                    .map(|o| (o.as_float().unwrap() * 100.0).round() / 100.0)
                    .collect();
                let links = page
                    .get(b"Annots")
                    .and_then(|a| a.as_array().map(|a| a.len()))
                    .unwrap_or(0);
                (content, media, links)
            })
            .collect()
    }

    /// The booklet page, its trimmed screen view and its placing on a
    /// print sheet are painted once: the screen page shows the same
    /// content through a media box without the bleed, the sheet holds
    /// the same content after the placing; links stay on the page and its
    /// view, not on the sheet.
    #[test]
    fn a_page_is_painted_once_for_every_document_that_shows_it() {
        let (_, book) = crate::text::fonts::tests::sans();
        let options = WriteOptions::from_env(0);
        let page = page();
        let [view, sheet] = shown(&page, false);
        let print = pages_of(&write(&doc(vec![page.clone()]), &book, &options));
        let screen = pages_of(&write(&doc(vec![view]), &book, &options));
        let sheet = pages_of(&write(&doc(vec![sheet]), &book, &options));
        let frames = options.painted.frames.lock().unwrap();
        assert_eq!(frames.len(), 1, "one painting");
        let (content, media, links) = &print[0];
        assert!(String::from_utf8_lossy(content).contains("0.5 0.25 0 rg"));
        assert_eq!(media, &[0.0, 0.0, 318.0, 418.0]);
        assert_eq!(*links, 1);
        assert_eq!(&screen[0].0, content);
        assert_eq!(screen[0].1, [9.0, 9.0, 309.0, 409.0]);
        assert_eq!(screen[0].2, 1);
        let placed = &sheet[0].0;
        let (placed, content) = (
            String::from_utf8_lossy(placed),
            String::from_utf8_lossy(content),
        );
        let shifted = format!("1 0 0 1 -9 -9 cm\n{}\nQ", content.trim_end());
        assert!(placed.trim_end().ends_with(&shifted), "{placed}");
        assert_eq!(sheet[0].2, 0);
    }

    /// The file /ID is the document's digest: the same document gives the
    /// same /ID (and file), a different one (other text, another date) a
    /// different /ID.
    #[test]
    fn the_file_id_is_the_documents_digest() {
        let (family, book) = crate::text::fonts::tests::sans();
        let id = |doc: &Document, options: &WriteOptions| {
            let pdf = lopdf::Document::load_mem(&write(doc, &book, options)).unwrap();
            let ids = pdf.trailer.get(b"ID").unwrap().as_array().unwrap().clone();
            assert_eq!(ids[0], ids[1]);
            let digest = options.digests.of(doc, &book, options);
            assert_eq!(ids[0].as_str().unwrap(), &digest[..16]);
            ids[0].as_str().unwrap().to_vec()
        };
        let options = WriteOptions::from_env(0);
        let text = doc(vec![text_page(&family, &book)]);
        let first = id(&text, &options);
        assert_eq!(id(&text, &options), first);
        assert_eq!(id(&text, &WriteOptions::from_env(0)), first, "a new build");
        assert_ne!(id(&doc(vec![page()]), &options), first, "another page");
        let day = post::pdf_date;
        let another_day = WriteOptions {
            date: match options.date == day(86_400) {
                true => day(172_800),
                false => day(86_400),
            },
            ..WriteOptions::from_env(0)
        };
        assert_ne!(options.date, another_day.date);
        assert_ne!(id(&text, &another_day), first, "another date");
    }

    /// Fonts prepared ahead (while the photos are made) are the faces
    /// the pages show, no other, and the file is the same.
    #[test]
    fn fonts_prepared_ahead_are_those_shown_and_change_nothing() {
        let (family, book) = crate::text::fonts::tests::sans();
        let page = text_page(&family, &book);
        let alone = write(&doc(vec![page.clone()]), &book, &WriteOptions::from_env(0));
        let options = WriteOptions::from_env(0);
        options.fonts.prepare(&book, [&*page]);
        let shown = |id| options.fonts.has_source(&book.face(FaceId(id)).data);
        assert!(shown(0), "the regular face is shown");
        assert!(!shown(1) && !shown(2) && !shown(3), "no other face is");
        assert_eq!(write(&doc(vec![page]), &book, &options), alone);
    }

    /// A page with text in a group (two glyphs reading differently in
    /// two runs: the last use is what ToUnicode says), a photo and the
    /// box and link of [`page`].
    fn text_page(family: &crate::model::Family, book: &FontBook) -> Arc<Frame> {
        let mut ts = crate::text::Typesetter::new(book);
        let style = ts.style(&crate::model::TextStyle {
            family: family.clone(),
            bold: false,
            italic: false,
            size: GPt(10.0),
            leading: GPt(12.0),
            colour: Colour::BLACK,
            align: crate::model::Align::Left,
        });
        let lang = crate::model::Lang::english();
        let mut line = |text: &str| {
            let mut set = ts.plain(text, &style, GPt(200.0), &lang);
            set.lines.remove(0)
        };
        let mut body = Frame::new(Size::new(GPt(300.0), GPt(400.0)));
        body.take_line(GPoint::new(GPt(20.0), GPt(60.0)), line("Sealed pages"));
        let mut again = line("Sealed again");
        for run in &mut again.runs {
            for g in &mut run.glyphs {
                g.text = crate::text::GlyphText::new(&format!("<{}>", g.text));
            }
        }
        body.take_line(GPoint::new(GPt(20.0), GPt(90.0)), again);
        let rect = GRect::new(GPt(40.0), GPt(120.0), GPt(60.0), GPt(80.0));
        body.items.push(Item::Image {
            photo: Arc::new(crate::model::Photo {
                path: "p.png".into(),
                width: 2,
                height: 2,
                data: crate::model::PhotoData::Raw {
                    components: 3,
                    samples: vec![200; 12],
                    alpha: None,
                },
            }),
            rect,
            clip: rect,
            shape: Shape::Circle,
        });
        let mut frame = (*page()).clone();
        frame.place(Arc::new(body), GPoint::default());
        Arc::new(frame)
    }

    /// Sealed pages keep no text, and every document showing them (the
    /// page itself, its trimmed view, a sheet it is placed on) is the same
    /// bytes as from the pages unsealed, with the same digest.
    #[test]
    fn sealed_pages_write_what_the_pages_write() {
        let (family, book) = crate::text::fonts::tests::sans();
        let text_page = || text_page(&family, &book);
        let documents = |page: &Arc<Frame>| {
            let [view, sheet] = shown(page, true);
            [
                doc(vec![page.clone(), text_page()]),
                doc(vec![view]),
                doc(vec![sheet]),
            ]
        };
        let unsealed = text_page();
        let options = WriteOptions::from_env(0);
        let expected: Vec<(Vec<u8>, [u8; 32])> = (documents(&unsealed).iter())
            .map(|d| {
                (
                    write(d, &book, &options),
                    options.digests.of(d, &book, &options),
                )
            })
            .collect();
        let mut booklet = doc(vec![text_page()]);
        let options = WriteOptions::from_env(0);
        seal(&mut booklet, &book, &options);
        let sealed = &booklet.pages[0];
        assert!(sealed.sealed.is_some());
        let mut text = 0;
        sealed.each_item(&mut |i| text += usize::from(matches!(i, Item::Text { .. })));
        assert_eq!(text, 0, "no text kept");
        let mut photos = 0;
        sealed.each_item(&mut |i| photos += usize::from(matches!(i, Item::Image { .. })));
        assert_eq!(photos, 1, "the photo is still found");
        for (d, (pdf, digest)) in documents(sealed).iter().zip(&expected) {
            assert_eq!(&options.digests.of(d, &book, &options), digest);
            assert!(&write(d, &book, &options) == pdf, "the same bytes");
        }
        let text = String::from_utf8_lossy(&expected[0].0);
        assert!(text.contains("/ToUnicode"));
    }
}
