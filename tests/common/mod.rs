//! Helpers for end-to-end tests: temporary event folders, builds, and
//! reading the PDFs back.

#![allow(dead_code)]

pub mod generate;
pub mod glyphs;

use booklet::{BuildConfig, BuildReport};
use lopdf::{Document, Object};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("booklet-test-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the repository's default event (data and photos only: the
/// layouts and fonts come built in, as for an installed binary).
pub fn default_event(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    copy_dir(&repo().join("data"), &dir.0.join("data"));
    copy_dir(
        &repo().join("speakers_pictures"),
        &dir.0.join("speakers_pictures"),
    );
    dir
}

/// The event of speakers in many scripts (`tests/data/scripts`), without
/// photos.
pub fn scripts_event(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    let data = repo().join("tests/data/scripts");
    for file in ["event.yaml", "speakers.yaml"] {
        dir.write(
            &format!("data/{file}"),
            std::fs::read(data.join(file)).unwrap(),
        );
    }
    std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
    dir
}

/// A generated event of `n` speakers (see `generate.rs`).
pub fn generated_event(name: &str, n: usize) -> TempDir {
    let dir = TempDir::new(name);
    generate::generate(n, dir.path(), &repo().join("speakers_pictures")).unwrap();
    dir
}

pub fn build(dir: &Path) -> BuildReport {
    booklet::build(&BuildConfig::new(dir))
}

/// Every file of a build, by path under `out/`, with its bytes and inode.
pub fn outputs(out: &Path) -> std::collections::BTreeMap<PathBuf, (Vec<u8>, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut files = std::collections::BTreeMap::new();
    for dir in [out.to_path_buf(), out.join("badges"), out.join("proofs")] {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "pdf") {
                let inode = std::fs::metadata(&path).unwrap().ino();
                let rel = path.strip_prefix(out).unwrap().to_path_buf();
                files.insert(rel, (std::fs::read(&path).unwrap(), inode));
            }
        }
    }
    files
}

/// Asserts that sealing the booklet's pages before writing (what a large
/// booklet gets) changes no byte of any file: the event in `dir` built
/// with every booklet sealed and with none.
pub fn assert_sealing_changes_nothing(dir: &Path) {
    let files = |seal: usize, out: &str| {
        let out = dir.join(out);
        let report = build_with(dir, |c| {
            c.seal_from_pages = seal;
            c.out = out.clone();
        });
        assert!(!report.failed(), "{}", messages(&report));
        outputs(&out)
    };
    let (plain, sealed) = (files(usize::MAX, "out-plain"), files(0, "out-sealed"));
    assert!(plain.len() > 3, "{:?}", plain.keys());
    assert_eq!(
        plain.keys().collect::<Vec<_>>(),
        sealed.keys().collect::<Vec<_>>()
    );
    for (name, (bytes, _)) in &plain {
        assert!(
            &sealed[name].0 == bytes,
            "{} differs when sealed",
            name.display()
        );
    }
}

/// Builds with a changed configuration.
pub fn build_with(dir: &Path, change: impl FnOnce(&mut BuildConfig)) -> BuildReport {
    let mut config = BuildConfig::new(dir);
    change(&mut config);
    booklet::build(&config)
}

/// Runs of white space as one space (extracted text breaks lines anywhere).
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every diagnostic, as printed.
pub fn messages(report: &BuildReport) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn open(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()))
}

/// The text of every page, through the fonts' ToUnicode maps.
pub fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default()
}

/// A page's box (`MediaBox`, `TrimBox`, …) in points, written on the page
/// or shared by several (a reference), if the page has it.
pub fn page_box(doc: &Document, page: lopdf::ObjectId, key: &[u8]) -> Option<Vec<f64>> {
    let value = doc.get_dictionary(page).ok()?.get(key).ok()?;
    let value = match value {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        direct => direct,
    };
    let n = |o: &Object| {
        o.as_float()
            .map(f64::from)
            .or_else(|_| o.as_i64().map(|i| i as f64))
            .unwrap()
    };
    Some(value.as_array().ok()?.iter().map(n).collect())
}

/// Width and height of each page as trimmed (TrimBox, else MediaBox), in
/// millimetres.
pub fn page_sizes_mm(doc: &Document) -> Vec<(f64, f64)> {
    doc.get_pages()
        .values()
        .map(|&id| {
            let b = (page_box(doc, id, b"TrimBox"))
                .or_else(|| page_box(doc, id, b"MediaBox"))
                .unwrap();
            let (w, h) = (b[2] - b[0], b[3] - b[1]);
            (w * 25.4 / 72.0, h * 25.4 / 72.0)
        })
        .collect()
}

/// Every font dictionary: (BaseFont, has an embedded program).
pub fn fonts(doc: &Document) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        let name = dict
            .get(b"FontName")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let embedded = dict.has(b"FontFile2") || dict.has(b"FontFile3") || dict.has(b"FontFile");
        out.push((name, embedded));
    }
    out.sort();
    out
}

/// Titles of the outline's entries, in order.
pub fn outline_titles(doc: &Document) -> Vec<String> {
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines").and_then(Object::as_reference) else {
        return Vec::new();
    };
    let mut titles = Vec::new();
    walk_outline(doc, outlines, 0, &mut titles);
    titles.into_iter().map(|(_, t)| t).collect()
}

/// Every outline entry under `parent`, depth first, with its depth.
fn walk_outline(
    doc: &Document,
    parent: lopdf::ObjectId,
    depth: usize,
    out: &mut Vec<(usize, String)>,
) {
    let mut next = doc
        .get_dictionary(parent)
        .unwrap()
        .get(b"First")
        .and_then(Object::as_reference)
        .ok();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = item.get(b"Title").unwrap();
        out.push((depth, decode_text_string(title)));
        walk_outline(doc, id, depth + 1, out);
        next = item.get(b"Next").and_then(Object::as_reference).ok();
    }
}

/// The outline's entries with their depth (0 at the top).
pub fn outline_tree(doc: &Document) -> Vec<(usize, String)> {
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines").and_then(Object::as_reference) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk_outline(doc, outlines, 0, &mut out);
    out
}

pub fn decode_text_string(o: &Object) -> String {
    let Object::String(bytes, _) = o else {
        return String::new();
    };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Link annotations of page `n` (1-based): (URI, or destination page index).
pub fn links(doc: &Document, n: u32) -> Vec<Link> {
    let pages = doc.get_pages();
    let page_ids: Vec<lopdf::ObjectId> = pages.values().copied().collect();
    let page = doc.get_dictionary(pages[&n]).unwrap();
    let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for a in annots {
        let dict = match a {
            Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
            Object::Dictionary(d) => d,
            _ => continue,
        };
        if dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link".as_slice()) {
            continue;
        }
        let action = dict.get(b"A").and_then(|a| match a {
            Object::Reference(id) => doc.get_dictionary(*id),
            other => other.as_dict(),
        });
        let border = dict
            .get(b"Border")
            .and_then(|b| match b {
                Object::Reference(id) => doc.get_object(*id),
                other => Ok(other),
            })
            .and_then(|b| b.as_array())
            .map(|b| {
                b.iter().all(|v| {
                    v.as_float()
                        .map(|f| f == 0.0)
                        .unwrap_or(v.as_i64().map(|i| i == 0).unwrap_or(false))
                })
            })
            .unwrap_or(false);
        let action = action.ok();
        // A destination: the link's own, or a go-to action's; written in
        // place or shared (a reference).
        let dest = (dict.get(b"Dest").ok())
            .or_else(|| action.and_then(|a| a.get(b"D").ok()))
            .and_then(|d| match d {
                Object::Reference(id) => doc.get_object(*id).ok(),
                direct => Some(direct),
            })
            .and_then(|d| d.as_array().ok());
        if let Some(uri) = action.and_then(|a| a.get(b"URI").ok()) {
            out.push(Link::Uri(decode_text_string(uri), border));
        } else if let Some(dest) = dest {
            let target = dest[0].as_reference().unwrap();
            let index = page_ids.iter().position(|p| *p == target).unwrap();
            out.push(Link::Page(index, border));
        }
    }
    out
}

#[derive(Debug, PartialEq)]
pub enum Link {
    /// URI, and whether its border is invisible.
    Uri(String, bool),
    /// 0-based page index.
    Page(usize, bool),
}
