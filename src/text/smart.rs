//! Smart punctuation: what a typist types → what a typesetter sets.
//! `---` → em dash, `--` → en dash, `...` → ellipsis, straight quotes →
//! curly ones chosen by the character before them.

use super::markup::Span;

/// Rewrites the spans of one paragraph in place. Context carries across
/// spans, so `"*word*"` gets an opening and a closing quote. Link targets
/// are left alone.
pub fn smarten(spans: &mut [Span]) {
    let mut prev: Option<char> = None;
    for span in spans {
        span.text = smarten_text(&span.text, &mut prev);
    }
}

fn smarten_text(text: &str, prev: &mut Option<char>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (replacement, used) = match c {
            '-' if chars.get(i + 1) == Some(&'-') && chars.get(i + 2) == Some(&'-') => ('—', 3),
            '-' if chars.get(i + 1) == Some(&'-') => ('–', 2),
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => ('…', 3),
            '"' => (if opens(*prev) { '“' } else { '”' }, 1),
            '\'' => (if opens(*prev) { '‘' } else { '’' }, 1),
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
        Some(p) => p.is_whitespace() || "([{‘“—–/\u{a0}".contains(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> String {
        let mut prev = None;
        smarten_text(text, &mut prev)
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
        smarten(&mut spans);
        assert_eq!(spans[0].text, "say “");
        assert_eq!(spans[2].text, "” now");
    }
}
