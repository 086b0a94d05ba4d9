//! Runs tests/vectors/assessments.json (the strength-check estimate, weak settings, the
//! one-time-code lint, the security-answer rehash rule), computed independently with
//! Python integers by tests/vectors/tools/make_assessment_vectors.py.

use passforge::{
    AnswerHashParams, Generator, GeneratorSettings, OneTimeCodePolicy, OneTimeCodeSettings,
    SecurityAnswerHasher,
};
use serde_json::Value;

/// Python and Rust compute the Wilson bound in a different order of operations.
const SHARE_EPSILON: f64 = 1e-12;

fn corpus() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/assessments.json"
    );
    let text = std::fs::read_to_string(path).expect("read assessments.json");
    let doc: Value = serde_json::from_str(&text).expect("parse assessments.json");
    assert_eq!(doc["format"], "passforge-vectors/assessments/1");
    doc
}

fn cases<'a>(doc: &'a Value, key: &str, at_least: usize) -> &'a Vec<Value> {
    let cases = doc[key].as_array().expect(key);
    assert!(cases.len() >= at_least, "{key}: only {} cases", cases.len());
    cases
}

fn name(case: &Value) -> &str {
    case["name"].as_str().expect("name")
}

fn float(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

fn generator(case: &Value) -> Generator {
    let settings: GeneratorSettings = serde_json::from_value(case["settings"].clone())
        .unwrap_or_else(|e| panic!("{}: {e}", name(case)));
    Generator::new(&settings).unwrap_or_else(|e| panic!("{}: {e}", name(case)))
}

#[test]
fn strength_check_estimates() {
    let doc = corpus();
    for case in cases(&doc, "strength_estimates", 8) {
        let name = name(case);
        let expect = &case["expect"];
        let g = generator(case);
        let bits = g.entropy_bits();
        assert!(
            (bits - float(expect, "entropy_bits")).abs() < 1e-9,
            "{name}"
        );
        let e = g.strength_check_estimate();
        assert_eq!(e.samples, expect["samples"], "{name}");
        assert!(
            float(expect, "share_min") - SHARE_EPSILON <= e.share
                && e.share <= float(expect, "share_max") + SHARE_EPSILON,
            "{name}: share {} outside [{}, {}]",
            e.share,
            expect["share_min"],
            expect["share_max"]
        );
        let after = if e.share > 0.0 {
            (bits + e.share.log2()).clamp(0.0, bits)
        } else {
            0.0
        };
        assert!((e.entropy_bits - after).abs() < 1e-9, "{name}: {e:?}");
        assert!(e.entropy_bits <= bits, "{name}");
    }
}

#[test]
fn weak_settings() {
    let doc = corpus();
    for case in cases(&doc, "weak_settings", 6) {
        let name = name(case);
        let g = generator(case);
        let expect = &case["expect"];
        assert!(
            (g.entropy_bits() - float(expect, "entropy_bits")).abs() < 1e-9,
            "{name}"
        );
        assert_eq!(g.is_weak(), expect["is_weak"] == true, "{name}");
    }
}

#[test]
fn code_lints() {
    let doc = corpus();
    for case in cases(&doc, "code_lints", 10) {
        let name = name(case);
        let settings: OneTimeCodeSettings =
            serde_json::from_value(case["settings"].clone()).expect(name);
        let expect = &case["expect"];
        let policy = match OneTimeCodePolicy::new(&settings) {
            Ok(p) => p,
            Err(e) => {
                assert_eq!(expect["error"], e.code(), "{name}: {e}");
                continue;
            }
        };
        let got: Vec<(&str, &str)> = policy
            .lint()
            .iter()
            .map(|f| (f.code, f.severity.as_str()))
            .collect();
        let want: Vec<(&str, &str)> = expect["findings"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: expected {expect}"))
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().expect("code"),
                    f["severity"].as_str().expect("severity"),
                )
            })
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn answer_rehash() {
    let doc = corpus();
    for case in cases(&doc, "answer_rehash", 12) {
        let name = name(case);
        let hasher = match case["hasher"].as_object() {
            None => SecurityAnswerHasher::default(),
            Some(h) => {
                let get = |k: &str| h[k].as_u64().and_then(|v| u32::try_from(v).ok()).expect(k);
                SecurityAnswerHasher::new(AnswerHashParams {
                    memory_kib: get("memory_kib"),
                    iterations: get("iterations"),
                    parallelism: get("parallelism"),
                })
                .expect(name)
            }
        };
        let stored = case["stored"].as_str().expect("stored");
        let expect = &case["expect"];
        match hasher.needs_rehash(stored) {
            Ok(needs) => assert_eq!(expect["needs_rehash"], needs, "{name}"),
            Err(e) => assert_eq!(expect["error"], e.code(), "{name}: {e}"),
        }
        // A real hash verifies its answer (so a front-end that reports a rehash only
        // after a match can run the case).
        if let Some(answer) = case["answer"].as_str() {
            assert_eq!(
                SecurityAnswerHasher::verify(stored, answer).map_err(|e| e.code()),
                Ok(true),
                "{name}"
            );
        }
    }
}
