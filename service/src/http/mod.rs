//! The HTTP API: one router per resource, one error type, one request layer (request id,
//! error bodies, audit record, metrics). [`app`] builds the whole application so that
//! tests can call it with `oneshot` as well as over a socket.

pub mod error;

mod audit;
mod body;
mod directories;
mod generate;
mod health;
mod openapi;
mod reset;
mod unlock;
mod users;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tracing::Instrument;
use utoipa_axum::router::OpenApiRouter;

use crate::ops::context::RequestContext;
use crate::service::Service;
use error::{ApiError, ServiceCode};

/// The header carrying the request id.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A stored first answer sent again (marks the audit outcome).
#[derive(Clone, Copy, Debug)]
pub struct Replayed;

/// The routes and their OpenAPI document, from the same annotations.
pub fn routes() -> (Router<Arc<Service>>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(openapi::document())
        .merge(reset::router())
        .merge(unlock::router())
        .merge(users::router())
        .merge(generate::router())
        .merge(directories::router())
        .merge(audit::router())
        .merge(health::router())
        .split_for_parts()
}

/// The application.
pub fn app(service: Arc<Service>) -> Router {
    let (router, document) = routes();
    let document = Arc::new(document);
    router
        .merge(openapi::router(document))
        .fallback(|| async {
            ApiError::new(ServiceCode::NotFound, "no such route; see /openapi.json")
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                ServiceCode::MethodNotAllowed,
                "this route does not take that method; see /openapi.json",
            )
        })
        .layer(middleware::from_fn_with_state(
            service.clone(),
            request_layer,
        ))
        .with_state(service)
}

async fn request_layer(
    State(service): State<Arc<Service>>,
    mut request: Request,
    next: Next,
) -> Response {
    let source = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let mut ctx = RequestContext::new(source);
    // A per-request token is bound to the method, path and body: buffer the body (it is
    // capped anyway) to compute the binding the client signed.
    let per_request = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer v1."));
    let mut refused = None;
    if per_request {
        let (parts, body) = request.into_parts();
        let limit = service.settings.file.server.max_body_bytes;
        let bytes = match axum::body::to_bytes(body, limit).await {
            Ok(bytes) => bytes,
            Err(_) => {
                refused = Some(ApiError::new(
                    ServiceCode::PayloadTooLarge,
                    format!("the request body is larger than {limit} bytes"),
                ));
                axum::body::Bytes::new()
            }
        };
        let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        ctx.binding = Some(passforge::request_binding(
            parts.method.as_str(),
            path,
            &bytes,
        ));
        request = Request::from_parts(parts, axum::body::Body::from(bytes));
    }
    request.extensions_mut().insert(ctx.clone());
    let is_api = request.uri().path().starts_with("/v1/");
    let span = tracing::info_span!("request", request_id = %ctx.request_id);
    let mut response = match refused {
        Some(error) => error.into_response(),
        None => next.run(request).instrument(span).await,
    };
    let error = response.extensions_mut().remove::<ApiError>();
    if let Some(error) = &error {
        let headers = std::mem::take(response.headers_mut());
        response = (error.code.status(), axum::Json(error.body(&ctx.request_id))).into_response();
        for (name, value) in headers.iter() {
            if name != header::CONTENT_LENGTH && name != header::CONTENT_TYPE {
                response.headers_mut().insert(name.clone(), value.clone());
            }
        }
    }
    if let Ok(id) = HeaderValue::from_str(&ctx.request_id) {
        response.headers_mut().insert(REQUEST_ID.clone(), id);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let fields = ctx.fields();
    let operation = match (is_api, fields.operation) {
        (true, Some(op)) => op.as_str(),
        (true, None) => "unknown",
        (false, _) => "meta",
    };
    let outcome = match (&error, response.extensions().get::<Replayed>()) {
        (Some(e), _) => e.code.code(),
        (None, Some(_)) => "replayed",
        (None, None) => "ok",
    };
    service
        .metrics
        .request(operation, outcome, ctx.started.elapsed().as_secs_f64());
    if is_api {
        let status = response.status().as_u16();
        let record = match &error {
            Some(e) => ctx.record("error", Some(e.code.code()), status),
            None => ctx.record(
                if outcome == "replayed" {
                    "replayed"
                } else {
                    "ok"
                },
                None,
                status,
            ),
        };
        if let Err(e) = service.audit.record(record).await {
            tracing::error!(request_id = %ctx.request_id, error = %e, "the audit record was not written");
        }
        tracing::info!(
            request_id = %ctx.request_id,
            source = %ctx.source,
            operation,
            client = fields.client.as_deref().unwrap_or("-"),
            user = fields.user.as_deref().unwrap_or("-"),
            status,
            outcome,
            duration_ms = ctx.started.elapsed().as_millis() as u64,
            "request"
        );
    }
    response
}

/// The OpenAPI document as pretty JSON.
pub fn openapi_json() -> String {
    openapi::finished().to_pretty_json().unwrap_or_default()
}
