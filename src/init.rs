//! `booklet init DIR`: a starter event that builds at once.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

const EVENT: &str = "\
# The event. Only `name` is required.
name: My Workshop
# short_name: MYW
# date: 2026-06-14          # YYYY-MM-DD
# venue: Lecture Hall A
# city: Lyon
# website: https://example.org/myw
# organisers: [Ada Lovelace, Alan Turing]
language: en-US             # hyphenation and quotation marks; see the README for the 25 languages
";

const SPEAKERS: &str = "\
# One entry per speaker. Only `name` is required.
# Text fields take paragraphs separated by blank lines, *emphasis*,
# **strong** and [links](https://example.org).
- name: Ada Lovelace
  # id: ada-lovelace        # default: made from the name; used in file names
  affiliation: Analytical Engine Society
  # affiliation_url: https://example.org
  title: Notes on the Analytical Engine
  # photo: ada.jpg          # a file in speakers_pictures/
  # role: keynote           # speaker (default), keynote, chair, organiser
  # start: \"09:30\"
  # end: \"10:15\"
  abstract: |
    What the engine can do, and what it cannot originate.

    A second paragraph follows a blank line.
  bio: |
    Ada Lovelace wrote the first published program.
";

/// Writes the starter files into `dir`, refusing to overwrite any.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let files = [
        (dir.join("data/event.yaml"), EVENT),
        (dir.join("data/speakers.yaml"), SPEAKERS),
    ];
    for (path, _) in &files {
        if path.exists() {
            return Err(
                Diagnostic::error(format!("{} already exists", path.display()))
                    .hint("init only creates new events; choose an empty folder"),
            );
        }
    }
    let fail = |e: std::io::Error, p: &Path| {
        Diagnostic::error(format!("cannot create {} ({e})", p.display()))
    };
    let pictures = dir.join(crate::load::PHOTO_DIR);
    std::fs::create_dir_all(&pictures).map_err(|e| fail(e, &pictures))?;
    let mut written = vec![pictures];
    for (path, text) in files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(e, parent))?;
        }
        crate::output::write_atomic(&path, text.as_bytes()).map_err(|e| fail(e, &path))?;
        written.push(path);
    }
    Ok(written)
}
