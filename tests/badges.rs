//! Badges: hard names fit or warn exactly as the rule says, sheets match
//! their presets to 0.1 mm, duplex backs mirror the fronts, partial sheets
//! are kept.

mod common;

use booklet::BuildConfig;
use common::glyphs::{Glyph, glyphs, lines};
use common::*;

const HARD_NAMES: &[(&str, bool)] = &[
    // (name, must overflow the A6 badge even at the minimum size)
    (
        "Maria Magdalena Anastasia Wolfeschlegelsteinhausenbergerdorff",
        true,
    ),
    ("Jean-Baptiste Poquelin-Molière", false),
    ("Anne-Sophie Müller-Lüdenscheidt", false),
    ("Jan van der Berg", false),
    ("María de la Cruz", false),
    ("Madonna", false),
    ("Nguyễn Thị Minh Khai", false),
    ("Grzegorz Brzęczyszczykiewicz", false),
    ("Αλέξανδρος Παπαδόπουλος", false),
    ("Анна Кузнецова", false),
];

fn event_with(name: &str, speakers: &[&str]) -> TempDir {
    let dir = TempDir::new(name);
    dir.write("data/event.yaml", "name: Badge Test\nshort_name: BT\n");
    let mut yaml = String::new();
    for (k, s) in speakers.iter().enumerate() {
        yaml.push_str(&format!(
            "- name: \"{s}\"\n  id: s{k}\n  affiliation: Test University\n  photo: Jian.jpg\n"
        ));
    }
    dir.write("data/speakers.yaml", yaml);
    let photo = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/speakers_pictures/Jian.jpg"
    ))
    .unwrap();
    dir.write("speakers_pictures/Jian.jpg", photo);
    dir
}

#[test]
fn hard_names_fit_or_warn_by_the_rule() {
    let names: Vec<&str> = HARD_NAMES.iter().map(|n| n.0).collect();
    let dir = event_with("hard-names", &names);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    for (k, (name, overflows)) in HARD_NAMES.iter().enumerate() {
        let id = format!("s{k}");
        let warned = report.diagnostics.warnings().any(|w| {
            w.speaker.as_deref() == Some(id.as_str())
                && w.message.contains("too long for the badge")
        });
        assert_eq!(
            warned, *overflows,
            "{name}: warning {warned}, expected {overflows}"
        );
        // No glyph is missing for any of these scripts.
        assert!(
            !report.diagnostics.warnings().any(|w| w.speaker.as_deref() == Some(id.as_str()) && w.message.contains("no font")),
            "{name}: {}",
            messages(&report)
        );
        // Every word of the name is printed, whole: nothing clipped or hidden.
        let doc = open(&dir.path().join(format!("out/badges/{id}.pdf")));
        let printed = squash(&text(&doc));
        for word in name.split_whitespace() {
            for part in word.split('-') {
                assert!(
                    printed.contains(part),
                    "{name}: `{part}` missing from {printed:?}"
                );
            }
        }
    }
}

#[test]
fn five_badges_on_a_four_up_sheet_make_two_sheets() {
    let dir = event_with(
        "five",
        &[
            "Ada Lovelace",
            "Alan Turing",
            "Grace Hopper",
            "Edsger Dijkstra",
            "Barbara Liskov",
        ],
    );
    build(dir.path());
    let sheet = open(&dir.path().join("out/badges-sheet.pdf"));
    assert_eq!(sheet.get_pages().len(), 2);
    let second = sheet.extract_text(&[2]).unwrap();
    assert!(second.contains("Barbara"), "{second}");
    assert!(!second.contains("Ada"), "{second}");
}

/// Position (x, y in mm) of the first glyph of a word group reading `text`
/// and standing apart from its neighbours on the same baseline (badges side
/// by side share baselines).
fn find(page: &[Glyph], text: &str) -> (f64, f64) {
    let n = text.chars().count();
    for line in lines(page) {
        for i in 0..line.len() {
            let Some(group) = line.get(i..i + n) else {
                break;
            };
            let reads: String = group.iter().map(|g| g.text.as_str()).collect();
            let alone_before = i == 0 || line[i - 1].x + line[i - 1].advance < group[0].x - 1.0;
            let last = &group[n - 1];
            let alone_after = line
                .get(i + n)
                .is_none_or(|g| g.text == " " || g.x > last.x + last.advance + 1.0);
            if reads == text && alone_before && alone_after {
                return (group[0].x * 25.4 / 72.0, group[0].y * 25.4 / 72.0);
            }
        }
    }
    panic!("`{text}` not on the page")
}

/// Builds the five-badge event with a preset and checks each badge's
/// offset on the sheet against the preset's grid, computed here from its
/// numbers.
fn check_geometry(
    preset: &str,
    badge: (f64, f64),
    sheet: (f64, f64),
    grid: (usize, usize),
    duplex: bool,
) {
    let names = [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
        "Edsger Dijkstra",
        "Barbara Liskov",
    ];
    let dir = event_with(&format!("geometry-{preset}"), &names);
    if duplex {
        let layout = std::fs::read_to_string(format!(
            "{}/layouts/{preset}.yaml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
        .replace("duplex: false", "duplex: true");
        dir.write(&format!("layouts/{preset}.yaml"), layout);
    }
    let mut config = BuildConfig::new(dir.path());
    config.badge_layout = preset.into();
    let report = booklet::build(&config);
    assert!(!report.failed(), "{}", messages(&report));
    let pages = glyphs(&open(&dir.path().join("out/badges-sheet.pdf")));
    let per_sheet = grid.0 * grid.1;
    let (x0, y0) = (
        (sheet.0 - badge.0 * grid.0 as f64) / 2.0,
        (sheet.1 - badge.1 * grid.1 as f64) / 2.0,
    );
    let pages_per_sheet = if duplex { 2 } else { 1 };
    assert_eq!(
        pages.len(),
        names.len().div_ceil(per_sheet) * pages_per_sheet
    );
    for (k, name) in names.iter().enumerate() {
        let given = name.split(' ').next().unwrap();
        let single = glyphs(&open(&dir.path().join(format!("out/badges/s{k}.pdf"))));
        let (bx, by) = find(&single[0], given);
        let (col, row) = (k % per_sheet % grid.0, k % per_sheet / grid.0);
        let page = k / per_sheet * pages_per_sheet;
        // PDF y grows upwards: a badge's bottom edge sits at this height.
        let bottom = sheet.1 - (y0 + badge.1 * (row + 1) as f64);
        let (sx, sy) = find(&pages[page], given);
        let expect = (x0 + badge.0 * col as f64 + bx, bottom + by);
        assert!(
            (sx - expect.0).abs() < 0.1 && (sy - expect.1).abs() < 0.1,
            "{preset} {name}: at {sx:.2},{sy:.2} not {expect:?}"
        );
        if duplex {
            // The back: the same badge, its column mirrored left to right.
            let mirrored_x = sheet.0 - (x0 + badge.0 * col as f64) - badge.0;
            let (tx, ty) = find(&pages[page + 1], given);
            assert!(
                (tx - (mirrored_x + bx)).abs() < 0.1 && (ty - expect.1).abs() < 0.1,
                "{preset} back of {name}"
            );
        }
    }
}

#[test]
fn a6_sheet_geometry() {
    check_geometry("badge-a6", (105.0, 148.0), (210.0, 297.0), (2, 2), false);
}

#[test]
fn four_by_three_inch_sheet_geometry() {
    check_geometry("badge-4x3in", (101.6, 76.2), (215.9, 279.4), (2, 3), false);
}

#[test]
fn cr80_sheet_geometry() {
    check_geometry("badge-cr80", (85.6, 54.0), (210.0, 297.0), (2, 5), false);
}

#[test]
fn duplex_backs_mirror_the_fronts() {
    check_geometry("badge-a6", (105.0, 148.0), (210.0, 297.0), (2, 2), true);
}

#[test]
fn badge_name_and_role_colour() {
    let dir = TempDir::new("badge-name");
    dir.write("data/event.yaml", "name: Badge Test\n");
    dir.write(
        "data/speakers.yaml",
        "- name: Robert Tarjan\n  badge_name: Bob Tarjan\n  role: keynote\n- name: Ada Lovelace\n  role: chair\n",
    );
    std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
    let report = build(dir.path());
    assert!(!report.failed());
    let badge = squash(&text(&open(
        &dir.path().join("out/badges/robert-tarjan.pdf"),
    )));
    assert!(
        badge.contains("Bob") && !badge.contains("Robert"),
        "{badge}"
    );
    assert!(badge.contains("KEYNOTE"), "{badge}");
    // Keynote band colour (#8a1c1c: 138/255 = 0.541, 28/255 = 0.11) in the
    // content stream.
    let doc = open(&dir.path().join("out/badges/robert-tarjan.pdf"));
    let page = *doc.get_pages().values().next().unwrap();
    let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
    assert!(
        content.contains("0.541 0.11 0.11 rg"),
        "keynote band colour missing"
    );
}

#[test]
fn qr_code_and_long_affiliation() {
    let dir = TempDir::new("qr");
    dir.write("data/event.yaml", "name: Badge Test\n");
    dir.write(
        "data/speakers.yaml",
        "- name: Ada Lovelace\n  affiliation: The Department of Computational Mathematics and Analytical Engines of the Royal Society of London for Improving Natural Knowledge\n- name: Alan Turing\n  affiliation: Short\n",
    );
    std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
    let layout = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/layouts/badge-a6.yaml"
    ))
    .unwrap()
    .replace("# qr: {", "qr: {");
    dir.write("layouts/badge-a6.yaml", layout);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    // The long affiliation is cut after two lines, with an ellipsis and a warning.
    assert!(
        report
            .diagnostics
            .warnings()
            .any(|w| w.speaker.as_deref() == Some("ada-lovelace")
                && w.field.as_deref() == Some("affiliation")
                && w.message.contains("two lines"))
    );
    let ada = squash(&text(&open(
        &dir.path().join("out/badges/ada-lovelace.pdf"),
    )));
    assert!(ada.contains('…'), "{ada}");
    assert!(
        !report
            .diagnostics
            .warnings()
            .any(|w| w.speaker.as_deref() == Some("alan-turing")
                && w.field.as_deref() == Some("affiliation"))
    );
    // The QR code: many small dark squares in the badge's corner.
    let doc = open(&dir.path().join("out/badges/alan-turing.pdf"));
    let page = *doc.get_pages().values().next().unwrap();
    let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
    let squares = content.matches(" re").count() + content.matches("\nf\n").count();
    assert!(squares > 50, "only {squares} filled shapes: no QR code?");
}

/// The curves and straight segments of the path filled right after the
/// placeholder's grey is chosen, on the first page of `doc` that has one.
fn placeholder_path(doc: &lopdf::Document) -> (usize, usize) {
    let grey = |o: &lopdf::Object| (o.as_float().unwrap_or(0.0) - 0.86).abs() < 1e-3;
    for page in doc.get_pages().into_values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        let ops = &content.operations;
        let Some(start) = ops
            .iter()
            .position(|op| op.operator == "rg" && op.operands.first().is_some_and(grey))
        else {
            continue;
        };
        let path: Vec<&str> = ops[start..]
            .iter()
            .map(|op| op.operator.as_str())
            .take_while(|op| !op.starts_with('f'))
            .collect();
        let count = |name: &str| path.iter().filter(|op| **op == name).count();
        return (count("c"), count("l") + count("re"));
    }
    panic!("no placeholder");
}

/// Regression: placeholders took a circle for any square frame and a plain
/// rectangle otherwise, whatever the layout's photo shape.
#[test]
fn placeholders_take_the_photo_shape() {
    for shape in ["rounded", "circle", "rectangle"] {
        let dir = TempDir::new("placeholder-shape");
        dir.write("data/event.yaml", "name: Badge Test\n");
        dir.write("data/speakers.yaml", "- name: Ada Lovelace\n");
        std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
        let layout = |file: &str, from: &str, to: &str| {
            let path = format!("{}/layouts/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap().replace(from, to);
            dir.write(&format!("layouts/{file}"), text);
        };
        layout(
            "badge-a6.yaml",
            "photo_shape: circle",
            &format!("photo_shape: {shape}"),
        );
        layout(
            "booklet-a5.yaml",
            "shape: rectangle",
            &format!("shape: {shape}"),
        );
        let report = build(dir.path());
        assert!(!report.failed(), "{}", messages(&report));
        for file in ["badges/ada-lovelace.pdf", "booklet.pdf"] {
            let (curves, straight) = placeholder_path(&open(&dir.path().join("out").join(file)));
            let ok = match shape {
                "rounded" => curves == 4 && straight >= 4,
                "circle" => curves == 4 && straight == 0,
                _ => curves == 0 && straight >= 1,
            };
            assert!(ok, "{file}, {shape}: {curves} curves, {straight} straight");
        }
    }
}
