//! Request bodies and answers: JSON read with a size cap and turned into the API's
//! errors, and answers sent from wiped buffers.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use zeroize::Zeroizing;

use super::error::{ApiError, ServiceCode};
use super::Replayed;
use crate::ops::idempotent::Outcome;
use crate::service::Service;

/// The body, at most `[server] max_body_bytes`.
pub async fn read_body(service: &Service, body: Body) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    let limit = service.settings.file.server.max_body_bytes;
    let bytes: Bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        ApiError::new(
            ServiceCode::PayloadTooLarge,
            format!("the request body is larger than {limit} bytes"),
        )
    })?;
    Ok(Zeroizing::new(bytes.to_vec()))
}

/// The body as `T`; an empty body is `{}` for requests whose members are all optional.
pub fn parse_json<T: DeserializeOwned>(raw: &[u8]) -> Result<T, ApiError> {
    let raw: &[u8] = if raw.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        raw
    };
    serde_json::from_slice(raw).map_err(|e| {
        // serde_json's messages name the member and position, never the value.
        ApiError::new(
            ServiceCode::BadRequest,
            format!("the request body is not valid: {e}"),
        )
    })
}

/// A header as text.
pub fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The `Authorization` header.
pub fn authorization(headers: &HeaderMap) -> Option<&str> {
    header_text(headers, header::AUTHORIZATION.as_str())
}

/// A JSON answer from a wiped buffer (the copy hyper sends from cannot be wiped).
pub fn json_bytes(status: u16, body: Zeroizing<Vec<u8>>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = (status, Body::from(body.to_vec())).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// An outcome of an idempotent operation.
pub fn outcome(outcome: Outcome) -> Response {
    let replayed = outcome.replayed;
    let mut response = json_bytes(outcome.status, outcome.body);
    if replayed {
        response.extensions_mut().insert(Replayed);
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

/// A serializable answer as JSON.
pub fn json<T: Serialize>(value: &T) -> Response {
    axum::Json(value).into_response()
}

/// Any result as a response.
pub fn respond(result: Result<Response, ApiError>) -> Response {
    result.unwrap_or_else(IntoResponse::into_response)
}
