//! Photos of every kind, embedded right: JPEGs byte for byte (baseline,
//! progressive, grey, both kinds of CMYK), PNGs with alpha as a soft mask,
//! 16-bit and palette PNGs, EXIF rotation applied, large photos resampled
//! to print resolution, one object per distinct photo.

mod common;

use common::*;
use lopdf::{Document, Object, Stream};
use std::collections::BTreeMap;

const KINDS: &[&str] = &[
    "baseline.jpg",
    "progressive.jpg",
    "grey.jpg",
    "cmyk-adobe.jpg",
    "cmyk-plain.jpg",
    "exif-rotated.jpg",
    "alpha.png",
    "sixteen-bit.png",
    "palette.png",
    "large.jpg",
    "small.jpg",
];

fn photo_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/photos")
}

/// An event with a speaker per photo kind, plus a second speaker using
/// baseline.jpg again.
fn event() -> TempDir {
    let dir = TempDir::new("photos");
    dir.write("data/event.yaml", "name: Photo Test\n");
    let mut yaml = String::new();
    for (k, file) in KINDS.iter().enumerate() {
        yaml.push_str(&format!(
            "- name: Speaker {k}\n  id: p{k}\n  photo: {file}\n  abstract: A short abstract.\n"
        ));
        dir.write(
            &format!("speakers_pictures/{file}"),
            std::fs::read(photo_dir().join(file)).unwrap(),
        );
    }
    yaml.push_str("- name: Speaker Again\n  id: again\n  photo: baseline.jpg\n");
    dir.write("data/speakers.yaml", yaml);
    dir
}

/// Every image XObject of the booklet, by the order of first use.
fn images(doc: &Document) -> Vec<(lopdf::ObjectId, Stream)> {
    let mut out: BTreeMap<lopdf::ObjectId, Stream> = BTreeMap::new();
    for (id, object) in &doc.objects {
        if let Object::Stream(s) = object
            && s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice())
            && !is_mask(doc, *id)
        {
            out.insert(*id, s.clone());
        }
    }
    out.into_iter().collect()
}

fn is_mask(doc: &Document, id: lopdf::ObjectId) -> bool {
    doc.objects.values().any(|o| {
        matches!(o, Object::Stream(s) if s.dict.get(b"SMask").and_then(Object::as_reference).ok() == Some(id))
    })
}

fn name<'a>(s: &'a Stream, key: &[u8]) -> &'a [u8] {
    s.dict.get(key).and_then(Object::as_name).unwrap_or(b"")
}

fn int(s: &Stream, key: &[u8]) -> i64 {
    s.dict.get(key).and_then(Object::as_i64).unwrap_or(-1)
}

#[test]
fn every_photo_kind_is_embedded_right() {
    let dir = event();
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let images = images(&doc);
    // Eleven distinct photos; the second use of baseline.jpg adds nothing.
    assert_eq!(
        images.len(),
        KINDS.len(),
        "one image object per distinct photo"
    );

    let by_bytes = |file: &str| {
        let original = std::fs::read(photo_dir().join(file)).unwrap();
        images
            .iter()
            .find(|(_, s)| s.content == original)
            .map(|(_, s)| s.clone())
    };
    for file in [
        "baseline.jpg",
        "progressive.jpg",
        "grey.jpg",
        "cmyk-adobe.jpg",
        "cmyk-plain.jpg",
        "small.jpg",
    ] {
        let s = by_bytes(file).unwrap_or_else(|| panic!("{file} was re-encoded"));
        assert_eq!(name(&s, b"Filter"), b"DCTDecode", "{file}");
    }
    assert_eq!(
        name(&by_bytes("grey.jpg").unwrap(), b"ColorSpace"),
        b"DeviceGray"
    );
    let adobe = by_bytes("cmyk-adobe.jpg").unwrap();
    assert_eq!(name(&adobe, b"ColorSpace"), b"DeviceCMYK");
    let decode = adobe
        .dict
        .get(b"Decode")
        .and_then(Object::as_array)
        .expect("Adobe CMYK needs /Decode");
    assert_eq!(decode.len(), 8);
    assert!(
        by_bytes("cmyk-plain.jpg")
            .unwrap()
            .dict
            .get(b"Decode")
            .is_err(),
        "plain CMYK is not inverted"
    );

    // Decoded kinds: high-quality JPEGs, but for the transparent PNG,
    // which keeps 8-bit samples and a soft mask.
    let raw: Vec<&Stream> = images
        .iter()
        .map(|(_, s)| s)
        .filter(|s| name(s, b"Filter") != b"DCTDecode")
        .collect();
    assert_eq!(raw.len(), 1, "only alpha.png is stored as samples");
    assert!(raw[0].dict.has(b"SMask") && int(raw[0], b"BitsPerComponent") == 8);
    let jpeg =
        |s: &Stream| image::load_from_memory_with_format(&s.content, image::ImageFormat::Jpeg).ok();
    // grey.jpg passes through; the 16-bit grey PNG becomes a grey JPEG.
    let grey = images
        .iter()
        .filter(|(_, s)| {
            name(s, b"ColorSpace") == b"DeviceGray" && name(s, b"Filter") == b"DCTDecode"
        })
        .count();
    assert_eq!(grey, 2, "16-bit grey PNG as a grey JPEG");
    // The rotated JPEG is stored upright: 120 wide, 160 high, red mark top-left.
    let upright = images.iter().map(|(_, s)| s).find(|s| {
        int(s, b"Width") == 120
            && int(s, b"Height") == 160
            && jpeg(s).is_some_and(|img| {
                let px = img.to_rgb8().get_pixel(2, 2).0;
                px[0] > 180 && px[1] < 90 && px[2] < 90
            })
    });
    assert!(upright.is_some(), "EXIF orientation not applied");

    // The large photo is resampled to about 300 ppi at its 30 mm width; the
    // others keep their pixels.
    let large = images
        .iter()
        .map(|(_, s)| s)
        .find(|s| int(s, b"Width") > 200)
        .expect("large photo");
    let ppi = int(large, b"Width") as f64 / (30.0 / 25.4);
    assert!((250.0..=350.0).contains(&ppi), "resampled to {ppi:.0} ppi");
    assert_eq!(name(large, b"Filter"), b"DCTDecode");

    // Low resolution is a warning for that speaker (small.jpg is index 10).
    assert!(
        report
            .diagnostics
            .warnings()
            .any(|w| w.speaker.as_deref() == Some("p10") && w.message.contains("ppi"))
    );
    assert!(
        !report
            .diagnostics
            .warnings()
            .any(|w| w.speaker.as_deref() == Some("p9")),
        "{}",
        messages(&report)
    );
}

#[test]
fn decompression_bomb_is_refused_and_others_still_reported() {
    let dir = TempDir::new("bomb");
    dir.write("data/event.yaml", "name: Bomb\n");
    dir.write(
        "data/speakers.yaml",
        "- name: Ada\n  photo: bomb.png\n- name: Bob\n  photo: text.jpg\n",
    );
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&20_000u32.to_be_bytes());
    png.extend_from_slice(&20_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    dir.write("speakers_pictures/bomb.png", png);
    dir.write("speakers_pictures/text.jpg", "not an image");
    let report = build(dir.path());
    assert!(report.failed());
    let text = messages(&report);
    assert!(
        text.contains("speakers_pictures/bomb.png") && text.contains("too large"),
        "{text}"
    );
    assert!(
        text.contains("speakers_pictures/text.jpg") && text.contains("not a JPEG or PNG"),
        "{text}"
    );
}

#[test]
fn cover_logo_from_the_layout() {
    let dir = TempDir::new("logo");
    dir.write("data/event.yaml", "name: Logo Event\n");
    dir.write("data/speakers.yaml", "- name: Ada Lovelace\n");
    dir.write(
        "logo.png",
        std::fs::read(photo_dir().join("alpha.png")).unwrap(),
    );
    let layout = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/layouts/booklet-a5.yaml"
    ))
    .unwrap()
    .replace(
        "cover: { colour: \"#1f4e79\" }",
        "cover: { colour: \"#1f4e79\", logo: logo.png }",
    );
    dir.write("layouts/booklet-a5.yaml", &layout);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let cover = *doc.get_pages().values().next().unwrap();
    let content = String::from_utf8_lossy(&doc.get_page_content(cover)).into_owned();
    assert!(content.contains(" Do"), "the cover draws no image");
    // A missing logo is an error naming the layout line.
    dir.write(
        "layouts/booklet-a5.yaml",
        layout.replace("logo.png", "nope.png"),
    );
    let report = build(dir.path());
    assert!(report.failed());
    assert!(
        messages(&report).contains("logo file `nope.png` not found"),
        "{}",
        messages(&report)
    );
}

/// An event with one speaker whose photo is `png`, written as `p.png`.
fn one_photo_event(name: &str, png: &image::DynamicImage) -> TempDir {
    let dir = TempDir::new(name);
    dir.write("data/event.yaml", "name: Photo Test\n");
    dir.write(
        "data/speakers.yaml",
        "- name: Ada Lovelace\n  photo: p.png\n",
    );
    let mut bytes = Vec::new();
    png.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .unwrap();
    dir.write("speakers_pictures/p.png", bytes);
    dir
}

/// Regression: a transparent PNG resampled for print got a soft mask of
/// the original's size, not the resampled image's.
#[test]
fn resampled_transparent_png_has_a_mask_of_its_own_size() {
    let png = image::RgbaImage::from_fn(1200, 1600, |x, y| {
        image::Rgba([
            200,
            30,
            30,
            if (x / 40 + y / 40) % 2 == 0 { 255 } else { 90 },
        ])
    });
    let dir = one_photo_event("alpha-resampled", &image::DynamicImage::ImageRgba8(png));
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let (_, photo) = images(&doc)
        .into_iter()
        .find(|(_, s)| s.dict.get(b"SMask").is_ok())
        .expect("the photo keeps its transparency");
    assert!(int(&photo, b"Width") < 1200, "the photo was resampled");
    let mask_id = photo.dict.get(b"SMask").unwrap().as_reference().unwrap();
    let Ok(Object::Stream(mask)) = doc.get_object(mask_id) else {
        panic!("no mask stream")
    };
    assert_eq!(
        (int(mask, b"Width"), int(mask, b"Height")),
        (int(&photo, b"Width"), int(&photo, b"Height"))
    );
    let mut mask = mask.clone();
    let _ = mask.decompress();
    assert_eq!(
        mask.content.len() as i64,
        int(&photo, b"Width") * int(&photo, b"Height")
    );
}

/// Regression: the resampling cache was process-wide and keyed by the
/// photo's relative path, so a second event built in the same process got
/// the first event's `p.png`.
#[test]
fn events_built_in_one_process_keep_their_own_photos() {
    let solid = |rgb: [u8; 3]| {
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(1000, 1300, image::Rgb(rgb)))
    };
    let red = one_photo_event("red", &solid([220, 20, 20]));
    let blue = one_photo_event("blue", &solid([20, 20, 220]));
    for (dir, expect_blue) in [(&red, false), (&blue, true)] {
        let report = build(dir.path());
        assert!(!report.failed(), "{}", messages(&report));
        let doc = open(&dir.path().join("out/booklet.pdf"));
        let (_, photo) = images(&doc).into_iter().next().expect("a photo");
        assert!(int(&photo, b"Width") < 1000, "the photo was resampled");
        let img = image::load_from_memory_with_format(&photo.content, image::ImageFormat::Jpeg)
            .expect("a resampled photo is a JPEG")
            .to_rgb8();
        let px = img.get_pixel(img.width() / 2, img.height() / 2);
        assert_eq!(px[2] > px[0], expect_blue, "{px:?}");
    }
}

/// Every PDF a build wrote, by its path inside the output folder.
fn written(out: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for sub in ["", "badges", "proofs"] {
        for entry in std::fs::read_dir(out.join(sub)).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "pdf") {
                let rel = path.strip_prefix(out).unwrap().display().to_string();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Resampled photos are kept in `out/.cache/photos` and reused: a build
/// from the cache writes the same bytes as one without it, a photo changed
/// under the same name is made again, and a damaged entry is not used.
#[test]
fn photo_cache_gives_the_same_files_and_follows_content() {
    let dir = event();
    let out = dir.path().join("out");
    let fresh = |tag: &str| {
        let report = build_with(dir.path(), |c| c.out = dir.path().join(tag));
        assert!(!report.failed(), "{}", messages(&report));
        written(&dir.path().join(tag))
    };
    let built = |label: &str| {
        let report = build(dir.path());
        assert!(!report.failed(), "{label}: {}", messages(&report));
        written(&out)
    };
    let first = built("first");
    let cache = out.join(".cache/photos");
    let entries = || -> Vec<_> {
        std::fs::read_dir(&cache)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect()
    };
    assert!(!entries().is_empty(), "resampled photos are stored");
    assert_eq!(built("from the cache"), first, "the cache changes no byte");

    // A damaged entry is made again, not embedded.
    for path in entries() {
        std::fs::write(&path, b"\x03\xFF\xD8 not a photo").unwrap();
    }
    assert_eq!(built("damaged cache"), first);

    // The same file name with other content: new entries, new output, the
    // same as a build that never saw the old photo.
    let large = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(2400, 3000, |x, y| {
        image::Rgb([(x / 10) as u8, (y / 12) as u8, 90])
    }));
    let mut bytes = Vec::new();
    large
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    dir.write("speakers_pictures/large.jpg", bytes);
    let changed = built("changed photos");
    assert_ne!(changed["booklet.pdf"], first["booklet.pdf"]);
    assert_eq!(changed, fresh("out-fresh"));
    // The changed photo's sizes are stored anew and the old photo's are
    // gone: the cache holds what a build from nothing stores, no more.
    let names = |dir: &std::path::Path| -> std::collections::BTreeSet<_> {
        (std::fs::read_dir(dir).unwrap().flatten())
            .map(|e| e.file_name())
            .collect()
    };
    assert_eq!(
        names(&cache),
        names(&dir.path().join("out-fresh/.cache/photos"))
    );
    // A build of the print files only leaves the screen files' photos;
    // anything else in the folder is left alone.
    let stale = cache.join("0".repeat(64));
    std::fs::write(&stale, b"\x03\xFF\xD8 old").unwrap();
    std::fs::write(cache.join("README"), b"mine").unwrap();
    let report = build_with(dir.path(), |c| c.for_screen = false);
    assert!(!report.failed(), "{}", messages(&report));
    assert!(stale.exists());
    assert_eq!(built("full again"), changed);
    assert!(!stale.exists(), "an entry no build uses goes");
    assert!(cache.join("README").exists());
}

/// A screen document may show a size of its photo made for print, so
/// what it shows depends on what else the build makes: a badge written by
/// a build for the screen alone is written again by a build of every file
/// (not kept as unchanged), and both builds give what a build of their
/// own gives.
#[test]
fn files_kept_from_a_build_for_the_screen_alone_are_what_a_full_build_writes() {
    let photo = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(1000, 1300, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 6) as u8, ((x + y) / 9) as u8])
    }));
    let dir = one_photo_event("screen-then-all", &photo);
    let out = dir.path().join("out");
    let fresh = |tag: &str, for_print: bool| {
        let report = build_with(dir.path(), |c| {
            c.out = dir.path().join(tag);
            c.for_print = for_print;
        });
        assert!(!report.failed(), "{}", messages(&report));
        written(&dir.path().join(tag))
    };
    let (screen_only, every_file) = (fresh("fresh-screen", false), fresh("fresh-all", true));
    let badge = "badges/ada-lovelace.pdf";
    assert_ne!(
        screen_only[badge], every_file[badge],
        "another size of the photo"
    );
    for (for_print, want) in [
        (false, &screen_only),
        (true, &every_file),
        (false, &screen_only),
    ] {
        let report = build_with(dir.path(), |c| c.for_print = for_print);
        assert!(!report.failed(), "{}", messages(&report));
        let got = written(&out);
        for (path, bytes) in want {
            assert!(got[path] == *bytes, "{path}, print {for_print}");
        }
    }
}
