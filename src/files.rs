//! Finding a project's files, with the defaults compiled into the binary.
//!
//! An event folder needs only `data/` and `speakers_pictures/`. Layouts and
//! fonts it does not have come from the repository's own `layouts/` and
//! `fonts/`, embedded at compile time, so an installed `booklet` works from
//! any folder. A folder's own file always wins over the built-in one.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

macro_rules! builtin {
    ($($path:literal),* $(,)?) => {
        /// Files every project has, whether or not its folder holds them.
        const BUILTIN: &[(&str, &[u8])] = &[
            $(($path, include_bytes!(concat!("../", $path)))),*
        ];
    };
}

builtin!(
    "layouts/booklet-a5.yaml",
    "layouts/booklet-half-letter.yaml",
    "layouts/badge-a6.yaml",
    "layouts/badge-4x3in.yaml",
    "layouts/badge-cr80.yaml",
    "fonts/SourceSerif4-Regular.ttf",
    "fonts/SourceSerif4-It.ttf",
    "fonts/SourceSerif4-Bold.ttf",
    "fonts/SourceSerif4-BoldIt.ttf",
    "fonts/SourceSans3-Regular.ttf",
    "fonts/SourceSans3-It.ttf",
    "fonts/SourceSans3-Bold.ttf",
    "fonts/SourceSans3-BoldIt.ttf",
);

/// Where a file was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file in the event folder (it wins over a built-in one).
    Project,
    /// A file compiled into the binary.
    Builtin,
}

/// A project folder plus the built-in defaults.
#[derive(Clone, Debug)]
pub struct Files {
    root: PathBuf,
}

impl Files {
    /// Files of the event folder at `root`, with the built-in ones behind them.
    pub fn new(root: &Path) -> Files {
        Files {
            root: root.to_path_buf(),
        }
    }

    /// The event folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path on disk of a project-relative path.
    pub fn on_disk(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }

    /// Whether `rel` exists in the project or among the built-in files.
    pub fn exists(&self, rel: &Path) -> bool {
        self.on_disk(rel).is_file() || builtin(rel).is_some()
    }

    /// Reads `rel` from the project folder, else from the built-in files.
    pub fn read(&self, rel: &Path) -> std::io::Result<(Cow<'static, [u8]>, Origin)> {
        let disk = self.on_disk(rel);
        match std::fs::read(&disk) {
            Ok(bytes) => Ok((Cow::Owned(bytes), Origin::Project)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match builtin(rel) {
                Some(bytes) => Ok((Cow::Borrowed(bytes), Origin::Builtin)),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// Names of the layouts available (project first, then built-in), for
    /// "did you mean" hints.
    pub fn layout_names(&self) -> Vec<String> {
        let mut names: Vec<String> = BUILTIN
            .iter()
            .filter_map(|(p, _)| p.strip_prefix("layouts/")?.strip_suffix(".yaml"))
            .map(str::to_string)
            .collect();
        if let Ok(dir) = std::fs::read_dir(self.root.join("layouts")) {
            for entry in dir.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(stem) = name.strip_suffix(".yaml") {
                    names.push(stem.to_string());
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }
}

fn builtin(rel: &Path) -> Option<&'static [u8]> {
    let key = rel.to_str()?.replace('\\', "/");
    let key = key.strip_prefix("./").unwrap_or(&key);
    BUILTIN.iter().find(|(p, _)| *p == key).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_builtin_files() {
        let files = Files::new(Path::new("/nonexistent-project"));
        let (bytes, origin) = files.read(Path::new("layouts/booklet-a5.yaml")).unwrap();
        assert_eq!(origin, Origin::Builtin);
        assert!(!bytes.is_empty());
        assert!(files.read(Path::new("fonts/Nope.ttf")).is_err());
        assert!(files.layout_names().contains(&"badge-a6".to_string()));
    }
}
