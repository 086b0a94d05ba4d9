//! `passforge.Generator`, wrapping [`passforge::Generator`].

use std::fmt::Write as _;

use num_bigint::BigUint;
use passforge::{DeterministicRng, GeneratorSettings, Password, PolicyGenerator, UserContext};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::errors::{config_error, generation_error, policy_generate_error};
use crate::policy::{policy_repr, Policy};

/// What a `Generator` draws from: plain settings, or settings that obey a policy for
/// one user (candidates that break a rule are redrawn).
// One per Python object, built once and never moved: boxing would only add a pointer.
#[allow(clippy::large_enum_variant)]
enum Inner {
    Plain(passforge::Generator),
    Policy {
        generator: PolicyGenerator,
        context: UserContext,
    },
}

/// A validated password generator: every password the settings allow is equally likely.
#[pyclass(frozen, module = "passforge", name = "Generator")]
pub(crate) struct Generator {
    inner: Inner,
}

impl Generator {
    /// The core generator (for a policy, the one its candidates come from).
    pub(crate) fn core(&self) -> &passforge::Generator {
        match &self.inner {
            Inner::Plain(g) => g,
            Inner::Policy { generator, .. } => generator.generator(),
        }
    }
}

/// A count given as `None` takes the default of [`GeneratorSettings`].
fn count(given: Option<u32>, default: u32) -> u32 {
    given.unwrap_or(default)
}

#[pymethods]
impl Generator {
    // None for the counts means "not given": the defaults (12 / 6 / 2 / 2 / 2) without a
    // policy, the settings derived from it with one (as `passforge generate --policy`).
    // The "defaults" case of the vector corpus fails if the defaults drift.
    #[new]
    #[pyo3(signature = (
        *,
        length = None,
        lower = None,
        upper = None,
        digits = None,
        symbols = None,
        lower_set = None,
        upper_set = None,
        digit_set = None,
        symbol_set = None,
        exclude = "",
        avoid_ambiguous = false,
        strength_check = None,
        policy = None,
        username = None,
        display_name = None,
        email = None,
    ))]
    #[allow(clippy::too_many_arguments)] // mirrors the settings struct, keyword-only
    fn new(
        length: Option<u32>,
        lower: Option<u32>,
        upper: Option<u32>,
        digits: Option<u32>,
        symbols: Option<u32>,
        lower_set: Option<String>,
        upper_set: Option<String>,
        digit_set: Option<String>,
        symbol_set: Option<String>,
        exclude: &str,
        avoid_ambiguous: bool,
        strength_check: Option<String>,
        policy: Option<&Policy>,
        username: Option<String>,
        display_name: Option<String>,
        email: Option<String>,
    ) -> PyResult<Self> {
        let given = length.is_some()
            || lower.is_some()
            || upper.is_some()
            || digits.is_some()
            || symbols.is_some()
            || lower_set.is_some()
            || upper_set.is_some()
            || digit_set.is_some()
            || symbol_set.is_some()
            || !exclude.is_empty()
            || avoid_ambiguous
            || strength_check.is_some();
        let d = GeneratorSettings::default();
        let settings = GeneratorSettings {
            length: count(length, d.length),
            lower: count(lower, d.lower),
            upper: count(upper, d.upper),
            digits: count(digits, d.digits),
            symbols: count(symbols, d.symbols),
            lower_set,
            upper_set,
            digit_set,
            symbol_set,
            exclude: exclude.to_owned(),
            avoid_ambiguous,
            strength_check,
        };
        let inner = match policy {
            None => {
                if username.is_some() || display_name.is_some() || email.is_some() {
                    return Err(PyTypeError::new_err(
                        "username, display_name and email are for a policy's context \
                         rules; pass policy= as well",
                    ));
                }
                Inner::Plain(passforge::Generator::new(&settings).map_err(config_error)?)
            }
            Some(policy) => {
                // Options given: checked against the policy; none: derived from it.
                let settings = given.then_some(&settings);
                let generator =
                    PolicyGenerator::new(&policy.inner, settings).map_err(policy_generate_error)?;
                Inner::Policy {
                    generator,
                    context: UserContext {
                        username,
                        display_name,
                        email,
                    },
                }
            }
        };
        Ok(Self { inner })
    }

    /// The policy every password obeys, or None.
    #[getter]
    fn policy(&self) -> Option<Policy> {
        match &self.inner {
            Inner::Plain(_) => None,
            Inner::Policy { generator, .. } => Some(Policy {
                inner: generator.policy().clone(),
            }),
        }
    }

    /// The effective length: the larger of `length` and the sum of the minimums.
    #[getter]
    fn length(&self) -> u32 {
        self.core().length()
    }

    /// log2 of the exact number of passwords the settings allow (before a strength
    /// check or a policy's rejections).
    #[getter]
    fn entropy_bits(&self) -> f64 {
        self.core().entropy_bits()
    }

    /// The exact number of passwords the settings allow.
    #[getter]
    fn password_count(&self) -> PyResult<BigUint> {
        // Through BigUint rather than Python's int(str), which refuses more than 4300
        // digits; the core writes plain decimal, so a parse failure is a core bug.
        self.core()
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
        // A strength check or a policy can draw many candidates: let other threads run.
        let password = py.detach(|| match inner {
            Inner::Plain(g) => match seed_for_tests {
                Some(seed) => g.generate_with(&mut DeterministicRng::from_seed_for_tests(seed)),
                None => g.generate(),
            }
            .map_err(generation_error),
            Inner::Policy { generator, context } => match seed_for_tests {
                Some(seed) => generator
                    .generate_with(&mut DeterministicRng::from_seed_for_tests(seed), context),
                None => generator.generate(context),
            }
            .map_err(policy_generate_error),
        })?;
        Ok(PyString::new(py, password.as_str()))
    }

    /// `n` passwords, generated without holding the GIL. `seed_for_tests` gives the same
    /// passwords as the Rust core for that seed and is for tests only.
    #[pyo3(signature = (n, *, seed_for_tests = None))]
    fn generate_many<'py>(
        &self,
        py: Python<'py>,
        n: usize,
        seed_for_tests: Option<u64>,
    ) -> PyResult<Bound<'py, PyList>> {
        let inner = &self.inner;
        let passwords: Vec<Password> = py.detach(|| match inner {
            Inner::Plain(g) => match seed_for_tests {
                Some(seed) => {
                    g.generate_many_with(&mut DeterministicRng::from_seed_for_tests(seed), n)
                }
                None => g.generate_many(n),
            }
            .map_err(generation_error),
            Inner::Policy { generator, context } => match seed_for_tests {
                Some(seed) => generator.generate_many_with(
                    &mut DeterministicRng::from_seed_for_tests(seed),
                    context,
                    n,
                ),
                None => generator.generate_many(context, n),
            }
            .map_err(policy_generate_error),
        })?;
        PyList::new(py, passwords.iter().map(|p| PyString::new(py, p.as_str())))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let core = self.core();
        let s = core.settings();
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
        if core.length() != s.length {
            let _ = write!(out, " effective_length={}", core.length());
        }
        let _ = write!(out, " entropy_bits={:.2}", core.entropy_bits());
        // The policy's numbers, never the user's context (which may be personal data).
        if let Inner::Policy { generator, .. } = &self.inner {
            let _ = write!(out, " policy={}", policy_repr(generator.policy()));
        }
        out.push('>');
        Ok(out)
    }
}
