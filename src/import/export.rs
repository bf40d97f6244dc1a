//! What every import format is read into: a conference, its rooms and
//! days, its events (talks, or slots when nobody gives them) and the people
//! in them, each with the id the source gave it, so a later import of a
//! newer export updates rather than duplicates.

use crate::model::Date;

/// A conference as an export describes it.
#[derive(Clone, Debug, Default)]
pub struct Export {
    /// Its title.
    pub title: String,
    /// Its short name, if the export has one.
    pub acronym: Option<String>,
    /// Its language (BCP 47), if given.
    pub language: Option<String>,
    /// Room names, in the export's order.
    pub rooms: Vec<String>,
    /// Days, in order.
    pub days: Vec<Date>,
    /// Events: talks and slots.
    pub events: Vec<Event>,
    /// People.
    pub persons: Vec<Person>,
    /// Which system the ids come from (`frab`, `sessionize`, `csv`).
    pub system: &'static str,
}

/// One event of the schedule.
#[derive(Clone, Debug, Default)]
pub struct Event {
    /// The source's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Abstract and description, as booklet markup.
    pub text: Option<String>,
    /// Index into [`Export::days`].
    pub day: usize,
    /// Minutes from the day's midnight (past 24:00 after midnight).
    pub start: u16,
    /// Minutes.
    pub duration: u16,
    /// Index into [`Export::rooms`]; none for every room.
    pub room: Option<usize>,
    /// Track, type and language, by those keys, as printed.
    pub tags: Vec<(&'static str, String)>,
    /// The source ids of the people giving it.
    pub persons: Vec<String>,
}

/// One person.
#[derive(Clone, Debug, Default)]
pub struct Person {
    /// The source's id.
    pub id: String,
    /// As printed.
    pub name: String,
    /// Biography, as booklet markup.
    pub bio: Option<String>,
    /// Affiliation or tag line.
    pub affiliation: Option<String>,
    /// A URL or a path (relative to the export) of their picture.
    pub avatar: Option<String>,
}

/// Minutes of an `HH:MM` (or `HH:MM:SS`) duration or time of day.
pub fn minutes(s: &str) -> Option<u16> {
    let mut parts = s.trim().split(':');
    let h: u16 = parts.next()?.parse().ok()?;
    let m: u16 = parts.next()?.parse().ok()?;
    (m < 60).then_some(h * 60 + m)
}

/// An ISO date-time `YYYY-MM-DDTHH:MM[:SS][zone]` → its local date and
/// minutes since that date's midnight (the zone is the event's own).
pub fn date_time(s: &str) -> Option<(Date, u16)> {
    let (date, time) = s.trim().split_once(['T', ' '])?;
    let date = crate::load::parse_date_str(date).ok()?;
    Some((date, minutes(&time[..5.min(time.len())])?))
}

/// Days from `a` to `b`.
pub fn days_between(a: Date, b: Date) -> i64 {
    let n = |d: Date| {
        let (y, m, d) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
    };
    n(b) - n(a)
}
