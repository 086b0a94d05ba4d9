//! `passforge.Generator`, wrapping [`passforge::ConfiguredGenerator`]: options alone, or
//! options within a policy for one user. Which options count as given, and what is derived
//! from the policy, is the core's rule ([`GeneratorOptions`]); the binding converts types.

use std::fmt::Write as _;

use num_bigint::BigUint;
use passforge::{
    ConfiguredGenerator, GeneratorOptions, Password, PolicyGenerateError, RandomSource, UserContext,
};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFrozenSet, PyList, PyString, PyTuple};
use pyo3::PyTypeInfo;

use crate::errors::{py, raise, Int};
use crate::password_rules::PasswordRules;
use crate::policy::{policy_repr, Policy};

/// A validated password generator. Every password the settings allow is equally
/// likely (exact counting, no modulo bias, no retry loop for the minimums).
///
/// Each count is a minimum; the effective length is the larger of ``length`` and the
/// sum of the counts. The defaults are ``length=12, lower=6, upper=2, digits=2,
/// symbols=2``; a count given as None takes its default too. A ``*_set`` replaces a class's characters (any Unicode; ``""`` disables the class,
/// whose count must then be 0). ``exclude`` removes characters from every class;
/// ``avoid_ambiguous`` removes :data:`AMBIGUOUS`. ``strength_check`` is a
/// :class:`StrengthCheck` list string; candidates that fail it are redrawn.
///
/// With ``policy``, every password complies with it for the user named by
/// ``username``, ``display_name`` and ``email`` (its context rules): without any other
/// option the settings are derived from the policy
/// (:meth:`Policy.generator_settings`); with options (a count, a set, a non-empty
/// ``exclude``, ``avoid_ambiguous`` or ``strength_check``) they are checked against it
/// first and refused with :class:`~passforge.SettingsError`, listing every reason. Rules
/// the settings cannot guarantee (context, blocklist, patterns, repeats, sequences,
/// symbols at the ends, score) are met by redrawing, so every compliant password stays
/// equally likely. ``username``, ``display_name`` and ``email`` without ``policy``
/// raise :class:`~passforge.ConfigError` (``CONTEXT_WITHOUT_POLICY``).
///
/// Raises :class:`~passforge.ConfigError` (or :class:`~passforge.StrengthCheckError`)
/// for settings that cannot produce a password, also for a negative count
/// (``INVALID_ARGUMENT``) and one too large for any password (``LENGTH_TOO_LARGE``);
/// ``TypeError`` for a value of the wrong type or an unknown keyword.
///
/// A generator is immutable: ``copy``/``deepcopy`` give it back, ``==`` and ``hash``
/// compare the settings, policy and context, and it pickles by them (so it can be sent
/// to ``multiprocessing`` workers; the pickle holds the context, which may be personal
/// data).
#[pyclass(frozen, module = "passforge", name = "Generator")]
pub(crate) struct Generator {
    inner: ConfiguredGenerator,
    // core: `ConfiguredGenerator` does not give its user context back; kept for pickling
    // and `==` (the keywords that rebuild the generator).
    context: UserContext,
    /// Whether the policy has an operator blocklist (see [`Policy`]).
    operator_blocklist: bool,
}

impl Generator {
    /// The core generator (for a policy, the one its candidates come from).
    pub(crate) fn core(&self) -> &passforge::Generator {
        self.inner.generator()
    }
}

/// A count as the core takes it; `None` is "not given". A negative int is a
/// `ConfigError` (`INVALID_ARGUMENT`); one above `u32` is read as `u32::MAX`, which the
/// core refuses like any count too large for a password (`LENGTH_TOO_LARGE`).
pub(crate) fn count(value: Option<Int<u32>>, name: &str) -> PyResult<Option<u32>> {
    match value {
        None => Ok(None),
        Some(value) => Ok(Some(
            value
                .get_or_too_large::<py::ConfigError>(name)?
                .unwrap_or(u32::MAX),
        )),
    }
}

/// `seed_for_tests`: the test seed (0 to 2**64 - 1, else the class `C` of the call's
/// concern with `INVALID_ARGUMENT`), or the OS source when None.
pub(crate) fn source<C: PyTypeInfo>(value: Option<Int<u64>>) -> PyResult<RandomSource> {
    let seed = value.map(|v| v.get::<C>("seed_for_tests")).transpose()?;
    Ok(RandomSource::from_test_seed(seed))
}

/// `generate_many` converts its passwords to `str` (which needs the GIL) this many at a
/// time, generating each chunk with the GIL released.
const GIL_FREE_CHUNK: usize = 10_000;

/// `generate_many`'s `n`: a negative one is `INVALID_ARGUMENT`; one above `usize` is read
/// as `usize::MAX`, which the core refuses before allocating (`BATCH_TOO_LARGE`).
pub(crate) fn batch_size(value: Int<usize>) -> PyResult<usize> {
    Ok(value
        .get_or_too_large::<py::GenerationError>("n")?
        .unwrap_or(usize::MAX))
}

/// The `count` passwords of `text`, joined by "\n" (they hold no white space). When every
/// separator sits where passwords of `length` ASCII characters put it, they are sliced
/// out at that stride, without searching for the separators (a byte loop that cost
/// about a tenth of a batch); otherwise the text is split.
fn passwords_in(text: &str, count: usize, length: usize) -> Box<dyn Iterator<Item = &str> + '_> {
    let stride = length + 1;
    let bytes = text.as_bytes();
    // `count − 1` newlines at those places and the right total length: they are exactly
    // the separators, since the passwords themselves hold none.
    let fixed = count > 0
        && bytes.len() == count * stride - 1
        && (1..count).all(|i| bytes[i * stride - 1] == b'\n');
    if fixed {
        Box::new((0..count).map(move |i| &text[i * stride..i * stride + length]))
    } else {
        Box::new(text.split('\n'))
    }
}

#[pymethods]
impl Generator {
    // None for the counts means "not given": the defaults (12 / 6 / 2 / 2 / 2) without a
    // policy, the settings derived from it with one (as `passforge generate --policy`).
    // The "defaults" case of the vector corpus fails if the defaults drift.
    // The text signature shows those defaults (help() would show None); None stays
    // accepted as "not given".
    #[new]
    #[pyo3(
        text_signature = "(*, length=12, lower=6, upper=2, digits=2, symbols=2, \
        lower_set=None, upper_set=None, digit_set=None, symbol_set=None, exclude='', \
        avoid_ambiguous=False, strength_check=None, policy=None, username=None, \
        display_name=None, email=None)"
    )]
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
        length: Option<Int<u32>>,
        lower: Option<Int<u32>>,
        upper: Option<Int<u32>>,
        digits: Option<Int<u32>>,
        symbols: Option<Int<u32>>,
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
        let options = GeneratorOptions {
            length: count(length, "length")?,
            lower: count(lower, "lower")?,
            upper: count(upper, "upper")?,
            digits: count(digits, "digits")?,
            symbols: count(symbols, "symbols")?,
            lower_set,
            upper_set,
            digit_set,
            symbol_set,
            exclude: Some(exclude.to_owned()),
            avoid_ambiguous: Some(avoid_ambiguous),
            strength_check,
        };
        let context = UserContext {
            username,
            display_name,
            email,
        };
        let inner = ConfiguredGenerator::new(&options, policy.map(|p| &p.inner), context.clone())
            .map_err(raise)?;
        Ok(Self {
            inner,
            context,
            operator_blocklist: policy.is_some_and(|p| p.operator_blocklist),
        })
    }

    /// A generator for password rules (a rules string or :class:`PasswordRules`): every
    /// password complies with :meth:`Policy.from_password_rules` of them and every
    /// compliant one is equally likely (of the default sets' characters: never a space).
    /// The settings are derived from that policy, at its minimum length; ``length``
    /// (checked against the rules), ``exclude`` and ``avoid_ambiguous`` (characters left
    /// out of every class) combine with them. Required groups that no class of the
    /// generator holds alone, and ``max-consecutive``, are met by redrawing, and counted:
    /// see :meth:`acceptance`.
    ///
    /// Raises :class:`~passforge.PasswordRulesError` for rules text the language does not
    /// allow, :class:`~passforge.PolicyError` for rules that conflict,
    /// :class:`~passforge.SettingsError` when ``length`` is outside the rules or no
    /// allowed character can be drawn, and :class:`~passforge.ConfigError`
    /// (``POLICY_ACCEPTANCE_TOO_LOW``) when so few candidates would pass that generating
    /// could fail.
    #[staticmethod]
    #[pyo3(signature = (rules, *, length = None, exclude = "", avoid_ambiguous = false))]
    fn from_password_rules(
        rules: &Bound<'_, PyAny>,
        length: Option<Int<u32>>,
        exclude: &str,
        avoid_ambiguous: bool,
    ) -> PyResult<Self> {
        let parsed;
        let rules = match rules.cast::<PasswordRules>() {
            Ok(rules) => &rules.get().inner,
            Err(_) => {
                let text: String = rules.extract()?;
                parsed = passforge::PasswordRules::parse(&text).map_err(raise)?;
                &parsed
            }
        };
        let options = GeneratorOptions {
            length: count(length, "length")?,
            exclude: Some(exclude.to_owned()),
            avoid_ambiguous: Some(avoid_ambiguous),
            ..GeneratorOptions::default()
        };
        let inner = ConfiguredGenerator::from_password_rules(rules, &options).map_err(raise)?;
        Ok(Self {
            inner,
            context: UserContext::default(),
            operator_blocklist: false,
        })
    }

    /// With a policy, ``(share, entropy_bits, exact)``: the share of the candidates that
    /// pass its ``max_repeat`` and the ``required_characters`` the settings do not
    /// guarantee, and log2 of the number of passwords that pass, which is the entropy of
    /// what :meth:`generate` returns (:attr:`entropy_bits` is the candidates'). ``exact``
    /// is False when the share is a 95 % lower bound estimated from a fixed public seed
    /// (settings too large to count). The policy's other rules (context, blocklists,
    /// patterns, sequences, score) may reject a few more. None without a policy.
    fn acceptance(&self) -> Option<(f64, f64, bool)> {
        self.inner
            .acceptance()
            .map(|a| (a.share, a.entropy_bits, a.exact))
    }

    /// The policy every password obeys (a copy), or None.
    #[getter]
    fn policy(&self) -> Option<Policy> {
        self.inner.policy().map(|policy| Policy {
            inner: policy.clone(),
            operator_blocklist: self.operator_blocklist,
        })
    }

    /// The effective length: the larger of ``length`` and the sum of the minimums.
    #[getter]
    fn length(&self) -> u32 {
        self.core().length()
    }

    /// log2 of the exact number of passwords the settings allow (before the
    /// strength check and a policy's rejections).
    #[getter]
    fn entropy_bits(&self) -> f64 {
        self.core().entropy_bits()
    }

    /// ``(share, entropy_bits)``: a 95 % lower bound of the share of candidates the
    /// strength check accepts (1.0 without one), and the entropy left after it
    /// (``entropy_bits + log2(share)``, at least 0), estimated from a fixed public seed so
    /// a page never shows more strength than generation delivers.
    fn strength_check_estimate(&self, py: Python<'_>) -> (f64, f64) {
        let estimate = py.detach(|| self.core().strength_check_estimate());
        (estimate.share, estimate.entropy_bits)
    }

    /// Whether :attr:`entropy_bits` is below 40 (fewer than about a trillion passwords,
    /// e.g. a set of one repeated character): allowed, but worth a warning.
    #[getter]
    fn is_weak(&self) -> bool {
        self.core().is_weak()
    }

    /// The exact number of passwords the settings allow (before the strength check).
    #[getter]
    fn password_count(&self) -> PyResult<BigUint> {
        // Through BigUint rather than Python's int(str), which refuses more than 4300
        // digits; the core writes plain decimal, so a parse failure is a core bug.
        self.core()
            .password_count()
            .parse()
            .map_err(|e| PyRuntimeError::new_err(format!("password count: {e}")))
    }

    /// One password from an OS-seeded ChaCha20 CSPRNG. The GIL is released.
    ///
    /// ``seed_for_tests`` (0 to 2**64 - 1) makes the output a fixed function of the seed,
    /// identical to the Rust core's: **for tests only**, never for real passwords; one
    /// outside that range raises :class:`~passforge.GenerationError`
    /// (``INVALID_ARGUMENT``). Raises :class:`~passforge.GenerationError` (with a
    /// policy, :class:`~passforge.PolicyUnmetError` when no candidate complied).
    #[pyo3(signature = (*, seed_for_tests = None))]
    fn generate<'py>(
        &self,
        py: Python<'py>,
        seed_for_tests: Option<Int<u64>>,
    ) -> PyResult<Bound<'py, PyString>> {
        let source = source::<py::GenerationError>(seed_for_tests)?;
        let inner = &self.inner;
        // A strength check or a policy can draw many candidates: let other threads run.
        let password = py.detach(|| inner.generate(source)).map_err(raise)?;
        Ok(PyString::new(py, password.as_str()))
    }

    /// ``n`` passwords from one OS-seeded ChaCha20 CSPRNG, seeded once per call (with
    /// a policy too). The GIL is released while they are generated (10,000 at a time,
    /// each chunk then converted to ``str`` with it, so threads' batches overlap).
    ///
    /// ``n`` is 0 to :data:`MAX_BATCH` per call (call again for more): a larger ``n`` raises
    /// :class:`~passforge.GenerationError` (``BATCH_TOO_LARGE``) before anything is
    /// allocated, a negative one ``INVALID_ARGUMENT``.
    ///
    /// With ``seed_for_tests`` (**tests only**) the list equals the Rust core's
    /// ``generate_many_with(DeterministicRng::from_seed_for_tests(seed), n)``, with a
    /// policy ``PolicyGenerator::generate_many_with(rng, &context, n)``.
    /// Raises :class:`~passforge.GenerationError` (with a policy,
    /// :class:`~passforge.PolicyUnmetError` when no candidate complied).
    #[pyo3(signature = (n, *, seed_for_tests = None))]
    fn generate_many<'py>(
        &self,
        py: Python<'py>,
        n: Int<usize>,
        seed_for_tests: Option<Int<u64>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let n = batch_size(n)?;
        let source = source::<py::GenerationError>(seed_for_tests)?;
        let inner = &self.inner;
        let mut rng = py.detach(|| source.rng()).map_err(raise)?;
        if n > passforge::MAX_BATCH {
            // Refused before anything is drawn (BATCH_TOO_LARGE).
            if let Err(e) = inner.generate_many_with(&mut rng, n) {
                return Err(raise(e));
            }
        }
        // Chunk by chunk from one stream (the same passwords as one call): each chunk is
        // generated without the GIL, then turned into `str`s with it, so another
        // thread's batch runs while this one converts, and the GIL is never held for a
        // whole batch.
        // A chunk comes as one buffer of passwords separated by "\n" (they hold no white
        // space), written straight into it without a policy; it is wiped and freed
        // without the GIL too.
        let plain = inner.policy().is_none();
        let length = inner.generator().length() as usize;
        let mut strings = Vec::with_capacity(n);
        while strings.len() < n {
            let take = (n - strings.len()).min(GIL_FREE_CHUNK);
            let chunk = py
                .detach(|| -> Result<Password, PolicyGenerateError> {
                    Ok(if plain {
                        inner
                            .generator()
                            .generate_many_joined_with(&mut rng, take, "\n")?
                    } else {
                        Password::join(&inner.generate_many_with(&mut rng, take)?, "\n")
                    })
                })
                .map_err(raise)?;
            strings
                .extend(passwords_in(chunk.as_str(), take, length).map(|p| PyString::new(py, p)));
            py.detach(|| drop(chunk));
        }
        PyList::new(py, strings)
    }

    /// Pickled by settings: unpickling calls `Generator(**kwargs)` with the effective
    /// settings (checked again against the policy, which pickles by its spec) and the
    /// user's context.
    fn __getnewargs_ex__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (PyTuple::empty(py), self.kwargs(py)?).into_pyobject(py)
    }

    /// Immutable: a copy is the same object.
    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    /// Equal when rebuilt from the same keywords (settings, policy and context).
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        match other.cast::<Generator>() {
            Ok(other) => {
                // Itself first: a policy with an operator blocklist equals only itself,
                // and `policy` gives a new one each time.
                let other = other.get();
                let equal = std::ptr::eq(self, other) || self.kwargs(py)?.eq(other.kwargs(py)?)?;
                Ok(PyBool::new(py, equal).to_owned().into_any().unbind())
            }
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        PyFrozenSet::new(py, self.kwargs(py)?.items())?.hash()
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
        if let Some(policy) = self.inner.policy() {
            let _ = write!(out, " policy={}", policy_repr(policy));
        }
        out.push('>');
        Ok(out)
    }
}

impl Generator {
    /// The keywords that rebuild this generator through `Generator(**kwargs)`.
    fn kwargs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.core().settings();
        let d = PyDict::new(py);
        d.set_item("length", s.length)?;
        d.set_item("lower", s.lower)?;
        d.set_item("upper", s.upper)?;
        d.set_item("digits", s.digits)?;
        d.set_item("symbols", s.symbols)?;
        d.set_item("lower_set", s.lower_set.as_deref())?;
        d.set_item("upper_set", s.upper_set.as_deref())?;
        d.set_item("digit_set", s.digit_set.as_deref())?;
        d.set_item("symbol_set", s.symbol_set.as_deref())?;
        d.set_item("exclude", s.exclude.as_str())?;
        d.set_item("avoid_ambiguous", s.avoid_ambiguous)?;
        d.set_item("strength_check", s.strength_check.as_deref())?;
        if self.inner.policy().is_some() {
            let context = &self.context;
            d.set_item("policy", self.policy())?;
            d.set_item("username", context.username.as_deref())?;
            d.set_item("display_name", context.display_name.as_deref())?;
            d.set_item("email", context.email.as_deref())?;
        }
        Ok(d)
    }
}
