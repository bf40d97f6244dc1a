//! Where a word may break: hyphenation points, after explicit hyphens and
//! dashes, and inside web addresses.

use super::hyphenate::hyphenation_points;
use crate::model::Lang;

/// Where a word may break, by glyph index within its piece.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BreakKind {
    /// Adds a hyphen (pattern or soft hyphen).
    Hyphen,
    /// After a hyphen or dash that is already there.
    Explicit,
    /// Inside a web address: no hyphen added.
    Url,
    /// Between Chinese or Japanese characters (UAX #14), where lines break
    /// without spaces; the gap may stretch to justify the line.
    Ideographic,
}

/// Whether a character is set without spaces between words, breaking
/// between characters: Han ideographs, kana and their punctuation. Korean
/// (Hangul) is left out: it spaces its words and breaks between them.
fn ideographic(c: char) -> bool {
    use unicode_linebreak::BreakClass as B;
    matches!(
        unicode_linebreak::break_property(u32::from(c)),
        B::Ideographic | B::ConditionalJapaneseStarter
    )
}

/// Breaks inside a word of ideographs (UAX #14, so no line starts with a
/// closing mark such as 。 or 」 and none ends with an opening one).
fn ideographic_breaks(word: &str) -> Vec<(usize, BreakKind)> {
    if !word.chars().any(ideographic) {
        return Vec::new();
    }
    unicode_linebreak::linebreaks(word)
        .filter(|&(i, op)| {
            i > 0 && i < word.len() && op == unicode_linebreak::BreakOpportunity::Allowed
        })
        .filter(|&(i, _)| {
            let before = word[..i].chars().next_back();
            let after = word[i..].chars().next();
            before.is_some_and(ideographic) || after.is_some_and(ideographic)
        })
        .map(|(i, _)| (i, BreakKind::Ideographic))
        .collect()
}

/// Where a word (as written) may break, as byte offsets: hyphenation
/// points, after explicit hyphens and dashes, and inside web addresses.
pub fn break_points(word: &str, lang: &Lang, hyphenate: bool) -> Vec<(usize, BreakKind)> {
    let mut out = Vec::new();
    if is_url(word) {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        for (k, &(_, c)) in chars.iter().enumerate() {
            let next = chars.get(k + 1);
            if matches!(c, '/' | '.' | '-' | '?' | '&' | '_')
                && next.is_some_and(|&(_, n)| n != '/' && n.is_alphanumeric())
                && k + 2 < chars.len()
            {
                out.push((next.map_or(word.len(), |n| n.0), BreakKind::Url));
            }
        }
        return out;
    }
    // After explicit hyphens and dashes, with letters on both sides; each
    // part between them may be hyphenated too.
    let mut part_start = 0;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let dash = matches!(c, '-' | '–' | '—' | '/');
        if dash
            && k > 0
            && k + 1 < chars.len()
            && chars[k - 1].1.is_alphanumeric()
            && chars[k + 1].1.is_alphanumeric()
        {
            if hyphenate {
                for p in hyphenation_points(&word[part_start..i], lang) {
                    out.push((part_start + p, BreakKind::Hyphen));
                }
            }
            out.push((i + c.len_utf8(), BreakKind::Explicit));
            part_start = i + c.len_utf8();
        }
    }
    if hyphenate {
        for p in hyphenation_points(&word[part_start..], lang) {
            out.push((part_start + p, BreakKind::Hyphen));
        }
    }
    for (i, kind) in ideographic_breaks(word) {
        if !out.iter().any(|(at, _)| *at == i) {
            out.push((i, kind));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

fn is_url(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || (word.contains('@') && word.contains('.') && !word.starts_with('@'))
}

#[cfg(test)]
mod tests {
    use super::{BreakKind, is_url};
    use crate::model::Lang;

    fn break_points(word: &str, tag: &str, hyphenate: bool) -> Vec<(usize, BreakKind)> {
        super::break_points(word, &Lang::resolve(tag).unwrap(), hyphenate)
    }

    #[test]
    fn breaks_after_explicit_hyphens_without_adding_one() {
        let b = break_points("multi-objective", "en-US", false);
        assert_eq!(b, vec![(6, BreakKind::Explicit)]);
        let b = break_points("multi-objective", "en-US", true);
        assert!(b.contains(&(6, BreakKind::Explicit)));
        assert!(
            b.iter()
                .filter(|(_, k)| *k == BreakKind::Hyphen)
                .all(|(i, _)| *i != 5 && *i != 6)
        );
    }

    #[test]
    fn ideographs_break_between_characters_but_not_before_closing_marks() {
        // 「東京大学」で講演。 — no break after 「, before 」, or before 。
        let text = "「東京大学」で講演。";
        let b = break_points(text, "ja", false);
        let at: Vec<&str> = b.iter().map(|(i, _)| &text[*i..]).collect();
        assert!(b.iter().all(|(_, k)| *k == BreakKind::Ideographic));
        assert!(at.contains(&"京大学」で講演。"), "{at:?}");
        assert!(at.contains(&"講演。"), "{at:?}");
        for bad in ["東京大学」で講演。", "」で講演。", "。"] {
            assert!(!at.contains(&bad), "break before {bad}");
        }
        assert!(break_points("서울대학교", "ko", false).is_empty());
        assert!(break_points("Tokyo", "en", false).is_empty());
    }

    #[test]
    fn urls_break_after_slashes_and_dots_only() {
        let b = break_points("https://www.example.org/some/path", "en-US", true);
        assert!(b.iter().all(|(_, k)| *k == BreakKind::Url));
        let text = "https://www.example.org/some/path";
        let parts: Vec<&str> = {
            let mut v = Vec::new();
            let mut last = 0;
            for (i, _) in &b {
                v.push(&text[last..*i]);
                last = *i;
            }
            v.push(&text[last..]);
            v
        };
        assert_eq!(
            parts,
            vec!["https://", "www.", "example.", "org/", "some/", "path"]
        );
        assert!(is_url("ada@example.org"));
        assert!(!is_url("e.g."));
    }
}
