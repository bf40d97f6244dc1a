//! Typed lengths and rectangles.
//!
//! Every length that crosses a module boundary is a [`Pt`] (1/72 inch), so a
//! millimetre can never be mistaken for a point. Frames use a top-left origin
//! with y growing downwards, as a reader reads a page; only the PDF writer
//! flips the axis.

use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Lengths closer than this are equal: far below what a printer can show,
/// far above the rounding noise of summing a few hundred advances.
pub const EPSILON: f64 = 1e-6;

/// A length in PostScript points.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f64);

impl Pt {
    /// No length.
    pub const ZERO: Pt = Pt(0.0);

    /// A length in millimetres.
    pub const fn mm(mm: f64) -> Pt {
        Pt(mm * 72.0 / 25.4)
    }

    /// A length in inches.
    pub fn inch(inches: f64) -> Pt {
        Pt(inches * 72.0)
    }

    /// This length in millimetres (for messages and tests).
    pub fn to_mm(self) -> f64 {
        self.0 * 25.4 / 72.0
    }

    /// Whether `self` fits into `room`, allowing for floating-point noise.
    pub fn fits(self, room: Pt) -> bool {
        self.0 <= room.0 + EPSILON
    }

    /// Equal within [`EPSILON`]: positions computed two ways never match exactly.
    pub fn approx_eq(self, other: Pt) -> bool {
        (self.0 - other.0).abs() <= EPSILON
    }

    /// The longer of two lengths.
    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    /// The shorter of two lengths.
    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }
}

impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}pt", self.0)
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, rhs: Pt) -> Pt {
        Pt(self.0 + rhs.0)
    }
}

impl AddAssign for Pt {
    fn add_assign(&mut self, rhs: Pt) {
        self.0 += rhs.0;
    }
}

impl Sub for Pt {
    type Output = Pt;
    fn sub(self, rhs: Pt) -> Pt {
        Pt(self.0 - rhs.0)
    }
}

impl SubAssign for Pt {
    fn sub_assign(&mut self, rhs: Pt) {
        self.0 -= rhs.0;
    }
}

impl Mul<f64> for Pt {
    type Output = Pt;
    fn mul(self, rhs: f64) -> Pt {
        Pt(self.0 * rhs)
    }
}

impl Div<f64> for Pt {
    type Output = Pt;
    fn div(self, rhs: f64) -> Pt {
        Pt(self.0 / rhs)
    }
}

impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}

impl std::iter::Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        Pt(iter.map(|p| p.0).sum())
    }
}

/// A position on a page, from its top-left corner.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// From the left edge.
    pub x: Pt,
    /// From the top edge, growing down.
    pub y: Pt,
}

impl Point {
    /// A point at `x`, `y`.
    pub fn new(x: Pt, y: Pt) -> Point {
        Point { x, y }
    }
}

impl Add for Point {
    type Output = Point;
    fn add(self, rhs: Point) -> Point {
        Point::new(self.x + rhs.x, self.y + rhs.y)
    }
}

/// A width and a height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    /// Width.
    pub w: Pt,
    /// Height.
    pub h: Pt,
}

impl Size {
    /// A size of `w` by `h`.
    pub fn new(w: Pt, h: Pt) -> Size {
        Size { w, h }
    }
}

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: Pt,
    /// Top edge.
    pub y: Pt,
    /// Width.
    pub w: Pt,
    /// Height.
    pub h: Pt,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub fn new(x: Pt, y: Pt, w: Pt, h: Pt) -> Rect {
        Rect { x, y, w, h }
    }

    /// Its bottom edge.
    pub fn bottom(&self) -> Pt {
        self.y + self.h
    }

    /// Its right edge.
    pub fn right(&self) -> Pt {
        self.x + self.w
    }

    /// The same rectangle moved by `by`.
    pub fn translate(&self, by: Point) -> Rect {
        Rect::new(self.x + by.x, self.y + by.y, self.w, self.h)
    }
}

/// Parses a length such as `148mm`, `5.8in`, `12pt` or `1.2cm`.
///
/// A bare number is refused: a layout that says `margin: 12` is ambiguous,
/// and guessing the unit is how booklets come back from the printer wrong.
pub fn parse_length(text: &str) -> Result<Pt, String> {
    let t = text.trim();
    let split = t.find(|c: char| c.is_ascii_alphabetic()).ok_or_else(|| {
        format!("`{t}` has no unit (write for example `12mm`, `0.5in` or `10pt`)")
    })?;
    let (num, unit) = t.split_at(split);
    let value: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("`{t}` is not a number followed by a unit"))?;
    if !value.is_finite() {
        return Err(format!("`{t}` is not a finite length"));
    }
    match unit.trim() {
        "pt" => Ok(Pt(value)),
        "mm" => Ok(Pt::mm(value)),
        "cm" => Ok(Pt::mm(value * 10.0)),
        "in" => Ok(Pt::inch(value)),
        other => Err(format!(
            "unknown unit `{other}` in `{t}` (use mm, cm, in or pt)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units() {
        assert!(
            parse_length("148mm")
                .unwrap()
                .approx_eq(Pt(419.527_559_055_118_1))
        );
        assert!(parse_length("5.8in").unwrap().approx_eq(Pt(417.6)));
        assert!(parse_length("12pt").unwrap().approx_eq(Pt(12.0)));
        assert!(parse_length(" 1.5cm ").unwrap().approx_eq(Pt::mm(15.0)));
    }

    #[test]
    fn refuses_bare_numbers_and_unknown_units() {
        assert!(parse_length("12").unwrap_err().contains("no unit"));
        assert!(
            parse_length("12px")
                .unwrap_err()
                .contains("unknown unit `px`")
        );
        assert!(parse_length("abc").is_err());
    }

    #[test]
    fn fits_tolerates_rounding_noise() {
        assert!(Pt(10.0 + 1e-9).fits(Pt(10.0)));
        assert!(!Pt(10.01).fits(Pt(10.0)));
    }
}
