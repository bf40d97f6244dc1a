//! The languages booklet knows, in one table: for each, its hyphenation
//! patterns and its quotation marks. A tag is resolved against it once, at
//! load, into a [`Lang`]; `text` reads the row, never the tag.

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

/// One row of the table.
#[derive(Debug, PartialEq, Eq)]
pub struct LangInfo {
    /// The tag this row answers to: a primary subtag, or `en-US`/`en-GB`.
    pub tag: &'static str,
    /// The `hyphenation` crate's code for its patterns.
    pub patterns: &'static str,
    /// Its quotation marks.
    pub quotes: Quotes,
}

const fn row(tag: &'static str, patterns: &'static str, quotes: Quotes) -> LangInfo {
    LangInfo {
        tag,
        patterns,
        quotes,
    }
}

/// Every language an event or speaker may use, matched first by the whole
/// tag, then by its primary subtag (`fr-CA` → `fr`).
pub static LANGUAGES: &[LangInfo] = &[
    row("en-US", "en-us", ENGLISH),
    row("en-GB", "en-gb", ENGLISH),
    row("en", "en-us", ENGLISH),
    row("de", "de-1996", GERMAN),
    row("fr", "fr", FRENCH),
    row("es", "es", GUILLEMETS),
    row("it", "it", GUILLEMETS),
    row("nl", "nl", ENGLISH),
    row("pt", "pt", ENGLISH),
    row("pl", "pl", POLISH),
    row("cs", "cs", GERMAN),
    row("sk", "sk", GERMAN),
    row("sv", "sv", SWEDISH),
    row("da", "da", DANISH),
    row("nb", "nb", ENGLISH),
    row("fi", "fi", SWEDISH),
    row("hu", "hu", POLISH),
    row("ro", "ro", POLISH),
    row("hr", "hr", GERMAN),
    row("sl", "sl", GERMAN),
    row("ca", "ca", GUILLEMETS),
    row("tr", "tr", ENGLISH),
    row("ru", "ru", GUILLEMETS),
    row("uk", "uk", GUILLEMETS),
    row("el", "el-monoton", GUILLEMETS),
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
    /// The row for a BCP 47 tag, if the table has its language.
    pub fn resolve(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let info = LANGUAGES
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(tag))
            .or_else(|| {
                LANGUAGES
                    .iter()
                    .find(|l| l.tag.eq_ignore_ascii_case(primary))
            })?;
        Some(Lang {
            tag: tag.to_string(),
            info,
        })
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
        assert_eq!(Lang::resolve("en-GB").unwrap().info.patterns, "en-gb");
        assert_eq!(Lang::resolve("fr-CA").unwrap().info.tag, "fr");
        assert_eq!(Lang::resolve("fr-CA").unwrap().tag, "fr-CA");
        assert_eq!(Lang::resolve("de_AT").unwrap().info.quotes, GERMAN);
        assert!(Lang::resolve("xx").is_none());
    }
}
