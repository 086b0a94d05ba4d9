//! Why a password-rules string was refused.

use std::fmt;

use crate::policy::error::PolicyError;

/// Why a password-rules string was refused. Every construct the reference parser reports
/// as an error is one here (it drops the property, or the whole string, and goes on);
/// each variant says where, as a 1-based line and column in characters, and what to
/// write instead. The text is the site's rules, so it is quoted in messages.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordRulesError {
    /// The text is not `property: value; property: value`: something else stood where a
    /// property name, the `:` after it, a value, or the `,` or `;` after a value belongs.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What belongs there.
        expected: &'static str,
        /// What was found: a character, or the end of the text.
        found: Found,
    },
    /// A property other than `minlength`, `maxlength`, `required`, `allowed` and
    /// `max-consecutive` (names are lowercase, as the reference parser compares them).
    UnknownProperty {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The name as written.
        name: String,
    },
    /// A `required` or `allowed` value names no class: the identifiers are `upper`,
    /// `lower`, `digit`, `special`, `ascii-printable` and `unicode` (any case).
    UnknownClass {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The identifier as written.
        name: String,
    },
    /// The value of `minlength`, `maxlength` or `max-consecutive` is not a whole number
    /// directly followed by `;` or the end, or is above 4294967295.
    Number {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The property.
        property: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// A custom class has a `-` that is not its first character (`[a-z]` is not a range).
    ClassDash {
        /// 1-based line.
        line: usize,
        /// 1-based column of the `-`, in characters.
        column: usize,
    },
    /// A custom class has a `]` that is not its last character.
    ClassBracket {
        /// 1-based line.
        line: usize,
        /// 1-based column of the `]`, in characters.
        column: usize,
    },
    /// A custom class has no closing `]`.
    ClassUnterminated {
        /// 1-based line.
        line: usize,
        /// 1-based column of its `[`, in characters.
        column: usize,
    },
    /// A custom class holds no ASCII printable character (`[]`, or only characters the
    /// language ignores, such as `é` or a tab). The reference parser drops such a class
    /// without a word, which would silently change what a `required` rule asks for.
    ClassEmpty {
        /// 1-based line.
        line: usize,
        /// 1-based column of its `[`, in characters.
        column: usize,
    },
    /// The rules parse, but as a policy they conflict (`minlength` above `maxlength`,
    /// more required classes than `maxlength` characters): the policy's error.
    Policy(PolicyError),
}

/// What a syntax error found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// This character.
    Char(char),
    /// The end of the text.
    End,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Char(c) if c.is_whitespace() || c.is_control() => {
                write!(f, "U+{:04X}", u32::from(*c))
            }
            Self::Char(c) => write!(f, "'{c}'"),
            Self::End => f.write_str("the end of the rules"),
        }
    }
}

impl PasswordRulesError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Syntax { .. } => "PASSWORD_RULES_SYNTAX",
            Self::UnknownProperty { .. } => "PASSWORD_RULES_UNKNOWN_PROPERTY",
            Self::UnknownClass { .. } => "PASSWORD_RULES_UNKNOWN_CLASS",
            Self::Number { .. } => "PASSWORD_RULES_NUMBER",
            Self::ClassDash { .. } => "PASSWORD_RULES_CLASS_DASH",
            Self::ClassBracket { .. } => "PASSWORD_RULES_CLASS_BRACKET",
            Self::ClassUnterminated { .. } => "PASSWORD_RULES_CLASS_UNTERMINATED",
            Self::ClassEmpty { .. } => "PASSWORD_RULES_CLASS_EMPTY",
            Self::Policy(e) => e.code(),
        }
    }

    /// Where the problem is, as a 1-based line and column in characters (`None` for
    /// [`Self::Policy`], which is about the rules as a whole).
    pub fn position(&self) -> Option<(usize, usize)> {
        match *self {
            Self::Syntax { line, column, .. }
            | Self::UnknownProperty { line, column, .. }
            | Self::UnknownClass { line, column, .. }
            | Self::Number { line, column, .. }
            | Self::ClassDash { line, column }
            | Self::ClassBracket { line, column }
            | Self::ClassUnterminated { line, column }
            | Self::ClassEmpty { line, column } => Some((line, column)),
            Self::Policy(_) => None,
        }
    }
}

/// The property names, for "did you mean".
const PROPERTIES: [&str; 5] = [
    "minlength",
    "maxlength",
    "required",
    "allowed",
    "max-consecutive",
];

/// A known property `name` may stand for: another case, or with `-` added or left out.
fn suggestion(name: &str) -> Option<&'static str> {
    let plain = |s: &str| s.to_ascii_lowercase().replace('-', "");
    PROPERTIES.into_iter().find(|p| plain(p) == plain(name))
}

impl fmt::Display for PasswordRulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.position() {
            write!(f, "password rules, line {line}, column {column}: ")?;
        }
        match self {
            Self::Syntax {
                expected, found, ..
            } => write!(f, "expected {expected}, found {found}"),
            Self::UnknownProperty { name, .. } => {
                write!(f, "unknown property '{name}'")?;
                match suggestion(name) {
                    Some(known) => write!(f, "; did you mean '{known}'? (names are lowercase)"),
                    None => f.write_str(
                        "; the properties are minlength, maxlength, required, allowed and \
                         max-consecutive",
                    ),
                }
            }
            Self::UnknownClass { name, .. } => write!(
                f,
                "unknown character class '{name}'; use upper, lower, digit, special, \
                 ascii-printable, unicode or a custom class such as [-!@#]"
            ),
            Self::Number {
                property, problem, ..
            } => write!(f, "{property}: {problem}"),
            Self::ClassDash { .. } => f.write_str(
                "a '-' in a custom class must be its first character ([a-z] is not a range: \
                 write lower, or [-az] for the three characters)",
            ),
            Self::ClassBracket { .. } => f.write_str(
                "a ']' in a custom class must be its last character; for a literal ']' write \
                 ']]' at the end, as in [abc]]",
            ),
            Self::ClassUnterminated { .. } => f.write_str("the custom class has no closing ']'"),
            Self::ClassEmpty { .. } => f.write_str(
                "the custom class holds no ASCII printable character (the language ignores \
                 others); list characters from space to '~', or remove it",
            ),
            Self::Policy(e) => write!(f, "the password rules conflict: {e}"),
        }
    }
}

impl std::error::Error for PasswordRulesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Policy(e) => Some(e),
            _ => None,
        }
    }
}

impl From<PolicyError> for PasswordRulesError {
    fn from(e: PolicyError) -> Self {
        Self::Policy(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_properties_get_a_suggestion() {
        assert_eq!(suggestion("MinLength"), Some("minlength"));
        assert_eq!(suggestion("min-length"), Some("minlength"));
        assert_eq!(suggestion("maxconsecutive"), Some("max-consecutive"));
        assert_eq!(suggestion("pattern"), None);
    }
}
