//! Runs tests/vectors/assessments.json through the binary where the CLI exposes the
//! assessment: `generate --json` (the strength-check share and the entropy after it, the
//! weak-settings warning), `code --lint --json`, and `answer verify` (its rehash note after
//! a match, its errors). Cases the CLI cannot express are skipped by name.

mod common;

use common::{assert_usage_error_code, passforge, run, stderr, stdout, TempFile};
use serde_json::Value;

const NO_REHASH_COMMAND: &str = "the CLI has no rehash command: `answer verify` notes a weak \
     hash only after a match (a real hash) and only against the default costs";

const SKIPS: &[(&str, &str)] = &[
    (
        "code lint: no pause",
        "`code --lint` has no flag for min_seconds_between_sends (the lint does not use it)",
    ),
    (
        "rehash: weak real hash against its own costs",
        NO_REHASH_COMMAND,
    ),
    ("rehash: less memory", NO_REHASH_COMMAND),
    ("rehash: more memory", NO_REHASH_COMMAND),
    ("rehash: fewer passes", NO_REHASH_COMMAND),
    ("rehash: more passes, less memory", NO_REHASH_COMMAND),
    ("rehash: fewer lanes", NO_REHASH_COMMAND),
    ("rehash: more lanes", NO_REHASH_COMMAND),
    ("rehash: Argon2 version 0x10", NO_REHASH_COMMAND),
    (
        "rehash: no version (Argon2's default, 0x13)",
        NO_REHASH_COMMAND,
    ),
    (
        "rehash: parameters left out take Argon2's defaults",
        NO_REHASH_COMMAND,
    ),
];

fn corpus() -> Value {
    let text = std::fs::read_to_string(common::repo_path("tests/vectors/assessments.json"))
        .expect("read assessments.json");
    let doc: Value = serde_json::from_str(&text).expect("parse");
    assert_eq!(doc["format"], "passforge-vectors/assessments/1");
    doc
}

fn name(case: &Value) -> &str {
    case["name"].as_str().expect("name")
}

fn skipped(case: &Value) -> bool {
    match SKIPS.iter().find(|(n, _)| *n == name(case)) {
        Some((n, why)) => {
            eprintln!("skip {n:?}: {why}");
            true
        }
        None => false,
    }
}

#[test]
fn skips_name_existing_cases() {
    let doc = corpus();
    let names: Vec<&str> = [
        "strength_estimates",
        "weak_settings",
        "code_lints",
        "answer_rehash",
    ]
    .iter()
    .flat_map(|k| doc[k].as_array().expect(k).iter().map(name))
    .collect();
    for (n, _) in SKIPS {
        assert!(names.contains(n), "SKIPS names no case {n:?}");
    }
}

/// `generate --json --count 1` with the case's settings as flags (`--lower-set=…`).
fn generate(settings: &Value) -> std::process::Output {
    let mut args = vec![
        "generate".to_owned(),
        "--json".into(),
        "--count".into(),
        "1".into(),
    ];
    for (key, value) in settings.as_object().expect("settings") {
        let flag = format!("--{}", key.replace('_', "-"));
        match value {
            Value::Bool(true) => args.push(flag),
            Value::String(s) => args.push(format!("{flag}={s}")),
            other => args.push(format!("{flag}={other}")),
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    passforge(&args)
}

fn float(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

#[test]
fn strength_check_estimates() {
    for case in corpus()["strength_estimates"].as_array().expect("cases") {
        let name = name(case);
        let expect = &case["expect"];
        let o = generate(&case["settings"]);
        if float(expect, "share_exact") == 0.0 {
            // Nothing passes: generation fails before any estimate is printed.
            assert_usage_error_code(&o, "STRENGTH_CHECK_UNMET");
            continue;
        }
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out: Value = serde_json::from_str(&stdout(&o)).expect("json");
        let bits = float(&out, "entropy_bits");
        assert!(
            (bits - float(expect, "entropy_bits")).abs() < 1e-9,
            "{name}"
        );
        if case["settings"].get("strength_check").is_none() {
            assert!(out.get("strength_check_share").is_none(), "{name}: {out}");
            continue;
        }
        let share = float(&out, "strength_check_share");
        // 1e-12: Python and Rust compute the Wilson bound in a different order.
        assert!(
            float(expect, "share_min") - 1e-12 <= share
                && share <= float(expect, "share_max") + 1e-12,
            "{name}: share {share}"
        );
        let after = (bits + share.log2()).clamp(0.0, bits);
        assert!(
            (float(&out, "entropy_bits_after_check") - after).abs() < 1e-9,
            "{name}: {out}"
        );
    }
}

#[test]
fn weak_settings_warn() {
    for case in corpus()["weak_settings"].as_array().expect("cases") {
        let name = name(case);
        let o = generate(&case["settings"]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out: Value = serde_json::from_str(&stdout(&o)).expect("json");
        let expect = &case["expect"];
        assert!(
            (float(&out, "entropy_bits") - float(expect, "entropy_bits")).abs() < 1e-9,
            "{name}"
        );
        let warned = stderr(&o).contains("warning: these settings allow only 2^");
        assert_eq!(warned, expect["is_weak"] == true, "{name}: {}", stderr(&o));
    }
}

#[test]
fn code_lints() {
    for case in corpus()["code_lints"].as_array().expect("cases") {
        if skipped(case) {
            continue;
        }
        let name = name(case);
        let mut args = vec!["code".to_owned(), "--lint".into(), "--json".into()];
        for (key, value) in case["settings"].as_object().expect("settings") {
            let flag = match key.as_str() {
                "digits" => "--digits",
                "lifetime_seconds" => "--lifetime",
                "max_sends" => "--max-sends",
                "send_window_seconds" => "--send-window",
                "max_attempts" => "--max-attempts",
                other => panic!("{name}: no flag for {other}; add the case to SKIPS"),
            };
            args.extend([flag.to_owned(), value.to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = passforge(&args);
        let expect = &case["expect"];
        if let Some(code) = expect["error"].as_str() {
            assert_usage_error_code(&o, code);
            continue;
        }
        let out: Value = serde_json::from_str(&stdout(&o)).expect("json");
        let got: Vec<(&Value, &Value)> = out["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| (&f["code"], &f["severity"]))
            .collect();
        let want: Vec<(&Value, &Value)> = expect["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| (&f["code"], &f["severity"]))
            .collect();
        assert_eq!(got, want, "{name}");
        let warns = want.iter().any(|(_, s)| *s == "warning");
        assert_eq!(o.status.code(), Some(i32::from(warns)), "{name}");
    }
}

#[test]
fn answer_rehash_notes_and_errors() {
    for case in corpus()["answer_rehash"].as_array().expect("cases") {
        if skipped(case) {
            continue;
        }
        let name = name(case);
        assert!(
            case["hasher"].is_null(),
            "{name}: the CLI verifies against the defaults"
        );
        let file =
            TempFile::secret(format!("{}\n", case["stored"].as_str().expect("stored")).as_bytes());
        let answer = case["answer"].as_str().unwrap_or("an answer");
        let o = run(
            &["answer", "verify", "--hash-file", file.path()],
            format!("{answer}\n").as_bytes(),
        );
        let expect = &case["expect"];
        if let Some(code) = expect["error"].as_str() {
            assert_usage_error_code(&o, code);
            continue;
        }
        assert!(
            case["answer"].is_string(),
            "{name}: needs a real hash; add it to SKIPS"
        );
        assert_eq!(
            (o.status.code(), stdout(&o)),
            (Some(0), "match\n".into()),
            "{name}"
        );
        let noted = stderr(&o).contains("below the recommended Argon2id costs");
        assert_eq!(
            noted,
            expect["needs_rehash"] == true,
            "{name}: {}",
            stderr(&o)
        );
    }
}
