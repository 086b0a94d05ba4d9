//! Errors of the time conversions ([`crate::Timestamp`], FILETIME) and of the expiry math.

use std::fmt;

/// Why an instant or an interval could not be read or converted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeError {
    /// The text is not an RFC 3339 date-time with an offset.
    Rfc3339 {
        /// The input (at most its first 64 characters).
        input: String,
        /// What the parser found wrong.
        reason: String,
    },
    /// The result lies outside what the target representation can hold.
    OutOfRange {
        /// The representation that could not hold it.
        what: &'static str,
    },
    /// A FILETIME instant is negative; FILETIMEs count up from 1601-01-01T00:00:00Z.
    NegativeFiletime {
        /// The value given.
        value: i64,
    },
    /// An Active Directory interval is positive; AD stores durations as negative ticks.
    PositiveInterval {
        /// The value given.
        value: i64,
    },
    /// A date-time without a UTC offset (a front-end's naive datetime): the core only
    /// takes instants.
    Naive,
    /// A negative duration where only zero or more is meaningful.
    NegativeDuration,
}

impl TimeError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Rfc3339 { .. } => "TIME_RFC3339",
            Self::OutOfRange { .. } => "TIME_OUT_OF_RANGE",
            Self::NegativeFiletime { .. } => "FILETIME_NEGATIVE",
            Self::PositiveInterval { .. } => "INTERVAL_POSITIVE",
            Self::Naive => "TIME_NAIVE",
            Self::NegativeDuration => "DURATION_NEGATIVE",
        }
    }
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rfc3339 { input, reason } => write!(
                f,
                "'{input}' is not an RFC 3339 date-time ({reason}); write e.g. \
                 2024-02-29T12:00:00Z"
            ),
            Self::OutOfRange { what } => write!(f, "the instant is outside the range of {what}"),
            Self::NegativeFiletime { value } => write!(
                f,
                "FILETIME {value} is negative; a FILETIME counts 100 ns ticks from \
                 1601-01-01T00:00:00Z and is at least 0"
            ),
            Self::PositiveInterval { value } => write!(
                f,
                "interval {value} is positive; Active Directory stores durations as negative \
                 100 ns tick counts (e.g. -36288000000000 for 42 days)"
            ),
            Self::Naive => f.write_str(
                "the date-time has no UTC offset; pass an aware date-time (with an offset, \
                 such as UTC)",
            ),
            Self::NegativeDuration => {
                f.write_str("the duration is negative; pass a duration of zero or more")
            }
        }
    }
}

impl std::error::Error for TimeError {}

/// Why an expiry computation or a reminder setting was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExpiryError {
    /// An input instant or interval was invalid, or the expiry instant overflowed.
    Time(TimeError),
    /// The reminder job's maximum random delay is not under the limit
    /// ([`crate::ReminderDelay::LIMIT`]).
    DelayTooLong {
        /// The maximum delay asked for, in milliseconds.
        requested_millis: u128,
    },
}

impl ExpiryError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Time(e) => e.code(),
            Self::DelayTooLong { .. } => "REMINDER_DELAY_TOO_LONG",
        }
    }
}

impl fmt::Display for ExpiryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Time(e) => e.fmt(f),
            Self::DelayTooLong { requested_millis } => write!(
                f,
                "the maximum random delay of {}.{:03} s is not under {} s; choose a \
                 shorter delay (default 60 s)",
                requested_millis / 1000,
                requested_millis % 1000,
                crate::ReminderDelay::LIMIT.as_secs()
            ),
        }
    }
}

impl std::error::Error for ExpiryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Time(e) => Some(e),
            Self::DelayTooLong { .. } => None,
        }
    }
}

impl From<TimeError> for ExpiryError {
    fn from(e: TimeError) -> Self {
        Self::Time(e)
    }
}
