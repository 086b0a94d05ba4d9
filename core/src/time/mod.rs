//! Instants and intervals: RFC 3339, FILETIME, expiry and reminder arithmetic.

pub(crate) mod error;
pub(crate) mod expiry;
pub(crate) mod filetime;
pub(crate) mod timestamp;
