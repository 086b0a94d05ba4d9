//! Core errors raised as the exception classes of `passforge/_errors.py`.
//!
//! The classes live in Python so that pickling and `.code` behave like any Python
//! exception; each is built as `cls(message, code)`.

use pyo3::PyErr;

mod py {
    pyo3::import_exception!(passforge._errors, ConfigError);
    pyo3::import_exception!(passforge._errors, StrengthCheckError);
    pyo3::import_exception!(passforge._errors, GenerationError);
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
