//! `GET /v1/audit?user=&since=&limit=`.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::authenticate;
use super::context::RequestContext;
use crate::config::Operation;
use crate::http::error::{ApiError, ServiceCode};
use crate::service::Service;
use crate::store::audit::AuditRecord;

/// The most records one call returns.
pub const MAX_LIMIT: u32 = 1000;

/// The query.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only this user's records.
    pub user: Option<String>,
    /// Only records from this instant on (RFC 3339).
    #[param(format = DateTime, example = "2026-01-31T09:00:00Z")]
    pub since: Option<String>,
    /// At most this many, newest first (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
}

/// The answer.
#[derive(Serialize, ToSchema)]
pub struct AuditAnswer {
    /// Newest first.
    pub records: Vec<AuditRecord>,
}

/// `audit`.
pub async fn audit(
    service: &Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
    query: AuditQuery,
) -> Result<AuditAnswer, ApiError> {
    authenticate(service, ctx, authorization, Operation::Audit).await?;
    let since_ms = match &query.since {
        Some(text) => Some(
            passforge::Timestamp::parse_rfc3339(text)
                .map_err(|e| ApiError::new(ServiceCode::BadRequest, format!("since: {e}")))?
                .unix_seconds()
                .saturating_mul(1000),
        ),
        None => None,
    };
    let limit = query.limit.unwrap_or(100);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::new(
            ServiceCode::BadRequest,
            format!("limit must be 1 to {MAX_LIMIT}"),
        ));
    }
    let records = service
        .store
        .audit_records(query.user.as_deref(), since_ms, limit)
        .await
        .map_err(ApiError::internal)?;
    Ok(AuditAnswer { records })
}
