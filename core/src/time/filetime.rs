//! Active Directory time encoding: FILETIME instants (100 ns ticks since
//! 1601-01-01T00:00:00Z) and negative tick intervals, converted both ways with checked
//! arithmetic.

use std::time::Duration;

use crate::time::error::TimeError;
use crate::time::timestamp::Timestamp;

/// FILETIME ticks per second (one tick is 100 ns).
const TICKS_PER_SECOND: i128 = 10_000_000;
const NANOS_PER_TICK: i128 = 100;
/// The FILETIME of the Unix epoch: 369 years (89 of them leap) of ticks.
const UNIX_EPOCH_FILETIME: i128 = 116_444_736_000_000_000;

/// The "never" sentinel of an AD age or duration (`0x8000000000000000`); 0 means never
/// too.
pub(crate) const AD_NEVER: i64 = i64::MIN;

const FILETIME_RANGE: &str = "FILETIME (1601-01-01 to 30828-09-14)";
const INTERVAL_RANGE: &str = "an Active Directory interval (at most 2^63 - 1 ticks)";

impl Timestamp {
    /// The instant of a FILETIME: `filetime` 100 ns ticks after 1601-01-01T00:00:00Z, as
    /// AD stores `pwdLastSet`, `lockoutTime` or `badPasswordTime`.
    ///
    /// This is the plain conversion: the meanings AD gives to some values (`pwdLastSet`
    /// = 0 "must change", `0x7FFFFFFFFFFFFFFF` "never") are handled by
    /// [`crate::PasswordLastSet`] and [`crate::Expiry`]. Negative values are refused.
    ///
    /// ```
    /// use passforge::Timestamp;
    /// assert_eq!(Timestamp::from_filetime(116_444_736_000_000_000)?, Timestamp::UNIX_EPOCH);
    /// # Ok::<(), passforge::TimeError>(())
    /// ```
    pub fn from_filetime(filetime: i64) -> Result<Self, TimeError> {
        if filetime < 0 {
            return Err(TimeError::NegativeFiletime { value: filetime });
        }
        let nanos = (i128::from(filetime) - UNIX_EPOCH_FILETIME) * NANOS_PER_TICK;
        // |nanos| < 2^63 * 100 < 2^70, and such nanoseconds are below 2^41 seconds.
        Timestamp::from_total_nanos(nanos).ok_or(TimeError::OutOfRange {
            what: "a timestamp",
        })
    }

    /// The FILETIME of this instant, rounded towards the past to a whole 100 ns tick.
    /// Fails before 1601-01-01T00:00:00Z and after the largest FILETIME
    /// (`0x7FFFFFFFFFFFFFFF`, in the year 30828).
    pub fn to_filetime(self) -> Result<i64, TimeError> {
        let ticks = self.total_nanos().div_euclid(NANOS_PER_TICK) + UNIX_EPOCH_FILETIME;
        if ticks < 0 {
            return Err(TimeError::OutOfRange {
                what: FILETIME_RANGE,
            });
        }
        i64::try_from(ticks).map_err(|_| TimeError::OutOfRange {
            what: FILETIME_RANGE,
        })
    }
}

/// The duration of an Active Directory interval (`maxPwdAge`, `lockoutDuration`, …),
/// which AD stores as a **negative** count of 100 ns ticks: `-36288000000000` is 42 days.
///
/// `0` gives a zero duration and `i64::MIN` gives 2^63 ticks; AD reads both as "never"
/// for an age, which [`crate::MaxPasswordAge::from_ad_interval`] applies. Positive values
/// are refused.
///
/// ```
/// use std::time::Duration;
/// let d = passforge::duration_from_ad_interval(-36_288_000_000_000)?;
/// assert_eq!(d, Duration::from_secs(42 * 86_400));
/// # Ok::<(), passforge::TimeError>(())
/// ```
pub fn duration_from_ad_interval(interval: i64) -> Result<Duration, TimeError> {
    if interval > 0 {
        return Err(TimeError::PositiveInterval { value: interval });
    }
    Ok(interval_magnitude(interval))
}

/// The duration of `|interval|` ticks, whatever the sign; `i64::MIN` included.
pub(crate) fn interval_magnitude(interval: i64) -> Duration {
    let ticks = interval.unsigned_abs();
    let secs = ticks / TICKS_PER_SECOND as u64;
    // The remainder is below 10^7 ticks, i.e. below 10^9 nanoseconds.
    let nanos = (ticks % TICKS_PER_SECOND as u64) as u32 * NANOS_PER_TICK as u32;
    Duration::new(secs, nanos)
}

/// The Active Directory interval (negative 100 ns ticks) of a duration, rounded towards
/// zero to a whole tick. Fails above `i64::MAX` ticks (about 29 227 years): `i64::MIN`
/// is left to mean "never".
pub fn ad_interval_from_duration(duration: Duration) -> Result<i64, TimeError> {
    let ticks = duration.as_nanos() / NANOS_PER_TICK as u128;
    let ticks = i64::try_from(ticks).map_err(|_| TimeError::OutOfRange {
        what: INTERVAL_RANGE,
    })?;
    Ok(-ticks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_1601_epoch() {
        let t = Timestamp::from_filetime(0).unwrap();
        assert_eq!(t.unix_seconds(), -11_644_473_600);
        assert_eq!(t.to_rfc3339().unwrap(), "1601-01-01T00:00:00Z");
        assert_eq!(t.to_filetime().unwrap(), 0);
        let before = t.checked_sub(Duration::from_nanos(1)).unwrap();
        assert_eq!(
            before.to_filetime().unwrap_err().code(),
            "TIME_OUT_OF_RANGE"
        );
    }

    #[test]
    fn the_largest_filetime() {
        let t = Timestamp::from_filetime(i64::MAX).unwrap();
        assert_eq!(t.unix_seconds(), 910_692_730_085);
        assert_eq!(t.subsec_nanos(), 477_580_700);
        assert_eq!(t.to_filetime().unwrap(), i64::MAX);
        let after = t.checked_add(Duration::from_nanos(100)).unwrap();
        assert_eq!(after.to_filetime().unwrap_err().code(), "TIME_OUT_OF_RANGE");
        // Year 30828 cannot be written as RFC 3339, and saying so is an error, not a panic.
        assert!(t.to_rfc3339().is_err());
    }

    #[test]
    fn negative_filetimes_are_refused() {
        for v in [-1, i64::MIN] {
            assert_eq!(
                Timestamp::from_filetime(v).unwrap_err(),
                TimeError::NegativeFiletime { value: v }
            );
        }
    }

    #[test]
    fn sub_tick_nanoseconds_round_towards_the_past() {
        let t = Timestamp::from_unix_parts(0, 199).unwrap();
        assert_eq!(t.to_filetime().unwrap(), 116_444_736_000_000_001);
        let t = Timestamp::from_unix_parts(-1, 999_999_999).unwrap();
        assert_eq!(t.to_filetime().unwrap(), 116_444_735_999_999_999);
        assert!(Timestamp::from_unix_seconds(i64::MIN)
            .to_filetime()
            .is_err());
        assert!(Timestamp::from_unix_seconds(i64::MAX)
            .to_filetime()
            .is_err());
    }

    #[test]
    fn intervals_at_the_edges() {
        assert_eq!(duration_from_ad_interval(0).unwrap(), Duration::ZERO);
        assert_eq!(
            duration_from_ad_interval(-1).unwrap(),
            Duration::from_nanos(100)
        );
        let min = duration_from_ad_interval(i64::MIN).unwrap();
        assert_eq!(min, Duration::new(922_337_203_685, 477_580_800));
        let max = duration_from_ad_interval(-i64::MAX).unwrap();
        assert_eq!(ad_interval_from_duration(max).unwrap(), -i64::MAX);
        assert_eq!(
            ad_interval_from_duration(min).unwrap_err().code(),
            "TIME_OUT_OF_RANGE"
        );
        assert_eq!(
            ad_interval_from_duration(Duration::MAX).unwrap_err().code(),
            "TIME_OUT_OF_RANGE"
        );
        assert_eq!(
            duration_from_ad_interval(1).unwrap_err(),
            TimeError::PositiveInterval { value: 1 }
        );
        assert_eq!(
            ad_interval_from_duration(Duration::from_nanos(199)).unwrap(),
            -1
        );
        assert_eq!(
            ad_interval_from_duration(Duration::from_secs(42 * 86_400)).unwrap(),
            -36_288_000_000_000
        );
    }
}
