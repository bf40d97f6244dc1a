//! The copy shop and the inbox: the imposed booklet (spreads, sheet size,
//! marks), crop marks on the booklet's own pages, the screen booklet
//! without bleed or blank pages, badges small enough to e-mail whatever the
//! photo, each speaker's proof, and the mail-merge manifest.

mod common;

use common::*;

/// Width and height in mm of each page's MediaBox.
fn media_mm(doc: &lopdf::Document) -> Vec<(f64, f64)> {
    doc.get_pages()
        .values()
        .map(|&id| {
            let b = page_box(doc, id, b"MediaBox").unwrap();
            ((b[2] - b[0]) / 72.0 * 25.4, (b[3] - b[1]) / 72.0 * 25.4)
        })
        .collect()
}

#[test]
fn the_imposed_booklet_is_spreads_on_a4() {
    let dir = default_event("imposed");
    assert!(!build(dir.path()).failed());
    let booklet = open(&dir.path().join("out/booklet.pdf"));
    let n = booklet.get_pages().len();
    let imposed = open(&dir.path().join("out/booklet-imposed.pdf"));
    assert_eq!(imposed.get_pages().len(), n / 2, "two sides of n/4 sheets");
    for (w, h) in media_mm(&imposed) {
        assert!(
            (w - 297.0).abs() < 0.5 && (h - 210.0).abs() < 0.5,
            "{w} × {h}: A4 landscape"
        );
    }
    // The first sheet's front: the back cover (blank) and the cover.
    let pages: Vec<u32> = imposed.get_pages().keys().copied().collect();
    let front = squash(&imposed.extract_text(&pages[..1]).unwrap_or_default());
    assert!(front.contains("HAET"), "{front}");
    // Every text of the booklet is somewhere on the sheets.
    let all = squash(&text(&imposed));
    assert!(all.contains("Contents") && all.contains("Jian Tang"));
}

#[test]
fn crop_marks_and_a_larger_sheet_by_layout() {
    let dir = default_event("marks");
    let layout = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/layouts/booklet-a5.yaml"
    ))
    .unwrap()
        + "crop_marks: true\nimposition: { sheet: A3, duplex: short-edge, creep: 0.2mm }\n";
    dir.write("layouts/booklet-a5.yaml", layout);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let booklet = open(&dir.path().join("out/booklet.pdf"));
    for (w, h) in media_mm(&booklet) {
        // A5 with 3 mm bleed and 10 mm for marks all round.
        assert!(
            (w - (148.0 + 26.0)).abs() < 0.5 && (h - (210.0 + 26.0)).abs() < 0.5,
            "{w} × {h}"
        );
    }
    let first = *booklet.get_pages().values().next().unwrap();
    let trim = page_box(&booklet, first, b"TrimBox").unwrap();
    let x0 = trim[0] / 72.0 * 25.4;
    assert!((x0 - 13.0).abs() < 0.1, "trim 13 mm in: {x0}");
    let content = String::from_utf8_lossy(&booklet.get_page_content(first)).into_owned();
    assert!(
        content.matches(" l\n").count() + content.matches(" l ").count() >= 8,
        "crop marks drawn"
    );
    let imposed = open(&dir.path().join("out/booklet-imposed.pdf"));
    for (w, h) in media_mm(&imposed) {
        assert!(
            (w - 420.0).abs() < 0.5 && (h - 297.0).abs() < 0.5,
            "{w} × {h}: A3 landscape"
        );
    }
}

#[test]
fn screen_files_proofs_and_manifest() {
    let dir = default_event("screen");
    let speakers = std::fs::read_to_string(dir.path().join("data/speakers.yaml"))
        .unwrap()
        .replacen(
            "- name: Jian Tang\n",
            "- name: Jian Tang\n  email: jian@example.org\n",
            1,
        );
    dir.write("data/speakers.yaml", speakers);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let print = open(&dir.path().join("out/booklet.pdf"));
    let screen = open(&dir.path().join("out/booklet-screen.pdf"));
    // No bleed, no blank pages to make up a multiple of 4.
    assert!(screen.get_pages().len() < print.get_pages().len());
    for (w, h) in media_mm(&screen) {
        assert!((w - 148.0).abs() < 0.5 && (h - 210.0).abs() < 0.5);
    }
    let catalog = screen.catalog().unwrap();
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
    let manifest = std::fs::read_to_string(dir.path().join("out/manifest.csv")).unwrap();
    assert!(
        manifest.starts_with("id,name,email,badge,proof\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains(
            "jian-tang,Jian Tang,jian@example.org,badges/jian-tang.pdf,proofs/jian-tang.pdf"
        ),
        "{manifest}"
    );
    let proof = open(&dir.path().join("out/proofs/jian-tang.pdf"));
    let text = squash(&common::text(&proof));
    assert!(
        text.contains("Jian Tang") && text.contains("Geometric Deep Learning"),
        "{text}"
    );
    assert!(
        !text.contains("Julie Grollier"),
        "only Jian's pages: {text}"
    );
    assert!(
        !squash(&common::text(&print)).contains("jian@example.org"),
        "e-mail is never printed"
    );
}

/// A speaker with the given photo; their badge PDF's size.
fn badge_size(name: &str, photo: &[u8], ext: &str) -> u64 {
    let dir = TempDir::new(name);
    dir.write("data/event.yaml", "name: Size Test\n");
    dir.write(
        "data/speakers.yaml",
        format!("- name: Ada Lovelace\n  photo: p.{ext}\n  affiliation: Analytical Engines\n"),
    );
    dir.write(&format!("speakers_pictures/p.{ext}"), photo);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    std::fs::metadata(dir.path().join("out/badges/ada-lovelace.pdf"))
        .unwrap()
        .len()
}

#[test]
fn badges_to_e_mail_stay_under_100_kb_whatever_the_photo() {
    let photos = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/photos");
    for (file, ext) in [
        ("cmyk-adobe.jpg", "jpg"),
        ("sixteen-bit.png", "png"),
        ("alpha.png", "png"),
    ] {
        let size = badge_size(file, &std::fs::read(photos.join(file)).unwrap(), ext);
        assert!(size <= 100 * 1024, "{file}: {size} bytes");
    }
    // A 6000 × 4000 photo, as PNG and as JPEG: noise, the worst case.
    let mut seed = 1u32;
    let big = image::RgbImage::from_fn(6000, 4000, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        image::Rgb([(x / 24) as u8, (y / 16) as u8, (seed >> 24) as u8])
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(big.clone())
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let size = badge_size("huge-png", &png, "png");
    assert!(size <= 100 * 1024, "6000 × 4000 PNG: {size} bytes");
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
        .encode_image(&big)
        .unwrap();
    let size = badge_size("huge-jpg", &jpeg, "jpg");
    assert!(size <= 100 * 1024, "6000 × 4000 JPEG: {size} bytes");
}

#[test]
fn the_screen_booklet_of_100_speakers_is_under_1_5_mb() {
    let dir = generated_event("screen-100", 100);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let size = std::fs::metadata(dir.path().join("out/booklet-screen.pdf"))
        .unwrap()
        .len();
    assert!(size <= 1_500_000, "{size} bytes");
}

/// `check --print` lists what a copy shop would reject, and passes a clean
/// event.
#[test]
fn preflight_finds_what_a_copy_shop_rejects() {
    let clean = default_event("preflight-clean");
    let report = build_with(clean.path(), |c| {
        c.preflight = true;
        c.write = false;
    });
    assert!(!report.failed(), "{}", messages(&report));
    // Text near the trim, a CMYK layout with RGB photos and a small photo.
    let dir = default_event("preflight");
    let layout = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/layouts/booklet-a5.yaml"
    ))
    .unwrap()
    .replace("outer: 15mm", "outer: 1.5mm")
    .replace("accent: \"#1f4e79\"", "accent: \"cmyk(100, 60, 0, 30)\"");
    dir.write("layouts/booklet-a5.yaml", layout);
    let small = image::RgbImage::from_pixel(60, 80, image::Rgb([200, 180, 160]));
    let mut jpg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpg, 90)
        .encode_image(&small)
        .unwrap();
    dir.write("speakers_pictures/Jian.jpg", jpg);
    let report = build_with(dir.path(), |c| {
        c.preflight = true;
        c.write = false;
    });
    let text = messages(&report);
    assert!(report.failed());
    assert!(text.contains("within 3 mm of the trim"), "{text}");
    assert!(text.contains("is RGB in a CMYK layout"), "{text}");
    assert!(
        text.contains("Jian.jpg` prints at") && text.contains("below 150"),
        "{text}"
    );
    assert!(text.contains("booklet.pdf, page "), "{text}");
}
