//! `POST /v1/unlock`: the same checks as a reset up to the lock state, then unlock.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use zeroize::Zeroizing;

use super::auth::authenticate;
use super::context::RequestContext;
use super::groups::check_groups;
use super::idempotent::{to_body, Claimed, Idempotent, Outcome};
use super::users::{find_user, pick_directory, run_script};
use crate::config::{Client, Operation};
use crate::http::error::ApiError;
use crate::service::Service;

/// The request.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnlockRequest {
    /// The account name. 1 to 256 bytes of UTF-8, no control characters.
    #[schema(
        min_length = 1,
        max_length = 256,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$",
        example = "alice"
    )]
    pub user: String,
    /// The directory; absent: the first configured.
    #[serde(default)]
    pub directory: Option<String>,
}

/// The answer.
#[derive(Serialize, ToSchema)]
pub struct UnlockAnswer {
    /// The account name.
    pub user: String,
    /// Always true: the account is unlocked now.
    pub unlocked: bool,
    /// The request id.
    pub request_id: String,
}

/// `unlock`.
pub async fn unlock(
    service: &Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
    idempotency_key: Option<&str>,
    raw_body: &[u8],
    request: UnlockRequest,
) -> Result<Outcome, ApiError> {
    ctx.note(|f| f.user = Some(request.user.clone()));
    let client = authenticate(service, ctx, authorization, Operation::Unlock).await?;
    let idem = match Idempotent::claim(
        service,
        ctx,
        client,
        Operation::Unlock,
        idempotency_key,
        raw_body,
    )
    .await?
    {
        Claimed::Replay(outcome) => return Ok(outcome),
        Claimed::Go(idem) => idem,
    };
    let result = run(service, ctx, client, request).await;
    idem.finish(service, result).await
}

async fn run(
    service: &Service,
    ctx: &RequestContext,
    client: &Client,
    request: UnlockRequest,
) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    let directory = pick_directory(service, ctx, request.directory.as_deref())?;
    let user = find_user(directory.as_ref(), ctx, &request.user).await?;
    check_groups(&service.settings.file.groups, &user.groups)?;
    run_script(
        service,
        ctx,
        client,
        Operation::Unlock,
        directory.as_ref(),
        &user,
    )
    .await?;
    service
        .audit
        .record(ctx.record("pending", None, 0))
        .await
        .map_err(ApiError::internal)?;
    let done = directory.unlock(&user).await;
    if let Err(e) = &done {
        service.metrics.directory_error(directory.name(), e);
    }
    done?;
    to_body(&UnlockAnswer {
        user: user.name,
        unlocked: true,
        request_id: ctx.request_id.clone(),
    })
}
