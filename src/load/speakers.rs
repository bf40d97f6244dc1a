//! `data/speakers.yaml` → `Vec<Speaker>`, every problem of every speaker
//! reported in one pass.

use super::event::language;
use super::photo::PhotoCache;
use super::yaml::{Fields, Source};
use crate::diag::{Diagnostic, Diagnostics};
use crate::files::Files;
use crate::model::{PhotoSource, Role, Speaker, Time};
use serde_yaml::Value;
use std::path::Path;

/// The folder photos are read from, relative to the project.
pub const PHOTO_DIR: &str = "speakers_pictures";

/// Every speaker of the file, each checked on its own, so that one bad
/// speaker does not hide the problems of the others.
pub fn read_speakers(
    src: &Source,
    value: &Value,
    files: &Files,
    photos: &mut PhotoCache,
    diags: &mut Diagnostics,
) -> Vec<Speaker> {
    let Some(items) = speaker_list(src, value, diags) else {
        return Vec::new();
    };
    // Photos are checked (decoded) on every core before the speakers are
    // read one by one: a real event has a photo per speaker.
    let names: Vec<&str> = (items.iter())
        .filter_map(|item| item.get("photo")?.as_str())
        .collect();
    photos.prefetch(files, &names);
    let mut blocks = src.sequence_items(src.whole());
    if blocks.len() != items.len() {
        // Flow-style or unusual YAML: positions fall back to the file start.
        blocks = vec![src.whole(); items.len()];
    }
    let mut speakers: Vec<(Speaker, usize)> = Vec::new();
    // Each id's speaker, to find duplicates in one look (a search of the
    // speakers read so far was quadratic: 0.13 s at 10 000 speakers).
    let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, (item, block)) in items.iter().zip(blocks).enumerate() {
        let Some(map) = item.as_mapping() else {
            diags.push(
                Diagnostic::error(format!("speaker {} is not a mapping of fields", index + 1))
                    .in_file(&src.path)
                    .at(block.start + 1, 1)
                    .hint("write `- name: …` followed by the other fields, indented by two spaces"),
            );
            continue;
        };
        let mut f = Fields::new(src, block, map, diags);
        let name = f.required_text("name");
        let id = speaker_id(&mut f, name.as_deref(), index);
        let label = id.clone().unwrap_or_else(|| format!("#{}", index + 1));
        f.for_speaker(&label);
        let speaker = read_one(&mut f, name, id, files, photos);
        f.finish();
        let Some(s) = speaker else { continue };
        if let Some((first, line)) = ids.get(&s.id).map(|&k| &speakers[k]) {
            let key = if map.contains_key("id") { "id" } else { "name" };
            let d = f
                .error_at(key, format!("duplicate speaker id `{}`", s.id))
                .hint(format!(
                    "`{}` on line {line} already has this id; give one of them a distinct `id:`",
                    first.name
                ));
            f.report(d);
            continue;
        }
        ids.insert(s.id.clone(), speakers.len());
        speakers.push((s, block.start + 1));
    }
    speakers.into_iter().map(|(s, _)| s).collect()
}

/// The file's list of speakers; none (with a warning) for an empty file.
fn speaker_list<'v>(
    src: &Source,
    value: &'v Value,
    diags: &mut Diagnostics,
) -> Option<&'v Vec<Value>> {
    match value {
        Value::Sequence(items) if !items.is_empty() => Some(items),
        Value::Sequence(_) | Value::Null => {
            diags.push(
                Diagnostic::warning("the event has no speakers")
                    .in_file(&src.path)
                    .hint("add entries like `- name: Ada Lovelace`"),
            );
            None
        }
        _ => {
            diags.push(
                Diagnostic::error("the speakers file must be a list of speakers")
                    .in_file(&src.path)
                    .at(1, 1)
                    .hint("start each speaker with `- name: …`"),
            );
            None
        }
    }
}

/// The speaker's `id`, checked, or one made from the name; names with no
/// Latin letters get a numbered id.
fn speaker_id(f: &mut Fields<'_>, name: Option<&str>, index: usize) -> Option<String> {
    match (f.text("id"), name) {
        (Some(id), _) => {
            if !is_valid_id(&id) {
                let d = f
                    .error_at("id", format!("`{id}` is not a usable id"))
                    .hint("use lowercase letters, digits and `-` only, as it becomes a file name");
                f.report(d);
            }
            Some(id)
        }
        (None, Some(name)) => Some(match slug(name).as_str() {
            "speaker" => format!("speaker-{}", index + 1),
            s => s.to_string(),
        }),
        (None, None) => None,
    }
}

/// One speaker's fields after `name` and `id`.
fn read_one(
    f: &mut Fields<'_>,
    name: Option<String>,
    id: Option<String>,
    files: &Files,
    photos: &mut PhotoCache,
) -> Option<Speaker> {
    let affiliation = f.text("affiliation");
    let affiliation_url = affiliation_url(f);
    let title = f.text("title");
    let abstract_text = f.text("abstract");
    let bio = f.text("bio");
    let photo_name = f.text("photo");
    let photo_focus = photo_focus(f);
    let badge_name = f.text("badge_name").filter(|n| !n.trim().is_empty());
    // Where an imported person came from (`booklet import` matches on it).
    let _source = f.text("source");
    let email = email(f);
    let role: Role = f.keyword("role").unwrap_or_default();
    let (start, end) = talk_times(f);
    let lang = language(f, "lang");
    let id = id?;
    let name = name?;
    let photo = photo(f, &id, photo_name, files, photos);
    Some(Speaker {
        id,
        name,
        affiliation,
        affiliation_url,
        title,
        abstract_text,
        bio,
        photo,
        photo_focus,
        badge_name,
        role,
        start,
        end,
        email,
        lang,
    })
}

/// `email`: for the mail merge of proofs and badges, never printed.
fn email(f: &mut Fields<'_>) -> Option<String> {
    let email = f.text("email").filter(|e| !e.trim().is_empty())?;
    let (user, host) = email.trim().split_once('@').unwrap_or(("", ""));
    if user.is_empty() || !host.contains('.') || email.contains(char::is_whitespace) {
        let d = f.error_at("email", format!("`{email}` is not an e-mail address"));
        f.report(d.hint("write it as name@example.org"));
        return None;
    }
    Some(email.trim().to_string())
}

fn affiliation_url(f: &mut Fields<'_>) -> Option<String> {
    let url = f.text("affiliation_url").filter(|u| !u.trim().is_empty());
    if let Some(url) = &url
        && !looks_like_url(url)
    {
        let d = f
            .error_at("affiliation_url", format!("`{url}` is not a web address"))
            .hint("write it in full, starting with https://");
        f.report(d);
    }
    url
}

/// `photo_focus: [x, y]`, each from 0 to 1.
fn photo_focus(f: &mut Fields<'_>) -> Option<(f64, f64)> {
    f.numbers("photo_focus").and_then(|v| match v.as_slice() {
        [x, y] if (0.0..=1.0).contains(x) && (0.0..=1.0).contains(y) => Some((*x, *y)),
        _ => {
            let d = f
                .error_at(
                    "photo_focus",
                    "`photo_focus` must be two numbers from 0 to 1",
                )
                .hint("[0.5, 0.3] centres the crop half-way across and 30 % down the photo");
            f.report(d);
            None
        }
    })
}

/// `start` and `end`, the end after the start.
fn talk_times(f: &mut Fields<'_>) -> (Option<Time>, Option<Time>) {
    let start = f.parsed("start", parse_time);
    let end = f.parsed("end", parse_time);
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        let d = f
            .error_at(
                "end",
                format!(
                    "the talk ends ({}) before it starts ({})",
                    e.hh_mm(),
                    s.hh_mm()
                ),
            )
            .hint("times are HH:MM on a 24-hour clock");
        f.report(d);
    }
    (start, end)
}

/// The speaker's photo; a placeholder (and a warning, or an error for a
/// file that cannot be used) when there is none.
fn photo(
    f: &mut Fields<'_>,
    id: &str,
    file: Option<String>,
    files: &Files,
    photos: &mut PhotoCache,
) -> PhotoSource {
    let Some(file) = file else {
        f.report(
            Diagnostic::warning("no photo: a placeholder with the initials is printed")
                .speaker(id)
                .field("photo")
                .hint(format!(
                    "add `photo: file.jpg` and put the file in {PHOTO_DIR}/"
                )),
        );
        return PhotoSource::Placeholder;
    };
    let rel = Path::new(PHOTO_DIR).join(&file);
    match photos.get(files, Path::new(&file)) {
        Ok(Some(photo)) => PhotoSource::Photo(photo),
        Ok(None) => {
            let d = f.error_at(
                "photo",
                format!(
                    "photo file `{}` not found: a placeholder is printed",
                    rel.display()
                ),
            );
            let mut d = d.hint(format!("put the file at {}", files.on_disk(&rel).display()));
            d.severity = crate::diag::Severity::Warning;
            f.report(d);
            PhotoSource::Placeholder
        }
        Err(why) => {
            let mut d = f.error_at(
                "photo",
                format!("cannot use photo `{}`: {}", rel.display(), why.message),
            );
            d.hints = why.hints;
            f.report(d);
            PhotoSource::Placeholder
        }
    }
}

fn looks_like_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://") || s.starts_with("mailto:"))
        && !s.contains(char::is_whitespace)
}

/// `HH:MM`, 24-hour clock.
pub fn parse_time(s: &str) -> Result<Time, String> {
    let bad = || format!("`{s}` is not a time in the form HH:MM");
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(Time(h * 60 + m))
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A readable ASCII id from a name, for file names and links: letters
/// transliterated (`Müller` → `muller`, `Σωκράτης` → `sokrates`,
/// `محمد` → `mhmd`, `王芳` → `wang-fang`), anything else a hyphen.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        // Letters and digits only: an emoji would become its name.
        let ascii = match c.is_alphanumeric() {
            true => deunicode::deunicode_char(c).unwrap_or(""),
            false => "",
        };
        let mut pushed = false;
        for f in ascii.chars() {
            if f.is_ascii_alphanumeric() {
                out.push(f.to_ascii_lowercase());
                pushed = true;
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        if !pushed && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let s = out.trim_matches('-').to_string();
    if s.is_empty() {
        "speaker".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(slug("Jian Tang"), "jian-tang");
        assert_eq!(slug("José Müller-Lüdenscheidt"), "jose-muller-ludenscheidt");
        assert_eq!(slug("Nguyễn Thị Minh Khai"), "nguyen-thi-minh-khai");
        assert_eq!(slug("Łukasz Żółć"), "lukasz-zolc");
        assert_eq!(slug("Σωκράτης Παπαδόπουλος"), "sokrates-papadopoulos");
        assert_eq!(slug("Анна Кузнецова"), "anna-kuznetsova");
        assert_eq!(slug("王芳"), "wang-fang");
        assert_eq!(slug("محمد الأحمد"), "mhmd-l-hmd");
        assert_eq!(slug("😀"), "speaker");
        assert_eq!(slug("  Ann  O'Neil "), "ann-o-neil");
    }

    #[test]
    fn times_are_24_hour() {
        assert_eq!(parse_time("09:30"), Ok(Time(570)));
        assert_eq!(parse_time("9:05"), Ok(Time(545)));
        assert!(parse_time("24:00").is_err());
        assert!(parse_time("9h30").is_err());
        assert!(parse_time("09:3").is_err());
    }
}
