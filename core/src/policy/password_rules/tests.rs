//! Parsing, merging and writing password rules, with the reference parser's semantics
//! worked out by hand from `tools/PasswordRulesParser.js`.

use proptest::prelude::*;

use super::charset::{bits_of, ASCII_PRINTABLE, DIGIT, LOWER, SPECIAL, UPPER};
use super::*;
use crate::policy::rules::PolicySpec;
use crate::{Policy, RuleEffect, UserContext};

fn normalized(text: &str) -> String {
    match PasswordRules::parse(text) {
        Ok(rules) => rules.to_string(),
        Err(e) => panic!("{text:?}: {e}"),
    }
}

fn error(text: &str) -> (String, Option<(usize, usize)>) {
    match PasswordRules::parse(text) {
        Ok(rules) => panic!("{text:?} parsed as {rules}"),
        Err(e) => (e.code().to_owned(), e.position()),
    }
}

#[test]
fn the_issue_example() {
    let text = "minlength: 20; maxlength: 64; required: lower; required: upper; required: digit; \
                required: [-().&@?'#,/\"+]; allowed: ascii-printable; max-consecutive: 2;";
    let rules = PasswordRules::parse(text).unwrap();
    assert_eq!(rules.min_length(), Some(20));
    assert_eq!(rules.max_length(), Some(64));
    assert_eq!(rules.max_consecutive(), Some(2));
    let groups: Vec<u128> = rules.required().iter().map(|g| g.bits()).collect();
    assert_eq!(
        groups,
        [LOWER, UPPER, DIGIT, bits_of("-().&@?'#,/\"+".chars())]
    );
    assert_eq!(rules.allowed().bits(), ASCII_PRINTABLE);
    assert_eq!(
        rules.to_string(),
        "minlength: 20; maxlength: 64; required: lower; required: upper; required: digit; \
         required: [-\"#&'()+,./?@]; allowed: ascii-printable; max-consecutive: 2;"
    );
}

#[test]
fn merging_follows_the_reference_parser() {
    for (input, want) in [
        // No rules: every ASCII printable character.
        ("", "allowed: ascii-printable;"),
        ("  \t\n", "allowed: ascii-printable;"),
        // Largest minlength, smallest maxlength and max-consecutive.
        (
            "minlength: 8; minlength: 12; maxlength: 30; maxlength: 20; max-consecutive: 3; max-consecutive: 4",
            "minlength: 12; maxlength: 20; allowed: ascii-printable; max-consecutive: 3;",
        ),
        // 0 and empty values are ignored.
        ("minlength: 0; maxlength: ; max-consecutive: 0", "allowed: ascii-printable;"),
        ("required: ; allowed:", "allowed: ascii-printable;"),
        ("minlength:", "allowed: ascii-printable;"),
        // Leading zeros.
        ("minlength: 0012", "minlength: 12; allowed: ascii-printable;"),
        // A required group is one group; the allowed set is the groups' characters.
        ("required: upper, digit", "required: upper, digit;"),
        ("required: upper; required: digit", "required: upper; required: digit;"),
        // Groups are kept in order, duplicates too.
        ("required: digit; required: digit", "required: digit; required: digit;"),
        // allowed adds to the required characters.
        ("required: upper; allowed: lower, [-_]", "required: upper; allowed: lower, [-_];"),
        ("allowed: lower; allowed: digit", "allowed: lower, digit;"),
        // Class names in any case; whitespace around values and separators.
        ("required:UPPER ,  Digit ;allowed:", "required: upper, digit;"),
        // Whole classes are named; what is left is one custom class.
        ("allowed: [abcdefghijklmnopqrstuvwxyz], [0]", "allowed: lower, [0];"),
        (
            "allowed: upper, lower, digit, special",
            "allowed: ascii-printable;",
        ),
        ("required: [ !\"#$%&'()*+,./:;<=>?@[\\^_`{|}~]]", "required: [ !\"#$%&'()*+,./:;<=>?@[\\^_`{|}~]];"),
        ("required: special", "required: special;"),
        // unicode and ascii-printable: the first one named wins.
        ("allowed: unicode, lower", "allowed: unicode;"),
        ("allowed: ascii-printable; allowed: unicode", "allowed: ascii-printable;"),
        ("allowed: unicode; allowed: ascii-printable", "allowed: unicode;"),
        ("required: upper; allowed: unicode", "required: upper; allowed: unicode;"),
        // A required group that is ascii-printable comes before a later unicode.
        ("required: ascii-printable; allowed: unicode", "required: ascii-printable; allowed: ascii-printable;"),
        ("allowed: unicode; required: ascii-printable", "allowed: unicode; required: ascii-printable;"),
        ("required: unicode", "required: unicode; allowed: unicode;"),
        // Custom classes: '-' first, ']' last ("]]"), non-ASCII characters ignored.
        ("allowed: [-a]", "allowed: [-a];"),
        ("allowed: []]", "allowed: []];"),
        ("allowed: [ab]]", "allowed: [ab]];"),
        ("allowed: [-]]", "allowed: [-]];"),
        ("allowed: [aé\tb]", "allowed: [ab];"),
        ("allowed: [;,:]", "allowed: [,:;];"),
        // Trailing semicolons and whitespace.
        ("minlength: 8;  ", "minlength: 8; allowed: ascii-printable;"),
        ("minlength: 8", "minlength: 8; allowed: ascii-printable;"),
    ] {
        assert_eq!(normalized(input), want, "{input:?}");
    }
}

#[test]
fn every_error_has_a_code_and_a_place() {
    for (input, code, place) in [
        // The reference parser drops everything for these.
        ("MinLength: 8", "PASSWORD_RULES_UNKNOWN_PROPERTY", (1, 1)),
        (
            "minlength: 8; min-length: 9",
            "PASSWORD_RULES_UNKNOWN_PROPERTY",
            (1, 15),
        ),
        ("pattern: [a]", "PASSWORD_RULES_UNKNOWN_PROPERTY", (1, 1)),
        (
            "required: uppercase",
            "PASSWORD_RULES_UNKNOWN_CLASS",
            (1, 11),
        ),
        ("minlength 8", "PASSWORD_RULES_SYNTAX", (1, 10)),
        ("minlength : 8", "PASSWORD_RULES_SYNTAX", (1, 10)),
        ("minlength", "PASSWORD_RULES_SYNTAX", (1, 10)),
        ("; minlength: 8", "PASSWORD_RULES_SYNTAX", (1, 1)),
        (
            "minlength: 8;; maxlength: 9",
            "PASSWORD_RULES_SYNTAX",
            (1, 14),
        ),
        (
            "minlength: 8, required: upper",
            "PASSWORD_RULES_NUMBER",
            (1, 13),
        ),
        ("required: upper,", "PASSWORD_RULES_SYNTAX", (1, 17)),
        ("required: upper,;", "PASSWORD_RULES_SYNTAX", (1, 17)),
        ("required: upper lower", "PASSWORD_RULES_SYNTAX", (1, 17)),
        ("required: 8", "PASSWORD_RULES_SYNTAX", (1, 11)),
        ("required: digit2", "PASSWORD_RULES_SYNTAX", (1, 16)),
        // Numbers: a space before ';' drops the property in the reference parser.
        ("maxlength: 16 ;", "PASSWORD_RULES_NUMBER", (1, 14)),
        ("minlength: -1", "PASSWORD_RULES_NUMBER", (1, 12)),
        ("minlength: 8.5", "PASSWORD_RULES_NUMBER", (1, 13)),
        ("minlength: eight", "PASSWORD_RULES_NUMBER", (1, 12)),
        ("maxlength: 4294967296", "PASSWORD_RULES_NUMBER", (1, 12)),
        // Custom classes.
        ("allowed: [a-z]", "PASSWORD_RULES_CLASS_DASH", (1, 12)),
        ("allowed: [é-]", "PASSWORD_RULES_CLASS_DASH", (1, 12)),
        ("allowed: [ab]c]", "PASSWORD_RULES_CLASS_BRACKET", (1, 13)),
        ("allowed: [a]]]", "PASSWORD_RULES_CLASS_BRACKET", (1, 14)),
        (
            "allowed: [abc",
            "PASSWORD_RULES_CLASS_UNTERMINATED",
            (1, 10),
        ),
        ("allowed: [", "PASSWORD_RULES_CLASS_UNTERMINATED", (1, 10)),
        ("required: []", "PASSWORD_RULES_CLASS_EMPTY", (1, 11)),
        (
            "required: [é]; minlength: 8",
            "PASSWORD_RULES_CLASS_EMPTY",
            (1, 11),
        ),
        // Lines count.
        (
            "minlength: 8;\n  required: foo",
            "PASSWORD_RULES_UNKNOWN_CLASS",
            (2, 13),
        ),
    ] {
        assert_eq!(error(input), (code.to_owned(), Some(place)), "{input:?}");
    }
}

#[test]
fn messages_say_what_to_write() {
    let message = |text| PasswordRules::parse(text).unwrap_err().to_string();
    assert_eq!(
        message("MinLength: 8"),
        "password rules, line 1, column 1: unknown property 'MinLength'; did you mean \
         'minlength'? (names are lowercase)"
    );
    assert!(message("allowed: [a-z]").contains("[a-z] is not a range"));
    assert!(message("allowed: [ab]c]").contains("']]' at the end"));
    assert!(message("maxlength: 16 ;").contains("no space before it"));
    assert!(
        message("minlength=8").contains("expected ':' right after the property name, found '='")
    );
    assert!(message("minlength 8").contains("found U+0020"));
    assert!(message("required: upper,").contains("found the end of the rules"));
}

#[test]
fn rules_become_the_policy_that_accepts_the_same_passwords() {
    let spec = PasswordRules::parse("required: upper, digit; required: lower; required: special")
        .unwrap()
        .policy_spec();
    assert_eq!(spec.min_lower, 1);
    assert_eq!(
        (spec.min_upper, spec.min_digits, spec.min_symbols),
        (0, 0, 0)
    );
    // `special` holds the space, which is no symbol.
    let special: String = super::charset::chars_of(SPECIAL).collect();
    assert_eq!(
        spec.required_characters,
        ["0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".to_owned(), special]
    );
    // With `allowed: unicode`, a lowercase é is no `lower`.
    let spec = PasswordRules::parse("required: lower; allowed: unicode")
        .unwrap()
        .policy_spec();
    assert_eq!(
        (spec.min_lower, spec.allowed_characters.as_deref()),
        (0, None)
    );
    assert_eq!(spec.required_characters, ["abcdefghijklmnopqrstuvwxyz"]);
    let policy = Policy::new(spec).unwrap();
    let none = UserContext::default();
    assert_eq!(
        policy.validate("ÉÉé", &none)[0].code(),
        "MISSING_REQUIRED_CHARACTER"
    );
    assert!(policy.validate("ÉÉa", &none).is_empty());
    // A unicode group is one character of any kind.
    let spec = PasswordRules::parse("required: unicode")
        .unwrap()
        .policy_spec();
    assert_eq!(spec.min_length, 1);
    // Conflicts are the policy's errors.
    let conflict = |text| Policy::from_password_rules(text).unwrap_err().code();
    assert_eq!(
        conflict("minlength: 10; maxlength: 8"),
        "POLICY_LENGTH_RANGE"
    );
    assert_eq!(
        conflict("maxlength: 2; required: lower; required: upper; required: digit"),
        "POLICY_MINIMUMS_ABOVE_MAXIMUM"
    );
}

#[test]
fn written_rules_say_what_they_leave_out() {
    let keys = |spec: PolicySpec| -> (String, Vec<(&'static str, RuleEffect)>) {
        let written = Policy::new(spec).unwrap().to_password_rules();
        let keys = written
            .unexpressed()
            .iter()
            .map(|u| (u.key, u.effect))
            .collect();
        (written.to_string(), keys)
    };
    use crate::RuleEffect::{Looser, Stricter};
    // Every character allowed: unicode, and a class minimum is a stricter ASCII class.
    assert_eq!(
        keys(PolicySpec {
            min_length: 12,
            min_digits: 2,
            max_repeat: Some(3),
            ..PolicySpec::default()
        }),
        (
            "minlength: 12; required: digit; allowed: unicode; max-consecutive: 3;".into(),
            vec![("min_digits", Looser), ("min_digits", Stricter)]
        )
    );
    // Forbidden characters make the rules list the ASCII ones allowed.
    assert_eq!(
        keys(PolicySpec {
            forbidden_characters: "\"'\\ ".into(),
            ..PolicySpec::default()
        }),
        (
            "allowed: upper, lower, digit, [-!#$%&()*+,./:;<=>?@[^_`{|}~]];".into(),
            vec![("forbidden_characters", Stricter)]
        )
    );
    // An ASCII policy is exact; symbols are the punctuation it allows.
    let ascii: String = (' '..='~').filter(|c| !"<>".contains(*c)).collect();
    assert_eq!(
        keys(PolicySpec {
            min_length: 8,
            max_length: Some(64),
            min_symbols: 1,
            allowed_characters: Some(ascii),
            ..PolicySpec::default()
        }),
        (
            "minlength: 8; maxlength: 64; required: [-!\"#$%&'()*+,./:;=?@[\\^_`{|}~]]; \
             allowed: upper, lower, digit, [ ];"
                .into(),
            vec![]
        )
    );
    // Rules the language lacks, and an N-of-5 rule beyond the required classes.
    assert_eq!(
        keys(PolicySpec {
            min_upper: 1,
            min_categories: 3,
            allowed_characters: Some("abcXYZ!?".into()),
            no_symbol_at_ends: true,
            blocklist: true,
            history: 3,
            ..PolicySpec::default()
        }),
        (
            "required: [XYZ]; required: [abc]; required: [!?];".into(),
            vec![
                ("min_categories", Stricter),
                ("no_symbol_at_ends", Looser),
                ("blocklist", Looser),
                ("history", Looser),
            ]
        )
    );
    // Requirements with no ASCII character cannot be written.
    assert_eq!(
        keys(PolicySpec {
            min_upper: 1,
            required_characters: vec!["äö".into(), "ü!".into()],
            allowed_characters: Some("aäöü!".into()),
            ..PolicySpec::default()
        }),
        (
            "required: [!]; allowed: [a];".into(),
            vec![
                ("allowed_characters", Stricter),
                ("min_upper", Looser),
                ("required_characters", Looser),
                ("required_characters", Stricter),
            ]
        )
    );
}

/// Rules text made of the language's parts, valid by construction.
fn rules_text() -> impl Strategy<Value = String> {
    let class = prop_oneof![
        Just("upper".to_owned()),
        Just("LOWER".to_owned()),
        Just("digit".to_owned()),
        Just("special".to_owned()),
        Just("ascii-printable".to_owned()),
        Just("unicode".to_owned()),
        (
            proptest::collection::vec(0x21u8..0x7f, 1..6),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(chars, dash, bracket)| {
                let mut text = String::from("[");
                if dash {
                    text.push('-');
                }
                text.extend(
                    chars
                        .iter()
                        .map(|&b| char::from(b))
                        .filter(|&c| c != '-' && c != ']'),
                );
                if bracket || text.len() == 1 {
                    text.push(']');
                }
                text.push(']');
                text
            }),
    ];
    let values = proptest::collection::vec(class, 1..4).prop_map(|v| v.join(", "));
    let property = prop_oneof![
        values.clone().prop_map(|v| format!("required: {v}")),
        values.prop_map(|v| format!("allowed: {v}")),
        (0u32..70).prop_map(|n| format!("minlength: {n}")),
        (0u32..70).prop_map(|n| format!("maxlength: {n}")),
        (0u32..5).prop_map(|n| format!("max-consecutive: {n}")),
    ];
    proptest::collection::vec(property, 0..7).prop_map(|p| p.join("; "))
}

proptest! {
    /// The canonical text parses back to the same rules.
    #[test]
    fn the_canonical_text_reads_back_the_same(text in rules_text()) {
        let rules = PasswordRules::parse(&text).unwrap();
        let again = PasswordRules::parse(&rules.to_string()).unwrap();
        prop_assert_eq!(&again, &rules, "{} -> {}", text, rules);
        prop_assert_eq!(again.to_string(), rules.to_string());
    }

    /// A policy read from rules writes them back exactly, and the rules and the policy
    /// accept the same passwords.
    #[test]
    fn rules_to_policy_and_back(text in rules_text(), password in "[ -~]{0,12}") {
        let rules = PasswordRules::parse(&text).unwrap();
        if let Ok(policy) = rules.to_policy() {
            let written = policy.to_password_rules();
            // A group of every ASCII character hides a later `allowed: unicode` from a
            // reader, so such rules are written as ASCII (and say so).
            let hidden = rules.allowed().is_unicode()
                && rules.required().iter().any(|g| !g.is_unicode() && g.bits() == ASCII_PRINTABLE);
            if !hidden {
                prop_assert!(written.is_exact(), "{}: {:?}", rules, written.unexpressed());
            }
            let back = written.rules().to_policy().unwrap();
            let none = UserContext::default();
            prop_assert_eq!(
                policy.is_compliant(&password, &none),
                back.is_compliant(&password, &none),
                "{} -> {}", rules, written
            );
            prop_assert_eq!(policy.is_compliant(&password, &none), accepts(&rules, &password));
        }
    }
}

/// What the rules themselves accept, straight from their definition.
fn accepts(rules: &PasswordRules, password: &str) -> bool {
    let length = password.chars().count() as u32;
    rules.min_length().is_none_or(|n| length >= n)
        && rules.max_length().is_none_or(|n| length <= n)
        && rules
            .max_consecutive()
            .is_none_or(|n| crate::policy::sequence::longest_run(password) <= n)
        && password.chars().all(|c| rules.allowed().contains(c))
        && rules
            .required()
            .iter()
            .all(|g| password.chars().any(|c| g.contains(c)))
}
