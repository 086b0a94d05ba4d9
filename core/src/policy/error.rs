//! Why a policy could not be built, and why settings or generation fall short of one.

use std::fmt;

use crate::generate::error::{ConfigError, GenerateError, StrengthCheckError};
use crate::generate::passphrase::error::PassphraseError;
use crate::policy::shortfall::SettingsShortfall;
use crate::policy::text::PolicyFormat;
use crate::random::source::RandomSourceError;

/// Why a [`crate::Policy`] could not be built. A `Policy` that exists is valid.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyError {
    /// The policy document could not be read: its syntax, an unknown key, a value of the
    /// wrong type, or a document that is not an object.
    Syntax {
        /// The document's format.
        format: PolicyFormat,
        /// 1-based line of the problem, when the document is text the user wrote.
        line: Option<usize>,
        /// 1-based column (in characters), with `line`.
        column: Option<usize>,
        /// What is wrong, in the parser's words (Rust type names replaced).
        detail: String,
    },
    /// `min_length` is above `max_length`.
    LengthRange {
        /// The effective minimum.
        min: u32,
        /// The effective maximum.
        max: u32,
    },
    /// The class minimums add up to more than the maximum length allows.
    MinimumsAboveMaximum {
        /// The sum of the class minimums.
        sum: u64,
        /// The maximum length.
        max: u32,
    },
    /// `min_categories` is above 5.
    Categories {
        /// The value given.
        required: u32,
    },
    /// A setting has a value outside its range.
    OutOfRange {
        /// The key, as written in the policy file.
        key: &'static str,
        /// The value given.
        value: i128,
        /// The accepted range, for the message.
        accepted: &'static str,
    },
    /// The strength check could not be parsed.
    StrengthCheck(StrengthCheckError),
    /// A forbidden pattern could not be compiled.
    ForbiddenPattern(StrengthCheckError),
    /// Both `[ad]` and `[ppolicy]` were given; a password lives in one directory.
    ConflictingDirectories,
    /// A directory attribute has a value that cannot be read.
    InvalidAttribute {
        /// The attribute name.
        name: String,
        /// Why it was refused.
        reason: String,
    },
    /// `min_score` needs the crate feature `zxcvbn`.
    ScoreUnavailable,
}

impl PolicyError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Syntax { .. } => "POLICY_SYNTAX",
            Self::LengthRange { .. } => "POLICY_LENGTH_RANGE",
            Self::MinimumsAboveMaximum { .. } => "POLICY_MINIMUMS_ABOVE_MAXIMUM",
            Self::Categories { .. } => "POLICY_CATEGORIES",
            Self::OutOfRange { .. } => "POLICY_OUT_OF_RANGE",
            Self::StrengthCheck(_) => "POLICY_STRENGTH_CHECK",
            Self::ForbiddenPattern(_) => "POLICY_FORBIDDEN_PATTERN",
            Self::ConflictingDirectories => "POLICY_CONFLICTING_DIRECTORIES",
            Self::InvalidAttribute { .. } => "POLICY_INVALID_ATTRIBUTE",
            Self::ScoreUnavailable => "POLICY_SCORE_UNAVAILABLE",
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax {
                format,
                line,
                column,
                detail,
            } => {
                let format = match format {
                    PolicyFormat::Toml => "TOML",
                    PolicyFormat::Json => "JSON",
                };
                write!(f, "the {format} policy could not be read")?;
                if let (Some(line), Some(column)) = (line, column) {
                    write!(f, " (line {line}, column {column})")?;
                }
                write!(f, ": {detail}")
            }
            Self::LengthRange { min, max } => write!(
                f,
                "the minimum length {min} is above the maximum length {max}; lower the \
                 minimum or raise the maximum"
            ),
            Self::MinimumsAboveMaximum { sum, max } => write!(
                f,
                "the class minimums add up to {sum}, above the maximum length {max}; lower \
                 them or raise the maximum"
            ),
            Self::Categories { required } => write!(
                f,
                "min_categories is {required}; there are only 5 categories"
            ),
            Self::OutOfRange {
                key,
                value,
                accepted,
            } => write!(f, "{key} = {value} is out of range; accepted: {accepted}"),
            Self::StrengthCheck(e) => write!(f, "strength_check: {e}"),
            Self::ForbiddenPattern(e) => write!(f, "forbidden_patterns: {e}"),
            Self::ConflictingDirectories => f.write_str(
                "the policy has both an [ad] and a [ppolicy] table; keep the one of the \
                 directory that stores the password",
            ),
            Self::InvalidAttribute { name, reason } => write!(f, "attribute {name}: {reason}"),
            Self::ScoreUnavailable => f.write_str(
                "min_score needs passforge built with the `zxcvbn` feature (the CLI and the \
                 Python wheel have it; the default npm package leaves it out for size: build \
                 it with PASSFORGE_WASM_FEATURES=zxcvbn); remove the key or use such a build",
            ),
        }
    }
}

impl std::error::Error for PolicyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::StrengthCheck(e) | Self::ForbiddenPattern(e) => Some(e),
            _ => None,
        }
    }
}

/// Why generator settings cannot be used for a policy: every reason at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    reasons: Vec<SettingsShortfall>,
}

impl SettingsError {
    pub(crate) fn new(reasons: Vec<SettingsShortfall>) -> Self {
        Self { reasons }
    }

    /// Stable machine-readable code of the error as a whole; see [`Self::reasons`] for
    /// each one's.
    pub fn code(&self) -> &'static str {
        "SETTINGS_BELOW_POLICY"
    }

    /// Every way the settings fall short, in a fixed order.
    pub fn reasons(&self) -> &[SettingsShortfall] {
        &self.reasons
    }
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the generator settings cannot guarantee the policy: ")?;
        for (i, r) in self.reasons.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SettingsError {}

/// Why a password could not be generated for a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyGenerateError {
    /// The settings cannot guarantee the policy's structural rules.
    Settings(SettingsError),
    /// The settings themselves are invalid.
    Config(ConfigError),
    /// The passphrase settings are invalid.
    Passphrase(PassphraseError),
    /// The generator failed (its own strength check, or the random source).
    Generate(GenerateError),
    /// A user context was given without a policy whose rules would apply it.
    ContextWithoutPolicy,
    /// So few of the generator's passwords pass the counted rules (`max_repeat`, the
    /// `required_characters` groups it does not guarantee) that generating one would run
    /// out of attempts more often than once in 2^30.
    AcceptanceTooLow {
        /// How many in a billion pass (rounded down; 0 for fewer than one).
        per_billion: u64,
        /// Whether the share was counted exactly (else it is a 95 % lower bound).
        exact: bool,
        /// Candidates one password may draw.
        attempts: u64,
        /// The counted rules that reject: `"max_repeat"`, `"required_characters"`.
        rules: Vec<&'static str>,
    },
    /// Password rules define the classes themselves: a generator option that sets a
    /// count, a character set or a strength check cannot be combined with them.
    RulesOption {
        /// The option, as a [`crate::GeneratorOptions`] field.
        option: &'static str,
    },
    /// The policy could not be built (from password rules whose values conflict).
    Policy(PolicyError),
    /// No candidate complied within the attempt budget.
    Unmet {
        /// Candidates drawn.
        attempts: u64,
        /// Per violation code, how many candidates it rejected; most first.
        rejections: Vec<(&'static str, u64)>,
    },
}

impl PolicyGenerateError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Settings(e) => e.code(),
            Self::Config(e) => e.code(),
            Self::Passphrase(e) => e.code(),
            Self::Generate(e) => e.code(),
            Self::ContextWithoutPolicy => "CONTEXT_WITHOUT_POLICY",
            Self::AcceptanceTooLow { .. } => "POLICY_ACCEPTANCE_TOO_LOW",
            Self::RulesOption { .. } => "PASSWORD_RULES_OPTION",
            Self::Policy(e) => e.code(),
            Self::Unmet { .. } => "POLICY_UNMET",
        }
    }
}

impl fmt::Display for PolicyGenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Settings(e) => e.fmt(f),
            Self::Config(e) => e.fmt(f),
            Self::Passphrase(e) => e.fmt(f),
            Self::Generate(e) => e.fmt(f),
            Self::ContextWithoutPolicy => f.write_str(
                "a username, display name or e-mail is only used by a policy's context \
                 rules; give a policy as well, or leave them out",
            ),
            Self::AcceptanceTooLow {
                per_billion,
                exact,
                attempts,
                rules,
            } => {
                let share = match (*per_billion, *exact) {
                    (0, true) => "fewer than 1 in a billion".to_owned(),
                    (0, false) => "no sampled candidate".to_owned(),
                    (n, true) => format!("only {n} in a billion"),
                    (n, false) => format!("at most about {n} in a billion (estimated)"),
                };
                write!(
                    f,
                    "{share} of the generator's passwords meet {}; with {attempts} attempts \
                     per password, generation would fail too often: use larger character \
                     sets, a longer password for required characters or a shorter one for \
                     max_repeat, or relax the rule",
                    rules.join(" and ")
                )
            }
            Self::RulesOption { option } => write!(
                f,
                "the option {option} cannot be combined with password rules, which define \
                 the character classes; only length, exclude and avoid_ambiguous can"
            ),
            Self::Policy(e) => e.fmt(f),
            Self::Unmet {
                attempts,
                rejections,
            } => {
                write!(
                    f,
                    "no password complied with the policy in {attempts} attempts"
                )?;
                if let Some((code, n)) = rejections.first() {
                    write!(f, " (most rejections: {code}, {n})")?;
                }
                f.write_str("; raise the length or relax the rule")
            }
        }
    }
}

impl std::error::Error for PolicyGenerateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Settings(e) => Some(e),
            Self::Config(e) => Some(e),
            Self::Passphrase(e) => Some(e),
            Self::Generate(e) => Some(e),
            Self::Policy(e) => Some(e),
            Self::ContextWithoutPolicy
            | Self::AcceptanceTooLow { .. }
            | Self::RulesOption { .. }
            | Self::Unmet { .. } => None,
        }
    }
}

impl From<RandomSourceError> for PolicyGenerateError {
    fn from(e: RandomSourceError) -> Self {
        Self::Generate(GenerateError::RandomSource(e))
    }
}

impl From<SettingsError> for PolicyGenerateError {
    fn from(e: SettingsError) -> Self {
        Self::Settings(e)
    }
}

impl From<ConfigError> for PolicyGenerateError {
    fn from(e: ConfigError) -> Self {
        Self::Config(e)
    }
}

impl From<PassphraseError> for PolicyGenerateError {
    fn from(e: PassphraseError) -> Self {
        Self::Passphrase(e)
    }
}

impl From<GenerateError> for PolicyGenerateError {
    fn from(e: GenerateError) -> Self {
        Self::Generate(e)
    }
}
