//! The speakers' sections are set on every core; the booklet must be the
//! same, to the byte, whatever the number of threads.

mod common;

use booklet::diag::Diagnostics;
use booklet::files::Files;
use common::*;

#[test]
fn the_booklet_is_the_same_on_one_thread_and_on_many() {
    for (name, dir) in [
        ("generated", generated_event("parallel-gen", 60)),
        ("scripts", scripts_event("parallel-scripts")),
    ] {
        let files = Files::new(dir.path());
        let options = booklet::load::LoadOptions {
            booklet_layout: "booklet-a5".into(),
            badge_layout: "badge-a6".into(),
            checked_photos: None,
        };
        let mut warnings = Diagnostics::new();
        let project = booklet::load::load(&files, &options, &mut warnings).unwrap();
        let families = project.booklet.fonts.values();
        let book = booklet::text::FontBook::load(&files, families, &mut warnings);
        let lay_out = |threads| {
            let mut ts = booklet::text::Typesetter::new(&book);
            let mut diags = Diagnostics::new();
            let doc = booklet::layout::booklet_on(&project, &mut ts, &mut diags, threads);
            let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            (doc, messages)
        };
        let (serial, serial_warnings) = lay_out(1);
        assert!(
            serial.pages.len() > 8,
            "{name}: {} pages",
            serial.pages.len()
        );
        let write = |doc: &booklet::layout::Document| {
            booklet::pdf::write(doc, &book, &booklet::pdf::WriteOptions::from_env(0))
        };
        let serial_pdf = write(&serial);
        for threads in [2, 3, 7] {
            let (parallel, parallel_warnings) = lay_out(threads);
            assert!(
                parallel == serial,
                "{name}: {threads} threads lay out differently"
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

/// Badges too are set on every core: the same badges and warnings on one
/// thread and on many.
#[test]
fn the_badges_are_the_same_on_one_thread_and_on_many() {
    for (name, dir) in [
        ("generated", generated_event("parallel-badges-gen", 60)),
        ("scripts", scripts_event("parallel-badges-scripts")),
    ] {
        let files = Files::new(dir.path());
        let options = booklet::load::LoadOptions {
            booklet_layout: "booklet-a5".into(),
            badge_layout: "badge-a6".into(),
            checked_photos: None,
        };
        let mut warnings = Diagnostics::new();
        let project = booklet::load::load(&files, &options, &mut warnings).unwrap();
        let families = project.badge.fonts.values();
        let book = booklet::text::FontBook::load(&files, families, &mut warnings);
        let lay_out = |threads| {
            let mut ts = booklet::text::Typesetter::new(&book);
            let mut diags = Diagnostics::new();
            let badges = booklet::layout::badges_on(&project, &mut ts, &mut diags, threads);
            let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            (badges, messages)
        };
        let (serial, serial_warnings) = lay_out(1);
        assert_eq!(serial.len(), project.speakers.len(), "{name}");
        for threads in [2, 3, 7] {
            let (parallel, parallel_warnings) = lay_out(threads);
            assert!(
                parallel == serial,
                "{name}: {threads} threads lay out differently"
            );
            assert_eq!(
                parallel_warnings, serial_warnings,
                "{name}: {threads} threads"
            );
        }
    }
}
