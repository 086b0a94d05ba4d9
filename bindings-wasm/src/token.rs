//! Service tokens: `SharedToken`, `TimeTokenScheme`, `RequestTokenScheme`,
//! `MemoryReplayGuard` and `requestBinding`.

use js_sys::{Object, Uint8Array};
use passforge::{TokenAlgorithm, TokenCheck};
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, object, out_of_range, set};
use crate::options::read;
use crate::time::{bigint_i64, date, timestamp, whole_number};

/// Options for `new TimeTokenScheme(options)`.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimeTokenOptions {
    /// `"sha1"` (default; the AD reset service's scheme) or `"hmac-sha256"` (preferred
    /// where both sides can).
    #[tsify(optional, type = "TokenAlgorithm")]
    pub algorithm: Option<String>,
    /// Window length, 1 to 86 400 seconds (default 300).
    #[tsify(optional)]
    pub period_seconds: Option<u64>,
    /// Neighbouring windows accepted on each side, 0 to 10 (default 1).
    #[tsify(optional)]
    pub skew_windows: Option<u32>,
}

/// Options for `new RequestTokenScheme(options)`.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestTokenOptions {
    /// Window length, 1 to 86 400 seconds (default 300).
    #[tsify(optional)]
    pub period_seconds: Option<u64>,
    /// Neighbouring windows accepted on each side, 0 to 10 (default 1).
    #[tsify(optional)]
    pub skew_windows: Option<u32>,
}

/// Bytes given as a `Uint8Array`, or a string (its UTF-8 bytes).
fn bytes(what: &str, value: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.as_string() {
        Ok(text.into_bytes())
    } else if let Some(array) = value.dyn_ref::<Uint8Array>() {
        Ok(array.to_vec())
    } else {
        Err(invalid_type(format!(
            "{what} must be a Uint8Array or a string"
        )))
    }
}

/// The secret of a call: a `Uint8Array`, or a string (its UTF-8 bytes).
pub(crate) fn shared_token(what: &str, value: &JsValue) -> Result<passforge::SharedToken, JsValue> {
    passforge::SharedToken::new(bytes(what, value)?).map_err(core_error)
}

/// The secret shared between the service and its callers (plain bearer mode). The core
/// copy is zeroized when this object is freed.
#[wasm_bindgen]
pub struct SharedToken {
    inner: passforge::SharedToken,
}

#[wasm_bindgen]
impl SharedToken {
    /// Throws `TOKEN_SECRET_EMPTY` for an empty secret.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] secret: JsValue,
    ) -> Result<SharedToken, JsValue> {
        Ok(Self {
            inner: shared_token("secret", &secret)?,
        })
    }

    /// Whether `presented` (its UTF-8 bytes) is the secret itself, compared in constant
    /// time through SHA-256.
    #[wasm_bindgen(js_name = verifyPlain)]
    pub fn verify_plain(&self, presented: &str) -> bool {
        self.inner.verify_plain(presented)
    }

    /// Whether the secret is shorter than `SharedToken.MIN_BYTES` (16): accepted (an
    /// existing deployment's token, a test vector), but the CLI and the reset service
    /// refuse such a configured token.
    #[wasm_bindgen(getter, js_name = isShort)]
    pub fn is_short(&self) -> bool {
        self.inner.is_short()
    }

    /// The shortest shared token a new deployment should use: 16 bytes (128 bits).
    #[wasm_bindgen(getter = MIN_BYTES)]
    pub fn min_bytes() -> u32 {
        // 16: fits a u32.
        passforge::SharedToken::MIN_BYTES as u32
    }
}

/// The time-based service-token scheme: `window = floor(unixSeconds / period)`; the
/// token is lowercase hex of `SHA-1(secret ‖ decimal window)` or
/// `HMAC-SHA256(secret, decimal window)`; a token is accepted while the verifier's window
/// is within `skewWindows` of its own. Every `secret` is a `Uint8Array` or a string (its
/// UTF-8 bytes).
#[wasm_bindgen]
pub struct TimeTokenScheme {
    inner: passforge::TimeTokenScheme,
}

#[wasm_bindgen]
impl TimeTokenScheme {
    /// Throws `TOKEN_PERIOD` or `TOKEN_SKEW` for values out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<TimeTokenOptions>>) -> Result<TimeTokenScheme, JsValue> {
        let options: TimeTokenOptions = read("options", options.map(|o| o.js_value()))?;
        let algorithm = match options.algorithm.as_deref() {
            Some(name) => name.parse::<TokenAlgorithm>().map_err(core_error)?,
            None => TokenAlgorithm::default(),
        };
        let d = passforge::TimeTokenScheme::default();
        let inner = passforge::TimeTokenScheme::new(
            algorithm,
            options.period_seconds.unwrap_or(d.period_seconds()),
            options.skew_windows.unwrap_or(d.skew_windows()),
        )
        .map_err(core_error)?;
        Ok(Self { inner })
    }

    /// `"sha1"` or `"hmac-sha256"`.
    #[wasm_bindgen(getter, unchecked_return_type = "TokenAlgorithm")]
    pub fn algorithm(&self) -> String {
        self.inner.algorithm().as_str().to_owned()
    }

    /// The window length in seconds.
    #[wasm_bindgen(getter, js_name = periodSeconds)]
    pub fn period_seconds(&self) -> f64 {
        // At most 86 400.
        self.inner.period_seconds() as f64
    }

    /// Neighbouring windows accepted on each side.
    #[wasm_bindgen(getter, js_name = skewWindows)]
    pub fn skew_windows(&self) -> u32 {
        self.inner.skew_windows()
    }

    /// The settings, as the constructor takes them (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "{ algorithm: TokenAlgorithm; periodSeconds: number; skewWindows: number }"
    )]
    pub fn to_json(&self) -> JsValue {
        object([
            ("algorithm", self.algorithm().into()),
            ("periodSeconds", self.period_seconds().into()),
            ("skewWindows", self.skew_windows().into()),
        ])
    }

    /// `floor(unixSeconds / period)` of an instant (also floor before 1970).
    pub fn window(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: JsValue,
    ) -> Result<i64, JsValue> {
        Ok(self.inner.window(timestamp("at", &at)?))
    }

    /// The token of a window number.
    #[wasm_bindgen(js_name = tokenForWindow)]
    pub fn token_for_window(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "bigint")] window: JsValue,
    ) -> Result<String, JsValue> {
        let secret = shared_token("secret", &secret)?;
        Ok(self
            .inner
            .token_for_window(&secret, bigint_i64("window", &window)?))
    }

    /// The token of the window containing `at`.
    #[wasm_bindgen(js_name = tokenAt)]
    pub fn token_at(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: JsValue,
    ) -> Result<String, JsValue> {
        let secret = shared_token("secret", &secret)?;
        Ok(self.inner.token_at(&secret, timestamp("at", &at)?))
    }

    /// The accepted token when `presented` is the token of the window containing `now` or
    /// of one of the `skewWindows` on either side (constant time; lowercase hex only),
    /// else `null`.
    #[wasm_bindgen(unchecked_return_type = "AcceptedToken | null")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] secret: JsValue,
        presented: &str,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let secret = shared_token("secret", &secret)?;
        match self
            .inner
            .verify(&secret, presented, timestamp("now", &now)?)
        {
            Some(accepted) => accepted_token(accepted),
            None => Ok(JsValue::NULL),
        }
    }

    /// `verify`, then records the token in `guard`, so that a second use before it stops
    /// being valid is `"replayed"`. Throws `REPLAY_GUARD_FULL` from a full guard.
    #[wasm_bindgen(js_name = verifyOnce, unchecked_return_type = "TokenCheck")]
    pub fn verify_once(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] secret: JsValue,
        presented: &str,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
        guard: &MemoryReplayGuard,
    ) -> Result<JsValue, JsValue> {
        let secret = shared_token("secret", &secret)?;
        let now = timestamp("now", &now)?;
        let check = self
            .inner
            .verify_once(&secret, presented, now, &guard.inner)
            .map_err(core_error)?;
        token_check(check)
    }
}

/// Per-request service tokens for new clients: `v1.<window>.<nonce>.<mac>`, where
/// `window = floor(unixSeconds / period)`, `nonce` is 16 to 64 characters of
/// `A-Z a-z 0-9 _ -` drawn fresh for every request (`RequestTokenScheme.nonce()`), and
/// `mac` is lowercase hex `HMAC-SHA256(secret, "passforge-request-v1\n" + window + "\n" +
/// nonce + "\n" + binding)` with `binding` the request's `requestBinding(method, path,
/// body)`. A time token is the same for every caller in a window, so its `verifyOnce`
/// admits one request per window for the whole deployment; a request token is accepted
/// once per request. Every `secret` is a `Uint8Array` or a string (its UTF-8 bytes).
#[wasm_bindgen]
pub struct RequestTokenScheme {
    inner: passforge::RequestTokenScheme,
}

#[wasm_bindgen]
impl RequestTokenScheme {
    /// Throws `TOKEN_PERIOD` or `TOKEN_SKEW` for values out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<RequestTokenOptions>>) -> Result<RequestTokenScheme, JsValue> {
        let options: RequestTokenOptions = read("options", options.map(|o| o.js_value()))?;
        let d = passforge::RequestTokenScheme::default();
        let inner = passforge::RequestTokenScheme::new(
            options.period_seconds.unwrap_or(d.period_seconds()),
            options.skew_windows.unwrap_or(d.skew_windows()),
        )
        .map_err(core_error)?;
        Ok(Self { inner })
    }

    /// A fresh nonce from the platform's random source (`crypto.getRandomValues`): 24
    /// random bytes as 32 base64url characters.
    pub fn nonce() -> Result<String, JsValue> {
        passforge::RequestTokenScheme::nonce().map_err(core_error)
    }

    /// Whether `nonce` is 16 to 64 characters of `A-Z a-z 0-9 _ -`.
    #[wasm_bindgen(js_name = isValidNonce)]
    pub fn is_valid_nonce(nonce: &str) -> bool {
        passforge::RequestTokenScheme::is_valid_nonce(nonce)
    }

    /// The window length in seconds.
    #[wasm_bindgen(getter, js_name = periodSeconds)]
    pub fn period_seconds(&self) -> f64 {
        // At most 86 400.
        self.inner.period_seconds() as f64
    }

    /// Neighbouring windows accepted on each side.
    #[wasm_bindgen(getter, js_name = skewWindows)]
    pub fn skew_windows(&self) -> u32 {
        self.inner.skew_windows()
    }

    /// The settings, as the constructor takes them (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "{ periodSeconds: number; skewWindows: number }"
    )]
    pub fn to_json(&self) -> JsValue {
        object([
            ("periodSeconds", self.period_seconds().into()),
            ("skewWindows", self.skew_windows().into()),
        ])
    }

    /// `floor(unixSeconds / period)` of an instant (also floor before 1970).
    pub fn window(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: JsValue,
    ) -> Result<i64, JsValue> {
        Ok(self.inner.window(timestamp("at", &at)?))
    }

    /// The token for one request at `at`. Throws `TOKEN_NONCE` for a nonce that is not 16
    /// to 64 characters of `A-Z a-z 0-9 _ -`.
    pub fn token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date")] at: JsValue,
        nonce: &str,
        binding: &str,
    ) -> Result<String, JsValue> {
        let secret = shared_token("secret", &secret)?;
        self.inner
            .token(&secret, timestamp("at", &at)?, nonce, binding)
            .map_err(core_error)
    }

    /// The accepted token when `presented` is a request token for `binding` whose window
    /// is within `skewWindows` of `now`'s, else `null` (also for malformed text, or text
    /// longer than 200 bytes). The MAC is compared in constant time.
    #[wasm_bindgen(unchecked_return_type = "AcceptedToken | null")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] secret: JsValue,
        presented: &str,
        binding: &str,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let secret = shared_token("secret", &secret)?;
        let now = timestamp("now", &now)?;
        match self.inner.verify(&secret, presented, binding, now) {
            Some(accepted) => accepted_token(accepted),
            None => Ok(JsValue::NULL),
        }
    }

    /// `verify`, then records the request in `guard` (by SHA-256 of its window and
    /// nonce), so that each request is accepted once: the same token again, or its nonce
    /// in another request of the window, is `"replayed"`. Throws `REPLAY_GUARD_FULL` from
    /// a full guard.
    #[wasm_bindgen(js_name = verifyOnce, unchecked_return_type = "TokenCheck")]
    pub fn verify_once(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] secret: JsValue,
        presented: &str,
        binding: &str,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
        guard: &MemoryReplayGuard,
    ) -> Result<JsValue, JsValue> {
        let secret = shared_token("secret", &secret)?;
        let now = timestamp("now", &now)?;
        let check = self
            .inner
            .verify_once(&secret, presented, binding, now, &guard.inner)
            .map_err(core_error)?;
        token_check(check)
    }
}

/// The binding of an HTTP request that clients and the service both compute:
/// `method + " " + path + "\n" + hex SHA-256(body)`; `method` as sent (`"POST"`), `path`
/// as in the request line (with its query, if any), `body` the exact bytes (a string is
/// its UTF-8 bytes; `""` for none).
#[wasm_bindgen(js_name = requestBinding)]
pub fn request_binding(
    method: &str,
    path: &str,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] body: JsValue,
) -> Result<String, JsValue> {
    Ok(passforge::request_binding(
        method,
        path,
        &bytes("body", &body)?,
    ))
}

/// `{ kind, accepted? }`.
fn token_check(check: TokenCheck) -> Result<JsValue, JsValue> {
    let result = Object::new();
    let kind = match check {
        TokenCheck::Accepted(accepted) => {
            set(&result, "accepted", &accepted_token(accepted)?);
            "accepted"
        }
        TokenCheck::Invalid => "invalid",
        TokenCheck::Replayed => "replayed",
    };
    set(&result, "kind", &JsValue::from_str(kind));
    Ok(result.into())
}

/// `{ window: bigint, validUntil: Date }`.
fn accepted_token(accepted: passforge::AcceptedToken) -> Result<JsValue, JsValue> {
    let result = Object::new();
    set(&result, "window", &JsValue::from(accepted.window));
    set(&result, "validUntil", &date(accepted.valid_until)?.into());
    Ok(result.into())
}

/// Remembers used tokens (by SHA-256) until they stop being valid, holding at most
/// `capacity` unexpired ones; when full it refuses new ones (`REPLAY_GUARD_FULL`) rather
/// than forget one.
#[wasm_bindgen]
pub struct MemoryReplayGuard {
    inner: passforge::MemoryReplayGuard,
}

#[wasm_bindgen]
impl MemoryReplayGuard {
    /// A guard for at most `capacity` tokens (default 10 000).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "number")] capacity: Option<JsValue>,
    ) -> Result<MemoryReplayGuard, JsValue> {
        let capacity = match capacity {
            Some(c) if !c.is_undefined() => whole_number("capacity", &c)?,
            _ => passforge::MemoryReplayGuard::DEFAULT_CAPACITY as u64,
        };
        let capacity = usize::try_from(capacity)
            .map_err(|_| out_of_range("capacity is too large for this platform"))?;
        Ok(Self {
            inner: passforge::MemoryReplayGuard::new(capacity),
        })
    }

    /// Tokens remembered (expired ones are dropped lazily).
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        // Bounded by the capacity, a wasm32 usize.
        self.inner.len() as u32
    }

    /// How many tokens it remembers; never the tokens (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ size: number }")]
    pub fn to_json(&self) -> JsValue {
        object([("size", self.size().into())])
    }
}
