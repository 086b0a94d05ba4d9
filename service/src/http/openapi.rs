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
    complete(&mut document);
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

/// What the annotations cannot say: this route itself, the headers every answer carries,
/// and optional bodies and headers spelled as `Option<T>`.
fn complete(document: &mut utoipa::openapi::OpenApi) {
    add_self(document);
    add_headers(document);
    optional_bodies(document);
    optional_headers(document);
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
    complete(&mut document);
    document
}

/// `X-Request-Id` on every answer (the request layer sets it); `Retry-After` on the error
/// answers that carry one (429 and 503 always, 409 for `IDEMPOTENCY_IN_PROGRESS`);
/// `Idempotent-Replayed` on the operations that take an Idempotency-Key (a success or a
/// final refusal is replayed).
fn add_headers(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::header::HeaderBuilder;
    use utoipa::openapi::{Object, RefOr, Type};
    let string = || HeaderBuilder::new().schema(Object::with_type(Type::String));
    for item in document.paths.paths.values_mut() {
        for operation in operations(item) {
            let replayable = operation
                .parameters
                .iter()
                .flatten()
                .any(|p| p.name == "Idempotency-Key");
            for (status, response) in operation.responses.responses.iter_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                response.headers.insert(
                    "X-Request-Id".into(),
                    string()
                        .description(Some(
                            "The request's id, also in error bodies, the log and the audit record",
                        ))
                        .build(),
                );
                let is_error = response.content.values().any(|c| {
                    matches!(&c.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/ErrorBody"))
                });
                let retry = match status.as_str() {
                    "429" | "503" => Some("Seconds to wait before retrying"),
                    "409" => Some("IDEMPOTENCY_IN_PROGRESS: seconds to wait before retrying"),
                    _ => None,
                };
                if let (true, Some(description)) = (is_error, retry) {
                    let seconds = Object::builder()
                        .schema_type(Type::Integer)
                        .minimum(Some(1));
                    response.headers.insert(
                        "Retry-After".into(),
                        HeaderBuilder::new()
                            .schema(seconds)
                            .description(Some(description))
                            .build(),
                    );
                }
                if replayable {
                    response.headers.insert(
                        "Idempotent-Replayed".into(),
                        string()
                            .description(Some(
                                "`true` when this is the stored first answer to a retry with the same Idempotency-Key",
                            ))
                            .build(),
                    );
                }
            }
        }
    }
}

/// utoipa spells an optional body (`Option<T>`) as "null or T"; optional means it may be
/// absent (an empty body reads as `{}`), and a JSON `null` is refused like any non-object.
fn optional_bodies(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::schema::Schema;
    use utoipa::openapi::{RefOr, Required};
    for item in document.paths.paths.values_mut() {
        for operation in operations(item) {
            let Some(body) = operation.request_body.as_mut() else {
                continue;
            };
            if body.required == Some(Required::True) {
                continue;
            }
            for content in body.content.values_mut() {
                let Some(RefOr::T(Schema::OneOf(one_of))) = &content.schema else {
                    continue;
                };
                let not_null: Vec<_> = one_of
                    .items
                    .iter()
                    .filter(|s| !is_null(s))
                    .cloned()
                    .collect();
                if let [only] = not_null.as_slice() {
                    content.schema = Some(only.clone());
                }
            }
        }
    }
}

/// utoipa spells an optional header (`Option<String>`) as "string or null"; a header is
/// text or absent, and the text `null` is no Idempotency-Key.
fn optional_headers(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::schema::{Schema, SchemaType, Type};
    use utoipa::openapi::RefOr;
    for item in document.paths.paths.values_mut() {
        for operation in operations(item) {
            for parameter in operation.parameters.iter_mut().flatten() {
                if parameter.parameter_in != ParameterIn::Header {
                    continue;
                }
                if let Some(RefOr::T(Schema::Object(o))) = parameter.schema.as_mut() {
                    if let SchemaType::Array(types) = &o.schema_type {
                        let types: Vec<Type> = types
                            .iter()
                            .filter(|t| **t != Type::Null)
                            .cloned()
                            .collect();
                        if let [only] = types.as_slice() {
                            o.schema_type = SchemaType::Type(only.clone());
                        }
                    }
                }
            }
        }
    }
}

fn is_null(schema: &utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>) -> bool {
    use utoipa::openapi::schema::{Schema, SchemaType, Type};
    matches!(schema, utoipa::openapi::RefOr::T(Schema::Object(o)) if o.schema_type == SchemaType::Type(Type::Null))
}

fn operations(
    item: &mut utoipa::openapi::path::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.options.as_mut(),
        item.head.as_mut(),
        item.patch.as_mut(),
        item.trace.as_mut(),
    ]
    .into_iter()
    .flatten()
}
