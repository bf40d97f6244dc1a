//! What the builds of one process (`booklet watch`) keep for the next, by
//! a SHA-256 of everything that made it: the paragraphs set
//! (`text::Memo`) and the pages painted (`pdf::PaintMemo`). After an edit
//! to one speaker, the rest is taken as it was instead of made again.
//!
//! An entry is kept while builds use it: each build drops those the build
//! before did not use (an edited paragraph's old text, a moved page), and
//! everything goes when what the keys leave out changed (the fonts: entries
//! hold glyph ids and font numbers of the build's font book).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Values by key, each with the last build that used it. Shared by the
/// threads of a build; values are shared too, so a taken one is copied, if
/// at all, outside the lock.
pub struct Kept<V> {
    state: Mutex<State<V>>,
}

struct State<V> {
    values: HashMap<[u8; 32], (Arc<V>, u64)>,
    /// The build under way, counted from 1.
    build: u64,
}

impl<V> Default for Kept<V> {
    fn default() -> Kept<V> {
        Kept {
            state: Mutex::new(State {
                values: HashMap::new(),
                build: 0,
            }),
        }
    }
}

impl<V> std::fmt::Debug for Kept<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kept({})", self.len())
    }
}

impl<V> Kept<V> {
    /// Starts a build: the values the last build did not use go, and all go
    /// unless `still_valid` (what their keys leave out is unchanged).
    pub fn start(&self, still_valid: bool) {
        let mut state = self.lock();
        if !still_valid {
            state.values.clear();
        }
        let last = state.build;
        state.values.retain(|_, (_, used)| *used == last);
        state.build += 1;
    }

    /// The value kept under `key`, if any, marked as used by this build.
    pub fn get(&self, key: &[u8; 32]) -> Option<Arc<V>> {
        let mut state = self.lock();
        let build = state.build;
        let (value, used) = state.values.get_mut(key)?;
        *used = build;
        Some(value.clone())
    }

    /// Keeps a value made in this build.
    pub fn put(&self, key: [u8; 32], value: Arc<V>) {
        let mut state = self.lock();
        let build = state.build;
        state.values.insert(key, (value, build));
    }

    /// How many values are kept.
    pub fn len(&self) -> usize {
        self.lock().values.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<V>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_while_builds_use_them() {
        let kept = Kept::<&str>::default();
        kept.start(true);
        kept.put([1; 32], Arc::new("one"));
        kept.put([2; 32], Arc::new("two"));
        kept.start(true);
        assert_eq!(kept.get(&[1; 32]).as_deref(), Some(&"one"));
        assert_eq!(kept.len(), 2, "taken, not dropped");
        kept.start(true);
        assert_eq!(kept.len(), 1, "the one the last build did not use is gone");
        assert!(kept.get(&[2; 32]).is_none());
        kept.start(false);
        assert!(kept.is_empty(), "not valid any more: all gone");
    }
}
