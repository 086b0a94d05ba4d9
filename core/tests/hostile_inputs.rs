//! Hostile inputs stay cheap: catastrophic-backtracking regexes, megabyte passwords and
//! absurd sizes are answered (a result or a typed error), never a hang or an allocation
//! failure.
//!
//! The elapsed-time bounds are hang guards only (5 s, in a debug build, on a loaded CI
//! box); what each test asserts is the behaviour: the result, or the error code.

use std::time::{Duration, Instant};

use passforge::{
    Blocklist, CharClass, ConfigError, DeterministicRng, Generator, GeneratorSettings, Policy,
    PolicyGenerator, PolicySpec, StrengthCheck, StrengthCheckError, UserContext, MAX_LENGTH,
    MAX_PASSWORD_LENGTH, MAX_PATTERNS, MAX_PATTERN_LEN,
};

const HANG_GUARD: Duration = Duration::from_secs(5);
const MIB: usize = 1 << 20;

/// Runs `f`, fails if it took longer than the hang guard, returns its result.
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    assert!(elapsed < HANG_GUARD, "{what} took {elapsed:?}");
    out
}

fn codes(policy: &Policy, password: &str, context: &UserContext) -> Vec<&'static str> {
    policy
        .validate(password, context)
        .iter()
        .map(|v| v.code())
        .collect()
}

/// Patterns that take exponential time in a backtracking engine on a run of `a`s with no
/// match at the end (here: a newline and a `!`). The `regex` crate has no backtracking: each compiles to an
/// automaton and answers in time linear in the input.
#[test]
fn catastrophic_backtracking_patterns_match_in_linear_time() {
    // Without the lazy DFA (feature `regex-dfa`, off in the WASM package) matching is still
    // linear but with a constant about 4,000 times larger: `^(.*){250}$` takes seconds on
    // 64 KiB, so that build is held to password-sized inputs, the most validation and the
    // generator ever look at (bindings-wasm/README.md, "Size").
    let len = match cfg!(feature = "regex-dfa") {
        true => 64 * 1024,
        false => MAX_PASSWORD_LENGTH as usize,
    };
    let adversarial = format!("{}\n!", "a".repeat(len));
    let all_a = "a".repeat(len);
    // (pattern, matches `aaaa…a!`, matches `aaaa…a`)
    let cases = [
        ("((a+)+)+$", false, true),
        ("^(a|aa)*b", false, false),
        ("(a|aa)*b", false, false),
        ("^(a*)*$", false, true),
        ("^(a|a?)+$", false, true),
        ("^(x+x+)+y", false, false),
        ("^(a?){25}a{25}$", false, false),
        (r"^(\w+\s?)+$", false, true),
        ("^(([a-z])+.)+[A-Z]([a-z])+$", false, false),
        // 250 copies of `.*` fit the repetition budget; `.` stops at the newline.
        ("(.*){250}", true, true),
        ("^(.*){250}$", false, true),
    ];
    for (pattern, on_adversarial, on_all_a) in cases {
        let check = StrengthCheck::from_patterns([pattern])
            .unwrap_or_else(|e| panic!("{pattern} should compile: {e}"));
        guarded(pattern, || {
            assert_eq!(check.is_match(&adversarial), on_adversarial, "{pattern}");
            assert_eq!(check.is_match(&all_a), on_all_a, "{pattern}");
        });
    }
}

/// Counted repetition multiplies the compiled size; past the 1 MiB limit the pattern is
/// refused at parse time with a message that says so, instead of costing memory.
#[test]
fn repetition_bombs_are_refused_by_the_size_limit() {
    for pattern in [
        "((a{100}){100}){100}",
        r"(\w{1000}){1000}",
        "((((.{50}){50}){50}){50})",
    ] {
        let list = format!("'{pattern}'");
        let err = guarded(pattern, || StrengthCheck::parse(&list))
            .expect_err("a repetition bomb is refused");
        assert_eq!(err.code(), "STRENGTH_CHECK_PATTERN", "{pattern}");
        let message = err.to_string();
        assert!(
            message.contains("limit") && message.contains(pattern),
            "{pattern}: {message}"
        );
    }
    // The same refusal through a policy's forbidden patterns, and through the generator.
    let spec = PolicySpec {
        forbidden_patterns: vec!["((a{100}){100}){100}".into()],
        ..PolicySpec::default()
    };
    assert_eq!(
        Policy::new(spec).unwrap_err().code(),
        "POLICY_FORBIDDEN_PATTERN"
    );
    let settings = GeneratorSettings {
        strength_check: Some("'((a{100}){100}){100}'".into()),
        ..GeneratorSettings::default()
    };
    assert_eq!(
        Generator::new(&settings).unwrap_err().code(),
        "STRENGTH_CHECK_PATTERN"
    );
}

/// The caps on the list itself: the most and the longest patterns still compile
/// quickly; one more of either is refused before anything is compiled.
#[test]
fn strength_check_list_caps() {
    // As long as allowed, and light enough for the repetition budget 32 times over.
    let longest = format!("'{}[0-9]+z$'", "x".repeat(MAX_PATTERN_LEN - 9));
    let full = vec![longest.as_str(); MAX_PATTERNS].join(", ");
    let check = guarded("32 patterns of ~1 KiB", || StrengthCheck::parse(&full))
        .expect("the caps are inclusive");
    assert_eq!(check.patterns().len(), MAX_PATTERNS);
    guarded("matching 1 MiB against 32 patterns", || {
        assert!(!check.is_match(&"c".repeat(MIB)));
    });

    let too_long = format!("'{}'", "a".repeat(MAX_PATTERN_LEN + 1));
    assert_eq!(
        StrengthCheck::parse(&too_long).unwrap_err(),
        StrengthCheckError::PatternTooLong {
            index: 0,
            len: MAX_PATTERN_LEN + 1
        }
    );
    // A million patterns: refused at the 33rd, without splitting the rest.
    let many = "'a',".repeat(1_000_000) + "'a'";
    let err = guarded("a million patterns", || StrengthCheck::parse(&many)).unwrap_err();
    assert_eq!(err.code(), "STRENGTH_CHECK_TOO_MANY");
}

/// A policy that runs every rule (no maximum length, so nothing short-circuits).
fn every_rule() -> Policy {
    Policy::new(PolicySpec {
        min_length: 12,
        min_lower: 1,
        min_upper: 1,
        min_digits: 1,
        min_symbols: 1,
        min_categories: 4,
        forbidden_characters: "\u{0}".into(),
        no_symbol_at_ends: true,
        max_repeat: Some(3),
        sequence_length: Some(4),
        strength_check: Some("'((a+)+)+$', '(a|aa)*b', '^(\\w+\\s?)+$'".into()),
        forbidden_patterns: vec!["^(a|a?)+$".into(), "(?i)passw(o|0)rd".into()],
        forbid_username: true,
        forbid_display_name: true,
        forbid_email: true,
        forbidden_words: vec!["acme".into(), "winter".into()],
        blocklist: true,
        ..PolicySpec::default()
    })
    .expect("valid policy")
    .with_blocklist(Blocklist::from_text("acme-2024\n"))
}

fn user() -> UserContext {
    UserContext {
        username: Some("jsmith".into()),
        display_name: Some("John Q. Smith".into()),
        email: Some("john.smith@example.org".into()),
    }
}

#[test]
fn a_megabyte_password_is_validated_quickly() {
    let policy = every_rule();
    let context = user();

    // Past the cap a password is TOO_LONG alone, whatever the policy, before any check.
    let got = guarded("1 MiB of 'a'", || {
        codes(&policy, &"a".repeat(MIB), &context)
    });
    assert_eq!(got, ["TOO_LONG"]);

    // One character as often as the cap allows: the worst case for runs and regexes.
    let same = "a".repeat(MAX_PASSWORD_LENGTH as usize);
    let got = guarded("the longest run of 'a'", || codes(&policy, &same, &context));
    assert_eq!(
        got,
        [
            "INSUFFICIENT_UPPERCASE",
            "INSUFFICIENT_DIGITS",
            "INSUFFICIENT_SYMBOLS",
            "INSUFFICIENT_CATEGORIES",
            "REPEATED_CHARACTERS",
            "STRENGTH_CHECK_FAILED", // (a|aa)*b
            "FORBIDDEN_PATTERN",     // ^(a|a?)+$
        ]
    );

    // Mixed, with a sequence, a forbidden word, the account name and multi-byte text.
    let unit = "xQ7!jsmithACME-abcd-Σίσυφος-😀";
    let mixed: String = unit.repeat(MAX_PASSWORD_LENGTH as usize / unit.chars().count());
    assert!(mixed.chars().count() <= MAX_PASSWORD_LENGTH as usize);
    let got = guarded("the longest mixed password", || {
        codes(&policy, &mixed, &context)
    });
    assert_eq!(
        got,
        [
            "SYMBOL_AT_END",         // the emoji is a symbol (So)
            "ILLEGAL_SEQUENCE",      // abcd
            "STRENGTH_CHECK_FAILED", // ((a+)+)+$: ends with an emoji
            "STRENGTH_CHECK_FAILED", // ^(\w+\s?)+$
            "CONTAINS_ACCOUNT_NAME", // jsmith
            "CONTAINS_DISPLAY_NAME", // smith
            "CONTAINS_WORD",         // acme
        ]
    );

    // Directory policies cap the length: the answer is TOO_LONG alone, in their unit.
    for (spec, unit_len) in [
        (
            r#"[ad]
               minPwdLength = 10
               pwdProperties = 1"#,
            mixed.encode_utf16().count() as u64,
        ),
        (
            r#"[ppolicy]
               pwdMinLength = 12
               pwdMaxLength = 128
               pwdCheckQuality = 2"#,
            mixed.len() as u64,
        ),
    ] {
        let policy: Policy = toml::from_str(spec).expect("valid directory policy");
        let violations = guarded("past a directory policy's maximum", || {
            policy.validate(&mixed, &context)
        });
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].code(), "TOO_LONG");
        let actual = violations[0]
            .params()
            .into_iter()
            .find(|(k, _)| *k == "actual")
            .map(|(_, v)| v);
        assert_eq!(actual, Some(passforge::ParamValue::Int(unit_len)));
    }
}

#[test]
fn a_megabyte_of_context_and_blocklist_is_cheap() {
    let list = format!(
        "{}\n{}\n",
        "x".repeat(MIB),
        "y".repeat(MAX_PASSWORD_LENGTH as usize)
    );
    let policy = every_rule().with_blocklist(Blocklist::from_text(&list));
    let huge = UserContext {
        username: Some("u".repeat(MIB)),
        display_name: Some("ab cd ".repeat(MIB / 6)),
        email: Some(format!("{}@example.org", "e".repeat(MIB))),
    };
    // Passes every rule: `_` is the symbol, it ends in `a` and holds a `b`.
    let password = "Tr0ub4dor_3xQba";
    let got = guarded("1 MiB of context", || codes(&policy, password, &huge));
    assert!(got.is_empty(), "{got:?}");
    assert!(guarded("the longest blocklist hit", || {
        policy.validate(
            &"Y".repeat(MAX_PASSWORD_LENGTH as usize),
            &UserContext::default(),
        )
    })
    .iter()
    .any(|v| v.code() == "IN_BLOCKLIST"));
}

#[test]
fn huge_lengths_and_counts_are_refused_with_an_error() {
    let refuse = |settings: GeneratorSettings, requested: u64| {
        let err = guarded("refusal", || Generator::new(&settings)).unwrap_err();
        assert_eq!(err, ConfigError::TooLong { requested }, "{settings:?}");
        assert_eq!(err.code(), "LENGTH_TOO_LARGE");
    };
    refuse(
        GeneratorSettings {
            length: u32::MAX,
            ..GeneratorSettings::default()
        },
        u64::from(u32::MAX),
    );
    refuse(
        GeneratorSettings {
            length: MAX_LENGTH + 1,
            ..GeneratorSettings::default()
        },
        u64::from(MAX_LENGTH) + 1,
    );
    // The counts add up past u32 without wrapping around to something small.
    refuse(
        GeneratorSettings {
            length: 12,
            lower: u32::MAX,
            upper: u32::MAX,
            digits: u32::MAX,
            symbols: u32::MAX,
            ..GeneratorSettings::default()
        },
        4 * u64::from(u32::MAX),
    );
    refuse(
        GeneratorSettings {
            length: 1,
            lower: u32::MAX,
            upper: 1,
            digits: 0,
            symbols: 0,
            ..GeneratorSettings::default()
        },
        u64::from(u32::MAX) + 1,
    );

    // The largest accepted length builds and generates within the guard.
    let generator = guarded("length 1024", || {
        Generator::new(&GeneratorSettings {
            length: MAX_LENGTH,
            ..GeneratorSettings::default()
        })
    })
    .expect("the maximum is inclusive");
    let password = guarded("a 1024-character password", || {
        generator.generate_with(&mut DeterministicRng::from_seed_for_tests(1))
    })
    .expect("generates");
    assert_eq!(password.char_count(), MAX_LENGTH as usize);
    for class in CharClass::ALL {
        assert!(!generator.class_set(class).is_empty());
    }
}

/// A policy may ask for more than any generator can give (its own numbers are only
/// bounded by u32); deriving a generator then fails with reasons, never a panic or an
/// overflow.
#[test]
fn policies_with_huge_numbers_refuse_to_derive_a_generator() {
    for spec in [
        PolicySpec {
            min_length: u32::MAX,
            ..PolicySpec::default()
        },
        PolicySpec {
            min_length: MAX_LENGTH + 1,
            ..PolicySpec::default()
        },
        PolicySpec {
            min_lower: u32::MAX,
            min_upper: 1,
            ..PolicySpec::default()
        },
        PolicySpec {
            min_symbols: u32::MAX,
            no_symbol_at_ends: true,
            ..PolicySpec::default()
        },
        PolicySpec {
            min_lower: u32::MAX,
            min_upper: u32::MAX,
            min_digits: u32::MAX,
            min_symbols: u32::MAX,
            ..PolicySpec::default()
        },
    ] {
        let policy = Policy::new(spec.clone()).expect("valid: nothing bounds it above");
        let err =
            guarded("derive", || policy.generator_settings()).expect_err("no generator reaches it");
        assert_eq!(err.code(), "SETTINGS_BELOW_POLICY");
        assert!(!err.reasons().is_empty(), "{spec:?}: {err}");
        let err = PolicyGenerator::new(&policy, None).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
}
