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
