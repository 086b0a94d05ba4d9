//! Security answers: `normalize_answer`, `SecurityAnswerHasher` (Argon2id, run without
//! the GIL) and `SecurityQuestionRule`.

use passforge::{AnswerHashParams, SecurityAnswerError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors::{py, raise, Int};
use crate::generator::source;

/// The canonical form of a security answer, the one that is hashed: NFKC, full case
/// folding, NFKC, then white space trimmed and inner runs collapsed to one space.
#[pyfunction]
pub(crate) fn normalize_answer<'py>(py: Python<'py>, answer: &str) -> Bound<'py, PyString> {
    PyString::new(py, &passforge::normalize_answer(answer))
}

/// Hashes and verifies security answers with Argon2id (defaults: OWASP's minimum,
/// 19 456 KiB, 2 passes, 1 lane). Both run without the GIL.
///
/// Raises :class:`~passforge.SecurityAnswerError` (``ANSWER_HASH_PARAMS``) for
/// parameters Argon2 refuses.
#[pyclass(frozen, module = "passforge", name = "SecurityAnswerHasher")]
pub(crate) struct SecurityAnswerHasher {
    inner: passforge::SecurityAnswerHasher,
    // The core keeps them as Argon2 `Params`; kept here for the getters and repr.
    params: AnswerHashParams,
}

#[pymethods]
impl SecurityAnswerHasher {
    #[classattr]
    const MAX_ANSWER_CHARS: usize = passforge::SecurityAnswerHasher::MAX_ANSWER_CHARS;
    #[classattr]
    const SALT_BYTES: usize = passforge::SecurityAnswerHasher::SALT_BYTES;

    // Literal defaults so that help() and stubtest see them; test_api checks them
    // against AnswerHashParams::default() (via the PHC string).
    #[new]
    #[pyo3(
        signature = (
            *,
            memory_kib = Int::of(19_456),
            iterations = Int::of(2),
            parallelism = Int::of(1),
        ),
        text_signature = "(*, memory_kib=19456, iterations=2, parallelism=1)"
    )]
    fn new(memory_kib: Int<u32>, iterations: Int<u32>, parallelism: Int<u32>) -> PyResult<Self> {
        type E = py::SecurityAnswerError;
        let params = AnswerHashParams {
            memory_kib: memory_kib.get::<E>("memory_kib")?,
            iterations: iterations.get::<E>("iterations")?,
            parallelism: parallelism.get::<E>("parallelism")?,
        };
        let inner = passforge::SecurityAnswerHasher::new(params).map_err(raise)?;
        Ok(Self { inner, params })
    }

    #[getter]
    fn memory_kib(&self) -> u32 {
        self.params.memory_kib
    }

    #[getter]
    fn iterations(&self) -> u32 {
        self.params.iterations
    }

    #[getter]
    fn parallelism(&self) -> u32 {
        self.params.parallelism
    }

    /// The Argon2id PHC string (``$argon2id$v=19$m=…``) of the normalised answer, with
    /// a random 16-byte salt (fixed by ``seed_for_tests``: **tests only**). Raises
    /// :class:`~passforge.SecurityAnswerError` (``ANSWER_EMPTY``, ``ANSWER_TOO_LONG``,
    /// ``ANSWER_HASHING``, ``RANDOM_SOURCE``).
    #[pyo3(signature = (answer, *, seed_for_tests = None))]
    fn hash(
        &self,
        py: Python<'_>,
        answer: &str,
        seed_for_tests: Option<Int<u64>>,
    ) -> PyResult<String> {
        let inner = &self.inner;
        let source = source::<py::SecurityAnswerError>(seed_for_tests)?;
        py.detach(|| {
            let mut rng = source.rng().map_err(SecurityAnswerError::from)?;
            inner.hash_with(&mut rng, answer)
        })
        .map_err(raise)
    }

    /// Whether ``answer``, normalised, matches the stored PHC string (with the
    /// parameters written in it). A blank or over-long answer is False; a stored string
    /// that is not Argon2id PHC raises :class:`~passforge.SecurityAnswerError`
    /// (``ANSWER_HASH_SYNTAX``).
    #[staticmethod]
    fn verify(py: Python<'_>, stored: &str, answer: &str) -> PyResult<bool> {
        py.detach(|| passforge::SecurityAnswerHasher::verify(stored, answer))
            .map_err(raise)
    }

    /// Whether ``stored`` was hashed with lower costs than this hasher's (less memory,
    /// fewer passes or lanes, another Argon2 version): after a successful
    /// :meth:`verify`, hash the answer again and store the new string. Raises
    /// :class:`~passforge.SecurityAnswerError` (``ANSWER_HASH_SYNTAX``,
    /// ``ANSWER_HASH_PARAMS`` for costs above the maximums).
    fn needs_rehash(&self, stored: &str) -> PyResult<bool> {
        self.inner.needs_rehash(stored).map_err(raise)
    }

    fn __repr__(&self) -> String {
        format!(
            "SecurityAnswerHasher(memory_kib={}, iterations={}, parallelism={})",
            self.params.memory_kib, self.params.iterations, self.params.parallelism
        )
    }
}

/// How many security questions each user enrols and how many are asked at reset:
/// at least 1 and fewer than enrolled, else :class:`~passforge.SecurityAnswerError`
/// (``QUESTION_COUNTS``).
#[pyclass(frozen, eq, module = "passforge", name = "SecurityQuestionRule")]
#[derive(PartialEq)]
pub(crate) struct SecurityQuestionRule {
    inner: passforge::SecurityQuestionRule,
}

#[pymethods]
impl SecurityQuestionRule {
    #[new]
    #[pyo3(
        signature = (*, asked = Int::of(3), enrolled = Int::of(5)),
        text_signature = "(*, asked=3, enrolled=5)"
    )]
    fn new(asked: Int<u32>, enrolled: Int<u32>) -> PyResult<Self> {
        type E = py::SecurityAnswerError;
        let (asked, enrolled) = (asked.get::<E>("asked")?, enrolled.get::<E>("enrolled")?);
        let inner = passforge::SecurityQuestionRule::new(asked, enrolled).map_err(raise)?;
        Ok(Self { inner })
    }

    #[getter]
    fn asked(&self) -> u32 {
        self.inner.asked()
    }

    #[getter]
    fn enrolled(&self) -> u32 {
        self.inner.enrolled()
    }

    fn __repr__(&self) -> String {
        format!(
            "SecurityQuestionRule(asked={}, enrolled={})",
            self.inner.asked(),
            self.inner.enrolled()
        )
    }
}
