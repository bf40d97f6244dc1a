//! YAML with positions.
//!
//! serde_yaml reports line and column for syntax errors but forgets where a
//! value came from once it is parsed. We parse to a `Value`, then find keys
//! again in the text (block-style YAML, which is what people write by hand),
//! so every field error can name its line and column, and we can check each
//! field ourselves and report all problems instead of serde's first.

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use serde_yaml::{Mapping, Value};
use std::path::{Path, PathBuf};

/// A YAML file's text and the name to show for it.
pub struct Source {
    /// As shown to the user, e.g. `data/speakers.yaml`.
    pub path: PathBuf,
    lines: Vec<String>,
}

/// A range of lines (0-based, end exclusive) that holds one mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// First line, 0-based.
    pub start: usize,
    /// Line after the last, 0-based.
    pub end: usize,
}

impl Source {
    /// A file's text, split into lines for locating keys.
    pub fn new(path: &Path, text: &str) -> Source {
        Source {
            path: path.to_path_buf(),
            lines: text.lines().map(str::to_owned).collect(),
        }
    }

    /// The block of the whole file.
    pub fn whole(&self) -> Block {
        Block {
            start: 0,
            end: self.lines.len(),
        }
    }

    /// Parses the text, or explains the syntax error with its position.
    pub fn parse(&self, text: &str) -> Result<Value, Diagnostic> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if let Some(value) = in_parts(text, cores, PARTS_FROM) {
            return Ok(value);
        }
        serde_yaml::from_str::<Value>(text).map_err(|e| {
            let mut d = Diagnostic::error(format!("invalid YAML: {}", yaml_message(&e)))
                .in_file(&self.path)
                .hint("check the indentation and quoting near this line; text containing `: ` or starting with `*`, `[` or `{` needs quotes");
            if let Some(loc) = e.location() {
                d = d.at(loc.line(), loc.column());
            }
            // serde_yaml points duplicate keys at their mapping; point at the
            // second occurrence of the key instead.
            if let Some(key) = yaml_message(&e)
                .strip_prefix("duplicate entry with key \"")
                .and_then(|k| k.strip_suffix('"'))
            {
                let from = d.line.unwrap_or(1).saturating_sub(1);
                let hits: Vec<(usize, usize)> = (from..self.lines.len())
                    .filter_map(|i| {
                        let l = &self.lines[i];
                        let t = l.trim_start().trim_start_matches("- ");
                        t.starts_with(&format!("{key}:")).then(|| (i + 1, l.len() - t.len() + 1))
                    })
                    .collect();
                if let Some(&(line, col)) = hits.get(1) {
                    d = d.at(line, col).hint(format!("`{key}` appears twice; keep one"));
                }
            }
            d
        })
    }

    /// The blocks of the items of a top-level (block-style) sequence.
    pub fn sequence_items(&self, block: Block) -> Vec<Block> {
        let starts: Vec<usize> = (block.start..block.end)
            .filter(|&i| {
                let l = &self.lines[i];
                l.starts_with("- ") || l == "-"
            })
            .collect();
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| Block {
                start: s,
                end: starts.get(k + 1).copied().unwrap_or(block.end),
            })
            .collect()
    }

    /// The blocks of the items of a block-style sequence inside `block`: the
    /// lines starting with `- ` at the least indentation found there.
    pub fn nested_items(&self, block: Block) -> Vec<Block> {
        let end = block.end.min(self.lines.len());
        let dash = |i: usize| {
            let l = &self.lines[i];
            let t = l.trim_start();
            (t.starts_with("- ") || t == "-").then(|| l.len() - t.len())
        };
        // The first line may be the key itself (`talks:`), or an item's
        // first line (`- talks:`); items start below it.
        let first = block.start + 1;
        let Some(indent) = (first..end).filter_map(dash).min() else {
            return Vec::new();
        };
        let starts: Vec<usize> = (first..end).filter(|&i| dash(i) == Some(indent)).collect();
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| Block {
                start: s,
                end: starts.get(k + 1).copied().unwrap_or(end),
            })
            .collect()
    }

    /// Where `key` is written inside `block` (1-based line and column), and
    /// the block of lines its value spans. The least indented match wins, so
    /// a key of a nested mapping is not mistaken for one of the outer.
    pub fn find_key(&self, block: Block, key: &str) -> Option<(usize, usize, Block)> {
        let mut best: Option<(usize, usize)> = None;
        for i in block.start..block.end.min(self.lines.len()) {
            let line = &self.lines[i];
            let mut col = line.len() - line.trim_start().len();
            let mut rest = &line[col..];
            while let Some(r) = rest.strip_prefix("- ") {
                col += 2 + (r.len() - r.trim_start().len());
                rest = r.trim_start();
            }
            let unquoted = rest
                .strip_prefix('"')
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix('"'))
                .or_else(|| rest.strip_prefix(key));
            if let Some(after) = unquoted
                && (after.starts_with(':'))
                && best.is_none_or(|(_, c)| col < c)
            {
                best = Some((i, col));
            }
        }
        let (line, col) = best?;
        // The value runs to the next line indented no deeper than the key,
        // except a list written at the key's own indentation, which YAML
        // counts as its value.
        let end = (line + 1..block.end.min(self.lines.len()))
            .find(|&i| {
                let l = &self.lines[i];
                let t = l.trim_start();
                let indent = l.len() - t.len();
                let item = t.starts_with("- ") || t == "-";
                !t.is_empty() && !t.starts_with('#') && (indent < col || indent == col && !item)
            })
            .unwrap_or(block.end);
        Some((line + 1, col + 1, Block { start: line, end }))
    }
}

/// serde_yaml's message without its trailing " at line X column Y", which
/// we print in our own location format.
/// Files from this size up are parsed in parts ([`in_parts`]).
const PARTS_FROM: usize = 256 * 1024;

/// A top-level block sequence (the speakers of a large event: 1.5 MB for
/// 1000 speakers, parsed in 20 ms on one core while the other waited) cut
/// into a part a core at lines where an item starts, the parts parsed at
/// once and their items joined; `None` if `text` is smaller than `from`,
/// is not such a sequence (directives, document markers, anything but
/// comments before the first item) or a part does not parse (an alias of
/// an anchor in another part, a quoted text running over a cut): then the
/// whole is parsed as one, and its value or error is what the caller
/// gets. A part that parses holds whole items only, so the items are
/// those of one parse.
fn in_parts(text: &str, cores: usize, from: usize) -> Option<Value> {
    if cores < 2 || text.len() < from {
        return None;
    }
    // Where the lines starting an item begin.
    let mut items = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if l.starts_with("---") || l.starts_with("...") || l.starts_with('%') {
            return None;
        }
        if l.starts_with("- ") || l == "-" {
            items.push(at);
        } else if items.is_empty() && !l.trim_start().is_empty() && !l.trim_start().starts_with('#')
        {
            return None;
        }
        at += line.len();
    }
    let mut cuts = vec![0];
    for k in 1..cores {
        let i = items.partition_point(|&at| at < k * text.len() / cores);
        match items.get(i) {
            Some(&at) if at > *cuts.last()? => cuts.push(at),
            _ => {}
        }
    }
    cuts.push(text.len());
    let items_of = |part: &str| match serde_yaml::from_str::<Value>(part).ok()? {
        Value::Sequence(items) => Some(items),
        _ => None,
    };
    let parts: Vec<&str> = cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    let parsed: Vec<Option<Vec<Value>>> = std::thread::scope(|scope| {
        let others: Vec<_> = (parts[1..].iter())
            .map(|&part| scope.spawn(move || items_of(part)))
            .collect();
        let mut parsed = vec![items_of(parts[0])];
        parsed.extend(others.into_iter().map(|h| h.join().ok().flatten()));
        parsed
    });
    let mut all = Vec::new();
    for items in parsed {
        all.extend(items?);
    }
    Some(Value::Sequence(all))
}

fn yaml_message(e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Describes a YAML value's kind for "expected X, found Y" messages.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Reads the fields of one mapping, checking each and reporting every
/// problem with its position. Call [`Fields::finish`] last to report keys
/// that were never asked for.
pub struct Fields<'a> {
    src: &'a Source,
    block: Block,
    map: &'a Mapping,
    /// Dotted path of this mapping inside the file (`styles.body`), or empty.
    prefix: String,
    speaker: Option<String>,
    /// Where problems go.
    pub diags: &'a mut Diagnostics,
    asked: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// The fields of `map`, which stands in `block` of `src`.
    pub fn new(
        src: &'a Source,
        block: Block,
        map: &'a Mapping,
        diags: &'a mut Diagnostics,
    ) -> Fields<'a> {
        Fields {
            src,
            block,
            map,
            prefix: String::new(),
            speaker: None,
            diags,
            asked: Vec::new(),
        }
    }

    /// Tags every diagnostic from now on with the speaker's id.
    pub fn for_speaker(&mut self, id: &str) {
        self.speaker = Some(id.to_string());
    }

    fn path_of(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    /// A diagnostic placed at `key` (or at the start of the mapping when the
    /// key is absent).
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, col) = match self.src.find_key(self.block, key) {
            Some((l, c, _)) => (l, c),
            None => (self.block.start + 1, 1),
        };
        let mut d = Diagnostic::error(message)
            .in_file(&self.src.path)
            .at(line, col)
            .field(self.path_of(key));
        if let Some(s) = &self.speaker {
            d = d.speaker(s.clone());
        }
        d
    }

    /// A warning placed at `key`, like [`Fields::error_at`].
    pub fn warning_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let mut d = self.error_at(key, message);
        d.severity = crate::diag::Severity::Warning;
        d
    }

    /// Adds a problem found while reading.
    pub fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports a required field that is absent, with a hint on what to give.
    pub fn missing(&mut self, key: &str, hint: impl Into<String>) {
        let d = self.error_at(key, format!("missing required field `{key}`"));
        self.report(d.hint(hint));
    }

    /// Whether `key` holds text (rather than a mapping or list).
    pub fn is_text(&self, key: &str) -> bool {
        matches!(self.map.get(key), Some(Value::String(_)))
    }

    /// Whether the mapping has `key` at all (even with no value).
    pub fn has_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.src.path
    }

    /// The text at `key`, if it is text, without reading it (for a field
    /// whose kind depends on its value, such as `rooms: all`).
    pub fn map_text(&self, key: &str) -> Option<String> {
        self.map
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// Whether `key` is present with a value.
    pub fn has(&self, key: &str) -> bool {
        self.map.get(key).is_some_and(|v| !v.is_null())
    }

    fn raw(&mut self, key: &'static str) -> Option<&'a Value> {
        self.asked.push(key);
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Text; numbers are taken as their digits (`short_name: 2025`).
    pub fn text(&mut self, key: &'static str) -> Option<String> {
        let v = self.raw(key)?;
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            other => {
                let d = self
                    .error_at(key, format!("`{key}` must be text, found {}", kind(other)))
                    .hint(
                        "put the value on the same line as the key, in quotes if it contains `: `",
                    );
                self.report(d);
                None
            }
        }
    }

    /// Text that must be present and not blank.
    pub fn required_text(&mut self, key: &'static str) -> Option<String> {
        let present = self.map.get(key).is_some_and(|v| !v.is_null());
        let value = self.text(key);
        match value {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                let d = self.error_at(key, format!("`{key}` is empty"));
                self.report(d.hint(format!("`{key}` is required")));
                None
            }
            None if !present => {
                self.missing(key, format!("add `{key}: …` to this entry"));
                None
            }
            None => None,
        }
    }

    /// A list of text, or a single text taken as a one-item list.
    pub fn text_list(&mut self, key: &'static str) -> Vec<String> {
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        other => {
                            let d = self.error_at(
                                key,
                                format!(
                                    "`{key}` must be a list of text, found {} in it",
                                    kind(other)
                                ),
                            );
                            self.report(d);
                        }
                    }
                }
                out
            }
            other => {
                let d = self.error_at(
                    key,
                    format!("`{key}` must be a list of text, found {}", kind(other)),
                );
                self.report(d);
                Vec::new()
            }
        }
    }

    /// A list of numbers (`[0.5, 0.3]`).
    pub fn numbers(&mut self, key: &'static str) -> Option<Vec<f64>> {
        let v = self.raw(key)?;
        let nums = v.as_sequence().and_then(|items| {
            items
                .iter()
                .map(Value::as_f64)
                .collect::<Option<Vec<f64>>>()
        });
        if nums.is_none() {
            let d = self.error_at(
                key,
                format!("`{key}` must be a list of numbers, found {}", kind(v)),
            );
            self.report(d.hint(format!("write it as `{key}: [0.5, 0.3]`")));
        }
        nums
    }

    /// Text checked by `parse`, whose error explains the expected form.
    pub fn parsed<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let s = self.text(key)?;
        match parse(&s) {
            Ok(v) => Some(v),
            Err(why) => {
                let d = self.error_at(key, format!("invalid `{key}`: {why}"));
                self.report(d);
                None
            }
        }
    }

    /// One of a [`Keyword`] type's words, with a "did you mean" hint.
    pub fn keyword<T: crate::model::Keyword>(&mut self, key: &'static str) -> Option<T> {
        let s = self.text(key)?;
        if let Some(v) = T::from_word(&s) {
            return Some(v);
        }
        let why = crate::model::keyword::not_one_of::<T>(&s);
        let mut d = self.error_at(key, format!("invalid `{key}`: {why}"));
        if let Some(near) = crate::diag::did_you_mean(&s, &T::names()) {
            d = d.hint(format!("did you mean `{near}`?"));
        }
        self.report(d);
        None
    }

    /// `true` or `false`.
    pub fn bool(&mut self, key: &'static str) -> Option<bool> {
        match self.raw(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                let d = self.error_at(
                    key,
                    format!("`{key}` must be true or false, found {}", kind(other)),
                );
                self.report(d);
                None
            }
        }
    }

    /// A whole number in `range`.
    pub fn count(
        &mut self,
        key: &'static str,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        let v = self.raw(key)?;
        match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let d = self.error_at(
                    key,
                    format!(
                        "`{key}` must be a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                self.report(d);
                None
            }
        }
    }

    /// A nested mapping, read with its own `Fields`.
    pub fn mapping<T>(
        &mut self,
        key: &'static str,
        read: impl FnOnce(&mut Fields<'_>) -> T,
    ) -> Option<T> {
        let v = self.raw(key)?;
        let Value::Mapping(map) = v else {
            let d = self.error_at(key, format!("`{key}` must be a mapping, found {}", kind(v)));
            self.report(d.hint("write its fields indented on the lines below it"));
            return None;
        };
        let block = self
            .src
            .find_key(self.block, key)
            .map(|(_, _, b)| b)
            .unwrap_or(self.block);
        let prefix = self.path_of(key);
        let mut inner = Fields {
            src: self.src,
            block,
            map,
            prefix,
            speaker: self.speaker.clone(),
            diags: self.diags,
            asked: Vec::new(),
        };
        let out = read(&mut inner);
        inner.finish();
        Some(out)
    }

    /// Every item of a list of mappings, each read by `read` with its own
    /// position (`key[2].title` in messages).
    pub fn each_item<T>(
        &mut self,
        key: &'static str,
        mut read: impl FnMut(usize, &mut Fields<'_>) -> Option<T>,
    ) -> Vec<T> {
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        let Value::Sequence(items) = v else {
            let d = self.error_at(key, format!("`{key}` must be a list, found {}", kind(v)));
            self.report(d.hint("write each entry on its own line, starting with `- `"));
            return Vec::new();
        };
        let outer = (self.src.find_key(self.block, key))
            .map(|(_, _, b)| b)
            .unwrap_or(self.block);
        let mut blocks = self.src.nested_items(outer);
        if blocks.len() != items.len() {
            blocks = vec![outer; items.len()];
        }
        let mut out = Vec::new();
        for (k, (item, block)) in items.iter().zip(blocks).enumerate() {
            let Value::Mapping(map) = item else {
                let d = Diagnostic::error(format!(
                    "`{}[{k}]` must be a mapping of fields, found {}",
                    self.path_of(key),
                    kind(item)
                ))
                .in_file(&self.src.path)
                .at(block.start + 1, 1)
                .field(format!("{}[{k}]", self.path_of(key)));
                self.report(d);
                continue;
            };
            let mut inner = Fields {
                src: self.src,
                block,
                map,
                prefix: format!("{}[{k}]", self.path_of(key)),
                speaker: self.speaker.clone(),
                diags: self.diags,
                asked: Vec::new(),
            };
            if let Some(t) = read(k, &mut inner) {
                out.push(t);
            }
            inner.finish();
        }
        out
    }

    /// The 1-based line where `key` is written (or the mapping starts).
    pub fn line_of(&self, key: &str) -> usize {
        self.src
            .find_key(self.block, key)
            .map_or(self.block.start + 1, |(l, _, _)| l)
    }

    /// Every key of a mapping whose keys are free-form (font family names).
    pub fn each_entry<T>(
        &mut self,
        key: &'static str,
        mut read: impl FnMut(&str, &mut Fields<'_>) -> Option<T>,
    ) -> Vec<(String, T)> {
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        let Value::Mapping(map) = v else {
            let d = self.error_at(key, format!("`{key}` must be a mapping, found {}", kind(v)));
            self.report(d);
            return Vec::new();
        };
        let outer = self
            .src
            .find_key(self.block, key)
            .map(|(_, _, b)| b)
            .unwrap_or(self.block);
        let mut out = Vec::new();
        for (k, v) in map {
            let Some(name) = k.as_str() else { continue };
            let Value::Mapping(inner_map) = v else {
                let d = self.error_at(
                    key,
                    format!("`{key}.{name}` must be a mapping, found {}", kind(v)),
                );
                self.report(d);
                continue;
            };
            let block = self
                .src
                .find_key(outer, name)
                .map(|(_, _, b)| b)
                .unwrap_or(outer);
            let mut inner = Fields {
                src: self.src,
                block,
                map: inner_map,
                prefix: format!("{}.{name}", self.path_of(key)),
                speaker: self.speaker.clone(),
                diags: self.diags,
                asked: Vec::new(),
            };
            if let Some(t) = read(name, &mut inner) {
                out.push((name.to_string(), t));
            }
            inner.finish();
        }
        out
    }

    /// Reports every key that was never asked for, with a suggestion.
    pub fn finish(&mut self) {
        let asked = std::mem::take(&mut self.asked);
        for key in self.map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => format!("{other:?}"),
            };
            if asked.contains(&name.as_str()) {
                continue;
            }
            let mut d = self.error_at(&name, format!("unknown field `{name}`"));
            d = match did_you_mean(&name, &asked) {
                Some(s) => d.hint(format!("did you mean `{s}`?")),
                None => d.hint(format!("known fields here: {}", asked.join(", "))),
            };
            self.report(d);
        }
        self.asked = asked;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
# comment
- name: Ada
  affiliation: X
  style:
    size: 3pt
- name: Bob
  nmae: typo
";

    #[test]
    fn finds_items_and_keys() {
        let src = Source::new(Path::new("s.yaml"), TEXT);
        let items = src.sequence_items(src.whole());
        assert_eq!(items.len(), 2);
        assert_eq!(
            src.find_key(items[0], "name").map(|(l, c, _)| (l, c)),
            Some((2, 3))
        );
        let (l, c, style) = src.find_key(items[0], "style").unwrap();
        assert_eq!((l, c), (4, 3));
        assert_eq!(
            src.find_key(style, "size").map(|(l, c, _)| (l, c)),
            Some((5, 5))
        );
        assert_eq!(
            src.find_key(items[1], "nmae").map(|(l, c, _)| (l, c)),
            Some((7, 3))
        );
    }

    #[test]
    fn reports_every_problem_of_a_mapping() {
        let src = Source::new(Path::new("s.yaml"), TEXT);
        let value = src.parse(TEXT).unwrap();
        let items = src.sequence_items(src.whole());
        let map = value[1].as_mapping().unwrap();
        let mut diags = Diagnostics::new();
        let mut f = Fields::new(&src, items[1], map, &mut diags);
        f.required_text("name");
        f.required_text("title");
        f.finish();
        let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(all[0].contains("missing required field `title`"));
        assert!(all[1].contains("unknown field `nmae`"));
        assert!(all[1].contains("s.yaml:7:3"));
        assert!(all[1].contains("did you mean `name`?"));
    }

    /// `n` speakers in the forms people write: block and quoted texts
    /// over several lines, comments, an item's first key on the next line.
    fn speakers(n: usize) -> String {
        let mut text = String::from("# the speakers\n\n");
        for k in 0..n {
            match k % 3 {
                0 => text.push_str(&format!(
                    "- name: Speaker {k}\n  bio: >-\n    Line one of {k}\n    and two.\n"
                )),
                1 => text.push_str(&format!(
                    "-\n  name: \"Speaker {k}\"\n  title: \"A title over\n    two lines\"\n# between\n"
                )),
                _ => text.push_str(&format!("- {{name: Speaker {k}, tags: [a, b]}}\n")),
            }
        }
        text
    }

    #[test]
    fn a_large_sequence_parses_in_parts_to_the_same_items() {
        let text = speakers(300);
        let whole: Value = serde_yaml::from_str(&text).unwrap();
        for cores in [2, 3, 8] {
            assert_eq!(in_parts(&text, cores, 0).as_ref(), Some(&whole), "{cores}");
        }
        assert_eq!(whole.as_sequence().map(Vec::len), Some(300));
        // Small files, one core, and what is not a plain sequence: one parse.
        assert_eq!(in_parts(&text, 2, text.len() + 1), None);
        assert_eq!(in_parts(&text, 1, 0), None);
        assert_eq!(in_parts(&format!("---\n{text}"), 2, 0), None);
        assert_eq!(in_parts(&format!("key: 1\n{text}"), 2, 0), None);
    }

    #[test]
    fn what_parts_cannot_parse_is_parsed_whole() {
        // An anchor in the first half and its alias in the second.
        let mut text = String::from("- &who {name: Ada}\n");
        text.push_str(&speakers(200));
        text.push_str("- *who\n");
        assert_eq!(in_parts(&text, 2, 0), None);
        let src = Source::new(Path::new("s.yaml"), &text);
        let value = src.parse(&text).unwrap();
        assert_eq!(value, serde_yaml::from_str::<Value>(&text).unwrap());
        assert_eq!(value[201]["name"], Value::from("Ada"));
        // A quoted text whose lines look like items, over the cut.
        let quoted = format!("{}- title: \"a\n{}\"\n", speakers(10), "- b\n".repeat(200));
        assert_eq!(in_parts(&quoted, 2, 0), None);
        // A syntax error late in the file: its line in the whole file.
        let broken = format!("{}- name: [unclosed\n", speakers(200));
        let src = Source::new(Path::new("s.yaml"), &broken);
        let d = src.parse(&broken).unwrap_err();
        let line = broken.lines().count();
        assert!(d.line.is_some_and(|l| l >= line - 1), "{:?}", d.line);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let text = "name: [unclosed\nother: 1\n";
        let src = Source::new(Path::new("e.yaml"), text);
        let d = src.parse(text).unwrap_err();
        assert!(d.line.is_some());
        assert!(d.message.starts_with("invalid YAML"));
    }
}
