//! Password policies: the rules, validation, violations, generation within a policy, lint.

pub(crate) mod acceptance;
pub(crate) mod blocklist;
pub(crate) mod category;
pub(crate) mod configured;
pub(crate) mod configured_passphrase;
pub(crate) mod directory;
pub(crate) mod error;
pub(crate) mod front_coded;
pub(crate) mod generate;
pub(crate) mod nist;
pub(crate) mod passphrase;
pub(crate) mod password_rules;
pub(crate) mod rules;
pub(crate) mod score;
pub(crate) mod sequence;
pub(crate) mod shortfall;
pub(crate) mod text;
pub(crate) mod validate;
pub(crate) mod violation;
