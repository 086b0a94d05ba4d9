//! `pin()` and `tokenUrlsafe()`: the one-liners of Python's `secrets`, from the core's
//! generator ([`passforge::GeneratorSettings::pin`]) and [`passforge::url_safe_token_with`].

use passforge::{Generator, GeneratorSettings};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, out_of_range};
use crate::options::{read, GenerateOptions};

/// A PIN of `length` decimal digits (default 6) through the password generator, seeded
/// by `crypto.getRandomValues`: every one of the `10 ** length` PINs is equally likely (no
/// modulo bias), leading zeros kept. `length` is 1 to 1024 (`LENGTH_ZERO`,
/// `LENGTH_TOO_LARGE`); not a whole number of 0 or more, `INVALID_ARGUMENT`.
/// `seedForTests` is **for tests only**.
#[wasm_bindgen]
pub fn pin(
    #[wasm_bindgen(unchecked_optional_param_type = "number")] length: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "GenerateOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let length = whole(
        "pin(length)",
        length,
        GeneratorSettings::DEFAULT_PIN_LENGTH.into(),
    )?;
    let options: GenerateOptions = read("options", options)?;
    // Beyond u32 it saturates, and the core refuses it (LENGTH_TOO_LARGE).
    let settings = GeneratorSettings::pin(u32::try_from(length).unwrap_or(u32::MAX));
    let generator = Generator::new(&settings).map_err(core_error)?;
    let pin = generator
        .generate_with(&mut options.rng()?)
        .map_err(core_error)?;
    Ok(pin.as_str().to_owned())
}

/// A random URL-safe string of `nbytes` random bytes (default 32, 256 bits) from
/// `crypto.getRandomValues`, as Python's `secrets.token_urlsafe`: the bytes in base64url
/// without padding (`A-Z a-z 0-9 - _`, 43 characters for the default). `nbytes` is 1 to
/// 1024 (`TOKEN_BYTES`, a `RangeError`); not a whole number of 0 or more,
/// `INVALID_ARGUMENT`. `seedForTests` is **for tests only**.
#[wasm_bindgen(js_name = tokenUrlsafe)]
pub fn token_urlsafe(
    #[wasm_bindgen(unchecked_optional_param_type = "number")] nbytes: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "GenerateOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let default = passforge::DEFAULT_TOKEN_BYTES as u64;
    let nbytes = whole("tokenUrlsafe(nbytes)", nbytes, default)?;
    let options: GenerateOptions = read("options", options)?;
    // Beyond usize it saturates, and the core refuses it (TOKEN_BYTES).
    let nbytes = usize::try_from(nbytes).unwrap_or(usize::MAX);
    let token = passforge::url_safe_token_with(&mut options.rng()?, nbytes).map_err(core_error)?;
    Ok(token.as_str().to_owned())
}

/// A whole number of 0 or more (`undefined` and `null` give `default`), saturating at
/// `u64::MAX`: `INVALID_ARGUMENT`, a `TypeError` for another type and a `RangeError` for
/// a negative or fractional number.
fn whole(what: &str, value: Option<JsValue>, default: u64) -> Result<u64, JsValue> {
    let Some(value) = value.filter(|v| !(v.is_undefined() || v.is_null())) else {
        return Ok(default);
    };
    let Some(n) = value.as_f64() else {
        return Err(invalid_type(format!("{what} must be a number")));
    };
    if !(n.fract() == 0.0 && n >= 0.0) {
        return Err(out_of_range(format!(
            "{what} is {n}; it must be a whole number of 0 or more"
        )));
    }
    Ok(n as u64)
}
