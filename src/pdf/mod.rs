//! Stage 5, pdf: frames → PDF bytes. The only module that knows printpdf.
//!
//! Layout has decided every position; this module translates. printpdf
//! makes the document (pages and their boxes, photos, links, metadata);
//! where its path is slow or falls short the module works a level lower,
//! in lopdf, printpdf's own serializer: page content streams are written
//! and compressed here as each page is made ([`content`]), fonts are
//! subset and embedded here ([`fonts`]), and the file is finished with
//! soft masks, a fixed /ID and dates, the nested outline, page labels and
//! the document language ([`post`]).

mod content;
mod digest;
mod fonts;
mod hash;
mod images;
mod post;
mod store;
mod zlib;

use crate::geom::{Point as GPoint, Pt as GPt, Rect as GRect};
use crate::layout::{Document, Frame, Item, Shape, Target};
use crate::model::Colour;
use crate::text::{FaceId, FontBook, Run};
use content::Content;
use printpdf::{
    Actions, BorderArray, Destination, LinkAnnotation, Mm, Op, PageAnnotId, PageAnnotation,
    PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect, XObject,
};
use std::collections::BTreeMap;

pub use digest::Digests;
pub use fonts::SharedTables;
pub use images::{Profile, Resampled};
pub use post::WriteOptions;

/// Writes a document to PDF bytes. Same document and options, same bytes.
pub fn write(doc: &Document, book: &FontBook, options: &WriteOptions) -> Vec<u8> {
    let fonts = fonts::embed(doc, book, &options.fonts);
    let images = images::Images::collect(doc, &options.photos, options.profile);
    let mut pdf = PdfDocument::new(&doc.info.title);
    for (id, object) in &images.objects {
        pdf.resources
            .xobjects
            .map
            .insert(id.clone(), XObject::External(object.clone()));
    }
    // Each page's stream is made and compressed here, one page at a time;
    // printpdf gets the page with its boxes and links only.
    let mut contents = Vec::with_capacity(doc.pages.len());
    pdf.pages = doc
        .pages
        .iter()
        .map(|page| {
            let painter = Page {
                fonts: &fonts,
                images: &images,
                height: page.size.h,
                bleed: page.bleed + page.slug,
                anchors: &doc.anchors,
                pages: doc.pages.len(),
                placed: false,
            };
            let mut content = Content::default();
            let mut links = Vec::new();
            painter.paint(page, &mut content, &mut links);
            contents.push(content.finish());
            page_boxes(page, links)
        })
        .collect();
    // A nested outline is written when the file is finished: printpdf's is
    // flat.
    let flat = doc.outline.iter().all(|e| e.level == 0);
    for (n, entry) in doc.outline.iter().enumerate().filter(|_| flat) {
        pdf.bookmarks.map.insert(
            // Sorted by printpdf on (page, title); the number keeps ids unique.
            PageAnnotId(format!("B{n:06}")),
            PageAnnotation {
                name: entry.title.clone(),
                page: entry.page + 1,
            },
        );
    }
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
        masks: &images.masks,
    };
    post::finish(lopdf, doc, parts, options)
}

/// A page with its boxes and links: the media box holds the bleed, the
/// trim box says where the printer cuts (the bleed box, which printpdf
/// cannot write, is added when the file is finished).
fn page_boxes(frame: &Frame, links: Vec<Op>) -> PdfPage {
    let margin = frame.bleed + frame.slug;
    let b = margin * 2.0;
    let mut page = PdfPage::new(mm(frame.size.w + b), mm(frame.size.h + b), links);
    if margin.0 > 0.0 {
        let b = margin.0 as f32;
        let (w, h) = (frame.size.w.0 as f32, frame.size.h.0 as f32);
        // printpdf writes a rectangle as [x y width height]; a PDF box is
        // [left bottom right top], so the corners go where it expects sizes.
        page.trim_box = Rect {
            x: Pt(b),
            y: Pt(b),
            width: Pt(w + b),
            height: Pt(h + b),
            mode: None,
            winding_order: None,
        };
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

/// Translates one page, flipping y (frames grow down, PDF grows up).
struct Page<'a> {
    fonts: &'a BTreeMap<FaceId, fonts::Embedded>,
    images: &'a images::Images,
    height: GPt,
    anchors: &'a [usize],
    /// How many pages the document has.
    pages: usize,
    /// The trim box's offset inside the media box.
    bleed: GPt,
    /// A page placed on a print sheet: links are left out (their
    /// rectangles would not follow the turn).
    placed: bool,
}

impl Page<'_> {
    /// A point in PDF space.
    fn pt(&self, p: GPoint) -> (f64, f64) {
        ((p.x + self.bleed).0, (self.height + self.bleed - p.y).0)
    }

    /// Writes the page's content to `out` and its links to `links`.
    fn paint(&self, frame: &Frame, out: &mut Content, links: &mut Vec<Op>) {
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
                    if !self.placed {
                        links.extend(self.link(leaves.rect(chain, *rect), target))
                    }
                }
                Item::Sheet {
                    origin,
                    frame,
                    clip,
                    turned,
                } => self.sheet(out, leaves.point(chain, *origin), frame, *clip, *turned),
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
    /// coordinates.
    fn sheet(&self, out: &mut Content, at: GPoint, frame: &Frame, clip: GRect, turned: bool) {
        let (w, h) = (frame.size.w.0, frame.size.h.0);
        let (x, y) = self.pt(GPoint::new(at.x, at.y + frame.size.h));
        let (a, e, f) = match turned {
            true => (-1.0, x + w, y + h),
            false => (1.0, x, y),
        };
        let inner = Page {
            height: frame.size.h,
            bleed: GPt::ZERO,
            placed: true,
            anchors: &[],
            pages: 0,
            ..*self
        };
        out.op(&[], "q");
        out.op(&[a, 0.0, 0.0, a, e, f], "cm");
        inner.shape(out, clip, Shape::Rect, Paint::Clip);
        // Text state is graphics state: start from the defaults inside.
        out.op(&[100.0], "Tz");
        inner.paint(frame, out, &mut Vec::new());
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
        out.named(&self.images.id(photo).0, &[], "Do");
        out.op(&[], "Q");
    }

    /// The 0-based page a link within the document goes to.
    fn page_of(&self, target: &Target) -> usize {
        match *target {
            Target::Anchor(a) => self.anchors.get(a).copied().unwrap_or(0),
            Target::Uri(_) => 0,
        }
    }

    /// A link annotation; none to a page the document does not have (a
    /// proof holds a few pages of the booklet).
    fn link(&self, rect: GRect, target: &Target) -> Option<Op> {
        if matches!(target, Target::Anchor(_)) && self.page_of(target) >= self.pages {
            return None;
        }
        let action = match target {
            Target::Uri(u) => Actions::Uri(u.clone()),
            Target::Anchor(_) => Actions::Goto(Destination::Xyz {
                page: self.page_of(target) + 1,
                left: None,
                top: None,
                zoom: None,
            }),
        };
        let (x, y) = self.pt(GPoint::new(rect.x, rect.bottom()));
        let area = Rect {
            x: Pt(x as f32),
            y: Pt(y as f32),
            width: Pt(rect.w.0 as f32),
            height: Pt(rect.h.0 as f32),
            mode: None,
            winding_order: None,
        };
        Some(Op::LinkAnnotation {
            // No visible box around links: printpdf draws one unless told
            // otherwise.
            link: LinkAnnotation::new(
                area,
                action,
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                None,
                None,
            ),
        })
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
        let Some(font) = self.fonts.get(&run.face) else {
            return;
        };
        if !state.open {
            out.op(&[], "BT");
            state.open = true;
        }
        if state.font != Some((run.face, run.size.0.to_bits())) {
            out.named(&font.id, &[run.size.0], "Tf");
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
        let (x, y) = self.pt(GPoint::new(origin.x + GPt(x0), origin.y));
        out.op(&[1.0, 0.0, 0.0, 1.0, x, y], "Tm");
        // Pen position in whole thousandths of an em, as the viewer advances
        // it by /W widths; each adjustment is rounded, so no glyph strays by
        // more than half a thousandth of an em and most need none at all.
        let mut pen = 0i64;
        let mut glyphs = Vec::with_capacity(placed.len());
        for (n, &(_, g)) in placed.iter().enumerate() {
            let (gid, width) = font.code(g.id);
            pen += width;
            let adjust = match placed.get(n + 1) {
                Some(next) => pen - ((next.0 - x0) * 1000.0 / size).round() as i64,
                None => 0,
            };
            pen -= adjust;
            glyphs.push((gid, adjust));
        }
        show_raised(out, &glyphs, placed.iter().map(|p| p.1.y().0));
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
