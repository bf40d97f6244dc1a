//! Generated events for tests and benchmarks: varied names (accents,
//! particles, hyphens), texts of varied length with a realistic share of
//! short words, photos cycled from the default event's portraits. The same
//! `n` always gives the same event.
//!
//! Shared by `tests/` and `examples/gen_event.rs` (through `#[path]`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const GIVEN: &[&str] = &[
    "Ana",
    "Björn",
    "Chloé",
    "Dương",
    "Émile",
    "Františka",
    "Grzegorz",
    "Hélène",
    "Ioana",
    "Jürgen",
    "Kateřina",
    "Łukasz",
    "María José",
    "Nuño",
    "Øystein",
    "Paweł",
    "Quentin",
    "Renée",
    "Søren",
    "Tomás",
    "Ülkü",
    "Văn",
    "Wojciech",
    "Xiomara",
    "Yūko",
    "Zoë",
    "Anne-Marie",
    "Jean-Baptiste",
];
const FAMILY: &[&str] = &[
    "Álvarez",
    "van der Berg",
    "Čapek",
    "de la Fuente",
    "Eriksson",
    "Føllesdal",
    "García Márquez",
    "Hồ",
    "Ibáñez",
    "Jørgensen",
    "Kowalczyk",
    "Lefèvre",
    "Müller-Lüdenscheidt",
    "Nguyễn",
    "O'Connor",
    "Papadopoulos",
    "Quiñones",
    "Røed",
    "Schäfer",
    "Tănase",
    "Urbański",
    "Vázquez",
    "Wiśniewski",
    "Xu",
    "Yılmaz",
    "Żółkiewski",
];
const AFFILIATIONS: &[&str] = &[
    "Université Paris-Saclay",
    "ETH Zürich",
    "Technische Universität München",
    "KTH Royal Institute of Technology",
    "Universidad Politécnica de Madrid",
    "Politecnico di Milano",
    "Delft University of Technology",
    "Instituto Superior Técnico, Lisboa",
    "Max Planck Institute for Intelligent Systems",
    "Mila – Quebec AI Institute",
];
/// Short function words, which make up about 40 % of running English text.
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "a", "to", "in", "is", "we", "for", "on", "with", "that", "by", "this",
    "as", "are", "our", "from", "it", "can", "at", "be", "an", "or", "which", "these", "how",
    "new", "its",
];
const WORDS: &[&str] = &[
    "efficient",
    "training",
    "hardware",
    "accelerators",
    "memory",
    "bandwidth",
    "quantization",
    "sparsity",
    "gradient",
    "compression",
    "networks",
    "architecture",
    "on-device",
    "learning",
    "inference",
    "energy",
    "we",
    "present",
    "a",
    "the",
    "of",
    "and",
    "for",
    "with",
    "that",
    "is",
    "to",
    "in",
    "our",
    "method",
    "reduces",
    "latency",
    "while",
    "preserving",
    "accuracy",
    "across",
    "benchmarks",
    "experiments",
    "show",
    "significant",
    "improvements",
    "over",
    "state-of-the-art",
    "baselines",
    "distributed",
    "optimization",
    "algorithms",
    "heterogeneous",
    "clusters",
    "throughput",
    "mixed-precision",
    "arithmetic",
    "kernels",
    "scheduling",
    "pipelines",
    "communication",
    "overhead",
    "convergence",
    "theoretical",
    "analysis",
    "practical",
    "deployment",
    "embedded",
    "systems",
    "neuromorphic",
    "substrates",
    "analog",
    "in-memory",
    "computing",
    "transformers",
    "convolutional",
    "recurrent",
    "models",
    "data",
    "sets",
    "evaluation",
];

/// A small deterministic generator, so the same N gives the same event.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn sentence(&mut self) -> String {
        let len = 8 + self.next(18);
        let mut words: Vec<String> = (0..len)
            .map(|_| {
                let list = if self.next(10) < 4 {
                    FUNCTION_WORDS
                } else {
                    WORDS
                };
                list[self.next(list.len())].to_string()
            })
            .collect();
        let mut first = words[0].chars();
        if let Some(c) = first.next() {
            words[0] = c.to_uppercase().chain(first).collect();
        }
        format!("{}.", words.join(" "))
    }

    fn text(&mut self, sentences: usize) -> String {
        (0..sentences)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes an event of `n` speakers into `dir`, photos copied from `photos`.
pub fn generate(n: usize, dir: &Path, photos: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("data"))?;
    std::fs::create_dir_all(dir.join("speakers_pictures"))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(photos)?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for p in &files {
        if let Some(name) = p.file_name() {
            std::fs::copy(p, dir.join("speakers_pictures").join(name))?;
        }
    }
    std::fs::write(
        dir.join("data/event.yaml"),
        format!(
            "name: Generated Symposium on Efficient Computing\nshort_name: GSEC\ndate: 2026-06-15\nvenue: Hall B\ncity: Genève\norganisers: [Benchmark Committee]\nlanguage: en-US\n# {n} speakers\n"
        ),
    )?;
    let mut rng = Lcg(42);
    let mut out = String::new();
    for i in 0..n {
        let name = format!(
            "{} {}",
            GIVEN[rng.next(GIVEN.len())],
            FAMILY[rng.next(FAMILY.len())]
        );
        let abstract_len = 3 + rng.next(8);
        let bio_len = 2 + rng.next(5);
        let _ = writeln!(out, "- name: {}", quote(&name));
        let _ = writeln!(out, "  id: speaker-{i:04}");
        let _ = writeln!(
            out,
            "  affiliation: {}",
            quote(AFFILIATIONS[rng.next(AFFILIATIONS.len())])
        );
        if !files.is_empty() {
            let photo = files[i % files.len()]
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let _ = writeln!(out, "  photo: {photo}");
        }
        let _ = writeln!(
            out,
            "  title: {}",
            quote(rng.sentence().trim_end_matches('.'))
        );
        // A day of 20-minute talks from 09:00, repeated on following days.
        let minutes = 9 * 60 + (i % 27) * 20;
        let _ = writeln!(out, "  start: \"{:02}:{:02}\"", minutes / 60, minutes % 60);
        let _ = writeln!(
            out,
            "  end: \"{:02}:{:02}\"",
            (minutes + 20) / 60,
            (minutes + 20) % 60
        );
        let _ = writeln!(out, "  abstract: {}", quote(&rng.text(abstract_len)));
        let _ = writeln!(out, "  bio: {}", quote(&rng.text(bio_len)));
    }
    std::fs::write(dir.join("data/speakers.yaml"), out)
}

/// The sessions of a generated day, after the morning keynote: their start
/// in minutes; each holds four 20-minute talks.
pub const SESSION_STARTS: [u16; 5] = [
    9 * 60 + 30,
    11 * 60 + 10,
    13 * 60 + 30,
    15 * 60 + 10,
    16 * 60 + 40,
];

/// Writes `data/programme.yaml` for a generated event: `days` days of
/// `rooms` rooms, each day a plenary keynote, then five sessions of four
/// 20-minute talks per room with coffee and lunch across all rooms: 20 talks
/// per room and day. Talk `i` is given by speaker `i` (every third with a
/// second speaker half the event away, never at the same time); each
/// session is chaired by its first talk's speaker. Titles start with
/// `T0001`, the talk's number, so tests can find them.
pub fn generate_programme(n: usize, days: usize, rooms: usize, dir: &Path) -> std::io::Result<()> {
    let mut rng = Lcg(7);
    let talks = days * rooms * 20;
    assert!(
        n >= talks.max(2),
        "a programme of {talks} talks needs as many speakers"
    );
    let id = |k: usize| format!("speaker-{:04}", k % n);
    let mut out = String::from("rooms:\n");
    for r in 0..rooms {
        let _ = writeln!(
            out,
            "  - {{ id: r{r}, name: \"Room {}\" }}",
            (b'A' + r as u8) as char
        );
    }
    out.push_str("days:\n");
    let hhmm = |m: u16| format!("\"{:02}:{:02}\"", m / 60, m % 60);
    let mut number = 0;
    for d in 0..days {
        let _ = writeln!(
            out,
            "  - date: 2026-06-{:02}\n    label: Day {}\n    entries:",
            15 + d,
            d + 1
        );
        let _ = writeln!(
            out,
            "      - {{ title: \"Keynote {}: {}\", speakers: [{}], start: \"08:30\", end: \"09:30\", type: keynote }}",
            d + 1,
            rng.sentence().trim_end_matches('.'),
            id(n - 1 - d)
        );
        for (title, s, e) in [
            ("Coffee", 650, 670),
            ("Lunch", 750, 810),
            ("Coffee", 890, 910),
        ] {
            let _ = writeln!(
                out,
                "      - {{ title: {title}, start: {}, end: {} }}",
                hhmm(s),
                hhmm(e)
            );
        }
        for (s, &start) in SESSION_STARTS.iter().enumerate() {
            for r in 0..rooms {
                let first = ((d * 5 + s) * 4) * rooms + r;
                let _ = writeln!(
                    out,
                    "      - session: \"Session {}.{}{}\"\n        room: r{r}\n        chairs: [{}]\n        start: {}\n        end: {}\n        talks:",
                    d + 1,
                    s + 1,
                    (b'A' + r as u8) as char,
                    id(first),
                    hhmm(start),
                    hhmm(start + 80)
                );
                for k in 0..4 {
                    let i = ((d * 5 + s) * 4 + k) * rooms + r;
                    let sentences = 2 + rng.next(4);
                    number += 1;
                    let mut people = vec![id(i)];
                    if i.is_multiple_of(3) {
                        people.push(id(i + talks / 2));
                    }
                    let _ = writeln!(
                        out,
                        "          - title: \"T{number:04} {}\"\n            speakers: [{}]\n            start: {}\n            duration: 20\n            abstract: {}",
                        rng.sentence().trim_end_matches('.'),
                        people.join(", "),
                        hhmm(start + 20 * k as u16),
                        quote(&rng.text(sentences))
                    );
                }
            }
        }
    }
    std::fs::write(dir.join("data/programme.yaml"), out)
}
