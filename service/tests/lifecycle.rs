//! Idempotent retries, crashes, graceful stops, two replicas on one database, the demo.

// Tests fail loudly by unwrapping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

const KEY: &str = "3b9f7c2e-1d4a-4b8e-a6f0-5c2d9e8b7a10";

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_first_answer_without_a_second_write() {
    let dir = tempdir();
    let server = Server::start(&Setup::new(dir.path()));
    let reset = |body: Value, key: &'static str| {
        let server = &server;
        async move {
            server
                .call_with(
                    "POST",
                    "/v1/reset",
                    Some(PLAIN_TOKEN),
                    Some(body),
                    &[("Idempotency-Key", key)],
                )
                .await
        }
    };
    let (status, first, _) = reset(json!({"user": "alice"}), KEY).await;
    assert_eq!(status, 200, "{first}");
    let (_, before, _) = server
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, again, headers) = reset(json!({"user": "alice"}), KEY).await;
    assert_eq!(status, 200);
    assert_eq!(again, first);
    assert_eq!(headers["idempotent-replayed"], "true");
    let (_, after, _) = server
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(
        before["password_last_set"], after["password_last_set"],
        "the directory was written again"
    );
    // Another body with the same key; the same key from another client is its own.
    let (status, body, _) = reset(json!({"user": "alice", "must_change": false}), KEY).await;
    assert_eq!((status, code(&body)), (422, "IDEMPOTENCY_KEY_REUSED"));
    let (status, body, _) = server
        .call_with(
            "POST",
            "/v1/reset",
            Some(&sha1_token(SHA1_TOKEN)),
            Some(json!({"user": "alice"})),
            &[("Idempotency-Key", KEY)],
        )
        .await;
    assert_eq!(status, 200);
    assert_ne!(body["password"], first["password"]);
    // A final refusal is kept too; a short key is refused.
    let (status, refused, _) = reset(
        json!({"user": "bob"}),
        "9d2c4b6a-0e8f-4a1b-b3c5-d7e9f1a2b4c6",
    )
    .await;
    assert_eq!(status, 403);
    let (status, again, _) = reset(
        json!({"user": "bob"}),
        "9d2c4b6a-0e8f-4a1b-b3c5-d7e9f1a2b4c6",
    )
    .await;
    assert_eq!((status, &again), (403, &refused));
    let (status, body, _) = reset(json!({"user": "alice"}), "short").await;
    assert_eq!((status, code(&body)), (400, "BAD_REQUEST"));
    // Unlock takes keys too.
    let (status, first, _) = server
        .call_with(
            "POST",
            "/v1/unlock",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "carol"})),
            &[("Idempotency-Key", KEY)],
        )
        .await;
    assert_eq!(status, 200);
    let (_, again, _) = server
        .call_with(
            "POST",
            "/v1/unlock",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "carol"})),
            &[("Idempotency-Key", KEY)],
        )
        .await;
    assert_eq!(again, first);
}

fn slow_setup(dir: &std::path::Path) -> Setup {
    let mut setup = Setup::new(dir);
    let d = dir.display();
    setup.directories = Some(format!(
        "[[directories]]\nname = \"corp\"\nkind = \"local\"\npolicy_file = \"{d}/policy.toml\"\nusers_file = \"{d}/users.toml\"\nwrite_delay_ms = 1500\n"
    ));
    setup
}

#[tokio::test]
async fn a_request_in_progress_holds_its_key() {
    let dir = tempdir();
    let server = Server::start(&slow_setup(dir.path()));
    let first = server.call_with(
        "POST",
        "/v1/reset",
        Some(PLAIN_TOKEN),
        Some(json!({"user": "alice"})),
        &[("Idempotency-Key", KEY)],
    );
    let second = async {
        tokio::time::sleep(Duration::from_millis(400)).await;
        server
            .call_with(
                "POST",
                "/v1/reset",
                Some(PLAIN_TOKEN),
                Some(json!({"user": "alice"})),
                &[("Idempotency-Key", KEY)],
            )
            .await
    };
    let ((s1, b1, _), (s2, b2, h2)) = tokio::join!(first, second);
    assert_eq!(s1, 200, "{b1}");
    assert_eq!((s2, code(&b2)), (409, "IDEMPOTENCY_IN_PROGRESS"));
    assert!(h2.contains_key("retry-after"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_lets_in_flight_requests_finish() {
    let dir = tempdir();
    let mut server = Server::start(&slow_setup(dir.path()));
    let request = server.call(
        "POST",
        "/v1/reset",
        Some(PLAIN_TOKEN),
        Some(json!({"user": "alice"})),
    );
    let stop = async {
        tokio::time::sleep(Duration::from_millis(400)).await;
        server.signal("TERM");
    };
    let ((status, body, _), ()) = tokio::join!(request, stop);
    assert_eq!(status, 200, "the in-flight reset was cut off: {body}");
    let exit = tokio::task::block_in_place(|| server.wait());
    assert!(exit.success(), "{exit}");
    assert!(server
        .log_text()
        .contains("stopping: finishing in-flight requests"));
}

#[tokio::test(flavor = "multi_thread")]
async fn after_kill_9_mid_reset_the_retry_sets_the_planned_password() {
    let dir = tempdir();
    let setup = slow_setup(dir.path());
    let mut server = Server::start(&setup);
    let request = server
        .http
        .post(format!("{}/v1/reset", server.url))
        .bearer_auth(PLAIN_TOKEN)
        .header("Idempotency-Key", KEY)
        .json(&json!({"user": "alice"}))
        .send();
    let kill = async {
        tokio::time::sleep(Duration::from_millis(700)).await;
        server.signal("KILL");
    };
    let (cut, ()) = tokio::join!(request, kill);
    assert!(cut.is_err(), "the reset finished before the kill: {cut:?}");
    tokio::task::block_in_place(|| server.wait());
    drop(server);
    // Restart on the same state; the lease (2 s) runs out, then the retry takes over.
    let server = Server::start(&setup);
    let (_, body, _) = server
        .call("GET", "/v1/audit?user=alice", Some(PLAIN_TOKEN), None)
        .await;
    let records = body["records"].as_array().unwrap();
    assert_eq!(records.len(), 1, "{body}");
    assert_eq!(records[0]["outcome"], "interrupted");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let (status, answer, _) = server
        .call_with(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
            &[("Idempotency-Key", KEY)],
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let password = answer["password"].as_str().unwrap();
    // The directory holds exactly that password, and retries agree.
    let (status, again, _) = server
        .call_with(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
            &[("Idempotency-Key", KEY)],
        )
        .await;
    assert_eq!((status, &again), (200, &answer));
    let (_, body, _) = server
        .call(
            "POST",
            "/v1/validate",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": password})),
        )
        .await;
    assert_eq!(body["ok"], true);
    let (_, body, _) = server
        .call("GET", "/v1/audit?user=alice", Some(PLAIN_TOKEN), None)
        .await;
    let outcomes: Vec<&str> = body["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["operation"] == "reset")
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    // Newest first: the replayed retry, the retry that took over, the interrupted attempt.
    assert_eq!(outcomes, ["replayed", "ok", "interrupted"], "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_replicas_on_one_database_behave_as_one_service() {
    let dir = tempdir();
    let setup = Setup::new(dir.path());
    let a = Server::start(&setup);
    let mut setup_b = Setup::new(dir.path());
    setup_b.state = Some(std::fs::read_to_string(dir.path().join("state.url")).unwrap());
    let b = Server::start(&setup_b);
    // A replay-once token used on A is replayed on B.
    let token = sha1_token(ONCE_TOKEN);
    let (status, _, _) = a.call("GET", "/v1/users/alice", Some(&token), None).await;
    assert_eq!(status, 200);
    let (status, _, _) = b.call("GET", "/v1/users/alice", Some(&token), None).await;
    assert_eq!(status, 401);
    // An idempotent reset on A is answered by B from the shared record.
    let (_, first, _) = a
        .call_with(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
            &[("Idempotency-Key", KEY)],
        )
        .await;
    let (_, again, headers) = b
        .call_with(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
            &[("Idempotency-Key", KEY)],
        )
        .await;
    assert_eq!(again, first);
    assert_eq!(headers["idempotent-replayed"], "true");
    // B sees A's reset in the shared local directory and audit log.
    let (_, status_b, _) = b
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert!(status_b["password_last_set"].is_string());
    let (_, audit, _) = b
        .call("GET", "/v1/audit?user=alice", Some(PLAIN_TOKEN), None)
        .await;
    assert!(audit["records"].as_array().unwrap().len() >= 4, "{audit}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_limited_on_one_replica_is_limited_on_the_other() {
    let dir = tempdir();
    let limit = "[rate_limit]\nmax_failures = 3\nwindow_seconds = 600\n";
    let mut setup = Setup::new(dir.path());
    setup.extra = limit.into();
    let a = Server::start(&setup);
    let mut setup_b = Setup::new(dir.path());
    setup_b.extra = limit.into();
    setup_b.state = Some(std::fs::read_to_string(dir.path().join("state.url")).unwrap());
    let b = Server::start(&setup_b);
    // B has read (and cached) a count of 0 for this address.
    let (status, _, _) = b
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(status, 200);
    for _ in 0..3 {
        let (status, _, _) = a.call("GET", "/v1/users/alice", Some("wrong"), None).await;
        assert_eq!(status, 401);
    }
    let (status, _, _) = a.call("GET", "/v1/users/alice", Some("wrong"), None).await;
    assert_eq!(status, 429);
    // Once B's cached count is older than FRESH_FOR (1 s), B reads A's failures.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let (status, body, _) = b
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(status, 429, "{body}");
    // A failure on B counts on top of A's and is limited too.
    let (status, _, _) = b.call("GET", "/v1/users/alice", Some("wrong"), None).await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn the_demo_starts_with_no_file_and_keeps_its_state_and_tokens() {
    let dir = tempdir();
    let state = dir.path().join("demo");
    let port = free_port();
    let start = || {
        std::process::Command::new(BIN)
            .args([
                "demo",
                "--port",
                &port.to_string(),
                "--state-dir",
                state.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("demo.log")).unwrap())
            .spawn()
            .unwrap()
    };
    let wait = || {
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the demo did not start");
    };
    let mut child = start();
    wait();
    let plain = std::fs::read_to_string(state.join("demo-plain.token")).unwrap();
    let time = std::fs::read_to_string(state.join("demo-time.token")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    for name in ["demo-plain.token", "demo-time.token"] {
        let mode = std::fs::metadata(state.join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}");
    let answer: Value = http
        .post(format!("{url}/v1/reset"))
        .bearer_auth(plain.trim())
        .json(&json!({"user": "alice"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["user"], "alice", "{answer}");
    let banner = std::fs::read_to_string(dir.path().join("demo.log")).unwrap();
    assert!(
        banner.contains("DEMO MODE")
            && banner.contains(&url)
            && banner.contains("demo-plain.token"),
        "{banner}"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let mut child = start();
    wait();
    // A new client: the old one's pooled connection died with the first process.
    let http = reqwest::Client::new();
    assert_eq!(
        std::fs::read_to_string(state.join("demo-plain.token")).unwrap(),
        plain
    );
    assert_eq!(
        std::fs::read_to_string(state.join("demo-time.token")).unwrap(),
        time
    );
    let token = sha1_token(time.trim());
    let status: Value = http
        .get(format!("{url}/v1/users/alice"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        status["password_last_set"].is_string(),
        "the reset before the restart is kept: {status}"
    );
    for (user, code) in [("bob", 403), ("carol", 409), ("dave", 403), ("zed", 404)] {
        let got = http
            .post(format!("{url}/v1/reset"))
            .bearer_auth(plain.trim())
            .json(&json!({"user": user}))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(got, code, "{user}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
