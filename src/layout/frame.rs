//! The one output model between layout and the PDF writer: pages as lists
//! of positioned items. Layout decides everything here; the writer only
//! translates it.

use crate::geom::{Point, Pt, Rect, Size};
use crate::model::{Colour, Photo};
use crate::text::{Run, TextLine};
use std::sync::Arc;

/// How a line or a rectangle's outline is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    /// Ink colour.
    pub colour: Colour,
    /// Line width.
    pub width: Pt,
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A web address.
    Uri(String),
    /// A place recorded in [`Document::anchors`] (a speaker's section), so
    /// that pages laid out before the page count is known can link to it.
    Anchor(usize),
}

/// How a photo's visible area is cut out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// Square corners.
    Rect,
    /// A rectangle with corners rounded by this radius.
    Rounded(Pt),
    /// An ellipse inscribed in the frame (a circle in a square one).
    Circle,
}

/// One thing drawn on a page; positions are from the page's top-left, y down.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A run of glyphs whose baseline starts at `origin`.
    Text {
        /// Where the run's baseline starts.
        origin: Point,
        /// The glyphs.
        run: Run,
    },
    /// A rectangle, filled, outlined or both.
    Rect {
        /// Where.
        rect: Rect,
        /// Fill colour, if filled.
        fill: Option<Colour>,
        /// Outline, if outlined.
        stroke: Option<Stroke>,
    },
    /// A straight line (rules, cut marks).
    Line {
        /// One end.
        from: Point,
        /// The other end.
        to: Point,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// `rect` cut to `shape` and filled (photo placeholders, which take the
    /// shape the photo would have).
    Fill {
        /// Where.
        rect: Rect,
        /// The outline: a rectangle, rounded, or an inscribed ellipse.
        shape: Shape,
        /// Fill colour.
        fill: Colour,
    },
    /// `photo` scaled into `rect`, visible only inside `clip`.
    Image {
        /// The image, stored once per document however often it is placed.
        photo: Arc<Photo>,
        /// Where the whole image goes (it may extend beyond `clip`).
        rect: Rect,
        /// The visible area.
        clip: Rect,
        /// How the visible area is cut out.
        shape: Shape,
    },
    /// A clickable area.
    Link {
        /// The area.
        rect: Rect,
        /// Where it goes.
        target: Target,
    },
    /// Another frame placed with its top-left corner at `origin`: a badge
    /// on a sheet, a speaker's head in the flow, a running head on a page.
    /// Shared, not copied, so one badge serves its own file and the sheet.
    Group {
        /// Where the placed frame's top-left corner goes.
        origin: Point,
        /// The frame placed.
        frame: Arc<Frame>,
    },
    /// A page placed on a print sheet: seen only inside `clip` (in the
    /// page's own coordinates: its trim and outer bleed), and turned half a
    /// turn for the back of a sheet printed double-sided on the long edge.
    /// The writer draws it as a unit; links inside are dropped.
    Sheet {
        /// Where the page's top-left corner goes (after turning).
        origin: Point,
        /// The page.
        frame: Arc<Frame>,
        /// What of it is seen.
        clip: Rect,
        /// Turned half a turn.
        turned: bool,
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
    /// Paper beyond the bleed for crop marks (none by default).
    pub slug: Pt,
    /// What is drawn, in painting order.
    pub items: Vec<Item>,
    /// What the writer made of the frame before any file was written, if
    /// it did (see [`Seal`]).
    pub sealed: Option<Seal>,
}

/// What the writer made of a finished page before the documents that show
/// it were written (`pdf::seal`): its painting and what the files need of
/// its text. Opaque here. A large booklet's pages held every glyph of the
/// event until the last file was written (most of a 10 000-speaker build's
/// memory); sealed, a page keeps its painting (a few kilobytes) and its
/// items other than text (photos are looked up from them). A sealed frame
/// is painted whole from its seal, never flattened into another frame.
#[derive(Clone)]
pub struct Seal(pub Arc<dyn std::any::Any + Send + Sync>);

impl PartialEq for Seal {
    fn eq(&self, other: &Seal) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Seal")
    }
}

/// What [`Frame::visit`] comes to: a drawable item, or a sealed frame.
pub enum Visit<'a> {
    /// An item, inside groups and placed pages alike.
    Item(&'a Item),
    /// A sealed frame's seal, before its remaining items.
    Sealed(&'a Seal),
}

impl Frame {
    /// An empty page of `size`.
    pub fn new(size: Size) -> Frame {
        Frame {
            size,
            bleed: Pt::ZERO,
            slug: Pt::ZERO,
            items: Vec::new(),
            sealed: None,
        }
    }

    /// A frame of this one's size and margins with nothing on it.
    pub fn blank_like(&self) -> Frame {
        Frame {
            bleed: self.bleed,
            slug: self.slug,
            ..Frame::new(self.size)
        }
    }

    /// Places a set line with its baseline at `origin`, with its links.
    pub fn push_line(&mut self, origin: Point, line: &TextLine) {
        self.take_line(origin, line.clone());
    }

    /// [`Frame::push_line`], the line's glyphs moved in, not copied. A
    /// run's glyphs grew one by one and hold up to twice the room they need:
    /// they move into a vector of their size (trimming the grown one in
    /// place left the heap in pieces, a fifth more memory for a large
    /// booklet).
    pub fn take_line(&mut self, origin: Point, line: TextLine) {
        for mut run in line.runs {
            if run.glyphs.capacity() > run.glyphs.len() {
                let mut exact = Vec::with_capacity(run.glyphs.len());
                exact.append(&mut run.glyphs);
                run.glyphs = exact;
            }
            self.items.push(Item::Text {
                origin: Point::new(origin.x + run.x, origin.y),
                run,
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

impl Frame {
    /// Calls `f` on every drawable item, inside groups and placed pages
    /// alike: what fonts and photos are collected from.
    pub fn each_item<'a>(&'a self, f: &mut impl FnMut(&'a Item)) {
        self.visit(&mut |v| {
            if let Visit::Item(item) = v {
                f(item)
            }
        });
    }

    /// [`Frame::each_item`], and the seal of every sealed frame on the way
    /// (in painting order): what the glyphs a document uses are collected
    /// from.
    pub fn visit<'a>(&'a self, f: &mut impl FnMut(Visit<'a>)) {
        if let Some(seal) = &self.sealed {
            f(Visit::Sealed(seal));
        }
        for item in &self.items {
            match item {
                Item::Group { frame, .. } | Item::Sheet { frame, .. } => frame.visit(f),
                leaf => f(Visit::Item(leaf)),
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
    /// What the bookmark says.
    pub title: String,
    /// The page it opens, 0-based.
    pub page: usize,
    /// How deep it is nested: 0 at the top, 1 under the entry of 0 before
    /// it (a session under its day), and so on.
    pub level: u8,
}

/// Document-level information.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Info {
    /// The document's title, shown by viewers instead of the file name.
    pub title: String,
    /// Who made it: the organisers.
    pub author: String,
    /// What it is, in a phrase.
    pub subject: String,
    /// Search words.
    pub keywords: Vec<String>,
    /// BCP 47 tag, for screen readers and text extraction.
    pub language: String,
}

/// How pages are numbered in a viewer, from `page` on (0-based): lower-case
/// roman or arabic, starting at `first`.
#[derive(Clone, Debug, PartialEq)]
pub struct PageLabel {
    /// The first page numbered this way, 0-based.
    pub page: usize,
    /// Lower-case roman numerals (front matter) rather than arabic.
    pub roman: bool,
    /// The number that page shows.
    pub first: usize,
}

impl Document {
    /// This booklet for screens and e-mail: the same pages, trimmed (no
    /// bleed, no crop marks: what ran into the bleed is cut at the page's
    /// edge) and without the blank pages added for the binding. Made from
    /// the print pages, not laid out again: a second layout pass was a
    /// quarter of a large build's time and doubled its memory.
    pub fn for_screen(&self) -> Document {
        let keep = self.pages.len() - self.blank_end.min(self.pages.len());
        let trimmed = |page: &Arc<Frame>| {
            let mut screen = Frame::new(page.size);
            screen.place(page.clone(), Point::default());
            Arc::new(screen)
        };
        Document {
            pages: self.pages[..keep].iter().map(trimmed).collect(),
            outline: self.outline.clone(),
            info: self.info.clone(),
            // The figures are the print booklet's, reported once.
            stats: Default::default(),
            page_labels: self.page_labels.clone(),
            anchors: self.anchors.clone(),
            people: self.people.clone(),
            blank_end: 0,
        }
    }

    /// The pages `pages` of this document alone (a speaker's proof): links
    /// into pages left out lead nowhere.
    pub fn extract(&self, pages: &[usize], info: Info) -> Document {
        let kept: Vec<usize> = pages
            .iter()
            .copied()
            .filter(|&p| p < self.pages.len())
            .collect();
        Document {
            pages: kept.iter().map(|&p| self.pages[p].clone()).collect(),
            info,
            anchors: (self.anchors.iter())
                .map(|a| kept.iter().position(|p| p == a).unwrap_or(usize::MAX))
                .collect(),
            ..Default::default()
        }
    }
}

/// A finished document, ready for the writer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The pages, in order.
    pub pages: Vec<Arc<Frame>>,
    /// Bookmarks, in reading order.
    pub outline: Vec<OutlineEntry>,
    /// Metadata.
    pub info: Info,
    /// How the document's running text was set.
    pub stats: super::Stats,
    /// Empty for plain 1, 2, 3 numbering.
    pub page_labels: Vec<PageLabel>,
    /// The page (0-based) of each [`Target::Anchor`].
    pub anchors: Vec<usize>,
    /// The pages (0-based) each speaker appears on, by speaker index: what
    /// goes in their proof.
    pub people: Vec<Vec<usize>>,
    /// Blank pages at the end, added only so the page count suits the
    /// binding (a multiple of 4 for saddle stitching).
    pub blank_end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screen_copy_is_trimmed_and_drops_the_binding_blanks() {
        let size = Size::new(Pt::mm(148.0), Pt::mm(210.0));
        let page = |fill: bool| {
            let mut frame = Frame::new(size);
            frame.bleed = Pt::mm(3.0);
            frame.slug = Pt::mm(5.0);
            if fill {
                frame.items.push(Item::Rect {
                    rect: Rect::new(Pt::mm(-3.0), Pt::mm(-3.0), Pt::mm(154.0), Pt::mm(20.0)),
                    fill: Some(Colour::WHITE),
                    stroke: None,
                });
            }
            Arc::new(frame)
        };
        let print = Document {
            pages: vec![page(true), page(true), page(false), page(false)],
            anchors: vec![1],
            people: vec![vec![0, 1]],
            blank_end: 2,
            ..Default::default()
        };
        let screen = print.for_screen();
        assert_eq!(screen.pages.len(), 2);
        assert_eq!(screen.blank_end, 0);
        assert_eq!(
            (screen.anchors.clone(), screen.people.clone()),
            (vec![1], vec![vec![0, 1]])
        );
        for (s, p) in screen.pages.iter().zip(&print.pages) {
            assert_eq!((s.size, s.bleed, s.slug), (size, Pt::ZERO, Pt::ZERO));
            // The print page itself, shared, not copied.
            assert!(matches!(&s.items[..], [Item::Group { frame, .. }] if Arc::ptr_eq(frame, p)));
        }
    }
}
