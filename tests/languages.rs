//! An event in French: labels from the layout, French quotation marks and
//! spacing, French hyphenation; a German speaker in it keeps German rules.

mod common;

use common::*;

#[test]
fn a_french_event_reads_french() {
    let dir = TempDir::new("french");
    dir.write(
        "data/event.yaml",
        "name: Journées du calcul\ndate: 2026-03-05\nlanguage: fr\n",
    );
    dir.write(
        "data/speakers.yaml",
        "- name: Élise Durand\n  title: \"L'apprentissage \\\"frugal\\\" : pourquoi ?\"\n  abstract: >-\n    Les réseaux de neurones consomment énormément d'énergie ; nous proposons une méthode\n    d'entraînement économe qui réduit considérablement la consommation électrique des\n    accélérateurs matériels spécialisés, sans dégradation mesurable de la précision.\n  bio: Chercheuse.\n- name: Jürgen Schäfer\n  lang: de\n  abstract: Er sagte \"Silbentrennung\" und meinte Donaudampfschifffahrtsgesellschaftskapitän.\n",
    );
    std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
    // A layout may word a heading itself; the others follow the language.
    let layout = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/layouts/booklet-a5.yaml"
    ))
    .unwrap()
    .replace("# labels: {", "labels: { bio: À propos } #");
    dir.write("layouts/booklet-a5.yaml", layout);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let text = text(&doc);
    assert!(text.contains("Sommaire"), "{text}");
    assert!(text.contains("RÉSUMÉ"), "{text}");
    assert!(
        text.contains("À PROPOS"),
        "the layout's own heading: {text}"
    );
    assert!(text.contains("5 mars 2026"), "a French date: {text}");
    assert!(text.contains("intervenants"), "the cover's count: {text}");
    assert_eq!(outline_titles(&doc)[0], "Couverture");
    let badge = common::text(&open(&dir.path().join("out/badges/elise-durand.pdf")));
    assert!(badge.contains("INTERVENANT"), "the badge's role: {badge}");
    assert!(
        text.contains("«\u{202f}frugal\u{202f}»"),
        "French quotes: {text}"
    );
    assert!(
        text.contains("\u{202f}?") && text.contains("\u{202f};"),
        "French spacing: {text}"
    );
    assert!(
        text.contains("„Silbentrennung“"),
        "German quotes for the German speaker: {text}"
    );
}
