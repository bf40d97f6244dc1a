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
            let message = format!("cannot read the header row ({e})");
            p.error_at(1, 1, message, "the first row names the columns");
            return None;
        }
    };
    let missing: Vec<&str> = ["date", "start", "title"]
        .into_iter()
        .filter(|c| !headers.iter().any(|h| h == c))
        .collect();
    for column in &missing {
        let hint = "columns: date, start, end or duration, room, title, speakers, affiliations, abstract, track, type";
        p.error_at(1, 1, format!("no `{column}` column"), hint);
    }
    if !missing.is_empty() {
        return None;
    }
    let mut export = Export {
        system: "csv",
        ..Export::default()
    };
    for (k, record) in reader.records().enumerate() {
        match record {
            Ok(r) => row(&r, &headers, k + 2, &mut export, p),
            Err(e) => {
                let message = format!("cannot read the row ({e})");
                p.error_at(k + 2, 1, message, "check the quotes in this row");
            }
        }
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

/// The index of `value` in `list`, added when new.
fn index_of<T: PartialEq + Clone>(list: &mut Vec<T>, value: &T) -> usize {
    list.iter().position(|x| x == value).unwrap_or_else(|| {
        list.push(value.clone());
        list.len() - 1
    })
}

/// One row: a talk, or a slot when nobody gives it.
fn row(
    record: &csv::StringRecord,
    headers: &[String],
    line: usize,
    export: &mut Export,
    p: &mut Problems,
) {
    let line = record.position().map_or(line, |pos| pos.line() as usize);
    let cell = |name: &str| {
        let c = headers.iter().position(|h| h == name)?;
        record
            .get(c)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let date = cell("date").and_then(|d| crate::load::parse_date_str(&d).ok());
    let start = cell("start").and_then(|t| minutes(&t));
    let (Some(date), Some(start), Some(title)) = (date, start, cell("title")) else {
        let message = "the row needs a `date` (YYYY-MM-DD), a `start` (HH:MM) and a `title`".into();
        p.error_at(line, 1, message, "fill them in, or delete the row");
        return;
    };
    let end = cell("end").and_then(|t| minutes(&t));
    let duration = cell("duration").and_then(|d| d.parse::<u16>().ok());
    let Some(duration) = duration
        .or_else(|| end.map(|e| e.saturating_sub(start)))
        .filter(|d| *d > 0)
    else {
        let message =
            format!("`{title}` needs an `end` after its start, or a `duration` in minutes");
        p.error_at(line, 1, message, "fill one in");
        return;
    };
    let day = index_of(&mut export.days, &date);
    let room = cell("room").map(|r| index_of(&mut export.rooms, &r));
    let split = |c: Option<String>| -> Vec<String> {
        c.map(|s| s.split(';').map(|n| n.trim().to_string()).collect())
            .unwrap_or_default()
    };
    let names: Vec<String> = split(cell("speakers"))
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect();
    let affiliations = split(cell("affiliations"));
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
    export.events.push(Event {
        id,
        title,
        text: cell("abstract").map(|a| to_markup(&a).0),
        day,
        start,
        duration,
        room,
        tags,
        persons: names,
    });
}
