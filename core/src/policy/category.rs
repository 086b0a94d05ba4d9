//! How a policy counts length and sorts characters into categories.

use crate::contract::name::named_enum;
use serde::{Deserialize, Serialize};

/// What one unit of password length is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum LengthUnit {
    /// Unicode scalar values (code points): NIST's count and the default.
    #[default]
    CodePoints,
    /// UTF-16 code units, as Active Directory counts (a character outside the BMP is 2).
    Utf16,
    /// Bytes of the UTF-8 encoding, as OpenLDAP's ppolicy counts.
    Utf8Bytes,
}

named_enum!(
    LengthUnit,
    "length unit",
    [
        CodePoints = "code_points",
        Utf16 = "utf16",
        Utf8Bytes = "utf8_bytes"
    ]
);

impl LengthUnit {
    /// The length of `s` in this unit.
    pub fn count(self, s: &str) -> usize {
        match self {
            Self::CodePoints => s.chars().count(),
            Self::Utf16 => s.encode_utf16().count(),
            Self::Utf8Bytes => s.len(),
        }
    }

    /// The length of one character in this unit.
    pub fn of_char(self, c: char) -> usize {
        match self {
            Self::CodePoints => 1,
            Self::Utf16 => c.len_utf16(),
            Self::Utf8Bytes => c.len_utf8(),
        }
    }

    /// A plural noun for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::CodePoints => "characters",
            Self::Utf16 => "UTF-16 code units",
            Self::Utf8Bytes => "bytes",
        }
    }
}

/// Which definition of the character categories a policy uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum CharacterClasses {
    /// Letters of any script by their Unicode case; digits are any Unicode number; a
    /// symbol is any other character that is not whitespace or a control.
    #[default]
    Unicode,
    /// Active Directory's five categories (MS-SAMR): cased letters of any script, the
    /// digits 0-9, the 32 ASCII non-alphanumerics, and caseless alphabetic characters.
    /// Anything else (currency signs such as € and £, other digits) is in no category.
    ActiveDirectory,
}

named_enum!(
    CharacterClasses,
    "character classes",
    [Unicode = "unicode", ActiveDirectory = "active_directory"]
);

/// One of the five character categories of N-of-M rules (AD's "3 of 5").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Category {
    /// Lowercase letters of any script.
    Lower,
    /// Uppercase letters of any script.
    Upper,
    /// Digits.
    Digit,
    /// Symbols (non-alphanumerics).
    Symbol,
    /// Alphabetic characters without case (CJK ideographs, Arabic, Hebrew letters…).
    OtherLetter,
}

named_enum!(
    Category,
    "category",
    [
        Lower = "lower",
        Upper = "upper",
        Digit = "digit",
        Symbol = "symbol",
        OtherLetter = "other_letter"
    ]
);

impl Category {
    /// All five, in reporting order.
    pub const ALL: [Category; 5] = [
        Self::Lower,
        Self::Upper,
        Self::Digit,
        Self::Symbol,
        Self::OtherLetter,
    ];

    /// The category of `c` under `classes`, if any.
    pub fn of(c: char, classes: CharacterClasses) -> Option<Category> {
        // Case first: some cased characters (Ⅻ, ª) are also numeric or caseless-looking.
        if c.is_uppercase() {
            return Some(Self::Upper);
        }
        if c.is_lowercase() {
            return Some(Self::Lower);
        }
        match classes {
            CharacterClasses::Unicode => {
                if c.is_numeric() {
                    Some(Self::Digit)
                } else if c.is_alphabetic() {
                    Some(Self::OtherLetter)
                } else if c.is_whitespace() || c.is_control() {
                    None
                } else {
                    Some(Self::Symbol)
                }
            }
            CharacterClasses::ActiveDirectory => {
                if c.is_ascii_digit() {
                    Some(Self::Digit)
                } else if c.is_ascii_punctuation() {
                    Some(Self::Symbol)
                } else if c.is_alphabetic() {
                    Some(Self::OtherLetter)
                } else {
                    None
                }
            }
        }
    }

    /// A word for messages and parameters.
    pub fn name(self) -> &'static str {
        match self {
            Self::Lower => "lowercase",
            Self::Upper => "uppercase",
            Self::Digit => "digit",
            Self::Symbol => "symbol",
            Self::OtherLetter => "other_letter",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// Counts per category, indexed by [`Category::index`].
pub(crate) fn category_counts(password: &str, classes: CharacterClasses) -> [u32; 5] {
    let mut counts = [0u32; 5];
    for c in password.chars() {
        if let Some(cat) = Category::of(c, classes) {
            counts[cat.index()] = counts[cat.index()].saturating_add(1);
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    const AD: CharacterClasses = CharacterClasses::ActiveDirectory;

    #[test]
    fn length_units() {
        let s = "aé€😀";
        assert_eq!(LengthUnit::CodePoints.count(s), 4);
        assert_eq!(LengthUnit::Utf16.count(s), 5);
        assert_eq!(LengthUnit::Utf8Bytes.count(s), 1 + 2 + 3 + 4);
    }

    #[test]
    fn active_directory_categories_follow_ms_samr() {
        for (c, want) in [
            ('A', Some(Category::Upper)),
            ('z', Some(Category::Lower)),
            ('Σ', Some(Category::Upper)), // Greek
            ('ω', Some(Category::Lower)),
            ('Ж', Some(Category::Upper)), // Cyrillic
            ('д', Some(Category::Lower)),
            ('É', Some(Category::Upper)),
            ('ß', Some(Category::Lower)), // no single-character uppercase
            ('7', Some(Category::Digit)),
            ('٣', None), // Arabic-Indic digit: not 0-9
            ('~', Some(Category::Symbol)),
            ('`', Some(Category::Symbol)),
            ('€', None),
            ('£', None),
            ('中', Some(Category::OtherLetter)),
            ('あ', Some(Category::OtherLetter)),
            (' ', None),
        ] {
            assert_eq!(Category::of(c, AD), want, "{c}");
        }
        // All 32 ASCII punctuation characters are AD symbols.
        let listed = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";
        assert_eq!(listed.chars().count(), 32);
        assert!(listed
            .chars()
            .all(|c| Category::of(c, AD) == Some(Category::Symbol)));
    }

    #[test]
    fn unicode_categories_are_broader() {
        let u = CharacterClasses::Unicode;
        assert_eq!(Category::of('€', u), Some(Category::Symbol));
        assert_eq!(Category::of('٣', u), Some(Category::Digit));
        assert_eq!(Category::of('中', u), Some(Category::OtherLetter));
        assert_eq!(Category::of('\t', u), None);
        assert_eq!(category_counts("aB3!中", u), [1, 1, 1, 1, 1]);
    }
}
