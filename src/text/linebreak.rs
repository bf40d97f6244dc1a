//! Line breaking over boxes, glue and penalties (Knuth & Plass's model).
//!
//! The breaker only sees widths: it knows nothing of fonts or pages, which
//! keeps it testable with integer widths and lets one paragraph be broken
//! for any measure.

use crate::geom::Pt;

/// A penalty at or above this never breaks; at or below `FORCE` always does.
pub const FORBID: f64 = 10_000.0;
pub const FORCE: f64 = -10_000.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    /// Something that is never broken: a word or a piece of one.
    Box { width: Pt },
    /// Space that may stretch or shrink, and may be a break (after a box).
    Glue { width: Pt, stretch: Pt, shrink: Pt },
    /// A possible break that costs `cost` and adds `width` (a hyphen) when
    /// taken; `flagged` marks hyphen breaks.
    Penalty { width: Pt, cost: f64, flagged: bool },
}

/// One line: items `start..end`, broken at item `end` (excluded; the
/// penalty's width, if any, is the caller's to draw), set with `ratio`
/// (positive: stretched by that share of the stretch; negative: shrunk).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub ratio: f64,
}

/// Breaks `items` into lines of width `measure`, first-fit: each line takes
/// as many items as fit. The last item must be a forced break.
pub fn linebreak(items: &[Item], measure: Pt) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < items.len() {
        // Discardable items at the start of a line vanish.
        while start < items.len() && !matches!(items[start], Item::Box { .. }) {
            if let Item::Penalty { cost, .. } = items[start]
                && cost <= FORCE
            {
                break;
            }
            start += 1;
        }
        if start >= items.len() {
            break;
        }
        let mut width = Pt::ZERO;
        let mut last_fit: Option<usize> = None;
        let mut end = items.len();
        for (i, item) in items.iter().enumerate().skip(start) {
            let legal = is_break(items, i);
            if legal {
                let extra = match item {
                    Item::Penalty { width, .. } => *width,
                    _ => Pt::ZERO,
                };
                if (width + extra).fits(measure) || last_fit.is_none() {
                    last_fit = Some(i);
                }
                if let Item::Penalty { cost, .. } = item
                    && *cost <= FORCE
                {
                    end = i;
                    break;
                }
                if !(width + extra).fits(measure) {
                    end = last_fit.unwrap_or(i);
                    break;
                }
            }
            match item {
                Item::Box { width: w } | Item::Glue { width: w, .. } => {
                    width += *w;
                    if !width.fits(measure) && last_fit.is_some() && !legal {
                        end = last_fit.unwrap_or(i);
                        break;
                    }
                }
                Item::Penalty { .. } => {}
            }
        }
        let ratio = adjustment(items, start, end, measure);
        lines.push(Line { start, end, ratio });
        start = end + 1;
    }
    lines
}

/// Whether a line may end at item `i`.
pub fn is_break(items: &[Item], i: usize) -> bool {
    match items[i] {
        Item::Penalty { cost, .. } => cost < FORBID,
        Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
        Item::Box { .. } => false,
    }
}

/// The natural width, stretch and shrink of items `start..end`, plus the
/// width of the penalty at `end` if the line breaks there.
pub fn measure_line(items: &[Item], start: usize, end: usize) -> (Pt, Pt, Pt) {
    let (mut w, mut st, mut sh) = (Pt::ZERO, Pt::ZERO, Pt::ZERO);
    for item in &items[start..end] {
        match item {
            Item::Box { width } => w += *width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                w += *width;
                st += *stretch;
                sh += *shrink;
            }
            Item::Penalty { .. } => {}
        }
    }
    // Glue just before the break is dropped with it.
    let mut k = end;
    while k > start {
        match items[k - 1] {
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                w -= width;
                st -= stretch;
                sh -= shrink;
                k -= 1;
            }
            _ => break,
        }
    }
    if let Some(Item::Penalty { width, .. }) = items.get(end) {
        w += *width;
    }
    (w, st, sh)
}

/// How much a line's glue must stretch (positive) or shrink (negative), as
/// a share of what it can; shrinking is capped at all of it.
pub fn adjustment(items: &[Item], start: usize, end: usize, measure: Pt) -> f64 {
    let (w, st, sh) = measure_line(items, start, end);
    let diff = measure - w;
    if diff.0 > 0.0 {
        if st.0 > 0.0 { diff.0 / st.0 } else { 0.0 }
    } else if diff.0 < 0.0 {
        if sh.0 > 0.0 {
            (diff.0 / sh.0).max(-1.0)
        } else {
            0.0
        }
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(w: f64) -> Item {
        Item::Box { width: Pt(w) }
    }
    fn g(w: f64) -> Item {
        Item::Glue {
            width: Pt(w),
            stretch: Pt(w / 2.0),
            shrink: Pt(w / 3.0),
        }
    }
    fn end() -> [Item; 2] {
        [
            Item::Glue {
                width: Pt(0.0),
                stretch: Pt(1e6),
                shrink: Pt(0.0),
            },
            Item::Penalty {
                width: Pt(0.0),
                cost: FORCE,
                flagged: false,
            },
        ]
    }

    #[test]
    fn first_fit_fills_lines() {
        let mut items = vec![b(3.0), g(1.0), b(3.0), g(1.0), b(3.0), g(1.0), b(3.0)];
        items.extend(end());
        let lines = linebreak(&items, Pt(8.0));
        assert_eq!(
            lines.iter().map(|l| (l.start, l.end)).collect::<Vec<_>>(),
            vec![(0, 3), (4, 8)]
        );
    }

    #[test]
    fn overlong_box_gets_its_own_line() {
        let mut items = vec![b(3.0), g(1.0), b(20.0), g(1.0), b(3.0)];
        items.extend(end());
        let lines = linebreak(&items, Pt(8.0));
        assert_eq!(lines.len(), 3);
        assert_eq!((lines[1].start, lines[1].end), (2, 3));
    }
}
