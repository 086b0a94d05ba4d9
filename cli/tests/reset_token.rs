//! `passforge reset-token issue|verify` through the real binary; the token goes in on
//! standard input.

mod common;

use common::{assert_usage_error, passforge, run, stdout};

fn issue(now: &str) -> serde_json::Value {
    let o = passforge(&[
        "reset-token",
        "issue",
        "--now",
        now,
        "--lifetime",
        "600",
        "--json",
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("json")
}

#[test]
fn issued_tokens_are_256_bit_url_safe_and_stored_as_their_sha256() {
    let v = issue("2026-11-23T12:00:00Z");
    let token = v["token"].as_str().expect("token");
    assert_eq!(token.len(), 43, "256 bits in unpadded base64");
    assert!(token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert_eq!(v["issued_at"], "2026-11-23T12:00:00Z");
    assert_eq!(v["expires_at"], "2026-11-23T12:10:00Z");
    let digest = v["digest"].as_str().expect("digest");
    assert_eq!(digest.len(), 64);
    assert_ne!(
        issue("2026-11-23T12:00:00Z")["token"],
        v["token"],
        "OS randomness"
    );
}

#[test]
fn text_output_labels_everything_verify_needs() {
    let o = passforge(&[
        "reset-token",
        "issue",
        "--now",
        "2026-11-23T12:00:00Z",
        "--lifetime",
        "60",
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = stdout(&o);
    let field = |label: &str| -> String {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{label}: ")))
            .unwrap_or_else(|| panic!("no {label} line in {text}"))
            .to_owned()
    };
    let labels: Vec<&str> = text.lines().filter_map(|l| l.split(": ").next()).collect();
    assert_eq!(labels, ["token", "digest", "issued_at", "expires_at"]);
    assert_eq!(field("token").len(), 43);
    assert_eq!(field("digest").len(), 64);
    assert_eq!(field("issued_at"), "2026-11-23T12:00:00Z");
    assert_eq!(field("expires_at"), "2026-11-23T12:01:00Z");
    // What was printed is enough to verify.
    let o = run(
        &[
            "reset-token",
            "verify",
            "--digest",
            &field("digest"),
            "--expires-at",
            &field("expires_at"),
            "--now",
            "2026-11-23T12:00:30Z",
        ],
        format!("{}\n", field("token")).as_bytes(),
    );
    assert_eq!((o.status.code(), stdout(&o).trim()), (Some(0), "valid"));
    let help = stdout(&passforge(&["reset-token", "issue", "--help"]));
    assert!(
        help.contains("--json") && help.contains("instead of labelled lines"),
        "{help}"
    );
}

#[test]
fn verify_accepts_until_expiry_and_refuses_a_wrong_token() {
    let v = issue("2026-11-23T12:00:00Z");
    let token = format!("{}\n", v["token"].as_str().expect("token"));
    let digest = v["digest"].as_str().expect("digest");
    let check = |now: &str, input: &str| {
        run(
            &[
                "reset-token",
                "verify",
                "--digest",
                digest,
                "--expires-at",
                "2026-11-23T12:10:00Z",
                "--now",
                now,
            ],
            input.as_bytes(),
        )
    };
    let o = check("2026-11-23T12:09:59Z", &token);
    assert_eq!((o.status.code(), stdout(&o).trim()), (Some(0), "valid"));
    let o = check("2026-11-23T12:10:00Z", &token);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("expired"));
    let o = check("2026-11-23T12:00:00Z", "not-the-token\n");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn bad_input_is_a_usage_error() {
    assert_usage_error(&run(
        &[
            "reset-token",
            "verify",
            "--digest",
            "zz",
            "--expires-at",
            "2026-11-23T12:10:00Z",
        ],
        b"x\n",
    ));
    assert_usage_error(&passforge(&["reset-token", "issue", "--now", "yesterday"]));
    assert_usage_error(&passforge(&["reset-token", "verify", "--token", "x"]));
}
