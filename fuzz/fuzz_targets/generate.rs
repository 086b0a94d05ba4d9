//! `Generator::new` on arbitrary (bounded) settings, then a few passwords from a seeded
//! generator.
//!
//! Properties: building never panics and refuses with a typed error (non-empty `code()`);
//! every password has exactly `length()` characters, draws only from the four class
//! sets (which are disjoint), has at least each class minimum, and passes the strength
//! check when there is one. Generation either succeeds or fails with a typed error.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use passforge::{CharClass, DeterministicRng, Generator, GeneratorSettings};

/// Lengths and counts reach just past `MAX_LENGTH` (1024) so the limit is exercised.
const MASK: u16 = 0x7ff;
const CAP: u16 = 1100;

#[derive(Arbitrary, Debug)]
struct Case {
    length: u16,
    lower: u16,
    upper: u16,
    digits: u16,
    symbols: u16,
    lower_set: Option<String>,
    upper_set: Option<String>,
    digit_set: Option<String>,
    symbol_set: Option<String>,
    exclude: String,
    avoid_ambiguous: bool,
    strength_check: Option<String>,
    seed: u64,
    /// Passwords to draw (1 to 4).
    draws: u8,
}

fn bounded(n: u16) -> u32 {
    u32::from((n & MASK).min(CAP))
}

fn short(s: Option<String>) -> Option<String> {
    s.map(|s| s.chars().take(48).collect())
}

fuzz_target!(|case: Case| {
    let settings = GeneratorSettings {
        length: bounded(case.length),
        lower: bounded(case.lower),
        upper: bounded(case.upper),
        digits: bounded(case.digits),
        symbols: bounded(case.symbols),
        lower_set: short(case.lower_set),
        upper_set: short(case.upper_set),
        digit_set: short(case.digit_set),
        symbol_set: short(case.symbol_set),
        exclude: case.exclude.chars().take(48).collect(),
        avoid_ambiguous: case.avoid_ambiguous,
        strength_check: case.strength_check.map(|s| s.chars().take(64).collect()),
    };
    let generator = match Generator::new(&settings) {
        Ok(generator) => generator,
        Err(e) => {
            assert!(!e.code().is_empty());
            assert!(!e.to_string().is_empty());
            let sum: u32 = CharClass::ALL.iter().map(|&c| settings.minimum(c)).sum();
            if sum.max(settings.length) > passforge::MAX_LENGTH {
                assert_eq!(e.code(), "LENGTH_TOO_LARGE", "{settings:?}");
            }
            return;
        }
    };

    let length = generator.length();
    let sum: u32 = CharClass::ALL.iter().map(|&c| settings.minimum(c)).sum();
    assert_eq!(length, sum.max(settings.length));
    assert!(generator.entropy_bits() >= 0.0);

    let sets = CharClass::ALL.map(|c| generator.class_set(c));
    for (i, a) in sets.iter().enumerate() {
        for b in &sets[i + 1..] {
            assert!(a.iter().all(|c| !b.contains(c)), "class sets overlap");
        }
    }

    let mut rng = DeterministicRng::from_seed_for_tests(case.seed);
    for _ in 0..=case.draws % 4 {
        let password = match generator.generate_with(&mut rng) {
            Ok(p) => p,
            Err(e) => {
                // Only an unmet strength check may fail here.
                assert!(generator.strength_check().is_some(), "{e}");
                assert_eq!(e.code(), "STRENGTH_CHECK_UNMET");
                return;
            }
        };
        let text = password.as_str();
        assert_eq!(text.chars().count(), length as usize);
        let mut counts = [0u32; 4];
        for ch in text.chars() {
            let class = sets
                .iter()
                .position(|set| set.contains(&ch))
                .unwrap_or_else(|| panic!("{ch:?} is in no class set"));
            counts[class] += 1;
        }
        for (class, count) in CharClass::ALL.iter().zip(counts) {
            assert!(
                count >= settings.minimum(*class),
                "{class:?}: {count} < {}",
                settings.minimum(*class)
            );
        }
        if let Some(check) = generator.strength_check() {
            assert!(check.is_match(text), "strength check not met");
        }
    }
});
