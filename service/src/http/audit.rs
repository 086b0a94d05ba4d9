//! `GET /v1/audit`.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::{authorization, extracted, json, respond};
use super::error::ErrorBody;
use crate::config::Operation;
use crate::ops::audit::{AuditAnswer, AuditQuery};
use crate::ops::context::RequestContext;
use crate::service::Service;

pub fn router() -> OpenApiRouter<Arc<Service>> {
    OpenApiRouter::new().routes(routes!(audit))
}

/// The audit log, newest first.
#[utoipa::path(
    get,
    path = "/v1/audit",
    tag = "audit",
    params(AuditQuery),
    responses(
        (status = 200, description = "Records", body = AuditAnswer),
        (status = 400, description = "BAD_REQUEST", body = ErrorBody),
        (status = 401, description = "UNAUTHENTICATED", body = ErrorBody),
        (status = 403, description = "OPERATION_NOT_ALLOWED", body = ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = ErrorBody),
        (status = 500, description = "INTERNAL", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn audit(
    State(service): State<Arc<Service>>,
    Extension(ctx): Extension<RequestContext>,
    headers: HeaderMap,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    respond(
        async {
            let query = query.map_err(|e| e.body_text());
            let Query(query) = extracted(&service, &ctx, &headers, Operation::Audit, query).await?;
            let answer =
                crate::ops::audit::audit(&service, &ctx, authorization(&headers), query).await?;
            Ok(json(&answer))
        }
        .await,
    )
}
