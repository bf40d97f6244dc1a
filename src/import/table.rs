//! A spreadsheet saved as CSV: one row per talk, with a header row naming
//! the columns (in any order): `date` (YYYY-MM-DD), `start` (HH:MM), `end`
//! (HH:MM) or `duration` (minutes), `room`, `title`, `speakers` (names,
//! several separated by `;`), and optionally `affiliations` (the same
//! order, `;`), `abstract`, `track`, `type`, `id`. A row without speakers
//! is a slot (a break). Speakers are known by their names.

use super::Problems;
use super::export::{Event, Export, Person, minutes};
use super::text::to_markup;

/// Reads a CSV programme.
pub fn csv(text: &str, p: &mut Problems) -> Option<Export> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            p.error_at(
                1,
                1,
                format!("cannot read the header row ({e})"),
                "the first row names the columns",
            );
            return None;
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    for required in ["date", "start", "title"] {
        if col(required).is_none() {
            p.error_at(1, 1, format!("no `{required}` column"), "columns: date, start, end or duration, room, title, speakers, affiliations, abstract, track, type");
        }
    }
    if col("date").is_none() || col("start").is_none() || col("title").is_none() {
        return None;
    }
    let mut export = Export {
        system: "csv",
        title: String::new(),
        ..Export::default()
    };
    for (k, record) in reader.records().enumerate() {
        let line = k + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                p.error_at(
                    line,
                    1,
                    format!("cannot read the row ({e})"),
                    "check the quotes in this row",
                );
                continue;
            }
        };
        let line = record.position().map_or(line, |pos| pos.line() as usize);
        let cell = |name: &str| {
            col(name)
                .and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let date = cell("date").and_then(|d| crate::load::parse_date_str(&d).ok());
        let start = cell("start").and_then(|t| minutes(&t));
        let end = cell("end").and_then(|t| minutes(&t));
        let duration = cell("duration").and_then(|d| d.parse::<u16>().ok());
        let (Some(date), Some(start), Some(title)) = (date, start, cell("title")) else {
            p.error_at(
                line,
                1,
                "the row needs a `date` (YYYY-MM-DD), a `start` (HH:MM) and a `title`".into(),
                "fill them in, or delete the row",
            );
            continue;
        };
        let Some(duration) = duration
            .or_else(|| end.map(|e| e.saturating_sub(start)))
            .filter(|d| *d > 0)
        else {
            p.error_at(
                line,
                1,
                format!("`{title}` needs an `end` after its start, or a `duration` in minutes"),
                "fill one in",
            );
            continue;
        };
        let d = match export.days.iter().position(|x| *x == date) {
            Some(d) => d,
            None => {
                export.days.push(date);
                export.days.len() - 1
            }
        };
        let room = cell("room").map(|r| match export.rooms.iter().position(|x| *x == r) {
            Some(i) => i,
            None => {
                export.rooms.push(r);
                export.rooms.len() - 1
            }
        });
        let names: Vec<String> = cell("speakers")
            .map(|s| {
                s.split(';')
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let affiliations: Vec<String> = cell("affiliations")
            .map(|s| s.split(';').map(|n| n.trim().to_string()).collect())
            .unwrap_or_default();
        for (i, name) in names.iter().enumerate() {
            if !export.persons.iter().any(|x| x.id == *name) {
                let affiliation = affiliations.get(i).filter(|a| !a.is_empty()).cloned();
                export.persons.push(Person {
                    id: name.clone(),
                    name: name.clone(),
                    affiliation,
                    ..Person::default()
                });
            }
        }
        let tags = ["track", "type"]
            .into_iter()
            .filter_map(|k| cell(k).map(|v| (k, v)))
            .collect();
        let id = cell("id").unwrap_or_else(|| {
            format!(
                "{}-{:02}-{:02}-{start}-{title}",
                date.year, date.month, date.day
            )
        });
        let text = cell("abstract").map(|a| to_markup(&a).0);
        export.events.push(Event {
            id,
            title,
            text,
            day: d,
            start,
            duration,
            room,
            tags,
            persons: names,
        });
    }
    // Days in date order, whatever the rows' order.
    let mut sorted = export.days.clone();
    sorted.sort();
    for e in &mut export.events {
        let date = export.days[e.day];
        e.day = sorted.iter().position(|d| *d == date).unwrap_or(0);
    }
    export.days = sorted;
    Some(export)
}
