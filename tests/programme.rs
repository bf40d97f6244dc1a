//! Programmes: days, rooms, sessions, talks by several people. Each check
//! of the programme gives an error at its line with a hint; the booklet is
//! set by days and sessions with a timetable per day; every person gets one
//! badge.

mod common;

use common::*;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/programme");

/// The two-day, two-room sample event, its programme changed by `edit`.
fn event(name: &str, edit: impl Fn(String) -> String) -> TempDir {
    let dir = TempDir::new(name);
    for file in ["event.yaml", "speakers.yaml", "programme.yaml"] {
        let text = std::fs::read_to_string(format!("{DATA}/{file}")).unwrap();
        let text = if file == "programme.yaml" {
            edit(text)
        } else {
            text
        };
        dir.write(&format!("data/{file}"), text);
    }
    std::fs::create_dir_all(dir.path().join("speakers_pictures")).unwrap();
    dir
}

/// The line of the programme where `needle` is written (1-based).
fn line_of(needle: &str) -> usize {
    let text = std::fs::read_to_string(format!("{DATA}/programme.yaml")).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// The build fails; its messages.
fn errors(dir: &TempDir) -> String {
    let report = build(dir.path());
    assert!(report.failed(), "expected an error");
    assert!(!dir.path().join("out").exists());
    report
        .diagnostics
        .errors()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_sample_programme_builds() {
    let dir = event("sample", |t| t);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
}

#[test]
fn unknown_person_suggests_an_id() {
    let dir = event("unknown-person", |t| {
        t.replace("speakers: [alan]", "speakers: [alann]")
    });
    let text = errors(&dir);
    assert!(text.contains("unknown person `alann`"), "{text}");
    assert!(text.contains("did you mean `alan`?"), "{text}");
    let line = line_of("speakers: [alan]");
    assert!(
        text.contains(&format!("data/programme.yaml:{line}:")),
        "{text}"
    );
}

#[test]
fn end_before_start() {
    let dir = event("end-before", |t| {
        t.replacen("end: \"10:00\"", "end: \"08:45\"", 1)
    });
    let text = errors(&dir);
    assert!(
        text.contains("it ends (08:45) before it starts (09:00)"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "data/programme.yaml:{}:",
            line_of("end: \"10:00\"")
        )),
        "{text}"
    );
}

#[test]
fn talk_outside_its_day() {
    let dir = event("outside-day", |t| {
        t.replace(
            "    rooms: [a]\n",
            "    rooms: [a]\n    start: \"08:00\"\n    end: \"22:00\"\n",
        )
    });
    let text = errors(&dir);
    assert!(
        text.contains("`Conference dinner` (19:00–23:30) runs outside its day (08:00–22:00)"),
        "{text}"
    );
}

#[test]
fn two_things_in_one_room_at_once() {
    let dir = event("room-overlap", |t| {
        t.replace(
            "      - { title: Lunch,",
            "      - { title: Poster session, start: \"11:00\", end: \"11:20\", room: a }\n      - { title: Lunch,",
        )
    });
    let text = errors(&dir);
    assert!(
        text.contains("`Poster session` overlaps `Benchmarks that matter`")
            && text.contains("in Room A"),
        "{text}"
    );
}

#[test]
fn a_person_in_two_rooms_at_once() {
    let dir = event("person-overlap", |t| {
        t.replace(
            "{ title: Reliable machines, speakers: [grace]",
            "{ title: Reliable machines, speakers: [alan]",
        )
    });
    let text = errors(&dir);
    assert!(
        text.contains("Alan Turing is in two places at once"),
        "{text}"
    );
    assert!(
        text.contains("`Reliable machines`") && text.contains("`Benchmarks that matter`"),
        "{text}"
    );
}

#[test]
fn a_session_whose_talks_run_outside_it() {
    let dir = event("session-window", |t| {
        t.replace(
            "            speakers: [ada]\n            duration: 30",
            "            speakers: [ada]\n            duration: 60",
        )
    });
    let text = errors(&dir);
    assert!(
        text.contains("`Engines that learn` (11:30–12:30) runs outside its session (10:30–12:00)"),
        "{text}"
    );
}

#[test]
fn rooms_unknown_or_not_in_use_that_day() {
    let dir = event("room-day", |t| {
        t.replace(
            "        room: a\n        start: \"09:30\"",
            "        room: b\n        start: \"09:30\"",
        )
        .replace(
            "start: \"19:00\", end: \"23:30\", room: a",
            "start: \"19:00\", end: \"23:30\", room: c",
        )
    });
    let text = errors(&dir);
    assert!(text.contains("room `b` is not in use that day"), "{text}");
    assert!(text.contains("unknown room `c`"), "{text}");
    assert!(
        text.contains("hint: did you mean `a`?") || text.contains("rooms in `rooms:`"),
        "{text}"
    );
}
