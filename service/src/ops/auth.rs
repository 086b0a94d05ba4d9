//! Authentication (bearer tokens: plain, time-sha1, time-hmac), replay-once, the
//! per-address limit on failures, and the client's operation list.

use sha2::{Digest, Sha256};

use super::context::RequestContext;
use crate::config::{Client, ClientMode, Operation, Replay};
use crate::http::error::{ApiError, ServiceCode};
use crate::service::Service;
use crate::store::idempotency::hex;

/// Why a token was refused (a metrics label; the answer never says).
#[derive(Clone, Copy, Debug)]
enum Failure {
    Missing,
    Invalid,
    Replayed,
}

impl Failure {
    fn as_str(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Invalid => "invalid",
            Self::Replayed => "replayed",
        }
    }
}

/// The client that `authorization` authenticates, allowed to call `operation`.
pub async fn authenticate<'s>(
    service: &'s Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
    operation: Operation,
) -> Result<&'s Client, ApiError> {
    ctx.note(|f| f.operation = Some(operation));
    let limits = &service.settings.file.rate_limit;
    let window_ms = i64::try_from(limits.window_seconds.saturating_mul(1000))
        .unwrap_or(i64::MAX)
        .max(1);
    let window_start = ctx.started_ms.div_euclid(window_ms) * window_ms;
    let source = ctx.source.to_string();
    let failures = service
        .store
        .auth_failures(&source, window_start)
        .await
        .map_err(ApiError::internal)?;
    let retry_after =
        || u64::try_from((window_start + window_ms - ctx.started_ms + 999) / 1000).unwrap_or(1);
    if failures >= i64::from(limits.max_failures) {
        return Err(rate_limited(retry_after()));
    }
    let client = match check_token(service, ctx, authorization).await? {
        Ok(client) => client,
        Err(failure) => {
            service.metrics.auth_failure(failure.as_str());
            let n = service
                .store
                .record_auth_failure(&source, window_start)
                .await
                .map_err(ApiError::internal)?;
            if n > i64::from(limits.max_failures) {
                return Err(rate_limited(retry_after()));
            }
            return Err(ApiError::new(
                ServiceCode::Unauthenticated,
                "a valid bearer token is required (Authorization: Bearer <token>)",
            ));
        }
    };
    ctx.note(|f| f.client = Some(client.name.clone()));
    if !client.operations.contains(&operation) {
        return Err(ApiError::new(
            ServiceCode::OperationNotAllowed,
            format!(
                "client '{}' may not call '{}'",
                client.name,
                operation.as_str()
            ),
        ));
    }
    Ok(client)
}

fn rate_limited(retry_after: u64) -> ApiError {
    ApiError::new(
        ServiceCode::RateLimited,
        "too many failed authentications from this address; wait before retrying",
    )
    .retry_after(retry_after)
}

/// Checks the token against every client (all of them, so the time taken does not say
/// which matched); then the replay guard of a `replay = "once"` client.
async fn check_token<'s>(
    service: &'s Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
) -> Result<Result<&'s Client, Failure>, ApiError> {
    let Some(presented) = authorization
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
    else {
        return Ok(Err(Failure::Missing));
    };
    let now = crate::store::now_timestamp();
    let mut matched = None;
    for client in &service.settings.clients {
        let hit = match (client.mode, &client.scheme, &client.request_scheme) {
            (ClientMode::Plain, _, _) => client.token.verify_plain(presented).then_some(None),
            (ClientMode::RequestHmac, _, Some(scheme)) => ctx
                .binding
                .as_deref()
                .and_then(|binding| scheme.verify(&client.token, presented, binding, now))
                .map(Some),
            (_, Some(scheme), _) => scheme.verify(&client.token, presented, now).map(Some),
            _ => None,
        };
        if let (Some(accepted), None) = (hit, &matched) {
            matched = Some((client, accepted));
        }
    }
    let Some((client, accepted)) = matched else {
        return Ok(Err(Failure::Invalid));
    };
    let once = client.replay == Replay::Once || client.mode == ClientMode::RequestHmac;
    if let (true, Some(accepted)) = (once, accepted) {
        // A request token is remembered by its window and nonce (as the core's
        // RequestTokenScheme::verify_once does); a window token by its whole text.
        let remembered = match client.mode {
            ClientMode::RequestHmac => {
                let mut parts = presented.splitn(4, '.').skip(1);
                let (window, nonce) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                format!("{window}\n{nonce}")
            }
            _ => presented.to_owned(),
        };
        let fingerprint = hex(&Sha256::digest(remembered.as_bytes()));
        let valid_until_ms = accepted.valid_until.unix_seconds().saturating_mul(1000);
        let first = service
            .store
            .first_use(&client.name, &fingerprint, valid_until_ms)
            .await
            .map_err(ApiError::internal)?;
        if !first {
            return Ok(Err(Failure::Replayed));
        }
    }
    Ok(Ok(client))
}
