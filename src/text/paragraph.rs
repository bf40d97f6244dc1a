//! Paragraph assembly: spans → words → items → lines → placed glyph runs.

use super::linebreak::{self, FORCE, Item};
use super::shape::Glyph;
use super::{FaceId, SetText, Style, Typesetter};
use crate::geom::Pt;
use crate::model::{Align, Colour};
use std::sync::Arc;

/// Glyphs of one face at one size, placed from the run's origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub face: FaceId,
    pub size: Pt,
    pub colour: Colour,
    /// From the line's left edge to the run's origin.
    pub x: Pt,
    pub glyphs: Vec<PlacedGlyph>,
    pub width: Pt,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub id: u16,
    /// From the run's origin; `y` is upwards.
    pub x: Pt,
    pub y: Pt,
    /// What the glyph reads as when copied.
    pub text: Arc<str>,
}

/// A stretch of a line that links somewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkSpan {
    pub x0: Pt,
    pub x1: Pt,
    pub url: String,
}

/// One set line.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    pub runs: Vec<Run>,
    pub links: Vec<LinkSpan>,
    /// The width the line's glyphs occupy once placed.
    pub width: Pt,
    /// Its width at natural spacing.
    pub natural: Pt,
    /// Distance the line's font rises above and falls below the baseline.
    pub ascent: Pt,
    pub descent: Pt,
    /// Whether the line was stretched or shrunk to the measure.
    pub justified: bool,
    pub ends_with_hyphen: bool,
}

/// A word piece in one face.
struct Piece {
    face: FaceId,
    glyphs: Arc<[Glyph]>,
    width: Pt,
    link: Option<String>,
}

/// What each item of the paragraph stands for.
enum Content {
    Word(Vec<Piece>),
    /// The face's space glyph: drawn (invisibly) at the end of the word
    /// before it, so text copied from the PDF has its spaces.
    Space {
        face: FaceId,
        glyph: u16,
    },
    Nothing,
}

pub fn set(
    ts: &mut Typesetter<'_>,
    spans: &[super::Span],
    style: &Style,
    width: Pt,
    lang: &str,
) -> SetText {
    let mut items: Vec<Item> = Vec::new();
    let mut contents: Vec<Content> = Vec::new();
    let mut missing: Vec<char> = Vec::new();
    let mut word: Vec<Piece> = Vec::new();
    let size = style.size.0;

    let flush_word = |word: &mut Vec<Piece>, items: &mut Vec<Item>, contents: &mut Vec<Content>| {
        if word.is_empty() {
            return;
        }
        let w = word.iter().map(|p| p.width).sum();
        items.push(Item::Box { width: w });
        contents.push(Content::Word(std::mem::take(word)));
    };

    for span in spans {
        let face = style.face(span.emphasis, span.strong);
        for (k, chunk) in span.text.split(' ').enumerate() {
            if k > 0 {
                flush_word(&mut word, &mut items, &mut contents);
                let space = ts.shaped(face, " ", lang);
                let sw = Pt(space.iter().map(|g| g.advance).sum::<f64>() * size);
                // Interword glue as TeX sets it for a book face: stretch by a
                // half, shrink by a third of the space.
                if !matches!(items.last(), Some(Item::Glue { .. }) | None) {
                    items.push(Item::Glue {
                        width: sw,
                        stretch: sw / 2.0,
                        shrink: sw / 3.0,
                    });
                    contents.push(Content::Space {
                        face,
                        glyph: space.first().map_or(0, |g| g.id),
                    });
                }
            }
            if chunk.is_empty() {
                continue;
            }
            let glyphs = ts.shaped(face, chunk, lang);
            for g in glyphs.iter().filter(|g| g.id == 0) {
                for c in g.text.chars() {
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                }
            }
            let w = Pt(glyphs.iter().map(|g| g.advance).sum::<f64>() * size);
            word.push(Piece {
                face,
                glyphs,
                width: w,
                link: span.link.clone(),
            });
        }
    }
    flush_word(&mut word, &mut items, &mut contents);
    if items.is_empty() {
        return SetText::default();
    }
    if matches!(items.last(), Some(Item::Glue { .. })) {
        items.pop();
        contents.pop();
    }
    // The paragraph's end: fill the last line, then force the break.
    items.push(Item::Glue {
        width: Pt::ZERO,
        stretch: Pt(1e6),
        shrink: Pt::ZERO,
    });
    contents.push(Content::Nothing);
    items.push(Item::Penalty {
        width: Pt::ZERO,
        cost: FORCE,
        flagged: false,
    });
    contents.push(Content::Nothing);

    let breaks = linebreak::linebreak(&items, width);
    let face = ts.book.face(style.faces[0]);
    let ascent = Pt(face.ascender * size);
    let descent = Pt(-face.descender * size);
    let last = breaks.len().saturating_sub(1);
    let lines = breaks
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let justify = style.align == Align::Justify && n != last;
            place_line(
                &items, &contents, line, style, width, justify, ascent, descent,
            )
        })
        .collect();
    SetText { lines, missing }
}

#[allow(clippy::too_many_arguments)]
fn place_line(
    items: &[Item],
    contents: &[Content],
    line: &linebreak::Line,
    style: &Style,
    measure: Pt,
    justify: bool,
    ascent: Pt,
    descent: Pt,
) -> TextLine {
    let (natural, _, _) = linebreak::measure_line(items, line.start, line.end);
    let ratio = if justify { line.ratio.min(10.0) } else { 0.0 };
    let mut x = Pt::ZERO;
    let mut runs = Vec::new();
    let mut links: Vec<LinkSpan> = Vec::new();
    let mut pending_space: Option<Pt> = None;
    for (item, content) in items[line.start..line.end]
        .iter()
        .zip(&contents[line.start..line.end])
    {
        match (item, content) {
            (
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                },
                Content::Space { face, glyph },
            ) => {
                if pending_space.is_none()
                    && let Some(run) = runs.last_mut().filter(|r: &&mut Run| r.face == *face)
                {
                    run.glyphs.push(PlacedGlyph {
                        id: *glyph,
                        x: run.width,
                        y: Pt::ZERO,
                        text: Arc::from(" "),
                    });
                }
                let w = if ratio >= 0.0 {
                    *width + *stretch * ratio
                } else {
                    *width + *shrink * ratio
                };
                pending_space = Some(pending_space.unwrap_or(Pt::ZERO) + w);
            }
            (_, Content::Word(pieces)) => {
                if let Some(space) = pending_space.take() {
                    let start = x;
                    x += space;
                    // A space between two linked words belongs to the link.
                    if let (Some(last), Some(first)) = (links.last_mut(), pieces.first())
                        && first.link.as_deref() == Some(last.url.as_str())
                        && (last.x1 - start).0.abs() < 1e-9
                    {
                        last.x1 = x;
                    }
                }
                for piece in pieces {
                    let run = place_run(piece, style, x);
                    if let Some(url) = &piece.link {
                        match links.last_mut() {
                            Some(l) if l.url == *url && (l.x1 - x).0.abs() < 1e-9 => {
                                l.x1 = x + run.width
                            }
                            _ => links.push(LinkSpan {
                                x0: x,
                                x1: x + run.width,
                                url: url.clone(),
                            }),
                        }
                    }
                    x += run.width;
                    runs.push(run);
                }
            }
            _ => {}
        }
    }
    let width = x;
    let shift = match style.align {
        Align::Centre => (measure - width) / 2.0,
        _ => Pt::ZERO,
    };
    if shift.0 != 0.0 {
        for r in &mut runs {
            r.x += shift;
        }
        for l in &mut links {
            l.x0 += shift;
            l.x1 += shift;
        }
    }
    TextLine {
        runs,
        links,
        width,
        natural,
        ascent,
        descent,
        justified: justify,
        ends_with_hyphen: false,
    }
}

fn place_run(piece: &Piece, style: &Style, x: Pt) -> Run {
    let size = style.size.0;
    let mut pen = 0.0;
    let glyphs = piece
        .glyphs
        .iter()
        .map(|g| {
            let placed = PlacedGlyph {
                id: g.id,
                x: Pt((pen + g.x_offset) * size),
                y: Pt(g.y_offset * size),
                text: g.text.clone(),
            };
            pen += g.advance;
            placed
        })
        .collect();
    Run {
        face: piece.face,
        size: style.size,
        colour: style.colour,
        x,
        glyphs,
        width: piece.width,
    }
}
