//! Instants and durations at the boundary: [`passforge::Timestamp`] crosses as an aware
//! UTC `datetime`, [`std::time::Duration`] as a `timedelta`; plus the core's FILETIME,
//! AD-interval and RFC 3339 conversions as functions.
//!
//! Python's types hold microseconds, the core's nanoseconds: values going out are
//! floored to the microsecond (towards the past, as the core floors FILETIME ticks);
//! values coming in are exact.

use std::time::Duration;

use passforge::{TimeError, Timestamp};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDateTime, PyDelta, PyDeltaAccess, PyTzInfo};

use crate::errors::{py, raise, Int};

const SECONDS_PER_DAY: i64 = 86_400;
/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the whole seconds `datetime` holds.
const DATETIME_MIN_SECONDS: i64 = -62_135_596_800;
const DATETIME_MAX_SECONDS: i64 = 253_402_300_799;
/// `timedelta` holds fewer than 10^9 days.
const TIMEDELTA_MAX_DAYS: u64 = 999_999_999;

/// An instant taken from an aware `datetime` (any offset; naive ones are refused).
#[derive(Clone, Copy)]
pub(crate) struct Instant(pub(crate) Timestamp);

impl FromPyObject<'_, '_> for Instant {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let dt = obj.cast::<PyDateTime>()?;
        if dt.call_method0("utcoffset")?.is_none() {
            return Err(raise(TimeError::Naive));
        }
        // Aware datetimes subtract across offsets; the difference is exact.
        let delta = dt.sub(epoch(obj.py())?)?;
        let delta = delta.cast::<PyDelta>()?;
        let seconds =
            i64::from(delta.get_days()) * SECONDS_PER_DAY + i64::from(delta.get_seconds());
        // timedelta keeps 0 <= microseconds < 10^6, so nanos < 10^9 and is a u32.
        let nanos = delta.get_microseconds() as u32 * 1_000;
        Timestamp::from_unix_parts(seconds, nanos)
            .map(Self)
            .ok_or_else(|| {
                raise(TimeError::OutOfRange {
                    what: "a timestamp",
                })
            })
    }
}

/// A duration taken from a non-negative `timedelta`.
#[derive(Clone, Copy)]
pub(crate) struct PyDuration(pub(crate) Duration);

impl FromPyObject<'_, '_> for PyDuration {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let delta = obj.cast::<PyDelta>()?;
        let days =
            u64::try_from(delta.get_days()).map_err(|_| raise(TimeError::NegativeDuration))?;
        // timedelta keeps 0 <= seconds < 86 400 and 0 <= microseconds < 10^6.
        let seconds = days * SECONDS_PER_DAY as u64 + delta.get_seconds() as u64;
        let nanos = delta.get_microseconds() as u32 * 1_000;
        Ok(Self(Duration::new(seconds, nanos)))
    }
}

fn epoch(py: Python<'_>) -> PyResult<&Bound<'_, PyDateTime>> {
    static EPOCH: PyOnceLock<Py<PyDateTime>> = PyOnceLock::new();
    let epoch = EPOCH.get_or_try_init(py, || {
        let utc = PyTzInfo::utc(py)?;
        PyDateTime::new(py, 1970, 1, 1, 0, 0, 0, 0, Some(&utc)).map(Bound::unbind)
    })?;
    Ok(epoch.bind(py))
}

/// The instant as an aware `datetime` in UTC, floored to the microsecond; an instant
/// outside the years 1 to 9999 is a `TimeError` (`TIME_OUT_OF_RANGE`).
pub(crate) fn datetime(py: Python<'_>, t: Timestamp) -> PyResult<Bound<'_, PyDateTime>> {
    let seconds = t.unix_seconds();
    if !(DATETIME_MIN_SECONDS..=DATETIME_MAX_SECONDS).contains(&seconds) {
        return Err(raise(TimeError::OutOfRange {
            what: "a Python datetime (years 1 to 9999)",
        }));
    }
    // In range, |days| < 3 * 10^6 fits an i32; the remainder and microseconds are small.
    let delta = PyDelta::new(
        py,
        seconds.div_euclid(SECONDS_PER_DAY) as i32,
        seconds.rem_euclid(SECONDS_PER_DAY) as i32,
        (t.subsec_nanos() / 1_000) as i32,
        false,
    )?;
    Ok(epoch(py)?.add(delta)?.cast_into::<PyDateTime>()?)
}

/// The duration as a `timedelta`, floored to the microsecond.
pub(crate) fn timedelta(py: Python<'_>, d: Duration) -> PyResult<Bound<'_, PyDelta>> {
    let days = d.as_secs() / SECONDS_PER_DAY as u64;
    if days > TIMEDELTA_MAX_DAYS {
        return Err(raise(TimeError::OutOfRange {
            what: "a Python timedelta (under 10^9 days)",
        }));
    }
    // Checked above: days < 10^9 < 2^31; the rest are below a day and a second.
    PyDelta::new(
        py,
        days as i32,
        (d.as_secs() % SECONDS_PER_DAY as u64) as i32,
        d.subsec_micros() as i32,
        false,
    )
}

/// The instant of a FILETIME (100 ns ticks since 1601-01-01T00:00:00Z, as AD stores
/// ``pwdLastSet``), floored to the microsecond. Negative values raise
/// :class:`~passforge.TimeError` (``FILETIME_NEGATIVE``); instants after 9999 raise
/// ``TIME_OUT_OF_RANGE``.
#[pyfunction]
pub(crate) fn timestamp_from_filetime(
    py: Python<'_>,
    filetime: Int<i64>,
) -> PyResult<Bound<'_, PyDateTime>> {
    let filetime = filetime.get::<py::TimeError>("filetime")?;
    let t = Timestamp::from_filetime(filetime).map_err(raise)?;
    datetime(py, t)
}

/// The FILETIME of an aware datetime. Raises :class:`~passforge.TimeError`
/// (``TIME_OUT_OF_RANGE``) before 1601-01-01.
#[pyfunction]
pub(crate) fn filetime_from_timestamp(timestamp: Instant) -> PyResult<i64> {
    timestamp.0.to_filetime().map_err(raise)
}

/// The duration of an Active Directory interval (``maxPwdAge``, ``lockoutDuration``),
/// which AD stores as **negative** 100 ns ticks: ``-36288000000000`` is 42 days. Floored
/// to the microsecond. Positive values raise :class:`~passforge.TimeError`
/// (``INTERVAL_POSITIVE``).
#[pyfunction]
pub(crate) fn duration_from_ad_interval(
    py: Python<'_>,
    interval: Int<i64>,
) -> PyResult<Bound<'_, PyDelta>> {
    let interval = interval.get::<py::TimeError>("interval")?;
    let d = passforge::duration_from_ad_interval(interval).map_err(raise)?;
    timedelta(py, d)
}

/// The AD interval (negative 100 ns ticks) of a non-negative duration. Raises
/// :class:`~passforge.TimeError` (``TIME_OUT_OF_RANGE``) above 2**63 - 1 ticks.
#[pyfunction]
pub(crate) fn ad_interval_from_duration(duration: PyDuration) -> PyResult<i64> {
    passforge::ad_interval_from_duration(duration.0).map_err(raise)
}

/// Parses an RFC 3339 date-time with an offset (``2024-02-29T12:00:00Z``) into an
/// aware UTC datetime, floored to the microsecond. Raises :class:`~passforge.TimeError`
/// (``TIME_RFC3339``).
#[pyfunction]
pub(crate) fn timestamp_from_rfc3339<'py>(
    py: Python<'py>,
    text: &str,
) -> PyResult<Bound<'py, PyDateTime>> {
    let t = Timestamp::parse_rfc3339(text).map_err(raise)?;
    datetime(py, t)
}

/// Formats an aware datetime as RFC 3339 in UTC (``Z``), with a fraction only when it
/// is not a whole second.
#[pyfunction]
pub(crate) fn rfc3339_from_timestamp(timestamp: Instant) -> PyResult<String> {
    timestamp.0.to_rfc3339().map_err(raise)
}
