//! Prometheus metrics: requests by operation and outcome, latency, directory errors,
//! authentication failures.

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::directory::DirectoryError;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    operation: String,
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OperationLabel {
    operation: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DirectoryLabels {
    directory: String,
    kind: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabel {
    reason: String,
}

/// The registry and its metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<OperationLabel, Histogram>,
    directory_errors: Family<DirectoryLabels, Counter>,
    auth_failures: Family<ReasonLabel, Counter>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A fresh registry.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("passforge");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<OperationLabel, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 16))
        });
        let directory_errors = Family::<DirectoryLabels, Counter>::default();
        let auth_failures = Family::<ReasonLabel, Counter>::default();
        registry.register(
            "requests",
            "API requests by operation and outcome (ok or an error code)",
            requests.clone(),
        );
        registry.register(
            "request_duration_seconds",
            "API request latency by operation",
            latency.clone(),
        );
        registry.register(
            "directory_errors",
            "Directory errors by directory and kind",
            directory_errors.clone(),
        );
        registry.register(
            "authentication_failures",
            "Failed authentications by reason",
            auth_failures.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            directory_errors,
            auth_failures,
        }
    }

    /// Counts one answered request.
    pub fn request(&self, operation: &str, outcome: &str, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                operation: operation.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
        self.latency
            .get_or_create(&OperationLabel {
                operation: operation.to_owned(),
            })
            .observe(seconds);
    }

    /// Counts a directory error.
    pub fn directory_error(&self, directory: &str, error: &DirectoryError) {
        let kind = match error {
            DirectoryError::NotFound => return,
            DirectoryError::Unavailable(_) => "unavailable".to_owned(),
            DirectoryError::Refused { reason, .. } => reason.as_str().to_owned(),
        };
        self.directory_errors
            .get_or_create(&DirectoryLabels {
                directory: directory.to_owned(),
                kind,
            })
            .inc();
    }

    /// Counts a failed authentication.
    pub fn auth_failure(&self, reason: &str) {
        self.auth_failures
            .get_or_create(&ReasonLabel {
                reason: reason.to_owned(),
            })
            .inc();
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}
