//! The one output model between layout and the PDF writer: pages as lists
//! of positioned items. Layout decides everything here; the writer only
//! translates it.

use crate::geom::{Point, Rect, Size};
use crate::model::{Colour, Photo};
use crate::text::{Run, TextLine};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    pub colour: Colour,
    pub width: crate::geom::Pt,
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Uri(String),
    /// A page of the same document, 0-based.
    Page(usize),
}

/// How a photo's visible area is cut out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    Rect,
    /// A rectangle with corners rounded by this radius.
    Rounded(crate::geom::Pt),
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
}

/// One page.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub size: Size,
    pub items: Vec<Item>,
}

impl Frame {
    pub fn new(size: Size) -> Frame {
        Frame {
            size,
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

    /// Copies another frame's items, moved by `offset` (imposition).
    pub fn place(&mut self, other: &Frame, offset: Point) {
        for item in &other.items {
            self.items.push(item.translated(offset));
        }
    }
}

impl Item {
    fn translated(&self, by: Point) -> Item {
        match self {
            Item::Text { origin, run } => Item::Text {
                origin: *origin + by,
                run: run.clone(),
            },
            Item::Rect { rect, fill, stroke } => Item::Rect {
                rect: rect.translate(by),
                fill: *fill,
                stroke: stroke.clone(),
            },
            Item::Ellipse { rect, fill } => Item::Ellipse {
                rect: rect.translate(by),
                fill: *fill,
            },
            Item::Line { from, to, stroke } => Item::Line {
                from: *from + by,
                to: *to + by,
                stroke: stroke.clone(),
            },
            Item::Image {
                photo,
                rect,
                clip,
                shape,
            } => Item::Image {
                photo: photo.clone(),
                rect: rect.translate(by),
                clip: clip.translate(by),
                shape: *shape,
            },
            Item::Link { rect, target } => Item::Link {
                rect: rect.translate(by),
                target: target.clone(),
            },
        }
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
    /// Paper added around every page beyond its trim size, for printing.
    pub bleed: crate::geom::Pt,
}
