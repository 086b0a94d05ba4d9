//! An instant on the UTC time line: Unix seconds plus nanoseconds, with RFC 3339 parsing
//! and formatting. The core never reads a clock: every "now" is a [`Timestamp`] parameter.

use std::fmt;
use std::time::Duration;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::time::error::TimeError;

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// An instant in UTC, counted from the Unix epoch (1970-01-01T00:00:00Z), with nanosecond
/// resolution. Leap seconds are not counted (POSIX time), as in Unix time and FILETIME.
///
/// Every `i64` second is representable, which covers every FILETIME (1601 to 30828);
/// RFC 3339 text covers the years 0000 to 9999.
///
/// ```
/// use passforge::Timestamp;
/// let t = Timestamp::parse_rfc3339("2024-02-29T12:00:00Z")?;
/// assert_eq!(t.unix_seconds(), 1_709_208_000);
/// assert_eq!(t.to_rfc3339()?, "2024-02-29T12:00:00Z");
/// # Ok::<(), passforge::TimeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
    /// Always below one second.
    nanos: u32,
}

impl Timestamp {
    /// The Unix epoch, 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: Self = Self {
        seconds: 0,
        nanos: 0,
    };

    /// The instant `seconds` after the Unix epoch (negative: before it).
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self { seconds, nanos: 0 }
    }

    /// The instant `seconds` plus `nanos` nanoseconds after the Unix epoch; `None` when
    /// `nanos` is not below 1 000 000 000.
    pub const fn from_unix_parts(seconds: i64, nanos: u32) -> Option<Self> {
        if nanos < NANOS_PER_SECOND as u32 {
            Some(Self { seconds, nanos })
        } else {
            None
        }
    }

    /// Whole seconds since the Unix epoch, rounded towards the past (floor), so an
    /// instant half a second before the epoch gives −1.
    pub const fn unix_seconds(self) -> i64 {
        self.seconds
    }

    /// The nanoseconds past [`Timestamp::unix_seconds`], below 1 000 000 000.
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Parses an RFC 3339 date-time such as `2024-02-29T12:00:00Z` or
    /// `2024-02-29T13:00:00.5+01:00` (an offset is required; the result is in UTC).
    pub fn parse_rfc3339(text: &str) -> Result<Self, TimeError> {
        let parsed = OffsetDateTime::parse(text, &Rfc3339).map_err(|e| TimeError::Rfc3339 {
            input: text.chars().take(64).collect(),
            reason: e.to_string(),
        })?;
        // A parsed date (years 0000–9999) is far inside the i64-second range.
        Self::from_total_nanos(parsed.unix_timestamp_nanos()).ok_or(TimeError::OutOfRange {
            what: "a timestamp",
        })
    }

    /// Formats the instant as RFC 3339 in UTC (`Z`), with a fraction only when it is not
    /// a whole second. Fails outside the years 0000 to 9999, which RFC 3339 cannot write.
    pub fn to_rfc3339(self) -> Result<String, TimeError> {
        let out_of_range = || TimeError::OutOfRange {
            what: "RFC 3339 text (years 0000 to 9999)",
        };
        let dt = OffsetDateTime::from_unix_timestamp_nanos(self.total_nanos())
            .map_err(|_| out_of_range())?;
        dt.format(&Rfc3339).map_err(|_| out_of_range())
    }

    /// `self + duration`, or `None` past the representable range.
    pub fn checked_add(self, duration: Duration) -> Option<Self> {
        let nanos = i128::try_from(duration.as_nanos()).ok()?;
        Self::from_total_nanos(self.total_nanos().checked_add(nanos)?)
    }

    /// `self - duration`, or `None` past the representable range.
    pub fn checked_sub(self, duration: Duration) -> Option<Self> {
        let nanos = i128::try_from(duration.as_nanos()).ok()?;
        Self::from_total_nanos(self.total_nanos().checked_sub(nanos)?)
    }

    /// `self - earlier` in nanoseconds (negative when `earlier` is later). Cannot
    /// overflow: two `i64`-second instants differ by less than 2^65 seconds.
    pub fn nanos_since(self, earlier: Self) -> i128 {
        self.total_nanos() - earlier.total_nanos()
    }

    pub(crate) fn total_nanos(self) -> i128 {
        i128::from(self.seconds) * NANOS_PER_SECOND + i128::from(self.nanos)
    }

    pub(crate) fn from_total_nanos(total: i128) -> Option<Self> {
        let seconds = i64::try_from(total.div_euclid(NANOS_PER_SECOND)).ok()?;
        // rem_euclid of a positive divisor is in [0, 1e9), which fits a u32.
        let nanos = total.rem_euclid(NANOS_PER_SECOND) as u32;
        Some(Self { seconds, nanos })
    }
}

/// RFC 3339 when it can be written, else `@<unix seconds>.<nanos>`.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_rfc3339() {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "@{}.{:09}", self.seconds, self.nanos),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_and_normalises_offsets() {
        let t = Timestamp::parse_rfc3339("2024-02-29T13:00:00.5+01:00").unwrap();
        assert_eq!(t.unix_seconds(), 1_709_208_000);
        assert_eq!(t.subsec_nanos(), 500_000_000);
        assert_eq!(t.to_rfc3339().unwrap(), "2024-02-29T12:00:00.5Z");
        let epoch = Timestamp::parse_rfc3339("1970-01-01T00:00:00Z").unwrap();
        assert_eq!(epoch, Timestamp::UNIX_EPOCH);
    }

    #[test]
    fn rfc3339_rejects_bad_text() {
        for bad in [
            "",
            "2024-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-01-01T00:00:00",
            "1709208000",
        ] {
            let err = Timestamp::parse_rfc3339(bad).unwrap_err();
            assert_eq!(err.code(), "TIME_RFC3339", "{bad}");
        }
    }

    #[test]
    fn before_the_epoch_floors() {
        let t = Timestamp::parse_rfc3339("1969-12-31T23:59:59.5Z").unwrap();
        assert_eq!(t.unix_seconds(), -1);
        assert_eq!(t.subsec_nanos(), 500_000_000);
        assert_eq!(t.total_nanos(), -500_000_000);
    }

    #[test]
    fn arithmetic_is_checked() {
        let max = Timestamp::from_unix_parts(i64::MAX, 999_999_999).unwrap();
        assert_eq!(max.checked_add(Duration::from_nanos(1)), None);
        let min = Timestamp::from_unix_seconds(i64::MIN);
        assert_eq!(min.checked_sub(Duration::from_nanos(1)), None);
        assert_eq!(Timestamp::from_unix_parts(0, 1_000_000_000), None);
        assert!(max.nanos_since(min) > 0);
        assert_eq!(max.to_rfc3339().unwrap_err().code(), "TIME_OUT_OF_RANGE");
        assert!(max.to_string().starts_with('@'));
    }
}
