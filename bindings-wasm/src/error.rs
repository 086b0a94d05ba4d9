//! Errors cross into JS as `Error` objects that carry the core's stable `code`.

use std::fmt::Display;

use js_sys::{Error, RangeError, Reflect, TypeError};
use wasm_bindgen::{JsCast, JsValue};

/// Code for a JS value the bindings could not read (wrong type, unknown option, count
/// out of range). Not a core code: the core never sees such values.
pub(crate) const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";

/// Which JS error constructor to use.
enum Kind {
    /// A core error: plain `Error`.
    Core,
    /// A value of the wrong type or shape: `TypeError`.
    Type,
    /// A number outside the accepted range: `RangeError`.
    Range,
}

/// An `Error` (or subclass) named `PassforgeError` with a `code` property.
fn throwable(kind: Kind, code: &str, message: impl Display) -> JsValue {
    let message = message.to_string();
    let error: Error = match kind {
        Kind::Core => Error::new(&message),
        Kind::Type => TypeError::new(&message).unchecked_into(),
        Kind::Range => RangeError::new(&message).unchecked_into(),
    };
    error.set_name("PassforgeError");
    // Setting an own data property on a fresh, extensible Error object cannot fail, so
    // the Result carries no information.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

/// The core's error types; each has an inherent `code()`.
pub(crate) trait CoreError: Display {
    fn code(&self) -> &'static str;
}

impl CoreError for passforge::ConfigError {
    fn code(&self) -> &'static str {
        self.code()
    }
}

impl CoreError for passforge::GenerateError {
    fn code(&self) -> &'static str {
        self.code()
    }
}

impl CoreError for passforge::StrengthCheckError {
    fn code(&self) -> &'static str {
        self.code()
    }
}

/// A core error as a JS `Error`; its message already says what to do.
pub(crate) fn core_error(e: impl CoreError) -> JsValue {
    throwable(Kind::Core, e.code(), &e)
}

/// An argument that is not what the TypeScript types say.
pub(crate) fn invalid_type(message: impl Display) -> JsValue {
    throwable(Kind::Type, INVALID_ARGUMENT, message)
}

/// A number outside the accepted range.
pub(crate) fn out_of_range(message: impl Display) -> JsValue {
    throwable(Kind::Range, INVALID_ARGUMENT, message)
}
