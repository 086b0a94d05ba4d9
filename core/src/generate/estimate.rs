//! How much of the password space a strength check keeps: `entropy_bits` counts every
//! password the settings allow, but rejection returns only those the check accepts, so a
//! page that shows strength must show the entropy after the check.

use crate::generate::generator::{rejection_attempts, Generator};
use crate::generate::password::Password;
use crate::random::rng::DeterministicRng;

/// The share of candidates a strength check accepts, estimated by drawing candidates,
/// and the entropy left after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StrengthCheckEstimate {
    /// Candidates drawn (0 without a strength check: nothing is rejected).
    pub samples: u64,
    /// Candidates the check accepted.
    pub accepted: u64,
    /// A lower bound (95 %, Wilson) of the share accepted, 1 without a check: the
    /// estimate errs on the side of less strength, never more.
    pub share: f64,
    /// `entropy_bits + log2(share)`, at least 0: the entropy of the passwords generation
    /// can return, never above [`Generator::entropy_bits`].
    pub entropy_bits: f64,
}

impl Generator {
    /// Estimates how much of the space the strength check keeps, from as many candidates
    /// as one generation may draw (a fixed public seed: the estimate is the same on
    /// every call and platform, and it is no secret).
    ///
    /// ```
    /// use passforge::{Generator, GeneratorSettings};
    /// let g = Generator::new(&GeneratorSettings {
    ///     length: 16, // the minimums claim 12 of them: at least 2 digits, maybe more
    ///     strength_check: Some("'[0-9].*[0-9].*[0-9]'".into()),
    ///     ..GeneratorSettings::default()
    /// })?;
    /// let e = g.strength_check_estimate();
    /// assert!(e.share < 1.0 && e.entropy_bits < g.entropy_bits());
    /// # Ok::<(), passforge::ConfigError>(())
    /// ```
    pub fn strength_check_estimate(&self) -> StrengthCheckEstimate {
        let Some(check) = self.strength_check() else {
            return StrengthCheckEstimate {
                samples: 0,
                accepted: 0,
                share: 1.0,
                entropy_bits: self.entropy_bits(),
            };
        };
        let samples = rejection_attempts(self.length());
        let mut rng = DeterministicRng::from_seed_for_tests(0x5eed_e571_3a7e);
        let mut accepted = 0u64;
        for _ in 0..samples {
            let candidate: Password = self.candidate(&mut rng);
            if check.first_failure(candidate.as_str()).is_none() {
                accepted += 1;
            }
        }
        let share = wilson_lower_bound(accepted, samples);
        let entropy_bits = if share > 0.0 {
            (self.entropy_bits() + share.log2()).clamp(0.0, self.entropy_bits())
        } else {
            0.0
        };
        StrengthCheckEstimate {
            samples,
            accepted,
            share,
            entropy_bits,
        }
    }
}

/// The lower end of the 95 % Wilson score interval for `k` successes in `n` trials.
pub(crate) fn wilson_lower_bound(k: u64, n: u64) -> f64 {
    if n == 0 {
        return 1.0;
    }
    if k == 0 {
        return 0.0;
    }
    let (k, n) = (k as f64, n as f64);
    let z = 1.959_963_984_540_054_f64;
    let p = k / n;
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - spread) / (1.0 + z2 / n)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GeneratorSettings;

    fn estimate(check: Option<&str>) -> (StrengthCheckEstimate, f64) {
        // 16 characters: the defaults' minimums claim 12, so 4 positions are free.
        let g = Generator::new(&GeneratorSettings {
            length: 16,
            strength_check: check.map(str::to_owned),
            ..GeneratorSettings::default()
        })
        .unwrap();
        (g.strength_check_estimate(), g.entropy_bits())
    }

    #[test]
    fn without_a_check_nothing_is_lost() {
        let (e, bits) = estimate(None);
        assert_eq!((e.samples, e.share, e.entropy_bits), (0, 1.0, bits));
    }

    #[test]
    fn a_check_that_always_passes_loses_almost_nothing_and_never_adds() {
        // The defaults always have 2 digits, so this always matches.
        let (e, bits) = estimate(Some("'[0-9]'"));
        assert_eq!(e.accepted, e.samples);
        assert!(
            e.entropy_bits <= bits && e.entropy_bits > bits - 0.01,
            "{e:?}"
        );
    }

    #[test]
    fn a_strict_check_lowers_the_entropy_and_an_impossible_one_zeroes_it() {
        let (e, bits) = estimate(Some("'[0-9].*[0-9].*[0-9]'"));
        assert!(e.accepted > 0 && e.accepted < e.samples, "{e:?}");
        assert!(e.entropy_bits < bits - 0.5, "{e:?} vs {bits}");
        let (e, _) = estimate(Some("'^x{16}$'"));
        assert_eq!((e.accepted, e.entropy_bits), (0, 0.0));
    }

    #[test]
    fn the_bound_is_below_the_observed_share() {
        assert!(wilson_lower_bound(50, 100) < 0.5);
        assert!((wilson_lower_bound(100, 100) - 0.963).abs() < 0.01);
        assert_eq!(wilson_lower_bound(0, 100), 0.0);
    }
}
