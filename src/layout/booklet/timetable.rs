//! The programme at a glance: one timetable per day. One room: a list
//! (time, title, speakers). Several: a grid, rooms as columns and time
//! running down, each talk a box as tall as it is long, plenary talks and
//! breaks across the columns, every talk box linked to its page. A day too
//! long for a page goes on with the room header repeated; more rooms than
//! fit across split into groups of columns. Nothing is set below 6.5 pt;
//! text that does not fit its box is cut with "…" and reported.

use super::Styles;
use super::programme::day_title;
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Point, Pt, Rect};
use crate::layout::fit::fit_lines;
use crate::layout::flow::{LineMetrics, left_margin};
use crate::layout::frame::{Frame, Item, Stroke, Target};
use crate::model::{Colour, Day, Entry, Place, Programme, Project, Time};
use crate::text::{Style, Typesetter};
use std::collections::BTreeMap;

/// The type size inside boxes: the legibility floor of the brief.
const BOX_SIZE: Pt = Pt(6.5);
/// Columns narrower than this split the rooms into groups.
const MIN_COLUMN_MM: f64 = 24.0;
/// The column of hours on the left.
const TIME_COLUMN_MM: f64 = 9.0;
/// Inner padding of a box.
const PAD: Pt = Pt(1.6);
/// White between boxes above and below.
const INSET: Pt = Pt(0.6);

/// One box of the grid: where, what, and where it links.
struct Cell {
    start: Time,
    end: Time,
    /// First and last column (inclusive) within the group.
    cols: (usize, usize),
    time: String,
    title: String,
    people: String,
    link: Option<usize>,
    fill: Colour,
}

/// What every page of the timetable needs.
struct Grid<'a> {
    project: &'a Project,
    st: &'a Styles,
    box_style: Style,
    bold: Style,
}

/// The timetable pages, the first at physical page `offset`.
pub fn timetable(
    project: &Project,
    programme: &Programme,
    st: &Styles,
    talk_anchors: &BTreeMap<(usize, usize, usize), usize>,
    ts: &mut Typesetter<'_>,
    offset: usize,
    diags: &mut Diagnostics,
) -> Vec<Frame> {
    let mut box_style = st.footer.at_size(BOX_SIZE);
    box_style.leading = Pt(BOX_SIZE.0 * 1.2);
    box_style.colour = Colour::Rgb(0.1, 0.1, 0.1);
    let bold = super::front::variant(&box_style, true, false);
    let grid = Grid {
        project,
        st,
        box_style,
        bold,
    };
    let mut pages = Vec::new();
    for (d, day) in programme.days.iter().enumerate() {
        let groups = column_groups(project, day.rooms.len());
        for group in groups {
            let cells = cells(project, day, d, &group, talk_anchors);
            grid.day_pages(
                day, programme, &group, &cells, ts, offset, &mut pages, diags,
            );
        }
    }
    pages
}

/// The rooms of a day in groups that fit across the page.
fn column_groups(project: &Project, rooms: usize) -> Vec<std::ops::Range<usize>> {
    let l = &project.booklet;
    let width = l.page.w - l.margins.inner - l.margins.outer - Pt::mm(TIME_COLUMN_MM);
    let fit = ((width.0 / Pt::mm(MIN_COLUMN_MM).0) as usize).max(1);
    let groups = rooms.div_ceil(fit).max(1);
    let per = rooms.div_ceil(groups).max(1);
    (0..rooms)
        .step_by(per)
        .map(|s| s..(s + per).min(rooms))
        .collect()
}

/// The boxes of a day within a group of its rooms.
fn cells(
    project: &Project,
    day: &Day,
    d: usize,
    group: &std::ops::Range<usize>,
    anchors: &BTreeMap<(usize, usize, usize), usize>,
) -> Vec<Cell> {
    let col_of = |room: usize| {
        day.rooms
            .iter()
            .position(|&r| r == room)
            .filter(|c| group.contains(c))
            .map(|c| c - group.start)
    };
    let all = (0, group.len() - 1);
    let names = |ids: &[usize]| {
        ids.iter()
            .map(|&p| project.speakers[p].name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cell = |start: Time, end: Time, cols, title: &str, people: String, link, fill| Cell {
        start,
        end,
        cols,
        time: format!("{}–{}", start.hh_mm(), end.hh_mm()),
        title: title.to_string(),
        people,
        link,
        fill,
    };
    let mut out = Vec::new();
    for (e, entry) in day.entries.iter().enumerate() {
        match entry {
            Entry::Session(s) => {
                let Some(col) = col_of(s.room) else { continue };
                for (k, t) in s.talks.iter().enumerate() {
                    let link = anchors.get(&(d, e, k)).copied();
                    let people = names(&t.speakers);
                    out.push(cell(
                        t.start,
                        t.end,
                        (col, col),
                        &t.title,
                        people,
                        link,
                        TALK,
                    ));
                }
            }
            Entry::Talk(t) => {
                let fill = if matches!(t.place, Place::All) {
                    PLENARY
                } else {
                    TALK
                };
                let link = anchors.get(&(d, e, 0)).copied();
                for cols in spans(&t.place, &col_of, all) {
                    let people = names(&t.speakers);
                    out.push(cell(t.start, t.end, cols, &t.title, people, link, fill));
                }
            }
            Entry::Slot(s) => {
                for cols in spans(&s.place, &col_of, all) {
                    out.push(cell(
                        s.start,
                        s.end,
                        cols,
                        &s.title,
                        String::new(),
                        None,
                        BREAK,
                    ));
                }
            }
        }
    }
    out
}

/// The column ranges a place covers in a group: all of it, or each room.
fn spans(
    place: &Place,
    col_of: &dyn Fn(usize) -> Option<usize>,
    all: (usize, usize),
) -> Vec<(usize, usize)> {
    match place {
        Place::All => vec![all],
        Place::Rooms(rooms) => rooms
            .iter()
            .filter_map(|&r| col_of(r))
            .map(|c| (c, c))
            .collect(),
    }
}

const TALK: Colour = Colour::Rgb(0.90, 0.93, 0.97);
const PLENARY: Colour = Colour::Rgb(0.80, 0.86, 0.94);
const BREAK: Colour = Colour::Rgb(0.93, 0.93, 0.93);

impl Grid<'_> {
    /// A day's pages for one group of rooms: a list for a single room, a
    /// grid otherwise.
    #[allow(clippy::too_many_arguments)]
    fn day_pages(
        &self,
        day: &Day,
        programme: &Programme,
        group: &std::ops::Range<usize>,
        cells: &[Cell],
        ts: &mut Typesetter<'_>,
        offset: usize,
        pages: &mut Vec<Frame>,
        diags: &mut Diagnostics,
    ) {
        if group.len() == 1 && day.rooms.len() == 1 {
            self.list(day, cells, ts, offset, pages);
            return;
        }
        let Some(t0) = cells.iter().map(|c| c.start).min() else {
            return;
        };
        let t0 = Time(t0.0 / 30 * 30);
        let t1 = cells.iter().map(|c| c.end).max().unwrap_or(t0);
        let t1 = Time(t1.0.div_ceil(30) * 30);
        let l = &self.project.booklet;
        let top = self.top(ts);
        let avail = l.page.h - l.margins.bottom - top;
        let shortest = cells
            .iter()
            .map(|c| c.end.0 - c.start.0)
            .min()
            .unwrap_or(30)
            .max(5);
        // The shortest box holds two lines of its title and its speakers.
        let need = (PAD * 2.0 + INSET * 2.0 + self.box_style.leading * 3.0).0;
        let scale = (avail.0 / f64::from(t1.0 - t0.0))
            .max(need / f64::from(shortest))
            .min(2.4);
        let mut start = t0;
        let mut first = true;
        while start < t1 {
            let limit = Time(start.0 + (avail.0 / scale) as u16);
            let end = if limit >= t1 {
                t1
            } else {
                break_before(cells, start, limit)
            };
            let index = offset + pages.len();
            let mut page = Frame::new(l.page);
            self.header(&mut page, day, programme, group, first, index, ts);
            self.hours(&mut page, (start, end), scale, index, ts);
            for cell in cells {
                self.cell(
                    &mut page,
                    cell,
                    (start, end),
                    scale,
                    group.len(),
                    index,
                    ts,
                    diags,
                );
            }
            pages.push(page);
            start = end;
            first = false;
        }
    }

    /// A day in one room: a list of times, titles and speakers, each entry
    /// linked to its talk.
    fn list(
        &self,
        day: &Day,
        cells: &[Cell],
        ts: &mut Typesetter<'_>,
        offset: usize,
        pages: &mut Vec<Frame>,
    ) {
        let lang = &self.project.event.language;
        let title = day_title(day, lang);
        let st = self.st;
        let mut flow =
            super::front::titled_flow(self.project, st, ts, &title, offset + pages.len());
        let time_col = Pt::mm(24.0);
        let measure = flow.measure() - time_col;
        let bold = super::front::variant(&st.contents_entry, true, false);
        let m = LineMetrics::of(ts, &st.contents_entry);
        for cell in cells {
            let name = ts.plain(&cell.title, &bold, measure, lang);
            let people = ts.plain(&cell.people, &st.contents_entry, measure, lang);
            flow.ensure(m.leading * (name.lines.len() + people.lines.len()) as f64);
            let (top, left) = (flow.y, flow.left());
            let time = ts.plain(&cell.time, &st.contents_entry, time_col, lang);
            super::place_block(flow.page(), &time, m, left, top);
            let mut y = super::place_block(flow.page(), &name, m, left + time_col, top);
            y = super::place_block(flow.page(), &people, m, left + time_col, y);
            if let Some(anchor) = cell.link {
                super::front::end_entry(&mut flow, top, y, anchor, m);
            } else {
                flow.y = y + m.leading * 0.5;
            }
        }
        pages.extend(flow.pages);
    }

    /// Where the grid starts: below the day's title and the room header.
    fn top(&self, ts: &Typesetter<'_>) -> Pt {
        let l = &self.project.booklet;
        let title = LineMetrics::of(ts, &self.st.contents_title).leading;
        l.margins.top + title * 1.4 + self.bold.leading * 1.6
    }

    fn columns(&self, index: usize, n: usize) -> (Pt, Pt) {
        let l = &self.project.booklet;
        let left = left_margin(index, l.margins) + Pt::mm(TIME_COLUMN_MM);
        let width = l.page.w - l.margins.inner - l.margins.outer - Pt::mm(TIME_COLUMN_MM);
        (left, width / n as f64)
    }

    /// The day's title and the room names over their columns.
    #[allow(clippy::too_many_arguments)]
    fn header(
        &self,
        page: &mut Frame,
        day: &Day,
        programme: &Programme,
        group: &std::ops::Range<usize>,
        first: bool,
        index: usize,
        ts: &mut Typesetter<'_>,
    ) {
        let l = &self.project.booklet;
        let lang = &self.project.event.language;
        let mut title = day_title(day, lang);
        if !first {
            title.push_str(" (…)");
        }
        let style = &self.st.contents_title;
        let m = LineMetrics::of(ts, style);
        let left = left_margin(index, l.margins);
        if let Some(line) = ts.plain(&title, style, Pt(1e6), lang).lines.first() {
            page.push_line(Point::new(left, l.margins.top + m.baseline), line);
        }
        let (x0, w) = self.columns(index, group.len());
        let y = self.top(ts) - self.bold.leading * 0.6;
        for (k, &room) in day.rooms[group.clone()].iter().enumerate() {
            let name = &programme.rooms[room].name;
            let (lines, _) = fit_lines(ts, name, &self.bold, w - PAD * 2.0, 1, lang);
            if let Some(line) = lines.first() {
                let x = x0 + w * k as f64 + (w - line.width) / 2.0;
                page.push_line(Point::new(x, y), line);
            }
        }
    }

    /// Hairlines at every hour, labelled in the time column.
    fn hours(
        &self,
        page: &mut Frame,
        (ws, we): (Time, Time),
        scale: f64,
        index: usize,
        ts: &mut Typesetter<'_>,
    ) {
        let l = &self.project.booklet;
        let lang = &self.project.event.language;
        let top = self.top(ts);
        let left = left_margin(index, l.margins);
        let right = left + l.page.w - l.margins.inner - l.margins.outer;
        let m = LineMetrics::of(ts, &self.box_style);
        let mut hour = ws.0.div_ceil(60) * 60;
        while hour <= we.0 {
            let y = top + Pt(f64::from(hour - ws.0) * scale);
            page.items.push(Item::Line {
                from: Point::new(left, y),
                to: Point::new(right, y),
                stroke: Stroke {
                    colour: Colour::Rgb(0.78, 0.78, 0.78),
                    width: Pt(0.3),
                },
            });
            if let Some(line) = ts
                .plain(&Time(hour).hh_mm(), &self.box_style, Pt(1e6), lang)
                .lines
                .first()
            {
                page.push_line(Point::new(left, y + m.baseline), line);
            }
            hour += 60;
        }
    }

    /// One box, clipped to the page's window of time, with its time, title
    /// and speakers as far as they fit.
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        page: &mut Frame,
        cell: &Cell,
        (ws, we): (Time, Time),
        scale: f64,
        columns: usize,
        index: usize,
        ts: &mut Typesetter<'_>,
        diags: &mut Diagnostics,
    ) {
        let (s, e) = (cell.start.max(ws), cell.end.min(we));
        if e <= s {
            return;
        }
        let top = self.top(ts);
        let (x0, w) = self.columns(index, columns);
        let rect = Rect::new(
            x0 + w * cell.cols.0 as f64 + Pt(0.8),
            top + Pt(f64::from(s.0 - ws.0) * scale) + INSET,
            w * (cell.cols.1 - cell.cols.0 + 1) as f64 - Pt(1.6),
            Pt(f64::from(e.0 - s.0) * scale) - INSET * 2.0,
        );
        page.items.push(Item::Rect {
            rect,
            fill: Some(cell.fill),
            stroke: None,
        });
        let lang = &self.project.event.language;
        let inner = rect.w - PAD * 2.0;
        let leading = self.box_style.leading;
        let room = ((rect.h - PAD * 2.0).0 / leading.0 + 0.01).floor().max(0.0) as usize;
        // The title first, then the speakers, then the time (which the
        // grid shows anyway) when there is room for all.
        let people = usize::from(!cell.people.is_empty() && room >= 2);
        let time = usize::from(room >= 4);
        let mut lines = Vec::new();
        if time == 1 {
            lines.extend(fit_lines(ts, &cell.time, &self.box_style, inner, 1, lang).0);
        }
        let title_room = room - people - time;
        if title_room > 0 {
            let (title, cut) = fit_lines(ts, &cell.title, &self.bold, inner, title_room, lang);
            lines.extend(title);
            if cut {
                diags.push(
                    Diagnostic::warning(format!(
                        "`{}` is cut short with “…” in its timetable box",
                        cell.title
                    ))
                    .hint("shorten the title, or give the talk more time in the programme"),
                );
            }
        }
        if people == 1 {
            lines.extend(fit_lines(ts, &cell.people, &self.box_style, inner, 1, lang).0);
        }
        let m = LineMetrics::of(ts, &self.box_style);
        for (k, line) in lines.iter().enumerate() {
            let y = rect.y + PAD + m.baseline + leading * k as f64;
            page.push_line(Point::new(rect.x + PAD, y), line);
        }
        if let Some(anchor) = cell.link {
            page.items.push(Item::Link {
                rect,
                target: Target::Anchor(anchor),
            });
        }
    }
}

/// The latest time at or before `limit` where no box is cut in two; the
/// limit itself when every such time is too early.
fn break_before(cells: &[Cell], start: Time, limit: Time) -> Time {
    let cuts_none = |t: Time| cells.iter().all(|c| c.end <= t || c.start >= t);
    cells
        .iter()
        .flat_map(|c| [c.start, c.end])
        .filter(|&t| t > start && t <= limit && cuts_none(t))
        .max()
        .unwrap_or(limit)
}
