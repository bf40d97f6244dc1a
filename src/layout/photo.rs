//! Placing portraits: cover-fit cropping, resolution checks, placeholders.

use super::frame::{Frame, Item, Shape};
use crate::diag::Diagnostic;
use crate::geom::{Point, Pt, Rect};
use crate::model::Lang;
use crate::model::{Colour, Photo};
use crate::text::{Style, Typesetter};
use std::sync::Arc;

/// Below this many pixels per inch at the printed size, a photo looks soft.
pub const MIN_PPI: f64 = 150.0;

/// Scales `photo` to cover `frame`, cropping the overflow around `focus`
/// (0..1 across and down the photo; the centre by default), and returns a
/// warning if it prints below [`MIN_PPI`].
pub fn place_photo(
    page: &mut Frame,
    photo: &Arc<Photo>,
    frame: Rect,
    shape: Shape,
    focus: Option<(f64, f64)>,
) -> Option<Diagnostic> {
    let rect = cover(photo, frame, focus);
    let scale = cover_scale(photo, frame);
    page.items.push(Item::Image {
        photo: photo.clone(),
        rect,
        clip: frame,
        shape,
    });
    let ppi = 72.0 / scale;
    (ppi < MIN_PPI).then(|| {
        Diagnostic::warning(format!(
            "photo `{}` prints at {:.0} ppi ({} × {} pixels for {:.0} × {:.0} mm); it will look blurred",
            photo.path.display(),
            ppi,
            photo.width,
            photo.height,
            frame.w.to_mm(),
            frame.h.to_mm()
        ))
        .hint(format!(
            "use a photo of at least {:.0} × {:.0} pixels",
            (frame.w.0 / 72.0 * 300.0).ceil(),
            (frame.h.0 / 72.0 * 300.0).ceil()
        ))
    })
}

/// Where `photo` is drawn to cover `frame` with its `focus` at the
/// frame's centre, as far as the photo still covers the frame: the photo's
/// whole extent, of which the frame shows part.
pub fn cover(photo: &Photo, frame: Rect, focus: Option<(f64, f64)>) -> Rect {
    let (pw, ph) = (f64::from(photo.width), f64::from(photo.height));
    let scale = cover_scale(photo, frame);
    let (w, h) = (Pt(pw * scale), Pt(ph * scale));
    let (fx, fy) = focus.unwrap_or((0.5, 0.5));
    let x = (frame.x + frame.w / 2.0 - w * fx)
        .min(frame.x)
        .max(frame.right() - w);
    let y = (frame.y + frame.h / 2.0 - h * fy)
        .min(frame.y)
        .max(frame.bottom() - h);
    Rect::new(x, y, w, h)
}

/// Points per pixel of `photo` covering `frame`.
fn cover_scale(photo: &Photo, frame: Rect) -> f64 {
    (frame.w.0 / f64::from(photo.width)).max(frame.h.0 / f64::from(photo.height))
}

/// Draws a neutral box of the photo's shape with the speaker's initials
/// where a photo is missing.
pub fn placeholder(
    page: &mut Frame,
    ts: &mut Typesetter<'_>,
    style: &Style,
    (frame, shape): (Rect, Shape),
    initials: &str,
    lang: &Lang,
) {
    let grey = Colour::Rgb(0.86, 0.87, 0.89);
    page.items.push(match shape {
        Shape::Rect => Item::Rect {
            rect: frame,
            fill: Some(grey),
            stroke: None,
        },
        _ => Item::Fill {
            rect: frame,
            shape,
            fill: grey,
        },
    });
    let size = (frame.w.min(frame.h) * 0.36).max(Pt(8.0));
    let mut st = style.at_size(size);
    st.colour = Colour::Rgb(0.45, 0.47, 0.5);
    st.align = crate::model::Align::Centre;
    let set = ts.plain(initials, &st, frame.w, lang);
    if let Some(line) = set.lines.first() {
        let cap = Pt(ts.book.face(st.faces[0]).cap_height * size.0);
        let baseline = frame.y + (frame.h + cap) / 2.0;
        page.push_line(Point::new(frame.x, baseline), line);
    }
}
