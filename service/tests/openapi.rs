//! The OpenAPI document is the API: every route is in it, nothing else answers, and
//! every error code the service answers with is in the core's registry.

// Tests fail loudly by unwrapping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::Value;

#[tokio::test]
async fn every_route_is_documented_and_nothing_else_is_routed() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let (status, doc, _) = server.call("GET", "/openapi.json", None, None).await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    let mut documented = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            documented.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    documented.sort();
    assert_eq!(
        documented,
        [
            "GET /healthz",
            "GET /metrics",
            "GET /openapi.json",
            "GET /readyz",
            "GET /v1/audit",
            "GET /v1/directories/{name}/test",
            "GET /v1/users/{user}",
            "POST /v1/generate",
            "POST /v1/reset",
            "POST /v1/unlock",
            "POST /v1/validate",
        ]
    );
    // Each documented route is routed (not the router's own 404 or 405) ...
    for route in &documented {
        let (method, path) = route.split_once(' ').unwrap();
        let path = path.replace("{name}", "corp").replace("{user}", "alice");
        let (status, body, _) = server
            .call(
                method,
                &path,
                Some(PLAIN_TOKEN),
                Some(serde_json::json!({"user": "alice", "password": "x"})),
            )
            .await;
        let code = body["error"]["code"].as_str().unwrap_or("");
        assert!(
            code != "NOT_FOUND" && code != "METHOD_NOT_ALLOWED",
            "{route}: {status} {body}"
        );
    }
    // ... and the other methods of those paths, and other paths, are not.
    for (method, path) in [
        ("PUT", "/v1/reset"),
        ("POST", "/v1/users/alice"),
        ("GET", "/v2/reset"),
        ("GET", "/"),
    ] {
        let (status, body, _) = server.call(method, path, Some(PLAIN_TOKEN), None).await;
        assert!(
            matches!(status, 404 | 405),
            "{method} {path}: {status} {body}"
        );
    }
    // The binary prints the same document.
    let printed = std::process::Command::new(BIN)
        .arg("openapi")
        .output()
        .unwrap();
    let printed: Value = serde_json::from_slice(&printed.stdout).unwrap();
    assert_eq!(printed, doc);
}

#[test]
fn every_service_code_is_registered_and_every_registered_service_code_is_used() {
    let registered: Vec<&str> = passforge::error_codes()
        .iter()
        .filter(|i| i.concern == passforge::Concern::Service)
        .map(|i| i.code)
        .collect();
    let used: Vec<&str> = passforge_service::http::error::ServiceCode::ALL
        .iter()
        .map(|c| c.code())
        .collect();
    let mut a = registered.clone();
    let mut b = used.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    for code in passforge_service::http::error::ServiceCode::ALL {
        let info = passforge::error_code_info(code.code()).unwrap();
        assert!(
            info.meaning
                .contains(&format!("({})", code.status().as_u16())),
            "{}: {}",
            code.code(),
            info.meaning
        );
    }
}
