//! What a password did wrong: a stable code, parameters, and a default English message.
//! No violation carries the password or any part of it.
//!
//! A violation serializes as `{"code": …, "message": …, <parameters>}` and deserializes
//! from that form (the message is ignored: it is made from the parameters), so a front-end
//! can send one between processes and rebuild it exactly.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Error as _, IgnoredAny};
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

/// Rebuilds a violation from its serialized form: `code` and exactly the parameters of
/// that code (`message`, if present, is ignored). An unknown code, a missing or extra
/// parameter, or a value out of its range is an error.
///
/// ```
/// use passforge::{LengthUnit, Violation};
/// let v = Violation::TooShort { required: 12, actual: 5, unit: LengthUnit::CodePoints };
/// let json = serde_json::to_string(&v)?;
/// assert_eq!(serde_json::from_str::<Violation>(&json)?, v);
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for Violation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Parts::deserialize(d)?
            .into_violation()
            .map_err(D::Error::custom)
    }
}

/// The serialized form of a [`Violation`]: its code, message and every parameter name any
/// violation has.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Parts {
    code: String,
    #[allow(dead_code)] // read and ignored: the message is made from the parameters
    message: Option<IgnoredAny>,
    required: Option<u64>,
    actual: Option<u64>,
    unit: Option<LengthUnit>,
    maximum: Option<u64>,
    count: Option<u64>,
    kind: Option<SequenceKind>,
    length: Option<u64>,
    pattern: Option<String>,
    token: Option<String>,
    word: Option<String>,
    source: Option<String>,
    depth: Option<u64>,
}

impl Parts {
    /// The names of the parameters present, in [`Violation::params`]'s order.
    fn present(&self) -> Vec<&'static str> {
        let numbers = [
            ("required", self.required.is_some()),
            ("actual", self.actual.is_some()),
            ("unit", self.unit.is_some()),
            ("maximum", self.maximum.is_some()),
            ("count", self.count.is_some()),
            ("kind", self.kind.is_some()),
            ("length", self.length.is_some()),
            ("pattern", self.pattern.is_some()),
            ("token", self.token.is_some()),
            ("word", self.word.is_some()),
            ("source", self.source.is_some()),
            ("depth", self.depth.is_some()),
        ];
        numbers
            .into_iter()
            .filter_map(|(name, present)| present.then_some(name))
            .collect()
    }

    fn into_violation(self) -> Result<Violation, String> {
        let code = self.code.clone();
        let present = self.present();
        let missing = |name: &str| format!("a {code} violation needs the parameter `{name}`");
        let number = |value: Option<u64>, name: &str| value.ok_or_else(|| missing(name));
        let small = |value: Option<u64>, name: &str| -> Result<u32, String> {
            u32::try_from(number(value, name)?)
                .map_err(|_| format!("`{name}` of a {code} violation is above 4294967295"))
        };
        let text = |value: Option<String>, name: &str| value.ok_or_else(|| missing(name));
        let unit = self.unit.ok_or_else(|| missing("unit"));
        let v =
            match code.as_str() {
                "TOO_SHORT" => Violation::TooShort {
                    required: small(self.required, "required")?,
                    actual: number(self.actual, "actual")?,
                    unit: unit?,
                },
                "TOO_LONG" => Violation::TooLong {
                    maximum: small(self.maximum, "maximum")?,
                    actual: number(self.actual, "actual")?,
                    unit: unit?,
                },
                "INSUFFICIENT_LOWERCASE" => Violation::InsufficientLowercase {
                    required: small(self.required, "required")?,
                    actual: small(self.actual, "actual")?,
                },
                "INSUFFICIENT_UPPERCASE" => Violation::InsufficientUppercase {
                    required: small(self.required, "required")?,
                    actual: small(self.actual, "actual")?,
                },
                "INSUFFICIENT_DIGITS" => Violation::InsufficientDigits {
                    required: small(self.required, "required")?,
                    actual: small(self.actual, "actual")?,
                },
                "INSUFFICIENT_SYMBOLS" => Violation::InsufficientSymbols {
                    required: small(self.required, "required")?,
                    actual: small(self.actual, "actual")?,
                },
                "INSUFFICIENT_CATEGORIES" => Violation::InsufficientCategories {
                    required: small(self.required, "required")?,
                    actual: small(self.actual, "actual")?,
                },
                "FORBIDDEN_CHARACTER" => Violation::ForbiddenCharacter {
                    count: small(self.count, "count")?,
                },
                "SYMBOL_AT_END" => Violation::SymbolAtEnd,
                "REPEATED_CHARACTERS" => Violation::RepeatedCharacters {
                    maximum: small(self.maximum, "maximum")?,
                    actual: small(self.actual, "actual")?,
                },
                "ILLEGAL_SEQUENCE" => Violation::IllegalSequence {
                    kind: self.kind.ok_or_else(|| missing("kind"))?,
                    length: small(self.length, "length")?,
                },
                "STRENGTH_CHECK_FAILED" => Violation::StrengthCheckFailed {
                    pattern: text(self.pattern, "pattern")?,
                },
                "FORBIDDEN_PATTERN" => Violation::ForbiddenPattern {
                    pattern: text(self.pattern, "pattern")?,
                },
                "CONTAINS_ACCOUNT_NAME" => Violation::ContainsAccountName {
                    token: text(self.token, "token")?,
                },
                "CONTAINS_DISPLAY_NAME" => Violation::ContainsDisplayName {
                    token: text(self.token, "token")?,
                },
                "CONTAINS_EMAIL" => Violation::ContainsEmail {
                    token: text(self.token, "token")?,
                },
                "CONTAINS_WORD" => Violation::ContainsWord {
                    word: text(self.word, "word")?,
                },
                "IN_BLOCKLIST" => Violation::InBlocklist {
                    source: match text(self.source, "source")?.as_str() {
                        "common" => "common",
                        "operator" => "operator",
                        _ => return Err(
                            "`source` of an IN_BLOCKLIST violation is \"common\" or \"operator\""
                                .into(),
                        ),
                    },
                },
                "IN_HISTORY" => Violation::InHistory {
                    depth: small(self.depth, "depth")?,
                },
                "TOO_WEAK" => {
                    let score = |value: Option<u64>, name: &str| -> Result<u8, String> {
                        number(value, name)?
                            .try_into()
                            .ok()
                            .filter(|s: &u8| *s <= 4)
                            .ok_or_else(|| {
                                format!("`{name}` of a TOO_WEAK violation is a score from 0 to 4")
                            })
                    };
                    Violation::TooWeak {
                        required: score(self.required, "required")?,
                        actual: score(self.actual, "actual")?,
                    }
                }
                other => return Err(format!("unknown violation code `{other}`")),
            };
        let expected: Vec<&str> = v.params().iter().map(|(name, _)| *name).collect();
        match present.iter().find(|name| !expected.contains(name)) {
            Some(extra) => Err(format!("a {code} violation has no parameter `{extra}`")),
            None => Ok(v),
        }
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

    /// One violation of every kind (the match in `code` lists them all).
    pub(crate) fn every_kind() -> Vec<Violation> {
        use LengthUnit::*;
        vec![
            Violation::TooShort {
                required: 12,
                actual: 5,
                unit: CodePoints,
            },
            Violation::TooLong {
                maximum: 256,
                actual: 300,
                unit: Utf16,
            },
            Violation::TooLong {
                maximum: 64,
                actual: u64::MAX,
                unit: Utf8Bytes,
            },
            Violation::InsufficientLowercase {
                required: 2,
                actual: 1,
            },
            Violation::InsufficientUppercase {
                required: 1,
                actual: 0,
            },
            Violation::InsufficientDigits {
                required: u32::MAX,
                actual: 0,
            },
            Violation::InsufficientSymbols {
                required: 2,
                actual: 1,
            },
            Violation::InsufficientCategories {
                required: 3,
                actual: 2,
            },
            Violation::ForbiddenCharacter { count: 1 },
            Violation::SymbolAtEnd,
            Violation::RepeatedCharacters {
                maximum: 2,
                actual: 4,
            },
            Violation::IllegalSequence {
                kind: SequenceKind::Qwerty,
                length: 4,
            },
            Violation::StrengthCheckFailed {
                pattern: "[0-9]".into(),
            },
            Violation::ForbiddenPattern {
                pattern: "(?i)acme".into(),
            },
            Violation::ContainsAccountName {
                token: "jdoe".into(),
            },
            Violation::ContainsDisplayName {
                token: "o'neil".into(),
            },
            Violation::ContainsEmail {
                token: "ann".into(),
            },
            Violation::ContainsWord {
                word: "пароль".into(),
            },
            Violation::InBlocklist { source: "common" },
            Violation::InBlocklist { source: "operator" },
            Violation::InHistory { depth: 24 },
            Violation::TooWeak {
                required: 3,
                actual: 0,
            },
        ]
    }

    #[test]
    fn every_violation_deserializes_from_its_serialized_form() {
        let all = every_kind();
        let json = serde_json::to_string(&all).unwrap();
        let back: Vec<Violation> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, all);
        // The message is optional and ignored.
        let v: Violation =
            serde_json::from_str(r#"{"code": "IN_HISTORY", "message": "x", "depth": 3}"#).unwrap();
        assert_eq!(v, Violation::InHistory { depth: 3 });
        let v: Violation = serde_json::from_str(r#"{"code": "SYMBOL_AT_END"}"#).unwrap();
        assert_eq!(v, Violation::SymbolAtEnd);
    }

    #[test]
    fn a_malformed_violation_is_refused() {
        let refused = |json: &str| {
            serde_json::from_str::<Violation>(json)
                .unwrap_err()
                .to_string()
        };
        assert!(refused(r#"{"code": "NOPE"}"#).contains("unknown violation code `NOPE`"));
        assert!(refused(r#"{"code": "IN_HISTORY"}"#).contains("needs the parameter `depth`"));
        assert!(refused(r#"{"code": "IN_HISTORY", "depth": 3, "count": 1}"#)
            .contains("has no parameter `count`"));
        assert!(refused(r#"{"code": "IN_HISTORY", "depth": 4294967296}"#).contains("above"));
        assert!(refused(r#"{"code": "TOO_WEAK", "required": 5, "actual": 0}"#).contains("0 to 4"));
        assert!(refused(r#"{"code": "IN_BLOCKLIST", "source": "mine"}"#).contains("operator"));
        assert!(
            refused(r#"{"code": "TOO_SHORT", "required": 1, "actual": 0, "unit": "bytes"}"#)
                .contains("unknown variant")
        );
        assert!(
            refused(r#"{"code": "IN_HISTORY", "depth": 3, "password": "x"}"#)
                .contains("unknown field `password`")
        );
        assert!(refused(r#"{"depth": 3}"#).contains("missing field `code`"));
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
