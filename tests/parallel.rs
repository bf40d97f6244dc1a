//! The speakers' sections and badges are set on every core; the booklet
//! and badges must be the same, to the byte, whatever the number of threads.

mod common;

use booklet::diag::Diagnostics;
use booklet::files::Files;
use common::*;

/// The event in `dir`, loaded, and the fonts of its booklet and badges.
fn loaded(dir: &std::path::Path) -> (booklet::model::Project, booklet::text::FontBook) {
    let files = Files::new(dir);
    let options = booklet::load::LoadOptions {
        booklet_layout: "booklet-a5".into(),
        badge_layout: "badge-a6".into(),
        checked_photos: None,
    };
    let mut warnings = Diagnostics::new();
    let project = booklet::load::load(&files, &options, &mut warnings).unwrap();
    let families = (project.booklet.fonts.values()).chain(project.badge.fonts.values());
    let book = booklet::text::FontBook::load(&files, families, &mut warnings);
    (project, book)
}

/// The programme fixture's event (days, sessions, talks by several
/// people): its booklet is laid out by the programme.
fn programme_event(name: &str) -> TempDir {
    const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/programme");
    let dir = TempDir::new(name);
    for file in ["event.yaml", "speakers.yaml", "programme.yaml"] {
        let text = std::fs::read_to_string(format!("{DATA}/{file}")).unwrap();
        dir.write(&format!("data/{file}"), text);
    }
    std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
    dir
}

/// The booklet and the badges are set on every core: the same layout,
/// warnings and bytes on one thread and on many.
#[test]
fn the_booklet_and_badges_are_the_same_on_one_thread_and_on_many() {
    for (name, dir) in [
        ("generated", generated_event("parallel-gen", 60)),
        ("scripts", scripts_event("parallel-scripts")),
        ("programme", programme_event("parallel-programme")),
    ] {
        let (project, book) = loaded(dir.path());
        let lay_out = |threads| {
            let mut ts = booklet::text::Typesetter::new(&book);
            let mut diags = Diagnostics::new();
            let doc = booklet::layout::booklet_on(&project, &mut ts, &mut diags, threads);
            let badges = booklet::layout::badges_on(&project, &mut ts, &mut diags, threads);
            let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            (doc, badges, messages)
        };
        let (serial, serial_badges, serial_warnings) = lay_out(1);
        assert!(
            serial.pages.len() > 8,
            "{name}: {} pages",
            serial.pages.len()
        );
        assert_eq!(serial_badges.len(), project.speakers.len(), "{name}");
        let write = |doc: &booklet::layout::Document| {
            booklet::pdf::write(doc, &book, &booklet::pdf::WriteOptions::from_env(0))
        };
        let serial_pdf = write(&serial);
        for threads in [2, 3, 7] {
            let (parallel, badges, parallel_warnings) = lay_out(threads);
            assert!(
                parallel == serial,
                "{name}: {threads} threads lay out differently"
            );
            assert!(
                badges == serial_badges,
                "{name}: {threads} threads lay out other badges"
            );
            assert_eq!(
                parallel_warnings, serial_warnings,
                "{name}: {threads} threads"
            );
            assert!(
                write(&parallel) == serial_pdf,
                "{name}: {threads} threads, other bytes"
            );
        }
    }
}
