//! `POST /v1/reset`, in the reference service's order: authenticate, operation allowed,
//! user lookup, group rules, validation script, lock state, the user's effective policy
//! (generator check, or validation of a supplied password), write, unlock, must-change,
//! audit, answer. An Idempotency-Key is honoured right after authentication.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use zeroize::Zeroizing;

use super::auth::authenticate;
use super::context::RequestContext;
use super::generate::generate_for;
use super::groups::check_groups;
use super::idempotent::{Idempotent, Outcome};
use super::users::{find_user, pick_directory, run_script};
use super::validate::require_compliant;
use crate::config::Operation;
use crate::directory::ResetOptions;
use crate::http::error::{ApiError, ServiceCode};
use crate::service::Service;

/// The request.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    /// The account name. 1 to 256 bytes of UTF-8, no control characters.
    #[schema(
        min_length = 1,
        max_length = 256,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$",
        example = "alice"
    )]
    pub user: String,
    /// A password to set; null or absent: generate one.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub password: Option<Zeroizing<String>>,
    /// Unlock the account too (only applies when resetting locked accounts is enabled).
    #[serde(default)]
    pub unlock: bool,
    /// Must change at next logon; absent: the configured default.
    #[serde(default)]
    pub must_change: Option<bool>,
    /// The directory; absent: the first configured.
    #[serde(default)]
    pub directory: Option<String>,
}

/// The answer.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ResetAnswer {
    /// The account name.
    pub user: String,
    /// The new password, only when generated (and `return_password` is on).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub password: Option<Zeroizing<String>>,
    /// Whether the user must change it at next logon.
    pub must_change: bool,
    /// Whether the account was unlocked.
    pub unlocked: bool,
    /// The request id.
    pub request_id: String,
}

/// What a first attempt planned, sealed before the write so a retry does the same.
#[derive(Serialize, Deserialize)]
struct Plan {
    password: Zeroizing<String>,
}

/// `reset`.
pub async fn reset(
    service: &Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
    idempotency_key: Option<&str>,
    raw_body: &[u8],
    request: ResetRequest,
) -> Result<Outcome, ApiError> {
    ctx.note(|f| f.user = Some(request.user.clone()));
    let client = authenticate(service, ctx, authorization, Operation::Reset).await?;
    let idem = match Idempotent::claim(
        service,
        ctx,
        client,
        Operation::Reset,
        idempotency_key,
        raw_body,
    )
    .await?
    {
        super::idempotent::Claimed::Replay(outcome) => return Ok(outcome),
        super::idempotent::Claimed::Go(idem) => idem,
    };
    let result = run(service, ctx, client, &idem, request).await;
    idem.finish(service, result).await
}

async fn run(
    service: &Service,
    ctx: &RequestContext,
    client: &crate::config::Client,
    idem: &Idempotent,
    request: ResetRequest,
) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    let directory = pick_directory(service, ctx, request.directory.as_deref())?;
    let user = find_user(directory.as_ref(), ctx, &request.user).await?;
    check_groups(&service.settings.file.groups, &user.groups)?;
    run_script(
        service,
        ctx,
        client,
        Operation::Reset,
        directory.as_ref(),
        &user,
    )
    .await?;
    let settings = &service.settings.file.reset;
    if user.locked && !settings.allow_locked_accounts {
        return Err(ApiError::new(
            ServiceCode::AccountLocked,
            "the account is locked and resetting locked accounts is disabled ([reset] \
             allow_locked_accounts); unlock it first",
        ));
    }
    let policy = directory.effective_policy(Some(&user)).await?;
    let (password, generated) = match (&request.password, idem.plan::<Plan>()) {
        (Some(supplied), _) => {
            require_compliant(&policy, supplied, &user)?;
            (supplied.clone(), false)
        }
        (None, Some(plan)) => (plan.password, true),
        (None, None) => {
            let (password, _) = generate_for(service, &policy, Some(&user))?;
            (password, true)
        }
    };
    if generated {
        idem.save_plan(
            service,
            &Plan {
                password: password.clone(),
            },
        )
        .await?;
    }
    let options = ResetOptions {
        must_change: request.must_change.unwrap_or(settings.must_change),
        unlock: request.unlock && settings.allow_locked_accounts,
    };
    service
        .audit
        .record(ctx.record("pending", None, 0))
        .await
        .map_err(ApiError::internal)?;
    let outcome = directory.reset_password(&user, &password, options).await;
    if let Err(e) = &outcome {
        service.metrics.directory_error(directory.name(), e);
    }
    let outcome = outcome?;
    let answer = ResetAnswer {
        user: user.name,
        password: (generated && settings.return_password).then_some(password),
        must_change: options.must_change,
        unlocked: outcome.unlocked,
        request_id: ctx.request_id.clone(),
    };
    super::idempotent::to_body(&answer)
}
