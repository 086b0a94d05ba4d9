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
fn throwable(kind: Kind, code: &str, message: impl Display) -> Error {
    let message = message.to_string();
    let error: Error = match kind {
        Kind::Core => Error::new(&message),
        Kind::Type => TypeError::new(&message).unchecked_into(),
        Kind::Range => RangeError::new(&message).unchecked_into(),
    };
    error.set_name("PassforgeError");
    set(&error, "code", &JsValue::from_str(code));
    error
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

/// The core's error types; each has an inherent `code()`.
pub(crate) trait CoreError: Display {
    fn code(&self) -> &'static str;
}

macro_rules! core_errors {
    ($($t:ty),* $(,)?) => {$(
        impl CoreError for $t {
            fn code(&self) -> &'static str {
                self.code()
            }
        }
    )*};
}

core_errors!(
    passforge::ConfigError,
    passforge::GenerateError,
    passforge::StrengthCheckError,
    passforge::PolicyError,
    passforge::TimeError,
    passforge::ExpiryError,
    passforge::TokenError,
    passforge::ReplayGuardFull,
    passforge::ResetTokenError,
    passforge::OneTimeCodeError,
    passforge::SecurityAnswerError,
);

/// A core error as a JS `Error`; its message already says what to do.
pub(crate) fn core_error(e: impl CoreError) -> JsValue {
    throwable(Kind::Core, e.code(), &e).into()
}

/// Settings that fall short of a policy: `SETTINGS_BELOW_POLICY`, with every reason as
/// `reasons: {code, message}[]`.
pub(crate) fn settings_error(e: passforge::SettingsError) -> JsValue {
    let error = throwable(Kind::Core, e.code(), &e);
    let reasons: js_sys::Array = e
        .reasons()
        .iter()
        .map(|r| {
            let reason = js_sys::Object::new();
            set(&reason, "code", &JsValue::from_str(r.code()));
            set(&reason, "message", &JsValue::from_str(&r.to_string()));
            JsValue::from(reason)
        })
        .collect();
    set(&error, "reasons", &reasons);
    error.into()
}

/// A policy generator that could not be built or could not generate; settings that
/// fall short carry their `reasons`, an unmet policy its `attempts`.
pub(crate) fn policy_generate_error(e: passforge::PolicyGenerateError) -> JsValue {
    match e {
        passforge::PolicyGenerateError::Settings(e) => settings_error(e),
        passforge::PolicyGenerateError::Config(e) => core_error(e),
        passforge::PolicyGenerateError::Generate(e) => core_error(e),
        unmet => {
            let error = throwable(Kind::Core, unmet.code(), &unmet);
            if let passforge::PolicyGenerateError::Unmet { attempts, .. } = &unmet {
                set(&error, "attempts", &JsValue::from_f64(*attempts as f64));
            }
            error.into()
        }
    }
}

/// A refused one-time-code send, with `nextAllowedAt` (a `Date`).
pub(crate) fn send_refused(e: passforge::SendRefused) -> JsValue {
    let error = throwable(Kind::Core, e.code(), e);
    set(
        &error,
        "nextAllowedAt",
        &crate::time::date_or_invalid(e.next_allowed_at()),
    );
    error.into()
}

/// Text the bindings could not read as a policy (JSON or TOML syntax, an unknown key, a
/// value of the wrong type): the core never sees it, so the binding names the case.
pub(crate) fn policy_syntax(detail: impl Display) -> JsValue {
    throwable(
        Kind::Core,
        "POLICY_SYNTAX",
        format!("the policy could not be read: {detail}"),
    )
    .into()
}

/// An argument that is not what the TypeScript types say.
pub(crate) fn invalid_type(message: impl Display) -> JsValue {
    throwable(Kind::Type, INVALID_ARGUMENT, message).into()
}

/// A number outside the accepted range.
pub(crate) fn out_of_range(message: impl Display) -> JsValue {
    throwable(Kind::Range, INVALID_ARGUMENT, message).into()
}
