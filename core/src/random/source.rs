//! Which random source a call draws from: the operating system (the default), or a
//! fixed test seed. Every front-end makes this one choice here instead of each call site
//! matching on an optional seed.

use std::fmt;

use rand_chacha::ChaCha20Rng;
use rand_core::{CryptoRng, RngCore, SeedableRng};

use crate::random::rng::DeterministicRng;

/// The operating system's random source failed (no entropy could be read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RandomSourceError {
    reason: String,
}

impl RandomSourceError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        "RANDOM_SOURCE"
    }
}

impl fmt::Display for RandomSourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the system random source failed: {}; check that the process may read \
             the OS entropy source (getrandom)",
            self.reason
        )
    }
}

impl std::error::Error for RandomSourceError {}

/// Where random bits come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RandomSource {
    /// ChaCha20 seeded from the operating system: the default, for real secrets.
    #[default]
    Os,
    /// A ChaCha20 stream fixed by this seed, **for tests and test vectors only**: its
    /// output is exactly as secret as the seed.
    SeededForTests(u64),
}

impl RandomSource {
    /// The OS source, or the test seed when one is given (a front-end's optional
    /// `seed_for_tests` argument).
    pub fn from_test_seed(seed: Option<u64>) -> Self {
        seed.map_or(Self::Os, Self::SeededForTests)
    }

    /// Whether the output is reproducible (a front-end should say so to its user).
    pub fn is_seeded(self) -> bool {
        matches!(self, Self::SeededForTests(_))
    }

    /// A generator drawing from this source.
    pub fn rng(self) -> Result<SourceRng, RandomSourceError> {
        Ok(SourceRng(match self {
            Self::Os => return os_rng(),
            Self::SeededForTests(seed) => {
                Inner::Seeded(DeterministicRng::from_seed_for_tests(seed))
            }
        }))
    }
}

/// The generator [`RandomSource::rng`] returns.
#[derive(Debug)]
pub struct SourceRng(Inner);

#[derive(Debug)]
enum Inner {
    Os(ChaCha20Rng),
    Seeded(DeterministicRng),
}

impl RngCore for SourceRng {
    #[inline]
    fn next_u32(&mut self) -> u32 {
        match &mut self.0 {
            Inner::Os(r) => r.next_u32(),
            Inner::Seeded(r) => r.next_u32(),
        }
    }
    #[inline]
    fn next_u64(&mut self) -> u64 {
        match &mut self.0 {
            Inner::Os(r) => r.next_u64(),
            Inner::Seeded(r) => r.next_u64(),
        }
    }
    #[inline]
    fn fill_bytes(&mut self, dst: &mut [u8]) {
        match &mut self.0 {
            Inner::Os(r) => r.fill_bytes(dst),
            Inner::Seeded(r) => r.fill_bytes(dst),
        }
    }
}

// Both arms are ChaCha20 streams; the seeded one is named as test-only.
impl CryptoRng for SourceRng {}

/// rand_chacha cannot zeroize its state, and its key (with the buffered output) would
/// regenerate every password drawn from it: overwrite the whole state in place with a
/// fixed public one before the memory is freed.
impl Drop for SourceRng {
    fn drop(&mut self) {
        self.0 = Inner::Seeded(DeterministicRng::from_seed_for_tests(0));
        // Keeps the store: a write to memory about to be freed is otherwise dead code.
        std::hint::black_box(&self.0);
    }
}

/// A ChaCha20 generator seeded from the operating system: the default source, wiped
/// when dropped.
pub(crate) fn os_rng() -> Result<SourceRng, RandomSourceError> {
    let rng = ChaCha20Rng::try_from_os_rng().map_err(|e| RandomSourceError {
        reason: e.to_string(),
    })?;
    Ok(SourceRng(Inner::Os(rng)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_source_is_the_deterministic_stream() {
        let mut a = RandomSource::from_test_seed(Some(9)).rng().unwrap();
        let mut b = DeterministicRng::from_seed_for_tests(9);
        assert_eq!(a.next_u64(), b.next_u64());
        assert!(RandomSource::SeededForTests(9).is_seeded());
    }

    #[test]
    fn os_source_differs_per_call() {
        let mut a = RandomSource::from_test_seed(None).rng().unwrap();
        let mut b = RandomSource::Os.rng().unwrap();
        assert_ne!(a.next_u64(), b.next_u64());
        assert!(!RandomSource::Os.is_seeded());
    }
}
