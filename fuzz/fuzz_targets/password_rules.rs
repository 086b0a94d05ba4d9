//! `PasswordRules::parse` on arbitrary text (the seeds: every rules string of
//! `tests/vectors/password_rules.json`), and on rules built from the language's parts.
//!
//! Properties: parsing never panics, in linear time; an error has a code and a place
//! inside the text; parsed rules write a canonical text that parses back to the same
//! rules; their policy, when the rules do not conflict, accepts exactly what the rules
//! accept on an arbitrary probe and writes rules that parse back to what it wrote; rules
//! built from valid parts always parse.
#![no_main]

mod bound;

use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use passforge::{PasswordRules, UserContext};

#[derive(Arbitrary, Debug)]
enum Case {
    /// Raw text (the last field takes the rest of the input).
    Text(String),
    /// Rules from valid parts, with a probe password.
    Parts(Vec<Property>, String),
}

#[derive(Arbitrary, Debug)]
enum Property {
    Required(Vec<Class>),
    Allowed(Vec<Class>),
    MinLength(u8),
    MaxLength(u8),
    MaxConsecutive(u8),
}

#[derive(Arbitrary, Debug)]
enum Class {
    Named(u8, bool),
    /// ASCII printable characters (others are mapped into the range), a leading `-`, a
    /// trailing `]`.
    Custom(Vec<u8>, bool, bool),
}

const NAMES: [&str; 6] = [
    "upper",
    "lower",
    "digit",
    "special",
    "ascii-printable",
    "unicode",
];

fn class_text(class: &Class) -> String {
    match class {
        Class::Named(i, upper) => {
            let name = NAMES[usize::from(*i) % NAMES.len()];
            if *upper {
                name.to_ascii_uppercase()
            } else {
                name.to_owned()
            }
        }
        Class::Custom(bytes, dash, bracket) => {
            let mut text = String::from("[");
            if *dash {
                text.push('-');
            }
            text.extend(
                bytes
                    .iter()
                    .map(|b| char::from(0x21 + b % 0x5e))
                    .filter(|&c| c != '-' && c != ']'),
            );
            if *bracket || text.len() == 1 {
                text.push(']');
            }
            text.push(']');
            text
        }
    }
}

fn rules_text(properties: &[Property]) -> String {
    let values = |classes: &[Class]| -> String {
        if classes.is_empty() {
            return "lower".into();
        }
        classes
            .iter()
            .map(class_text)
            .collect::<Vec<_>>()
            .join(", ")
    };
    properties
        .iter()
        .map(|p| match p {
            Property::Required(c) => format!("required: {}", values(c)),
            Property::Allowed(c) => format!("allowed: {}", values(c)),
            Property::MinLength(n) => format!("minlength: {n}"),
            Property::MaxLength(n) => format!("maxlength: {n}"),
            Property::MaxConsecutive(n) => format!("max-consecutive: {}", n % 8),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fuzz_target!(|case: Case| {
    match case {
        Case::Text(text) => {
            let parsed = bound::within(
                |_| Duration::from_millis(250) + Duration::from_micros(text.len() as u64),
                || PasswordRules::parse(&text),
            );
            match parsed {
                Ok(rules) => check(&rules, ""),
                Err(e) => {
                    assert!(e.code().starts_with("PASSWORD_RULES_"), "{e}");
                    let (line, column) = e.position().expect("a parse error has a place");
                    let lines: Vec<&str> = text.split('\n').collect();
                    assert!(line >= 1 && line <= lines.len(), "{e}");
                    assert!(
                        column >= 1 && column <= lines[line - 1].chars().count() + 1,
                        "{e}"
                    );
                }
            }
        }
        Case::Parts(properties, probe) => {
            let text = rules_text(&properties);
            let rules = PasswordRules::parse(&text)
                .unwrap_or_else(|e| panic!("valid parts refused: {text:?}: {e}"));
            let probe: String = probe.chars().take(80).collect();
            check(&rules, &probe);
        }
    }
});

fn check(rules: &PasswordRules, probe: &str) {
    let text = rules.to_string();
    let again = PasswordRules::parse(&text)
        .unwrap_or_else(|e| panic!("the canonical text does not parse: {text:?}: {e}"));
    assert_eq!(&again, rules, "{text:?}");
    let Ok(policy) = rules.to_policy() else {
        return;
    };
    let length = probe.chars().count() as u32;
    let accepts = rules.min_length().is_none_or(|n| length >= n)
        && rules.max_length().is_none_or(|n| length <= n)
        && rules
            .max_consecutive()
            .is_none_or(|n| longest_run(probe) <= n)
        && probe.chars().all(|c| rules.allowed().contains(c))
        && rules
            .required()
            .iter()
            .all(|g| probe.chars().any(|c| g.contains(c)));
    assert_eq!(
        policy.is_compliant(probe, &UserContext::default()),
        accepts,
        "{text:?} on {probe:?}"
    );
    let written = policy.to_password_rules();
    let back = PasswordRules::parse(&written.to_string())
        .unwrap_or_else(|e| panic!("written rules do not parse: {written}: {e}"));
    assert_eq!(&back, written.rules());
}

fn longest_run(s: &str) -> u32 {
    let (mut best, mut run, mut prev) = (0, 0, None);
    for c in s.chars() {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        best = best.max(run);
    }
    best
}
