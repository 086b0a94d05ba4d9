//! Core errors raised as the exception classes of `passforge/_errors.py`.
//!
//! The classes live in Python so that pickling and `.code` behave like any Python
//! exception; each is built as `cls(message, code)` (plus the extra fields some carry).

use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::PyErr;

use crate::time::datetime;

mod py {
    pyo3::import_exception!(passforge._errors, ConfigError);
    pyo3::import_exception!(passforge._errors, StrengthCheckError);
    pyo3::import_exception!(passforge._errors, GenerationError);
    pyo3::import_exception!(passforge._errors, TimeError);
    pyo3::import_exception!(passforge._errors, NaiveDatetimeError);
    pyo3::import_exception!(passforge._errors, ExpiryError);
    pyo3::import_exception!(passforge._errors, TokenError);
    pyo3::import_exception!(passforge._errors, ReplayGuardFull);
    pyo3::import_exception!(passforge._errors, ResetTokenError);
    pyo3::import_exception!(passforge._errors, OneTimeCodeError);
    pyo3::import_exception!(passforge._errors, SendRefused);
    pyo3::import_exception!(passforge._errors, SecurityAnswerError);
    pyo3::import_exception!(passforge._errors, PolicyError);
    pyo3::import_exception!(passforge._errors, SettingsError);
    pyo3::import_exception!(passforge._errors, PolicyUnmetError);
}

/// The binding's code for an int argument outside the range of the core's unsigned
/// type (a negative count or seed), which the core never sees. The WASM package uses the
/// same code; it belongs in the core's error registry once it has one.
pub(crate) const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";

/// The binding's code for a batch above [`crate::generator::MAX_BATCH`]; to come from
/// the core with `passforge::MAX_BATCH`.
pub(crate) const BATCH_TOO_LARGE: &str = "BATCH_TOO_LARGE";

/// Why an int argument does not fit the core's unsigned type.
pub(crate) enum OutOfRange {
    Negative,
    TooLarge,
}

/// Reads an int argument as the unsigned type `T` the core takes. A value that is not an
/// int raises `TypeError` naming the argument (as PyO3's own conversion does); an int
/// outside `T`'s range is `Ok(Err(_))`, for the caller to raise as its concern's
/// passforge error rather than the `OverflowError` that `except ValueError` misses.
pub(crate) fn unsigned<T: TryFrom<u64>>(
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<Result<T, OutOfRange>> {
    let py = value.py();
    match value.extract::<u64>() {
        Ok(n) => Ok(T::try_from(n).map_err(|_| OutOfRange::TooLarge)),
        Err(e) if e.is_instance_of::<PyOverflowError>(py) => Ok(Err(if value.lt(0)? {
            OutOfRange::Negative
        } else {
            OutOfRange::TooLarge
        })),
        Err(e) => Err(PyTypeError::new_err(format!(
            "argument '{name}': {}",
            e.value(py)
        ))),
    }
}

/// A `ConfigError` the binding names (an int setting outside the core's range).
pub(crate) fn config_error_from(message: String, code: &'static str) -> PyErr {
    py::ConfigError::new_err((message, code))
}

/// A `GenerationError` the binding names (a batch size or seed outside the core's range).
pub(crate) fn generation_error_from(message: String, code: &'static str) -> PyErr {
    py::GenerationError::new_err((message, code))
}

pub(crate) fn config_error(e: passforge::ConfigError) -> PyErr {
    let args = (e.to_string(), e.code());
    match e {
        passforge::ConfigError::StrengthCheck(_) => py::StrengthCheckError::new_err(args),
        _ => py::ConfigError::new_err(args),
    }
}

pub(crate) fn strength_check_error(e: passforge::StrengthCheckError) -> PyErr {
    py::StrengthCheckError::new_err((e.to_string(), e.code()))
}

pub(crate) fn generation_error(e: passforge::GenerateError) -> PyErr {
    py::GenerationError::new_err((e.to_string(), e.code()))
}

pub(crate) fn time_error(e: passforge::TimeError) -> PyErr {
    py::TimeError::new_err((e.to_string(), e.code()))
}

/// A `datetime` without an offset: the core has no such case, so the binding names it.
pub(crate) fn naive_datetime_error() -> PyErr {
    py::NaiveDatetimeError::new_err((
        "the datetime has no UTC offset; pass an aware datetime such as \
         datetime.now(timezone.utc)",
        "TIME_NAIVE",
    ))
}

/// A negative `timedelta` where the core takes a `Duration`, which cannot be negative.
pub(crate) fn negative_duration_error() -> PyErr {
    py::TimeError::new_err((
        "the timedelta is negative; pass a duration of zero or more",
        "DURATION_NEGATIVE",
    ))
}

pub(crate) fn expiry_error(e: passforge::ExpiryError) -> PyErr {
    py::ExpiryError::new_err((e.to_string(), e.code()))
}

pub(crate) fn token_error(e: passforge::TokenError) -> PyErr {
    py::TokenError::new_err((e.to_string(), e.code()))
}

/// An algorithm name the binding cannot map onto [`passforge::TokenAlgorithm`]. The
/// name is not a secret, but it is not echoed either: it may be a misplaced argument.
pub(crate) fn token_algorithm_error() -> PyErr {
    py::TokenError::new_err((
        "unknown token algorithm; use \"sha1\" or \"hmac-sha256\"",
        "TOKEN_ALGORITHM",
    ))
}

pub(crate) fn replay_guard_full(e: passforge::ReplayGuardFull) -> PyErr {
    py::ReplayGuardFull::new_err((e.to_string(), e.code(), e.capacity))
}

pub(crate) fn reset_token_error(e: passforge::ResetTokenError) -> PyErr {
    py::ResetTokenError::new_err((e.to_string(), e.code()))
}

pub(crate) fn one_time_code_error(e: passforge::OneTimeCodeError) -> PyErr {
    py::OneTimeCodeError::new_err((e.to_string(), e.code()))
}

/// `next_allowed_at` is `None` when Python's `datetime` cannot hold it (after 9999).
pub(crate) fn send_refused(py: Python<'_>, e: passforge::SendRefused) -> PyErr {
    let next = datetime(py, e.next_allowed_at()).ok();
    py::SendRefused::new_err((e.to_string(), e.code(), next.map(Bound::unbind)))
}

pub(crate) fn security_answer_error(e: passforge::SecurityAnswerError) -> PyErr {
    py::SecurityAnswerError::new_err((e.to_string(), e.code()))
}

pub(crate) fn policy_error(e: passforge::PolicyError) -> PyErr {
    py::PolicyError::new_err((e.to_string(), e.code()))
}

/// Text, a dict or keywords that serde could not read as a `PolicySpec`: the core never
/// sees them, so the binding names the case (`POLICY_SYNTAX`).
pub(crate) fn policy_syntax_error(detail: &str) -> PyErr {
    py::PolicyError::new_err((
        format!("the policy could not be read: {detail}"),
        "POLICY_SYNTAX",
    ))
}

/// A `resolve_pso` candidate the core refused (an attribute value), naming its index.
pub(crate) fn pso_policy_error(index: usize, e: passforge::PolicyError) -> PyErr {
    py::PolicyError::new_err((format!("candidate {index}: {e}"), e.code()))
}

/// A `resolve_pso` candidate of the wrong shape (a missing or mistyped key, a link other
/// than "direct" or "group", a bad GUID): the core never sees it, so the binding names
/// the case (`PSO_CANDIDATE`). Attribute values are not echoed.
pub(crate) fn pso_candidate_error(message: String) -> PyErr {
    py::PolicyError::new_err((message, "PSO_CANDIDATE"))
}

/// Raised as `SettingsError(message, code, [(code, message), ...])`.
pub(crate) fn settings_error(e: passforge::SettingsError) -> PyErr {
    let reasons: Vec<(&str, String)> = e
        .reasons()
        .iter()
        .map(|r| (r.code(), r.to_string()))
        .collect();
    py::SettingsError::new_err((e.to_string(), e.code(), reasons))
}

/// Each cause as the exception class of its own concern; an unmet policy as
/// `PolicyUnmetError(message, code, attempts, [(code, count), ...])`.
pub(crate) fn policy_generate_error(e: passforge::PolicyGenerateError) -> PyErr {
    match e {
        passforge::PolicyGenerateError::Settings(e) => settings_error(e),
        passforge::PolicyGenerateError::Config(e) => config_error(e),
        passforge::PolicyGenerateError::Generate(e) => generation_error(e),
        passforge::PolicyGenerateError::Unmet {
            attempts,
            ref rejections,
        } => py::PolicyUnmetError::new_err((e.to_string(), e.code(), attempts, rejections.clone())),
        // A variant a later core adds before the binding names it.
        _ => py::GenerationError::new_err((e.to_string(), e.code())),
    }
}
