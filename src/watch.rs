//! `booklet watch`: build, then build again whenever something in the event
//! folder changes (data, photos, layouts, fonts), so an organiser sees an
//! edit in the open PDF a moment after saving it. Files are replaced by
//! rename, so a viewer never reads half of one.
//!
//! Changes inside the output folder are ignored (the build's own writes
//! would start the next build), and so are editors' hidden and backup
//! files. Several changes close together (an editor's save, a folder of
//! photos copied in) make one build.

use crate::{BuildConfig, BuildReport};
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the folder must be quiet before a build starts.
const SETTLE: Duration = Duration::from_millis(150);

/// What one build was started by and how long it took.
pub struct Round<'a> {
    /// The build's report.
    pub report: &'a BuildReport,
    /// The changed files that started it, relative to the event folder
    /// (empty for the first build).
    pub changed: Vec<PathBuf>,
    /// How long the build took.
    pub took: Duration,
}

/// Builds, then builds again on every change, calling `after` with each
/// build; returns only if the folder cannot be watched (or the watcher
/// stops).
pub fn watch(config: &BuildConfig, mut after: impl FnMut(Round)) -> Result<(), String> {
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch for changes: {e}"))?;
    let root = absolute(&config.project);
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", config.project.display()))?;
    let mut changed = Vec::new();
    // Each build sets again only the text that changed.
    let warm = crate::Warm::default();
    loop {
        let start = Instant::now();
        let report = crate::build_warm(config, Some(&warm));
        after(Round {
            report: &report,
            changed: std::mem::take(&mut changed),
            took: start.elapsed(),
        });
        // Known once the first build has made it.
        changed = settled_change(&rx, &root, &absolute(&config.out))?;
    }
}

/// Waits for a change that matters, then for the folder to settle; the
/// files changed.
fn settled_change(
    rx: &mpsc::Receiver<notify::Result<Event>>,
    root: &Path,
    out: &Path,
) -> Result<Vec<PathBuf>, String> {
    loop {
        let mut changed = Vec::new();
        while changed.is_empty() {
            let event = rx.recv().map_err(|_| "the watcher stopped".to_string())?;
            changed.extend(relevant(event, root, out));
        }
        while let Ok(event) = rx.recv_timeout(SETTLE) {
            changed.extend(relevant(event, root, out));
        }
        changed.sort();
        changed.dedup();
        // A file already gone was an editor's or a tool's scratch file
        // unless it is one the event can use (a deleted photo still counts).
        changed.retain(|p| root.join(p).exists() || event_file(p));
        if !changed.is_empty() {
            return Ok(changed);
        }
    }
}

/// The paths of an event that should start a build, relative to `root`.
fn relevant(event: notify::Result<Event>, root: &Path, out: &Path) -> Vec<PathBuf> {
    let Ok(event) = event else {
        return Vec::new();
    };
    if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
        return Vec::new();
    }
    (event.paths.iter())
        .filter(|p| !p.starts_with(out) && !scratch(p))
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .collect()
}

/// Editors' swap, backup and temporary files, and hidden files.
fn scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || [".swp", ".swx", ".tmp", ".part"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// A file of a kind the event reads: data, photos, layouts, fonts.
fn event_file(path: &Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    matches!(
        ext.as_deref(),
        Some("yaml" | "yml" | "jpg" | "jpeg" | "png" | "ttf" | "otf")
    )
}

/// `path` made absolute and its links resolved, as the watcher reports
/// paths (made absolute only when it does not exist yet).
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn output_scratch_and_reads_start_no_build() {
        let (root, out) = (Path::new("/ev"), Path::new("/ev/out"));
        let modify = EventKind::Modify(ModifyKind::Any);
        let got = |e| relevant(e, root, out);
        assert_eq!(
            got(event(modify, "/ev/data/speakers.yaml")),
            [PathBuf::from("data/speakers.yaml")]
        );
        assert_eq!(
            got(event(
                EventKind::Create(CreateKind::File),
                "/ev/speakers_pictures/a.jpg"
            )),
            [PathBuf::from("speakers_pictures/a.jpg")]
        );
        assert!(got(event(modify, "/ev/out/booklet.pdf")).is_empty());
        assert!(got(event(modify, "/ev/out/.cache/photos/ab")).is_empty());
        assert!(got(event(modify, "/ev/data/.speakers.yaml.swp")).is_empty());
        assert!(got(event(modify, "/ev/data/speakers.yaml~")).is_empty());
        assert!(
            got(event(
                EventKind::Access(AccessKind::Any),
                "/ev/data/event.yaml"
            ))
            .is_empty()
        );
        assert!(got(Err(notify::Error::generic("lost"))).is_empty());
    }
}
