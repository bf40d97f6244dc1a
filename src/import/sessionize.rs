//! Sessionize's "All" export of its API (`/api/v2/{id}/view/All`):
//! sessions, speakers, rooms and categories. Service sessions (breaks) and
//! sessions without speakers become slots; a speaker's tag line becomes
//! their affiliation; categories (track, format…) become tags.

use super::Problems;
use super::export::{Event, Export, Person, date_time, days_between};
use super::text::to_markup;
use serde_json::Value;

/// A JSON value's trimmed, non-empty text at `key`.
fn s(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// An id given as a number or as text.
fn id(v: &Value) -> Option<String> {
    v.get("id")
        .map(|i| i.to_string().trim_matches('"').to_string())
}

/// Reads a Sessionize export.
pub fn sessionize(text: &str, p: &mut Problems) -> Option<Export> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let hint = "check that the file is complete";
            p.error_at(e.line(), e.column(), format!("invalid JSON: {e}"), hint);
            return None;
        }
    };
    let list = |k: &str| value.get(k).and_then(Value::as_array).cloned();
    let (Some(sessions), Some(speakers)) = (list("sessions"), list("speakers")) else {
        let hint = "is this Sessionize's \"All\" export? Give --format to say which format it is";
        p.error_path(
            "sessions",
            "the file has no `sessions` and `speakers` lists",
            hint,
        );
        return None;
    };
    let mut export = Export {
        system: "sessionize",
        ..Export::default()
    };
    let room_ids = rooms(list("rooms").unwrap_or_default(), &mut export);
    let categories = categories(list("categories").unwrap_or_default());
    people(&speakers, &mut export, p);
    let parsed = timed(&sessions, p);
    let mut days: Vec<crate::model::Date> = parsed.iter().map(|x| x.2.0).collect();
    days.sort();
    days.dedup();
    export.days = days;
    for (se, sid, (on, start), (off, end)) in parsed {
        let title = s(se, "title").unwrap_or_default();
        let d = export.days.iter().position(|x| *x == on).unwrap_or(0);
        let end = (days_between(on, off).max(0) as u16) * 24 * 60 + end;
        let room = (se.get("roomId").map(|r| r.to_string()))
            .and_then(|r| room_ids.iter().position(|x| *x == r));
        let service = se
            .get("isServiceSession")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let persons: Vec<String> = match service {
            true => Vec::new(),
            false => (se
                .get("speakers")
                .and_then(Value::as_array)
                .into_iter()
                .flatten())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        };
        let tags = (se
            .get("categoryItems")
            .and_then(Value::as_array)
            .into_iter()
            .flatten())
        .filter_map(|c| {
            let c = c.to_string();
            let found = categories.iter().find(|(i, _)| *i == c);
            found.map(|(_, n)| ("track", n.clone()))
        })
        .collect();
        let text = s(se, "description")
            .map(|t| to_markup(&t).0)
            .filter(|t| !t.is_empty());
        export.events.push(Event {
            id: sid,
            title,
            text,
            day: d,
            start,
            duration: end.saturating_sub(start),
            room,
            tags,
            persons,
        });
    }
    Some(export)
}

/// Rooms in their `sort` order into the export; their ids, in that order.
fn rooms(mut rooms: Vec<Value>, export: &mut Export) -> Vec<String> {
    rooms.sort_by_key(|r| r.get("sort").and_then(Value::as_i64).unwrap_or(0));
    let mut ids = Vec::new();
    for r in &rooms {
        if let (Some(rid), Some(name)) = (id(r), s(r, "name")) {
            ids.push(rid);
            export.rooms.push(name);
        }
    }
    ids
}

/// Every category item: (id, name).
fn categories(categories: Vec<Value>) -> Vec<(String, String)> {
    let items = categories
        .iter()
        .flat_map(|c| {
            c.get("items")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .collect::<Vec<_>>();
    items
        .iter()
        .filter_map(|i| Some((id(i)?, s(i, "name")?)))
        .collect()
}

/// The speakers, each once.
fn people(speakers: &[Value], export: &mut Export, p: &mut Problems) {
    for (k, sp) in speakers.iter().enumerate() {
        let full = || Some(format!("{} {}", s(sp, "firstName")?, s(sp, "lastName")?));
        let (Some(pid), Some(name)) = (id(sp), s(sp, "fullName").or_else(full)) else {
            p.error_path(
                &format!("speakers[{k}]"),
                "a speaker needs `id` and `fullName`",
                "check the export",
            );
            continue;
        };
        if export.persons.iter().any(|x| x.id == pid) {
            let message = format!("duplicate speaker id `{pid}`");
            p.error_path(
                &format!("speakers[{k}].id"),
                &message,
                "each speaker must have an id of its own",
            );
            continue;
        }
        let bio = s(sp, "bio").map(|b| {
            let (markup, dropped) = to_markup(&b);
            if !dropped.is_empty() {
                p.warning(format!(
                    "speaker {pid}: left out of the biography: <{}>",
                    dropped.join(">, <")
                ));
            }
            markup
        });
        export.persons.push(Person {
            id: pid,
            name,
            bio,
            affiliation: s(sp, "tagLine"),
            avatar: s(sp, "profilePicture"),
        });
    }
}

/// A session with its id, start and end (date and minutes).
type Timed<'a> = (
    &'a Value,
    String,
    (crate::model::Date, u16),
    (crate::model::Date, u16),
);

/// The sessions that have an id, a title and times.
fn timed<'a>(sessions: &'a [Value], p: &mut Problems) -> Vec<Timed<'a>> {
    let mut out = Vec::new();
    for (k, se) in sessions.iter().enumerate() {
        let path = format!("sessions[{k}]");
        let (Some(sid), Some(title)) = (id(se), s(se, "title")) else {
            p.error_path(
                &path,
                "a session needs `id` and `title`",
                "check the export",
            );
            continue;
        };
        let at = |key: &str| s(se, key).and_then(|t| date_time(&t));
        let (Some(start), Some(end)) = (at("startsAt"), at("endsAt")) else {
            let message = format!(
                "session `{title}` has no time that parses (startsAt/endsAt: YYYY-MM-DDTHH:MM:SS)"
            );
            let hint = "unscheduled sessions cannot go in a programme: schedule it, or leave it out of the export";
            p.error_path(&format!("{path}.startsAt"), &message, hint);
            continue;
        };
        out.push((se, sid, start, end));
    }
    out
}
