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

/// The sample builds: a timetable per day, contents and outline by days,
/// sessions and talks, each biography once with references to it, an index
/// of speakers, one badge per person (a chair with no talk says so).
#[test]
fn the_sample_programme_builds() {
    let dir = event("sample", |t| t);
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));
    let text = squash(&text(&doc));
    let order = [
        "15 June 2026 · Main conference",
        "Room A",
        "Contents",
        "Learning on graphs",
        "Graph neural networks for molecules",
        "Systems",
        "Closing panel",
        "Index of speakers",
    ];
    let mut at = 0;
    for phrase in order {
        let found = text[at..]
            .find(phrase)
            .unwrap_or_else(|| panic!("`{phrase}` after {at}: {text}"));
        at += found;
    }
    // Ada gives three talks: one biography, two references to its page.
    assert_eq!(text.matches("Ada writes programmes").count(), 1, "{text}");
    let refs = text.matches("Ada Lovelace — see page").count();
    assert_eq!(refs, 2, "{text}");
    let outline = outline_titles(&doc);
    let day = outline
        .iter()
        .position(|t| t.contains("Main conference"))
        .unwrap();
    let session = outline
        .iter()
        .position(|t| t.contains("Learning on graphs"))
        .unwrap();
    let talk = outline
        .iter()
        .position(|t| t.contains("Engines that learn"))
        .unwrap();
    assert!(
        outline[0] == "Cover" && day < session && session < talk,
        "{outline:?}"
    );
    assert_eq!(
        outline.last().map(String::as_str),
        Some("Index of speakers")
    );
    // One badge each; Barbara chairs and gives no talk.
    let badges = std::fs::read_dir(dir.path().join("out/badges"))
        .unwrap()
        .count();
    assert_eq!(badges, 6);
    let barbara = common::text(&open(&dir.path().join("out/badges/barbara.pdf")));
    assert!(barbara.contains("CHAIR"), "{barbara}");
    // Without the programme the same people make today's booklet.
    std::fs::remove_file(dir.path().join("data/programme.yaml")).unwrap();
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let text = squash(&common::text(&open(&dir.path().join("out/booklet.pdf"))));
    assert!(
        !text.contains("Index of speakers")
            && text.contains("About the speaker".to_uppercase().as_str())
    );
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

/// A generated conference of 3 days × 5 rooms × 300 talks: every talk is on
/// its day's timetable, in its room's column and in time order.
#[test]
fn generated_timetables_put_every_talk_in_its_room_and_time() {
    use common::glyphs::{glyphs, lines};
    let dir = TempDir::new("timetable");
    let photos = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("speakers_pictures");
    common::generate::generate(300, dir.path(), &photos).unwrap();
    common::generate::generate_programme(300, 3, 5, dir.path()).unwrap();
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));
    // (talk number) → (page, x, y) of its title on a timetable page, and
    // each timetable page's day and room header centres.
    let mut found: std::collections::BTreeMap<usize, (usize, f64, f64)> = Default::default();
    let mut page_day: Vec<Option<usize>> = Vec::new();
    let mut headers: Vec<Vec<(char, f64)>> = Vec::new();
    for (p, page) in glyphs(&doc).iter().enumerate() {
        let lines: Vec<(String, Vec<common::glyphs::Glyph>)> = lines(page)
            .into_iter()
            .map(|l| (l.iter().map(|g| g.text.as_str()).collect::<String>(), l))
            .collect();
        let day = lines.first().and_then(|(t, _)| {
            let at = t.find("Day ")?;
            t[at + 4..].chars().next()?.to_digit(10).map(|d| d as usize)
        });
        let is_grid = day.is_some()
            && lines
                .iter()
                .any(|(t, _)| t.contains("Room A") || t.contains("Room D"));
        page_day.push(day.filter(|_| is_grid));
        let mut centres = Vec::new();
        if is_grid {
            for (text, glyphs) in &lines {
                // The glyph each character of the line comes from (a
                // ligature stands for several).
                let owner: Vec<usize> = glyphs
                    .iter()
                    .enumerate()
                    .flat_map(|(k, g)| std::iter::repeat_n(k, g.text.chars().count()))
                    .collect();
                // Room names: "Room A" … in the header line.
                for (k, _) in text.match_indices("Room ") {
                    let letter = text[k + 5..].chars().next().unwrap();
                    let first = text[..k].chars().count();
                    let last = first + "Room X".chars().count() - 1;
                    let (a, b) = (&glyphs[owner[first]], &glyphs[owner[last]]);
                    centres.push((letter, (a.x + b.x + b.advance) / 2.0));
                }
                for (k, _) in text.match_indices('T') {
                    let digits: String = text[k + 1..].chars().take(4).collect();
                    if let (Ok(n), 4) = (digits.parse::<usize>(), digits.len()) {
                        let g = &glyphs[owner[text[..k].chars().count()]];
                        found.entry(n).or_insert((p, g.x, g.y));
                    }
                }
            }
        }
        headers.push(centres);
    }
    // (day, room) → (minute, (page, position down the page)) of each talk.
    type Placed = Vec<(u16, (usize, f64))>;
    let mut by_room: std::collections::BTreeMap<(usize, usize), Placed> = Default::default();
    for d in 0..3 {
        for (s, &start) in common::generate::SESSION_STARTS.iter().enumerate() {
            for r in 0..5 {
                for k in 0..4 {
                    let number = d * 100 + s * 20 + r * 4 + k + 1;
                    let Some(&(page, x, y)) = found.get(&number) else {
                        panic!("T{number:04} is on no timetable page");
                    };
                    assert_eq!(
                        page_day[page],
                        Some(d + 1),
                        "T{number:04} on the wrong day's page"
                    );
                    let room = (b'A' + r as u8) as char;
                    let nearest = headers[page]
                        .iter()
                        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
                        .unwrap();
                    // The title starts in its column: left of the column's
                    // centre, nearer to it than to any other room's.
                    let own = headers[page].iter().find(|h| h.0 == room).map(|h| h.1);
                    assert!(
                        own.is_some_and(|c| x < c),
                        "T{number:04} not under Room {room}"
                    );
                    let left_of: Vec<_> = headers[page].iter().filter(|h| h.1 > x).collect();
                    let next = left_of.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
                    assert_eq!(
                        next.0, room,
                        "T{number:04} in the column of Room {} ({nearest:?})",
                        next.0
                    );
                    by_room
                        .entry((d, r))
                        .or_default()
                        .push((start + 20 * k as u16, (page, -y)));
                }
            }
        }
    }
    // Down the page, and on to the next, in the order of time.
    for ((d, r), mut talks) in by_room {
        talks.sort_by_key(|t| t.0);
        for pair in talks.windows(2) {
            let (a, b) = (pair[0].1, pair[1].1);
            assert!(
                a.0 < b.0 || (a.0 == b.0 && a.1 < b.1),
                "day {d} room {r}: {pair:?} out of order"
            );
        }
    }
}

/// Events without a programme keep today's booklet: the default event's
/// pages and outline, pinned.
#[test]
fn the_default_event_is_unchanged() {
    let dir = default_event("unchanged");
    let report = build(dir.path());
    assert!(!report.failed(), "{}", messages(&report));
    let doc = open(&dir.path().join("out/booklet.pdf"));
    assert_eq!(doc.get_pages().len(), 12);
    let outline = outline_titles(&doc);
    assert_eq!(&outline[..2], ["Cover", "Contents"]);
    assert_eq!(outline.len(), 2 + 6, "{outline:?}");
    assert!(!squash(&text(&doc)).contains("Index of speakers"));
}

/// A programme booklet (timetables, sessions, index) sealed before it is
/// written gives the same files.
#[test]
fn a_sealed_programme_booklet_writes_the_same_files() {
    let dir = event("sealed", |s| s);
    assert_sealing_changes_nothing(dir.path());
}
