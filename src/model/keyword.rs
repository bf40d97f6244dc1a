//! Settings written as one of a few words (`section_start: flow_on`): one
//! list of words per type, read by the parser, the error message and the
//! "did you mean" hint alike.

/// A type whose YAML form is one of a fixed set of words.
pub trait Keyword: Copy + PartialEq + Sized + 'static {
    /// Every accepted word with its value; the first word of each value is
    /// its name in messages, later ones are accepted spellings
    /// (`center`, `rect`).
    const WORDS: &'static [(&'static str, Self)];

    /// The value a word stands for.
    fn from_word(word: &str) -> Option<Self> {
        Self::WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, v)| *v)
    }

    /// The words in messages: one per value.
    fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for (k, (word, value)) in Self::WORDS.iter().enumerate() {
            if !Self::WORDS[..k].iter().any(|(_, v)| v == value) {
                names.push(word);
            }
        }
        names
    }

    /// The word that names a value.
    fn name(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(w, _)| w)
    }
}

/// Why a word is not one of `T`'s: "`x` is not one of a, b, c".
pub fn not_one_of<T: Keyword>(word: &str) -> String {
    format!("`{word}` is not one of {}", T::names().join(", "))
}

/// Implements [`Keyword`] and `FromStr` for an enum from its list of words.
macro_rules! keywords {
    ($t:ty { $($word:literal => $value:expr),+ $(,)? }) => {
        impl $crate::model::Keyword for $t {
            const WORDS: &'static [(&'static str, Self)] = &[$(($word, $value)),+];
        }
        impl std::str::FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                <$t as $crate::model::Keyword>::from_word(s)
                    .ok_or_else(|| $crate::model::keyword::not_one_of::<$t>(s))
            }
        }
    };
}
pub(crate) use keywords;

#[cfg(test)]
mod tests {
    use crate::model::{Align, Keyword, PhotoShape, Role};

    #[test]
    fn words_parse_and_aliases_stay_out_of_messages() {
        assert_eq!("center".parse::<Align>(), Ok(Align::Centre));
        assert_eq!(Align::names(), ["left", "justify", "centre"]);
        assert_eq!(PhotoShape::Rect.name(), "rectangle");
        assert_eq!(
            "boss".parse::<Role>(),
            Err("`boss` is not one of speaker, keynote, chair, organiser".to_string())
        );
    }
}
