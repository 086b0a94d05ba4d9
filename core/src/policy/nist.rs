//! A NIST SP 800-63B (revision 4) lint of a password policy.

use crate::contract::name::named_enum;
use serde::Serialize;

use crate::policy::category::LengthUnit;
use crate::policy::rules::Policy;

/// How serious a [`Finding`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; not a departure from the guidance.
    Info,
    /// A "should not" of the guidance.
    Warning,
    /// A "shall" or "shall not" of the guidance.
    Error,
}

named_enum!(
    Severity,
    "severity",
    [Info = "info", Warning = "warning", Error = "error"]
);

/// One departure from NIST SP 800-63B.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `MIN_LENGTH_TOO_SHORT`.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// A default English message.
    pub message: String,
}

/// What the lint needs to know beyond the policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LintContext {
    /// The password is one factor of a multi-factor authentication (minimum 8, not 15).
    pub mfa: bool,
}

/// NIST's minimum length for a password used alone.
const NIST_MIN_SINGLE_FACTOR: u32 = 15;
/// NIST's minimum length for a password used inside multi-factor authentication.
const NIST_MIN_MFA: u32 = 8;
/// Verifiers should accept at least this many characters.
const NIST_MIN_MAXIMUM: u32 = 64;

/// Checks `policy` against NIST SP 800-63B; an empty list means no finding.
///
/// ```
/// use passforge::{lint, LintContext, Policy, PolicySpec};
/// let policy = Policy::new(PolicySpec {
///     min_length: 8, max_length: Some(20), min_digits: 1, ..PolicySpec::default()
/// })?;
/// let codes: Vec<&str> = lint(&policy, LintContext::default()).iter().map(|f| f.code).collect();
/// assert_eq!(codes, ["MIN_LENGTH_TOO_SHORT", "MAX_LENGTH_TOO_SHORT", "COMPOSITION_RULES",
///     "NO_BLOCKLIST", "NO_RATE_LIMIT"]);
/// # Ok::<(), passforge::PolicyError>(())
/// ```
pub fn lint(policy: &Policy, context: LintContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |code, severity, message: String| {
        out.push(Finding {
            code,
            severity,
            message,
        })
    };
    let required = if context.mfa {
        NIST_MIN_MFA
    } else {
        NIST_MIN_SINGLE_FACTOR
    };
    if policy.min_length < required {
        push(
            "MIN_LENGTH_TOO_SHORT",
            Severity::Error,
            format!(
                "the minimum length is {}; NIST requires at least {required} when the password \
                 is {}",
                policy.min_length,
                if context.mfa {
                    "one factor of several"
                } else {
                    "the only factor"
                }
            ),
        );
    }
    if let Some(max) = policy.max_length {
        if max < NIST_MIN_MAXIMUM {
            push(
                "MAX_LENGTH_TOO_SHORT",
                Severity::Warning,
                format!("the maximum length is {max}; accept at least {NIST_MIN_MAXIMUM}"),
            );
        }
    }
    let composition = policy.class_minimums.iter().any(|&n| n > 0)
        || policy.min_categories > 0
        || !policy.required.is_empty();
    if composition {
        push(
            "COMPOSITION_RULES",
            Severity::Warning,
            "the policy requires character classes; NIST says not to impose composition \
             rules (use length and a blocklist instead)"
                .into(),
        );
    }
    if policy.ages.max_age.is_some() {
        push(
            "PERIODIC_EXPIRY",
            Severity::Warning,
            "passwords expire periodically; NIST says to force a change only on evidence of \
             compromise"
                .into(),
        );
    }
    if !policy.has_blocklist() {
        push(
            "NO_BLOCKLIST",
            Severity::Error,
            "no blocklist of common or compromised passwords is checked; set `blocklist = \
             true` or give one"
                .into(),
        );
    }
    if let Some(n) = policy.spec.truncate_at {
        push(
            "TRUNCATION",
            Severity::Error,
            format!(
                "the storage keeps only {n} {}; NIST forbids truncating passwords (hash a \
                 pre-hash or use a scheme without a limit)",
                policy.unit.noun()
            ),
        );
    }
    if policy
        .allowed
        .as_ref()
        .is_some_and(|a| a.iter().all(char::is_ascii))
    {
        push(
            "UNICODE_NOT_ALLOWED",
            Severity::Warning,
            "only ASCII characters are allowed; NIST says to accept Unicode (and normalise \
             it before hashing)"
                .into(),
        );
    }
    if policy.unit != LengthUnit::CodePoints {
        push(
            "LENGTH_NOT_CODE_POINTS",
            Severity::Info,
            format!(
                "length is counted in {}; NIST counts each Unicode code point as one character",
                policy.unit.noun()
            ),
        );
    }
    if policy.lockout.threshold == 0 {
        push(
            "NO_RATE_LIMIT",
            Severity::Info,
            "the policy sets no lockout; make sure failed attempts are rate-limited elsewhere"
                .into(),
        );
    }
    out
}

/// NIST's minimum for a one-time code: 6 decimal digits (about 20 bits).
const NIST_MIN_CODE_DIGITS: u32 = 6;
/// NIST's longest validity for an out-of-band code: 10 minutes.
const NIST_MAX_CODE_LIFETIME_SECONDS: u64 = 600;

impl crate::OneTimeCodePolicy {
    /// Checks the one-time-code settings against NIST SP 800-63B, and always states what
    /// the send and attempt limits give an attacker who uses every one of them
    /// (`CODE_GUESS_BUDGET`). The ITSM default of 4 digits is kept as a default and
    /// reported (`CODE_DIGITS_BELOW_NIST`).
    ///
    /// ```
    /// use passforge::OneTimeCodePolicy;
    /// let findings = OneTimeCodePolicy::default().lint();
    /// let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
    /// assert_eq!(codes, ["CODE_DIGITS_BELOW_NIST", "CODE_GUESS_BUDGET"]);
    /// assert!(findings[1].message.contains("30 guesses a day"));
    /// ```
    pub fn lint(&self) -> Vec<Finding> {
        let s = self.settings();
        let mut out = Vec::new();
        if s.digits < NIST_MIN_CODE_DIGITS {
            out.push(Finding {
                code: "CODE_DIGITS_BELOW_NIST",
                severity: Severity::Warning,
                message: format!(
                    "{} digits; NIST SP 800-63B asks for at least {NIST_MIN_CODE_DIGITS} \
                     (about 20 bits) in a one-time code",
                    s.digits
                ),
            });
        }
        if s.lifetime_seconds > NIST_MAX_CODE_LIFETIME_SECONDS {
            out.push(Finding {
                code: "CODE_LIFETIME_TOO_LONG",
                severity: Severity::Warning,
                message: format!(
                    "codes stay valid {} s; NIST SP 800-63B allows at most \
                     {NIST_MAX_CODE_LIFETIME_SECONDS} s",
                    s.lifetime_seconds
                ),
            });
        }
        // Every allowed send, each code guessed max_attempts times (distinct guesses).
        let sends_per_day = f64::from(s.max_sends) * 86_400.0 / s.send_window_seconds as f64;
        let codes = 10f64.powi(s.digits as i32);
        let per_code = (f64::from(s.max_attempts) / codes).min(1.0);
        let per_day = 1.0 - (1.0 - per_code).powf(sends_per_day);
        let per_year = 1.0 - (1.0 - per_day).powi(365);
        out.push(Finding {
            code: "CODE_GUESS_BUDGET",
            severity: Severity::Info,
            message: format!(
                "an attacker who triggers every allowed send gets {} guesses a day at 1 in \
                 {}: {:.3} % a day, {:.1} % a year, for one account",
                (sends_per_day * f64::from(s.max_attempts)).round(),
                codes,
                per_day * 100.0,
                per_year * 100.0
            ),
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::rules::PolicySpec;

    #[test]
    fn a_nist_policy_is_clean_and_mfa_lowers_the_minimum() {
        let p = Policy::new(PolicySpec {
            min_length: 8,
            max_length: Some(128),
            blocklist: true,
            lockout_threshold: 10,
            ..PolicySpec::default()
        })
        .unwrap();
        assert!(lint(&p, LintContext { mfa: true }).is_empty());
        let single = lint(&p, LintContext::default());
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].code, "MIN_LENGTH_TOO_SHORT");
        assert_eq!(single[0].severity, Severity::Error);
    }

    #[test]
    fn directory_policies_get_their_findings() {
        let p = Policy::from_ad_attributes([
            ("minPwdLength", "7"),
            ("pwdProperties", "1"),
            ("maxPwdAge", "-36288000000000"),
        ])
        .unwrap();
        let codes: Vec<&str> = lint(&p, LintContext::default())
            .iter()
            .map(|f| f.code)
            .collect();
        assert_eq!(
            codes,
            [
                "MIN_LENGTH_TOO_SHORT",
                "COMPOSITION_RULES",
                "PERIODIC_EXPIRY",
                "NO_BLOCKLIST",
                "LENGTH_NOT_CODE_POINTS",
                "NO_RATE_LIMIT"
            ]
        );
        let ascii = Policy::new(PolicySpec {
            min_length: 15,
            allowed_characters: Some("abc".into()),
            truncate_at: Some(72),
            blocklist: true,
            lockout_threshold: 3,
            ..PolicySpec::default()
        })
        .unwrap();
        let codes: Vec<&str> = lint(&ascii, LintContext::default())
            .iter()
            .map(|f| f.code)
            .collect();
        assert_eq!(codes, ["TRUNCATION", "UNICODE_NOT_ALLOWED"]);
    }
}
