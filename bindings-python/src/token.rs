//! Service tokens: `SharedToken`, `TimeTokenScheme`, `RequestTokenScheme`,
//! `AcceptedToken`, `TokenCheck`, `MemoryReplayGuard` and `request_binding`, wrapping the
//! core items of the same names. A replay guard can also be any Python object with a
//! `first_use(fingerprint, valid_until, now)` method, which the core calls through
//! [`passforge::ReplayGuard`].

use std::borrow::Cow;

use passforge::{ReplayGuard, TokenAlgorithm};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDateTime};

use crate::errors::{py, raise, raise_in, Int};
use crate::reset_token::digest_bytes;
use crate::time::{datetime, Instant};

/// The secret shared between the service and its callers. The core copy is zeroized
/// when this object is freed (the ``bytes`` it was made from belong to the caller);
/// ``repr`` never shows it, and it cannot be pickled.
///
/// Raises :class:`~passforge.TokenError` (``TOKEN_SECRET_EMPTY``) for ``b""``.
#[pyclass(frozen, module = "passforge", name = "SharedToken")]
pub(crate) struct SharedToken {
    inner: passforge::SharedToken,
}

#[pymethods]
impl SharedToken {
    #[classattr]
    const MIN_BYTES: usize = passforge::SharedToken::MIN_BYTES;

    #[new]
    fn new(secret: &[u8]) -> PyResult<Self> {
        let inner = passforge::SharedToken::new(secret).map_err(raise)?;
        Ok(Self { inner })
    }

    /// Whether the secret is shorter than :attr:`MIN_BYTES`: accepted (an existing
    /// deployment's token, a test vector), but the CLI and the reset service refuse such
    /// a configured token.
    #[getter]
    fn is_short(&self) -> bool {
        self.inner.is_short()
    }

    /// Plain bearer mode: whether ``presented`` (its UTF-8 bytes) is the secret itself.
    /// Compared through SHA-256 in constant time.
    fn verify_plain(&self, presented: &str) -> bool {
        self.inner.verify_plain(presented)
    }

    fn __repr__(&self) -> &'static str {
        "SharedToken(<redacted>)"
    }
}

/// A `SharedToken`, or `bytes` made into one for the call. The error names the type
/// only, never the value.
fn shared_token<'a>(secret: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, passforge::SharedToken>> {
    if let Ok(shared) = secret.cast::<SharedToken>() {
        return Ok(Cow::Borrowed(&shared.get().inner));
    }
    if let Ok(bytes) = secret.cast::<PyBytes>() {
        let token = passforge::SharedToken::new(bytes.as_bytes()).map_err(raise)?;
        return Ok(Cow::Owned(token));
    }
    Err(PyTypeError::new_err(format!(
        "secret must be bytes or SharedToken, not {}",
        secret.get_type().name()?
    )))
}

/// The time-based service-token scheme: ``window = floor(unix_seconds / period)``;
/// the token is lowercase hex of ``SHA-1(secret ‖ decimal window)`` (``"sha1"``, the AD
/// reset service's scheme) or ``HMAC-SHA256(secret, decimal window)``
/// (``"hmac-sha256"``, preferred where both sides can); a token is accepted while the
/// verifier's window is within ``skew_windows`` windows of its own.
///
/// ``period_seconds`` is 1 to :attr:`MAX_PERIOD_SECONDS`, ``skew_windows`` 0 to
/// :attr:`MAX_SKEW_WINDOWS`; otherwise :class:`~passforge.TokenError` (``TOKEN_PERIOD``,
/// ``TOKEN_SKEW``, or ``UNKNOWN_NAME`` for an unknown algorithm name).
///
/// Every ``secret`` argument is ``bytes`` (a :class:`SharedToken` is made for the call)
/// or a :class:`SharedToken`.
#[pyclass(frozen, eq, module = "passforge", name = "TimeTokenScheme")]
#[derive(PartialEq)]
pub(crate) struct TimeTokenScheme {
    inner: passforge::TimeTokenScheme,
}

#[pymethods]
impl TimeTokenScheme {
    #[classattr]
    const DEFAULT_PERIOD_SECONDS: u64 = passforge::TimeTokenScheme::DEFAULT_PERIOD_SECONDS;
    #[classattr]
    const MAX_PERIOD_SECONDS: u64 = passforge::TimeTokenScheme::MAX_PERIOD_SECONDS;
    #[classattr]
    const DEFAULT_SKEW_WINDOWS: u32 = passforge::TimeTokenScheme::DEFAULT_SKEW_WINDOWS;
    #[classattr]
    const MAX_SKEW_WINDOWS: u32 = passforge::TimeTokenScheme::MAX_SKEW_WINDOWS;

    // Literal defaults so that help() and stubtest see them; test_api checks them
    // against the core's constants.
    #[new]
    #[pyo3(
        signature = (
            *,
            algorithm = "sha1",
            period_seconds = Int::of(300),
            skew_windows = Int::of(1),
        ),
        text_signature = "(*, algorithm='sha1', period_seconds=300, skew_windows=1)"
    )]
    fn new(algorithm: &str, period_seconds: Int<u64>, skew_windows: Int<u32>) -> PyResult<Self> {
        let algorithm: TokenAlgorithm = algorithm.parse().map_err(raise_in::<py::TokenError, _>)?;
        let period_seconds = period_seconds.get::<py::TokenError>("period_seconds")?;
        let skew_windows = skew_windows.get::<py::TokenError>("skew_windows")?;
        let inner = passforge::TimeTokenScheme::new(algorithm, period_seconds, skew_windows)
            .map_err(raise)?;
        Ok(Self { inner })
    }

    /// `"sha1"` or `"hmac-sha256"`.
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm().as_str()
    }

    #[getter]
    fn period_seconds(&self) -> u64 {
        self.inner.period_seconds()
    }

    #[getter]
    fn skew_windows(&self) -> u32 {
        self.inner.skew_windows()
    }

    /// ``floor(unix_seconds / period)`` (also floor before 1970).
    fn window(&self, at: Instant) -> i64 {
        self.inner.window(at.0)
    }

    /// The token of a window number.
    fn token_for_window(&self, secret: &Bound<'_, PyAny>, window: Int<i64>) -> PyResult<String> {
        let window = window.get::<py::TokenError>("window")?;
        Ok(self.inner.token_for_window(&*shared_token(secret)?, window))
    }

    /// The token of the window containing ``at``.
    fn token_at(&self, secret: &Bound<'_, PyAny>, at: Instant) -> PyResult<String> {
        Ok(self.inner.token_at(&*shared_token(secret)?, at.0))
    }

    /// The accepted token when ``presented`` is the token of the window containing
    /// ``now`` or of one of the ``skew_windows`` on either side (constant time; lowercase
    /// hex only), else None.
    fn verify(
        &self,
        secret: &Bound<'_, PyAny>,
        presented: &str,
        now: Instant,
    ) -> PyResult<Option<AcceptedToken>> {
        let accepted = self.inner.verify(&*shared_token(secret)?, presented, now.0);
        Ok(accepted.map(|inner| AcceptedToken { inner }))
    }

    /// :meth:`verify`, then records the token in ``guard`` so that a second use before
    /// it stops being valid is ``"replayed"``. The guard sees only SHA-256 of the token.
    /// Raises :class:`~passforge.ReplayGuardFull` from a full
    /// :class:`MemoryReplayGuard`.
    fn verify_once(
        &self,
        secret: &Bound<'_, PyAny>,
        presented: &str,
        now: Instant,
        guard: &Bound<'_, PyAny>,
    ) -> PyResult<TokenCheck> {
        let secret = shared_token(secret)?;
        let inner = self
            .inner
            .verify_once(&secret, presented, now.0, &Guard::of(guard))?;
        Ok(TokenCheck { inner })
    }

    fn __repr__(&self) -> String {
        format!(
            "TimeTokenScheme(algorithm='{}', period_seconds={}, skew_windows={})",
            self.inner.algorithm().as_str(),
            self.inner.period_seconds(),
            self.inner.skew_windows()
        )
    }
}

/// The `guard` of a `verify_once`: a [`MemoryReplayGuard`] (called directly, its
/// `ReplayGuardFull` raised), or any Python object with `guard.first_use(fingerprint:
/// bytes, valid_until: datetime, now: datetime) -> bool`, whose exceptions propagate.
enum Guard<'a, 'py> {
    Memory(&'a passforge::MemoryReplayGuard),
    Python(&'a Bound<'py, PyAny>),
}

impl<'a, 'py> Guard<'a, 'py> {
    fn of(guard: &'a Bound<'py, PyAny>) -> Self {
        match guard.cast::<MemoryReplayGuard>() {
            Ok(memory) => Self::Memory(&memory.get().inner),
            Err(_) => Self::Python(guard),
        }
    }
}

impl ReplayGuard for Guard<'_, '_> {
    type Error = PyErr;

    fn first_use(
        &self,
        fingerprint: &[u8; 32],
        valid_until: passforge::Timestamp,
        now: passforge::Timestamp,
    ) -> PyResult<bool> {
        let guard = match self {
            Self::Memory(memory) => {
                return memory
                    .first_use(fingerprint, valid_until, now)
                    .map_err(raise)
            }
            Self::Python(guard) => guard,
        };
        let py = guard.py();
        let args = (
            PyBytes::new(py, fingerprint),
            datetime(py, valid_until)?,
            datetime(py, now)?,
        );
        guard.call_method1("first_use", args)?.is_truthy()
    }
}

/// Per-request service tokens for new clients: ``v1.<window>.<nonce>.<mac>``, where
/// ``window = floor(unix_seconds / period)``, ``nonce`` is 16 to 64 characters of
/// ``A-Z a-z 0-9 _ -`` drawn fresh for every request (:meth:`nonce`), and ``mac`` is
/// lowercase hex ``HMAC-SHA256(secret, "passforge-request-v1\n" + window + "\n" + nonce
/// + "\n" + binding)`` with ``binding`` the request's :func:`request_binding`.
///
/// Why: a :class:`TimeTokenScheme` token is the same for every caller in a window, so
/// its ``verify_once`` admits one request per window for the whole deployment. A request
/// token differs per request and only authorises the request it was made for, so
/// :meth:`verify_once` accepts each request once: two requests in one window both pass,
/// the same token twice is ``"replayed"``.
///
/// ``period_seconds`` is 1 to ``TimeTokenScheme.MAX_PERIOD_SECONDS``, ``skew_windows`` 0
/// to ``TimeTokenScheme.MAX_SKEW_WINDOWS``; otherwise :class:`~passforge.TokenError`
/// (``TOKEN_PERIOD``, ``TOKEN_SKEW``). Every ``secret`` argument is ``bytes`` or a
/// :class:`SharedToken`.
#[pyclass(frozen, eq, module = "passforge", name = "RequestTokenScheme")]
#[derive(PartialEq)]
pub(crate) struct RequestTokenScheme {
    inner: passforge::RequestTokenScheme,
}

#[pymethods]
impl RequestTokenScheme {
    #[classattr]
    const MIN_NONCE_LEN: usize = passforge::RequestTokenScheme::MIN_NONCE_LEN;
    #[classattr]
    const MAX_NONCE_LEN: usize = passforge::RequestTokenScheme::MAX_NONCE_LEN;
    #[classattr]
    const MAX_TOKEN_LEN: usize = passforge::RequestTokenScheme::MAX_TOKEN_LEN;

    // Literal defaults so that help() and stubtest see them; test_api checks them
    // against the core's constants.
    #[new]
    #[pyo3(
        signature = (*, period_seconds = Int::of(300), skew_windows = Int::of(1)),
        text_signature = "(*, period_seconds=300, skew_windows=1)"
    )]
    fn new(period_seconds: Int<u64>, skew_windows: Int<u32>) -> PyResult<Self> {
        let period_seconds = period_seconds.get::<py::TokenError>("period_seconds")?;
        let skew_windows = skew_windows.get::<py::TokenError>("skew_windows")?;
        let inner =
            passforge::RequestTokenScheme::new(period_seconds, skew_windows).map_err(raise)?;
        Ok(Self { inner })
    }

    #[getter]
    fn period_seconds(&self) -> u64 {
        self.inner.period_seconds()
    }

    #[getter]
    fn skew_windows(&self) -> u32 {
        self.inner.skew_windows()
    }

    /// A fresh nonce from the operating system's random source: 24 random bytes as 32
    /// base64url characters. Raises :class:`~passforge.GenerationError`
    /// (``RANDOM_SOURCE``) if the OS cannot give any.
    #[staticmethod]
    fn nonce() -> PyResult<String> {
        passforge::RequestTokenScheme::nonce().map_err(raise)
    }

    /// Whether ``nonce`` is 16 to 64 characters of ``A-Z a-z 0-9 _ -``.
    #[staticmethod]
    fn is_valid_nonce(nonce: &str) -> bool {
        passforge::RequestTokenScheme::is_valid_nonce(nonce)
    }

    /// ``floor(unix_seconds / period)`` (also floor before 1970).
    fn window(&self, at: Instant) -> i64 {
        self.inner.window(at.0)
    }

    /// The token for one request at ``at``. Raises :class:`~passforge.TokenError`
    /// (``TOKEN_NONCE``) for a nonce that is not 16 to 64 characters of
    /// ``A-Z a-z 0-9 _ -``.
    fn token(
        &self,
        secret: &Bound<'_, PyAny>,
        at: Instant,
        nonce: &str,
        binding: &str,
    ) -> PyResult<String> {
        self.inner
            .token(&*shared_token(secret)?, at.0, nonce, binding)
            .map_err(raise)
    }

    /// The accepted token when ``presented`` is a request token for ``binding`` whose
    /// window is within ``skew_windows`` of ``now``'s, else None (also for malformed
    /// text, or text longer than :attr:`MAX_TOKEN_LEN`). The MAC is compared in constant
    /// time.
    fn verify(
        &self,
        secret: &Bound<'_, PyAny>,
        presented: &str,
        binding: &str,
        now: Instant,
    ) -> PyResult<Option<AcceptedToken>> {
        let accepted = self
            .inner
            .verify(&*shared_token(secret)?, presented, binding, now.0);
        Ok(accepted.map(|inner| AcceptedToken { inner }))
    }

    /// :meth:`verify`, then records the request in ``guard``: the fingerprint is
    /// SHA-256 of ``window + "\n" + nonce``, so each request is accepted once, and a
    /// nonce reused in its window is ``"replayed"`` whatever the request. Raises
    /// :class:`~passforge.ReplayGuardFull` from a full :class:`MemoryReplayGuard`.
    fn verify_once(
        &self,
        secret: &Bound<'_, PyAny>,
        presented: &str,
        binding: &str,
        now: Instant,
        guard: &Bound<'_, PyAny>,
    ) -> PyResult<TokenCheck> {
        let secret = shared_token(secret)?;
        let inner =
            self.inner
                .verify_once(&secret, presented, binding, now.0, &Guard::of(guard))?;
        Ok(TokenCheck { inner })
    }

    fn __repr__(&self) -> String {
        format!(
            "RequestTokenScheme(period_seconds={}, skew_windows={})",
            self.inner.period_seconds(),
            self.inner.skew_windows()
        )
    }
}

/// The binding of an HTTP request that clients and the service both compute:
/// ``method + " " + path + "\n" + sha256(body).hexdigest()``. ``method`` as sent
/// (``"POST"``), ``path`` as in the request line (with its query, if any), ``body`` the
/// exact bytes (``b""`` for none).
#[pyfunction]
pub(crate) fn request_binding(method: &str, path: &str, body: &[u8]) -> String {
    passforge::request_binding(method, path, body)
}

/// A time-based token or a request token that verified.
#[pyclass(frozen, eq, module = "passforge", name = "AcceptedToken")]
#[derive(PartialEq)]
pub(crate) struct AcceptedToken {
    inner: passforge::AcceptedToken,
}

#[pymethods]
impl AcceptedToken {
    /// The window the token was made for.
    #[getter]
    fn window(&self) -> i64 {
        self.inner.window
    }

    /// The first instant the token is no longer accepted (a replay guard keeps it
    /// until then).
    #[getter]
    fn valid_until<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        datetime(py, self.inner.valid_until)
    }

    fn __repr__(&self) -> String {
        format!(
            "AcceptedToken(window={}, valid_until={})",
            self.inner.window, self.inner.valid_until
        )
    }
}

/// The outcome of :meth:`TimeTokenScheme.verify_once` and
/// :meth:`RequestTokenScheme.verify_once`. True (``bool()``) only when accepted.
#[pyclass(frozen, eq, module = "passforge", name = "TokenCheck")]
#[derive(PartialEq)]
pub(crate) struct TokenCheck {
    inner: passforge::TokenCheck,
}

#[pymethods]
impl TokenCheck {
    /// `"accepted"`, `"invalid"` or `"replayed"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.inner {
            passforge::TokenCheck::Accepted(_) => "accepted",
            passforge::TokenCheck::Invalid => "invalid",
            passforge::TokenCheck::Replayed => "replayed",
        }
    }

    /// The accepted token when ``kind == "accepted"``, else None.
    #[getter]
    fn accepted(&self) -> Option<AcceptedToken> {
        match self.inner {
            passforge::TokenCheck::Accepted(inner) => Some(AcceptedToken { inner }),
            _ => None,
        }
    }

    /// True only when accepted, so that `if check:` cannot let a bad token through.
    fn __bool__(&self) -> bool {
        matches!(self.inner, passforge::TokenCheck::Accepted(_))
    }

    fn __repr__(&self) -> String {
        match self.inner {
            passforge::TokenCheck::Accepted(inner) => format!(
                "TokenCheck('accepted', window={}, valid_until={})",
                inner.window, inner.valid_until
            ),
            _ => format!("TokenCheck('{}')", self.kind()),
        }
    }
}

/// An in-memory replay guard holding at most ``capacity`` unexpired tokens (by
/// SHA-256). When full of unexpired tokens it refuses new ones
/// (:class:`~passforge.ReplayGuardFull`) rather than forget one. Thread-safe.
/// ``len()`` counts the tokens remembered (expired ones are dropped lazily).
#[pyclass(frozen, module = "passforge", name = "MemoryReplayGuard")]
pub(crate) struct MemoryReplayGuard {
    inner: passforge::MemoryReplayGuard,
}

#[pymethods]
impl MemoryReplayGuard {
    #[classattr]
    const DEFAULT_CAPACITY: usize = passforge::MemoryReplayGuard::DEFAULT_CAPACITY;

    #[new]
    #[pyo3(signature = (capacity = Int::of(10_000)), text_signature = "(capacity=10000)")]
    fn new(capacity: Int<usize>) -> PyResult<Self> {
        let capacity = capacity.get::<py::TokenError>("capacity")?;
        Ok(Self {
            inner: passforge::MemoryReplayGuard::new(capacity),
        })
    }

    /// The guard's side of :meth:`TimeTokenScheme.verify_once` (``fingerprint`` is 32
    /// bytes).
    fn first_use(
        &self,
        fingerprint: &Bound<'_, PyAny>,
        valid_until: Instant,
        now: Instant,
    ) -> PyResult<bool> {
        let fingerprint = digest_bytes(fingerprint, "fingerprint", |e| {
            raise_in::<py::TokenError, _>(e)
        })?;
        self.inner
            .first_use(&fingerprint, valid_until.0, now.0)
            .map_err(raise)
    }

    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<passforge.MemoryReplayGuard len={}>", self.inner.len())
    }
}
