//! Runs tests/vectors/password_rules.json (format in tests/vectors/README.md): reading,
//! errors, the policy rules become and write back, policies written as rules, seeded
//! generation, and rules published by real websites.

use passforge::{
    ConfiguredGenerator, DeterministicRng, GeneratorOptions, PasswordRules, Policy, PolicySpec,
    RuleCharacters,
};
use serde_json::{json, Value};

fn corpus() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/password_rules.json"
    );
    let text = std::fs::read_to_string(path).expect("read password_rules.json");
    let doc: Value = serde_json::from_str(&text).expect("parse password_rules.json");
    assert_eq!(doc["format"], "passforge-vectors/password_rules/1");
    doc
}

fn cases<'a>(doc: &'a Value, section: &str) -> &'a [Value] {
    doc[section].as_array().expect(section)
}

fn set(characters: RuleCharacters) -> Value {
    if characters.is_unicode() {
        "unicode".into()
    } else {
        characters.ascii_chars().collect::<String>().into()
    }
}

/// The keys of `spec` that are not at their default, as the corpus lists them.
fn changed_keys(spec: &PolicySpec) -> Value {
    let default = serde_json::to_value(PolicySpec::default()).expect("a spec serializes");
    let Value::Object(mut map) = serde_json::to_value(spec).expect("a spec serializes") else {
        panic!("a spec is an object")
    };
    map.retain(|k, v| default.get(k) != Some(v));
    Value::Object(map)
}

/// A parse or real-world case: the reading, the policy and the text it writes back.
fn check_reading(case: &Value) {
    let name = case["name"].as_str().expect("name");
    let text = case["rules"].as_str().expect("rules");
    let rules = PasswordRules::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(rules.to_string(), case["normalized"], "{name}");
    assert_eq!(json!(rules.min_length()), case["min_length"], "{name}");
    assert_eq!(json!(rules.max_length()), case["max_length"], "{name}");
    assert_eq!(
        json!(rules.max_consecutive()),
        case["max_consecutive"],
        "{name}"
    );
    let required: Vec<Value> = rules.required().iter().map(|g| set(*g)).collect();
    assert_eq!(Value::from(required), case["required"], "{name}");
    assert_eq!(set(rules.allowed()), case["allowed"], "{name}");
    // The canonical text reads back the same rules.
    let again = PasswordRules::parse(&rules.to_string()).expect("canonical text parses");
    assert_eq!(again, rules, "{name}");
    match Policy::from_password_rules(text) {
        Ok(policy) => {
            assert_eq!(changed_keys(&rules.policy_spec()), case["policy"], "{name}");
            let written = policy.to_password_rules();
            assert_eq!(written.to_string(), case["written"], "{name}");
            assert_eq!(json!(written.is_exact()), case["written_exact"], "{name}");
        }
        Err(e) => assert_eq!(case["policy_error"], e.code(), "{name}: {e}"),
    }
}

#[test]
fn readings() {
    let doc = corpus();
    assert!(cases(&doc, "parse").len() >= 30);
    for case in cases(&doc, "parse") {
        check_reading(case);
    }
}

#[test]
fn real_world_rules() {
    let doc = corpus();
    assert_eq!(
        doc["reference"]["commit"],
        "96cbab74681dcc296cae6fb205c4b047bc026c22"
    );
    assert!(cases(&doc, "real_world").len() >= 30);
    for case in cases(&doc, "real_world") {
        check_reading(case);
    }
}

#[test]
fn errors() {
    let doc = corpus();
    for case in cases(&doc, "errors") {
        let name = case["name"].as_str().expect("name");
        let e = PasswordRules::parse(case["rules"].as_str().expect("rules")).expect_err(name);
        assert_eq!(e.code(), case["error"], "{name}: {e}");
        let (line, column) = e.position().expect("a parse error has a place");
        assert_eq!(
            (json!(line), json!(column)),
            (case["line"].clone(), case["column"].clone()),
            "{name}"
        );
    }
}

#[test]
fn policies_written_as_rules() {
    let doc = corpus();
    for case in cases(&doc, "write") {
        let name = case["name"].as_str().expect("name");
        let policy = Policy::from_json_mapping(&case["policy"].to_string()).expect(name);
        let written = policy.to_password_rules();
        assert_eq!(written.to_string(), case["rules"], "{name}");
        let unexpressed: Vec<Value> = written
            .unexpressed()
            .iter()
            .map(|u| json!({"key": u.key, "effect": u.effect.as_str()}))
            .collect();
        assert_eq!(Value::from(unexpressed), case["unexpressed"], "{name}");
        assert_eq!(written.is_exact(), written.unexpressed().is_empty());
        // What the rules say reads back as they were written.
        let again = PasswordRules::parse(&written.to_string()).expect("written rules parse");
        assert_eq!(&again, written.rules(), "{name}");
    }
}

#[test]
fn seeded_generation() {
    let doc = corpus();
    for case in cases(&doc, "generate") {
        let name = case["name"].as_str().expect("name");
        let expect = &case["expect"];
        let options: GeneratorOptions =
            serde_json::from_value(case["options"].clone()).expect(name);
        let built = PasswordRules::parse(case["rules"].as_str().expect("rules"))
            .map_err(|e| e.code())
            .and_then(|rules| {
                ConfiguredGenerator::from_password_rules(&rules, &options).map_err(|e| e.code())
            });
        let mut rng = DeterministicRng::from_seed_for_tests(case["seed"].as_u64().expect("seed"));
        let count = case["count"].as_u64().expect("count") as usize;
        let generated = built.and_then(|g| {
            let passwords = g
                .generate_many_with(&mut rng, count)
                .map_err(|e| e.code())?;
            Ok((g, passwords))
        });
        match generated {
            Err(code) => assert_eq!(expect["error"], code, "{name}"),
            Ok((g, passwords)) => {
                assert!(expect["error"].is_null(), "{name}: generated");
                let got: Vec<&str> = passwords.iter().map(|p| p.as_str()).collect();
                assert_eq!(json!(got), expect["passwords"], "{name}");
                assert_eq!(json!(g.generator().length()), expect["length"], "{name}");
                let acceptance = g.acceptance().expect("rules make a policy");
                let bits = expect["entropy_bits"].as_f64().expect("entropy_bits");
                assert!(
                    (acceptance.entropy_bits - bits).abs() < 1e-9,
                    "{name}: {acceptance:?}"
                );
                assert_eq!(json!(acceptance.share < 1.0), expect["rejects"], "{name}");
                let policy = g.policy().expect("rules make a policy");
                for p in &passwords {
                    assert!(
                        policy.is_compliant(p.as_str(), &Default::default()),
                        "{name}"
                    );
                }
            }
        }
    }
}
