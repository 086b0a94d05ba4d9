//! Password expiry and reminders: when a password expires (Active Directory's
//! `msDS-UserPasswordExpiryTimeComputed` rules), how many days are left, whether to remind,
//! and the reminder job's random delay.

use std::time::Duration;

use rand_core::{CryptoRng, RngCore};

use crate::random::rng::uniform_u64_below;
use crate::random::source::os_rng;
use crate::random::source::RandomSourceError;
use crate::time::error::{ExpiryError, TimeError};
use crate::time::timestamp::Timestamp;

const SECONDS_PER_DAY: u64 = 86_400;
const NANOS_PER_DAY: i128 = 86_400_000_000_000;

/// When the password was last changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordLastSet {
    /// The password must be changed at next logon (`pwdLastSet` = 0).
    MustChange,
    /// The password was set at this instant.
    At(Timestamp),
}

impl PasswordLastSet {
    /// Reads AD's `pwdLastSet` (a FILETIME): 0 means "must change now"; other values are
    /// instants; negative values are refused (−1 can be written, but reads never return it).
    pub fn from_pwd_last_set(filetime: i64) -> Result<Self, ExpiryError> {
        if filetime == 0 {
            return Ok(Self::MustChange);
        }
        Ok(Self::At(Timestamp::from_filetime(filetime)?))
    }
}

/// How long a password may be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxPasswordAge {
    /// Passwords never expire.
    Never,
    /// Passwords expire this long after they are set.
    After(Duration),
}

impl MaxPasswordAge {
    /// A maximum age in whole days (the reminder platform's "password expiration policy in
    /// days", default 60). `0` means never, as it does for AD's `maxPwdAge` and
    /// OpenLDAP's `pwdMaxAge`.
    pub fn from_days(days: u32) -> Self {
        if days == 0 {
            Self::Never
        } else {
            Self::After(Duration::from_secs(u64::from(days) * SECONDS_PER_DAY))
        }
    }

    /// Reads AD's `maxPwdAge` (or `msDS-MaximumPasswordAge`): a negative 100 ns tick count.
    /// `0x8000000000000000` (`i64::MIN`) and `0` mean never; positive values are refused.
    pub fn from_ad_interval(interval: i64) -> Result<Self, ExpiryError> {
        if interval == 0 || interval == crate::time::filetime::AD_NEVER {
            return Ok(Self::Never);
        }
        Ok(Self::After(
            crate::time::filetime::duration_from_ad_interval(interval)?,
        ))
    }
}

/// AD `userAccountControl` flags. Only the bits that decide expiry are interpreted; the
/// others are kept as given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct UserAccountControl(u32);

impl UserAccountControl {
    /// `ADS_UF_INTERDOMAIN_TRUST_ACCOUNT`: a trust account for another domain.
    pub const INTERDOMAIN_TRUST_ACCOUNT: u32 = 0x0800;
    /// `ADS_UF_WORKSTATION_TRUST_ACCOUNT`: a computer account.
    pub const WORKSTATION_TRUST_ACCOUNT: u32 = 0x1000;
    /// `ADS_UF_SERVER_TRUST_ACCOUNT`: a domain controller's computer account.
    pub const SERVER_TRUST_ACCOUNT: u32 = 0x2000;
    /// `ADS_UF_DONT_EXPIRE_PASSWD`: the password never expires.
    pub const DONT_EXPIRE_PASSWORD: u32 = 0x1_0000;
    /// `ADS_UF_SMARTCARD_REQUIRED`: logon needs a smart card; the password never expires.
    pub const SMARTCARD_REQUIRED: u32 = 0x4_0000;

    /// The bits any one of which makes the password never expire (MS-ADTS,
    /// `msDS-UserPasswordExpiryTimeComputed`).
    pub const NEVER_EXPIRES_MASK: u32 = Self::DONT_EXPIRE_PASSWORD
        | Self::SMARTCARD_REQUIRED
        | Self::INTERDOMAIN_TRUST_ACCOUNT
        | Self::WORKSTATION_TRUST_ACCOUNT
        | Self::SERVER_TRUST_ACCOUNT;

    /// Wraps the attribute's value.
    pub const fn from_bits(bits: u32) -> Self {
        Self(bits)
    }

    /// The attribute's value.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether any of [`UserAccountControl::NEVER_EXPIRES_MASK`] is set.
    pub const fn password_never_expires(self) -> bool {
        self.0 & Self::NEVER_EXPIRES_MASK != 0
    }
}

/// When a password expires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// It never expires.
    Never,
    /// It has to be changed now (`pwdLastSet` = 0). AD reports the expiry as FILETIME 0,
    /// and so does [`Expiry::instant`]: 1601-01-01T00:00:00Z.
    MustChange,
    /// It expires at this instant.
    At(Timestamp),
}

impl Expiry {
    /// Applies AD's rules, in this order: any never-expires flag in `flags` gives
    /// [`Expiry::Never`]; a last change of [`PasswordLastSet::MustChange`] gives
    /// [`Expiry::MustChange`]; a [`MaxPasswordAge::Never`] gives [`Expiry::Never`];
    /// otherwise the expiry is the last change plus the maximum age.
    ///
    /// ```
    /// use passforge::{Expiry, MaxPasswordAge, PasswordLastSet, Timestamp, UserAccountControl};
    /// let set = PasswordLastSet::At(Timestamp::parse_rfc3339("2024-01-01T00:00:00Z")?);
    /// let expiry = Expiry::compute(set, MaxPasswordAge::from_days(60), UserAccountControl::default())?;
    /// let status = expiry.status(Timestamp::parse_rfc3339("2024-02-01T00:00:00Z")?, 30);
    /// assert_eq!(status.days_remaining, Some(29));
    /// assert!(status.remind && !status.expired);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compute(
        last_set: PasswordLastSet,
        max_age: MaxPasswordAge,
        flags: UserAccountControl,
    ) -> Result<Self, ExpiryError> {
        if flags.password_never_expires() {
            return Ok(Self::Never);
        }
        let set_at = match last_set {
            PasswordLastSet::MustChange => return Ok(Self::MustChange),
            PasswordLastSet::At(t) => t,
        };
        match max_age {
            MaxPasswordAge::Never => Ok(Self::Never),
            MaxPasswordAge::After(age) => {
                set_at
                    .checked_add(age)
                    .map(Self::At)
                    .ok_or(ExpiryError::Time(TimeError::OutOfRange {
                        what: "a timestamp",
                    }))
            }
        }
    }

    /// The expiry instant, or `None` for [`Expiry::Never`].
    pub fn instant(self) -> Option<Timestamp> {
        match self {
            Self::Never => None,
            Self::MustChange => Some(MUST_CHANGE_INSTANT),
            Self::At(t) => Some(t),
        }
    }

    /// The value AD would give `msDS-UserPasswordExpiryTimeComputed`: `0x7FFFFFFFFFFFFFFF`
    /// for never, 0 for must change, else the FILETIME of the instant.
    pub fn to_filetime(self) -> Result<i64, TimeError> {
        match self {
            Self::Never => Ok(i64::MAX),
            Self::MustChange => Ok(0),
            Self::At(t) => t.to_filetime(),
        }
    }

    /// Where `now` stands against this expiry, reminding when fewer than `remind_days`
    /// days are left (the reminder platform's threshold, default 30).
    pub fn status(self, now: Timestamp, remind_days: u32) -> ExpiryStatus {
        let Some(expires_at) = self.instant() else {
            return ExpiryStatus {
                expires_at: None,
                days_remaining: None,
                expired: false,
                remind: false,
            };
        };
        let left = expires_at.nanos_since(now);
        // Two i64-second instants differ by less than 2^65 s, i.e. 2^49 days: fits an i64.
        let days = i64::try_from(left.div_euclid(NANOS_PER_DAY)).unwrap_or(i64::MIN);
        let expired = now >= expires_at;
        ExpiryStatus {
            expires_at: Some(expires_at),
            days_remaining: Some(days),
            expired,
            remind: !expired && days < i64::from(remind_days),
        }
    }
}

/// FILETIME 0, the instant AD gives a password that must be changed now.
const MUST_CHANGE_INSTANT: Timestamp = Timestamp::from_unix_seconds(-11_644_473_600);

/// Where an instant stands against a password's expiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiryStatus {
    /// The expiry instant; `None` when the password never expires.
    pub expires_at: Option<Timestamp>,
    /// `floor((expires_at - now) / 86400 s)`: whole days left, rounded towards the past
    /// (so −1 from the first second after expiry); `None` when it never expires.
    pub days_remaining: Option<i64>,
    /// `now >= expires_at`.
    pub expired: bool,
    /// Not expired, and `days_remaining` is strictly below the reminder threshold.
    pub remind: bool,
}

/// The reminder job's random delay before each check, so that clients do not hit the
/// domain controllers at once: uniform in `[0, max)` at nanosecond resolution, with
/// `max` under [`ReminderDelay::LIMIT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReminderDelay {
    max: Duration,
}

impl ReminderDelay {
    /// The maximum delay must be under this (600 s).
    pub const LIMIT: Duration = Duration::from_secs(600);
    /// The default maximum delay (60 s).
    pub const DEFAULT_MAX: Duration = Duration::from_secs(60);

    /// A delay uniform in `[0, max)`; a `max` of zero means no delay. Refuses a `max` of
    /// [`ReminderDelay::LIMIT`] or more.
    pub fn new(max: Duration) -> Result<Self, ExpiryError> {
        if max >= Self::LIMIT {
            return Err(ExpiryError::DelayTooLong {
                requested_millis: max.as_millis(),
            });
        }
        Ok(Self { max })
    }

    /// The exclusive upper bound of the delay.
    pub fn max(&self) -> Duration {
        self.max
    }

    /// Draws a delay from `rng`, without bias.
    pub fn sample_with<R: RngCore + CryptoRng + ?Sized>(&self, rng: &mut R) -> Duration {
        // Below 600 s, i.e. below 2^40 nanoseconds.
        let bound = self.max.as_nanos() as u64;
        Duration::from_nanos(uniform_u64_below(rng, bound))
    }

    /// Draws a delay from the operating system's randomness.
    pub fn sample(&self) -> Result<Duration, RandomSourceError> {
        Ok(self.sample_with(&mut os_rng()?))
    }
}

impl Default for ReminderDelay {
    fn default() -> Self {
        Self {
            max: Self::DEFAULT_MAX,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DeterministicRng;

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse_rfc3339(text).unwrap()
    }

    fn at(text: &str, days: u32) -> Expiry {
        Expiry::compute(
            PasswordLastSet::At(ts(text)),
            MaxPasswordAge::from_days(days),
            UserAccountControl::default(),
        )
        .unwrap()
    }

    #[test]
    fn one_second_before_and_exactly_at_expiry() {
        let e = at("2024-01-01T00:00:00Z", 60);
        assert_eq!(e.instant(), Some(ts("2024-03-01T00:00:00Z"))); // 2024 is a leap year
        let before = e.status(ts("2024-02-29T23:59:59Z"), 30);
        assert_eq!(before.days_remaining, Some(0));
        assert!(!before.expired && before.remind);
        let on = e.status(ts("2024-03-01T00:00:00Z"), 30);
        assert_eq!(on.days_remaining, Some(0));
        assert!(on.expired && !on.remind);
        let after = e.status(ts("2024-03-01T00:00:01Z"), 30);
        assert_eq!(after.days_remaining, Some(-1));
        assert!(after.expired && !after.remind);
    }

    #[test]
    fn threshold_is_strict() {
        let e = at("2023-01-01T00:00:00Z", 60); // 2023-03-02
        let exactly_30 = e.status(ts("2023-01-31T00:00:00Z"), 30);
        assert_eq!(exactly_30.days_remaining, Some(30));
        assert!(!exactly_30.remind);
        let just_under = e.status(ts("2023-01-31T00:00:01Z"), 30);
        assert_eq!(just_under.days_remaining, Some(29));
        assert!(just_under.remind);
        assert!(!e.status(ts("2023-01-31T00:00:01Z"), 0).remind);
    }

    #[test]
    fn flags_win_over_must_change_and_ages() {
        for bit in [
            UserAccountControl::DONT_EXPIRE_PASSWORD,
            UserAccountControl::SMARTCARD_REQUIRED,
            UserAccountControl::INTERDOMAIN_TRUST_ACCOUNT,
            UserAccountControl::WORKSTATION_TRUST_ACCOUNT,
            UserAccountControl::SERVER_TRUST_ACCOUNT,
        ] {
            let flags = UserAccountControl::from_bits(0x200 | bit);
            let e = Expiry::compute(
                PasswordLastSet::MustChange,
                MaxPasswordAge::from_days(1),
                flags,
            );
            assert_eq!(e.unwrap(), Expiry::Never);
        }
        let normal = UserAccountControl::from_bits(0x200);
        assert!(!normal.password_never_expires());
        let e =
            Expiry::compute(PasswordLastSet::MustChange, MaxPasswordAge::Never, normal).unwrap();
        assert_eq!(e, Expiry::MustChange);
        let s = e.status(ts("2024-01-01T00:00:00Z"), 30);
        assert!(s.expired && !s.remind);
        assert_eq!(
            s.expires_at.unwrap().to_rfc3339().unwrap(),
            "1601-01-01T00:00:00Z"
        );
        assert_eq!(e.to_filetime().unwrap(), 0);
    }

    #[test]
    fn never_sentinels() {
        assert_eq!(
            MaxPasswordAge::from_ad_interval(0).unwrap(),
            MaxPasswordAge::Never
        );
        assert_eq!(
            MaxPasswordAge::from_ad_interval(i64::MIN).unwrap(),
            MaxPasswordAge::Never
        );
        assert_eq!(MaxPasswordAge::from_days(0), MaxPasswordAge::Never);
        assert_eq!(
            MaxPasswordAge::from_ad_interval(-36_288_000_000_000).unwrap(),
            MaxPasswordAge::from_days(42)
        );
        assert_eq!(
            MaxPasswordAge::from_ad_interval(5).unwrap_err().code(),
            "INTERVAL_POSITIVE"
        );
        let e = Expiry::compute(
            PasswordLastSet::At(Timestamp::UNIX_EPOCH),
            MaxPasswordAge::Never,
            UserAccountControl::default(),
        )
        .unwrap();
        assert_eq!(e, Expiry::Never);
        assert_eq!(e.to_filetime().unwrap(), i64::MAX);
        let s = e.status(Timestamp::UNIX_EPOCH, 30);
        assert_eq!(
            (s.expires_at, s.days_remaining, s.expired, s.remind),
            (None, None, false, false)
        );
    }

    #[test]
    fn pwd_last_set_edges() {
        assert_eq!(
            PasswordLastSet::from_pwd_last_set(0).unwrap(),
            PasswordLastSet::MustChange
        );
        assert_eq!(
            PasswordLastSet::from_pwd_last_set(-1).unwrap_err().code(),
            "FILETIME_NEGATIVE"
        );
        // The largest FILETIME plus the largest interval does not overflow.
        let set = PasswordLastSet::from_pwd_last_set(i64::MAX).unwrap();
        let age = MaxPasswordAge::from_ad_interval(-i64::MAX).unwrap();
        let e = Expiry::compute(set, age, UserAccountControl::default()).unwrap();
        assert!(e.to_filetime().is_err());
        let s = e.status(Timestamp::from_unix_seconds(i64::MIN), 30);
        assert!(s.days_remaining.unwrap() > 0);
        // Extreme instants far apart do not overflow the day count.
        let far = Expiry::At(Timestamp::from_unix_seconds(i64::MIN));
        let s = far.status(Timestamp::from_unix_seconds(i64::MAX), 30);
        assert!(s.expired && s.days_remaining.unwrap() < 0);
    }

    #[test]
    fn overflowing_expiry_is_an_error() {
        let set = PasswordLastSet::At(Timestamp::from_unix_seconds(i64::MAX));
        let err = Expiry::compute(
            set,
            MaxPasswordAge::from_days(1),
            UserAccountControl::default(),
        );
        assert_eq!(err.unwrap_err().code(), "TIME_OUT_OF_RANGE");
    }

    #[test]
    fn reminder_delay_bounds() {
        assert_eq!(ReminderDelay::default().max(), Duration::from_secs(60));
        assert!(ReminderDelay::new(Duration::from_secs(599)).is_ok());
        let err = ReminderDelay::new(Duration::from_secs(600)).unwrap_err();
        assert_eq!(err.code(), "REMINDER_DELAY_TOO_LONG");
        let zero = ReminderDelay::new(Duration::ZERO).unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(3);
        assert_eq!(zero.sample_with(&mut rng), Duration::ZERO);
        assert!(ReminderDelay::default().sample().unwrap() < Duration::from_secs(60));
    }

    #[test]
    fn reminder_delay_is_uniform() {
        let d = ReminderDelay::new(Duration::from_nanos(3)).unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(9);
        let mut hist = [0u32; 3];
        for _ in 0..30_000 {
            hist[d.sample_with(&mut rng).as_nanos() as usize] += 1;
        }
        for h in hist {
            assert!((9_500..10_500).contains(&h), "{hist:?}");
        }
        let d = ReminderDelay::default();
        let samples: Vec<Duration> = (0..2_000).map(|_| d.sample_with(&mut rng)).collect();
        assert!(samples.iter().all(|s| *s < Duration::from_secs(60)));
        let mean = samples.iter().map(Duration::as_secs_f64).sum::<f64>() / 2_000.0;
        assert!((27.0..33.0).contains(&mean), "{mean}");
    }
}
