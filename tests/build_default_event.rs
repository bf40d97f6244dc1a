//! Builds the default event end to end and checks the PDFs it writes.

mod common;

use common::*;
use std::path::Path;

const SPEAKERS: [(&str, &str, &str); 6] = [
    (
        "jian-tang",
        "Jian Tang",
        "Geometric Deep Learning for Drug Discovery",
    ),
    (
        "julie-grollier",
        "Julie Grollier",
        "Spiking Equilibrium Propagation",
    ),
    (
        "song-han",
        "Song Han",
        "TinyTL: Reduce Memory, Not Parameters",
    ),
    (
        "ehsan-saboori",
        "Ehsan Saboori",
        "Deep learning model compression",
    ),
    (
        "yunhe-wang",
        "Yunhe Wang",
        "AdderNet: Do we really need multiplications",
    ),
    (
        "liangwei-ge",
        "Liangwei Ge",
        "Deep learning challenges and how Intel",
    ),
];

/// Whitespace-insensitive containment: extracted text breaks lines anywhere.
fn contains(haystack: &str, needle: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    squash(haystack).contains(&squash(needle))
}

#[test]
fn default_event_builds_every_file() {
    let dir = default_event("default");
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    assert_eq!(report.speakers, 6);
    let out = dir.path().join("out");
    assert!(out.join("booklet.pdf").is_file());
    assert!(out.join("badges-sheet.pdf").is_file());
    for (id, _, _) in SPEAKERS {
        assert!(
            out.join("badges").join(format!("{id}.pdf")).is_file(),
            "{id}"
        );
    }
    // The placeholder portraits are real photos: no warnings at all.
    assert!(report.diagnostics.is_empty(), "{}", messages(&report));
}

#[test]
fn booklet_pages_text_fonts_outline_and_links() {
    let dir = default_event("booklet");
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));

    let sizes = page_sizes_mm(&doc);
    assert!(
        sizes.len() >= 8,
        "cover, contents and at least a page per speaker: {}",
        sizes.len()
    );
    assert_eq!(
        sizes.len() % 4,
        0,
        "a saddle-stitched booklet has a multiple of 4 pages"
    );
    for (w, h) in &sizes {
        assert!(
            (w - 148.0).abs() < 0.1 && (h - 210.0).abs() < 0.1,
            "A5 expected, got {w} × {h}"
        );
    }

    let text = text(&doc);
    for (_, name, title) in SPEAKERS {
        assert!(contains(&text, name), "{name} missing");
        assert!(contains(&text, title), "{title} missing");
    }
    // Smart punctuation copies out as typographic characters.
    assert!(text.contains("doesn’t"), "curly apostrophe");
    assert!(
        text.contains("learning–a") || text.contains("learning– a"),
        "en dash"
    );
    assert!(
        text.contains("3D data—has") || text.contains("data—has"),
        "em dash"
    );

    let fonts = fonts(&doc);
    assert!(fonts.len() >= 3, "{fonts:?}");
    for (name, embedded) in &fonts {
        assert!(*embedded, "{name} not embedded");
        let (tag, rest) = name
            .split_once('+')
            .unwrap_or_else(|| panic!("{name} is not subset"));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(
            rest.starts_with("SourceSerif4") || rest.starts_with("SourceSans3"),
            "{name}"
        );
    }

    let titles = outline_titles(&doc);
    let names: Vec<&str> = SPEAKERS.iter().map(|s| s.1).collect();
    assert_eq!(&titles[titles.len() - 6..], names.as_slice());

    // Contents entries link to the pages where the speakers' names are.
    let contents = links(&doc, 2);
    let targets: Vec<usize> = contents
        .iter()
        .filter_map(|l| match l {
            Link::Page(p, invisible) => {
                assert!(invisible, "contents links must have no visible box");
                Some(*p)
            }
            _ => None,
        })
        .collect();
    assert_eq!(targets.len(), 6);
    for ((_, name, _), page) in SPEAKERS.iter().zip(&targets) {
        let page_text = doc.extract_text(&[*page as u32 + 1]).unwrap();
        assert!(
            contains(&page_text, name),
            "link for {name} lands on page {} without it",
            page + 1
        );
    }
    // Affiliation links go to the web.
    let all: Vec<Link> = (1..=sizes.len() as u32)
        .flat_map(|n| links(&doc, n))
        .collect();
    assert!(
        all.contains(&Link::Uri("https://jian-tang.com/".into(), true)),
        "{all:?}"
    );
    assert!(
        !all.iter()
            .any(|l| matches!(l, Link::Uri(u, _) if u.is_empty())),
        "Intel has no URL"
    );

    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let title = decode_text_string(info.get(b"Title").unwrap());
    assert!(
        title.contains("Hardware Aware Efficient Training"),
        "{title}"
    );
    assert!(info.has(b"Author"));
}

#[test]
fn badges_and_sheet() {
    let dir = default_event("badges");
    build(dir.path());
    let out = dir.path().join("out");
    for (id, name, _) in SPEAKERS {
        let doc = open(&out.join("badges").join(format!("{id}.pdf")));
        let sizes = page_sizes_mm(&doc);
        assert_eq!(sizes.len(), 1);
        assert!(
            (sizes[0].0 - 105.0).abs() < 0.1 && (sizes[0].1 - 148.0).abs() < 0.1,
            "{sizes:?}"
        );
        assert!(contains(&text(&doc), name), "{name} not on its badge");
        assert!(fonts(&doc).iter().all(|(n, e)| *e && n.contains('+')));
        let bytes = std::fs::metadata(out.join("badges").join(format!("{id}.pdf")))
            .unwrap()
            .len();
        assert!(bytes < 150_000, "{id}: {bytes} bytes");
    }
    let sheet = open(&out.join("badges-sheet.pdf"));
    let sizes = page_sizes_mm(&sheet);
    assert_eq!(sizes.len(), 2, "six badges, four to a sheet: two sheets");
    for (w, h) in sizes {
        assert!((w - 210.0).abs() < 0.1 && (h - 297.0).abs() < 0.1);
    }
    let all = text(&sheet);
    for (_, name, _) in SPEAKERS {
        assert!(contains(&all, name));
    }
}

#[test]
fn same_inputs_same_bytes() {
    let a = default_event("det-a");
    let b = default_event("det-b");
    build(a.path());
    build(b.path());
    for file in ["booklet.pdf", "badges-sheet.pdf", "badges/song-han.pdf"] {
        let x = std::fs::read(a.path().join("out").join(file)).unwrap();
        let y = std::fs::read(b.path().join("out").join(file)).unwrap();
        assert!(x == y, "{file} differs between identical builds");
    }
}

#[test]
fn a_rebuild_writes_only_what_changed_and_the_same_bytes_as_a_fresh_build() {
    let dir = default_event("rebuild");
    let out = dir.path().join("out");
    assert!(!build(dir.path()).failed());
    let first = outputs(&out);
    assert!(first.len() > 15, "{}", first.len());
    // Nothing changed: every file kept as it was (the same inode: not even
    // renamed over), and the report says so.
    let report = build(dir.path());
    assert!(!report.failed());
    assert_eq!(outputs(&out), first);
    let kept = report.files.iter().filter(|f| f.unchanged).count();
    assert_eq!(kept, first.len(), "every PDF reported unchanged");
    // One speaker's affiliation changes: their badge, their proof and the
    // booklets are written again; another speaker's badge is kept.
    let speakers = dir.path().join("data/speakers.yaml");
    let yaml = std::fs::read_to_string(&speakers).unwrap();
    std::fs::write(&speakers, yaml.replacen("\"MILA\"", "\"Mila Québec\"", 1)).unwrap();
    let report = build(dir.path());
    assert!(!report.failed());
    assert_eq!(
        report.files.len(),
        first.len() + 1,
        "every file is listed, kept or not"
    );
    let second = outputs(&out);
    let changed = |f: &str| first[Path::new(f)] != second[Path::new(f)];
    for f in [
        "badges/jian-tang.pdf",
        "proofs/jian-tang.pdf",
        "booklet.pdf",
    ] {
        assert!(changed(f), "{f} should be written again");
    }
    assert!(
        !changed("badges/song-han.pdf"),
        "another speaker's badge is kept"
    );
    let rewritten = first
        .keys()
        .filter(|f| changed(f.to_str().unwrap()))
        .count();
    let kept = report.files.iter().filter(|f| f.unchanged).count();
    assert_eq!(
        kept,
        first.len() - rewritten,
        "the report tells kept from written"
    );
    // What the rebuild left is what a build from nothing writes.
    assert_as_built_from_nothing(&out, &std::fs::read_to_string(&speakers).unwrap());
    // A file damaged on disk is written again.
    std::fs::write(out.join("badges/song-han.pdf"), b"not a pdf").unwrap();
    assert!(!build(dir.path()).failed());
    assert_eq!(
        outputs(&out)[Path::new("badges/song-han.pdf")].0,
        second[Path::new("badges/song-han.pdf")].0
    );
}

#[test]
fn check_writes_nothing() {
    let dir = default_event("check");
    let mut config = booklet::BuildConfig::new(dir.path());
    config.write = false;
    let report = booklet::build(&config);
    assert!(!report.failed());
    assert!(!dir.path().join("out").exists());
}

#[test]
fn init_writes_an_event_that_builds() {
    let dir = TempDir::new("init");
    let event = dir.path().join("new-event");
    booklet::init::init(&event).unwrap();
    let report = build(&event);
    assert!(!report.failed(), "{}", messages(&report));
    assert!(event.join("out/booklet.pdf").is_file());
    // Running it again must not overwrite the organiser's files.
    assert!(booklet::init::init(&event).is_err());
}

#[test]
fn page_labels_and_outline_order() {
    let dir = default_event("labels");
    build(dir.path());
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let catalog = doc.catalog().unwrap();
    let labels = catalog
        .get(b"PageLabels")
        .and_then(lopdf::Object::as_dict)
        .expect("page labels");
    let nums = labels
        .get(b"Nums")
        .and_then(lopdf::Object::as_array)
        .unwrap();
    // Roman from the cover, arabic from the first speaker's page.
    assert_eq!(nums[0].as_i64().unwrap(), 0);
    let style = |k: usize| {
        nums[k]
            .as_dict()
            .unwrap()
            .get(b"S")
            .unwrap()
            .as_name()
            .unwrap()
            .to_vec()
    };
    assert_eq!(style(1), b"r");
    let front = nums[2].as_i64().unwrap() as u32;
    assert_eq!(style(3), b"D");
    assert!(
        contains(&doc.extract_text(&[front + 1]).unwrap(), "Jian Tang"),
        "arabic 1 is the first speaker"
    );
    let titles = outline_titles(&doc);
    assert_eq!(titles[0], "Cover");
    assert_eq!(titles[1], "Contents");
    assert_eq!(titles.len(), 2 + SPEAKERS.len());
    // The viewer opens with the outline shown.
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
}

#[test]
fn schedule_lists_talks_in_time_order_with_links() {
    let dir = TempDir::new("schedule");
    dir.write("data/event.yaml", "name: Timed Event\nshort_name: TE\n");
    dir.write(
        "data/speakers.yaml",
        "- name: Late Speaker\n  title: Afternoon Talk\n  start: \"14:00\"\n  end: \"14:30\"\n\
         - name: Untimed Speaker\n  title: Whenever Talk\n\
         - name: Early Speaker\n  title: Morning Talk\n  start: \"09:00\"\n  end: \"09:45\"\n",
    );
    std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let schedule = doc.extract_text(&[2]).unwrap();
    let squashed = schedule.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squashed.contains("Schedule"), "{squashed}");
    let (early, late, untimed) = (
        squashed.find("Early Speaker").unwrap(),
        squashed.find("Late Speaker").unwrap(),
        squashed.find("Untimed Speaker").unwrap(),
    );
    assert!(early < late && late < untimed, "{squashed}");
    assert!(squashed.contains("09:00–09:45"), "{squashed}");
    let titles = outline_titles(&doc);
    assert_eq!(&titles[..3], ["Cover", "Schedule", "Contents"]);
    // Every schedule entry links to the page with its speaker's name.
    for link in links(&doc, 2) {
        if let Link::Page(p, _) = link {
            let page_text = doc.extract_text(&[p as u32 + 1]).unwrap();
            assert!(page_text.contains("Speaker"), "{page_text}");
        }
    }
}

#[test]
fn sizes_stay_small() {
    let dir = default_event("sizes");
    build(dir.path());
    let booklet = std::fs::metadata(dir.path().join("out/booklet.pdf"))
        .unwrap()
        .len();
    assert!(booklet <= 600_000, "default booklet is {booklet} bytes");
    let dir = generated_event("sizes-100", 100);
    build(dir.path());
    let booklet = std::fs::metadata(dir.path().join("out/booklet.pdf"))
        .unwrap()
        .len();
    assert!(
        booklet <= 2_000_000,
        "100-speaker booklet is {booklet} bytes"
    );
}

/// `booklet watch` keeps what its builds set for the next: its rebuilds
/// after edits write what a build from nothing writes, byte for byte;
/// with the booklet sealed (as a large one is) too.
#[test]
fn warm_rebuilds_write_what_a_build_from_nothing_writes() {
    warm_rebuilds(usize::MAX);
    warm_rebuilds(0);
}

fn warm_rebuilds(seal_from_pages: usize) {
    let dir = default_event("warm");
    let config = booklet::BuildConfig {
        seal_from_pages,
        ..booklet::BuildConfig::new(dir.path())
    };
    let warm = booklet::Warm::default();
    assert!(!booklet::build_warm(&config, Some(&warm)).failed());
    let speakers = dir.path().join("data/speakers.yaml");
    let yaml = std::fs::read_to_string(&speakers).unwrap();
    // A biography grows (its pages and all after them move), an
    // affiliation changes (the badge and the head).
    let edits = [
        yaml.replacen(
            "  bio: >-\n",
            "  bio: >-\n    Edited, and longer: a sentence more than before.\n",
            1,
        ),
        yaml.replacen("\"MILA\"", "\"Mila Québec\"", 1),
    ];
    for edited in edits {
        std::fs::write(&speakers, &edited).unwrap();
        assert!(!booklet::build_warm(&config, Some(&warm)).failed());
        assert_as_built_from_nothing(&dir.path().join("out"), &edited);
    }
}

/// Asserts that the PDFs in `out` are, byte for byte, those a build from
/// nothing writes for the default event with `speakers` as its
/// speakers.yaml.
fn assert_as_built_from_nothing(out: &Path, speakers: &str) {
    let fresh = default_event("from-nothing");
    std::fs::write(fresh.path().join("data/speakers.yaml"), speakers).unwrap();
    assert!(!build(fresh.path()).failed());
    let (got, fresh) = (outputs(out), outputs(&fresh.path().join("out")));
    assert_eq!(got.len(), fresh.len());
    for (path, (bytes, _)) in &fresh {
        assert!(
            &got[path].0 == bytes,
            "{} differs from a build from nothing",
            path.display()
        );
    }
}

/// The default booklet sealed before it is written (as a large booklet
/// is) gives the same files: booklet, imposed, screen, proofs, badges.
#[test]
fn a_sealed_booklet_writes_the_same_files() {
    let dir = default_event("sealed");
    assert_sealing_changes_nothing(dir.path());
}
