//! What a password did wrong: a stable code, parameters, and a default English message.
//! No violation carries the password or any part of it.

use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::policy::category::LengthUnit;
use crate::policy::sequence::SequenceKind;

/// One broken rule. The code and the parameters are the contract; the message is a
/// default that callers may replace (e.g. translate, keyed by [`Violation::code`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// Shorter than the minimum.
    TooShort {
        /// The minimum.
        required: u32,
        /// The password's length.
        actual: u64,
        /// What was counted.
        unit: LengthUnit,
    },
    /// Longer than the maximum. Reported alone: the other checks are skipped.
    TooLong {
        /// The maximum.
        maximum: u32,
        /// The password's length.
        actual: u64,
        /// What was counted.
        unit: LengthUnit,
    },
    /// Too few lowercase letters.
    InsufficientLowercase {
        /// The minimum.
        required: u32,
        /// How many the password has.
        actual: u32,
    },
    /// Too few uppercase letters.
    InsufficientUppercase {
        /// The minimum.
        required: u32,
        /// How many the password has.
        actual: u32,
    },
    /// Too few digits.
    InsufficientDigits {
        /// The minimum.
        required: u32,
        /// How many the password has.
        actual: u32,
    },
    /// Too few symbols.
    InsufficientSymbols {
        /// The minimum.
        required: u32,
        /// How many the password has.
        actual: u32,
    },
    /// No character of one of the policy's `required_characters` groups.
    MissingRequiredCharacter {
        /// The group's characters (policy text), sorted.
        characters: String,
    },
    /// Characters from too few categories (AD: 3 of 5).
    InsufficientCategories {
        /// The number of categories required.
        required: u32,
        /// The number present.
        actual: u32,
    },
    /// Characters that are forbidden, or outside the allowed set.
    ForbiddenCharacter {
        /// How many such characters (which ones is not said: they are the password's).
        count: u32,
    },
    /// A symbol is the first or the last character.
    SymbolAtEnd,
    /// A character repeated more times in a row than allowed.
    RepeatedCharacters {
        /// The longest run allowed.
        maximum: u32,
        /// The longest run found.
        actual: u32,
    },
    /// A run of consecutive characters of a sequence.
    IllegalSequence {
        /// Which sequence.
        kind: SequenceKind,
        /// The shortest run refused.
        length: u32,
    },
    /// A strength-check pattern does not match.
    StrengthCheckFailed {
        /// The pattern (policy text).
        pattern: String,
    },
    /// A forbidden pattern matches.
    ForbiddenPattern {
        /// The pattern (policy text).
        pattern: String,
    },
    /// Contains the account name (AD rule 2a).
    ContainsAccountName {
        /// The account name (context, not the password).
        token: String,
    },
    /// Contains a token of the display name (AD rule 2b).
    ContainsDisplayName {
        /// The token, lowercased.
        token: String,
    },
    /// Contains the local part of the e-mail address.
    ContainsEmail {
        /// The local part, lowercased.
        token: String,
    },
    /// Contains a configured forbidden word.
    ContainsWord {
        /// The word, lowercased.
        word: String,
    },
    /// The whole password is on a blocklist.
    InBlocklist {
        /// `"common"` (the shipped list) or `"operator"`.
        source: &'static str,
    },
    /// Equal to the current password or one of the last ones.
    InHistory {
        /// How many previous passwords are checked.
        depth: u32,
    },
    /// The zxcvbn score is below the minimum.
    TooWeak {
        /// The minimum score (0-4).
        required: u8,
        /// The password's score.
        actual: u8,
    },
}

/// One parameter value of a [`Violation`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamValue {
    /// A number.
    Int(u64),
    /// Text (policy or context, never the password).
    Text(String),
}

impl Serialize for ParamValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Int(n) => s.serialize_u64(*n),
            Self::Text(t) => s.serialize_str(t),
        }
    }
}

impl Violation {
    /// Stable machine-readable code, e.g. `TOO_SHORT`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooShort { .. } => "TOO_SHORT",
            Self::TooLong { .. } => "TOO_LONG",
            Self::InsufficientLowercase { .. } => "INSUFFICIENT_LOWERCASE",
            Self::InsufficientUppercase { .. } => "INSUFFICIENT_UPPERCASE",
            Self::InsufficientDigits { .. } => "INSUFFICIENT_DIGITS",
            Self::InsufficientSymbols { .. } => "INSUFFICIENT_SYMBOLS",
            Self::MissingRequiredCharacter { .. } => "MISSING_REQUIRED_CHARACTER",
            Self::InsufficientCategories { .. } => "INSUFFICIENT_CATEGORIES",
            Self::ForbiddenCharacter { .. } => "FORBIDDEN_CHARACTER",
            Self::SymbolAtEnd => "SYMBOL_AT_END",
            Self::RepeatedCharacters { .. } => "REPEATED_CHARACTERS",
            Self::IllegalSequence { .. } => "ILLEGAL_SEQUENCE",
            Self::StrengthCheckFailed { .. } => "STRENGTH_CHECK_FAILED",
            Self::ForbiddenPattern { .. } => "FORBIDDEN_PATTERN",
            Self::ContainsAccountName { .. } => "CONTAINS_ACCOUNT_NAME",
            Self::ContainsDisplayName { .. } => "CONTAINS_DISPLAY_NAME",
            Self::ContainsEmail { .. } => "CONTAINS_EMAIL",
            Self::ContainsWord { .. } => "CONTAINS_WORD",
            Self::InBlocklist { .. } => "IN_BLOCKLIST",
            Self::InHistory { .. } => "IN_HISTORY",
            Self::TooWeak { .. } => "TOO_WEAK",
        }
    }

    /// The parameters, by name, in a fixed order.
    pub fn params(&self) -> Vec<(&'static str, ParamValue)> {
        use ParamValue::{Int, Text};
        let n = |v: u32| Int(v.into());
        match self {
            Self::TooShort {
                required,
                actual,
                unit,
            } => vec![
                ("required", n(*required)),
                ("actual", Int(*actual)),
                ("unit", Text(unit_name(*unit).into())),
            ],
            Self::TooLong {
                maximum,
                actual,
                unit,
            } => vec![
                ("maximum", n(*maximum)),
                ("actual", Int(*actual)),
                ("unit", Text(unit_name(*unit).into())),
            ],
            Self::InsufficientLowercase { required, actual }
            | Self::InsufficientUppercase { required, actual }
            | Self::InsufficientDigits { required, actual }
            | Self::InsufficientSymbols { required, actual }
            | Self::InsufficientCategories { required, actual } => {
                vec![("required", n(*required)), ("actual", n(*actual))]
            }
            Self::MissingRequiredCharacter { characters } => {
                vec![("characters", Text(characters.clone()))]
            }
            Self::ForbiddenCharacter { count } => vec![("count", n(*count))],
            Self::SymbolAtEnd => vec![],
            Self::RepeatedCharacters { maximum, actual } => {
                vec![("maximum", n(*maximum)), ("actual", n(*actual))]
            }
            Self::IllegalSequence { kind, length } => {
                vec![("kind", Text(kind.as_str().into())), ("length", n(*length))]
            }
            Self::StrengthCheckFailed { pattern } | Self::ForbiddenPattern { pattern } => {
                vec![("pattern", Text(pattern.clone()))]
            }
            Self::ContainsAccountName { token }
            | Self::ContainsDisplayName { token }
            | Self::ContainsEmail { token } => vec![("token", Text(token.clone()))],
            Self::ContainsWord { word } => vec![("word", Text(word.clone()))],
            Self::InBlocklist { source } => vec![("source", Text((*source).into()))],
            Self::InHistory { depth } => vec![("depth", n(*depth))],
            Self::TooWeak { required, actual } => vec![
                ("required", Int((*required).into())),
                ("actual", Int((*actual).into())),
            ],
        }
    }

    /// The default English message (the same as `Display`).
    pub fn message(&self) -> String {
        self.to_string()
    }
}

fn unit_name(unit: LengthUnit) -> &'static str {
    match unit {
        LengthUnit::CodePoints => "code_points",
        LengthUnit::Utf16 => "utf16",
        LengthUnit::Utf8Bytes => "utf8_bytes",
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort {
                required,
                actual,
                unit,
            } => write!(
                f,
                "must be at least {required} {} long (it is {actual})",
                unit.noun()
            ),
            Self::TooLong {
                maximum,
                actual,
                unit,
            } => write!(
                f,
                "must be at most {maximum} {} long (it is {actual})",
                unit.noun()
            ),
            Self::InsufficientLowercase { required, actual } => {
                write!(
                    f,
                    "must contain at least {} (it has {actual})",
                    plural(*required, "lowercase letter", "lowercase letters")
                )
            }
            Self::InsufficientUppercase { required, actual } => {
                write!(
                    f,
                    "must contain at least {} (it has {actual})",
                    plural(*required, "uppercase letter", "uppercase letters")
                )
            }
            Self::InsufficientDigits { required, actual } => {
                write!(
                    f,
                    "must contain at least {} (it has {actual})",
                    plural(*required, "digit", "digits")
                )
            }
            Self::InsufficientSymbols { required, actual } => {
                write!(
                    f,
                    "must contain at least {} (it has {actual})",
                    plural(*required, "symbol", "symbols")
                )
            }
            Self::MissingRequiredCharacter { characters } => {
                write!(
                    f,
                    "must contain at least one of these characters: {characters}"
                )
            }
            Self::InsufficientCategories { required, actual } => write!(
                f,
                "must contain characters from at least {required} of: uppercase letters, \
                 lowercase letters, digits, symbols, other letters (it has {actual})"
            ),
            Self::ForbiddenCharacter { count } => {
                write!(
                    f,
                    "contains {} that {} not allowed",
                    plural(*count, "character", "characters"),
                    if *count == 1 { "is" } else { "are" }
                )
            }
            Self::SymbolAtEnd => f.write_str("must not start or end with a symbol"),
            Self::RepeatedCharacters { maximum, actual } => write!(
                f,
                "must not repeat a character more than {} in a row (it does {})",
                plural(*maximum, "time", "times"),
                plural(*actual, "time", "times")
            ),
            Self::IllegalSequence { kind, length } => write!(
                f,
                "must not contain {length} or more consecutive {} characters",
                match kind {
                    SequenceKind::Alphabetical => "alphabetical",
                    SequenceKind::Numerical => "numerical",
                    SequenceKind::Qwerty => "keyboard (QWERTY)",
                }
            ),
            Self::StrengthCheckFailed { pattern } => {
                write!(f, "must match the pattern '{pattern}'")
            }
            Self::ForbiddenPattern { pattern } => {
                write!(f, "must not match the pattern '{pattern}'")
            }
            Self::ContainsAccountName { token } => {
                write!(f, "must not contain the account name '{token}'")
            }
            Self::ContainsDisplayName { token } => {
                write!(f, "must not contain '{token}' from the display name")
            }
            Self::ContainsEmail { token } => {
                write!(f, "must not contain '{token}' from the e-mail address")
            }
            Self::ContainsWord { word } => write!(f, "must not contain the word '{word}'"),
            Self::InBlocklist { source: "operator" } => {
                f.write_str("is on this organisation's list of forbidden passwords; choose another")
            }
            Self::InBlocklist { .. } => {
                f.write_str("is a commonly used password; choose a less predictable one")
            }
            Self::InHistory { depth } => write!(
                f,
                "must differ from the current password and the last {}",
                plural(*depth, "password", "passwords")
            ),
            Self::TooWeak { required, actual } => write!(
                f,
                "is too easy to guess (strength {actual} of 4; at least {required} is required)"
            ),
        }
    }
}

/// `{"code": …, "message": …, <parameters>}`.
impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let params = self.params();
        let mut map = s.serialize_map(Some(2 + params.len()))?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.message())?;
        for (k, v) in &params {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// "1 digit", "2 digits": a count with the noun that agrees with it.
fn plural<N: Into<u64> + Copy + fmt::Display>(n: N, one: &str, many: &str) -> String {
    if n.into() == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        let one = Violation::InsufficientDigits {
            required: 1,
            actual: 0,
        };
        assert_eq!(one.to_string(), "must contain at least 1 digit (it has 0)");
        let two = Violation::InsufficientSymbols {
            required: 2,
            actual: 1,
        };
        assert_eq!(
            two.to_string(),
            "must contain at least 2 symbols (it has 1)"
        );
        let repeats = Violation::RepeatedCharacters {
            maximum: 1,
            actual: 3,
        };
        assert_eq!(
            repeats.to_string(),
            "must not repeat a character more than 1 time in a row (it does 3 times)"
        );
    }

    #[test]
    fn the_blocklist_message_names_its_list() {
        let common = Violation::InBlocklist { source: "common" };
        let operator = Violation::InBlocklist { source: "operator" };
        assert_eq!(
            (common.code(), operator.code()),
            ("IN_BLOCKLIST", "IN_BLOCKLIST")
        );
        assert!(common.to_string().contains("commonly used"));
        assert!(operator.to_string().contains("organisation's list"));
    }
}
