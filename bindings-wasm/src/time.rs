//! Instants, FILETIMEs and AD intervals as JS sees them: a `Date` (milliseconds) for an
//! instant, a `bigint` for a FILETIME or an interval, a `number` of milliseconds for a
//! duration.
//!
//! The core counts nanoseconds (FILETIMEs 100 ns ticks); a `Date` holds whole
//! milliseconds. Instants and durations going out are **floored** to the millisecond;
//! FILETIMEs and intervals stay exact as `bigint`s.

use std::time::Duration;

use js_sys::Date;
use passforge::{TimeError, Timestamp};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, out_of_range};

/// The largest |milliseconds| a `Date` holds (±100 000 000 days around 1970).
const MAX_DATE_MS: i128 = 8_640_000_000_000_000;
const NANOS_PER_MS: i128 = 1_000_000;

/// A `Date` argument as a core instant; anything else, or an invalid `Date`, is
/// INVALID_ARGUMENT.
pub(crate) fn timestamp(what: &str, value: &JsValue) -> Result<Timestamp, JsValue> {
    let Some(date) = value.dyn_ref::<Date>() else {
        return Err(invalid_type(format!(
            "{what} must be a Date, not {}",
            type_name(value)
        )));
    };
    let ms = date.get_time();
    if !ms.is_finite() {
        return Err(out_of_range(format!(
            "{what} is an invalid Date (its time is NaN)"
        )));
    }
    // A valid Date holds a whole number of milliseconds within ±8.64e15.
    let ms = ms as i64;
    let nanos = ms.rem_euclid(1000) as u32 * 1_000_000;
    // rem_euclid is below 1000, so nanos is below one second.
    Timestamp::from_unix_parts(ms.div_euclid(1000), nanos)
        .ok_or_else(|| out_of_range(format!("{what} is out of range")))
}

/// `typeof value` ("number", "string", …), for messages.
fn type_name(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_default()
}

/// A core instant as a `Date`, floored to the millisecond.
pub(crate) fn date(t: Timestamp) -> Result<Date, JsValue> {
    let total = i128::from(t.unix_seconds()) * 1_000_000_000 + i128::from(t.subsec_nanos());
    let ms = total.div_euclid(NANOS_PER_MS);
    if ms.abs() > MAX_DATE_MS {
        return Err(core_error(TimeError::OutOfRange {
            what: "a JavaScript Date (years -271821 to 275760)",
        }));
    }
    // |ms| <= 8.64e15 < 2^53: exact as an f64.
    Ok(Date::new(&JsValue::from_f64(ms as f64)))
}

/// [`date`], or `null` when the instant is beyond a `Date` (for an error's property).
pub(crate) fn date_or_invalid(t: Timestamp) -> JsValue {
    date(t).map(JsValue::from).unwrap_or(JsValue::NULL)
}

/// An optional instant as `Date | null`.
pub(crate) fn date_or_null(t: Option<Timestamp>) -> Result<JsValue, JsValue> {
    t.map_or(Ok(JsValue::NULL), |t| date(t).map(JsValue::from))
}

/// A `bigint` argument that fits an i64.
pub(crate) fn bigint_i64(what: &str, value: &JsValue) -> Result<i64, JsValue> {
    if !value.is_bigint() {
        return Err(invalid_type(format!(
            "{what} must be a bigint, not {}",
            type_name(value)
        )));
    }
    i64::try_from(value.clone()).map_err(|_| {
        out_of_range(format!(
            "{what} must be from -(2n ** 63n) to 2n ** 63n - 1n"
        ))
    })
}

/// A whole, non-negative `number` argument that fits a u64 exactly (at most 2^53 - 1).
pub(crate) fn whole_number(what: &str, value: &JsValue) -> Result<u64, JsValue> {
    let Some(n) = value.as_f64() else {
        return Err(invalid_type(format!(
            "{what} must be a number, not {}",
            type_name(value)
        )));
    };
    if !(n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&n)) {
        return Err(out_of_range(format!(
            "{what} must be a whole number from 0 to Number.MAX_SAFE_INTEGER"
        )));
    }
    // Checked above: a whole number in the safe range.
    Ok(n as u64)
}

/// The instant of a FILETIME (100 ns ticks since 1601-01-01T00:00:00Z, as AD stores
/// `pwdLastSet`), floored to the millisecond. Throws `FILETIME_NEGATIVE` for a negative
/// value.
#[wasm_bindgen(js_name = timestampFromFiletime, unchecked_return_type = "Date")]
pub fn timestamp_from_filetime(
    #[wasm_bindgen(unchecked_param_type = "bigint")] filetime: JsValue,
) -> Result<Date, JsValue> {
    let filetime = bigint_i64("filetime", &filetime)?;
    date(Timestamp::from_filetime(filetime).map_err(core_error)?)
}

/// The FILETIME of a `Date` (exact: a millisecond is 10 000 ticks). Throws
/// `TIME_OUT_OF_RANGE` before 1601-01-01.
#[wasm_bindgen(js_name = filetimeFromTimestamp)]
pub fn filetime_from_timestamp(
    #[wasm_bindgen(unchecked_param_type = "Date")] at: JsValue,
) -> Result<i64, JsValue> {
    timestamp("at", &at)?.to_filetime().map_err(core_error)
}

/// The duration of an Active Directory interval (`maxPwdAge`, `lockoutDuration`), which AD
/// stores as **negative** 100 ns ticks, in milliseconds, floored: `-36288000000000n` is
/// 42 days, `3628800000`. Throws `INTERVAL_POSITIVE` for a positive value.
#[wasm_bindgen(js_name = millisecondsFromAdInterval)]
pub fn milliseconds_from_ad_interval(
    #[wasm_bindgen(unchecked_param_type = "bigint")] interval: JsValue,
) -> Result<f64, JsValue> {
    let interval = bigint_i64("interval", &interval)?;
    let duration = passforge::duration_from_ad_interval(interval).map_err(core_error)?;
    // At most 2^63 ticks, i.e. below 2^50 milliseconds: exact as an f64.
    Ok(duration.as_millis() as f64)
}

/// The AD interval (negative 100 ns ticks) of a duration in whole milliseconds.
#[wasm_bindgen(js_name = adIntervalFromMilliseconds)]
pub fn ad_interval_from_milliseconds(
    #[wasm_bindgen(unchecked_param_type = "number")] milliseconds: JsValue,
) -> Result<i64, JsValue> {
    let ms = whole_number("milliseconds", &milliseconds)?;
    passforge::ad_interval_from_duration(Duration::from_millis(ms)).map_err(core_error)
}

/// A whole `number` argument from 0 to 2^32 - 1.
pub(crate) fn whole_u32(what: &str, value: &JsValue) -> Result<u32, JsValue> {
    let n = whole_number(what, value)?;
    u32::try_from(n).map_err(|_| {
        out_of_range(format!(
            "{what} must be a whole number from 0 to 4294967295"
        ))
    })
}

/// Parses a strict RFC 3339 date-time with an offset (`2024-02-29T12:00:00Z`,
/// `2024-02-29T13:00:00.5+01:00`) into a `Date`, floored to the millisecond. Throws
/// `TIME_RFC3339` for anything else.
#[wasm_bindgen(js_name = timestampFromRfc3339, unchecked_return_type = "Date")]
pub fn timestamp_from_rfc3339(text: &str) -> Result<Date, JsValue> {
    date(Timestamp::parse_rfc3339(text).map_err(core_error)?)
}

/// Formats a `Date` as RFC 3339 in UTC (`Z`), with a fraction only when it is not a whole
/// second. Throws `TIME_OUT_OF_RANGE` outside the years 0000 to 9999.
#[wasm_bindgen(js_name = rfc3339FromTimestamp)]
pub fn rfc3339_from_timestamp(
    #[wasm_bindgen(unchecked_param_type = "Date")] at: JsValue,
) -> Result<String, JsValue> {
    timestamp("at", &at)?.to_rfc3339().map_err(core_error)
}
