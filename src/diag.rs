//! Diagnostics as data.
//!
//! Every stage reports problems by pushing [`Diagnostic`]s instead of
//! returning at the first one, so a single run tells the organiser about
//! every broken speaker at once. Printing is the binary's job.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a problem stops the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot produce correct output.
    Error,
    /// The output is produced, but a human must look before printing.
    Warning,
}

/// One problem, with enough context to find and fix it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Errors stop the build; warnings are listed and printing goes on.
    pub severity: Severity,
    /// Lowercase, without a trailing full stop: "unknown field `afiliation`".
    pub message: String,
    /// The file the problem is in, relative to the event folder.
    pub file: Option<PathBuf>,
    /// 1-based line and column in `file`.
    pub line: Option<usize>,
    /// Column of `line`, 1-based.
    pub col: Option<usize>,
    /// The speaker's id, when the problem belongs to one speaker.
    pub speaker: Option<String>,
    /// The field of the speaker or layout the problem is about.
    pub field: Option<String>,
    /// What to do about it; shown under the message.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// A problem that stops the build.
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, message)
    }

    /// A problem a human should fix before printing; the build goes on.
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            file: None,
            line: None,
            col: None,
            speaker: None,
            field: None,
            hints: Vec::new(),
        }
    }

    /// Names the file the problem is in.
    pub fn in_file(mut self, file: &Path) -> Diagnostic {
        self.file = Some(file.to_path_buf());
        self
    }

    /// Places the problem at a line and column (1-based).
    pub fn at(mut self, line: usize, col: usize) -> Diagnostic {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    /// Names the speaker, so warnings can be grouped by person.
    pub fn speaker(mut self, id: impl Into<String>) -> Diagnostic {
        self.speaker = Some(id.into());
        self
    }

    /// Names the field (a dotted path such as `styles.body.size`).
    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    /// Adds a hint on what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hints.push(hint.into());
        self
    }

    /// Whether this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the problem is, as `file:line:col (speaker `x`, field `y`)`.
    pub fn location(&self) -> String {
        let mut out = String::new();
        if let Some(file) = &self.file {
            out.push_str(&file.display().to_string());
            if let Some(line) = self.line {
                out.push_str(&format!(":{line}"));
                if let Some(col) = self.col {
                    out.push_str(&format!(":{col}"));
                }
            }
        }
        let mut what = Vec::new();
        if let Some(s) = &self.speaker {
            what.push(format!("speaker `{s}`"));
        }
        if let Some(f) = &self.field {
            what.push(format!("field `{f}`"));
        }
        if !what.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&format!("({})", what.join(", ")));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)?;
        let location = self.location();
        if !location.is_empty() {
            write!(f, "\n  --> {location}")?;
        }
        for hint in &self.hints {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// A growing list of diagnostics, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Diagnostics {
        Diagnostics(Vec::new())
    }

    /// Adds a problem at the end.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all of another list's problems, in their order.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// The problems that stop the build.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// The problems that do not stop the build.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Turns every warning into an error (`--deny-warnings`).
    pub fn deny_warnings(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
    }

    /// Warnings grouped by speaker, in first-seen order; document-wide ones
    /// come under `None`. Organisers fix photos speaker by speaker, so that is
    /// how the summary lists them.
    pub fn warnings_by_speaker(&self) -> Vec<(Option<String>, Vec<&Diagnostic>)> {
        let mut groups: Vec<(Option<String>, Vec<&Diagnostic>)> = Vec::new();
        for d in self.warnings() {
            match groups.iter_mut().find(|(s, _)| *s == d.speaker) {
                Some((_, list)) => list.push(d),
                None => groups.push((d.speaker.clone(), vec![d])),
            }
        }
        groups
    }

    /// Keeps the first of equal diagnostics: the same warning from the
    /// booklet and the badge (a blurred photo) is listed once.
    pub fn dedup(&mut self) {
        let mut seen: Vec<Diagnostic> = Vec::with_capacity(self.0.len());
        for d in std::mem::take(&mut self.0) {
            if !seen.contains(&d) {
                seen.push(d);
            }
        }
        self.0 = seen;
    }

    /// The problems as a plain list.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// Ends a stage that collected its problems here: `Ok(value)`, its
    /// warnings moved to `warnings`, when no error was found; otherwise
    /// `Err` with every problem, in the order found.
    pub fn conclude<T>(
        mut self,
        value: Option<T>,
        warnings: &mut Diagnostics,
    ) -> Result<T, Diagnostics> {
        match value {
            Some(v) if !self.has_errors() => {
                warnings.extend(self);
                Ok(v)
            }
            _ => {
                if !self.has_errors() {
                    // A stage that gives nothing has said why; if not, say so.
                    self.push(Diagnostic::error(
                        "the build stopped without a reason (a bug: please report it)",
                    ));
                }
                Err(self)
            }
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, d) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The closest candidate to a misspelt `word`, if it is close enough to be a
/// plausible typo ("did you mean …?").
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["affiliation", "abstract", "bio", "name"];
        assert_eq!(did_you_mean("afiliation", &keys), Some("affiliation"));
        assert_eq!(did_you_mean("nmae", &keys), Some("name"));
        assert_eq!(did_you_mean("zzzzzzzz", &keys), None);
    }

    #[test]
    fn display_names_place_and_hint() {
        let d = Diagnostic::error("unknown field `afiliation`")
            .in_file(Path::new("data/speakers.yaml"))
            .at(3, 3)
            .speaker("jian-tang")
            .hint("did you mean `affiliation`?");
        let text = d.to_string();
        assert!(text.starts_with("error: unknown field `afiliation`"));
        assert!(text.contains("data/speakers.yaml:3:3 (speaker `jian-tang`)"));
        assert!(text.contains("hint: did you mean `affiliation`?"));
    }

    #[test]
    fn groups_warnings_by_speaker_in_order() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::warning("a").speaker("x"));
        ds.push(Diagnostic::warning("b").speaker("y"));
        ds.push(Diagnostic::warning("c").speaker("x"));
        ds.push(Diagnostic::error("d").speaker("x"));
        let groups = ds.warnings_by_speaker();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].1.len(), 2);
        assert_eq!(groups[1].0.as_deref(), Some("y"));
    }
}
