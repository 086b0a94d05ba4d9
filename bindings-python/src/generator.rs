//! `passforge.Generator`, wrapping [`passforge::Generator`].

use std::fmt::Write as _;

use num_bigint::BigUint;
use passforge::{DeterministicRng, GeneratorSettings, Password};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::errors::{config_error, generation_error};

/// A validated password generator: every password the settings allow is equally likely.
#[pyclass(frozen, module = "passforge", name = "Generator")]
pub(crate) struct Generator {
    inner: passforge::Generator,
}

#[pymethods]
impl Generator {
    // Literal defaults so that help() and stubtest see them; the "defaults" case of the
    // vector corpus fails if they drift from GeneratorSettings::default().
    #[new]
    #[pyo3(signature = (
        *,
        length = 12,
        lower = 6,
        upper = 2,
        digits = 2,
        symbols = 2,
        lower_set = None,
        upper_set = None,
        digit_set = None,
        symbol_set = None,
        exclude = "",
        avoid_ambiguous = false,
        strength_check = None,
    ))]
    #[allow(clippy::too_many_arguments)] // mirrors the settings struct, keyword-only
    fn new(
        length: u32,
        lower: u32,
        upper: u32,
        digits: u32,
        symbols: u32,
        lower_set: Option<String>,
        upper_set: Option<String>,
        digit_set: Option<String>,
        symbol_set: Option<String>,
        exclude: &str,
        avoid_ambiguous: bool,
        strength_check: Option<String>,
    ) -> PyResult<Self> {
        let settings = GeneratorSettings {
            length,
            lower,
            upper,
            digits,
            symbols,
            lower_set,
            upper_set,
            digit_set,
            symbol_set,
            exclude: exclude.to_owned(),
            avoid_ambiguous,
            strength_check,
        };
        let inner = passforge::Generator::new(&settings).map_err(config_error)?;
        Ok(Self { inner })
    }

    /// The effective length: the larger of `length` and the sum of the minimums.
    #[getter]
    fn length(&self) -> u32 {
        self.inner.length()
    }

    /// log2 of the exact number of passwords the settings allow.
    #[getter]
    fn entropy_bits(&self) -> f64 {
        self.inner.entropy_bits()
    }

    /// The exact number of passwords the settings allow.
    #[getter]
    fn password_count(&self) -> PyResult<BigUint> {
        // Through BigUint rather than Python's int(str), which refuses more than 4300
        // digits; the core writes plain decimal, so a parse failure is a core bug.
        self.inner
            .password_count()
            .parse()
            .map_err(|e| PyRuntimeError::new_err(format!("password count: {e}")))
    }

    /// One password from the OS-seeded CSPRNG. `seed_for_tests` makes the output
    /// reproducible and is for tests only.
    #[pyo3(signature = (*, seed_for_tests = None))]
    fn generate<'py>(
        &self,
        py: Python<'py>,
        seed_for_tests: Option<u64>,
    ) -> PyResult<Bound<'py, PyString>> {
        let inner = &self.inner;
        // A strength check can draw many candidates: let other threads run meanwhile.
        let password = py
            .detach(|| match seed_for_tests {
                Some(seed) => inner.generate_with(&mut DeterministicRng::from_seed_for_tests(seed)),
                None => inner.generate(),
            })
            .map_err(generation_error)?;
        Ok(PyString::new(py, password.as_str()))
    }

    /// `n` passwords from one OS-seeded CSPRNG, generated without holding the GIL.
    /// `seed_for_tests` gives the same passwords as the Rust core for that seed and is
    /// for tests only.
    #[pyo3(signature = (n, *, seed_for_tests = None))]
    fn generate_many<'py>(
        &self,
        py: Python<'py>,
        n: usize,
        seed_for_tests: Option<u64>,
    ) -> PyResult<Bound<'py, PyList>> {
        let inner = &self.inner;
        let passwords: Vec<Password> = py
            .detach(|| match seed_for_tests {
                Some(seed) => {
                    inner.generate_many_with(&mut DeterministicRng::from_seed_for_tests(seed), n)
                }
                None => inner.generate_many(n),
            })
            .map_err(generation_error)?;
        PyList::new(py, passwords.iter().map(|p| PyString::new(py, p.as_str())))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = self.inner.settings();
        let mut out = format!(
            "<passforge.Generator length={} lower={} upper={} digits={} symbols={}",
            s.length, s.lower, s.upper, s.digits, s.symbols
        );
        let texts = [
            ("lower_set", s.lower_set.as_deref()),
            ("upper_set", s.upper_set.as_deref()),
            ("digit_set", s.digit_set.as_deref()),
            ("symbol_set", s.symbol_set.as_deref()),
            (
                "exclude",
                Some(s.exclude.as_str()).filter(|e| !e.is_empty()),
            ),
            ("strength_check", s.strength_check.as_deref()),
        ];
        // Writing to a String cannot fail.
        for (name, value) in texts {
            if let Some(value) = value {
                let _ = write!(out, " {name}={}", PyString::new(py, value).repr()?);
            }
        }
        if s.avoid_ambiguous {
            out.push_str(" avoid_ambiguous=True");
        }
        if self.inner.length() != s.length {
            let _ = write!(out, " effective_length={}", self.inner.length());
        }
        let _ = write!(out, " entropy_bits={:.2}>", self.inner.entropy_bits());
        Ok(out)
    }
}
