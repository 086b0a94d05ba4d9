//! The reference service's rule: the configured generator must be at least as strong as
//! the user's effective policy ("domain requires 10, service set to 8: fail").

use passforge::{Generator, Policy};

use super::ShortfallBody;
use crate::http::error::{ApiError, ServiceCode};

/// Every reason `generator` cannot guarantee `policy`.
pub fn check_generator(policy: &Policy, generator: &Generator) -> Result<(), Vec<ShortfallBody>> {
    policy.check_generator(generator).map_err(|e| {
        e.reasons()
            .iter()
            .map(|r| ShortfallBody {
                code: r.code().to_owned(),
                message: r.to_string(),
            })
            .collect()
    })
}

/// [`check_generator`] as the API's `GENERATOR_TOO_WEAK`.
pub fn require_generator(policy: &Policy, generator: &Generator) -> Result<(), ApiError> {
    check_generator(policy, generator).map_err(|reasons| {
        let summary: Vec<&str> = reasons.iter().map(|r| r.message.as_str()).collect();
        ApiError::new(
            ServiceCode::GeneratorTooWeak,
            format!(
                "the service's generator is weaker than the user's password policy: {}",
                summary.join("; ")
            ),
        )
        .with("reasons", reasons)
    })
}
