//! The programme: days, rooms, sessions, talks by one or several people,
//! and slots that are not talks (registration, coffee, lunch). People are
//! described once (`speakers.yaml`) and referred to by their index in
//! [`super::Project::speakers`].

use super::{Date, Time};

/// A room, in column order.
#[derive(Clone, Debug, PartialEq)]
pub struct Room {
    /// The id talks and sessions use (`a`, `main-hall`).
    pub id: String,
    /// As printed.
    pub name: String,
}

/// The whole programme.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Programme {
    /// Every room, in the order of the timetable's columns.
    pub rooms: Vec<Room>,
    /// The days, in order.
    pub days: Vec<Day>,
}

/// One day of the programme.
#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    /// Its date.
    pub date: Date,
    /// A name such as "Tutorials", printed beside the date.
    pub label: Option<String>,
    /// The rooms in use that day (indices into [`Programme::rooms`]).
    pub rooms: Vec<usize>,
    /// What happens, in time order (then room order).
    pub entries: Vec<Entry>,
}

/// One entry of a day.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// A session of talks in one room.
    Session(Session),
    /// A talk outside any session (a keynote, often in every room).
    Talk(Talk),
    /// A slot that is not a talk: registration, coffee, lunch, dinner.
    Slot(Slot),
}

impl Entry {
    /// When it starts.
    pub fn start(&self) -> Time {
        match self {
            Entry::Session(s) => s.start,
            Entry::Talk(t) => t.start,
            Entry::Slot(s) => s.start,
        }
    }

    /// When it ends.
    pub fn end(&self) -> Time {
        match self {
            Entry::Session(s) => s.end,
            Entry::Talk(t) => t.end,
            Entry::Slot(s) => s.end,
        }
    }
}

/// Where an entry takes place.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// Every room of the day (plenary talks, breaks).
    All,
    /// These rooms (indices into [`Programme::rooms`]).
    Rooms(Vec<usize>),
}

impl Place {
    /// Whether the entry uses `room`.
    pub fn has(&self, room: usize) -> bool {
        match self {
            Place::All => true,
            Place::Rooms(r) => r.contains(&room),
        }
    }
}

/// A session: talks in one room under one title, with its chairs.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// As printed.
    pub title: String,
    /// Its room.
    pub room: usize,
    /// Who chairs it (indices into the speakers).
    pub chairs: Vec<usize>,
    /// When it starts.
    pub start: Time,
    /// When it ends.
    pub end: Time,
    /// Its talks, in time order.
    pub talks: Vec<Talk>,
}

/// A talk by one or several people.
#[derive(Clone, Debug, PartialEq)]
pub struct Talk {
    /// As printed.
    pub title: String,
    /// Its abstract, with the same markup as a speaker's.
    pub abstract_text: Option<String>,
    /// Who gives it (indices into the speakers), in order.
    pub speakers: Vec<usize>,
    /// When it starts.
    pub start: Time,
    /// When it ends.
    pub end: Time,
    /// Where: its session's room, its own, or every room.
    pub place: Place,
    /// A track, type ("keynote", "panel") or language, as printed.
    pub tags: Vec<String>,
}

/// A slot that is not a talk.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    /// As printed ("Coffee break").
    pub title: String,
    /// When it starts.
    pub start: Time,
    /// When it ends.
    pub end: Time,
    /// Where.
    pub place: Place,
}
