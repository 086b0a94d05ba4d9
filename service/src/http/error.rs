//! The one error type of the API: a stable code (from the registry, concern "service"),
//! a status, a message, and details. Internal causes are logged, never answered.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::directory::DirectoryError;

/// Every code the API answers with; each is in `passforge::error_codes()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceCode {
    /// 400.
    BadRequest,
    /// 401.
    Unauthenticated,
    /// 403: the client may not call the operation.
    OperationNotAllowed,
    /// 403: group rules.
    UserNotAllowed,
    /// 403: the validation script.
    ValidationDenied,
    /// 404: no route.
    NotFound,
    /// 405.
    MethodNotAllowed,
    /// 404: no such user.
    UserNotFound,
    /// 404: no such directory.
    DirectoryNotFound,
    /// 409: locked and resetting locked accounts is off.
    AccountLocked,
    /// 413.
    PayloadTooLarge,
    /// 422: a supplied password breaks the policy.
    PolicyViolation,
    /// 422: the generator is weaker than the policy.
    GeneratorTooWeak,
    /// 422: the Idempotency-Key was used with another body.
    IdempotencyKeyReused,
    /// 409: the same key is being answered now.
    IdempotencyInProgress,
    /// 429.
    RateLimited,
    /// 503.
    DirectoryUnavailable,
    /// 502.
    DirectoryError,
    /// 500.
    Internal,
}

impl ServiceCode {
    /// Every code.
    pub const ALL: [ServiceCode; 19] = [
        Self::BadRequest,
        Self::Unauthenticated,
        Self::OperationNotAllowed,
        Self::UserNotAllowed,
        Self::ValidationDenied,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::UserNotFound,
        Self::DirectoryNotFound,
        Self::AccountLocked,
        Self::PayloadTooLarge,
        Self::PolicyViolation,
        Self::GeneratorTooWeak,
        Self::IdempotencyKeyReused,
        Self::IdempotencyInProgress,
        Self::RateLimited,
        Self::DirectoryUnavailable,
        Self::DirectoryError,
        Self::Internal,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::BadRequest => "BAD_REQUEST",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::OperationNotAllowed => "OPERATION_NOT_ALLOWED",
            Self::UserNotAllowed => "USER_NOT_ALLOWED",
            Self::ValidationDenied => "VALIDATION_DENIED",
            Self::NotFound => "NOT_FOUND",
            Self::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            Self::UserNotFound => "USER_NOT_FOUND",
            Self::DirectoryNotFound => "DIRECTORY_NOT_FOUND",
            Self::AccountLocked => "ACCOUNT_LOCKED",
            Self::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            Self::PolicyViolation => "POLICY_VIOLATION",
            Self::GeneratorTooWeak => "GENERATOR_TOO_WEAK",
            Self::IdempotencyKeyReused => "IDEMPOTENCY_KEY_REUSED",
            Self::IdempotencyInProgress => "IDEMPOTENCY_IN_PROGRESS",
            Self::RateLimited => "RATE_LIMITED",
            Self::DirectoryUnavailable => "DIRECTORY_UNAVAILABLE",
            Self::DirectoryError => "DIRECTORY_ERROR",
            Self::Internal => "INTERNAL",
        }
    }

    /// The HTTP status.
    pub fn status(self) -> StatusCode {
        match self {
            Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::OperationNotAllowed | Self::UserNotAllowed | Self::ValidationDenied => {
                StatusCode::FORBIDDEN
            }
            Self::NotFound | Self::UserNotFound | Self::DirectoryNotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::AccountLocked | Self::IdempotencyInProgress => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::PolicyViolation | Self::GeneratorTooWeak | Self::IdempotencyKeyReused => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::DirectoryUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::DirectoryError => StatusCode::BAD_GATEWAY,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// An error answer.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// The code.
    pub code: ServiceCode,
    /// What went wrong and what to do, safe to show.
    pub message: String,
    /// Extra members of the `error` object (`violations`, `reasons`, `rule`, `reason`).
    pub details: Map<String, Value>,
    /// Seconds for `Retry-After`.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a message and no details.
    pub fn new(code: ServiceCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: Map::new(),
            retry_after: None,
        }
    }

    /// Adds a detail member.
    pub fn with(mut self, key: &str, value: impl Serialize) -> Self {
        self.details.insert(
            key.to_owned(),
            serde_json::to_value(value).unwrap_or(Value::Null),
        );
        self
    }

    /// Sets `Retry-After`.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds.max(1));
        self
    }

    /// A 500 whose cause is logged (with the request id) but not answered.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            ServiceCode::Internal,
            "an unexpected error happened; the service log has it under this request id",
        )
    }

    /// The answer's JSON, with the request id.
    pub fn body(&self, request_id: &str) -> Value {
        let mut error = Map::new();
        error.insert("code".into(), self.code.code().into());
        error.insert("message".into(), self.message.clone().into());
        error.insert("request_id".into(), request_id.into());
        for (k, v) in &self.details {
            error.insert(k.clone(), v.clone());
        }
        if let Some(s) = self.retry_after {
            error.insert("retry_after".into(), s.into());
        }
        serde_json::json!({ "error": error })
    }
}

impl From<DirectoryError> for ApiError {
    fn from(e: DirectoryError) -> Self {
        match e {
            DirectoryError::NotFound => {
                Self::new(ServiceCode::UserNotFound, "the directory has no such user")
            }
            DirectoryError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "directory unavailable");
                Self::new(
                    ServiceCode::DirectoryUnavailable,
                    "the directory is unavailable; retry later",
                )
                .retry_after(5)
            }
            DirectoryError::Refused { reason, message } => Self::new(
                ServiceCode::DirectoryError,
                format!("the directory refused: {message}"),
            )
            .with("reason", reason.as_str()),
        }
    }
}

/// The request id of the answer being built, set by the request-id layer.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The request-id layer fills in the id: it rewrites this placeholder body.
        let mut response = (self.code.status(), axum::Json(self.body(""))).into_response();
        if let Some(s) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The error envelope, for the OpenAPI document.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// The `error` object.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A code of the registry's "service" concern.
    #[schema(example = "USER_NOT_FOUND")]
    pub code: String,
    /// What went wrong and what to do.
    pub message: String,
    /// The request id (also in `X-Request-Id`).
    pub request_id: String,
    /// `POLICY_VIOLATION`: every violation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violations: Option<Vec<crate::ops::ViolationBody>>,
    /// `GENERATOR_TOO_WEAK`: every reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<crate::ops::ShortfallBody>>,
    /// `USER_NOT_ALLOWED`: the rule (`not_in_allowed_group`, `in_forbidden_group`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// `USER_NOT_ALLOWED`: the forbidden group the user is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `DIRECTORY_ERROR`: the mapped reason (`POLICY_NOT_MET`, `PASSWORD_IN_HISTORY`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `RATE_LIMITED`, `DIRECTORY_UNAVAILABLE`, `IDEMPOTENCY_IN_PROGRESS`: seconds to wait.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}
