//! The booklet imposed for saddle stitching: two pages on each side of a
//! sheet (A5 on A4, half-letter on Letter, A4 on A3, unless the layout
//! names the sheet), in printer's spreads, so that the stack of sheets,
//! printed double-sided, folded and stapled, reads in order. The backs are
//! turned half a turn for printers that flip on the long edge (the
//! default). Crop and fold marks go outside the trim where the sheet has
//! room; creep compensation moves inner sheets' pages towards the spine.

use crate::geom::{Point, Pt, Rect, Size};
use crate::layout::{Document, Frame, Info, Item};
use crate::model::{BookletLayout, Imposition};
use std::sync::Arc;

/// The pages of each sheet of a booklet of `n` pages (padded to a multiple
/// of 4): front (left, right) and back (left, right), 0-based. The
/// outermost sheet first: the last page and the first on its front.
pub fn spreads(n: usize) -> Vec<[(usize, usize); 2]> {
    let n = n.div_ceil(4) * 4;
    (0..n / 4)
        .map(|i| [(n - 1 - 2 * i, 2 * i), (2 * i + 1, n - 2 - 2 * i)])
        .collect()
}

/// The sheet two pages of `page` print on: the next standard size up, in
/// landscape, or exactly two pages side by side.
pub fn sheet_for(page: Size) -> Size {
    let mm = |w: f64, h: f64| Size::new(Pt::mm(w), Pt::mm(h));
    let inch = |w: f64, h: f64| Size::new(Pt::inch(w), Pt::inch(h));
    let pairs = [
        (mm(105.0, 148.0), mm(210.0, 148.0)), // A6 on A5
        (mm(148.0, 210.0), mm(297.0, 210.0)), // A5 on A4
        (mm(210.0, 297.0), mm(420.0, 297.0)), // A4 on A3
        (inch(5.5, 8.5), inch(11.0, 8.5)),    // half-letter on Letter
        (inch(8.5, 11.0), inch(17.0, 11.0)),  // Letter on Tabloid
    ];
    let close = |a: Size, b: Size| (a.w - b.w).0.abs() < 1.0 && (a.h - b.h).0.abs() < 1.0;
    pairs
        .iter()
        .find(|(p, _)| close(*p, page))
        .map_or(Size::new(page.w * 2.0, page.h), |(_, s)| *s)
}

/// The imposed booklet.
pub fn saddle_stitch(booklet: &Document, layout: &BookletLayout, info: Info) -> Document {
    let opts: &Imposition = &layout.imposition;
    let page = layout.page;
    let sheet = opts.sheet.unwrap_or_else(|| sheet_for(page));
    // The spread's trim, centred on the sheet.
    let left = (sheet.w - page.w * 2.0) / 2.0;
    let top = (sheet.h - page.h) / 2.0;
    let blank = Arc::new(Frame::new(page));
    // The booklet's pages themselves, shared: nothing is copied.
    let pages = &booklet.pages;
    let get = |i: usize| pages.get(i).cloned().unwrap_or_else(|| blank.clone());
    let b = layout.bleed;
    let mut out = Vec::new();
    for (k, sides) in spreads(pages.len()).into_iter().enumerate() {
        // Inner sheets stand out at the fore-edge when folded: move their
        // pages towards the spine.
        let creep = opts.creep * (k as f64);
        for (side, (l, r)) in sides.into_iter().enumerate() {
            let turned = side == 1 && opts.duplex == crate::model::Duplex::LongEdge;
            let mut frame = Frame::new(sheet);
            let place = |frame: &mut Frame, p: Arc<Frame>, x: Pt, spine_right: bool| {
                // The trim and the bleed on the three outer sides.
                let clip = match spine_right {
                    true => Rect::new(-b, -b, page.w + b, page.h + b * 2.0),
                    false => Rect::new(Pt::ZERO, -b, page.w + b, page.h + b * 2.0),
                };
                let shift = if spine_right { creep } else { -creep };
                let x = if turned { sheet.w - x - page.w } else { x };
                let y = if turned { sheet.h - top - page.h } else { top };
                let shift = if turned { -shift } else { shift };
                frame.items.push(Item::Sheet {
                    origin: Point::new(x + shift, y),
                    frame: p,
                    clip,
                    turned,
                });
            };
            place(&mut frame, get(l), left, true);
            place(&mut frame, get(r), left + page.w, false);
            if opts.marks {
                let spread = Rect::new(left, top, page.w * 2.0, page.h);
                crate::layout::marks::crop_marks(&mut frame, spread, b, true);
            }
            out.push(Arc::new(frame));
        }
    }
    Document {
        pages: out,
        info,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading the sheets front, back, front… and each side left, right:
    /// folded, the booklet reads 1, 2, 3… to the end.
    fn check(n: usize) {
        let s = spreads(n);
        assert_eq!(s.len(), n / 4);
        // Every page once.
        let mut all: Vec<usize> = s
            .iter()
            .flat_map(|x| [x[0].0, x[0].1, x[1].0, x[1].1])
            .collect();
        all.sort();
        assert_eq!(all, (0..n).collect::<Vec<_>>());
        // Facing pages of each side add up to n - 1; fronts have the odd
        // (right-hand, 1-based) page on the right.
        for [front, back] in &s {
            assert_eq!(front.0 + front.1, n - 1);
            assert_eq!(back.0 + back.1, n - 1);
            assert_eq!(front.1 % 2, 0, "front right is page {}", front.1 + 1);
            assert_eq!(back.0 % 2, 1);
        }
    }

    #[test]
    fn printers_spreads_for_4_8_12_and_48_pages() {
        for n in [4, 8, 12, 48] {
            check(n);
        }
        assert_eq!(spreads(4), vec![[(3, 0), (1, 2)]]);
        assert_eq!(spreads(8), vec![[(7, 0), (1, 6)], [(5, 2), (3, 4)]]);
        assert_eq!(spreads(12)[2], [(7, 4), (5, 6)]);
        assert_eq!(spreads(48)[0], [(47, 0), (1, 46)]);
        assert_eq!(spreads(48)[11], [(25, 22), (23, 24)]);
    }

    #[test]
    fn sheets_follow_the_page() {
        let a5 = Size::new(Pt::mm(148.0), Pt::mm(210.0));
        let s = sheet_for(a5);
        assert!((s.w.to_mm() - 297.0).abs() < 0.1 && (s.h.to_mm() - 210.0).abs() < 0.1);
        let odd = Size::new(Pt::mm(100.0), Pt::mm(100.0));
        assert!((sheet_for(odd).w.to_mm() - 200.0).abs() < 0.1);
    }

    #[test]
    fn marks_stay_outside_the_trim_and_bleed() {
        let trim = Rect::new(Pt::mm(60.0), Pt::mm(40.0), Pt::mm(296.0), Pt::mm(210.0));
        let mut f = Frame::new(Size::new(Pt::mm(420.0), Pt::mm(297.0)));
        crate::layout::marks::crop_marks(&mut f, trim, Pt::mm(3.0), true);
        let lines: Vec<(Point, Point)> = f
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Line { from, to, .. } => Some((*from, *to)),
                _ => None,
            })
            .collect();
        assert_eq!(lines.len(), 10, "8 crop marks, 2 fold marks");
        let inside = |p: Point| {
            p.x.0 > trim.x.0 - Pt::mm(5.0).0 + 0.01
                && p.x.0 < trim.right().0 + Pt::mm(5.0).0 - 0.01
                && p.y.0 > trim.y.0 - Pt::mm(5.0).0 + 0.01
                && p.y.0 < trim.bottom().0 + Pt::mm(5.0).0 - 0.01
        };
        for (a, b) in &lines {
            assert!(!inside(*a) && !inside(*b), "a mark within 5 mm of the trim");
            // Each mark lies on a trim edge's line or the spine.
            let on_x = [trim.x, trim.right(), trim.x + trim.w / 2.0]
                .iter()
                .any(|x| a.x.approx_eq(*x) && b.x.approx_eq(*x));
            let on_y = [trim.y, trim.bottom()]
                .iter()
                .any(|y| a.y.approx_eq(*y) && b.y.approx_eq(*y));
            assert!(on_x || on_y);
        }
        // No room (A5 on A4): no marks.
        let mut tight = Frame::new(Size::new(Pt::mm(297.0), Pt::mm(210.0)));
        let spread = Rect::new(Pt::mm(0.5), Pt::ZERO, Pt::mm(296.0), Pt::mm(210.0));
        crate::layout::marks::crop_marks(&mut tight, spread, Pt::mm(3.0), true);
        assert!(tight.items.is_empty());
    }
}
