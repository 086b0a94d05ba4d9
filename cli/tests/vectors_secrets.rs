//! Runs `tests/vectors/secrets.json` through `passforge pin` and `passforge url-token`:
//! each case prints its output (with `--seed`) or ends in an `error: CODE: …` line.

mod common;

use common::{passforge, stderr, stdout};
use serde_json::Value;

#[test]
fn every_case_prints_its_output_or_code() {
    let text = std::fs::read_to_string(common::repo_path("tests/vectors/secrets.json"))
        .expect("read secrets.json");
    let doc: Value = serde_json::from_str(&text).expect("secrets.json is JSON");
    assert_eq!(doc["format"], "passforge-vectors/secrets/1");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10);
    for case in cases {
        let name = &case["name"];
        let seed = case["seed"].to_string();
        let (command, flag, value) = match case["call"].as_str().expect("call") {
            "pin" => ("pin", "--length", case["length"].to_string()),
            "token_urlsafe" => ("url-token", "--bytes", case["nbytes"].to_string()),
            other => panic!("unknown call {other}"),
        };
        let o = passforge(&[command, flag, &value, "--seed", &seed]);
        match case["error"].as_str() {
            Some(code) => {
                assert_eq!(o.status.code(), Some(2), "{name}");
                let prefix = format!("error: {code}: ");
                assert!(stderr(&o).contains(&prefix), "{name}: {}", stderr(&o));
            }
            None => {
                assert!(o.status.success(), "{name}: {}", stderr(&o));
                let expected = case["expect"].as_str().expect("expect");
                assert_eq!(stdout(&o), format!("{expected}\n"), "{name}");
                assert!(stderr(&o).contains("for tests only"), "{name}");
            }
        }
    }
}

#[test]
fn defaults_are_six_digits_and_32_bytes() {
    let pin = stdout(&passforge(&["pin"]));
    assert_eq!(pin.trim_end().len(), 6);
    assert!(pin.trim_end().bytes().all(|b| b.is_ascii_digit()));
    let token = stdout(&passforge(&["url-token"]));
    assert_eq!(token.trim_end().len(), 43);
    // Without --seed: fresh from the OS, so two differ (2^-256 chance otherwise).
    assert_ne!(token, stdout(&passforge(&["url-token"])));
}
