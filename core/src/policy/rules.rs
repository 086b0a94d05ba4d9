//! The password policy: one value that the validator and the generator both obey.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::generate::strength_check::StrengthCheck;
use crate::policy::blocklist::Blocklist;
use crate::policy::category::{CharacterClasses, LengthUnit};
use crate::policy::directory::ad::AdPolicy;
use crate::policy::directory::ppolicy::{seconds, Ppolicy};
use crate::policy::error::PolicyError;
use crate::policy::sequence::SequenceKind;

/// Active Directory refuses passwords longer than this many UTF-16 code units.
pub const AD_MAX_LENGTH: u32 = 256;
/// The longest password any policy accepts, in the policy's unit: a longer one gets
/// `TOO_LONG` alone before any pattern, context or blocklist check runs, so validation
/// costs the same small bound for any input (NIST asks to accept at least 64; AD's own
/// cap is 256; the generator's maximum length is 1024 too).
pub const MAX_PASSWORD_LENGTH: u32 = 1024;
/// Longest display name whose tokens are compared (AD's `displayName` holds 256); the
/// rest of a longer one is ignored.
pub const MAX_DISPLAY_NAME: usize = 1024;
/// Context tokens (account name, display-name parts, e-mail local part) shorter than
/// this are ignored, as AD does.
pub const MIN_CONTEXT_TOKEN: usize = 3;

/// A policy as written (policy file, JSON): plain data. Turn it into a [`Policy`]
/// (where validation happens) with [`Policy::new`], or deserialize a `Policy` directly.
/// Every key is optional; unknown keys are refused. See `docs/policy.md`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PolicySpec {
    /// What a unit of length is; default code points, or the directory's unit when an
    /// `[ad]` (UTF-16) or `[ppolicy]` (UTF-8 bytes) table is present.
    pub length_unit: Option<LengthUnit>,
    /// Which category definitions apply; default Unicode, or Active Directory's with `[ad]`.
    pub character_classes: Option<CharacterClasses>,
    /// Minimum length.
    pub min_length: u32,
    /// Maximum length (at least 1); none when absent.
    pub max_length: Option<u32>,
    /// Minimum lowercase letters.
    pub min_lower: u32,
    /// Minimum uppercase letters.
    pub min_upper: u32,
    /// Minimum digits.
    pub min_digits: u32,
    /// Minimum symbols.
    pub min_symbols: u32,
    /// Minimum number of the 5 categories present (AD: 3).
    pub min_categories: u32,
    /// Groups of characters the password must each draw on: at least one character of
    /// every string (as a `required` rule of password rules; `"0123456789ABCDEF"` asks
    /// for a hexadecimal digit).
    pub required_characters: Vec<String>,
    /// When set, only these characters are allowed.
    pub allowed_characters: Option<String>,
    /// Characters that are not allowed.
    pub forbidden_characters: String,
    /// No symbol as the first or the last character.
    pub no_symbol_at_ends: bool,
    /// Longest allowed run of one character (at least 1).
    pub max_repeat: Option<u32>,
    /// Shortest illegal sequence run (at least 2); none when absent.
    pub sequence_length: Option<u32>,
    /// Which sequences `sequence_length` refers to; default all three.
    pub sequences: Option<Vec<SequenceKind>>,
    /// Patterns that must all match, in the quoted-list format of [`StrengthCheck`].
    pub strength_check: Option<String>,
    /// Regular expressions that must not match.
    pub forbidden_patterns: Vec<String>,
    /// The password must not contain the account name (when over 2 characters).
    pub forbid_username: bool,
    /// The password must not contain a display-name token of 3 or more characters.
    pub forbid_display_name: bool,
    /// The password must not contain the e-mail local part (3 or more characters).
    pub forbid_email: bool,
    /// Words the password must not contain (case-insensitive).
    pub forbidden_words: Vec<String>,
    /// Refuse the shipped list of common passwords (whole password, case-insensitive).
    pub blocklist: bool,
    /// How many previous passwords may not be reused (besides the current one).
    pub history: u32,
    /// Minimum zxcvbn score, 0-4 (needs the `zxcvbn` feature).
    pub min_score: Option<u8>,
    /// The storage keeps only this many units (e.g. bcrypt's 72 bytes); lint only.
    pub truncate_at: Option<u32>,
    /// Minimum age before a user may change the password, seconds; 0 is none.
    pub min_age_seconds: u64,
    /// Maximum age before the password expires, seconds; 0 is never.
    pub max_age_seconds: u64,
    /// Warn this many seconds before expiry; 0 is no warning.
    pub expire_warning_seconds: u64,
    /// Failed attempts before a lockout; 0 never locks.
    pub lockout_threshold: u32,
    /// How long a lockout lasts, seconds; 0: until an administrator unlocks.
    pub lockout_duration_seconds: u64,
    /// After how long failures are forgotten, seconds; 0: never.
    pub lockout_window_seconds: u64,
    /// A password set by an administrator must be changed at next logon.
    pub must_change_after_reset: bool,
    /// Active Directory domain (or PSO) attributes; make the AD rules apply.
    pub ad: Option<AdPolicy>,
    /// OpenLDAP ppolicy attributes; make the ppolicy rules apply.
    pub ppolicy: Option<Ppolicy>,
}

/// Password age rules (enforced by the service, not by validation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgeRules {
    /// A change is refused before this age; `None`: no minimum.
    pub min_age: Option<Duration>,
    /// The password expires at this age; `None`: never.
    pub max_age: Option<Duration>,
    /// Warn this long before expiry; `None`: no warning.
    pub expire_warning: Option<Duration>,
}

/// Lockout rules (enforced by the service, not by validation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LockoutRules {
    /// Failed attempts that lock the account; 0 never locks.
    pub threshold: u32,
    /// How long a lockout lasts; `None`: until an administrator unlocks.
    pub duration: Option<Duration>,
    /// Failures older than this are forgotten; `None`: never.
    pub observation_window: Option<Duration>,
}

/// The rules a directory model can tighten: the spec's values, then each directory
/// table folds itself in ([`AdPolicy`], [`Ppolicy`]).
pub(crate) struct Folded {
    pub(crate) unit: LengthUnit,
    pub(crate) classes: CharacterClasses,
    pub(crate) min_length: u32,
    pub(crate) max_length: Option<u32>,
    pub(crate) min_categories: u32,
    pub(crate) forbid_username: bool,
    pub(crate) forbid_display_name: bool,
    pub(crate) history: u32,
    pub(crate) ages: AgeRules,
    pub(crate) lockout: LockoutRules,
    pub(crate) must_change_after_reset: bool,
}

/// A validated password policy: regexes compiled, numbers consistent, directory tables
/// folded in. Build it with [`Policy::new`] or deserialize it (TOML, JSON) from the
/// [`PolicySpec`] format.
///
/// ```
/// use passforge::{Policy, PolicySpec, UserContext};
///
/// let policy = Policy::new(PolicySpec {
///     min_length: 12, min_digits: 1, blocklist: true, ..PolicySpec::default()
/// })?;
/// let codes: Vec<&str> = policy
///     .validate("password", &UserContext::default())
///     .iter().map(|v| v.code()).collect();
/// assert_eq!(codes, ["TOO_SHORT", "INSUFFICIENT_DIGITS", "IN_BLOCKLIST"]);
/// # Ok::<(), passforge::PolicyError>(())
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "PolicySpec", into = "PolicySpec")]
pub struct Policy {
    pub(super) spec: PolicySpec,
    pub(super) unit: LengthUnit,
    pub(super) classes: CharacterClasses,
    pub(super) min_length: u32,
    pub(super) max_length: Option<u32>,
    /// Lowercase, uppercase, digits, symbols.
    pub(super) class_minimums: [u32; 4],
    pub(super) min_categories: u32,
    /// Each group sorted and de-duplicated; groups in order, none empty.
    pub(super) required: Vec<Vec<char>>,
    /// Sorted, de-duplicated.
    pub(super) allowed: Option<Vec<char>>,
    /// Sorted, de-duplicated.
    pub(super) forbidden: Vec<char>,
    pub(super) no_symbol_at_ends: bool,
    pub(super) max_repeat: Option<u32>,
    pub(super) sequences: Option<(u32, Vec<SequenceKind>)>,
    pub(super) strength_check: Option<StrengthCheck>,
    pub(super) forbidden_patterns: Option<StrengthCheck>,
    pub(super) forbid_username: bool,
    pub(super) forbid_display_name: bool,
    pub(super) forbid_email: bool,
    /// Lowercased, non-empty.
    pub(super) words: Vec<String>,
    pub(super) common_blocklist: bool,
    pub(super) operator_blocklist: Option<Arc<Blocklist>>,
    pub(super) history: u32,
    pub(super) min_score: Option<u8>,
    pub(super) ages: AgeRules,
    pub(super) lockout: LockoutRules,
    pub(super) must_change_after_reset: bool,
}

impl Policy {
    /// Validates the spec and folds in its directory table.
    pub fn new(spec: PolicySpec) -> Result<Self, PolicyError> {
        if spec.ad.is_some() && spec.ppolicy.is_some() {
            return Err(PolicyError::ConflictingDirectories);
        }
        if spec.max_length == Some(0) {
            return Err(out_of_range("max_length", 0, "1 or more"));
        }
        if spec.max_repeat == Some(0) {
            return Err(out_of_range("max_repeat", 0, "1 or more"));
        }
        if let Some(n @ 0..=1) = spec.sequence_length {
            return Err(out_of_range("sequence_length", n.into(), "2 or more"));
        }
        if spec.min_categories > 5 {
            return Err(PolicyError::Categories {
                required: spec.min_categories,
            });
        }
        if let Some(score) = spec.min_score {
            if score > 4 {
                return Err(out_of_range("min_score", score.into(), "0 to 4"));
            }
            if !cfg!(feature = "zxcvbn") {
                return Err(PolicyError::ScoreUnavailable);
            }
        }
        if spec.allowed_characters.as_deref() == Some("") {
            return Err(PolicyError::InvalidAttribute {
                name: "allowed_characters".into(),
                reason: "is empty; remove the key to allow every character".into(),
            });
        }
        let strength_check = match spec.strength_check.as_deref() {
            Some(list) => Some(StrengthCheck::parse(list).map_err(PolicyError::StrengthCheck)?)
                .filter(|c| !c.is_empty()),
            None => None,
        };
        let forbidden_patterns = if spec.forbidden_patterns.is_empty() {
            None
        } else {
            Some(
                StrengthCheck::from_patterns(spec.forbidden_patterns.iter().cloned())
                    .map_err(PolicyError::ForbiddenPattern)?,
            )
        };

        let mut folded = Folded {
            unit: spec.length_unit.unwrap_or_default(),
            classes: spec.character_classes.unwrap_or_default(),
            min_length: spec.min_length,
            max_length: spec.max_length,
            min_categories: spec.min_categories,
            forbid_username: spec.forbid_username,
            forbid_display_name: spec.forbid_display_name,
            history: spec.history,
            ages: AgeRules {
                min_age: seconds(spec.min_age_seconds),
                max_age: seconds(spec.max_age_seconds),
                expire_warning: seconds(spec.expire_warning_seconds),
            },
            lockout: LockoutRules {
                threshold: spec.lockout_threshold,
                duration: seconds(spec.lockout_duration_seconds),
                observation_window: seconds(spec.lockout_window_seconds),
            },
            must_change_after_reset: spec.must_change_after_reset,
        };
        if let Some(ad) = &spec.ad {
            ad.fold_into(&mut folded)?;
        }
        if let Some(pp) = &spec.ppolicy {
            pp.fold_into(&mut folded)?;
        }
        let Folded {
            unit,
            classes,
            min_length,
            max_length,
            min_categories,
            forbid_username,
            forbid_display_name,
            history,
            ages,
            lockout,
            must_change_after_reset,
        } = folded;

        let class_minimums = [
            spec.min_lower,
            spec.min_upper,
            spec.min_digits,
            spec.min_symbols,
        ];
        if let Some(max) = max_length {
            if min_length > max {
                return Err(PolicyError::LengthRange {
                    min: min_length,
                    max,
                });
            }
            let sum: u64 = class_minimums.iter().map(|&m| u64::from(m)).sum();
            // Each character is at least one unit, so this many characters cannot fit.
            if sum > u64::from(max) {
                return Err(PolicyError::MinimumsAboveMaximum { sum, max });
            }
        }
        let sorted = |s: &str| {
            let mut v: Vec<char> = s.chars().collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let allowed = spec.allowed_characters.as_deref().map(sorted);
        let forbidden = sorted(&spec.forbidden_characters);
        let mut required = Vec::with_capacity(spec.required_characters.len());
        for (i, group) in spec.required_characters.iter().enumerate() {
            let group = sorted(group);
            let allows = |c: &char| {
                forbidden.binary_search(c).is_err()
                    && allowed.as_ref().is_none_or(|a| a.binary_search(c).is_ok())
            };
            if !group.iter().any(allows) {
                return Err(PolicyError::InvalidAttribute {
                    name: format!("required_characters[{i}]"),
                    reason: if group.is_empty() {
                        "is empty; remove it".into()
                    } else {
                        "holds no character the policy allows (allowed_characters, \
                         forbidden_characters), so no password could comply"
                            .into()
                    },
                });
            }
            required.push(group);
        }
        let words = spec
            .forbidden_words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        Ok(Self {
            unit,
            classes,
            min_length,
            max_length,
            class_minimums,
            min_categories,
            required,
            allowed,
            forbidden,
            no_symbol_at_ends: spec.no_symbol_at_ends,
            max_repeat: spec.max_repeat,
            sequences: spec.sequence_length.map(|n| {
                let kinds = spec
                    .sequences
                    .clone()
                    .unwrap_or_else(|| SequenceKind::ALL.to_vec());
                (n, kinds)
            }),
            strength_check,
            forbidden_patterns,
            forbid_username,
            forbid_display_name,
            forbid_email: spec.forbid_email,
            words,
            common_blocklist: spec.blocklist,
            operator_blocklist: None,
            history,
            min_score: spec.min_score,
            ages,
            lockout,
            must_change_after_reset,
            spec,
        })
    }

    /// The policy from an Active Directory domain object's or PSO's attributes alone.
    ///
    /// ```
    /// let policy = passforge::Policy::from_ad_attributes([
    ///     ("minPwdLength", "10"), ("pwdProperties", "1"),
    /// ])?;
    /// assert_eq!(policy.min_length(), 10);
    /// assert_eq!(policy.max_length(), Some(256));
    /// assert_eq!(policy.min_categories(), 3);
    /// # Ok::<(), passforge::PolicyError>(())
    /// ```
    pub fn from_ad_attributes<'a, I>(attributes: I) -> Result<Self, PolicyError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        Self::new(PolicySpec {
            ad: Some(AdPolicy::from_attributes(attributes)?),
            ..PolicySpec::default()
        })
    }

    /// The policy from an OpenLDAP `pwdPolicy` entry's attributes alone.
    pub fn from_ppolicy_attributes<'a, I>(attributes: I) -> Result<Self, PolicyError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        Self::new(PolicySpec {
            ppolicy: Some(Ppolicy::from_attributes(attributes)?),
            ..PolicySpec::default()
        })
    }

    /// Adds an operator's blocklist (read by the caller; the core does no I/O).
    pub fn with_blocklist(mut self, list: Blocklist) -> Self {
        self.operator_blocklist = Some(Arc::new(list));
        self
    }

    /// The spec this policy was built from (without an operator blocklist).
    pub fn spec(&self) -> &PolicySpec {
        &self.spec
    }

    /// What a unit of length is.
    pub fn length_unit(&self) -> LengthUnit {
        self.unit
    }

    /// The category definitions in force.
    pub fn character_classes(&self) -> CharacterClasses {
        self.classes
    }

    /// The effective minimum length.
    pub fn min_length(&self) -> u32 {
        self.min_length
    }

    /// The effective maximum length, if any.
    pub fn max_length(&self) -> Option<u32> {
        self.max_length
    }

    /// The effective N of the N-of-5 category rule (0: none).
    pub fn min_categories(&self) -> u32 {
        self.min_categories
    }

    /// How many previous passwords may not be reused.
    pub fn history(&self) -> u32 {
        self.history
    }

    /// Age rules, for the service.
    pub fn ages(&self) -> AgeRules {
        self.ages
    }

    /// Lockout rules, for the service.
    pub fn lockout(&self) -> LockoutRules {
        self.lockout
    }

    /// Whether an administrator's reset forces a change at next logon.
    pub fn must_change_after_reset(&self) -> bool {
        self.must_change_after_reset
    }

    /// Whether any blocklist (shipped or operator's) is checked.
    pub fn has_blocklist(&self) -> bool {
        self.common_blocklist || self.operator_blocklist.is_some()
    }

    pub(super) fn allows_char(&self, c: char) -> bool {
        self.forbidden.binary_search(&c).is_err()
            && self
                .allowed
                .as_ref()
                .is_none_or(|a| a.binary_search(&c).is_ok())
    }
}

impl TryFrom<PolicySpec> for Policy {
    type Error = PolicyError;

    fn try_from(spec: PolicySpec) -> Result<Self, PolicyError> {
        Self::new(spec)
    }
}

impl From<Policy> for PolicySpec {
    fn from(policy: Policy) -> Self {
        policy.spec
    }
}

fn out_of_range(key: &'static str, value: i128, accepted: &'static str) -> PolicyError {
    PolicyError::OutOfRange {
        key,
        value,
        accepted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::text::PolicyFormat;

    fn parse(text: &str) -> Result<Policy, PolicyError> {
        Policy::parse(text, PolicyFormat::Toml)
    }

    #[test]
    fn an_ad_table_folds_its_rules_in() {
        let p = parse(
            "min_length = 8\n[ad]\nminPwdLength = 10\npwdProperties = 1\npwdHistoryLength = 5\n",
        )
        .unwrap();
        assert_eq!(p.length_unit(), LengthUnit::Utf16);
        assert_eq!(p.character_classes(), CharacterClasses::ActiveDirectory);
        assert_eq!((p.min_length(), p.max_length()), (10, Some(AD_MAX_LENGTH)));
        assert_eq!((p.min_categories(), p.history()), (3, 5));
        assert!(p.forbid_username && p.forbid_display_name);
        // Without the complexity bit, no 3-of-5 and no context rules.
        let p = parse("[ad]\nminPwdLength = 10\n").unwrap();
        assert_eq!(p.min_categories(), 0);
        assert!(!p.forbid_username);
    }

    #[test]
    fn a_ppolicy_table_folds_lengths_only_when_it_checks_quality() {
        let checked =
            parse("[ppolicy]\npwdMinLength = 12\npwdMaxLength = 64\npwdCheckQuality = 2\n")
                .unwrap();
        assert_eq!(checked.length_unit(), LengthUnit::Utf8Bytes);
        assert_eq!((checked.min_length(), checked.max_length()), (12, Some(64)));
        let unchecked = parse("[ppolicy]\npwdMinLength = 12\npwdCheckQuality = 0\n").unwrap();
        assert_eq!((unchecked.min_length(), unchecked.max_length()), (0, None));
    }

    #[test]
    fn inconsistent_specs_are_refused_with_their_codes() {
        for (text, code) in [
            ("[ad]\n[ppolicy]\n", "POLICY_CONFLICTING_DIRECTORIES"),
            ("max_length = 0\n", "POLICY_OUT_OF_RANGE"),
            ("sequence_length = 1\n", "POLICY_OUT_OF_RANGE"),
            ("min_categories = 6\n", "POLICY_CATEGORIES"),
            ("min_length = 10\nmax_length = 9\n", "POLICY_LENGTH_RANGE"),
            (
                "max_length = 3\nmin_lower = 2\nmin_upper = 2\n",
                "POLICY_MINIMUMS_ABOVE_MAXIMUM",
            ),
            ("[ad]\nminPwdLength = 300\n", "POLICY_OUT_OF_RANGE"),
        ] {
            assert_eq!(parse(text).unwrap_err().code(), code, "{text}");
        }
    }
}
