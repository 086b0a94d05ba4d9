//! Password expiry: `PasswordLastSet`, `MaxPasswordAge`, `UserAccountControl`, `Expiry`,
//! `ExpiryStatus` and `ReminderDelay`, wrapping the core types of the same names. The
//! Rust enum variants become class constants (`Expiry.NEVER`) and static constructors
//! (`Expiry.at(instant)`).

use passforge::Timestamp;
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDelta};

use crate::errors::{py, raise, Int};
use crate::generator::source;
use crate::time::{datetime, timedelta, Instant, PyDuration};

fn optional_datetime(
    py: Python<'_>,
    t: Option<Timestamp>,
) -> PyResult<Option<Bound<'_, PyDateTime>>> {
    t.map(|t| datetime(py, t)).transpose()
}

/// When the password was last changed: :attr:`MUST_CHANGE` or ``at(instant)``.
#[pyclass(frozen, eq, module = "passforge", name = "PasswordLastSet")]
#[derive(PartialEq)]
pub(crate) struct PasswordLastSet {
    inner: passforge::PasswordLastSet,
}

#[pymethods]
impl PasswordLastSet {
    /// The password must be changed at next logon (`pwdLastSet` = 0).
    #[classattr]
    #[allow(non_snake_case)] // the Rust variant, as a class constant
    fn MUST_CHANGE() -> Self {
        Self {
            inner: passforge::PasswordLastSet::MustChange,
        }
    }

    /// The password was set at this instant.
    #[staticmethod]
    fn at(instant: Instant) -> Self {
        Self {
            inner: passforge::PasswordLastSet::At(instant.0),
        }
    }

    /// Reads AD's ``pwdLastSet``: 0 is :attr:`MUST_CHANGE`; negative values raise
    /// :class:`~passforge.ExpiryError` (``FILETIME_NEGATIVE``).
    #[staticmethod]
    fn from_pwd_last_set(filetime: Int<i64>) -> PyResult<Self> {
        let filetime = filetime.get::<py::ExpiryError>("filetime")?;
        let inner = passforge::PasswordLastSet::from_pwd_last_set(filetime).map_err(raise)?;
        Ok(Self { inner })
    }

    /// The instant it was set; None for :attr:`MUST_CHANGE`.
    #[getter]
    fn instant<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        match self.inner {
            passforge::PasswordLastSet::MustChange => Ok(None),
            passforge::PasswordLastSet::At(t) => datetime(py, t).map(Some),
        }
    }

    fn __repr__(&self) -> String {
        match self.inner {
            passforge::PasswordLastSet::MustChange => "PasswordLastSet.MUST_CHANGE".to_owned(),
            passforge::PasswordLastSet::At(t) => format!("PasswordLastSet.at({t})"),
        }
    }
}

/// How long a password may be used: :attr:`NEVER` or ``after(duration)``.
#[pyclass(frozen, eq, module = "passforge", name = "MaxPasswordAge")]
#[derive(PartialEq)]
pub(crate) struct MaxPasswordAge {
    inner: passforge::MaxPasswordAge,
}

#[pymethods]
impl MaxPasswordAge {
    /// Passwords never expire.
    #[classattr]
    #[allow(non_snake_case)] // the Rust variant, as a class constant
    fn NEVER() -> Self {
        Self {
            inner: passforge::MaxPasswordAge::Never,
        }
    }

    /// Passwords expire this long after they are set.
    #[staticmethod]
    fn after(duration: PyDuration) -> Self {
        Self {
            inner: passforge::MaxPasswordAge::After(duration.0),
        }
    }

    /// Whole days; 0 means :attr:`NEVER`.
    #[staticmethod]
    fn from_days(days: Int<u32>) -> PyResult<Self> {
        let days = days.get::<py::ExpiryError>("days")?;
        Ok(Self {
            inner: passforge::MaxPasswordAge::from_days(days),
        })
    }

    /// Reads AD's ``maxPwdAge`` (negative 100 ns ticks); 0 and -2**63 mean
    /// :attr:`NEVER`; positive values raise :class:`~passforge.ExpiryError`
    /// (``INTERVAL_POSITIVE``).
    #[staticmethod]
    fn from_ad_interval(interval: Int<i64>) -> PyResult<Self> {
        let interval = interval.get::<py::ExpiryError>("interval")?;
        let inner = passforge::MaxPasswordAge::from_ad_interval(interval).map_err(raise)?;
        Ok(Self { inner })
    }

    /// The maximum age; None for :attr:`NEVER`.
    #[getter]
    fn duration<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDelta>>> {
        match self.inner {
            passforge::MaxPasswordAge::Never => Ok(None),
            passforge::MaxPasswordAge::After(d) => timedelta(py, d).map(Some),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(match self.inner {
            passforge::MaxPasswordAge::Never => "MaxPasswordAge.NEVER".to_owned(),
            passforge::MaxPasswordAge::After(d) => {
                format!("MaxPasswordAge.after({})", timedelta(py, d)?.repr()?)
            }
        })
    }
}

/// AD ``userAccountControl`` flags; only the bits in :attr:`NEVER_EXPIRES_MASK`
/// decide expiry.
#[pyclass(frozen, eq, hash, module = "passforge", name = "UserAccountControl")]
#[derive(PartialEq, Hash)]
pub(crate) struct UserAccountControl {
    inner: passforge::UserAccountControl,
}

#[pymethods]
impl UserAccountControl {
    #[classattr]
    const INTERDOMAIN_TRUST_ACCOUNT: u32 = passforge::UserAccountControl::INTERDOMAIN_TRUST_ACCOUNT;
    #[classattr]
    const WORKSTATION_TRUST_ACCOUNT: u32 = passforge::UserAccountControl::WORKSTATION_TRUST_ACCOUNT;
    #[classattr]
    const SERVER_TRUST_ACCOUNT: u32 = passforge::UserAccountControl::SERVER_TRUST_ACCOUNT;
    #[classattr]
    const DONT_EXPIRE_PASSWORD: u32 = passforge::UserAccountControl::DONT_EXPIRE_PASSWORD;
    #[classattr]
    const SMARTCARD_REQUIRED: u32 = passforge::UserAccountControl::SMARTCARD_REQUIRED;
    #[classattr]
    const NEVER_EXPIRES_MASK: u32 = passforge::UserAccountControl::NEVER_EXPIRES_MASK;

    /// Wraps the attribute's value (`UserAccountControl::from_bits`).
    #[new]
    #[pyo3(signature = (bits = Int::of(0)), text_signature = "(bits=0)")]
    fn new(bits: Int<u32>) -> PyResult<Self> {
        let bits = bits.get::<py::ExpiryError>("bits")?;
        Ok(Self {
            inner: passforge::UserAccountControl::from_bits(bits),
        })
    }

    #[getter]
    fn bits(&self) -> u32 {
        self.inner.bits()
    }

    fn password_never_expires(&self) -> bool {
        self.inner.password_never_expires()
    }

    fn __repr__(&self) -> String {
        format!("UserAccountControl(0x{:x})", self.inner.bits())
    }
}

/// When a password expires: :attr:`NEVER`, :attr:`MUST_CHANGE` or ``at(instant)``.
#[pyclass(frozen, eq, module = "passforge", name = "Expiry")]
#[derive(PartialEq)]
pub(crate) struct Expiry {
    inner: passforge::Expiry,
}

#[pymethods]
impl Expiry {
    /// It never expires.
    #[classattr]
    #[allow(non_snake_case)] // the Rust variant, as a class constant
    fn NEVER() -> Self {
        Self {
            inner: passforge::Expiry::Never,
        }
    }

    /// It has to be changed now (reported as expiring at FILETIME 0, 1601-01-01).
    #[classattr]
    #[allow(non_snake_case)] // the Rust variant, as a class constant
    fn MUST_CHANGE() -> Self {
        Self {
            inner: passforge::Expiry::MustChange,
        }
    }

    /// It expires at this instant.
    #[staticmethod]
    fn at(instant: Instant) -> Self {
        Self {
            inner: passforge::Expiry::At(instant.0),
        }
    }

    /// AD's rules, in order: a never-expires flag gives :attr:`NEVER`; a last change
    /// of :attr:`PasswordLastSet.MUST_CHANGE` gives :attr:`MUST_CHANGE`;
    /// :attr:`MaxPasswordAge.NEVER` gives :attr:`NEVER`; otherwise last change plus
    /// maximum age. ``flags`` None means no flags. Raises
    /// :class:`~passforge.ExpiryError` (``TIME_OUT_OF_RANGE``) on overflow.
    #[staticmethod]
    #[pyo3(signature = (last_set, max_age, flags = None))]
    fn compute(
        last_set: &PasswordLastSet,
        max_age: &MaxPasswordAge,
        flags: Option<&UserAccountControl>,
    ) -> PyResult<Self> {
        let flags = flags.map(|f| f.inner).unwrap_or_default();
        let inner =
            passforge::Expiry::compute(last_set.inner, max_age.inner, flags).map_err(raise)?;
        Ok(Self { inner })
    }

    /// The expiry instant; None for :attr:`NEVER`.
    fn instant<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        optional_datetime(py, self.inner.instant())
    }

    /// ``msDS-UserPasswordExpiryTimeComputed``: 2**63 - 1 for never, 0 for must
    /// change, else the FILETIME (exact, 100 ns).
    fn to_filetime(&self) -> PyResult<i64> {
        self.inner.to_filetime().map_err(raise)
    }

    /// Where ``now`` stands, reminding when fewer than ``remind_days`` days are left
    /// (the core computes at full precision).
    fn status(&self, now: Instant, remind_days: Int<u32>) -> PyResult<ExpiryStatus> {
        let remind_days = remind_days.get::<py::ExpiryError>("remind_days")?;
        Ok(ExpiryStatus {
            inner: self.inner.status(now.0, remind_days),
        })
    }

    fn __repr__(&self) -> String {
        match self.inner {
            passforge::Expiry::Never => "Expiry.NEVER".to_owned(),
            passforge::Expiry::MustChange => "Expiry.MUST_CHANGE".to_owned(),
            passforge::Expiry::At(t) => format!("Expiry.at({t})"),
        }
    }
}

/// Where an instant stands against a password's expiry.
#[pyclass(frozen, eq, module = "passforge", name = "ExpiryStatus")]
#[derive(PartialEq)]
pub(crate) struct ExpiryStatus {
    inner: passforge::ExpiryStatus,
}

#[pymethods]
impl ExpiryStatus {
    /// The expiry instant; None when the password never expires.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        optional_datetime(py, self.inner.expires_at)
    }

    /// ``floor((expires_at - now) / 1 day)`` (so -1 from the first instant after
    /// expiry); None when it never expires.
    #[getter]
    fn days_remaining(&self) -> Option<i64> {
        self.inner.days_remaining
    }

    /// ``now >= expires_at``.
    #[getter]
    fn expired(&self) -> bool {
        self.inner.expired
    }

    /// Not expired, and ``days_remaining < remind_days``.
    #[getter]
    fn remind(&self) -> bool {
        self.inner.remind
    }

    fn __repr__(&self) -> String {
        let s = &self.inner;
        let expires_at = s.expires_at.map_or("None".to_owned(), |t| t.to_string());
        let days = s
            .days_remaining
            .map_or("None".to_owned(), |d| d.to_string());
        let py_bool = |b: bool| if b { "True" } else { "False" };
        format!(
            "ExpiryStatus(expires_at={expires_at}, days_remaining={days}, expired={}, remind={})",
            py_bool(s.expired),
            py_bool(s.remind)
        )
    }
}

/// The reminder job's random delay before each check: uniform in ``[0, max)``.
/// ``max`` must be under :attr:`LIMIT` (600 s), else :class:`~passforge.ExpiryError`
/// (``REMINDER_DELAY_TOO_LONG``).
#[pyclass(frozen, eq, module = "passforge", name = "ReminderDelay")]
#[derive(PartialEq)]
pub(crate) struct ReminderDelay {
    inner: passforge::ReminderDelay,
}

#[pymethods]
impl ReminderDelay {
    #[classattr]
    #[allow(non_snake_case)] // a class constant, like the core's
    fn LIMIT(py: Python<'_>) -> PyResult<Bound<'_, PyDelta>> {
        timedelta(py, passforge::ReminderDelay::LIMIT)
    }

    #[classattr]
    #[allow(non_snake_case)] // a class constant, like the core's
    fn DEFAULT_MAX(py: Python<'_>) -> PyResult<Bound<'_, PyDelta>> {
        timedelta(py, passforge::ReminderDelay::DEFAULT_MAX)
    }

    #[new]
    #[pyo3(signature = (max = PyDuration(passforge::ReminderDelay::DEFAULT_MAX)))]
    fn new(max: PyDuration) -> PyResult<Self> {
        let inner = passforge::ReminderDelay::new(max.0).map_err(raise)?;
        Ok(Self { inner })
    }

    #[getter]
    fn max<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDelta>> {
        timedelta(py, self.inner.max())
    }

    /// A delay from the OS CSPRNG (:class:`~passforge.GenerationError`
    /// ``RANDOM_SOURCE`` if it fails), floored to the microsecond. ``seed_for_tests``
    /// is **for tests only**.
    #[pyo3(signature = (*, seed_for_tests = None))]
    fn sample<'py>(
        &self,
        py: Python<'py>,
        seed_for_tests: Option<Int<u64>>,
    ) -> PyResult<Bound<'py, PyDelta>> {
        let mut rng = source::<py::GenerationError>(seed_for_tests)?
            .rng()
            .map_err(raise)?;
        let delay = self.inner.sample_with(&mut rng);
        timedelta(py, delay)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "ReminderDelay(max={})",
            timedelta(py, self.inner.max())?.repr()?
        ))
    }
}
