//! Authentication helpers: service tokens, reset tokens, one-time codes, security answers.

pub(crate) mod error;
pub(crate) mod one_time_code;
pub(crate) mod request_token;
pub(crate) mod reset_token;
pub(crate) mod security_answer;
pub(crate) mod token;
