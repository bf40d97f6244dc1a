//! booklet: a conference's speakers, from YAML to a print-ready program
//! booklet and name badges.
//!
//! The pipeline, one stage per module, data flowing one way:
//! [`load`] → [`model`] → [`text`] → [`layout`] → [`impose`] → [`pdf`] →
//! [`output`]. [`build`] runs it.

// Diagnostics travel in `Err` on cold paths (bad input); boxing them would
// only add noise at every call site.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

pub mod diag;
pub mod files;
pub mod geom;
pub mod import;
pub mod impose;
pub mod init;
pub mod layout;
pub mod load;
pub mod model;
pub mod output;
pub mod pdf;
pub mod text;

use diag::Diagnostics;
use files::Files;
use layout::Document;
use output::Written;
use std::path::PathBuf;

/// Everything a build needs to know, resolved from the command line.
#[derive(Clone, Debug)]
pub struct BuildConfig {
    /// The event folder.
    pub project: PathBuf,
    /// Where the PDFs go (`out/` in the event folder by default).
    pub out: PathBuf,
    /// Name of the booklet layout (`layouts/<name>.yaml`, project or built in).
    pub booklet_layout: String,
    /// Name of the badge layout.
    pub badge_layout: String,
    /// False for `booklet check`: everything but writing files.
    pub write: bool,
    /// Warnings fail the build (`--deny-warnings`), for CI of an event's repository.
    pub deny_warnings: bool,
}

impl BuildConfig {
    /// The defaults for an event folder: built-in A5 booklet and A6 badges, output in `out/`.
    pub fn new(project: impl Into<PathBuf>) -> BuildConfig {
        let project = project.into();
        BuildConfig {
            out: project.join("out"),
            project,
            booklet_layout: "booklet-a5".into(),
            badge_layout: "badge-a6".into(),
            write: true,
            deny_warnings: false,
        }
    }
}

/// What a build did: files written (none if it failed) and every problem.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// How many speakers the event has (for the summary).
    pub speakers: usize,
    /// Typesetting figures per document (`--report`).
    pub stats: Vec<(String, layout::Stats)>,
    /// Every file written, in the order the summary lists them.
    pub files: Vec<Written>,
    /// Every problem found, errors and warnings, in the order found.
    pub diagnostics: Diagnostics,
}

impl BuildReport {
    /// Whether an error stopped the build (exit code 1).
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// Runs the whole pipeline: load → typeset and lay out → impose → write.
/// Nothing is written unless every stage succeeded.
pub fn build(config: &BuildConfig) -> BuildReport {
    let mut report = BuildReport::default();
    let files = Files::new(&config.project);
    let options = load::LoadOptions {
        booklet_layout: config.booklet_layout.clone(),
        badge_layout: config.badge_layout.clone(),
    };
    let diags = &mut report.diagnostics;
    let project = match load::load(&files, &options, diags) {
        Ok(project) => project,
        Err(problems) => {
            diags.extend(problems);
            return report;
        }
    };
    report.speakers = project.speakers.len();
    let families = (project.booklet.fonts.values()).chain(project.badge.fonts.values());
    let book = text::FontBook::load(&files, families, diags);
    if diags.has_errors() {
        return report;
    }
    let mut ts = text::Typesetter::new(&book);
    let booklet = layout::booklet(&project, &mut ts, diags);
    let badges = layout::badges(&project, &mut ts, diags);
    let sheet = impose::impose(&badges, &project.badge, impose::sheet_info(&project.event));
    report
        .stats
        .push(("booklet.pdf".into(), booklet.stats.clone()));
    diags.dedup();
    if config.deny_warnings {
        diags.deny_warnings();
    }
    if diags.has_errors() || !config.write {
        return report;
    }
    let badge_docs: Vec<Document> = badges.iter().map(layout::Badge::document).collect();
    let ids: Vec<&str> = project.speakers.iter().map(|s| s.id.as_str()).collect();
    let plan = output::Plan::new(&config.out, &booklet, &ids, &badge_docs, &sheet);
    let options = pdf::WriteOptions::for_event(project.event.date);
    let (written, problems) = plan.write(|doc| pdf::write(doc, &book, &options));
    report.files = written;
    report.diagnostics.extend(problems);
    report
}
