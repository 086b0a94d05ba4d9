//! The `openldap` adapter against a real slapd with the ppolicy overlay (started per
//! test by `directories::Slapd`), through the service's HTTPS API and, for the operations
//! the API does not expose yet (change, bind check), through the adapter itself.

// Tests fail loudly by unwrapping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod directories;

use std::time::Duration;

use common::*;
use directories::*;
use passforge_service::directory::{Directory, DirectoryError, RefusalReason, ResetOptions};
use serde_json::{json, Value};

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

fn reason(body: &Value) -> &str {
    body["error"]["reason"].as_str().unwrap_or("")
}

/// A service whose only directory is `slapd`, bound as `bind_dn`.
fn service(slapd: &Slapd, dir: &std::path::Path, bind_dn: &str) -> Server {
    let mut setup = Setup::new(dir);
    setup.directories = Some(slapd.directory_toml(dir, bind_dn, ""));
    setup.reset =
        "[reset]\nallow_locked_accounts = true\nmust_change = true\nreturn_password = true\n"
            .into();
    Server::start(&setup)
}

/// The adapter itself, built from the same configuration keys.
fn adapter(slapd: &Slapd, dir: &std::path::Path) -> std::sync::Arc<dyn Directory> {
    let text = slapd.directory_toml(dir, SERVICE_DN, "");
    let text = text.replace("[[directories]]\n", "");
    let section: passforge_service::config::DirectorySection = toml::from_str(&text).unwrap();
    passforge_service::directory::ldap::build(&section, None, 16)
        .ok()
        .unwrap()
}

#[tokio::test]
async fn a_reset_sets_the_password_and_must_change_and_the_status_shows_expiry() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let server = service(&slapd, dir.path(), SERVICE_DN);
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let generated = body["password"].as_str().unwrap().to_owned();
    server.secrets.lock().unwrap().push(generated.clone());
    assert_eq!(body["must_change"], true);
    // slapd agrees: the new password binds, and ppolicy says it must be changed.
    let (ok, text) = slapd.bind("alice", &generated);
    assert!(ok, "{text}");
    assert!(text.contains("Password must be changed"), "{text}");
    assert!(slapd
        .read(&format!("uid=alice,ou=people,{SUFFIX}"), &["pwdReset"])
        .contains("pwdReset: TRUE"));
    let (ok, _) = slapd.bind("alice", INITIAL_PASSWORD);
    assert!(!ok);
    // Status: must change, last set now, expiry 90 days on (pwdChangedTime + pwdMaxAge).
    let (status, body, _) = server
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["must_change"], true);
    assert_eq!(body["locked"], false);
    assert_eq!(body["display_name"], "Alice Martin");
    assert_eq!(body["groups"], json!(["employees", "staff"]));
    assert!(
        matches!(body["days_remaining"].as_i64(), Some(89 | 90)),
        "{body}"
    );
    let last =
        passforge::Timestamp::parse_rfc3339(body["password_last_set"].as_str().unwrap()).unwrap();
    assert!(
        (now().unix_seconds() - last.unix_seconds()).abs() < 60,
        "{body}"
    );
    // A supplied password without must-change: pwdReset is cleared (the policy's
    // pwdMustChange would set it).
    let supplied = "Supplied-Passw0rd-1";
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": supplied, "must_change": false})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("password").is_none());
    let (ok, text) = slapd.bind("alice", supplied);
    assert!(ok && !text.contains("must be changed"), "{text}");
    assert!(!slapd
        .read(&format!("uid=alice,ou=people,{SUFFIX}"), &["pwdReset"])
        .contains("pwdReset"));
    // A supplied password below the policy (10 bytes) is refused before it is sent,
    // with every violation.
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": "Short1!"})),
        )
        .await;
    assert_eq!((status, code(&body)), (422, "POLICY_VIOLATION"), "{body}");
    assert_eq!(body["error"]["violations"][0]["code"], "TOO_SHORT");
    let (ok, _) = slapd.bind("alice", supplied);
    assert!(ok, "the refused password was not sent");
    // The connection test and readiness.
    let (status, body, _) = server
        .call("GET", "/v1/directories/ldap/test", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!((status, body["ok"].clone()), (200, json!(true)), "{body}");
    let (status, _, _) = server.call("GET", "/readyz", None, None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn nested_groups_decide_who_may_be_reset_and_cycles_end() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let server = service(&slapd, dir.path(), SERVICE_DN);
    let reset = |user: &'static str| {
        server.call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": user})),
        )
    };
    let (status, body, _) = reset("bob").await;
    assert_eq!((status, code(&body)), (403, "USER_NOT_ALLOWED"), "{body}");
    assert_eq!(body["error"]["group"], "domain-admins");
    let (status, body, _) = reset("dave").await;
    assert_eq!((status, code(&body)), (403, "USER_NOT_ALLOWED"), "{body}");
    assert_eq!(body["error"]["rule"], "not_in_allowed_group");
    // frank: loop1 -> loop2 (groupOfUniqueNames) -> loop1 (a cycle) and -> employees.
    let (status, body, _) = server
        .call("GET", "/v1/users/frank", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["groups"], json!(["employees", "loop1", "loop2"]));
    let (status, body, _) = reset("frank").await;
    assert_eq!(status, 200, "{body}");
    server
        .secrets
        .lock()
        .unwrap()
        .push(body["password"].as_str().unwrap().to_owned());
}

#[tokio::test]
async fn hostile_and_non_ascii_names_find_nobody_else() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let server = service(&slapd, dir.path(), SERVICE_DN);
    for name in [
        "*",
        "*)(uid=*",
        "alice)(uid=*",
        "\\",
        "al*",
        "jörg*",
        "ü",
        "Ålice",
        "*)(|(objectClass=*",
    ] {
        let path = format!("/v1/users/{}", urlencode(name));
        let (status, body, _) = server.call("GET", &path, Some(PLAIN_TOKEN), None).await;
        assert_eq!(
            (status, code(&body)),
            (404, "USER_NOT_FOUND"),
            "{name}: {body}"
        );
        let (status, body, _) = server
            .call(
                "POST",
                "/v1/reset",
                Some(PLAIN_TOKEN),
                Some(json!({"user": name})),
            )
            .await;
        assert_eq!(
            (status, code(&body)),
            (404, "USER_NOT_FOUND"),
            "{name}: {body}"
        );
    }
    // A non-ASCII name that exists is found (its UTF-8 bytes, escaped, still match).
    let (status, body, _) = server
        .call(
            "GET",
            &format!("/v1/users/{}", urlencode("jörg")),
            Some(PLAIN_TOKEN),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"], "jörg");
    // The API refuses a NUL before any directory sees it; the adapter, given one, finds
    // nobody.
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice\u{0}"})),
        )
        .await;
    assert_eq!((status, code(&body)), (400, "BAD_REQUEST"), "{body}");
    let directory = adapter(&slapd, dir.path());
    for name in ["alice\0", "\0", "*\0*", "*)(uid=*", "\\", "jörg\0"] {
        assert_eq!(
            directory.lookup(name).await,
            Err(DirectoryError::NotFound),
            "{name:?}"
        );
    }
    assert_eq!(directory.lookup("alice").await.unwrap().name, "alice");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn a_user_locked_by_failed_binds_is_unlocked() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let mut setup = Setup::new(dir.path());
    setup.directories = Some(slapd.directory_toml(dir.path(), SERVICE_DN, ""));
    let server = Server::start(&setup); // allow_locked_accounts = false
    for _ in 0..3 {
        let (ok, _) = slapd.bind("gina", "wrong-password");
        assert!(!ok);
    }
    let (ok, text) = slapd.bind("gina", INITIAL_PASSWORD);
    assert!(!ok, "locked by ppolicy: {text}");
    let (status, body, _) = server
        .call("GET", "/v1/users/gina", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(
        (status, body["locked"].clone()),
        (200, json!(true)),
        "{body}"
    );
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "gina"})),
        )
        .await;
    assert_eq!((status, code(&body)), (409, "ACCOUNT_LOCKED"), "{body}");
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/unlock",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "gina"})),
        )
        .await;
    assert_eq!(
        (status, body["unlocked"].clone()),
        (200, json!(true)),
        "{body}"
    );
    let entry = slapd.read(
        &format!("uid=gina,ou=people,{SUFFIX}"),
        &["pwdAccountLockedTime"],
    );
    assert!(!entry.contains("pwdAccountLockedTime"), "{entry}");
    let (ok, text) = slapd.bind("gina", INITIAL_PASSWORD);
    assert!(ok, "{text}");
    let (_, body, _) = server
        .call("GET", "/v1/users/gina", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(body["locked"], false);
}

#[tokio::test]
async fn a_locked_account_is_reset_with_or_without_unlock() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let server = service(&slapd, dir.path(), SERVICE_DN); // allow_locked_accounts = true
    let carol = format!("uid=carol,ou=people,{SUFFIX}");
    let (_, body, _) = server
        .call("GET", "/v1/users/carol", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(body["locked"], true, "{body}");
    // Without unlock the lock stays (slapd would clear it on a password change).
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "carol", "password": "Carol-Passw0rd-1", "unlock": false})),
        )
        .await;
    assert_eq!(
        (status, body["unlocked"].clone()),
        (200, json!(false)),
        "{body}"
    );
    assert!(slapd
        .read(&carol, &["pwdAccountLockedTime"])
        .contains("000001010000Z"));
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "carol", "password": "Carol-Passw0rd-2", "unlock": true, "must_change": false})),
        )
        .await;
    assert_eq!(
        (status, body["unlocked"].clone()),
        (200, json!(true)),
        "{body}"
    );
    assert!(!slapd
        .read(&carol, &["pwdAccountLockedTime"])
        .contains("pwdAccountLockedTime"));
    let (ok, text) = slapd.bind("carol", "Carol-Passw0rd-2");
    assert!(ok, "{text}");
}

#[tokio::test]
async fn the_users_policy_subentry_applies_with_lengths_in_bytes() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let server = service(&slapd, dir.path(), SERVICE_DN);
    let validate = |password: &'static str| {
        server.call(
            "POST",
            "/v1/validate",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "erin", "password": password})),
        )
    };
    // strict: pwdMinLength 24, in bytes of UTF-8.
    let (_, body, _) = validate("abcdefghijklmnopqrstuvw").await; // 23 bytes
    assert_eq!(body["ok"], false, "{body}");
    assert_eq!(body["violations"][0]["code"], "TOO_SHORT");
    let (_, body, _) = validate("éééééééééééé").await; // 12 characters, 24 bytes
    assert_eq!(body["ok"], true, "{body}");
    // alice has the default policy (10 bytes).
    let (_, body, _) = server
        .call(
            "POST",
            "/v1/validate",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice", "password": "abcdefghijk"})),
        )
        .await;
    assert_eq!(body["ok"], true, "{body}");
    // The generator (16 characters) cannot meet erin's 24 bytes: refused, not sent.
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "erin"})),
        )
        .await;
    assert_eq!((status, code(&body)), (422, "GENERATOR_TOO_WEAK"), "{body}");
}

async fn reset(server: &Server, password: &str, must_change: bool) -> (u16, Value) {
    let body = json!({"user": "hank", "password": password, "must_change": must_change});
    let (status, body, _) = server
        .call("POST", "/v1/reset", Some(PLAIN_TOKEN), Some(body))
        .await;
    (status, body)
}

#[tokio::test]
async fn the_directory_refuses_what_only_it_knows_history_for_a_write_only_identity() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let admin = service(&slapd, dir.path(), SERVICE_DN);
    let dir2 = tempdir();
    let writer = service(&slapd, dir2.path(), WRITER_DN);
    let (status, body) = reset(&admin, "History-Passw0rd-1", false).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = reset(&admin, "History-Passw0rd-2", false).await;
    assert_eq!(status, 200, "{body}");
    // A password administrator (manage) skips slapd's history check...
    let (status, body) = reset(&admin, "History-Passw0rd-1", false).await;
    assert_eq!(status, 200, "{body}");
    // ...an identity with only write access is checked like a user: history refused,
    // mapped from the ppolicy response control.
    let (status, body) = reset(&writer, "History-Passw0rd-2", true).await;
    assert_eq!(
        (status, code(&body), reason(&body)),
        (502, "DIRECTORY_ERROR", "PASSWORD_IN_HISTORY"),
        "{body}"
    );
    let (ok, _) = slapd.bind("hank", "History-Passw0rd-1");
    assert!(ok, "the refused reset left the password as it was");
    // And a new one passes.
    let (status, body) = reset(&writer, "History-Passw0rd-9", true).await;
    assert_eq!(status, 200, "{body}");
    let (ok, text) = slapd.bind("hank", "History-Passw0rd-9");
    assert!(ok && text.contains("must be changed"), "{text}");
}

#[tokio::test]
async fn a_change_within_the_minimum_age_is_password_too_young() {
    // yuri's policy has a one-hour minimum age and his password was set just now (slapadd
    // runs no overlay, so the seed gives pwdChangedTime itself).
    let now = passforge_service::store::now_timestamp()
        .to_rfc3339()
        .unwrap();
    let changed: String = now
        .chars()
        .filter(char::is_ascii_digit)
        .chain(['Z'])
        .collect();
    let slapd = Slapd::start(&format!(
        "dn: cn=young,ou=policies,{SUFFIX}\nobjectClass: organizationalRole\nobjectClass: pwdPolicy\n\
         cn: young\npwdAttribute: userPassword\npwdMinAge: 3600\npwdAllowUserChange: TRUE\n\n\
         dn: uid=yuri,ou=people,{SUFFIX}\nobjectClass: inetOrgPerson\nuid: yuri\ncn: Yuri Young\n\
         sn: yuri\nuserPassword: {INITIAL_PASSWORD}\npwdChangedTime: {changed}\n\
         pwdPolicySubentry: cn=young,ou=policies,{SUFFIX}\n\n"
    ));
    let dir = tempdir();
    let directory = adapter(&slapd, dir.path());
    let yuri = directory.lookup("yuri").await.unwrap();
    assert_refused(
        directory
            .change_password(&yuri, INITIAL_PASSWORD, "Changed-Passw0rd-Y1")
            .await,
        RefusalReason::PasswordTooYoung,
    );
    assert!(slapd.bind("yuri", INITIAL_PASSWORD).0);
    // The minimum age binds the user, not the password administrator's reset.
    let options = ResetOptions {
        must_change: false,
        unlock: false,
    };
    directory
        .reset_password(&yuri, "Reset-Passw0rd-Y2", options)
        .await
        .unwrap();
    assert!(slapd.bind("yuri", "Reset-Passw0rd-Y2").0);
}

#[tokio::test]
async fn every_adapter_operation_against_slapd() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let directory = adapter(&slapd, dir.path());
    directory.test_connection().await.unwrap();
    let hank = directory.lookup("hank").await.unwrap();
    assert_eq!(hank.id, format!("uid=hank,ou=people,{SUFFIX}"));
    assert_eq!(hank.email.as_deref(), Some("hank@example.test"));
    assert!(!hank.locked && !hank.must_change);
    // The bind check.
    assert!(directory
        .check_password(&hank, INITIAL_PASSWORD)
        .await
        .unwrap());
    assert!(!directory
        .check_password(&hank, "not-the-password")
        .await
        .unwrap());
    // A change as the user: the old password is checked, then the history.
    assert_refused(
        directory
            .change_password(&hank, "not-the-password", "Changed-Passw0rd-1")
            .await,
        RefusalReason::WrongOldPassword,
    );
    directory
        .change_password(&hank, INITIAL_PASSWORD, "Changed-Passw0rd-1")
        .await
        .unwrap();
    assert!(directory
        .check_password(&hank, "Changed-Passw0rd-1")
        .await
        .unwrap());
    assert_refused(
        directory
            .change_password(&hank, "Changed-Passw0rd-1", INITIAL_PASSWORD)
            .await,
        RefusalReason::PasswordInHistory,
    );
    // slapd's own quality check (the adapter does not pre-check a change).
    assert_refused(
        directory
            .change_password(&hank, "Changed-Passw0rd-1", "short")
            .await,
        RefusalReason::PolicyNotMet,
    );
    // Lock state and unlock.
    let carol = directory.lookup("carol").await.unwrap();
    assert!(carol.locked);
    assert!(directory.lock_state(&carol).await.unwrap());
    assert!(directory.unlock(&carol).await.unwrap());
    assert!(!directory.lock_state(&carol).await.unwrap());
    assert!(!directory.unlock(&carol).await.unwrap());
    // The effective policy: the default entry, or the user's subentry.
    let default = directory.effective_policy(None).await.unwrap();
    assert_eq!((default.min_length(), default.history()), (10, 3));
    assert_eq!(default.ages().max_age, Some(Duration::from_secs(7_776_000)));
    assert_eq!(default.lockout().threshold, 3);
    let erin = directory.lookup("erin").await.unwrap();
    assert_eq!(
        directory
            .effective_policy(Some(&erin))
            .await
            .unwrap()
            .min_length(),
        24
    );
    assert_eq!(
        directory
            .effective_policy(Some(&erin))
            .await
            .unwrap()
            .length_unit(),
        passforge::LengthUnit::Utf8Bytes
    );
}

#[tokio::test]
async fn starttls_works_and_a_wrong_ca_is_refused() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let text = slapd
        .directory_toml(dir.path(), SERVICE_DN, "starttls = true\n")
        .replace(
            &slapd.url,
            &format!("ldap://127.0.0.1:{}", slapd.starttls_port),
        )
        .replace("[[directories]]\n", "");
    let section: passforge_service::config::DirectorySection = toml::from_str(&text).unwrap();
    let directory = passforge_service::directory::ldap::build(&section, None, 16)
        .ok()
        .unwrap();
    assert_eq!(directory.lookup("alice").await.unwrap().name, "alice");
    // A CA that did not sign the server's certificate: no connection.
    let other = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    std::fs::write(dir.path().join("other-ca.pem"), other.cert.pem()).unwrap();
    let text = slapd
        .directory_toml(dir.path(), SERVICE_DN, "")
        .replace(
            slapd.ca.to_str().unwrap(),
            dir.path().join("other-ca.pem").to_str().unwrap(),
        )
        .replace("[[directories]]\n", "");
    let section: passforge_service::config::DirectorySection = toml::from_str(&text).unwrap();
    let directory = passforge_service::directory::ldap::build(&section, None, 16)
        .ok()
        .unwrap();
    let e = directory.test_connection().await.unwrap_err();
    assert!(matches!(e, DirectoryError::Unavailable(_)), "{e}");
}

#[tokio::test]
async fn a_generator_weaker_than_the_directory_policy_refuses_to_start() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let mut setup = Setup::new(dir.path());
    setup.directories = Some(slapd.directory_toml(dir.path(), SERVICE_DN, ""));
    // The harness's generator makes 16 characters; the default entry now wants 20 bytes.
    slapd.modify(&format!(
        "dn: cn=default,ou=policies,{SUFFIX}\nchangetype: modify\nreplace: pwdMinLength\npwdMinLength: 20\n"
    ));
    let config = setup.write(free_port());
    let log = dir.path().join("service-refused.log");
    let mut child = std::process::Command::new(BIN)
        .args(["serve", "--config", config.to_str().unwrap()])
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!(
                "the service started: {}",
                std::fs::read_to_string(&log).unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!status.success());
    let stderr = std::fs::read_to_string(&log).unwrap();
    assert!(
        stderr.contains("weaker than the directory's policy"),
        "{stderr}"
    );
    assert!(stderr.contains("minimum of 20"), "{stderr}");
}

#[tokio::test]
async fn slapd_down_is_503_and_the_service_recovers_when_it_returns() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let server = service(&slapd, dir.path(), SERVICE_DN);
    let (status, _, _) = server
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(status, 200);
    slapd.stop();
    let (status, body, headers) = server
        .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
        .await;
    assert_eq!(
        (status, code(&body)),
        (503, "DIRECTORY_UNAVAILABLE"),
        "{body}"
    );
    assert!(headers.contains_key("retry-after"));
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (503, "DIRECTORY_UNAVAILABLE"),
        "{body}"
    );
    let (status, body, _) = server.call("GET", "/readyz", None, None).await;
    assert_eq!(
        (status, body["checks"]["ldap"].clone()),
        (503, json!("unavailable")),
        "{body}"
    );
    let (_, body, _) = server
        .call("GET", "/v1/audit?user=alice", Some(PLAIN_TOKEN), None)
        .await;
    let records = body["records"].as_array().unwrap();
    assert!(
        records
            .iter()
            .any(|r| r["error_code"] == "DIRECTORY_UNAVAILABLE" && r["operation"] == "reset"),
        "{body}"
    );
    slapd.restart();
    let recovered = eventually(Duration::from_secs(10), || async {
        server
            .call("GET", "/v1/users/alice", Some(PLAIN_TOKEN), None)
            .await
            .0
            == 200
    })
    .await;
    assert!(
        recovered,
        "the service did not recover after slapd came back"
    );
    let (status, _, _) = server.call("GET", "/readyz", None, None).await;
    assert_eq!(status, 200);
    let (status, body, _) = server
        .call(
            "POST",
            "/v1/reset",
            Some(PLAIN_TOKEN),
            Some(json!({"user": "alice"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    server
        .secrets
        .lock()
        .unwrap()
        .push(body["password"].as_str().unwrap().to_owned());
}

/// The figures: 300 resets through the API against slapd (`--ignored`).
#[tokio::test]
#[ignore = "a measurement, not a check: cargo test --test openldap -- --ignored"]
async fn reset_latency_against_slapd() {
    let slapd = Slapd::start("");
    let dir = tempdir();
    let server = service(&slapd, dir.path(), SERVICE_DN);
    let (p50, p99) = reset_latency(&server, "alice", 300).await;
    eprintln!("openldap: 300 resets, p50 {p50:.1} ms, p99 {p99:.1} ms");
}
