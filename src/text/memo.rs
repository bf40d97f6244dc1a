//! Paragraphs set by the earlier builds of one process (`booklet watch`),
//! by everything setting depends on but the fonts: after an edit to one
//! speaker, the other speakers' paragraphs are the same and need not be
//! set again. Setting text was most of the layout of a rebuild. Kept while
//! builds use them, and all dropped when the fonts change (see
//! [`crate::kept`]).

use super::{SetText, Span, Style};
use crate::geom::Pt;
use crate::model::{Colour, Lang};
use sha2::{Digest, Sha256};

/// See the module documentation. Shared by the typesetters of every
/// thread of a build.
pub type Memo = crate::kept::Kept<SetText>;

/// Everything a paragraph's setting depends on besides the fonts, as one
/// SHA-256: the spans, the style, the measure and the language. Floats go
/// in by their bits, strings and lists with their lengths, so no two
/// different paragraphs feed the same bytes.
pub(super) fn key(spans: &[Span], style: &Style, width: Pt, lang: &Lang) -> [u8; 32] {
    let mut h = Sha256::new();
    let n = |h: &mut Sha256, n: u64| h.update(n.to_le_bytes());
    let str = |h: &mut Sha256, s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    n(&mut h, spans.len() as u64);
    for span in spans {
        str(&mut h, &span.text);
        h.update([u8::from(span.emphasis), u8::from(span.strong)]);
        match &span.link {
            Some(url) => {
                h.update([1]);
                str(&mut h, url);
            }
            None => h.update([0]),
        }
    }
    let faces = |h: &mut Sha256, faces: &[super::FaceId; 4]| {
        for f in faces {
            h.update(f.0.to_le_bytes());
        }
    };
    faces(&mut h, &style.faces);
    for x in [style.size.0, style.leading.0, style.expansion, width.0] {
        n(&mut h, x.to_bits());
    }
    let (model, components) = match style.colour {
        Colour::Rgb(r, g, b) => (0, vec![r, g, b]),
        Colour::Cmyk(c, m, y, k) => (1, vec![c, m, y, k]),
    };
    h.update([model]);
    for c in components {
        h.update(c.to_bits().to_le_bytes());
    }
    h.update([
        style.align as u8,
        u8::from(style.protrusion),
        u8::from(style.hyphenate),
    ]);
    n(&mut h, style.fallback.len() as u64);
    for f in &style.fallback {
        faces(&mut h, f);
    }
    n(&mut h, style.no_break_after.len() as u64);
    for w in &style.no_break_after {
        str(&mut h, w);
    }
    str(&mut h, &lang.tag);
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Align, TextStyle};
    use crate::text::fonts::tests::family;
    use crate::text::{Typesetter, markup};

    fn body(family: crate::model::Family) -> TextStyle {
        TextStyle {
            family,
            bold: false,
            italic: false,
            size: Pt(10.0),
            leading: Pt(12.0),
            colour: Colour::BLACK,
            align: Align::Justify,
        }
    }

    fn lines(set: &SetText) -> Vec<String> {
        (set.lines.iter())
            .map(|l| {
                (l.runs.iter())
                    .flat_map(|r| r.glyphs.iter().map(|g| g.text.to_string()))
                    .collect()
            })
            .collect()
    }

    const TEXT: &str = "Representation learning on *heterogeneous* graph-structured data accelerates computational drug discovery.";

    /// A remembered paragraph is the one setting makes, taken from the
    /// memo by the next build (on any thread) instead of set again; one
    /// the last build did not use is dropped.
    #[test]
    fn paragraphs_are_kept_while_builds_use_them() {
        let (serif, book) = family("SourceSerif4");
        let memo = Memo::default();
        let spans = &markup::parse(TEXT)[0];
        let lang = Lang::english();
        memo.start(true);
        let mut ts = Typesetter::new(&book).remembering(Some(&memo));
        let st = ts.style(&body(serif));
        let fresh = Typesetter::new(&book).paragraph(spans, &st, Pt(150.0), &lang);
        let first = ts.paragraph(spans, &st, Pt(150.0), &lang);
        assert_eq!(lines(&first), lines(&fresh));
        assert_eq!(first.lines[0].runs[0].glyphs, fresh.lines[0].runs[0].glyphs);
        assert_eq!(memo.len(), 1);
        // Another measure is another paragraph.
        ts.paragraph(spans, &st, Pt(120.0), &lang);
        assert_eq!(memo.len(), 2);
        // The next build uses one of them, from another typesetter.
        memo.start(true);
        let again = ts.fork().paragraph(spans, &st, Pt(150.0), &lang);
        assert_eq!(lines(&again), lines(&fresh));
        assert_eq!(memo.len(), 2, "taken, not set again");
        memo.start(true);
        assert_eq!(memo.len(), 1, "the one the last build did not use is gone");
    }

    /// Everything setting depends on is in the key.
    #[test]
    fn keys_differ_with_every_input() {
        let (serif, book) = family("SourceSerif4");
        let ts = Typesetter::new(&book);
        let st = ts.style(&body(serif));
        let spans = markup::parse(TEXT).remove(0);
        let lang = Lang::english();
        let base = key(&spans, &st, Pt(150.0), &lang);
        assert_eq!(base, key(&spans, &st, Pt(150.0), &lang));
        let mut emphasis = spans.clone();
        emphasis[0].emphasis = !emphasis[0].emphasis;
        let mut linked = spans.clone();
        linked[0].link = Some("https://example.org".into());
        let (mut bigger, mut ragged, mut red) = (st.clone(), st.clone(), st.clone());
        bigger.size = Pt(10.5);
        ragged.align = Align::Left;
        red.colour = Colour::Rgb(1.0, 0.0, 0.0);
        let german = Lang::resolve("de").unwrap();
        for other in [
            key(&emphasis, &st, Pt(150.0), &lang),
            key(&linked, &st, Pt(150.0), &lang),
            key(&spans, &bigger, Pt(150.0), &lang),
            key(&spans, &ragged, Pt(150.0), &lang),
            key(&spans, &red, Pt(150.0), &lang),
            key(&spans, &st, Pt(150.5), &lang),
            key(&spans, &st, Pt(150.0), &german),
        ] {
            assert_ne!(other, base);
        }
    }
}
