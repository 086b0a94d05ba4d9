//! A passphrase generator as a front-end configures it: settings and a word list alone,
//! or within a policy for one user. The CLI, Python and WASM all build this one type.

use rand_core::{CryptoRng, RngCore};

use crate::generate::estimate::{wilson_lower_bound, StrengthCheckEstimate};
use crate::generate::generator::{check_batch, rejection_attempts};
use crate::generate::passphrase::generator::PassphraseGenerator;
use crate::generate::passphrase::settings::PassphraseSettings;
use crate::generate::passphrase::wordlist::WordList;
use crate::generate::password::Password;
use crate::policy::error::PolicyGenerateError;
use crate::policy::generate::comply_by_rejection;
use crate::policy::rules::Policy;
use crate::policy::validate::UserContext;
use crate::random::rng::DeterministicRng;
use crate::random::source::RandomSource;

/// Passphrase settings alone, or within a policy for one user.
///
/// With a policy, the settings must guarantee its structural rules
/// ([`Policy::check_passphrase`]; `SETTINGS_BELOW_POLICY` with every reason otherwise),
/// and the other rules are met by drawing whole passphrases again until one complies
/// (at most as many attempts as password generation allows, then `POLICY_UNMET`). A
/// rejected draw is discarded whole, so every compliant passphrase stays equally likely;
/// [`PassphraseGenerator::entropy_bits`] counts all of them before the policy's rejection,
/// and [`ConfiguredPassphraseGenerator::policy_estimate`] says how much of that the
/// policy keeps.
///
/// ```
/// use passforge::{Capitalization, ConfiguredPassphraseGenerator, PassphraseSettings,
///                 Policy, PolicyFormat, RandomSource, UserContext, WordList};
/// let policy = Policy::parse("[ad]\nminPwdLength = 14\npwdProperties = 1\n", PolicyFormat::Toml)?;
/// let settings = PassphraseSettings { words: 4, capitalize: Capitalization::FirstLetter,
///                                     number: true, ..PassphraseSettings::default() };
/// let g = ConfiguredPassphraseGenerator::new(&settings, &WordList::eff_large(), Some(&policy),
///                                            UserContext::with_username("jdoe"))?;
/// let p = g.generate(RandomSource::Os)?;
/// assert!(policy.validate(p.as_str(), &UserContext::with_username("jdoe")).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ConfiguredPassphraseGenerator {
    generator: PassphraseGenerator,
    policy: Option<Box<(Policy, UserContext)>>,
}

impl ConfiguredPassphraseGenerator {
    /// Without a policy a user context is refused (`CONTEXT_WITHOUT_POLICY`: nothing
    /// would apply it); with one the settings are checked against it.
    pub fn new(
        settings: &PassphraseSettings,
        list: &WordList,
        policy: Option<&Policy>,
        context: UserContext,
    ) -> Result<Self, PolicyGenerateError> {
        let generator = PassphraseGenerator::new(settings, list)?;
        let policy = match policy {
            None if context != UserContext::default() => {
                return Err(PolicyGenerateError::ContextWithoutPolicy)
            }
            None => None,
            Some(policy) => {
                policy.check_passphrase(&generator)?;
                Some(Box::new((policy.clone(), context)))
            }
        };
        Ok(Self { generator, policy })
    }

    /// The generator candidates come from.
    pub fn generator(&self) -> &PassphraseGenerator {
        &self.generator
    }

    /// The policy every passphrase obeys, if any.
    pub fn policy(&self) -> Option<&Policy> {
        self.policy.as_ref().map(|p| &p.0)
    }

    /// One passphrase from `source`.
    pub fn generate(&self, source: RandomSource) -> Result<Password, PolicyGenerateError> {
        self.generate_with(&mut source.rng()?)
    }

    /// `n` passphrases from one stream of `source` (at most [`crate::MAX_BATCH`]).
    pub fn generate_many(
        &self,
        source: RandomSource,
        n: usize,
    ) -> Result<Vec<Password>, PolicyGenerateError> {
        self.generate_many_with(&mut source.rng()?, n)
    }

    /// One passphrase from `rng`.
    pub fn generate_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<Password, PolicyGenerateError> {
        let mut values = vec![0; 0];
        self.next(rng, &mut values)
    }

    /// `n` passphrases from `rng`: the same stream as `n` calls of
    /// [`Self::generate_with`] (at most [`crate::MAX_BATCH`]).
    pub fn generate_many_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        n: usize,
    ) -> Result<Vec<Password>, PolicyGenerateError> {
        check_batch(n)?;
        let mut values = Vec::new();
        (0..n).map(|_| self.next(rng, &mut values)).collect()
    }

    fn next<R: RngCore + ?Sized>(
        &self,
        rng: &mut R,
        values: &mut Vec<u32>,
    ) -> Result<Password, PolicyGenerateError> {
        values.resize(self.generator.draws(), 0);
        match &self.policy {
            None => Ok(self.generator.sample(rng, values)),
            Some(p) => comply_by_rejection(&p.0, &p.1, self.attempts(), || {
                Ok(self.generator.sample(rng, values))
            }),
        }
    }

    /// Candidates one passphrase may draw before `POLICY_UNMET`.
    fn attempts(&self) -> u64 {
        rejection_attempts(self.generator.longest_chars())
    }

    /// How much of the space the policy keeps for this user: the share of candidates that
    /// comply (a 95 % Wilson lower bound, from as many candidates as one passphrase may
    /// draw, with a fixed public seed) and `entropy_bits + log2(share)`. Without a policy
    /// nothing is rejected (`samples` 0, share 1).
    pub fn policy_estimate(&self) -> StrengthCheckEstimate {
        let entropy_bits = self.generator.entropy_bits();
        let Some(p) = &self.policy else {
            return StrengthCheckEstimate {
                samples: 0,
                accepted: 0,
                share: 1.0,
                entropy_bits,
            };
        };
        let samples = self.attempts();
        let mut rng = DeterministicRng::from_seed_for_tests(0x5eed_e571_3a7e);
        let mut values = vec![0; self.generator.draws()];
        let accepted = (0..samples)
            .filter(|_| {
                let candidate = self.generator.sample(&mut rng, &mut values);
                p.0.validate(candidate.as_str(), &p.1).is_empty()
            })
            .count() as u64;
        let share = wilson_lower_bound(accepted, samples);
        StrengthCheckEstimate {
            samples,
            accepted,
            share,
            entropy_bits: if share > 0.0 {
                (entropy_bits + share.log2()).clamp(0.0, entropy_bits)
            } else {
                0.0
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::text::PolicyFormat;
    use crate::Capitalization;

    fn policy(text: &str) -> Policy {
        Policy::parse(text, PolicyFormat::Toml).unwrap()
    }

    #[test]
    fn context_needs_a_policy_and_settings_must_guarantee_it() {
        let eff = WordList::eff_large();
        let e = ConfiguredPassphraseGenerator::new(
            &PassphraseSettings::default(),
            &eff,
            None,
            UserContext::with_username("x"),
        )
        .unwrap_err();
        assert_eq!(e.code(), "CONTEXT_WITHOUT_POLICY");
        let ad = policy("[ad]\nminPwdLength = 14\npwdProperties = 1\n");
        let e = ConfiguredPassphraseGenerator::new(
            &PassphraseSettings::default(),
            &eff,
            Some(&ad),
            UserContext::default(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "SETTINGS_BELOW_POLICY");
        let bad = PassphraseSettings {
            words: 0,
            ..PassphraseSettings::default()
        };
        let e = ConfiguredPassphraseGenerator::new(&bad, &eff, None, UserContext::default())
            .unwrap_err();
        assert_eq!(e.code(), "PASSPHRASE_WORD_COUNT");
    }

    #[test]
    fn rejection_keeps_only_compliant_passphrases_and_the_estimate_says_how_many() {
        // Two-word passphrases over a tiny list; the blocklist-style rule: no "ab" inside.
        let list = WordList::from_words(["ab", "cd", "ef", "gh"]).unwrap();
        let settings = PassphraseSettings {
            words: 2,
            ..PassphraseSettings::default()
        };
        let p = policy("forbidden_words = [\"ab\"]\n");
        let g =
            ConfiguredPassphraseGenerator::new(&settings, &list, Some(&p), UserContext::default())
                .unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(2);
        let batch = g.generate_many_with(&mut rng, 2000).unwrap();
        let mut seen = std::collections::HashMap::new();
        for pw in &batch {
            assert!(!pw.as_str().contains("ab"), "{}", pw.as_str());
            *seen.entry(pw.as_str().to_owned()).or_insert(0u32) += 1;
        }
        // 9 compliant passphrases of 16, each about 2000/9 times.
        assert_eq!(seen.len(), 9);
        assert!(seen.values().all(|&n| (170..=275).contains(&n)), "{seen:?}");
        let e = g.policy_estimate();
        assert!(e.share < 9.0 / 16.0 && e.share > 0.5, "{e:?}");
        assert!(e.entropy_bits < 4.0 && e.entropy_bits > 3.0, "{e:?}");
        // Nothing complies: bounded, and the rule is named.
        let none = policy("forbidden_patterns = [\"-\"]\n");
        let g = ConfiguredPassphraseGenerator::new(
            &settings,
            &list,
            Some(&none),
            UserContext::default(),
        )
        .unwrap();
        let e = g.generate_with(&mut rng).unwrap_err();
        assert_eq!(e.code(), "POLICY_UNMET");
        assert!(e.to_string().contains("FORBIDDEN_PATTERN"), "{e}");
        let plain =
            ConfiguredPassphraseGenerator::new(&settings, &list, None, UserContext::default())
                .unwrap();
        assert_eq!(plain.policy_estimate().share, 1.0);
        assert!(plain.policy().is_none());
    }

    #[test]
    fn a_policy_generator_draws_the_plain_stream_when_everything_complies() {
        let eff = WordList::eff_large();
        let s = PassphraseSettings {
            capitalize: Capitalization::FirstLetter,
            ..PassphraseSettings::default()
        };
        let with = ConfiguredPassphraseGenerator::new(
            &s,
            &eff,
            Some(&policy("min_length = 8\n")),
            UserContext::default(),
        )
        .unwrap();
        let without =
            ConfiguredPassphraseGenerator::new(&s, &eff, None, UserContext::default()).unwrap();
        assert_eq!(
            with.generate_many(RandomSource::SeededForTests(4), 20)
                .unwrap(),
            without
                .generate_many(RandomSource::SeededForTests(4), 20)
                .unwrap()
        );
        assert_eq!(
            without.generate(RandomSource::SeededForTests(4)).unwrap(),
            without
                .generator()
                .generate_with(&mut DeterministicRng::from_seed_for_tests(4))
                .unwrap()
        );
    }
}
