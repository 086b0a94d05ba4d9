//! passforge-service: the reference password-reset service. A token-authenticated
//! HTTPS API (reset, unlock, status, generate, validate, directory test, audit) over
//! directory adapters, with its state on SQLite or PostgreSQL.
//!
//! The layout: [`config`] reads and checks the file; [`service::Service`] is the one
//! state; [`ops`] holds every rule of every operation; [`http`] only converts types;
//! [`directory`] is the trait and its adapters; [`store`] the database.

pub mod check_config;
pub mod config;
pub mod demo;
pub mod directory;
pub mod http;
pub mod metrics;
pub mod ops;
pub mod script;
pub mod server;
pub mod service;
pub mod store;

/// JSON-lines logs on stderr, filtered by `RUST_LOG` (default `info`). A line logged while
/// a request runs carries its id in `span.request_id`.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_current_span(true)
        .with_span_list(false)
        .with_writer(std::io::stderr)
        .try_init();
}
