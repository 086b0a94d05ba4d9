#![allow(clippy::unwrap_used)] // helpers of a test: a panic is the failure report
//! Runs `tests/vectors/secrets.json`: PINs (`GeneratorSettings::pin`) and URL-safe tokens
//! (`url_safe_token_with`) from the test seed, exact outputs, and their errors. The CLI,
//! Python and JS runners read the same file.
//!
//! The outputs are frozen: `PASSFORGE_BLESS=1 cargo test -p passforge --test
//! vectors_secrets` writes them from this implementation (a change to them is a change to
//! the contract, to be made deliberately).

use base64ct::{Base64UrlUnpadded, Encoding};
use passforge::{url_safe_token_with, DeterministicRng, Generator, GeneratorSettings, RngCore};
use serde_json::Value;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/secrets.json");

/// A case's output, or its error code.
fn run(case: &Value) -> Result<String, &'static str> {
    let seed = case["seed"].as_u64().unwrap();
    let mut rng = DeterministicRng::from_seed_for_tests(seed);
    match case["call"].as_str().unwrap() {
        "pin" => {
            let length = u32::try_from(case["length"].as_u64().unwrap()).unwrap();
            let generator =
                Generator::new(&GeneratorSettings::pin(length)).map_err(|e| e.code())?;
            let pin = generator.generate_with(&mut rng).map_err(|e| e.code())?;
            Ok(pin.as_str().to_owned())
        }
        "token_urlsafe" => {
            let nbytes = case["nbytes"].as_u64().unwrap() as usize;
            let token = url_safe_token_with(&mut rng, nbytes).map_err(|e| e.code())?;
            Ok(token.as_str().to_owned())
        }
        other => panic!("unknown call {other}"),
    }
}

#[test]
fn every_case_gives_its_output_or_code() {
    let text = std::fs::read_to_string(PATH).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "passforge-vectors/secrets/1");
    let bless = std::env::var_os("PASSFORGE_BLESS").is_some();
    for case in doc["cases"].as_array_mut().unwrap() {
        let name = case["name"].clone();
        match (run(case), case.get("error").and_then(Value::as_str)) {
            (Err(code), Some(expected)) => {
                assert_eq!(code, expected, "{name}");
                assert!(passforge::error_code_info(code).is_some(), "{name}");
            }
            (Ok(out), None) if bless => case["expect"] = Value::String(out),
            (Ok(out), None) => assert_eq!(Some(out.as_str()), case["expect"].as_str(), "{name}"),
            (got, expected) => panic!("{name}: got {got:?}, expected error {expected:?}"),
        }
    }
    if bless {
        std::fs::write(PATH, written(&doc)).unwrap();
    }
}

/// The corpus as it is kept: one case per line, keys in a fixed order.
fn written(doc: &Value) -> String {
    const KEYS: [&str; 7] = [
        "name", "call", "length", "nbytes", "seed", "expect", "error",
    ];
    let cases: Vec<String> = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| {
            let fields: Vec<String> = KEYS
                .iter()
                .filter_map(|k| case.get(*k).map(|v| format!("\"{k}\": {v}")))
                .collect();
            format!("  {{{}}}", fields.join(", "))
        })
        .collect();
    format!(
        "{{\"format\": {},\n \"cases\": [\n{}\n ]}}\n",
        doc["format"],
        cases.join(",\n")
    )
}

/// What the corpus asserts holds by construction, checked on its own outputs.
#[test]
fn outputs_have_their_shape() {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(PATH).unwrap()).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        let Some(out) = case["expect"].as_str() else {
            continue;
        };
        let name = &case["name"];
        if case["call"] == "pin" {
            assert_eq!(out.len() as u64, case["length"].as_u64().unwrap(), "{name}");
            assert!(out.bytes().all(|b| b.is_ascii_digit()), "{name}");
        } else {
            // The token is the seeded stream's first bytes, in unpadded base64url.
            let n = case["nbytes"].as_u64().unwrap() as usize;
            let mut bytes = vec![0u8; n];
            DeterministicRng::from_seed_for_tests(case["seed"].as_u64().unwrap())
                .fill_bytes(&mut bytes);
            assert_eq!(out, Base64UrlUnpadded::encode_string(&bytes), "{name}");
        }
    }
}
