//! The example policy files under examples/ load and mean what docs/policy.md says.

use std::time::Duration;

use passforge::{lint, LengthUnit, LintContext, Policy, PolicyGenerator, UserContext};

fn load(name: &str) -> Policy {
    let path = format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("read example");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn active_directory_example() {
    let p = load("policy-ad.toml");
    assert_eq!(p.length_unit(), LengthUnit::Utf16);
    assert_eq!((p.min_length(), p.max_length()), (10, Some(256)));
    assert_eq!((p.min_categories(), p.history()), (3, 24));
    assert_eq!(p.ages().max_age, Some(Duration::from_secs(42 * 86_400)));
    assert_eq!(p.ages().min_age, Some(Duration::from_secs(86_400)));
    assert_eq!(p.lockout().threshold, 5);
    assert_eq!(p.lockout().duration, Some(Duration::from_secs(1800)));
    let user = UserContext {
        username: Some("jsmith".into()),
        display_name: Some("John Smith".into()),
        email: None,
    };
    let codes =
        |pw: &str| -> Vec<&str> { p.validate(pw, &user).iter().map(|v| v.code()).collect() };
    assert_eq!(codes("Smith#2024x"), ["CONTAINS_DISPLAY_NAME"]);
    assert_eq!(codes("Password123"), ["IN_BLOCKLIST"]);
    assert!(codes("Tr0ub4dor&3x").is_empty());
    let g = PolicyGenerator::new(&p, None).expect("derive");
    assert!(p.is_compliant(g.generate(&user).expect("generate").as_str(), &user));
}

#[test]
fn nist_example_lints_clean() {
    let p = load("policy-nist.toml");
    assert!(lint(&p, LintContext::default()).is_empty());
    assert!(!p.is_compliant("password", &UserContext::default()));
}

#[test]
fn ppolicy_example() {
    let p = load("policy-ppolicy.toml");
    assert_eq!(p.length_unit(), LengthUnit::Utf8Bytes);
    assert_eq!(
        (p.min_length(), p.max_length(), p.history()),
        (12, Some(128), 5)
    );
    assert_eq!(p.ages().max_age, Some(Duration::from_secs(7_776_000)));
    assert_eq!(p.lockout().threshold, 5);
    assert!(p.must_change_after_reset());
    let codes: Vec<&str> = p
        .validate("Acme-Passw0rd", &UserContext::default())
        .iter()
        .map(|v| v.code())
        .collect();
    assert_eq!(codes, ["FORBIDDEN_PATTERN", "CONTAINS_WORD"]);
}

#[test]
fn policies_round_trip_through_toml_and_json() {
    for name in ["policy-ad.toml", "policy-nist.toml", "policy-ppolicy.toml"] {
        let p = load(name);
        let toml_text = toml::to_string(&p).expect("to toml");
        let again: Policy = toml::from_str(&toml_text).expect("from toml");
        assert_eq!(again.spec(), p.spec(), "{name}");
        let json = serde_json::to_string(&p).expect("to json");
        let again: Policy = serde_json::from_str(&json).expect("from json");
        assert_eq!(again.spec(), p.spec(), "{name}");
    }
}

#[test]
fn unknown_keys_are_named() {
    let e = toml::from_str::<Policy>("min_length = 8\nmin_lenght = 9\n").unwrap_err();
    assert!(e.to_string().contains("min_lenght"), "{e}");
    let e = toml::from_str::<Policy>("[ppolicy]\npwdMinLen = 9\n").unwrap_err();
    assert!(e.to_string().contains("pwdMinLen"), "{e}");
    let e = toml::from_str::<Policy>("min_length = 9\nmax_length = 8\n").unwrap_err();
    assert!(e.to_string().contains("above the maximum"), "{e}");
}
