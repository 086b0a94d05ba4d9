//! The error front-ends raise for arguments they cannot convert.

use std::fmt;

/// An argument a front-end could not convert for the core (a JS value of the wrong type,
/// a number out of range). Front-ends raise it; the core itself never does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidArgument {
    message: String,
}

impl InvalidArgument {
    /// An argument error whose message says what was wrong and what to pass instead.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        "INVALID_ARGUMENT"
    }
}

impl fmt::Display for InvalidArgument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InvalidArgument {}
