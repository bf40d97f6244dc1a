//! Stage 2, text: marked-up strings → lines of positioned glyphs.
//!
//! `Typesetter::paragraph` runs the steps in order: smart punctuation, then
//! splitting into words and shaping them, then building box/glue/penalty
//! items, breaking them into lines, and placing the words of each line.

mod bidi;
mod breaks;
pub mod fonts;
mod glyph_text;
pub mod hyphenate;
pub mod linebreak;
pub mod markup;
mod memo;
mod paragraph;
pub mod shape;
pub mod smart;

pub use fonts::{FaceId, FontBook, FontFiles};
pub use markup::Span;
pub use memo::Memo;
pub use paragraph::{LinkSpan, PlacedGlyph, Run, TextLine};

pub use glyph_text::GlyphText;

use crate::geom::Pt;
use crate::model::Lang;
use crate::model::{Align, Colour, Family, TextStyle};
use rustc_hash::FxHashMap;
use shape::Glyph;
use std::sync::Arc;

/// Where a word may break: byte offsets and kinds.
type WordBreaks = Arc<[(usize, breaks::BreakKind)]>;

/// A layout style with its faces resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// Regular, italic, bold, bold italic, relative to the style: emphasis in
    /// an italic style sets upright.
    pub faces: [FaceId; 4],
    /// Type size.
    pub size: Pt,
    /// Distance between baselines.
    pub leading: Pt,
    /// Text colour.
    pub colour: Colour,
    /// How lines sit on the measure.
    pub align: Align,
    /// Largest horizontal glyph scaling font expansion may use (0.02 is
    /// ±2 %), 0 for none.
    pub expansion: f64,
    /// Whether punctuation may hang into the margins.
    pub protrusion: bool,
    /// Whether words may be hyphenated (justified text only).
    pub hyphenate: bool,
    /// Families tried, in order, for characters the style's faces lack;
    /// each with the same four variants as `faces`.
    pub fallback: Vec<[FaceId; 4]>,
    /// Words after which the following space does not break.
    pub no_break_after: Vec<String>,
}

impl Style {
    /// Index into `faces` for emphasis and strong.
    pub fn variant(emphasis: bool, strong: bool) -> usize {
        usize::from(strong) * 2 + usize::from(emphasis)
    }

    /// The face for emphasised and/or strong text.
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
    /// The lines, top to bottom.
    pub lines: Vec<TextLine>,
    /// Characters no face had, in order of first appearance.
    pub missing: Vec<char>,
}

/// A language tag and a direction (right to left): what shaping depends on
/// besides the face and the text.
type ShapingKey = (String, bool);

/// Shaped text of one face and language, by text.
type ShapedWords = FxHashMap<String, Arc<[Glyph]>>;

/// Shapes and sets text; keeps a shaping cache across a whole build, since
/// booklets repeat the same words thousands of times.
pub struct Typesetter<'a> {
    /// The fonts.
    pub book: &'a FontBook,
    /// Shaped text by face and language (fonts shape by language: Serbian
    /// and Bulgarian letter forms, Turkish and Dutch rules), then text:
    /// looked up by `&str`, so a hit allocates nothing.
    /// A handful of languages (and directions) per face, searched in order.
    /// Hashed with rustc's Fx hash, not the standard library's SipHash
    /// (made to resist inputs chosen to collide, which an event's words are
    /// not): hashing words was 1.5 % of a 1000-speaker build.
    cache: FxHashMap<FaceId, Vec<(ShapingKey, ShapedWords)>>,
    /// Break points of words already seen, by language and word.
    /// Per (language, hyphenate) — a handful per build — then by word.
    breaks: Vec<((String, bool), FxHashMap<String, WordBreaks>)>,
    /// Paragraphs set by earlier builds of this process, if it keeps them.
    memo: Option<&'a Memo>,
}

impl<'a> Typesetter<'a> {
    /// A typesetter with empty caches.
    pub fn new(book: &'a FontBook) -> Typesetter<'a> {
        Typesetter {
            book,
            cache: FxHashMap::default(),
            breaks: Vec::new(),
            memo: None,
        }
    }

    /// The same typesetter that also takes paragraphs from `memo` and keeps
    /// those it sets there (`booklet watch`: see [`Memo`]).
    pub fn remembering(self, memo: Option<&'a Memo>) -> Typesetter<'a> {
        Typesetter { memo, ..self }
    }

    /// A typesetter with the same fonts and memo and empty caches, for
    /// another thread.
    pub fn fork(&self) -> Typesetter<'a> {
        Typesetter::new(self.book).remembering(self.memo)
    }

    /// Resolves a layout style against the layout's font families.
    pub fn style(&self, style: &TextStyle) -> Style {
        let f = |bold, italic| self.book.resolve(style, bold, italic);
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
            no_break_after: Vec::new(),
        }
    }

    /// The faces of families tried for characters a style lacks.
    pub fn fallback(&self, families: &[Family], style: &TextStyle) -> Vec<[FaceId; 4]> {
        families
            .iter()
            .map(|family| {
                let st = TextStyle {
                    family: family.clone(),
                    ..style.clone()
                };
                self.style(&st).faces
            })
            .collect()
    }

    /// Shapes a piece of text in one face, through the cache.
    fn shaped(&mut self, face: FaceId, text: &str, lang: &Lang, rtl: bool) -> Arc<[Glyph]> {
        let book = self.book;
        let by_lang = self.cache.entry(face).or_default();
        let k = match by_lang
            .iter()
            .position(|((tag, r), _)| *tag == lang.tag && *r == rtl)
        {
            Some(k) => k,
            None => {
                by_lang.push(((lang.tag.clone(), rtl), FxHashMap::default()));
                by_lang.len() - 1
            }
        };
        let cache = &mut by_lang[k].1;
        if let Some(g) = cache.get(text) {
            return g.clone();
        }
        let glyphs: Arc<[Glyph]> = shape::shape(book.face(face), text, Some(&lang.tag), rtl).into();
        cache.insert(text.to_string(), glyphs.clone());
        glyphs
    }

    /// Where `word` may break, through the cache: a booklet hyphenates the
    /// same words over and over.
    fn break_points(&mut self, word: &str, lang: &Lang, hyphenate: bool) -> WordBreaks {
        let k = match self
            .breaks
            .iter()
            .position(|((l, h), _)| *l == lang.tag && *h == hyphenate)
        {
            Some(k) => k,
            None => {
                self.breaks
                    .push(((lang.tag.clone(), hyphenate), FxHashMap::default()));
                self.breaks.len() - 1
            }
        };
        let cache = &mut self.breaks[k].1;
        if let Some(b) = cache.get(word) {
            return b.clone();
        }
        let b: WordBreaks = breaks::break_points(word, lang, hyphenate).into();
        cache.insert(word.to_string(), b.clone());
        b
    }

    /// Sets one paragraph of spans into lines of `width`.
    pub fn paragraph(&mut self, spans: &[Span], style: &Style, width: Pt, lang: &Lang) -> SetText {
        let Some(memo) = self.memo else {
            return self.set(spans, style, width, lang);
        };
        let key = memo::key(spans, style, width, lang);
        if let Some(set) = memo.get(&key) {
            return (*set).clone();
        }
        let set = self.set(spans, style, width, lang);
        memo.put(key, Arc::new(set.clone()));
        set
    }

    fn set(&mut self, spans: &[Span], style: &Style, width: Pt, lang: &Lang) -> SetText {
        let mut spans = spans.to_vec();
        smart::smarten(&mut spans, lang);
        paragraph::set(self, &spans, style, width, lang)
    }

    /// Sets plain text (no markup) into lines of `width`.
    pub fn plain(&mut self, text: &str, style: &Style, width: Pt, lang: &Lang) -> SetText {
        let spans = [Span {
            text: text.to_string(),
            ..Span::default()
        }];
        self.paragraph(&spans, style, width, lang)
    }

    /// The natural width of `text` on one line.
    pub fn width_of(&mut self, text: &str, style: &Style, lang: &Lang) -> Pt {
        let set = self.plain(text, style, Pt(1e9), lang);
        set.lines.iter().map(|l| l.natural).fold(Pt::ZERO, Pt::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::files::Files;
    use crate::model::FontFile;
    use std::path::Path;

    fn family(stem: &str) -> Family {
        let f = |style: &str| FontFile {
            path: format!("fonts/{stem}-{style}.ttf").into(),
        };
        Family {
            regular: f("Regular"),
            italic: f("It"),
            bold: f("Bold"),
            bold_italic: f("BoldIt"),
        }
    }

    fn setup() -> (FontBook, std::collections::BTreeMap<String, Family>) {
        let fonts: std::collections::BTreeMap<String, Family> = [
            ("serif".to_string(), family("SourceSerif4")),
            ("sans".to_string(), family("SourceSans3")),
        ]
        .into();
        let mut diags = Diagnostics::new();
        let book = FontBook::load(&Files::new(Path::new(".")), fonts.values(), &mut diags);
        assert!(diags.is_empty());
        (book, fonts)
    }

    fn body() -> TextStyle {
        TextStyle {
            family: setup().1["serif"].clone(),
            bold: false,
            italic: false,
            size: Pt(10.0),
            leading: Pt(12.0),
            colour: Colour::BLACK,
            align: Align::Justify,
        }
    }

    #[test]
    fn fallback_font_supplies_missing_characters() {
        let (book, fonts) = setup();
        let mut ts = Typesetter::new(&book);
        let mut style = ts.style(&body());
        // Source Serif has no heart; Source Sans has.
        let alone = ts.plain(
            "I ♥ type",
            &style,
            Pt(300.0),
            &crate::model::Lang::english(),
        );
        assert_eq!(alone.missing, vec!['♥']);
        style.fallback = ts.fallback(&[fonts["sans"].clone()], &body());
        let with = ts.plain(
            "I ♥ type",
            &style,
            Pt(300.0),
            &crate::model::Lang::english(),
        );
        assert!(with.missing.is_empty());
        let faces: Vec<FaceId> = with.lines[0].runs.iter().map(|r| r.face).collect();
        assert!(
            faces.contains(&style.faces[0]) && faces.contains(&style.fallback[0][0]),
            "{faces:?}"
        );
        // A character no font has is reported, and drawn (as the box glyph).
        let none = ts.plain("a ☆ b", &style, Pt(300.0), &crate::model::Lang::english());
        assert_eq!(none.missing, vec!['☆']);
        assert!(
            none.lines[0]
                .runs
                .iter()
                .any(|r| r.glyphs.iter().any(|g| g.id == 0))
        );
    }

    /// Regression: the shaping cache ignored the language, so a word shaped
    /// for one speaker's `lang` was reused for another's.
    #[test]
    fn shaping_cache_keeps_languages_apart() {
        let (book, fonts) = setup();
        let mut ts = Typesetter::new(&book);
        let face = ts
            .style(&TextStyle {
                family: fonts["sans"].clone(),
                ..body()
            })
            .faces[0];
        let lang = |tag: &str| crate::model::Lang {
            tag: tag.into(),
            ..crate::model::Lang::english()
        };
        let ids = |g: &[Glyph]| g.iter().map(|g| g.id).collect::<Vec<_>>();
        // Source Sans has Bulgarian forms of д and л.
        let bulgarian = ids(&ts.shaped(face, "дл", &lang("bg"), false));
        let russian = ids(&ts.shaped(face, "дл", &lang("ru"), false));
        let direct = ids(&shape::shape(book.face(face), "дл", Some("ru"), false));
        assert_ne!(bulgarian, direct, "the font must tell the two apart");
        assert_eq!(russian, direct);
    }

    #[test]
    fn no_break_after_keeps_titles_with_names() {
        let (book, _) = setup();
        let mut ts = Typesetter::new(&book);
        let mut style = ts.style(&body());
        style.no_break_after = vec!["Dr.".into()];
        // At a measure that would break right after "Dr.", it moves down.
        let text = "Thanks to our speaker Dr. Lovelace";
        let width = ts.width_of(
            "Thanks to our speaker Dr.",
            &style,
            &crate::model::Lang::english(),
        ) + Pt(1.0);
        let set = ts.plain(text, &style, width, &crate::model::Lang::english());
        let first: String = set.lines[0]
            .runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.text.to_string()))
            .collect();
        assert!(!first.trim_end().ends_with("Dr."), "{first}");
    }

    #[test]
    fn paragraph_lines_rejoin_to_the_input() {
        let (book, _) = setup();
        let mut ts = Typesetter::new(&book);
        let style = ts.style(&body());
        let text = "Representation learning on heterogeneous graph-structured data accelerates computational drug discovery considerably, see https://example.org/a/very/long/path for details.";
        for measure in [80.0, 120.0, 160.0, 240.0] {
            let set = ts.plain(text, &style, Pt(measure), &crate::model::Lang::english());
            let mut joined = String::new();
            for line in &set.lines {
                let mut t: String = line
                    .runs
                    .iter()
                    .flat_map(|r| r.glyphs.iter().map(|g| g.text.to_string()))
                    .collect();
                if line.hyphen_added {
                    assert_eq!(t.pop(), Some('-'));
                }
                joined.push_str(&t);
                if !line.break_in_word {
                    joined.push(' ');
                }
            }
            let joined = joined.trim_end();
            assert_eq!(joined, text, "measure {measure}");
        }
    }
}
