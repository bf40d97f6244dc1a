//! The program booklet: cover, schedule, contents, then one section per
//! speaker; page numbers, running heads, outline and page labels.

mod front;
mod lists;
mod programme;
mod section;
mod timetable;

use super::flow::{Flow, LineMetrics, left_margin};
use super::frame::{Document, Frame, Info, OutlineEntry, PageLabel, Shape};
use crate::diag::Diagnostics;
use crate::geom::{Point, Pt, Rect, Size};
use crate::model::Lang;
use crate::model::{BookletLayout, Project};
use crate::text::{SetText, Style, Typesetter};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Resolved styles of the booklet layout.
struct Styles {
    body: Style,
    heading: Style,
    name: Style,
    affiliation: Style,
    title: Style,
    cover_title: Style,
    cover_detail: Style,
    contents_title: Style,
    contents_entry: Style,
    footer: Style,
}

impl Styles {
    fn new(ts: &Typesetter<'_>, l: &BookletLayout) -> Styles {
        let s = |st: &crate::model::TextStyle| {
            let mut style = ts.style(st);
            if !l.microtype.expansion {
                style.expansion = 0.0;
            }
            style.protrusion &= l.microtype.protrusion;
            style.fallback = ts.fallback(&l.fallback, st);
            style.no_break_after = l.no_break_after.clone();
            style
        };
        Styles {
            body: s(&l.styles.body),
            heading: s(&l.styles.heading),
            name: s(&l.styles.speaker_name),
            affiliation: s(&l.styles.affiliation),
            title: s(&l.styles.talk_title),
            cover_title: s(&l.styles.cover_title),
            cover_detail: s(&l.styles.cover_detail),
            contents_title: s(&l.styles.contents_title),
            contents_entry: s(&l.styles.contents_entry),
            footer: s(&l.styles.footer),
        }
    }
}

/// Lays out the whole booklet: the speakers' sections first (the front
/// matter lists their pages), then the front matter, then the pages put
/// together with their folios and running heads.
pub fn booklet(project: &Project, ts: &mut Typesetter<'_>, diags: &mut Diagnostics) -> Document {
    booklet_on(project, ts, diags, super::parallel::threads())
}

/// [`booklet`] with the speakers' sections set on `threads` threads: the
/// same document whatever the number (a test checks it).
pub fn booklet_on(
    project: &Project,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
    threads: usize,
) -> Document {
    let layout = &project.booklet;
    let styles = Styles::new(ts, layout);
    if let Some(programme) = &project.programme {
        return programme_booklet(project, programme, &styles, ts, diags, threads);
    }
    let mut sections = sections(project, &styles, ts, diags, threads);
    let front = front_matter(project, &styles, ts, &sections.starts, threads);
    let outline = outline(project, &front, &sections.starts);
    let anchors: Vec<usize> = sections.starts.iter().map(|s| front.len + s).collect();
    let stats = std::mem::take(&mut sections.stats).finished();
    let heads = running_heads(project, front.len, &sections);
    // Each speaker's pages: their section's.
    let body_pages = sections.pages.len();
    let people = (0..sections.starts.len())
        .map(|k| {
            let end = sections.starts.get(k + 1).copied().unwrap_or(body_pages);
            (sections.starts[k]..end.max(sections.starts[k] + 1))
                .map(|p| front.len + p)
                .collect()
        })
        .collect();
    let (pages, blank_end) = assemble(project, &styles, ts, front, sections.pages, &heads, threads);
    Document {
        page_labels: page_labels(anchors_first(&anchors, &pages)),
        pages,
        outline,
        info: info(project),
        stats,
        anchors,
        people,
        blank_end,
    }
}

/// The first page of the speakers' sections, if the booklet has any.
fn anchors_first(anchors: &[usize], pages: &[Arc<Frame>]) -> Option<usize> {
    anchors.first().copied().filter(|&p| p < pages.len())
}

/// The speakers' sections, flowed from page 0 of their own.
struct Sections {
    pages: Vec<Frame>,
    /// The page each speaker's section starts on.
    starts: Vec<usize>,
    stats: super::Stats,
}

fn sections(
    project: &Project,
    styles: &Styles,
    ts: &Typesetter<'_>,
    diags: &mut Diagnostics,
    threads: usize,
) -> Sections {
    let layout = &project.booklet;
    let mut flow = Flow::new(layout.page, layout.margins, 0);
    let measure = flow.measure();
    let mut starts = Vec::with_capacity(project.speakers.len());
    super::parallel::for_each_in_order(
        &project.speakers,
        threads,
        ts,
        |speaker, ts| section::prepare(speaker, project, styles, ts, measure),
        |mut section| {
            diags.extend(std::mem::take(&mut section.diags));
            let first = starts.is_empty();
            starts.push(section::place(
                &mut flow, section, project, styles, ts, first,
            ));
        },
    );
    let pages = if project.speakers.is_empty() {
        Vec::new()
    } else {
        flow.pages
    };
    Sections {
        pages,
        starts,
        stats: flow.stats,
    }
}

/// Cover, schedule and contents, padded to an even number of pages so that
/// the first section page is a right-hand page and facing margins line up.
struct FrontMatter {
    pages: Vec<Frame>,
    schedule: usize,
    contents: usize,
    /// Pages with a folio: all but the padding page.
    numbered: usize,
    /// Pages including the padding.
    len: usize,
}

fn front_matter(
    project: &Project,
    styles: &Styles,
    ts: &mut Typesetter<'_>,
    starts: &[usize],
    threads: usize,
) -> FrontMatter {
    let (in_schedule, in_contents) = front::entries(project, styles, ts, threads);
    let cover = front::cover(project, styles, ts);
    let schedule = front::schedule(project, styles, ts, 1, in_schedule);
    let contents = front::contents(project, styles, ts, starts, 1 + schedule.len(), in_contents);
    let (schedule_len, contents_len) = (schedule.len(), contents.len());
    let mut pages = vec![cover];
    pages.extend(schedule);
    pages.extend(contents);
    let numbered = pages.len();
    if !project.speakers.is_empty() && pages.len() % 2 == 1 {
        pages.push(Frame::new(project.booklet.page));
    }
    FrontMatter {
        len: pages.len(),
        pages,
        schedule: schedule_len,
        contents: contents_len,
        numbered,
    }
}

/// The finished pages: each page's body with its running head (first, so
/// text extracts in reading order) and its folio; then blank pages up to
/// the count the binding needs (a multiple of 4 for saddle stitching), so
/// the print shop need not ask.
fn assemble(
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    front: FrontMatter,
    body: Vec<Frame>,
    heads: &BTreeMap<usize, &str>,
    threads: usize,
) -> (Vec<Arc<Frame>>, usize) {
    let layout = &project.booklet;
    let lang = &project.event.language;
    // Each body in a slot its page empties; the pages made on every core
    // (each sets its running head and folio: 12 000 pages took 50 ms on
    // one core with the others idle), in order.
    let (front_len, numbered) = (front.len, front.numbered);
    let bodies: Vec<std::sync::Mutex<Option<Frame>>> = (front.pages.into_iter().chain(body))
        .map(|body| std::sync::Mutex::new(Some(body)))
        .collect();
    let indices: Vec<usize> = (0..bodies.len()).collect();
    let mut pages: Vec<Arc<Frame>> = Vec::with_capacity(bodies.len());
    let page = |&i: &usize, ts: &mut Typesetter<'_>| {
        let slot = bodies[i].lock().unwrap_or_else(|e| e.into_inner()).take();
        // Every slot holds its body, taken once.
        let body = slot.unwrap_or_else(|| Frame::new(layout.page));
        let mut page = Frame::new(body.size);
        page.bleed = layout.bleed;
        marked(&mut page, layout);
        if let Some(text) = heads.get(&i) {
            let baseline = layout.margins.top * 0.55;
            if let Some((origin, line)) = outer_line(i, text, baseline, layout, st, ts, lang) {
                page.take_line(origin, line);
            }
        }
        page.place(Arc::new(body), Point::default());
        let folio = if i == 0 {
            None
        } else if i < front_len {
            (i < numbered).then(|| roman(i + 1))
        } else {
            Some((i - front_len + 1).to_string())
        };
        if let Some(label) = folio {
            let baseline = layout.page.h - layout.margins.bottom * 0.45;
            if let Some((origin, line)) = outer_line(i, &label, baseline, layout, st, ts, lang) {
                page.take_line(origin, line);
            }
        }
        page
    };
    super::parallel::for_each_in_order(&indices, threads, ts, page, |page| {
        pages.push(Arc::new(page))
    });
    let filled = pages.len();
    let multiple = layout.page_multiple.max(1) as usize;
    while !pages.len().is_multiple_of(multiple) {
        let mut blank = Frame::new(layout.page);
        blank.bleed = layout.bleed;
        marked(&mut blank, layout);
        pages.push(Arc::new(blank));
    }
    let blank = pages.len() - filled;
    (pages, blank)
}

/// Crop marks around a page when the layout asks for them, in paper added
/// beyond the bleed.
fn marked(page: &mut Frame, layout: &BookletLayout) {
    if !layout.crop_marks {
        return;
    }
    page.slug = Pt::mm(crate::layout::marks::SLUG_MM);
    // The marks' frame: the page with its bleed and slug around it.
    let m = page.bleed + page.slug;
    let mut around = Frame::new(Size::new(page.size.w + m * 2.0, page.size.h + m * 2.0));
    let trim = Rect::new(m, m, page.size.w, page.size.h);
    crate::layout::marks::crop_marks(&mut around, trim, page.bleed, false);
    page.place(Arc::new(around), Point::new(-m, -m));
}

/// Running heads on the continuation pages of each section: the event on
/// left-hand pages, the speaker on right-hand ones. By page index.
fn running_heads<'a>(
    project: &'a Project,
    front: usize,
    sections: &Sections,
) -> BTreeMap<usize, &'a str> {
    let event = project
        .event
        .short_name
        .as_deref()
        .unwrap_or(&project.event.name);
    let mut heads = BTreeMap::new();
    for (k, speaker) in project.speakers.iter().enumerate() {
        let end = (sections.starts.get(k + 1).copied()).unwrap_or(sections.pages.len());
        for rel in sections.starts[k] + 1..end {
            let i = front + rel;
            let text = if i % 2 == 1 { event } else { &speaker.name };
            heads.insert(i, text);
        }
    }
    heads
}

/// A booklet set by its programme: the days, sessions and talks, then the
/// index of speakers; in front, the cover, a timetable per day and the
/// contents.
fn programme_booklet(
    project: &Project,
    programme: &crate::model::Programme,
    styles: &Styles,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
    threads: usize,
) -> Document {
    let mut body = programme::body(project, programme, styles, ts, diags);
    let index = lists::index(project, styles, ts, &body, body.pages.len());
    let cover = front::cover(project, styles, ts);
    let glance = timetable::timetable(project, programme, styles, &body.talk_anchors, ts, 1, diags);
    let offset = 1 + glance.len();
    let contents = lists::contents(project, styles, ts, &body.contents, &body.anchors, offset);
    let front = pad_front(project, cover, glance, contents);
    let anchors: Vec<usize> = body.anchors.iter().map(|p| front.len + p).collect();
    let index_page = front.len + body.pages.len();
    let outline = programme_outline(project, &front, &body, &anchors, index_page);
    let days: Vec<(usize, String)> = (body.contents.iter())
        .filter(|l| l.level == 0)
        .map(|l| (body.anchors[l.anchor], l.title.clone()))
        .collect();
    let heads = day_heads(project, front.len, body.pages.len(), &days);
    let stats = std::mem::take(&mut body.stats).finished();
    let people = (body.appearances.iter())
        .map(|pages| pages.iter().map(|p| front.len + p).collect())
        .collect();
    let mut all = body.pages;
    all.extend(index);
    let (pages, blank_end) = assemble(project, styles, ts, front, all, &heads, threads);
    let arabic = Some(anchors.first().copied().unwrap_or(index_page));
    Document {
        pages,
        outline,
        info: info(project),
        stats,
        page_labels: page_labels(arabic),
        anchors,
        people,
        blank_end,
    }
}

/// Roman numbers from the cover, arabic from `arabic` on.
fn page_labels(arabic: Option<usize>) -> Vec<PageLabel> {
    let mut labels = vec![PageLabel {
        page: 0,
        roman: true,
        first: 1,
    }];
    if let Some(page) = arabic {
        labels.push(PageLabel {
            page,
            roman: false,
            first: 1,
        });
    }
    labels
}

/// Cover, timetables and contents, padded to an even number of pages.
fn pad_front(
    project: &Project,
    cover: Frame,
    glance: Vec<Frame>,
    contents: Vec<Frame>,
) -> FrontMatter {
    let (glance_len, contents_len) = (glance.len(), contents.len());
    let mut pages = vec![cover];
    pages.extend(glance);
    pages.extend(contents);
    let numbered = pages.len();
    if pages.len() % 2 == 1 {
        pages.push(Frame::new(project.booklet.page));
    }
    FrontMatter {
        len: pages.len(),
        pages,
        schedule: glance_len,
        contents: contents_len,
        numbered,
    }
}

/// Bookmarks of a programme booklet: cover, at a glance, contents, then
/// days with their sessions and talks nested, then the index.
fn programme_outline(
    project: &Project,
    front: &FrontMatter,
    body: &programme::Body,
    anchors: &[usize],
    index_page: usize,
) -> Vec<OutlineEntry> {
    let words = project.event.language.words();
    let top = |title: &str, page| OutlineEntry {
        title: title.into(),
        page,
        level: 0,
    };
    let mut outline = vec![top(words.cover, 0)];
    if front.schedule > 0 {
        outline.push(top(words.at_a_glance, 1));
    }
    outline.push(top(project.booklet.labels.contents(), 1 + front.schedule));
    outline.extend(body.contents.iter().map(|line| OutlineEntry {
        title: line.title.clone(),
        page: anchors[line.anchor],
        level: line.level,
    }));
    outline.push(top(words.index, index_page));
    outline
}

/// Running heads of a programme's pages: the event on left-hand pages, the
/// day on right-hand ones, on every page but a day's first. `days`: each
/// day's first body page and title.
fn day_heads<'a>(
    project: &'a Project,
    front: usize,
    body_pages: usize,
    days: &'a [(usize, String)],
) -> BTreeMap<usize, &'a str> {
    let event = (project.event.short_name.as_deref()).unwrap_or(&project.event.name);
    let mut heads = BTreeMap::new();
    for rel in 0..body_pages {
        let Some((first, title)) = days.iter().rev().find(|(p, _)| *p <= rel) else {
            continue;
        };
        if *first != rel {
            let i = front + rel;
            heads.insert(i, if i % 2 == 1 { event } else { title.as_str() });
        }
    }
    heads
}

/// Bookmarks: cover, schedule, contents, then every speaker.
fn outline(project: &Project, front: &FrontMatter, starts: &[usize]) -> Vec<OutlineEntry> {
    let labels = &project.booklet.labels;
    let mut outline = vec![OutlineEntry {
        title: project.event.language.words().cover.into(),
        page: 0,
        level: 0,
    }];
    if front.schedule > 0 {
        outline.push(OutlineEntry {
            title: labels.schedule().into(),
            page: 1,
            level: 0,
        });
    }
    if front.contents > 0 {
        outline.push(OutlineEntry {
            title: labels.contents().into(),
            page: 1 + front.schedule,
            level: 0,
        });
    }
    for (speaker, start) in project.speakers.iter().zip(starts) {
        outline.push(OutlineEntry {
            title: speaker.name.clone(),
            page: front.len + start,
            level: 0,
        });
    }
    outline
}

fn info(project: &Project) -> Info {
    let event = &project.event;
    let mut keywords = vec!["programme".to_string(), "booklet".to_string()];
    if let Some(s) = &event.short_name {
        keywords.push(s.clone());
    }
    Info {
        title: match &event.short_name {
            Some(s) => format!("{} ({s}): programme", event.name),
            None => format!("{}: programme", event.name),
        },
        author: if event.organisers.is_empty() {
            event.name.clone()
        } else {
            event.organisers.join(", ")
        },
        subject: format!("Speakers and talks of {}", event.name),
        keywords,
        language: event.language.tag.clone(),
    }
}

/// Places set lines from `top` down; returns the bottom.
fn place_block(page: &mut Frame, set: &SetText, m: LineMetrics, x: Pt, top: Pt) -> Pt {
    take_block(page, set.clone(), m, x, top)
}

/// [`place_block`], the lines moved in, not copied (a contents entry is
/// placed once).
fn take_block(page: &mut Frame, set: SetText, m: LineMetrics, x: Pt, top: Pt) -> Pt {
    let mut y = top;
    for line in set.lines {
        page.take_line(Point::new(x, y + m.baseline), line);
        y += m.leading;
    }
    y
}

/// `text` in the footer style on the outer edge of page `index` (right on
/// right-hand pages, left on left-hand ones): where its line goes.
fn outer_line(
    index: usize,
    text: &str,
    baseline: Pt,
    layout: &BookletLayout,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    lang: &Lang,
) -> Option<(Point, crate::text::TextLine)> {
    let set = ts.plain(text, &st.footer, layout.page.w, lang);
    let line = set.lines.into_iter().next()?;
    let left = left_margin(index, layout.margins);
    let measure = layout.page.w - layout.margins.inner - layout.margins.outer;
    let x = if index.is_multiple_of(2) {
        left + measure - line.width
    } else {
        left
    };
    Some((Point::new(x, baseline), line))
}

fn shape_of(shape: crate::model::PhotoShape, frame: Rect) -> Shape {
    match shape {
        crate::model::PhotoShape::Rect => Shape::Rect,
        crate::model::PhotoShape::Rounded => Shape::Rounded(frame.w.min(frame.h) * 0.08),
        crate::model::PhotoShape::Circle => Shape::Circle,
    }
}

/// Lower-case roman numerals for front-matter page numbers.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The frame a speaker's photo fills in their section's head (its place
/// across the measure aside).
pub(super) fn photo_frame(layout: &BookletLayout) -> Rect {
    section::photo_box(layout, layout.photo.w)
}

#[cfg(test)]
mod tests {
    use super::roman;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "i");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(1999), "mcmxcix");
    }
}
