//! Runs tests/vectors/generate.json, the corpus every runtime runs.

use passforge::{DeterministicRng, Generator, GeneratorSettings};
use serde_json::Value;

fn corpus() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/generate.json"
    );
    let text = std::fs::read_to_string(path).expect("read generate.json");
    serde_json::from_str(&text).expect("parse generate.json")
}

#[test]
fn every_generate_vector_passes() {
    let doc = corpus();
    assert_eq!(doc["format"], "passforge-vectors/generate/1");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let settings: GeneratorSettings =
            serde_json::from_value(case["settings"].clone()).expect(name);
        let expect = &case["expect"];
        let generator = match Generator::new(&settings) {
            Ok(g) => g,
            Err(e) => {
                assert_eq!(expect["error"], e.code(), "{name}: {e}");
                continue;
            }
        };
        let seed = case["seed"].as_u64().expect(name);
        let count = case["count"].as_u64().expect(name) as usize;
        let mut rng = DeterministicRng::from_seed_for_tests(seed);
        match generator.generate_many_with(&mut rng, count) {
            Err(e) => assert_eq!(expect["error"], e.code(), "{name}: {e}"),
            Ok(passwords) => {
                let got: Vec<&str> = passwords.iter().map(|p| p.as_str()).collect();
                let want: Vec<&str> = expect["passwords"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{name}: expected error {}", expect["error"]))
                    .iter()
                    .map(|v| v.as_str().expect("password"))
                    .collect();
                assert_eq!(got, want, "{name}");
                assert_eq!(u64::from(generator.length()), expect["length"], "{name}");
                let entropy = expect["entropy_bits"].as_f64().expect("entropy");
                assert!((generator.entropy_bits() - entropy).abs() < 1e-9, "{name}");
            }
        }
    }
}
