//! What every front-end (CLI, Python, WASM, the reset service) shares: the error-code
//! registry, name parsing for public enums, and the argument error front-ends raise.

pub(crate) mod argument;
pub(crate) mod error_code;
pub(crate) mod name;
