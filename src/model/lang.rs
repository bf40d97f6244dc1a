//! The languages booklet knows, in one table: for each, its hyphenation
//! patterns, quotation marks, writing direction and built-in words (labels,
//! month names). A tag is resolved against it once, at load, into a
//! [`Lang`]; `text` and `layout` read the row, never the tag. Any
//! well-formed BCP 47 tag is accepted: one the table lacks is set without
//! hyphenation, with English marks and words (the loader warns).

use super::words::{self, Words};

/// A language's quotation marks and spacing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotes {
    /// Double marks, opening and closing.
    pub double: (char, char),
    /// Single marks, opening and closing.
    pub single: (char, char),
    /// French spacing: a narrow no-break space inside guillemets and before
    /// `; : ! ?`.
    pub french: bool,
}

const fn marks(double: (char, char), single: (char, char), french: bool) -> Quotes {
    Quotes {
        double,
        single,
        french,
    }
}

const ENGLISH: Quotes = marks(('“', '”'), ('‘', '’'), false);
const GERMAN: Quotes = marks(('„', '“'), ('‚', '‘'), false);
const POLISH: Quotes = marks(('„', '”'), ('‚', '’'), false);
const FRENCH: Quotes = marks(('«', '»'), ('‹', '›'), true);
const GUILLEMETS: Quotes = marks(('«', '»'), ('“', '”'), false);
const SWEDISH: Quotes = marks(('”', '”'), ('’', '’'), false);
const DANISH: Quotes = marks(('»', '«'), ('›', '‹'), false);
const JAPANESE: Quotes = marks(('「', '」'), ('『', '』'), false);

/// One row of the table.
#[derive(Debug, PartialEq, Eq)]
pub struct LangInfo {
    /// The tag this row answers to: a primary subtag, or `en-US`/`en-GB`.
    pub tag: &'static str,
    /// The `hyphenation` crate's code for its patterns; none for scripts
    /// that do not hyphenate (Chinese, Arabic…) or that have no patterns.
    pub patterns: Option<&'static str>,
    /// Its quotation marks.
    pub quotes: Quotes,
    /// Written right to left (Arabic, Hebrew, Persian, Urdu).
    pub rtl: bool,
    /// The words booklet prints by itself.
    pub words: &'static Words,
}

const fn row(
    tag: &'static str,
    patterns: &'static str,
    quotes: Quotes,
    w: &'static Words,
) -> LangInfo {
    LangInfo {
        tag,
        patterns: Some(patterns),
        quotes,
        rtl: false,
        words: w,
    }
}

/// A language without hyphenation patterns.
const fn plain(tag: &'static str, quotes: Quotes, rtl: bool, w: &'static Words) -> LangInfo {
    LangInfo {
        tag,
        patterns: None,
        quotes,
        rtl,
        words: w,
    }
}

/// The row of a tag the table lacks.
pub static UNKNOWN: LangInfo = plain("und", ENGLISH, false, &words::EN);

/// Every language an event or speaker may use, matched first by the whole
/// tag, then by its primary subtag (`fr-CA` → `fr`).
pub static LANGUAGES: &[LangInfo] = &[
    row("en-US", "en-us", ENGLISH, &words::EN),
    row("en-GB", "en-gb", ENGLISH, &words::EN),
    row("en", "en-us", ENGLISH, &words::EN),
    row("de", "de-1996", GERMAN, &words::DE),
    row("fr", "fr", FRENCH, &words::FR),
    row("es", "es", GUILLEMETS, &words::ES),
    row("it", "it", GUILLEMETS, &words::IT),
    row("nl", "nl", ENGLISH, &words::NL),
    row("pt", "pt", ENGLISH, &words::PT),
    row("pl", "pl", POLISH, &words::PL),
    row("cs", "cs", GERMAN, &words::EN),
    row("sk", "sk", GERMAN, &words::EN),
    row("sv", "sv", SWEDISH, &words::EN),
    row("da", "da", DANISH, &words::EN),
    row("nb", "nb", ENGLISH, &words::EN),
    row("fi", "fi", SWEDISH, &words::EN),
    row("hu", "hu", POLISH, &words::EN),
    row("ro", "ro", POLISH, &words::EN),
    row("hr", "hr", GERMAN, &words::EN),
    row("sl", "sl", GERMAN, &words::EN),
    row("ca", "ca", GUILLEMETS, &words::EN),
    row("tr", "tr", ENGLISH, &words::EN),
    row("ru", "ru", GUILLEMETS, &words::RU),
    row("uk", "uk", GUILLEMETS, &words::UK),
    row("el", "el-monoton", GUILLEMETS, &words::EL),
    plain("zh", ENGLISH, false, &words::ZH),
    plain("ja", JAPANESE, false, &words::JA),
    plain("ko", ENGLISH, false, &words::KO),
    plain("vi", ENGLISH, false, &words::EN),
    plain("id", ENGLISH, false, &words::EN),
    plain("ms", ENGLISH, false, &words::EN),
    plain("th", ENGLISH, false, &words::EN),
    plain("hi", ENGLISH, false, &words::EN),
    plain("bn", ENGLISH, false, &words::EN),
    plain("ar", GUILLEMETS, true, &words::AR),
    plain("fa", GUILLEMETS, true, &words::EN),
    plain("ur", GUILLEMETS, true, &words::EN),
    plain("he", ENGLISH, true, &words::HE),
    plain("yi", ENGLISH, true, &words::EN),
];

/// A language as an event or speaker gave it: the tag as written (for the
/// PDF and the shaper) and the table row that governs its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lang {
    /// The tag as written (`fr-CA`), for the PDF and the shaper.
    pub tag: String,
    /// The table row that governs the text.
    pub info: &'static LangInfo,
}

impl Lang {
    /// A tag's row: the whole tag first (`en-GB`), then its primary subtag
    /// (`fr-CA` → `fr`); a well-formed tag the table lacks gets the
    /// [`UNKNOWN`] row. A malformed tag is an error.
    pub fn resolve(tag: &str) -> Result<Lang, String> {
        let tag = tag.trim();
        if !well_formed(tag) {
            return Err(format!(
                "`{tag}` is not a language tag (BCP 47, such as `en`, `pt-BR` or `zh-Hant`)"
            ));
        }
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let info = LANGUAGES
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(tag))
            .or_else(|| {
                LANGUAGES
                    .iter()
                    .find(|l| l.tag.eq_ignore_ascii_case(primary))
            })
            .unwrap_or(&UNKNOWN);
        Ok(Lang {
            tag: tag.to_string(),
            info,
        })
    }

    /// Whether the table has the language (else it is set with defaults).
    pub fn known(&self) -> bool {
        !std::ptr::eq(self.info, &UNKNOWN)
    }

    /// Whether text in this language runs right to left.
    pub fn rtl(&self) -> bool {
        self.info.rtl
    }

    /// The built-in words.
    pub fn words(&self) -> &'static Words {
        self.info.words
    }

    /// US English, the default of an event that names no language.
    pub fn english() -> Lang {
        Lang {
            tag: "en-US".into(),
            info: &LANGUAGES[0],
        }
    }

    /// The tags of the table, for messages.
    pub fn tags() -> Vec<&'static str> {
        LANGUAGES.iter().map(|l| l.tag).collect()
    }
}

/// BCP 47's shape: a primary subtag of 2–3 letters (or `x`/`i` for private
/// and grandfathered tags), then subtags of 1–8 letters or digits.
fn well_formed(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let primary_ok = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        || primary.eq_ignore_ascii_case("x")
        || primary.eq_ignore_ascii_case("i");
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Default for Lang {
    fn default() -> Lang {
        Lang::english()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_resolve_by_whole_tag_then_primary_subtag() {
        assert_eq!(Lang::resolve("en-GB").unwrap().info.patterns, Some("en-gb"));
        assert_eq!(Lang::resolve("fr-CA").unwrap().info.tag, "fr");
        assert_eq!(Lang::resolve("fr-CA").unwrap().tag, "fr-CA");
        assert_eq!(Lang::resolve("de_AT").unwrap().info.quotes, GERMAN);
        let unknown = Lang::resolve("xx-Latn").unwrap();
        assert!(!unknown.known() && unknown.info.patterns.is_none());
        assert!(Lang::resolve("zh").unwrap().known());
        assert!(Lang::resolve("ar-EG").unwrap().rtl());
        for bad in ["english", "en us", "", "e", "en--GB", "toolongsubtag-x"] {
            assert!(Lang::resolve(bad).is_err(), "{bad}");
        }
    }
}
