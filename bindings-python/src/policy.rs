//! Password policies: `Policy` wrapping [`passforge::Policy`], with `ValidationResult`,
//! `Violation`, `Finding`, `AgeRules` and `LockoutRules`, and the free functions `lint`,
//! `is_common_password`, `common_password_count`, `display_name_tokens` and
//! `resolve_pso`.
//!
//! A policy is read by the core: text with [`passforge::Policy::parse`], a dict (or
//! keywords) as the JSON that `json.dumps` writes with
//! [`passforge::Policy::from_json_mapping`]; PSO candidates become
//! [`PsoCandidateSpec`]s that the core reads and resolves.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use passforge::{
    Blocklist, InvalidArgument, ParamValue, PasswordHistory, PolicyFormat, PolicySpec,
    PsoCandidateError, PsoCandidateSpec, PsoCandidates, UserContext,
};
use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDelta, PyDict, PyMapping, PySequence, PyString, PyTuple};

use crate::errors::{py, raise, raise_in};
use crate::generator::Generator;
use crate::password_rules::ExportedRules;
use crate::time::timedelta;

/// A validated password policy that both :meth:`validate` and a
/// ``Generator(policy=...)`` obey. A policy that exists is consistent (regexes
/// compiled, minimum not above maximum, class minimums fitting the maximum).
///
/// The keywords are the keys of a policy file (``docs/policy.md``); every one is
/// optional. An unknown keyword raises ``TypeError``, as for any call (an unknown key
/// in a document, :meth:`from_toml`, :meth:`from_json` or :meth:`from_dict`, is
/// ``POLICY_SYNTAX``). Raises :class:`~passforge.PolicyError`: a ``POLICY_*`` code of
/// the core, or ``POLICY_SYNTAX`` for a value the policy file could not hold (the wrong
/// type, a negative count), as the same value in a document would. ``min_score``
/// needs the wheel's ``zxcvbn`` feature (on in published wheels; otherwise
/// ``POLICY_SCORE_UNAVAILABLE``).
///
/// A policy is immutable: ``copy``/``deepcopy`` give it back; policies built from
/// equal specs are ``==`` with equal ``hash``, and a policy pickles by its
/// :attr:`spec`. A policy with an operator blocklist (:meth:`with_blocklist`) equals
/// only itself and refuses to pickle (``TypeError``): the list is not kept as text.
#[pyclass(frozen, module = "passforge", name = "Policy")]
pub(crate) struct Policy {
    pub(crate) inner: passforge::Policy,
    /// Whether `with_blocklist` added an operator blocklist. The core neither says so
    /// (`has_blocklist` also counts the shipped list) nor gives the list back, so such a
    /// policy equals only itself and cannot be pickled.
    pub(crate) operator_blocklist: bool,
}

impl Policy {
    /// A policy of the core, without an operator blocklist.
    pub(crate) fn from_core(inner: passforge::Policy) -> Self {
        Self::new_plain(inner)
    }

    fn new_plain(inner: passforge::Policy) -> Self {
        Self {
            inner,
            operator_blocklist: false,
        }
    }

    fn parse(text: &str, format: PolicyFormat) -> PyResult<Self> {
        let inner = passforge::Policy::parse(text, format).map_err(raise)?;
        Ok(Self::new_plain(inner))
    }

    fn from_mapping(spec: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = spec.py();
        // A Mapping that is not a dict becomes one, so that json.dumps accepts it.
        let spec = match spec.cast::<PyDict>() {
            Ok(dict) => dict.clone(),
            Err(_) => PyDict::from_sequence(spec.cast::<PyMapping>()?.items()?.as_any())?,
        };
        let text = json_module(py)?
            .call_method1("dumps", (spec,))?
            .extract::<String>()?;
        // The core reports no location: it would point into json.dumps' output.
        let inner = passforge::Policy::from_json_mapping(&text).map_err(raise)?;
        Ok(Self::new_plain(inner))
    }
}

/// The keys of a policy file: those `PolicySpec` serializes, every one present.
fn spec_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        // A struct of plain data always serializes to a JSON object.
        let value = serde_json::to_value(PolicySpec::default())
            .expect("PolicySpec serializes to a JSON object");
        value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    })
}

fn json_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static JSON: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    JSON.get_or_try_init(py, || py.import("json").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// `(name, value)` pairs from a mapping's `items()`, in its order (which matters when an
/// attribute such as `msDS-PasswordComplexityEnabled` overrides another).
fn attribute_pairs(attributes: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    attributes
        .cast::<PyMapping>()?
        .items()?
        .iter()
        .map(|item| item.extract::<(String, String)>())
        .collect()
}

fn context(
    username: Option<String>,
    display_name: Option<String>,
    email: Option<String>,
) -> UserContext {
    UserContext {
        username,
        display_name,
        email,
    }
}

/// A password history written in Python: `history.contains(password, depth) -> bool`;
/// its exception ends validation and is raised.
struct PythonHistory<'a, 'py>(&'a Bound<'py, PyAny>);

impl PasswordHistory for PythonHistory<'_, '_> {
    type Error = PyErr;

    fn contains(&self, password: &str, depth: u32) -> PyResult<bool> {
        self.0
            .call_method1("contains", (password, depth))?
            .is_truthy()
    }
}

#[pymethods]
impl Policy {
    // A misspelt keyword is a TypeError, as for any Python call (and for `Generator`);
    // the same key in a document (TOML, JSON, `from_dict`) is POLICY_SYNTAX. Values are
    // read as the document's values, so a wrong value stays POLICY_SYNTAX.
    #[new]
    #[pyo3(signature = (**spec))]
    fn new(spec: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let Some(spec) = spec else {
            let inner = passforge::Policy::new(PolicySpec::default()).map_err(raise)?;
            return Ok(Self::new_plain(inner));
        };
        for key in spec.keys() {
            let key = key.extract::<String>()?;
            if !spec_keys().contains(&key) {
                return Err(PyTypeError::new_err(format!(
                    "Policy() got an unexpected keyword argument '{key}' \
                     (the keywords are the keys of a policy file, docs/policy.md)"
                )));
            }
        }
        Self::from_mapping(spec.as_any())
    }

    /// Reads a policy file's text; a syntax error or unknown key raises
    /// :class:`~passforge.PolicyError` (``POLICY_SYNTAX``) naming the line and column.
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<Self> {
        Self::parse(text, PolicyFormat::Toml)
    }

    /// Reads a JSON object with the keys of a policy file (another JSON value, such as
    /// an array, is ``POLICY_SYNTAX``).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Self::parse(text, PolicyFormat::Json)
    }

    /// Reads a mapping with the keys of a policy file (what ``json.load`` gives;
    /// values must be JSON-serializable, else ``TypeError``).
    #[staticmethod]
    fn from_dict(spec: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_mapping(spec)
    }

    /// The policy a password-rules string describes (``passwordrules``, Apple's
    /// language), accepting exactly the passwords the rules accept, so a server enforces
    /// what its page publishes. Raises :class:`~passforge.PasswordRulesError` for text
    /// the language does not allow (with ``line`` and ``column``), and
    /// :class:`~passforge.PolicyError` for rules that conflict (``POLICY_LENGTH_RANGE``).
    #[staticmethod]
    fn from_password_rules(rules: &str) -> PyResult<Self> {
        let inner = passforge::Policy::from_password_rules(rules).map_err(raise)?;
        Ok(Self::new_plain(inner))
    }

    /// This policy as password rules for a page's ``passwordrules`` attribute:
    /// ``str(policy.to_password_rules())`` is the line; its ``unexpressed`` lists every
    /// rule of the policy the language cannot say exactly (``stricter`` or ``looser``).
    fn to_password_rules(&self) -> ExportedRules {
        ExportedRules {
            inner: self.inner.to_password_rules(),
        }
    }

    /// The policy of an Active Directory domain object's or PSO's attributes (LDAP
    /// string values by name, case-insensitive: ``minPwdLength``,
    /// ``msDS-PasswordComplexityEnabled``, …; others are ignored), in mapping order.
    #[staticmethod]
    fn from_ad_attributes(attributes: &Bound<'_, PyAny>) -> PyResult<Self> {
        let pairs = attribute_pairs(attributes)?;
        let inner = passforge::Policy::from_ad_attributes(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(raise)?;
        Ok(Self::new_plain(inner))
    }

    /// The policy of an OpenLDAP ``pwdPolicy`` entry's attributes.
    #[staticmethod]
    fn from_ppolicy_attributes(attributes: &Bound<'_, PyAny>) -> PyResult<Self> {
        let pairs = attribute_pairs(attributes)?;
        let inner = passforge::Policy::from_ppolicy_attributes(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(raise)?;
        Ok(Self::new_plain(inner))
    }

    /// A copy that also refuses the passwords of ``text`` (one per line, whole
    /// password, case-insensitive; blank lines and ``#`` comments skipped). Violations
    /// say ``source="operator"``. The list is sorted without the GIL.
    fn with_blocklist(&self, py: Python<'_>, text: &str) -> Self {
        let list = py.detach(|| Blocklist::from_text(text));
        Self {
            inner: self.inner.clone().with_blocklist(list),
            operator_blocklist: true,
        }
    }

    /// Every rule ``password`` breaks, in the documented order (a password over the
    /// maximum length gets ``TOO_LONG`` alone). The context rules compare it with
    /// ``username``, ``display_name`` and ``email``; ``IN_HISTORY`` is checked only
    /// with ``history`` and a policy ``history`` above 0. Without ``history``, a policy
    /// with ``min_score`` validates without the GIL.
    #[pyo3(signature = (password, *, username = None, display_name = None, email = None, history = None))]
    fn validate(
        &self,
        py: Python<'_>,
        password: &str,
        username: Option<String>,
        display_name: Option<String>,
        email: Option<String>,
        history: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ValidationResult> {
        let context = context(username, display_name, email);
        let inner = &self.inner;
        let violations = match history {
            // The callback needs the GIL, so this path keeps it.
            Some(object) => {
                inner.validate_with_history(password, &context, &PythonHistory(object))?
            }
            // Patterns (up to tens of milliseconds for the worst the caps allow) and a
            // zxcvbn score (about a millisecond) let other threads run meanwhile; the
            // plain rules take under a microsecond, less than releasing the GIL costs.
            None if slow_rules(inner.spec()) => py.detach(|| inner.validate(password, &context)),
            None => inner.validate(password, &context),
        };
        Ok(ValidationResult { violations })
    }

    /// Whether ``password`` breaks no rule (history is not checked).
    #[pyo3(signature = (password, *, username = None, display_name = None, email = None))]
    fn is_compliant(
        &self,
        py: Python<'_>,
        password: &str,
        username: Option<String>,
        display_name: Option<String>,
        email: Option<String>,
    ) -> bool {
        let context = context(username, display_name, email);
        let inner = &self.inner;
        if inner.spec().min_score.is_some() {
            py.detach(|| inner.is_compliant(password, &context))
        } else {
            inner.is_compliant(password, &context)
        }
    }

    /// Returns None when every password ``generator`` can produce meets the
    /// structural rules (length in the policy's unit, class minimums, the N-of-5 rule,
    /// allowed characters). Otherwise raises :class:`~passforge.SettingsError`, whose
    /// ``reasons`` lists every shortfall.
    fn check_generator(&self, generator: &Generator) -> PyResult<()> {
        self.inner.check_generator(generator.core()).map_err(raise)
    }

    /// Raises :class:`~passforge.SettingsError` listing every way the passphrases of
    /// ``generator`` could fall short of the policy's structural rules (length in the
    /// policy's unit, class minimums, categories, allowed characters).
    fn check_passphrase(&self, generator: &crate::passphrase::PassphraseGenerator) -> PyResult<()> {
        self.inner.check_passphrase(generator.core()).map_err(raise)
    }

    /// The weakest settings whose every output meets the structural rules, as the
    /// keywords of :class:`Generator` (every key present). Raises
    /// :class:`~passforge.SettingsError` when no generator can (e.g. a length above
    /// :data:`MAX_LENGTH`).
    fn generator_settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.inner.generator_settings().map_err(raise)?;
        let d = PyDict::new(py);
        d.set_item("length", s.length)?;
        d.set_item("lower", s.lower)?;
        d.set_item("upper", s.upper)?;
        d.set_item("digits", s.digits)?;
        d.set_item("symbols", s.symbols)?;
        d.set_item("lower_set", s.lower_set)?;
        d.set_item("upper_set", s.upper_set)?;
        d.set_item("digit_set", s.digit_set)?;
        d.set_item("symbol_set", s.symbol_set)?;
        d.set_item("exclude", s.exclude)?;
        d.set_item("avoid_ambiguous", s.avoid_ambiguous)?;
        d.set_item("strength_check", s.strength_check)?;
        Ok(d)
    }

    /// NIST SP 800-63B findings (``mfa``: the password is one factor of several, so
    /// 8 characters suffice instead of 15); an empty list means none.
    #[pyo3(signature = (*, mfa = false))]
    fn lint(&self, mfa: bool) -> Vec<Finding> {
        lint_policy(&self.inner, mfa)
    }

    /// The spec the policy was built from, every key present (``None`` where
    /// unset); ``Policy.from_dict(policy.spec)`` rebuilds it (without an operator
    /// blocklist).
    #[getter]
    fn spec<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Serializing plain data to JSON cannot fail.
        let text = serde_json::to_string(self.inner.spec()).unwrap_or_default();
        json_module(py)?.call_method1("loads", (text,))
    }

    /// What a unit of length is (UTF-16 with ``ad``, bytes with ``ppolicy``).
    #[getter]
    fn length_unit(&self) -> &'static str {
        self.inner.length_unit().as_str()
    }

    /// `"unicode"` or `"active_directory"`.
    #[getter]
    fn character_classes(&self) -> &'static str {
        self.inner.character_classes().as_str()
    }

    /// The effective minimum length (directory tables folded in).
    #[getter]
    fn min_length(&self) -> u32 {
        self.inner.min_length()
    }

    /// The effective maximum length, if any (256 with ``ad``).
    #[getter]
    fn max_length(&self) -> Option<u32> {
        self.inner.max_length()
    }

    /// The effective N of the N-of-5 category rule (0: none; 3 with AD complexity).
    #[getter]
    fn min_categories(&self) -> u32 {
        self.inner.min_categories()
    }

    /// How many previous passwords may not be reused.
    #[getter]
    fn history(&self) -> u32 {
        self.inner.history()
    }

    #[getter]
    fn ages(&self) -> AgeRules {
        AgeRules {
            inner: self.inner.ages(),
        }
    }

    #[getter]
    fn lockout(&self) -> LockoutRules {
        LockoutRules {
            inner: self.inner.lockout(),
        }
    }

    #[getter]
    fn must_change_after_reset(&self) -> bool {
        self.inner.must_change_after_reset()
    }

    /// Whether any blocklist (shipped or operator's) is checked.
    #[getter]
    fn has_blocklist(&self) -> bool {
        self.inner.has_blocklist()
    }

    /// Pickled by its spec: unpickling calls `Policy(**policy.spec)`. A policy with an
    /// operator blocklist refuses (the core keeps no text of the list to pickle).
    fn __getnewargs_ex__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        if self.operator_blocklist {
            return Err(PyTypeError::new_err(
                "cannot pickle a Policy with an operator blocklist: pickle policy.spec and \
                 the list's text, and rebuild with Policy.from_dict(spec).with_blocklist(text)",
            ));
        }
        (PyTuple::empty(py), self.spec(py)?).into_pyobject(py)
    }

    /// Immutable: a copy is the same object (also with an operator blocklist).
    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    /// Equal when built from equal specs; a policy with an operator blocklist equals
    /// only itself (the core cannot compare the lists).
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let Ok(other) = other.cast::<Policy>() else {
            return Ok(py.NotImplemented());
        };
        let other = other.get();
        let equal = if self.operator_blocklist || other.operator_blocklist {
            std::ptr::eq(self, other)
        } else {
            self.inner.spec() == other.inner.spec()
        };
        Ok(PyBool::new(py, equal).to_owned().into_any().unbind())
    }

    /// The hash of the spec (equal for equal specs, whatever the blocklist).
    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        // Serializing plain data to JSON cannot fail; equal specs give equal text.
        serde_json::to_string(self.inner.spec())
            .unwrap_or_default()
            .hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        policy_repr(&self.inner)
    }
}

/// The policy's main numbers (also shown by a policy `Generator`'s repr).
pub(crate) fn policy_repr(p: &passforge::Policy) -> String {
    let max = p
        .max_length()
        .map_or_else(|| "None".to_owned(), |m| m.to_string());
    format!(
        "<passforge.Policy min_length={} max_length={max} length_unit='{}' \
         min_categories={} history={} has_blocklist={}>",
        p.min_length(),
        p.length_unit().as_str(),
        p.min_categories(),
        p.history(),
        if p.has_blocklist() { "True" } else { "False" },
    )
}

fn lint_policy(policy: &passforge::Policy, mfa: bool) -> Vec<Finding> {
    passforge::lint(policy, passforge::LintContext { mfa })
        .into_iter()
        .map(|inner| Finding { inner })
        .collect()
}

/// NIST SP 800-63B findings for ``policy``, as :meth:`Policy.lint`.
#[pyfunction]
#[pyo3(signature = (policy, *, mfa = false))]
pub(crate) fn lint(policy: &Policy, mfa: bool) -> Vec<Finding> {
    lint_policy(&policy.inner, mfa)
}

/// Whether ``password`` (lowercased) is in the shipped list of 30,000 common
/// passwords.
#[pyfunction]
pub(crate) fn is_common_password(password: &str) -> bool {
    passforge::is_common_password(password)
}

/// Number of entries in the shipped common-password list.
#[pyfunction]
pub(crate) fn common_password_count() -> usize {
    passforge::common_password_count()
}

/// The display-name tokens Active Directory compares: split at ``,`` ``.`` ``-``
/// ``_`` space ``#`` and tab, tokens under 3 characters dropped, lowercased, in order,
/// de-duplicated.
#[pyfunction]
pub(crate) fn display_name_tokens(display_name: &str) -> Vec<String> {
    passforge::display_name_tokens(display_name)
}

/// One `resolve_pso` candidate as the core's spec: a mapping with `precedence`, `link` and
/// optionally `object_guid` (16 bytes become their 32 hex digits) and `attributes`; other
/// keys, such as `name`, are ignored, and None is a missing key. A value of the wrong type
/// is the core's `PSO_CANDIDATE` for the candidate's index; the core reads the values.
fn pso_spec(index: usize, candidate: &Bound<'_, PyAny>) -> PyResult<PsoCandidateSpec> {
    let shape = |detail: &str| raise(PsoCandidateError::shape(index, detail));
    let mapping = candidate
        .cast::<PyMapping>()
        .map_err(|_| shape("not a mapping"))?;
    let field = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        if !mapping.contains(key)? {
            return Ok(None);
        }
        let value = mapping.get_item(key)?;
        Ok((!value.is_none()).then_some(value))
    };
    let precedence = field("precedence")?
        .filter(|v| !v.is_instance_of::<PyBool>())
        .and_then(|v| v.extract::<u32>().ok())
        .ok_or_else(|| shape("precedence must be an int from 0 to 4294967295"))?;
    let link = field("link")?
        .and_then(|v| v.extract::<String>().ok())
        .ok_or_else(|| shape("link must be \"direct\" or \"group\""))?;
    let link = link
        .parse()
        .map_err(|e: passforge::UnknownName| shape(&e.to_string()))?;
    let object_guid = match field("object_guid")? {
        None => None,
        Some(v) => Some(match v.cast::<PyBytes>() {
            Ok(bytes) => bytes
                .as_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
            Err(_) => v
                .extract::<String>()
                .map_err(|_| shape("object_guid must be 16 bytes or 32 hex digits"))?,
        }),
    };
    let attributes = match field("attributes")? {
        None => Default::default(),
        Some(v) => attribute_pairs(&v)
            .map_err(|_| shape("attributes must be a mapping of str to str"))?
            .into_iter()
            .collect(),
    };
    Ok(PsoCandidateSpec {
        name: None,
        precedence,
        link,
        object_guid,
        attributes,
    })
}

/// The index of the resultant PSO (``msDS-ResultantPSO``) among the PSOs that apply
/// to a user; None when the list is empty (the domain policy applies). Directly linked
/// PSOs beat group-linked ones; then the lowest precedence; then the lowest
/// ``objectGUID``.
///
/// Each candidate is a mapping with ``precedence`` (int,
/// ``msDS-PasswordSettingsPrecedence``), ``link`` (``"direct"``: ``msDS-PSOAppliesTo``
/// names the user; ``"group"``: a group the user belongs to), optionally ``object_guid``
/// (16 ``bytes`` as stored, or those bytes as 32 hex digits, i.e. ``guid.hex()``; not the
/// dashed GUID string, whose first fields are byte-swapped; default all zeros) and
/// ``attributes`` (the PSO's LDAP string values by name, as for
/// :meth:`Policy.from_ad_attributes`; default none). Other keys, such as ``name``, are
/// ignored, and None counts as a missing key.
///
/// Raises :class:`~passforge.PolicyError`: ``PSO_CANDIDATE`` for a malformed candidate
/// (not a mapping, ``precedence`` missing or not an int from 0 to 2**32-1, ``link`` not
/// ``"direct"`` or ``"group"``, a bad ``object_guid``, ``attributes`` not a mapping of
/// str to str, or an attribute value the core refuses; the message names the
/// candidate's index and, for an attribute, the core's reason), or ``INVALID_ARGUMENT``
/// when ``candidates`` is not a sequence.
#[pyfunction]
pub(crate) fn resolve_pso(candidates: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
    // A str is a sequence too, but never one of candidates.
    let sequence = candidates
        .cast::<PySequence>()
        .ok()
        .filter(|_| !candidates.is_instance_of::<PyString>())
        .ok_or_else(|| {
            raise_in::<py::PolicyError, _>(InvalidArgument::new(
                "candidates must be a sequence of mappings",
            ))
        })?;
    let specs = sequence
        .try_iter()?
        .enumerate()
        .map(|(i, c)| pso_spec(i, &c?))
        .collect::<PyResult<Vec<_>>>()?;
    let resolution = PsoCandidates::new(specs).resolve().map_err(raise)?;
    Ok(resolution.index)
}

/// Whether validating against `spec` can take long enough to release the GIL for.
fn slow_rules(spec: &PolicySpec) -> bool {
    spec.strength_check.is_some() || !spec.forbidden_patterns.is_empty() || spec.min_score.is_some()
}

/// The outcome of :meth:`Policy.validate`. True (``bool()``) only when the password
/// complies, so that ``if result:`` cannot accept one that breaks a rule.
///
/// Immutable: ``==`` and ``hash`` compare the violations. It pickles by its
/// violations (so ``multiprocessing`` workers can return it) and copies as itself.
/// ``ValidationResult(violations)`` builds one (``ValidationResult()`` complies).
#[pyclass(frozen, eq, module = "passforge", name = "ValidationResult")]
#[derive(PartialEq)]
pub(crate) struct ValidationResult {
    violations: Vec<passforge::Violation>,
}

#[pymethods]
impl ValidationResult {
    #[new]
    #[pyo3(signature = (violations = Vec::new()), text_signature = "(violations=())")]
    fn new(violations: Vec<PyRef<'_, Violation>>) -> Self {
        Self {
            violations: violations.iter().map(|v| v.inner.clone()).collect(),
        }
    }

    #[getter]
    fn ok(&self) -> bool {
        self.violations.is_empty()
    }

    /// Every violation, in the documented order; empty when ``ok``.
    #[getter]
    fn violations(&self) -> Vec<Violation> {
        self.violations
            .iter()
            .map(|v| Violation { inner: v.clone() })
            .collect()
    }

    /// True only when there is no violation, so that `if result:` cannot accept a
    /// password that breaks a rule.
    fn __bool__(&self) -> bool {
        self.violations.is_empty()
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        for v in &self.violations {
            hash_violation(v, &mut hasher);
        }
        hasher.finish()
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    /// Pickled by its violations: unpickling calls `ValidationResult(violations)`.
    fn __getnewargs__(&self) -> (Vec<Violation>,) {
        (self.violations(),)
    }

    fn __repr__(&self) -> String {
        let codes: Vec<String> = self
            .violations
            .iter()
            .map(|v| format!("'{}'", v.code()))
            .collect();
        format!(
            "<passforge.ValidationResult ok={} codes=[{}]>",
            if self.violations.is_empty() {
                "True"
            } else {
                "False"
            },
            codes.join(", ")
        )
    }
}

/// Equal violations have the same code and message (the message is made from the
/// parameters), so this agrees with `==`.
fn hash_violation(v: &passforge::Violation, hasher: &mut DefaultHasher) {
    v.code().hash(hasher);
    v.message().hash(hasher);
}

/// A value the core cannot rebuild from its parts (no constructor or `Deserialize`), so
/// it cannot be unpickled; said plainly rather than by pickle's generic refusal.
fn not_picklable(name: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "cannot pickle a passforge.{name}: the core cannot rebuild one from its parts yet; \
         pickle what you need of it (ok, codes, to_dict()) instead"
    ))
}

fn param_object(py: Python<'_>, value: &ParamValue) -> PyResult<Py<PyAny>> {
    Ok(match value {
        ParamValue::Int(n) => n.into_pyobject(py)?.into_any().unbind(),
        ParamValue::Text(t) => PyString::new(py, t).into_any().unbind(),
    })
}

/// One broken rule: a stable ``code`` (``TOO_SHORT``, ``IN_BLOCKLIST``, …), its
/// parameters (``params``, and each one as an attribute: ``violation.required``) and a
/// default English ``message`` (also ``str()``) that callers may replace. Codes and
/// parameters are the contract; no violation holds the password or a part of it.
///
/// ``Violation(code, **params)`` rebuilds one from its code and exactly its parameters
/// (``Violation(**v.to_dict())``; ``message`` is ignored), read by the core: an unknown
/// code or a missing, extra or out-of-range parameter raises
/// :class:`~passforge.PolicyError` (``INVALID_ARGUMENT``). Immutable: ``==`` and
/// ``hash`` compare code and parameters; it pickles by them and copies as itself.
#[pyclass(frozen, eq, module = "passforge", name = "Violation")]
#[derive(PartialEq)]
pub(crate) struct Violation {
    inner: passforge::Violation,
}

#[pymethods]
impl Violation {
    // Read by the core from the form `to_dict()` writes (`Violation(**v.to_dict())`): its
    // code and exactly its parameters; `message` is accepted and ignored.
    #[new]
    #[pyo3(signature = (code, **params))]
    fn new(py: Python<'_>, code: &str, params: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let parts = PyDict::new(py);
        parts.set_item("code", code)?;
        if let Some(params) = params {
            parts.update(params.as_mapping())?;
        }
        // json.dumps refuses (TypeError) a value no parameter can be.
        let text = json_module(py)?
            .call_method1("dumps", (parts,))?
            .extract::<String>()?;
        let mut reader = serde_json::Deserializer::from_str(&text);
        let inner = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
            // "depth: invalid value: …" (the root's errors name what they are about),
            // without a place in json.dumps' output.
            let path = e.path().to_string();
            let e = e.into_inner();
            let message = e.to_string();
            let place = format!(" at line {} column {}", e.line(), e.column());
            let message = message.strip_suffix(&place).unwrap_or(&message);
            let e = match path.as_str() {
                "." => message.to_owned(),
                path => format!("{path}: {message}"),
            };
            raise_in::<py::PolicyError, _>(InvalidArgument::new(format!(
                "not a violation: {e}; give a code and its parameters, as to_dict() writes them"
            )))
        })?;
        Ok(Self { inner })
    }

    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code()
    }

    #[getter]
    fn message(&self) -> String {
        self.inner.message()
    }

    /// The parameters by name, in a fixed order (e.g. ``required``, ``actual``,
    /// ``unit`` for ``TOO_SHORT``).
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, value) in self.inner.params() {
            d.set_item(name, param_object(py, &value)?)?;
        }
        Ok(d)
    }

    /// ``{"code": …, "message": …, <parameters>}``, as the core serializes it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("code", self.inner.code())?;
        d.set_item("message", self.inner.message())?;
        for (name, value) in self.inner.params() {
            d.set_item(name, param_object(py, &value)?)?;
        }
        Ok(d)
    }

    /// A parameter by name (`violation.required`).
    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        match self.inner.params().iter().find(|(k, _)| *k == name) {
            Some((_, value)) => param_object(py, value),
            None => Err(PyAttributeError::new_err(format!(
                "'Violation' {} has no parameter '{name}'",
                self.inner.code()
            ))),
        }
    }

    fn __str__(&self) -> String {
        self.inner.message()
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        hash_violation(&self.inner, &mut hasher);
        hasher.finish()
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    /// Pickled by its code and parameters: unpickling calls `Violation(code, **params)`,
    /// which the core reads back.
    fn __getnewargs_ex__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        ((self.inner.code(),), self.params(py)?).into_pyobject(py)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = format!("Violation('{}'", self.inner.code());
        for (name, value) in self.inner.params() {
            let value = param_object(py, &value)?;
            out.push_str(&format!(", {name}={}", value.bind(py).repr()?));
        }
        out.push(')');
        Ok(out)
    }
}

/// One departure of a policy from NIST SP 800-63B.
#[pyclass(frozen, eq, module = "passforge", name = "Finding")]
#[derive(PartialEq)]
pub(crate) struct Finding {
    pub(crate) inner: passforge::Finding,
}

#[pymethods]
impl Finding {
    /// Stable code, e.g. ``MIN_LENGTH_TOO_SHORT``.
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code
    }

    /// `"info"`, `"warning"` or `"error"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }

    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.inner.code.hash(&mut hasher);
        self.inner.severity.hash(&mut hasher);
        self.inner.message.hash(&mut hasher);
        hasher.finish()
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(not_picklable("Finding"))
    }

    fn __repr__(&self) -> String {
        format!("Finding('{}', '{}')", self.inner.code, self.severity())
    }
}

/// A duration the core reports as an `Option`, as a `timedelta` or None.
fn optional_delta(
    py: Python<'_>,
    d: Option<std::time::Duration>,
) -> PyResult<Option<Bound<'_, PyDelta>>> {
    d.map(|d| timedelta(py, d)).transpose()
}

fn delta_repr(py: Python<'_>, d: Option<std::time::Duration>) -> PyResult<String> {
    match optional_delta(py, d)? {
        Some(delta) => Ok(delta.repr()?.to_string()),
        None => Ok("None".to_owned()),
    }
}

/// Password ages, for the service (validation does not use them); None: no rule.
#[pyclass(frozen, eq, module = "passforge", name = "AgeRules")]
#[derive(PartialEq)]
pub(crate) struct AgeRules {
    inner: passforge::AgeRules,
}

#[pymethods]
impl AgeRules {
    /// A change is refused before this age.
    #[getter]
    fn min_age<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDelta>>> {
        optional_delta(py, self.inner.min_age)
    }

    /// The password expires at this age.
    #[getter]
    fn max_age<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDelta>>> {
        optional_delta(py, self.inner.max_age)
    }

    /// Warn this long before expiry.
    #[getter]
    fn expire_warning<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDelta>>> {
        optional_delta(py, self.inner.expire_warning)
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        let r = &self.inner;
        (r.min_age, r.max_age, r.expire_warning).hash(&mut hasher);
        hasher.finish()
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "AgeRules(min_age={}, max_age={}, expire_warning={})",
            delta_repr(py, self.inner.min_age)?,
            delta_repr(py, self.inner.max_age)?,
            delta_repr(py, self.inner.expire_warning)?,
        ))
    }
}

/// Lockout rules, for the service (validation does not use them).
#[pyclass(frozen, eq, module = "passforge", name = "LockoutRules")]
#[derive(PartialEq)]
pub(crate) struct LockoutRules {
    inner: passforge::LockoutRules,
}

#[pymethods]
impl LockoutRules {
    /// Failed attempts that lock the account; 0 never locks.
    #[getter]
    fn threshold(&self) -> u32 {
        self.inner.threshold
    }

    /// How long a lockout lasts; None: until an administrator unlocks.
    #[getter]
    fn duration<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDelta>>> {
        optional_delta(py, self.inner.duration)
    }

    /// Failures older than this are forgotten; None: never.
    #[getter]
    fn observation_window<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDelta>>> {
        optional_delta(py, self.inner.observation_window)
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        let r = &self.inner;
        (r.threshold, r.duration, r.observation_window).hash(&mut hasher);
        hasher.finish()
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "LockoutRules(threshold={}, duration={}, observation_window={})",
            self.inner.threshold,
            delta_repr(py, self.inner.duration)?,
            delta_repr(py, self.inner.observation_window)?,
        ))
    }
}
