//! Sessionize's "All" export of its API (`/api/v2/{id}/view/All`):
//! sessions, speakers, rooms and categories. Service sessions (breaks) and
//! sessions without speakers become slots; a speaker's tag line becomes
//! their affiliation; categories (track, format…) become tags.

use super::Problems;
use super::export::{Event, Export, Person, date_time, days_between};
use super::text::to_markup;
use serde_json::Value;

/// Reads a Sessionize export.
pub fn sessionize(text: &str, p: &mut Problems) -> Option<Export> {
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
    let list = |k: &str| value.get(k).and_then(Value::as_array).cloned();
    let (Some(sessions), Some(speakers)) = (list("sessions"), list("speakers")) else {
        p.error_path(
            "sessions",
            "the file has no `sessions` and `speakers` lists",
            "is this Sessionize's \"All\" export? Give --format to say which format it is",
        );
        return None;
    };
    let s = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let id = |v: &Value| {
        v.get("id")
            .map(|i| i.to_string().trim_matches('"').to_string())
    };
    let mut export = Export {
        system: "sessionize",
        ..Export::default()
    };
    let mut room_ids = Vec::new();
    let mut rooms = list("rooms").unwrap_or_default();
    rooms.sort_by_key(|r| r.get("sort").and_then(Value::as_i64).unwrap_or(0));
    for r in &rooms {
        if let (Some(rid), Some(name)) = (id(r), s(r, "name")) {
            room_ids.push(rid);
            export.rooms.push(name);
        }
    }
    let mut categories = Vec::new();
    for c in list("categories").unwrap_or_default() {
        for item in c
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let (Some(iid), Some(name)) = (id(item), s(item, "name")) {
                categories.push((iid, name));
            }
        }
    }
    for (k, sp) in speakers.iter().enumerate() {
        let name = s(sp, "fullName")
            .or_else(|| Some(format!("{} {}", s(sp, "firstName")?, s(sp, "lastName")?)));
        let (Some(pid), Some(name)) = (id(sp), name) else {
            p.error_path(
                &format!("speakers[{k}]"),
                "a speaker needs `id` and `fullName`",
                "check the export",
            );
            continue;
        };
        if export.persons.iter().any(|x| x.id == pid) {
            p.error_path(
                &format!("speakers[{k}].id"),
                &format!("duplicate speaker id `{pid}`"),
                "each speaker must have an id of its own",
            );
            continue;
        }
        let bio = s(sp, "bio").map(|b| {
            let (m, dropped) = to_markup(&b);
            if !dropped.is_empty() {
                p.warning(format!(
                    "speaker {pid}: left out of the biography: <{}>",
                    dropped.join(">, <")
                ));
            }
            m
        });
        export.persons.push(Person {
            id: pid,
            name,
            bio,
            affiliation: s(sp, "tagLine"),
            avatar: s(sp, "profilePicture"),
        });
    }
    let mut parsed = Vec::new();
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
        let (Some(start), Some(end)) = (
            s(se, "startsAt").and_then(|t| date_time(&t)),
            s(se, "endsAt").and_then(|t| date_time(&t)),
        ) else {
            p.error_path(&format!("{path}.startsAt"), &format!("session `{title}` has no time that parses (startsAt/endsAt: YYYY-MM-DDTHH:MM:SS)"), "unscheduled sessions cannot go in a programme: schedule it, or leave it out of the export");
            continue;
        };
        parsed.push((se, sid, title, start, end));
    }
    let mut days: Vec<crate::model::Date> = parsed.iter().map(|x| x.3.0).collect();
    days.sort();
    days.dedup();
    export.days = days;
    for (se, sid, title, (on, start), (off, end)) in parsed {
        let d = export.days.iter().position(|x| *x == on).unwrap_or(0);
        let end = (days_between(on, off).max(0) as u16) * 24 * 60 + end;
        let room = se
            .get("roomId")
            .map(|r| r.to_string())
            .and_then(|r| room_ids.iter().position(|x| *x == r));
        let service = se
            .get("isServiceSession")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let persons: Vec<String> = if service {
            Vec::new()
        } else {
            se.get("speakers")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let tags = se
            .get("categoryItems")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let c = c.to_string();
                categories
                    .iter()
                    .find(|(i, _)| *i == c)
                    .map(|(_, n)| ("track", n.clone()))
            })
            .collect();
        let text = s(se, "description")
            .map(|t| to_markup(&t).0)
            .filter(|t| !t.is_empty());
        let duration = end.saturating_sub(start);
        export.events.push(Event {
            id: sid,
            title,
            text,
            day: d,
            start,
            duration,
            room,
            tags,
            persons,
        });
    }
    Some(export)
}
