//! `POST /v1/reset`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::{authorization, header_text, outcome, read_json, respond};
use super::error::ErrorBody;
use crate::config::Operation;
use crate::ops::context::RequestContext;
use crate::ops::reset::{ResetAnswer, ResetRequest};
use crate::service::Service;

pub fn router() -> OpenApiRouter<Arc<Service>> {
    OpenApiRouter::new().routes(routes!(reset))
}

/// Resets a user's password: generated within the user's effective policy unless one is
/// supplied (which is then validated first).
#[utoipa::path(
    post,
    path = "/v1/reset",
    tag = "passwords",
    request_body = ResetRequest,
    params(("Idempotency-Key" = Option<String>, Header, min_length = 16, max_length = 255,
        pattern = "^[!-~]+$", example = "6f1c2b1e-8a3d-4f5e-9b7a-2c4d6e8f0a1b",
        description = "A random UUID (16 to 255 visible ASCII characters): a retry with the same \
            key and body within 24 h gets the first answer")),
    responses(
        (status = 200, description = "Reset", body = ResetAnswer),
        (status = 400, description = "BAD_REQUEST", body = ErrorBody),
        (status = 401, description = "UNAUTHENTICATED", body = ErrorBody),
        (status = 403, description = "OPERATION_NOT_ALLOWED, USER_NOT_ALLOWED or VALIDATION_DENIED", body = ErrorBody),
        (status = 404, description = "USER_NOT_FOUND or DIRECTORY_NOT_FOUND", body = ErrorBody),
        (status = 409, description = "ACCOUNT_LOCKED or IDEMPOTENCY_IN_PROGRESS", body = ErrorBody),
        (status = 413, description = "PAYLOAD_TOO_LARGE", body = ErrorBody),
        (status = 422, description = "POLICY_VIOLATION, GENERATOR_TOO_WEAK or IDEMPOTENCY_KEY_REUSED", body = ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = ErrorBody),
        (status = 500, description = "INTERNAL", body = ErrorBody),
        (status = 502, description = "DIRECTORY_ERROR", body = ErrorBody),
        (status = 503, description = "DIRECTORY_UNAVAILABLE", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn reset(
    State(service): State<Arc<Service>>,
    Extension(ctx): Extension<RequestContext>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    respond(
        async {
            let (raw, request): (_, ResetRequest) =
                read_json(&service, &ctx, &headers, body, Operation::Reset).await?;
            let done = crate::ops::reset::reset(
                &service,
                &ctx,
                authorization(&headers),
                header_text(&headers, "idempotency-key"),
                &raw,
                request,
            )
            .await?;
            Ok(outcome(done))
        }
        .await,
    )
}
