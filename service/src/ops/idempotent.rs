//! `Idempotency-Key` on `POST /v1/reset` and `/v1/unlock`: a retry with the same key,
//! client and body within 24 h gets the first answer without touching the directory
//! again; another body with the same key is `IDEMPOTENCY_KEY_REUSED`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use zeroize::Zeroizing;

use super::context::RequestContext;
use crate::config::{Client, Operation};
use crate::http::error::{ApiError, ServiceCode};
use crate::service::Service;
use crate::store::idempotency::{Claim, IdempotencyKey};
use crate::store::now_ms;

/// A successful (or replayed) answer: status and JSON body, wiped when dropped (it may
/// hold a generated password).
pub struct Outcome {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: Zeroizing<Vec<u8>>,
    /// Whether this is a stored first answer sent again.
    pub replayed: bool,
}

/// A value as the JSON body of an answer.
pub fn to_body<T: Serialize>(value: &T) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    serde_json::to_vec(value)
        .map(Zeroizing::new)
        .map_err(ApiError::internal)
}

/// The claim's result.
pub enum Claimed {
    /// Answered before: send this.
    Replay(Outcome),
    /// Go on (with the key, if one was sent).
    Go(Idempotent),
}

/// A request's hold on its Idempotency-Key (a no-op without one).
pub struct Idempotent {
    held: Option<(String, IdempotencyKey)>,
    plan: Option<Zeroizing<Vec<u8>>>,
    request_id: String,
}

impl Idempotent {
    /// Claims the key for this client, operation and body.
    pub async fn claim(
        service: &Service,
        ctx: &RequestContext,
        client: &Client,
        operation: Operation,
        key: Option<&str>,
        raw_body: &[u8],
    ) -> Result<Claimed, ApiError> {
        let mut idem = Self {
            held: None,
            plan: None,
            request_id: ctx.request_id.clone(),
        };
        let Some(key) = key else {
            return Ok(Claimed::Go(idem));
        };
        if !IdempotencyKey::is_well_formed(key) {
            return Err(ApiError::new(
                ServiceCode::BadRequest,
                format!(
                    "Idempotency-Key must be {} to {} visible ASCII characters (use a random UUID)",
                    IdempotencyKey::MIN_LEN,
                    IdempotencyKey::MAX_LEN
                ),
            ));
        }
        let derived = IdempotencyKey::derive(key, &client.name, operation.as_str());
        let body_digest = derived.body_digest(raw_body);
        let lease_ms = i64::try_from(
            service
                .settings
                .file
                .state
                .idempotency_lease_seconds
                .saturating_mul(1000),
        )
        .unwrap_or(i64::MAX);
        let claim = service
            .store
            .claim_idempotent(
                &client.name,
                &derived,
                operation.as_str(),
                &body_digest,
                now_ms(),
                lease_ms,
            )
            .await
            .map_err(ApiError::internal)?;
        match claim {
            Claim::Fresh => {}
            Claim::TakenOver { plan } => idem.plan = plan,
            Claim::Answered { status, body } => {
                return Ok(Claimed::Replay(Outcome {
                    status,
                    body,
                    replayed: true,
                }))
            }
            Claim::InProgress => {
                return Err(ApiError::new(
                    ServiceCode::IdempotencyInProgress,
                    "a request with this Idempotency-Key is still being answered; retry shortly",
                )
                .retry_after(1))
            }
            Claim::Mismatch => {
                return Err(ApiError::new(
                    ServiceCode::IdempotencyKeyReused,
                    "this Idempotency-Key was used with a different request body; use a new key \
                     for a new request",
                ))
            }
        }
        idem.held = Some((client.name.clone(), derived));
        Ok(Claimed::Go(idem))
    }

    /// What an earlier, interrupted attempt planned.
    pub fn plan<T: DeserializeOwned>(&self) -> Option<T> {
        self.plan
            .as_ref()
            .and_then(|p| serde_json::from_slice(p).ok())
    }

    /// Seals the plan before the directory is written.
    pub async fn save_plan<T: Serialize>(
        &self,
        service: &Service,
        plan: &T,
    ) -> Result<(), ApiError> {
        let Some((client, key)) = &self.held else {
            return Ok(());
        };
        let plain = to_body(plan)?;
        service
            .store
            .plan_idempotent(client, key, &plain, now_ms())
            .await
            .map_err(ApiError::internal)
    }

    /// Stores the answer for retries: a success or a final refusal is kept; a retryable
    /// failure gives the key up (keeping the plan) so that a retry runs again at once.
    pub async fn finish(
        self,
        service: &Service,
        result: Result<Zeroizing<Vec<u8>>, ApiError>,
    ) -> Result<Outcome, ApiError> {
        let Some((client, key)) = &self.held else {
            return result.map(|body| Outcome {
                status: 200,
                body,
                replayed: false,
            });
        };
        match result {
            Ok(body) => {
                service
                    .store
                    .finish_idempotent(client, key, 200, &body, now_ms())
                    .await
                    .map_err(ApiError::internal)?;
                Ok(Outcome {
                    status: 200,
                    body,
                    replayed: false,
                })
            }
            Err(error) => {
                let status = error.code.status().as_u16();
                let retryable = status >= 500 || status == 429;
                let stored = if retryable {
                    service.store.abandon_idempotent(client, key).await
                } else {
                    let body = to_body(&error.body(&self.request_id))?;
                    service
                        .store
                        .finish_idempotent(client, key, status, &body, now_ms())
                        .await
                };
                if let Err(e) = stored {
                    tracing::error!(error = %e, "storing the idempotent answer failed");
                }
                Err(error)
            }
        }
    }
}
