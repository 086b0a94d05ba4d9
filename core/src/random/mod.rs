//! Randomness: the OS-seeded default, the deterministic test generator, unbiased integers.

pub(crate) mod bounded;
pub(crate) mod rng;
pub(crate) mod source;
