//! Page flow: stacking blocks and lines down pages of facing-page layout,
//! starting a new page when the next piece does not fit.

use super::frame::Frame;
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
}

impl Flow {
    pub fn new(size: Size, margins: Margins, offset: usize) -> Flow {
        Flow {
            size,
            margins,
            pages: vec![Frame::new(size)],
            y: margins.top,
            offset,
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
    /// between lines where needed.
    pub fn lines(&mut self, lines: &[TextLine], m: LineMetrics, indent: Pt) {
        for line in lines {
            self.ensure(m.leading);
            let origin = Point::new(self.left() + indent, self.y + m.baseline);
            self.page().push_line(origin, line);
            self.y += m.leading;
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
