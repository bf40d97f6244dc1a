//! Stage 6, output: file names, atomic writes, the build summary.
//!
//! Every file is written to a temporary name in its own directory and then
//! renamed over the old one, so a reader (or a crash) never sees half a PDF.

use crate::diag::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file the build produced.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// Writes `bytes` to `path` atomically: temp file, then rename, so no reader
/// ever sees a partial file. No fsync: it made a 1000-badge build spend a
/// second waiting on the disk, and a crash mid-build only loses files that
/// the next build rewrites.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes one file atomically, or says why it could not.
pub fn write_one(path: &Path, bytes: &[u8], pages: usize) -> Result<Written, Diagnostic> {
    match write_atomic(path, bytes) {
        Ok(()) => Ok(Written {
            path: path.to_path_buf(),
            pages,
            bytes: bytes.len(),
        }),
        Err(e) => Err(
            Diagnostic::error(format!("cannot write {} ({e})", path.display()))
                .hint("check that the output folder is writable, or choose another with --out"),
        ),
    }
}

/// Removes badge PDFs left from speakers no longer in the event, so nobody
/// prints a badge for a cancelled talk.
pub fn remove_stale(dir: &Path, keep: &[PathBuf]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "pdf") && !keep.contains(&path) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// "312.4 KB": sizes as organisers compare them with mail limits.
pub fn human_size(bytes: usize) -> String {
    if bytes < 1000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{:.1} KB", bytes as f64 / 1000.0)
    } else {
        format!("{:.2} MB", bytes as f64 / 1_000_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("booklet-out-test-{}", std::process::id()));
        let path = dir.join("x.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(312_400), "312.4 KB");
        assert_eq!(human_size(2_500_000), "2.50 MB");
    }
}
