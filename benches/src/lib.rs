//! Shared fixtures for the benches: settings and the peer methods we compare against.

use passforge::{Generator, GeneratorSettings, Policy};

pub use passforge::DeterministicRng;
use rand_core::RngCore;

/// The identity manager's defaults: 12 characters, 6/2/2/2.
pub fn default_generator() -> Generator {
    generator(GeneratorSettings::default())
}

/// `length` characters with the given minimums (lower, upper, digits, symbols).
pub fn generator_with(length: u32, counts: [u32; 4]) -> Generator {
    generator(GeneratorSettings::with_minimums(length, counts))
}

/// The five-pattern check: length >= 9, a digit, a lowercase, an uppercase, a
/// non-alphanumeric.
pub const FIVE_PATTERNS: &str = "'^.{9,}$', '[0-9]', '[a-z]', '[A-Z]', '[^a-zA-Z0-9]'";

/// 12 characters with no minimums, filtered by [`FIVE_PATTERNS`].
pub fn strength_checked_generator() -> Generator {
    generator(GeneratorSettings {
        length: 12,
        lower: 0,
        upper: 0,
        digits: 0,
        symbols: 0,
        strength_check: Some(FIVE_PATTERNS.into()),
        ..GeneratorSettings::default()
    })
}

fn generator(settings: GeneratorSettings) -> Generator {
    match Generator::new(&settings) {
        Ok(g) => g,
        Err(e) => panic!("bench settings are valid: {e}"),
    }
}

/// The examples/policy-ad.toml domain policy plus the five-pattern strength check and
/// the shipped blocklist: the "full AD policy" every validation figure refers to.
pub fn full_ad_policy() -> Policy {
    let text = format!(
        "strength_check = \"{FIVE_PATTERNS}\"\n{}",
        include_str!("../../examples/policy-ad.toml")
    );
    match toml::from_str::<Policy>(&text) {
        Ok(p) => p,
        Err(e) => panic!("examples/policy-ad.toml is valid: {e}"),
    }
}

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &[u8] = b"0123456789";
const SYMBOLS: &[u8] = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Unbiased index below `n` (Lemire's multiply-and-reject), the fair building block.
fn below<R: RngCore>(rng: &mut R, n: u32) -> usize {
    let n64 = u64::from(n);
    loop {
        let m = u64::from(rng.next_u32()) * n64;
        if (m as u32) >= n.wrapping_neg() % n {
            return (m >> 32) as usize;
        }
    }
}

/// Seed-then-shuffle, as Bitwarden, KeePassXC and Passay generate: place each class's
/// minimum, fill the rest from the union, Fisher–Yates shuffle. Fast but NOT uniform
/// over valid passwords (it over-weights passwords with more of the required classes).
pub fn seed_then_shuffle<R: RngCore>(rng: &mut R, length: usize, counts: [usize; 4]) -> String {
    let classes = [LOWER, UPPER, DIGITS, SYMBOLS];
    let union: Vec<u8> = classes.concat();
    let mut out: Vec<u8> = Vec::with_capacity(length);
    for (class, &count) in classes.iter().zip(&counts) {
        for _ in 0..count {
            out.push(class[below(rng, class.len() as u32)]);
        }
    }
    while out.len() < length {
        out.push(union[below(rng, union.len() as u32)]);
    }
    for i in (1..out.len()).rev() {
        out.swap(i, below(rng, i as u32 + 1));
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The `passwords` crate's strict generator: every class enabled, at least one of each.
pub fn passwords_strict(length: usize) -> passwords::PasswordGenerator {
    passwords::PasswordGenerator {
        length,
        numbers: true,
        lowercase_letters: true,
        uppercase_letters: true,
        symbols: true,
        spaces: false,
        exclude_similar_characters: false,
        strict: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_policy_has_every_part() {
        let p = full_ad_policy();
        assert!(p.has_blocklist());
        assert_eq!(p.spec().strength_check.as_deref(), Some(FIVE_PATTERNS));
        let user = passforge::UserContext::default();
        assert!(p.validate("Tr0ub4dor&3x!", &user).is_empty());
        assert!(!p.validate("password", &user).is_empty());
    }

    #[test]
    fn peers_produce_what_they_claim() {
        let mut rng = passforge::DeterministicRng::from_seed_for_tests(1);
        let p = seed_then_shuffle(&mut rng, 16, [1, 1, 1, 1]);
        assert_eq!(p.len(), 16);
        assert!(p.bytes().any(|b| b.is_ascii_digit()));
        let q = passwords_strict(16).generate_one().unwrap_or_default();
        assert_eq!(q.len(), 16);
    }
}
