//! `passforge expiry` through the real binary, against the independent vectors in
//! tests/vectors/expiry.json.

mod common;

use common::{assert_usage_error, passforge, stderr, stdout};

#[test]
fn json_matches_every_vector() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/expiry.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("parse");
    for case in doc["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let mut args: Vec<String> = vec!["expiry".into(), "--json".into()];
        let mut push = |flag: &str, value: String| {
            args.push(flag.into());
            args.push(value);
        };
        match case["last_set"].as_str() {
            Some(text) => push("--last-set", text.into()),
            None => push("--pwd-last-set", case["pwd_last_set"].to_string()),
        }
        match case["max_age_days"].as_u64() {
            Some(days) => push("--max-age-days", days.to_string()),
            None => push("--max-pwd-age", case["max_pwd_age"].to_string()),
        }
        push("--user-account-control", case["uac"].to_string());
        push("--remind-days", case["remind_days"].to_string());
        push("--now", case["now"].as_str().expect("now").into());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = passforge(&args);
        let expect = &case["expect"];
        if expect["error"].is_string() {
            assert_usage_error(&o);
            continue;
        }
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let got: serde_json::Value = serde_json::from_str(&stdout(&o)).expect(name);
        assert_eq!(&got, expect, "{name}");
        let keys: Vec<&String> = got.as_object().expect("object").keys().collect();
        assert_eq!(keys.len(), 4, "{name}: exactly the four contract keys");
    }
}

#[test]
fn human_lines() {
    let run = |args: &[&str]| {
        let o = passforge(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert_eq!(out.lines().count(), 1, "{out}");
        out
    };
    let base = [
        "expiry",
        "--last-set",
        "2024-01-01T00:00:00Z",
        "--max-age-days",
        "60",
    ];
    let with = |rest: &[&'static str]| -> Vec<&'static str> {
        base.iter().copied().chain(rest.iter().copied()).collect()
    };
    let out = run(&with(&[
        "--remind-days",
        "30",
        "--now",
        "2024-02-01T00:00:00Z",
    ]));
    assert_eq!(
        out,
        "expires at 2024-03-01T00:00:00Z, 29 whole days left; remind\n"
    );
    let out = run(&with(&[
        "--remind-days",
        "10",
        "--now",
        "2024-02-01T00:00:00Z",
    ]));
    assert_eq!(out, "expires at 2024-03-01T00:00:00Z, 29 whole days left\n");
    let out = run(&with(&[
        "--remind-days",
        "30",
        "--now",
        "2024-03-01T00:00:00Z",
    ]));
    assert_eq!(out, "expired at 2024-03-01T00:00:00Z\n");
    let out = run(&[
        "expiry",
        "--pwd-last-set",
        "0",
        "--max-pwd-age",
        "-36288000000000",
        "--remind-days",
        "30",
    ]);
    assert!(out.starts_with("expired: must be changed"), "{out}");
    let out = run(&[
        "expiry",
        "--pwd-last-set",
        "133497984000000000",
        "--max-pwd-age",
        "-9223372036854775808",
        "--remind-days",
        "30",
    ]);
    assert_eq!(out, "never expires\n");
    let out = run(&with(&[
        "--remind-days",
        "30",
        "--user-account-control",
        "0x10200",
    ]));
    assert_eq!(out, "never expires\n");
    // Without --now the clock is used: 2024 + 60 days is long past.
    let out = run(&with(&["--remind-days", "30"]));
    assert!(out.starts_with("expired at 2024-03-01T00:00:00Z"), "{out}");
}

#[test]
fn bad_input_exits_2_with_one_error_line() {
    let cases: [&[&str]; 12] = [
        &["expiry", "--max-age-days", "60", "--remind-days", "30"],
        &[
            "expiry",
            "--last-set",
            "2024-01-01T00:00:00Z",
            "--remind-days",
            "30",
        ],
        &[
            "expiry",
            "--last-set",
            "2024-01-01T00:00:00Z",
            "--max-age-days",
            "60",
        ],
        &[
            "expiry",
            "--last-set",
            "yesterday",
            "--max-age-days",
            "60",
            "--remind-days",
            "30",
        ],
        &[
            "expiry",
            "--last-set",
            "2023-02-29T00:00:00Z",
            "--max-age-days",
            "60",
            "--remind-days",
            "30",
        ],
        &[
            "expiry",
            "--pwd-last-set",
            "-1",
            "--max-age-days",
            "60",
            "--remind-days",
            "30",
        ],
        &[
            "expiry",
            "--pwd-last-set",
            "1",
            "--max-pwd-age",
            "5",
            "--remind-days",
            "30",
        ],
        &[
            "expiry",
            "--pwd-last-set",
            "1",
            "--max-age-days",
            "-5",
            "--remind-days",
            "30",
        ],
        &[
            "expiry",
            "--last-set",
            "2024-01-01T00:00:00Z",
            "--pwd-last-set",
            "1",
            "--max-age-days",
            "60",
            "--remind-days",
            "30",
        ],
        &[
            "expiry",
            "--last-set",
            "2024-01-01T00:00:00Z",
            "--max-age-days",
            "60",
            "--max-pwd-age",
            "-1",
            "--remind-days",
            "30",
        ],
        &[
            "expiry",
            "--last-set",
            "2024-01-01T00:00:00Z",
            "--max-age-days",
            "60",
            "--remind-days",
            "30",
            "--now",
            "now",
        ],
        &[
            "expiry",
            "--last-set",
            "2024-01-01T00:00:00Z",
            "--max-age-days",
            "60",
            "--remind-days",
            "30",
            "--user-account-control",
            "0xZZ",
        ],
    ];
    for args in cases {
        assert_usage_error(&passforge(args));
    }
    // An expiry past the year 9999 cannot be written as RFC 3339: an error, not a panic.
    let o = passforge(&[
        "expiry",
        "--pwd-last-set",
        "9223372036854775807",
        "--max-pwd-age",
        "-1",
        "--remind-days",
        "30",
        "--now",
        "2024-01-01T00:00:00Z",
    ]);
    assert_usage_error(&o);
}
