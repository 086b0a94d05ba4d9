//! Password generation: character sets, the exact samplers, strength checks.

pub(crate) mod charset;
pub(crate) mod composition;
pub(crate) mod count;
pub(crate) mod error;
pub(crate) mod estimate;
pub(crate) mod generator;
pub(crate) mod number;
pub(crate) mod options;
pub(crate) mod passphrase;
pub(crate) mod password;
pub(crate) mod sampler;
pub(crate) mod settings;
pub(crate) mod strength_check;
pub(crate) mod token;
pub(crate) mod total;
