//! `passforge._native`: the private extension module behind the `passforge` Python
//! package. Each class wraps one core type and only delegates; the pure-Python
//! `passforge/__init__.py` re-exports it next to the exception classes.

mod errors;
mod expiry;
mod generator;
mod one_time_code;
mod passphrase;
mod password_rules;
mod policy;
mod reset_token;
mod secrets;
mod security_answer;
mod strength_check;
mod time;
mod token;

use pyo3::prelude::*;

/// Every error code passforge raises, from the core's registry, as ``(code, concern,
/// meaning)`` tuples grouped by concern (``passforge.error_codes()`` makes them
/// :class:`~passforge.ErrorCodeInfo`).
#[pyfunction]
pub(crate) fn error_codes() -> Vec<(&'static str, &'static str, &'static str)> {
    passforge::error_codes()
        .iter()
        .map(|i| (i.code, i.concern.as_str(), i.meaning))
        .collect()
}

#[pymodule(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_LENGTH", passforge::MAX_LENGTH)?;
    m.add("AMBIGUOUS", passforge::AMBIGUOUS)?;
    m.add("DEFAULT_SYMBOLS", passforge::DEFAULT_SYMBOLS)?;
    m.add("MAX_BATCH", passforge::MAX_BATCH)?;
    m.add("MAX_TOKEN_BYTES", passforge::MAX_TOKEN_BYTES)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add_class::<generator::Generator>()?;
    m.add_class::<strength_check::StrengthCheck>()?;
    m.add_class::<passphrase::WordList>()?;
    m.add_class::<passphrase::PassphraseGenerator>()?;
    m.add("MAX_PASSPHRASE_WORDS", passforge::MAX_PASSPHRASE_WORDS)?;
    m.add_function(wrap_pyfunction!(secrets::pin, m)?)?;
    m.add_function(wrap_pyfunction!(secrets::token_urlsafe, m)?)?;

    m.add_function(wrap_pyfunction!(time::timestamp_from_filetime, m)?)?;
    m.add_function(wrap_pyfunction!(time::filetime_from_timestamp, m)?)?;
    m.add_function(wrap_pyfunction!(time::duration_from_ad_interval, m)?)?;
    m.add_function(wrap_pyfunction!(time::ad_interval_from_duration, m)?)?;
    m.add_function(wrap_pyfunction!(time::timestamp_from_rfc3339, m)?)?;
    m.add_function(wrap_pyfunction!(time::rfc3339_from_timestamp, m)?)?;

    m.add_class::<token::SharedToken>()?;
    m.add_class::<token::TimeTokenScheme>()?;
    m.add_class::<token::RequestTokenScheme>()?;
    m.add_function(wrap_pyfunction!(token::request_binding, m)?)?;
    m.add_class::<token::AcceptedToken>()?;
    m.add_class::<token::TokenCheck>()?;
    m.add_class::<token::MemoryReplayGuard>()?;

    m.add_class::<reset_token::ResetToken>()?;
    m.add_class::<reset_token::StoredResetToken>()?;
    m.add_class::<reset_token::ResetTokenDigest>()?;

    m.add_class::<one_time_code::OneTimeCodePolicy>()?;
    m.add_class::<one_time_code::CodeCheck>()?;

    m.add_function(wrap_pyfunction!(security_answer::normalize_answer, m)?)?;
    m.add_class::<security_answer::SecurityAnswerHasher>()?;
    m.add_class::<security_answer::SecurityQuestionRule>()?;

    m.add_class::<expiry::PasswordLastSet>()?;
    m.add_class::<expiry::MaxPasswordAge>()?;
    m.add_class::<expiry::UserAccountControl>()?;
    m.add_class::<expiry::Expiry>()?;
    m.add_class::<expiry::ExpiryStatus>()?;
    m.add_class::<expiry::ReminderDelay>()?;

    m.add_class::<policy::Policy>()?;
    m.add_class::<policy::ValidationResult>()?;
    m.add_class::<policy::Violation>()?;
    m.add_class::<policy::Finding>()?;
    m.add_class::<policy::AgeRules>()?;
    m.add_class::<password_rules::PasswordRules>()?;
    m.add_class::<password_rules::RuleCharacters>()?;
    m.add_class::<password_rules::ExportedRules>()?;
    m.add_class::<password_rules::UnexpressedRule>()?;
    m.add_class::<policy::LockoutRules>()?;
    m.add_function(wrap_pyfunction!(policy::lint, m)?)?;
    m.add_function(wrap_pyfunction!(policy::is_common_password, m)?)?;
    m.add_function(wrap_pyfunction!(policy::common_password_count, m)?)?;
    m.add_function(wrap_pyfunction!(policy::display_name_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(policy::resolve_pso, m)?)?;
    Ok(())
}
