//! The inline markup of abstracts and biographies: paragraphs separated by
//! blank lines, `*emphasis*`, `**strong**`, `[text](url)`, and `\` to take
//! the next character literally.
//!
//! A delimiter without a partner is plain text: speakers write "5 * 3" and
//! "[sic]", and those must print as written rather than fail.

/// A piece of text with one set of attributes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Set in italic (`*…*`).
    pub emphasis: bool,
    /// Set in bold (`**…**`).
    pub strong: bool,
    /// Where it links to (`[text](url)`).
    pub link: Option<String>,
}

/// Splits marked-up text into paragraphs of spans. Single line breaks are
/// spaces; runs of white space collapse.
pub fn parse(text: &str) -> Vec<Vec<Span>> {
    let mut paragraphs: Vec<Vec<Span>> = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                paragraphs.push(inline(&current));
            }
            current.clear();
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line.trim());
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(inline(&current));
    }
    // Lines joined inside Chinese or Japanese text were never spaces.
    for p in &mut paragraphs {
        super::smart::join_spaceless(p);
    }
    paragraphs
}

/// Parses one paragraph's inline markup.
pub fn inline(text: &str) -> Vec<Span> {
    let chars: Vec<char> = collapse_spaces(text).chars().collect();
    let mut out = Parser {
        spans: Vec::new(),
        current: Span::default(),
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && "\\*[]()".contains(chars[i + 1]) {
            out.current.text.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '*' {
            let strong = chars.get(i + 1) == Some(&'*');
            let width = if strong { 2 } else { 1 };
            let open = if strong {
                out.current.strong
            } else {
                out.current.emphasis
            };
            let valid = if open {
                i > 0 && !chars[i - 1].is_whitespace()
            } else {
                chars.get(i + width).is_some_and(|n| !n.is_whitespace())
                    && find_closer(&chars, i + width, strong).is_some()
            };
            if valid {
                out.flush();
                if strong {
                    out.current.strong = !open;
                } else {
                    out.current.emphasis = !open;
                }
                i += width;
                continue;
            }
        }
        if c == '['
            && out.current.link.is_none()
            && let Some((text_end, url_end)) = find_link(&chars, i)
        {
            let url: String = chars[text_end + 2..url_end].iter().collect();
            out.flush();
            let saved = out.current.clone();
            out.current.link = Some(url.trim().to_string());
            let inner: String = chars[i + 1..text_end].iter().collect();
            for mut span in inline(&inner) {
                span.emphasis |= saved.emphasis;
                span.strong |= saved.strong;
                span.link = out.current.link.clone();
                out.spans.push(span);
            }
            out.current = saved;
            i = url_end + 1;
            continue;
        }
        out.current.text.push(c);
        i += 1;
    }
    out.flush();
    out.spans
}

struct Parser {
    spans: Vec<Span>,
    current: Span,
}

impl Parser {
    fn flush(&mut self) {
        if !self.current.text.is_empty() {
            let next = Span {
                text: String::new(),
                ..self.current.clone()
            };
            self.spans.push(std::mem::replace(&mut self.current, next));
        }
    }
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// A closing `*` (or `**`) preceded by a non-space, after `from`.
fn find_closer(chars: &[char], from: usize, strong: bool) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '\\' {
            i += 2;
            continue;
        }
        if chars[i] == '*' {
            let double = chars.get(i + 1) == Some(&'*');
            if double == strong && i > from && !chars[i - 1].is_whitespace() {
                return Some(i);
            }
            i += if double { 2 } else { 1 };
            continue;
        }
        i += 1;
    }
    None
}

/// For `[text](url)` starting at `open`: the index of `]` and of `)`.
fn find_link(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let close = (open + 1..chars.len()).find(|&k| chars[k] == ']' && chars[k - 1] != '\\')?;
    if chars.get(close + 1) != Some(&'(') || close == open + 1 {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&k| chars[k] == ')')?;
    let url: String = chars[close + 2..end].iter().collect();
    (!url.trim().is_empty() && !url.contains(' ')).then_some((close, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(spans: &[Span]) -> Vec<(&str, bool, bool, Option<&str>)> {
        spans
            .iter()
            .map(|s| (s.text.as_str(), s.emphasis, s.strong, s.link.as_deref()))
            .collect()
    }

    #[test]
    fn emphasis_strong_and_links() {
        let spans = inline("a *b* **c** [d *e*](https://x.org) f");
        assert_eq!(
            texts(&spans),
            vec![
                ("a ", false, false, None),
                ("b", true, false, None),
                (" ", false, false, None),
                ("c", false, true, None),
                (" ", false, false, None),
                ("d ", false, false, Some("https://x.org")),
                ("e", true, false, Some("https://x.org")),
                (" f", false, false, None),
            ]
        );
    }

    #[test]
    fn unpaired_delimiters_stay_text() {
        assert_eq!(
            texts(&inline("5 * 3 = 15")),
            vec![("5 * 3 = 15", false, false, None)]
        );
        assert_eq!(
            texts(&inline("[sic] and *open")),
            vec![("[sic] and *open", false, false, None)]
        );
        assert_eq!(
            texts(&inline(r"\*not\*")),
            vec![("*not*", false, false, None)]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let paras = parse("one\ntwo\n\n  \nthree   four");
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0][0].text, "one two");
        assert_eq!(paras[1][0].text, "three four");
    }
}
