//! Front matter: the cover, the schedule and the contents.

use super::{Styles, place_block, take_block};
use crate::geom::{Point, Pt, Rect};
use crate::layout::flow::{Flow, LineMetrics};
use crate::layout::frame::{Frame, Item, Shape, Stroke, Target};
use crate::layout::photo::place_photo;
use crate::model::Lang;
use crate::model::{Align, Colour, Project, Speaker};
use crate::text::{PlacedGlyph, Run, Style, TextLine, Typesetter, markup};

/// The cover: a colour block with the event's names, then its date, place
/// and website, a short rule, the programme's size, and the logo at the foot.
pub fn cover(project: &Project, st: &Styles, ts: &mut Typesetter<'_>) -> Frame {
    let layout = &project.booklet;
    let mut page = Frame::new(layout.page);
    let block = layout.page.h * 0.42;
    title_block(&mut page, project, st, ts, block);
    let left = layout.margins.inner;
    let measure = layout.page.w - layout.margins.inner - layout.margins.outer;
    let lang = &project.event.language;
    let mut detail = st.cover_detail.clone();
    detail.align = Align::Centre;
    let m = LineMetrics::of(ts, &detail);
    let mut y = block + Pt::mm(14.0);
    for set in details(project, &detail, measure, ts) {
        y = place_block(&mut page, &set, m, left, y);
    }
    y += Pt::mm(6.0);
    page.items.push(Item::Line {
        from: Point::new(left + measure * 0.4, y),
        to: Point::new(left + measure * 0.6, y),
        stroke: Stroke {
            colour: layout.accent,
            width: Pt(0.8),
        },
    });
    y += Pt::mm(6.0);
    let count = lang.words().programme(project.speakers.len());
    let set = ts.plain(&count, &detail, measure, lang);
    place_block(&mut page, &set, m, left, y);
    if let Some(logo) = &project.logo {
        let h = Pt::mm(22.0);
        let w = h * (f64::from(logo.width) / f64::from(logo.height));
        let w = w.min(measure);
        let h = w * (f64::from(logo.height) / f64::from(logo.width));
        let frame = Rect::new(
            (layout.page.w - w) / 2.0,
            layout.page.h - layout.margins.bottom - h,
            w,
            h,
        );
        place_photo(&mut page, logo, frame, Shape::Rect, None);
    }
    page
}

/// A colour block `height` tall over the top of the page, bled off the
/// edges, with the short name (large) and the full name centred in it.
fn title_block(
    page: &mut Frame,
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    height: Pt,
) {
    let layout = &project.booklet;
    let event = &project.event;
    let lang = &event.language;
    let measure = layout.page.w - layout.margins.inner - layout.margins.outer;
    let b = layout.bleed;
    page.items.push(Item::Rect {
        rect: Rect::new(-b, -b, layout.page.w + b * 2.0, height + b),
        fill: Some(layout.cover_colour),
        stroke: None,
    });
    let on_colour = |style: &Style, size: Option<Pt>| {
        let mut s = size.map_or_else(|| style.clone(), |z| style.at_size(z));
        s.colour = Colour::WHITE;
        s.align = Align::Centre;
        s
    };
    let title_style = on_colour(&st.cover_title, None);
    let big = on_colour(&st.cover_title, Some(st.cover_title.size * 1.8));
    let mut sets = Vec::new();
    if let Some(short) = &event.short_name {
        let set = ts.plain(short, &big, measure, lang);
        sets.push((set, LineMetrics::of(ts, &big), Pt::mm(4.0)));
    }
    let set = ts.plain(&event.name, &title_style, measure, lang);
    sets.push((set, LineMetrics::of(ts, &title_style), Pt::ZERO));
    let total: Pt = sets
        .iter()
        .map(|(s, m, gap)| m.leading * s.lines.len() as f64 + *gap)
        .sum();
    let mut y = (height - total) / 2.0 + Pt::mm(4.0);
    for (set, m, gap) in &sets {
        y = place_block(page, set, *m, layout.margins.inner, y) + *gap;
    }
}

/// The cover's detail lines, set: date, venue and city, website (linked).
fn details(
    project: &Project,
    style: &Style,
    measure: Pt,
    ts: &mut Typesetter<'_>,
) -> Vec<crate::text::SetText> {
    let event = &project.event;
    let lang = &event.language;
    let mut lines: Vec<String> = Vec::new();
    if let Some(d) = &event.date {
        lines.push(d.long(lang));
    }
    match (&event.venue, &event.city) {
        (Some(v), Some(c)) => lines.push(format!("{v}, {c}")),
        (Some(v), None) => lines.push(v.clone()),
        (None, Some(c)) => lines.push(c.clone()),
        (None, None) => {}
    }
    let mut sets: Vec<_> = lines
        .iter()
        .map(|d| ts.plain(d, style, measure, lang))
        .collect();
    if let Some(site) = &event.website {
        let spans = [markup::Span {
            text: site.clone(),
            link: Some(site.clone()),
            ..Default::default()
        }];
        sets.push(ts.paragraph(&spans, style, measure, lang));
    }
    sets
}

/// Pages for a list (schedule, contents), starting with its title.
pub(super) fn titled_flow(
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    title: &str,
    offset: usize,
) -> Flow {
    let layout = &project.booklet;
    let mut flow = Flow::new(layout.page, layout.margins, offset);
    let heading = ts.plain(
        title,
        &st.contents_title,
        flow.measure(),
        &project.event.language,
    );
    flow.lines(
        heading.lines,
        LineMetrics::of(ts, &st.contents_title),
        Pt::ZERO,
    );
    flow.y += st.contents_entry.leading;
    flow
}

/// A list entry's speaker name (bold) and talk title (italic), set.
fn entry(
    ts: &mut Typesetter<'_>,
    speaker: &Speaker,
    bold: &Style,
    italic: &Style,
    measure: Pt,
    lang: &Lang,
) -> (crate::text::SetText, crate::text::SetText) {
    let name = ts.plain(&speaker.name, bold, measure, lang);
    let title = speaker
        .title
        .as_deref()
        .map(|t| ts.plain(t, italic, measure, lang))
        .unwrap_or_default();
    (name, title)
}

/// Ends a list entry that ran from `top` to `y`: the whole entry links to
/// speaker `k`'s section, and half a line of space follows.
pub(super) fn end_entry(flow: &mut Flow, top: Pt, y: Pt, k: usize, m: LineMetrics) {
    let rect = Rect::new(flow.left(), top, flow.measure(), y - top);
    flow.page().items.push(Item::Link {
        rect,
        target: Target::Anchor(k),
    });
    flow.y = y + m.leading * 0.5;
}

/// Bold and italic versions of a style (for names and titles in lists).
pub(super) fn variant(style: &Style, bold: bool, italic: bool) -> Style {
    let mut s = style.clone();
    let k = usize::from(bold) * 2 + usize::from(italic);
    let pick = |f: [crate::text::FaceId; 4]| [f[k], f[k ^ 1], f[k | 2], f[(k | 2) ^ 1]];
    s.faces = pick(s.faces);
    // The fallback faces take the same weight and slant.
    for f in &mut s.fallback {
        *f = pick(*f);
    }
    s
}

/// The schedule: talks in time order, untimed ones after; each entry links
/// to its speaker's page. Empty when no talk has a time.
pub fn schedule(
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    offset: usize,
    mut entries: Vec<Entry>,
) -> Vec<Frame> {
    if !scheduled(project) {
        return Vec::new();
    }
    let lang = &project.event.language;
    let mut order: Vec<(usize, &Speaker)> = project.speakers.iter().enumerate().collect();
    // Stable: talks at the same time keep the data's order.
    order.sort_by_key(|(_, s)| (s.start.is_none(), s.start));
    let mut flow = titled_flow(project, st, ts, project.booklet.labels.schedule(), offset);
    let m = LineMetrics::of(ts, &st.contents_entry);
    for (k, speaker) in order {
        let time = match (speaker.start, speaker.end) {
            (Some(s), Some(e)) => format!("{}–{}", s.hh_mm(), e.hh_mm()),
            (Some(s), None) => s.hh_mm(),
            _ => String::new(),
        };
        let (name, title) = entries.get_mut(k).map(std::mem::take).unwrap_or_default();
        flow.ensure(m.leading * (name.lines.len() + title.lines.len()) as f64);
        let (top, left) = (flow.y, flow.left());
        if !time.is_empty() {
            let set = ts.plain(&time, &st.contents_entry, TIME_COLUMN, lang);
            place_block(flow.page(), &set, m, left, top);
        }
        let mut y = take_block(flow.page(), name, m, left + TIME_COLUMN, top);
        y = take_block(flow.page(), title, m, left + TIME_COLUMN, y);
        end_entry(&mut flow, top, y, k, m);
    }
    flow.pages
}

/// Whether the booklet has a schedule: some talk has a time.
fn scheduled(project: &Project) -> bool {
    project.speakers.iter().any(|s| s.start.is_some())
}

/// The schedule's column of times, left of the entries.
const TIME_COLUMN: Pt = Pt::mm(24.0);

/// Room the contents keep right of the entries for the page number.
fn number_room(st: &Styles) -> Pt {
    Pt(st.contents_entry.size.0 * 3.0)
}

/// A list entry: a speaker's name and talk title, set.
pub type Entry = (crate::text::SetText, crate::text::SetText);

/// Each speaker's entry in the schedule (none when there is no schedule)
/// and in the contents, in the speakers' order: set on `threads` cores
/// before the page numbers are known, which only the contents' placing
/// needs. Set on one core after the sections, they were a tenth of a
/// 1000-speaker booklet's time with the other core idle.
pub fn entries(
    project: &Project,
    st: &Styles,
    ts: &Typesetter<'_>,
    threads: usize,
) -> (Vec<Entry>, Vec<Entry>) {
    let layout = &project.booklet;
    let measure = Flow::new(layout.page, layout.margins, 0).measure();
    let lang = &project.event.language;
    let bold = variant(&st.contents_entry, true, false);
    let italic = variant(&st.contents_entry, false, true);
    let in_schedule = scheduled(project);
    let (mut schedule, mut contents) = (Vec::new(), Vec::new());
    crate::layout::parallel::for_each_in_order(
        &project.speakers,
        threads,
        ts,
        |speaker, ts| {
            let mut to = |measure| entry(ts, speaker, &bold, &italic, measure, lang);
            let scheduled = in_schedule.then(|| to(measure - TIME_COLUMN));
            (scheduled, to(measure - number_room(st)))
        },
        |(scheduled, listed)| {
            schedule.extend(scheduled);
            contents.push(listed);
        },
    );
    (schedule, contents)
}

/// The contents: each speaker, talk title, dotted leaders and page number;
/// every entry a link.
pub fn contents(
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    starts: &[usize],
    offset: usize,
    entries: Vec<Entry>,
) -> Vec<Frame> {
    if project.speakers.is_empty() {
        return Vec::new();
    }
    let layout = &project.booklet;
    let lang = &project.event.language;
    let mut flow = titled_flow(project, st, ts, layout.labels.contents(), offset);
    let number_room = number_room(st);
    let m = LineMetrics::of(ts, &st.contents_entry);
    let dot = ts.plain(".", &st.contents_entry, Pt(100.0), lang);
    for (k, ((name, title), &start)) in entries.into_iter().zip(starts).enumerate() {
        flow.ensure(m.leading * (name.lines.len() + title.lines.len()) as f64);
        let (top, left) = (flow.y, flow.left());
        // Leaders and the number on the entry's last line.
        let last_width = (title.lines.last().or(name.lines.last())).map(|line| line.width);
        let mut y = take_block(flow.page(), name, m, left, top);
        y = take_block(flow.page(), title, m, left, y);
        let number = ts.plain(
            &(start + 1).to_string(),
            &st.contents_entry,
            number_room,
            lang,
        );
        if let (Some(line), Some(last_width)) = (number.lines.first(), last_width) {
            let baseline = y - m.leading + m.baseline;
            let number_x = left + flow.measure() - line.width;
            flow.page().push_line(Point::new(number_x, baseline), line);
            if let Some(leaders) = leaders(
                &dot,
                left,
                left + last_width,
                number_x,
                st.contents_entry.size,
            ) {
                flow.page().items.push(Item::Text {
                    origin: Point::new(left, baseline),
                    run: leaders,
                });
            }
        }
        end_entry(&mut flow, top, y, k, m);
    }
    flow.pages
}

/// Dots from after `text_end` to before `number_x`, on a grid from the
/// text block's left edge so that leaders of all entries line up.
pub(super) fn leaders(
    dot: &crate::text::SetText,
    left: Pt,
    text_end: Pt,
    number_x: Pt,
    size: Pt,
) -> Option<Run> {
    let line: &TextLine = dot.lines.first()?;
    let run = line.runs.first()?;
    let glyph = run.glyphs.first()?;
    let step = size * 0.55;
    let gap = size * 0.4;
    let first = ((text_end + gap - left).0 / step.0).ceil() as i64;
    let last = ((number_x - gap - run.width - left).0 / step.0).floor() as i64;
    if last < first {
        return None;
    }
    let glyphs = (first..=last)
        .map(|k| PlacedGlyph::new(glyph.id, step * k as f64, 0.0, glyph.text))
        .collect();
    Some(Run {
        glyphs,
        x: Pt::ZERO,
        width: step * (last + 1) as f64,
        ..run.clone()
    })
}
