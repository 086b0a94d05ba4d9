//! Password rules (Apple's password-rules language): `PasswordRules` wrapping
//! [`passforge::PasswordRules`], its `RuleCharacters`, and what a policy writes as rules
//! (`ExportedRules`, `UnexpressedRule`). `Policy.from_password_rules`,
//! `Policy.to_password_rules` and `Generator.from_password_rules` live with their
//! classes and delegate here.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::errors::raise;
use crate::policy::Policy;

/// Password rules in Apple's password-rules language, the ``passwordrules`` attribute
/// browsers and password managers read (``"minlength: 20; required: lower; required:
/// digit; max-consecutive: 2"``), read as its reference parser reads them: several
/// ``minlength`` keep the largest, ``maxlength`` and ``max-consecutive`` the smallest;
/// each ``required`` is one group (``required: upper, digit`` asks for an uppercase
/// letter or a digit); ``allowed`` is every allowed value and every group (all ASCII
/// printable characters without either). Property names are lowercase; class names any
/// case.
///
/// Raises :class:`~passforge.PasswordRulesError` (with ``line`` and ``column``) for
/// everything the reference parser reports as an error, and for a custom class left
/// empty. ``str(rules)`` is the canonical text, which reads back the same. Rules are
/// immutable, compare and hash by their meaning, and pickle by their text.
#[pyclass(frozen, eq, module = "passforge", name = "PasswordRules")]
#[derive(PartialEq)]
pub(crate) struct PasswordRules {
    pub(crate) inner: passforge::PasswordRules,
}

#[pymethods]
impl PasswordRules {
    #[new]
    fn new(text: &str) -> PyResult<Self> {
        let inner = passforge::PasswordRules::parse(text).map_err(raise)?;
        Ok(Self { inner })
    }

    /// The minimum length, or None.
    #[getter]
    fn min_length(&self) -> Option<u32> {
        self.inner.min_length()
    }

    /// The maximum length, or None.
    #[getter]
    fn max_length(&self) -> Option<u32> {
        self.inner.max_length()
    }

    /// The longest run of one character allowed (``max-consecutive``), or None.
    #[getter]
    fn max_consecutive(&self) -> Option<u32> {
        self.inner.max_consecutive()
    }

    /// The required groups, in order: a password needs a character of each.
    #[getter]
    fn required(&self) -> Vec<RuleCharacters> {
        self.inner
            .required()
            .iter()
            .map(|&inner| RuleCharacters { inner })
            .collect()
    }

    /// Every character a password may hold (the required groups included).
    #[getter]
    fn allowed(&self) -> RuleCharacters {
        RuleCharacters {
            inner: self.inner.allowed(),
        }
    }

    /// The policy that accepts exactly what the rules accept (``Policy.from_password_rules``
    /// of the same text); raises :class:`~passforge.PolicyError` when the rules conflict
    /// (``POLICY_LENGTH_RANGE``, ``POLICY_MINIMUMS_ABOVE_MAXIMUM``).
    fn to_policy(&self) -> PyResult<Policy> {
        Ok(Policy::from_core(self.inner.to_policy().map_err(raise)?))
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.inner.to_string()).repr()?;
        Ok(format!("passforge.PasswordRules({text})"))
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.inner.hash(&mut hasher);
        hasher.finish()
    }

    /// Pickled by the canonical text.
    fn __getnewargs__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, [self.inner.to_string()])
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }
}

/// One class of password rules: a set of ASCII printable characters, or all of Unicode
/// (``unicode``). ``str()`` is its canonical text (``"upper, digit, [-!]"``); ``c in
/// characters`` tests one character.
#[pyclass(frozen, eq, module = "passforge", name = "RuleCharacters")]
#[derive(PartialEq)]
pub(crate) struct RuleCharacters {
    inner: passforge::RuleCharacters,
}

#[pymethods]
impl RuleCharacters {
    /// Whether this is ``unicode``: every character.
    #[getter]
    fn is_unicode(&self) -> bool {
        self.inner.is_unicode()
    }

    /// Its ASCII printable characters, in ASCII order (all 95 for ``unicode``).
    #[getter]
    fn ascii_chars(&self) -> String {
        self.inner.ascii_chars().collect()
    }

    fn __contains__(&self, c: &str) -> bool {
        let mut chars = c.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => self.inner.contains(c),
            _ => false,
        }
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("<passforge.RuleCharacters {}>", self.inner)
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.inner.hash(&mut hasher);
        hasher.finish()
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "cannot pickle a passforge.RuleCharacters: pickle the PasswordRules it came from",
        ))
    }
}

/// A policy written as password rules (:meth:`Policy.to_password_rules`): ``str()`` is
/// the rules line for a page's ``passwordrules`` attribute, :attr:`rules` the rules, and
/// :attr:`unexpressed` every rule of the policy they do not express exactly.
#[pyclass(frozen, module = "passforge", name = "ExportedRules")]
pub(crate) struct ExportedRules {
    pub(crate) inner: passforge::ExportedRules,
}

#[pymethods]
impl ExportedRules {
    /// The rules.
    #[getter]
    fn rules(&self) -> PasswordRules {
        PasswordRules {
            inner: self.inner.rules().clone(),
        }
    }

    /// Every rule of the policy the rules do not express exactly; empty when they accept
    /// exactly the passwords the policy accepts.
    #[getter]
    fn unexpressed(&self) -> Vec<UnexpressedRule> {
        self.inner
            .unexpressed()
            .iter()
            .map(|u| UnexpressedRule { inner: u.clone() })
            .collect()
    }

    /// Whether nothing is :attr:`unexpressed`.
    #[getter]
    fn is_exact(&self) -> bool {
        self.inner.is_exact()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.inner.to_string()).repr()?;
        Ok(format!(
            "<passforge.ExportedRules {text} unexpressed={}>",
            self.inner.unexpressed().len()
        ))
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "cannot pickle a passforge.ExportedRules: pickle str(exported) and the policy",
        ))
    }
}

/// A rule of a policy that password rules cannot say as the policy means it.
#[pyclass(frozen, eq, module = "passforge", name = "UnexpressedRule")]
#[derive(PartialEq)]
pub(crate) struct UnexpressedRule {
    inner: passforge::UnexpressedRule,
}

#[pymethods]
impl UnexpressedRule {
    /// The policy-file key of the rule (``min_categories``, ``forbid_username``, …).
    #[getter]
    fn key(&self) -> &'static str {
        self.inner.key
    }

    /// ``"stricter"`` (a password made for the rules still complies) or ``"looser"``
    /// (it may not).
    #[getter]
    fn effect(&self) -> &'static str {
        self.inner.effect.as_str()
    }

    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    fn __repr__(&self) -> String {
        format!(
            "<passforge.UnexpressedRule key='{}' effect='{}'>",
            self.inner.key,
            self.inner.effect.as_str()
        )
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.inner.key.hash(&mut hasher);
        self.inner.effect.hash(&mut hasher);
        self.inner.message.hash(&mut hasher);
        hasher.finish()
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "cannot pickle a passforge.UnexpressedRule: pickle its key, effect and message",
        ))
    }
}
