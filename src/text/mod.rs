//! Stage 2, text: marked-up strings → lines of positioned glyphs.
//!
//! `Typesetter::paragraph` runs the steps in order: smart punctuation, then
//! splitting into words and shaping them, then building box/glue/penalty
//! items, breaking them into lines, and placing the words of each line.

pub mod fonts;
pub mod hyphenate;
pub mod linebreak;
pub mod markup;
mod paragraph;
pub mod shape;
pub mod smart;

pub use fonts::{FaceId, FontBook};
pub use markup::Span;
pub use paragraph::{LinkSpan, PlacedGlyph, Run, TextLine};

use crate::geom::Pt;
use crate::model::{Align, Colour, Family, TextStyle};
use shape::Glyph;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A layout style with its faces resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// Regular, italic, bold, bold italic, relative to the style: emphasis in
    /// an italic style sets upright.
    pub faces: [FaceId; 4],
    pub size: Pt,
    pub leading: Pt,
    pub colour: Colour,
    pub align: Align,
    /// Largest horizontal glyph scaling font expansion may use (0.02 is
    /// ±2 %), 0 for none.
    pub expansion: f64,
    /// Whether punctuation may hang into the margins.
    pub protrusion: bool,
    pub hyphenate: bool,
    /// Families tried, in order, for characters the style's faces lack;
    /// each with the same four variants as `faces`.
    pub fallback: Vec<[FaceId; 4]>,
}

impl Style {
    /// Index into `faces` for emphasis and strong.
    pub fn variant(emphasis: bool, strong: bool) -> usize {
        usize::from(strong) * 2 + usize::from(emphasis)
    }

    pub fn face(&self, emphasis: bool, strong: bool) -> FaceId {
        self.faces[Style::variant(emphasis, strong)]
    }

    /// The same style at another size (badge names shrink to fit).
    pub fn at_size(&self, size: Pt) -> Style {
        Style {
            size,
            leading: self.leading * (size.0 / self.size.0),
            ..self.clone()
        }
    }
}

/// A paragraph set into lines, with what could not be set.
#[derive(Clone, Debug, Default)]
pub struct SetText {
    pub lines: Vec<TextLine>,
    /// Characters no face had, in order of first appearance.
    pub missing: Vec<char>,
}

/// Shapes and sets text; keeps a shaping cache across a whole build, since
/// booklets repeat the same words thousands of times.
pub struct Typesetter<'a> {
    pub book: &'a FontBook,
    cache: HashMap<(FaceId, String), Arc<[Glyph]>>,
}

impl<'a> Typesetter<'a> {
    pub fn new(book: &'a FontBook) -> Typesetter<'a> {
        Typesetter {
            book,
            cache: HashMap::new(),
        }
    }

    /// Resolves a layout style against the layout's font families.
    pub fn style(&self, fonts: &BTreeMap<String, Family>, style: &TextStyle) -> Style {
        let f = |bold, italic| self.book.resolve(fonts, style, bold, italic);
        Style {
            faces: [
                f(false, false),
                f(false, true),
                f(true, false),
                f(true, true),
            ],
            size: style.size,
            leading: style.leading,
            colour: style.colour,
            align: style.align,
            expansion: if style.align == Align::Justify {
                0.02
            } else {
                0.0
            },
            protrusion: style.align == Align::Justify,
            hyphenate: style.align == Align::Justify,
            fallback: Vec::new(),
        }
    }

    /// Shapes a piece of text in one face, through the cache.
    fn shaped(&mut self, face: FaceId, text: &str, lang: &str) -> Arc<[Glyph]> {
        if let Some(g) = self.cache.get(&(face, text.to_string())) {
            return g.clone();
        }
        let glyphs: Arc<[Glyph]> = shape::shape(self.book.face(face), text, Some(lang)).into();
        self.cache.insert((face, text.to_string()), glyphs.clone());
        glyphs
    }

    /// Sets one paragraph of spans into lines of `width`.
    pub fn paragraph(&mut self, spans: &[Span], style: &Style, width: Pt, lang: &str) -> SetText {
        let mut spans = spans.to_vec();
        smart::smarten(&mut spans);
        paragraph::set(self, &spans, style, width, lang)
    }

    /// Sets plain text (no markup) into lines of `width`.
    pub fn plain(&mut self, text: &str, style: &Style, width: Pt, lang: &str) -> SetText {
        let spans = [Span {
            text: text.to_string(),
            ..Span::default()
        }];
        self.paragraph(&spans, style, width, lang)
    }

    /// The natural width of `text` on one line.
    pub fn width_of(&mut self, text: &str, style: &Style, lang: &str) -> Pt {
        let set = self.plain(text, style, Pt(1e9), lang);
        set.lines.iter().map(|l| l.natural).fold(Pt::ZERO, Pt::max)
    }
}
