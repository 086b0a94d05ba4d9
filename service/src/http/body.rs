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
use crate::config::Operation;
use crate::ops::context::RequestContext;
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
/// Only a JSON object is a request: serde would also read a struct from an array of its
/// members in order (`["alice", null]`), which the API does not document.
pub fn parse_json<T: DeserializeOwned>(raw: &[u8]) -> Result<T, ApiError> {
    let raw: &[u8] = if raw.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        raw
    };
    if raw.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::new(
            ServiceCode::BadRequest,
            "the request body must be a JSON object",
        ));
    }
    serde_json::from_slice(raw).map_err(|e| {
        // serde_json's messages name the member and position, never the value.
        ApiError::new(
            ServiceCode::BadRequest,
            format!("the request body is not valid: {e}"),
        )
    })
}

/// The body (raw, for the Idempotency-Key digest) and its JSON as `T`; an unreadable one
/// goes through [`unreadable`].
pub async fn read_json<T: DeserializeOwned>(
    service: &Service,
    ctx: &RequestContext,
    headers: &HeaderMap,
    body: Body,
    operation: Operation,
) -> Result<(Zeroizing<Vec<u8>>, T), ApiError> {
    let read = match read_body(service, body).await {
        Ok(raw) => parse_json(&raw).map(|request| (raw, request)),
        Err(e) => Err(e),
    };
    match read {
        Ok(read) => Ok(read),
        Err(e) => Err(unreadable(service, ctx, headers, operation, e).await),
    }
}

/// An extracted path or query, its rejection (`body_text`) as `BAD_REQUEST` through
/// [`unreadable`].
pub async fn extracted<T>(
    service: &Service,
    ctx: &RequestContext,
    headers: &HeaderMap,
    operation: Operation,
    value: Result<T, String>,
) -> Result<T, ApiError> {
    match value {
        Ok(value) => Ok(value),
        Err(text) => {
            let error = ApiError::new(ServiceCode::BadRequest, text);
            Err(unreadable(service, ctx, headers, operation, error).await)
        }
    }
}

/// A request that cannot be read (body, path or query) is answered with `error` only to a
/// client that may call `operation`: authentication comes first, as in every operation, so
/// an unauthenticated caller gets 401 (or 429), is counted by the failure limit, and
/// learns nothing of the API's validation.
pub async fn unreadable(
    service: &Service,
    ctx: &RequestContext,
    headers: &HeaderMap,
    operation: Operation,
    error: ApiError,
) -> ApiError {
    match crate::ops::auth::authenticate(service, ctx, authorization(headers), operation).await {
        Ok(_) => error,
        Err(refused) => refused,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Request {
        user: Option<String>,
        directory: Option<String>,
    }

    #[test]
    fn only_an_object_or_nothing_is_a_request() {
        assert!(parse_json::<Request>(b" \n").is_ok());
        assert!(parse_json::<Request>(br#" {"user": "alice"}"#).is_ok());
        // serde alone would read these as (user, directory).
        for raw in [
            &br#"["alice", null]"#[..],
            b"[null, null]",
            b"null",
            b"\"x\"",
        ] {
            let e = parse_json::<Request>(raw).unwrap_err();
            assert_eq!(
                e.code,
                ServiceCode::BadRequest,
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
    }
}
