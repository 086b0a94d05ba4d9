//! Active Directory password policies: the domain object's attributes or a PSO's,
//! FILETIME durations, and the choice of the effective PSO (MS-ADTS, MS-SAMR 3.1.1.7).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::policy::directory::ldap_value::{boolean, number};
use crate::policy::error::PolicyError;
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

/// How a PSO reaches the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PsoLink {
    /// `msDS-PSOAppliesTo` names the user.
    Direct,
    /// It names a group the user belongs to (directly or nested).
    Group,
}

/// A PSO that applies to a user, for [`resolve_pso`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PsoCandidate {
    /// Its settings.
    pub policy: AdPolicy,
    /// `msDS-PasswordSettingsPrecedence`; lower wins.
    pub precedence: u32,
    /// How it is linked to the user.
    pub link: PsoLink,
    /// `objectGUID` as stored (16 bytes); the lowest wins a precedence tie.
    pub object_guid: [u8; 16],
}

/// The resultant PSO (`msDS-ResultantPSO`): directly linked PSOs beat group-linked
/// ones; then the lowest precedence; then the lowest `objectGUID`. `None` when no PSO
/// applies, and the domain policy is in force.
///
/// ```
/// use passforge::{resolve_pso, AdPolicy, PsoCandidate, PsoLink};
/// let pso = |precedence, link, min| PsoCandidate {
///     policy: AdPolicy { min_pwd_length: min, ..AdPolicy::default() },
///     precedence, link, object_guid: [0; 16],
/// };
/// let psos = [pso(1, PsoLink::Group, 20), pso(50, PsoLink::Direct, 8)];
/// assert_eq!(resolve_pso(&psos).unwrap().policy.min_pwd_length, 8);
/// ```
pub fn resolve_pso(candidates: &[PsoCandidate]) -> Option<&PsoCandidate> {
    candidates.iter().min_by(|a, b| {
        let rank = |p: &PsoCandidate| p.link == PsoLink::Group;
        rank(a)
            .cmp(&rank(b))
            .then(a.precedence.cmp(&b.precedence))
            .then(a.object_guid.cmp(&b.object_guid))
    })
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

    #[test]
    fn pso_precedence() {
        let pso = |precedence, link, guid: u8| PsoCandidate {
            policy: AdPolicy::default(),
            precedence,
            link,
            object_guid: [guid; 16],
        };
        assert_eq!(resolve_pso(&[]), None);
        let psos = [
            pso(10, PsoLink::Group, 1),
            pso(5, PsoLink::Group, 2),
            pso(30, PsoLink::Direct, 3),
            pso(20, PsoLink::Direct, 4),
        ];
        assert_eq!(resolve_pso(&psos).unwrap().object_guid, [4; 16]);
        let groups = [pso(10, PsoLink::Group, 1), pso(5, PsoLink::Group, 2)];
        assert_eq!(resolve_pso(&groups).unwrap().object_guid, [2; 16]);
        let tie = [pso(5, PsoLink::Group, 9), pso(5, PsoLink::Group, 3)];
        assert_eq!(resolve_pso(&tie).unwrap().object_guid, [3; 16]);
    }
}
