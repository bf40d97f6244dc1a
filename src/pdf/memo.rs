//! Pages painted by the earlier builds of one process (`booklet watch`),
//! by their frame's digest ([`super::Digests`]): after an edit to one
//! speaker, the booklet's other pages are painted and compressed as they
//! were, so a rebuild paints only the pages that changed. Painting was a
//! fifth of such a rebuild.
//!
//! An entry is kept while builds use it: each build drops those the build
//! before did not use. Paintings name fonts by their number in the build's
//! font book, so the memo starts afresh when the fonts are not those of the
//! last build.

use super::Painted;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// See the module documentation.
#[derive(Default)]
pub struct PaintMemo {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Paintings by frame digest, each with the last build that used it.
    painted: HashMap<[u8; 32], (Arc<Painted>, u64)>,
    /// The build under way, counted from 1.
    build: u64,
}

impl std::fmt::Debug for PaintMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PaintMemo")
    }
}

impl PaintMemo {
    /// Starts a build: paintings the last build did not use go, and all go
    /// unless the fonts are those of the last build.
    pub fn start(&self, same_fonts: bool) {
        let mut state = self.lock();
        if !same_fonts {
            state.painted.clear();
        }
        let last = state.build;
        state.painted.retain(|_, (_, used)| *used == last);
        state.build += 1;
    }

    /// How many paintings are kept (for tests).
    pub fn len(&self) -> usize {
        self.lock().painted.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The painting of a frame with this digest, made by an earlier build.
    pub(super) fn get(&self, digest: &[u8; 32]) -> Option<Arc<Painted>> {
        let mut state = self.lock();
        let build = state.build;
        let (painted, used) = state.painted.get_mut(digest)?;
        *used = build;
        Some(painted.clone())
    }

    /// Keeps a painting made in this build.
    pub(super) fn put(&self, digest: [u8; 32], painted: Arc<Painted>) {
        let mut state = self.lock();
        let build = state.build;
        state.painted.insert(digest, (painted, build));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
