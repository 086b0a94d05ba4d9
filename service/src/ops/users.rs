//! `GET /v1/users/{user}`, and the look-up steps every operation shares.

use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::context::RequestContext;
use crate::config::{Client, Operation};
use crate::directory::{Directory, UserRecord};
use crate::http::error::{ApiError, ServiceCode};
use crate::script::ScriptRequest;
use crate::service::Service;
use crate::store::audit::rfc3339_ms;
use crate::store::now_ms;

/// The longest user name accepted, in characters (AD's sAMAccountName is 20).
pub const MAX_USER_LEN: usize = 256;

/// The directory a request names (or the first one).
pub fn pick_directory<'s>(
    service: &'s Service,
    ctx: &RequestContext,
    name: Option<&str>,
) -> Result<&'s Arc<dyn Directory>, ApiError> {
    let directory = service.directory(name).ok_or_else(|| {
        ApiError::new(
            ServiceCode::DirectoryNotFound,
            format!("no directory named '{}' is configured", name.unwrap_or("")),
        )
    })?;
    ctx.note(|f| f.directory = Some(directory.name().to_owned()));
    Ok(directory)
}

/// Looks the user up.
pub async fn find_user(
    directory: &dyn Directory,
    ctx: &RequestContext,
    user: &str,
) -> Result<UserRecord, ApiError> {
    if user.is_empty() || user.chars().count() > MAX_USER_LEN || user.chars().any(char::is_control)
    {
        return Err(ApiError::new(
            ServiceCode::BadRequest,
            format!("user must be 1 to {MAX_USER_LEN} characters without control characters"),
        ));
    }
    ctx.note(|f| f.user = Some(user.to_owned()));
    directory.lookup(user).await.map_err(ApiError::from)
}

/// Runs the validation script, if one is configured.
pub async fn run_script(
    service: &Service,
    ctx: &RequestContext,
    client: &Client,
    operation: Operation,
    directory: &dyn Directory,
    user: &UserRecord,
) -> Result<(), ApiError> {
    let Some(script) = &service.script else {
        return Ok(());
    };
    let request = ScriptRequest {
        operation: operation.as_str(),
        user: &user.name,
        client: &client.name,
        directory: directory.name(),
        request_id: &ctx.request_id,
        time: rfc3339_ms(ctx.started_ms),
    };
    script.check(&request).await.map_err(|denied| {
        tracing::info!(request_id = %ctx.request_id, reason = %denied.0, "validation script denied");
        ApiError::new(ServiceCode::ValidationDenied, "the request validation script denied the request")
    })
}

/// The answer of `GET /v1/users/{user}`.
#[derive(Serialize, ToSchema)]
pub struct UserStatus {
    /// The account name.
    pub user: String,
    /// The display name.
    pub display_name: Option<String>,
    /// Locked now.
    pub locked: bool,
    /// Must change the password at next logon.
    pub must_change: bool,
    /// RFC 3339, or null when never set.
    pub password_last_set: Option<String>,
    /// RFC 3339, or null when it never expires.
    pub expires_at: Option<String>,
    /// Whole days until expiry (negative once expired), or null.
    pub days_remaining: Option<i64>,
    /// Every group, nested membership included.
    pub groups: Vec<String>,
}

/// `status`.
pub async fn status(
    service: &Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
    user: &str,
    directory: Option<&str>,
) -> Result<UserStatus, ApiError> {
    super::auth::authenticate(service, ctx, authorization, Operation::Status).await?;
    let directory = pick_directory(service, ctx, directory)?;
    let record = find_user(directory.as_ref(), ctx, user).await?;
    let now_s = now_ms().div_euclid(1000);
    let rfc = |t: passforge::Timestamp| t.to_rfc3339().ok();
    Ok(UserStatus {
        user: record.name,
        display_name: record.display_name,
        locked: record.locked,
        must_change: record.must_change,
        password_last_set: record.password_last_set.and_then(rfc),
        expires_at: record.expires_at.and_then(rfc),
        days_remaining: record
            .expires_at
            .map(|t| (t.unix_seconds().saturating_sub(now_s)).div_euclid(86_400)),
        groups: record.groups,
    })
}
