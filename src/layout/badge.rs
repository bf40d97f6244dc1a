//! Name badges: one frame per speaker (two with duplex), the name fitted by
//! a stated rule.

use super::flow::LineMetrics;
use super::frame::{Document, Frame, Info, Item, Shape};
use super::photo::{place_photo, placeholder};
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Point, Pt, Rect};
use crate::model::{Align, BadgeLayout, PhotoShape, PhotoSource, Project, Speaker, TextStyle};
use crate::text::{Style, TextLine, Typesetter};
use std::sync::Arc;

/// Below this share of the maximum size, a name is tried on two lines.
pub const TWO_LINES_BELOW: f64 = 0.75;
/// A family name set under the given name is this much smaller.
pub const FAMILY_NAME_SCALE: f64 = 0.8;

/// Lowercase words that begin a family name ("van der Berg", "de la Cruz").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "dos", "das", "la", "le",
    "ten", "ter", "bin", "ibn", "al", "el", "zu", "y",
];

/// How a name was fitted: each line with its size.
#[derive(Clone, Debug, PartialEq)]
pub struct NameFit {
    pub lines: Vec<(String, Pt)>,
    /// True when even the minimum size does not fit.
    pub overflows: bool,
}

/// Given and family name, when the name splits unambiguously: two words,
/// or a first word followed by a family name that starts with a particle.
pub fn split_name(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [given, family] => Some((given.to_string(), family.to_string())),
        [given, particle, ..] if PARTICLES.contains(particle) => {
            Some((given.to_string(), words[1..].join(" ")))
        }
        _ => None,
    }
}

/// The fitting rule (also in the README):
/// 1. a name that splits unambiguously into given and family name is set on
///    two lines, the family name at 80 % of the given name's size, at the
///    largest size up to the maximum where both fit — if that is at least
///    the minimum;
/// 2. otherwise the name on one line at the largest size up to the maximum
///    that fits;
/// 3. if that is below 75 % of the maximum, the name on two lines, broken
///    at a space or after a hyphen (never inside a word), at the largest
///    size that fits, when that is larger;
/// 4. if the result is below the minimum size, the name is set at the
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

    if let Some((given, family)) = split_name(name) {
        let g = fit_size(width_at_max(ts, &given));
        let f = fit_size(width_at_max(ts, &family) * FAMILY_NAME_SCALE);
        let size = g.min(f);
        if size.fits(max) && min.fits(size) {
            return NameFit {
                lines: vec![(given, size), (family, size * FAMILY_NAME_SCALE)],
                overflows: false,
            };
        }
    }
    let one = fit_size(width_at_max(ts, name));
    let mut best = (one, vec![name.to_string()]);
    if one.0 < max.0 * TWO_LINES_BELOW {
        for (a, b) in two_line_splits(name) {
            let w = width_at_max(ts, &a).max(width_at_max(ts, &b));
            let size = fit_size(w);
            if size.0 > best.0.0 + 1e-6 {
                best = (size, vec![a, b]);
            }
        }
    }
    let overflows = best.0.0 < min.0 - 1e-6;
    let size = if overflows { min } else { best.0 };
    NameFit {
        lines: best.1.into_iter().map(|l| (l, size)).collect(),
        overflows,
    }
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

/// One speaker's badge: its front and, with duplex, its back, laid out
/// once and shared by the speaker's own file and the print sheets.
#[derive(Clone, Debug)]
pub struct Badge {
    /// The badge's face.
    pub front: Arc<Frame>,
    /// The back, with duplex (it repeats the front: badges turn on their
    /// lanyards).
    pub back: Option<Arc<Frame>>,
    /// The speaker's own badge file's metadata.
    pub info: Info,
}

impl Badge {
    /// The speaker's own badge file: the front, then the back.
    pub fn document(&self) -> Document {
        let page = |face: &Arc<Frame>| {
            let mut page = Frame::new(face.size);
            page.place(face.clone(), Point::default());
            page
        };
        Document {
            pages: std::iter::once(&self.front)
                .chain(&self.back)
                .map(page)
                .collect(),
            outline: Vec::new(),
            info: self.info.clone(),
            stats: Default::default(),
            page_labels: Vec::new(),
            anchors: Vec::new(),
            bleed: Pt::ZERO,
        }
    }
}

/// Lays out one badge per speaker.
pub fn badges(project: &Project, ts: &mut Typesetter<'_>, diags: &mut Diagnostics) -> Vec<Badge> {
    project
        .speakers
        .iter()
        .map(|s| {
            let front = Arc::new(badge(project, s, ts, diags));
            Badge {
                back: project.badge.duplex.then(|| front.clone()),
                front,
                info: Info {
                    title: format!("{}: badge of {}", project.event.name, s.name),
                    author: project.event.name.clone(),
                    subject: "Name badge".into(),
                    keywords: vec!["badge".into()],
                    language: project.event.language.clone(),
                },
            }
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
    let style_of = |ts: &Typesetter<'_>, st: &TextStyle| {
        let mut style = ts.style(&l.fonts, st);
        style.fallback = ts.fallback(&l.fonts, &l.fallback, st);
        style
    };

    // The band with the event's name, coloured by role.
    page.items.push(Item::Rect {
        rect: Rect::new(Pt::ZERO, Pt::ZERO, l.badge.w, l.band_height),
        fill: Some(l.band_colour_for(speaker.role)),
        stroke: None,
    });
    let mut event_style = style_of(ts, &l.styles.event);
    event_style.colour = l.band_text;
    let event_name = project
        .event
        .short_name
        .as_deref()
        .unwrap_or(&project.event.name);
    let band_room = l.badge.w - l.padding * 2.0;
    let set = ts.plain(event_name, &event_style, band_room, lang);
    let m = LineMetrics::of(ts, &event_style);
    let mut y = (l.band_height - m.leading * set.lines.len() as f64) / 2.0;
    for line in set.lines.iter().take(2) {
        page.push_line(Point::new(l.padding, y + m.baseline), line);
        y += m.leading;
    }

    // The photo, and the column the text goes in.
    let gap = Pt::mm(4.0);
    let (photo_box, text_x, text_top) = if l.photo_left {
        let b = Rect::new(l.padding, l.band_height + gap, l.photo, l.photo);
        (b, b.right() + gap, l.band_height + gap)
    } else {
        let b = Rect::new(
            (l.badge.w - l.photo) / 2.0,
            l.band_height + Pt::mm(6.0),
            l.photo,
            l.photo,
        );
        (b, l.padding, b.bottom() + Pt::mm(5.0))
    };
    let room = l.badge.w - l.padding - text_x;
    let name_style = style_of(ts, &l.styles.name);
    let shape = match l.photo_shape {
        PhotoShape::Circle => Shape::Circle,
        PhotoShape::Rounded => Shape::Rounded(l.photo * 0.12),
        PhotoShape::Rect => Shape::Rect,
    };
    match &speaker.photo {
        PhotoSource::Photo(p) => {
            if let Some(w) = place_photo(&mut page, p, photo_box, shape, speaker.photo_focus) {
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

    let printed = speaker.badge_name.as_deref().unwrap_or(&speaker.name);
    let name_field = if speaker.badge_name.is_some() {
        "badge_name"
    } else {
        "name"
    };
    // The name, fitted; each line centred in the text column.
    let fit = fit_name(ts, printed, &name_style, l.name_min_size, room, lang);
    // Name and affiliation are set in a block of their own, then placed:
    // centred between photo and foot on portrait badges.
    let full_page = page;
    let mut page = Frame::new(l.badge);
    let mut y = Pt::ZERO;
    let mut name_missing: Vec<char> = Vec::new();
    for (text, size) in &fit.lines {
        let mut style = name_style.at_size(*size);
        style.align = Align::Left;
        let m = LineMetrics::of(ts, &style);
        let set = ts.plain(text, &style, Pt(1e6), lang);
        for c in &set.missing {
            if !name_missing.contains(c) {
                name_missing.push(*c);
            }
        }
        if let Some(line) = set.lines.first() {
            let x = if l.photo_left {
                text_x
            } else {
                text_x + (room - line.width) / 2.0
            };
            page.push_line(Point::new(x, y + m.baseline), line);
        }
        y += m.leading;
    }

    // The affiliation, at most two lines.
    let mut aff_style = style_of(ts, &l.styles.affiliation);
    if l.photo_left {
        aff_style.align = Align::Left;
    }
    let aff_set = speaker
        .affiliation
        .as_deref()
        .map(|aff| ts.plain(aff, &aff_style, room, lang));

    // Characters no font has, from what was actually set.
    for (field, missing) in [
        (name_field, name_missing.as_slice()),
        (
            "affiliation",
            aff_set.as_ref().map_or(&[][..], |s| s.missing.as_slice()),
        ),
    ] {
        if let Some(d) = super::missing_glyphs(missing, &speaker.id, field, "the badge") {
            diags.push(d);
        }
    }
    if fit.overflows {
        diags.push(
            Diagnostic::warning(format!(
                "the name is too long for the badge even at {:.0} pt; it runs past the edges",
                l.name_min_size.0
            ))
            .speaker(&speaker.id)
            .field(name_field)
            .hint("give a shorter `badge_name`, or lower `name_min_size` in the badge layout"),
        );
    }

    if let (Some(aff), Some(set)) = (&speaker.affiliation, aff_set) {
        let style = aff_style;
        let m = LineMetrics::of(ts, &style);
        let mut lines: Vec<TextLine> = set.lines.clone();
        if lines.len() > 2 {
            lines.truncate(1);
            lines.push(truncate_with_ellipsis(
                ts, aff, &lines[0], &style, room, lang,
            ));
            diags.push(
                Diagnostic::warning("the affiliation is longer than two lines on the badge; it is cut short with “…”")
                    .speaker(&speaker.id)
                    .field("affiliation")
                    .hint("give a shorter affiliation"),
            );
        }
        y += Pt::mm(1.5);
        for line in &lines {
            page.push_line(Point::new(text_x, y + m.baseline), line);
            y += m.leading;
        }
    }

    let block = page;
    let mut page = full_page;
    let role_height = LineMetrics::of(ts, &style_of(ts, &l.styles.role)).leading;
    let top = if l.photo_left {
        text_top
    } else {
        let free = l.badge.h - l.padding - role_height - text_top;
        text_top + ((free - y) / 2.0).max(Pt::ZERO)
    };
    page.place(Arc::new(block), Point::new(Pt::ZERO, top));

    // The QR code in the bottom corner, the role at the foot.
    let mut foot_room = room;
    if let Some(spec) = &l.qr {
        let url = match (
            spec.url.contains("{affiliation_url}"),
            &speaker.affiliation_url,
        ) {
            (true, Some(u)) => Some(spec.url.replace("{affiliation_url}", u)),
            (true, None) => None,
            (false, _) => Some(spec.url.replace("{id}", &speaker.id)),
        };
        if let Some(url) = url {
            let at = Point::new(
                l.badge.w - l.padding - spec.size,
                l.badge.h - l.padding - spec.size,
            );
            if qr_code(&mut page, &url, at, spec.size) {
                foot_room = room - spec.size - gap;
            } else {
                diags.push(
                    Diagnostic::warning(format!("no QR code: `{url}` is too long to encode"))
                        .speaker(&speaker.id)
                        .hint("shorten the `qr.url` template in the badge layout"),
                );
            }
        }
    }
    let mut role_style = style_of(ts, &l.styles.role);
    role_style.align = if l.photo_left || l.qr.is_some() {
        Align::Left
    } else {
        role_style.align
    };
    let m = LineMetrics::of(ts, &role_style);
    let set = ts.plain(
        &speaker.role.label().to_uppercase(),
        &role_style,
        foot_room,
        lang,
    );
    if let Some(line) = set.lines.first() {
        let baseline = l.badge.h - l.padding - m.leading + m.baseline;
        page.push_line(Point::new(text_x, baseline), line);
    }
    page
}

/// Draws a QR code as dark squares (runs of modules merged into one
/// rectangle), with a quiet zone of two modules inside `size`.
fn qr_code(page: &mut Frame, data: &str, at: Point, size: Pt) -> bool {
    let Ok(code) = qrcode::QrCode::new(data.as_bytes()) else {
        return false;
    };
    let n = code.width();
    let module = size / (n + 4) as f64;
    page.items.push(Item::Rect {
        rect: Rect::new(at.x, at.y, size, size),
        fill: Some(crate::model::Colour::WHITE),
        stroke: None,
    });
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if code[(x, y)] == qrcode::Color::Dark {
                let start = x;
                while x < n && code[(x, y)] == qrcode::Color::Dark {
                    x += 1;
                }
                page.items.push(Item::Rect {
                    rect: Rect::new(
                        at.x + module * (start + 2) as f64,
                        at.y + module * (y + 2) as f64,
                        module * (x - start) as f64,
                        module,
                    ),
                    fill: Some(crate::model::Colour::BLACK),
                    stroke: None,
                });
            } else {
                x += 1;
            }
        }
    }
    true
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
        .flat_map(|r| r.glyphs.iter().map(|g| g.text.to_string()))
        .collect();
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

    #[test]
    fn names_split_only_when_unambiguous() {
        assert_eq!(
            split_name("Jian Tang"),
            Some(("Jian".into(), "Tang".into()))
        );
        assert_eq!(
            split_name("Jan van der Berg"),
            Some(("Jan".into(), "van der Berg".into()))
        );
        assert_eq!(
            split_name("María de la Cruz"),
            Some(("María".into(), "de la Cruz".into()))
        );
        assert_eq!(
            split_name("Anne-Marie Dubois"),
            Some(("Anne-Marie".into(), "Dubois".into()))
        );
        assert_eq!(split_name("Gabriel García Márquez"), None);
        assert_eq!(split_name("Nguyễn Thị Minh Khai"), None);
        assert_eq!(split_name("Madonna"), None);
    }
}
