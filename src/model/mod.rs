//! The event as plain data: what was asked for, already validated.
//!
//! Nothing here reads files or renders. `load` builds these values; `text`,
//! `layout` and `pdf` only read them. The parsers of single values that
//! belong to a type (a colour, a keyword, a language tag) live beside it, so
//! that the loader and its messages share one list of what is accepted.

pub mod keyword;
mod lang;
mod layout;
pub mod programme;
pub mod words;

pub use keyword::Keyword;
pub(crate) use keyword::keywords;
pub use lang::{LANGUAGES, Lang, LangInfo, Quotes};
pub use layout::*;
pub use programme::{Day, Entry, Place, Programme, Room, Session, Slot, Talk};
pub use words::Words;

use std::path::PathBuf;
use std::sync::Arc;

/// The event as a whole (from `data/event.yaml`).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The full name, on the cover and in running heads.
    pub name: String,
    /// An acronym such as `GSEC 2026`, on badges and the cover.
    pub short_name: Option<String>,
    /// `YYYY-MM-DD`, checked to be a real date.
    pub date: Option<Date>,
    /// The building or institution.
    pub venue: Option<String>,
    /// The city.
    pub city: Option<String>,
    /// The event's web address, linked on the cover.
    pub website: Option<String>,
    /// Who organises it; the PDF's author.
    pub organisers: Vec<String>,
    /// Chooses hyphenation patterns and quotation marks.
    pub language: Lang,
}

/// A calendar date, checked to exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, from 1.
    pub day: u8,
}

impl Date {
    /// The date in words, in `lang`'s form: "14 June 2025" in English
    /// (unambiguous on both sides of the Atlantic), "14. Juni 2025",
    /// "2025年6月14日".
    pub fn long(&self, lang: &Lang) -> String {
        lang.words().date(self.year, self.month, self.day)
    }
}

/// A time of day, minutes since midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time(pub u16);

impl Time {
    /// `09:30`: zero-padded, 24-hour clock (`25:30` for 01:30 the next
    /// morning, as frab writes times after midnight).
    pub fn hh_mm(&self) -> String {
        format!("{:02}:{:02}", self.0 / 60 % 24, self.0 % 60)
    }
}

/// What a person does at the event: chooses the badge's colour and label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Role {
    /// Gives a talk.
    #[default]
    Speaker,
    /// Gives a keynote.
    Keynote,
    /// Chairs a session.
    Chair,
    /// Runs the event.
    Organiser,
}

keywords!(Role {
    "speaker" => Role::Speaker,
    "keynote" => Role::Keynote,
    "chair" => Role::Chair,
    "organiser" => Role::Organiser,
});

impl Role {
    /// The label printed on badges, in the badge's language.
    pub fn label(&self, lang: &Lang) -> &'static str {
        let roles = lang.words().roles;
        match self {
            Role::Speaker => roles[0],
            Role::Keynote => roles[1],
            Role::Chair => roles[2],
            Role::Organiser => roles[3],
        }
    }
}

/// One speaker and their talk (from `data/speakers.yaml`).
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// Unique; used in file names and link targets.
    pub id: String,
    /// As printed in the booklet.
    pub name: String,
    /// Institution or company.
    pub affiliation: Option<String>,
    /// Its web address; the affiliation links to it.
    pub affiliation_url: Option<String>,
    /// The talk's title.
    pub title: Option<String>,
    /// Marked-up text: paragraphs, `*emphasis*`, `**strong**`, `[text](url)`.
    pub abstract_text: Option<String>,
    /// The biography, with the same markup as the abstract.
    pub bio: Option<String>,
    /// The portrait, or a placeholder with the initials.
    pub photo: PhotoSource,
    /// Centre of the crop, 0..1 from the photo's left and top edges.
    pub photo_focus: Option<(f64, f64)>,
    /// Printed on the badge instead of `name` ("Bob" for "Robert").
    pub badge_name: Option<String>,
    /// Chooses the badge's colour and label.
    pub role: Role,
    /// When the talk starts (the schedule's order).
    pub start: Option<Time>,
    /// When it ends.
    pub end: Option<Time>,
    /// Where to send their proof and badge; never printed.
    pub email: Option<String>,
    /// Overrides the event's language for this speaker's texts.
    pub lang: Option<Lang>,
}

impl Speaker {
    /// Initials for placeholders: first letter of the first and last word.
    pub fn initials(&self) -> String {
        let words: Vec<&str> = self.name.split_whitespace().collect();
        // Scripts without capitals (Chinese, Arabic, Hebrew…) have no
        // initials: the name's first character stands for it.
        if let Some(c) = self.name.trim().chars().next()
            && !c.is_uppercase()
            && !c.is_lowercase()
        {
            return c.to_string();
        }
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
    /// A decoded, checked photo, shared by the booklet and the badge.
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
    /// Pixels down.
    pub height: u32,
    /// The pixels, or the JPEG to pass through.
    pub data: PhotoData,
}

/// How a photo's pixels are stored until the PDF writer embeds them.
#[derive(Debug, PartialEq)]
pub enum PhotoData {
    /// A JPEG embedded byte for byte (no re-encoding, no loss).
    Jpeg {
        /// The file as it was: embedded unchanged (DCTDecode).
        bytes: Vec<u8>,
        /// 1 (grey), 3 (RGB) or 4 (CMYK).
        components: u8,
        /// Adobe CMYK JPEGs store inverted values.
        inverted_cmyk: bool,
    },
    /// Decoded 8-bit samples (grey or RGB), compressed losslessly in the PDF.
    Raw {
        /// 1 (grey) or 3 (RGB).
        components: u8,
        /// 8-bit samples, row by row.
        samples: Vec<u8>,
        /// 8-bit opacity, one per pixel, when the image has any transparency.
        alpha: Option<Vec<u8>>,
    },
}

/// Everything a build reads, validated.
#[derive(Clone, Debug)]
pub struct Project {
    /// The event folder.
    pub root: PathBuf,
    /// The event's details.
    pub event: Event,
    /// The speakers, in the data's order.
    pub speakers: Vec<Speaker>,
    /// How the booklet looks.
    pub booklet: BookletLayout,
    /// How the badges look.
    pub badge: BadgeLayout,
    /// The booklet layout's cover logo, loaded.
    pub logo: Option<Arc<Photo>>,
    /// The programme (`data/programme.yaml`), when the event has one:
    /// then the booklet is set by days, sessions and talks.
    pub programme: Option<Programme>,
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
            email: None,
            lang: None,
        }
    }

    #[test]
    fn initials_take_first_and_last_word() {
        assert_eq!(speaker("Jian Tang").initials(), "JT");
        assert_eq!(speaker("Maria van der Berg").initials(), "MB");
        assert_eq!(speaker("Ólafur").initials(), "Ó");
        assert_eq!(speaker("élise durand").initials(), "ÉD");
        assert_eq!(speaker("山田 花子").initials(), "山");
        assert_eq!(speaker("محمد الأحمد").initials(), "م");
        assert_eq!(speaker("Анна Кузнецова").initials(), "АК");
    }

    #[test]
    fn dates_read_long() {
        let d = Date {
            year: 2025,
            month: 6,
            day: 14,
        };
        assert_eq!(d.long(&Lang::english()), "14 June 2025");
        assert_eq!(d.long(&Lang::resolve("de").unwrap()), "14. Juni 2025");
        assert_eq!(d.long(&Lang::resolve("ja").unwrap()), "2025年6月14日");
    }
}
