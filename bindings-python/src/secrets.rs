//! `pin` and `token_urlsafe`: the one-liners of Python's `secrets`, from the core's
//! generator ([`passforge::GeneratorSettings::pin`]) and [`passforge::url_safe_token_with`].

use passforge::{Generator, GeneratorSettings};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors::{py, raise, Int};
use crate::generator::source;

const DEFAULT_PIN_LENGTH: u32 = GeneratorSettings::DEFAULT_PIN_LENGTH;

/// A PIN of ``length`` decimal digits (default 6) from the OS CSPRNG through the
/// password generator: every one of the ``10**length`` PINs is equally likely (no modulo
/// bias), leading zeros kept. ``pin(6)`` is ``Generator(length=6, lower=0, upper=0,
/// digits=0, symbols=0, lower_set="", upper_set="", symbol_set="").generate()``.
///
/// ``length`` is 1 to :data:`MAX_LENGTH`: 0 raises :class:`~passforge.ConfigError`
/// (``LENGTH_ZERO``), a larger one ``LENGTH_TOO_LARGE``, a negative one
/// ``INVALID_ARGUMENT``; not an int, ``TypeError``. ``seed_for_tests`` (0 to 2**64 - 1,
/// else :class:`~passforge.GenerationError` ``INVALID_ARGUMENT``) makes the PIN a fixed
/// function of the seed: **for tests only**.
#[pyfunction]
#[pyo3(signature = (length = Int::of(DEFAULT_PIN_LENGTH), *, seed_for_tests = None))]
#[pyo3(text_signature = "(length=6, *, seed_for_tests=None)")]
pub(crate) fn pin<'py>(
    py: Python<'py>,
    length: Int<u32>,
    seed_for_tests: Option<Int<u64>>,
) -> PyResult<Bound<'py, PyString>> {
    // Above u32 is read as its maximum, which the core refuses (LENGTH_TOO_LARGE), as for
    // a Generator's length.
    let length = length
        .get_or_too_large::<py::ConfigError>("length")?
        .unwrap_or(u32::MAX);
    let generator = Generator::new(&GeneratorSettings::pin(length)).map_err(raise)?;
    let mut rng = source::<py::GenerationError>(seed_for_tests)?
        .rng()
        .map_err(raise)?;
    let pin = generator.generate_with(&mut rng).map_err(raise)?;
    Ok(PyString::new(py, pin.as_str()))
}

/// A random URL-safe text string of ``nbytes`` random bytes from the OS CSPRNG, as
/// :func:`secrets.token_urlsafe`: the bytes in base64url without padding (``A-Z a-z 0-9
/// - _``, about 1.3 characters per byte; 43 for the default). ``nbytes`` None means 32
/// bytes (256 bits), as in :mod:`secrets`.
///
/// Unlike :mod:`secrets`, ``nbytes`` is 1 to :data:`MAX_TOKEN_BYTES`: 0 or a larger one
/// raises :class:`~passforge.GenerationError` (``TOKEN_BYTES``: an empty token is no
/// secret), a negative one ``INVALID_ARGUMENT``; not an int, ``TypeError``.
/// ``seed_for_tests`` (0 to 2**64 - 1) makes the token a fixed function of the seed:
/// **for tests only**.
#[pyfunction]
#[pyo3(signature = (nbytes = None, *, seed_for_tests = None))]
pub(crate) fn token_urlsafe<'py>(
    py: Python<'py>,
    nbytes: Option<Int<usize>>,
    seed_for_tests: Option<Int<u64>>,
) -> PyResult<Bound<'py, PyString>> {
    let nbytes = match nbytes {
        None => passforge::DEFAULT_TOKEN_BYTES,
        // Above usize is read as its maximum, which the core refuses (TOKEN_BYTES).
        Some(n) => n
            .get_or_too_large::<py::GenerationError>("nbytes")?
            .unwrap_or(usize::MAX),
    };
    let mut rng = source::<py::GenerationError>(seed_for_tests)?
        .rng()
        .map_err(raise)?;
    let token = passforge::url_safe_token_with(&mut rng, nbytes).map_err(raise)?;
    Ok(PyString::new(py, token.as_str()))
}
