//! Stage 6, output: file names, atomic writes, the build summary.
//!
//! Every file is written to a temporary name in its own directory and then
//! renamed over the old one, so a reader (or a crash) never sees half a PDF.

use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::Document;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file the build produced.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// Where it was written.
    pub path: PathBuf,
    /// Its pages.
    pub pages: usize,
    /// Its size.
    pub bytes: usize,
    /// Kept as an earlier build wrote it: nothing it is made from changed.
    pub unchanged: bool,
}

/// Who a file is for: the print shop, or screens and e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// The print shop.
    Print,
    /// Screens and e-mail.
    Screen,
}

/// A document to write: made, or to be made when it is written.
enum Source<'a> {
    Ready(Box<std::borrow::Cow<'a, Document>>),
    Later(Box<dyn Fn() -> Document + Send + Sync + 'a>),
}

/// The documents of a build and where each goes, what it is for, and the
/// mail-merge table.
#[derive(Default)]
pub struct Plan<'a> {
    jobs: Vec<(PathBuf, Source<'a>, Use)>,
    /// Folders whose files not in the plan are removed (badges and proofs
    /// of speakers no longer in the event).
    owned: Vec<PathBuf>,
    manifest: Option<(PathBuf, String)>,
}

impl<'a> Plan<'a> {
    /// Adds a document to write at `path`.
    pub fn add(&mut self, path: PathBuf, doc: std::borrow::Cow<'a, Document>, to: Use) {
        self.jobs.push((path, Source::Ready(Box::new(doc)), to));
    }

    /// Adds a document made only when it is written (a proof, a badge):
    /// a build then holds one per core, not one per speaker.
    pub fn add_later(
        &mut self,
        path: PathBuf,
        make: impl Fn() -> Document + Send + Sync + 'a,
        to: Use,
    ) {
        self.jobs.push((path, Source::Later(Box::new(make)), to));
    }

    /// Files in `dir` that the plan does not write are removed: nobody
    /// prints a badge for a cancelled talk.
    pub fn own(&mut self, dir: PathBuf) {
        self.owned.push(dir);
    }

    /// A CSV table to write at `path`.
    pub fn manifest(&mut self, path: PathBuf, csv: String) {
        self.manifest = Some((path, csv));
    }

    /// Renders and writes every file, on every core; each file is written
    /// as soon as it is rendered, so a build holds one PDF per core in
    /// memory, not all of them. A file `memo` shows unchanged is kept as
    /// it is. Then removes stale files.
    pub fn write(&self, writer: &impl Render, memo: &Memo) -> (Vec<Written>, Diagnostics) {
        // A large whole-event document (the booklet, its screen edition,
        // its imposed sheets) holds its whole file while it is written:
        // they are written one at a time, and the per-speaker files fill
        // the other cores meanwhile.
        let pages = |(_, source, _): &(PathBuf, Source<'_>, Use)| source_pages(source);
        let heavy = |job: &_| pages(job) >= HEAVY_PAGES;
        let results = parallel_map(&self.jobs, heavy, |job| {
            let (path, source, to) = job;
            let result = match source {
                Source::Ready(doc) => write_job(path, doc, *to, writer, memo),
                Source::Later(make) => write_job(path, &make(), *to, writer, memo),
            };
            // What a very large document's file took goes back, rather
            // than staying with whichever thread wrote it.
            if pages(job) >= LARGE_PAGES {
                crate::memory::give_back();
            }
            result
        });
        let mut written = Vec::new();
        let mut stamps = Vec::new();
        let mut problems = Diagnostics::new();
        for result in results {
            match result {
                Ok((w, stamp)) => {
                    stamps.extend(stamp.map(|s| (w.path.clone(), s)));
                    written.push(w);
                }
                Err(e) => problems.push(e),
            }
        }
        memo.save(&stamps);
        if let Some((path, csv)) = &self.manifest {
            match write_atomic(path, csv.as_bytes()) {
                Ok(()) => written.push(Written {
                    path: path.clone(),
                    pages: 0,
                    bytes: csv.len(),
                    unchanged: false,
                }),
                Err(e) => problems.push(Diagnostic::error(format!(
                    "cannot write {} ({e})",
                    path.display()
                ))),
            }
        }
        let keep: Vec<PathBuf> = self.jobs.iter().map(|(p, _, _)| p.clone()).collect();
        for dir in &self.owned {
            remove_stale(dir, &keep);
        }
        (written, problems)
    }
}

/// How documents become bytes: the PDF writer, as this stage sees it.
pub trait Render: Sync {
    /// Writes the document's file to `out`: straight to the disk, so that
    /// a large booklet's file is never whole in memory. `key` is the
    /// document's [`Render::key`], taken once (the file's /ID is made
    /// from it).
    fn render(
        &self,
        doc: &Document,
        to: Use,
        key: &[u8; 32],
        out: &mut dyn Write,
    ) -> std::io::Result<()>;
    /// What the file is made from: equal keys give equal files.
    fn key(&self, doc: &Document, to: Use) -> [u8; 32];
}

/// What a file was made from and what was written: the document's key and
/// the file's [`Check`].
type Stamp = ([u8; 32], Check);

/// The bytes of a file written, to know them again: their length and
/// CRC-32. A checksum made for catching damage (as zip and PNG use it), not
/// a cryptographic hash: nobody forges a file to fool their own build, and
/// SHA-256 of every byte written was 4 % of a large first build's time
/// (CRC-32 runs several times faster, on the CPU's carry-less multiply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Check {
    len: u64,
    crc: u32,
}

impl Check {
    fn of(bytes: &[u8]) -> Check {
        Check {
            len: bytes.len() as u64,
            crc: crc32fast::hash(bytes),
        }
    }

    /// As the memo keeps it: the CRC in hex, a dash, the length.
    fn text(&self) -> String {
        format!("{:08x}-{}", self.crc, self.len)
    }

    fn parse(text: &str) -> Option<Check> {
        let (crc, len) = text.split_once('-')?;
        Some(Check {
            crc: u32::from_str_radix(crc, 16).ok()?,
            len: len.parse().ok()?,
        })
    }
}

/// Writes one document, unless the file is already what it would be;
/// with the file's stamp when there is a memo.
fn write_job(
    path: &Path,
    doc: &Document,
    to: Use,
    writer: &impl Render,
    memo: &Memo,
) -> Result<(Written, Option<Stamp>), Diagnostic> {
    let pages = doc.pages.len();
    let key = writer.key(doc, to);
    let render = |out: &mut dyn Write| writer.render(doc, to, &key, out);
    if memo.file.is_none() {
        return Ok((write_rendered(path, pages, render)?.0, None));
    }
    if let Some((bytes, stamp)) = memo.unchanged(path, &key) {
        let path = path.to_path_buf();
        let kept = Written {
            path,
            pages,
            bytes,
            unchanged: true,
        };
        return Ok((kept, Some(stamp)));
    }
    let (written, check) = write_rendered(path, pages, render)?;
    Ok((written, Some((key, check))))
}

/// Writes what `render` writes to `path` atomically (see [`write_atomic`]),
/// checked on the way: the file and its [`Check`], or why it could not be
/// written. `render` writes in large pieces (the PDF writer buffers).
fn write_rendered(
    path: &Path,
    pages: usize,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(Written, Check), Diagnostic> {
    let mut check = Check { len: 0, crc: 0 };
    let result = write_atomic_with(path, |file| {
        let mut summed = Summed {
            inner: file,
            crc: crc32fast::Hasher::new(),
            len: 0,
        };
        render(&mut summed)?;
        check = Check {
            len: summed.len,
            crc: summed.crc.finalize(),
        };
        Ok(())
    });
    match result {
        Ok(()) => Ok((
            Written {
                path: path.to_path_buf(),
                pages,
                bytes: check.len as usize,
                unchanged: false,
            },
            check,
        )),
        Err(e) => Err(cannot_write(path, e)),
    }
}

/// A writer that sums and counts what passes through it.
struct Summed<W> {
    inner: W,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// What earlier builds wrote, so that a rebuild writes only what changed:
/// one file (`out/.cache/written`) with a line per output file: the key of
/// what it was made from, the [`Check`] of the bytes written, its path. A
/// file is kept when its document has the same key and the file on disk
/// still has those bytes (edited or damaged files are written again).
/// Content decides, never time. One file rather than a stamp per output:
/// thousands of small files cost more in the file system than they save.
#[derive(Debug, Default)]
pub struct Memo {
    file: Option<PathBuf>,
    /// By path from the output folder (the memo file's folder's parent), so
    /// that a build started from another folder finds them.
    known: std::collections::HashMap<PathBuf, Stamp>,
}

impl Memo {
    /// The stamps kept in `file`, read now (none if it is missing or
    /// damaged: every file is then written).
    pub fn in_file(file: PathBuf) -> Memo {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let known = text.lines().filter_map(Memo::parse).collect();
        Memo {
            file: Some(file),
            known,
        }
    }

    fn parse(line: &str) -> Option<(PathBuf, Stamp)> {
        let mut fields = line.splitn(3, ' ');
        let key = unhex(fields.next()?)?;
        let check = Check::parse(fields.next()?)?;
        Some((PathBuf::from(fields.next()?), (key, check)))
    }

    /// The size of `file` and its stamp, if it was written from `key` and
    /// still holds what was written.
    fn unchanged(&self, file: &Path, key: &[u8; 32]) -> Option<(usize, Stamp)> {
        let &(known, check) = self.known.get(self.relative(file))?;
        if known != *key || std::fs::metadata(file).ok()?.len() != check.len {
            return None;
        }
        let bytes = std::fs::read(file).ok()?;
        (Check::of(&bytes) == check).then_some((bytes.len(), (known, check)))
    }

    /// Keeps the stamps of this build's files (and no others) for the
    /// next; a failure only costs the next build the work.
    /// `path` from the output folder, when it is in it.
    fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        let out = self
            .file
            .as_deref()
            .and_then(Path::parent)
            .and_then(Path::parent);
        out.and_then(|out| path.strip_prefix(out).ok())
            .unwrap_or(path)
    }

    fn save(&self, stamps: &[(PathBuf, Stamp)]) {
        let Some(file) = &self.file else { return };
        let mut text = String::new();
        for (path, (key, check)) in stamps {
            // A path that is not UTF-8 is not kept: its file is written again.
            let path = self.relative(path);
            if let Some(p) = path.to_str().filter(|p| !p.contains('\n')) {
                for part in [&hex(key), " ", &check.text(), " ", p, "\n"] {
                    text.push_str(part);
                }
            }
        }
        let _ = write_atomic(file, text.as_bytes());
    }
}

/// Bytes as lower-case hex digits: the cache's file names and stamps.
pub fn hex(bytes: &[u8]) -> String {
    // Two digits a byte from a table: through `write!`, the memo's keys
    // (32 bytes for each of 20 000 files at 10 000 speakers) took 25 ms
    // after every file was written.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xF)]));
    }
    out
}

/// 64 hex digits as 32 bytes.
pub fn unhex(s: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if s.len() != 64 {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// A document of this many pages or more is written while no other such
/// document is.
const HEAVY_PAGES: usize = 256;

/// `f` over `items` on every core, results in input order (so output does
/// not depend on scheduling). Items are taken in order, so put big ones
/// first; a `heavy` item is never taken while another is in hand (a core
/// takes the others meanwhile), so that at most one is in memory.
pub(crate) fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    heavy: impl Fn(&T) -> bool,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::collections::VecDeque;
    use std::sync::{Condvar, Mutex};
    /// Items not yet taken, and whether a heavy one is in hand.
    struct Queue {
        heavy: VecDeque<usize>,
        light: VecDeque<usize>,
        busy: bool,
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let (heavy, light) = (0..items.len()).partition(|&i| heavy(&items[i]));
    let queue = Mutex::new(Queue {
        heavy,
        light,
        busy: false,
    });
    let done = Condvar::new();
    let lock = || queue.lock().unwrap_or_else(|e| e.into_inner());
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let (i, is_heavy) = {
                        let mut q = lock();
                        loop {
                            if !q.busy
                                && let Some(i) = q.heavy.pop_front()
                            {
                                q.busy = true;
                                break (i, true);
                            }
                            if let Some(i) = q.light.pop_front() {
                                break (i, false);
                            }
                            if q.heavy.is_empty() {
                                return;
                            }
                            q = done.wait(q).unwrap_or_else(|e| e.into_inner());
                        }
                    };
                    // Frees the heavy turn however `f` ends, a panic
                    // included: the other cores must not wait for ever.
                    struct Turn<'q>(Option<(&'q Mutex<Queue>, &'q Condvar)>);
                    impl Drop for Turn<'_> {
                        fn drop(&mut self) {
                            if let Some((queue, done)) = self.0 {
                                queue.lock().unwrap_or_else(|e| e.into_inner()).busy = false;
                                done.notify_all();
                            }
                        }
                    }
                    let _turn = Turn(is_heavy.then_some((&queue, &done)));
                    let r = f(&items[i]);
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

/// Pages from which a document is large enough that the memory it holds
/// matters more than the time to save it: its pages are sealed before
/// writing (`pdf::seal`) and the memory its file took is handed back. Below
/// it (a 1000-speaker booklet has 1200 pages, its text under 100 MB),
/// sealing would only cost time: it paints every page before the file memo
/// can tell which files need no writing (a 1000-speaker rebuild: +90 ms of
/// 0.32 s), and handing memory back costs faulting it in again.
pub const LARGE_PAGES: usize = 2000;

/// How many pages a job's document has; none counted for one made when it
/// is written (a speaker's badge or proof: a page or a few).
fn source_pages(source: &Source<'_>) -> usize {
    match source {
        Source::Ready(doc) => doc.pages.len(),
        Source::Later(_) => 0,
    }
}

/// Writes `bytes` to `path` atomically: temp file, then rename, so no reader
/// ever sees a partial file. No fsync: it made a 1000-badge build spend a
/// second waiting on the disk, and a crash mid-build only loses files that
/// the next build rewrites.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes to the file.
fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per call, not only per process: two threads may write the same
    // path (the photo cache's entries).
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        write(&mut file)?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Why a file could not be written, and what to do.
fn cannot_write(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write {} ({e})", path.display()))
        .hint("check that the output folder is writable, or choose another with --out")
}

/// Removes badge PDFs left from speakers no longer in the event, so nobody
/// prints a badge for a cancelled talk.
pub fn remove_stale(dir: &Path, keep: &[PathBuf]) {
    // A set: thousands of badges and proofs, each looked up once.
    let keep: std::collections::HashSet<&Path> = keep.iter().map(PathBuf::as_path).collect();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "pdf") && !keep.contains(path.as_path()) {
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

    /// A file written as it is rendered says how long it is and what its
    /// checksum is; a render that fails half-way leaves the file before it
    /// and no temporary file.
    #[test]
    fn rendered_files_are_checked_on_the_way_and_never_half_written() {
        let dir = std::env::temp_dir().join(format!("booklet-render-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("x.pdf");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let (written, check) = write_rendered(&path, 3, |out| {
            out.write_all(&big[..5])?;
            out.write_all(&big[5..])
        })
        .unwrap();
        assert_eq!((written.bytes, written.pages), (big.len(), 3));
        assert_eq!(check, Check::of(&big));
        assert_eq!(Check::parse(&check.text()), Some(check));
        assert_eq!(std::fs::read(&path).unwrap(), big);
        let failed = write_rendered(&path, 1, |out| {
            out.write_all(b"%PDF-1.7 half")?;
            Err(std::io::Error::other("no more"))
        });
        assert!(failed.unwrap_err().message.contains("no more"));
        assert_eq!(std::fs::read(&path).unwrap(), big, "the file before");
        let names = std::fs::read_dir(&dir).unwrap().flatten().count();
        assert_eq!(names, 1, "no temporary file");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Renders a document as its title, counting renders.
    struct Titles(std::sync::atomic::AtomicUsize);

    impl Render for Titles {
        fn render(
            &self,
            doc: &Document,
            _: Use,
            _: &[u8; 32],
            out: &mut dyn Write,
        ) -> std::io::Result<()> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            out.write_all(doc.info.title.as_bytes())
        }

        fn key(&self, doc: &Document, _: Use) -> [u8; 32] {
            sha256(doc.info.title.as_bytes())
        }
    }

    #[test]
    fn unchanged_files_are_kept_and_changed_or_damaged_ones_written() {
        let dir = std::env::temp_dir().join(format!("booklet-memo-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let memo = || Memo::in_file(dir.join(".cache/written"));
        let doc = |title: &str| {
            let mut d = Document::default();
            d.info.title = title.into();
            d
        };
        let build = |a: &str, b: &str| {
            let writer = Titles(Default::default());
            let mut plan = Plan::default();
            plan.add(
                dir.join("a.pdf"),
                std::borrow::Cow::Owned(doc(a)),
                Use::Print,
            );
            plan.add(
                dir.join("b.pdf"),
                std::borrow::Cow::Owned(doc(b)),
                Use::Print,
            );
            let (written, problems) = plan.write(&writer, &memo());
            assert!(problems.is_empty());
            assert_eq!(written.len(), 2);
            writer.0.into_inner()
        };
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(build("one", "two"), 2, "first build writes everything");
        assert_eq!(build("one", "two"), 0, "nothing changed, nothing written");
        assert_eq!(build("one", "three"), 1, "only the changed file");
        assert_eq!(
            (read("a.pdf"), read("b.pdf")),
            ("one".into(), "three".into())
        );
        std::fs::write(dir.join("a.pdf"), "edited by hand").unwrap();
        assert_eq!(
            build("one", "three"),
            1,
            "a file changed on disk is written again"
        );
        assert_eq!(read("a.pdf"), "one");
        std::fs::remove_file(dir.join("b.pdf")).unwrap();
        assert_eq!(build("one", "three"), 1, "a missing file is written again");
        assert_eq!(read("b.pdf"), "three");
        // Without a memo every file is written.
        let writer = Titles(Default::default());
        let mut plan = Plan::default();
        plan.add(
            dir.join("a.pdf"),
            std::borrow::Cow::Owned(doc("one")),
            Use::Print,
        );
        plan.write(&writer, &Memo::default());
        assert_eq!(writer.0.into_inner(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Results come in input order; heavy items are never in hand two at a
    /// time, while light ones go on beside them.
    #[test]
    fn heavy_items_are_taken_one_at_a_time() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..40).collect();
        let (now, most, light_beside) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let heavy = |&i: &usize| i % 4 == 0;
        let out = parallel_map(&items, heavy, |&i| {
            if heavy(&i) {
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(n, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(5));
                now.fetch_sub(1, Ordering::SeqCst);
            } else if now.load(Ordering::SeqCst) > 0 {
                light_beside.fetch_add(1, Ordering::SeqCst);
            }
            i * 10
        });
        assert_eq!(out, (0..40).map(|i| i * 10).collect::<Vec<_>>());
        assert_eq!(most.load(Ordering::SeqCst), 1);
        if std::thread::available_parallelism().map_or(1, |n| n.get()) > 1 {
            assert!(light_beside.load(Ordering::SeqCst) > 0);
        }
    }

    /// A heavy item that panics frees its turn: the build fails, it does
    /// not hang.
    #[test]
    fn a_panicking_heavy_item_does_not_hang_the_others() {
        let items: Vec<usize> = (0..6).collect();
        let outcome = std::panic::catch_unwind(|| {
            parallel_map(
                &items,
                |&i| i < 3,
                |&i| {
                    if i == 0 {
                        panic!("a writer failed");
                    }
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    i
                },
            )
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let expected: String = all.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&all), expected);
        assert_eq!(unhex(&hex(&[0xAB; 32])), Some([0xAB; 32]));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(312_400), "312.4 KB");
        assert_eq!(human_size(2_500_000), "2.50 MB");
    }
}
