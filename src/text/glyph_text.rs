//! What a glyph reads as when copied out of the PDF, as a number: every
//! cluster's text is kept once for the whole program, and a glyph holds its
//! index (as Typst's `PicoStr` does for names).
//!
//! A large booklet holds millions of placed glyphs (17 million at 10 000
//! speakers); a shared pointer to the text made each 16 bytes and cost an
//! atomic count on every copy and drop, and the glyphs' text was most of a
//! large build's memory. An index makes a glyph 12 bytes and copies free.
//! Distinct cluster texts are few (letters, ligatures, a script's
//! syllables: thousands, not millions), so the table stays small, also
//! across the rebuilds of `booklet watch`.
//!
//! Indices depend on the order texts were first seen, which threads
//! decide: nothing written may depend on them — files and digests use the
//! text ([`GlyphText::as_str`]).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A cluster's text: the whole cluster on its first glyph ("fi" on a
/// ligature), empty on the rest (the default).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct GlyphText(u32);

/// Texts per segment of the table; segments are made as they are needed.
const SEGMENT: usize = 4096;
/// Segments at most: room for four million distinct texts.
const SEGMENTS: usize = 1024;

/// Index → text. Written once per slot under [`INDEX`]'s lock, read
/// without one.
static TEXTS: [OnceLock<Box<[OnceLock<&'static str>]>>; SEGMENTS] =
    [const { OnceLock::new() }; SEGMENTS];

/// Text → index, for texts of more than one ASCII byte.
static INDEX: Mutex<Option<HashMap<&'static str, u32>>> = Mutex::new(None);

/// The empty text and every one-byte ASCII text have fixed indices (0 and
/// the byte + 1): most glyphs of Latin text need no lock.
const FIXED: u32 = 129;

impl GlyphText {
    /// The index of `text`, added to the table if it is new.
    pub fn new(text: &str) -> GlyphText {
        match text.as_bytes() {
            [] => return GlyphText(0),
            &[b] if b.is_ascii() => return GlyphText(u32::from(b) + 1),
            _ => {}
        }
        let mut index = INDEX.lock().unwrap_or_else(|e| e.into_inner());
        let index = index.get_or_insert_with(HashMap::new);
        if let Some(&k) = index.get(text) {
            return GlyphText(k);
        }
        let k = FIXED as usize + index.len();
        if k >= SEGMENT * SEGMENTS {
            // Never reached by real text; the glyph then copies as nothing.
            return GlyphText(0);
        }
        let text: &'static str = Box::leak(text.into());
        let segment =
            TEXTS[k / SEGMENT].get_or_init(|| (0..SEGMENT).map(|_| OnceLock::new()).collect());
        let _ = segment[k % SEGMENT].set(text);
        index.insert(text, k as u32);
        GlyphText(k as u32)
    }

    /// The text.
    pub fn as_str(self) -> &'static str {
        /// Every ASCII character, in order: a one-byte text is a slice of
        /// it, with no check of its bytes at run time (checking them was
        /// a fifth of a page's digest).
        const BYTES: [u8; 128] = {
            let mut bytes = [0; 128];
            let mut b = 0;
            while b < 128 {
                bytes[b] = b as u8;
                b += 1;
            }
            bytes
        };
        const ASCII: &str = match std::str::from_utf8(&BYTES) {
            Ok(s) => s,
            Err(_) => panic!("ASCII is UTF-8"),
        };
        match self.0 {
            0 => "",
            k if k < FIXED => {
                let b = (k - 1) as usize;
                ASCII.get(b..b + 1).unwrap_or("")
            }
            k => {
                let k = k as usize;
                (TEXTS[k / SEGMENT].get())
                    .and_then(|segment| segment[k % SEGMENT].get())
                    .copied()
                    .unwrap_or("")
            }
        }
    }

    /// Whether the glyph copies as nothing.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_they_went_in() {
        let texts = [
            "", "a", " ", "-", "~", "fi", "ffl", "é", "ب", "中", "ก่", "a",
        ];
        let made: Vec<GlyphText> = texts.iter().map(|t| GlyphText::new(t)).collect();
        for (text, g) in texts.iter().zip(&made) {
            assert_eq!(g.as_str(), *text);
        }
        assert_eq!(made[1], made[11]);
        assert_eq!(GlyphText::new("fi"), made[5]);
        assert_ne!(made[5], made[6]);
        assert!(made[0].is_empty() && !made[1].is_empty());
        assert_eq!(GlyphText::default(), made[0]);
    }

    /// Texts added from several threads at once each get one index, and
    /// every thread reads every text back.
    #[test]
    fn texts_added_from_many_threads_are_kept_once() {
        let words: Vec<String> = (0..2000).map(|k| format!("ϰ{k}")).collect();
        let made: Vec<Vec<GlyphText>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| words.iter().map(|w| GlyphText::new(w)).collect()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for per_thread in &made[1..] {
            assert_eq!(per_thread, &made[0]);
        }
        for (w, g) in words.iter().zip(&made[0]) {
            assert_eq!(g.as_str(), w);
        }
    }
}
