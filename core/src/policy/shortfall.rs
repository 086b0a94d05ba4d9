//! One way generator settings fall short of a policy.

use std::fmt;

use crate::generate::charset::CharClass;
use crate::generate::error::ConfigError;
use crate::policy::category::{Category, LengthUnit};

/// A structural rule of the policy that the generator settings do not guarantee.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SettingsShortfall {
    /// The shortest password the settings can produce is below the policy minimum.
    LengthBelowMinimum {
        /// The shortest possible output, in the policy's unit.
        length: u64,
        /// The policy minimum.
        minimum: u32,
        /// The policy's unit.
        unit: LengthUnit,
    },
    /// The longest password the settings can produce is above the policy maximum.
    LengthAboveMaximum {
        /// The longest possible output, in the policy's unit.
        length: u64,
        /// The policy maximum.
        maximum: u32,
        /// The policy's unit.
        unit: LengthUnit,
    },
    /// Fewer characters of a category are guaranteed than the policy requires.
    ClassBelowMinimum {
        /// The category (lowercase, uppercase, digit or symbol).
        category: Category,
        /// How many every output is sure to have.
        guaranteed: u64,
        /// The policy minimum.
        minimum: u32,
    },
    /// Fewer categories are guaranteed than the N-of-5 rule requires.
    CategoriesBelowMinimum {
        /// How many categories every output is sure to have.
        guaranteed: u32,
        /// The policy's N.
        required: u32,
    },
    /// So many symbols are guaranteed that one must stand at an end, which the policy
    /// forbids.
    SymbolAtEndCertain {
        /// Symbols every output holds.
        symbols: u64,
        /// The generator's length.
        length: u64,
    },
    /// The policy needs more characters than any generator produces
    /// ([`crate::MAX_LENGTH`]).
    LengthAboveGeneratorMaximum {
        /// The length the policy needs.
        length: u64,
    },
    /// The settings derived from the policy are not valid generator settings.
    InvalidSettings(ConfigError),
    /// No character the generator draws from is in one of the policy's
    /// `required_characters` groups.
    RequiredCharactersUnavailable {
        /// The group (policy text).
        characters: String,
    },
    /// Part of a passphrase (its words, its separator, its digit) can hold characters
    /// the policy does not allow.
    PassphraseCharacterNotAllowed {
        /// `"words"`, `"separator"` or `"number"`.
        part: &'static str,
        /// The characters (settings text, not a passphrase), at most 16.
        characters: String,
    },
    /// A generator set holds characters the policy does not allow.
    CharacterNotAllowed {
        /// The generator class.
        class: CharClass,
        /// The characters (settings text, not a password), at most 16.
        characters: String,
    },
}

impl SettingsShortfall {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::LengthBelowMinimum { .. } => "GENERATOR_LENGTH_BELOW_MINIMUM",
            Self::LengthAboveMaximum { .. } => "GENERATOR_LENGTH_ABOVE_MAXIMUM",
            Self::ClassBelowMinimum { .. } => "GENERATOR_CLASS_BELOW_MINIMUM",
            Self::CategoriesBelowMinimum { .. } => "GENERATOR_CATEGORIES_BELOW_MINIMUM",
            Self::SymbolAtEndCertain { .. } => "GENERATOR_SYMBOL_AT_END_CERTAIN",
            Self::LengthAboveGeneratorMaximum { .. } => "GENERATOR_LENGTH_ABOVE_LIMIT",
            Self::InvalidSettings(_) => "GENERATOR_INVALID_SETTINGS",
            Self::RequiredCharactersUnavailable { .. } => {
                "GENERATOR_REQUIRED_CHARACTERS_UNAVAILABLE"
            }
            Self::CharacterNotAllowed { .. } | Self::PassphraseCharacterNotAllowed { .. } => {
                "GENERATOR_CHARACTER_NOT_ALLOWED"
            }
        }
    }
}

impl fmt::Display for SettingsShortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LengthBelowMinimum {
                length,
                minimum,
                unit,
            } => write!(
                f,
                "generator length {length} is below the policy minimum of {minimum} {}",
                unit.noun()
            ),
            Self::LengthAboveMaximum {
                length,
                maximum,
                unit,
            } => write!(
                f,
                "generator length {length} is above the policy maximum of {maximum} {}",
                unit.noun()
            ),
            Self::ClassBelowMinimum {
                category,
                guaranteed,
                minimum,
            } => write!(
                f,
                "the generator guarantees {guaranteed} {} characters but the policy requires \
                 {minimum}",
                category.name()
            ),
            Self::CategoriesBelowMinimum {
                guaranteed,
                required,
            } => write!(
                f,
                "the generator guarantees characters from {guaranteed} categories but the \
                 policy requires {required}"
            ),
            Self::SymbolAtEndCertain { symbols, length } => write!(
                f,
                "{symbols} symbols in {length} characters must put one at an end, which the \
                 policy forbids; lengthen the password or require fewer symbols"
            ),
            Self::LengthAboveGeneratorMaximum { length } => write!(
                f,
                "the policy needs passwords of {length} characters; the generator's maximum \
                 is {}",
                crate::MAX_LENGTH
            ),
            Self::InvalidSettings(e) => e.fmt(f),
            Self::RequiredCharactersUnavailable { characters } => write!(
                f,
                "the generator draws from none of the required characters {characters}; give \
                 a set some of them"
            ),
            Self::PassphraseCharacterNotAllowed { part, characters } => write!(
                f,
                "the passphrase's {part} can hold characters the policy does not allow: \
                 {characters}; use other words, another separator or no number"
            ),
            Self::CharacterNotAllowed { class, characters } => write!(
                f,
                "the {} set holds characters the policy does not allow: {characters}; \
                 exclude them",
                class.noun()
            ),
        }
    }
}
