//! The one output model between layout and the PDF writer: pages as lists
//! of positioned items. Layout decides everything here; the writer only
//! translates it.

use crate::geom::{Point, Pt, Rect, Size};
use crate::model::{Colour, Photo};
use crate::text::{Run, TextLine};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    pub colour: Colour,
    pub width: Pt,
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Uri(String),
    /// A place recorded in [`Document::anchors`] (a speaker's section), so
    /// that pages laid out before the page count is known can link to it.
    Anchor(usize),
}

/// How a photo's visible area is cut out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    Rect,
    /// A rectangle with corners rounded by this radius.
    Rounded(Pt),
    Circle,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A run of glyphs whose baseline starts at `origin`.
    Text {
        origin: Point,
        run: Run,
    },
    Rect {
        rect: Rect,
        fill: Option<Colour>,
        stroke: Option<Stroke>,
    },
    Line {
        from: Point,
        to: Point,
        stroke: Stroke,
    },
    /// A filled ellipse inscribed in `rect` (round photo placeholders).
    Ellipse {
        rect: Rect,
        fill: Colour,
    },
    /// `photo` scaled into `rect`, visible only inside `clip`.
    Image {
        photo: Arc<Photo>,
        rect: Rect,
        clip: Rect,
        shape: Shape,
    },
    Link {
        rect: Rect,
        target: Target,
    },
    /// Another frame placed with its top-left corner at `origin`: a badge
    /// on a sheet, a speaker's head in the flow, a running head on a page.
    /// Shared, not copied, so one badge serves its own file and the sheet.
    Group {
        origin: Point,
        frame: Arc<Frame>,
    },
}

/// One page.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The trimmed page.
    pub size: Size,
    /// Paper added around a page beyond its trim size, for printing: colour
    /// that runs off the edge is drawn into it. The writer makes the media
    /// box this much larger all round and records the trim and bleed boxes.
    pub bleed: Pt,
    pub items: Vec<Item>,
}

impl Frame {
    pub fn new(size: Size) -> Frame {
        Frame {
            size,
            bleed: Pt::ZERO,
            items: Vec::new(),
        }
    }

    /// Places a set line with its baseline at `origin`, with its links.
    pub fn push_line(&mut self, origin: Point, line: &TextLine) {
        for run in &line.runs {
            self.items.push(Item::Text {
                origin: Point::new(origin.x + run.x, origin.y),
                run: run.clone(),
            });
        }
        for link in &line.links {
            self.items.push(Item::Link {
                rect: Rect::new(
                    origin.x + link.x0,
                    origin.y - line.ascent,
                    link.x1 - link.x0,
                    line.ascent + line.descent,
                ),
                target: Target::Uri(link.url.clone()),
            });
        }
    }

    /// Places another frame with its top-left corner at `origin`.
    pub fn place(&mut self, other: Arc<Frame>, origin: Point) {
        self.items.push(Item::Group {
            origin,
            frame: other,
        });
    }

    /// Every drawable item in painting order, with the groups it sits in:
    /// what a writer walks, so that groups cost nothing to place.
    pub fn leaves(&self) -> Leaves<'_> {
        let mut leaves = Leaves {
            chains: vec![Vec::new()],
            items: Vec::with_capacity(self.items.len()),
        };
        self.collect_leaves(0, &mut leaves);
        leaves
    }

    fn collect_leaves<'a>(&'a self, chain: usize, out: &mut Leaves<'a>) {
        for item in &self.items {
            match item {
                Item::Group { origin, frame } => {
                    let mut inner = out.chains[chain].clone();
                    inner.push(*origin);
                    out.chains.push(inner);
                    frame.collect_leaves(out.chains.len() - 1, out);
                }
                leaf => out.items.push((chain, leaf)),
            }
        }
    }
}

/// A frame's drawable items, each with the chain of group origins it was
/// placed through (outermost first).
pub struct Leaves<'a> {
    /// Group origins, outermost first; chain 0 is the page itself.
    pub chains: Vec<Vec<Point>>,
    /// Items in painting order, each with its chain.
    pub items: Vec<(usize, &'a Item)>,
}

impl Leaves<'_> {
    /// A point of an item of `chain` on the page. Offsets are added from the
    /// innermost group out, the order in which a nested placement moves it.
    pub fn point(&self, chain: usize, p: Point) -> Point {
        self.chains[chain].iter().rev().fold(p, |p, o| p + *o)
    }

    /// A rectangle of an item of `chain` on the page.
    pub fn rect(&self, chain: usize, r: Rect) -> Rect {
        self.chains[chain]
            .iter()
            .rev()
            .fold(r, |r, o| r.translate(*o))
    }
}

/// An entry of the PDF's outline (bookmarks).
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub page: usize,
}

/// Document-level information.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub language: String,
}

/// How pages are numbered in a viewer, from `page` on (0-based): lower-case
/// roman or arabic, starting at `first`.
#[derive(Clone, Debug, PartialEq)]
pub struct PageLabel {
    pub page: usize,
    pub roman: bool,
    pub first: usize,
}

/// A finished document, ready for the writer.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub pages: Vec<Frame>,
    pub outline: Vec<OutlineEntry>,
    pub info: Info,
    /// How the document's running text was set.
    pub stats: super::Stats,
    /// Empty for plain 1, 2, 3 numbering.
    pub page_labels: Vec<PageLabel>,
    /// The page (0-based) of each [`Target::Anchor`].
    pub anchors: Vec<usize>,
}
