//! Stage 4, impose: single badges → print sheets, with cut marks; the
//! booklet → sheets for saddle stitching ([`saddle`]). Geometry only:
//! frames in, frames out.

pub mod saddle;

use crate::geom::{Point, Pt, Rect};
use crate::layout::{Badge, Document, Frame, Info, Item, Stroke};
use crate::model::{BadgeLayout, Colour, CutMarks};

/// Marks stop this far short of the badge edge, so no ink lands on a badge.
const MARK_OFFSET_MM: f64 = 1.5;
const MARK_LENGTH_MM: f64 = 5.0;

/// Top-left corner of every cell of a sheet, in data order (row by row).
pub fn cells(l: &BadgeLayout) -> Vec<Rect> {
    let (cols, rows) = (f64::from(l.columns), f64::from(l.rows));
    let grid_w = l.badge.w * cols + l.gap.w * (cols - 1.0);
    let grid_h = l.badge.h * rows + l.gap.h * (rows - 1.0);
    let x0 = (l.sheet.w - grid_w) / 2.0;
    let y0 = (l.sheet.h - grid_h) / 2.0;
    let mut out = Vec::new();
    for r in 0..l.rows {
        for c in 0..l.columns {
            out.push(Rect::new(
                x0 + (l.badge.w + l.gap.w) * f64::from(c),
                y0 + (l.badge.h + l.gap.h) * f64::from(r),
                l.badge.w,
                l.badge.h,
            ));
        }
    }
    out
}

/// Puts all badges on sheets, in order; the last sheet may be part-filled.
/// With duplex, each sheet is followed by its back: badge backs (the
/// badges' second pages) in mirrored columns, so that each lands behind its
/// front when the sheet is printed double-sided and flipped on the long
/// edge.
pub fn impose(badges: &[Badge], l: &BadgeLayout, info: Info) -> Document {
    let cells = cells(l);
    let mut pages = Vec::new();
    for chunk in badges.chunks(cells.len().max(1)) {
        let mut sheet = Frame::new(l.sheet);
        let used = &cells[..chunk.len()];
        match l.cut {
            CutMarks::Marks => cut_marks(&mut sheet, used, l, false),
            CutMarks::Guides => cut_marks(&mut sheet, used, l, true),
            CutMarks::None => {}
        }
        for (badge, cell) in chunk.iter().zip(&cells) {
            sheet.place(badge.front.clone(), Point::new(cell.x, cell.y));
        }
        pages.push(std::sync::Arc::new(sheet));
        if l.duplex {
            let mut back = Frame::new(l.sheet);
            for (badge, cell) in chunk.iter().zip(&cells) {
                let mirrored = mirror(*cell, l);
                let face = badge.back.as_ref().unwrap_or(&badge.front);
                back.place(face.clone(), Point::new(mirrored.x, mirrored.y));
            }
            pages.push(std::sync::Arc::new(back));
        }
    }
    Document {
        pages,
        info,
        ..Default::default()
    }
}

/// The sheet file's metadata.
pub fn sheet_info(event: &crate::model::Event) -> Info {
    Info {
        title: format!("{}: badges for printing", event.name),
        author: event.name.clone(),
        subject: "Name badges, imposed for cutting".into(),
        keywords: vec!["badges".into()],
        language: event.language.tag.clone(),
    }
}

/// Where the back of the badge in `cell` goes on the back of the sheet:
/// mirrored left to right (long-edge flip).
pub fn mirror(cell: Rect, l: &BadgeLayout) -> Rect {
    Rect::new(l.sheet.w - cell.x - cell.w, cell.y, cell.w, cell.h)
}

/// Short marks in the sheet's margin on the line of every badge edge; where
/// the margin is too narrow for them (A6 on A4 leaves none), hairline guides
/// along the cut lines instead.
fn cut_marks(sheet: &mut Frame, used: &[Rect], l: &BadgeLayout, guides: bool) {
    let Some(first) = used.first() else { return };
    let stroke = Stroke {
        colour: Colour::BLACK,
        width: Pt(0.25),
    };
    let offset = Pt::mm(MARK_OFFSET_MM);
    let left = first.x;
    let top = first.y;
    let right = used.iter().map(|r| r.right()).fold(Pt::ZERO, Pt::max);
    let bottom = used.iter().map(|r| r.bottom()).fold(Pt::ZERO, Pt::max);
    let mut xs: Vec<Pt> = used.iter().flat_map(|r| [r.x, r.right()]).collect();
    let mut ys: Vec<Pt> = used.iter().flat_map(|r| [r.y, r.bottom()]).collect();
    dedup(&mut xs);
    dedup(&mut ys);
    let margin = left.min(top).min(l.sheet.w - right).min(l.sheet.h - bottom);
    if !guides && margin.0 >= Pt::mm(MARK_OFFSET_MM + 2.0).0 {
        let len = (margin - offset).min(Pt::mm(MARK_LENGTH_MM));
        let mut line = |from: Point, to: Point| {
            sheet.items.push(Item::Line {
                from,
                to,
                stroke: stroke.clone(),
            })
        };
        for &x in &xs {
            line(
                Point::new(x, top - offset - len),
                Point::new(x, top - offset),
            );
            line(
                Point::new(x, bottom + offset),
                Point::new(x, bottom + offset + len),
            );
        }
        for &y in &ys {
            line(
                Point::new(left - offset - len, y),
                Point::new(left - offset, y),
            );
            line(
                Point::new(right + offset, y),
                Point::new(right + offset + len, y),
            );
        }
    } else {
        let guide = Stroke {
            colour: Colour::Rgb(0.6, 0.6, 0.6),
            width: Pt(0.1),
        };
        for &x in &xs {
            sheet.items.push(Item::Line {
                from: Point::new(x, Pt::ZERO),
                to: Point::new(x, l.sheet.h),
                stroke: guide.clone(),
            });
        }
        for &y in &ys {
            sheet.items.push(Item::Line {
                from: Point::new(Pt::ZERO, y),
                to: Point::new(l.sheet.w, y),
                stroke: guide.clone(),
            });
        }
    }
}

fn dedup(v: &mut Vec<Pt>) {
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v.dedup_by(|a, b| a.approx_eq(*b));
}
