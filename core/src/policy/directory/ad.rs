//! Active Directory password policies: the domain object's attributes or a PSO's,
//! FILETIME durations, and the choice of the effective PSO (MS-ADTS, MS-SAMR 3.1.1.7).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::policy::category::{CharacterClasses, LengthUnit};
use crate::policy::directory::ldap_value::{boolean, number};
use crate::policy::error::PolicyError;
use crate::policy::rules::{Folded, LockoutRules, AD_MAX_LENGTH};
use crate::time::filetime::{interval_magnitude, AD_NEVER};

/// AD accepts at most 255 as a minimum length (and caps passwords at 256).
const MAX_MIN_PWD_LENGTH: u32 = 255;
/// The complexity bit of `pwdProperties` (DOMAIN_PASSWORD_COMPLEX).
pub const DOMAIN_PASSWORD_COMPLEX: u32 = 0x1;

/// An AD domain password policy, by the domain object's attribute names (the `[ad]`
/// table of a policy file). Durations are FILETIME tick counts as AD stores them:
/// negative, with 0 or `i64::MIN` (`0x8000000000000000`) meaning "never". Missing keys are 0.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct AdPolicy {
    /// `minPwdLength` (`msDS-MinimumPasswordLength`), in UTF-16 code units, 0-255.
    #[serde(rename = "minPwdLength")]
    pub min_pwd_length: u32,
    /// `pwdProperties`; bit 0x1 turns complexity on. A PSO's
    /// `msDS-PasswordComplexityEnabled` maps to that bit.
    #[serde(rename = "pwdProperties")]
    pub pwd_properties: u32,
    /// `pwdHistoryLength` (`msDS-PasswordHistoryLength`).
    #[serde(rename = "pwdHistoryLength")]
    pub pwd_history_length: u32,
    /// `maxPwdAge` (`msDS-MaximumPasswordAge`), FILETIME ticks.
    #[serde(rename = "maxPwdAge")]
    pub max_pwd_age: i64,
    /// `minPwdAge` (`msDS-MinimumPasswordAge`), FILETIME ticks.
    #[serde(rename = "minPwdAge")]
    pub min_pwd_age: i64,
    /// `lockoutThreshold` (`msDS-LockoutThreshold`); 0 never locks.
    #[serde(rename = "lockoutThreshold")]
    pub lockout_threshold: u32,
    /// `lockoutDuration` (`msDS-LockoutDuration`), FILETIME ticks; 0 or never: until an
    /// administrator unlocks.
    #[serde(rename = "lockoutDuration")]
    pub lockout_duration: i64,
    /// `lockOutObservationWindow` (`msDS-LockoutObservationWindow`), FILETIME ticks.
    #[serde(rename = "lockOutObservationWindow")]
    pub lockout_observation_window: i64,
}

impl AdPolicy {
    /// Folds the domain's rules into a policy being built: UTF-16 lengths capped at 256,
    /// AD's categories, and with complexity the 3-of-5 and account/display-name rules.
    pub(crate) fn fold_into(&self, rules: &mut Folded) -> Result<(), PolicyError> {
        self.check()?;
        rules.unit = LengthUnit::Utf16;
        rules.classes = CharacterClasses::ActiveDirectory;
        rules.min_length = rules.min_length.max(self.min_pwd_length);
        rules.max_length = Some(
            rules
                .max_length
                .map_or(AD_MAX_LENGTH, |m| m.min(AD_MAX_LENGTH)),
        );
        if self.complexity() {
            rules.min_categories = rules.min_categories.max(3);
            rules.forbid_username = true;
            rules.forbid_display_name = true;
        }
        rules.history = rules.history.max(self.pwd_history_length);
        rules.ages.min_age = self.min_age();
        rules.ages.max_age = self.max_age();
        rules.lockout = LockoutRules {
            threshold: self.lockout_threshold,
            duration: self.lockout_duration(),
            observation_window: self.lockout_observation_window(),
        };
        Ok(())
    }

    /// Reads a domain object's or a PSO's attributes (LDAP string values, by name,
    /// case-insensitive). Attributes that are not password settings (`cn`,
    /// `objectClass`, `msDS-PSOAppliesTo`…) are ignored.
    ///
    /// ```
    /// let p = passforge::AdPolicy::from_attributes([
    ///     ("msDS-MinimumPasswordLength", "14"),
    ///     ("msDS-PasswordComplexityEnabled", "TRUE"),
    ///     ("msDS-MaximumPasswordAge", "-36288000000000"),
    /// ])?;
    /// assert_eq!(p.min_pwd_length, 14);
    /// assert!(p.complexity());
    /// assert_eq!(p.max_age().unwrap().as_secs(), 42 * 86_400);
    /// # Ok::<(), passforge::PolicyError>(())
    /// ```
    pub fn from_attributes<'a, I>(attributes: I) -> Result<Self, PolicyError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut p = Self::default();
        for (name, value) in attributes {
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "minpwdlength" | "msds-minimumpasswordlength" => {
                    p.min_pwd_length = number(name, value)?
                }
                "pwdproperties" => p.pwd_properties = number(name, value)?,
                "msds-passwordcomplexityenabled" => {
                    if boolean(name, value)? {
                        p.pwd_properties |= DOMAIN_PASSWORD_COMPLEX;
                    } else {
                        p.pwd_properties &= !DOMAIN_PASSWORD_COMPLEX;
                    }
                }
                "pwdhistorylength" | "msds-passwordhistorylength" => {
                    p.pwd_history_length = number(name, value)?
                }
                "maxpwdage" | "msds-maximumpasswordage" => p.max_pwd_age = number(name, value)?,
                "minpwdage" | "msds-minimumpasswordage" => p.min_pwd_age = number(name, value)?,
                "lockoutthreshold" | "msds-lockoutthreshold" => {
                    p.lockout_threshold = number(name, value)?
                }
                "lockoutduration" | "msds-lockoutduration" => {
                    p.lockout_duration = number(name, value)?
                }
                "lockoutobservationwindow" | "msds-lockoutobservationwindow" => {
                    p.lockout_observation_window = number(name, value)?
                }
                _ => {}
            }
        }
        p.check()?;
        Ok(p)
    }

    /// Whether complexity (rules 2a, 2b, 2c) is on.
    pub fn complexity(&self) -> bool {
        self.pwd_properties & DOMAIN_PASSWORD_COMPLEX != 0
    }

    /// The maximum age; `None` when passwords never expire.
    pub fn max_age(&self) -> Option<Duration> {
        filetime_duration(self.max_pwd_age)
    }

    /// The minimum age; `None` when there is none.
    pub fn min_age(&self) -> Option<Duration> {
        filetime_duration(self.min_pwd_age)
    }

    /// How long a lockout lasts; `None`: until an administrator unlocks.
    pub fn lockout_duration(&self) -> Option<Duration> {
        filetime_duration(self.lockout_duration)
    }

    /// After how long failed attempts are forgotten; `None`: never.
    pub fn lockout_observation_window(&self) -> Option<Duration> {
        if self.lockout_observation_window == AD_NEVER {
            None
        } else {
            Some(interval_magnitude(self.lockout_observation_window))
        }
    }

    pub(crate) fn check(&self) -> Result<(), PolicyError> {
        if self.min_pwd_length > MAX_MIN_PWD_LENGTH {
            return Err(PolicyError::OutOfRange {
                key: "minPwdLength",
                value: self.min_pwd_length.into(),
                accepted: "0 to 255",
            });
        }
        for (key, ticks) in [
            ("maxPwdAge", self.max_pwd_age),
            ("minPwdAge", self.min_pwd_age),
            ("lockoutDuration", self.lockout_duration),
            ("lockOutObservationWindow", self.lockout_observation_window),
        ] {
            if ticks > 0 {
                return Err(PolicyError::OutOfRange {
                    key,
                    value: ticks.into(),
                    accepted: "negative FILETIME ticks (-864000000000 = 1 day), 0, or \
                               -9223372036854775808 for never",
                });
            }
        }
        Ok(())
    }
}

/// An AD policy duration: `None` for 0 and `AD_NEVER`, else the magnitude of the
/// (negative) tick count. (Positive values are refused by [`AdPolicy::check`].)
pub(crate) fn filetime_duration(ticks: i64) -> Option<Duration> {
    if ticks == 0 || ticks == AD_NEVER {
        None
    } else {
        Some(interval_magnitude(ticks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_attributes_and_filetime() {
        let p = AdPolicy::from_attributes([
            ("minPwdLength", "10"),
            ("pwdProperties", "1"),
            ("pwdHistoryLength", "24"),
            ("maxPwdAge", "-9223372036854775808"),
            ("minPwdAge", "-864000000000"),
            ("lockoutThreshold", "5"),
            ("lockoutDuration", "-18000000000"),
            ("lockOutObservationWindow", "-18000000000"),
            ("objectClass", "domainDNS"),
        ])
        .unwrap();
        assert_eq!(p.min_pwd_length, 10);
        assert!(p.complexity());
        assert_eq!(p.max_age(), None);
        assert_eq!(p.min_age(), Some(Duration::from_secs(86_400)));
        assert_eq!(p.lockout_duration(), Some(Duration::from_secs(1800)));
        assert_eq!(
            p.lockout_observation_window(),
            Some(Duration::from_secs(1800))
        );
        assert_eq!(filetime_duration(-1), Some(Duration::from_nanos(100)));
    }

    #[test]
    fn pso_attributes_and_errors() {
        let p = AdPolicy::from_attributes([
            ("msDS-PasswordComplexityEnabled", "false"),
            ("msDS-LockoutDuration", "0"),
        ])
        .unwrap();
        assert!(!p.complexity());
        assert_eq!(p.lockout_duration(), None);
        let e = AdPolicy::from_attributes([("minPwdLength", "ten")]).unwrap_err();
        assert_eq!(e.code(), "POLICY_INVALID_ATTRIBUTE");
        let e = AdPolicy::from_attributes([("maxPwdAge", "864000000000")]).unwrap_err();
        assert_eq!(e.code(), "POLICY_OUT_OF_RANGE");
        let e = AdPolicy::from_attributes([("minPwdLength", "256")]).unwrap_err();
        assert!(e.to_string().contains("minPwdLength"), "{e}");
    }
}
