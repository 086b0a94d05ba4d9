//! The OpenAPI 3.1 document, generated from the handlers' annotations and types, and
//! `GET /openapi.json`.

use std::sync::Arc;

use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::service::Service;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "passforge reset service",
        description = "Token-authenticated password reset, unlock, status, generation and \
            validation over directory adapters. Errors are {\"error\": {\"code\", \"message\", \
            \"request_id\", ...}} with the codes of `passforge error-codes` (concern \"service\").",
    ),
    modifiers(&BearerAuth),
    components(schemas(super::error::ErrorBody))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The client's token: plain, or time-based (time-sha1, time-hmac) from its shared token",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document without paths (the routers add theirs).
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// The `/openapi.json` route, serving the finished document (with itself in it).
pub fn router(document: Arc<utoipa::openapi::OpenApi>) -> Router<Arc<Service>> {
    let mut document = (*document).clone();
    add_self(&mut document);
    let text = Arc::new(document.to_pretty_json().unwrap_or_default());
    Router::new().route(
        "/openapi.json",
        get(move || {
            let text = text.clone();
            async move {
                let mut response = (*text).clone().into_response();
                response.headers_mut().insert(
                    axum::http::header::CONTENT_TYPE,
                    axum::http::HeaderValue::from_static("application/json"),
                );
                response
            }
        }),
    )
}

fn add_self(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
    use utoipa::openapi::ResponseBuilder;
    let operation = OperationBuilder::new()
        .summary(Some("This OpenAPI document"))
        .tag("operations")
        .response(
            "200",
            ResponseBuilder::new().description("The document").build(),
        )
        .build();
    document.paths.paths.insert(
        "/openapi.json".to_owned(),
        PathItem::new(HttpMethod::Get, operation),
    );
}

/// The finished document (for tests and `passforge-service openapi`).
pub fn finished() -> utoipa::openapi::OpenApi {
    let (_, mut document) = super::routes();
    add_self(&mut document);
    document
}
