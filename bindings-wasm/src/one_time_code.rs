//! One-time codes sent by SMS or e-mail: `OneTimeCodePolicy`.

use js_sys::{Array, Object};
use passforge::{CodeCheck, OneTimeCodeSettings};
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, object, set};
use crate::options::{read, GenerateOptions};
use crate::time::{date_or_null, timestamp, whole_u32};

/// Options for `new OneTimeCodePolicy(options)`, with the core's defaults.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OneTimeCodeOptions {
    /// Digits in a code, 4 to 10 (default 4).
    #[tsify(optional)]
    pub digits: Option<u32>,
    /// Seconds a code stays valid (default 300).
    #[tsify(optional)]
    pub lifetime_seconds: Option<u64>,
    /// Codes that may be sent to one user within `sendWindowSeconds` (default 10).
    #[tsify(optional)]
    pub max_sends: Option<u32>,
    /// The rolling window for `maxSends`, seconds (default 86 400).
    #[tsify(optional)]
    pub send_window_seconds: Option<u64>,
    /// Seconds to wait after a send before the next (default 120).
    #[tsify(optional)]
    pub min_seconds_between_sends: Option<u64>,
    /// Wrong entries allowed for one code (default 3).
    #[tsify(optional)]
    pub max_attempts: Option<u32>,
}

/// One-time codes: uniform decimal digits, a lifetime, an attempt limit, and send limits.
#[wasm_bindgen]
pub struct OneTimeCodePolicy {
    inner: passforge::OneTimeCodePolicy,
}

#[wasm_bindgen]
impl OneTimeCodePolicy {
    /// Throws `CODE_DIGITS` (not 4 to 10) or `CODE_SETTING_ZERO`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<OneTimeCodeOptions>>) -> Result<OneTimeCodePolicy, JsValue> {
        let o: OneTimeCodeOptions = read("options", options.map(|o| o.js_value()))?;
        let d = OneTimeCodeSettings::default();
        let settings = OneTimeCodeSettings {
            digits: o.digits.unwrap_or(d.digits),
            lifetime_seconds: o.lifetime_seconds.unwrap_or(d.lifetime_seconds),
            max_sends: o.max_sends.unwrap_or(d.max_sends),
            send_window_seconds: o.send_window_seconds.unwrap_or(d.send_window_seconds),
            min_seconds_between_sends: o
                .min_seconds_between_sends
                .unwrap_or(d.min_seconds_between_sends),
            max_attempts: o.max_attempts.unwrap_or(d.max_attempts),
        };
        let inner = passforge::OneTimeCodePolicy::new(&settings).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// Digits in a code.
    #[wasm_bindgen(getter)]
    pub fn digits(&self) -> u32 {
        self.inner.settings().digits
    }

    /// Seconds a code stays valid.
    #[wasm_bindgen(getter, js_name = lifetimeSeconds)]
    pub fn lifetime_seconds(&self) -> f64 {
        self.inner.settings().lifetime_seconds as f64
    }

    /// Codes that may be sent within `sendWindowSeconds`.
    #[wasm_bindgen(getter, js_name = maxSends)]
    pub fn max_sends(&self) -> u32 {
        self.inner.settings().max_sends
    }

    /// The rolling send window, seconds.
    #[wasm_bindgen(getter, js_name = sendWindowSeconds)]
    pub fn send_window_seconds(&self) -> f64 {
        self.inner.settings().send_window_seconds as f64
    }

    /// Seconds between two sends.
    #[wasm_bindgen(getter, js_name = minSecondsBetweenSends)]
    pub fn min_seconds_between_sends(&self) -> f64 {
        self.inner.settings().min_seconds_between_sends as f64
    }

    /// Wrong entries allowed for one code.
    #[wasm_bindgen(getter, js_name = maxAttempts)]
    pub fn max_attempts(&self) -> u32 {
        self.inner.settings().max_attempts
    }

    /// NIST SP 800-63B findings for these settings (`CODE_DIGITS_BELOW_NIST`,
    /// `CODE_LIFETIME_TOO_LONG`), and always `CODE_GUESS_BUDGET`: what the send and attempt
    /// limits give an attacker per day and per year.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn lint(&self) -> Result<JsValue, JsValue> {
        crate::options::to_js(&self.inner.lint())
    }

    /// The settings, as the constructor takes them (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Required<OneTimeCodeOptions>")]
    pub fn to_json(&self) -> JsValue {
        object([
            ("digits", self.digits().into()),
            ("lifetimeSeconds", self.lifetime_seconds().into()),
            ("maxSends", self.max_sends().into()),
            ("sendWindowSeconds", self.send_window_seconds().into()),
            (
                "minSecondsBetweenSends",
                self.min_seconds_between_sends().into(),
            ),
            ("maxAttempts", self.max_attempts().into()),
        ])
    }

    /// A code uniform over all `10 ** digits`, leading zeros kept, from
    /// `crypto.getRandomValues` (`seedForTests`: **tests only**).
    pub fn generate(&self, options: Option<Ts<GenerateOptions>>) -> Result<String, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let code = self.inner.generate_with(&mut options.rng()?);
        Ok(code.as_str().to_owned())
    }

    /// When a code issued at `issuedAt` stops being valid.
    #[wasm_bindgen(js_name = expiresAt, unchecked_return_type = "Date | null")]
    pub fn expires_at(
        &self,
        #[wasm_bindgen(js_name = issuedAt, unchecked_param_type = "Date")] issued_at: JsValue,
    ) -> Result<JsValue, JsValue> {
        date_or_null(self.inner.expires_at(timestamp("issuedAt", &issued_at)?))
    }

    /// Checks an entered code, in order: the attempt limit, the expiry, then the code
    /// (constant time). Record one more failed attempt on `"wrong"`; discard the code
    /// once it is valid, expired or dead.
    #[wasm_bindgen(unchecked_return_type = "CodeCheck")]
    pub fn check(
        &self,
        expected: &str,
        #[wasm_bindgen(js_name = issuedAt, unchecked_param_type = "Date")] issued_at: JsValue,
        #[wasm_bindgen(js_name = failedAttempts, unchecked_param_type = "number")]
        failed_attempts: JsValue,
        presented: &str,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let check = self.inner.check(
            expected,
            timestamp("issuedAt", &issued_at)?,
            whole_u32("failedAttempts", &failed_attempts)?,
            presented,
            timestamp("now", &now)?,
        );
        let result = Object::new();
        let kind = match check {
            CodeCheck::Valid => "valid",
            CodeCheck::Wrong { attempts_left } => {
                set(&result, "attemptsLeft", &JsValue::from(attempts_left));
                "wrong"
            }
            CodeCheck::Expired => "expired",
            CodeCheck::TooManyAttempts => "too_many_attempts",
        };
        set(&result, "kind", &JsValue::from_str(kind));
        Ok(result.into())
    }

    /// Returns when a code may be sent at `now` given the previous sends to the same user
    /// (any order); otherwise throws `CODE_SEND_TOO_SOON` or `CODE_SEND_LIMIT` with
    /// `nextAllowedAt`, the first instant both rules allow.
    #[wasm_bindgen(js_name = checkSend)]
    pub fn check_send(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date[]")] previous: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
    ) -> Result<(), JsValue> {
        if !Array::is_array(&previous) {
            return Err(invalid_type("previous must be an array of Dates"));
        }
        let previous = previous
            .unchecked_into::<Array>()
            .iter()
            .enumerate()
            .map(|(i, d)| timestamp(&format!("previous[{i}]"), &d))
            .collect::<Result<Vec<_>, _>>()?;
        self.inner
            .check_send(&previous, timestamp("now", &now)?)
            .map_err(core_error)
    }
}
