//! `passforge.WordList` and `passforge.PassphraseGenerator`, wrapping the core's
//! [`passforge::WordList`] and [`passforge::ConfiguredPassphraseGenerator`].

use passforge::{
    ConfiguredPassphraseGenerator, InvalidArgument, PassphraseSettings, Separator, UserContext,
};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::errors::{py, raise, raise_in, Int};
use crate::generator::{batch_size, count, source};
use crate::policy::Policy;

/// A validated list of distinct words to draw passphrases from: 2 to 65,536 words,
/// each non-empty, at most 64 printable characters (no white space, controls, combining
/// marks or invisible characters), distinct after NFKC and case folding (``Apple`` and
/// ``apple`` are one word). ``WordList(words)`` takes the words as they are; raises
/// :class:`~passforge.ConfigError` (``WORDLIST_WORD_EMPTY``, ``WORDLIST_CHARACTER``,
/// ``WORDLIST_DUPLICATE``, ...), naming the 1-based position, never the word.
#[pyclass(frozen, module = "passforge", name = "WordList")]
#[derive(Clone)]
pub(crate) struct WordList {
    inner: passforge::WordList,
}

#[pymethods]
impl WordList {
    #[new]
    fn new(words: Vec<String>) -> PyResult<Self> {
        let inner = passforge::WordList::from_words(&words).map_err(raise)?;
        Ok(Self { inner })
    }

    /// One word per line; surrounding white space trimmed, blank lines and lines
    /// starting with ``#`` skipped, the EFF files' dice numbers (``11111<TAB>abacus``)
    /// allowed. Errors name the line.
    #[staticmethod]
    fn from_text(text: &str) -> PyResult<Self> {
        let inner = passforge::WordList::parse(text).map_err(raise)?;
        Ok(Self { inner })
    }

    /// The shipped EFF large word list: 7,776 words (CC BY 3.0 US, by Joseph Bonneau
    /// and the EFF), 12.925 bits each.
    #[staticmethod]
    fn eff_large() -> Self {
        Self {
            inner: passforge::WordList::eff_large(),
        }
    }

    /// The words, in list order (a copy).
    #[getter]
    fn words(&self) -> Vec<&str> {
        self.inner.iter().collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        if self.inner.is_eff_large() {
            return "<passforge.WordList eff_large len=7776>".to_owned();
        }
        format!("<passforge.WordList len={}>", self.inner.len())
    }
}

/// A validated passphrase generator: ``words`` words drawn uniformly from ``wordlist``
/// (the EFF large list by default), joined by ``separator`` (any string of printable
/// characters or spaces, also empty; ``"-"`` when None) or, with ``random_separator``
/// (``"digit"`` or ``"symbol"``), by a character drawn anew for each gap. ``capitalize``
/// is ``"none"``, ``"first_letter"`` (of every word) or ``"random_word"`` (one word in
/// capitals); ``number`` inserts one random digit right after a random word.
///
/// Every passphrase the settings allow is equally likely, and :attr:`entropy_bits` is
/// log2 of their exact number: building the generator proves that two different draws
/// never give the same passphrase, and refuses settings where they could
/// (``PASSPHRASE_AMBIGUOUS``, a :class:`~passforge.ConfigError`, like
/// ``PASSPHRASE_WORD_COUNT``, ``PASSPHRASE_SEPARATOR``, ``PASSPHRASE_TOO_LONG``,
/// ``UNKNOWN_NAME`` for a capitalize or random_separator name, ``INVALID_ARGUMENT`` for
/// a negative word count or both separators).
///
/// With ``policy``, the settings must guarantee its length, classes and characters
/// (:class:`~passforge.SettingsError` lists every reason otherwise), and its other rules
/// for the user named by ``username``, ``display_name`` and ``email`` are met by
/// drawing whole passphrases again, so every compliant one stays equally likely.
#[pyclass(frozen, module = "passforge", name = "PassphraseGenerator")]
pub(crate) struct PassphraseGenerator {
    inner: ConfiguredPassphraseGenerator,
    /// Whether the policy has an operator blocklist (see [`Policy`]).
    operator_blocklist: bool,
}

impl PassphraseGenerator {
    /// The core generator the passphrases come from.
    pub(crate) fn core(&self) -> &passforge::PassphraseGenerator {
        self.inner.generator()
    }
}

#[pymethods]
impl PassphraseGenerator {
    #[new]
    #[pyo3(signature = (
        *,
        words = None,
        separator = None,
        random_separator = None,
        capitalize = "none",
        number = false,
        wordlist = None,
        policy = None,
        username = None,
        display_name = None,
        email = None,
    ))]
    #[allow(clippy::too_many_arguments)] // mirrors the settings, keyword-only
    fn new(
        words: Option<Int<u32>>,
        separator: Option<String>,
        random_separator: Option<&str>,
        capitalize: &str,
        number: bool,
        wordlist: Option<&WordList>,
        policy: Option<&Policy>,
        username: Option<String>,
        display_name: Option<String>,
        email: Option<String>,
    ) -> PyResult<Self> {
        let separator = match (random_separator, separator) {
            (Some(_), Some(_)) => {
                return Err(raise_in::<py::ConfigError, _>(InvalidArgument::new(
                    "give separator or random_separator, not both",
                )))
            }
            (Some(kind), None) => Separator::Random {
                random: kind.parse().map_err(raise_in::<py::ConfigError, _>)?,
            },
            (None, Some(s)) => Separator::Literal(s),
            (None, None) => Separator::default(),
        };
        let settings = PassphraseSettings {
            words: count(words, "words")?.unwrap_or(PassphraseSettings::default().words),
            separator,
            capitalize: capitalize.parse().map_err(raise_in::<py::ConfigError, _>)?,
            number,
        };
        let list = wordlist.map_or_else(passforge::WordList::eff_large, |w| w.inner.clone());
        let context = UserContext {
            username,
            display_name,
            email,
        };
        let inner =
            ConfiguredPassphraseGenerator::new(&settings, &list, policy.map(|p| &p.inner), context)
                .map_err(raise)?;
        Ok(Self {
            inner,
            operator_blocklist: policy.is_some_and(|p| p.operator_blocklist),
        })
    }

    /// The number of words (6 when not given).
    #[getter]
    fn words(&self) -> u32 {
        self.inner.generator().words()
    }

    /// The word list the words are drawn from.
    #[getter]
    fn wordlist(&self) -> WordList {
        WordList {
            inner: self.inner.generator().word_list().clone(),
        }
    }

    /// The policy every passphrase obeys (a copy), or None.
    #[getter]
    fn policy(&self) -> Option<Policy> {
        self.inner.policy().map(|policy| Policy {
            inner: policy.clone(),
            operator_blocklist: self.operator_blocklist,
        })
    }

    /// log2 of the exact number of distinct passphrases, all equally likely (before a
    /// policy's rejections; see :meth:`policy_estimate`).
    #[getter]
    fn entropy_bits(&self) -> f64 {
        self.inner.generator().entropy_bits()
    }

    /// Whether :attr:`entropy_bits` is below 40: allowed, but worth a warning.
    #[getter]
    fn is_weak(&self) -> bool {
        self.inner.generator().is_weak()
    }

    /// The exact number of distinct passphrases the settings allow.
    #[getter]
    fn passphrase_count(&self) -> PyResult<num_bigint::BigUint> {
        // The core writes plain decimal, so a parse failure is a core bug.
        self.inner
            .generator()
            .passphrase_count()
            .parse()
            .map_err(|e| PyRuntimeError::new_err(format!("passphrase count: {e}")))
    }

    /// ``(share, entropy_bits)``: a 95 % lower bound of the share of passphrases the
    /// policy accepts for this user (1.0 without a policy), and the entropy left after
    /// it (``entropy_bits + log2(share)``), estimated from a fixed public seed.
    fn policy_estimate(&self, py: Python<'_>) -> (f64, f64) {
        let estimate = py.detach(|| self.inner.policy_estimate());
        (estimate.share, estimate.entropy_bits)
    }

    /// One passphrase from an OS-seeded ChaCha20 CSPRNG. The GIL is released.
    /// ``seed_for_tests`` (0 to 2**64 - 1) makes it a fixed function of the seed, the
    /// Rust core's: **for tests only**. Raises :class:`~passforge.GenerationError`
    /// (:class:`~passforge.PolicyUnmetError` when no candidate complied).
    #[pyo3(signature = (*, seed_for_tests = None))]
    fn generate<'py>(
        &self,
        py: Python<'py>,
        seed_for_tests: Option<Int<u64>>,
    ) -> PyResult<Bound<'py, PyString>> {
        let source = source::<py::GenerationError>(seed_for_tests)?;
        let inner = &self.inner;
        let passphrase = py.detach(|| inner.generate(source)).map_err(raise)?;
        Ok(PyString::new(py, passphrase.as_str()))
    }

    /// ``n`` passphrases (0 to :data:`MAX_BATCH`) from one stream, seeded once per
    /// call; the same as ``n`` calls of :meth:`generate` on that stream. The GIL is
    /// released while they are generated.
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
        let batch = py
            .detach(|| inner.generate_many(source, n))
            .map_err(raise)?;
        let strings: Vec<Bound<'py, PyString>> = batch
            .iter()
            .map(|p| PyString::new(py, p.as_str()))
            .collect();
        py.detach(|| drop(batch));
        PyList::new(py, strings)
    }

    fn __repr__(&self) -> String {
        let g = self.inner.generator();
        let s = g.settings();
        let separator = match &s.separator {
            Separator::Literal(l) => format!("separator={l:?}"),
            Separator::Random { random } => format!("random_separator='{random}'"),
        };
        format!(
            "<passforge.PassphraseGenerator words={} {separator} capitalize='{}' number={} \
             wordlist_len={} entropy_bits={:.2}{}>",
            s.words,
            s.capitalize,
            if s.number { "True" } else { "False" },
            g.word_list().len(),
            g.entropy_bits(),
            if self.inner.policy().is_some() {
                " policy=..."
            } else {
                ""
            }
        )
    }
}
