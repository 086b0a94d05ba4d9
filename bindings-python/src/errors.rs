//! Every core error raised as its exception class of `passforge/_errors.py`, in one place.
//!
//! The class is chosen by the core error's type (one class per concern: `ConfigError`,
//! `PolicyError`, `TokenError`, …), refined by its variant where the Python classes have a
//! subclass for it (`StrengthCheckError`, `NaiveDatetimeError`, `SettingsError`,
//! `PolicyUnmetError`). Every exception is built as `cls(message, code)` with the core's
//! message and [`ErrorCode`] (plus the extra fields some classes carry). The classes live in
//! Python so that pickling and `.code` behave like any Python exception.

use passforge::{ErrorCode, InvalidArgument};
use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::{PyErr, PyTypeInfo};

use crate::time::datetime;

pub(crate) mod py {
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
    pyo3::import_exception!(passforge._errors, PasswordRulesError);
}

/// A core error, raised as its Python exception.
pub(crate) trait Raise: ErrorCode + Sized {
    /// The exception to raise.
    fn into_py_err(self) -> PyErr;
}

/// `.map_err(raise)`: a core error as its Python exception.
pub(crate) fn raise<E: Raise>(e: E) -> PyErr {
    e.into_py_err()
}

/// An argument error ([`passforge::InvalidArgument`], [`passforge::UnknownName`]) raised as
/// the class `C` of the call's concern (a negative count is a `ConfigError`, a bad seed a
/// `GenerationError`, an unknown algorithm a `TokenError`), so that one `except` catches
/// everything a call can raise.
pub(crate) fn raise_in<C: PyTypeInfo, E: ErrorCode>(e: E) -> PyErr {
    PyErr::new::<C, _>((e.to_string(), e.code()))
}

/// `C(message, code)`.
fn new_err<C: PyTypeInfo>(e: &impl ErrorCode) -> PyErr {
    PyErr::new::<C, _>((e.to_string(), e.code()))
}

/// Each core error type and the class of its concern.
macro_rules! raised_as {
    ($($ty:ty => $class:ident),+ $(,)?) => {$(
        impl Raise for $ty {
            fn into_py_err(self) -> PyErr {
                new_err::<py::$class>(&self)
            }
        }
    )+};
}

raised_as!(
    passforge::StrengthCheckError => StrengthCheckError,
    passforge::GenerateError => GenerationError,
    passforge::RandomSourceError => GenerationError,
    passforge::ExpiryError => ExpiryError,
    passforge::TokenError => TokenError,
    passforge::ResetTokenError => ResetTokenError,
    passforge::OneTimeCodeError => OneTimeCodeError,
    passforge::SecurityAnswerError => SecurityAnswerError,
    passforge::PolicyError => PolicyError,
    passforge::PsoCandidateError => PolicyError,
    passforge::WordListError => ConfigError,
    passforge::PassphraseError => ConfigError,
);

/// A `ConfigError`; an unusable strength check as its subclass `StrengthCheckError` (with
/// the core's "strength check: " message).
impl Raise for passforge::ConfigError {
    fn into_py_err(self) -> PyErr {
        match self {
            passforge::ConfigError::StrengthCheck(_) => new_err::<py::StrengthCheckError>(&self),
            _ => new_err::<py::ConfigError>(&self),
        }
    }
}

/// A `TimeError`; a naive `datetime` as its subclass `NaiveDatetimeError`.
impl Raise for passforge::TimeError {
    fn into_py_err(self) -> PyErr {
        match self {
            passforge::TimeError::Naive => new_err::<py::NaiveDatetimeError>(&self),
            _ => new_err::<py::TimeError>(&self),
        }
    }
}

/// `ReplayGuardFull(message, code, capacity)`.
impl Raise for passforge::ReplayGuardFull {
    fn into_py_err(self) -> PyErr {
        py::ReplayGuardFull::new_err((self.to_string(), self.code(), self.capacity))
    }
}

/// `SendRefused(message, code, next_allowed_at)`; `next_allowed_at` is None when Python's
/// `datetime` cannot hold it (after 9999).
impl Raise for passforge::SendRefused {
    fn into_py_err(self) -> PyErr {
        let next =
            Python::attach(|py| datetime(py, self.next_allowed_at()).ok().map(Bound::unbind));
        py::SendRefused::new_err((self.to_string(), self.code(), next))
    }
}

/// `SettingsError(message, code, [(code, message), ...])`.
impl Raise for passforge::SettingsError {
    fn into_py_err(self) -> PyErr {
        let reasons: Vec<(&str, String)> = self
            .reasons()
            .iter()
            .map(|r| (r.code(), r.to_string()))
            .collect();
        py::SettingsError::new_err((self.to_string(), self.code(), reasons))
    }
}

/// Each cause as the class of its own concern; an unmet policy as
/// `PolicyUnmetError(message, code, attempts, [(code, count), ...])`; a context without a
/// policy as a `ConfigError` (the generator's configuration is refused).
impl Raise for passforge::PolicyGenerateError {
    fn into_py_err(self) -> PyErr {
        use passforge::PolicyGenerateError as E;
        match self {
            E::Settings(e) => raise(e),
            E::Config(e) => raise(e),
            E::Passphrase(e) => raise(e),
            E::Generate(e) => raise(e),
            E::Policy(e) => raise(e),
            E::Unmet {
                attempts,
                ref rejections,
            } => py::PolicyUnmetError::new_err((
                self.to_string(),
                self.code(),
                attempts,
                rejections.clone(),
            )),
            // ContextWithoutPolicy, and any variant a later core adds.
            _ => new_err::<py::ConfigError>(&self),
        }
    }
}

/// `PasswordRulesError(message, code, line, column)`; rules that conflict as a policy as
/// that `PolicyError`.
impl Raise for passforge::PasswordRulesError {
    fn into_py_err(self) -> PyErr {
        match self {
            passforge::PasswordRulesError::Policy(e) => raise(e),
            e => {
                let (line, column) = e.position().unzip();
                py::PasswordRulesError::new_err((e.to_string(), e.code(), line, column))
            }
        }
    }
}

/// Why an int argument does not fit the core's integer type.
pub(crate) enum OutOfRange {
    Negative,
    TooLarge,
}

/// An integer type the core takes, with its range as the error message says it.
pub(crate) trait IntRange: TryFrom<i128> {
    /// `"0 to 2**32 - 1"`.
    const RANGE: &'static str;
}

macro_rules! int_range {
    ($($ty:ty => $range:literal),+ $(,)?) => {$(
        impl IntRange for $ty {
            const RANGE: &'static str = $range;
        }
    )+};
}

int_range!(
    u8 => "0 to 255",
    u32 => "0 to 2**32 - 1",
    u64 => "0 to 2**64 - 1",
    i64 => "-2**63 to 2**63 - 1",
);
#[cfg(target_pointer_width = "64")]
int_range!(usize => "0 to 2**64 - 1");
#[cfg(target_pointer_width = "32")]
int_range!(usize => "0 to 2**32 - 1");

/// Reads an int argument as the integer type `T` the core takes: the one conversion of
/// every int argument of the wheel. A value that is not an int raises `TypeError` (PyO3
/// adds the argument's name); an int outside `T`'s range is `Ok(Err(_))`, for the caller
/// to raise as its concern's passforge error ([`Int::get`]) rather than the
/// `OverflowError` that `except ValueError` misses.
pub(crate) fn int<T: IntRange>(value: &Bound<'_, PyAny>) -> PyResult<Result<T, OutOfRange>> {
    let py = value.py();
    let wide = match value.extract::<i128>() {
        Ok(n) => n,
        Err(e) if e.is_instance_of::<PyOverflowError>(py) => {
            return Ok(Err(if value.lt(0)? {
                OutOfRange::Negative
            } else {
                OutOfRange::TooLarge
            }))
        }
        Err(e) => return Err(e),
    };
    Ok(T::try_from(wide).map_err(|_| {
        if wide < 0 {
            OutOfRange::Negative
        } else {
            OutOfRange::TooLarge
        }
    }))
}

/// An int argument of the core's type `T`, read by [`int`]; [`Int::get`] gives the value,
/// or raises `TypeError` naming the argument for a value that is not an int and the call's
/// passforge error for one out of range. Every int parameter of the wheel is one of these,
/// so none can raise `OverflowError`.
///
/// Reading never fails: PyO3 does not tell an extractor the argument's name, so the error
/// waits for `get(name)`.
pub(crate) struct Int<T> {
    value: Result<T, Unread>,
}

/// Why an [`Int`] has no value.
enum Unread {
    /// Out of range; the int as Python writes it, for the message.
    Range(OutOfRange, String),
    /// Not an int: the `TypeError` without the argument's name.
    Type(PyErr),
}

impl<T> Int<T> {
    /// A default value (of a signature).
    pub(crate) const fn of(value: T) -> Self {
        Self { value: Ok(value) }
    }
}

impl<T: IntRange> FromPyObject<'_, '_> for Int<T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let value = match int::<T>(&obj) {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(range)) => Err(Unread::Range(range, obj.str()?.to_string())),
            Err(e) => Err(Unread::Type(e)),
        };
        Ok(Self { value })
    }
}

impl<T: IntRange> Int<T> {
    /// The value, or the class `C` of the call's concern with `INVALID_ARGUMENT`:
    /// `"name is -1; it must be an int from 0 to 2**32 - 1"`.
    pub(crate) fn get<C: PyTypeInfo>(self, name: &str) -> PyResult<T> {
        match self.value {
            Ok(v) => Ok(v),
            Err(Unread::Range(_, shown)) => Err(out_of_range::<C, T>(name, &shown)),
            Err(Unread::Type(e)) => Err(type_error(name, e)),
        }
    }

    /// The value, `None` for a value above `T`'s range (for the caller to clamp), or the
    /// class `C` with `INVALID_ARGUMENT` for a negative one.
    pub(crate) fn get_or_too_large<C: PyTypeInfo>(self, name: &str) -> PyResult<Option<T>> {
        match self.value {
            Ok(v) => Ok(Some(v)),
            Err(Unread::Range(OutOfRange::TooLarge, _)) => Ok(None),
            Err(Unread::Range(OutOfRange::Negative, shown)) => {
                Err(out_of_range::<C, T>(name, &shown))
            }
            Err(Unread::Type(e)) => Err(type_error(name, e)),
        }
    }
}

/// A conversion's `TypeError` (or another error) with the argument's name, as PyO3 words
/// it for its own conversions: `argument 'length': 'str' object cannot be …`.
fn type_error(name: &str, e: PyErr) -> PyErr {
    Python::attach(|py| {
        if e.is_instance_of::<PyTypeError>(py) {
            PyTypeError::new_err(format!("argument '{name}': {}", e.value(py)))
        } else {
            e
        }
    })
}

/// `INVALID_ARGUMENT` as the class `C`, for an int out of `T`'s range.
fn out_of_range<C: PyTypeInfo, T: IntRange>(name: &str, shown: &str) -> PyErr {
    raise_in::<C, _>(InvalidArgument::new(format!(
        "{name} is {shown}; it must be an int from {}",
        T::RANGE
    )))
}
