//! `booklet watch` as a user runs it: a build at once, another after an
//! edit, an error reported without touching the PDFs, and no build started
//! by the build's own output.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The child is killed however the test ends.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Lines of the child's output and errors, as they come.
fn lines(child: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let tx2 = tx.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx2.send(line);
        }
    });
    rx
}

/// Everything printed until a build ends ("built in …"), within a minute,
/// and what comes within half a second after (errors come on the other
/// stream, so they may arrive after that line).
fn next_build(rx: &mpsc::Receiver<String>) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                seen.push_str(&line);
                seen.push('\n');
                if line.starts_with("built in") {
                    while let Ok(line) = rx.recv_timeout(Duration::from_millis(500)) {
                        seen.push_str(&line);
                        seen.push('\n');
                    }
                    return seen;
                }
            }
            Err(_) => break,
        }
    }
    panic!("no build ended within a minute; printed:\n{seen}");
}

#[test]
fn watch_rebuilds_on_change_and_reports_errors() {
    let dir = default_event("watch");
    let mut child = Command::new(env!("CARGO_BIN_EXE_booklet"))
        .args(["watch", "--for", "print", "--project"])
        .arg(dir.path())
        .env("SOURCE_DATE_EPOCH", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = lines(&mut child);
    let _child = Watching(child);
    let booklet = dir.path().join("out/booklet.pdf");

    let first = next_build(&rx);
    assert!(first.contains("booklet.pdf"), "{first}");
    let before = std::fs::read(&booklet).unwrap();
    // Its own output starts no build.
    if let Ok(line) = rx.recv_timeout(Duration::from_millis(1500)) {
        panic!("a build started by nothing but its own output: {line}");
    }

    // An edit: a new name in the booklet.
    let event = dir.path().join("data/event.yaml");
    let yaml = std::fs::read_to_string(&event).unwrap();
    let renamed = yaml
        .lines()
        .map(|l| match l.starts_with("name:") {
            true => "name: Watched Workshop".to_string(),
            false => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&event, renamed + "\n").unwrap();
    let second = next_build(&rx);
    assert!(second.contains("changed: data/event.yaml"), "{second}");
    let after = std::fs::read(&booklet).unwrap();
    assert_ne!(after, before, "the booklet was rebuilt");
    assert!(squash(&text(&open(&booklet))).contains("Watched Workshop"));

    // A mistake: reported with its place, the PDFs left as they were.
    let speakers = dir.path().join("data/speakers.yaml");
    let good = std::fs::read_to_string(&speakers).unwrap();
    std::fs::write(&speakers, format!("{good}\nbroken: [\n")).unwrap();
    let third = next_build(&rx);
    assert!(third.contains("data/speakers.yaml:"), "{third}");
    assert!(third.contains("build failed"), "{third}");
    assert_eq!(std::fs::read(&booklet).unwrap(), after);

    // Fixed again: built again.
    std::fs::write(&speakers, good).unwrap();
    let fourth = next_build(&rx);
    assert!(!fourth.contains("build failed"), "{fourth}");
    assert_eq!(
        std::fs::read(&booklet).unwrap(),
        after,
        "same inputs, same bytes"
    );
}
