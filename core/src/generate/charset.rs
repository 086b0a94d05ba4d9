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
