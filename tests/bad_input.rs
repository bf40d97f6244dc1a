//! Bad input: each case gives a diagnostic naming the file and position (or
//! the speaker and field) with a hint; errors stop the build before any PDF
//! is written, and every problem is reported in the same run.

mod common;

use common::*;

const EVENT: &str = "name: Test Event\n";

/// An event with the given speakers file (and a placeholder-free photo).
fn event(name: &str, speakers: &str) -> TempDir {
    let dir = TempDir::new(name);
    dir.write("data/event.yaml", EVENT);
    dir.write("data/speakers.yaml", speakers);
    std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
    dir
}

/// Builds and expects failure with nothing written.
fn fails(dir: &TempDir) -> String {
    let report = build(dir.path());
    assert!(report.failed(), "expected errors, got none");
    assert!(
        !dir.path().join("out").exists(),
        "no output may be written when the build fails"
    );
    messages(&report)
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let dir = event(
        "malformed",
        "- name: Ada\n  title: [unclosed\n- name: Bob\n",
    );
    let text = fails(&dir);
    assert!(text.contains("invalid YAML"), "{text}");
    assert!(text.contains("data/speakers.yaml:"), "{text}");
    assert!(text.contains("hint:"), "{text}");
}

#[test]
fn missing_required_field() {
    let dir = event(
        "missing",
        "- name: Ada\n- title: A talk without a speaker\n",
    );
    let text = fails(&dir);
    assert!(text.contains("missing required field `name`"), "{text}");
    assert!(text.contains("data/speakers.yaml:2:"), "{text}");
    assert!(text.contains("hint: add `name: …`"), "{text}");
}

#[test]
fn wrong_type() {
    let dir = event("type", "- name: Ada\n  title:\n    - one\n    - two\n");
    let text = fails(&dir);
    assert!(
        text.contains("`title` must be text, found a list"),
        "{text}"
    );
    assert!(
        text.contains("data/speakers.yaml:2:3 (speaker `ada`, field `title`)"),
        "{text}"
    );
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let dir = event("unknown", "- name: Ada\n  afiliation: Analytical Engines\n");
    let text = fails(&dir);
    assert!(text.contains("unknown field `afiliation`"), "{text}");
    assert!(text.contains("data/speakers.yaml:2:3"), "{text}");
    assert!(text.contains("did you mean `affiliation`?"), "{text}");
}

#[test]
fn duplicate_id() {
    let dir = event(
        "dup",
        "- name: Ada Lovelace\n- name: Ada  Lovelace\n  title: Again\n",
    );
    let text = fails(&dir);
    assert!(
        text.contains("duplicate speaker id `ada-lovelace`"),
        "{text}"
    );
    assert!(text.contains("data/speakers.yaml:2:3"), "{text}");
    assert!(text.contains("on line 1 already has this id"), "{text}");
}

#[test]
fn missing_photo_is_a_warning_and_a_placeholder() {
    let dir = event("nophoto", "- name: Ada\n  photo: ada.jpg\n- name: Bob\n");
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let warnings: Vec<_> = report.diagnostics.warnings().collect();
    assert_eq!(warnings.len(), 2, "{}", messages(&report));
    assert_eq!(warnings[0].speaker.as_deref(), Some("ada"));
    assert!(
        warnings[0]
            .message
            .contains("`speakers_pictures/ada.jpg` not found")
    );
    assert_eq!(warnings[1].speaker.as_deref(), Some("bob"));
    assert!(warnings[1].message.contains("no photo"));
    assert!(dir.path().join("out/booklet.pdf").is_file());
}

#[test]
fn unreadable_photo() {
    let dir = event("unreadable", "- name: Ada\n  photo: ada.jpg\n");
    // A folder where the file should be cannot be read, even as root.
    std::fs::create_dir_all(dir.path().join("speakers_pictures/ada.jpg")).unwrap();
    let text = fails(&dir);
    assert!(
        text.contains("cannot use photo `speakers_pictures/ada.jpg`: cannot read the file"),
        "{text}"
    );
    assert!(text.contains("(speaker `ada`, field `photo`)"), "{text}");
}

#[test]
fn photo_that_is_not_an_image() {
    let dir = event("notimage", "- name: Ada\n  photo: ada.jpg\n");
    dir.write("speakers_pictures/ada.jpg", "<html>not found</html>");
    let text = fails(&dir);
    assert!(
        text.contains("the file is not a JPEG or PNG image"),
        "{text}"
    );
    assert!(text.contains("data/speakers.yaml:2:3"), "{text}");
    assert!(text.contains("hint: export the photo as JPEG"), "{text}");
}

#[test]
fn truncated_photo() {
    let dir = event("truncated", "- name: Ada\n  photo: ada.jpg\n");
    let good = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/speakers_pictures/Jian.jpg"
    ))
    .unwrap();
    dir.write("speakers_pictures/ada.jpg", &good[..good.len() / 2]);
    let text = fails(&dir);
    assert!(text.contains("truncated"), "{text}");
}

#[test]
fn missing_font_file() {
    let dir = event("font", "- name: Ada\n");
    let layout = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/layouts/booklet-a5.yaml"
    ))
    .unwrap()
    .replace("fonts/SourceSerif4-It.ttf", "fonts/Nope-Italic.ttf");
    dir.write("layouts/booklet-a5.yaml", layout);
    let text = fails(&dir);
    assert!(
        text.contains("missing font file `fonts/Nope-Italic.ttf`"),
        "{text}"
    );
    assert!(text.contains("layouts/booklet-a5.yaml:"), "{text}");
    assert!(text.contains("field `fonts.serif.italic`"), "{text}");
}

#[test]
fn every_problem_in_one_run() {
    let dir = event(
        "many",
        "- name: Ada\n  afiliation: X\n- title: No name\n- name: Bob\n  start: 9h30\n  role: speeker\n",
    );
    dir.write(
        "data/event.yaml",
        "name: Test\ndate: 2025-02-30\nlanguage: english\n",
    );
    let report = build(dir.path());
    let errors: Vec<String> = report
        .diagnostics
        .errors()
        .map(|d| d.message.clone())
        .collect();
    for expected in [
        "unknown field `afiliation`",
        "missing required field `name`",
        "invalid `start`",
        "invalid `role`",
        "invalid `date`",
        "invalid `language`",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected} not in {errors:#?}"
        );
    }
}

#[test]
fn command_line_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_booklet");
    let dir = event("cli", "- name: Ada\n  nmae: x\n");
    let out = std::process::Command::new(bin)
        .args(["build", "--project"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown field `nmae`") && stderr.contains("did you mean `name`?"),
        "{stderr}"
    );
    let out = std::process::Command::new(bin)
        .args(["build", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deny_warnings_turns_a_missing_photo_into_a_failure() {
    let dir = event("deny", "- name: Ada\n  photo: ada.jpg\n");
    let mut config = booklet::BuildConfig::new(dir.path());
    config.deny_warnings = true;
    let report = booklet::build(&config);
    assert!(report.failed());
    assert!(messages(&report).contains("not found"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn layout_errors_name_their_line() {
    let dir = event("layout", "- name: Ada\n");
    let layout = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/layouts/booklet-a5.yaml"
    ))
    .unwrap()
    .replace("size: 9.5pt", "size: 9.5")
    .replace("accent: \"#1f4e79\"", "acent: \"#1f4e79\"");
    dir.write("layouts/booklet-a5.yaml", layout);
    let text = fails(&dir);
    assert!(text.contains("has no unit"), "{text}");
    assert!(text.contains("field `styles.body.size`"), "{text}");
    assert!(
        text.contains("unknown field `acent`") && text.contains("did you mean `accent`?"),
        "{text}"
    );
}

/// Photo, logo and font paths stay inside the event folder: `..`, an
/// absolute path and a symbolic link leading out are each an error naming
/// the speaker (or layout field), and nothing outside is read.
#[test]
fn paths_leading_outside_the_event_are_errors() {
    let outside = TempDir::new("outside");
    outside.write("secret.jpg", b"not for the booklet");
    let secret = outside.path().join("secret.jpg");
    let dir = event(
        "escape",
        &format!(
            "- name: Ada Dots\n  photo: ../../../../../../{}\n- name: Bob Absolute\n  photo: {}\n- name: Cy Link\n  photo: link.jpg\n",
            secret.display().to_string().trim_start_matches('/'),
            secret.display()
        ),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, dir.path().join("speakers_pictures/link.jpg")).unwrap();
    let text = fails(&dir);
    for (speaker, why) in [
        (
            "ada-dots",
            "outside the event folder (absolute, or with `..`)",
        ),
        (
            "bob-absolute",
            "outside the event folder (absolute, or with `..`)",
        ),
        ("cy-link", "a link to a file outside the event folder"),
    ] {
        let found = text
            .split("error: ")
            .any(|d| d.contains(why) && d.contains(&format!("speaker `{speaker}`")));
        assert!(found, "no error for {speaker}: {text}");
    }
    assert_eq!(text.matches("error: cannot use photo").count(), 3, "{text}");
    assert!(
        !text.contains("not a JPEG"),
        "the outside file was read: {text}"
    );

    // A layout's logo and fonts likewise.
    let dir = event("escape-layout", "- name: Ada\n");
    let layout = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/booklet-a5.yaml"),
    )
    .unwrap()
    .replace(
        "cover: { colour: \"#1f4e79\" }",
        &format!(
            "cover: {{ colour: \"#1f4e79\", logo: {} }}",
            secret.display()
        ),
    )
    .replace(
        "fonts/SourceSerif4-Bold.ttf",
        "../../fonts/SourceSerif4-Bold.ttf",
    );
    dir.write("layouts/escape.yaml", layout);
    let report = build_with(dir.path(), |c| c.booklet_layout = "escape".into());
    let text = messages(&report);
    assert!(report.failed());
    assert!(text.contains("cannot use logo"), "{text}");
    assert!(
        text.contains("cannot use font file `../../fonts/SourceSerif4-Bold.ttf`"),
        "{text}"
    );
}

/// A JPEG whose header and end marker are whole but whose data is damaged
/// (a Huffman table counting too many codes) decodes nowhere: the build
/// (which checks it while the text is set) fails naming the speaker, the
/// photo and the decoder's words, writes nothing (not even the photos
/// resampled meanwhile), and still says the other problems of the run.
#[test]
fn photo_damaged_inside() {
    let dir = event(
        "damaged",
        "- name: Ada\n  photo: ada.jpg\n- name: Bob\n  photo: bob.jpg\n  photo_focus: [2, 0]\n",
    );
    let good = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/speakers_pictures/Jian.jpg"
    ))
    .unwrap();
    let mut damaged = good.clone();
    let dht = damaged.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
    damaged[dht + 5..dht + 21].fill(0xFF);
    dir.write("speakers_pictures/ada.jpg", &damaged);
    dir.write("speakers_pictures/bob.jpg", &good);
    let text = fails(&dir);
    assert!(text.contains("cannot be decoded"), "{text}");
    assert!(text.contains("speakers_pictures/ada.jpg"), "{text}");
    assert!(text.contains("Ada") || text.contains("ada"), "{text}");
    assert!(text.contains("hint: export the photo again"), "{text}");
    assert!(
        text.contains("photo_focus"),
        "the other problem too: {text}"
    );
    // The same when only checking, and with the damaged photo alone.
    dir.write(
        "data/speakers.yaml",
        "- name: Ada\n  photo: ada.jpg\n- name: Bob\n  photo: bob.jpg\n",
    );
    let text = fails(&dir);
    assert!(text.contains("cannot be decoded"), "{text}");
    let mut config = booklet::BuildConfig::new(dir.path());
    config.write = false;
    let report = booklet::build(&config);
    assert!(report.failed());
    assert!(messages(&report).contains("cannot be decoded"));
}
