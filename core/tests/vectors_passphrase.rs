//! Runs tests/vectors/passphrase.json, the corpus every runtime runs.

use passforge::{
    ConfiguredPassphraseGenerator, DeterministicRng, ErrorCode, PassphraseSettings,
    PolicyGenerateError, UserContext, WordList,
};
use serde_json::Value;

fn corpus() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/passphrase.json"
    );
    let text = std::fs::read_to_string(path).expect("read passphrase.json");
    serde_json::from_str(&text).expect("parse passphrase.json")
}

/// The case's generator, or the code (and shortfall codes) building it fails with.
fn build(case: &Value) -> Result<ConfiguredPassphraseGenerator, (String, Vec<String>)> {
    let name = case["name"].as_str().expect("name");
    let settings: PassphraseSettings =
        serde_json::from_value(case["settings"].clone()).expect(name);
    let list = match case.get("wordlist") {
        None => WordList::eff_large(),
        Some(words) => {
            let words: Vec<String> = serde_json::from_value(words.clone()).expect(name);
            WordList::from_words(&words).map_err(|e| (e.code().to_owned(), vec![]))?
        }
    };
    let policy = case
        .get("policy")
        .map(|p| serde_json::from_value::<passforge::Policy>(p.clone()).expect(name));
    let context: UserContext = case.get("context").map_or_else(UserContext::default, |c| {
        serde_json::from_value(c.clone()).expect(name)
    });
    ConfiguredPassphraseGenerator::new(&settings, &list, policy.as_ref(), context).map_err(|e| {
        let reasons = match &e {
            PolicyGenerateError::Settings(s) => {
                s.reasons().iter().map(|r| r.code().to_owned()).collect()
            }
            _ => vec![],
        };
        (ErrorCode::code(&e).to_owned(), reasons)
    })
}

#[test]
fn every_passphrase_vector_passes() {
    let doc = corpus();
    assert_eq!(doc["format"], "passforge-vectors/passphrase/1");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 20);
    let mut names = std::collections::HashSet::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        assert!(names.insert(name), "{name} twice");
        let expect = &case["expect"];
        match build(case) {
            Err((code, reasons)) => {
                assert_eq!(expect["error"], code.as_str(), "{name}");
                if let Some(want) = expect.get("reasons") {
                    assert_eq!(*want, serde_json::json!(reasons), "{name}");
                }
            }
            Ok(g) => {
                assert!(
                    expect.get("error").is_none(),
                    "{name}: expected {}",
                    expect["error"]
                );
                let seed = case["seed"].as_u64().expect(name);
                let count = case["count"].as_u64().expect(name) as usize;
                let got: Vec<String> = g
                    .generate_many_with(&mut DeterministicRng::from_seed_for_tests(seed), count)
                    .expect(name)
                    .iter()
                    .map(|p| p.as_str().to_owned())
                    .collect();
                assert_eq!(serde_json::json!(got), expect["passphrases"], "{name}");
                let core = g.generator();
                assert_eq!(u64::from(core.words()), expect["words"], "{name}");
                assert_eq!(
                    core.passphrase_count(),
                    expect["passphrase_count"].as_str().expect(name),
                    "{name}"
                );
                let bits = expect["entropy_bits"].as_f64().expect(name);
                assert!((core.entropy_bits() - bits).abs() < 1e-9, "{name}");
            }
        }
    }
}
