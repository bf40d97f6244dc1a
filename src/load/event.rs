//! `data/event.yaml` → `Event`.

use super::yaml::{Fields, Source};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Date, Event, Lang};
use serde_yaml::Value;

pub fn read_event(src: &Source, value: &Value, diags: &mut Diagnostics) -> Option<Event> {
    let Some(map) = value.as_mapping() else {
        diags.push(
            Diagnostic::error("the event file must be a mapping (`name: …` and so on)")
                .in_file(&src.path)
                .at(1, 1)
                .hint("start with a line such as `name: My Workshop`"),
        );
        return None;
    };
    let mut f = Fields::new(src, src.whole(), map, diags);
    let name = f.required_text("name");
    let short_name = f.text("short_name");
    let date = f.parsed("date", parse_date);
    let venue = f.text("venue");
    let city = f.text("city");
    let website = f.text("website");
    let organisers = f.text_list("organisers");
    let language = language(&mut f, "language").unwrap_or_default();
    f.finish();
    Some(Event {
        name: name?,
        short_name,
        date,
        venue,
        city,
        website,
        organisers,
        language,
    })
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let bad = || format!("`{s}` is not a date in the form YYYY-MM-DD");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let year: u16 = y.parse().map_err(|_| bad())?;
    let month: u8 = m.parse().map_err(|_| bad())?;
    let day: u8 = d.parse().map_err(|_| bad())?;
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("`{s}` has no month {month}")),
    };
    if day == 0 || day > days {
        return Err(format!("`{s}`: month {month} has no day {day}"));
    }
    Ok(Date { year, month, day })
}

/// A language tag (`key` of the mapping): any well-formed BCP 47 tag; one
/// the language table lacks is set without hyphenation, with a warning.
pub fn language(f: &mut Fields<'_>, key: &'static str) -> Option<Lang> {
    let tag = f.text(key)?;
    match Lang::resolve(&tag) {
        Ok(lang) if lang.known() => Some(lang),
        Ok(lang) => {
            let d = f
                .warning_at(
                    key,
                    format!("booklet has no rules for language `{tag}`: its text is not hyphenated, and quotation marks and built-in words are English"),
                )
                .hint(format!("languages with rules: {}", Lang::tags().join(", ")));
            f.report(d);
            Some(lang)
        }
        Err(why) => {
            let d = f.error_at(key, format!("invalid `{key}`: {why}"));
            f.report(d);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(
            parse_date("2024-02-29"),
            Ok(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2023-13-01").is_err());
        assert!(parse_date("23-1-1").is_err());
        assert!(parse_date("June 3rd").is_err());
    }
}
