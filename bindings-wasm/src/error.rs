//! Errors cross into JS as `Error` objects that carry the core's stable `code`: one
//! mapping, driven by the core's [`ErrorCode`] trait. The binding makes only one error of
//! its own, [`InvalidArgument`] (a JS value it cannot convert), and that is a core type too.

use std::error::Error as StdError;
use std::fmt::Display;

use js_sys::{Error, RangeError, Reflect, TypeError};
#[cfg(feature = "extras")]
use passforge::SendRefused;
use passforge::{
    ErrorCode, InvalidArgument, PasswordRulesError, PolicyGenerateError, PsoCandidateError,
    PsoProblem, SettingsError,
};
use wasm_bindgen::{JsCast, JsValue};

/// Which JS error constructor to use.
#[derive(Clone, Copy)]
enum Kind {
    /// What the core refused: plain `Error`.
    Core,
    /// A value of the wrong type, shape or name: `TypeError`.
    Type,
    /// A number outside the accepted range: `RangeError`.
    Range,
}

/// An `Error` (or subclass) named `PassforgeError` with the error's `code`.
fn throwable(kind: Kind, e: &dyn ErrorCode) -> Error {
    let message = e.to_string();
    let error: Error = match kind {
        Kind::Core => Error::new(&message),
        Kind::Type => TypeError::new(&message).unchecked_into(),
        Kind::Range => RangeError::new(&message).unchecked_into(),
    };
    error.set_name("PassforgeError");
    set(&error, "code", &JsValue::from_str(e.code()));
    error
}

/// Any passforge error as a JS `Error` with its `code`, plus the properties some errors
/// carry: `reasons` (`SETTINGS_BELOW_POLICY`), `attempts` (`POLICY_UNMET`),
/// `nextAllowedAt` (`CODE_SEND_*`), `line` and `column` (`PASSWORD_RULES_*`). What the binding used to refuse itself keeps its JS
/// kind: a wrong name, a context without a policy and a PSO candidate of the wrong shape
/// are `TypeError`s, a batch too large a `RangeError`.
pub(crate) fn core_error<E: ErrorCode + 'static>(e: E) -> JsValue {
    let any: &(dyn StdError + 'static) = &e;
    let shape = any
        .downcast_ref::<PsoCandidateError>()
        .is_some_and(|p| !matches!(p.problem(), PsoProblem::Attribute(_)));
    let kind = match e.code() {
        "UNKNOWN_NAME" | "CONTEXT_WITHOUT_POLICY" => Kind::Type,
        "BATCH_TOO_LARGE" | "TOKEN_BYTES" => Kind::Range,
        _ if shape => Kind::Type,
        _ => Kind::Core,
    };
    with_properties(throwable(kind, &e), any)
}

/// A core error about a JS value the core read as a document (a policy object): a
/// `TypeError`, as a value of the wrong type is in JS.
pub(crate) fn unreadable<E: ErrorCode + 'static>(e: E) -> JsValue {
    with_properties(throwable(Kind::Type, &e), &e)
}

/// Adds the properties of the errors that carry more than a message.
fn with_properties(error: Error, any: &(dyn StdError + 'static)) -> JsValue {
    let settings = any.downcast_ref::<SettingsError>().or_else(|| {
        match any.downcast_ref::<PolicyGenerateError>() {
            Some(PolicyGenerateError::Settings(s)) => Some(s),
            _ => None,
        }
    });
    if let Some(s) = settings {
        set(&error, "reasons", &reasons(s));
    }
    if let Some(PolicyGenerateError::Unmet { attempts, .. }) = any.downcast_ref() {
        set(&error, "attempts", &JsValue::from_f64(*attempts as f64));
    }
    if let Some((line, column)) = any
        .downcast_ref::<PasswordRulesError>()
        .and_then(PasswordRulesError::position)
    {
        set(&error, "line", &JsValue::from_f64(line as f64));
        set(&error, "column", &JsValue::from_f64(column as f64));
    }
    // One-time codes are in the extras entry only.
    #[cfg(feature = "extras")]
    if let Some(refused) = any.downcast_ref::<SendRefused>() {
        let at = crate::time::date_or_invalid(refused.next_allowed_at());
        set(&error, "nextAllowedAt", &at);
    }
    error.into()
}

/// Every shortfall as `{code, message}`.
fn reasons(e: &SettingsError) -> js_sys::Array {
    e.reasons()
        .iter()
        .map(|r| {
            object([
                ("code", JsValue::from_str(r.code())),
                ("message", JsValue::from_str(&r.to_string())),
            ])
        })
        .collect()
}

/// An argument that is not what the TypeScript types say: `INVALID_ARGUMENT`, a
/// `TypeError`.
pub(crate) fn invalid_type(message: impl Display) -> JsValue {
    throwable(Kind::Type, &InvalidArgument::new(message.to_string())).into()
}

/// A number outside the accepted range: `INVALID_ARGUMENT`, a `RangeError`.
pub(crate) fn out_of_range(message: impl Display) -> JsValue {
    throwable(Kind::Range, &InvalidArgument::new(message.to_string())).into()
}

/// Sets an own data property. On a fresh, extensible `Error` (or plain object) this
/// cannot fail, so the Result carries no information.
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// A plain object of `entries`, in order (for `toJSON`).
pub(crate) fn object<'a>(entries: impl IntoIterator<Item = (&'a str, JsValue)>) -> JsValue {
    let result = js_sys::Object::new();
    for (key, value) in entries {
        set(&result, key, &value);
    }
    result.into()
}

/// The core's registry, for `errorCodes()`: `{code, concern, meaning}[]`.
pub(crate) fn registry() -> js_sys::Array {
    passforge::error_codes()
        .iter()
        .map(|info| {
            object([
                ("code", JsValue::from_str(info.code)),
                ("concern", JsValue::from_str(info.concern.as_str())),
                ("meaning", JsValue::from_str(info.meaning)),
            ])
        })
        .collect()
}
