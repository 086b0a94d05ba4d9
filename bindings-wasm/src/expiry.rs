//! Password expiry: `PasswordLastSet`, `MaxPasswordAge`, `Expiry` (Active Directory's
//! `msDS-UserPasswordExpiryTimeComputed` rules), and the reminder job's `ReminderDelay`.

use std::time::Duration;

use js_sys::Object;
use passforge::UserAccountControl;
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, object, set};
use crate::options::{read, GenerateOptions};
use crate::time::{bigint_i64, date_or_null, timestamp, whole_u32};

/// When the password was last changed: `PasswordLastSet.mustChange()` or
/// `PasswordLastSet.at(instant)`.
#[wasm_bindgen]
pub struct PasswordLastSet {
    inner: passforge::PasswordLastSet,
}

#[wasm_bindgen]
impl PasswordLastSet {
    /// The password must be changed at next logon (`pwdLastSet` = 0).
    #[wasm_bindgen(js_name = mustChange)]
    pub fn must_change() -> PasswordLastSet {
        Self {
            inner: passforge::PasswordLastSet::MustChange,
        }
    }

    /// Set at this instant.
    pub fn at(
        #[wasm_bindgen(unchecked_param_type = "Date")] instant: JsValue,
    ) -> Result<PasswordLastSet, JsValue> {
        Ok(Self {
            inner: passforge::PasswordLastSet::At(timestamp("instant", &instant)?),
        })
    }

    /// Reads AD's `pwdLastSet` (a FILETIME): `0n` is must-change; negative values throw
    /// `FILETIME_NEGATIVE`.
    #[wasm_bindgen(js_name = fromPwdLastSet)]
    pub fn from_pwd_last_set(
        #[wasm_bindgen(unchecked_param_type = "bigint")] filetime: JsValue,
    ) -> Result<PasswordLastSet, JsValue> {
        let filetime = bigint_i64("filetime", &filetime)?;
        Ok(Self {
            inner: passforge::PasswordLastSet::from_pwd_last_set(filetime).map_err(core_error)?,
        })
    }

    /// The instant it was set (floored to the millisecond); `null` for must-change.
    #[wasm_bindgen(getter, unchecked_return_type = "Date | null")]
    pub fn instant(&self) -> Result<JsValue, JsValue> {
        date_or_null(match self.inner {
            passforge::PasswordLastSet::At(t) => Some(t),
            passforge::PasswordLastSet::MustChange => None,
        })
    }
}

/// How long a password may be used: `MaxPasswordAge.never()`, `fromDays(n)` or
/// `fromAdInterval(ticks)`.
#[wasm_bindgen]
pub struct MaxPasswordAge {
    inner: passforge::MaxPasswordAge,
}

#[wasm_bindgen]
impl MaxPasswordAge {
    /// Passwords never expire.
    pub fn never() -> MaxPasswordAge {
        Self {
            inner: passforge::MaxPasswordAge::Never,
        }
    }

    /// Whole days; 0 means never.
    #[wasm_bindgen(js_name = fromDays)]
    pub fn from_days(
        #[wasm_bindgen(unchecked_param_type = "number")] days: JsValue,
    ) -> Result<MaxPasswordAge, JsValue> {
        Ok(Self {
            inner: passforge::MaxPasswordAge::from_days(whole_u32("days", &days)?),
        })
    }

    /// Reads AD's `maxPwdAge` (negative 100 ns ticks); `0n` and `-(2n ** 63n)` mean
    /// never; positive values throw `INTERVAL_POSITIVE`.
    #[wasm_bindgen(js_name = fromAdInterval)]
    pub fn from_ad_interval(
        #[wasm_bindgen(unchecked_param_type = "bigint")] interval: JsValue,
    ) -> Result<MaxPasswordAge, JsValue> {
        let interval = bigint_i64("interval", &interval)?;
        Ok(Self {
            inner: passforge::MaxPasswordAge::from_ad_interval(interval).map_err(core_error)?,
        })
    }

    /// The maximum age in milliseconds (floored); `null` for never.
    #[wasm_bindgen(getter, unchecked_return_type = "number | null")]
    pub fn milliseconds(&self) -> JsValue {
        match self.inner {
            // At most 2^63 ticks: below 2^50 ms, exact as an f64.
            passforge::MaxPasswordAge::After(d) => JsValue::from_f64(d.as_millis() as f64),
            passforge::MaxPasswordAge::Never => JsValue::NULL,
        }
    }
}

/// When a password expires: `Expiry.never()`, `Expiry.mustChange()`, `Expiry.at(date)`
/// or `Expiry.compute(…)`.
#[wasm_bindgen]
pub struct Expiry {
    inner: passforge::Expiry,
}

#[wasm_bindgen]
impl Expiry {
    /// It never expires.
    pub fn never() -> Expiry {
        Self {
            inner: passforge::Expiry::Never,
        }
    }

    /// It must be changed now; reported as expiring at FILETIME 0
    /// (1601-01-01T00:00:00Z), as AD does.
    #[wasm_bindgen(js_name = mustChange)]
    pub fn must_change() -> Expiry {
        Self {
            inner: passforge::Expiry::MustChange,
        }
    }

    /// It expires at this instant.
    pub fn at(
        #[wasm_bindgen(unchecked_param_type = "Date")] instant: JsValue,
    ) -> Result<Expiry, JsValue> {
        Ok(Self {
            inner: passforge::Expiry::At(timestamp("instant", &instant)?),
        })
    }

    /// AD's rules, in order: a never-expires bit in `userAccountControl` (0x10000,
    /// 0x40000, 0x800, 0x1000, 0x2000) gives never; a must-change last change gives
    /// must-change; a max age of never gives never; otherwise last change plus maximum
    /// age (exact, 100 ns). Throws `TIME_OUT_OF_RANGE` on overflow.
    pub fn compute(
        #[wasm_bindgen(js_name = lastSet)] last_set: &PasswordLastSet,
        #[wasm_bindgen(js_name = maxAge)] max_age: &MaxPasswordAge,
        #[wasm_bindgen(js_name = userAccountControl, unchecked_optional_param_type = "number")]
        user_account_control: Option<JsValue>,
    ) -> Result<Expiry, JsValue> {
        let bits = match user_account_control {
            Some(v) if !v.is_undefined() => whole_u32("userAccountControl", &v)?,
            _ => 0,
        };
        let flags = UserAccountControl::from_bits(bits);
        Ok(Self {
            inner: passforge::Expiry::compute(last_set.inner, max_age.inner, flags)
                .map_err(core_error)?,
        })
    }

    /// The expiry instant (floored to the millisecond); `null` for never.
    #[wasm_bindgen(unchecked_return_type = "Date | null")]
    pub fn instant(&self) -> Result<JsValue, JsValue> {
        date_or_null(self.inner.instant())
    }

    /// `msDS-UserPasswordExpiryTimeComputed`: `2n ** 63n - 1n` for never, `0n` for must
    /// change, else the exact FILETIME.
    #[wasm_bindgen(js_name = toFiletime)]
    pub fn to_filetime(&self) -> Result<i64, JsValue> {
        self.inner.to_filetime().map_err(core_error)
    }

    /// Where `now` stands, reminding when fewer than `remindDays` days are left. The core
    /// computes at full precision; only `expiresAt` is floored to the millisecond.
    #[wasm_bindgen(unchecked_return_type = "ExpiryStatus")]
    pub fn status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
        #[wasm_bindgen(js_name = remindDays, unchecked_param_type = "number")] remind_days: JsValue,
    ) -> Result<JsValue, JsValue> {
        let remind_days = whole_u32("remindDays", &remind_days)?;
        let status = self.inner.status(timestamp("now", &now)?, remind_days);
        let result = Object::new();
        set(&result, "expiresAt", &date_or_null(status.expires_at)?);
        // Whole days between two instants: below 2^49, exact as an f64.
        let days = status
            .days_remaining
            .map_or(JsValue::NULL, |d| JsValue::from_f64(d as f64));
        set(&result, "daysRemaining", &days);
        set(&result, "expired", &JsValue::from_bool(status.expired));
        set(&result, "remind", &JsValue::from_bool(status.remind));
        Ok(result.into())
    }
}

/// Options for `new ReminderDelay(options)`.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReminderDelayOptions {
    /// The exclusive upper bound of the delay, in whole seconds (default 60); it must be
    /// under 600 (`REMINDER_DELAY_TOO_LONG`). 0 means no delay.
    #[tsify(optional)]
    pub max_seconds: Option<u64>,
}

/// The reminder job's random delay before each check, so that clients do not all reach
/// the domain controllers at once: uniform in `[0, maxSeconds)`.
#[wasm_bindgen]
pub struct ReminderDelay {
    inner: passforge::ReminderDelay,
}

#[wasm_bindgen]
impl ReminderDelay {
    /// Throws `REMINDER_DELAY_TOO_LONG` for `maxSeconds` of 600 or more.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<ReminderDelayOptions>>) -> Result<ReminderDelay, JsValue> {
        let options: ReminderDelayOptions = read("options", options.map(|o| o.js_value()))?;
        let max = options
            .max_seconds
            .map_or(passforge::ReminderDelay::DEFAULT_MAX, Duration::from_secs);
        Ok(Self {
            inner: passforge::ReminderDelay::new(max).map_err(core_error)?,
        })
    }

    /// The exclusive upper bound, in seconds.
    #[wasm_bindgen(getter, js_name = maxSeconds)]
    pub fn max_seconds(&self) -> f64 {
        // Under 600 s: exact as an f64 (fractions cannot be set from JS).
        self.inner.max().as_secs_f64()
    }

    /// The settings, as the constructor takes them (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Required<ReminderDelayOptions>")]
    pub fn to_json(&self) -> JsValue {
        object([("maxSeconds", self.max_seconds().into())])
    }

    /// A delay uniform in `[0, maxSeconds)`, in **milliseconds**, floored (as every
    /// duration coming out), from `crypto.getRandomValues` (`RANDOM_SOURCE` if it fails).
    /// `seedForTests` is for tests only.
    pub fn sample(&self, options: Option<Ts<GenerateOptions>>) -> Result<f64, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let delay = self.inner.sample_with(&mut options.rng()?);
        // Under 600 000 ms: exact as an f64.
        Ok(delay.as_millis() as f64)
    }
}
