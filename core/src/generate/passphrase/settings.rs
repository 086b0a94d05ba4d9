//! Passphrase settings as users write them (CLI flags, JSON, Python keywords).

use serde::{Deserialize, Serialize};

use crate::contract::name::named_enum;

/// How the words of a passphrase are capitalised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Capitalization {
    /// Words as the list has them (`correct-horse-battery`).
    #[default]
    None,
    /// The first letter of every word upper-cased (`Correct-Horse-Battery`).
    FirstLetter,
    /// One word, chosen uniformly, written in capitals (`correct-HORSE-battery`): adds
    /// log2(words) bits.
    RandomWord,
}

named_enum!(
    Capitalization,
    "capitalization",
    [
        None = "none",
        FirstLetter = "first_letter",
        RandomWord = "random_word"
    ]
);

/// Which characters a random separator is drawn from, anew for every gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum RandomSeparator {
    /// A digit `0`-`9` (log2 10 bits per gap).
    Digit,
    /// One of the 32 ASCII punctuation characters, [`crate::DEFAULT_SYMBOLS`] (5 bits per
    /// gap).
    Symbol,
}

named_enum!(
    RandomSeparator,
    "random separator",
    [Digit = "digit", Symbol = "symbol"]
);

impl RandomSeparator {
    /// The characters drawn from, in draw order.
    pub fn characters(self) -> &'static str {
        match self {
            Self::Digit => "0123456789",
            Self::Symbol => crate::DEFAULT_SYMBOLS,
        }
    }
}

/// What goes between two words: a literal string (any printable characters or spaces,
/// also empty), or a character drawn at random for each gap. In JSON and TOML a string
/// is a literal and `{"random": "digit"}` or `{"random": "symbol"}` a random separator.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Separator {
    /// The same string in every gap.
    Literal(String),
    /// A character drawn for each gap.
    Random {
        /// The characters it is drawn from.
        random: RandomSeparator,
    },
}

impl Default for Separator {
    fn default() -> Self {
        Self::Literal("-".into())
    }
}

/// What passphrases to generate. Plain data with defaults; turn it into a
/// [`crate::PassphraseGenerator`] (where validation happens) with
/// [`crate::PassphraseGenerator::new`] and a [`crate::WordList`].
///
/// ```
/// let s = passforge::PassphraseSettings::default();
/// assert_eq!((s.words, s.number), (6, false));
/// assert_eq!(s.separator, passforge::Separator::Literal("-".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PassphraseSettings {
    /// How many words (default 6: 77.5 bits from the EFF list).
    pub words: u32,
    /// What goes between the words (default `"-"`).
    pub separator: Separator,
    /// How words are capitalised (default none).
    pub capitalize: Capitalization,
    /// Insert one random digit right after a random word (default off): adds
    /// log2(10 · words) bits.
    pub number: bool,
}

impl Default for PassphraseSettings {
    fn default() -> Self {
        Self {
            words: 6,
            separator: Separator::default(),
            capitalize: Capitalization::None,
            number: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_read_as_a_string_or_a_random_kind() {
        let literal: PassphraseSettings = serde_json::from_str(r#"{"separator": " "}"#).unwrap();
        assert_eq!(literal.separator, Separator::Literal(" ".into()));
        let random: PassphraseSettings =
            serde_json::from_str(r#"{"separator": {"random": "symbol"}, "words": 4}"#).unwrap();
        assert_eq!(
            random.separator,
            Separator::Random {
                random: RandomSeparator::Symbol
            }
        );
        assert_eq!(
            serde_json::to_string(&random.separator).unwrap(),
            r#"{"random":"symbol"}"#
        );
        for bad in [
            r#"{"separator": {"random": "emoji"}}"#,
            r#"{"separator": 3}"#,
            r#"{"capitalize": "title"}"#,
            r#"{"word": 3}"#,
        ] {
            assert!(
                serde_json::from_str::<PassphraseSettings>(bad).is_err(),
                "{bad}"
            );
        }
        let toml: PassphraseSettings =
            toml::from_str("words = 5\ncapitalize = \"random_word\"\nnumber = true\n").unwrap();
        assert_eq!(
            (toml.words, toml.capitalize, toml.number),
            (5, Capitalization::RandomWord, true)
        );
    }

    #[test]
    fn random_separators_draw_from_digits_or_the_32_symbols() {
        assert_eq!(RandomSeparator::Digit.characters().len(), 10);
        assert_eq!(RandomSeparator::Symbol.characters().len(), 32);
    }
}
