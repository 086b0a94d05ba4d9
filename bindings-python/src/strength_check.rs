//! `passforge.StrengthCheck`, wrapping [`passforge::StrengthCheck`].

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors::strength_check_error;

/// A list of regular expressions a password must all match, written
/// `'pattern', 'pattern'` (a quote inside a pattern is written twice).
#[pyclass(frozen, module = "passforge", name = "StrengthCheck")]
pub(crate) struct StrengthCheck {
    inner: passforge::StrengthCheck,
}

#[pymethods]
impl StrengthCheck {
    #[new]
    fn new(list: &str) -> PyResult<Self> {
        let inner = passforge::StrengthCheck::parse(list).map_err(strength_check_error)?;
        Ok(Self { inner })
    }

    /// The patterns, quotes removed.
    #[getter]
    fn patterns(&self) -> Vec<String> {
        self.inner.patterns().to_vec()
    }

    /// True when every pattern matches somewhere in `password`.
    fn is_match(&self, password: &str) -> bool {
        self.inner.is_match(password)
    }

    /// Indexes of the patterns that `password` does not match.
    fn failures(&self, password: &str) -> Vec<usize> {
        self.inner.failures(password)
    }

    fn __str__(&self) -> String {
        self.inner.to_list_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let list = PyString::new(py, &self.inner.to_list_string()).repr()?;
        Ok(format!("StrengthCheck({list})"))
    }
}
