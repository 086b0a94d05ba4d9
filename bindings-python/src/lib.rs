//! `passforge._native`: the private extension module behind the `passforge` Python
//! package. Each class wraps one core type and only delegates; the pure-Python
//! `passforge/__init__.py` re-exports it next to the exception classes.

mod errors;
mod generator;
mod strength_check;

use pyo3::prelude::*;

#[pymodule(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_LENGTH", passforge::MAX_LENGTH)?;
    m.add("AMBIGUOUS", passforge::AMBIGUOUS)?;
    m.add("DEFAULT_SYMBOLS", passforge::DEFAULT_SYMBOLS)?;
    m.add_class::<generator::Generator>()?;
    m.add_class::<strength_check::StrengthCheck>()?;
    Ok(())
}
