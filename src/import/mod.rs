//! `booklet import`: someone else's export → the event folder's YAML. Not a
//! build stage: it writes `data/event.yaml`, `data/speakers.yaml` and
//! `data/programme.yaml` (and fetches pictures), then the normal pipeline
//! runs on them. An import never writes PDFs; a build never reads an export.
//!
//! Formats: frab's `schedule.xml` and `schedule.json` (which pretalx
//! publishes), Sessionize's "All" JSON, and CSV — one module each, one
//! shared writer. Re-importing a newer export updates the programme and
//! keeps what the organiser added (see [`write`]).

mod export;
mod frab;
mod photos;
mod sessionize;
mod table;
pub mod text;
mod write;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{EVENT_FILE, PHOTO_DIR, PROGRAMME_FILE, SPEAKERS_FILE, slug};
use export::Export;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// frab's `schedule.xml`.
    FrabXml,
    /// frab's or pretalx's `schedule.json`.
    FrabJson,
    /// Sessionize's "All" JSON.
    Sessionize,
    /// One row per talk.
    Csv,
}

crate::model::keywords!(Format {
    "frab-xml" => Format::FrabXml,
    "frab-json" => Format::FrabJson,
    "sessionize" => Format::Sessionize,
    "csv" => Format::Csv,
});

/// What to import, and where.
#[derive(Clone, Debug)]
pub struct ImportConfig {
    /// The export.
    pub file: PathBuf,
    /// Its format; guessed from the content when not given.
    pub format: Option<Format>,
    /// The event folder to write.
    pub project: PathBuf,
    /// Whether pictures given as URLs are downloaded.
    pub download: bool,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Files written (none when there was an error).
    pub written: Vec<PathBuf>,
    /// What changed since the last import: added, removed, moved.
    pub changes: Vec<String>,
    /// Every problem found.
    pub diagnostics: Diagnostics,
}

/// Problems found in the export, placed in it.
pub struct Problems {
    file: PathBuf,
    /// What was found.
    pub diags: Diagnostics,
}

impl Problems {
    fn error_at(&mut self, line: usize, col: usize, message: String, hint: &str) {
        let d = Diagnostic::error(message).in_file(&self.file).at(line, col);
        self.diags.push(d.hint(hint));
    }

    fn error_path(&mut self, path: &str, message: &str, hint: &str) {
        let d = Diagnostic::error(message).in_file(&self.file).field(path);
        self.diags.push(d.hint(hint));
    }

    fn warning(&mut self, message: String) {
        self.diags
            .push(Diagnostic::warning(message).in_file(&self.file));
    }
}

/// Imports an export into an event folder. Nothing is written when the
/// export has an error.
pub fn import(config: &ImportConfig) -> ImportReport {
    let mut report = ImportReport::default();
    let mut p = Problems {
        file: config.file.clone(),
        diags: Diagnostics::new(),
    };
    let export = read(config, &mut p);
    let Some(export) = export.filter(|_| !p.diags.has_errors()) else {
        report.diagnostics = p.diags;
        return report;
    };
    let data = config.project.join("data");
    let old_speakers = read_yaml(&config.project.join(SPEAKERS_FILE));
    let old_programme = read_yaml(&config.project.join(PROGRAMME_FILE));
    let old_event = read_yaml(&config.project.join(EVENT_FILE));
    let mut export = export;
    if export.title.is_empty() {
        // CSV and Sessionize exports do not name the event.
        let old_name = old_event
            .as_ref()
            .and_then(|e| e.get("name"))
            .and_then(Value::as_str);
        export.title = match old_name {
            Some(name) => name.to_string(),
            None => {
                p.warning("the export does not name the event: `name` in data/event.yaml is a placeholder".into());
                "Our event".to_string()
            }
        };
    }
    let (people, kept, ids) = people(&export, old_speakers.as_ref(), config, &mut p);
    let room_ids = unique_slugs(&export.rooms);
    let lookup = |pid: &str| ids.get(pid).cloned();
    let files = [
        (
            data.join("event.yaml"),
            write::event(&export, old_event.as_ref().and_then(Value::as_mapping)),
        ),
        (data.join("speakers.yaml"), write::speakers(&people, &kept)),
        (
            data.join("programme.yaml"),
            write::programme(&export, &room_ids, &lookup),
        ),
    ];
    report.changes = changes(old_programme.as_ref(), &files[2].1);
    for (path, text) in files {
        match crate::output::write_atomic(&path, text.as_bytes()) {
            Ok(()) => report.written.push(path),
            Err(e) => p.diags.push(Diagnostic::error(format!(
                "cannot write {} ({e})",
                path.display()
            ))),
        }
    }
    report.diagnostics = p.diags;
    report
}

/// Reads and parses the export in its format.
fn read(config: &ImportConfig, p: &mut Problems) -> Option<Export> {
    let bytes = match std::fs::read(&config.file) {
        Ok(b) => b,
        Err(e) => {
            p.diags.push(Diagnostic::error(format!(
                "cannot read {} ({e})",
                config.file.display()
            )));
            return None;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        p.error_at(
            1,
            1,
            "the file is not UTF-8 text".into(),
            "export it again as UTF-8",
        );
        return None;
    };
    let text = text.trim_start_matches('\u{feff}');
    let format = config.format.or_else(|| guess(text));
    let Some(format) = format else {
        p.error_at(
            1,
            1,
            "cannot tell the file's format".into(),
            "give --format frab-xml, frab-json, sessionize or csv",
        );
        return None;
    };
    match format {
        Format::FrabXml => frab::xml(text, p),
        Format::FrabJson => frab::json(text, p),
        Format::Sessionize => sessionize::sessionize(text, p),
        Format::Csv => table::csv(text, p),
    }
}

/// The format from the content: XML, frab's JSON, Sessionize's, or CSV.
fn guess(text: &str) -> Option<Format> {
    let t = text.trim_start();
    if t.starts_with('<') {
        return Some(Format::FrabXml);
    }
    if t.starts_with('{') || t.starts_with('[') {
        if t.contains("\"schedule\"") {
            return Some(Format::FrabJson);
        }
        if t.contains("\"sessions\"") && t.contains("\"speakers\"") {
            return Some(Format::Sessionize);
        }
        return None;
    }
    let header = t.lines().next()?.to_ascii_lowercase();
    (header.contains("title") && header.contains(',')).then_some(Format::Csv)
}

fn read_yaml(path: &Path) -> Option<Value> {
    serde_yaml::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// The people to write, the entries of the existing file to keep as they
/// are (not from this source), and speaker ids by the source's person ids.
fn people(
    export: &Export,
    old: Option<&Value>,
    config: &ImportConfig,
    p: &mut Problems,
) -> (
    Vec<write::PersonOut>,
    Vec<Mapping>,
    BTreeMap<String, String>,
) {
    let old: Vec<Mapping> = old
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_mapping().cloned())
        .collect();
    let field = |m: &Mapping, k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
    let prefix = format!("{}:", export.system);
    let mut taken: Vec<String> = old.iter().filter_map(|m| field(m, "id")).collect();
    let mut ids = BTreeMap::new();
    let mut out = Vec::new();
    let beside = config.file.parent().unwrap_or(Path::new("."));
    let pictures = config.project.join(PHOTO_DIR);
    for person in &export.persons {
        let source = format!("{prefix}{}", person.id);
        let existing = old
            .iter()
            .find(|m| field(m, "source").as_deref() == Some(&source))
            .cloned();
        let id = match existing.as_ref().and_then(|m| field(m, "id")) {
            Some(id) => id,
            None => {
                let id = unique(&slug(&person.name), &taken);
                taken.push(id.clone());
                id
            }
        };
        let has_photo = existing
            .as_ref()
            .and_then(|m| field(m, "photo"))
            .is_some_and(|f| pictures.join(f).exists());
        let photo = match (&person.avatar, has_photo) {
            (Some(src), false) => match photos::fetch(src, &id, beside, &pictures, config.download)
            {
                Ok(name) => Some(name),
                Err(why) => {
                    p.warning(format!(
                        "no picture for {} from `{src}`: {why}",
                        person.name
                    ));
                    None
                }
            },
            _ => None,
        };
        ids.insert(person.id.clone(), id.clone());
        out.push(write::PersonOut {
            id,
            source,
            name: person.name.clone(),
            bio: person.bio.clone(),
            affiliation: person.affiliation.clone(),
            photo,
            existing,
        });
    }
    // Hand-made entries stay; entries of this source no longer in it go.
    let kept = old
        .into_iter()
        .filter(|m| !field(m, "source").is_some_and(|s| s.starts_with(&prefix)))
        .collect();
    (out, kept, ids)
}

/// `base`, or `base-2`, `base-3`… when taken.
fn unique(base: &str, taken: &[String]) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A distinct slug for each name.
fn unique_slugs(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let id = unique(&slug(n), &out);
        out.push(id);
    }
    out
}

/// What changed between the programme there was and the new one, by
/// source id: added, removed, moved (day, time or room), retitled.
fn changes(old: Option<&Value>, new: &str) -> Vec<String> {
    let Some(old) = old else {
        return Vec::new();
    };
    let Ok(new) = serde_yaml::from_str::<Value>(new) else {
        return Vec::new();
    };
    let (old, new) = (entries(old), entries(&new));
    let mut out = Vec::new();
    for (id, e) in &new {
        match old.get(id) {
            None => out.push(format!("added: {}", e.1)),
            Some(o) if o.0 != e.0 => out.push(format!("moved: {} ({} → {})", e.1, o.0, e.0)),
            Some(o) if o.1 != e.1 => out.push(format!("retitled: {} → {}", o.1, e.1)),
            _ => {}
        }
    }
    for (id, o) in &old {
        if !new.contains_key(id) {
            out.push(format!("removed: {}", o.1));
        }
    }
    out
}

/// Programme entries by `source`: (where and when, title).
fn entries(programme: &Value) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    for day in programme
        .get("days")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
    {
        let date = day
            .get("date")
            .map(|d| {
                serde_yaml::to_string(d)
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            })
            .unwrap_or_default();
        for e in day
            .get("entries")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let source = s(e, "source");
            if !source.is_empty() {
                let place = format!("{date} {} {}", s(e, "start"), s(e, "room"));
                out.insert(source, (place.trim().to_string(), s(e, "title")));
            }
        }
    }
    out
}
