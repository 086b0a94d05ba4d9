//! Runs `tests/vectors/contract.json` through the binary: each error case must end in an
//! `error: CODE: …` line with the case's code, and each option case must give the length
//! or the code the corpus says. Cases the CLI cannot express are skipped by name.

mod common;

use common::{passforge, stderr, stdout, TempFile};
use serde_json::Value;

/// Cases the CLI cannot run, and why.
const SKIPS: &[(&str, &str)] = &[
    (
        "batch above the maximum",
        "the CLI streams --count in chunks below the core's batch cap",
    ),
    (
        "context without a policy",
        "clap refuses --username without --policy before the core is called",
    ),
];

fn corpus() -> Value {
    let text = std::fs::read_to_string(common::repo_path("tests/vectors/contract.json"))
        .expect("read contract.json");
    serde_json::from_str(&text).expect("contract.json is JSON")
}

fn skipped(case: &Value) -> bool {
    let name = case["name"].as_str().expect("name");
    match SKIPS.iter().find(|(n, _)| *n == name) {
        Some((_, why)) => {
            eprintln!("skip {name:?}: {why}");
            true
        }
        None => false,
    }
}

/// `generate` flags for a case's options, policy and context; the files live as long as
/// the returned guard.
fn generate_args(case: &Value) -> (Vec<String>, Vec<TempFile>) {
    let mut args = vec![
        "generate".to_owned(),
        "--seed".into(),
        "1".into(),
        "-j".into(),
    ];
    let mut files = Vec::new();
    for (key, value) in case["options"].as_object().expect("options") {
        let flag = format!("--{}", key.replace('_', "-"));
        match value {
            Value::Bool(true) => args.push(flag),
            Value::Bool(false) => {} // a switch that is off is the flag left out
            Value::Number(n) => args.extend([flag, n.to_string()]),
            Value::String(s) => args.extend([flag, s.clone()]),
            other => panic!("option {key}: {other}"),
        }
    }
    if let Some(policy) = case.get("policy") {
        let file = TempFile::named(".json", policy.to_string().as_bytes(), 0o600);
        args.extend(["--policy".into(), file.path().to_owned()]);
        files.push(file);
    }
    for (key, value) in case
        .get("context")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let flag = format!("--{}", key.replace('_', "-"));
        args.extend([flag, value.as_str().expect("context text").to_owned()]);
    }
    if let Some(n) = case.get("count") {
        args.extend(["-n".into(), n.to_string()]);
    }
    (args, files)
}

/// The code at the start of the `error:` line, after checking the usage-error contract.
fn error_code(output: &std::process::Output) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    let line = err
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line: {err}"));
    let rest = &line["error: ".len()..];
    rest.split(':').next().unwrap_or_default().to_owned()
}

fn run_error_case(case: &Value) -> String {
    let file_case = |suffix: &str, contents: String, command: &[&str]| {
        let file = TempFile::named(suffix, contents.as_bytes(), 0o600);
        let mut args: Vec<&str> = command.to_vec();
        args.push(file.path());
        error_code(&passforge(&args))
    };
    match case["call"].as_str().expect("call") {
        "generator" | "generate" | "generate_many" => {
            let (args, _files) = generate_args(case);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            error_code(&passforge(&args))
        }
        "policy_text" => {
            let suffix = format!(".{}", case["format"].as_str().expect("format"));
            let text = case["text"].as_str().expect("text").to_owned();
            file_case(&suffix, text, &["policy", "lint"])
        }
        // The CLI reads policies from files only: the object as a JSON file, whose error
        // is located by line and column instead of naming the key (`names` is not checked).
        "policy_object" => file_case(".json", case["policy"].to_string(), &["policy", "lint"]),
        "strength_check" => error_code(&passforge(&[
            "generate",
            "--strength-check",
            case["text"].as_str().expect("text"),
        ])),
        "pso" => {
            let doc = serde_json::json!({ "pso": case["candidates"] }).to_string();
            file_case(".json", doc, &["policy", "resolve-pso"])
        }
        other => panic!("unknown call {other}"),
    }
}

#[test]
fn error_cases_end_in_their_codes() {
    for case in corpus()["errors"].as_array().expect("errors") {
        if skipped(case) {
            continue;
        }
        let expected = case["error"].as_str().expect("error");
        assert_eq!(run_error_case(case), expected, "{}", case["name"]);
    }
}

#[test]
fn options_are_given_or_derived_as_the_corpus_says() {
    for case in corpus()["options"].as_array().expect("options") {
        if skipped(case) {
            continue;
        }
        let (args, _files) = generate_args(case);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = passforge(&args);
        let expect = &case["expect"];
        match expect.get("error") {
            Some(code) => assert_eq!(error_code(&output), *code, "{}", case["name"]),
            None => {
                assert!(
                    output.status.success(),
                    "{}: {}",
                    case["name"],
                    stderr(&output)
                );
                let json: Value = serde_json::from_str(&stdout(&output)).expect("json");
                assert_eq!(json["length"], expect["length"], "{}", case["name"]);
            }
        }
    }
}
