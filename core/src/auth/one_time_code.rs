//! One-time codes sent by SMS or e-mail: uniform decimal codes, expiry, an attempt limit,
//! and the sending rate rules as pure functions over the previous send instants.

use std::fmt;
use std::time::Duration;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::auth::error::OneTimeCodeError;
use crate::random::rng::uniform_u64_below;
use crate::random::source::os_rng;
use crate::random::source::RandomSourceError;
use crate::time::timestamp::Timestamp;

/// One-time-code settings as users write them, with the ITSM platform's defaults. Turn
/// them into a [`OneTimeCodePolicy`] (where validation happens).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OneTimeCodeSettings {
    /// Digits in a code, 4 to 10 (default 4).
    pub digits: u32,
    /// Seconds a code stays valid (default 300).
    pub lifetime_seconds: u64,
    /// Codes that may be sent to one user within `send_window_seconds` (default 10).
    pub max_sends: u32,
    /// The rolling window for `max_sends`, in seconds (default 86 400: 24 hours).
    pub send_window_seconds: u64,
    /// Seconds to wait after a send before the next (default 120).
    pub min_seconds_between_sends: u64,
    /// Wrong entries allowed for one code; the code is then dead (default 3).
    pub max_attempts: u32,
}

impl Default for OneTimeCodeSettings {
    fn default() -> Self {
        Self {
            digits: 4,
            lifetime_seconds: 300,
            max_sends: 10,
            send_window_seconds: 86_400,
            min_seconds_between_sends: 120,
            max_attempts: 3,
        }
    }
}

/// Validated one-time-code settings: generates codes and applies the rules.
///
/// ```
/// use passforge::{OneTimeCodePolicy, OneTimeCodeSettings, Timestamp, CodeCheck};
/// let policy = OneTimeCodePolicy::new(&OneTimeCodeSettings::default())?;
/// let now = Timestamp::from_unix_seconds(1_700_000_000);
/// policy.check_send(&[], now).expect("first send is allowed");
/// let code = policy.generate()?; // e.g. "0427"
/// assert_eq!(code.as_str().len(), 4);
/// let check = policy.check(code.as_str(), now, 0, code.as_str(), now);
/// assert_eq!(check, CodeCheck::Valid);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
/// Its `Default` has the default settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OneTimeCodePolicy {
    settings: OneTimeCodeSettings,
}

/// A one-time code: `digits` decimal digits, leading zeros kept. Zeroized on drop,
/// redacted in `Debug`.
#[derive(Clone)]
pub struct OneTimeCode(Zeroizing<String>);

/// Constant-time in the digits, like every comparison of a secret.
impl PartialEq for OneTimeCode {
    fn eq(&self, other: &Self) -> bool {
        bool::from(subtle::ConstantTimeEq::ct_eq(
            self.0.as_bytes(),
            other.0.as_bytes(),
        ))
    }
}

impl Eq for OneTimeCode {}

impl OneTimeCode {
    /// The code's digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OneTimeCode(<redacted>)")
    }
}

/// Why a code may not be sent now, and when it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendRefused {
    /// The previous send was less than the minimum pause ago.
    TooSoon {
        /// The first instant a send is allowed.
        next_allowed_at: Timestamp,
    },
    /// `max_sends` codes were sent within the rolling window.
    LimitReached {
        /// The first instant a send is allowed (the pause is taken into account too).
        next_allowed_at: Timestamp,
    },
}

impl SendRefused {
    /// The first instant a send is allowed.
    pub fn next_allowed_at(&self) -> Timestamp {
        match self {
            Self::TooSoon { next_allowed_at } | Self::LimitReached { next_allowed_at } => {
                *next_allowed_at
            }
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooSoon { .. } => "CODE_SEND_TOO_SOON",
            Self::LimitReached { .. } => "CODE_SEND_LIMIT",
        }
    }
}

impl fmt::Display for SendRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self {
            Self::TooSoon { .. } => "a code was sent too recently",
            Self::LimitReached { .. } => "too many codes were sent",
        };
        write!(
            f,
            "{what}; the next may be sent at {}",
            self.next_allowed_at()
        )
    }
}

impl std::error::Error for SendRefused {}

/// The outcome of checking an entered code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    /// The code is right and still valid.
    Valid,
    /// The code is wrong; the caller records one more failed attempt.
    Wrong {
        /// Attempts left after this one.
        attempts_left: u32,
    },
    /// The code has expired (checked before the code itself).
    Expired,
    /// The attempt limit was already reached (checked first); the code is dead.
    TooManyAttempts,
}

impl OneTimeCodePolicy {
    /// The fewest digits allowed.
    pub const MIN_DIGITS: u32 = 4;
    /// The most digits allowed.
    pub const MAX_DIGITS: u32 = 10;
    /// How far in the future a stored instant (a code's issue time, a send) may lie and
    /// still count as "now": clocks of replicas differ a little, never by more.
    pub const CLOCK_SKEW: Duration = Duration::from_secs(60);

    /// Validates the settings: 4 to 10 digits, and every other value at least 1.
    pub fn new(settings: &OneTimeCodeSettings) -> Result<Self, OneTimeCodeError> {
        if !(Self::MIN_DIGITS..=Self::MAX_DIGITS).contains(&settings.digits) {
            return Err(OneTimeCodeError::Digits {
                digits: settings.digits,
            });
        }
        let zero = |setting| Err(OneTimeCodeError::Zero { setting });
        if settings.lifetime_seconds == 0 {
            return zero("lifetime_seconds");
        }
        if settings.max_sends == 0 {
            return zero("max_sends");
        }
        if settings.send_window_seconds == 0 {
            return zero("send_window_seconds");
        }
        if settings.max_attempts == 0 {
            return zero("max_attempts");
        }
        if settings.min_seconds_between_sends == 0 {
            return zero("min_seconds_between_sends");
        }
        Ok(Self {
            settings: settings.clone(),
        })
    }

    /// The settings.
    pub fn settings(&self) -> &OneTimeCodeSettings {
        &self.settings
    }

    /// A code from `rng`: uniform over all `10^digits` codes, leading zeros kept.
    pub fn generate_with<R: RngCore + CryptoRng + ?Sized>(&self, rng: &mut R) -> OneTimeCode {
        let digits = self.settings.digits as usize;
        // digits <= 10, so 10^digits < 2^34.
        let value = uniform_u64_below(rng, 10u64.pow(self.settings.digits));
        OneTimeCode(Zeroizing::new(format!("{value:0digits$}")))
    }

    /// A code from the operating system's randomness.
    pub fn generate(&self) -> Result<OneTimeCode, RandomSourceError> {
        Ok(self.generate_with(&mut os_rng()?))
    }

    /// When a code issued at `issued_at` stops being valid.
    pub fn expires_at(&self, issued_at: Timestamp) -> Option<Timestamp> {
        issued_at.checked_add(Duration::from_secs(self.settings.lifetime_seconds))
    }

    /// Checks an entered code against the one issued at `issued_at`, for which
    /// `failed_attempts` wrong entries were already recorded. In order: the attempt limit,
    /// the expiry (`now >= issued_at + lifetime`), then the code, compared in constant
    /// time. The caller stores one more failed attempt when the answer is
    /// [`CodeCheck::Wrong`], and discards the code once it is valid, expired or dead.
    pub fn check(
        &self,
        expected: &str,
        issued_at: Timestamp,
        failed_attempts: u32,
        presented: &str,
        now: Timestamp,
    ) -> CodeCheck {
        if failed_attempts >= self.settings.max_attempts {
            return CodeCheck::TooManyAttempts;
        }
        // A code issued after now (beyond the clock skew) would never expire: dead.
        if now
            .checked_add(Self::CLOCK_SKEW)
            .is_some_and(|latest| issued_at > latest)
        {
            return CodeCheck::Expired;
        }
        match self.expires_at(issued_at) {
            Some(end) if now < end => {}
            _ => return CodeCheck::Expired,
        }
        if bool::from(expected.as_bytes().ct_eq(presented.as_bytes())) {
            CodeCheck::Valid
        } else {
            CodeCheck::Wrong {
                attempts_left: self.settings.max_attempts - failed_attempts - 1,
            }
        }
    }

    /// Whether a code may be sent at `now`, given the instants of the previous sends to
    /// the same user (any order; the service stores them). Sends at or before
    /// `now - window` no longer count; a send is allowed from exactly `last + pause` on.
    /// A refusal carries the first instant at which both rules allow a send. A recorded
    /// send up to [`Self::CLOCK_SKEW`] after `now` counts as sent `now`; one further in
    /// the future cannot be a real send and is ignored (an entry in year 9999 must not
    /// block sends until then).
    pub fn check_send(&self, previous: &[Timestamp], now: Timestamp) -> Result<(), SendRefused> {
        let window = Duration::from_secs(self.settings.send_window_seconds);
        let pause = Duration::from_secs(self.settings.min_seconds_between_sends);
        let far = Timestamp::from_unix_parts(i64::MAX, 999_999_999).unwrap_or(now);

        let mut recent: Vec<Timestamp> = previous
            .iter()
            .filter(|&sent| {
                now.checked_add(Self::CLOCK_SKEW)
                    .is_none_or(|latest| *sent <= latest)
            })
            .map(|&sent| sent.min(now))
            .filter(|&sent| sent.checked_add(window).is_none_or(|end| now < end))
            .collect();
        recent.sort_unstable();

        // The pause follows the last plausible send even when it has left the window
        // (a pause longer than the window still holds).
        let last = previous
            .iter()
            .filter(|&&sent| {
                now.checked_add(Self::CLOCK_SKEW)
                    .is_none_or(|latest| sent <= latest)
            })
            .map(|&sent| sent.min(now))
            .max();
        let after_pause = last.map(|last| last.checked_add(pause).unwrap_or(far));
        let max_sends = self.settings.max_sends as usize;
        if recent.len() >= max_sends {
            // The send that must leave the window for the count to drop below the limit.
            let blocking = recent[recent.len() - max_sends];
            let mut next = blocking.checked_add(window).unwrap_or(far);
            if let Some(p) = after_pause {
                next = next.max(p);
            }
            return Err(SendRefused::LimitReached {
                next_allowed_at: next,
            });
        }
        match after_pause {
            Some(next) if now < next => Err(SendRefused::TooSoon {
                next_allowed_at: next,
            }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DeterministicRng;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix_seconds(secs)
    }

    fn policy() -> OneTimeCodePolicy {
        OneTimeCodePolicy::default()
    }

    #[test]
    fn instants_in_the_future_are_bounded() {
        let p = policy();
        let now = at(1_700_000_000);
        // Issued an hour from now: dead, not valid for ever.
        assert_eq!(
            p.check("1234", at(1_700_003_600), 0, "1234", now),
            CodeCheck::Expired
        );
        // Within the skew it is still a fresh code.
        assert_eq!(
            p.check("1234", at(1_700_000_030), 0, "1234", now),
            CodeCheck::Valid
        );
        // A send recorded in year 9999 is ignored; one 30 s ahead counts as now.
        let far = Timestamp::parse_rfc3339("9999-12-31T23:59:59Z").unwrap();
        assert!(p.check_send(&[far], now).is_ok());
        let refused = p.check_send(&[at(1_700_000_030)], now).unwrap_err();
        assert_eq!(refused.next_allowed_at(), at(1_700_000_120));
        let zero = OneTimeCodeSettings {
            min_seconds_between_sends: 0,
            ..OneTimeCodeSettings::default()
        };
        assert_eq!(
            OneTimeCodePolicy::new(&zero).unwrap_err().code(),
            "CODE_SETTING_ZERO"
        );
    }

    #[test]
    fn settings_are_validated() {
        for digits in [0, 3, 11, u32::MAX] {
            let s = OneTimeCodeSettings {
                digits,
                ..Default::default()
            };
            assert_eq!(
                OneTimeCodePolicy::new(&s).unwrap_err().code(),
                "CODE_DIGITS"
            );
        }
        for digits in 4..=10 {
            let s = OneTimeCodeSettings {
                digits,
                ..Default::default()
            };
            assert!(OneTimeCodePolicy::new(&s).is_ok());
        }
        let s = OneTimeCodeSettings {
            max_attempts: 0,
            ..Default::default()
        };
        assert_eq!(
            OneTimeCodePolicy::new(&s).unwrap_err().code(),
            "CODE_SETTING_ZERO"
        );
        assert_eq!(
            OneTimeCodePolicy::new(&OneTimeCodeSettings::default()).unwrap(),
            policy()
        );
    }

    #[test]
    fn codes_keep_leading_zeros_and_are_uniform() {
        let mut rng = DeterministicRng::from_seed_for_tests(5);
        let p = policy();
        let mut first_digit = [0u32; 10];
        for _ in 0..20_000 {
            let code = p.generate_with(&mut rng);
            assert_eq!(code.as_str().len(), 4);
            assert!(code.as_str().bytes().all(|b| b.is_ascii_digit()));
            first_digit[usize::from(code.as_str().as_bytes()[0] - b'0')] += 1;
        }
        // Each leading digit, 0 included, about 2 000 times.
        for n in first_digit {
            assert!((1_800..2_200).contains(&n), "{first_digit:?}");
        }
        let ten = OneTimeCodePolicy::new(&OneTimeCodeSettings {
            digits: 10,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ten.generate().unwrap().as_str().len(), 10);
        assert_eq!(
            format!("{:?}", ten.generate().unwrap()),
            "OneTimeCode(<redacted>)"
        );
    }

    #[test]
    fn check_order_and_attempts() {
        let p = policy();
        let t0 = at(1_000);
        assert_eq!(p.check("0042", t0, 0, "0042", at(1_299)), CodeCheck::Valid);
        assert_eq!(
            p.check("0042", t0, 0, "0042", at(1_300)),
            CodeCheck::Expired
        );
        assert_eq!(
            p.check("0042", t0, 0, "42", at(1_000)),
            CodeCheck::Wrong { attempts_left: 2 }
        );
        assert_eq!(
            p.check("0042", t0, 2, "0043", at(1_000)),
            CodeCheck::Wrong { attempts_left: 0 }
        );
        assert_eq!(
            p.check("0042", t0, 3, "0042", at(1_000)),
            CodeCheck::TooManyAttempts
        );
    }

    #[test]
    fn pause_between_sends() {
        let p = policy();
        assert_eq!(p.check_send(&[], at(0)), Ok(()));
        let refused = p.check_send(&[at(1_000)], at(1_119)).unwrap_err();
        assert_eq!(
            refused,
            SendRefused::TooSoon {
                next_allowed_at: at(1_120)
            }
        );
        assert_eq!(refused.code(), "CODE_SEND_TOO_SOON");
        assert_eq!(p.check_send(&[at(1_000)], at(1_120)), Ok(()));
        // A send recorded a little in the future (clock skew) still blocks; one far in
        // the future cannot be real and is ignored.
        assert!(p.check_send(&[at(1_150)], at(1_120)).is_err());
        assert!(p.check_send(&[at(5_000)], at(1_120)).is_ok());
    }

    #[test]
    fn rolling_daily_limit() {
        let p = policy();
        let day = 86_400;
        // Ten sends an hour apart, unsorted.
        let mut sends: Vec<Timestamp> = (0..10).map(|i| at(i * 3_600)).collect();
        sends.reverse();
        let now = at(9 * 3_600 + 600);
        let refused = p.check_send(&sends, now).unwrap_err();
        assert_eq!(
            refused,
            SendRefused::LimitReached {
                next_allowed_at: at(day)
            }
        );
        assert_eq!(refused.next_allowed_at(), at(day));
        assert!(refused.to_string().contains("1970-01-02T00:00:00Z"));
        assert!(p.check_send(&sends, at(day - 1)).is_err());
        assert_eq!(p.check_send(&sends, at(day)), Ok(()));
        // The pause can be the later constraint.
        let burst: Vec<Timestamp> = (0..10).map(at).collect();
        let fast = OneTimeCodePolicy::new(&OneTimeCodeSettings {
            send_window_seconds: 100,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            fast.check_send(&burst, at(9)).unwrap_err(),
            SendRefused::LimitReached {
                next_allowed_at: at(129)
            }
        );
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        let p = policy();
        let end = at(i64::MAX);
        assert!(p.check_send(&[end], end).is_err());
        assert_eq!(p.check("0000", end, 0, "0000", end), CodeCheck::Expired);
        assert!(p.check_send(&[at(i64::MIN)], end).is_ok());
    }
}
