//! The program's memory allocator, and handing memory back to the system.
//!
//! A build allocates millions of small blocks on every core (glyph runs,
//! PDF objects) and frees most of them on another thread than the one that
//! made them. glibc's allocator spent an eighth of a 1000-speaker build's
//! time in `malloc` and `free` and in waiting for its arenas' locks;
//! mimalloc (Microsoft's, through the `mimalloc` crate: per-thread free
//! lists, frees from other threads taken back without a lock) makes the
//! same build 13 % faster, 10 000 speakers 20 %.
//!
//! Two of its defaults are changed, both for memory: transparent huge
//! pages are not asked for (feature `no_thp`: they made every partly used
//! 2 MB of the heap resident, 1000 speakers 138 MB instead of 93 MB), and
//! memory freed goes back to the system after 10 ms instead of a second
//! (see [`tune`]), so a large build's peak is what it holds, not what it
//! freed in the last second.

/// Every allocation of the program.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    /// mimalloc's (`mimalloc.h`): sets an option, read when next used.
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    /// mimalloc's: frees what the calling thread's heap holds unused and,
    /// `force`d, returns the memory of abandoned and freed pages at once.
    fn mi_collect(force: bool);
}

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (a C enum whose
/// values are kept across releases: retired options keep their place).
const PURGE_DELAY: std::ffi::c_int = 15;

/// Sets the allocator's options: called once, first thing.
pub fn tune() {
    // SAFETY: sets a number in mimalloc's option table (an atomic store);
    // callable at any time from any thread.
    unsafe { mi_option_set(PURGE_DELAY, 10) };
}

/// Hands the memory the program freed back to the system now: after a
/// large booklet's pages are sealed, or one of its documents is written,
/// hundreds of megabytes would otherwise stay with the threads that held
/// them until the allocator next looks.
pub fn give_back() {
    // SAFETY: takes no pointer; only the allocator's own structures are
    // touched, from the calling thread.
    unsafe { mi_collect(true) };
}
