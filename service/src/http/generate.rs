//! `POST /v1/generate` and `POST /v1/validate`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::{authorization, json_bytes, read_json, respond};
use super::error::ErrorBody;
use crate::config::Operation;
use crate::ops::context::RequestContext;
use crate::ops::generate::{GenerateAnswer, GenerateRequest};
use crate::ops::validate::{ValidateAnswer, ValidateRequest};
use crate::service::Service;

pub fn router() -> OpenApiRouter<Arc<Service>> {
    OpenApiRouter::new()
        .routes(routes!(generate))
        .routes(routes!(validate))
}

/// Generates a password, within the user's effective policy when a user is named.
#[utoipa::path(
    post,
    path = "/v1/generate",
    tag = "passwords",
    request_body(content = Option<GenerateRequest>,
        description = "Optional: an empty body is `{}` (no user: the service's generator within the directory's policy)"),
    responses(
        (status = 200, description = "A password", body = GenerateAnswer),
        (status = 400, description = "BAD_REQUEST", body = ErrorBody),
        (status = 401, description = "UNAUTHENTICATED", body = ErrorBody),
        (status = 403, description = "OPERATION_NOT_ALLOWED", body = ErrorBody),
        (status = 404, description = "USER_NOT_FOUND or DIRECTORY_NOT_FOUND", body = ErrorBody),
        (status = 413, description = "PAYLOAD_TOO_LARGE", body = ErrorBody),
        (status = 422, description = "GENERATOR_TOO_WEAK", body = ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = ErrorBody),
        (status = 500, description = "INTERNAL", body = ErrorBody),
        (status = 503, description = "DIRECTORY_UNAVAILABLE", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn generate(
    State(service): State<Arc<Service>>,
    Extension(ctx): Extension<RequestContext>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    respond(
        async {
            let (_, request): (_, GenerateRequest) =
                read_json(&service, &ctx, &headers, body, Operation::Generate).await?;
            let answer =
                crate::ops::generate::generate(&service, &ctx, authorization(&headers), request)
                    .await?;
            Ok(json_bytes(200, answer))
        }
        .await,
    )
}

/// Checks a password against the user's effective policy: every violation.
#[utoipa::path(
    post,
    path = "/v1/validate",
    tag = "passwords",
    request_body = ValidateRequest,
    responses(
        (status = 200, description = "The verdict", body = ValidateAnswer),
        (status = 400, description = "BAD_REQUEST", body = ErrorBody),
        (status = 401, description = "UNAUTHENTICATED", body = ErrorBody),
        (status = 403, description = "OPERATION_NOT_ALLOWED", body = ErrorBody),
        (status = 404, description = "USER_NOT_FOUND or DIRECTORY_NOT_FOUND", body = ErrorBody),
        (status = 413, description = "PAYLOAD_TOO_LARGE", body = ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = ErrorBody),
        (status = 500, description = "INTERNAL", body = ErrorBody),
        (status = 503, description = "DIRECTORY_UNAVAILABLE", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn validate(
    State(service): State<Arc<Service>>,
    Extension(ctx): Extension<RequestContext>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    respond(
        async {
            let (_, request): (_, ValidateRequest) =
                read_json(&service, &ctx, &headers, body, Operation::Validate).await?;
            let answer =
                crate::ops::validate::validate(&service, &ctx, authorization(&headers), request)
                    .await?;
            Ok(json_bytes(200, answer))
        }
        .await,
    )
}
