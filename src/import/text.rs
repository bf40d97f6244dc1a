//! Abstracts and biographies from HTML or Markdown into booklet markup:
//! paragraphs, *emphasis*, **strong**, [links](url); list items become
//! paragraphs with a bullet; entities decoded; CRLF and stray white space
//! normalised. What is not kept (images, tables, scripts) is reported.

/// Converts `text`; the names of the HTML elements dropped, if any.
pub fn to_markup(text: &str) -> (String, Vec<String>) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if looks_like_html(&text) {
        html(&text)
    } else {
        (markdown(&text), Vec::new())
    }
}

fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p", "<br", "<em", "<strong", "<a ", "<ul", "<ol", "<li", "<b>", "<i>", "<div", "<span",
        "<h1", "<h2", "<h3", "<img", "<table",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// Markdown as pretalx writes it: emphasis and links are ours already;
/// list items and headings become paragraphs.
fn markdown(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut Vec<String>| {
        let p = collapse(para);
        if !p.is_empty() {
            out.push(p);
        }
        para.clear();
    };
    for line in text.lines() {
        let t = line.trim();
        let item = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| {
                t.split_once(". ")
                    .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
                    .map(|(_, r)| r)
            });
        let heading = t.trim_start_matches('#');
        if t.is_empty() {
            flush(&mut para, &mut out);
        } else if let Some(item) = item {
            flush(&mut para, &mut out);
            para.push_str(&format!("• {item}"));
            flush(&mut para, &mut out);
        } else if heading.len() < t.len() && heading.starts_with(' ') {
            flush(&mut para, &mut out);
            para.push_str(&format!("**{}**", heading.trim()));
            flush(&mut para, &mut out);
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(t);
        }
    }
    flush(&mut para, &mut out);
    out.join("\n\n")
}

/// Runs of white space as one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A small HTML reader: tags by name, entities decoded, text kept.
fn html(text: &str) -> (String, Vec<String>) {
    let mut r = Html::default();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            r.text(rest);
            break;
        };
        r.text(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            r.text(&rest[lt..]);
            break;
        };
        r.tag(&rest[lt + 1..lt + gt]);
        rest = &rest[lt + gt + 1..];
    }
    r.flush();
    r.dropped.sort();
    r.dropped.dedup();
    (r.out.join("\n\n"), r.dropped)
}

/// What the HTML reader has read so far.
#[derive(Default)]
struct Html {
    out: Vec<String>,
    para: String,
    dropped: Vec<String>,
    links: Vec<String>,
    /// Inside <script> or <style>: their text is not text.
    skip: usize,
}

impl Html {
    fn text(&mut self, s: &str) {
        if self.skip == 0 {
            self.para.push_str(&entities(s));
        }
    }

    /// Ends the paragraph being read.
    fn flush(&mut self) {
        let p = collapse(&self.para);
        if !p.is_empty() {
            self.out.push(p);
        }
        self.para.clear();
    }

    /// One tag, `tag` being what stands between `<` and `>`.
    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name: String = (tag.trim_start_matches('/').chars())
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("p" | "div" | "br" | "ul" | "ol" | "blockquote" | "tr", _) => self.flush(),
            ("li", false) => {
                self.flush();
                self.para.push_str("• ");
            }
            ("li", true) => self.flush(),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                self.flush();
                self.para.push_str("**");
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                self.para.push_str("**");
                self.flush();
            }
            ("em" | "i", _) => self.para.push('*'),
            ("strong" | "b", _) => self.para.push_str("**"),
            ("a", false) => {
                self.links.push(attribute(tag, "href").unwrap_or_default());
                self.para.push('[');
            }
            ("a", true) => match self.links.pop().unwrap_or_default() {
                href if href.is_empty() => self.para.push(']'),
                href => self.para.push_str(&format!("]({href})")),
            },
            ("script" | "style", false) => {
                self.skip += 1;
                self.dropped.push(name);
            }
            ("script" | "style", true) => self.skip = self.skip.saturating_sub(1),
            (
                "span" | "code" | "small" | "sup" | "sub" | "u" | "td" | "th" | "tbody" | "thead"
                | "table",
                _,
            ) => {}
            ("", _) | (_, true) => {}
            (other, false) => self.dropped.push(other.to_string()),
        }
    }
}

/// The value of `name="…"` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    let value = if quote == '"' || quote == '\'' {
        rest[1..].split(quote).next()?
    } else {
        rest.split_whitespace().next()?
    };
    Some(entities(value))
}

/// HTML entities decoded: the named ones that matter and every numeric one.
pub fn entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markup() {
        let (text, dropped) = to_markup(
            "<p>We <em>measure</em> &amp; <strong>compare</strong>,\r\n see <a href=\"https://x.org/?a=1&amp;b=2\">the site</a>.</p><ul><li>one</li><li>two &#8211; three</li></ul><img src=\"x.png\"><script>alert(1)</script>",
        );
        assert_eq!(
            text,
            "We *measure* & **compare**, see [the site](https://x.org/?a=1&b=2).\n\n• one\n\n• two – three"
        );
        assert_eq!(dropped, ["img", "script"]);
    }

    #[test]
    fn markdown_lists_and_headings_become_paragraphs() {
        let (text, dropped) =
            to_markup("# Aims\r\nWe *do* this\nand that.\n\n- first\n- second\n1. third");
        assert_eq!(
            text,
            "**Aims**\n\nWe *do* this and that.\n\n• first\n\n• second\n\n• third"
        );
        assert!(dropped.is_empty());
    }
}
