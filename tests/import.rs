//! `booklet import`: frab's XML and JSON (pretalx's schedule), Sessionize
//! and CSV exports become the event folder's YAML, which checks and builds
//! at once; a second import of a changed export keeps local edits and says
//! what changed; pictures are downloaded from a server the test starts on
//! 127.0.0.1; bad exports are reported at their place and write nothing.

mod common;

use booklet::import::{Format, ImportConfig, ImportReport, import};
use common::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn run(file: &Path, dir: &TempDir, format: Option<Format>, download: bool) -> ImportReport {
    import(&ImportConfig {
        file: file.to_path_buf(),
        format,
        project: dir.path().to_path_buf(),
        download,
    })
}

fn read(dir: &TempDir, rel: &str) -> String {
    std::fs::read_to_string(dir.path().join(rel)).unwrap()
}

#[test]
fn every_format_imports_checks_and_builds() {
    for file in [
        "schedule.xml",
        "schedule.json",
        "sessionize.json",
        "talks.csv",
    ] {
        let dir = TempDir::new("import");
        let report = run(&fixture(file), &dir, None, false);
        assert!(
            !report.diagnostics.has_errors(),
            "{file}: {}",
            report.diagnostics
        );
        assert_eq!(report.written.len(), 3, "{file}");
        let built = build(dir.path());
        assert!(!built.failed(), "{file}: {}", messages(&built));
        let text = squash(&text(&open(&dir.path().join("out/booklet.pdf"))));
        assert!(text.contains("Ada Lovelace"), "{file}: {text}");
    }
}

#[test]
fn frab_days_rooms_midnight_and_html() {
    for file in ["schedule.xml", "schedule.json"] {
        let dir = TempDir::new("frab");
        let report = run(&fixture(file), &dir, None, false);
        assert!(!report.diagnostics.has_errors(), "{}", report.diagnostics);
        let programme = read(&dir, "data/programme.yaml");
        // Three rooms, two days; the night session stays on the first day.
        for room in ["Main Hall", "Workshop Room", "Studio"] {
            assert!(programme.contains(room), "{file}: {programme}");
        }
        let night = programme.find("Night session").unwrap();
        let day2 = programme.find("date: 2026-09-11").unwrap();
        assert!(
            night < day2,
            "{file}: the night session moved to the next day"
        );
        assert!(
            programme[night..].contains("start: \"25:00\""),
            "{file}: {programme}"
        );
        // HTML (or Markdown) abstracts as markup; a list as bullets.
        assert!(
            programme.contains("We *open* the conference & look back."),
            "{file}: {programme}"
        );
        assert!(programme.contains("• data"), "{file}: {programme}");
        // Two people on one talk; a break without people is a slot.
        assert!(
            programme.contains("speakers: [\"ada-lovelace\", \"jian-tang\"]"),
            "{file}"
        );
        let coffee = &programme[programme.find("Coffee break").unwrap()..];
        assert!(!coffee[..coffee.find("- title").unwrap_or(coffee.len())].contains("speakers"));
        let event = read(&dir, "data/event.yaml");
        assert!(
            event.contains("Open Conference 2026") && event.contains("oc26"),
            "{event}"
        );
        let built = build(dir.path());
        assert!(!built.failed(), "{}", messages(&built));
        let text = squash(&text(&open(&dir.path().join("out/booklet.pdf"))));
        assert!(
            text.contains("01:00–02:00"),
            "the night session's time: {text}"
        );
    }
}

#[test]
fn reimport_keeps_local_edits_and_reports_changes() {
    let dir = TempDir::new("reimport");
    let first = run(&fixture("schedule.json"), &dir, None, false);
    assert!(!first.diagnostics.has_errors(), "{}", first.diagnostics);
    // The organiser's edits.
    let speakers = read(&dir, "data/speakers.yaml").replace(
        "  source: \"frab:ADA7\"\n",
        "  source: \"frab:ADA7\"\n  badge_name: Ada\n  role: keynote\n  affiliation: Corrected Engines Ltd\n  photo_focus: [0.5, 0.3]\n",
    );
    dir.write("data/speakers.yaml", speakers);
    dir.write(
        "data/event.yaml",
        read(&dir, "data/event.yaml") + "city: Lyon\n",
    );
    // A newer export: a talk retitled, one moved, one gone, one new; Ada's
    // biography rewritten.
    let newer = std::fs::read_to_string(fixture("schedule.json"))
        .unwrap()
        .replace("\"title\": \"Recording a talk\"", "\"title\": \"Recording a talk, well\"")
        .replace("\"start\": \"10:15\", \"duration\": \"01:30\"", "\"start\": \"11:00\", \"duration\": \"01:30\"")
        .replace("Ada writes **programmes**.", "Ada writes better programmes.")
        .replace(
            "{\"id\": 102, \"guid\": \"a2\", \"date\": \"2026-09-10T09:45:00+02:00\", \"start\": \"09:45\", \"duration\": \"00:30\", \"room\": \"Main Hall\",\n        \"title\": \"Coffee break\", \"type\": \"Break\", \"persons\": []},",
            "{\"id\": 106, \"guid\": \"a6\", \"date\": \"2026-09-10T09:50:00+02:00\", \"start\": \"09:50\", \"duration\": \"00:20\", \"room\": \"Main Hall\",\n        \"title\": \"Lightning round\", \"type\": \"Talk\", \"persons\": [{\"code\": \"ALAN10\", \"public_name\": \"Alan Turing\"}]},",
        );
    let file = dir.path().join("newer.json");
    std::fs::write(&file, newer).unwrap();
    let second = run(&file, &dir, None, false);
    assert!(!second.diagnostics.has_errors(), "{}", second.diagnostics);
    let changes = second.changes.join("\n");
    for change in [
        "added: Lightning round",
        "removed: Coffee break",
        "moved: Hands-on: schedules as data",
        "retitled: Recording a talk → Recording a talk, well",
    ] {
        assert!(changes.contains(change), "`{change}` not in:\n{changes}");
    }
    let speakers = read(&dir, "data/speakers.yaml");
    for kept in [
        "badge_name: \"Ada\"",
        "role: \"keynote\"",
        "affiliation: \"Corrected Engines Ltd\"",
        "photo_focus: [0.5, 0.3]",
    ] {
        assert!(speakers.contains(kept), "`{kept}` lost:\n{speakers}");
    }
    assert!(
        speakers.contains("Ada writes better programmes."),
        "{speakers}"
    );
    assert_eq!(speakers.matches("frab:ADA7").count(), 1, "{speakers}");
    assert!(read(&dir, "data/event.yaml").contains("city: \"Lyon\""));
    assert!(!build(dir.path()).failed());
}

/// A one-request-at-a-time HTTP server on 127.0.0.1 answering by path:
/// `/ok.png` a PNG, `/page` an HTML page, anything else 404.
fn serve() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let png = std::fs::read(fixture("avatars/ada.png")).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (status, kind, body): (&str, &str, Vec<u8>) = match path.as_str() {
                "/ok.png" => ("200 OK", "image/png", png.clone()),
                "/page" => ("200 OK", "text/html", b"<html></html>".to_vec()),
                _ => ("404 Not Found", "text/plain", b"no".to_vec()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{addr}")
}

#[test]
fn pictures_are_downloaded_from_a_local_server() {
    let base = serve();
    let export = std::fs::read_to_string(fixture("schedule.json"))
        .unwrap()
        .replace("\"avatar\": \"avatars/ada.png\"", &format!("\"avatar\": \"{base}/ok.png\""))
        .replace("\"biography\": null, \"avatar\": null", &format!("\"biography\": null, \"avatar\": \"{base}/page\""))
        .replace("\"<p>Grace wrote the first <b>compiler</b>.</p>\"", &format!("\"<p>Grace wrote the first <b>compiler</b>.</p>\", \"avatar\": \"{base}/missing.jpg\""));
    let dir = TempDir::new("download");
    let file = dir.path().join("schedule.json");
    std::fs::write(&file, export).unwrap();
    let report = run(&file, &dir, None, true);
    assert!(!report.diagnostics.has_errors(), "{}", report.diagnostics);
    assert!(
        dir.path()
            .join("speakers_pictures/ada-lovelace.png")
            .exists()
    );
    let warnings = report.diagnostics.to_string();
    assert!(
        warnings.contains("Jian Tang") && warnings.contains("not a JPEG or PNG"),
        "{warnings}"
    );
    assert!(
        warnings.contains("Grace Hopper") && warnings.contains("404"),
        "{warnings}"
    );
    assert!(
        !build(dir.path()).failed(),
        "the build works with placeholders"
    );
    // Without downloads: nothing fetched, and it says so.
    let dir = TempDir::new("no-download");
    let report = run(&file, &dir, None, false);
    assert!(
        !dir.path()
            .join("speakers_pictures/ada-lovelace.png")
            .exists()
    );
    assert!(report.diagnostics.to_string().contains("--no-download"));
}

/// The build fails with these messages, and nothing is written.
fn fails(file: &Path, format: Option<Format>) -> String {
    let dir = TempDir::new("bad-import");
    let report = run(file, &dir, format, false);
    assert!(report.diagnostics.has_errors(), "expected an error");
    assert!(!dir.path().join("data").exists(), "nothing may be written");
    report.diagnostics.to_string()
}

#[test]
fn bad_exports_are_reported_where_they_are() {
    let dir = TempDir::new("bad");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    // Not the format it claims.
    let text = fails(&fixture("schedule.json"), Some(Format::FrabXml));
    assert!(
        text.contains("invalid XML") && text.contains("schedule.json:1:"),
        "{text}"
    );
    // Truncated JSON: the line and column where it stops.
    let json = std::fs::read_to_string(fixture("schedule.json")).unwrap();
    let text = fails(&write("cut.json", &json[..json.len() / 2]), None);
    assert!(
        text.contains("invalid JSON") && text.contains("cut.json:"),
        "{text}"
    );
    // Missing fields and times that do not parse: by JSON path, all of them.
    let broken = json
        .replace("\"start\": \"09:00\"", "\"start\": \"9 o'clock\"")
        .replace("\"title\": \"Closing panel\", ", "");
    let text = fails(&write("broken.json", &broken), None);
    assert!(
        text.contains("days[0].rooms[\"Main Hall\"][0].start"),
        "{text}"
    );
    assert!(
        text.contains("days[1].rooms[\"Studio\"][0].title"),
        "{text}"
    );
    // Duplicate ids.
    let sz = std::fs::read_to_string(fixture("sessionize.json")).unwrap();
    let text = fails(
        &write(
            "dup.json",
            &sz.replace("\"id\": \"u-jian\"", "\"id\": \"u-ada\""),
        ),
        None,
    );
    assert!(
        text.contains("duplicate speaker id `u-ada`") && text.contains("speakers[1].id"),
        "{text}"
    );
    // A CSV row whose time does not parse: its line.
    let csv = std::fs::read_to_string(fixture("talks.csv"))
        .unwrap()
        .replace("10:15,10:45,Room 1", "quarter past ten,10:45,Room 1");
    let text = fails(&write("bad.csv", &csv), None);
    assert!(text.contains("bad.csv:4:"), "{text}");
    // XML cut short.
    let xml = std::fs::read_to_string(fixture("schedule.xml")).unwrap();
    let text = fails(&write("cut.xml", &xml[..xml.len() - 200]), None);
    assert!(
        text.contains("invalid XML") && text.contains("cut.xml:"),
        "{text}"
    );
}
