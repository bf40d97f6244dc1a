//! Damaged input never panics: hundreds of random edits to the default
//! event's YAML (and to a layout) are each checked; every run must end with
//! either a build or diagnostics.

mod common;

use booklet::BuildConfig;
use common::*;

/// xorshift: the same edits on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    ":", "-", " ", "\n", "\t", "\"", "'", "[", "]", "{", "}", "*", "&a", "!!str", "#", "é",
    "\u{ad}", "0", "null", "~", "|", ">",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.next(4) {
        let at = rng.next(chars.len().max(1));
        match rng.next(3) {
            0 => {
                let n = 1 + rng.next(12);
                chars.drain(at..(at + n).min(chars.len()));
            }
            1 => {
                let piece: Vec<char> = PIECES[rng.next(PIECES.len())].chars().collect();
                chars.splice(at..at, piece);
            }
            _ => {
                let from = rng.next(chars.len().max(1));
                let n = rng.next(20).min(chars.len() - from);
                let copy: Vec<char> = chars[from..from + n].to_vec();
                chars.splice(at..at, copy);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn random_edits_never_panic() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let speakers = std::fs::read_to_string(format!("{repo}/data/speakers.yaml")).unwrap();
    let event = std::fs::read_to_string(format!("{repo}/data/event.yaml")).unwrap();
    let layout = std::fs::read_to_string(format!("{repo}/layouts/booklet-a5.yaml")).unwrap();
    let dir = default_event("robust");
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for case in 0..150 {
        let (file, text) = match case % 3 {
            0 => ("data/speakers.yaml", mutate(&speakers, &mut rng)),
            1 => ("data/event.yaml", mutate(&event, &mut rng)),
            _ => ("layouts/booklet-a5.yaml", mutate(&layout, &mut rng)),
        };
        dir.write("data/speakers.yaml", &speakers);
        dir.write("data/event.yaml", &event);
        dir.write("layouts/booklet-a5.yaml", &layout);
        dir.write(file, &text);
        let mut config = BuildConfig::new(dir.path());
        config.write = false;
        let report = booklet::build(&config);
        // Every error says where it is.
        for d in report.diagnostics.errors() {
            assert!(d.file.is_some() || d.speaker.is_some(), "case {case}: {d}");
        }
    }
}
