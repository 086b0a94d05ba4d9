//! Policy parsing (TOML, JSON, directory attributes) and validation of arbitrary
//! passwords, against the shipped example policies and against whatever parsed.
//!
//! Properties: nothing panics; a parsed policy survives a JSON round trip (and a TOML
//! one when TOML can hold its numbers) with the same spec; validation of a password of
//! up to 4 KiB reports `TOO_LONG` alone or not at all, agrees with `is_compliant`, and
//! never repeats the password: every violation's text parameters come from the policy,
//! the user context or a fixed vocabulary, and when the password holds a character
//! that appears in neither the policy nor the context (the harness inserts one, U+E000,
//! at a fuzzer-chosen place), no message or parameter contains that character, so none
//! contains the password. A marker is needed because a policy may legitimately quote
//! a password back (`forbidden_words = ["hunter2"]` against the password `hunter2`).
#![no_main]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use passforge::{
    lint, Blocklist, DeterministicRng, LintContext, ParamValue, Policy, PolicyGenerator,
    UserContext, Violation,
};

/// A private-use character: no case mapping produces it.
const MARKER: char = '\u{E000}';
const MAX_PASSWORD_BYTES: usize = 4096;

#[derive(Arbitrary, Debug)]
enum Source {
    Toml(String),
    Json(String),
    AdAttributes(Vec<(String, String)>),
    PpolicyAttributes(Vec<(String, String)>),
}

#[derive(Arbitrary, Debug)]
struct Case {
    source: Source,
    /// An operator blocklist added to the parsed policy, when present.
    blocklist: Option<String>,
    password: String,
    marker_at: u16,
    username: Option<String>,
    display_name: Option<String>,
    email: Option<String>,
    /// Also derive a generator from the parsed policy and draw one password.
    generate: bool,
    seed: u64,
}

fn examples() -> &'static [Policy] {
    static EXAMPLES: OnceLock<Vec<Policy>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        [
            include_str!("../../examples/policy-ad.toml"),
            include_str!("../../examples/policy-nist.toml"),
            include_str!("../../examples/policy-ppolicy.toml"),
        ]
        .iter()
        .map(|text| toml::from_str(text).expect("the example policies are valid"))
        .collect()
    })
}

fn truncate(s: &str, max_bytes: usize) -> &str {
    let mut end = s.len().min(max_bytes);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn parse(source: &Source) -> Option<Policy> {
    let pairs = |attrs: &[(String, String)]| -> Vec<(String, String)> {
        attrs.iter().take(32).cloned().collect()
    };
    let result = match source {
        Source::Toml(text) => toml::from_str::<Policy>(text).map_err(|e| e.to_string()),
        Source::Json(text) => serde_json::from_str::<Policy>(text).map_err(|e| e.to_string()),
        Source::AdAttributes(attrs) => {
            let attrs = pairs(attrs);
            Policy::from_ad_attributes(attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .map_err(|e| typed(&e))
        }
        Source::PpolicyAttributes(attrs) => {
            let attrs = pairs(attrs);
            Policy::from_ppolicy_attributes(attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .map_err(|e| typed(&e))
        }
    };
    match result {
        Ok(policy) => Some(policy),
        Err(message) => {
            assert!(!message.is_empty());
            None
        }
    }
}

fn typed(e: &passforge::PolicyError) -> String {
    assert!(!e.code().is_empty());
    e.to_string()
}

fn round_trips(policy: &Policy) {
    let json = serde_json::to_string(policy).expect("a policy serializes to JSON");
    let again: Policy = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("JSON round trip refused: {e}\n{json}"));
    assert_eq!(again.spec(), policy.spec(), "JSON round trip");
    // TOML integers are i64: a u64 above i64::MAX has no TOML form, which is fine.
    if let Ok(text) = toml::to_string(policy) {
        let again: Policy = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("TOML round trip refused: {e}\n{text}"));
        assert_eq!(again.spec(), policy.spec(), "TOML round trip");
    }
}

/// Characters the violations may legitimately print: those of the policy and the
/// context, with their case mappings (final sigma included).
fn allowed_chars(policy: &Policy, context: &UserContext) -> BTreeSet<char> {
    let mut texts = vec![serde_json::to_string(policy.spec()).expect("spec serializes")];
    texts.extend(
        [&context.username, &context.display_name, &context.email]
            .into_iter()
            .flatten()
            .cloned(),
    );
    let mut set = BTreeSet::new();
    for text in &texts {
        set.extend(text.chars());
        set.extend(text.to_lowercase().chars());
        for c in text.chars() {
            set.extend(c.to_lowercase());
            set.extend(c.to_uppercase());
        }
    }
    if set.contains(&'σ') {
        set.insert('ς');
    }
    set
}

fn texts_of(v: &Violation) -> Vec<String> {
    let mut out = vec![v.message()];
    out.extend(v.params().into_iter().filter_map(|(_, p)| match p {
        ParamValue::Text(t) => Some(t),
        ParamValue::Int(_) => None,
    }));
    out
}

fn check(policy: &Policy, password: &str, context: &UserContext) {
    let violations = policy.validate(password, context);
    assert_eq!(
        policy.is_compliant(password, context),
        violations.is_empty()
    );
    if violations.iter().any(|v| v.code() == "TOO_LONG") {
        assert_eq!(violations.len(), 1, "TOO_LONG is reported alone");
    }
    let allowed = allowed_chars(policy, context);
    let foreign: Vec<char> = password
        .chars()
        .filter(|c| !c.is_ascii() && !allowed.contains(c))
        .collect();
    for v in &violations {
        assert!(!v.code().is_empty());
        assert!(!v.message().is_empty());
        for text in texts_of(v) {
            if let Some(c) = foreign.iter().find(|c| text.contains(**c)) {
                panic!("{} repeats {c:?} from the password: {text:?}", v.code());
            }
            if !foreign.is_empty() && password.chars().count() >= 4 {
                assert!(
                    !text.contains(password),
                    "{} contains the password",
                    v.code()
                );
            }
        }
    }
}

fuzz_target!(|case: Case| {
    let context = UserContext {
        username: case.username.map(|s| truncate(&s, 64).to_owned()),
        display_name: case.display_name.map(|s| truncate(&s, 64).to_owned()),
        email: case.email.map(|s| truncate(&s, 64).to_owned()),
    };
    let raw = truncate(&case.password, MAX_PASSWORD_BYTES - MARKER.len_utf8());
    let at = usize::from(case.marker_at) % (raw.chars().count() + 1);
    let marked: String = raw
        .chars()
        .take(at)
        .chain(std::iter::once(MARKER))
        .chain(raw.chars().skip(at))
        .collect();

    let parsed = parse(&case.source).map(|p| match &case.blocklist {
        Some(text) => p.with_blocklist(Blocklist::from_text(truncate(text, 4096))),
        None => p,
    });
    if let Some(policy) = &parsed {
        round_trips(policy);
        let _ = lint(policy, LintContext::default());
        let _ = lint(policy, LintContext { mfa: true });
        match policy.generator_settings() {
            Ok(settings) => assert!(passforge::Generator::new(&settings).is_ok()),
            Err(e) => {
                assert!(!e.code().is_empty());
                assert!(
                    !e.reasons().is_empty(),
                    "a settings error gives its reasons"
                );
            }
        }
        if case.generate {
            if let Ok(generator) = PolicyGenerator::new(policy, None) {
                let mut rng = DeterministicRng::from_seed_for_tests(case.seed);
                if let Ok(password) = generator.generate_with(&mut rng, &context) {
                    assert!(policy.validate(password.as_str(), &context).is_empty());
                }
            }
        }
    }

    for policy in examples().iter().chain(parsed.as_ref()) {
        check(policy, raw, &context);
        check(policy, &marked, &context);
    }
});
