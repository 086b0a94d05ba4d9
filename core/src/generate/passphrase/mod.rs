//! Passphrases: words drawn from a list (the shipped EFF large list or a custom one),
//! joined by separators, with optional capitals and digit, exactly uniform.

pub(crate) mod decode;
pub(crate) mod error;
pub(crate) mod generator;
pub(crate) mod settings;
pub(crate) mod wordlist;
