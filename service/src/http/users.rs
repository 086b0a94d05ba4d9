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

use super::body::{authorization, json, respond};
use super::error::{ApiError, ErrorBody, ServiceCode};
use crate::ops::context::RequestContext;
use crate::ops::users::UserStatus;
use crate::service::Service;

pub fn router() -> OpenApiRouter<Arc<Service>> {
    OpenApiRouter::new().routes(routes!(user_status))
}

/// The directory to read from.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
struct DirectoryQuery {
    /// The directory; absent: the first configured.
    directory: Option<String>,
}

/// A user's account status: lock, must-change, last set, expiry, groups.
#[utoipa::path(
    get,
    path = "/v1/users/{user}",
    tag = "accounts",
    params(("user" = String, Path, description = "The account name"), DirectoryQuery),
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
            let Path(user) =
                path.map_err(|e| ApiError::new(ServiceCode::BadRequest, e.body_text()))?;
            let Query(query) =
                query.map_err(|e| ApiError::new(ServiceCode::BadRequest, e.body_text()))?;
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
