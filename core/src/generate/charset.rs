//! Character classes and the disjoint sets the generator draws from.

use crate::contract::name::named_enum;
use serde::{Deserialize, Serialize};

/// The 32 ASCII punctuation characters, the default symbol set.
pub const DEFAULT_SYMBOLS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Characters removed by `avoid_ambiguous`: the digit zero and the letters O and o,
/// the digit one, capital I, lowercase l, and the vertical bar.
pub const AMBIGUOUS: &str = "0Oo1Il|";

/// One of the four character classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum CharClass {
    /// Lowercase letters (`a-z` by default).
    Lower,
    /// Uppercase letters (`A-Z` by default).
    Upper,
    /// Digits (`0-9` by default).
    Digit,
    /// Symbols ([`DEFAULT_SYMBOLS`] by default).
    Symbol,
}

named_enum!(
    CharClass,
    "character class",
    [
        Lower = "lower",
        Upper = "upper",
        Digit = "digit",
        Symbol = "symbol"
    ]
);

impl CharClass {
    /// All classes, in the order that decides ownership of a character listed twice.
    pub const ALL: [CharClass; 4] = [Self::Lower, Self::Upper, Self::Digit, Self::Symbol];

    /// A word for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Lower => "lowercase",
            Self::Upper => "uppercase",
            Self::Digit => "digit",
            Self::Symbol => "symbol",
        }
    }

    pub(crate) fn default_set(self) -> &'static str {
        match self {
            Self::Lower => "abcdefghijklmnopqrstuvwxyz",
            Self::Upper => "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            Self::Digit => "0123456789",
            Self::Symbol => DEFAULT_SYMBOLS,
        }
    }
}

/// Why a character may not be in a set: passwords are typed and shown, so a set holds
/// printable characters only. `None` for a printable one.
///
/// Refused: controls (`Cc`), invisible format characters (`Cf`: soft hyphen, zero-width
/// joiners and spaces, bidirectional marks, tags), white space, combining marks (which
/// attach to the previous character), emoji skin-tone modifiers and variation selectors,
/// private-use characters and noncharacters.
pub(crate) fn unprintable_reason(c: char) -> Option<&'static str> {
    let u = u32::from(c);
    if c.is_control() {
        Some("a control character")
    } else if c.is_whitespace() {
        Some("white space")
    } else if unicode_normalization::char::is_combining_mark(c) {
        Some("a combining mark, which joins the character before it")
    } else if matches!(u, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF | 0x1F3FB..=0x1F3FF) {
        Some("a variation selector or emoji modifier, which changes the character before it")
    } else if matches!(
        u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
            | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
            | 0xFFF9..=0xFFFB | 0x110BD | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F
    ) {
        Some("an invisible format character")
    } else if matches!(u, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD) {
        Some("a private-use character")
    } else if matches!(u, 0xFDD0..=0xFDEF) || u & 0xFFFE == 0xFFFE {
        Some("a noncharacter")
    } else {
        None
    }
}

/// Builds the four disjoint, sorted sets: exclusions applied, and a character listed in
/// two sets kept only in the first (lower, upper, digit, symbol) so no character weighs
/// more than another.
pub(crate) fn disjoint_sets(
    sets: [&str; 4],
    exclude: &str,
    avoid_ambiguous: bool,
) -> [Vec<char>; 4] {
    let mut removed: Vec<char> = exclude.chars().collect();
    if avoid_ambiguous {
        removed.extend(AMBIGUOUS.chars());
    }
    removed.sort_unstable();
    removed.dedup();
    let mut taken: Vec<char> = Vec::new();
    sets.map(|set| {
        let mut chars: Vec<char> = set
            .chars()
            .filter(|c| removed.binary_search(c).is_err() && taken.binary_search(c).is_err())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        taken.extend_from_slice(&chars);
        taken.sort_unstable();
        chars
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_characters_only() {
        for c in ['a', 'Ж', '€', '中', '😀', '!', 'ß'] {
            assert_eq!(unprintable_reason(c), None, "{c:?}");
        }
        for c in [
            '\n',
            '\u{7f}',
            ' ',
            '\u{a0}',
            '\u{301}',
            '\u{1f3fb}',
            '\u{fe0f}',
            '\u{200d}',
            '\u{ad}',
            '\u{e000}',
            '\u{fffe}',
        ] {
            assert!(unprintable_reason(c).is_some(), "{c:?}");
        }
    }

    #[test]
    fn symbols_are_the_32_ascii_punctuation_characters() {
        let expected: Vec<char> = (0u8..128)
            .map(char::from)
            .filter(char::is_ascii_punctuation)
            .collect();
        let mut ours: Vec<char> = DEFAULT_SYMBOLS.chars().collect();
        ours.sort_unstable();
        assert_eq!(ours, expected);
        assert_eq!(ours.len(), 32);
    }

    #[test]
    fn overlapping_sets_are_made_disjoint_first_class_wins() {
        let [l, u, d, s] = disjoint_sets(["cab", "ABa", "0", "a!b!"], "", false);
        assert_eq!(l, vec!['a', 'b', 'c']);
        assert_eq!(u, vec!['A', 'B']);
        assert_eq!(d, vec!['0']);
        assert_eq!(s, vec!['!']);
    }

    #[test]
    fn exclusions_and_ambiguous_characters_are_removed_everywhere() {
        let sets = CharClass::ALL.map(CharClass::default_set);
        let [l, u, d, s] = disjoint_sets(sets, "xyz", true);
        assert_eq!(l.len(), 26 - 3 - 2); // x y z, o l
        assert_eq!(u.len(), 26 - 2); // O I
        assert_eq!(d.len(), 10 - 2); // 0 1
        assert_eq!(s.len(), 32 - 1); // |
    }
}
