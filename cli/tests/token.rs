//! `passforge token time|verify` through the real binary, against the independent vectors
//! in tests/vectors/tokens.json.

mod common;

use common::{assert_usage_error, passforge, stderr, stdout};

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A secret file with a unique name in the temp directory, removed on drop.
struct SecretFile(PathBuf);

impl SecretFile {
    fn new(contents: &[u8]) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "passforge-cli-token-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, contents).expect("write secret file");
        Self(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }
}

impl Drop for SecretFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn vectors() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/tokens.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("parse")
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
        let file = SecretFile::new(format!("{secret}\n").as_bytes());
        let at = case["at"].to_string();
        let period = case["period"].to_string();
        let mut args = vec!["token", "time", "--secret-file", file.path(), "--at", &at];
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
        let file = SecretFile::new(contents);
        let o = passforge(&[
            "token",
            "time",
            "--secret-file",
            file.path(),
            "--at",
            "1700000000",
        ]);
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
    let file = SecretFile::new(b"s3cret\n");
    let make = |at: &str, hmac: bool| {
        let mut args = vec!["token", "time", "--secret-file", file.path(), "--at", at];
        if hmac {
            args.push("--hmac");
        }
        let o = passforge(&args);
        assert!(o.status.success());
        stdout(&o).trim_end().to_owned()
    };
    let verify = |token: &str, at: &str, extra: &[&str]| {
        let mut args = vec!["token", "verify", "--secret-file", file.path()];
        args.extend(["--token", token, "--at", at]);
        args.extend(extra);
        passforge(&args)
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
    let o = passforge(&["token", "time", "--secret-file", file.path()]);
    let now_token = stdout(&o).trim_end().to_owned();
    let o = passforge(&[
        "token",
        "verify",
        "--secret-file",
        file.path(),
        "--token",
        &now_token,
    ]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn negative_instants_are_accepted() {
    let file = SecretFile::new(b"s3cret");
    let o = passforge(&["token", "time", "--secret-file", file.path(), "--at", "-1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Python: hashlib.sha1(b"s3cret-1").hexdigest()
    assert_eq!(
        stdout(&o).trim_end(),
        "71100e557e43e7c7478162b9df0a51e32be54e32"
    );
}

#[test]
fn bad_input_exits_2_with_one_error_line() {
    let empty = SecretFile::new(b"");
    let newline_only = SecretFile::new(b"\n");
    let big = SecretFile::new(&vec![b'a'; 64 * 1024 + 1]);
    let ok = SecretFile::new(b"s3cret");
    let missing = std::env::temp_dir().join("passforge-cli-token-does-not-exist");
    let missing = missing.to_str().expect("utf-8");
    for args in [
        vec!["token", "time", "--secret-file", empty.path()],
        vec!["token", "time", "--secret-file", newline_only.path()],
        vec!["token", "time", "--secret-file", big.path()],
        vec!["token", "time", "--secret-file", missing],
        vec!["token", "time", "--secret-file", ok.path(), "--period", "0"],
        vec!["token", "time", "--secret-file", ok.path(), "--at", "soon"],
        vec!["token", "time"],
        vec!["token", "time", "--secret", "s3cret"],
        vec!["token", "verify", "--secret-file", ok.path()],
        vec![
            "token",
            "verify",
            "--secret-file",
            ok.path(),
            "--token",
            "x",
            "--skew",
            "11",
        ],
        vec![
            "token",
            "verify",
            "--secret-file",
            empty.path(),
            "--token",
            "x",
        ],
    ] {
        let o = passforge(&args);
        assert_usage_error(&o);
    }
    // 64 KiB exactly is accepted.
    let limit = SecretFile::new(&vec![b'a'; 64 * 1024]);
    let o = passforge(&["token", "time", "--secret-file", limit.path(), "--at", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
