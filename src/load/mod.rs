//! Stage 1, load: the project's YAML, layouts and photos → a validated
//! [`Project`], with every problem found along the way.

mod event;
mod layout;
mod photo;

pub use photo::{Checked, undecodable, unusable};
mod programme;
mod speakers;
pub mod yaml;

pub use event::parse_date as parse_date_str;
pub use programme::PROGRAMME_FILE;
pub use speakers::{PHOTO_DIR, slug};

use crate::diag::{Diagnostic, Diagnostics};
use crate::files::Files;
use crate::model::{Photo, Project};
use std::path::Path;
use std::sync::Arc;
use yaml::Source;

/// The event's own details.
pub const EVENT_FILE: &str = "data/event.yaml";
/// The speakers and their talks.
pub const SPEAKERS_FILE: &str = "data/speakers.yaml";

/// Which layouts to use.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Name of the booklet layout.
    pub booklet_layout: String,
    /// Name of the badge layout.
    pub badge_layout: String,
    /// The photos known to decode from earlier builds, if the build keeps
    /// them (it saves them when it has written its files).
    pub checked_photos: Option<Arc<photo::Checked>>,
}

/// Loads everything, going on past errors so all of them are reported:
/// the project, its warnings moved to `warnings`; or every problem found.
pub fn load(
    files: &Files,
    options: &LoadOptions,
    warnings: &mut Diagnostics,
) -> Result<Project, Diagnostics> {
    let mut diags = Diagnostics::new();
    let event = read_yaml(files, Path::new(EVENT_FILE), &mut diags)
        .and_then(|(src, v)| event::read_event(&src, &v, &mut diags));
    let mut photos = photo::PhotoCache::with_checked(options.checked_photos.clone());
    let speakers = read_yaml(files, Path::new(SPEAKERS_FILE), &mut diags)
        .map(|(src, v)| speakers::read_speakers(&src, &v, files, &mut photos, &mut diags))
        .unwrap_or_default();
    let programme = files
        .on_disk(Path::new(PROGRAMME_FILE))
        .exists()
        .then(|| read_yaml(files, Path::new(PROGRAMME_FILE), &mut diags))
        .flatten()
        .and_then(|(src, v)| programme::read_programme(&src, &v, &speakers, &mut diags));
    let mut speakers = speakers;
    if let Some(p) = &programme {
        programme::chairs_as_chairs(p, &mut speakers);
    }
    let lang = event
        .as_ref()
        .map(|e| e.language.clone())
        .unwrap_or_default();
    let booklet = layout::load_booklet(files, &options.booklet_layout, &lang)
        .map_err(|e| diags.extend(e))
        .ok();
    let badge = layout::load_badge(files, &options.badge_layout)
        .map_err(|e| diags.extend(e))
        .ok();
    let logo = booklet
        .as_ref()
        .and_then(|b| b.logo.as_deref())
        .and_then(|rel| logo(files, rel, &mut diags));
    if diags.has_errors() {
        // The build stops before it would decode the photos left
        // unchecked: they are checked now, so every problem is said.
        photos.check_pending(&mut diags);
    }
    let project = (|| {
        Some(Project {
            root: files.root().to_path_buf(),
            event: event?,
            speakers,
            booklet: booklet?,
            badge: badge?,
            logo,
            programme,
        })
    })();
    diags.conclude(project, warnings)
}

/// The cover's logo, read and prepared like a photo.
fn logo(files: &Files, rel: &Path, diags: &mut Diagnostics) -> Option<Arc<Photo>> {
    match files.read(rel) {
        Ok((bytes, _)) => match photo::prepare(rel, bytes.into_owned()) {
            Ok(p) => Some(Arc::new(p)),
            Err(d) => {
                diags.push(Diagnostic {
                    file: Some(rel.to_path_buf()),
                    ..d
                });
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(format!("cannot read logo ({e})")).in_file(rel));
            None
        }
    }
}

/// Reads a data file (never a built-in one: the data is the event's own).
fn read_yaml(
    files: &Files,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<(Source, serde_yaml::Value)> {
    let disk = files.on_disk(rel);
    let text = match std::fs::read(&disk) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                diags.push(
                    Diagnostic::error("the file is not UTF-8 text")
                        .in_file(rel)
                        .at(line, 1)
                        .hint("save it as UTF-8 in your editor"),
                );
                return None;
            }
        },
        Err(e) => {
            diags.push(
                Diagnostic::error(format!("cannot read {} ({e})", rel.display()))
                    .in_file(rel)
                    .hint("run `booklet init DIR` for a starter event, or pass `--project DIR`"),
            );
            return None;
        }
    };
    let src = Source::new(rel, &text);
    match src.parse(&text) {
        Ok(v) => Some((src, v)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
