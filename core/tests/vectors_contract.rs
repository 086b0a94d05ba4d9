#![allow(clippy::unwrap_used)] // helpers of a test: a panic is the failure report
//! Runs `tests/vectors/contract.json`: which input gives which error code, and which
//! generator options count as given (checked against a policy) or not (derived from it).
//! The CLI, Python and JS runners read the same file.

use passforge::{
    resolve_pso, ConfiguredGenerator, ErrorCode, GeneratorOptions, Policy, PolicyFormat,
    PsoCandidateSpec, RandomSource, StrengthCheck, UserContext,
};
use serde_json::Value;

fn corpus() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/contract.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["format"], "passforge-vectors/contract/1");
    doc
}

fn options(case: &Value) -> GeneratorOptions {
    serde_json::from_value(case["options"].clone()).unwrap()
}

fn context(case: &Value) -> UserContext {
    case.get("context")
        .map(|c| serde_json::from_value(c.clone()).unwrap())
        .unwrap_or_default()
}

fn policy(case: &Value) -> Option<Policy> {
    case.get("policy")
        .map(|p| Policy::from_json_mapping(&p.to_string()).unwrap())
}

fn generator(case: &Value) -> Result<ConfiguredGenerator, Box<dyn ErrorCode>> {
    ConfiguredGenerator::new(&options(case), policy(case).as_ref(), context(case))
        .map_err(|e| Box::new(e) as Box<dyn ErrorCode>)
}

/// The error code a case's call gives, or `None` when it succeeds.
fn error_of(case: &Value) -> Option<&'static str> {
    error_and_message(case).map(|(code, _)| code)
}

/// The code and message of a case's error.
fn error_and_message(case: &Value) -> Option<(&'static str, String)> {
    let seeded = RandomSource::SeededForTests(1);
    let result: Result<(), Box<dyn ErrorCode>> = match case["call"].as_str().unwrap() {
        "generator" => generator(case).map(drop),
        "generate" => generator(case).and_then(|g| {
            g.generate(seeded)
                .map(drop)
                .map_err(|e| Box::new(e) as Box<dyn ErrorCode>)
        }),
        "generate_many" => generator(case).and_then(|g| {
            let n = case["count"].as_u64().unwrap() as usize;
            g.generate_many(seeded, n)
                .map(drop)
                .map_err(|e| Box::new(e) as Box<dyn ErrorCode>)
        }),
        "policy_text" => {
            let format: PolicyFormat = case["format"].as_str().unwrap().parse().unwrap();
            Policy::parse(case["text"].as_str().unwrap(), format)
                .map(drop)
                .map_err(|e| Box::new(e) as Box<dyn ErrorCode>)
        }
        "policy_object" => Policy::from_json_mapping(&case["policy"].to_string())
            .map(drop)
            .map_err(|e| Box::new(e) as Box<dyn ErrorCode>),
        "strength_check" => StrengthCheck::parse(case["text"].as_str().unwrap())
            .map(drop)
            .map_err(|e| Box::new(e) as Box<dyn ErrorCode>),
        "pso" => {
            let specs: Vec<PsoCandidateSpec> =
                serde_json::from_value(case["candidates"].clone()).unwrap();
            specs
                .iter()
                .enumerate()
                .map(|(i, s)| s.to_candidate(i))
                .collect::<Result<Vec<_>, _>>()
                .map(|c| {
                    resolve_pso(&c);
                })
                .map_err(|e| Box::new(e) as Box<dyn ErrorCode>)
        }
        other => panic!("unknown call {other}"),
    };
    result.err().map(|e| (e.code(), e.to_string()))
}

#[test]
fn error_cases_give_their_codes() {
    for case in corpus()["errors"].as_array().unwrap() {
        let expected = case["error"].as_str().unwrap();
        assert_eq!(error_of(case), Some(expected), "{}", case["name"]);
        if let Some(key) = case.get("names").and_then(Value::as_str) {
            let (_, message) = error_and_message(case).unwrap();
            assert!(message.contains(key), "{}: {message}", case["name"]);
        }
        assert!(
            passforge::error_code_info(expected).is_some(),
            "{}: {expected} is not in the registry",
            case["name"]
        );
    }
}

#[test]
fn options_are_given_or_derived_as_the_corpus_says() {
    for case in corpus()["options"].as_array().unwrap() {
        let name = &case["name"];
        let expect = &case["expect"];
        match generator(case) {
            Ok(g) => assert_eq!(
                u64::from(g.generator().length()),
                expect["length"]
                    .as_u64()
                    .unwrap_or_else(|| panic!("{name}: {expect}")),
                "{name}"
            ),
            Err(e) => assert_eq!(Some(e.code()), expect["error"].as_str(), "{name}"),
        }
    }
}
