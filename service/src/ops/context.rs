//! One request's context: its id, peer, start, and what the audit record will say.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::config::Operation;
use crate::store::audit::{rfc3339_ms, AuditRecord};
use crate::store::now_ms;

/// Set by the request layer; handlers fill in the audit fields as they learn them.
#[derive(Clone, Debug)]
pub struct RequestContext {
    /// The id answered in `X-Request-Id` and logged.
    pub request_id: String,
    /// The peer address.
    pub source: IpAddr,
    /// When the request arrived.
    pub started: Instant,
    /// The same, as Unix milliseconds.
    pub started_ms: i64,
    /// The request's binding (method, path, body digest) when it carries a per-request
    /// token (`request-hmac`).
    pub binding: Option<String>,
    fields: Arc<Mutex<AuditFields>>,
}

/// What is known about the request so far.
#[derive(Clone, Debug, Default)]
pub struct AuditFields {
    /// The operation, once routed.
    pub operation: Option<Operation>,
    /// The authenticated client.
    pub client: Option<String>,
    /// The directory used.
    pub directory: Option<String>,
    /// The target user.
    pub user: Option<String>,
}

impl RequestContext {
    /// A context for a request from `source`, with a fresh random id.
    pub fn new(source: IpAddr) -> Self {
        let mut id = [0u8; 12];
        // Without the OS random source nothing else works either; the id then only has
        // to be unique in the log, which the time gives.
        if getrandom::fill(&mut id).is_err() {
            id[..8].copy_from_slice(&now_ms().to_be_bytes());
        }
        Self {
            request_id: crate::store::idempotency::hex(&id),
            source,
            started: Instant::now(),
            started_ms: now_ms(),
            binding: None,
            fields: Arc::default(),
        }
    }

    /// Updates the audit fields.
    pub fn note(&self, update: impl FnOnce(&mut AuditFields)) {
        if let Ok(mut f) = self.fields.lock() {
            update(&mut f);
        }
    }

    /// The audit fields now.
    pub fn fields(&self) -> AuditFields {
        self.fields.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// The audit record of this request with an outcome.
    pub fn record(&self, outcome: &str, error_code: Option<&str>, status: u16) -> AuditRecord {
        let f = self.fields();
        AuditRecord {
            request_id: self.request_id.clone(),
            time_ms: self.started_ms,
            time: rfc3339_ms(self.started_ms),
            client: f.client,
            source: self.source.to_string(),
            operation: f
                .operation
                .map(|o| o.as_str().to_owned())
                .unwrap_or_else(|| "unknown".into()),
            directory: f.directory,
            user: f.user,
            outcome: outcome.to_owned(),
            error_code: error_code.map(str::to_owned),
            status,
            duration_ms: i64::try_from(self.started.elapsed().as_millis()).unwrap_or(i64::MAX),
        }
    }
}
