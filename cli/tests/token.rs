//! `passforge token time|verify` and `passforge token request issue|verify` through the
//! real binary, against the independent vectors in tests/vectors/tokens.json.

mod common;

use common::{
    assert_usage_error, assert_usage_error_code, passforge, run, stderr, stdout, TempFile,
};

fn vectors() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/tokens.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("parse")
}

/// `passforge token time` for a (test, possibly short) secret file at an instant.
fn token_time_at(secret_file: &str, at: &str) -> std::process::Output {
    passforge(&[
        "token",
        "time",
        "--allow-short-secret",
        "--secret-file",
        secret_file,
        "--at",
        at,
    ])
}

#[test]
fn time_prints_the_vector_tokens() {
    let doc = vectors();
    for case in doc["time_tokens"]
        .as_array()
        .expect("cases")
        .iter()
        .step_by(7)
    {
        let secret = case["secret"].as_str().expect("secret");
        let file = TempFile::secret(format!("{secret}\n").as_bytes());
        let at = case["at"].to_string();
        let period = case["period"].to_string();
        let mut args = vec![
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            file.path(),
            "--at",
            &at,
        ];
        args.extend(["--period", &period]);
        if case["algorithm"] == "hmac-sha256" {
            args.push("--hmac");
        }
        let o = passforge(&args);
        assert!(o.status.success(), "{}: {}", case["name"], stderr(&o));
        assert_eq!(
            stdout(&o).trim_end(),
            case["token"].as_str().expect("token"),
            "{}",
            case["name"]
        );
    }
}

#[test]
fn trailing_newline_is_ignored_but_other_bytes_count() {
    let token = |contents: &[u8]| {
        let file = TempFile::secret(contents);
        let o = token_time_at(file.path(), "1700000000");
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let plain = token(b"s3cret");
    assert_eq!(plain, token(b"s3cret\n"));
    assert_eq!(plain, token(b"s3cret\r\n"));
    assert_ne!(plain, token(b"s3cret\n\n"));
    assert_ne!(plain, token(b"s3cret "));
    // The value from Python's hashlib: sha1(b"s3cret" + b"5666666").hexdigest().
    assert_eq!(plain.trim_end(), "b45133a991388950dd37db483801bdc03a7e97c8");
}

#[test]
fn verify_exit_codes() {
    let file = TempFile::secret(b"s3cret\n");
    let make = |at: &str, hmac: bool| {
        let mut args = vec![
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            file.path(),
            "--at",
            at,
        ];
        if hmac {
            args.push("--hmac");
        }
        let o = passforge(&args);
        assert!(o.status.success());
        stdout(&o).trim_end().to_owned()
    };
    // The token to check goes in on standard input, never in argv.
    let verify = |token: &str, at: &str, extra: &[&str]| {
        let mut args = vec![
            "token",
            "verify",
            "--allow-short-secret",
            "--secret-file",
            file.path(),
        ];
        args.extend(["--at", at]);
        args.extend(extra);
        run(&args, format!("{token}\n").as_bytes())
    };
    let t = make("1700000000", false);
    // Same window, one window later (default skew 1), two windows later.
    assert_eq!(verify(&t, "1700000000", &[]).status.code(), Some(0));
    assert_eq!(stdout(&verify(&t, "1700000000", &[])), "valid\n");
    assert_eq!(verify(&t, "1700000300", &[]).status.code(), Some(0));
    let late = verify(&t, "1700000600", &[]);
    assert_eq!(late.status.code(), Some(1));
    assert_eq!(stdout(&late), "invalid\n");
    assert_eq!(
        verify(&t, "1700000600", &["--skew", "2"]).status.code(),
        Some(0)
    );
    assert_eq!(
        verify(&t, "1700000300", &["--skew", "0"]).status.code(),
        Some(1)
    );
    // The HMAC token is not a SHA-1 token and vice versa.
    let h = make("1700000000", true);
    assert_eq!(h.len(), 64);
    assert_eq!(verify(&h, "1700000000", &["--hmac"]).status.code(), Some(0));
    assert_eq!(verify(&h, "1700000000", &[]).status.code(), Some(1));
    assert_eq!(verify(&t, "1700000000", &["--hmac"]).status.code(), Some(1));
    // Period 60: the 300-second token is not valid.
    assert_eq!(
        verify(&t, "1700000000", &["--period", "60"]).status.code(),
        Some(1)
    );
    // Without --at, "now": a token made now verifies.
    let o = passforge(&[
        "token",
        "time",
        "--allow-short-secret",
        "--secret-file",
        file.path(),
    ]);
    let now_token = stdout(&o).trim_end().to_owned();
    let o = run(
        &[
            "token",
            "verify",
            "--allow-short-secret",
            "--secret-file",
            file.path(),
        ],
        now_token.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0));
    // Or from a token file (mode 600).
    let presented = TempFile::secret(format!("{t}\n").as_bytes());
    let o = passforge(&[
        "token",
        "verify",
        "--allow-short-secret",
        "--secret-file",
        file.path(),
        "--token-file",
        presented.path(),
        "--at",
        "1700000000",
    ]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), "valid\n".into()));
}

#[test]
fn the_token_is_never_taken_from_argv() {
    let file = TempFile::secret(b"s3cret\n");
    let o = passforge(&[
        "token",
        "verify",
        "--allow-short-secret",
        "--secret-file",
        file.path(),
        "--token",
        "b45133a991388950dd37db483801bdc03a7e97c8",
    ]);
    assert_usage_error(&o);
    assert!(
        stderr(&o).contains("unexpected argument '--token'"),
        "{}",
        stderr(&o)
    );
    // Nothing on standard input is a usage error, not an empty token.
    assert_usage_error(&passforge(&[
        "token",
        "verify",
        "--allow-short-secret",
        "--secret-file",
        file.path(),
    ]));
    // Two lines: refused rather than half ignored.
    let o = run(
        &[
            "token",
            "verify",
            "--allow-short-secret",
            "--secret-file",
            file.path(),
        ],
        b"a\nb\n",
    );
    assert_usage_error(&o);
    assert!(stderr(&o).contains("more than one line"), "{}", stderr(&o));
}

#[test]
fn secret_files_readable_by_others_are_refused() {
    for mode in [0o644, 0o640, 0o604, 0o620] {
        let shared = TempFile::with_mode(b"s3cret\n", mode);
        let o = passforge(&[
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            shared.path(),
        ]);
        if cfg!(unix) {
            assert_usage_error(&o);
            let err = stderr(&o);
            assert!(
                err.contains(shared.path())
                    && err.contains(&format!("chmod 600 {}", shared.path())),
                "{err}"
            );
            assert!(err.contains(&format!("mode {mode:o}")), "{err}");
        }
    }
    let shared = TempFile::secret(b"s3cret\n");
    let presented = TempFile::with_mode(b"token\n", 0o644);
    let o = passforge(&[
        "token",
        "verify",
        "--allow-short-secret",
        "--secret-file",
        shared.path(),
        "--token-file",
        presented.path(),
    ]);
    if cfg!(unix) {
        assert_usage_error(&o);
        assert!(stderr(&o).contains("chmod 600"), "{}", stderr(&o));
    }
    // Owner-only modes are fine, read-only too.
    let read_only = TempFile::with_mode(b"s3cret\n", 0o400);
    let o = token_time_at(read_only.path(), "0");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn negative_instants_are_accepted() {
    let file = TempFile::secret(b"s3cret");
    let o = token_time_at(file.path(), "-1");
    assert!(o.status.success(), "{}", stderr(&o));
    // Python: hashlib.sha1(b"s3cret-1").hexdigest()
    assert_eq!(
        stdout(&o).trim_end(),
        "71100e557e43e7c7478162b9df0a51e32be54e32"
    );
}

#[test]
fn bad_input_exits_2_with_one_error_line() {
    let empty = TempFile::secret(b"");
    let newline_only = TempFile::secret(b"\n");
    let big = TempFile::secret(&vec![b'a'; 64 * 1024 + 1]);
    let ok = TempFile::secret(b"s3cret");
    let missing = std::env::temp_dir().join("passforge-cli-token-does-not-exist");
    let missing = missing.to_str().expect("utf-8");
    for args in [
        vec![
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            empty.path(),
        ],
        vec![
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            newline_only.path(),
        ],
        vec![
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            big.path(),
        ],
        vec![
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            missing,
        ],
        vec![
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            ok.path(),
            "--period",
            "0",
        ],
        vec![
            "token",
            "time",
            "--allow-short-secret",
            "--secret-file",
            ok.path(),
            "--at",
            "soon",
        ],
        vec!["token", "time"],
        vec!["token", "time", "--secret", "s3cret"],
        vec![
            "token",
            "verify",
            "--allow-short-secret",
            "--secret-file",
            ok.path(),
            "--skew",
            "11",
        ],
        vec![
            "token",
            "verify",
            "--allow-short-secret",
            "--secret-file",
            empty.path(),
        ],
        vec![
            "token",
            "verify",
            "--allow-short-secret",
            "--secret-file",
            ok.path(),
            "--token-file",
            empty.path(),
        ],
        vec![
            "token",
            "verify",
            "--allow-short-secret",
            "--secret-file",
            ok.path(),
            "--token-file",
            missing,
        ],
    ] {
        let o = run(&args, b"x\n");
        assert_usage_error(&o);
    }
    // 64 KiB exactly is accepted.
    let limit = TempFile::secret(&vec![b'a'; 64 * 1024]);
    let o = token_time_at(limit.path(), "0");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_shared_token_under_16_bytes_needs_allow_short_secret() {
    let short = TempFile::secret(b"fifteen-bytes!!\n");
    let o = passforge(&["token", "time", "--secret-file", short.path(), "--at", "0"]);
    assert_usage_error(&o);
    assert!(
        stderr(&o).contains("shorter than 16 bytes"),
        "{}",
        stderr(&o)
    );
    let long = TempFile::secret(b"sixteen-bytes!!!\n");
    let o = passforge(&["token", "time", "--secret-file", long.path(), "--at", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A request-token vector as a `token request <sub>` command line: the secret and body
/// files (kept alive by the returned files), `--period`, `--json`, the binding's
/// `--method --path [--body-file]`, and `--NAME value` for each of `fields` (`at`, ...).
fn request_command(
    sub: &str,
    case: &serde_json::Value,
    fields: &[&str],
) -> (Vec<String>, Vec<TempFile>) {
    let text = |key: &str| case[key].as_str().expect(key).to_owned();
    let secret = TempFile::secret(text("secret").as_bytes());
    let mut args: Vec<String> = ["token", "request", sub, "--allow-short-secret", "--json"]
        .map(String::from)
        .into();
    args.extend(["--secret-file".into(), secret.path().to_owned()]);
    args.extend([
        "--method".into(),
        text("method"),
        "--path".into(),
        text("path"),
    ]);
    let mut files = vec![secret];
    // An empty body is the default: give no file for it.
    let body = text("body");
    if !body.is_empty() {
        let file = TempFile::secret(body.as_bytes());
        args.extend(["--body-file".into(), file.path().to_owned()]);
        files.push(file);
    }
    for field in ["period"].iter().chain(fields) {
        let value = &case[*field];
        let value = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned);
        args.extend([format!("--{field}"), value]);
    }
    (args, files)
}

#[test]
fn request_issue_prints_the_vector_tokens() {
    let doc = vectors();
    let cases = doc["request_tokens"].as_array().expect("cases");
    assert!(cases.len() >= 20);
    for case in cases {
        let name = &case["name"];
        let (args, _files) = request_command("issue", case, &["at", "nonce"]);
        let o = passforge(&args.iter().map(String::as_str).collect::<Vec<_>>());
        if let Some(code) = case["error"].as_str() {
            assert_usage_error_code(&o, code);
            continue;
        }
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let issued: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
        for key in ["token", "window", "nonce", "binding"] {
            assert_eq!(issued[key], case[key], "{name}: {key}");
        }
    }
}

#[test]
fn request_verify_runs_the_vectors() {
    let doc = vectors();
    let cases = doc["request_verify"].as_array().expect("cases");
    assert!(cases.len() >= 30);
    for case in cases {
        let name = &case["name"];
        // `--at` is the verifier's now.
        let (mut args, _files) = request_command("verify", case, &["skew"]);
        args.extend(["--at".into(), case["now"].to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let token = case["token"].as_str().expect("token");
        if token.is_empty() {
            // An empty line is no token: a usage error, as for `token verify`.
            assert_usage_error(&run(&args, b"\n"));
            continue;
        }
        let o = run(&args, format!("{token}\n").as_bytes());
        let verdict: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
        let valid = case["valid"] == true;
        assert_eq!(o.status.code(), Some(if valid { 0 } else { 1 }), "{name}");
        for key in ["valid", "window", "valid_until"] {
            assert_eq!(verdict[key], case[key], "{name}: {key}");
        }
    }
}

#[test]
fn request_tokens_have_fresh_nonces_and_bind_the_request() {
    let secret = TempFile::secret(b"sixteen-bytes!!!\n");
    let body = TempFile::secret(br#"{"user":"amoneil"}"#);
    let issue = |extra: &[&str]| {
        let mut args = vec![
            "token",
            "request",
            "issue",
            "--secret-file",
            secret.path(),
            "--method",
            "POST",
            "--path",
            "/v1/reset",
            "--body-file",
            body.path(),
        ];
        args.extend(extra);
        let o = passforge(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o).trim_end().to_owned()
    };
    let (a, b) = (issue(&[]), issue(&[]));
    assert_ne!(a, b, "a fresh OS nonce each time");
    let fields: Vec<&str> = a.split('.').collect();
    assert_eq!((fields.len(), fields[0], fields[2].len()), (4, "v1", 32));
    // A nonce may start with '-'.
    assert!(issue(&["--nonce", "-_-_-_-_-_-_-_-_"]).contains(".-_-_-_-_-_-_-_-_."));
    let verify = |token: &str, method: &str, body_file: &str| {
        run(
            &[
                "token",
                "request",
                "verify",
                "--secret-file",
                secret.path(),
                "--method",
                method,
                "--path",
                "/v1/reset",
                "--body-file",
                body_file,
            ],
            format!("{token}\n").as_bytes(),
        )
    };
    let o = verify(&a, "POST", body.path());
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), "valid\n".into()));
    assert_eq!(verify(&a, "PUT", body.path()).status.code(), Some(1));
    let other = TempFile::secret(br#"{"user":"root"}"#);
    assert_eq!(verify(&a, "POST", other.path()).status.code(), Some(1));
    // A missing body file is a usage error, not an empty body.
    let missing = std::env::temp_dir().join("passforge-cli-request-body-missing");
    assert_usage_error(&verify(&a, "POST", missing.to_str().expect("utf-8")));
    // The token comes from standard input or a file, never argv.
    let o = passforge(&[
        "token",
        "request",
        "verify",
        "--secret-file",
        secret.path(),
        "--method",
        "POST",
        "--path",
        "/",
        "--token",
        &a,
    ]);
    assert_usage_error(&o);
    // The short-secret rule holds here too.
    let short = TempFile::secret(b"s3cret\n");
    let o = passforge(&[
        "token",
        "request",
        "issue",
        "--secret-file",
        short.path(),
        "--method",
        "GET",
        "--path",
        "/",
    ]);
    assert_usage_error(&o);
    assert!(
        stderr(&o).contains("shorter than 16 bytes"),
        "{}",
        stderr(&o)
    );
}
