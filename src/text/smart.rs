//! Smart punctuation: what a typist types → what a typesetter sets.
//! `---` → em dash, `--` → en dash, `...` → ellipsis, straight quotes →
//! the language's quotation marks, chosen by the character before them;
//! in French, narrow no-break spaces inside guillemets and before `;:!?`.

use super::markup::Span;
use crate::model::{Lang, Quotes};

/// Whether a character belongs to text written without spaces between
/// words: Han ideographs, kana, and their full-width punctuation.
fn spaceless(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFF00..=0xFF60 | 0x20000..=0x3FFFF)
}

/// Drops the spaces between two Chinese or Japanese characters in running
/// text (abstracts, biographies): a line break in the YAML source, folded
/// into a space, is no space in the text. Names keep theirs ("山田 花子").
pub fn join_spaceless(spans: &mut [Span]) {
    for span in spans.iter_mut().filter(|s| s.text.contains(' ')) {
        if !span.text.chars().any(spaceless) {
            continue;
        }
        let chars: Vec<char> = span.text.chars().collect();
        let mut out = String::with_capacity(span.text.len());
        for (i, &c) in chars.iter().enumerate() {
            let between = c == ' '
                && i > 0
                && spaceless(chars[i - 1])
                && chars.get(i + 1).is_some_and(|&n| spaceless(n));
            if !between {
                out.push(c);
            }
        }
        span.text = out;
    }
}

/// The narrow no-break space of French typography.
const NNBSP: char = '\u{202f}';

/// Rewrites the spans of one paragraph in place. Context carries across
/// spans, so `"*word*"` gets an opening and a closing quote. Link targets
/// are left alone.
pub fn smarten(spans: &mut [Span], lang: &Lang) {
    let q = lang.info.quotes;
    let mut prev: Option<char> = None;
    for span in spans.iter_mut() {
        span.text = smarten_text(&span.text, &mut prev, q);
    }
    if q.french {
        french_spacing(spans);
    }
}

/// Spaces before `; : ! ? »` and after `«` become narrow no-break spaces
/// (and are added where the author left none around guillemets).
fn french_spacing(spans: &mut [Span]) {
    for span in spans {
        if span.link.is_some() {
            continue;
        }
        let chars: Vec<char> = span.text.chars().collect();
        let mut out = String::with_capacity(span.text.len() + 8);
        for (i, &c) in chars.iter().enumerate() {
            let next = chars.get(i + 1).copied();
            let prev = i.checked_sub(1).map(|k| chars[k]);
            match c {
                ' ' if matches!(next, Some(';' | ':' | '!' | '?' | '»' | '›'))
                    || matches!(prev, Some('«' | '‹')) =>
                {
                    out.push(NNBSP)
                }
                '»' | '›' if prev.is_some_and(|p| !p.is_whitespace() && p != NNBSP) => {
                    out.push(NNBSP);
                    out.push(c);
                }
                '«' | '‹' => {
                    out.push(c);
                    if next.is_some_and(|n| !n.is_whitespace()) {
                        out.push(NNBSP);
                    }
                }
                _ => out.push(c),
            }
        }
        span.text = out;
    }
}

fn smarten_text(text: &str, prev: &mut Option<char>, q: Quotes) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (replacement, used) = match c {
            '-' if chars.get(i + 1) == Some(&'-') && chars.get(i + 2) == Some(&'-') => ('—', 3),
            '-' if chars.get(i + 1) == Some(&'-') => ('–', 2),
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => ('…', 3),
            '"' => (if opens(*prev) { q.double.0 } else { q.double.1 }, 1),
            // An apostrophe inside or after a word is always ’.
            '\'' if !opens(*prev) => ('’', 1),
            '\'' => (q.single.0, 1),
            other => (other, 1),
        };
        out.push(replacement);
        *prev = Some(replacement);
        i += used;
    }
    out
}

/// A quote opens after nothing, white space, an opening bracket or a dash.
fn opens(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace() || "([{‘“„‚«‹—–/\u{a0}\u{202f}".contains(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> String {
        let mut prev = None;
        smarten_text(text, &mut prev, Lang::english().info.quotes)
    }

    fn in_lang(text: &str, lang: &str) -> String {
        let lang = &Lang::resolve(lang).unwrap();
        let mut spans = vec![Span {
            text: text.into(),
            ..Span::default()
        }];
        smarten(&mut spans, lang);
        spans[0].text.clone()
    }

    #[test]
    fn dashes_and_ellipses() {
        assert_eq!(s("learning--a topic---has"), "learning–a topic—has");
        assert_eq!(s("pages 3--5"), "pages 3–5");
        assert_eq!(s("wait..."), "wait…");
        assert_eq!(s("a-b"), "a-b");
    }

    #[test]
    fn quotes_by_context() {
        assert_eq!(
            s("\"deep compression\" technique"),
            "“deep compression” technique"
        );
        assert_eq!(s("doesn't"), "doesn’t");
        assert_eq!(s("'quoted' (\"x\")"), "‘quoted’ (“x”)");
        assert_eq!(s("ICLR'16"), "ICLR’16");
    }

    #[test]
    fn context_crosses_spans() {
        let mut spans = vec![
            Span {
                text: "say \"".into(),
                ..Span::default()
            },
            Span {
                text: "hi".into(),
                emphasis: true,
                ..Span::default()
            },
            Span {
                text: "\" now".into(),
                ..Span::default()
            },
        ];
        smarten(&mut spans, &Lang::english());
        assert_eq!(spans[0].text, "say “");
        assert_eq!(spans[2].text, "” now");
    }

    #[test]
    fn folded_lines_of_chinese_join_without_a_space() {
        let mut spans = vec![Span {
            text: "可以在任意 两个汉字之间断行 and English words stay apart".into(),
            ..Span::default()
        }];
        join_spaceless(&mut spans);
        assert_eq!(
            spans[0].text,
            "可以在任意两个汉字之间断行 and English words stay apart"
        );
    }

    #[test]
    fn quotes_follow_the_language() {
        assert_eq!(in_lang("\"Hallo\", sagte sie", "de"), "„Hallo“, sagte sie");
        assert_eq!(
            in_lang("il a dit \"bonjour\" : oui !", "fr"),
            "il a dit «\u{202f}bonjour\u{202f}»\u{202f}: oui\u{202f}!"
        );
        assert_eq!(in_lang("dijo \"hola\"", "es-ES"), "dijo «hola»");
        assert_eq!(in_lang("l'homme", "fr"), "l’homme");
        assert_eq!(in_lang("\"quoted\" text", "en-GB"), "“quoted” text");
    }
}
