//! The listener: HTTPS (rustls) or plain HTTP on loopback, and a graceful stop on
//! SIGTERM or Ctrl-C that lets in-flight requests finish.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum_server::tls_rustls::RustlsConfig;
use axum_server::Handle;

use crate::service::Service;

/// Serves until SIGTERM/SIGINT; `ready` is told the bound address.
pub async fn serve(service: Arc<Service>, ready: impl FnOnce(SocketAddr)) -> Result<(), String> {
    let settings = &service.settings;
    let listen = settings.file.server.listen;
    let grace = Duration::from_secs(settings.file.server.shutdown_grace_seconds);
    let tls = settings.tls.clone();
    let app = crate::http::app(service.clone()).into_make_service_with_connect_info::<SocketAddr>();
    service.start_housekeeping();
    let handle = Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        stop_signal().await;
        tracing::info!(
            grace_seconds = grace.as_secs(),
            "stopping: finishing in-flight requests"
        );
        stopper.graceful_shutdown(Some(grace));
    });
    let listener = std::net::TcpListener::bind(listen)
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    ready(bound);
    let result = match tls {
        Some(config) => {
            axum_server::from_tcp_rustls(listener, RustlsConfig::from_config(config))
                .handle(handle)
                .serve(app)
                .await
        }
        None => {
            axum_server::from_tcp(listener)
                .handle(handle)
                .serve(app)
                .await
        }
    };
    result.map_err(|e| format!("server error: {e}"))
}

async fn stop_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = terminate => {},
    }
}
