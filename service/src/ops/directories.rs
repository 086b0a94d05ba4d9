//! `GET /v1/directories/{name}/test`, and readiness.

use std::time::Instant;

use serde::Serialize;
use utoipa::ToSchema;

use super::auth::authenticate;
use super::context::RequestContext;
use super::users::pick_directory;
use crate::config::Operation;
use crate::http::error::ApiError;
use crate::service::Service;

/// The answer.
#[derive(Serialize, ToSchema)]
pub struct TestAnswer {
    /// The directory's name.
    pub directory: String,
    /// Always true in a 200 (a failure is a 503).
    pub ok: bool,
    /// How long the test took.
    pub latency_ms: f64,
}

/// `test`.
pub async fn test(
    service: &Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
    name: &str,
) -> Result<TestAnswer, ApiError> {
    authenticate(service, ctx, authorization, Operation::Test).await?;
    let directory = pick_directory(service, ctx, Some(name))?;
    let start = Instant::now();
    let result = directory.test_connection().await;
    if let Err(e) = &result {
        service.metrics.directory_error(directory.name(), e);
    }
    result?;
    Ok(TestAnswer {
        directory: directory.name().to_owned(),
        ok: true,
        latency_ms: (start.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0,
    })
}

/// The readiness answer.
#[derive(Serialize, ToSchema)]
pub struct Readiness {
    /// Whether the state database and every directory answered.
    pub ready: bool,
    /// `state` and each directory by name: `ok` or what failed.
    #[schema(value_type = Object)]
    pub checks: serde_json::Map<String, serde_json::Value>,
}

/// Whether the state database and every directory answer.
pub async fn readiness(service: &Service) -> Readiness {
    let mut checks = serde_json::Map::new();
    let mut ready = true;
    let state = match service.store.ping().await {
        Ok(()) => "ok".to_owned(),
        Err(e) => {
            ready = false;
            tracing::warn!(error = %e, "state database not ready");
            "unavailable".to_owned()
        }
    };
    checks.insert("state".into(), state.into());
    for d in &service.directories {
        let status = match d.test_connection().await {
            Ok(()) => "ok".to_owned(),
            Err(e) => {
                ready = false;
                tracing::warn!(directory = d.name(), error = %e, "directory not ready");
                "unavailable".to_owned()
            }
        };
        checks.insert(d.name().to_owned(), status.into());
    }
    Readiness { ready, checks }
}
