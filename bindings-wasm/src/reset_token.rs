//! Password-reset tokens: `ResetToken`, `StoredResetToken`, `ResetTokenDigest`.

use std::time::Duration;

use js_sys::Uint8Array;
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, object, out_of_range};
use crate::options::{read, test_source, TestSeed};
use crate::time::{date, timestamp};

/// Options for `ResetToken.issue(now, options)`.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IssueOptions {
    /// How long the token is accepted, in seconds (default 600).
    #[tsify(optional)]
    pub lifetime_seconds: Option<u64>,
    /// **Tests only**: the token is a fixed function of this seed.
    #[tsify(optional, type = "bigint")]
    pub seed_for_tests: Option<TestSeed>,
}

/// A freshly issued password-reset token: 256 random bits as 43 URL-safe base64
/// characters (`token`, to send) and the `StoredResetToken` to keep (only its SHA-256).
#[wasm_bindgen]
pub struct ResetToken {
    inner: passforge::ResetToken,
}

#[wasm_bindgen]
impl ResetToken {
    /// Issues a token at `now`, from `crypto.getRandomValues`. Throws
    /// `RESET_TOKEN_LIFETIME` or `RANDOM_SOURCE`.
    pub fn issue(
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
        options: Option<Ts<IssueOptions>>,
    ) -> Result<ResetToken, JsValue> {
        let now = timestamp("now", &now)?;
        let options: IssueOptions = read("options", options.map(|o| o.js_value()))?;
        let lifetime = options
            .lifetime_seconds
            .map_or(passforge::ResetToken::DEFAULT_LIFETIME, Duration::from_secs);
        let mut rng = test_source(options.seed_for_tests)?;
        let inner = passforge::ResetToken::issue_with(&mut rng, now, lifetime);
        let inner = inner.map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The token text to send.
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> String {
        self.inner.as_str().to_owned()
    }

    /// What to store.
    #[wasm_bindgen(getter)]
    pub fn stored(&self) -> StoredResetToken {
        StoredResetToken {
            inner: self.inner.stored().clone(),
        }
    }

    /// `{ stored }` only: the token itself is a secret to send, never to log, so
    /// `JSON.stringify` and `util.inspect` leave it out (read `token`).
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "{ stored: { digest: string; issuedAt: Date; expiresAt: Date } }"
    )]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(object([("stored", self.stored().to_json()?)]))
    }
}

/// What the service stores for an issued reset token.
#[wasm_bindgen]
pub struct StoredResetToken {
    inner: passforge::StoredResetToken,
}

#[wasm_bindgen]
impl StoredResetToken {
    /// A stored token read back from the service's store.
    #[wasm_bindgen(constructor)]
    pub fn new(
        digest: &ResetTokenDigest,
        #[wasm_bindgen(js_name = issuedAt, unchecked_param_type = "Date")] issued_at: JsValue,
        #[wasm_bindgen(js_name = expiresAt, unchecked_param_type = "Date")] expires_at: JsValue,
    ) -> Result<StoredResetToken, JsValue> {
        Ok(Self {
            inner: passforge::StoredResetToken {
                digest: digest.inner,
                issued_at: timestamp("issuedAt", &issued_at)?,
                expires_at: timestamp("expiresAt", &expires_at)?,
            },
        })
    }

    /// SHA-256 of the token.
    #[wasm_bindgen(getter)]
    pub fn digest(&self) -> ResetTokenDigest {
        ResetTokenDigest {
            inner: self.inner.digest,
        }
    }

    /// When it was issued.
    #[wasm_bindgen(getter, js_name = issuedAt)]
    pub fn issued_at(&self) -> Result<js_sys::Date, JsValue> {
        date(self.inner.issued_at)
    }

    /// The first instant the token is no longer accepted.
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> Result<js_sys::Date, JsValue> {
        date(self.inner.expires_at)
    }

    /// The digest in hex and both instants (`JSON.stringify` writes the instants as ISO
    /// 8601 text).
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "{ digest: string; issuedAt: Date; expiresAt: Date }"
    )]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(object([
            ("digest", self.inner.digest.to_hex().into()),
            ("issuedAt", self.issued_at()?.into()),
            ("expiresAt", self.expires_at()?.into()),
        ]))
    }

    /// Returns when `presented` hashes to the digest (constant time) and
    /// `now < expiresAt`; otherwise throws `RESET_TOKEN_MISMATCH` (checked first), then
    /// `RESET_TOKEN_EXPIRED`.
    pub fn verify(
        &self,
        presented: &str,
        #[wasm_bindgen(unchecked_param_type = "Date")] now: JsValue,
    ) -> Result<(), JsValue> {
        self.inner
            .verify(presented, timestamp("now", &now)?)
            .map_err(core_error)
    }
}

/// SHA-256 of a reset token's text.
#[wasm_bindgen]
pub struct ResetTokenDigest {
    inner: passforge::ResetTokenDigest,
}

#[wasm_bindgen]
impl ResetTokenDigest {
    /// The digest of a token's text.
    pub fn of(token: &str) -> ResetTokenDigest {
        Self {
            inner: passforge::ResetTokenDigest::of(token),
        }
    }

    /// Reads 64 hexadecimal digits (either case); throws `RESET_TOKEN_DIGEST_SYNTAX`.
    #[wasm_bindgen(js_name = fromHex)]
    pub fn from_hex(text: &str) -> Result<ResetTokenDigest, JsValue> {
        Ok(Self {
            inner: passforge::ResetTokenDigest::from_hex(text).map_err(core_error)?,
        })
    }

    /// Wraps 32 stored digest bytes.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<ResetTokenDigest, JsValue> {
        let Some(array) = bytes.dyn_ref::<Uint8Array>() else {
            return Err(invalid_type("bytes must be a Uint8Array"));
        };
        let bytes: [u8; 32] = array
            .to_vec()
            .try_into()
            .map_err(|_| out_of_range("bytes must be 32 bytes long"))?;
        Ok(Self {
            inner: passforge::ResetTokenDigest::from_bytes(bytes),
        })
    }

    /// The 32 digest bytes.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.as_bytes().to_vec()
    }

    /// 64 lowercase hexadecimal digits.
    #[wasm_bindgen(js_name = toHex)]
    pub fn to_hex(&self) -> String {
        self.inner.to_hex()
    }

    /// The hex digits (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.to_hex()
    }

    /// Whether `presented` hashes to this digest (constant time).
    pub fn matches(&self, presented: &str) -> bool {
        self.inner.matches(presented)
    }

    /// Whether both digests are the same.
    pub fn equals(&self, other: &ResetTokenDigest) -> bool {
        self.inner == other.inner
    }
}
