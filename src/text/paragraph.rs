//! Paragraph assembly: spans → words → items → lines → placed glyph runs.
//!
//! Words are shaped whole (so kerning and ligatures survive), then cut at
//! their break points into the boxes the line breaker sees: hyphenation
//! points, explicit hyphens and dashes, and the slashes and dots of web
//! addresses. Each line is then placed word by word, which is how we
//! justify: PDF word spacing does not apply to two-byte fonts.

use super::breaks::BreakKind;
use super::linebreak::{self, Item};
use super::shape::Glyph;
use super::{FaceId, SetText, Style, Typesetter, bidi};
use crate::geom::Pt;
use crate::model::Lang;
use crate::model::{Align, Colour};
use std::ops::Range;
use std::sync::Arc;

/// What a hyphenation break costs. Departure: TeX's `\hyphenpenalty` is
/// 50, which hyphenated a sixth of the lines of our 100-speaker test
/// booklet; at 200 a hyphen must save about two loose lines to be chosen.
pub const HYPHEN_PENALTY: f64 = 200.0;
/// A break after an explicit hyphen or dash (TeX's `\exhyphenpenalty`,
/// raised for the same reason).
pub const EXPLICIT_HYPHEN_PENALTY: f64 = 200.0;
/// A break inside a web address, after `/`, `.` or `-`: allowed, but only
/// where nothing better is possible.
pub const URL_BREAK_PENALTY: f64 = 200.0;
/// Measures at least this wide stand for "unbounded": text set to be
/// measured (a badge name at its natural width), not to fill a column.
const UNBOUNDED: Pt = Pt(1e5);

/// The text of every space glyph.
fn space_text() -> super::GlyphText {
    super::GlyphText::new(" ")
}

/// How much the gap between two ideographs may stretch, in ems, so that
/// justified Chinese and Japanese lines fill the measure.
pub const IDEOGRAPHIC_STRETCH: f64 = 0.1;

/// Glyphs of one face at one size, placed from the run's origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The face.
    pub face: FaceId,
    /// Type size.
    pub size: Pt,
    /// Ink colour.
    pub colour: Colour,
    /// From the line's left edge to the run's origin.
    pub x: Pt,
    /// Horizontal scale of the glyphs (font expansion), 1 for none.
    pub scale: f64,
    /// The glyphs, in order.
    pub glyphs: Vec<PlacedGlyph>,
    /// Where the last glyph ends, from the origin.
    pub width: Pt,
}

/// One glyph of a run: 12 bytes (held to that when compiled), for a large
/// booklet has millions.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// Its id in the face.
    pub id: u16,
    /// Raised by this many 1/4096 em (marks above or below), within ±8
    /// em. See [`PlacedGlyph::y`].
    rise: i16,
    /// Where it is, in single precision: a hundred-thousandth of a point
    /// within a run. See [`PlacedGlyph::x`].
    x: f32,
    /// What the glyph reads as when copied.
    pub text: super::GlyphText,
}

const _: () = assert!(std::mem::size_of::<PlacedGlyph>() == 12);

/// Units of [`PlacedGlyph`]'s rise per em.
const RISE_UNITS: f64 = 4096.0;

impl PlacedGlyph {
    /// A glyph at `x` from the run's origin (scale applied), raised by
    /// `rise` em.
    pub fn new(id: u16, x: Pt, rise: f64, text: super::GlyphText) -> PlacedGlyph {
        PlacedGlyph {
            id,
            rise: (rise * RISE_UNITS)
                .round()
                .clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16,
            x: x.0 as f32,
            text,
        }
    }

    /// From the run's origin, scale applied.
    pub fn x(&self) -> Pt {
        Pt(f64::from(self.x))
    }

    /// Vertical offset from the baseline, upwards (marks), at type size
    /// `size`.
    pub fn y(&self, size: Pt) -> Pt {
        size * (f64::from(self.rise) / RISE_UNITS)
    }

    /// Its id, rise and position as stored, for digests: equal bytes, the
    /// same glyph in the same place (its text aside).
    pub fn stored(&self) -> [u8; 8] {
        let mut b = [0; 8];
        b[..2].copy_from_slice(&self.id.to_le_bytes());
        b[2..4].copy_from_slice(&self.rise.to_le_bytes());
        b[4..].copy_from_slice(&self.x.to_bits().to_le_bytes());
        b
    }
}

/// A stretch of a line that links somewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkSpan {
    /// Left end, from the line's left edge.
    pub x0: Pt,
    /// Right end.
    pub x1: Pt,
    /// Where it goes.
    pub url: String,
}

/// One set line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextLine {
    /// The glyph runs, left to right.
    pub runs: Vec<Run>,
    /// Stretches that link somewhere.
    pub links: Vec<LinkSpan>,
    /// Where the line's last glyph ends.
    pub width: Pt,
    /// Its width at natural spacing.
    pub natural: Pt,
    /// Distance the line's font rises above and falls below the baseline.
    pub ascent: Pt,
    /// Distance its font falls below the baseline.
    pub descent: Pt,
    /// Type size.
    pub size: Pt,
    /// Whether the line was stretched or shrunk to the measure.
    pub justified: bool,
    /// The line ends with a hyphen (added or written).
    pub ends_with_hyphen: bool,
    /// The line breaks inside a word (at a hyphen, hyphenation point or in a
    /// web address), so no space separates it from the next.
    pub break_in_word: bool,
    /// A hyphen glyph was added at the end (hyphenation), not written.
    pub hyphen_added: bool,
    /// Wider than the measure: a piece that could not be broken.
    pub overfull: bool,
    /// The inter-word spaces as set.
    pub spaces: Vec<Pt>,
}

/// Part of a shaped piece: glyphs `range` of one face.
#[derive(Clone)]
struct Slice {
    face: FaceId,
    glyphs: Arc<[Glyph]>,
    range: Range<usize>,
    link: Option<String>,
    width: Pt,
    /// Bidi embedding level: odd for right-to-left text, whose glyphs are
    /// in visual order.
    level: u8,
}

/// What each item of the paragraph stands for.
enum Content {
    Word(Vec<Slice>),
    /// The face's space glyph: drawn (invisibly) at the end of the word
    /// before it, so text copied from the PDF has its spaces.
    Space {
        face: FaceId,
        glyph: u16,
    },
    /// A break that adds a hyphen glyph when taken.
    Hyphen {
        face: FaceId,
        glyph: u16,
    },
    Nothing,
}

struct Builder<'s> {
    items: Vec<Item>,
    contents: Vec<Content>,
    fragment: Vec<Slice>,
    style: &'s Style,
    /// The paragraph's bidi levels; none for all left-to-right text.
    levels: Option<bidi::Levels>,
    /// Lines start on the right: the language is written right to left.
    /// (An Arabic name in an English list reads right to left but lines up
    /// with the list, on the left.)
    start_right: bool,
}

impl Builder<'_> {
    fn push(&mut self, item: Item, content: Content) {
        self.items.push(item);
        self.contents.push(content);
    }

    /// Closes the current fragment as a box.
    fn close_fragment(&mut self) {
        if self.fragment.is_empty() {
            return;
        }
        let slices = std::mem::take(&mut self.fragment);
        let width: Pt = slices.iter().map(|s| s.width).sum();
        // Punctuation hangs on the side it is on only in left-to-right text.
        let (hang_left, hang_right) = if self.style.protrusion && self.levels.is_none() {
            let first = slices
                .first()
                .and_then(|s| s.glyphs[s.range.clone()].first());
            let last = slices.last().and_then(|s| s.glyphs[s.range.clone()].last());
            (
                first.map_or(Pt::ZERO, |g| hang(g, self.style.size, Side::Left)),
                last.map_or(Pt::ZERO, |g| hang(g, self.style.size, Side::Right)),
            )
        } else {
            (Pt::ZERO, Pt::ZERO)
        };
        let e = self.style.expansion;
        self.push(
            Item::Box {
                width,
                stretch: width * e,
                shrink: width * e,
                hang_left,
                hang_right,
            },
            Content::Word(slices),
        );
    }
}

#[derive(Clone, Copy)]
enum Side {
    Left,
    Right,
}

/// How far a glyph may protrude into the margin, after pdfTeX's microtype
/// defaults: full stops, commas and hyphens most, quotes and dashes less.
fn hang(g: &Glyph, size: Pt, side: Side) -> Pt {
    let Some(c) = g.text.as_str().chars().next() else {
        return Pt::ZERO;
    };
    let share = match side {
        Side::Right => match c {
            '.' | ',' | '-' | '‐' | '’' | '”' | '\'' | '"' | '»' | '›' => 0.7,
            '–' | ':' | ';' => 0.5,
            '—' => 0.3,
            '!' | '?' => 0.2,
            ')' | ']' => 0.05,
            _ => 0.0,
        },
        Side::Left => match c {
            '‘' | '“' | '«' | '‹' | '"' | '\'' => 0.7,
            '(' | '[' => 0.05,
            _ => 0.0,
        },
    };
    Pt(g.advance * size.0 * share)
}

/// Sets a paragraph in three steps, as Typst's inline layout does:
/// collect (spans → shaped words → box/glue/penalty items), linebreak
/// (total fit), finalize (each line placed word by word).
pub fn set(
    ts: &mut Typesetter<'_>,
    spans: &[super::Span],
    style: &Style,
    width: Pt,
    lang: &Lang,
) -> SetText {
    let (b, missing) = collect(ts, spans, style, lang);
    if b.items.is_empty() {
        return SetText::default();
    }
    let breaks = if style.align == Align::Justify {
        linebreak::linebreak(&b.items, width)
    } else {
        // Ragged text: the same breaker, with room for lines to fall short,
        // set at natural spacing; it balances line lengths.
        linebreak::linebreak_ragged(&b.items, width, style.size * 3.0)
    };
    let face = ts.book.face(style.faces[0]);
    let metrics = LineMetrics {
        ascent: Pt(face.ascender * style.size.0),
        descent: Pt(-face.descender * style.size.0),
    };
    let last = breaks.len().saturating_sub(1);
    let lines = breaks
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let justify = style.align == Align::Justify && n != last;
            place_line(&b, line, width, justify, metrics)
        })
        .collect();
    SetText { lines, missing }
}

/// The paragraph's items, ending with [`Item::paragraph_end`] (none for an
/// empty paragraph), and the characters no font has.
fn collect<'s>(
    ts: &mut Typesetter<'_>,
    spans: &[super::Span],
    style: &'s Style,
    lang: &Lang,
) -> (Builder<'s>, Vec<char>) {
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let mut b = Builder {
        items: Vec::new(),
        contents: Vec::new(),
        fragment: Vec::new(),
        style,
        levels: bidi::levels(&text, lang),
        start_right: lang.rtl(),
    };
    let mut missing: Vec<char> = Vec::new();
    let mut previous_word = String::new();
    // Byte offset of the chunk at hand in the paragraph's text.
    let mut at = 0;
    for span in spans {
        let variant = Style::variant(span.emphasis, span.strong);
        let face = style.faces[variant];
        for (k, chunk) in span.text.split(' ').enumerate() {
            if k > 0 {
                b.close_fragment();
                interword(ts, &mut b, face, &previous_word, lang);
                at += 1;
            }
            let start = at;
            at += chunk.len();
            if chunk.is_empty() {
                continue;
            }
            if k > 0 {
                previous_word.clear();
            }
            previous_word.push_str(chunk);
            let link = span.link.as_deref();
            let piece = Piece {
                text: chunk,
                at: start,
                variant,
                link,
            };
            add_chunk(ts, &mut b, piece, lang, &mut missing);
        }
    }
    b.close_fragment();
    if b.items.is_empty() {
        return (b, missing);
    }
    if matches!(b.items.last(), Some(Item::Glue { .. })) {
        b.items.pop();
        b.contents.pop();
    }
    for item in Item::paragraph_end() {
        b.push(item, Content::Nothing);
    }
    (b, missing)
}

/// The space between two words: glue, unless one is already there; after a
/// word of `no_break_after` ("p." before a number), a forbidden break first.
fn interword(
    ts: &mut Typesetter<'_>,
    b: &mut Builder<'_>,
    face: FaceId,
    previous_word: &str,
    lang: &Lang,
) {
    let style = b.style;
    if style.no_break_after.iter().any(|w| w == previous_word) {
        b.push(
            Item::penalty(Pt::ZERO, linebreak::FORBID, false),
            Content::Nothing,
        );
    }
    let needs_glue = match b.items.last() {
        None | Some(Item::Glue { .. }) => false,
        Some(Item::Penalty { cost, .. }) => *cost >= linebreak::FORBID,
        Some(Item::Box { .. }) => true,
    };
    if !needs_glue {
        return;
    }
    let space = ts.shaped(face, " ", lang, false);
    let sw = Pt(space.iter().map(|g| g.advance).sum::<f64>() * style.size.0);
    // Interword glue as TeX sets it for a book face: stretch by a half,
    // shrink by a third of the space.
    b.push(
        Item::Glue {
            width: sw,
            stretch: sw / 2.0,
            shrink: sw / 3.0,
        },
        Content::Space {
            face,
            glyph: space.first().map_or(0, |g| g.id),
        },
    );
}

/// A word's text (one span's part of it) with what it needs to be set.
struct Piece<'t> {
    text: &'t str,
    /// Byte offset in the paragraph's text.
    at: usize,
    /// Which of the style's four faces.
    variant: usize,
    link: Option<&'t str>,
}

/// The text with soft hyphens and word joiners taken out, the break points
/// (found on the text as written) moved to match, and the bidi level of
/// every byte of it.
struct Clean {
    text: String,
    breaks: Vec<(usize, BreakKind)>,
    levels: Vec<u8>,
}

fn without_controls(chunk: &str, breaks: &[(usize, BreakKind)], levels: &[u8]) -> Clean {
    let mut clean = Clean {
        text: String::with_capacity(chunk.len()),
        breaks: Vec::new(),
        levels: Vec::with_capacity(chunk.len()),
    };
    for (i, c) in chunk.char_indices() {
        if let Some(&(_, kind)) = breaks.iter().find(|(at, _)| *at == i) {
            clean.breaks.push((clean.text.len(), kind));
        }
        if c != '\u{ad}' && c != '\u{2060}' {
            clean.text.push(c);
            let level = levels.get(i).copied().unwrap_or(0);
            clean
                .levels
                .extend(std::iter::repeat_n(level, c.len_utf8()));
        }
    }
    clean
}

/// Splits `range` of a text where the bidi level changes.
fn level_runs(levels: &[u8], range: Range<usize>) -> Vec<(Range<usize>, u8)> {
    let mut out: Vec<(Range<usize>, u8)> = Vec::new();
    for i in range {
        let level = levels.get(i).copied().unwrap_or(0);
        match out.last_mut() {
            Some((r, l)) if *l == level => r.end = i + 1,
            _ => out.push((i..i + 1, level)),
        }
    }
    out
}

/// Break points inside the piece `range` of the text, as glyph indices of
/// its shaped `glyphs`; a break inside a ligature's cluster is dropped.
fn cuts_in(
    glyphs: &[Glyph],
    range: &Range<usize>,
    breaks: &[(usize, BreakKind)],
) -> Vec<(usize, BreakKind)> {
    let mut cuts = Vec::new();
    for &(at, kind) in breaks {
        if at <= range.start || at >= range.end {
            continue;
        }
        let local = (at - range.start) as u32;
        if let Some(k) = glyphs.iter().position(|g| g.cluster == local)
            && k > 0
        {
            cuts.push((k, kind));
        }
    }
    cuts
}

/// Shapes one word's piece of text (one span's part of it), splits it by
/// font coverage (the fallback chain) and by bidi level, and adds its break
/// points. Right-to-left runs are shaped whole, right to left.
fn add_chunk(
    ts: &mut Typesetter<'_>,
    b: &mut Builder<'_>,
    piece: Piece<'_>,
    lang: &Lang,
    missing: &mut Vec<char>,
) {
    let breaks = ts.break_points(piece.text, lang, b.style.hyphenate);
    let levels = match &b.levels {
        Some(l) => &l.by_byte[piece.at..piece.at + piece.text.len()],
        None => &[][..],
    };
    let clean = without_controls(piece.text, &breaks, levels);
    let primary = b.style.faces[piece.variant];
    let fallback: Vec<FaceId> = b.style.fallback.iter().map(|f| f[piece.variant]).collect();
    let size = b.style.size.0;
    for (face, range) in by_coverage(ts, &clean.text, primary, &fallback) {
        for (range, level) in level_runs(&clean.levels, range) {
            let rtl = level % 2 == 1;
            let glyphs = ts.shaped(face, &clean.text[range.clone()], lang, rtl);
            for g in glyphs.iter().filter(|g| g.id == 0) {
                for c in g.text.as_str().chars() {
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                }
            }
            let mut from = 0;
            if !rtl {
                for (k, kind) in cuts_in(&glyphs, &range, &clean.breaks) {
                    push_slice(b, face, &glyphs, from..k, (piece.link, level), size);
                    b.close_fragment();
                    push_break(ts, b, face, kind, lang);
                    from = k;
                }
            }
            push_slice(
                b,
                face,
                &glyphs,
                from..glyphs.len(),
                (piece.link, level),
                size,
            );
        }
    }
}

/// The penalty of a break inside a word: a hyphenation point adds a hyphen
/// when taken; explicit hyphens and web-address breaks add nothing.
fn push_break(
    ts: &mut Typesetter<'_>,
    b: &mut Builder<'_>,
    face: FaceId,
    kind: BreakKind,
    lang: &Lang,
) {
    match kind {
        BreakKind::Hyphen => {
            let hyphen = ts.shaped(face, "-", lang, false);
            let glyph = hyphen.first().map_or(0, |g| g.id);
            let w = Pt(hyphen.iter().map(|g| g.advance).sum::<f64>() * b.style.size.0);
            let hang_amount = match (b.style.protrusion, hyphen.first()) {
                (true, Some(g)) => hang(g, b.style.size, Side::Right),
                _ => Pt::ZERO,
            };
            b.push(
                Item::Penalty {
                    width: w,
                    cost: HYPHEN_PENALTY,
                    flagged: true,
                    hang: hang_amount,
                },
                Content::Hyphen { face, glyph },
            );
        }
        BreakKind::Explicit => b.push(
            Item::penalty(Pt::ZERO, EXPLICIT_HYPHEN_PENALTY, true),
            Content::Nothing,
        ),
        BreakKind::Url => b.push(
            Item::penalty(Pt::ZERO, URL_BREAK_PENALTY, false),
            Content::Nothing,
        ),
        // Between ideographs: a break at no cost, and a gap that may
        // stretch a little to justify the line (as xeCJK does).
        BreakKind::Ideographic => b.push(
            Item::Glue {
                width: Pt::ZERO,
                stretch: b.style.size * IDEOGRAPHIC_STRETCH,
                shrink: Pt::ZERO,
            },
            Content::Nothing,
        ),
    }
}

fn push_slice(
    b: &mut Builder<'_>,
    face: FaceId,
    glyphs: &Arc<[Glyph]>,
    range: Range<usize>,
    (link, level): (Option<&str>, u8),
    size: f64,
) {
    if range.is_empty() {
        return;
    }
    let width = Pt(glyphs[range.clone()].iter().map(|g| g.advance).sum::<f64>() * size);
    b.fragment.push(Slice {
        face,
        glyphs: glyphs.clone(),
        range,
        link: link.map(str::to_string),
        width,
        level,
    });
}

/// Splits text into runs of the first face in the chain that has each
/// character; characters no face has stay in the primary face (and print
/// as its "missing glyph" box).
fn by_coverage(
    ts: &Typesetter<'_>,
    text: &str,
    primary: FaceId,
    fallback: &[FaceId],
) -> Vec<(FaceId, Range<usize>)> {
    let mut out: Vec<(FaceId, Range<usize>)> = Vec::new();
    for (i, c) in text.char_indices() {
        // Punctuation stays in the face of the letters before it, when that
        // face has it: an Arabic full stop in the Arabic face.
        let previous = out
            .last()
            .map(|(f, _)| *f)
            .filter(|&f| f != primary && !c.is_alphanumeric() && ts.book.face(f).covers(c));
        let face = if let Some(f) = previous {
            f
        } else if ts.book.face(primary).covers(c) || c.is_whitespace() || c.is_control() {
            primary
        } else {
            fallback
                .iter()
                .copied()
                .find(|&f| ts.book.face(f).covers(c))
                .unwrap_or(primary)
        };
        // Combining marks stay with their base letter.
        let joins = is_mark(c) && !out.is_empty();
        match out.last_mut() {
            Some((f, r)) if *f == face || joins => r.end = i + c.len_utf8(),
            _ => out.push((face, i..i + c.len_utf8())),
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[derive(Clone, Copy)]
struct LineMetrics {
    ascent: Pt,
    descent: Pt,
}

/// How one line is stretched or shrunk to its measure.
struct Adjustment {
    justify: bool,
    hang_left: Pt,
    /// Horizontal scale of the glyphs (font expansion).
    scale: f64,
    /// Share of the glue's stretch (positive) or shrink (negative) taken.
    glue_ratio: f64,
    /// The line's total box flex and glue shrink (for the overfull test).
    box_flex: Pt,
    glue_shrink: Pt,
}

/// Splits a line's adjustment between font expansion (capped at the
/// style's limit) and glue, which takes whatever remains.
fn adjust(
    items: &[Item],
    line: &linebreak::Line,
    style: &Style,
    measure: Pt,
    justify: bool,
    natural: Pt,
) -> Adjustment {
    let hang_left = if justify || style.align == Align::Left {
        line.hang_left
    } else {
        Pt::ZERO
    };
    // A last line wider than the measure (it fits only by hanging its
    // punctuation or shrinking) is set like a justified one.
    let justify = justify || (style.align != Align::Centre && !natural.fits(measure + hang_left));
    let hang_right = if justify { line.hang_right } else { Pt::ZERO };
    let (mut box_flex, mut glue_stretch, mut glue_shrink) = (Pt::ZERO, Pt::ZERO, Pt::ZERO);
    for item in &items[line.start..line.end] {
        match item {
            Item::Box { stretch, .. } => box_flex += *stretch,
            Item::Glue {
                stretch, shrink, ..
            } => {
                glue_stretch += *stretch;
                glue_shrink += *shrink;
            }
            Item::Penalty { .. } => {}
        }
    }
    let (scale, glue_ratio) = if justify {
        let needed = measure + hang_left + hang_right - natural;
        let stretching = needed.0 >= 0.0;
        let (total, glue) = if stretching {
            (box_flex + glue_stretch, glue_stretch)
        } else {
            (box_flex + glue_shrink, glue_shrink)
        };
        let r = if total.0 > 0.0 {
            needed.0 / total.0
        } else {
            0.0
        };
        let font_r = r.clamp(-1.0, 1.0);
        let rest = needed - box_flex * font_r;
        let gr = if glue.0 > 0.0 { rest.0 / glue.0 } else { 0.0 };
        (
            1.0 + font_r * style.expansion,
            if stretching { gr } else { gr.max(-1.0) },
        )
    } else {
        (1.0, 0.0)
    };
    Adjustment {
        justify,
        hang_left,
        scale,
        glue_ratio,
        box_flex,
        glue_shrink,
    }
}

/// A line's glyph runs, links and spaces as they are placed.
#[derive(Default)]
struct Placed {
    runs: Vec<Run>,
    links: Vec<LinkSpan>,
    spaces: Vec<Pt>,
    /// The pen position: where the next glyph goes.
    x: Pt,
}

impl Placed {
    /// A space: its glyph drawn at the end of the word before (for text
    /// copied from the PDF), its width added before the next word.
    fn space(&mut self, face: FaceId, glyph: u16, pending: &mut Option<Pt>, w: Pt) {
        if pending.is_none()
            && let Some(run) = self.runs.last_mut().filter(|r| r.face == face)
        {
            run.glyphs
                .push(PlacedGlyph::new(glyph, run.width, 0.0, space_text()));
        }
        *pending = Some(pending.unwrap_or(Pt::ZERO) + w);
    }

    /// A word, after the pending space; links grow across the word (and the
    /// space before it, when both sides link to the same place).
    fn word(&mut self, slices: &[Slice], pending: Option<Pt>, style: &Style, scale: f64) {
        if let Some(space) = pending {
            let start = self.x;
            self.x += space;
            self.spaces.push(space);
            if let (Some(last), Some(first)) = (self.links.last_mut(), slices.first())
                && first.link.as_deref() == Some(last.url.as_str())
                && (last.x1 - start).0.abs() < 1e-9
            {
                last.x1 = self.x;
            }
        }
        for slice in slices {
            let x = self.x;
            let w = place_slice(&mut self.runs, slice, style, scale, x);
            if let Some(url) = &slice.link {
                match self.links.last_mut() {
                    Some(l) if l.url == *url && (l.x1 - x).0.abs() < 1e-9 => l.x1 = x + w,
                    _ => self.links.push(LinkSpan {
                        x0: x,
                        x1: x + w,
                        url: url.clone(),
                    }),
                }
            }
            self.x += w;
        }
    }

    /// Marks `x0..x1` as linking to `url`, joining the link just before.
    fn link(&mut self, url: &str, x0: Pt, x1: Pt) {
        match self.links.last_mut() {
            Some(l) if l.url == url && ((l.x1 - x0).0.abs() < 1e-9) => l.x1 = x1,
            Some(l) if l.url == url && ((l.x0 - x1).0.abs() < 1e-9) => l.x0 = x0,
            _ => self.links.push(LinkSpan {
                x0,
                x1,
                url: url.to_string(),
            }),
        }
    }

    /// Moves everything right by `shift` (centred lines).
    fn shift(&mut self, shift: Pt) {
        for r in &mut self.runs {
            r.x += shift;
        }
        for l in &mut self.links {
            l.x0 += shift;
            l.x1 += shift;
        }
    }
}

/// Places one line's words, justified or not, and the hyphen of a
/// hyphenated line; a line with right-to-left text in visual order.
fn place_line(
    b: &Builder<'_>,
    line: &linebreak::Line,
    measure: Pt,
    justify: bool,
    metrics: LineMetrics,
) -> TextLine {
    let (items, contents, style) = (&b.items[..], &b.contents[..], b.style);
    let (natural, _, _) = linebreak::measure_line(items, line.start, line.end);
    let adj = adjust(items, line, style, measure, justify, natural);
    let range = line.start..line.end;
    let mixed = contents[range.clone()]
        .iter()
        .any(|c| matches!(c, Content::Word(slices) if slices.iter().any(|s| s.level > 0)));
    let mut placed = if mixed {
        place_mixed(&items[range.clone()], &contents[range], &adj, style)
    } else {
        place_words(&items[range.clone()], &contents[range], &adj, style)
    };
    let last = line.end + 3 >= items.len();
    let break_in_word = !last && matches!(items.get(line.end), Some(Item::Penalty { .. }));
    let (ends_with_hyphen, hyphen_added) =
        line_end(items, contents, line.end, style, adj.scale, &mut placed);
    let width = placed.x;
    let shift = match style.align {
        Align::Centre => (measure - width) / 2.0,
        // Right-to-left paragraphs start on the right: their ragged lines
        // and the last line of a justified one end there. (A measure past
        // `UNBOUNDED` is a request to measure, not a column to fill.)
        Align::Justify | Align::Left if b.start_right && !adj.justify && measure < UNBOUNDED => {
            measure - width
        }
        _ => Pt::ZERO,
    };
    if shift.0 != 0.0 {
        placed.shift(shift);
    }
    TextLine {
        runs: placed.runs,
        links: placed.links,
        width: width + shift,
        natural,
        ascent: metrics.ascent,
        descent: metrics.descent,
        size: style.size,
        justified: adj.justify,
        ends_with_hyphen,
        break_in_word,
        hyphen_added,
        overfull: line.overfull
            || !(natural - adj.box_flex - adj.glue_shrink)
                .fits(measure + line.hang_left + line.hang_right),
        spaces: placed.spaces,
    }
}

/// The width a glue item is set at on a line adjusted by `adj`.
fn glue_width(item: &Item, adj: &Adjustment) -> Pt {
    match *item {
        Item::Glue {
            width,
            stretch,
            shrink,
        } => {
            if adj.glue_ratio >= 0.0 {
                width + stretch * adj.glue_ratio
            } else {
                width + shrink * adj.glue_ratio
            }
        }
        _ => Pt::ZERO,
    }
}

/// A left-to-right line: words and spaces placed one after another.
fn place_words(items: &[Item], contents: &[Content], adj: &Adjustment, style: &Style) -> Placed {
    let mut placed = Placed {
        x: -adj.hang_left,
        ..Placed::default()
    };
    let mut pending: Option<Pt> = None;
    for (item, content) in items.iter().zip(contents) {
        match (item, content) {
            (Item::Glue { .. }, Content::Space { face, glyph }) => {
                placed.space(*face, *glyph, &mut pending, glue_width(item, adj));
            }
            // The gap between two ideographs: no glyph, no space.
            (Item::Glue { .. }, Content::Nothing) => placed.x += glue_width(item, adj),
            (_, Content::Word(slices)) => {
                placed.word(slices, pending.take(), style, adj.scale);
            }
            _ => {}
        }
    }
    placed
}

/// A line's pieces in logical order, with their bidi levels: a space takes
/// the lower level of the words around it (the words' direction between
/// two of the same, else the paragraph's: rule N1).
fn bits_of<'a>(
    items: &[Item],
    contents: &'a [Content],
    adj: &Adjustment,
) -> (Vec<Bit<'a>>, Vec<u8>) {
    let mut bits: Vec<(Bit<'_>, Option<u8>)> = Vec::new();
    for (item, content) in items.iter().zip(contents) {
        match (item, content) {
            (Item::Glue { .. }, Content::Space { face, glyph }) => {
                let (face, glyph, width) = (*face, *glyph, glue_width(item, adj));
                bits.push((Bit::Space { face, glyph, width }, None));
            }
            (Item::Glue { .. }, Content::Nothing) => {
                bits.push((Bit::Gap(glue_width(item, adj)), None));
            }
            (_, Content::Word(slices)) => {
                bits.extend(slices.iter().map(|s| (Bit::Slice(s), Some(s.level))));
            }
            _ => {}
        }
    }
    let known: Vec<Option<u8>> = bits.iter().map(|(_, l)| *l).collect();
    let levels = (0..bits.len())
        .map(|i| {
            known[i].unwrap_or_else(|| {
                let before = known[..i].iter().rev().find_map(|l| *l);
                let after = known[i + 1..].iter().find_map(|l| *l);
                before.unwrap_or(0).min(after.unwrap_or(0))
            })
        })
        .collect();
    (bits.into_iter().map(|(b, _)| b).collect(), levels)
}

/// One piece of a line with right-to-left text.
enum Bit<'a> {
    Slice(&'a Slice),
    Space { face: FaceId, glyph: u16, width: Pt },
    Gap(Pt),
}

/// A line with right-to-left text: its pieces are measured in logical
/// order, given places in visual order by their levels (UAX #9, L2), and
/// written to the runs in logical order again, so that text copied from
/// the PDF reads in the order it was written.
fn place_mixed(items: &[Item], contents: &[Content], adj: &Adjustment, style: &Style) -> Placed {
    let (bits, levels) = bits_of(items, contents, adj);
    let width = |bit: &Bit<'_>| match bit {
        Bit::Slice(s) => s.width * adj.scale,
        Bit::Space { width, .. } => *width,
        Bit::Gap(w) => *w,
    };
    let mut xs = vec![Pt::ZERO; bits.len()];
    let mut x = -adj.hang_left;
    for i in bidi::visual_order(&levels) {
        xs[i] = x;
        x += width(&bits[i]);
    }
    let mut placed = Placed {
        x,
        ..Placed::default()
    };
    for (bit, &at) in bits.iter().zip(&xs) {
        match bit {
            Bit::Slice(s) => {
                let w = if s.level % 2 == 1 {
                    place_slice_rtl(&mut placed.runs, s, style, adj.scale, at)
                } else {
                    place_slice(&mut placed.runs, s, style, adj.scale, at)
                };
                if let Some(url) = &s.link {
                    placed.link(url, at, at + w);
                }
            }
            Bit::Space { face, glyph, width } => {
                placed.spaces.push(*width);
                let space = |x| PlacedGlyph::new(*glyph, x, 0.0, space_text());
                // With the word before when it is in the space's face; else
                // on its own, so that copied text keeps its spaces.
                match placed.runs.last_mut().filter(|r| r.face == *face) {
                    Some(run) => run.glyphs.push(space(at - run.x)),
                    None => placed.runs.push(Run {
                        face: *face,
                        size: style.size,
                        colour: style.colour,
                        x: at,
                        scale: adj.scale,
                        glyphs: vec![space(Pt::ZERO)],
                        width: *width,
                    }),
                }
            }
            Bit::Gap(_) => {}
        }
    }
    placed
}

/// Places a right-to-left slice with its left edge at `x`: its glyphs come
/// from the shaper in visual order and are stored in logical order, each at
/// its place. Returns its width.
fn place_slice_rtl(runs: &mut Vec<Run>, slice: &Slice, style: &Style, scale: f64, x: Pt) -> Pt {
    let size = style.size.0;
    let mut pen = 0.0;
    let mut glyphs = Vec::with_capacity(slice.range.len());
    for g in &slice.glyphs[slice.range.clone()] {
        glyphs.push(PlacedGlyph::new(
            g.id,
            Pt((pen + g.x_offset) * size * scale),
            g.y_offset,
            g.text,
        ));
        pen += g.advance;
    }
    glyphs.reverse();
    let width = slice.width * scale;
    runs.push(Run {
        face: slice.face,
        size: style.size,
        colour: style.colour,
        x,
        scale,
        glyphs,
        width,
    });
    width
}

/// The break a line ends at: whether it ends with a hyphen, and whether
/// one was added (hyphenation), placed at the line's end.
fn line_end(
    items: &[Item],
    contents: &[Content],
    end: usize,
    style: &Style,
    scale: f64,
    placed: &mut Placed,
) -> (bool, bool) {
    let (Some(Item::Penalty { width, flagged, .. }), Some(content)) =
        (items.get(end), contents.get(end))
    else {
        return (false, false);
    };
    let Content::Hyphen { face, glyph } = content else {
        return (*flagged, false);
    };
    let g = Glyph {
        id: *glyph,
        advance: width.0 / style.size.0,
        x_offset: 0.0,
        y_offset: 0.0,
        text: super::GlyphText::new("-"),
        cluster: 0,
    };
    let slice = Slice {
        face: *face,
        glyphs: Arc::from(vec![g]),
        range: 0..1,
        link: None,
        width: *width,
        level: 0,
    };
    placed.x += place_slice(&mut placed.runs, &slice, style, scale, placed.x);
    (*flagged, true)
}

/// Places a slice at `x`, joining the previous run when it is in the same
/// face and `x` is at or after its end: the rest of a word whose break was
/// not taken, or the next word after a space (each glyph keeps its own
/// position, so a line in one face is one run: a large booklet had a run,
/// and an allocation, per word). Returns its width.
fn place_slice(runs: &mut Vec<Run>, slice: &Slice, style: &Style, scale: f64, x: Pt) -> Pt {
    let size = style.size.0;
    let joins = runs
        .last()
        .is_some_and(|r| r.face == slice.face && (x - (r.x + r.width)).0 > -1e-6);
    if !joins {
        runs.push(Run {
            face: slice.face,
            size: style.size,
            colour: style.colour,
            x,
            scale,
            glyphs: Vec::new(),
            width: Pt::ZERO,
        });
    }
    let run = runs.last_mut().expect("a run was just ensured");
    // After a gap the slice starts at `x`; else where the run ends.
    let start = match (x - (run.x + run.width)).0.abs() < 1e-6 {
        true => run.width,
        false => x - run.x,
    };
    let mut pen = start.0 / (size * scale);
    for g in &slice.glyphs[slice.range.clone()] {
        run.glyphs.push(PlacedGlyph::new(
            g.id,
            Pt((pen + g.x_offset) * size * scale),
            g.y_offset,
            g.text,
        ));
        pen += g.advance;
    }
    let w = slice.width * scale;
    run.width = start + w;
    w
}
