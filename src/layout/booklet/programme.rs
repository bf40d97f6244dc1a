//! The body of a booklet with a programme: each day, its sessions (title,
//! room, time, chairs) and talks (time, room, speakers, title, abstract) in
//! programme order. A person's photo and biography appear once, with their
//! first talk; their other talks refer to it ("see page 14"). The pages
//! each person appears on are recorded for the index.

use super::Styles;
use super::section::{head, headed_text};
use crate::diag::Diagnostics;
use crate::geom::{Point, Pt};
use crate::layout::flow::{Flow, LineMetrics};
use crate::layout::frame::{Frame, Item, Stroke, Target};
use crate::model::{Day, Entry, Lang, Place, Programme, Project, Session, Slot, Speaker, Talk};
use crate::text::Typesetter;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A line of the contents: a day (level 0), a session (1) or a talk (2).
#[derive(Clone, Debug)]
pub struct ContentsLine {
    /// 0 day, 1 session, 2 talk.
    pub level: u8,
    /// As printed.
    pub title: String,
    /// The talk's speakers, under its title.
    pub detail: Option<String>,
    /// Where it links to.
    pub anchor: usize,
}

/// The laid-out body and what the front matter and index need of it.
pub struct Body {
    /// Pages, from the first day's.
    pub pages: Vec<Frame>,
    /// The body page of every anchor.
    pub anchors: Vec<usize>,
    /// Days, sessions and talks, in order.
    pub contents: Vec<ContentsLine>,
    /// The anchor of each talk, by (day, entry, talk in its session).
    pub talk_anchors: BTreeMap<(usize, usize, usize), usize>,
    /// The body pages each person appears on, by speaker index.
    pub appearances: Vec<BTreeSet<usize>>,
    /// How the running text was set.
    pub stats: crate::layout::Stats,
}

/// What laying out the body keeps track of.
struct Cx<'a> {
    project: &'a Project,
    programme: &'a Programme,
    st: &'a Styles,
    body: Body,
    /// The anchor of each person's biography, once it is set.
    bio_anchor: Vec<Option<usize>>,
}

impl Cx<'_> {
    /// A new anchor on the flow's current page (at its current place).
    fn anchor(&mut self, flow: &Flow) -> usize {
        self.body.anchors.push(flow.page_index());
        self.body.anchors.len() - 1
    }

    fn appears(&mut self, person: usize, flow: &Flow) {
        self.body.appearances[person].insert(flow.page_index());
    }

    fn lang(&self) -> &Lang {
        &self.project.event.language
    }
}

/// Lays out every day of the programme.
pub fn body(
    project: &Project,
    programme: &Programme,
    st: &Styles,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) -> Body {
    let layout = &project.booklet;
    let mut flow = Flow::new(layout.page, layout.margins, 0);
    let mut cx = Cx {
        project,
        programme,
        st,
        body: Body {
            pages: Vec::new(),
            anchors: Vec::new(),
            contents: Vec::new(),
            talk_anchors: BTreeMap::new(),
            appearances: vec![BTreeSet::new(); project.speakers.len()],
            stats: Default::default(),
        },
        bio_anchor: vec![None; project.speakers.len()],
    };
    for (d, day) in programme.days.iter().enumerate() {
        if d > 0 {
            flow.new_page();
        }
        day_heading(&mut flow, &mut cx, day, ts);
        for (e, entry) in day.entries.iter().enumerate() {
            match entry {
                Entry::Session(s) => session(&mut flow, &mut cx, (d, e), s, ts, diags),
                Entry::Talk(t) => talk(&mut flow, &mut cx, (d, e, 0), t, ts, diags),
                Entry::Slot(s) => slot(&mut flow, &cx, s, ts),
            }
        }
    }
    cx.body.stats = std::mem::take(&mut flow.stats);
    cx.body.pages = flow.pages;
    cx.body
}

fn day_heading(flow: &mut Flow, cx: &mut Cx<'_>, day: &Day, ts: &mut Typesetter<'_>) {
    let title = day_title(day, cx.lang());
    let anchor = cx.anchor(flow);
    cx.body.contents.push(ContentsLine {
        level: 0,
        title: title.clone(),
        detail: None,
        anchor,
    });
    let style = &cx.st.contents_title;
    let set = ts.plain(&title, style, flow.measure(), cx.lang());
    flow.lines(set.lines, LineMetrics::of(ts, style), Pt::ZERO);
    flow.space(cx.st.body.leading);
}

/// "15 June 2026 · Main conference".
pub fn day_title(day: &Day, lang: &Lang) -> String {
    match &day.label {
        Some(label) => format!("{} · {label}", day.date.long(lang)),
        None => day.date.long(lang),
    }
}

/// "10:30–12:00".
fn span(start: crate::model::Time, end: crate::model::Time) -> String {
    format!("{}–{}", start.hh_mm(), end.hh_mm())
}

/// The rooms of a place, as printed.
fn place_name(programme: &Programme, place: &Place) -> Option<String> {
    match place {
        Place::All => None,
        Place::Rooms(rooms) => Some(
            rooms
                .iter()
                .map(|&r| programme.rooms[r].name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

fn session(
    flow: &mut Flow,
    cx: &mut Cx<'_>,
    (d, e): (usize, usize),
    s: &Session,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) {
    let st = cx.st;
    let lang = cx.lang().clone();
    let title_m = LineMetrics::of(ts, &st.name);
    let meta_m = LineMetrics::of(ts, &st.affiliation);
    let title = ts.plain(&s.title, &st.name, flow.measure(), &lang);
    let mut meta = vec![
        span(s.start, s.end),
        cx.programme.rooms[s.room].name.clone(),
    ];
    if !s.chairs.is_empty() {
        let names: Vec<&str> = s
            .chairs
            .iter()
            .map(|&c| cx.project.speakers[c].name.as_str())
            .collect();
        meta.push(format!("{}: {}", lang.words().chair, names.join(", ")));
    }
    let meta = ts.plain(&meta.join(" · "), &st.affiliation, flow.measure(), &lang);
    flow.space(st.body.leading);
    // The session's head stays with what follows: its first talk's head,
    // or the photo of a chair introduced here.
    let heads =
        title_m.leading * title.lines.len() as f64 + meta_m.leading * meta.lines.len() as f64;
    let introduces = s.chairs.iter().any(|&c| !gives_a_talk(cx.programme, c));
    let next = match introduces {
        true => cx.project.booklet.photo.h + st.body.leading * 3.0,
        false => st.body.leading * 6.0,
    };
    flow.ensure(heads + next);
    let anchor = cx.anchor(flow);
    cx.body.contents.push(ContentsLine {
        level: 1,
        title: s.title.clone(),
        detail: None,
        anchor,
    });
    flow.lines(title.lines, title_m, Pt::ZERO);
    flow.lines(meta.lines, meta_m, Pt::ZERO);
    for &c in &s.chairs {
        cx.appears(c, flow);
    }
    rule(flow, cx);
    // A chair who gives no talk of their own is introduced here.
    for &c in &s.chairs {
        if !gives_a_talk(cx.programme, c) {
            person(flow, cx, c, ts, diags);
        }
    }
    for (k, t) in s.talks.iter().enumerate() {
        talk(flow, cx, (d, e, k), t, ts, diags);
    }
}

/// Whether `person` speaks anywhere in the programme.
fn gives_a_talk(programme: &Programme, person: usize) -> bool {
    programme
        .days
        .iter()
        .flat_map(|d| &d.entries)
        .any(|e| match e {
            Entry::Session(s) => s.talks.iter().any(|t| t.speakers.contains(&person)),
            Entry::Talk(t) => t.speakers.contains(&person),
            Entry::Slot(_) => false,
        })
}

/// A thin rule across the measure.
fn rule(flow: &mut Flow, cx: &Cx<'_>) {
    let y = flow.y + cx.st.body.leading * 0.3;
    let (x, w) = (flow.left(), flow.measure());
    flow.page().items.push(Item::Line {
        from: Point::new(x, y),
        to: Point::new(x + w, y),
        stroke: Stroke {
            colour: cx.project.booklet.rule,
            width: Pt(0.5),
        },
    });
    flow.y = y + cx.st.body.leading * 0.5;
}

fn talk(
    flow: &mut Flow,
    cx: &mut Cx<'_>,
    at: (usize, usize, usize),
    t: &Talk,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) {
    let st = cx.st;
    let lang = cx.lang().clone();
    let measure = flow.measure();
    let mut meta = vec![span(t.start, t.end)];
    meta.extend(place_name(cx.programme, &t.place));
    meta.extend(t.tags.iter().cloned());
    let meta = ts.plain(&meta.join(" · "), &st.footer, measure, &lang);
    let title = ts.plain(&t.title, &st.title, measure, &lang);
    let people = t
        .speakers
        .iter()
        .map(|&p| {
            let s = &cx.project.speakers[p];
            match &s.affiliation {
                Some(a) => format!("{} ({a})", s.name),
                None => s.name.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let people = ts.plain(&people, &st.affiliation, measure, &lang);
    let (meta_m, title_m, people_m) = (
        LineMetrics::of(ts, &st.footer),
        LineMetrics::of(ts, &st.title),
        LineMetrics::of(ts, &st.affiliation),
    );
    flow.space(st.body.leading);
    let height = meta_m.leading * meta.lines.len() as f64
        + title_m.leading * title.lines.len() as f64
        + people_m.leading * people.lines.len() as f64;
    flow.ensure(height + st.body.leading * 2.0);
    let anchor = cx.anchor(flow);
    cx.body.talk_anchors.insert(at, anchor);
    let detail = t
        .speakers
        .iter()
        .map(|&p| cx.project.speakers[p].name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    cx.body.contents.push(ContentsLine {
        level: 2,
        title: t.title.clone(),
        detail: Some(detail),
        anchor,
    });
    flow.lines(meta.lines, meta_m, Pt::ZERO);
    flow.lines(title.lines, title_m, Pt::ZERO);
    flow.lines(people.lines, people_m, Pt::ZERO);
    for &p in &t.speakers {
        cx.appears(p, flow);
    }
    if let (Some(text), Some(&first)) = (&t.abstract_text, t.speakers.first()) {
        let speaker = &cx.project.speakers[first];
        let label = cx.project.booklet.labels.abstract_heading();
        headed_text(
            flow,
            Some(label),
            text,
            (speaker, "abstract"),
            &lang,
            st,
            ts,
            diags,
        );
    }
    for &p in &t.speakers {
        person(flow, cx, p, ts, diags);
    }
}

/// A person's photo, name, affiliation and biography the first time they
/// appear; a reference to that page afterwards.
fn person(
    flow: &mut Flow,
    cx: &mut Cx<'_>,
    p: usize,
    ts: &mut Typesetter<'_>,
    diags: &mut Diagnostics,
) {
    let st = cx.st;
    let speaker = &cx.project.speakers[p];
    let lang = speaker.lang.clone().unwrap_or_else(|| cx.lang().clone());
    if let Some(anchor) = cx.bio_anchor[p] {
        let page = cx.body.anchors[anchor] + 1;
        let text = format!("{} — {}", speaker.name, lang.words().see(page));
        let set = ts.plain(&text, &st.footer, flow.measure(), &lang);
        let m = LineMetrics::of(ts, &st.footer);
        flow.space(st.body.leading * 0.4);
        flow.ensure(m.leading * set.lines.len() as f64);
        let (top, left) = (flow.y, flow.left());
        flow.lines(set.lines, m, Pt::ZERO);
        let rect = crate::geom::Rect::new(left, top, flow.measure(), flow.y - top);
        flow.page().items.push(Item::Link {
            rect,
            target: Target::Anchor(anchor),
        });
        return;
    }
    // The head without the talk title, which the talk has given already.
    let bare = Speaker {
        title: None,
        ..speaker.clone()
    };
    let (frame, height) = head(flow.measure(), &bare, cx.project, st, ts, diags);
    flow.space(st.body.leading);
    flow.ensure(height + st.body.leading * 2.0);
    let anchor = cx.anchor(flow);
    cx.bio_anchor[p] = Some(anchor);
    let origin = Point::new(flow.left(), flow.y);
    flow.page().place(Arc::new(frame), origin);
    flow.y += height;
    if let Some(bio) = &speaker.bio {
        let label = cx.project.booklet.labels.bio_heading();
        headed_text(
            flow,
            Some(label),
            bio,
            (speaker, "bio"),
            &lang,
            st,
            ts,
            diags,
        );
    }
}

/// A slot that is not a talk: one line, "12:00–13:30 Lunch".
fn slot(flow: &mut Flow, cx: &Cx<'_>, s: &Slot, ts: &mut Typesetter<'_>) {
    let st = cx.st;
    let mut text = format!("{} {}", span(s.start, s.end), s.title);
    if let Some(room) = place_name(cx.programme, &s.place) {
        text.push_str(&format!(" · {room}"));
    }
    let set = ts.plain(&text, &st.affiliation, flow.measure(), cx.lang());
    flow.space(st.body.leading);
    flow.lines(set.lines, LineMetrics::of(ts, &st.affiliation), Pt::ZERO);
}
