//! The lists of a booklet with a programme: its contents (days, sessions,
//! talks with their speakers) and the index of speakers (every person with
//! the pages they appear on). Entries carry dotted leaders to their page
//! number and link to it.

use super::front::{end_entry, leaders, titled_flow, variant};
use super::programme::{Body, ContentsLine};
use super::{Styles, place_block};
use crate::geom::{Point, Pt};
use crate::layout::flow::{Flow, LineMetrics};
use crate::layout::frame::{Frame, Item};
use crate::model::Project;
use crate::text::{SetText, Typesetter};

/// Blocks of set text, each at an indent, then leaders and `number` on
/// the last line; the whole entry links to `anchor`.
fn numbered(
    flow: &mut Flow,
    blocks: &[(SetText, Pt)],
    number: &str,
    anchor: usize,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    project: &Project,
) {
    let lang = &project.event.language;
    let m = LineMetrics::of(ts, &st.contents_entry);
    let lines: usize = blocks.iter().map(|(s, _)| s.lines.len()).sum();
    flow.ensure(m.leading * lines as f64);
    let (top, left) = (flow.y, flow.left());
    let mut y = top;
    let mut last_end = left;
    for (set, indent) in blocks {
        y = place_block(flow.page(), set, m, left + *indent, y);
        if let Some(l) = set.lines.last() {
            last_end = left + *indent + l.width;
        }
    }
    let number_room = Pt(st.contents_entry.size.0 * 3.0);
    let dot = ts.plain(".", &st.contents_entry, Pt(100.0), lang);
    let number = ts.plain(number, &st.contents_entry, number_room * 4.0, lang);
    if let Some(line) = number.lines.first() {
        let baseline = y - m.leading + m.baseline;
        let number_x = left + flow.measure() - line.width;
        flow.page().push_line(Point::new(number_x, baseline), line);
        if let Some(run) = leaders(&dot, left, last_end, number_x, st.contents_entry.size) {
            flow.page().items.push(Item::Text {
                origin: Point::new(left, baseline),
                run,
            });
        }
    }
    end_entry(flow, top, y, anchor, m);
}

/// The contents of a programme: days in bold, sessions, then talks with
/// their speakers, indented under them.
pub fn contents(
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    lines: &[ContentsLine],
    anchors: &[usize],
    offset: usize,
) -> Vec<Frame> {
    let lang = &project.event.language;
    let mut flow = titled_flow(project, st, ts, project.booklet.labels.contents(), offset);
    let bold = variant(&st.contents_entry, true, false);
    let italic = variant(&st.contents_entry, false, true);
    let number_room = Pt(st.contents_entry.size.0 * 3.0);
    for line in lines {
        let indent = Pt::mm(4.0) * f64::from(line.level);
        let measure = flow.measure() - number_room - indent;
        let style = match line.level {
            0 => &bold,
            1 => &st.contents_entry,
            _ => &italic,
        };
        if line.level == 0 {
            flow.space(st.contents_entry.leading * 0.6);
        }
        let mut blocks = vec![(ts.plain(&line.title, style, measure, lang), indent)];
        if let Some(detail) = &line.detail {
            blocks.push((ts.plain(detail, &st.contents_entry, measure, lang), indent));
        }
        let page = anchors[line.anchor] + 1;
        numbered(
            &mut flow,
            &blocks,
            &page.to_string(),
            line.anchor,
            st,
            ts,
            project,
        );
    }
    flow.pages
}

/// The index of speakers: every person who appears, alphabetically by
/// family name (the last word), with the pages they appear on. Returns the
/// pages and the anchor each entry links to.
pub fn index(
    project: &Project,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    body: &Body,
    offset: usize,
) -> Vec<Frame> {
    let lang = &project.event.language;
    let title = lang.words().index;
    let mut flow = titled_flow(project, st, ts, title, offset);
    let mut people: Vec<usize> = (0..project.speakers.len())
        .filter(|&p| !body.appearances[p].is_empty())
        .collect();
    let key = |p: &usize| {
        let name = &project.speakers[*p].name;
        let family = name
            .split_whitespace()
            .last()
            .unwrap_or(name)
            .to_lowercase();
        (family, name.to_lowercase())
    };
    people.sort_by_key(key);
    let number_room = Pt(st.contents_entry.size.0 * 3.0);
    for p in people {
        let pages: Vec<String> = body.appearances[p]
            .iter()
            .map(|n| (n + 1).to_string())
            .collect();
        let name = ts.plain(
            &project.speakers[p].name,
            &st.contents_entry,
            flow.measure() - number_room * 3.0,
            lang,
        );
        let first = *body.appearances[p].iter().next().expect("appears");
        // The entry links to the person's first page: an anchor of the body.
        let anchor = body.anchors.iter().position(|&a| a == first).unwrap_or(0);
        numbered(
            &mut flow,
            &[(name, Pt::ZERO)],
            &pages.join(", "),
            anchor,
            st,
            ts,
            project,
        );
    }
    flow.pages
}
