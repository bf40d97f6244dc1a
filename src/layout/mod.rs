//! Stage 3, layout: the project and set text → pages of positioned items
//! ([`Frame`]s): the booklet's flow and the badges.

mod badge;
mod booklet;
mod fit;
mod flow;
pub mod frame;
pub mod marks;
mod parallel;
mod photo;
pub mod stats;

pub use badge::{Badge, NameFit, badges, badges_on, fit_name};
pub use booklet::{booklet, booklet_on, roman};
pub use frame::{
    Document, Frame, Info, Item, Leaves, OutlineEntry, PageLabel, Seal, Shape, Stroke, Target,
    Visit,
};
pub use stats::Stats;

use crate::diag::Diagnostic;

/// One warning for the characters of a speaker's field that no font has,
/// each named with its code point; they print as the font's box glyph.
pub fn missing_glyphs(
    chars: &[char],
    speaker: &str,
    field: &str,
    place: &str,
) -> Option<Diagnostic> {
    if chars.is_empty() {
        return None;
    }
    let list: Vec<String> = chars
        .iter()
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    let what = if chars.len() == 1 {
        "the character"
    } else {
        "the characters"
    };
    Some(
        Diagnostic::warning(format!(
            "no font has {what} {}; they print as boxes in {place}",
            list.join(", ")
        ))
        .speaker(speaker)
        .field(field)
        .hint("add a font with these characters to the layout's `fallback`, or replace them"),
    )
}
