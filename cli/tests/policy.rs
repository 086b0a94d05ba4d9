//! `passforge check`, `passforge policy lint` and `passforge generate --policy` through
//! the real binary; passwords go in on standard input, never in argv.

mod common;

use common::{run, stderr};

use std::path::PathBuf;
use std::process::Output;

fn example(name: &str) -> String {
    format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&o.stdout));
    })
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("passforge-cli-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

#[test]
fn check_exit_0_when_the_password_complies() {
    let o = run(
        &["check", "--policy", &example("policy-ad.toml"), "--json"],
        b"Tr0ub4dor&3x\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o), serde_json::json!({"ok": true, "violations": []}));
}

#[test]
fn check_exit_1_with_every_violation_and_its_parameters() {
    let ad = example("policy-ad.toml");
    let o = run(
        &[
            "check",
            "--policy",
            &ad,
            "--username",
            "jsmith",
            "--display-name",
            "John Smith",
            "--json",
        ],
        b"jsmith\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["ok"], false);
    let violations = v["violations"].as_array().expect("violations");
    let codes: Vec<&str> = violations
        .iter()
        .map(|v| v["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        codes,
        [
            "TOO_SHORT",
            "INSUFFICIENT_CATEGORIES",
            "CONTAINS_ACCOUNT_NAME",
            "CONTAINS_DISPLAY_NAME",
            "IN_BLOCKLIST"
        ]
    );
    assert_eq!(violations[0]["required"], 10);
    assert_eq!(violations[0]["actual"], 6);
    assert_eq!(violations[0]["unit"], "utf16");
    assert!(violations[0]["message"]
        .as_str()
        .expect("message")
        .contains("at least 10"));
    assert_eq!(violations[1]["required"], 3);
    assert_eq!(violations[1]["actual"], 1);
    // Text output: one "CODE: message" line per violation.
    let o = run(&["check", "--policy", &ad], b"password\r\n");
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("IN_BLOCKLIST: ")),
        "{text}"
    );
}

#[test]
fn only_the_first_line_is_the_password() {
    let nist = example("policy-nist.toml");
    let o = run(
        &["check", "--policy", &nist],
        b"a-long-unusual-passphrase\nignored\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["check", "--policy", &nist], b"");
    assert_eq!(o.status.code(), Some(1), "an empty password is too short");
}

#[test]
fn check_exit_2_on_bad_usage_and_bad_policies() {
    // No --policy.
    let o = run(&["check"], b"x\n");
    assert_eq!(o.status.code(), Some(2));
    // Missing file.
    let o = run(&["check", "--policy", "/nonexistent/policy.toml"], b"x\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: cannot open policy file"));
    // Unknown key, named with its line.
    let bad = temp_file("unknown.toml", "min_length = 8\nmin_lenght = 9\n");
    let o = run(&["check", "--policy", bad.to_str().expect("path")], b"x\n");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("line 2") && err.contains("min_lenght"),
        "{err}"
    );
    // Inconsistent numbers.
    let bad = temp_file("range.toml", "min_length = 9\nmax_length = 8\n");
    let o = run(&["check", "--policy", bad.to_str().expect("path")], b"x\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("above the maximum length"));
    // Input over 1 MiB is refused, not buffered.
    let huge = vec![b'a'; (1 << 20) + 10];
    let o = run(&["check", "--policy", &example("policy-nist.toml")], &huge);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("longer than 1 MiB"));
    // Not UTF-8.
    let o = run(
        &["check", "--policy", &example("policy-nist.toml")],
        b"\xff\xfe\n",
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_with_an_operator_blocklist() {
    let list = temp_file("blocklist.txt", "# ours\nCorrect-Horse-Battery-9\n");
    let o = run(
        &[
            "check",
            "--policy",
            &example("policy-nist.toml"),
            "--blocklist",
            list.to_str().expect("path"),
            "--json",
        ],
        b"correct-horse-battery-9\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["violations"][0]["source"], "operator");
}

#[test]
fn lint_reports_findings_as_json() {
    let o = run(
        &["policy", "lint", &example("policy-nist.toml"), "--json"],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o), serde_json::json!({"findings": []}));
    let o = run(
        &["policy", "lint", &example("policy-ad.toml"), "--json"],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let findings = json(&o)["findings"].as_array().expect("findings").clone();
    let first = &findings[0];
    assert_eq!(first["code"], "MIN_LENGTH_TOO_SHORT");
    assert_eq!(first["severity"], "error");
    assert!(first["message"].is_string());
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().expect("code"))
        .collect();
    assert!(codes.contains(&"COMPOSITION_RULES") && codes.contains(&"PERIODIC_EXPIRY"));
    // With MFA the minimum is 8: the AD example's 10 is enough.
    let o = run(
        &[
            "policy",
            "lint",
            &example("policy-ad.toml"),
            "--mfa",
            "--json",
        ],
        b"",
    );
    let v = json(&o);
    assert!(!v.to_string().contains("MIN_LENGTH_TOO_SHORT"));
    let o = run(&["policy", "lint", "/nonexistent.toml"], b"");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn generate_for_a_policy_derives_settings_and_complies() {
    let ad = example("policy-ad.toml");
    let o = run(
        &[
            "generate",
            "--policy",
            &ad,
            "--username",
            "jsmith",
            "--display-name",
            "John Smith",
            "--count",
            "20",
            "--seed",
            "7",
            "--json",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["length"], 10);
    for p in v["passwords"].as_array().expect("passwords") {
        let p = p.as_str().expect("password");
        let check = run(
            &[
                "check",
                "--policy",
                &ad,
                "--username",
                "jsmith",
                "--display-name",
                "John Smith",
            ],
            format!("{p}\n").as_bytes(),
        );
        assert_eq!(check.status.code(), Some(0), "{p}");
    }
}

#[test]
fn generate_checks_given_options_against_the_policy() {
    let ad = example("policy-ad.toml");
    let o = run(
        &[
            "generate",
            "--policy",
            &ad,
            "--length",
            "8",
            "--lower",
            "8",
            "--upper",
            "0",
            "--digits",
            "0",
            "--symbols",
            "0",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("generator length 8 is below the policy minimum of 10"),
        "{err}"
    );
    assert!(
        err.contains("from 1 categories but the policy requires 3"),
        "{err}"
    );
    let o = run(
        &[
            "generate", "--policy", &ad, "--length", "16", "--count", "3",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 3);
    // --username without --policy is a usage error.
    let o = run(&["generate", "--username", "x"], b"");
    assert_eq!(o.status.code(), Some(2));
}
