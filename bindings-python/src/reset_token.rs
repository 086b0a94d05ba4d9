//! Reset tokens: `ResetToken`, `StoredResetToken` and `ResetTokenDigest`, wrapping the
//! core types of the same names.

use passforge::{InvalidArgument, ResetTokenError};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDateTime, PyDelta};

use crate::errors::{py, raise, raise_in, Int};
use crate::generator::source;
use crate::time::{datetime, timedelta, Instant, PyDuration};

/// A freshly issued password-reset token: 256 random bits as 43 URL-safe base64
/// characters (:attr:`token`, to send; never in ``repr``, not picklable) and the
/// :class:`StoredResetToken` to keep (only its SHA-256 digest).
#[pyclass(frozen, module = "passforge", name = "ResetToken")]
pub(crate) struct ResetToken {
    inner: passforge::ResetToken,
}

#[pymethods]
impl ResetToken {
    #[classattr]
    const BYTES: usize = passforge::ResetToken::BYTES;

    #[classattr]
    #[allow(non_snake_case)] // a class constant, like the core's
    fn DEFAULT_LIFETIME(py: Python<'_>) -> PyResult<Bound<'_, PyDelta>> {
        timedelta(py, passforge::ResetToken::DEFAULT_LIFETIME)
    }

    /// Issues a token at ``now``, valid for ``lifetime`` (default
    /// :attr:`DEFAULT_LIFETIME`), from the OS CSPRNG. ``seed_for_tests`` (0 to
    /// 2**64 - 1) makes the token a fixed function of the seed: **for tests only**.
    /// Raises :class:`~passforge.ResetTokenError` (``RESET_TOKEN_LIFETIME``,
    /// ``RANDOM_SOURCE``).
    #[staticmethod]
    #[pyo3(signature = (
        now,
        lifetime = PyDuration(passforge::ResetToken::DEFAULT_LIFETIME),
        *,
        seed_for_tests = None,
    ))]
    fn issue(
        now: Instant,
        lifetime: PyDuration,
        seed_for_tests: Option<Int<u64>>,
    ) -> PyResult<Self> {
        let mut rng = source::<py::ResetTokenError>(seed_for_tests)?
            .rng()
            .map_err(|e| raise(ResetTokenError::from(e)))?;
        let inner =
            passforge::ResetToken::issue_with(&mut rng, now.0, lifetime.0).map_err(raise)?;
        Ok(Self { inner })
    }

    /// The token text to send.
    #[getter]
    fn token(&self) -> &str {
        self.inner.as_str()
    }

    /// What to store.
    fn stored(&self) -> StoredResetToken {
        StoredResetToken {
            inner: self.inner.stored().clone(),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "ResetToken(token=<redacted>, stored={})",
            stored_repr(self.inner.stored())
        )
    }
}

fn stored_repr(s: &passforge::StoredResetToken) -> String {
    format!(
        "StoredResetToken(digest={}, issued_at={}, expires_at={})",
        digest_repr(&s.digest),
        s.issued_at,
        s.expires_at
    )
}

fn digest_repr(d: &passforge::ResetTokenDigest) -> String {
    format!("ResetTokenDigest('{}')", d.to_hex())
}

/// What the service stores for an issued reset token.
#[pyclass(frozen, eq, module = "passforge", name = "StoredResetToken")]
#[derive(PartialEq)]
pub(crate) struct StoredResetToken {
    inner: passforge::StoredResetToken,
}

#[pymethods]
impl StoredResetToken {
    #[new]
    fn new(digest: &ResetTokenDigest, issued_at: Instant, expires_at: Instant) -> Self {
        Self {
            inner: passforge::StoredResetToken {
                digest: digest.inner,
                issued_at: issued_at.0,
                expires_at: expires_at.0,
            },
        }
    }

    #[getter]
    fn digest(&self) -> ResetTokenDigest {
        ResetTokenDigest {
            inner: self.inner.digest,
        }
    }

    #[getter]
    fn issued_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        datetime(py, self.inner.issued_at)
    }

    /// The first instant the token is no longer accepted.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        datetime(py, self.inner.expires_at)
    }

    /// Returns None when ``presented`` hashes to the digest (constant time) and
    /// ``now < expires_at``. Otherwise raises :class:`~passforge.ResetTokenError`:
    /// ``RESET_TOKEN_MISMATCH`` (checked first, so a wrong token never learns whether a
    /// right one would have expired), then ``RESET_TOKEN_EXPIRED``.
    fn verify(&self, presented: &str, now: Instant) -> PyResult<()> {
        self.inner.verify(presented, now.0).map_err(raise)
    }

    fn __repr__(&self) -> String {
        stored_repr(&self.inner)
    }
}

/// SHA-256 of a reset token's text. Hashable; ``repr`` shows the hex digest.
#[pyclass(frozen, eq, hash, module = "passforge", name = "ResetTokenDigest")]
#[derive(PartialEq, Hash)]
pub(crate) struct ResetTokenDigest {
    inner: passforge::ResetTokenDigest,
}

#[pymethods]
impl ResetTokenDigest {
    /// The digest of a token's text.
    #[staticmethod]
    fn of(token: &str) -> Self {
        Self {
            inner: passforge::ResetTokenDigest::of(token),
        }
    }

    /// Wraps 32 stored digest bytes (``bytes`` or ``bytearray``): another length raises
    /// :class:`~passforge.ResetTokenError` (``INVALID_ARGUMENT``), another type
    /// ``TypeError``.
    #[staticmethod]
    fn from_bytes(bytes: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = digest_bytes(bytes, "bytes", raise_in::<py::ResetTokenError, _>)?;
        Ok(Self {
            inner: passforge::ResetTokenDigest::from_bytes(bytes),
        })
    }

    /// Reads 64 hexadecimal digits (either case); otherwise raises
    /// :class:`~passforge.ResetTokenError` (``RESET_TOKEN_DIGEST_SYNTAX``).
    #[staticmethod]
    fn from_hex(text: &str) -> PyResult<Self> {
        let inner = passforge::ResetTokenDigest::from_hex(text).map_err(raise)?;
        Ok(Self { inner })
    }

    /// The 32 digest bytes.
    fn as_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.as_bytes())
    }

    /// 64 lowercase hexadecimal digits.
    fn to_hex(&self) -> String {
        self.inner.to_hex()
    }

    /// Whether ``presented`` hashes to this digest (constant time).
    fn matches(&self, presented: &str) -> bool {
        self.inner.matches(presented)
    }

    fn __repr__(&self) -> String {
        digest_repr(&self.inner)
    }
}

/// 32 bytes from a `bytes` or `bytearray` argument: another type is a `TypeError` naming
/// the argument, another length `INVALID_ARGUMENT` raised through `invalid` (a list of
/// ints is refused, so no int in it can overflow).
pub(crate) fn digest_bytes(
    value: &Bound<'_, PyAny>,
    name: &str,
    invalid: impl FnOnce(InvalidArgument) -> PyErr,
) -> PyResult<[u8; 32]> {
    let bytes: Vec<u8> = if let Ok(b) = value.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(b) = value.cast::<PyByteArray>() {
        b.to_vec()
    } else {
        return Err(PyTypeError::new_err(format!(
            "argument '{name}': expected bytes, not {}",
            value.get_type().name()?
        )));
    };
    let len = bytes.len();
    bytes.try_into().map_err(|_| {
        invalid(InvalidArgument::new(format!(
            "{name} is {len} bytes long; it must be 32 bytes"
        )))
    })
}
