//! Printer's marks: where to cut and fold, drawn outside the trim and the
//! bleed so that no ink lands on the finished page.

use super::frame::{Frame, Item, Stroke};
use crate::geom::{Point, Pt, Rect};
use crate::model::Colour;

/// Marks stop this far from the trim (beyond the bleed).
const MARK_GAP_MM: f64 = 2.0;
/// And are this long.
const MARK_LENGTH_MM: f64 = 6.0;
/// The paper a page needs around its bleed for marks.
pub const SLUG_MM: f64 = 10.0;

/// Crop marks at the corners of `trim` (a page, or a spread with `fold`
/// marks at its middle), outside the trim and bleed, where `frame` has
/// room for them around it.
pub fn crop_marks(frame: &mut Frame, trim: Rect, bleed: Pt, fold: bool) {
    let gap = bleed + Pt::mm(MARK_GAP_MM);
    let room = trim
        .x
        .min(trim.y)
        .min(frame.size.w - trim.right())
        .min(frame.size.h - trim.bottom());
    let len = (room - gap).min(Pt::mm(MARK_LENGTH_MM));
    if len.0 < Pt::mm(2.0).0 {
        return;
    }
    let stroke = Stroke {
        colour: Colour::Cmyk(1.0, 1.0, 1.0, 1.0),
        width: Pt(0.25),
    };
    let mut line = |from: Point, to: Point| {
        frame.items.push(Item::Line {
            from,
            to,
            stroke: stroke.clone(),
        })
    };
    let (x0, x1, y0, y1) = (trim.x, trim.right(), trim.y, trim.bottom());
    for x in [x0, x1] {
        line(Point::new(x, y0 - gap - len), Point::new(x, y0 - gap));
        line(Point::new(x, y1 + gap), Point::new(x, y1 + gap + len));
    }
    for y in [y0, y1] {
        line(Point::new(x0 - gap - len, y), Point::new(x0 - gap, y));
        line(Point::new(x1 + gap, y), Point::new(x1 + gap + len, y));
    }
    if !fold {
        return;
    }
    // The fold, at the spine, above and below.
    let spine = trim.x + trim.w / 2.0;
    line(
        Point::new(spine, y0 - gap - len),
        Point::new(spine, y0 - gap),
    );
    line(
        Point::new(spine, y1 + gap),
        Point::new(spine, y1 + gap + len),
    );
}
