//! Finding a project's files, with the defaults compiled into the binary.
//!
//! An event folder needs only `data/` and `speakers_pictures/`. Layouts and
//! fonts it does not have come from the repository's own `layouts/` and
//! `fonts/`, embedded at compile time, so an installed `booklet` works from
//! any folder. A folder's own file always wins over the built-in one.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

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
    "fonts/NotoSansArabic-Regular.ttf",
    "fonts/NotoSansArabic-Bold.ttf",
    "fonts/NotoSansHebrew-Regular.ttf",
    "fonts/NotoSansHebrew-Bold.ttf",
    "fonts/DroidSansFallback.ttf",
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

    /// Whether `rel` exists in the project or among the built-in files
    /// (never outside the project: see [`Files::confine`]).
    pub fn exists(&self, rel: &Path) -> bool {
        self.confine(rel, Path::new(""))
            .is_ok_and(|disk| disk.is_file())
            || builtin(rel).is_some()
    }

    /// Where `rel` is on disk, if it stays inside `within` (a folder of the
    /// project, or the project itself for `""`): no absolute path, no `..`,
    /// and no symbolic link that leads out. An event folder is often shared
    /// or downloaded; its YAML must not make a build read other files of the
    /// machine into a PDF that is then sent around.
    pub fn confine(&self, rel: &Path, within: &Path) -> Result<PathBuf, Escape> {
        let inside = rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !inside {
            return Err(Escape::Path);
        }
        let base = self.root.join(within);
        let disk = base.join(rel);
        // Links are followed only as far as they stay inside.
        if let (Ok(real), Ok(real_base)) = (disk.canonicalize(), base.canonicalize())
            && !real.starts_with(&real_base)
        {
            return Err(Escape::Link);
        }
        Ok(disk)
    }

    /// Reads `rel` from the project folder, else from the built-in files.
    /// A path leading outside the project is refused (`PermissionDenied`).
    pub fn read(&self, rel: &Path) -> std::io::Result<(Cow<'static, [u8]>, Origin)> {
        let disk = self.confine(rel, Path::new("")).map_err(|e| {
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, e.to_string())
        })?;
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

/// Why a path was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// Absolute, or with `..`.
    Path,
    /// A symbolic link to somewhere outside.
    Link,
}

impl std::fmt::Display for Escape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Escape::Path => "the path leads outside the event folder (absolute, or with `..`)",
            Escape::Link => "the path is a link to a file outside the event folder",
        })
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

    #[test]
    fn paths_stay_inside_the_project() {
        let dir = std::env::temp_dir().join(format!("booklet-confine-{}", std::process::id()));
        let pics = dir.join("speakers_pictures");
        std::fs::create_dir_all(&pics).unwrap();
        std::fs::write(pics.join("a.jpg"), b"x").unwrap();
        let files = Files::new(&dir);
        let within = Path::new("speakers_pictures");
        assert!(files.confine(Path::new("a.jpg"), within).is_ok());
        assert_eq!(
            files.confine(Path::new("../data/x.yaml"), within),
            Err(Escape::Path)
        );
        assert_eq!(
            files.confine(Path::new("/etc/hostname"), within),
            Err(Escape::Path)
        );
        assert_eq!(
            files.confine(Path::new("a/../../b"), within),
            Err(Escape::Path)
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", pics.join("out.jpg")).unwrap();
            assert_eq!(
                files.confine(Path::new("out.jpg"), within),
                Err(Escape::Link)
            );
            assert!(files.read(Path::new("speakers_pictures/out.jpg")).is_err());
        }
        assert!(files.read(Path::new("../../etc/hostname")).is_err());
        assert!(!files.exists(Path::new("/etc/hostname")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
