//! The event folder's YAML from an export, merged with what is there: the
//! programme is written anew from the export; people are matched by the
//! source's id (`source:` in `speakers.yaml`), their names and biographies
//! updated, everything the organiser added kept (photo, photo_focus,
//! badge_name, role, a corrected affiliation); the event's own fields
//! (city, venue, website…) kept.

use super::export::Export;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A YAML string: double-quoted, escaped.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A text, as a block scalar when it has paragraphs.
fn text(key: &str, value: &str, indent: &str) -> String {
    if !value.contains('\n') {
        return format!("{indent}{key}: {}\n", q(value));
    }
    let mut out = format!("{indent}{key}: |-\n");
    for line in value.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}  {line}");
        }
    }
    out
}

/// One existing value, written back.
fn value(key: &str, v: &Value, indent: &str) -> String {
    match v {
        Value::String(s) => text(key, s, indent),
        Value::Sequence(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => q(s),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                })
                .collect();
            format!("{indent}{key}: [{}]\n", parts.join(", "))
        }
        other => format!(
            "{indent}{key}: {}\n",
            serde_yaml::to_string(other).unwrap_or_default().trim()
        ),
    }
}

/// `data/event.yaml`: the export's title, acronym, first day and language
/// over the existing file's, whose other fields stay.
pub fn event(export: &Export, existing: Option<&Mapping>) -> String {
    let mut out =
        String::from("# Imported; fields you add (venue, city, website…) are kept on re-import.\n");
    let mut set: Vec<(&str, String)> = vec![("name", export.title.clone())];
    if let Some(a) = &export.acronym {
        set.push(("short_name", a.clone()));
    }
    if let Some(d) = export.days.first() {
        set.push(("date", format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)));
    }
    if let Some(l) = &export.language {
        set.push(("language", l.clone()));
    }
    for (k, v) in &set {
        out.push_str(&text(k, v, ""));
    }
    for (k, v) in existing.into_iter().flatten() {
        let Some(k) = k.as_str() else { continue };
        if !set.iter().any(|(s, _)| *s == k) {
            out.push_str(&value(k, v, ""));
        }
    }
    out
}

/// A person as the import writes them: their id, and what to set.
pub struct PersonOut {
    /// Their speaker id.
    pub id: String,
    /// `source:` (system and the source's id).
    pub source: String,
    /// As printed.
    pub name: String,
    /// From the export.
    pub bio: Option<String>,
    /// From the export; kept only when the file has none.
    pub affiliation: Option<String>,
    /// A picture fetched for them, if any.
    pub photo: Option<String>,
    /// Their entry in the existing file, if any.
    pub existing: Option<Mapping>,
}

/// `data/speakers.yaml`: every person of the export, then the entries of
/// the existing file that did not come from this source (people the
/// organiser added by hand).
pub fn speakers(people: &[PersonOut], kept: &[Mapping]) -> String {
    let mut out = String::from(
        "# Imported. Matched by `source` on re-import: names and biographies\n# are updated, everything else you add here is kept.\n",
    );
    for p in people {
        let mut written: BTreeSet<&str> = BTreeSet::new();
        let _ = writeln!(out, "- name: {}", q(&p.name));
        written.insert("name");
        let _ = writeln!(out, "  id: {}", q(&p.id));
        let _ = writeln!(out, "  source: {}", q(&p.source));
        written.extend(["id", "source"]);
        if let Some(bio) = &p.bio {
            out.push_str(&text("bio", bio, "  "));
            written.insert("bio");
        }
        let old = p.existing.clone().unwrap_or_default();
        let has = |k: &str| old.get(k).is_some();
        if let Some(a) = p.affiliation.as_ref().filter(|_| !has("affiliation")) {
            out.push_str(&text("affiliation", a, "  "));
            written.insert("affiliation");
        }
        if let Some(photo) = p.photo.as_ref().filter(|_| !has("photo")) {
            out.push_str(&text("photo", photo, "  "));
            written.insert("photo");
        }
        for (k, v) in &old {
            let Some(k) = k.as_str() else { continue };
            if !written.contains(k) {
                out.push_str(&value(k, v, "  "));
            }
        }
    }
    for m in kept {
        let mut first = true;
        for (k, v) in m {
            let Some(k) = k.as_str() else { continue };
            let line = value(k, v, "  ");
            out.push_str(if first { "- " } else { "" });
            out.push_str(if first { line.trim_start() } else { &line });
            first = false;
        }
    }
    out
}

/// `HH:MM`, past 24:00 after midnight.
fn hhmm(m: u16) -> String {
    q(&format!("{:02}:{:02}", m / 60, m % 60))
}

/// `data/programme.yaml`, written anew: rooms, days, then every event of
/// each day in time order, with the speakers' ids (`ids` by the source's
/// person ids) and `source:` for matching on re-import.
pub fn programme(
    export: &Export,
    room_ids: &[String],
    ids: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::from(
        "# Imported: written anew on every import; edit the source, not this file.\nrooms:\n",
    );
    for (name, id) in export.rooms.iter().zip(room_ids) {
        let _ = writeln!(out, "  - {{ id: {}, name: {} }}", q(id), q(name));
    }
    out.push_str("days:\n");
    for (d, date) in export.days.iter().enumerate() {
        let mut events: Vec<&super::export::Event> =
            export.events.iter().filter(|e| e.day == d).collect();
        events.sort_by_key(|e| (e.start, e.room));
        let _ = writeln!(
            out,
            "  - date: {:04}-{:02}-{:02}",
            date.year, date.month, date.day
        );
        let late = events
            .iter()
            .map(|e| e.start + e.duration)
            .max()
            .unwrap_or(0);
        if late > 24 * 60 {
            // Events after midnight belong to this day: it runs on.
            let _ = writeln!(out, "    end: {}", hhmm(late));
        }
        out.push_str("    entries:\n");
        for e in events {
            let _ = writeln!(out, "      - title: {}", q(&e.title));
            let _ = writeln!(
                out,
                "        source: {}",
                q(&format!("{}:{}", export.system, e.id))
            );
            let speakers: Vec<String> = e
                .persons
                .iter()
                .filter_map(|p| ids(p))
                .map(|i| q(&i))
                .collect();
            if !speakers.is_empty() {
                let _ = writeln!(out, "        speakers: [{}]", speakers.join(", "));
            }
            let _ = writeln!(out, "        start: {}", hhmm(e.start));
            let _ = writeln!(out, "        end: {}", hhmm(e.start + e.duration.max(1)));
            if let Some(r) = e.room {
                let _ = writeln!(out, "        room: {}", q(&room_ids[r]));
            }
            for (k, v) in &e.tags {
                if !speakers.is_empty() {
                    out.push_str(&text(k, v, "        "));
                }
            }
            if let (Some(t), false) = (&e.text, speakers.is_empty()) {
                out.push_str(&text("abstract", t, "        "));
            }
        }
    }
    out
}
