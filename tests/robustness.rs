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

const KEYS: &[&str] = &[
    "name",
    "id",
    "affiliation",
    "affiliation_url",
    "title",
    "abstract",
    "bio",
    "photo",
    "photo_focus",
    "badge_name",
    "role",
    "start",
    "end",
    "lang",
    "afiliation",
    "date",
    "language",
    "short_name",
    "venue",
    "website",
    "organisers",
];

const SCALARS: &[&str] = &[
    "Ada Lovelace",
    "محمد الأحمد",
    "王芳",
    "\"quoted: colon\"",
    "09:30",
    "25:99",
    "2026-02-30",
    "zh",
    "xx-Latn",
    "english",
    "keynote",
    "boss",
    "https://example.org",
    "../../etc/passwd",
    "/etc/hostname",
    "a.jpg",
    "[0.5, 2]",
    "-1",
    "1e400",
    "true",
    "~",
    "''",
    "\"\\u0000\"",
    "*alias",
    "&anchor x",
    "!!binary aGk=",
    "Ünïcödé ≠ ascii",
    "\"\\t\\ttabs\"",
];

/// A random YAML value of depth at most `depth`: mappings with known,
/// misspelt and random keys, lists, and awkward scalars.
fn value(rng: &mut Rng, depth: usize, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match if depth == 0 { 0 } else { rng.next(4) } {
        0 | 1 => {
            out.push(' ');
            out.push_str(SCALARS[rng.next(SCALARS.len())]);
            out.push('\n');
        }
        2 => {
            out.push('\n');
            for _ in 0..rng.next(4) {
                out.push_str(&format!("{pad}  -"));
                value(rng, depth - 1, indent + 4, out);
            }
        }
        _ => {
            out.push('\n');
            for _ in 0..1 + rng.next(5) {
                out.push_str(&format!("{pad}  {}:", KEYS[rng.next(KEYS.len())]));
                value(rng, depth - 1, indent + 2, out);
            }
        }
    }
}

/// A random speakers file: a list of mappings (sometimes not), each with a
/// random selection of fields and values.
fn random_speakers(rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.next(10) == 0 {
        value(rng, 3, 0, &mut out);
        return out;
    }
    for _ in 0..rng.next(5) {
        out.push('-');
        let mut first = true;
        for _ in 0..1 + rng.next(6) {
            let key = KEYS[rng.next(KEYS.len())];
            out.push_str(&format!("{}{key}:", if first { " " } else { "  " }));
            value(rng, 2, 2, &mut out);
            first = false;
        }
    }
    out
}

/// Random YAML documents, built from the schema's keys and awkward values,
/// never panic the loader, and every error names its file and its line or
/// its field.
#[test]
fn random_documents_never_panic() {
    let dir = default_event("random-yaml");
    let mut rng = Rng(0x0dd_ba11_cafe_f00d);
    let (mut failed, mut built) = (0, 0);
    for case in 0..200 {
        let speakers = random_speakers(&mut rng);
        let mut event = String::from("name: Random Event\n");
        if rng.next(2) == 0 {
            for _ in 0..rng.next(4) {
                event.push_str(&format!("{}:", KEYS[rng.next(KEYS.len())]));
                value(&mut rng, 1, 0, &mut event);
            }
        }
        dir.write("data/speakers.yaml", &speakers);
        dir.write("data/event.yaml", &event);
        let mut config = BuildConfig::new(dir.path());
        config.write = false;
        let report = booklet::build(&config);
        for d in report.diagnostics.errors() {
            let located = d.file.is_some() && (d.line.is_some() || d.field.is_some());
            assert!(
                located,
                "case {case}: {d}\n--- speakers ---\n{speakers}\n--- event ---\n{event}"
            );
        }
        if report.failed() {
            failed += 1;
        } else {
            built += 1;
        }
    }
    // The generator reaches both outcomes, or the test proves little.
    assert!(failed > 50 && built > 5, "{failed} failed, {built} built");
}
