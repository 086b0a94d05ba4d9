//! The API over a real TLS socket: one test per error code, the token modes, groups,
//! locked accounts, supplied passwords, the validation script, mock directories.

// Tests fail loudly by unwrapping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{json, Value};

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn a_reset_generates_a_password_within_the_users_policy() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let (status, body, headers) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let password = body["password"].as_str().unwrap();
    assert_eq!(password.chars().count(), 16);
    assert_eq!(body["user"], "alice");
    assert_eq!(body["must_change"], true);
    assert_eq!(body["unlocked"], false);
    assert_eq!(
        headers["x-request-id"].to_str().unwrap(),
        body["request_id"].as_str().unwrap()
    );
    // The password meets the directory's policy for alice.
    let policy = passforge::Policy::parse(
        &std::fs::read_to_string(dir.path().join("policy.toml")).unwrap(),
        passforge::PolicyFormat::Toml,
    )
    .unwrap();
    let user = passforge::UserContext {
        username: Some("alice".into()),
        display_name: Some("Alice Martin".into()),
        email: Some("alice@example.test".into()),
    };
    assert!(policy.validate(password, &user).is_empty());
    // The status shows the reset; validate agrees with the policy.
    let (status, body, _) = server
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["must_change"], true);
    assert_eq!(body["groups"], json!(["employees", "staff"]));
    assert!(body["password_last_set"].as_str().unwrap().ends_with('Z'));
    // 42 days of maxPwdAge, floored: 42 within the same second, 41 after.
    assert!(
        matches!(body["days_remaining"].as_i64(), Some(41 | 42)),
        "{body}"
    );
    let (_, body, _) = server
        .call(
            "POST",
            "/v1/validate",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": password})),
        )
        .await;
    assert_eq!(body, json!({"ok": true, "violations": []}));
}

#[tokio::test]
async fn every_token_mode_authenticates_and_a_bad_token_is_401() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    for token in [
        PLAIN_TOKEN.to_owned(),
        sha1_token(SHA1_TOKEN),
        hmac_token(HMAC_TOKEN, 60),
    ] {
        let (status, body, _) = server
            .call("GET", "/v1/users/alice", Some(&token), None)
            .await;
        assert_eq!(status, 200, "{token}: {body}");
    }
    // A SHA-1 token two windows old, the shared token itself for a time client, garbage.
    let scheme = passforge::TimeTokenScheme::default();
    let secret = passforge::SharedToken::new(SHA1_TOKEN).unwrap();
    let old = scheme.token_for_window(&secret, scheme.window(now()) - 2);
    for token in [old.as_str(), SHA1_TOKEN, "x", ""] {
        let (status, body, _) = server
            .call("GET", "/v1/users/alice", Some(token), None)
            .await;
        assert_eq!((status, code(&body)), (401, "UNAUTHENTICATED"), "{token}");
    }
    let (status, body, _) = server.call("GET", "/v1/users/alice", None, None).await;
    assert_eq!((status, code(&body)), (401, "UNAUTHENTICATED"));
}

#[tokio::test]
async fn a_client_may_call_only_its_operations() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let (status, _, _) = server
        .call("GET", "/v1/users/alice", Some(LIMITED_TOKEN), None)
        .await;
    assert_eq!(status, 200);
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(LIMITED_TOKEN),
            Some(json!({"user": "alice"})),
        )
        .await;
    assert_eq!((status, code(&body)), (403, "OPERATION_NOT_ALLOWED"));
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("'reset'"));
}

#[tokio::test]
async fn group_rules_count_nested_membership_and_name_the_rule() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let reset = |user: &'static str| {
        server.call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": user})),
        )
    };
    let (status, body, _) = reset("bob").await;
    assert_eq!((status, code(&body)), (403, "USER_NOT_ALLOWED"));
    assert_eq!(body["error"]["rule"], "in_forbidden_group");
    assert_eq!(body["error"]["group"], "domain-admins");
    let (status, body, _) = reset("dave").await;
    assert_eq!((status, code(&body)), (403, "USER_NOT_ALLOWED"));
    assert_eq!(body["error"]["rule"], "not_in_allowed_group");
    // frank: g1 -> g2 -> g3 -> employees, with a cycle g2 -> g1.
    let (status, body, _) = reset("frank").await;
    assert_eq!(status, 200, "{body}");
    // Names compare case-insensitively.
    let (status, _, _) = reset("ALICE").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn unknown_users_and_directories_are_404() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    for user in ["nobody", "*)(uid=*", "al\\ice", "ålice"] {
        let (status, body, _) = server
            .call(
                "POST",
                "/v1/reset",
                Some(PLAIN_TOKEN),
                Some(json!({"user": user})),
            )
            .await;
        assert_eq!((status, code(&body)), (404, "USER_NOT_FOUND"), "{user}");
    }
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "directory": "other"})),
        )
        .await;
    assert_eq!((status, code(&body)), (404, "DIRECTORY_NOT_FOUND"));
    let (status, body, _) = server
        .call("GET", "/v1/directories/other/test", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!((status, code(&body)), (404, "DIRECTORY_NOT_FOUND"));
    let (status, body, _) = server
        .call("GET", "/v1/directories/corp/test", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(
        (status, body["directory"].as_str(), body["ok"].as_bool()),
        (200, Some("corp"), Some(true))
    );
}

#[tokio::test]
async fn a_locked_account_is_409_unless_enabled_and_then_unlock_decides() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "carol", "unlock": true})),
        )
        .await;
    assert_eq!((status, code(&body)), (409, "ACCOUNT_LOCKED"));
    drop(server);
    let mut setup = Setup::new(dir.path());
    setup.reset = "[reset]\nallow_locked_accounts = true\nmust_change = false\n".into();
    setup.state = Some(format!(
        "sqlite://{}",
        dir.path().join("state2.db").display()
    ));
    if on_postgres() {
        setup.state = Some(state_url(dir.path()));
    }
    let server = Server::start(&setup);
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "carol"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["unlocked"].as_bool(), body["must_change"].as_bool()),
        (Some(false), Some(false))
    );
    let (_, body, _) = server
        .call("GET", "/v1/users/carol", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(body["locked"], true);
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "carol", "unlock": true, "must_change": true})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["unlocked"].as_bool(), body["must_change"].as_bool()),
        (Some(true), Some(true))
    );
    let (_, body, _) = server
        .call("GET", "/v1/users/carol", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(body["locked"], false);
}

#[tokio::test]
async fn unlock_unlocks_and_follows_the_group_rules() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/unlock",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "carol"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["user"].as_str(), body["unlocked"].as_bool()),
        (Some("carol"), Some(true))
    );
    let (_, body, _) = server
        .call("GET", "/v1/users/carol", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(body["locked"], false);
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/unlock",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "bob"})),
        )
        .await;
    assert_eq!((status, code(&body)), (403, "USER_NOT_ALLOWED"));
}

#[tokio::test]
async fn a_supplied_password_is_validated_first_and_not_echoed() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": "alice123"})),
        )
        .await;
    assert_eq!((status, code(&body)), (422, "POLICY_VIOLATION"), "{body}");
    let violations = body["error"]["violations"].as_array().unwrap();
    let codes: Vec<&str> = violations
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"TOO_SHORT"), "{codes:?}");
    assert!(violations[0]["params"].is_object() && violations[0]["message"].is_string());
    assert!(!body.to_string().contains("alice123"));
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": "Correct-Horse-42-Battery"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("password").is_none());
    let (_, body, _) = server
        .call(
            "POST",
            "/v1/validate",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": "alice123"})),
        )
        .await;
    assert_eq!(body["ok"], false);
}

#[tokio::test]
async fn a_generator_weaker_than_the_users_policy_is_422_with_every_reason() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    // erin's own policy asks for 24 characters; the generator makes 16.
    for path in ["/v1/reset", "/v1/generate"] {
        let (status, body, _) = server
            .call(
                "POST",
                path,
                Some(PLAIN_TOKEN),
                Some(json!({"user": "erin"})),
            )
            .await;
        assert_eq!(
            (status, code(&body)),
            (422, "GENERATOR_TOO_WEAK"),
            "{path}: {body}"
        );
        let reasons = body["error"]["reasons"].as_array().unwrap();
        assert_eq!(reasons[0]["code"], "GENERATOR_LENGTH_BELOW_MINIMUM");
        assert!(reasons[0]["message"].as_str().unwrap().contains("24"));
    }
    let (status, body, _) = server
        .call("POST", "/v1/generate", Some(PLAIN_TOKEN), Some(json!({})))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["entropy_bits"].as_f64().unwrap() > 90.0);
}

#[tokio::test]
async fn bad_requests_are_400_and_large_bodies_413() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    for body in [json!({"usr": "alice"}), json!({"user": 5}), json!([1])] {
        let (status, answer, _) = server
            .call("POST", "/v1/reset", Some(PLAIN_TOKEN), Some(body.clone()))
            .await;
        assert_eq!((status, code(&answer)), (400, "BAD_REQUEST"), "{body}");
    }
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "a".repeat(100_000)})),
        )
        .await;
    assert_eq!((status, code(&body)), (413, "PAYLOAD_TOO_LARGE"));
    let (status, body, _) = server
        .call("GET", "/v1/audit?limit=0", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!((status, code(&body)), (400, "BAD_REQUEST"));
    let (status, body, _) = server
        .call("GET", "/v1/audit?since=yesterday", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!((status, code(&body)), (400, "BAD_REQUEST"));
    let (status, body, _) = server
        .call("GET", "/v1/nothing", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!((status, code(&body)), (404, "NOT_FOUND"));
    let (status, body, _) = server
        .call("DELETE", "/v1/reset", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!((status, code(&body)), (405, "METHOD_NOT_ALLOWED"));
}

#[tokio::test]
async fn failed_authentications_are_rate_limited_per_address() {
    let dir = tempdir();
    let mut setup = Setup::new(dir.path());
    setup.extra = "[rate_limit]\nmax_failures = 3\nwindow_seconds = 60\n".into();
    let server = Server::start(&setup);
    for _ in 0..3 {
        let (status, _, _) = server
            .call("GET", "/v1/users/alice", Some("wrong"), None)
            .await;
        assert_eq!(status, 401);
    }
    let (status, body, headers) = server
        .call("GET", "/v1/users/alice", Some("wrong"), None)
        .await;
    assert_eq!((status, code(&body)), (429, "RATE_LIMITED"));
    let retry: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    // Even a good token waits out the window.
    let (status, _, _) = server
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn replay_once_accepts_a_time_token_once_per_window() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let token = sha1_token(ONCE_TOKEN);
    let (status, _, _) = server
        .call("GET", "/v1/users/alice", Some(&token), None)
        .await;
    assert_eq!(status, 200);
    let (status, body, _) = server
        .call("GET", "/v1/users/alice", Some(&token), None)
        .await;
    assert_eq!((status, code(&body)), (401, "UNAUTHENTICATED"));
    // A client with replay allowed keeps working with its token.
    let token = sha1_token(SHA1_TOKEN);
    for _ in 0..2 {
        let (status, _, _) = server
            .call("GET", "/v1/users/alice", Some(&token), None)
            .await;
        assert_eq!(status, 200);
    }
    let metrics = server
        .http
        .get(format!("{}/metrics", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("passforge_authentication_failures_total{reason=\"replayed\"} 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn the_validation_script_must_answer_the_configured_value() {
    let dir = tempdir();
    let seen = dir.path().join("seen.json");
    let cases = [
        (
            "allow",
            format!(
                "cat > {}; echo '{{\"auth\": {{\"res\": \"ok\"}}}}'",
                seen.display()
            ),
            200,
        ),
        (
            "wrong-value",
            "cat >/dev/null; echo '{\"auth\": {\"res\": \"no\"}}'".to_owned(),
            403,
        ),
        (
            "missing-key",
            "cat >/dev/null; echo '{\"auth\": {}}'".to_owned(),
            403,
        ),
        ("not-json", "cat >/dev/null; echo 'ok'".to_owned(), 403),
        (
            "exit-1",
            "cat >/dev/null; echo '{\"auth\": {\"res\": \"ok\"}}'; exit 1".to_owned(),
            403,
        ),
        (
            "timeout",
            "sleep 5; echo '{\"auth\": {\"res\": \"ok\"}}'".to_owned(),
            403,
        ),
        (
            "ignores-stdin",
            "echo '{\"auth\": {\"res\": \"ok\"}}'".to_owned(),
            200,
        ),
    ];
    for (name, body, expected) in cases {
        let sub = dir.path().join(name);
        std::fs::create_dir_all(&sub).unwrap();
        let path = script(&sub, "check tool", &body);
        let mut setup = Setup::new(&sub);
        setup.extra = format!(
            "[validation_script]\ncommand = '\"{}\" --mode reset'\nkey = \"auth.res\"\nvalue = \"ok\"\ntimeout_ms = 1000\n",
            path.display()
        );
        let server = Server::start(&setup);
        let (status, answer, _) = server
            .call(
                "POST",
                "/v1/reset",
                Some(PLAIN_TOKEN),
                Some(json!({"user": "alice"})),
            )
            .await;
        assert_eq!(status, expected, "{name}: {answer}");
        if expected == 403 {
            assert_eq!(code(&answer), "VALIDATION_DENIED", "{name}");
        }
    }
    // The script saw the request, and never a password or a token.
    let request: Value = serde_json::from_str(&std::fs::read_to_string(&seen).unwrap()).unwrap();
    assert_eq!(request["operation"], "reset");
    assert_eq!(request["user"], "alice");
    assert_eq!(request["client"], "plain");
    assert_eq!(request["directory"], "corp");
    assert!(request["request_id"].is_string() && request["time"].is_string());
    assert_eq!(request.as_object().unwrap().len(), 6, "{request}");
}

#[tokio::test]
async fn mock_directories_simulate_fatal_and_retryable_errors() {
    let dir = tempdir();
    let mut setup = Setup::new(dir.path());
    let d = dir.path().display();
    setup.directories = Some(format!(
        "[[directories]]\nname = \"ok\"\nkind = \"mock\"\nmode = \"success\"\npolicy_file = \"{d}/policy.toml\"\nusers_file = \"{d}/users.toml\"\n\n\
         [[directories]]\nname = \"fatal\"\nkind = \"mock\"\nmode = \"fatal\"\npolicy_file = \"{d}/policy.toml\"\nusers_file = \"{d}/users.toml\"\n\n\
         [[directories]]\nname = \"flaky\"\nkind = \"mock\"\nmode = \"non_fatal\"\npolicy_file = \"{d}/policy.toml\"\nusers_file = \"{d}/users.toml\"\n"
    ));
    let server = Server::start(&setup);
    let reset = |directory: &'static str| {
        server.call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "directory": directory})),
        )
    };
    let (status, _, _) = reset("ok").await;
    assert_eq!(status, 200);
    let (status, body, _) = reset("fatal").await;
    assert_eq!((status, code(&body)), (502, "DIRECTORY_ERROR"));
    assert_eq!(body["error"]["reason"], "DIRECTORY_REFUSED");
    let (status, body, headers) = reset("flaky").await;
    assert_eq!((status, code(&body)), (503, "DIRECTORY_UNAVAILABLE"));
    assert!(headers.contains_key("retry-after"));
    let (status, body, _) = server
        .call("GET", "/v1/directories/flaky/test", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!((status, code(&body)), (503, "DIRECTORY_UNAVAILABLE"));
    let (status, body, _) = server.call("GET", "/readyz", None, None).await;
    assert_eq!(status, 503);
    assert_eq!(body["checks"]["flaky"], "unavailable");
    assert_eq!(body["checks"]["ok"], "ok");
    let metrics = server
        .http
        .get(format!("{}/metrics", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for family in [
        "passforge_requests_total{",
        "passforge_request_duration_seconds_bucket{",
        "passforge_directory_errors_total{directory=\"fatal\",kind=\"DIRECTORY_REFUSED\"} 1",
        "passforge_directory_errors_total{directory=\"flaky\",kind=\"unavailable\"}",
    ] {
        assert!(metrics.contains(family), "{family} missing from {metrics}");
    }
}

#[tokio::test]
async fn the_audit_log_records_every_request_without_secrets() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let (_, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
        )
        .await;
    let password = body["password"].as_str().unwrap().to_owned();
    let supplied = "Correct-Horse-42-Battery";
    server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": supplied})),
        )
        .await;
    server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "bob"})),
        )
        .await;
    let time = sha1_token(SHA1_TOKEN);
    server
        .call("GET", "/v1/users/alice", Some(&time), None)
        .await;
    server
        .call("GET", "/v1/users/alice", Some("not-a-token"), None)
        .await;
    let idem = "4f8e2c1a-7b3d-4e5f-9a0b-1c2d3e4f5a6b";
    let (_, body, _) = server
        .call_with(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
            &[("Idempotency-Key", idem)],
        )
        .await;
    let idem_password = body["password"].as_str().unwrap().to_owned();
    let (status, body, _) = server
        .call(
            "GET",
            "/v1/audit?user=alice&limit=10",
            Some(PLAIN_TOKEN),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let records = body["records"].as_array().unwrap();
    assert_eq!(records.len(), 4, "{body}");
    assert_eq!(records[3]["operation"], "reset");
    assert_eq!(records[3]["outcome"], "ok");
    assert_eq!(records[3]["client"], "plain");
    assert_eq!(records[3]["source"], "127.0.0.1");
    assert_eq!(records[3]["directory"], "corp");
    assert_eq!(records[2]["status"], 200);
    assert_eq!(records[1]["client"], "sha1");
    let (_, body, _) = server
        .call("GET", "/v1/audit?user=bob", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(body["records"][0]["error_code"], "USER_NOT_ALLOWED");
    let (_, body, _) = server
        .call("GET", "/v1/audit?limit=1000", Some(PLAIN_TOKEN), None)
        .await;
    let failed = body["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == 401)
        .unwrap();
    assert_eq!(failed["error_code"], "UNAUTHENTICATED");
    assert!(failed["client"].is_null());
    drop(server);
    // No password or token in the log or anywhere in the state database.
    let mut haystack = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("service-") || name.starts_with("state.db") {
            haystack.extend(std::fs::read(&path).unwrap());
        }
    }
    haystack.extend(state_dump(dir.path()));
    assert!(haystack.len() > 1000);
    let haystack = String::from_utf8_lossy(&haystack);
    assert!(
        haystack.contains("alice"),
        "the dump holds the audit records"
    );
    for secret in [
        password.as_str(),
        supplied,
        idem_password.as_str(),
        PLAIN_TOKEN,
        SHA1_TOKEN,
        &time,
        idem,
    ] {
        assert!(
            !haystack.contains(secret),
            "{secret} found in the log or the state database"
        );
    }
}

#[tokio::test]
async fn a_per_request_token_is_bound_to_its_request_and_accepted_once() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let scheme = passforge::RequestTokenScheme::default();
    let secret = passforge::SharedToken::new(REQUEST_TOKEN).unwrap();
    let send = |method: &'static str, path: &'static str, body: &'static str, token: String| {
        let server = &server;
        async move {
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            let response = server
                .http
                .request(method, format!("{}{path}", server.url))
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            (
                status,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let token_for = |method: &str, path: &str, body: &str| {
        let nonce = passforge::RequestTokenScheme::nonce().unwrap();
        let binding = passforge::request_binding(method, path, body.as_bytes());
        scheme.token(&secret, now(), &nonce, &binding).unwrap()
    };
    let body = r#"{"user": "alice"}"#;
    // Two requests in one window, each with its own nonce: both pass.
    for _ in 0..2 {
        let (status, answer) = send(
            "POST",
            "/v1/reset",
            body,
            token_for("POST", "/v1/reset", body),
        )
        .await;
        assert_eq!(status, 200, "{answer}");
    }
    // The same token again is a replay; on another body or path it is not valid.
    let token = token_for("POST", "/v1/reset", body);
    assert_eq!(send("POST", "/v1/reset", body, token.clone()).await.0, 200);
    assert_eq!(send("POST", "/v1/reset", body, token).await.0, 401);
    let token = token_for("POST", "/v1/reset", body);
    assert_eq!(
        send("POST", "/v1/reset", r#"{"user": "carol"}"#, token)
            .await
            .0,
        401
    );
    let token = token_for("GET", "/v1/users/alice", "");
    assert_eq!(send("GET", "/v1/users/bob", "", token.clone()).await.0, 401);
    assert_eq!(send("GET", "/v1/users/alice", "", token).await.0, 200);
    // An oversized body is refused before the token is checked, with a request id.
    let big: &'static str = Box::leak("x".repeat(100_000).into_boxed_str());
    let response = server
        .http
        .post(format!("{}/v1/reset", server.url))
        .bearer_auth(token_for("POST", "/v1/reset", big))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
    assert!(response.headers().contains_key("x-request-id"));
    // With a query, the path signed includes it.
    let token = token_for("GET", "/v1/audit?limit=1", "");
    let (status, answer) = send("GET", "/v1/audit?limit=1", "", token).await;
    assert_eq!(status, 200, "{answer}");
}

#[tokio::test]
async fn the_script_runs_as_the_configured_user_with_a_minimal_environment() {
    if !nix::unistd::geteuid().is_root() {
        // Without root the service refuses run_as_user at start-up, which
        // config.rs's a_script_needs_an_absolute_existing_program_and_root_for_run_as covers.
        eprintln!("skipped: needs root to switch users");
        return;
    }
    let dir = tempdir();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let path = script(
        dir.path(),
        "whoami.sh",
        &format!("id -u > {0}/uid; id -g > {0}/gid; env | sort > {0}/env; cat >/dev/null; echo '{{\"auth\": {{\"res\": \"ok\"}}}}'", out.display()),
    );
    let mut setup = Setup::new(dir.path());
    setup.extra = format!(
        "[validation_script]\ncommand = '{}'\nkey = \"auth.res\"\nvalue = \"ok\"\nrun_as_user = \"nobody\"\nrun_as_group = \"nogroup\"\n",
        path.display()
    );
    let server = Server::start(&setup);
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let nobody = nix::unistd::User::from_name("nobody").unwrap().unwrap();
    let nogroup = nix::unistd::Group::from_name("nogroup").unwrap().unwrap();
    let read = |name: &str| {
        std::fs::read_to_string(out.join(name))
            .unwrap()
            .trim()
            .to_owned()
    };
    assert_eq!(read("uid"), nobody.uid.to_string());
    assert_eq!(read("gid"), nogroup.gid.to_string());
    let env = read("env");
    let names: Vec<&str> = env.lines().map(|l| l.split('=').next().unwrap()).collect();
    for name in &names {
        assert!(
            ["LANG", "PATH", "PWD", "SHLVL", "_"].contains(name),
            "unexpected variable {name} in the script's environment:\n{env}"
        );
    }
    assert!(!env.contains(PLAIN_TOKEN));
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_resets_of_one_user_all_succeed() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let resets = (0..16).map(|_| {
        server.call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
        )
    });
    for (status, body, _) in futures_join_all(resets).await {
        assert_eq!(status, 200, "{body}");
    }
}

async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(f);
    }
    let mut out = Vec::new();
    // Polled together: each call waits on the network, so they overlap in the server.
    let mut pinned: Vec<_> = set.into_iter().map(Box::pin).collect();
    let mut results: Vec<Option<F::Output>> = (0..pinned.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if results[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => results[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.extend(results.into_iter().map(|r| r.unwrap()));
    out
}

#[tokio::test]
async fn a_reset_that_cannot_be_audited_is_500_internal_and_changes_nothing() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let before = password_last_set(&server).await;
    // The audit table goes away under the running service.
    sqlx::any::install_default_drivers();
    let url = std::fs::read_to_string(dir.path().join("state.url")).unwrap();
    let state = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::query("ALTER TABLE audit RENAME TO audit_away")
        .execute(&state)
        .await
        .unwrap();
    let (status, body) = reset_alice(&server).await;
    assert_eq!((status, code(&body)), (500, "INTERNAL"), "{body}");
    assert!(body.get("password").is_none(), "{body}");
    let request_id = body["error"]["request_id"].as_str().unwrap();
    let log = server.log_text();
    let line = log
        .lines()
        .find(|l| l.contains("internal error") && l.contains(request_id))
        .unwrap_or_else(|| panic!("no internal error logged under {request_id}:\n{log}"));
    assert!(line.contains("audit"), "the cause is logged: {line}");
    // No audit record, no write: the directory still has the old password.
    assert_eq!(password_last_set(&server).await, before);
    // The table comes back, and so does the service.
    sqlx::query("ALTER TABLE audit_away RENAME TO audit")
        .execute(&state)
        .await
        .unwrap();
    let (status, body) = reset_alice(&server).await;
    assert_eq!(status, 200, "{body}");
    assert_ne!(password_last_set(&server).await, before);
}

async fn password_last_set(server: &Server) -> Value {
    let (_, body, _) = server
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    body["password_last_set"].clone()
}

async fn reset_alice(server: &Server) -> (u16, Value) {
    let body = json!({"user": "alice"});
    let (status, body, _) = server
        .call("POST", "/v1/reset", Some(PLAIN_TOKEN), Some(body))
        .await;
    (status, body)
}
