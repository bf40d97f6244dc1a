//! booklet: a conference's speakers, from YAML to a print-ready program
//! booklet and name badges.
//!
//! The pipeline, one stage per module, data flowing one way:
//! [`load`] → [`model`] → [`text`] → [`layout`] → [`impose`] → [`pdf`] →
//! [`output`]. [`build`] runs it.

// Diagnostics travel in `Err` on cold paths (bad input); boxing them would
// only add noise at every call site.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

pub mod diag;
pub mod files;
pub mod geom;
pub mod import;
pub mod impose;
pub mod init;
pub mod kept;
pub mod layout;
pub mod load;
pub mod memory;
pub mod model;
pub mod output;
pub mod pdf;
pub mod preflight;
pub mod text;
pub mod watch;

use diag::Diagnostics;
use files::Files;
use layout::Document;
use output::Written;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything a build needs to know, resolved from the command line.
#[derive(Clone, Debug)]
pub struct BuildConfig {
    /// The event folder.
    pub project: PathBuf,
    /// Where the PDFs go (`out/` in the event folder by default).
    pub out: PathBuf,
    /// Name of the booklet layout (`layouts/<name>.yaml`, project or built in).
    pub booklet_layout: String,
    /// Name of the badge layout.
    pub badge_layout: String,
    /// False for `booklet check`: everything but writing files.
    pub write: bool,
    /// Warnings fail the build (`--deny-warnings`), for CI of an event's repository.
    pub deny_warnings: bool,
    /// Also check what a copy shop would reject (`check --print`).
    pub preflight: bool,
    /// Which files to write: for the print shop, for screens and e-mail,
    /// or both (the default).
    pub for_print: bool,
    /// See [`BuildConfig::for_print`].
    pub for_screen: bool,
    /// A booklet of this many pages or more is sealed before it is written
    /// (see [`output::LARGE_PAGES`]); the files are the same either way.
    pub seal_from_pages: usize,
    /// The process ends when the build returns (`booklet build` and
    /// `check`, not `watch`): the event's pages, badges and what the
    /// writer made are left for the system to take back at exit instead of
    /// being freed piece by piece, which was 5-8 ms of a 1000-speaker
    /// build on one core after every file was written.
    pub ends_process: bool,
}

impl BuildConfig {
    /// The defaults for an event folder: built-in A5 booklet and A6 badges, output in `out/`.
    pub fn new(project: impl Into<PathBuf>) -> BuildConfig {
        let project = project.into();
        BuildConfig {
            out: project.join("out"),
            project,
            booklet_layout: "booklet-a5".into(),
            badge_layout: "badge-a6".into(),
            write: true,
            deny_warnings: false,
            preflight: false,
            for_print: true,
            for_screen: true,
            seal_from_pages: output::LARGE_PAGES,
            ends_process: false,
        }
    }
}

/// Every file of a build: for the print shop the booklet and the badge
/// sheets; for screens and e-mail the booklet without bleed or blank pages,
/// each speaker's badge and proof (their pages and their badge), and the
/// mail-merge table `manifest.csv`.
fn plan<'a>(
    config: &BuildConfig,
    project: &model::Project,
    booklet: &'a Document,
    screen: &'a Document,
    badges: &[layout::Badge],
    sheet: &'a Document,
    photos: &pdf::Resampled,
) -> output::Plan<'a> {
    use output::Use::{Print, Screen};
    use std::borrow::Cow::{Borrowed, Owned};
    let out = &config.out;
    let mut plan = output::Plan::default();
    // Every size of a photo is made from one decoding: the sizes of each
    // document are noted as it is planned (the imposed booklet and the
    // proofs show the same pages at the same sizes), the large documents'
    // together.
    let mut large = Vec::new();
    if config.for_print {
        large.push((booklet, pdf::Profile::Print));
        plan.add(out.join("booklet.pdf"), Borrowed(booklet), Print);
        let imposed =
            impose::saddle::saddle_stitch(booklet, &project.booklet, imposed_info(project));
        plan.add(out.join("booklet-imposed.pdf"), Owned(imposed), Print);
        if !sheet.pages.is_empty() {
            large.push((sheet, pdf::Profile::Print));
            plan.add(out.join("badges-sheet.pdf"), Borrowed(sheet), Print);
        }
    }
    if config.for_screen {
        large.push((screen, pdf::Profile::Screen));
    }
    photos.expect_all(&large);
    if !config.for_screen {
        return plan;
    }
    plan.add(out.join("booklet-screen.pdf"), Borrowed(screen), Screen);
    let mut manifest = String::from("id,name,email,badge,proof\n");
    for (k, (speaker, badge)) in project.speakers.iter().zip(badges).enumerate() {
        let (badge_file, proof_file) = (
            format!("badges/{}.pdf", speaker.id),
            format!("proofs/{}.pdf", speaker.id),
        );
        photos.expect(&badge.document(), pdf::Profile::Screen);
        let front = badge.clone();
        plan.add_later(out.join(&badge_file), move || front.document(), Screen);
        let badge = badge.clone();
        let info = proof_info(project, speaker);
        let proof = move || {
            let pages = screen.people.get(k).cloned().unwrap_or_default();
            let mut proof = screen.extract(&pages, info.clone());
            proof.pages.extend(badge.document().pages);
            proof
        };
        plan.add_later(out.join(&proof_file), proof, Screen);
        let email = speaker.email.as_deref().unwrap_or("");
        let row = [&speaker.id, &speaker.name, email, &badge_file, &proof_file];
        manifest.push_str(&row.map(csv_field).join(","));
        manifest.push('\n');
    }
    plan.own(out.join("badges"));
    plan.own(out.join("proofs"));
    plan.manifest(out.join("manifest.csv"), manifest);
    plan
}

/// A CSV field, quoted when it must be.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn imposed_info(project: &model::Project) -> layout::Info {
    layout::Info {
        title: format!(
            "{}: programme booklet, imposed for saddle stitching",
            project.event.name
        ),
        author: project.event.name.clone(),
        subject: "Printer's spreads: print double-sided, fold, staple".into(),
        keywords: vec!["booklet".into(), "imposed".into()],
        language: project.event.language.tag.clone(),
    }
}

fn proof_info(project: &model::Project, speaker: &model::Speaker) -> layout::Info {
    layout::Info {
        title: format!("{}: proof for {}", project.event.name, speaker.name),
        author: project.event.name.clone(),
        subject: "Your pages in the programme booklet and your badge, to check before printing"
            .into(),
        keywords: vec!["proof".into()],
        language: project.event.language.tag.clone(),
    }
}

/// Photos being resampled in the background for the sizes the layouts
/// foresee ([`layout::foreseen_photos`]), and checked: on a first build,
/// decoding, resampling and encoding the photos was half a small event's
/// time, and the text is set on fewer cores than there are.
struct Ahead {
    /// The work, which says which photos did not decode.
    handle: Option<std::thread::JoinHandle<Vec<pdf::Undecodable>>>,
    /// The photos load left unchecked, with the hash of their file.
    checking: Vec<(Arc<model::Photo>, [u8; 32])>,
}

impl Ahead {
    fn start(
        config: &BuildConfig,
        project: &model::Project,
        photos: &Arc<pdf::Resampled>,
        checked: &load::Checked,
    ) -> Ahead {
        let uses = match config.write {
            true => foreseen_uses(config, project),
            false => Vec::new(),
        };
        // Each photo load left unchecked, once however many speakers show it.
        let mut pending: std::collections::HashMap<_, _> = checked.pending().into_iter().collect();
        let mut checking: Vec<(Arc<model::Photo>, [u8; 32])> = Vec::new();
        for speaker in &project.speakers {
            if let model::PhotoSource::Photo(p) = &speaker.photo
                && let Some(hash) = pending.remove(&p.path)
            {
                checking.push((p.clone(), hash));
            }
        }
        let check: Vec<Arc<model::Photo>> = checking.iter().map(|(p, _)| p.clone()).collect();
        // Before any document asks for a size: what the screen's uses take
        // depends on what print makes.
        photos.plan(&uses);
        let photos = photos.clone();
        let handle = std::thread::Builder::new()
            .name("photos".into())
            .spawn(move || photos.make_ahead(&uses, &check))
            .ok();
        Ahead { handle, checking }
    }

    /// Whether the photos are still being made.
    fn busy(&self) -> bool {
        self.handle.as_ref().is_some_and(|h| !h.is_finished())
    }

    /// Waits for the work: the photos checked that decoded are noted in
    /// `checked`; each speaker whose photo did not gets an error.
    fn finish(
        mut self,
        project: &model::Project,
        checked: &load::Checked,
        diags: &mut Diagnostics,
    ) {
        let failed = match self.handle.take().map(|h| h.join()) {
            Some(Ok(failed)) => failed,
            // The thread could not start (or panicked): the photos are
            // checked here, on this core.
            _ => {
                let check: Vec<_> = self.checking.iter().map(|(p, _)| p.clone()).collect();
                pdf::Resampled::default().make_ahead(&[], &check)
            }
        };
        for (photo, hash) in &self.checking {
            if !failed.iter().any(|(p, _)| Arc::ptr_eq(p, photo)) {
                checked.decoded(*hash);
            }
        }
        for (photo, why) in &failed {
            let said = load::unusable(&photo.path, load::undecodable(why));
            for speaker in &project.speakers {
                if matches!(&speaker.photo, model::PhotoSource::Photo(p) if Arc::ptr_eq(p, photo)) {
                    diags.push(said.clone().speaker(&speaker.id).field("photo"));
                }
            }
        }
    }
}

/// Each speaker's photo as the documents [`plan`] writes will show it
/// (see [`layout::foreseen_photos`]): the booklet and its imposition
/// print, the screen booklet, each proof and e-mail badge are for the
/// screen, the badge sheets print.
fn foreseen_uses(
    config: &BuildConfig,
    project: &model::Project,
) -> Vec<(Arc<model::Photo>, geom::Rect, pdf::Profile)> {
    let profiles = [
        (config.for_print, pdf::Profile::Print),
        (config.for_screen, pdf::Profile::Screen),
    ];
    let mut uses = Vec::new();
    for u in layout::foreseen_photos(project) {
        for (wanted, profile) in profiles {
            if wanted {
                uses.push((u.photo.clone(), u.rect, profile));
            }
        }
    }
    uses
}

impl Drop for Ahead {
    fn drop(&mut self) {
        // No work of this build outlives it (a build that stops early).
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

/// The PDF writer with this build's fonts and options.
struct Writer<'a> {
    book: &'a text::FontBook,
    print: pdf::WriteOptions,
    screen: pdf::WriteOptions,
}

impl Writer<'_> {
    fn options(&self, to: output::Use) -> &pdf::WriteOptions {
        match to {
            output::Use::Print => &self.print,
            output::Use::Screen => &self.screen,
        }
    }
}

impl output::Render for Writer<'_> {
    fn render(
        &self,
        doc: &Document,
        to: output::Use,
        key: &[u8; 32],
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        pdf::write_to(doc, self.book, self.options(to), key, out)
    }

    fn key(&self, doc: &Document, to: output::Use) -> [u8; 32] {
        let options = self.options(to);
        options.digests.of(doc, self.book, options)
    }
}

/// What a build did: files written (none if it failed) and every problem.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// How many speakers the event has (for the summary).
    pub speakers: usize,
    /// Typesetting figures per document (`--report`).
    pub stats: Vec<(String, layout::Stats)>,
    /// Every file written, in the order the summary lists them.
    pub files: Vec<Written>,
    /// Every problem found, errors and warnings, in the order found.
    pub diagnostics: Diagnostics,
}

impl BuildReport {
    /// Whether an error stopped the build (exit code 1).
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// What the builds of one process keep for the next (`booklet watch`):
/// the paragraphs they set and the pages they painted, so that a rebuild
/// after an edit sets and paints only what the edit changed. Each build
/// drops what the build before did not use. A one-off build keeps nothing
/// (it would only cost memory: about as much again as the event's text).
#[derive(Debug, Default)]
pub struct Warm {
    /// The last build's font files: what both memos' keys leave out.
    fonts: std::sync::Mutex<Option<text::FontFiles>>,
    paragraphs: text::Memo,
    paintings: std::sync::Arc<pdf::PaintMemo>,
}

impl Warm {
    /// Starts a build with `book`: what the last build did not use goes,
    /// and everything when the fonts are not the last build's.
    fn start(&self, book: &text::FontBook) {
        let files = text::FontFiles::of(book);
        let mut last = self.fonts.lock().unwrap_or_else(|e| e.into_inner());
        let same = last.as_ref() == Some(&files);
        *last = Some(files);
        self.paragraphs.start(same);
        self.paintings.start(same);
    }
}

/// Runs the whole pipeline: load → typeset and lay out → impose → write.
/// Nothing is written unless every stage succeeded.
pub fn build(config: &BuildConfig) -> BuildReport {
    build_warm(config, None)
}

/// [`build`], taking what earlier builds of this process kept and keeping
/// what this one makes for the next: the same files as a build alone.
pub fn build_warm(config: &BuildConfig, warm: Option<&Warm>) -> BuildReport {
    let mut report = BuildReport::default();
    let files = Files::new(&config.project);
    // Photos that decoded in earlier builds are not decoded again to be
    // checked (by `check` either), the others are checked by the decoding
    // that resamples them (see `Ahead`); kept once the files are written.
    let checked_photos =
        Arc::new(load::Checked::in_file(config.out.join(".cache/checked-photos")).deferring());
    let options = load::LoadOptions {
        booklet_layout: config.booklet_layout.clone(),
        badge_layout: config.badge_layout.clone(),
        checked_photos: Some(checked_photos.clone()),
    };
    let diags = &mut report.diagnostics;
    let project = match load::load(&files, &options, diags) {
        Ok(project) => project,
        Err(problems) => {
            diags.extend(problems);
            return report;
        }
    };
    report.speakers = project.speakers.len();
    // Resampled photos are kept for the next build, beside the output.
    let photos = Arc::new(pdf::Resampled::on_disk(&config.out.join(".cache/photos")));
    // The photos checked and resampled on the other cores while the text
    // is set.
    let ahead = Ahead::start(config, &project, &photos, &checked_photos);
    let families = (project.booklet.fonts.values()).chain(project.badge.fonts.values());
    let book = text::FontBook::load(&files, families, diags);
    if diags.has_errors() {
        ahead.finish(&project, &checked_photos, diags);
        return report;
    }
    if let Some(warm) = warm {
        warm.start(&book);
    }
    let mut ts = text::Typesetter::new(&book).remembering(warm.map(|w| &w.paragraphs));
    let mut booklet = layout::booklet(&project, &mut ts, diags);
    // The figures go to the report; the files do not need them.
    let stats = std::mem::take(&mut booklet.stats);
    report.stats.push(("booklet.pdf".into(), stats));
    // What preflight finds in a document about to be written, if asked.
    let preflight_of = |name: &str, doc: &layout::Document| match config.preflight {
        true => preflight::check(&[(name, doc)], &project.booklet, &book),
        false => Diagnostics::new(),
    };
    // Checked before it is sealed; said after the badges' problems.
    let checked = preflight_of("booklet.pdf", &booklet);
    let options = pdf::WriteOptions {
        photos,
        painted: std::sync::Arc::new(match warm {
            Some(warm) => pdf::PaintCache::remembering(warm.paintings.clone()),
            None => pdf::PaintCache::default(),
        }),
        ..pdf::WriteOptions::for_event(project.event.date)
    };
    // A large booklet's pages painted now, before the badges are laid
    // out, and their text let go: every document showing them is written
    // from the paintings.
    let will_write = config.write && !diags.has_errors() && checked.is_empty();
    let large = booklet.pages.len() >= config.seal_from_pages;
    if will_write && large {
        pdf::seal(&mut booklet, &book, &options);
    }
    let badges = layout::badges(&project, &mut ts, diags);
    // Its shaping and word caches are not needed for writing; what the
    // badges' threads set them with goes back to the system when the
    // event is large (it would stay with those threads: 20 MB at 10 000
    // speakers, at the build's peak).
    drop(ts);
    // The badges on their sheets, and checked: work for this core while a
    // small event's photos are still being made (it waited for them, then
    // did this with the other core idle).
    let sheet = impose::impose(&badges, &project.badge, impose::sheet_info(&project.event));
    let sheet_checked = preflight_of("badges-sheet.pdf", &sheet);
    // While the photos are still being made (a small event's: its text
    // is set sooner), this core makes what the files need of each face
    // shown: made by the first file, the others waited for it, a quarter
    // of a small event's writing (6 speakers: 7.7 -> 4.9 ms).
    if will_write && !large && ahead.busy() {
        let fronts = badges.iter().map(|b| &*b.front);
        (options.fonts).prepare(&book, booklet.pages.iter().map(|p| &**p).chain(fronts));
    }
    // The photos made ahead are in (what their threads freed goes back
    // with the rest).
    ahead.finish(&project, &checked_photos, diags);
    if large {
        memory::give_back();
    }
    diags.extend(checked);
    diags.extend(sheet_checked);
    diags.dedup();
    if config.deny_warnings {
        diags.deny_warnings();
    }
    if diags.has_errors() || !config.write {
        left_to_exit(config, (sheet, badges, booklet, book, project));
        return report;
    }
    let screen = match config.for_screen {
        true => booklet.for_screen(),
        false => Document::default(),
    };
    let plan = plan(
        config,
        &project,
        &booklet,
        &screen,
        &badges,
        &sheet,
        &options.photos,
    );
    // Photos first, on every core: the documents then find them made.
    options.photos.make_expected();
    let screen_options = pdf::WriteOptions {
        profile: pdf::Profile::Screen,
        ..options.clone()
    };
    let writer = Writer {
        book: &book,
        print: options,
        screen: screen_options,
    };
    // Files unchanged since the last build are kept: see output::Memo.
    let memo = output::Memo::in_file(config.out.join(".cache/written"));
    let (written, problems) = plan.write(&writer, &memo);
    checked_photos.save();
    // Resampled photos no document of this event uses any more go; a build
    // of some of the files (`--for print`) leaves the others' photos.
    if config.for_print && config.for_screen && problems.is_empty() {
        writer.print.photos.sweep();
    }
    report.files = written;
    report.diagnostics.extend(problems);
    // The plan and the writer first, as they borrow the others.
    left_to_exit(config, plan);
    left_to_exit(config, writer);
    left_to_exit(config, (screen, sheet, badges, booklet, book, project));
    report
}

/// `held` let go without freeing it when the process ends after the build
/// (see [`BuildConfig::ends_process`]); dropped otherwise.
fn left_to_exit<T>(config: &BuildConfig, held: T) {
    if config.ends_process {
        std::mem::forget(held);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fonts::tests::family;

    /// The photo sizes resampled ahead, from the layouts alone, are
    /// exactly those the documents then ask for: in every layout, for the
    /// print shop, the screen or both.
    #[test]
    fn photos_are_foreseen_as_the_documents_show_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let layouts = [
            ("booklet-a5", "badge-a6"),
            ("booklet-half-letter", "badge-4x3in"),
            ("booklet-a5", "badge-cr80"),
        ];
        for (booklet_layout, badge_layout) in layouts {
            for (for_print, for_screen) in [(true, true), (true, false), (false, true)] {
                let config = BuildConfig {
                    booklet_layout: booklet_layout.into(),
                    badge_layout: badge_layout.into(),
                    for_print,
                    for_screen,
                    ..BuildConfig::new(root)
                };
                let files = Files::new(root);
                let options = load::LoadOptions {
                    booklet_layout: booklet_layout.into(),
                    badge_layout: badge_layout.into(),
                    checked_photos: None,
                };
                let mut diags = Diagnostics::new();
                let project = load::load(&files, &options, &mut diags).expect("loads");
                let families = (project.booklet.fonts.values()).chain(project.badge.fonts.values());
                let book = text::FontBook::load(&files, families, &mut diags);
                let mut ts = text::Typesetter::new(&book);
                let booklet = layout::booklet(&project, &mut ts, &mut diags);
                let badges = layout::badges(&project, &mut ts, &mut diags);
                let sheet =
                    impose::impose(&badges, &project.badge, impose::sheet_info(&project.event));
                let screen = booklet.for_screen();
                let photos = pdf::Resampled::default();
                let uses = foreseen_uses(&config, &project);
                photos.plan(&uses);
                let _ = plan(
                    &config, &project, &booklet, &screen, &badges, &sheet, &photos,
                );
                let sorted = |mut v: Vec<(Arc<model::Photo>, Vec<pdf::Size>)>| {
                    for (_, sizes) in &mut v {
                        sizes.sort_by_key(|&(w, p)| (w, p == pdf::Profile::Print));
                    }
                    v.sort_by_key(|(p, _)| p.path.clone());
                    v.into_iter()
                        .map(|(p, sizes)| (p.path.clone(), sizes))
                        .collect::<Vec<_>>()
                };
                let foreseen = photos.foreseen(&uses);
                let expected = sorted(photos.expected());
                assert!(!expected.is_empty());
                assert_eq!(
                    sorted(foreseen),
                    expected,
                    "{booklet_layout}, {badge_layout}, print {for_print}, screen {for_screen}"
                );
            }
        }
    }

    /// What the builds of a process keep goes when the fonts change: the
    /// same files loaded again keep it, other files do not.
    #[test]
    fn warm_builds_forget_everything_when_the_fonts_change() {
        let warm = Warm::default();
        let (serif, again, sans) = (
            family("SourceSerif4").1,
            family("SourceSerif4").1,
            family("SourceSans3").1,
        );
        warm.start(&serif);
        warm.paragraphs.put([1; 32], Default::default());
        warm.start(&again);
        assert_eq!(warm.paragraphs.len(), 1, "the same fonts, loaded again");
        warm.paragraphs.get(&[1; 32]);
        warm.start(&sans);
        assert!(warm.paragraphs.is_empty(), "other fonts");
    }
}
