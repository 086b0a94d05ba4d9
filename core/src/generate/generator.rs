//! The generator: exactly uniform over every password the settings allow.

use num_bigint::BigUint;
use rand_core::{CryptoRng, RngCore};

use crate::generate::charset::{disjoint_sets, unprintable_reason, CharClass};
use crate::generate::error::{ConfigError, GenerateError, PatternRejections};
use crate::generate::number::log2;
use crate::generate::password::Password;
use crate::generate::sampler::{Sampler, Scratch};
use crate::generate::settings::GeneratorSettings;
use crate::generate::strength_check::StrengthCheck;
use crate::random::source::os_rng;

/// Longest effective length accepted. The exact unranker's tables (the fallback for
/// settings no faster method covers) grow with the square of the length (a few MiB at
/// this bound), so the bound keeps every setting cheap.
pub const MAX_LENGTH: u32 = 1024;

/// Most passwords one `generate_many` call returns (`BATCH_TOO_LARGE` beyond): a batch is
/// held in memory at once (up to 4 GiB at the maximum length), so larger runs are
/// generated in several batches (the CLI streams them).
pub const MAX_BATCH: usize = 1_000_000;

/// Refuses a batch above [`MAX_BATCH`] before anything is allocated.
pub(crate) fn check_batch(n: usize) -> Result<(), GenerateError> {
    if n > MAX_BATCH {
        return Err(GenerateError::BatchTooLarge { requested: n });
    }
    Ok(())
}

/// How many candidates a rejection loop (a strength check, or a policy's user-dependent
/// rules) may draw for passwords of `length` characters before giving up: a budget of
/// 2^18 characters, at least 64 and at most 10,000 candidates (a zxcvbn score can cost a
/// millisecond each). Keeps an unsatisfiable rule well under a second.
pub(crate) fn rejection_attempts(length: u32) -> u64 {
    ((1u64 << 18) / u64::from(length.max(1))).clamp(64, 10_000)
}

/// A validated generator. Building it counts the passwords exactly and chooses the
/// sampler once; each password then costs `O(length)` bounded draws (see
/// `docs/uniformity.md`).
///
/// ```
/// use passforge::{DeterministicRng, Generator, GeneratorSettings};
///
/// let generator = Generator::new(&GeneratorSettings {
///     length: 16, lower: 8, upper: 4, digits: 2, symbols: 2,
///     ..GeneratorSettings::default()
/// })?;
/// assert_eq!(generator.length(), 16);
/// let password = generator.generate()?; // OS-seeded ChaCha20
/// assert_eq!(password.char_count(), 16);
///
/// // Reproducible output, for tests only:
/// let mut rng = DeterministicRng::from_seed_for_tests(7);
/// let a = generator.generate_with(&mut rng)?;
/// let b = generator.generate_with(&mut DeterministicRng::from_seed_for_tests(7))?;
/// assert_eq!(a, b);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Generator {
    settings: GeneratorSettings,
    length: u32,
    sampler: Sampler,
    count: BigUint,
    entropy_bits: f64,
    strength_check: Option<StrengthCheck>,
    /// The four classes after exclusions, for [`Generator::class_sets`].
    sets: [Vec<char>; 4],
}

/// Settings and derived figures only: the tables are large and say nothing useful.
impl std::fmt::Debug for Generator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generator")
            .field("settings", &self.settings)
            .field("length", &self.length)
            .field("entropy_bits", &self.entropy_bits)
            .finish_non_exhaustive()
    }
}

impl Generator {
    /// Validates the settings, counts the passwords and chooses the sampler.
    pub fn new(settings: &GeneratorSettings) -> Result<Self, ConfigError> {
        let minimums = CharClass::ALL.map(|c| settings.minimum(c));
        let sum: u64 = minimums.iter().map(|&m| u64::from(m)).sum();
        let effective = sum.max(u64::from(settings.length));
        if effective == 0 {
            return Err(ConfigError::ZeroLength);
        }
        if effective > u64::from(MAX_LENGTH) {
            return Err(ConfigError::TooLong {
                requested: effective,
            });
        }
        let strength_check = match settings.strength_check.as_deref() {
            Some(list) => Some(StrengthCheck::parse(list)?).filter(|c| !c.is_empty()),
            None => None,
        };
        for class in CharClass::ALL {
            let bad = settings
                .set(class)
                .chars()
                .find_map(|c| unprintable_reason(c).map(|reason| (c, reason)));
            if let Some((character, reason)) = bad {
                return Err(ConfigError::UnprintableCharacter {
                    class,
                    character,
                    reason,
                });
            }
        }
        let sets = disjoint_sets(
            CharClass::ALL.map(|c| settings.set(c)),
            &settings.exclude,
            settings.avoid_ambiguous,
        );
        for ((class, set), &minimum) in CharClass::ALL.iter().zip(&sets).zip(&minimums) {
            if set.is_empty() && minimum > 0 {
                return Err(ConfigError::EmptyClass {
                    class: *class,
                    minimum,
                });
            }
        }
        if sets.iter().all(Vec::is_empty) {
            return Err(ConfigError::NoCharacters);
        }
        let (sampler, count) = Sampler::build(&sets, minimums, effective as u32);
        Ok(Self {
            settings: settings.clone(),
            length: effective as u32,
            entropy_bits: log2(&count),
            sampler,
            count,
            strength_check,
            sets,
        })
    }

    /// The effective length: the larger of the length and the sum of the minimums.
    pub fn length(&self) -> u32 {
        self.length
    }

    /// log2 of the number of distinct passwords the settings allow, before the strength
    /// check (exact count, rounded once to `f64`).
    pub fn entropy_bits(&self) -> f64 {
        self.entropy_bits
    }

    /// Below this many bits of entropy ([`Generator::is_weak`]) the settings allow fewer
    /// than about a trillion passwords: a front-end should warn (a set such as `aaaa`
    /// holds one character, and 12 of it make one password).
    pub const WEAK_ENTROPY_BITS: f64 = 40.0;

    /// Whether [`Generator::entropy_bits`] is below [`Generator::WEAK_ENTROPY_BITS`]:
    /// allowed (a PIN is legitimate), but worth a warning.
    pub fn is_weak(&self) -> bool {
        self.entropy_bits < Self::WEAK_ENTROPY_BITS
    }

    /// The exact number of distinct passwords the settings allow, in decimal.
    pub fn password_count(&self) -> String {
        self.count.to_string()
    }

    /// The settings this generator was built from.
    pub fn settings(&self) -> &GeneratorSettings {
        &self.settings
    }

    /// The strength check, when one is set and not empty.
    pub fn strength_check(&self) -> Option<&StrengthCheck> {
        self.strength_check.as_ref()
    }

    /// The characters each class draws from, after exclusions and de-duplication.
    pub fn class_set(&self, class: CharClass) -> &[char] {
        // `sets` follows `CharClass::ALL`, which is declaration order.
        &self.sets[class as usize]
    }

    /// One password from an OS-seeded ChaCha20 generator.
    pub fn generate(&self) -> Result<Password, GenerateError> {
        self.generate_with(&mut os_rng()?)
    }

    /// One password from the given random source.
    pub fn generate_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<Password, GenerateError> {
        self.generate_into(rng, &mut Scratch::default())
    }

    /// `n` passwords (at most [`MAX_BATCH`]) from one OS-seeded ChaCha20 generator.
    pub fn generate_many(&self, n: usize) -> Result<Vec<Password>, GenerateError> {
        self.generate_many_with(&mut os_rng()?, n)
    }

    /// `n` passwords from the given random source; the same stream as `n` calls of
    /// [`Generator::generate_with`].
    pub fn generate_many_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        n: usize,
    ) -> Result<Vec<Password>, GenerateError> {
        check_batch(n)?;
        let mut scratch = Scratch::default();
        (0..n)
            .map(|_| self.generate_into(rng, &mut scratch))
            .collect()
    }

    /// `n` passwords from `rng` (the same stream as [`Generator::generate_many_with`])
    /// joined by `separator` into one buffer wiped on drop, as [`Password::join`] would
    /// join them: for a front-end that converts a batch as one string or splits it itself.
    /// With an ASCII alphabet, at most 64 characters and no strength check, the passwords
    /// are written straight into that buffer (no allocation per password).
    ///
    /// ```
    /// use passforge::{DeterministicRng, Generator, GeneratorSettings};
    /// let g = Generator::new(&GeneratorSettings::default())?;
    /// let joined = g.generate_many_joined_with(&mut DeterministicRng::from_seed_for_tests(1), 3, "\n")?;
    /// let many = g.generate_many_with(&mut DeterministicRng::from_seed_for_tests(1), 3)?;
    /// let split: Vec<&str> = joined.as_str().split('\n').collect();
    /// assert_eq!(split, many.iter().map(|p| p.as_str()).collect::<Vec<_>>());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate_many_joined_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        n: usize,
        separator: &str,
    ) -> Result<Password, GenerateError> {
        check_batch(n)?;
        if self.strength_check.is_some() || !self.sampler.appends_ascii() {
            return Ok(Password::join(&self.generate_many_with(rng, n)?, separator));
        }
        // Exact capacity (ASCII: one byte per character), so the buffer never moves and
        // leaves no copy behind.
        let length = self.length as usize;
        let mut text = String::with_capacity(n * length + separator.len() * n.saturating_sub(1));
        let mut scratch = Scratch::default();
        for i in 0..n {
            if i > 0 {
                text.push_str(separator);
            }
            self.sampler.sample_append(rng, &mut scratch, &mut text);
        }
        debug_assert_eq!(text.len(), text.capacity());
        Ok(Password::from_string(text))
    }

    /// One candidate before any strength check (for the acceptance estimate).
    pub(crate) fn candidate<R: RngCore + ?Sized>(&self, rng: &mut R) -> Password {
        self.sampler.sample(rng, &mut Scratch::default())
    }

    fn generate_into<R: RngCore + ?Sized>(
        &self,
        rng: &mut R,
        scratch: &mut Scratch,
    ) -> Result<Password, GenerateError> {
        let Some(check) = &self.strength_check else {
            return Ok(self.sampler.sample(rng, scratch));
        };
        // Rejection keeps the result uniform over the passwords that pass.
        let attempts = rejection_attempts(self.length);
        let mut rejected = vec![0u64; check.patterns().len()];
        for _ in 0..attempts {
            let candidate = self.sampler.sample(rng, scratch);
            // The first pattern that fails rejects the candidate: the others need not
            // run, which keeps the worst check at one search per candidate.
            match check.first_failure(candidate.as_str()) {
                None => return Ok(candidate),
                Some(i) => rejected[i] += 1,
            }
        }
        let mut rejections: Vec<PatternRejections> = check
            .patterns()
            .iter()
            .zip(rejected)
            .map(|(pattern, rejected)| PatternRejections {
                pattern: pattern.clone(),
                rejected,
            })
            .collect();
        rejections.sort_by_key(|r| std::cmp::Reverse(r.rejected));
        Err(GenerateError::StrengthCheckUnmet {
            attempts,
            rejections,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::rng::DeterministicRng;

    fn settings(length: u32, counts: [u32; 4]) -> GeneratorSettings {
        GeneratorSettings::with_minimums(length, counts)
    }

    fn class_counts(p: &str) -> [usize; 4] {
        let symbols = crate::generate::charset::DEFAULT_SYMBOLS;
        [
            p.chars().filter(char::is_ascii_lowercase).count(),
            p.chars().filter(char::is_ascii_uppercase).count(),
            p.chars().filter(char::is_ascii_digit).count(),
            p.chars().filter(|c| symbols.contains(*c)).count(),
        ]
    }

    #[test]
    fn debug_is_short() {
        let g = Generator::new(&settings(1024, [1, 1, 1, 1])).unwrap();
        let text = format!("{g:?}");
        assert!(text.len() < 600 && text.contains("entropy_bits"), "{text}");
    }

    #[test]
    fn effective_length_is_the_larger_of_length_and_counts() {
        assert_eq!(
            Generator::new(&settings(12, [8, 4, 2, 2]))
                .unwrap()
                .length(),
            16
        );
        assert_eq!(
            Generator::new(&settings(8, [1, 1, 1, 1])).unwrap().length(),
            8
        );
        assert_eq!(
            Generator::new(&GeneratorSettings::default())
                .unwrap()
                .length(),
            12
        );
    }

    #[test]
    fn every_password_meets_the_minimums() {
        let g = Generator::new(&settings(16, [8, 4, 2, 2])).unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(3);
        for p in g.generate_many_with(&mut rng, 2000).unwrap() {
            let c = class_counts(p.as_str());
            assert!(c[0] >= 8 && c[1] >= 4 && c[2] >= 2 && c[3] >= 2, "{c:?}");
            assert_eq!(p.char_count(), 16);
        }
    }

    #[test]
    fn errors_are_typed() {
        assert_eq!(
            Generator::new(&settings(0, [0; 4])).unwrap_err(),
            ConfigError::ZeroLength
        );
        assert_eq!(
            Generator::new(&settings(1025, [0; 4])).unwrap_err().code(),
            "LENGTH_TOO_LARGE"
        );
        let huge = settings(12, [u32::MAX, u32::MAX, u32::MAX, u32::MAX]);
        assert_eq!(
            Generator::new(&huge).unwrap_err().code(),
            "LENGTH_TOO_LARGE"
        );
        let mut s = settings(12, [1, 1, 1, 1]);
        s.digit_set = Some(String::new());
        assert_eq!(
            Generator::new(&s).unwrap_err(),
            ConfigError::EmptyClass {
                class: CharClass::Digit,
                minimum: 1
            }
        );
        s.digits = 0;
        let g = Generator::new(&s).unwrap();
        assert!(g.class_set(CharClass::Digit).is_empty());
        let mut none = settings(4, [0; 4]);
        none.lower_set = Some(String::new());
        none.upper_set = Some(String::new());
        none.digit_set = Some(String::new());
        none.symbol_set = Some(String::new());
        assert_eq!(
            Generator::new(&none).unwrap_err(),
            ConfigError::NoCharacters
        );
        let mut excluded = settings(4, [0, 0, 1, 0]);
        excluded.exclude = "0123456789".into();
        assert_eq!(Generator::new(&excluded).unwrap_err().code(), "CLASS_EMPTY");
    }

    #[test]
    fn entropy_is_log2_of_the_exact_count() {
        // Length 4, only digits, no minimums: 10^4 passwords.
        let mut s = settings(4, [0; 4]);
        s.lower_set = Some(String::new());
        s.upper_set = Some(String::new());
        s.symbol_set = Some(String::new());
        let g = Generator::new(&s).unwrap();
        assert_eq!(g.password_count(), "10000");
        assert!((g.entropy_bits() - 10_000f64.log2()).abs() < 1e-12);
        // Long passwords do not overflow: 1024 characters over 94.
        let g = Generator::new(&settings(1024, [1, 1, 1, 1])).unwrap();
        // Strings missing a class are a fraction below 4·(84/94)^1024 ≈ 1e-49: invisible
        // in f64, so the exact count rounds to L·log2(94).
        let upper_bound = 1024.0 * 94f64.log2();
        assert!(
            (g.entropy_bits() - upper_bound).abs() < 1e-9,
            "{}",
            g.entropy_bits()
        );
        // Tight minimums are not: 8 characters, 2 of each class, from 94.
        let g = Generator::new(&settings(8, [2, 2, 2, 2])).unwrap();
        let exact: f64 = 2520.0 * 26f64.powi(4) * 100.0 * 1024.0; // 8!/(2!^4)·26²·26²·10²·32²
        assert!((g.entropy_bits() - exact.log2()).abs() < 1e-9);
    }

    #[test]
    fn long_passwords_use_the_big_integer_path() {
        let g = Generator::new(&settings(300, [100, 50, 50, 50])).unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(9);
        for p in g.generate_many_with(&mut rng, 20).unwrap() {
            let c = class_counts(p.as_str());
            assert!(
                c[0] >= 100 && c[1] >= 50 && c[2] >= 50 && c[3] >= 50,
                "{c:?}"
            );
            assert_eq!(p.char_count(), 300);
        }
    }

    #[test]
    fn strength_check_filters_and_unmet_checks_name_the_pattern() {
        // Two free positions, so a third digit is possible but not guaranteed.
        let mut s = settings(14, [6, 2, 2, 2]);
        s.strength_check = Some("'^.{12,}$', '[0-9].*[0-9].*[0-9]'".into());
        let g = Generator::new(&s).unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(1);
        for p in g.generate_many_with(&mut rng, 200).unwrap() {
            assert!(p.as_str().chars().filter(char::is_ascii_digit).count() >= 3);
        }
        s.strength_check = Some("'^.{12,}$', '^.{20,}$'".into());
        let g = Generator::new(&s).unwrap();
        let start = std::time::Instant::now();
        let err = g.generate_with(&mut rng).unwrap_err();
        assert!(start.elapsed().as_secs() < 5, "bounded");
        let msg = err.to_string();
        assert!(msg.contains("'^.{20,}$' rejected"), "{msg}");
        assert!(!msg.contains("'^.{12,}$' rejected"), "{msg}");
        assert_eq!(err.code(), "STRENGTH_CHECK_UNMET");
    }

    #[test]
    fn joined_batches_are_the_same_stream_on_every_path() {
        let mut unicode = settings(10, [3, 0, 2, 0]);
        unicode.lower_set = Some("äöüß".into());
        let mut checked = settings(14, [6, 2, 2, 2]);
        checked.strength_check = Some("'[0-9].*[0-9].*[0-9]'".into());
        let cases = [
            settings(12, [6, 2, 2, 2]),  // fixed counts
            settings(16, [6, 2, 2, 2]),  // count table
            settings(16, [1, 1, 1, 1]),  // rejection
            settings(64, [1, 1, 20, 1]), // unranker
            settings(100, [1, 1, 1, 1]), // longer than the stack buffer
            settings(20, [0, 0, 0, 0]),  // one group
            unicode,
            checked,
        ];
        for s in &cases {
            let g = Generator::new(s).unwrap();
            for n in [0, 1, 7] {
                let joined = g
                    .generate_many_joined_with(
                        &mut DeterministicRng::from_seed_for_tests(4),
                        n,
                        "\n",
                    )
                    .unwrap();
                let many = g
                    .generate_many_with(&mut DeterministicRng::from_seed_for_tests(4), n)
                    .unwrap();
                let want: Vec<&str> = many.iter().map(Password::as_str).collect();
                assert_eq!(joined.as_str(), want.join("\n"), "{s:?}");
            }
        }
        let e = Generator::new(&settings(12, [6, 2, 2, 2]))
            .unwrap()
            .generate_many_joined_with(
                &mut DeterministicRng::from_seed_for_tests(4),
                MAX_BATCH + 1,
                "\n",
            )
            .unwrap_err();
        assert_eq!(e.code(), "BATCH_TOO_LARGE");
    }

    #[test]
    fn custom_unicode_sets() {
        let mut s = settings(10, [3, 0, 2, 0]);
        s.lower_set = Some("äöüß".into());
        s.digit_set = Some("٠١٢٣٤٥٦٧٨٩".into());
        s.upper_set = Some(String::new());
        s.symbol_set = Some(String::new());
        let g = Generator::new(&s).unwrap();
        let p = g
            .generate_with(&mut DeterministicRng::from_seed_for_tests(5))
            .unwrap();
        assert_eq!(p.char_count(), 10);
        assert!(p.as_str().chars().all(|c| "äöüß٠١٢٣٤٥٦٧٨٩".contains(c)));
        assert!(p.as_str().chars().filter(|c| "äöüß".contains(*c)).count() >= 3);
    }
}
