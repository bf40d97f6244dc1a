//! frab's schedule, which pretalx publishes too: `schedule.xml` (frab's
//! XML) and `schedule.json` (the same shape, as the c3voc JSON schema
//! describes it). Each `<day>` holds rooms holding events; an event after
//! midnight stays in its day, its start past 24:00.

use super::Problems;
use super::export::{Event, Export, Person, date_time, days_between, minutes};
use super::text::to_markup;
use serde_json::Value;

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

/// The trimmed text of `node`'s child `name`, if it has any.
fn child(node: Node<'_, '_>, name: &str) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name(name))
        .and_then(|c| c.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Reads frab's XML.
pub fn xml(text: &str, p: &mut Problems) -> Option<Export> {
    let doc = match roxmltree::Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            let pos = e.pos();
            let (line, col) = (pos.row as usize, pos.col as usize);
            let hint = "check that the file is complete: exports cut short end in the middle of an element";
            p.error_at(line, col, format!("invalid XML: {e}"), hint);
            return None;
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "schedule" {
        let message = format!(
            "the root element is <{}>, not <schedule>",
            root.tag_name().name()
        );
        p.error_at(
            1,
            1,
            message,
            "is this frab's schedule.xml? Give --format to say which format it is",
        );
        return None;
    }
    let mut export = Export {
        system: "frab",
        ..Export::default()
    };
    if let Some(conf) = root.children().find(|c| c.has_tag_name("conference")) {
        export.title = child(conf, "title").unwrap_or_default();
        export.acronym = child(conf, "acronym");
        export.language = child(conf, "language");
    }
    if export.title.is_empty() {
        let message = "the schedule has no <conference><title>".into();
        p.error_at(1, 1, message, "frab writes the conference's title there");
    }
    for day in root.children().filter(|c| c.has_tag_name("day")) {
        xml_day(&doc, day, &mut export, p);
    }
    Some(export)
}

/// Where a node starts: line and column.
fn at(doc: &roxmltree::Document<'_>, node: Node<'_, '_>) -> (usize, usize) {
    let pos = doc.text_pos_at(node.range().start);
    (pos.row as usize, pos.col as usize)
}

/// One `<day>`: its rooms' events.
fn xml_day(
    doc: &roxmltree::Document<'_>,
    day: Node<'_, '_>,
    export: &mut Export,
    p: &mut Problems,
) {
    let (line, col) = at(doc, day);
    let date = (day.attribute("date")).and_then(|d| crate::load::parse_date_str(d).ok());
    let Some(date) = date else {
        let message = "a <day> without a valid `date` attribute".into();
        p.error_at(line, col, message, "write date=\"YYYY-MM-DD\"");
        return;
    };
    let d = export.days.len();
    export.days.push(date);
    for room in day.children().filter(|c| c.has_tag_name("room")) {
        let name = room.attribute("name").unwrap_or("").to_string();
        for ev in room.children().filter(|c| c.has_tag_name("event")) {
            xml_event(doc, ev, &name, (d, date), export, p);
        }
    }
}

/// One `<event>`, its people added to the export's.
fn xml_event(
    doc: &roxmltree::Document<'_>,
    ev: Node<'_, '_>,
    room: &str,
    (d, date): (usize, crate::model::Date),
    export: &mut Export,
    p: &mut Problems,
) {
    let (line, col) = at(doc, ev);
    let id = ev
        .attribute("id")
        .or(ev.attribute("guid"))
        .map(str::to_string);
    let start = child(ev, "start").and_then(|s| minutes(&s));
    let duration = child(ev, "duration").and_then(|s| minutes(&s));
    let (Some(id), Some(title), Some(start), Some(duration)) =
        (id, child(ev, "title"), start, duration)
    else {
        let message = "an <event> without id, <title>, <start> or <duration> (HH:MM)".into();
        p.error_at(line, col, message, "every event needs all four");
        return;
    };
    // After midnight: the event's own date is the next day.
    let start = match child(ev, "date").and_then(|s| date_time(&s)) {
        Some((on, _)) => (days_between(date, on).max(0) as u16) * 24 * 60 + start,
        None => start,
    };
    let people = ev
        .children()
        .filter(|c| c.has_tag_name("persons"))
        .flat_map(|ps| ps.children().filter(|c| c.has_tag_name("person")));
    let mut persons = Vec::new();
    for person in people {
        let Some(pid) = person.attribute("id").or(person.attribute("guid")) else {
            continue;
        };
        if !export.persons.iter().any(|x| x.id == pid) {
            let name = person.text().unwrap_or("").trim().to_string();
            export.persons.push(Person {
                id: pid.to_string(),
                name,
                ..Person::default()
            });
        }
        persons.push(pid.to_string());
    }
    let read = Read {
        id,
        title,
        day: d,
        start,
        duration,
        persons,
    };
    push_event(export, room, read, |k| child(ev, k), p);
}

/// What an event is, read from either shape.
struct Read {
    id: String,
    title: String,
    day: usize,
    start: u16,
    duration: u16,
    persons: Vec<String>,
}

/// Adds an event with its texts and tags, read by `get` (subtitle,
/// abstract, description, track, type, language).
fn push_event(
    export: &mut Export,
    room: &str,
    e: Read,
    get: impl Fn(&str) -> Option<String>,
    p: &mut Problems,
) {
    let parts = [
        get("subtitle").map(|t| format!("*{t}*")),
        get("abstract"),
        get("description"),
    ];
    let text = texts(&parts, p, &format!("event {}", e.id));
    let tags = ["track", "type", "language"]
        .into_iter()
        .filter_map(|k| get(k).map(|v| (k, v)))
        .collect();
    let room = room_index(&mut export.rooms, room);
    export.events.push(Event {
        id: e.id,
        title: e.title,
        text,
        day: e.day,
        start: e.start,
        duration: e.duration,
        room,
        tags,
        persons: e.persons,
    });
}

/// The index of a room by name, added when new; none for no name.
fn room_index(rooms: &mut Vec<String>, name: &str) -> Option<usize> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    Some(rooms.iter().position(|r| r == name).unwrap_or_else(|| {
        rooms.push(name.to_string());
        rooms.len() - 1
    }))
}

/// Abstract, description and so on, each converted, as one text.
fn texts(parts: &[Option<String>], p: &mut Problems, whose: &str) -> Option<String> {
    let mut out = Vec::new();
    for part in parts.iter().flatten() {
        let (markup, dropped) = to_markup(part);
        if !dropped.is_empty() {
            p.warning(format!(
                "{whose}: left out of the text: <{}>",
                dropped.join(">, <")
            ));
        }
        if !markup.is_empty() {
            out.push(markup);
        }
    }
    (!out.is_empty()).then(|| out.join("\n\n"))
}

/// Reads frab's JSON (pretalx's `schedule.json`).
pub fn json(text: &str, p: &mut Problems) -> Option<Export> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            p.error_at(
                e.line(),
                e.column(),
                format!("invalid JSON: {e}"),
                "check that the file is complete",
            );
            return None;
        }
    };
    let Some(conf) = value.pointer("/schedule/conference") else {
        p.error_path(
            "schedule.conference",
            "the file has no `schedule.conference`",
            "is this frab's or pretalx's schedule.json? Give --format to say which format it is",
        );
        return None;
    };
    let str_at = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut export = Export {
        system: "frab",
        title: str_at(conf, "title").unwrap_or_default(),
        acronym: str_at(conf, "acronym"),
        ..Export::default()
    };
    if export.title.is_empty() {
        p.error_path(
            "schedule.conference.title",
            "the conference has no title",
            "frab and pretalx write it there",
        );
    }
    if let Some(rooms) = conf.get("rooms").and_then(Value::as_array) {
        for r in rooms {
            if let Some(name) = str_at(r, "name") {
                room_index(&mut export.rooms, &name);
            }
        }
    }
    let days = conf
        .get("days")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (k, day) in days.iter().enumerate() {
        let path = format!("schedule.conference.days[{k}]");
        let Some(date) = str_at(day, "date").and_then(|d| crate::load::parse_date_str(&d).ok())
        else {
            p.error_path(
                &path,
                "a day without a valid `date`",
                "write \"YYYY-MM-DD\"",
            );
            continue;
        };
        let d = export.days.len();
        export.days.push(date);
        let Some(rooms) = day.get("rooms").and_then(Value::as_object) else {
            continue;
        };
        for (room, events) in rooms {
            for (e, ev) in events.as_array().into_iter().flatten().enumerate() {
                let path = format!("{path}.rooms[\"{room}\"][{e}]");
                event_json(ev, &path, room, (d, date), &mut export, p);
            }
        }
    }
    Some(export)
}

/// A JSON value's trimmed, non-empty text at `key`.
fn text_at(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// An id given as a number or as text.
fn id_at(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .filter(|i| !i.is_null())
        .map(|i| i.to_string().trim_matches('"').to_string())
}

fn event_json(
    ev: &Value,
    path: &str,
    room: &str,
    (d, date): (usize, crate::model::Date),
    export: &mut Export,
    p: &mut Problems,
) {
    let s = |k: &str| text_at(ev, k);
    let id = id_at(ev, "id").or_else(|| s("guid"));
    let start = s("start").and_then(|t| minutes(&t));
    let duration = s("duration").and_then(|t| minutes(&t));
    let (Some(id), Some(title), Some(start), Some(duration)) = (id, s("title"), start, duration)
    else {
        let missing = ["id", "title", "start", "duration"]
            .into_iter()
            .find(|k| s(k).is_none() && (*k != "id" || ev.get("id").is_none()))
            .unwrap_or("start");
        let message = "an event needs `id`, `title`, `start` and `duration` (HH:MM)";
        p.error_path(&format!("{path}.{missing}"), message, "check the export");
        return;
    };
    let start = match s("date").and_then(|t| date_time(&t)) {
        Some((on, _)) => (days_between(date, on).max(0) as u16) * 24 * 60 + start,
        None => start,
    };
    let persons = persons_json(ev, path, export, p);
    let read = Read {
        id,
        title,
        day: d,
        start,
        duration,
        persons,
    };
    push_event(export, room, read, s, p);
}

/// An event's people, added to the export's the first time they appear;
/// their ids.
fn persons_json(ev: &Value, path: &str, export: &mut Export, p: &mut Problems) -> Vec<String> {
    let mut out = Vec::new();
    let people = ev
        .get("persons")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    for (k, person) in people.enumerate() {
        let ps = |key: &str| text_at(person, key);
        let pid = id_at(person, "id")
            .or_else(|| ps("code"))
            .or_else(|| ps("guid"));
        let name = ps("public_name")
            .or_else(|| ps("name"))
            .or_else(|| ps("full_public_name"));
        let (Some(pid), Some(name)) = (pid, name) else {
            let message = "a person needs an id (`id`, `code` or `guid`) and a `public_name`";
            p.error_path(&format!("{path}.persons[{k}]"), message, "check the export");
            continue;
        };
        if !export.persons.iter().any(|x| x.id == pid) {
            let bio = ps("biography").and_then(|b| texts(&[Some(b)], p, &format!("person {pid}")));
            export.persons.push(Person {
                id: pid.clone(),
                name,
                bio,
                affiliation: None,
                avatar: ps("avatar"),
            });
        }
        out.push(pid);
    }
    out
}
