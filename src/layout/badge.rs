//! Name badges: one frame per speaker, the name fitted by a stated rule.

use super::flow::LineMetrics;
use super::frame::{Document, Frame, Info, Item, Shape};
use super::photo::{place_photo, placeholder};
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Point, Pt, Rect};
use crate::model::{BadgeLayout, PhotoSource, Project, Role, Speaker};
use crate::text::{Style, TextLine, Typesetter};

/// Below this share of the maximum size, a name is tried on two lines.
const TWO_LINES_BELOW: f64 = 0.75;

/// How a name was fitted, for the build summary and tests.
#[derive(Clone, Debug, PartialEq)]
pub struct NameFit {
    pub size: Pt,
    pub lines: Vec<String>,
    /// True when even the minimum size does not fit.
    pub overflows: bool,
}

/// The fitting rule (also in the README):
/// 1. the name on one line at the largest size up to the maximum that fits;
/// 2. if that is below 75 % of the maximum, the name on two lines, broken
///    at a space or after a hyphen (never inside a word), at the largest size
///    that fits, when that is larger;
/// 3. if the result is below the minimum size, the name is set at the
///    minimum, overflowing, and reported.
pub fn fit_name(
    ts: &mut Typesetter<'_>,
    name: &str,
    style: &Style,
    min: Pt,
    room: Pt,
    lang: &str,
) -> NameFit {
    let max = style.size;
    let width_at_max = |ts: &mut Typesetter<'_>, t: &str| ts.width_of(t, style, lang);
    let fit_size = |w: Pt| {
        if w.0 <= 0.0 {
            max
        } else {
            Pt((max.0 * room.0 / w.0).min(max.0))
        }
    };

    let one = fit_size(width_at_max(ts, name));
    let mut best = NameFit {
        size: one,
        lines: vec![name.to_string()],
        overflows: false,
    };
    if one.0 < max.0 * TWO_LINES_BELOW {
        for (a, b) in two_line_splits(name) {
            let w = width_at_max(ts, &a).max(width_at_max(ts, &b));
            let size = fit_size(w);
            if size.0 > best.size.0 + 1e-6 {
                best = NameFit {
                    size,
                    lines: vec![a, b],
                    overflows: false,
                };
            }
        }
    }
    if best.size.0 < min.0 - 1e-6 {
        best.size = min;
        best.overflows = true;
    }
    best
}

/// Every way to put a name on two lines: at a space, or after a hyphen.
fn two_line_splits(name: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, c) in name.char_indices() {
        match c {
            ' ' => out.push((
                name[..i].trim().to_string(),
                name[i + 1..].trim().to_string(),
            )),
            '-' | '‐' if i > 0 && i + c.len_utf8() < name.len() => out.push((
                name[..i + c.len_utf8()].to_string(),
                name[i + c.len_utf8()..].to_string(),
            )),
            _ => {}
        }
    }
    out.retain(|(a, b)| !a.is_empty() && !b.is_empty());
    out
}

/// Lays out one badge per speaker.
pub fn badges(
    project: &Project,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) -> Vec<Document> {
    project
        .speakers
        .iter()
        .map(|s| Document {
            pages: vec![badge(project, s, ts, diags)],
            outline: Vec::new(),
            info: Info {
                title: format!("{}: badge of {}", project.event.name, s.name),
                author: project.event.name.clone(),
                subject: "Name badge".into(),
                keywords: vec!["badge".into()],
                language: project.event.language.clone(),
            },
            stats: Default::default(),
            page_labels: Vec::new(),
        })
        .collect()
}

fn badge(
    project: &Project,
    speaker: &Speaker,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) -> Frame {
    let l: &BadgeLayout = &project.badge;
    let lang = speaker.lang.as_deref().unwrap_or(&project.event.language);
    let mut page = Frame::new(l.badge);
    let room = l.badge.w - l.padding * 2.0;
    let x = l.padding;

    // The band with the event's name.
    page.items.push(Item::Rect {
        rect: Rect::new(Pt::ZERO, Pt::ZERO, l.badge.w, l.band_height),
        fill: Some(l.band_colour),
        stroke: None,
    });
    let style_of = |ts: &Typesetter<'_>, st: &crate::model::TextStyle| {
        let mut style = ts.style(&l.fonts, st);
        style.fallback = ts.fallback(&l.fonts, &l.fallback, st);
        style
    };
    let mut event_style = style_of(ts, &l.styles.event);
    event_style.colour = l.band_text;
    let event_name = project
        .event
        .short_name
        .as_deref()
        .unwrap_or(&project.event.name);
    let set = ts.plain(event_name, &event_style, room, lang);
    let m = LineMetrics::of(ts, &event_style);
    let block = m.leading * set.lines.len() as f64;
    let mut y = (l.band_height - block) / 2.0;
    for line in &set.lines {
        page.push_line(Point::new(x, y + m.baseline), line);
        y += m.leading;
    }

    // The photo, round.
    let top = l.band_height + Pt::mm(6.0);
    let photo_box = Rect::new((l.badge.w - l.photo) / 2.0, top, l.photo, l.photo);
    let name_style = style_of(ts, &l.styles.name);
    match &speaker.photo {
        PhotoSource::Photo(p) => {
            if let Some(w) =
                place_photo(&mut page, p, photo_box, Shape::Circle, speaker.photo_focus)
            {
                diags.push(w.speaker(&speaker.id).field("photo"));
            }
        }
        PhotoSource::Placeholder => placeholder(
            &mut page,
            ts,
            &name_style,
            photo_box,
            &speaker.initials(),
            lang,
        ),
    }

    // Characters no font has, named with the speaker and field.
    for (field, text) in [
        ("name", Some(&speaker.name)),
        ("affiliation", speaker.affiliation.as_ref()),
    ] {
        let Some(text) = text else { continue };
        for c in ts.plain(text, &name_style, Pt(1e6), lang).missing {
            diags.push(
                Diagnostic::warning(format!(
                    "no font has the character `{c}` (U+{:04X}); it prints as a box on the badge",
                    u32::from(c)
                ))
                .speaker(&speaker.id)
                .field(field)
                .hint("add a font with this character to the badge layout's `fallback`"),
            );
        }
    }

    // The name, fitted.
    let fit = fit_name(ts, &speaker.name, &name_style, l.name_min_size, room, lang);
    if fit.overflows {
        diags.push(
            Diagnostic::warning(format!(
                "the name is too long for the badge even at {:.0} pt; it runs past the edges",
                l.name_min_size.0
            ))
            .speaker(&speaker.id)
            .field("name")
            .hint("shorten the printed name, or lower `name_min_size` in the badge layout"),
        );
    }
    let mut style = name_style.at_size(fit.size);
    // Each line is centred here, on its own width.
    style.align = crate::model::Align::Left;
    let m = LineMetrics::of(ts, &style);
    let mut y = photo_box.bottom() + Pt::mm(5.0);
    for text in &fit.lines {
        let set = ts.plain(text, &style, Pt(1e6), lang);
        if let Some(line) = set.lines.first() {
            page.push_line(
                Point::new(x + (room - line.width) / 2.0, y + m.baseline),
                line,
            );
        }
        y += m.leading;
    }

    // The affiliation, at most two lines.
    if let Some(aff) = &speaker.affiliation {
        let style = style_of(ts, &l.styles.affiliation);
        let m = LineMetrics::of(ts, &style);
        let set = ts.plain(aff, &style, room, lang);
        let mut lines: Vec<TextLine> = set.lines.clone();
        if lines.len() > 2 {
            lines.truncate(1);
            let rest = truncate_with_ellipsis(ts, aff, &lines[0], &style, room, lang);
            lines.push(rest);
            diags.push(
                Diagnostic::warning("the affiliation is longer than two lines on the badge; it is cut short with “…”")
                    .speaker(&speaker.id)
                    .field("affiliation")
                    .hint("give a shorter affiliation"),
            );
        }
        y += Pt::mm(2.0);
        for line in &lines {
            page.push_line(Point::new(x, y + m.baseline), line);
            y += m.leading;
        }
    }

    // The role, at the foot.
    let role_style = style_of(ts, &l.styles.role);
    let m = LineMetrics::of(ts, &role_style);
    let label = role_label(speaker.role).to_uppercase();
    let set = ts.plain(&label, &role_style, room, lang);
    if let Some(line) = set.lines.first() {
        let baseline = l.badge.h - l.padding - m.leading + m.baseline;
        page.push_line(Point::new(x, baseline), line);
    }
    page
}

fn role_label(role: Role) -> &'static str {
    role.label()
}

/// The second line of an over-long text: as many words as fit, then "…".
fn truncate_with_ellipsis(
    ts: &mut Typesetter<'_>,
    text: &str,
    first: &TextLine,
    style: &Style,
    room: Pt,
    lang: &str,
) -> TextLine {
    let first_text: String = first
        .runs
        .iter()
        .flat_map(|r| r.glyphs.iter().map(|g| &*g.text))
        .collect::<Vec<_>>()
        .join("");
    let first_words = first_text.split_whitespace().count();
    let rest: Vec<&str> = text.split_whitespace().skip(first_words).collect();
    for n in (0..=rest.len()).rev() {
        let candidate = format!("{}…", rest[..n].join(" "));
        if n == 0 || ts.width_of(&candidate, style, lang).fits(room) {
            let set = ts.plain(&candidate, style, room, lang);
            if let Some(line) = set.lines.into_iter().next() {
                return line;
            }
        }
    }
    first.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_spaces_and_after_hyphens_only() {
        let splits = two_line_splits("Anne-Marie Le Pen");
        assert_eq!(
            splits,
            vec![
                ("Anne-".to_string(), "Marie Le Pen".to_string()),
                ("Anne-Marie".to_string(), "Le Pen".to_string()),
                ("Anne-Marie Le".to_string(), "Pen".to_string()),
            ]
        );
        assert!(two_line_splits("Wolfeschlegelsteinhausenbergerdorff").is_empty());
    }
}
