//! `data/programme.yaml` → [`Programme`]: days, rooms, sessions, talks and
//! other slots, people referred to by their speaker ids. Every problem is
//! reported with its line: unknown people or rooms (with a "did you mean"),
//! times that end before they start or fall outside their day, two things
//! in one room at once, a person in two places at once, a session's talks
//! outside the session.

use super::event::parse_date;
use super::yaml::{Fields, Source};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::{Day, Entry, Place, Programme, Room, Session, Slot, Speaker, Talk, Time};
use serde_yaml::Value;

/// The file, relative to the event folder.
pub const PROGRAMME_FILE: &str = "data/programme.yaml";

/// Something that takes time in a place, as read: what the checks across
/// entries need, with the line to point at.
struct Timed {
    day: usize,
    start: Time,
    end: Time,
    place: Place,
    people: Vec<usize>,
    title: String,
    line: usize,
    /// A session's window (its talks are checked, not the window itself).
    session: bool,
}

/// What reading needs besides the fields.
struct Context<'a> {
    speakers: &'a [Speaker],
    rooms: &'a [Room],
    timed: Vec<Timed>,
}

/// `HH:MM`; hours up to 47, for what runs past midnight into the next
/// morning but belongs to this day (`25:30` is 01:30).
fn parse_time(s: &str) -> Result<Time, String> {
    let bad = || format!("`{s}` is not a time in the form HH:MM (after midnight: 25:30)");
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if h > 47 || m > 59 {
        return Err(bad());
    }
    Ok(Time(h * 60 + m))
}

/// Reads and checks the programme against the speakers.
pub fn read_programme(
    src: &Source,
    value: &Value,
    speakers: &[Speaker],
    diags: &mut Diagnostics,
) -> Option<Programme> {
    let Some(map) = value.as_mapping() else {
        diags.push(
            Diagnostic::error("the programme must be a mapping with `rooms` and `days`")
                .in_file(&src.path)
                .at(1, 1),
        );
        return None;
    };
    let mut f = Fields::new(src, src.whole(), map, diags);
    let rooms = f.each_item("rooms", |_, r| {
        let id = r.required_text("id");
        let name = r.text("name");
        let id = id?;
        Some(Room {
            name: name.unwrap_or_else(|| id.clone()),
            id,
        })
    });
    let mut cx = Context {
        speakers,
        rooms: &rooms,
        timed: Vec::new(),
    };
    let days = f.each_item("days", |k, d| day(d, k, &mut cx));
    f.finish();
    let timed = std::mem::take(&mut cx.timed);
    check_overlaps(&timed, &rooms, speakers, src, f.diags);
    Some(Programme { rooms, days })
}

fn day(d: &mut Fields<'_>, index: usize, cx: &mut Context<'_>) -> Option<Day> {
    let date = d.parsed("date", parse_date);
    if date.is_none() && !d.has("date") {
        d.missing("date", "give the day's date as YYYY-MM-DD");
    }
    let label = d.text("label");
    let rooms = match d.has("rooms") {
        true => room_list(d, "rooms", cx.rooms, None),
        false => (0..cx.rooms.len()).collect(),
    };
    let start = d.parsed("start", parse_time).unwrap_or(Time(0));
    let end = d.parsed("end", parse_time).unwrap_or(Time(24 * 60));
    let bounds = (start, end);
    let mut entries = d.each_item("entries", |_, e| entry(e, index, &rooms, bounds, cx));
    entries.sort_by_key(|e| (e.start(), first_room(e)));
    Some(Day {
        date: date?,
        label,
        rooms,
        entries,
    })
}

fn first_room(e: &Entry) -> usize {
    match e {
        Entry::Session(s) => s.room,
        Entry::Talk(Talk { place, .. }) | Entry::Slot(Slot { place, .. }) => match place {
            Place::All => 0,
            Place::Rooms(r) => r.first().copied().unwrap_or(0),
        },
    }
}

/// One entry of a day: a session (`session:`), a talk (`speakers:`) or a
/// slot (anything else).
fn entry(
    e: &mut Fields<'_>,
    day: usize,
    rooms: &[usize],
    bounds: (Time, Time),
    cx: &mut Context<'_>,
) -> Option<Entry> {
    if e.has("session") {
        return session(e, day, rooms, bounds, cx).map(Entry::Session);
    }
    let place = place(e, rooms, cx.rooms);
    // Where an imported entry came from (`booklet import` matches on it).
    let _source = e.text("source");
    if e.has("speakers") {
        let talk = talk(e, day, place, None, cx)?;
        within(e, &talk.title, (talk.start, talk.end), bounds, "its day");
        return Some(Entry::Talk(talk));
    }
    let title = e.required_text("title");
    let (start, end) = times(e, None);
    let (title, start, end) = (title?, start?, end?);
    within(e, &title, (start, end), bounds, "its day");
    cx.timed.push(Timed {
        day,
        start,
        end,
        place: place.clone(),
        people: Vec::new(),
        title: title.clone(),
        line: e.line_of("start"),
        session: false,
    });
    Some(Entry::Slot(Slot {
        title,
        start,
        end,
        place,
    }))
}

fn session(
    s: &mut Fields<'_>,
    day: usize,
    rooms: &[usize],
    bounds: (Time, Time),
    cx: &mut Context<'_>,
) -> Option<Session> {
    let title = s.required_text("session");
    let room = room_list(s, "room", cx.rooms, Some(rooms)).first().copied();
    if room.is_none() && !s.has("room") {
        s.missing("room", "give the id of the session's room");
    }
    let chairs = people(s, "chairs", cx.speakers);
    let (start, end) = times(s, None);
    let (title, room, start, end) = (title?, room?, start?, end?);
    within(s, &title, (start, end), bounds, "its day");
    let line = s.line_of("session");
    let mut next = start;
    let talks = s.each_item("talks", |_, t| {
        let talk = talk(t, day, Place::Rooms(vec![room]), Some(next), cx)?;
        within(
            t,
            &talk.title,
            (talk.start, talk.end),
            (start, end),
            "its session",
        );
        next = talk.end;
        Some(talk)
    });
    cx.timed.push(Timed {
        day,
        start,
        end,
        place: Place::Rooms(vec![room]),
        people: chairs.clone(),
        title: title.clone(),
        line,
        session: true,
    });
    Some(Session {
        title,
        room,
        chairs,
        start,
        end,
        talks,
    })
}

fn talk(
    t: &mut Fields<'_>,
    day: usize,
    place: Place,
    follows: Option<Time>,
    cx: &mut Context<'_>,
) -> Option<Talk> {
    let title = t.required_text("title");
    let abstract_text = t.text("abstract");
    let speakers = people(t, "speakers", cx.speakers);
    if speakers.is_empty() && !t.has("speakers") {
        t.missing(
            "speakers",
            "give the speakers' ids, such as `[ada-lovelace]`",
        );
    }
    let (start, end) = times(t, follows);
    let tags = ["track", "type", "language"]
        .into_iter()
        .filter_map(|k| t.text(k))
        .collect();
    let (title, start, end) = (title?, start?, end?);
    cx.timed.push(Timed {
        day,
        start,
        end,
        place: place.clone(),
        people: speakers.clone(),
        title: title.clone(),
        line: t.line_of("title"),
        session: false,
    });
    Some(Talk {
        title,
        abstract_text,
        speakers,
        start,
        end,
        place,
        tags,
    })
}

/// `start` (or the end of what came before) and `end` (or `duration` in
/// minutes); the end after the start.
fn times(f: &mut Fields<'_>, follows: Option<Time>) -> (Option<Time>, Option<Time>) {
    let start = f.parsed("start", parse_time).or(follows);
    if start.is_none() && !f.has("start") {
        f.missing("start", "give the time as HH:MM");
    }
    let duration = f.count("duration", 1..=24 * 60);
    let end = match (f.parsed("end", parse_time), duration, start) {
        (Some(e), _, _) => Some(e),
        (None, Some(d), Some(s)) => Some(Time(s.0 + d as u16)),
        _ => {
            if !f.has("end") && !f.has("duration") {
                f.missing("end", "give `end: HH:MM` or `duration:` in minutes");
            }
            None
        }
    };
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        let d = f
            .error_at(
                "end",
                format!("it ends ({}) before it starts ({})", e.hh_mm(), s.hh_mm()),
            )
            .hint("times are HH:MM on a 24-hour clock; after midnight write 25:30");
        f.report(d);
        return (start, None);
    }
    (start, end)
}

/// Reports an entry that does not fit inside `(start, end)`.
fn within(
    f: &mut Fields<'_>,
    title: &str,
    (s, e): (Time, Time),
    (from, to): (Time, Time),
    what: &str,
) {
    if s < from || e > to {
        let d = f
            .error_at(
                "start",
                format!(
                    "`{title}` ({}–{}) runs outside {what} ({}–{})",
                    s.hh_mm(),
                    e.hh_mm(),
                    from.hh_mm(),
                    to.hh_mm()
                ),
            )
            .hint(format!("move it, or widen {what}"));
        f.report(d);
    }
}

/// `room:` or `rooms:` of an entry; every room of the day when neither.
fn place(f: &mut Fields<'_>, day_rooms: &[usize], rooms: &[Room]) -> Place {
    for key in ["room", "rooms"] {
        if f.is_text(key) && f.map_text(key).as_deref() == Some("all") {
            f.text(key);
            return Place::All;
        }
        if f.has(key) {
            return Place::Rooms(room_list(f, key, rooms, Some(day_rooms)));
        }
    }
    Place::All
}

/// Room ids (one, or a list) → indices; unknown ones and ones the day does
/// not use are reported.
fn room_list(
    f: &mut Fields<'_>,
    key: &'static str,
    rooms: &[Room],
    day: Option<&[usize]>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for id in f.text_list(key) {
        let Some(k) = rooms.iter().position(|r| r.id == id) else {
            let ids: Vec<&str> = rooms.iter().map(|r| r.id.as_str()).collect();
            let mut d = f.error_at(key, format!("unknown room `{id}`"));
            d = match did_you_mean(&id, &ids) {
                Some(near) => d.hint(format!("did you mean `{near}`?")),
                None => d.hint(format!("rooms in `rooms:`: {}", ids.join(", "))),
            };
            f.report(d);
            continue;
        };
        if let Some(day) = day
            && !day.contains(&k)
        {
            let d = f
                .error_at(key, format!("room `{id}` is not in use that day"))
                .hint("add it to the day's `rooms:`, or choose another room");
            f.report(d);
            continue;
        }
        out.push(k);
    }
    out
}

/// Speaker ids → indices, with "did you mean" for unknown ones.
fn people(f: &mut Fields<'_>, key: &'static str, speakers: &[Speaker]) -> Vec<usize> {
    let mut out = Vec::new();
    for id in f.text_list(key) {
        match speakers.iter().position(|s| s.id == id) {
            Some(k) => out.push(k),
            None => {
                let ids: Vec<&str> = speakers.iter().map(|s| s.id.as_str()).collect();
                let mut d = f.error_at(key, format!("unknown person `{id}`"));
                d = match did_you_mean(&id, &ids) {
                    Some(near) => d.hint(format!("did you mean `{near}`?")),
                    None => d.hint("people are described in data/speakers.yaml; use their `id`"),
                };
                f.report(d);
            }
        }
    }
    out
}

/// Two things in one room at once, and a person in two places at once.
/// Sessions are windows around their talks: only their chairs count.
fn check_overlaps(
    timed: &[Timed],
    rooms: &[Room],
    speakers: &[Speaker],
    src: &Source,
    diags: &mut Diagnostics,
) {
    let at = |t: &Timed| Diagnostic::error("").in_file(&src.path).at(t.line, 1);
    for (j, b) in timed.iter().enumerate() {
        for a in &timed[..j] {
            if a.day != b.day || a.end <= b.start || b.end <= a.start {
                continue;
            }
            let shared = rooms
                .iter()
                .enumerate()
                .find(|(k, _)| a.place.has(*k) && b.place.has(*k));
            if let Some((_, room)) = shared.filter(|_| !a.session && !b.session) {
                let mut d = at(b).hint("move one of them, or put them in different rooms");
                d.message = format!(
                    "`{}` overlaps `{}` (line {}) in {}",
                    b.title, a.title, a.line, room.name
                );
                diags.push(d);
                continue;
            }
            // A chair is where their session is; a speaker of a talk in it too.
            let same_place = shared.is_some();
            for p in b.people.iter().filter(|p| a.people.contains(p)) {
                if same_place && (a.session || b.session) {
                    continue;
                }
                let mut d = at(b).hint("a person can be in one place at a time");
                d.message = format!(
                    "{} is in two places at once: `{}` and `{}` (line {})",
                    speakers[*p].name, b.title, a.title, a.line
                );
                diags.push(d);
            }
        }
    }
}

/// A person who chairs a session and gives no talk, and whose role the
/// speakers file leaves at its default, is a chair: their badge says so.
pub fn chairs_as_chairs(programme: &Programme, speakers: &mut [Speaker]) {
    let mut chairs = vec![false; speakers.len()];
    let mut talks = vec![false; speakers.len()];
    for entry in programme.days.iter().flat_map(|d| &d.entries) {
        let given: Vec<&Talk> = match entry {
            Entry::Session(s) => {
                s.chairs.iter().for_each(|&c| chairs[c] = true);
                s.talks.iter().collect()
            }
            Entry::Talk(t) => vec![t],
            Entry::Slot(_) => Vec::new(),
        };
        for t in given {
            t.speakers.iter().for_each(|&p| talks[p] = true);
        }
    }
    for (k, s) in speakers.iter_mut().enumerate() {
        if chairs[k] && !talks[k] && s.role == crate::model::Role::Speaker {
            s.role = crate::model::Role::Chair;
        }
    }
}
