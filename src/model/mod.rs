//! The event as plain data: what was asked for, already validated.
//!
//! Nothing here parses or renders. `load` builds these values; `text`,
//! `layout` and `pdf` only read them.

pub mod keyword;
mod lang;
mod layout;

pub use keyword::Keyword;
pub(crate) use keyword::keywords;
pub use lang::{LANGUAGES, Lang, LangInfo, Quotes};
pub use layout::*;

use std::path::PathBuf;
use std::sync::Arc;

/// The event as a whole (from `data/event.yaml`).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub name: String,
    pub short_name: Option<String>,
    /// `YYYY-MM-DD`, checked to be a real date.
    pub date: Option<Date>,
    pub venue: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub organisers: Vec<String>,
    /// Chooses hyphenation patterns and quotation marks.
    pub language: Lang,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// "14 June 2025": unambiguous on both sides of the Atlantic.
    pub fn long(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month) - 1],
            self.year
        )
    }
}

/// A time of day, minutes since midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time(pub u16);

impl Time {
    pub fn hh_mm(&self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Role {
    #[default]
    Speaker,
    Keynote,
    Chair,
    Organiser,
}

keywords!(Role {
    "speaker" => Role::Speaker,
    "keynote" => Role::Keynote,
    "chair" => Role::Chair,
    "organiser" => Role::Organiser,
});

impl Role {
    /// The label printed on badges.
    pub fn label(&self) -> &'static str {
        match self {
            Role::Speaker => "Speaker",
            Role::Keynote => "Keynote",
            Role::Chair => "Chair",
            Role::Organiser => "Organiser",
        }
    }
}

/// One speaker and their talk (from `data/speakers.yaml`).
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// Unique; used in file names and link targets.
    pub id: String,
    pub name: String,
    pub affiliation: Option<String>,
    pub affiliation_url: Option<String>,
    pub title: Option<String>,
    /// Marked-up text: paragraphs, `*emphasis*`, `**strong**`, `[text](url)`.
    pub abstract_text: Option<String>,
    pub bio: Option<String>,
    pub photo: PhotoSource,
    /// Centre of the crop, 0..1 from the photo's left and top edges.
    pub photo_focus: Option<(f64, f64)>,
    /// Printed on the badge instead of `name` ("Bob" for "Robert").
    pub badge_name: Option<String>,
    pub role: Role,
    pub start: Option<Time>,
    pub end: Option<Time>,
    /// Overrides the event's language for this speaker's texts.
    pub lang: Option<Lang>,
}

impl Speaker {
    /// Initials for placeholders: first letter of the first and last word.
    pub fn initials(&self) -> String {
        let words: Vec<&str> = self.name.split_whitespace().collect();
        let first = |w: &str| w.chars().next().map(|c| c.to_uppercase().to_string());
        match words.as_slice() {
            [] => String::new(),
            [only] => first(only).unwrap_or_default(),
            [a, .., z] => format!(
                "{}{}",
                first(a).unwrap_or_default(),
                first(z).unwrap_or_default()
            ),
        }
    }
}

/// Where a speaker's portrait comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum PhotoSource {
    Photo(Arc<Photo>),
    /// No usable photo: the layout draws the speaker's initials instead.
    Placeholder,
}

/// A decoded-enough photo: what the PDF writer embeds.
#[derive(Debug, PartialEq)]
pub struct Photo {
    /// The file it came from, for messages.
    pub path: PathBuf,
    /// Pixel size as displayed (after EXIF orientation).
    pub width: u32,
    pub height: u32,
    pub data: PhotoData,
}

#[derive(Debug, PartialEq)]
pub enum PhotoData {
    /// A JPEG embedded byte for byte (no re-encoding, no loss).
    Jpeg {
        bytes: Vec<u8>,
        components: u8,
        /// Adobe CMYK JPEGs store inverted values.
        inverted_cmyk: bool,
    },
    /// Decoded 8-bit samples (grey or RGB), compressed losslessly in the PDF.
    Raw {
        components: u8,
        samples: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

/// Everything a build reads, validated.
#[derive(Clone, Debug)]
pub struct Project {
    pub root: PathBuf,
    pub event: Event,
    pub speakers: Vec<Speaker>,
    pub booklet: BookletLayout,
    pub badge: BadgeLayout,
    /// The booklet layout's cover logo, loaded.
    pub logo: Option<Arc<Photo>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(name: &str) -> Speaker {
        Speaker {
            id: "x".into(),
            name: name.into(),
            affiliation: None,
            affiliation_url: None,
            title: None,
            abstract_text: None,
            bio: None,
            photo: PhotoSource::Placeholder,
            photo_focus: None,
            badge_name: None,
            role: Role::Speaker,
            start: None,
            end: None,
            lang: None,
        }
    }

    #[test]
    fn initials_take_first_and_last_word() {
        assert_eq!(speaker("Jian Tang").initials(), "JT");
        assert_eq!(speaker("Maria van der Berg").initials(), "MB");
        assert_eq!(speaker("Ólafur").initials(), "Ó");
        assert_eq!(speaker("élise durand").initials(), "ÉD");
    }

    #[test]
    fn dates_read_long() {
        let d = Date {
            year: 2025,
            month: 6,
            day: 14,
        };
        assert_eq!(d.long(), "14 June 2025");
    }
}
