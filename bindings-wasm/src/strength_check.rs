//! `StrengthCheck`: wraps [`passforge::StrengthCheck`].

use wasm_bindgen::prelude::*;

use crate::error::{core_error, object};

/// A parsed strength check: a list of regular expressions that a password must all
/// match (search semantics; anchor a pattern with `^` and `$`).
#[wasm_bindgen]
pub struct StrengthCheck {
    inner: passforge::StrengthCheck,
}

#[wasm_bindgen]
impl StrengthCheck {
    /// Parses `"'pattern', 'pattern', …"` (a quote inside a pattern is written twice);
    /// throws `STRENGTH_CHECK_SYNTAX`, `STRENGTH_CHECK_PATTERN`, `STRENGTH_CHECK_TOO_LONG`
    /// or `STRENGTH_CHECK_TOO_MANY`.
    #[wasm_bindgen(constructor)]
    pub fn new(list: &str) -> Result<StrengthCheck, JsValue> {
        let inner = passforge::StrengthCheck::parse(list).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The patterns, quotes removed, in order.
    #[wasm_bindgen(getter)]
    pub fn patterns(&self) -> Vec<String> {
        self.inner.patterns().to_vec()
    }

    /// `{ patterns }` (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ patterns: string[] }")]
    pub fn to_json(&self) -> JsValue {
        let patterns: js_sys::Array = self.inner.patterns().iter().map(JsValue::from).collect();
        object([("patterns", patterns.into())])
    }

    /// True when every pattern matches `password`.
    #[wasm_bindgen(js_name = isMatch)]
    pub fn is_match(&self, password: &str) -> bool {
        self.inner.is_match(password)
    }

    /// Indexes (into `patterns`) of the patterns that `password` does not match.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn failures(&self, password: &str) -> js_sys::Array {
        self.inner
            .failures(password)
            .into_iter()
            .map(|i| JsValue::from(i as u32))
            .collect()
    }
}
