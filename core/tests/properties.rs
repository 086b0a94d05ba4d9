//! Property tests: random settings give passwords that meet them; impossible settings
//! give typed errors quickly.

use passforge::{ConfigError, DeterministicRng, Generator, GeneratorSettings};
use proptest::prelude::*;

fn charset() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(String::new())),
        "[a-zA-Z0-9!-/äöü€αβγ漢字]{1,12}".prop_map(Some),
    ]
}

prop_compose! {
    fn settings()(
        length in 0u32..80,
        counts in prop::array::uniform4(0u32..12),
        sets in prop::array::uniform4(charset()),
        exclude in "[a-z0-9!]{0,4}",
        avoid_ambiguous in any::<bool>(),
    ) -> GeneratorSettings {
        let [lower_set, upper_set, digit_set, symbol_set] = sets;
        GeneratorSettings {
            length, lower: counts[0], upper: counts[1], digits: counts[2], symbols: counts[3],
            lower_set, upper_set, digit_set, symbol_set, exclude, avoid_ambiguous,
            strength_check: None,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn passwords_meet_their_settings(s in settings(), seed in any::<u64>()) {
        let generator = match Generator::new(&s) {
            Ok(g) => g,
            Err(ConfigError::EmptyClass { class, minimum }) => {
                prop_assert!(minimum > 0);
                prop_assert!(s.minimum(class) == minimum);
                return Ok(());
            }
            Err(ConfigError::NoCharacters | ConfigError::ZeroLength) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let sets = passforge::CharClass::ALL.map(|c| generator.class_set(c).to_vec());
        let mut rng = DeterministicRng::from_seed_for_tests(seed);
        for p in generator.generate_many_with(&mut rng, 8).unwrap() {
            let chars: Vec<char> = p.as_str().chars().collect();
            prop_assert_eq!(chars.len() as u32, generator.length());
            prop_assert!(chars.iter().all(|c| sets.iter().any(|set| set.contains(c))));
            for (class, set) in passforge::CharClass::ALL.iter().zip(&sets) {
                let n = chars.iter().filter(|c| set.contains(c)).count() as u32;
                prop_assert!(n >= s.minimum(*class), "{:?}: {} < {}", class, n, s.minimum(*class));
            }
            for c in s.exclude.chars() {
                prop_assert!(!chars.contains(&c));
            }
        }
    }

    #[test]
    fn strength_checked_passwords_match_every_pattern(seed in any::<u64>(), digits in 0u32..4) {
        let s = GeneratorSettings {
            length: 10,
            digits,
            strength_check: Some("'[0-9]', '^[^0-9]', '[A-Z][^A-Z]*$'".into()),
            ..GeneratorSettings::default()
        };
        let generator = Generator::new(&s).unwrap();
        let check = generator.strength_check().unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(seed);
        match generator.generate_many_with(&mut rng, 4) {
            Ok(ps) => for p in ps { prop_assert!(check.is_match(p.as_str())); },
            Err(e) => prop_assert_eq!(e.code(), "STRENGTH_CHECK_UNMET"),
        }
    }

    #[test]
    fn impossible_settings_fail_fast_with_a_type(huge in 1025u32..=u32::MAX, which in 0usize..5) {
        let mut s = GeneratorSettings::default();
        match which {
            0 => s.length = huge,
            1 => s.lower = huge,
            2 => s.upper = huge,
            3 => s.digits = huge,
            _ => s.symbols = huge,
        }
        let start = std::time::Instant::now();
        prop_assert_eq!(Generator::new(&s).unwrap_err().code(), "LENGTH_TOO_LARGE");
        prop_assert!(start.elapsed().as_millis() < 100);
    }
}

#[test]
fn unsatisfiable_strength_check_fails_well_under_a_second_even_when_long() {
    for length in [12u32, 200, 1024] {
        let s = GeneratorSettings {
            length,
            strength_check: Some("'^[a-z]+$'".into()),
            ..GeneratorSettings::default()
        };
        let generator = Generator::new(&s).unwrap();
        let start = std::time::Instant::now();
        let err = generator
            .generate_with(&mut DeterministicRng::from_seed_for_tests(1))
            .unwrap_err();
        assert_eq!(err.code(), "STRENGTH_CHECK_UNMET");
        // Generous bound for debug builds on a loaded 2-core machine; release is ~20x faster.
        assert!(
            start.elapsed().as_secs_f64() < 10.0,
            "{length}: {:?}",
            start.elapsed()
        );
    }
}
