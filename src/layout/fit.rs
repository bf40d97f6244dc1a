//! Text cut to a number of lines: the last line kept ends with "…" where
//! the text runs on (a badge's affiliation, a talk's title in a timetable
//! box). Callers warn: a human should shorten the text.

use crate::geom::Pt;
use crate::model::Lang;
use crate::text::{Style, TextLine, Typesetter};

/// `text` set in `style` at `width`, at most `max` lines; true when it had
/// to be cut.
pub fn fit_lines(
    ts: &mut Typesetter<'_>,
    text: &str,
    style: &Style,
    width: Pt,
    max: usize,
    lang: &Lang,
) -> (Vec<TextLine>, bool) {
    let set = ts.plain(text, style, width, lang);
    let (mut lines, mut cut) = (set.lines, false);
    if lines.len() > max {
        lines.truncate(max.saturating_sub(1));
        let last = with_ellipsis(ts, text, &lines, style, width, lang);
        if max > 0 {
            lines.push(last);
        }
        cut = true;
    }
    // A word wider than the room (a long compound, a URL) is cut too.
    for line in &mut lines {
        if !line.width.fits(width) {
            *line = narrowed(ts, line, style, width, lang);
            cut = true;
        }
    }
    (lines, cut)
}

/// A line's text cut, character by character, until it fits with "…".
fn narrowed(
    ts: &mut Typesetter<'_>,
    line: &TextLine,
    style: &Style,
    width: Pt,
    lang: &Lang,
) -> TextLine {
    let text: String = (line.runs.iter())
        .flat_map(|r| r.glyphs.iter().map(|g| g.text.as_str()))
        .collect::<String>()
        .trim_end_matches('…')
        .trim_end()
        .to_string();
    let chars: Vec<char> = text.chars().collect();
    for n in (0..chars.len()).rev() {
        let candidate: String = chars[..n].iter().chain(['…'].iter()).collect();
        let fits = n == 0 || ts.width_of(&candidate, style, lang).fits(width);
        let set = fits.then(|| ts.plain(&candidate, style, Pt(1e6), lang));
        if let Some(l) = set.and_then(|s| s.lines.into_iter().next()) {
            return l;
        }
    }
    line.clone()
}

/// The line after `kept`: the words that still fit, then "…".
fn with_ellipsis(
    ts: &mut Typesetter<'_>,
    text: &str,
    kept: &[TextLine],
    style: &Style,
    width: Pt,
    lang: &Lang,
) -> TextLine {
    let kept_text: String = kept
        .iter()
        .map(|l| {
            let glyphs = l.runs.iter().flat_map(|r| r.glyphs.iter());
            glyphs.map(|g| g.text.as_str()).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let kept_words = kept_text.split_whitespace().count();
    let rest: Vec<&str> = text.split_whitespace().skip(kept_words).collect();
    for n in (0..=rest.len()).rev() {
        let candidate = format!("{}…", rest[..n].join(" "));
        if n == 0 || ts.width_of(&candidate, style, lang).fits(width) {
            let set = ts.plain(&candidate, style, width, lang);
            if let Some(line) = set.lines.into_iter().next() {
                return line;
            }
        }
    }
    ts.plain("…", style, width, lang)
        .lines
        .into_iter()
        .next()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Align, Colour, TextStyle};

    #[test]
    fn the_last_line_kept_ends_with_an_ellipsis_after_the_words_that_fit() {
        let (family, book) = crate::text::fonts::tests::sans();
        let mut ts = Typesetter::new(&book);
        let style = ts.style(&TextStyle {
            family,
            bold: true,
            italic: false,
            size: Pt(6.5),
            leading: Pt(7.8),
            colour: Colour::BLACK,
            align: Align::Left,
        });
        let lang = Lang::english();
        let text =
            "T0001 Experiments efficient on energy our in are of in our data practical method";
        let (lines, cut) = fit_lines(&mut ts, text, &style, Pt(70.0), 2, &lang);
        assert!(cut);
        assert_eq!(lines.len(), 2);
        let last: String = lines[1]
            .runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.text.to_string()))
            .collect();
        assert!(
            last.ends_with('…') && last.trim().len() > "…".len(),
            "{last:?}"
        );
        assert!(lines[1].width.fits(Pt(70.0)));
        // One word wider than the room is cut within the word.
        let long = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen";
        let (lines, cut) = fit_lines(&mut ts, long, &style, Pt(40.0), 2, &lang);
        assert!(cut);
        assert!(lines.iter().all(|l| l.width.fits(Pt(40.0))));
        let text: String = lines[0]
            .runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.text.to_string()))
            .collect();
        assert!(text.ends_with('…'), "{text}");
    }
}
