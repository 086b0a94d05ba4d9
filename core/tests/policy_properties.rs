//! Properties of policy generation: over random policies and users, every generated
//! password validates; and settings that pass `check_generator` need no rejection for
//! the structural rules.

use passforge::{
    AdPolicy, DeterministicRng, Generator, GeneratorSettings, LengthUnit, Policy, PolicyGenerator,
    PolicySpec, UserContext,
};
use proptest::prelude::*;

fn user() -> impl Strategy<Value = UserContext> {
    (
        proptest::option::of("[a-z]{0,6}"),
        proptest::option::of("[A-Z][a-z]{1,5}[ ,.-][A-Z][a-z]{1,6}"),
        proptest::option::of("[a-z.]{1,6}@example\\.org"),
    )
        .prop_map(|(username, display_name, email)| UserContext {
            username,
            display_name,
            email,
        })
}

prop_compose! {
    fn policy()(
        min_length in 0u32..24,
        extra in proptest::option::of(0u32..40),
        mins in proptest::array::uniform4(0u32..4),
        min_categories in 0u32..5,
        forbidden in "[ \"'lI0O]{0,4}",
        no_symbol_at_ends: bool,
        max_repeat in proptest::option::of(2u32..4),
        sequence_length in proptest::option::of(4u32..6),
        flags in proptest::array::uniform4(any::<bool>()),
        ad in proptest::option::of((0u32..16, 0u32..2)),
        unit in prop_oneof![
            Just(None),
            Just(Some(LengthUnit::Utf16)),
            Just(Some(LengthUnit::Utf8Bytes)),
        ],
    ) -> Policy {
        let sum: u32 = mins.iter().sum::<u32>() + 4;
        // Room for the derived length (12 without a minimum), AD minimums up to 15 and the
        // category bumps.
        let max_length = extra.map(|e| min_length.max(sum).max(16) + e);
        Policy::new(PolicySpec {
            length_unit: unit,
            min_length,
            max_length,
            min_lower: mins[0],
            min_upper: mins[1],
            min_digits: mins[2],
            min_symbols: mins[3],
            min_categories,
            forbidden_characters: forbidden,
            no_symbol_at_ends,
            max_repeat,
            sequence_length,
            forbid_username: flags[0],
            forbid_display_name: flags[1],
            forbid_email: flags[2],
            blocklist: flags[3],
            ad: ad.map(|(min, props)| AdPolicy {
                min_pwd_length: min,
                pwd_properties: props,
                ..AdPolicy::default()
            }),
            ..PolicySpec::default()
        })
        .expect("consistent by construction")
    }
}

prop_compose! {
    fn structural_policy()(
        min_length in 0u32..24,
        extra in proptest::option::of(0u32..40),
        mins in proptest::array::uniform4(0u32..4),
        min_categories in 0u32..6,
        forbidden in "[ \"'lI0Oa]{0,3}",
        unit in prop_oneof![
            Just(None),
            Just(Some(LengthUnit::Utf16)),
            Just(Some(LengthUnit::Utf8Bytes)),
        ],
    ) -> Policy {
        let sum: u32 = mins.iter().sum();
        Policy::new(PolicySpec {
            length_unit: unit,
            min_length,
            max_length: extra.map(|e| min_length.max(sum) + e),
            min_lower: mins[0],
            min_upper: mins[1],
            min_digits: mins[2],
            min_symbols: mins[3],
            min_categories,
            forbidden_characters: forbidden,
            ..PolicySpec::default()
        })
        .expect("consistent by construction")
    }
}

prop_compose! {
    fn settings()(
        length in 1u32..30,
        counts in proptest::array::uniform4(0u32..5),
        lower_set in proptest::option::of("[a-zäöüß]{0,5}"),
        symbol_set in proptest::option::of("[!#€£]{0,3}"), // sets are printable: no space
        exclude in "[aeiou0-9!]{0,3}",
    ) -> GeneratorSettings {
        GeneratorSettings {
            length,
            lower: counts[0],
            upper: counts[1],
            digits: counts[2],
            symbols: counts[3],
            lower_set,
            symbol_set,
            exclude,
            ..GeneratorSettings::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn generated_passwords_validate(policy in policy(), user in user(), seed: u64) {
        let generator = PolicyGenerator::new(&policy, None)
            .map_err(|e| TestCaseError::fail(format!("derive: {e}")))?;
        let mut rng = DeterministicRng::from_seed_for_tests(seed);
        for password in generator
            .generate_many_with(&mut rng, &user, 4)
            .map_err(|e| TestCaseError::fail(format!("generate: {e}")))?
        {
            prop_assert!(policy.validate(password.as_str(), &user).is_empty());
        }
    }

    #[test]
    fn accepted_settings_guarantee_the_structural_rules(
        policy in structural_policy(),
        settings in settings(),
        seed: u64,
    ) {
        let Ok(generator) = Generator::new(&settings) else { return Ok(()) };
        if policy.check_generator(&generator).is_err() {
            return Ok(());
        }
        let mut rng = DeterministicRng::from_seed_for_tests(seed);
        for password in generator.generate_many_with(&mut rng, 16).expect("no strength check") {
            let violations = policy.validate(password.as_str(), &UserContext::default());
            prop_assert!(violations.is_empty(), "{:?} {:?}", settings, violations);
        }
    }

    #[test]
    fn derived_settings_pass_their_own_check(policy in structural_policy()) {
        if let Ok(settings) = policy.generator_settings() {
            let generator = Generator::new(&settings).expect("derived settings are valid");
            prop_assert!(policy.check_generator(&generator).is_ok());
        }
    }
}
