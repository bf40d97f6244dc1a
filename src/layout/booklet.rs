//! The program booklet: cover, contents, then one section per speaker.

use super::flow::{Flow, LineMetrics, left_margin};
use super::frame::{Document, Frame, Info, Item, OutlineEntry, Shape, Stroke, Target};
use super::photo::{place_photo, placeholder};
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Point, Pt, Rect};
use crate::model::{BookletLayout, PhotoSource, Project, Speaker};
use crate::text::{SetText, Style, Typesetter, markup};

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

    // Speaker sections first: the contents needs their page numbers.
    let mut sections = Flow::new(layout.page, layout.margins, 0);
    let mut starts = Vec::new();
    for (k, speaker) in project.speakers.iter().enumerate() {
        if k > 0 {
            sections.new_page();
        }
        starts.push(sections.page_index());
        speaker_section(&mut sections, speaker, project, &styles, ts, diags);
    }

    let cover = cover(project, &styles, ts);
    let mut contents = contents(project, &styles, ts, &starts, lang);
    // Front matter takes an even number of pages, so that page 1 is a
    // right-hand page and facing margins line up.
    if (1 + contents.len()) % 2 == 1 {
        contents.push(Frame::new(layout.page));
    }
    let front = 1 + contents.len();

    let mut pages = vec![cover];
    pages.extend(contents);
    let contents_pages = front - 1;
    // Contents links point at section pages; shift them past the front matter.
    for page in pages.iter_mut().skip(1) {
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
    let section_count = sections.pages.len();
    let stats = sections.stats.clone();
    pages.extend(sections.pages);

    // Footers: roman numerals in the front matter (none on the cover),
    // arabic from the first speaker, on the outer edge.
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let label = if i < front {
            if i > contents_pages {
                continue;
            }
            roman(i + 1)
        } else {
            (i - front + 1).to_string()
        };
        footer(page, i, &label, layout, &styles, ts, lang);
    }

    let mut outline = vec![OutlineEntry {
        title: layout.labels.contents.clone(),
        page: 1,
    }];
    if project.speakers.is_empty() {
        outline.clear();
    }
    for (speaker, start) in project.speakers.iter().zip(&starts) {
        outline.push(OutlineEntry {
            title: speaker.name.clone(),
            page: front + start,
        });
    }
    debug_assert_eq!(pages.len(), front + section_count);
    Document {
        pages,
        outline,
        info: info(project),
        stats,
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

fn cover(project: &Project, st: &Styles, ts: &mut Typesetter<'_>) -> Frame {
    let layout = &project.booklet;
    let event = &project.event;
    let lang = event.language.as_str();
    let mut page = Frame::new(layout.page);
    let left = layout.margins.inner;
    let measure = layout.page.w - layout.margins.inner - layout.margins.outer;
    let mut y = layout.page.h * 0.3;

    let band = Rect::new(Pt::ZERO, Pt::ZERO, layout.page.w, Pt::mm(12.0));
    page.items.push(Item::Rect {
        rect: band,
        fill: Some(layout.accent),
        stroke: None,
    });

    if let Some(short) = &event.short_name {
        let set = ts.plain(
            short,
            &st.contents_title.at_size(st.cover_title.size * 1.6),
            measure,
            lang,
        );
        let mut style = st.cover_title.at_size(st.cover_title.size * 1.6);
        style.align = crate::model::Align::Centre;
        let set = if set.lines.len() == 1 {
            ts.plain(short, &style, measure, lang)
        } else {
            set
        };
        y = place_block(&mut page, &set, LineMetrics::of(ts, &style), left, y);
        y += st.cover_title.leading * 0.5;
    }
    let title = ts.plain(&event.name, &st.cover_title, measure, lang);
    y = place_block(
        &mut page,
        &title,
        LineMetrics::of(ts, &st.cover_title),
        left,
        y,
    );
    y += st.cover_detail.leading;
    page.items.push(Item::Line {
        from: Point::new(left + measure * 0.35, y),
        to: Point::new(left + measure * 0.65, y),
        stroke: Stroke {
            colour: layout.accent,
            width: Pt(1.0),
        },
    });
    y += st.cover_detail.leading;
    let mut details: Vec<String> = Vec::new();
    if let Some(d) = &event.date {
        details.push(d.long());
    }
    match (&event.venue, &event.city) {
        (Some(v), Some(c)) => details.push(format!("{v}, {c}")),
        (Some(v), None) => details.push(v.clone()),
        (None, Some(c)) => details.push(c.clone()),
        (None, None) => {}
    }
    details.push(format!("{} speakers", project.speakers.len()));
    for d in &details {
        let set = ts.plain(d, &st.cover_detail, measure, lang);
        y = place_block(
            &mut page,
            &set,
            LineMetrics::of(ts, &st.cover_detail),
            left,
            y,
        );
    }
    if let Some(site) = &event.website {
        let spans = [markup::Span {
            text: site.clone(),
            link: Some(site.clone()),
            ..Default::default()
        }];
        let set = ts.paragraph(&spans, &st.cover_detail, measure, lang);
        place_block(
            &mut page,
            &set,
            LineMetrics::of(ts, &st.cover_detail),
            left,
            y,
        );
    }
    page
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

fn contents(
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    starts: &[usize],
    lang: &str,
) -> Vec<Frame> {
    let layout = &project.booklet;
    let mut flow = Flow::new(layout.page, layout.margins, 1);
    if project.speakers.is_empty() {
        return Vec::new();
    }
    let heading = ts.plain(
        &layout.labels.contents,
        &st.contents_title,
        flow.measure(),
        lang,
    );
    flow.lines(
        &heading.lines,
        LineMetrics::of(ts, &st.contents_title),
        Pt::ZERO,
    );
    flow.y += st.contents_entry.leading;

    let number_room = Pt(st.contents_entry.size.0 * 3.0);
    let measure = flow.measure() - number_room;
    let mut bold = st.contents_entry.clone();
    bold.faces = [bold.faces[2], bold.faces[3], bold.faces[2], bold.faces[3]];
    let mut italic = st.contents_entry.clone();
    italic.faces = [
        italic.faces[1],
        italic.faces[0],
        italic.faces[3],
        italic.faces[2],
    ];
    let m = LineMetrics::of(ts, &st.contents_entry);
    for (speaker, &start) in project.speakers.iter().zip(starts) {
        let name = ts.plain(&speaker.name, &bold, measure, lang);
        let title = speaker
            .title
            .as_deref()
            .map(|t| ts.plain(t, &italic, measure, lang))
            .unwrap_or_default();
        let n = name.lines.len() + title.lines.len();
        let height = m.leading * n as f64;
        flow.ensure(height);
        let top = flow.y;
        let left = flow.left();
        let number = ts.plain(
            &(start + 1).to_string(),
            &st.contents_entry,
            number_room,
            lang,
        );
        if let Some(line) = number.lines.first() {
            let x = left + flow.measure() - line.width;
            flow.page().push_line(Point::new(x, top + m.baseline), line);
        }
        flow.lines(&name.lines, m, Pt::ZERO);
        flow.lines(&title.lines, m, Pt::ZERO);
        let rect = Rect::new(left, top, flow.measure(), flow.y - top);
        flow.page().items.push(Item::Link {
            rect,
            target: Target::Page(start),
        });
        flow.y += m.leading * 0.5;
    }
    flow.pages
}

fn speaker_section(
    flow: &mut Flow,
    speaker: &Speaker,
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) {
    let layout = &project.booklet;
    let lang = speaker.lang.as_deref().unwrap_or(&project.event.language);
    let photo = layout.photo;
    let gap = Pt::mm(5.0);
    let head_measure = flow.measure() - photo.w - gap;
    let warn_missing = |set: &SetText, field: &str, diags: &mut Diagnostics| {
        for c in &set.missing {
            diags.push(
                Diagnostic::warning(format!(
                    "no font has the character `{c}` (U+{:04X}); it prints as a box",
                    u32::from(*c)
                ))
                .speaker(&speaker.id)
                .field(field)
                .hint("add a font with this character to the layout, or replace the character"),
            );
        }
    };

    // The head: name, affiliation and title beside the photo, kept together.
    let name = ts.plain(&speaker.name, &st.name, head_measure, lang);
    warn_missing(&name, "name", diags);
    let affiliation = speaker.affiliation.as_deref().map(|a| {
        let spans = [markup::Span {
            text: a.to_string(),
            link: speaker.affiliation_url.clone(),
            ..Default::default()
        }];
        ts.paragraph(&spans, &st.affiliation, head_measure, lang)
    });
    let title = speaker
        .title
        .as_deref()
        .map(|t| ts.plain(t, &st.title, head_measure, lang));
    let top = flow.y;
    let left = flow.left();
    let mut y = top;
    y = place_block(flow.page(), &name, LineMetrics::of(ts, &st.name), left, y);
    if let Some(a) = &affiliation {
        warn_missing(a, "affiliation", diags);
        y = place_block(
            flow.page(),
            a,
            LineMetrics::of(ts, &st.affiliation),
            left,
            y,
        );
    }
    if let Some(t) = &title {
        warn_missing(t, "title", diags);
        y += st.title.leading * 0.6;
        y = place_block(flow.page(), t, LineMetrics::of(ts, &st.title), left, y);
    }
    let photo_box = Rect::new(left + flow.measure() - photo.w, top, photo.w, photo.h);
    match &speaker.photo {
        PhotoSource::Photo(p) => {
            if let Some(w) = place_photo(flow.page(), p, photo_box, Shape::Rect) {
                diags.push(w.speaker(&speaker.id).field("photo"));
            }
        }
        PhotoSource::Placeholder => {
            let initials = speaker.initials();
            placeholder(flow.page(), ts, &st.name, photo_box, &initials, lang);
        }
    }
    flow.y = y.max(top + photo.h) + st.body.leading;
    let rule_y = flow.y - st.body.leading * 0.5;
    let rule_end = left + flow.measure();
    flow.page().items.push(Item::Line {
        from: Point::new(left, rule_y),
        to: Point::new(rule_end, rule_y),
        stroke: Stroke {
            colour: layout.rule,
            width: Pt(0.5),
        },
    });

    let body_m = LineMetrics::of(ts, &st.body);
    let head_m = LineMetrics::of(ts, &st.heading);
    for (label, text, field) in [
        (
            &layout.labels.abstract_heading,
            &speaker.abstract_text,
            "abstract",
        ),
        (&layout.labels.bio_heading, &speaker.bio, "bio"),
    ] {
        let Some(text) = text else { continue };
        let paragraphs: Vec<SetText> = markup::parse(text)
            .iter()
            .map(|p| ts.paragraph(p, &st.body, flow.measure(), lang))
            .collect();
        if paragraphs.is_empty() {
            continue;
        }
        for p in &paragraphs {
            warn_missing(p, field, diags);
        }
        flow.space(st.body.leading * 0.5);
        // Keep a heading with the first two lines of its text.
        let first = paragraphs[0].lines.len().min(2) as f64;
        flow.ensure(head_m.leading + body_m.leading * first);
        let heading = ts.plain(&label.to_uppercase(), &st.heading, flow.measure(), lang);
        flow.lines(&heading.lines, head_m, Pt::ZERO);
        for (k, p) in paragraphs.iter().enumerate() {
            if k > 0 {
                flow.space(st.body.leading * 0.4);
            }
            flow.paragraph(&p.lines, body_m);
        }
    }
}

fn footer(
    page: &mut Frame,
    index: usize,
    label: &str,
    layout: &BookletLayout,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    lang: &str,
) {
    let set = ts.plain(label, &st.footer, layout.page.w, lang);
    let Some(line) = set.lines.first() else {
        return;
    };
    let baseline = layout.page.h - layout.margins.bottom * 0.45;
    let left = left_margin(index, layout.margins);
    let measure = layout.page.w - layout.margins.inner - layout.margins.outer;
    // Outer edge: right on right-hand pages, left on left-hand ones.
    let x = if index.is_multiple_of(2) {
        left + measure - line.width
    } else {
        left
    };
    page.push_line(Point::new(x, baseline), line);
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
