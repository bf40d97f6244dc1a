//! Right-to-left text: the Unicode bidirectional algorithm (UAX #9, by the
//! `unicode-bidi` crate) gives every character of a paragraph its level;
//! words are shaped in their level's direction, broken into lines in
//! logical order, and each line's pieces are then put in visual order.
//! Layout never sees logical order.

use crate::model::Lang;
use unicode_bidi::{BidiClass, BidiInfo, Level, ParagraphBidiInfo, bidi_class};

/// The embedding level of every byte of a paragraph's text.
pub struct Levels {
    /// By byte of the text.
    pub by_byte: Vec<u8>,
}

/// The levels of `text`, or none when it is all left to right (the common
/// case, which then costs nothing). The paragraph's direction is the
/// language's when that is right to left, else that of its first strong
/// character (rule P2), so an Arabic name in an English booklet reads
/// right to left.
pub fn levels(text: &str, lang: &Lang) -> Option<Levels> {
    // No character below Hebrew is strong right to left: most text is
    // answered without a lookup.
    let has_rtl = (text.chars())
        .any(|c| c >= '\u{590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL));
    if !has_rtl && !lang.rtl() {
        return None;
    }
    let info = ParagraphBidiInfo::new(text, lang.rtl().then(Level::rtl));
    Some(Levels {
        by_byte: info.levels.iter().map(|l| l.number()).collect(),
    })
}

/// The visual order of a line's pieces from their levels (rule L2): for
/// each position on the line, left to right, the index of the piece there.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<Level> = levels
        .iter()
        .map(|&l| Level::new(l).unwrap_or_else(|_| Level::ltr()))
        .collect();
    BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_needs_no_levels() {
        assert!(levels("Keynote: Ada Lovelace", &Lang::english()).is_none());
    }

    #[test]
    fn arabic_in_an_english_line_is_a_right_to_left_run() {
        let text = "Keynote: محمد الأحمد";
        let l = levels(text, &Lang::english()).unwrap();
        assert_eq!(l.by_byte[0], 0, "the line starts with a Latin letter");
        assert_eq!(l.by_byte[text.find('م').unwrap()], 1);
        let alone = levels("محمد الأحمد", &Lang::english()).unwrap();
        let space = "محمد".len();
        assert_eq!(
            alone.by_byte[space], 1,
            "an Arabic name alone runs right to left"
        );
    }

    #[test]
    fn pieces_reorder_by_level() {
        // Latin, two Arabic words, Latin: the Arabic words swap places.
        assert_eq!(visual_order(&[0, 1, 1, 1, 0]), vec![0, 3, 2, 1, 4]);
        // A right-to-left line with a Latin word in it: the line reverses,
        // the Latin word reads left to right inside it.
        assert_eq!(visual_order(&[1, 2, 2, 1]), vec![3, 1, 2, 0]);
    }
}
