//! Error types, one per concern. Each carries a stable `code()` that the bindings expose.

use std::fmt;

use crate::generate::charset::CharClass;
use crate::random::source::RandomSourceError;

/// Why a [`crate::StrengthCheck`] string could not be parsed or compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StrengthCheckError {
    /// The list is not of the form `'pattern', 'pattern', …`.
    Syntax {
        /// Byte offset in the input where parsing stopped.
        position: usize,
        /// What was expected there.
        expected: &'static str,
    },
    /// A pattern is not a valid regular expression, or uses syntax the linear-time
    /// engine does not support (look-around, back-references).
    InvalidPattern {
        /// Zero-based index of the pattern in the list.
        index: usize,
        /// The pattern as written (quotes removed).
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A pattern is longer than [`crate::MAX_PATTERN_LEN`] bytes.
    PatternTooLong {
        /// Zero-based index of the pattern in the list.
        index: usize,
        /// Its length in bytes.
        len: usize,
    },
    /// The patterns up to `index` repeat more than [`crate::MAX_REPETITION_WEIGHT`]
    /// allows (counted repetition such as `.{0,5000}`), which would make every check slow.
    TooComplex {
        /// Zero-based index of the pattern that went over the budget.
        index: usize,
        /// The weight of the patterns up to it.
        weight: u64,
    },
    /// A pattern uses a Unicode property class (`\p{L}`, `\P{Greek}`, `[\p{Lu}]`) and this
    /// build of passforge leaves their tables out (crate feature `unicode-classes` off, as
    /// in the WASM package).
    ClassUnavailable {
        /// Zero-based index of the pattern in the list.
        index: usize,
        /// The pattern as written (quotes removed).
        pattern: String,
    },
    /// More than [`crate::MAX_PATTERNS`] patterns.
    TooManyPatterns {
        /// How many were given.
        count: usize,
    },
}

impl StrengthCheckError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Syntax { .. } => "STRENGTH_CHECK_SYNTAX",
            Self::InvalidPattern { .. } => "STRENGTH_CHECK_PATTERN",
            Self::PatternTooLong { .. } => "STRENGTH_CHECK_TOO_LONG",
            Self::TooComplex { .. } => "STRENGTH_CHECK_TOO_COMPLEX",
            Self::ClassUnavailable { .. } => "STRENGTH_CHECK_CLASS_UNAVAILABLE",
            Self::TooManyPatterns { .. } => "STRENGTH_CHECK_TOO_MANY",
        }
    }
}

impl fmt::Display for StrengthCheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { position, expected } => write!(
                f,
                "expected {expected} at byte {position}; write the list as \
                 'pattern', 'pattern' and a quote inside a pattern as ''"
            ),
            Self::InvalidPattern {
                index,
                pattern,
                reason,
            } => write!(f, "pattern {} '{pattern}': {reason}", index + 1),
            Self::PatternTooLong { index, len } => write!(
                f,
                "pattern {} is {len} bytes long; the maximum is {}",
                index + 1,
                crate::MAX_PATTERN_LEN
            ),
            Self::TooComplex { index, weight } => write!(
                f,
                "pattern {} brings the counted repetition to {weight}, above the budget of \
                 {}; use smaller counts such as {{0,64}}, or fewer patterns",
                index + 1,
                crate::MAX_REPETITION_WEIGHT
            ),
            Self::ClassUnavailable { index, pattern } => write!(
                f,
                "pattern {} '{pattern}' uses a Unicode property class (\\p{{…}}), which this \
                 build of passforge leaves out; write the characters as a set such as \
                 [A-Za-zÀ-ÿ], or check the pattern where the full build runs (CLI, Python, \
                 the service)",
                index + 1
            ),
            Self::TooManyPatterns { count } => write!(
                f,
                "{count} patterns; the maximum is {}",
                crate::MAX_PATTERNS
            ),
        }
    }
}

impl std::error::Error for StrengthCheckError {}

/// Why generator settings were refused. A [`crate::Generator`] that exists is valid.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// The effective length (the larger of `length` and the sum of the minimums) is 0.
    ZeroLength,
    /// The effective length is above [`crate::MAX_LENGTH`].
    TooLong {
        /// The effective length that was asked for.
        requested: u64,
    },
    /// A class has a minimum but no characters (an empty set, or everything excluded).
    EmptyClass {
        /// The class.
        class: CharClass,
        /// Its minimum.
        minimum: u32,
    },
    /// No class has any character left.
    NoCharacters,
    /// A character set holds a character that cannot be typed or shown as itself (see
    /// the README: printable characters only).
    UnprintableCharacter {
        /// The class whose set holds it.
        class: CharClass,
        /// The character.
        character: char,
        /// What it is ("a control character", "a combining mark", …).
        reason: &'static str,
    },
    /// The strength check could not be parsed.
    StrengthCheck(StrengthCheckError),
}

impl ConfigError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::ZeroLength => "LENGTH_ZERO",
            Self::TooLong { .. } => "LENGTH_TOO_LARGE",
            Self::EmptyClass { .. } => "CLASS_EMPTY",
            Self::NoCharacters => "NO_CHARACTERS",
            Self::UnprintableCharacter { .. } => "CHARSET_CHARACTER",
            Self::StrengthCheck(e) => e.code(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ZeroLength => f.write_str("the password length is 0; set a length of at least 1"),
            Self::TooLong { requested } => write!(
                f,
                "the effective length {requested} (the larger of the length and the sum of the \
                 class minimums) is above the maximum of {}",
                crate::MAX_LENGTH
            ),
            Self::EmptyClass { class, minimum } => write!(
                f,
                "{minimum} {} characters are required but the {} set is empty after \
                 exclusions; set its minimum to 0 or give it characters",
                class.noun(),
                class.noun()
            ),
            Self::NoCharacters => {
                f.write_str("no characters are left to draw from; enable at least one class")
            }
            Self::UnprintableCharacter {
                class,
                character,
                reason,
            } => write!(
                f,
                "the {} set holds U+{:04X}, {reason}; a set holds printable characters only",
                class.noun(),
                u32::from(*character)
            ),
            Self::StrengthCheck(e) => write!(f, "strength check: {e}"),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::StrengthCheck(e) => Some(e),
            _ => None,
        }
    }
}

impl From<StrengthCheckError> for ConfigError {
    fn from(e: StrengthCheckError) -> Self {
        Self::StrengthCheck(e)
    }
}

/// How many candidates one strength-check pattern rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternRejections {
    /// The pattern as written.
    pub pattern: String,
    /// Candidates it rejected.
    pub rejected: u64,
}

/// Why a valid generator could not produce a password.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GenerateError {
    /// No candidate passed the strength check within the attempt budget.
    StrengthCheckUnmet {
        /// Candidates drawn.
        attempts: u64,
        /// Per pattern, how many candidates it was the first to reject; most first.
        rejections: Vec<PatternRejections>,
    },
    /// The operating system's random source failed.
    RandomSource(RandomSourceError),
    /// More passwords were asked for in one batch than [`crate::MAX_BATCH`].
    BatchTooLarge {
        /// How many were asked for.
        requested: usize,
    },
    /// A URL-safe token of 0 random bytes, or of more than [`crate::MAX_TOKEN_BYTES`].
    TokenBytes {
        /// How many were asked for.
        requested: usize,
    },
}

impl GenerateError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::StrengthCheckUnmet { .. } => "STRENGTH_CHECK_UNMET",
            Self::RandomSource(e) => e.code(),
            Self::BatchTooLarge { .. } => "BATCH_TOO_LARGE",
            Self::TokenBytes { .. } => "TOKEN_BYTES",
        }
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::StrengthCheckUnmet {
                attempts,
                rejections,
            } => {
                write!(
                    f,
                    "no password passed the strength check in {attempts} attempts"
                )?;
                let worst: Vec<String> = rejections
                    .iter()
                    .take_while(|r| r.rejected == rejections[0].rejected && r.rejected > 0)
                    .map(|r| format!("'{}' rejected {}", r.pattern, r.rejected))
                    .collect();
                if !worst.is_empty() {
                    write!(f, ": {}", worst.join(", "))?;
                }
                f.write_str("; raise the length or the class minimums, or relax the pattern")
            }
            Self::RandomSource(e) => e.fmt(f),
            Self::BatchTooLarge { requested } => write!(
                f,
                "{requested} passwords in one batch is above the maximum of {}; generate \
                 them in several batches",
                crate::MAX_BATCH
            ),
            Self::TokenBytes { requested } => write!(
                f,
                "a URL-safe token of {requested} random bytes: give 1 to {} (the default, \
                 32, is 256 bits)",
                crate::MAX_TOKEN_BYTES
            ),
        }
    }
}

impl std::error::Error for GenerateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::RandomSource(e) => Some(e),
            Self::StrengthCheckUnmet { .. }
            | Self::BatchTooLarge { .. }
            | Self::TokenBytes { .. } => None,
        }
    }
}

impl From<RandomSourceError> for GenerateError {
    fn from(e: RandomSourceError) -> Self {
        Self::RandomSource(e)
    }
}
