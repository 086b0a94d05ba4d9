//! Runs tests/vectors/validate.json, the policy-validation corpus every runtime runs.

use passforge::{PasswordHistory, Policy, PolicySpec, UserContext};
use serde_json::Value;

fn corpus() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/validate.json"
    );
    let text = std::fs::read_to_string(path).expect("read validate.json");
    serde_json::from_str(&text).expect("parse validate.json")
}

/// The case's history, newest (the current password) first.
struct History(Vec<String>);

impl PasswordHistory for History {
    type Error = std::convert::Infallible;
    fn contains(&self, password: &str, depth: u32) -> Result<bool, Self::Error> {
        Ok(self
            .0
            .iter()
            .take(depth as usize + 1)
            .any(|p| p == password))
    }
}

fn supported(feature: &str) -> bool {
    feature == "zxcvbn" && cfg!(feature = "zxcvbn")
}

#[test]
fn every_validate_vector_passes() {
    let doc = corpus();
    assert_eq!(doc["format"], "passforge-vectors/validate/1");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 50);
    let mut skipped = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let requires: Vec<&str> = case["requires"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(missing) = requires.iter().find(|f| !supported(f)) {
            skipped.push(format!("{name} (needs {missing})"));
            continue;
        }
        let spec: PolicySpec = serde_json::from_value(case["policy"].clone()).expect(name);
        let policy = match Policy::new(spec) {
            Ok(p) => p,
            Err(e) => {
                assert_eq!(case["expect_error"], e.code(), "{name}: {e}");
                continue;
            }
        };
        assert!(
            case["expect_error"].is_null(),
            "{name}: policy was accepted"
        );
        let context: UserContext = serde_json::from_value(case["context"].clone()).expect(name);
        let password = case["password"].as_str().expect(name);
        let violations = match case["history"].as_array() {
            Some(h) => {
                let h = History(
                    h.iter()
                        .map(|p| p.as_str().expect("history entry").to_owned())
                        .collect(),
                );
                policy
                    .validate_with_history(password, &context, &h)
                    .unwrap()
            }
            None => policy.validate(password, &context),
        };
        let got: Vec<&str> = violations.iter().map(|v| v.code()).collect();
        let want: Vec<&str> = case["expect"]
            .as_array()
            .expect(name)
            .iter()
            .map(|v| v.as_str().expect("code"))
            .collect();
        assert_eq!(got, want, "{name}");
        // Parameters, where the case lists them: each listed key must match.
        let json = serde_json::to_value(&violations).expect("serialize");
        if let Some(expected) = case["violations"].as_array() {
            for (i, want) in expected.iter().enumerate() {
                for (key, value) in want.as_object().expect("object") {
                    assert_eq!(&json[i][key], value, "{name}: violation {i} {key}");
                }
            }
        }
        // No violation repeats the password (context tokens may be substrings of it).
        if password.chars().count() >= 4 {
            for v in json.as_array().expect("array") {
                assert!(!v.to_string().contains(password), "{name}: echoed");
            }
        }
    }
    if !skipped.is_empty() {
        eprintln!(
            "skipped {} validate vectors: {}",
            skipped.len(),
            skipped.join(", ")
        );
    }
}
