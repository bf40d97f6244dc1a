//! The program booklet: cover, schedule, contents, then one section per
//! speaker; page numbers, running heads, outline and page labels.

mod front;
mod section;

use super::flow::{Flow, LineMetrics, left_margin};
use super::frame::{Document, Frame, Info, Item, OutlineEntry, PageLabel, Shape, Target};
use crate::diag::Diagnostics;
use crate::geom::{Point, Pt, Rect};
use crate::model::{BookletLayout, Project};
use crate::text::{SetText, Style, Typesetter};

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
            let mut style = ts.style(&l.fonts, st);
            if !l.microtype.expansion {
                style.expansion = 0.0;
            }
            style.protrusion &= l.microtype.protrusion;
            style.fallback = ts.fallback(&l.fonts, &l.fallback, st);
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

/// Lays out the whole booklet.
pub fn booklet(project: &Project, ts: &mut Typesetter<'_>, diags: &mut Diagnostics) -> Document {
    let layout = &project.booklet;
    let styles = Styles::new(ts, layout);
    let lang = project.event.language.as_str();

    // Speaker sections first: the schedule and contents need their pages.
    let mut sections = Flow::new(layout.page, layout.margins, 0);
    let mut starts = Vec::new();
    for (k, speaker) in project.speakers.iter().enumerate() {
        starts.push(section::speaker_section(
            &mut sections,
            speaker,
            project,
            &styles,
            ts,
            diags,
            k == 0,
        ));
    }

    let cover = front::cover(project, &styles, ts);
    let schedule = front::schedule(project, &styles, ts, &starts, 1);
    let contents = front::contents(project, &styles, ts, &starts, 1 + schedule.len());
    let (schedule_pages, contents_pages) = (schedule.len(), contents.len());
    let mut pages = vec![cover];
    pages.extend(schedule);
    pages.extend(contents);
    // Front matter takes an even number of pages, so that page 1 is a
    // right-hand page and facing margins line up.
    let numbered_front = pages.len();
    if pages.len() % 2 == 1 {
        pages.push(Frame::new(layout.page));
    }
    let front = pages.len();
    // Front-matter links point at section pages; move them past it.
    for page in &mut pages {
        for item in &mut page.items {
            if let Item::Link {
                target: Target::Page(p),
                ..
            } = item
            {
                *p += front;
            }
        }
    }
    let stats = sections.stats.clone();
    if project.speakers.is_empty() {
        pages.truncate(1);
    } else {
        pages.extend(sections.pages);
    }
    // Blank pages at the end make a count the binding needs (a multiple of
    // 4 for saddle stitching), so the print shop need not ask.
    let multiple = layout.page_multiple.max(1) as usize;
    let content_pages = pages.len();
    while pages.len() % multiple != 0 {
        pages.push(Frame::new(layout.page));
    }

    // Page numbers: roman in the front matter (none on the cover or the
    // blank page), arabic from the first speaker, on the outer edge.
    for (i, page) in pages.iter_mut().enumerate().take(content_pages).skip(1) {
        if i < front {
            if i < numbered_front {
                footer(page, i, &roman(i + 1), layout, &styles, ts, lang);
            }
        } else {
            footer(
                page,
                i,
                &(i - front + 1).to_string(),
                layout,
                &styles,
                ts,
                lang,
            );
        }
    }
    // Running heads on continuation pages: the event on left-hand pages,
    // the speaker on right-hand ones.
    let event = project
        .event
        .short_name
        .as_deref()
        .unwrap_or(&project.event.name);
    for (k, speaker) in project.speakers.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(content_pages - front);
        for rel in starts[k] + 1..end {
            let i = front + rel;
            let text = if i % 2 == 1 {
                event
            } else {
                speaker.name.as_str()
            };
            running_head(&mut pages[i], i, text, layout, &styles, ts, lang);
        }
    }

    let mut outline = vec![OutlineEntry {
        title: "Cover".into(),
        page: 0,
    }];
    if schedule_pages > 0 {
        outline.push(OutlineEntry {
            title: layout.labels.schedule.clone(),
            page: 1,
        });
    }
    if contents_pages > 0 {
        outline.push(OutlineEntry {
            title: layout.labels.contents.clone(),
            page: 1 + schedule_pages,
        });
    }
    for (speaker, start) in project.speakers.iter().zip(&starts) {
        outline.push(OutlineEntry {
            title: speaker.name.clone(),
            page: front + start,
        });
    }
    let mut page_labels = vec![PageLabel {
        page: 0,
        roman: true,
        first: 1,
    }];
    if pages.len() > front {
        page_labels.push(PageLabel {
            page: front,
            roman: false,
            first: 1,
        });
    }
    Document {
        pages,
        outline,
        info: info(project),
        stats,
        page_labels,
        bleed: layout.bleed,
    }
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
        language: event.language.clone(),
    }
}

/// Places set lines from `top` down; returns the bottom.
fn place_block(page: &mut Frame, set: &SetText, m: LineMetrics, x: Pt, top: Pt) -> Pt {
    let mut y = top;
    for line in &set.lines {
        page.push_line(Point::new(x, y + m.baseline), line);
        y += m.leading;
    }
    y
}

/// The page number at the foot of the page.
fn footer(
    page: &mut Frame,
    index: usize,
    label: &str,
    layout: &BookletLayout,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    lang: &str,
) {
    let baseline = layout.page.h - layout.margins.bottom * 0.45;
    if let Some(line) = outer_line(index, label, baseline, layout, st, ts, lang) {
        page.push_line(line.0, &line.1);
    }
}

/// The running head: small text above the text block. It goes first in the
/// page's content, so text extracted in stream order reads head, body, folio.
fn running_head(
    page: &mut Frame,
    index: usize,
    text: &str,
    layout: &BookletLayout,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    lang: &str,
) {
    let baseline = layout.margins.top * 0.55;
    if let Some((origin, line)) = outer_line(index, text, baseline, layout, st, ts, lang) {
        let mut head = Frame::new(page.size);
        head.push_line(origin, &line);
        page.items.splice(0..0, head.items);
    }
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
    lang: &str,
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
