//! The worst inputs the caps allow stay cheap: the longest patterns budget and the longest
//! password, through validation and generation. Run with `--nocapture` (and `--release`)
//! to see the times; the assertions are hang guards for a loaded debug build, the bound
//! itself is shown by `cargo bench -p passforge-benches --bench policy` (worst case).

use std::time::{Duration, Instant};

use passforge::{
    Generator, GeneratorSettings, Policy, PolicySpec, StrengthCheck, UserContext,
    MAX_PASSWORD_LENGTH, MAX_PATTERNS, MAX_REPETITION_WEIGHT,
};

const HANG_GUARD: Duration = Duration::from_secs(5);

/// `MAX_PATTERNS` patterns that together use the whole repetition budget, each a
/// counted gap between two classes (the shape that defeats a lazy DFA), none matching a
/// run of `A`.
fn worst_patterns() -> Vec<String> {
    // Each weighs per + 3 (two classes and a literal): the whole budget, all told.
    let per = MAX_REPETITION_WEIGHT / MAX_PATTERNS as u64 - 3;
    (0..MAX_PATTERNS)
        .map(|i| format!("[A-Z].{{0,{per}}}[0-9]{}", "x".repeat(i % 3)))
        .collect()
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    println!("{what}: {elapsed:?}");
    assert!(elapsed < HANG_GUARD, "{what} took {elapsed:?}");
    out
}

#[test]
fn the_budget_admits_the_worst_patterns_and_refuses_one_more() {
    let mut patterns = worst_patterns();
    assert!(StrengthCheck::from_patterns(patterns.clone()).is_ok());
    patterns[0] = "[A-Z].{0,500}[0-9]".into();
    let e = StrengthCheck::from_patterns(patterns).unwrap_err();
    assert_eq!(e.code(), "STRENGTH_CHECK_TOO_COMPLEX");
    let e = StrengthCheck::parse("'[ab]*a[ab]{12800}c'").unwrap_err();
    assert_eq!(e.code(), "STRENGTH_CHECK_TOO_COMPLEX");
}

#[test]
fn validating_the_longest_password_against_the_worst_policy() {
    let quoted: Vec<String> = worst_patterns().iter().map(|p| format!("'{p}'")).collect();
    let policy = Policy::new(PolicySpec {
        strength_check: Some(quoted.join(", ")),
        forbidden_patterns: worst_patterns()
            .iter()
            .map(|p| p.replace("[0-9]", "[a-z]"))
            .collect(),
        blocklist: true,
        forbid_username: true,
        forbid_display_name: true,
        forbidden_words: vec!["\u{e9}\u{e9}\u{e9}winter".into(); 100],
        ..PolicySpec::default()
    })
    .unwrap();
    let context = UserContext {
        username: Some("q".repeat(1000)),
        display_name: Some("Ann Marie ".repeat(100_000)),
        email: Some(format!("{}@example.test", "\u{e9}".repeat(1000))),
    };
    // A random-looking password: a uniform run would let the automata settle at once.
    let longest = passforge::Generator::new(&GeneratorSettings {
        length: MAX_PASSWORD_LENGTH,
        digits: 0,
        digit_set: Some(String::new()),
        ..GeneratorSettings::default()
    })
    .unwrap()
    .generate()
    .unwrap();
    let longest = longest.as_str();
    let v = timed("worst validation", || policy.validate(longest, &context));
    let codes: Vec<&str> = v.iter().map(|v| v.code()).collect();
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == "STRENGTH_CHECK_FAILED")
            .count(),
        MAX_PATTERNS,
        "{codes:?}"
    );
    let over = "A".repeat(1 << 20);
    let v = timed("1 MiB password", || policy.validate(&over, &context));
    assert_eq!(v[0].code(), "TOO_LONG");
    assert_eq!(v.len(), 1);
}

#[test]
fn generating_against_the_worst_unmet_strength_check() {
    let quoted: Vec<String> = worst_patterns().iter().map(|p| format!("'{p}'")).collect();
    let generator = Generator::new(&GeneratorSettings {
        length: 1024,
        lower: 0,
        upper: 1,
        digits: 0,
        symbols: 0,
        digit_set: Some(String::new()),
        strength_check: Some(quoted.join(", ")),
        ..GeneratorSettings::default()
    })
    .unwrap();
    let e = timed("worst generation", || generator.generate().unwrap_err());
    assert_eq!(e.code(), "STRENGTH_CHECK_UNMET");
}
