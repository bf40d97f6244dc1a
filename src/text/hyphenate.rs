//! Where words may be hyphenated: Liang's patterns from the `hyphenation`
//! crate, behind this one small module so the crate can be replaced.
//!
//! Rules on top of the patterns: at least 2 letters before and 3 after a
//! break; words in capitals or containing digits are left whole (acronyms,
//! model numbers); words with soft hyphens (U+00AD) break only there; a word
//! joiner (U+2060) anywhere keeps a word whole.

use crate::model::Lang;
use hyphenation::{Hyphenator, Language, Load, Standard};
use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

/// Fewest letters before a hyphenation point.
pub const LEFT_MIN: usize = 2;
/// Fewest letters after a hyphenation point.
pub const RIGHT_MIN: usize = 3;

/// Loaded dictionaries, each once per process (loading takes milliseconds).
fn dictionary(lang: Language) -> Option<&'static Standard> {
    static LOADED: OnceLock<Mutex<BTreeMap<String, Option<&'static Standard>>>> = OnceLock::new();
    let map = LOADED.get_or_init(|| Mutex::new(BTreeMap::new()));
    let mut map = map.lock().unwrap_or_else(|e| e.into_inner());
    *map.entry(lang.code().to_string()).or_insert_with(|| {
        Standard::from_embedded(lang).ok().map(|mut d| {
            d.minima = (LEFT_MIN, RIGHT_MIN);
            &*Box::leak(Box::new(d))
        })
    })
}

/// Byte offsets in `word` where a hyphen may be inserted.
pub fn hyphenation_points(word: &str, lang: &Lang) -> Vec<usize> {
    if word.contains('\u{2060}') {
        return Vec::new();
    }
    if word.contains('\u{ad}') {
        return word
            .char_indices()
            .filter(|(_, c)| *c == '\u{ad}')
            .map(|(i, _)| i)
            .filter(|&i| i > 0 && i + 2 < word.len())
            .collect();
    }
    // Only the letters in the middle: "(e.g." and "learning," hyphenate as
    // "e.g" would not and "learning" does.
    let start = word.find(|c: char| c.is_alphabetic()).unwrap_or(word.len());
    let end = word
        .rfind(|c: char| c.is_alphabetic())
        .map(|i| i + word[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(start);
    if start >= end {
        return Vec::new();
    }
    let core = &word[start..end];
    if !core.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    if core.chars().filter(|c| c.is_uppercase()).count() > 1
        || core.chars().count() < LEFT_MIN + RIGHT_MIN
    {
        return Vec::new();
    }
    let Some(dict) = (lang.info.patterns)
        .and_then(Language::try_from_code)
        .and_then(dictionary)
    else {
        return Vec::new();
    };
    dict.hyphenate(core)
        .breaks
        .into_iter()
        .map(|b| b + start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Language, dictionary};
    use crate::model::Lang;

    fn hyphenation_points(word: &str, tag: &str) -> Vec<usize> {
        super::hyphenation_points(word, &Lang::resolve(tag).unwrap())
    }

    fn split(word: &str, tag: &str) -> String {
        let points = hyphenation_points(word, tag);
        let mut out = String::new();
        for (i, c) in word.char_indices() {
            if points.contains(&i) {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn english_patterns_with_minima() {
        assert_eq!(split("hyphenation", "en-US"), "hy-phen-a-tion");
        assert_eq!(split("representation", "en-US"), "rep-re-sen-ta-tion");
        // Nothing closer than 2 letters to the start or 3 to the end.
        for w in ["accelerate", "processing", "discovery", "learning"] {
            for p in hyphenation_points(w, "en-US") {
                assert!(p >= 2 && w.len() - p >= 3, "{w} at {p}");
            }
        }
    }

    #[test]
    fn languages_differ() {
        assert_eq!(split("Silbentrennung", "de"), "Sil-ben-tren-nung");
        assert!(!hyphenation_points("ordinateur", "fr").is_empty());
        assert!(!hyphenation_points("computadora", "es").is_empty());
        assert!(!hyphenation_points("calcolatore", "it").is_empty());
        assert!(!hyphenation_points("rekenmachine", "nl").is_empty());
        assert!(!hyphenation_points("computador", "pt").is_empty());
        assert!(!hyphenation_points("organisation", "en-GB").is_empty());
    }

    #[test]
    fn capitals_digits_and_punctuation() {
        assert!(hyphenation_points("NASA", "en-US").is_empty());
        assert!(hyphenation_points("ICML2014", "en-US").is_empty());
        assert!(hyphenation_points("TorchDrug", "en-US").is_empty());
        // Punctuation around a word is not part of it.
        let p = hyphenation_points("(representation),", "en-US");
        assert!(!p.is_empty() && p.iter().all(|&i| i > 3 && i < 15), "{p:?}");
    }

    #[test]
    fn every_accepted_language_has_patterns() {
        for row in crate::model::LANGUAGES {
            if let Some(code) = row.patterns {
                let patterns = Language::try_from_code(code).and_then(dictionary);
                assert!(patterns.is_some(), "{}", row.tag);
            }
        }
    }

    #[test]
    fn soft_hyphens_and_word_joiners() {
        assert_eq!(hyphenation_points("data\u{ad}base", "en-US"), vec![4]);
        assert!(hyphenation_points("hyphen\u{2060}ation", "en-US").is_empty());
    }
}
