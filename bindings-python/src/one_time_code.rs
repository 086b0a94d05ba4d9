//! One-time codes: `OneTimeCodePolicy` (built from the fields of
//! [`passforge::OneTimeCodeSettings`] as keywords) and `CodeCheck`.

use passforge::{OneTimeCodeSettings, Timestamp};
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyString};

use crate::errors::{py, raise, Int};
use crate::generator::source;
use crate::time::{datetime, Instant};

/// One-time codes sent by SMS or e-mail: ``digits`` (4 to 10) uniform decimal digits,
/// valid for ``lifetime_seconds``, at most ``max_attempts`` wrong entries; at most
/// ``max_sends`` sends per rolling ``send_window_seconds`` and
/// ``min_seconds_between_sends`` between two sends. Durations are int seconds, as in the
/// core's ``OneTimeCodeSettings``.
///
/// Raises :class:`~passforge.OneTimeCodeError` (``CODE_DIGITS``, ``CODE_SETTING_ZERO``).
#[pyclass(frozen, eq, module = "passforge", name = "OneTimeCodePolicy")]
#[derive(PartialEq)]
pub(crate) struct OneTimeCodePolicy {
    inner: passforge::OneTimeCodePolicy,
}

#[pymethods]
impl OneTimeCodePolicy {
    /// NIST SP 800-63B findings for these settings (``CODE_DIGITS_BELOW_NIST``,
    /// ``CODE_LIFETIME_TOO_LONG``), and always ``CODE_GUESS_BUDGET``: what the send and
    /// attempt limits give an attacker per day and per year.
    fn lint(&self) -> Vec<crate::policy::Finding> {
        self.inner
            .lint()
            .into_iter()
            .map(|inner| crate::policy::Finding { inner })
            .collect()
    }

    #[classattr]
    const MIN_DIGITS: u32 = passforge::OneTimeCodePolicy::MIN_DIGITS;
    #[classattr]
    const MAX_DIGITS: u32 = passforge::OneTimeCodePolicy::MAX_DIGITS;

    // Literal defaults so that help() and stubtest see them; test_api checks them
    // against OneTimeCodeSettings::default().
    #[new]
    #[pyo3(
        signature = (
            *,
            digits = Int::of(4),
            lifetime_seconds = Int::of(300),
            max_sends = Int::of(10),
            send_window_seconds = Int::of(86_400),
            min_seconds_between_sends = Int::of(120),
            max_attempts = Int::of(3),
        ),
        text_signature = "(*, digits=4, lifetime_seconds=300, max_sends=10, \
            send_window_seconds=86400, min_seconds_between_sends=120, max_attempts=3)"
    )]
    fn new(
        digits: Int<u32>,
        lifetime_seconds: Int<u64>,
        max_sends: Int<u32>,
        send_window_seconds: Int<u64>,
        min_seconds_between_sends: Int<u64>,
        max_attempts: Int<u32>,
    ) -> PyResult<Self> {
        type E = py::OneTimeCodeError;
        let settings = OneTimeCodeSettings {
            digits: digits.get::<E>("digits")?,
            lifetime_seconds: lifetime_seconds.get::<E>("lifetime_seconds")?,
            max_sends: max_sends.get::<E>("max_sends")?,
            send_window_seconds: send_window_seconds.get::<E>("send_window_seconds")?,
            min_seconds_between_sends: min_seconds_between_sends
                .get::<E>("min_seconds_between_sends")?,
            max_attempts: max_attempts.get::<E>("max_attempts")?,
        };
        let inner = passforge::OneTimeCodePolicy::new(&settings).map_err(raise)?;
        Ok(Self { inner })
    }

    #[getter]
    fn digits(&self) -> u32 {
        self.inner.settings().digits
    }

    #[getter]
    fn lifetime_seconds(&self) -> u64 {
        self.inner.settings().lifetime_seconds
    }

    #[getter]
    fn max_sends(&self) -> u32 {
        self.inner.settings().max_sends
    }

    #[getter]
    fn send_window_seconds(&self) -> u64 {
        self.inner.settings().send_window_seconds
    }

    #[getter]
    fn min_seconds_between_sends(&self) -> u64 {
        self.inner.settings().min_seconds_between_sends
    }

    #[getter]
    fn max_attempts(&self) -> u32 {
        self.inner.settings().max_attempts
    }

    /// A code uniform over all ``10**digits``, leading zeros kept, from the OS CSPRNG
    /// (:class:`~passforge.GenerationError` ``RANDOM_SOURCE`` if it fails).
    /// ``seed_for_tests`` is **for tests only**.
    #[pyo3(signature = (*, seed_for_tests = None))]
    fn generate<'py>(
        &self,
        py: Python<'py>,
        seed_for_tests: Option<Int<u64>>,
    ) -> PyResult<Bound<'py, PyString>> {
        let mut rng = source::<py::GenerationError>(seed_for_tests)?
            .rng()
            .map_err(raise)?;
        let code = self.inner.generate_with(&mut rng);
        Ok(PyString::new(py, code.as_str()))
    }

    /// When a code issued at ``issued_at`` stops being valid.
    fn expires_at<'py>(
        &self,
        py: Python<'py>,
        issued_at: Instant,
    ) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        self.inner
            .expires_at(issued_at.0)
            .map(|t| datetime(py, t))
            .transpose()
    }

    /// Checks an entered code, in order: the attempt limit, the expiry, then the code
    /// (constant time). Record one more failed attempt on ``"wrong"``; discard the code
    /// once it is valid, expired or dead.
    fn check(
        &self,
        expected: &str,
        issued_at: Instant,
        failed_attempts: Int<u32>,
        presented: &str,
        now: Instant,
    ) -> PyResult<CodeCheck> {
        let failed_attempts = failed_attempts.get::<py::OneTimeCodeError>("failed_attempts")?;
        let inner = self
            .inner
            .check(expected, issued_at.0, failed_attempts, presented, now.0);
        Ok(CodeCheck { inner })
    }

    /// Returns None when a code may be sent at ``now`` given the previous sends to the
    /// same user (any order). Otherwise raises :class:`~passforge.SendRefused`
    /// (``CODE_SEND_TOO_SOON``, ``CODE_SEND_LIMIT``) whose ``next_allowed_at`` is the
    /// first instant both rules allow.
    fn check_send(&self, previous: Vec<Instant>, now: Instant) -> PyResult<()> {
        let previous: Vec<Timestamp> = previous.into_iter().map(|t| t.0).collect();
        self.inner.check_send(&previous, now.0).map_err(raise)
    }

    fn __repr__(&self) -> String {
        let s = self.inner.settings();
        format!(
            "OneTimeCodePolicy(digits={}, lifetime_seconds={}, max_sends={}, \
             send_window_seconds={}, min_seconds_between_sends={}, max_attempts={})",
            s.digits,
            s.lifetime_seconds,
            s.max_sends,
            s.send_window_seconds,
            s.min_seconds_between_sends,
            s.max_attempts
        )
    }
}

/// The outcome of :meth:`OneTimeCodePolicy.check`. True (``bool()``) only when
/// valid.
#[pyclass(frozen, eq, module = "passforge", name = "CodeCheck")]
#[derive(PartialEq)]
pub(crate) struct CodeCheck {
    inner: passforge::CodeCheck,
}

#[pymethods]
impl CodeCheck {
    /// `"valid"`, `"wrong"`, `"expired"` or `"too_many_attempts"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.inner {
            passforge::CodeCheck::Valid => "valid",
            passforge::CodeCheck::Wrong { .. } => "wrong",
            passforge::CodeCheck::Expired => "expired",
            passforge::CodeCheck::TooManyAttempts => "too_many_attempts",
        }
    }

    /// Attempts left after a ``"wrong"`` code; None otherwise.
    #[getter]
    fn attempts_left(&self) -> Option<u32> {
        match self.inner {
            passforge::CodeCheck::Wrong { attempts_left } => Some(attempts_left),
            _ => None,
        }
    }

    /// True only for a valid code, so that `if check:` cannot accept a wrong one.
    fn __bool__(&self) -> bool {
        self.inner == passforge::CodeCheck::Valid
    }

    fn __repr__(&self) -> String {
        match self.inner {
            passforge::CodeCheck::Wrong { attempts_left } => {
                format!("CodeCheck('wrong', attempts_left={attempts_left})")
            }
            _ => format!("CodeCheck('{}')", self.kind()),
        }
    }
}
