//! Name badges: one frame per speaker (two with duplex), the name fitted by
//! a stated rule.

use super::flow::LineMetrics;
use super::frame::{Document, Frame, Info, Item, Shape};
use super::photo::{place_photo, placeholder};
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Point, Pt, Rect};
use crate::model::Lang;
use crate::model::{Align, BadgeLayout, PhotoShape, PhotoSource, Project, Speaker, TextStyle};
use crate::text::{Style, Typesetter};
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
    /// The lines, top to bottom, with the size each is set at.
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
    lang: &Lang,
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
#[derive(Clone, Debug, PartialEq)]
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
            Arc::new(page)
        };
        Document {
            pages: std::iter::once(&self.front)
                .chain(&self.back)
                .map(page)
                .collect(),
            info: self.info.clone(),
            ..Default::default()
        }
    }
}

/// Lays out one badge per speaker.
pub fn badges(project: &Project, ts: &mut Typesetter<'_>, diags: &mut Diagnostics) -> Vec<Badge> {
    badges_on(project, ts, diags, super::parallel::threads())
}

/// [`badges`] on `threads` threads: the same badges and warnings on any
/// number.
pub fn badges_on(
    project: &Project,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
    threads: usize,
) -> Vec<Badge> {
    let l = &project.badge;
    let (st, geo) = (Styles::new(ts, l), Geometry::of(l));
    // On every core, each badge's warnings kept with it and said in the
    // speakers' order: the same badges and warnings on any number of cores.
    let mut badges = Vec::with_capacity(project.speakers.len());
    let one = |s: &crate::model::Speaker, ts: &mut Typesetter<'_>| {
        let mut said = Diagnostics::new();
        let front = Arc::new(badge(project, s, &st, &geo, ts, &mut said));
        let badge = Badge {
            back: project.badge.duplex.then(|| front.clone()),
            front,
            info: Info {
                title: format!("{}: badge of {}", project.event.name, s.name),
                author: project.event.name.clone(),
                subject: "Name badge".into(),
                keywords: vec!["badge".into()],
                language: project.event.language.tag.clone(),
            },
        };
        (badge, said)
    };
    super::parallel::for_each_in_order(&project.speakers, threads, ts, one, |(badge, said)| {
        badges.push(badge);
        diags.extend(said);
    });
    badges
}

/// The badge layout's styles, resolved with their fallback fonts.
struct Styles {
    event: Style,
    name: Style,
    affiliation: Style,
    role: Style,
}

impl Styles {
    fn new(ts: &Typesetter<'_>, l: &BadgeLayout) -> Styles {
        let style_of = |st: &TextStyle| {
            let mut style = ts.style(st);
            style.fallback = ts.fallback(&l.fallback, st);
            style
        };
        let mut event = style_of(&l.styles.event);
        event.colour = l.band_text;
        let mut affiliation = style_of(&l.styles.affiliation);
        if l.photo_left {
            affiliation.align = Align::Left;
        }
        let mut role = style_of(&l.styles.role);
        if l.photo_left || l.qr.is_some() {
            role.align = Align::Left;
        }
        Styles {
            event,
            name: style_of(&l.styles.name),
            affiliation,
            role,
        }
    }
}

/// Where the photo and the text column go.
struct Geometry {
    photo: Rect,
    /// Left edge of the text column.
    text_x: Pt,
    /// Top of the text column.
    text_top: Pt,
    /// Width of the text column.
    room: Pt,
}

/// The frame a speaker's photo fills on the badge.
pub(super) fn photo_frame(l: &BadgeLayout) -> Rect {
    Geometry::of(l).photo
}

/// Space between the photo and the text beside it, and before the QR code.
const GAP_MM: f64 = 4.0;

impl Geometry {
    fn of(l: &BadgeLayout) -> Geometry {
        let gap = Pt::mm(GAP_MM);
        let (photo, text_x, text_top) = if l.photo_left {
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
        Geometry {
            photo,
            text_x,
            text_top,
            room: l.badge.w - l.padding - text_x,
        }
    }
}

/// What every step of one badge reads.
struct Ctx<'a> {
    l: &'a BadgeLayout,
    speaker: &'a Speaker,
    geo: &'a Geometry,
    st: &'a Styles,
    lang: &'a Lang,
}

/// One speaker's badge: the band, the photo, the name and affiliation, the
/// QR code and the role, each a step below.
fn badge(
    project: &Project,
    speaker: &Speaker,
    st: &Styles,
    geo: &Geometry,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) -> Frame {
    let l: &BadgeLayout = &project.badge;
    let c = Ctx {
        l,
        speaker,
        geo,
        st,
        lang: speaker.lang.as_ref().unwrap_or(&project.event.language),
    };
    let mut page = Frame::new(l.badge);
    band(&mut page, &c, project, ts);
    photo(&mut page, &c, ts, diags);
    let (block, height) = name_block(&c, ts, diags);
    // On portrait badges the block is centred between photo and foot.
    let top = if l.photo_left {
        c.geo.text_top
    } else {
        let role_height = LineMetrics::of(ts, &c.st.role).leading;
        let free = l.badge.h - l.padding - role_height - c.geo.text_top;
        c.geo.text_top + ((free - height) / 2.0).max(Pt::ZERO)
    };
    page.place(Arc::new(block), Point::new(Pt::ZERO, top));
    let foot_room = qr(&mut page, &c, diags);
    role(&mut page, &c, foot_room, ts);
    page
}

/// The band with the event's name across the top, coloured by role.
fn band(page: &mut Frame, c: &Ctx<'_>, project: &Project, ts: &mut Typesetter<'_>) {
    let l = c.l;
    page.items.push(Item::Rect {
        rect: Rect::new(Pt::ZERO, Pt::ZERO, l.badge.w, l.band_height),
        fill: Some(l.band_colour_for(c.speaker.role)),
        stroke: None,
    });
    let event = &project.event;
    let name = event.short_name.as_deref().unwrap_or(&event.name);
    let set = ts.plain(name, &c.st.event, l.badge.w - l.padding * 2.0, c.lang);
    let m = LineMetrics::of(ts, &c.st.event);
    let mut y = (l.band_height - m.leading * set.lines.len() as f64) / 2.0;
    for line in set.lines.iter().take(2) {
        page.push_line(Point::new(l.padding, y + m.baseline), line);
        y += m.leading;
    }
}

/// The photo, or a placeholder with the speaker's initials.
fn photo(page: &mut Frame, c: &Ctx<'_>, ts: &mut Typesetter<'_>, diags: &mut Diagnostics) {
    let shape = match c.l.photo_shape {
        PhotoShape::Circle => Shape::Circle,
        PhotoShape::Rounded => Shape::Rounded(c.l.photo * 0.12),
        PhotoShape::Rect => Shape::Rect,
    };
    let speaker = c.speaker;
    match &speaker.photo {
        PhotoSource::Photo(p) => {
            if let Some(w) = place_photo(page, p, c.geo.photo, shape, speaker.photo_focus) {
                diags.push(w.speaker(&speaker.id).field("photo"));
            }
        }
        PhotoSource::Placeholder => {
            let initials = speaker.initials();
            placeholder(
                page,
                ts,
                &c.st.name,
                (c.geo.photo, shape),
                &initials,
                c.lang,
            )
        }
    }
}

/// Name and affiliation as a block of their own (origin at its top), with
/// its height; warns about what did not fit or has no glyph.
fn name_block(c: &Ctx<'_>, ts: &mut Typesetter<'_>, diags: &mut Diagnostics) -> (Frame, Pt) {
    let speaker = c.speaker;
    let mut block = Frame::new(c.l.badge);
    let name = name_lines(&mut block, c, ts);
    let affiliation = speaker
        .affiliation
        .as_deref()
        .map(|aff| (aff, ts.plain(aff, &c.st.affiliation, c.geo.room, c.lang)));
    let name_field = if speaker.badge_name.is_some() {
        "badge_name"
    } else {
        "name"
    };
    let aff_missing = affiliation.as_ref().map_or(&[][..], |(_, s)| &s.missing);
    for (field, missing) in [
        (name_field, &name.missing[..]),
        ("affiliation", aff_missing),
    ] {
        if let Some(d) = super::missing_glyphs(missing, &speaker.id, field, "the badge") {
            diags.push(d);
        }
    }
    if name.overflows {
        diags.push(
            Diagnostic::warning(format!(
                "the name is too long for the badge even at {:.0} pt; it runs past the edges",
                c.l.name_min_size.0
            ))
            .speaker(&speaker.id)
            .field(name_field)
            .hint("give a shorter `badge_name`, or lower `name_min_size` in the badge layout"),
        );
    }
    let mut y = name.height;
    if let Some((aff, _)) = affiliation {
        let style = &c.st.affiliation;
        let m = LineMetrics::of(ts, style);
        let (lines, cut) = super::fit::fit_lines(ts, aff, style, c.geo.room, 2, c.lang);
        if cut {
            diags.push(
                Diagnostic::warning("the affiliation is longer than two lines on the badge; it is cut short with “…”")
                    .speaker(&speaker.id)
                    .field("affiliation")
                    .hint("give a shorter affiliation"),
            );
        }
        y += Pt::mm(1.5);
        for line in &lines {
            block.push_line(Point::new(c.geo.text_x, y + m.baseline), line);
            y += m.leading;
        }
    }
    (block, y)
}

/// The name as set on a badge.
struct NameLines {
    /// Characters no font has.
    missing: Vec<char>,
    height: Pt,
    overflows: bool,
}

/// The name, fitted by [`fit_name`], each line centred in the text column
/// (left-aligned beside a photo).
fn name_lines(block: &mut Frame, c: &Ctx<'_>, ts: &mut Typesetter<'_>) -> NameLines {
    let printed = c.speaker.badge_name.as_deref().unwrap_or(&c.speaker.name);
    let fit = fit_name(
        ts,
        printed,
        &c.st.name,
        c.l.name_min_size,
        c.geo.room,
        c.lang,
    );
    let mut y = Pt::ZERO;
    let mut missing: Vec<char> = Vec::new();
    for (text, size) in &fit.lines {
        let mut style = c.st.name.at_size(*size);
        style.align = Align::Left;
        let m = LineMetrics::of(ts, &style);
        let set = ts.plain(text, &style, Pt(1e6), c.lang);
        for ch in &set.missing {
            if !missing.contains(ch) {
                missing.push(*ch);
            }
        }
        if let Some(line) = set.lines.first() {
            let x = if c.l.photo_left {
                c.geo.text_x
            } else {
                c.geo.text_x + (c.geo.room - line.width) / 2.0
            };
            block.push_line(Point::new(x, y + m.baseline), line);
        }
        y += m.leading;
    }
    NameLines {
        missing,
        height: y,
        overflows: fit.overflows,
    }
}

/// The QR code in the bottom corner, when the layout asks for one; returns
/// the room left beside it for the role.
fn qr(page: &mut Frame, c: &Ctx<'_>, diags: &mut Diagnostics) -> Pt {
    let (l, speaker, room) = (c.l, c.speaker, c.geo.room);
    let Some(spec) = &l.qr else {
        return room;
    };
    let url = match (
        spec.url.contains("{affiliation_url}"),
        &speaker.affiliation_url,
    ) {
        (true, Some(u)) => spec.url.replace("{affiliation_url}", u),
        (true, None) => return room,
        (false, _) => spec.url.replace("{id}", &speaker.id),
    };
    let at = Point::new(
        l.badge.w - l.padding - spec.size,
        l.badge.h - l.padding - spec.size,
    );
    if qr_code(page, &url, at, spec.size) {
        return room - spec.size - Pt::mm(GAP_MM);
    }
    diags.push(
        Diagnostic::warning(format!("no QR code: `{url}` is too long to encode"))
            .speaker(&speaker.id)
            .hint("shorten the `qr.url` template in the badge layout"),
    );
    room
}

/// The role label at the foot, in capitals.
fn role(page: &mut Frame, c: &Ctx<'_>, room: Pt, ts: &mut Typesetter<'_>) {
    let m = LineMetrics::of(ts, &c.st.role);
    let label = c.speaker.role.label(c.lang).to_uppercase();
    let set = ts.plain(&label, &c.st.role, room, c.lang);
    if let Some(line) = set.lines.first() {
        let baseline = c.l.badge.h - c.l.padding - m.leading + m.baseline;
        page.push_line(Point::new(c.geo.text_x, baseline), line);
    }
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
