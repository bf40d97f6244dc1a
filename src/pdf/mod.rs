//! Stage 5, pdf: frames → PDF bytes. The only module that knows printpdf.
//!
//! Layout has decided every position; this module translates. Fonts are
//! subset and embedded here, photos stored once each, and the file is
//! finished with lopdf where printpdf falls short (soft masks, a fixed /ID
//! and dates, the outline's page mode, the document language).

mod digest;
mod fonts;
mod hash;
mod images;
mod post;
mod store;

use crate::geom::{Point as GPoint, Pt as GPt, Rect as GRect};
use crate::layout::{Document, Frame, Item, Shape, Target};
use crate::model::Colour;
use crate::text::{FaceId, FontBook, Run};
use printpdf::{
    Actions, BorderArray, Codepoint, Color, CurTransMat, Destination, Line, LinePoint,
    LinkAnnotation, Mm, Op, PageAnnotId, PageAnnotation, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix,
    WindingOrder, XObject, XObjectTransform,
};
use std::collections::BTreeMap;

pub use digest::Digests;
pub use images::{Profile, Resampled};
pub use post::WriteOptions;

/// Writes a document to PDF bytes. Same document and options, same bytes.
pub fn write(doc: &Document, book: &FontBook, options: &WriteOptions) -> Vec<u8> {
    let fonts = fonts::embed(doc, book);
    let with_text = fonts::text_positions(doc);
    let images = images::Images::collect(doc, &options.photos, options.profile);
    let mut pdf = PdfDocument::new(&doc.info.title);
    for e in fonts.values() {
        pdf.resources.fonts.map.insert(e.id.clone(), e.font.clone());
    }
    for (id, object) in &images.objects {
        pdf.resources
            .xobjects
            .map
            .insert(id.clone(), XObject::External(object.clone()));
    }
    pdf.pages = doc
        .pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let ops = Page {
                fonts: &fonts,
                images: &images,
                height: page.size.h,
                bleed: page.bleed + page.slug,
                index,
                anchors: &doc.anchors,
                pages: doc.pages.len(),
                placed: false,
                with_text: &with_text,
            }
            .ops(page);
            page_boxes(page, ops)
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
    post::finish(lopdf, doc, &images.masks, options)
}

/// A page with its boxes: the media box holds the bleed, the trim box says
/// where the printer cuts (the bleed box, which printpdf cannot write, is
/// added when the file is finished).
fn page_boxes(frame: &Frame, ops: Vec<Op>) -> PdfPage {
    let margin = frame.bleed + frame.slug;
    let b = margin * 2.0;
    let mut page = PdfPage::new(mm(frame.size.w + b), mm(frame.size.h + b), ops);
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

/// Translates one page, flipping y (frames grow down, PDF grows up).
struct Page<'a> {
    fonts: &'a BTreeMap<FaceId, fonts::Embedded>,
    images: &'a images::Images,
    height: GPt,
    index: usize,
    anchors: &'a [usize],
    /// How many pages the document has.
    pages: usize,
    with_text: &'a std::collections::HashSet<(usize, usize, usize)>,
    /// The trim box's offset inside the media box.
    bleed: GPt,
    /// A page placed on a print sheet: every glyph carries its text, and
    /// links are left out (their rectangles would not follow the turn).
    placed: bool,
}

impl Page<'_> {
    fn pt(&self, p: GPoint) -> Point {
        Point {
            x: Pt((p.x + self.bleed).0 as f32),
            y: Pt((self.height + self.bleed - p.y).0 as f32),
        }
    }

    fn ops(&self, frame: &Frame) -> Vec<Op> {
        let leaves = frame.leaves();
        let items = &leaves.items;
        let mut ops = Vec::new();
        let mut text = TextState::default();
        // Horizontal scaling is graphics state: it outlives text objects.
        let mut scale = 1.0;
        let mut next = 0;
        while next < items.len() {
            let (chain, item) = items[next];
            next += 1;
            if !matches!(item, Item::Text { .. }) && text.open {
                ops.push(Op::EndTextSection);
                text = TextState::default();
            }
            match item {
                Item::Text { run, .. } => {
                    if (run.scale - scale).abs() > 1e-9 {
                        ops.push(Op::SetHorizontalScaling {
                            percent: (run.scale * 100.0) as f32,
                        });
                        scale = run.scale;
                    }
                    let group = text_group(&leaves, next - 1);
                    next += group.len() - 1;
                    self.text(&mut ops, &mut text, &group);
                }
                Item::Rect { rect, fill, stroke } => {
                    self.fill_rect(&mut ops, leaves.rect(chain, *rect), *fill, stroke.as_ref())
                }
                Item::Fill { rect, shape, fill } => {
                    let polygon = self.shape(leaves.rect(chain, *rect), *shape, PaintMode::Fill);
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetFillColor { col: colour(*fill) });
                    ops.push(Op::DrawPolygon { polygon });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Line { from, to, stroke } => self.line(
                    &mut ops,
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
                    &mut ops,
                    photo,
                    leaves.rect(chain, *rect),
                    leaves.rect(chain, *clip),
                    *shape,
                ),
                Item::Link { rect, target } => {
                    if !self.placed {
                        ops.extend(self.link(leaves.rect(chain, *rect), target))
                    }
                }
                Item::Sheet {
                    origin,
                    frame,
                    clip,
                    turned,
                } => self.sheet(
                    &mut ops,
                    leaves.point(chain, *origin),
                    frame,
                    *clip,
                    *turned,
                ),
                // `leaves` has resolved every group into its items.
                Item::Group { .. } => {}
            }
        }
        if text.open {
            ops.push(Op::EndTextSection);
        }
        ops
    }

    fn fill_rect(
        &self,
        ops: &mut Vec<Op>,
        rect: GRect,
        fill: Option<Colour>,
        stroke: Option<&crate::layout::Stroke>,
    ) {
        ops.push(Op::SaveGraphicsState);
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (None, Some(_)) => PaintMode::Stroke,
            _ => PaintMode::Fill,
        };
        if let Some(f) = fill {
            ops.push(Op::SetFillColor { col: colour(f) });
        }
        if let Some(s) = stroke {
            ops.push(Op::SetOutlineColor {
                col: colour(s.colour),
            });
            ops.push(Op::SetOutlineThickness {
                pt: Pt(s.width.0 as f32),
            });
        }
        ops.push(Op::DrawPolygon {
            polygon: self.shape(rect, Shape::Rect, mode),
        });
        ops.push(Op::RestoreGraphicsState);
    }

    fn line(&self, ops: &mut Vec<Op>, from: GPoint, to: GPoint, stroke: &crate::layout::Stroke) {
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor {
            col: colour(stroke.colour),
        });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(stroke.width.0 as f32),
        });
        let point = |p| LinePoint {
            p: self.pt(p),
            bezier: false,
        };
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(from), point(to)],
                is_closed: false,
            },
        });
        ops.push(Op::RestoreGraphicsState);
    }

    /// A page placed on a print sheet at `at`: moved (and turned) by the
    /// transformation matrix, seen only inside `clip`, drawn in its own
    /// coordinates.
    fn sheet(&self, ops: &mut Vec<Op>, at: GPoint, frame: &Frame, clip: GRect, turned: bool) {
        let (w, h) = (frame.size.w, frame.size.h);
        let bottom_left = self.pt(GPoint::new(at.x, at.y + h));
        let (a, e, f) = match turned {
            true => (
                -1.0,
                bottom_left.x.0 + w.0 as f32,
                bottom_left.y.0 + h.0 as f32,
            ),
            false => (1.0, bottom_left.x.0, bottom_left.y.0),
        };
        let inner = Page {
            height: h,
            bleed: GPt::ZERO,
            placed: true,
            anchors: &[],
            pages: 0,
            ..*self
        };
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw([a, 0.0, 0.0, a, e, f]),
        });
        ops.push(Op::DrawPolygon {
            polygon: inner.shape(clip, Shape::Rect, PaintMode::Clip),
        });
        // Text state is graphics state: start from the defaults inside.
        ops.push(Op::SetHorizontalScaling { percent: 100.0 });
        ops.extend(inner.ops(frame));
        ops.push(Op::RestoreGraphicsState);
    }

    /// A photo scaled into `rect`, clipped to `shape` inside `clip`.
    fn image(
        &self,
        ops: &mut Vec<Op>,
        photo: &std::sync::Arc<crate::model::Photo>,
        rect: GRect,
        clip: GRect,
        shape: Shape,
    ) {
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::DrawPolygon {
            polygon: self.shape(clip, shape, PaintMode::Clip),
        });
        let bottom_left = self.pt(GPoint::new(rect.x, rect.bottom()));
        ops.push(Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw([
                rect.w.0 as f32,
                0.0,
                0.0,
                rect.h.0 as f32,
                bottom_left.x.0,
                bottom_left.y.0,
            ]),
        });
        ops.push(Op::UseXobject {
            id: self.images.id(photo).clone(),
            transform: XObjectTransform {
                no_auto_scale: true,
                ..XObjectTransform::default()
            },
        });
        ops.push(Op::RestoreGraphicsState);
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
        Some(Op::LinkAnnotation {
            // No visible box around links: printpdf draws one unless told
            // otherwise.
            link: LinkAnnotation::new(
                self.rect(rect),
                action,
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                None,
                None,
            ),
        })
    }

    fn rect(&self, r: GRect) -> Rect {
        let bl = self.pt(GPoint::new(r.x, r.bottom()));
        Rect {
            x: bl.x,
            y: bl.y,
            width: Pt(r.w.0 as f32),
            height: Pt(r.h.0 as f32),
            mode: None,
            winding_order: None,
        }
    }

    /// A rectangle or an ellipse inscribed in it, as a closed path.
    fn shape(&self, r: GRect, shape: Shape, mode: PaintMode) -> Polygon {
        let p = |x: GPt, y: GPt, bezier: bool| LinePoint {
            p: self.pt(GPoint::new(x, y)),
            bezier,
        };
        let points = match shape {
            Shape::Rect => vec![
                p(r.x, r.y, false),
                p(r.right(), r.y, false),
                p(r.right(), r.bottom(), false),
                p(r.x, r.bottom(), false),
            ],
            Shape::Rounded(radius) => {
                let k = 0.552_284_75;
                let rr = radius.min(r.w / 2.0).min(r.h / 2.0);
                let c = rr * (1.0 - k);
                let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
                vec![
                    p(x0 + rr, y0, false),
                    p(x1 - rr, y0, false),
                    p(x1 - c, y0, true),
                    p(x1, y0 + c, true),
                    p(x1, y0 + rr, false),
                    p(x1, y1 - rr, false),
                    p(x1, y1 - c, true),
                    p(x1 - c, y1, true),
                    p(x1 - rr, y1, false),
                    p(x0 + rr, y1, false),
                    p(x0 + c, y1, true),
                    p(x0, y1 - c, true),
                    p(x0, y1 - rr, false),
                    p(x0, y0 + rr, false),
                    p(x0, y0 + c, true),
                    p(x0 + c, y0, true),
                    p(x0 + rr, y0, false),
                ]
            }
            Shape::Circle => {
                // Four cubic arcs; 0.5523 is the usual control distance.
                let k = 0.552_284_75;
                let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
                let (rx, ry) = (r.w / 2.0, r.h / 2.0);
                vec![
                    p(cx + rx, cy, false),
                    p(cx + rx, cy + ry * k, true),
                    p(cx + rx * k, cy + ry, true),
                    p(cx, cy + ry, false),
                    p(cx - rx * k, cy + ry, true),
                    p(cx - rx, cy + ry * k, true),
                    p(cx - rx, cy, false),
                    p(cx - rx, cy - ry * k, true),
                    p(cx - rx * k, cy - ry, true),
                    p(cx, cy - ry, false),
                    p(cx + rx * k, cy - ry, true),
                    p(cx + rx, cy - ry * k, true),
                    p(cx + rx, cy, false),
                ]
            }
        };
        Polygon {
            rings: vec![PolygonRing { points }],
            mode,
            winding_order: WindingOrder::NonZero,
        }
    }

    /// One run: positioned once, its glyphs kerned with TJ offsets computed
    /// against the same truncated /W widths the viewer uses, so every glyph
    /// lands where layout put it.
    fn text(&self, ops: &mut Vec<Op>, state: &mut TextState, group: &[(usize, GPoint, &Run)]) {
        let (_, origin, run) = group[0];
        let Some(font) = self.fonts.get(&run.face) else {
            return;
        };
        if !state.open {
            ops.push(Op::StartTextSection);
            state.open = true;
        }
        if state.font != Some((run.face, run.size.0.to_bits())) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.id.clone()),
                size: Pt(run.size.0 as f32),
            });
            state.font = Some((run.face, run.size.0.to_bits()));
        }
        if state.colour != Some(run.colour) {
            ops.push(Op::SetFillColor {
                col: colour(run.colour),
            });
            state.colour = Some(run.colour);
        }
        // Under horizontal scaling every advance and offset is scaled too, so
        // positions are computed in unscaled units.
        let size = run.size.0 * run.scale;
        // Every glyph of the group with its position from the group's origin.
        let placed: Vec<(usize, usize, f64, &crate::text::PlacedGlyph)> = group
            .iter()
            .flat_map(|(item, o, r)| {
                let dx = (o.x - origin.x).0;
                r.glyphs
                    .iter()
                    .enumerate()
                    .map(move |(k, g)| (*item, k, dx + g.x.0, g))
            })
            .collect();
        // The text starts where its first glyph is: not the run's left edge
        // when glyphs are stored in logical order, right to left.
        let x0 = placed.first().map_or(0.0, |p| p.2);
        let start = self.pt(GPoint::new(origin.x + GPt(x0), origin.y));
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(start.x, start.y),
        });
        let mut glyphs = Vec::with_capacity(placed.len());
        // Pen position in whole thousandths of an em, as the viewer advances
        // it by /W widths; each offset is rounded, so no glyph strays by more
        // than half a thousandth of an em and most need no offset at all.
        let mut pen = 0i64;
        for (n, &(item, k, _, g)) in placed.iter().enumerate() {
            let gid = font.remap.get(&g.id).copied().unwrap_or(0);
            pen += font.widths.get(&gid).copied().unwrap_or(0);
            let offset = match placed.get(n + 1) {
                Some(next) => pen - ((next.2 - x0) * 1000.0 / size).round() as i64,
                None => 0,
            };
            pen -= offset;
            glyphs.push(Codepoint {
                gid,
                offset: offset as f32,
                cid: (self.placed || self.with_text.contains(&(self.index, item, k)))
                    .then(|| g.text.to_string()),
            });
        }
        show_raised(ops, glyphs, placed.iter().map(|p| p.3.y.0 as f32));
    }
}

/// Shows glyphs, raising those with a vertical offset (marks above or
/// below: Arabic vowels, Hebrew points) by the text rise; the pen carries
/// on from one text-showing operation to the next. The rise is put back to
/// zero, as it outlives the text object.
fn show_raised(ops: &mut Vec<Op>, glyphs: Vec<Codepoint>, rises: impl Iterator<Item = f32>) {
    let rises: Vec<f32> = rises.collect();
    if rises.iter().all(|&r| r == 0.0) {
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
        return;
    }
    let mut current = 0.0;
    let mut group: Vec<Codepoint> = Vec::new();
    for (glyph, rise) in glyphs.into_iter().zip(rises) {
        if rise != current && !group.is_empty() {
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(std::mem::take(&mut group))],
            });
        }
        if rise != current {
            ops.push(Op::SetLineOffset { multiplier: rise });
            current = rise;
        }
        group.push(glyph);
    }
    ops.push(Op::ShowText {
        items: vec![TextItem::GlyphIds(group)],
    });
    if current != 0.0 {
        ops.push(Op::SetLineOffset { multiplier: 0.0 });
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

fn colour(c: Colour) -> Color {
    match c {
        Colour::Rgb(r, g, b) => Color::Rgb(printpdf::Rgb {
            r,
            g,
            b,
            icc_profile: None,
        }),
        Colour::Cmyk(c, m, y, k) => Color::Cmyk(printpdf::Cmyk {
            c,
            m,
            y,
            k,
            icc_profile: None,
        }),
    }
}
