//! Generation that obeys a policy: checking settings against it, deriving settings from
//! it, and generating for one user.

use rand_core::{CryptoRng, RngCore};

use crate::generate::charset::CharClass;
use crate::generate::generator::{check_batch, rejection_attempts, Generator, MAX_LENGTH};
use crate::generate::password::Password;
use crate::generate::settings::GeneratorSettings;
use crate::policy::category::Category;
use crate::policy::error::{PolicyGenerateError, SettingsError};
use crate::policy::rules::Policy;
use crate::policy::shortfall::SettingsShortfall;
use crate::policy::validate::UserContext;
use crate::random::source::os_rng;

/// Length a derived generator uses when the policy sets no minimum (the generator's
/// default), clamped to the policy maximum.
const DEFAULT_DERIVED_LENGTH: u32 = 12;

const POLICY_CLASSES: [(CharClass, Category); 4] = [
    (CharClass::Lower, Category::Lower),
    (CharClass::Upper, Category::Upper),
    (CharClass::Digit, Category::Digit),
    (CharClass::Symbol, Category::Symbol),
];

impl Policy {
    /// Checks that every password `generator` can produce meets this policy's structural
    /// rules: length (in the policy's unit), class minimums, the N-of-5 rule and the
    /// allowed characters. Rules that depend on the user or on the exact characters
    /// (context, blocklist, patterns, runs, sequences, symbols at the ends, score) are
    /// left to [`PolicyGenerator`], which enforces them by rejection.
    ///
    /// ```
    /// use passforge::{Generator, GeneratorSettings, Policy, PolicySpec};
    /// let policy = Policy::new(PolicySpec { min_length: 10, ..PolicySpec::default() })?;
    /// let g = Generator::new(&GeneratorSettings { length: 8, lower: 2, upper: 2,
    ///     digits: 2, symbols: 2, ..GeneratorSettings::default() })?;
    /// let e = policy.check_generator(&g).unwrap_err();
    /// assert_eq!(e.reasons()[0].to_string(),
    ///     "generator length 8 is below the policy minimum of 10 characters");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_generator(&self, generator: &Generator) -> Result<(), SettingsError> {
        let mut reasons = Vec::new();
        let settings = generator.settings();
        let length = u64::from(generator.length());
        let enabled: Vec<char> = CharClass::ALL
            .iter()
            .flat_map(|&c| generator.class_set(c).iter().copied())
            .collect();
        let units = enabled.iter().map(|&c| self.unit.of_char(c) as u64);
        let (shortest, longest) = (units.clone().min().unwrap_or(1), units.max().unwrap_or(1));
        if length * shortest < u64::from(self.min_length) {
            reasons.push(SettingsShortfall::LengthBelowMinimum {
                length: length * shortest,
                minimum: self.min_length,
                unit: self.unit,
            });
        }
        if let Some(maximum) = self.max_length {
            if length * longest > u64::from(maximum) {
                reasons.push(SettingsShortfall::LengthAboveMaximum {
                    length: length * longest,
                    maximum,
                    unit: self.unit,
                });
            }
        }
        let guaranteed = self.guaranteed(generator, settings, length, &enabled);
        for (i, &(_, category)) in POLICY_CLASSES.iter().enumerate() {
            let minimum = self.class_minimums[i];
            if guaranteed[category.index()] < u64::from(minimum) {
                reasons.push(SettingsShortfall::ClassBelowMinimum {
                    category,
                    guaranteed: guaranteed[category.index()],
                    minimum,
                });
            }
        }
        let categories = guaranteed.iter().filter(|&&n| n > 0).count() as u32;
        if categories < self.min_categories {
            reasons.push(SettingsShortfall::CategoriesBelowMinimum {
                guaranteed: categories,
                required: self.min_categories,
            });
        }
        let symbols = guaranteed[Category::Symbol.index()];
        if self.no_symbol_at_ends && symbols > 0 && symbols + 2 > length {
            reasons.push(SettingsShortfall::SymbolAtEndCertain { symbols, length });
        }
        for class in CharClass::ALL {
            let bad: String = generator
                .class_set(class)
                .iter()
                .filter(|&&c| !self.allows_char(c))
                .take(16)
                .collect();
            if !bad.is_empty() {
                reasons.push(SettingsShortfall::CharacterNotAllowed {
                    class,
                    characters: bad,
                });
            }
        }
        if reasons.is_empty() {
            Ok(())
        } else {
            Err(SettingsError::new(reasons))
        }
    }

    /// Per category, how many characters every output is sure to hold: the minimums of
    /// the generator classes whose whole set is in that category, plus the free
    /// positions when every enabled character is.
    fn guaranteed(
        &self,
        generator: &Generator,
        settings: &GeneratorSettings,
        length: u64,
        enabled: &[char],
    ) -> [u64; 5] {
        let mut out = [0u64; 5];
        let uniform = |set: &[char]| -> Option<Category> {
            let first = Category::of(*set.first()?, self.classes)?;
            set.iter()
                .all(|&c| Category::of(c, self.classes) == Some(first))
                .then_some(first)
        };
        let mut claimed = 0u64;
        for class in CharClass::ALL {
            let set = generator.class_set(class);
            let minimum = u64::from(settings.minimum(class));
            claimed += if set.is_empty() { 0 } else { minimum };
            if let Some(category) = uniform(set) {
                out[category.index()] += minimum;
            }
        }
        if let Some(category) = uniform(enabled) {
            out[category.index()] += length.saturating_sub(claimed);
        }
        out
    }

    /// The weakest generator settings whose every output meets the structural rules:
    /// the policy's length (12 when it sets no minimum, within its maximum), its class
    /// minimums, one more class where the N-of-5 rule needs it, and the default sets
    /// without the characters it does not allow.
    ///
    /// ```
    /// use passforge::{Generator, Policy, PolicySpec};
    /// let policy = Policy::new(PolicySpec {
    ///     min_length: 15, min_categories: 3, min_digits: 2, ..PolicySpec::default()
    /// })?;
    /// let settings = policy.generator_settings()?;
    /// assert_eq!((settings.length, settings.lower, settings.upper, settings.digits,
    ///     settings.symbols), (15, 1, 1, 2, 0));
    /// policy.check_generator(&Generator::new(&settings)?)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generator_settings(&self) -> Result<GeneratorSettings, SettingsError> {
        let mut exclude = String::new();
        let mut available = [false; 4];
        let mut minimums = self.class_minimums;
        for (i, &(class, category)) in POLICY_CLASSES.iter().enumerate() {
            for c in GeneratorSettings::default().set(class).chars() {
                // Default sets are ASCII, classified alike under every definition; the
                // category test keeps this true if a definition ever changes.
                if self.allows_char(c) && Category::of(c, self.classes) == Some(category) {
                    available[i] = true;
                } else {
                    exclude.push(c);
                }
            }
        }
        let mut categories = (0..4).filter(|&i| minimums[i] > 0 && available[i]).count() as u32;
        for i in 0..4 {
            if categories >= self.min_categories {
                break;
            }
            if minimums[i] == 0 && available[i] {
                minimums[i] = 1;
                categories += 1;
            }
        }
        // u64: a policy may ask for up to u32::MAX of each class.
        let sum: u64 = minimums.iter().map(|&m| u64::from(m)).sum();
        let floor = if self.min_length == 0 {
            DEFAULT_DERIVED_LENGTH.min(self.max_length.unwrap_or(u32::MAX))
        } else {
            self.min_length
        };
        // With no symbol at the ends, the symbols need two other characters around them.
        let symbols_inside = if self.no_symbol_at_ends && minimums[3] > 0 {
            u64::from(minimums[3]) + 2
        } else {
            0
        };
        let length = u64::from(floor).max(sum).max(symbols_inside);
        if length > u64::from(MAX_LENGTH) {
            return Err(SettingsError::new(vec![
                SettingsShortfall::LengthAboveGeneratorMaximum { length },
            ]));
        }
        // Every value is at most `length`, which is at most MAX_LENGTH: no truncation.
        let settings = GeneratorSettings {
            length: length as u32,
            lower: minimums[0],
            upper: minimums[1],
            digits: minimums[2],
            symbols: minimums[3],
            exclude,
            ..GeneratorSettings::default()
        };
        match Generator::new(&settings) {
            Ok(generator) => self.check_generator(&generator).map(|()| settings),
            Err(error) => {
                // A class the policy requires has no allowed character left.
                let mut reasons: Vec<SettingsShortfall> = POLICY_CLASSES
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| minimums[i] > 0 && !available[i])
                    .map(|(i, &(_, category))| SettingsShortfall::ClassBelowMinimum {
                        category,
                        guaranteed: 0,
                        minimum: minimums[i],
                    })
                    .collect();
                if reasons.is_empty() {
                    reasons.push(SettingsShortfall::InvalidSettings(error));
                }
                Err(SettingsError::new(reasons))
            }
        }
    }
}

/// Draws candidates until one complies with `policy` for `context`, at most `attempts`:
/// whole-output rejection, which keeps every compliant candidate equally likely. The
/// error counts, per violation code, the candidates it rejected (most first).
pub(crate) fn comply_by_rejection(
    policy: &Policy,
    context: &UserContext,
    attempts: u64,
    mut candidate: impl FnMut() -> Result<Password, PolicyGenerateError>,
) -> Result<Password, PolicyGenerateError> {
    let mut rejections: Vec<(&'static str, u64)> = Vec::new();
    for _ in 0..attempts {
        let candidate = candidate()?;
        let violations = policy.validate(candidate.as_str(), context);
        if violations.is_empty() {
            return Ok(candidate);
        }
        for v in &violations {
            match rejections.iter_mut().find(|(code, _)| *code == v.code()) {
                Some((_, n)) => *n += 1,
                None => rejections.push((v.code(), 1)),
            }
        }
    }
    rejections.sort_by_key(|r| std::cmp::Reverse(r.1));
    Err(PolicyGenerateError::Unmet {
        attempts,
        rejections,
    })
}

/// Generates passwords that comply with a policy for one user. The generator's
/// structure guarantees the structural rules (checked when this is built); the others
/// are enforced by rejection with a bounded number of attempts, which keeps every
/// compliant password equally likely.
///
/// ```
/// use passforge::{Policy, PolicyGenerator, PolicySpec, UserContext};
/// let policy = Policy::new(PolicySpec {
///     min_length: 14, min_categories: 3, forbid_username: true, blocklist: true,
///     max_repeat: Some(2), ..PolicySpec::default()
/// })?;
/// let generator = PolicyGenerator::new(&policy, None)?;
/// let user = UserContext::with_username("jsmith");
/// let password = generator.generate(&user)?;
/// assert!(policy.validate(password.as_str(), &user).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct PolicyGenerator {
    policy: Policy,
    generator: Generator,
}

impl PolicyGenerator {
    /// With `settings`, checks them against the policy first; without, derives them
    /// ([`Policy::generator_settings`]).
    pub fn new(
        policy: &Policy,
        settings: Option<&GeneratorSettings>,
    ) -> Result<Self, PolicyGenerateError> {
        let settings = match settings {
            Some(s) => s.clone(),
            None => policy.generator_settings()?,
        };
        let generator = Generator::new(&settings)?;
        policy.check_generator(&generator)?;
        Ok(Self {
            policy: policy.clone(),
            generator,
        })
    }

    /// The underlying generator (its length and entropy are before rejection).
    pub fn generator(&self) -> &Generator {
        &self.generator
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// One compliant password, from an OS-seeded ChaCha20 generator.
    pub fn generate(&self, context: &UserContext) -> Result<Password, PolicyGenerateError> {
        self.generate_with(&mut os_rng()?, context)
    }

    /// `n` compliant passwords from one OS-seeded ChaCha20 generator.
    pub fn generate_many(
        &self,
        context: &UserContext,
        n: usize,
    ) -> Result<Vec<Password>, PolicyGenerateError> {
        self.generate_many_with(&mut os_rng()?, context, n)
    }

    /// One compliant password from the given random source.
    pub fn generate_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        context: &UserContext,
    ) -> Result<Password, PolicyGenerateError> {
        comply_by_rejection(
            &self.policy,
            context,
            rejection_attempts(self.generator.length()),
            || Ok(self.generator.generate_with(rng)?),
        )
    }

    /// `n` compliant passwords from the given random source.
    pub fn generate_many_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        context: &UserContext,
        n: usize,
    ) -> Result<Vec<Password>, PolicyGenerateError> {
        check_batch(n)?;
        (0..n).map(|_| self.generate_with(rng, context)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::rules::PolicySpec;
    use crate::random::rng::DeterministicRng;
    use crate::AdPolicy;

    fn settings(length: u32, counts: [u32; 4]) -> GeneratorSettings {
        GeneratorSettings::with_minimums(length, counts)
    }

    fn codes(policy: &Policy, s: &GeneratorSettings) -> Vec<&'static str> {
        match policy.check_generator(&Generator::new(s).unwrap()) {
            Ok(()) => vec![],
            Err(e) => e.reasons().iter().map(SettingsShortfall::code).collect(),
        }
    }

    #[test]
    fn ad_domain_rule_configured_complexity_at_least_the_domain() {
        let ad = Policy::new(PolicySpec {
            ad: Some(AdPolicy {
                min_pwd_length: 10,
                pwd_properties: 1,
                ..AdPolicy::default()
            }),
            ..PolicySpec::default()
        })
        .unwrap();
        let e = ad
            .check_generator(&Generator::new(&settings(8, [8, 0, 0, 0])).unwrap())
            .unwrap_err();
        let msgs: Vec<String> = e.reasons().iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            [
                "generator length 8 is below the policy minimum of 10 UTF-16 code units",
                "the generator guarantees characters from 1 categories but the policy requires 3",
            ]
        );
        assert!(codes(&ad, &settings(10, [1, 1, 1, 0])).is_empty());
        assert_eq!(
            codes(&ad, &settings(300, [1, 1, 1, 0])),
            ["GENERATOR_LENGTH_ABOVE_MAXIMUM"]
        );
    }

    #[test]
    fn class_guarantees_follow_the_policy_classification() {
        let p = Policy::new(PolicySpec {
            min_upper: 2,
            min_symbols: 1,
            forbidden_characters: "\"'".into(),
            ..PolicySpec::default()
        })
        .unwrap();
        assert_eq!(
            codes(&p, &settings(12, [6, 1, 2, 1])),
            [
                "GENERATOR_CLASS_BELOW_MINIMUM",
                "GENERATOR_CHARACTER_NOT_ALLOWED"
            ]
        );
        let mut s = settings(12, [6, 2, 2, 1]);
        s.exclude = "\"'".into();
        assert!(codes(&p, &s).is_empty());
        // A digit set of letters does not count as digits.
        let digits = Policy::new(PolicySpec {
            min_digits: 2,
            ..PolicySpec::default()
        })
        .unwrap();
        let mut s = settings(12, [0, 0, 2, 0]);
        s.digit_set = Some("αβγ".into());
        assert_eq!(codes(&digits, &s), ["GENERATOR_CLASS_BELOW_MINIMUM"]);
        // Only digits enabled: every position is a digit.
        let mut only = settings(4, [0, 0, 0, 0]);
        only.lower_set = Some(String::new());
        only.upper_set = Some(String::new());
        only.symbol_set = Some(String::new());
        assert!(codes(&digits, &only).is_empty());
    }

    #[test]
    fn byte_lengths_use_the_widest_and_narrowest_characters() {
        let p = Policy::new(PolicySpec {
            length_unit: Some(crate::LengthUnit::Utf8Bytes),
            min_length: 12,
            max_length: Some(20),
            ..PolicySpec::default()
        })
        .unwrap();
        let mut s = settings(10, [0, 0, 0, 0]);
        s.lower_set = Some("äöü".into());
        s.upper_set = Some(String::new());
        s.symbol_set = Some(String::new());
        // 10 characters: 10 bytes (all digits) to 20 bytes (all umlauts).
        assert_eq!(codes(&p, &s), ["GENERATOR_LENGTH_BELOW_MINIMUM"]);
    }

    #[test]
    fn derived_settings_and_generation_comply() {
        let p = Policy::new(PolicySpec {
            min_length: 10,
            min_categories: 4,
            forbidden_characters: "!\"#".into(),
            no_symbol_at_ends: true,
            max_repeat: Some(1),
            sequence_length: Some(3),
            forbid_username: true,
            forbid_display_name: true,
            blocklist: true,
            ..PolicySpec::default()
        })
        .unwrap();
        let s = p.generator_settings().unwrap();
        assert_eq!(
            (s.length, s.lower, s.upper, s.digits, s.symbols),
            (10, 1, 1, 1, 1)
        );
        let g = PolicyGenerator::new(&p, None).unwrap();
        let ctx = UserContext {
            username: Some("abc".into()),
            display_name: Some("Xyz Qrs".into()),
            email: None,
        };
        let mut rng = DeterministicRng::from_seed_for_tests(11);
        for pw in g.generate_many_with(&mut rng, &ctx, 200).unwrap() {
            assert!(p.validate(pw.as_str(), &ctx).is_empty());
            assert!(!pw.as_str().contains('!'));
        }
        // The OS-seeded batch: compliant too, and a fresh seed per call.
        let first = g.generate_many(&ctx, 50).unwrap();
        let second = g.generate_many(&ctx, 50).unwrap();
        assert_eq!(first.len(), 50);
        assert!(first
            .iter()
            .all(|pw| p.validate(pw.as_str(), &ctx).is_empty()));
        assert_ne!(first, second);
    }

    #[test]
    fn impossible_requirements_fail_with_reasons() {
        let p = Policy::new(PolicySpec {
            min_digits: 1,
            allowed_characters: Some("abcdef".into()),
            ..PolicySpec::default()
        })
        .unwrap();
        let e = p.generator_settings().unwrap_err();
        assert_eq!(e.reasons()[0].code(), "GENERATOR_CLASS_BELOW_MINIMUM");
        let five = Policy::new(PolicySpec {
            min_categories: 5,
            ..PolicySpec::default()
        })
        .unwrap();
        assert_eq!(
            five.generator_settings().unwrap_err().reasons()[0].code(),
            "GENERATOR_CATEGORIES_BELOW_MINIMUM"
        );
        // Rejection that never succeeds is bounded and says which rule rejected.
        let words = Policy::new(PolicySpec {
            forbidden_patterns: vec![".".into()],
            ..PolicySpec::default()
        })
        .unwrap();
        let g = PolicyGenerator::new(&words, None).unwrap();
        let e = g
            .generate_with(
                &mut DeterministicRng::from_seed_for_tests(1),
                &UserContext::default(),
            )
            .unwrap_err();
        assert_eq!(e.code(), "POLICY_UNMET");
        assert!(e.to_string().contains("FORBIDDEN_PATTERN"), "{e}");
    }
}
