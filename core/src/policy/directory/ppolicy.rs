//! OpenLDAP ppolicy overlay policies (`objectClass: pwdPolicy`, slapo-ppolicy(5)).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::policy::category::LengthUnit;
use crate::policy::directory::ldap_value::{boolean, number};
use crate::policy::error::PolicyError;
use crate::policy::rules::{AgeRules, Folded, LockoutRules};

/// An OpenLDAP `pwdPolicy` entry, by attribute name (the `[ppolicy]` table of a policy
/// file). Lengths count bytes of the UTF-8 value; ages are seconds with 0 meaning
/// "none". Missing keys take the overlay's defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Ppolicy {
    /// `pwdAttribute` (default `userPassword`).
    #[serde(rename = "pwdAttribute")]
    pub attribute: String,
    /// `pwdMinLength`, in bytes; enforced only when `pwdCheckQuality` is 1 or 2.
    #[serde(rename = "pwdMinLength")]
    pub min_length: u32,
    /// `pwdMaxLength`, in bytes; 0 is no maximum; enforced like `pwdMinLength`.
    #[serde(rename = "pwdMaxLength")]
    pub max_length: u32,
    /// `pwdCheckQuality`: 0 no checks, 1 check when possible, 2 must check.
    #[serde(rename = "pwdCheckQuality")]
    pub check_quality: u8,
    /// `pwdInHistory`: how many old passwords may not be reused.
    #[serde(rename = "pwdInHistory")]
    pub in_history: u32,
    /// `pwdMinAge`, seconds.
    #[serde(rename = "pwdMinAge")]
    pub min_age: u64,
    /// `pwdMaxAge`, seconds; 0: never expires.
    #[serde(rename = "pwdMaxAge")]
    pub max_age: u64,
    /// `pwdExpireWarning`, seconds before expiry.
    #[serde(rename = "pwdExpireWarning")]
    pub expire_warning: u64,
    /// `pwdGraceAuthNLimit`: binds allowed after expiry.
    #[serde(rename = "pwdGraceAuthNLimit")]
    pub grace_authn_limit: u32,
    /// `pwdLockout`: lock after `pwdMaxFailure` failures.
    #[serde(rename = "pwdLockout")]
    pub lockout: bool,
    /// `pwdMaxFailure`.
    #[serde(rename = "pwdMaxFailure")]
    pub max_failure: u32,
    /// `pwdLockoutDuration`, seconds; 0: until an administrator unlocks.
    #[serde(rename = "pwdLockoutDuration")]
    pub lockout_duration: u64,
    /// `pwdFailureCountInterval`, seconds; 0: failures are never forgotten.
    #[serde(rename = "pwdFailureCountInterval")]
    pub failure_count_interval: u64,
    /// `pwdMustChange`: a reset by an administrator forces a change.
    #[serde(rename = "pwdMustChange")]
    pub must_change: bool,
    /// `pwdAllowUserChange` (default true).
    #[serde(rename = "pwdAllowUserChange")]
    pub allow_user_change: bool,
    /// `pwdSafeModify`: a change must carry the old password.
    #[serde(rename = "pwdSafeModify")]
    pub safe_modify: bool,
}

impl Default for Ppolicy {
    fn default() -> Self {
        Self {
            attribute: "userPassword".into(),
            min_length: 0,
            max_length: 0,
            check_quality: 0,
            in_history: 0,
            min_age: 0,
            max_age: 0,
            expire_warning: 0,
            grace_authn_limit: 0,
            lockout: false,
            max_failure: 0,
            lockout_duration: 0,
            failure_count_interval: 0,
            must_change: false,
            allow_user_change: true,
            safe_modify: false,
        }
    }
}

impl Ppolicy {
    /// Folds the overlay's rules into a policy being built: UTF-8 byte lengths, and the
    /// length limits only when the overlay checks quality (`pwdCheckQuality` 1 or 2).
    pub(crate) fn fold_into(&self, rules: &mut Folded) -> Result<(), PolicyError> {
        self.check()?;
        rules.unit = LengthUnit::Utf8Bytes;
        if self.checks_quality() {
            rules.min_length = rules.min_length.max(self.min_length);
            if self.max_length > 0 {
                rules.max_length = Some(
                    rules
                        .max_length
                        .map_or(self.max_length, |m| m.min(self.max_length)),
                );
            }
        }
        rules.history = rules.history.max(self.in_history);
        rules.ages = AgeRules {
            min_age: seconds(self.min_age),
            max_age: seconds(self.max_age),
            expire_warning: seconds(self.expire_warning),
        };
        rules.lockout = LockoutRules {
            threshold: self.lockout_threshold(),
            duration: seconds(self.lockout_duration),
            observation_window: seconds(self.failure_count_interval),
        };
        rules.must_change_after_reset = self.must_change;
        Ok(())
    }

    /// Reads a `pwdPolicy` entry's attributes (LDAP string values, by name,
    /// case-insensitive); other attributes are ignored.
    ///
    /// ```
    /// let p = passforge::Ppolicy::from_attributes([
    ///     ("pwdMinLength", "12"), ("pwdCheckQuality", "2"), ("pwdLockout", "TRUE"),
    ///     ("pwdMaxFailure", "5"), ("objectClass", "pwdPolicy"),
    /// ])?;
    /// assert_eq!((p.min_length, p.check_quality, p.lockout_threshold()), (12, 2, 5));
    /// # Ok::<(), passforge::PolicyError>(())
    /// ```
    pub fn from_attributes<'a, I>(attributes: I) -> Result<Self, PolicyError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut p = Self::default();
        for (name, value) in attributes {
            let v = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "pwdattribute" => p.attribute = v.to_owned(),
                "pwdminlength" => p.min_length = number(name, v)?,
                "pwdmaxlength" => p.max_length = number(name, v)?,
                "pwdcheckquality" => p.check_quality = number(name, v)?,
                "pwdinhistory" => p.in_history = number(name, v)?,
                "pwdminage" => p.min_age = number(name, v)?,
                "pwdmaxage" => p.max_age = number(name, v)?,
                "pwdexpirewarning" => p.expire_warning = number(name, v)?,
                "pwdgraceauthnlimit" => p.grace_authn_limit = number(name, v)?,
                "pwdlockout" => p.lockout = boolean(name, v)?,
                "pwdmaxfailure" => p.max_failure = number(name, v)?,
                "pwdlockoutduration" => p.lockout_duration = number(name, v)?,
                "pwdfailurecountinterval" => p.failure_count_interval = number(name, v)?,
                "pwdmustchange" => p.must_change = boolean(name, v)?,
                "pwdallowuserchange" => p.allow_user_change = boolean(name, v)?,
                "pwdsafemodify" => p.safe_modify = boolean(name, v)?,
                _ => {}
            }
        }
        p.check()?;
        Ok(p)
    }

    /// Whether the overlay checks length at all (`pwdCheckQuality` 1 or 2).
    pub fn checks_quality(&self) -> bool {
        self.check_quality > 0
    }

    /// Failures before a lockout; 0 never locks.
    pub fn lockout_threshold(&self) -> u32 {
        if self.lockout {
            self.max_failure
        } else {
            0
        }
    }

    pub(crate) fn check(&self) -> Result<(), PolicyError> {
        if self.check_quality > 2 {
            return Err(PolicyError::OutOfRange {
                key: "pwdCheckQuality",
                value: self.check_quality.into(),
                accepted: "0, 1 or 2",
            });
        }
        if self.checks_quality() && self.max_length != 0 && self.min_length > self.max_length {
            return Err(PolicyError::LengthRange {
                min: self.min_length,
                max: self.max_length,
            });
        }
        Ok(())
    }
}

/// Seconds, with 0 meaning none.
pub(crate) fn seconds(s: u64) -> Option<Duration> {
    (s != 0).then(|| Duration::from_secs(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_entry() {
        let p = Ppolicy::from_attributes([
            ("pwdMinLength", "8"),
            ("pwdMaxLength", "64"),
            ("pwdCheckQuality", "1"),
            ("pwdInHistory", "5"),
            ("pwdMaxAge", "7776000"),
            ("pwdLockout", "TRUE"),
            ("pwdMaxFailure", "3"),
            ("pwdMustChange", "TRUE"),
        ])
        .unwrap();
        assert_eq!((p.min_length, p.max_length, p.in_history), (8, 64, 5));
        assert_eq!(p.lockout_threshold(), 3);
        assert!(p.must_change && p.allow_user_change);
        assert_eq!(seconds(p.max_age), Some(Duration::from_secs(7_776_000)));
        assert_eq!(seconds(p.min_age), None);
    }

    #[test]
    fn refuses_bad_values() {
        let e = Ppolicy::from_attributes([("pwdCheckQuality", "3")]).unwrap_err();
        assert_eq!(e.code(), "POLICY_OUT_OF_RANGE");
        let e = Ppolicy::from_attributes([("pwdLockout", "yes")]).unwrap_err();
        assert_eq!(e.code(), "POLICY_INVALID_ATTRIBUTE");
        let e = Ppolicy::from_attributes([
            ("pwdCheckQuality", "2"),
            ("pwdMinLength", "9"),
            ("pwdMaxLength", "8"),
        ])
        .unwrap_err();
        assert_eq!(e.code(), "POLICY_LENGTH_RANGE");
    }
}
