//! `passforge generate --rules` and `passforge policy rules` through the real binary, and
//! the generate and error cases of `tests/vectors/password_rules.json`.

mod common;

use common::{
    assert_usage_error, assert_usage_error_code, passforge, repo_path, stderr, stdout, TempFile,
};
use serde_json::{json, Value};

const EXAMPLE: &str = "minlength: 20; maxlength: 64; required: lower; required: upper; \
                       required: digit; required: [-().&@?'#,/\"+]; allowed: ascii-printable; \
                       max-consecutive: 2;";

fn json_out(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn corpus() -> Value {
    let text = std::fs::read_to_string(repo_path("tests/vectors/password_rules.json"))
        .expect("read password_rules.json");
    serde_json::from_str(&text).expect("password_rules.json is JSON")
}

#[test]
fn generate_for_rules_reports_the_entropy_after_rejection() {
    let o = passforge(&[
        "generate", "--rules", EXAMPLE, "--seed", "1", "-n", "3", "-j",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_out(&o);
    let passwords = v["passwords"].as_array().expect("passwords");
    assert_eq!(passwords.len(), 3);
    assert_eq!(v["length"], 20);
    let share = v["policy_share"]
        .as_f64()
        .expect("a share: the custom group and runs reject");
    let after = v["entropy_bits_after_policy"]
        .as_f64()
        .expect("entropy after");
    let before = v["entropy_bits"].as_f64().expect("entropy");
    assert!(share > 0.9 && share < 1.0, "{v}");
    assert!((before + share.log2() - after).abs() < 1e-9, "{v}");
    // Text output: one password per line, the same stream.
    let o = passforge(&["generate", "--rules", EXAMPLE, "--seed", "1", "-n", "3"]);
    let lines: Vec<Value> = stdout(&o).lines().map(|l| json!(l)).collect();
    assert_eq!(&lines, passwords);
    // Rules whose every group is a class of its own reject nothing: no share.
    let o = passforge(&[
        "generate",
        "--rules",
        "minlength: 12; required: upper, digit",
        "-j",
    ]);
    let v = json_out(&o);
    assert!(v.get("policy_share").is_none(), "{v}");
}

#[test]
fn rules_combine_with_length_exclude_and_avoid_ambiguous_only() {
    let o = passforge(&[
        "generate",
        "--rules",
        EXAMPLE,
        "-l",
        "32",
        "--exclude",
        "xyz",
        "--avoid-ambiguous",
        "-n",
        "20",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for p in stdout(&o).lines() {
        assert_eq!(p.chars().count(), 32);
        assert!(
            !p.contains(['x', 'y', 'z', '0', 'O', 'o', '1', 'I', 'l', '|']),
            "{p}"
        );
    }
    for flag in [
        ["--lower", "2"],
        ["--symbol-set", "!"],
        ["--strength-check", "'a'"],
    ] {
        let o = passforge(&["generate", "--rules", EXAMPLE, flag[0], flag[1]]);
        assert_usage_error(&o);
        assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
    }
    let o = passforge(&[
        "generate",
        "--rules",
        EXAMPLE,
        "--policy",
        &repo_path("examples/policy-nist.toml"),
    ]);
    assert_usage_error(&o);
    let o = passforge(&["generate", "--rules", EXAMPLE, "--username", "jdoe"]);
    assert_usage_error(&o);
    // A length outside the rules: every reason, as for a policy.
    let o = passforge(&["generate", "--rules", EXAMPLE, "-l", "80"]);
    assert_usage_error_code(&o, "SETTINGS_BELOW_POLICY");
    assert!(
        stderr(&o).contains("above the policy maximum of 64"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_errors_name_their_code_and_place() {
    let o = passforge(&["generate", "--rules", "minlength: 8; required: [a-z]"]);
    assert_usage_error_code(&o, "PASSWORD_RULES_CLASS_DASH");
    assert!(stderr(&o).contains("line 1, column 27"), "{}", stderr(&o));
    let o = passforge(&[
        "generate",
        "--rules",
        "minlength: 64; allowed: [ab]; max-consecutive: 1",
    ]);
    assert_usage_error_code(&o, "POLICY_ACCEPTANCE_TOO_LOW");
    // Weak rules are flagged by the entropy of what is generated.
    let o = passforge(&[
        "generate",
        "--rules",
        "minlength: 8; allowed: digit; max-consecutive: 1",
    ]);
    assert!(
        stderr(&o).contains("only 2^25.5 passwords"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn policy_rules_prints_the_line_and_warns_of_what_it_leaves_out() {
    let o = passforge(&["policy", "rules", &repo_path("examples/policy-nist.toml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "minlength: 15; maxlength: 128; allowed: unicode;\n"
    );
    let err = stderr(&o);
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(
        warnings,
        [
            "warning: forbid_username (looser): not the account name: password rules have no such rule",
            "warning: forbid_email (looser): not the e-mail address: password rules have no such rule",
            "warning: blocklist (looser): not a common password: password rules have no such rule",
        ]
    );
    let o = passforge(&[
        "policy",
        "rules",
        &repo_path("examples/policy-ad.toml"),
        "-j",
    ]);
    let v = json_out(&o);
    assert_eq!(v["exact"], false);
    let keys: Vec<&str> = v["unexpressed"]
        .as_array()
        .expect("unexpressed")
        .iter()
        .map(|u| u["key"].as_str().expect("key"))
        .collect();
    assert_eq!(keys[..2], ["min_categories", "length_unit"]);
    assert!(stderr(&o).is_empty(), "--json says it all: {}", stderr(&o));
    // A policy read from rules writes them back exactly, in JSON files too.
    let file = TempFile::named(
        ".json",
        json!({"min_length": 8, "max_length": 16, "min_digits": 1,
               "allowed_characters": "abcdefghijklmnopqrstuvwxyz0123456789"})
        .to_string()
        .as_bytes(),
        0o644,
    );
    let path = file.path().to_owned();
    let o = passforge(&["policy", "rules", &path, "--json"]);
    assert_eq!(
        json_out(&o),
        json!({"rules": "minlength: 8; maxlength: 16; required: digit; allowed: lower;",
               "exact": true, "unexpressed": []})
    );
    let o = passforge(&["policy", "rules", "no-such-file.toml"]);
    assert_usage_error(&o);
}

/// The corpus's generation cases: the passwords, the length and the entropy after
/// rejection, or the error code.
#[test]
fn the_corpus_generate_cases() {
    const CLAP_REFUSES: &str = "a class option with rules";
    let doc = corpus();
    for case in doc["generate"].as_array().expect("generate") {
        let name = case["name"].as_str().expect("name");
        let mut args: Vec<String> = vec![
            "generate".into(),
            "--rules".into(),
            case["rules"].as_str().expect("rules").into(),
            "--seed".into(),
            case["seed"].to_string(),
            "-n".into(),
            case["count"].to_string(),
            "-j".into(),
        ];
        for (key, value) in case["options"].as_object().expect("options") {
            let flag = format!("--{}", key.replace('_', "-"));
            match value {
                Value::Bool(true) => args.push(flag),
                Value::String(s) => args.extend([flag, s.clone()]),
                other => args.extend([flag, other.to_string()]),
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = passforge(&args);
        let expect = &case["expect"];
        if let Some(code) = expect["error"].as_str() {
            if name == CLAP_REFUSES {
                eprintln!("{name}: clap refuses the flag before the core sees it");
                assert_eq!(o.status.code(), Some(2));
            } else {
                let last = stderr(&o).lines().last().unwrap_or_default().to_owned();
                assert!(
                    last.starts_with(&format!("error: {code}: ")),
                    "{name}: {last}"
                );
            }
            continue;
        }
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let v = json_out(&o);
        assert_eq!(v["passwords"], expect["passwords"], "{name}");
        assert_eq!(v["length"], expect["length"], "{name}");
        let bits = v
            .get("entropy_bits_after_policy")
            .unwrap_or(&v["entropy_bits"]);
        let want = expect["entropy_bits"].as_f64().expect("entropy_bits");
        assert!(
            (bits.as_f64().expect("bits") - want).abs() < 1e-9,
            "{name}: {v}"
        );
        assert_eq!(
            v.get("policy_share").is_some(),
            expect["rejects"] == true,
            "{name}"
        );
    }
}

/// The corpus's error cases end in one `error: CODE: …` line naming the place.
#[test]
fn the_corpus_error_cases() {
    let doc = corpus();
    for case in doc["errors"].as_array().expect("errors") {
        let name = case["name"].as_str().expect("name");
        let o = passforge(&[
            "generate",
            "--rules",
            case["rules"].as_str().expect("rules"),
        ]);
        let code = case["error"].as_str().expect("error");
        assert_usage_error_code(&o, code);
        let place = format!("line {}, column {}", case["line"], case["column"]);
        assert!(stderr(&o).contains(&place), "{name}: {}", stderr(&o));
    }
}
