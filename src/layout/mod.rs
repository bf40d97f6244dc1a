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
use crate::geom::Rect;
use crate::model::{Photo, PhotoSource, Project};
use std::sync::Arc;

/// A speaker's photo where a document will show it.
pub struct PhotoUse {
    /// The photo.
    pub photo: Arc<Photo>,
    /// The photo's whole extent as placed (the frame shows part of it).
    pub rect: Rect,
}

/// Every speaker's photo as their section's head and their badge will
/// place it, known from the layouts before any text is set: so the photos
/// can be resampled while it is. Only a forecast: the documents, once laid
/// out, still say which sizes they need, and anything they need that was
/// not foreseen is made then.
pub fn foreseen_photos(project: &Project) -> Vec<PhotoUse> {
    let frames = [
        booklet::photo_frame(&project.booklet),
        badge::photo_frame(&project.badge),
    ];
    let mut uses = Vec::new();
    for speaker in &project.speakers {
        if let PhotoSource::Photo(p) = &speaker.photo {
            for frame in frames {
                uses.push(PhotoUse {
                    photo: p.clone(),
                    rect: photo::cover(p, frame, speaker.photo_focus),
                });
            }
        }
    }
    uses
}

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
