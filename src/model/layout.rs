//! Layouts: page geometry, fonts, type styles and colours, as validated data.

use crate::geom::{Pt, Size};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A colour as the printer should receive it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Colour {
    /// Components 0..1.
    Rgb(f32, f32, f32),
    /// Components 0..1, for print shops that want CMYK.
    Cmyk(f32, f32, f32, f32),
}

impl Colour {
    /// Black.
    pub const BLACK: Colour = Colour::Rgb(0.0, 0.0, 0.0);
    /// White.
    pub const WHITE: Colour = Colour::Rgb(1.0, 1.0, 1.0);

    /// `#rrggbb`, `#rgb` or `cmyk(c, m, y, k)` with components in 0..100.
    pub fn parse(s: &str) -> Option<Colour> {
        let s = s.trim();
        if let Some(hex) = s.strip_prefix('#') {
            let digits: Vec<u8> = hex
                .chars()
                .map(|c| c.to_digit(16).map(|d| d as u8))
                .collect::<Option<_>>()?;
            let (r, g, b) = match digits.as_slice() {
                [r, g, b] => (r * 17, g * 17, b * 17),
                [r1, r2, g1, g2, b1, b2] => (r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2),
                _ => return None,
            };
            let f = |v: u8| f32::from(v) / 255.0;
            return Some(Colour::Rgb(f(r), f(g), f(b)));
        }
        let inner = s.strip_prefix("cmyk(")?.strip_suffix(')')?;
        let parts: Vec<f32> = inner
            .split(',')
            .map(|p| p.trim().trim_end_matches('%').parse::<f32>().ok())
            .collect::<Option<_>>()?;
        match parts.as_slice() {
            [c, m, y, k] if parts.iter().all(|v| (0.0..=100.0).contains(v)) => {
                Some(Colour::Cmyk(c / 100.0, m / 100.0, y / 100.0, k / 100.0))
            }
            _ => None,
        }
    }
}

/// Where a font file comes from: the event folder or the defaults compiled
/// into the binary.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FontFile {
    /// As written in the layout, relative to the project (`fonts/X.ttf`).
    pub path: PathBuf,
}

/// The four styles of one typeface.
#[derive(Clone, Debug, PartialEq)]
pub struct Family {
    /// Upright, normal weight.
    pub regular: FontFile,
    /// Italic (emphasis).
    pub italic: FontFile,
    /// Bold (strong).
    pub bold: FontFile,
    /// Bold italic.
    pub bold_italic: FontFile,
}

/// How lines of a paragraph sit on the measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Ragged right (lines balanced, natural spacing).
    Left,
    /// Flush on both sides; the last line ragged.
    Justify,
    /// Centred.
    Centre,
}

super::keywords!(Align {
    "left" => Align::Left,
    "justify" => Align::Justify,
    "centre" => Align::Centre,
    "center" => Align::Centre,
});

/// How one kind of text is set.
#[derive(Clone, Debug, PartialEq)]
pub struct TextStyle {
    /// The family, resolved from its name in the layout's `fonts` when the
    /// layout is loaded, so that nothing later looks a name up.
    pub family: Family,
    /// The family's bold faces.
    pub bold: bool,
    /// The family's italic faces.
    pub italic: bool,
    /// Type size.
    pub size: Pt,
    /// Baseline to baseline.
    pub leading: Pt,
    /// Text colour.
    pub colour: Colour,
    /// How lines sit on the measure.
    pub align: Align,
}

/// The page's margins; inner and outer swap on facing pages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    /// Above the text.
    pub top: Pt,
    /// Below the text (the folio sits in it).
    pub bottom: Pt,
    /// Towards the spine.
    pub inner: Pt,
    /// At the page's outer edge.
    pub outer: Pt,
}

/// The styles a booklet uses, by role on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct BookletStyles {
    /// Abstracts and biographies.
    pub body: TextStyle,
    /// "Abstract" and "Biography" headings.
    pub heading: TextStyle,
    /// The speaker's name in a section's head.
    pub speaker_name: TextStyle,
    /// The affiliation under it.
    pub affiliation: TextStyle,
    /// The talk's title in the head.
    pub talk_title: TextStyle,
    /// The event's name on the cover.
    pub cover_title: TextStyle,
    /// Date, place and website on the cover.
    pub cover_detail: TextStyle,
    /// The titles of the schedule and the contents.
    pub contents_title: TextStyle,
    /// Their entries.
    pub contents_entry: TextStyle,
    /// Folios and running heads.
    pub footer: TextStyle,
}

/// Words the booklet prints, so an event in another language can say them
/// in its own.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Labels {
    /// The contents' title.
    pub contents: Option<String>,
    /// The schedule's title.
    pub schedule: Option<String>,
    /// The heading above an abstract.
    pub abstract_heading: Option<String>,
    /// The heading above a biography.
    pub bio_heading: Option<String>,
}

impl Labels {
    /// Every label the layout left out, from a language's words: after
    /// loading, all are set.
    pub fn or_words(self, words: &super::Words) -> Labels {
        let or = |given: Option<String>, word: &str| Some(given.unwrap_or_else(|| word.into()));
        Labels {
            contents: or(self.contents, words.contents),
            schedule: or(self.schedule, words.schedule),
            abstract_heading: or(self.abstract_heading, words.abstract_heading),
            bio_heading: or(self.bio_heading, words.bio_heading),
        }
    }

    /// The contents' title.
    pub fn contents(&self) -> &str {
        self.contents.as_deref().unwrap_or_default()
    }

    /// The schedule's title.
    pub fn schedule(&self) -> &str {
        self.schedule.as_deref().unwrap_or_default()
    }

    /// The heading above an abstract.
    pub fn abstract_heading(&self) -> &str {
        self.abstract_heading.as_deref().unwrap_or_default()
    }

    /// The heading above a biography.
    pub fn bio_heading(&self) -> &str {
        self.bio_heading.as_deref().unwrap_or_default()
    }
}

/// Which edge a double-sided print flips on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duplex {
    /// The long edge: a landscape sheet's backs are printed turned.
    LongEdge,
    /// The short edge.
    ShortEdge,
}

super::keywords!(Duplex {
    "long-edge" => Duplex::LongEdge,
    "short-edge" => Duplex::ShortEdge,
});

/// How the booklet is imposed for saddle stitching (`imposition:`).
#[derive(Clone, Debug, PartialEq)]
pub struct Imposition {
    /// The sheet; by default the standard size that holds two pages (A5
    /// on A4).
    pub sheet: Option<Size>,
    /// Which edge the printer flips the sheet on.
    pub duplex: Duplex,
    /// How far each inner sheet's pages move towards the spine.
    pub creep: Pt,
    /// Crop and fold marks, where the sheet has room.
    pub marks: bool,
}

impl Default for Imposition {
    fn default() -> Imposition {
        Imposition {
            sheet: None,
            duplex: Duplex::LongEdge,
            creep: Pt::ZERO,
            marks: true,
        }
    }
}

/// How the booklet looks (`layouts/booklet-*.yaml`).
#[derive(Clone, Debug, PartialEq)]
pub struct BookletLayout {
    /// The file it came from (`layouts/booklet-a5.yaml`), for messages.
    pub source: PathBuf,
    /// The trimmed page.
    pub page: Size,
    /// Extra paper around each page for colour that runs off the edge, cut
    /// away by the printer (0 for screen-only PDFs).
    pub bleed: Pt,
    /// The text block's margins.
    pub margins: Margins,
    /// Font families by the names styles use.
    pub fonts: BTreeMap<String, Family>,
    /// The text styles.
    pub styles: BookletStyles,
    /// Colour of rules on the cover.
    pub accent: Colour,
    /// Colour of the rule under a section's head.
    pub rule: Colour,
    /// The portrait's box on a speaker page.
    pub photo: Size,
    /// How portraits are cut out.
    pub photo_shape: PhotoShape,
    /// Whether each speaker starts a new page.
    pub section_start: SectionStart,
    /// The page count is padded with blank pages to a multiple of this
    /// (4 for a saddle-stitched booklet; 1 for none).
    pub page_multiple: u32,
    /// The cover's background band colour, and an optional logo image.
    pub cover_colour: Colour,
    /// The cover's logo, relative to the event folder.
    pub logo: Option<std::path::PathBuf>,
    /// Words the booklet prints.
    pub labels: Labels,
    /// Font expansion and protrusion.
    pub microtype: Microtype,
    /// How `booklet-imposed.pdf` is made.
    pub imposition: Imposition,
    /// Crop marks on the booklet's own pages, in paper added around them.
    pub crop_marks: bool,
    /// Font families tried, in order, for characters a style's font lacks.
    pub fallback: Vec<Family>,
    /// Words after which a space never breaks ("Dr." Smith, "e.g." this).
    pub no_break_after: Vec<String>,
}

/// How a portrait is cut out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PhotoShape {
    /// Square corners.
    Rect,
    /// Rounded corners.
    Rounded,
    /// A circle (from a square frame).
    Circle,
}

super::keywords!(PhotoShape {
    "rectangle" => PhotoShape::Rect,
    "rounded" => PhotoShape::Rounded,
    "circle" => PhotoShape::Circle,
    "rect" => PhotoShape::Rect,
});

/// Where each speaker's section starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionStart {
    /// On a new page.
    NewPage,
    /// Right after the previous one, if its head and two lines fit.
    FlowOn,
}

super::keywords!(SectionStart {
    "new_page" => SectionStart::NewPage,
    "flow_on" => SectionStart::FlowOn,
});

/// pdfTeX-style refinements of justified text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Microtype {
    /// Horizontal glyph scaling within ±2 % to even out word spaces.
    pub expansion: bool,
    /// Punctuation hanging into the margins.
    pub protrusion: bool,
}

/// A badge's text styles.
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeStyles {
    /// The event's name in the band.
    pub event: TextStyle,
    /// Its `size` is the largest a name may be set at.
    pub name: TextStyle,
    /// The affiliation under the name.
    pub affiliation: TextStyle,
    /// The role label at the foot.
    pub role: TextStyle,
}

/// How badges and their sheets look (`layouts/badge-*.yaml`).
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeLayout {
    /// The layout file, for messages.
    pub source: PathBuf,
    /// One badge, as cut.
    pub badge: Size,
    /// The stock the sheet is printed on.
    pub sheet: Size,
    /// Badges across a sheet.
    pub columns: u32,
    /// Badges down a sheet.
    pub rows: u32,
    /// Space between neighbouring badges on the sheet (horizontal, vertical).
    pub gap: Size,
    /// How the sheet shows where to cut.
    pub cut: CutMarks,
    /// A back page per sheet, mirrored for long-edge double-sided printing.
    pub duplex: bool,
    /// Inside each badge.
    pub padding: Pt,
    /// Font families by the names styles use.
    pub fonts: BTreeMap<String, Family>,
    /// The text styles.
    pub styles: BadgeStyles,
    /// The smallest size a name may shrink to before it is reported.
    pub name_min_size: Pt,
    /// Height of the band across the top.
    pub band_height: Pt,
    /// The band's colour for roles without their own.
    pub band_colour: Colour,
    /// Colour of the event's name in the band.
    pub band_text: Colour,
    /// Band colours for keynotes, chairs and organisers (else `band_colour`).
    pub role_colours: Vec<(crate::model::Role, Colour)>,
    /// Size of the portrait (its diameter when round).
    pub photo: Pt,
    /// How the portrait is cut out.
    pub photo_shape: PhotoShape,
    /// Above the name (portrait badges) or left of it (landscape ones).
    pub photo_left: bool,
    /// A QR code in the corner, if wanted.
    pub qr: Option<QrSpec>,
    /// Font families tried, in order, for characters the badge font lacks.
    pub fallback: Vec<Family>,
}

/// How the sheet shows where to cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CutMarks {
    /// Short marks outside the badges (hairline guides where there is no
    /// margin for them).
    Marks,
    /// Thin lines along every cut.
    Guides,
    /// No marks (the badges are pre-cut, or cut by eye).
    None,
}

super::keywords!(CutMarks {
    "marks" => CutMarks::Marks,
    "guides" => CutMarks::Guides,
    "none" => CutMarks::None,
});

/// Where a badge's photo goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoPosition {
    /// Centred above the name (portrait badges).
    Top,
    /// Beside the name (landscape badges).
    Left,
}

super::keywords!(PhotoPosition {
    "top" => PhotoPosition::Top,
    "left" => PhotoPosition::Left,
});

/// A QR code on the badge.
#[derive(Clone, Debug, PartialEq)]
pub struct QrSpec {
    /// `{id}` is replaced by the speaker's id; `{affiliation_url}` by their
    /// affiliation's address (no code if they have none).
    pub url: String,
    /// Its width and height.
    pub size: Pt,
}

impl BadgeLayout {
    /// The band's colour for a role: its own, or the default.
    pub fn band_colour_for(&self, role: crate::model::Role) -> Colour {
        self.role_colours
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(self.band_colour, |(_, c)| *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_colours() {
        assert_eq!(Colour::parse("#fff"), Some(Colour::WHITE));
        assert_eq!(Colour::parse("#000000"), Some(Colour::BLACK));
        assert_eq!(
            Colour::parse("cmyk(0, 50, 100, 0)"),
            Some(Colour::Cmyk(0.0, 0.5, 1.0, 0.0))
        );
        assert_eq!(Colour::parse("#12345"), None);
        assert_eq!(Colour::parse("cmyk(0, 50, 100)"), None);
        assert_eq!(Colour::parse("red"), None);
    }
}
