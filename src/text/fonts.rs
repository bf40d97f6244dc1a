//! Font faces, loaded only from the project's `fonts/` or the built-in
//! copies of those files — never from the system, so a booklet sets the same
//! on every machine.

use crate::diag::{Diagnostic, Diagnostics};
use crate::files::Files;
use crate::model::{Family, FontFile, TextStyle};
use harfrust::Font;
use read_fonts::types::NameId;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Index of a face in its [`FontBook`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FaceId(pub u16);

/// A font file's bytes.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One font file, parsed.
pub struct Face {
    /// As named in the layout, for messages.
    pub file: PathBuf,
    /// The PostScript name, which the PDF uses as the font's name.
    pub postscript_name: String,
    /// The file's bytes (the subsetter reads them): shared, and for a
    /// built-in font the binary's own, never copied.
    pub data: FontData,
    /// The parsed font, for metrics and outlines.
    pub font: Font,
    /// Design units per em: glyph metrics are in these.
    pub units_per_em: u16,
    /// In em.
    pub ascender: f64,
    /// Depth below the baseline, in ems (negative).
    pub descender: f64,
    /// Height of capitals, in ems: centres text in line boxes.
    pub cap_height: f64,
    /// Slant in degrees, for the PDF font descriptor.
    pub italic_angle: f64,
    /// Whether the face is bold, for the PDF font descriptor.
    pub bold: bool,
    /// HarfRust's shaping plans for this face, one per direction, script
    /// and language: making one for every run was a tenth of layout.
    pub plans: super::shape::Plans,
    /// Which ASCII characters the face has (see [`Face::covers`]).
    ascii: [bool; 128],
}

impl Face {
    fn parse(file: &Path, data: FontData) -> Option<Face> {
        // The parsed font shares the bytes rather than copying them (the
        // CJK fallback alone is 3.4 MB).
        let font = Font::new(data.clone(), 0)?;
        let metrics = font.metrics();
        let upem = f64::from(metrics.units_per_em.max(1));
        let em = |v: f64| v / upem;
        let (ascender, descender) = metrics
            .typo_line
            .filter(|_| metrics.use_typo_metrics)
            .or(metrics.hhea_line)
            .map(|l| (l.ascender.to_f64(), l.descender.to_f64()))
            .unwrap_or((0.8 * upem, -0.2 * upem));
        let cap_height = metrics.cap_height.map(|c| c.to_f64()).unwrap_or(0.7 * upem);
        let postscript_name = font
            .names()
            .get(NameId::POSTSCRIPT_NAME)
            .and_then(|n| n.english_or_first())
            .map(|l| l.name().chars().collect::<String>())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| {
                file.file_stem()
                    .map(|s| s.to_string_lossy().replace(' ', "-"))
                    .unwrap_or_else(|| "Font".into())
            });
        let units_per_em = metrics.units_per_em;
        let charmap = font.charmap();
        let ascii = std::array::from_fn(|c| charmap.map_unicode(c as u8 as char).is_some());
        let lower = postscript_name.to_ascii_lowercase();
        Some(Face {
            file: file.to_path_buf(),
            postscript_name,
            units_per_em,
            ascender: em(ascender),
            descender: em(descender),
            cap_height: em(cap_height),
            italic_angle: if lower.contains("it")
                && (lower.ends_with("it") || lower.contains("italic"))
            {
                -12.0
            } else {
                0.0
            },
            bold: lower.contains("bold") || lower.contains("black"),
            data,
            font,
            plans: Default::default(),
            ascii,
        })
    }

    /// Whether the face has a glyph for `c`: asked of every character set,
    /// so ASCII is answered from a table made once.
    pub fn covers(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(&has) => has,
            None => self.font.charmap().map_unicode(c).is_some(),
        }
    }
}

/// All faces a build uses, loaded once.
#[derive(Default)]
pub struct FontBook {
    faces: Vec<Face>,
    by_file: BTreeMap<PathBuf, FaceId>,
}

impl FontBook {
    /// Loads every file of every family, reporting files that are not fonts.
    pub fn load<'a>(
        files: &Files,
        families: impl IntoIterator<Item = &'a Family>,
        diags: &mut Diagnostics,
    ) -> FontBook {
        let mut book = FontBook::default();
        for family in families {
            for file in [
                &family.regular,
                &family.italic,
                &family.bold,
                &family.bold_italic,
            ] {
                book.add(files, file, diags);
            }
        }
        book
    }

    fn add(&mut self, files: &Files, file: &FontFile, diags: &mut Diagnostics) {
        if self.by_file.contains_key(&file.path) {
            return;
        }
        let face = match files.read(&file.path) {
            Ok((bytes, _)) => {
                let data: FontData = match bytes {
                    std::borrow::Cow::Borrowed(b) => Arc::new(b),
                    std::borrow::Cow::Owned(v) => Arc::new(v),
                };
                Face::parse(&file.path, data)
            }
            Err(e) => {
                diags.push(
                    Diagnostic::error(format!("cannot read font file ({e})"))
                        .in_file(&file.path)
                        .hint("fonts are read from the project's `fonts/` folder"),
                );
                return;
            }
        };
        match face {
            Some(face) if u16::try_from(self.faces.len()).is_ok() => {
                let id = FaceId(self.faces.len() as u16);
                self.faces.push(face);
                self.by_file.insert(file.path.clone(), id);
            }
            _ => diags.push(
                Diagnostic::error("the file is not a font we can read")
                    .in_file(&file.path)
                    .hint("use a static TrueType (.ttf) or OpenType (.otf) file"),
            ),
        }
    }

    /// The face of an id the book handed out.
    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[usize::from(id.0)]
    }

    /// The face a style asks for, `bold` and `italic` added to its own.
    ///
    /// Panics only if the style's family was not loaded into this book,
    /// which building the book from the layouts' families guarantees.
    pub fn resolve(&self, style: &TextStyle, bold: bool, italic: bool) -> FaceId {
        let family = &style.family;
        let file = match (style.bold || bold, style.italic ^ italic) {
            (false, false) => &family.regular,
            (false, true) => &family.italic,
            (true, false) => &family.bold,
            (true, true) => &family.bold_italic,
        };
        self.by_file[&file.path]
    }
}

/// A font book's files, face for face, path and bytes: a later build whose
/// book has equal files sets text as this one did, with the same face
/// numbers (what `booklet watch` keeps between builds depends on it).
#[derive(Default)]
pub struct FontFiles(Vec<(PathBuf, FontData)>);

impl FontFiles {
    /// The files of `book`'s faces, in the order of their ids.
    pub fn of(book: &FontBook) -> FontFiles {
        FontFiles(
            (book.faces.iter())
                .map(|face| (face.file.clone(), face.data.clone()))
                .collect(),
        )
    }
}

impl PartialEq for FontFiles {
    fn eq(&self, other: &FontFiles) -> bool {
        fn bytes(d: &FontData) -> &[u8] {
            (**d).as_ref()
        }
        self.0.len() == other.0.len()
            && (self.0.iter().zip(&other.0)).all(|((p, a), (q, b))| p == q && bytes(a) == bytes(b))
    }
}

impl std::fmt::Debug for FontFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(p, _)| p))
            .finish()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Source Sans 3 from the repository's fonts, and the book of its four faces.
    pub(crate) fn sans() -> (crate::model::Family, FontBook) {
        family("SourceSans3")
    }

    /// The family `fonts/STEM-{Regular,It,Bold,BoldIt}.ttf` of the
    /// repository, and the book of its four faces.
    pub(crate) fn family(stem: &str) -> (crate::model::Family, FontBook) {
        let file = |f: &str| crate::model::FontFile {
            path: std::path::PathBuf::from(format!("fonts/{stem}-{f}.ttf")),
        };
        let family = crate::model::Family {
            regular: file("Regular"),
            italic: file("It"),
            bold: file("Bold"),
            bold_italic: file("BoldIt"),
        };
        let mut diags = crate::diag::Diagnostics::new();
        let book = FontBook::load(&Files::new(Path::new(".")), [&family], &mut diags);
        (family, book)
    }

    pub(crate) fn serif() -> Face {
        let path = Path::new("fonts/SourceSerif4-Regular.ttf");
        let (bytes, _) = Files::new(Path::new(".")).read(path).unwrap();
        Face::parse(path, Arc::new(bytes.into_owned())).unwrap()
    }

    /// Two loads of the same files are the same fonts; other files are not.
    #[test]
    fn font_files_compare_by_path_and_bytes() {
        let (sans, other_sans) = (family("SourceSans3").1, family("SourceSans3").1);
        let serif = family("SourceSerif4").1;
        assert_eq!(FontFiles::of(&sans), FontFiles::of(&other_sans));
        assert_ne!(FontFiles::of(&sans), FontFiles::of(&serif));
        assert_ne!(FontFiles::of(&sans), FontFiles::default());
    }

    #[test]
    fn reads_names_and_metrics() {
        let face = serif();
        assert_eq!(face.postscript_name, "SourceSerif4-Regular");
        assert!(
            face.ascender > 0.6 && face.ascender < 1.2,
            "{}",
            face.ascender
        );
        assert!(face.descender < 0.0);
        assert!(face.cap_height > 0.5 && face.cap_height < 0.8);
        assert!(face.covers('é') && face.covers('Ж') && !face.covers('漢'));
    }
}
