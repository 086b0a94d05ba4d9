//! `GET /v1/users/{user}`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::{authorization, extracted, json, respond};
use super::error::ErrorBody;
use crate::config::Operation;
use crate::ops::context::RequestContext;
use crate::ops::users::UserStatus;
use crate::service::Service;

pub fn router() -> OpenApiRouter<Arc<Service>> {
    OpenApiRouter::new().routes(routes!(user_status))
}

/// The directory to read from.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct DirectoryQuery {
    /// The directory; absent: the first configured.
    directory: Option<String>,
}

/// A user's account status: lock, must-change, last set, expiry, groups.
#[utoipa::path(
    get,
    path = "/v1/users/{user}",
    tag = "accounts",
    params(
        ("user" = String, Path, min_length = 1, max_length = 256,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$", example = "alice",
            description = "The account name: 1 to 256 bytes of UTF-8, no control characters"),
        DirectoryQuery
    ),
    responses(
        (status = 200, description = "The status", body = UserStatus),
        (status = 400, description = "BAD_REQUEST", body = ErrorBody),
        (status = 401, description = "UNAUTHENTICATED", body = ErrorBody),
        (status = 403, description = "OPERATION_NOT_ALLOWED", body = ErrorBody),
        (status = 404, description = "USER_NOT_FOUND or DIRECTORY_NOT_FOUND", body = ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = ErrorBody),
        (status = 500, description = "INTERNAL", body = ErrorBody),
        (status = 503, description = "DIRECTORY_UNAVAILABLE", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn user_status(
    State(service): State<Arc<Service>>,
    Extension(ctx): Extension<RequestContext>,
    headers: HeaderMap,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
    query: Result<Query<DirectoryQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    respond(
        async {
            let op = Operation::Status;
            let path = path.map_err(|e| e.body_text());
            let Path(user) = extracted(&service, &ctx, &headers, op, path).await?;
            let query = query.map_err(|e| e.body_text());
            let Query(query) = extracted(&service, &ctx, &headers, op, query).await?;
            let status = crate::ops::users::status(
                &service,
                &ctx,
                authorization(&headers),
                &user,
                query.directory.as_deref(),
            )
            .await?;
            Ok(json(&status))
        }
        .await,
    )
}
