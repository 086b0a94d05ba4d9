//! The character classes of password rules: sets of ASCII printable characters (one bit
//! per character from space to `~`), or all of Unicode; and their canonical text.

use std::fmt;

/// The first and last ASCII printable characters: space and `~`.
const FIRST: u8 = b' ';
const LAST: u8 = b'~';

/// Bits of the characters `from..=to` (both ASCII printable).
const fn range(from: u8, to: u8) -> u128 {
    let mut bits = 0u128;
    let mut c = from;
    while c <= to {
        bits |= 1 << (c - FIRST);
        c += 1;
    }
    bits
}

/// `upper`: A-Z.
pub(crate) const UPPER: u128 = range(b'A', b'Z');
/// `lower`: a-z.
pub(crate) const LOWER: u128 = range(b'a', b'z');
/// `digit`: 0-9.
pub(crate) const DIGIT: u128 = range(b'0', b'9');
/// `special`: the 33 other ASCII printable characters, space included.
pub(crate) const SPECIAL: u128 =
    range(b' ', b'/') | range(b':', b'@') | range(b'[', b'`') | range(b'{', b'~');
/// `ascii-printable`: all 95.
pub(crate) const ASCII_PRINTABLE: u128 = range(FIRST, LAST);
/// The 32 ASCII punctuation characters: `special` without the space, which is what a
/// policy counts as symbols (a space is in no category).
pub(crate) const PUNCTUATION: u128 = SPECIAL & !(1 << 0);

/// The identifiers a `required` or `allowed` value may name (case-insensitive), in the
/// order their sets are written.
pub(crate) const IDENTIFIERS: [&str; 6] = [
    "upper",
    "lower",
    "digit",
    "special",
    "ascii-printable",
    "unicode",
];

/// Whether the rules language keeps `c` in a custom class: the ASCII printable characters
/// (others are ignored, as the spec says).
pub(crate) fn is_ascii_printable(c: char) -> bool {
    (' '..='~').contains(&c)
}

/// The bit of an ASCII printable character.
pub(crate) fn bit(c: char) -> u128 {
    debug_assert!(is_ascii_printable(c));
    1 << (c as u32 - u32::from(FIRST))
}

/// The ASCII printable characters of `bits`, in ASCII order.
pub(crate) fn chars_of(bits: u128) -> impl Iterator<Item = char> {
    (FIRST..=LAST)
        .map(char::from)
        .filter(move |&c| bits & bit(c) != 0)
}

/// The bits of the ASCII printable characters of `text` (others are left out).
pub(crate) fn bits_of(text: impl IntoIterator<Item = char>) -> u128 {
    text.into_iter()
        .filter(|&c| is_ascii_printable(c))
        .fold(0, |bits, c| bits | bit(c))
}

/// One character class of password rules: the characters a `required` group or the
/// `allowed` set stands for. Either a set of ASCII printable characters (what the named
/// classes `upper`, `lower`, `digit`, `special`, `ascii-printable` and custom classes
/// `[...]` hold) or all of Unicode (`unicode`).
///
/// Its text ([`fmt::Display`]) is canonical: the named classes it holds whole, in the
/// order `upper, lower, digit, special` (all four are `ascii-printable`), then a custom
/// class of the other characters with `-` first, `]` last and the rest in ASCII order.
///
/// ```
/// let rules = passforge::PasswordRules::parse("required: [ba], DIGIT, [-]; allowed: unicode")?;
/// let group = rules.required()[0];
/// assert_eq!(group.to_string(), "digit, [-ab]");
/// assert!(group.contains('7') && !group.contains('c'));
/// assert!(rules.allowed().is_unicode());
/// # Ok::<(), passforge::PasswordRulesError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RuleCharacters {
    /// The ASCII printable characters; every bit when `unicode`.
    bits: u128,
    unicode: bool,
}

impl RuleCharacters {
    /// All of Unicode.
    pub(crate) const UNICODE: Self = Self {
        bits: ASCII_PRINTABLE,
        unicode: true,
    };

    /// These ASCII printable characters.
    pub(crate) fn ascii(bits: u128) -> Self {
        Self {
            bits: bits & ASCII_PRINTABLE,
            unicode: false,
        }
    }

    /// The ASCII printable characters held (all 95 for `unicode`).
    pub(crate) fn bits(self) -> u128 {
        self.bits
    }

    /// Whether this is `unicode`: every character.
    pub fn is_unicode(self) -> bool {
        self.unicode
    }

    /// Whether `c` is in the class.
    pub fn contains(self, c: char) -> bool {
        self.unicode || (is_ascii_printable(c) && self.bits & bit(c) != 0)
    }

    /// The ASCII printable characters of the class, in ASCII order (all 95 for
    /// `unicode`, which holds every other character as well).
    pub fn ascii_chars(self) -> impl Iterator<Item = char> {
        chars_of(self.bits)
    }
}

impl fmt::Display for RuleCharacters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.unicode {
            return f.write_str("unicode");
        }
        if self.bits == ASCII_PRINTABLE {
            return f.write_str("ascii-printable");
        }
        let mut rest = self.bits;
        let mut parts: Vec<String> = Vec::new();
        for (name, class) in [
            ("upper", UPPER),
            ("lower", LOWER),
            ("digit", DIGIT),
            ("special", SPECIAL),
        ] {
            if self.bits & class == class {
                parts.push(name.to_owned());
                rest &= !class;
            }
        }
        if rest != 0 || parts.is_empty() {
            parts.push(custom_class(rest));
        }
        f.write_str(&parts.join(", "))
    }
}

/// `[...]` for `bits`, as the language reads it back: `-` only as the first character and
/// `]` only as the last.
fn custom_class(bits: u128) -> String {
    let mut out = String::from("[");
    if bits & bit('-') != 0 {
        out.push('-');
    }
    out.extend(chars_of(bits & !bit('-') & !bit(']')));
    if bits & bit(']') != 0 {
        out.push(']');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_classes_partition_ascii_printable() {
        assert_eq!(UPPER.count_ones(), 26);
        assert_eq!(LOWER.count_ones(), 26);
        assert_eq!(DIGIT.count_ones(), 10);
        assert_eq!(SPECIAL.count_ones(), 33);
        assert_eq!(UPPER | LOWER | DIGIT | SPECIAL, ASCII_PRINTABLE);
        assert_eq!(UPPER & LOWER & DIGIT & SPECIAL, 0);
        assert_eq!(ASCII_PRINTABLE.count_ones(), 95);
        let punctuation: Vec<char> = chars_of(PUNCTUATION).collect();
        let expected: Vec<char> = crate::DEFAULT_SYMBOLS.chars().collect::<Vec<_>>();
        let mut expected = expected;
        expected.sort_unstable();
        assert_eq!(punctuation, expected);
    }

    #[test]
    fn canonical_text_names_whole_classes_then_a_custom_class() {
        let text = |bits| RuleCharacters::ascii(bits).to_string();
        assert_eq!(text(LOWER | UPPER), "upper, lower");
        assert_eq!(text(ASCII_PRINTABLE), "ascii-printable");
        assert_eq!(text(SPECIAL | DIGIT), "digit, special");
        assert_eq!(text(bits_of("]-ab".chars())), "[-ab]]");
        assert_eq!(text(bits_of("-".chars())), "[-]");
        assert_eq!(text(bits_of("]".chars())), "[]]");
        assert_eq!(text(DIGIT | bits_of("xA".chars())), "digit, [Ax]");
        assert_eq!(RuleCharacters::UNICODE.to_string(), "unicode");
        assert_eq!(text(0), "[]");
    }

    #[test]
    fn bits_of_ignores_what_is_not_ascii_printable() {
        assert_eq!(bits_of("aé\t".chars()), bit('a'));
        assert!(RuleCharacters::UNICODE.contains('é'));
        assert!(!RuleCharacters::ascii(ASCII_PRINTABLE).contains('é'));
    }
}
