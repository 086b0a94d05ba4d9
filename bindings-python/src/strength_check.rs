//! `passforge.StrengthCheck`, wrapping [`passforge::StrengthCheck`].

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};

use crate::errors::raise;

/// Regular expressions a password must all match, written ``'p1', 'p2'`` (a quote
/// inside a pattern is doubled: ``'it''s'``). Linear-time engine: no look-around or
/// back-references. ``str()`` gives the list string back.
///
/// Raises :class:`~passforge.StrengthCheckError` when the list cannot be parsed.
/// Immutable: ``==`` and ``hash`` compare the patterns; it pickles by its list string.
#[pyclass(frozen, module = "passforge", name = "StrengthCheck")]
pub(crate) struct StrengthCheck {
    inner: passforge::StrengthCheck,
}

#[pymethods]
impl StrengthCheck {
    #[new]
    fn new(list: &str) -> PyResult<Self> {
        let inner = passforge::StrengthCheck::parse(list).map_err(raise)?;
        Ok(Self { inner })
    }

    /// The patterns, quotes removed.
    #[getter]
    fn patterns(&self) -> Vec<String> {
        self.inner.patterns().to_vec()
    }

    /// True when every pattern matches somewhere in ``password``.
    fn is_match(&self, password: &str) -> bool {
        self.inner.is_match(password)
    }

    /// Indexes of the patterns ``password`` does not match.
    fn failures(&self, password: &str) -> Vec<usize> {
        self.inner.failures(password)
    }

    /// Pickled by its list string: unpickling calls `StrengthCheck(str(check))`.
    fn __getnewargs__(&self) -> (String,) {
        (self.inner.to_list_string(),)
    }

    /// Immutable: a copy is the same object.
    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    /// Equal when the patterns are the same, in the same order.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> Py<PyAny> {
        match other.cast::<StrengthCheck>() {
            Ok(other) => {
                let equal = self.inner.patterns() == other.get().inner.patterns();
                PyBool::new(py, equal).to_owned().into_any().unbind()
            }
            Err(_) => py.NotImplemented(),
        }
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.inner.patterns().hash(&mut hasher);
        hasher.finish()
    }

    fn __str__(&self) -> String {
        self.inner.to_list_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let list = PyString::new(py, &self.inner.to_list_string()).repr()?;
        Ok(format!("StrengthCheck({list})"))
    }
}
