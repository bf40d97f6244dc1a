//! booklet: a conference's speakers, from YAML to a print-ready program
//! booklet and name badges.
//!
//! The pipeline, one stage per module, data flowing one way:
//! [`load`] → [`model`] → [`text`] → [`layout`] → [`impose`] → [`pdf`] →
//! [`output`]. [`build`] runs it.

// Diagnostics travel in `Err` on cold paths (bad input); boxing them would
// only add noise at every call site.
#![allow(clippy::result_large_err)]

pub mod diag;
pub mod files;
pub mod geom;
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
use layout::{Document, Info};
use output::Written;
use std::path::PathBuf;

/// Everything a build needs to know, resolved from the command line.
#[derive(Clone, Debug)]
pub struct BuildConfig {
    pub project: PathBuf,
    pub out: PathBuf,
    pub booklet_layout: String,
    pub badge_layout: String,
    /// False for `booklet check`: everything but writing files.
    pub write: bool,
    pub deny_warnings: bool,
}

impl BuildConfig {
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
    pub speakers: usize,
    /// Typesetting figures per document (`--report`).
    pub stats: Vec<(String, layout::Stats)>,
    pub files: Vec<Written>,
    pub diagnostics: Diagnostics,
}

impl BuildReport {
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// Runs the whole pipeline. Nothing is written unless every stage succeeded.
pub fn build(config: &BuildConfig) -> BuildReport {
    let mut report = BuildReport::default();
    let diags = &mut report.diagnostics;
    let files = Files::new(&config.project);
    let options = load::LoadOptions {
        booklet_layout: config.booklet_layout.clone(),
        badge_layout: config.badge_layout.clone(),
    };
    let project = match load::load(&files, &options, diags) {
        Ok(project) => project,
        Err(problems) => {
            diags.extend(problems);
            return report;
        }
    };
    report.speakers = project.speakers.len();
    let book = text::FontBook::load(
        &files,
        project
            .booklet
            .fonts
            .values()
            .chain(project.badge.fonts.values()),
        diags,
    );
    if diags.has_errors() {
        return report;
    }
    let mut ts = text::Typesetter::new(&book);
    let booklet = layout::booklet(&project, &mut ts, diags);
    let badges = layout::badges(&project, &mut ts, diags);
    let badge_docs: Vec<Document> = badges.iter().map(layout::Badge::document).collect();
    let sheet = impose::impose(&badges, &project.badge, sheet_info(&project));
    report
        .stats
        .push(("booklet.pdf".into(), booklet.stats.clone()));
    dedup_warnings(diags);
    if config.deny_warnings {
        diags.deny_warnings();
    }
    if diags.has_errors() || !config.write {
        return report;
    }

    let fallback_date = project
        .event
        .date
        .map(|d| days_from_civil(d.year.into(), d.month.into(), d.day.into()) * 86_400)
        .unwrap_or(946_684_800);
    let options = pdf::WriteOptions::from_env(fallback_date);
    let badge_dir = config.out.join("badges");
    let mut jobs: Vec<(PathBuf, &Document)> = vec![(config.out.join("booklet.pdf"), &booklet)];
    for (speaker, doc) in project.speakers.iter().zip(&badge_docs) {
        jobs.push((badge_dir.join(format!("{}.pdf", speaker.id)), doc));
    }
    if !sheet.pages.is_empty() {
        jobs.push((config.out.join("badges-sheet.pdf"), &sheet));
    }
    // Each file is written as soon as it is rendered, so a build holds one
    // PDF per core in memory, not all of them.
    let results = parallel_map(&jobs, |(path, doc)| {
        let bytes = pdf::write(doc, &book, &options);
        output::write_one(path, &bytes, doc.pages.len())
    });
    for result in results {
        match result {
            Ok(w) => report.files.push(w),
            Err(e) => report.diagnostics.push(e),
        }
    }
    let keep: Vec<PathBuf> = jobs.iter().map(|(p, _)| p.clone()).collect();
    output::remove_stale(&badge_dir, &keep);
    report
}

/// `f` over `items` on every core, results in input order (so output does
/// not depend on scheduling). Items are taken in order, so put big ones first.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

fn sheet_info(project: &model::Project) -> Info {
    Info {
        title: format!("{}: badges for printing", project.event.name),
        author: project.event.name.clone(),
        subject: "Name badges, imposed for cutting".into(),
        keywords: vec!["badges".into()],
        language: project.event.language.clone(),
    }
}

/// The same warning from the booklet and the badge (a blurred photo) is
/// listed once.
fn dedup_warnings(diags: &mut Diagnostics) {
    let mut seen: Vec<diag::Diagnostic> = Vec::new();
    for d in std::mem::take(diags).into_vec() {
        if !seen.contains(&d) {
            seen.push(d);
        }
    }
    for d in seen {
        diags.push(d);
    }
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 1, 1), 10_957);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
