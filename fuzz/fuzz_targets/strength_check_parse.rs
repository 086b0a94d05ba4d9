//! `StrengthCheck::parse` on arbitrary text, and on lists quoted from arbitrary patterns.
//!
//! Properties: parsing never panics; a parsed check respects the documented caps, writes
//! itself back (`to_list_string`) in a form that parses to the same patterns, agrees with
//! `from_patterns`, and answers `is_match`/`failures` consistently on an arbitrary probe;
//! a list quoted by the documented rules never fails with a syntax error. Errors are typed.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use passforge::{StrengthCheck, StrengthCheckError, MAX_PATTERNS, MAX_PATTERN_LEN};

#[derive(Arbitrary, Debug)]
struct Case {
    /// Raw text handed to the parser.
    list: String,
    /// Patterns to quote by the documented rules (`'` doubled, `, ` between).
    patterns: Vec<String>,
    /// A password to match against whatever parsed.
    probe: String,
}

fuzz_target!(|case: Case| {
    let probe: String = case.probe.chars().take(256).collect();

    match StrengthCheck::parse(&case.list) {
        Ok(check) => check_parsed(&check, &probe),
        Err(e) => check_error(&e),
    }

    let quoted = case
        .patterns
        .iter()
        .map(|p| format!("'{}'", p.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    match StrengthCheck::parse(&quoted) {
        Ok(check) => {
            assert_eq!(check.patterns(), case.patterns.as_slice(), "{quoted:?}");
            check_parsed(&check, &probe);
        }
        Err(e) => {
            check_error(&e);
            assert!(
                !matches!(e, StrengthCheckError::Syntax { .. }),
                "a correctly quoted list is not a syntax error: {quoted:?} -> {e}"
            );
        }
    }
});

fn check_parsed(check: &StrengthCheck, probe: &str) {
    let patterns = check.patterns();
    assert!(patterns.len() <= MAX_PATTERNS);
    assert!(patterns.iter().all(|p| p.len() <= MAX_PATTERN_LEN));
    assert_eq!(check.is_empty(), patterns.is_empty());

    let written = check.to_list_string();
    let again = StrengthCheck::parse(&written)
        .unwrap_or_else(|e| panic!("to_list_string does not parse back: {written:?}: {e}"));
    assert_eq!(again.patterns(), patterns, "round trip through {written:?}");

    let direct = StrengthCheck::from_patterns(patterns.iter().cloned())
        .unwrap_or_else(|e| panic!("from_patterns refuses what parse accepted: {e}"));
    assert_eq!(direct.patterns(), patterns);

    let failures = check.failures(probe);
    assert!(failures.windows(2).all(|w| w[0] < w[1]), "{failures:?}");
    assert!(failures.iter().all(|&i| i < patterns.len()));
    assert_eq!(check.is_match(probe), failures.is_empty());
    assert_eq!(again.failures(probe), failures);
}

fn check_error(e: &StrengthCheckError) {
    assert!(!e.code().is_empty());
    assert!(!e.to_string().is_empty());
}
