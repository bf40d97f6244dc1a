//! Resampled photos kept on disk between builds (`out/.cache/photos/`),
//! named by what they were made from: the source photo's content, the
//! target size and quality, and the code and crates that made them. A
//! changed photo, layout or program gets a new name, so an entry is never
//! stale and never expires by time; an entry read back is byte for byte
//! what the resampler would make, so a build with the cache writes the same
//! files as one without. Entries no build uses any more (an old photo, an
//! old layout's sizes, an old program's) are removed by the next full build
//! ([`Store::retain`]), so the folder does not grow with every edit.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What decides the resampler's output besides its inputs: this module's
/// and the resampler's source, and every crate's version. Any change to
/// them renames every entry.
const MAKER: [&str; 3] = [
    include_str!("images.rs"),
    include_str!("store.rs"),
    include_str!("../../Cargo.lock"),
];

/// A folder of entries, each a file named by its key.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
}

/// A key being built from the parts that decide an entry.
pub struct Key(Sha256);

impl Key {
    pub fn new() -> Key {
        // The maker's sources are hashed once per process, not per key: a
        // hundred kilobytes for every photo and size of a build.
        static MAKER_DIGEST: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
        let maker = MAKER_DIGEST.get_or_init(|| {
            let mut h = Sha256::new();
            for part in MAKER {
                h.update((part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
            h.finalize().into()
        });
        let mut h = Sha256::new();
        h.update(maker);
        Key(h)
    }

    /// Adds a part; its length goes first, so parts cannot run together.
    pub fn part(mut self, bytes: &[u8]) -> Key {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// The key as an entry's file name.
    pub fn finish(self) -> String {
        crate::output::hex(&self.0.finalize())
    }
}

impl Store {
    pub fn new(dir: &Path) -> Store {
        Store {
            dir: dir.to_path_buf(),
        }
    }

    /// The entry's bytes, if it was stored and `valid` accepts them (a file
    /// damaged on disk is made again, not used).
    pub fn get(&self, key: &str, valid: impl Fn(&[u8]) -> bool) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.dir.join(key)).ok()?;
        valid(&bytes).then_some(bytes)
    }

    /// Whether an entry is stored under `key` (not whether it is whole:
    /// [`Store::get`] checks that when it is read).
    pub fn has(&self, key: &str) -> bool {
        self.dir.join(key).is_file()
    }

    /// Removes every entry whose key is not in `keep` (only files named as
    /// keys are: anything else in the folder is left alone). Returns how
    /// many went.
    pub fn retain(&self, keep: &std::collections::HashSet<String>) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let is_key = |n: &str| n.len() == 64 && n.bytes().all(|b| b.is_ascii_hexdigit());
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if is_key(name) && !keep.contains(name) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    /// Stores an entry, atomically; a failure only costs the next build
    /// the work.
    pub fn put(&self, key: &str, bytes: &[u8]) {
        let _ = crate::output::write_atomic(&self.dir.join(key), bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_every_part_and_its_bounds() {
        let k = |parts: &[&[u8]]| parts.iter().fold(Key::new(), |k, p| k.part(p)).finish();
        assert_eq!(k(&[b"ab", b"c"]), k(&[b"ab", b"c"]));
        assert_ne!(k(&[b"ab", b"c"]), k(&[b"a", b"bc"]));
        assert_ne!(k(&[b"ab"]), k(&[b"ac"]));
        assert_eq!(k(&[b"x"]).len(), 64);
    }

    #[test]
    fn retain_removes_only_entries_not_kept() {
        let dir = std::env::temp_dir().join(format!("booklet-store-retain-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::new(&dir);
        let (a, b) = (
            Key::new().part(b"a").finish(),
            Key::new().part(b"b").finish(),
        );
        store.put(&a, b"A");
        store.put(&b, b"B");
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        let keep = std::collections::HashSet::from([a.clone()]);
        assert_eq!(store.retain(&keep), 1);
        assert!(store.has(&a) && !store.has(&b));
        assert!(dir.join("notes.txt").exists(), "not an entry: left alone");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn entries_round_trip_and_damaged_ones_are_refused() {
        let dir = std::env::temp_dir().join(format!("booklet-store-{}", std::process::id()));
        let store = Store::new(&dir);
        assert_eq!(store.get("k", |_| true), None);
        store.put("k", b"hello");
        assert_eq!(store.get("k", |_| true).as_deref(), Some(&b"hello"[..]));
        assert_eq!(store.get("k", |b| b.starts_with(b"J")), None);
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
