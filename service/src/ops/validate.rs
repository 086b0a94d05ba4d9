//! `POST /v1/validate`, and the check of a password supplied to a reset.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use zeroize::Zeroizing;

use super::auth::authenticate;
use super::context::RequestContext;
use super::generate::user_context;
use super::idempotent::to_body;
use super::users::{find_user, pick_directory};
use super::ViolationBody;
use crate::config::Operation;
use crate::directory::UserRecord;
use crate::http::error::{ApiError, ServiceCode};
use crate::service::Service;
use passforge::Policy;

/// The request.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateRequest {
    /// The account name (for the context rules and the effective policy). 1 to 256 bytes of UTF-8, no control characters.
    #[schema(
        min_length = 1,
        max_length = 256,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$",
        example = "alice"
    )]
    pub user: String,
    /// The candidate password.
    #[schema(value_type = String)]
    pub password: Zeroizing<String>,
    /// The directory; absent: the first configured.
    #[serde(default)]
    pub directory: Option<String>,
}

/// The answer.
#[derive(Serialize, ToSchema)]
pub struct ValidateAnswer {
    /// Whether the password meets the policy.
    pub ok: bool,
    /// Every violation, in the core's order.
    pub violations: Vec<ViolationBody>,
}

/// Every violation of `policy` by `password` for `user`.
pub fn violations(policy: &Policy, password: &str, user: &UserRecord) -> Vec<ViolationBody> {
    policy
        .validate(password, &user_context(user))
        .iter()
        .map(ViolationBody::from)
        .collect()
}

/// `POLICY_VIOLATION` with every violation, unless the password complies.
pub fn require_compliant(
    policy: &Policy,
    password: &str,
    user: &UserRecord,
) -> Result<(), ApiError> {
    let found = violations(policy, password, user);
    if found.is_empty() {
        return Ok(());
    }
    let summary: Vec<&str> = found.iter().map(|v| v.message.as_str()).collect();
    Err(ApiError::new(
        ServiceCode::PolicyViolation,
        format!(
            "the password does not meet the user's policy: {}",
            summary.join("; ")
        ),
    )
    .with("violations", found))
}

/// `validate`.
pub async fn validate(
    service: &Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
    request: ValidateRequest,
) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    authenticate(service, ctx, authorization, Operation::Validate).await?;
    let directory = pick_directory(service, ctx, request.directory.as_deref())?;
    let user = find_user(directory.as_ref(), ctx, &request.user).await?;
    let policy = directory.effective_policy(Some(&user)).await?;
    let found = violations(&policy, &request.password, &user);
    to_body(&ValidateAnswer {
        ok: found.is_empty(),
        violations: found,
    })
}
