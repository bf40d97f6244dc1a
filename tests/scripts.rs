//! Names, titles and abstracts in Arabic, Hebrew, Chinese, Japanese,
//! Korean, Greek and Cyrillic: the event builds with the built-in fallback
//! fonts and no missing glyph; text comes out of the PDF in logical order;
//! right-to-left words are placed right to left; Chinese and Japanese break
//! between characters, never before a closing mark; ids are readable ASCII.

mod common;

use common::glyphs::{glyphs, lines};
use common::*;

fn event() -> TempDir {
    scripts_event("scripts")
}

#[test]
fn every_script_builds_with_no_missing_glyph() {
    let dir = event();
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let missing: Vec<String> = report
        .diagnostics
        .warnings()
        .filter(|w| w.message.contains("no font has"))
        .map(|w| w.to_string())
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
    // Readable ASCII ids, transliterated.
    for id in [
        "mhmd-l-hmd",
        "dvd-khn",
        "wang-fang",
        "shan-tian-hua-zi",
        "alexandros-papadopoulos",
        "anna-kuznetsova",
    ] {
        assert!(
            dir.path().join(format!("out/badges/{id}.pdf")).exists(),
            "{id}"
        );
    }
    let doc = open(&dir.path().join("out/booklet.pdf"));
    // Arabic vowel marks sit above and below their letters: raised text.
    let raised = doc.get_pages().values().any(|&p| {
        let content = lopdf::content::Content::decode(&doc.get_page_content(p)).unwrap();
        content.operations.iter().any(|op| {
            op.operator == "Ts" && op.operands.first().and_then(|o| o.as_float().ok()) != Some(0.0)
        })
    });
    assert!(raised, "marks are placed with a text rise");
    for (name, embedded) in fonts(&doc) {
        assert!(embedded, "{name} not embedded");
        assert!(name.contains('+'), "{name} not subset");
    }
}

#[test]
fn text_copies_out_in_logical_order() {
    let dir = event();
    assert!(!build(dir.path()).failed());
    let text = squash(&text(&open(&dir.path().join("out/booklet.pdf"))));
    for phrase in [
        "محمد الأحمد",
        "جامعة القاهرة",
        "Keynote: محمد الأحمد on Arabic typesetting",
        "مثل PDF و Unicode في السطر",
        "דוד כהן",
        "עימוד טקסט עברי בספרי כנסים",
        "王芳",
        "中文文字之间没有空格",
        "山田 花子",
        "「禁則処理」",
        "김민준",
        "Αλέξανδρος Παπαδόπουλος",
        "Анна Кузнецова",
    ] {
        assert!(text.contains(phrase), "`{phrase}` not in: {text}");
    }
    let badge = squash(&common::text(&open(
        &dir.path().join("out/badges/mhmd-l-hmd.pdf"),
    )));
    assert!(badge.contains("جامعة القاهرة"), "{badge}");
}

#[test]
fn right_to_left_words_run_right_to_left() {
    let dir = event();
    assert!(!build(dir.path()).failed());
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let pages = glyphs(&doc);
    // The Arabic speaker's name (the page's largest type): its first
    // letter (م) is its rightmost glyph, its last (د) its leftmost, and the
    // second word stands left of the first.
    let page = pages
        .iter()
        .find(|p| {
            p.iter()
                .map(|g| g.text.as_str())
                .collect::<String>()
                .contains("جامعة")
        })
        .unwrap();
    // The largest type set in more than a few glyphs (the placeholder's
    // initial is larger still).
    let count = |size: f64| page.iter().filter(|g| g.size == size).count();
    let size = page
        .iter()
        .map(|g| g.size)
        .filter(|&s| count(s) >= 5)
        .fold(0.0, f64::max);
    let name: Vec<_> = page
        .iter()
        .filter(|g| g.size == size && !g.text.trim().is_empty())
        .collect();
    let x_of = |c: char| {
        let xs: Vec<f64> = name
            .iter()
            .filter(|g| g.text.contains(c))
            .map(|g| g.x)
            .collect();
        assert!(!xs.is_empty(), "no {c} in the name");
        xs
    };
    let mim = x_of('م');
    let dal = x_of('د');
    // محمد: م … د, then الأحمد: ا … م … د
    assert!(
        mim[0] > dal[0],
        "the first م stands right of the first word's د"
    );
    let alef = x_of('ا');
    assert!(
        alef.iter().all(|&x| x < dal[0]),
        "the second word stands left of the first"
    );
}

#[test]
fn chinese_and_japanese_break_between_characters() {
    let dir = event();
    assert!(!build(dir.path()).failed());
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let mut checked = 0;
    for page in glyphs(&doc) {
        let text: String = page.iter().map(|g| g.text.as_str()).collect();
        if !(text.contains("中文文字") || text.contains("禁則処理」の")) {
            continue;
        }
        // The abstract's lines: several, none starting with a closing mark
        // or ending with an opening one.
        let body: Vec<String> = lines(&page)
            .iter()
            .map(|l| l.iter().map(|g| g.text.as_str()).collect::<String>())
            .filter(|l| l.chars().count() > 12)
            .collect();
        assert!(body.len() >= 2, "{body:?}");
        for line in &body {
            let line = line.trim();
            let first = line.chars().next().unwrap();
            let last = line.chars().last().unwrap();
            assert!(
                !"。、，」』）".contains(first),
                "line starts with {first}: {line}"
            );
            assert!(!"「『（".contains(last), "line ends with {last}: {line}");
        }
        checked += 1;
    }
    assert_eq!(checked, 2, "the Chinese and the Japanese abstract");
}

/// A booklet in many scripts (right-to-left runs, ideographs, marks)
/// sealed before it is written gives the same files.
#[test]
fn a_sealed_booklet_in_every_script_writes_the_same_files() {
    let dir = event();
    assert_sealing_changes_nothing(dir.path());
}
