//! `GET /v1/directories/{name}/test`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::{authorization, extracted, json, respond};
use super::error::ErrorBody;
use crate::config::Operation;
use crate::ops::context::RequestContext;
use crate::ops::directories::TestAnswer;
use crate::service::Service;

pub fn router() -> OpenApiRouter<Arc<Service>> {
    OpenApiRouter::new().routes(routes!(test_directory))
}

/// Tests the connection to a directory.
#[utoipa::path(
    get,
    path = "/v1/directories/{name}/test",
    tag = "directories",
    params(("name" = String, Path, description = "The directory's configured name")),
    responses(
        (status = 200, description = "It answers", body = TestAnswer),
        (status = 400, description = "BAD_REQUEST", body = ErrorBody),
        (status = 401, description = "UNAUTHENTICATED", body = ErrorBody),
        (status = 403, description = "OPERATION_NOT_ALLOWED", body = ErrorBody),
        (status = 404, description = "DIRECTORY_NOT_FOUND", body = ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = ErrorBody),
        (status = 500, description = "INTERNAL", body = ErrorBody),
        (status = 502, description = "DIRECTORY_ERROR", body = ErrorBody),
        (status = 503, description = "DIRECTORY_UNAVAILABLE", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn test_directory(
    State(service): State<Arc<Service>>,
    Extension(ctx): Extension<RequestContext>,
    headers: HeaderMap,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    respond(
        async {
            let path = path.map_err(|e| e.body_text());
            let Path(name) = extracted(&service, &ctx, &headers, Operation::Test, path).await?;
            let answer =
                crate::ops::directories::test(&service, &ctx, authorization(&headers), &name)
                    .await?;
            Ok(json(&answer))
        }
        .await,
    )
}
