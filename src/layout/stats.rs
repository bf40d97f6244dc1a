//! Typesetting statistics, gathered as lines are placed: what
//! `booklet build --report` prints.

use crate::text::TextLine;

/// Counts over every line of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    /// Lines set.
    pub lines: usize,
    /// Of them, lines stretched or shrunk to the measure.
    pub justified: usize,
    /// Inter-word spaces of justified lines, in em of the font size: a
    /// large booklet has millions, so in single precision (the report
    /// gives hundredths).
    pub spaces: Vec<f32>,
    /// Lines ending with an added hyphen.
    pub hyphenated: usize,
    /// Most hyphenated lines in a row (typographers allow two).
    pub longest_hyphen_run: usize,
    /// Lines wider than the measure.
    pub overfull: usize,
    /// A paragraph's last line alone at the top of a page.
    pub widows: usize,
    /// A paragraph's first line alone at the bottom of a page.
    pub orphans: usize,
    run: usize,
}

impl Stats {
    /// Counts a paragraph's lines (in order).
    pub fn paragraph(&mut self, lines: &[TextLine]) {
        for line in lines {
            self.lines += 1;
            if line.justified {
                self.justified += 1;
                let size = line.size.0;
                (self.spaces).extend(line.spaces.iter().map(|s| (s.0 / size) as f32));
            }
            if line.overfull {
                self.overfull += 1;
            }
            if line.ends_with_hyphen {
                self.hyphenated += 1;
                self.run += 1;
                self.longest_hyphen_run = self.longest_hyphen_run.max(self.run);
            } else {
                self.run = 0;
            }
        }
        self.run = 0;
    }

    /// The counts of a finished document, holding no more room than they
    /// take.
    pub fn finished(mut self) -> Stats {
        self.spaces.shrink_to_fit();
        self
    }

    /// The `q`-quantile (0..1) of the spaces, in em.
    pub fn space_quantile(&self, q: f64) -> f64 {
        if self.spaces.is_empty() {
            return 0.0;
        }
        let mut s = self.spaces.clone();
        s.sort_by(f32::total_cmp);
        let k = ((s.len() - 1) as f64 * q).round() as usize;
        f64::from(s[k])
    }

    /// The widest space set, in ems.
    pub fn largest_space(&self) -> f64 {
        f64::from(self.spaces.iter().copied().fold(0.0, f32::max))
    }

    /// Share of lines ending with a hyphen.
    pub fn hyphenated_share(&self) -> f64 {
        if self.lines == 0 {
            0.0
        } else {
            self.hyphenated as f64 / self.lines as f64
        }
    }

    /// One line per figure, for the build summary.
    pub fn render(&self, name: &str) -> String {
        format!(
            "{name}: {} lines, {} justified; spaces median {:.2} em, 95th percentile {:.2} em, largest {:.2} em; \
             {:.1} % of lines hyphenated, longest run {}; {} overfull, {} widows, {} orphans",
            self.lines,
            self.justified,
            self.space_quantile(0.5),
            self.space_quantile(0.95),
            self.largest_space(),
            100.0 * self.hyphenated_share(),
            self.longest_hyphen_run,
            self.overfull,
            self.widows,
            self.orphans
        )
    }
}
