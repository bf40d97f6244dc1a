//! Page flow: stacking blocks and lines down pages of facing-page layout,
//! starting a new page when the next piece does not fit.

use super::frame::Frame;
use super::stats::Stats;
use crate::geom::{Point, Pt, Size};
use crate::model::Margins;
use crate::text::{Style, TextLine, Typesetter};

/// How a style's lines sit in their line boxes.
#[derive(Clone, Copy, Debug)]
pub struct LineMetrics {
    pub leading: Pt,
    /// From the top of a line box to its baseline: centres the capitals in
    /// the box, so stacked blocks of different sizes look evenly spaced.
    pub baseline: Pt,
}

impl LineMetrics {
    pub fn of(ts: &Typesetter<'_>, style: &Style) -> LineMetrics {
        let cap = Pt(ts.book.face(style.faces[0]).cap_height * style.size.0);
        LineMetrics {
            leading: style.leading,
            baseline: (style.leading + cap) / 2.0,
        }
    }
}

/// Pages being filled from top to bottom.
pub struct Flow {
    pub size: Size,
    pub margins: Margins,
    pub pages: Vec<Frame>,
    /// Top of the free space on the last page.
    pub y: Pt,
    /// Physical index of the flow's first page in the document, which
    /// decides left- and right-hand pages.
    pub offset: usize,
    pub stats: Stats,
}

impl Flow {
    pub fn new(size: Size, margins: Margins, offset: usize) -> Flow {
        Flow {
            size,
            margins,
            pages: vec![Frame::new(size)],
            y: margins.top,
            offset,
            stats: Stats::default(),
        }
    }

    /// The page being filled.
    pub fn page(&mut self) -> &mut Frame {
        self.pages.last_mut().expect("a flow always has a page")
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    /// Left edge of the text area: the inner margin on right-hand (odd,
    /// 1-based) pages, the outer one on left-hand pages.
    pub fn left(&self) -> Pt {
        left_margin(self.offset + self.page_index(), self.margins)
    }

    pub fn measure(&self) -> Pt {
        self.size.w - self.margins.inner - self.margins.outer
    }

    pub fn bottom(&self) -> Pt {
        self.size.h - self.margins.bottom
    }

    pub fn room(&self) -> Pt {
        self.bottom() - self.y
    }

    pub fn at_top(&self) -> bool {
        self.y.approx_eq(self.margins.top)
    }

    pub fn new_page(&mut self) {
        // A finished page keeps what it holds and no more: its items grew
        // by doubling, and a large booklet's slack was tens of megabytes.
        if let Some(page) = self.pages.last_mut() {
            page.items.shrink_to_fit();
        }
        self.pages.push(Frame::new(self.size));
        self.y = self.margins.top;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: Pt) {
        if !height.fits(self.room()) && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    pub fn space(&mut self, h: Pt) {
        if !self.at_top() {
            self.y += h;
        }
    }

    /// Places lines at the left edge (plus `indent`), breaking pages
    /// between lines where needed, and counts them. The lines' glyphs move
    /// into the pages (copying them was a tenth of layout).
    pub fn lines(&mut self, lines: Vec<TextLine>, m: LineMetrics, indent: Pt) {
        self.stats.paragraph(&lines);
        for line in lines {
            self.ensure(m.leading);
            self.place(line, m, indent);
        }
    }

    fn place(&mut self, line: TextLine, m: LineMetrics, indent: Pt) {
        let origin = Point::new(self.left() + indent, self.y + m.baseline);
        self.page().take_line(origin, line);
        self.y += m.leading;
    }

    /// How many lines of `m` fit in the room left on this page.
    fn lines_that_fit(&self, m: LineMetrics) -> usize {
        let room = self.room().0 + crate::geom::EPSILON;
        if room < m.leading.0 {
            0
        } else {
            (room / m.leading.0) as usize
        }
    }

    /// Places a paragraph, breaking pages only where neither a widow (its
    /// last line alone atop a page) nor an orphan (its first line alone at a
    /// page's foot) results: at least two lines on each side of a break.
    pub fn paragraph(&mut self, lines: Vec<TextLine>, m: LineMetrics) {
        const MIN_LINES: usize = 2;
        self.stats.paragraph(&lines);
        let mut rest = lines.len();
        let mut lines = lines.into_iter();
        let mut first = true;
        while rest > 0 {
            let fit = self.lines_that_fit(m);
            let mut take = fit.min(rest);
            if take < rest {
                // Keep at least two lines for the next page.
                take = take.min(rest.saturating_sub(MIN_LINES));
                if take < MIN_LINES {
                    if self.at_top() {
                        // A page too short for two lines: no choice left.
                        take = fit.max(1).min(rest);
                    } else {
                        self.new_page();
                        first = false;
                        continue;
                    }
                }
            }
            for line in lines.by_ref().take(take) {
                self.place(line, m, Pt::ZERO);
            }
            if take == 1 && rest > 1 && first {
                self.stats.orphans += 1;
            }
            rest -= take;
            if rest > 0 {
                self.new_page();
                if rest == 1 {
                    self.stats.widows += 1;
                }
            }
            first = false;
        }
    }
}

pub fn left_margin(page_index: usize, m: Margins) -> Pt {
    if page_index.is_multiple_of(2) {
        m.inner
    } else {
        m.outer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Pt;
    use crate::model::Colour;
    use crate::text::{FaceId, Run};

    /// A line with one (empty) run, so each placed line is one frame item.
    fn line() -> TextLine {
        TextLine {
            runs: vec![Run {
                face: FaceId(0),
                size: Pt(10.0),
                colour: Colour::BLACK,
                x: Pt::ZERO,
                scale: 1.0,
                glyphs: Vec::new(),
                width: Pt(100.0),
            }],
            links: Vec::new(),
            width: Pt(100.0),
            natural: Pt(100.0),
            ascent: Pt(8.0),
            descent: Pt(2.0),
            size: Pt(10.0),
            justified: true,
            ends_with_hyphen: false,
            break_in_word: false,
            hyphen_added: false,
            overfull: false,
            spaces: Vec::new(),
        }
    }

    /// Lines of an `n`-line paragraph on each page, placed after `before`
    /// lines' worth of other text on pages of `capacity` lines.
    fn split(capacity: usize, before: usize, n: usize) -> (Vec<usize>, Stats) {
        let m = LineMetrics {
            leading: Pt(10.0),
            baseline: Pt(8.0),
        };
        let margins = Margins {
            top: Pt(10.0),
            bottom: Pt(10.0),
            inner: Pt(10.0),
            outer: Pt(10.0),
        };
        let size = Size::new(Pt(200.0), Pt(20.0 + 10.0 * capacity as f64));
        let mut flow = Flow::new(size, margins, 0);
        flow.y += Pt(10.0 * before as f64);
        let lines: Vec<TextLine> = (0..n).map(|_| line()).collect();
        flow.paragraph(lines, m);
        (
            flow.pages.iter().map(|p| p.items.len()).collect(),
            flow.stats,
        )
    }

    #[test]
    fn a_page_break_at_every_line_leaves_no_widow_or_orphan() {
        for n in 1..=8 {
            for before in 0..=10 {
                let (pages, stats) = split(10, before, n);
                assert_eq!(pages.iter().sum::<usize>(), n, "n={n} before={before}");
                assert_eq!(stats.widows + stats.orphans, 0);
                let parts: Vec<usize> = pages.iter().copied().filter(|&c| c > 0).collect();
                if parts.len() > 1 {
                    assert!(
                        parts.iter().all(|&c| c >= 2),
                        "n={n} before={before}: {parts:?}"
                    );
                }
                // Nothing moves to a new page that would have fitted.
                if before + n <= 10 {
                    assert_eq!(parts, vec![n], "n={n} before={before}");
                }
            }
        }
    }

    #[test]
    fn a_page_too_short_for_two_lines_still_makes_progress() {
        // One line per page: widows and orphans cannot be avoided, and the
        // statistics say so.
        let (pages, stats) = split(1, 0, 3);
        assert_eq!(pages, vec![1, 1, 1]);
        assert!(stats.widows + stats.orphans > 0);
    }
}
