//! `passforge check`, `passforge policy lint` and `passforge generate --policy` through
//! the real binary; passwords go in on standard input, never in argv.

mod common;

use common::{assert_usage_error, run, stderr, stdout, TempFile};

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
    // policy-ad.toml keeps a history (pwdHistoryLength 24) that check cannot see: said so.
    assert_eq!(
        json(&o),
        serde_json::json!({"ok": true, "violations": [], "history": "not_checked"})
    );
    assert!(stderr(&o).starts_with("note: "), "{}", stderr(&o));
    let o = run(
        &["check", "--policy", &example("policy-nist.toml"), "--json"],
        b"a-long-unusual-passphrase\n",
    );
    assert_eq!(json(&o)["history"], "not_required");
    assert_eq!(stderr(&o), "", "no history rule, no note");
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
fn the_input_is_exactly_one_non_empty_line() {
    let nist = example("policy-nist.toml");
    let o = run(
        &["check", "--policy", &nist],
        b"a-long-unusual-passphrase\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["check", "--policy", &nist], b"a-long-unusual-passphrase");
    assert_eq!(o.status.code(), Some(0), "no final newline: {}", stderr(&o));
    // More lines were silently ignored before; now refused, pointing at --batch.
    let o = run(
        &["check", "--policy", &nist],
        b"a-long-unusual-passphrase\nignored\n",
    );
    assert_usage_error(&o);
    assert!(stderr(&o).contains("--batch"), "{}", stderr(&o));
    // Empty input is not an empty password.
    for input in [&b""[..], b"\n", b"\r\n"] {
        let o = run(&["check", "--policy", &nist], input);
        assert_usage_error(&o);
        assert!(stderr(&o).contains("no password given"), "{}", stderr(&o));
    }
    // One line of 64 KiB is the cap.
    let mut long = vec![b'a'; 64 * 1024];
    let o = run(&["check", "--policy", &nist, "--json"], &long);
    assert_eq!(
        o.status.code(),
        Some(1),
        "too long for the policy, but read"
    );
    long.push(b'a');
    let o = run(&["check", "--policy", &nist], &long);
    assert_usage_error(&o);
    assert!(stderr(&o).contains("longer than 64 KiB"), "{}", stderr(&o));
}

#[test]
fn batch_checks_one_password_per_line() {
    let nist = example("policy-nist.toml");
    let input = b"a-long-unusual-passphrase\nshort\r\npassword\n\nanother-long-passphrase-9";
    let o = run(&["check", "--policy", &nist, "--batch"], input);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0], "ok");
    assert!(lines[1].starts_with("not ok: TOO_SHORT: "), "{text}");
    assert!(lines[2].contains("IN_BLOCKLIST"), "{text}");
    assert!(
        lines[3].starts_with("not ok: TOO_SHORT"),
        "an empty line is a password"
    );
    assert_eq!(lines[4], "ok");
    assert!(
        !text.contains("short\n") && !text.contains("passphrase"),
        "no password echoed"
    );
    // JSON lines.
    let o = run(&["check", "-p", &nist, "--batch", "-j"], input);
    let values: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let oks: Vec<bool> = values.iter().map(|v| v["ok"] == true).collect();
    assert_eq!(oks, [true, false, false, false, true]);
    assert_eq!(values[1]["violations"][0]["code"], "TOO_SHORT");
    // All comply: exit 0.
    let o = run(
        &["check", "-p", &nist, "--batch"],
        b"a-long-unusual-passphrase\nanother-long-passphrase-9\n",
    );
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), "ok\nok\n".into()));
    // Nothing to check, a line over 64 KiB, bad UTF-8: usage errors.
    assert_usage_error(&run(&["check", "-p", &nist, "--batch"], b""));
    let mut long = b"ok-password-line\n".to_vec();
    long.extend(vec![b'a'; 64 * 1024 + 1]);
    let o = run(&["check", "-p", &nist, "--batch"], &long);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("longer than 64 KiB"), "{}", stderr(&o));
    let o = run(
        &["check", "-p", &nist, "--batch"],
        b"fine-long-passphrase\n\xff\n",
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn batch_input_is_capped_at_64_mib() {
    let nist = example("policy-nist.toml");
    // Long lines (over the policy's maximum, so each is answered at once) keep it quick.
    let mut line = vec![b'a'; 32 * 1024 - 1];
    line.push(b'\n');
    let input: Vec<u8> = line
        .iter()
        .copied()
        .cycle()
        .take((64 << 20) + line.len())
        .collect();
    let o = run(&["check", "-p", &nist, "--batch"], &input);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("longer than 64 MiB"), "{}", stderr(&o));
}

#[test]
fn history_is_checked_with_a_history_file_and_never_passed_silently() {
    let ad = example("policy-ad.toml");
    // Without a history file: a note, and the JSON says so.
    let o = run(&["check", "-p", &ad], b"Tr0ub4dor&3x\n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stderr(&o),
        "note: the policy forbids reusing the last 24 passwords, which check cannot see; \
         give --history FILE to check it\n"
    );
    let history = TempFile::secret(b"Current-Pa55word\nTr0ub4dor&3x\n");
    let o = run(
        &["check", "-p", &ad, "--history", history.path(), "-j"],
        b"Tr0ub4dor&3x\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["history"], "checked");
    assert_eq!(v["violations"][0]["code"], "IN_HISTORY");
    assert_eq!(stderr(&o), "", "checked: no note");
    let o = run(
        &["check", "-p", &ad, "--history", history.path()],
        b"Another-Fresh-9x\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The history file holds old passwords: a secret file.
    let shared = TempFile::with_mode(b"Tr0ub4dor&3x\n", 0o644);
    let o = run(
        &["check", "-p", &ad, "--history", shared.path()],
        b"Tr0ub4dor&3x\n",
    );
    if cfg!(unix) {
        assert_usage_error(&o);
        assert!(stderr(&o).contains("chmod 600"), "{}", stderr(&o));
    }
}

#[test]
fn min_score_works_in_the_cli_build() {
    let policy = temp_file("score.toml", "min_length = 8\nmin_score = 3\n");
    let policy = policy.to_str().expect("path");
    let o = run(&["check", "-p", policy, "-j"], b"password1\n");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let codes: Vec<String> = json(&o)["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| v["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(codes.iter().any(|c| c == "TOO_WEAK"), "{codes:?}");
    let o = run(
        &["check", "-p", policy],
        b"correct horse battery staple xylophone\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
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
    // Input over the 64 KiB line cap is refused, not buffered.
    let huge = vec![b'a'; (1 << 20) + 10];
    let o = run(&["check", "--policy", &example("policy-nist.toml")], &huge);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("longer than 64 KiB"), "{}", stderr(&o));
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

/// `--batch` on a terminal would echo every password: refused (run under `script`, which
/// gives the binary a pseudo-terminal).
#[cfg(target_os = "linux")]
#[test]
fn batch_refuses_a_terminal() {
    let command = format!(
        "{} check -p {} --batch",
        env!("CARGO_BIN_EXE_passforge"),
        example("policy-nist.toml")
    );
    let Ok(o) = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
    else {
        eprintln!("SKIPPED batch_refuses_a_terminal: util-linux `script` is missing");
        return;
    };
    let shown = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("error: --batch reads passwords from a pipe or a file"),
        "{shown}"
    );
}
