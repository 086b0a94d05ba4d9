//! Security-question answers: normalised, hashed with Argon2id and a random salt (PHC
//! string), verified in constant time; and the enrolment rule for how many are asked.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand_core::{CryptoRng, RngCore};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::auth::error::SecurityAnswerError;
use crate::random::source::os_rng;

/// The canonical form of an answer, the one that is hashed: Unicode NFKC, full Unicode
/// case folding (the `C`+`F` mappings of `CaseFolding.txt`, so `Straße` and `STRASSE`
/// agree), NFKC again (folding can denormalise), then leading and trailing white space
/// removed and every inner run of white space (Unicode `White_Space`) replaced by one
/// space.
///
/// ```
/// assert_eq!(&*passforge::normalize_answer("  Ｍｉｓｓ  Piggy\t"), "miss piggy");
/// ```
pub fn normalize_answer(answer: &str) -> Zeroizing<String> {
    let nfkc: Zeroizing<String> = Zeroizing::new(answer.nfkc().collect());
    let folded = Zeroizing::new(caseless::default_case_fold_str(&nfkc));
    let renormalized: Zeroizing<String> = Zeroizing::new(folded.nfkc().collect());
    let mut out = Zeroizing::new(String::with_capacity(renormalized.len()));
    for word in renormalized
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Argon2id cost parameters for answers. The defaults are OWASP's minimum for Argon2id:
/// 19 456 KiB of memory, 2 passes, 1 lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnswerHashParams {
    /// Memory in KiB (at least 8 per lane).
    pub memory_kib: u32,
    /// Passes over the memory (at least 1).
    pub iterations: u32,
    /// Lanes (1 to 2^24 - 1).
    pub parallelism: u32,
}

impl AnswerHashParams {
    /// Most memory accepted, in KiB (256 MiB), when hashing and in a stored hash.
    pub const MAX_MEMORY_KIB: u32 = 262_144;
    /// Most passes accepted, when hashing and in a stored hash.
    pub const MAX_ITERATIONS: u32 = 16;
    /// Most lanes accepted, when hashing and in a stored hash.
    pub const MAX_PARALLELISM: u32 = 16;
    /// OWASP's minimum for Argon2id (its first option): 19 456 KiB, 2 passes, 1 lane.
    pub const RECOMMENDED: Self = Self {
        memory_kib: 19_456,
        iterations: 2,
        parallelism: 1,
    };

    /// Whether these costs are below [`Self::RECOMMENDED`] (less memory, or fewer passes
    /// at the recommended memory): accepted, but a front-end should warn.
    pub fn is_below_recommended(&self) -> bool {
        self.memory_kib < Self::RECOMMENDED.memory_kib
            || self.iterations < Self::RECOMMENDED.iterations
    }

    /// Refuses costs above the maximums, which would let a stored hash (or a setting)
    /// cost gigabytes or seconds per check.
    fn check_bounds(&self) -> Result<(), SecurityAnswerError> {
        if self.memory_kib > Self::MAX_MEMORY_KIB
            || self.iterations > Self::MAX_ITERATIONS
            || self.parallelism > Self::MAX_PARALLELISM
        {
            return Err(SecurityAnswerError::Params(format!(
                "m={}, t={}, p={} is above the maximum of m={}, t={}, p={} (the \
                 recommended minimum is m={}, t={}, p={})",
                self.memory_kib,
                self.iterations,
                self.parallelism,
                Self::MAX_MEMORY_KIB,
                Self::MAX_ITERATIONS,
                Self::MAX_PARALLELISM,
                Self::RECOMMENDED.memory_kib,
                Self::RECOMMENDED.iterations,
                Self::RECOMMENDED.parallelism,
            )));
        }
        Ok(())
    }

    /// The costs written in a stored PHC string.
    /// Read from the PHC text itself, not through argon2's `Params` (whose checks
    /// overflow on a stored p of 2^29 or more): the bounds are checked first.
    fn of_stored(hash: &PasswordHash<'_>) -> Result<Self, SecurityAnswerError> {
        // A parameter left out takes Argon2's default, as Argon2 itself reads it.
        let get = |name: &str, default: u32| hash.params.get_decimal(name).unwrap_or(default);
        Ok(Self {
            memory_kib: get("m", Params::DEFAULT_M_COST),
            iterations: get("t", Params::DEFAULT_T_COST),
            parallelism: get("p", Params::DEFAULT_P_COST),
        })
    }
}

impl Default for AnswerHashParams {
    fn default() -> Self {
        Self {
            memory_kib: 19_456,
            iterations: 2,
            parallelism: 1,
        }
    }
}

/// Hashes and verifies security answers.
///
/// ```
/// use passforge::{AnswerHashParams, SecurityAnswerHasher};
/// let hasher = SecurityAnswerHasher::new(AnswerHashParams::default())?;
/// let stored = hasher.hash("Miss Piggy")?; // "$argon2id$v=19$m=19456,t=2,p=1$…"
/// assert!(SecurityAnswerHasher::verify(&stored, "  miss   PIGGY ")?);
/// assert!(!SecurityAnswerHasher::verify(&stored, "Kermit")?);
/// # Ok::<(), passforge::SecurityAnswerError>(())
/// ```
#[derive(Clone, Debug)]
pub struct SecurityAnswerHasher {
    params: Params,
}

impl SecurityAnswerHasher {
    /// The longest answer accepted, in characters before normalisation.
    pub const MAX_ANSWER_CHARS: usize = 1024;
    /// Salt bytes drawn per hash.
    pub const SALT_BYTES: usize = 16;

    /// A hasher with these Argon2id parameters; refuses values Argon2 does not allow and
    /// values above the maximums of [`AnswerHashParams`] (`ANSWER_HASH_PARAMS`).
    pub fn new(params: AnswerHashParams) -> Result<Self, SecurityAnswerError> {
        params.check_bounds()?;
        let params = Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            None,
        )
        .map_err(|e| SecurityAnswerError::Params(e.to_string()))?;
        Ok(Self { params })
    }

    /// Normalises `answer` ([`normalize_answer`]) and hashes it with Argon2id and a
    /// 16-byte salt from `rng`. Returns the PHC string to store. Refuses answers that are
    /// blank after normalisation or longer than [`Self::MAX_ANSWER_CHARS`].
    pub fn hash_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        answer: &str,
    ) -> Result<String, SecurityAnswerError> {
        let normalized = checked_normalize(answer)?;
        if normalized.is_empty() {
            return Err(SecurityAnswerError::EmptyAnswer);
        }
        let mut salt = Zeroizing::new([0u8; Self::SALT_BYTES]);
        rng.fill_bytes(salt.as_mut_slice());
        let salt = SaltString::encode_b64(salt.as_slice())
            .map_err(|e| SecurityAnswerError::Hashing(e.to_string()))?;
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone());
        let hash = argon2
            .hash_password(normalized.as_bytes(), &salt)
            .map_err(|e| SecurityAnswerError::Hashing(e.to_string()))?;
        Ok(hash.to_string())
    }

    /// [`SecurityAnswerHasher::hash_with`] the operating system's randomness.
    pub fn hash(&self, answer: &str) -> Result<String, SecurityAnswerError> {
        let mut rng = os_rng()?;
        self.hash_with(&mut rng, answer)
    }

    /// Whether `answer`, normalised, matches the stored Argon2id PHC string (using the
    /// parameters written in it; the final comparison is constant-time). A blank or
    /// over-long answer is simply `false`; a stored string that is not Argon2id PHC is an
    /// error. The stored parameters set the cost of the check, so parameters above the
    /// maximums of [`AnswerHashParams`] are refused (`ANSWER_HASH_PARAMS`) before any work.
    pub fn verify(stored: &str, answer: &str) -> Result<bool, SecurityAnswerError> {
        let hash = parse_stored(stored)?;
        let Ok(normalized) = checked_normalize(answer) else {
            return Ok(false);
        };
        if normalized.is_empty() {
            return Ok(false);
        }
        match Argon2::default().verify_password(normalized.as_bytes(), &hash) {
            Ok(()) => Ok(true),
            Err(argon2::password_hash::Error::Password) => Ok(false),
            Err(e) => Err(SecurityAnswerError::StoredHash(e.to_string())),
        }
    }
}

impl SecurityAnswerHasher {
    /// Whether `stored` was hashed with lower costs than this hasher's (less memory,
    /// fewer passes or lanes, or another Argon2 version): after a successful
    /// [`Self::verify`], hash the answer again and store the new string.
    pub fn needs_rehash(&self, stored: &str) -> Result<bool, SecurityAnswerError> {
        let hash = parse_stored(stored)?;
        let old = AnswerHashParams::of_stored(&hash)?;
        let version_differs = hash.version.is_some_and(|v| v != u32::from(Version::V0x13));
        Ok(old.memory_kib < self.params.m_cost()
            || old.iterations < self.params.t_cost()
            || old.parallelism < self.params.p_cost()
            || version_differs)
    }
}

/// A stored answer hash: Argon2id PHC whose costs are within the maximums.
fn parse_stored(stored: &str) -> Result<PasswordHash<'_>, SecurityAnswerError> {
    let hash =
        PasswordHash::new(stored).map_err(|e| SecurityAnswerError::StoredHash(e.to_string()))?;
    if hash.algorithm != argon2::ARGON2ID_IDENT {
        return Err(SecurityAnswerError::StoredHash(format!(
            "algorithm {} is not argon2id",
            hash.algorithm
        )));
    }
    // A repeated parameter (`t=1,t=1000000`) could be read one way here and the other
    // way by Argon2: refused.
    let mut names: Vec<&str> = hash.params.iter().map(|(name, _)| name.as_str()).collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(SecurityAnswerError::StoredHash(format!(
            "the {}= parameter is given twice",
            pair[0]
        )));
    }
    AnswerHashParams::of_stored(&hash)?.check_bounds()?;
    Ok(hash)
}

impl Default for SecurityAnswerHasher {
    fn default() -> Self {
        Self {
            params: Params::DEFAULT,
        }
    }
}

fn checked_normalize(answer: &str) -> Result<Zeroizing<String>, SecurityAnswerError> {
    let chars = answer.chars().count();
    if chars > SecurityAnswerHasher::MAX_ANSWER_CHARS {
        return Err(SecurityAnswerError::AnswerTooLong { chars });
    }
    Ok(normalize_answer(answer))
}

/// How many security questions are enrolled and how many are asked at reset (the ITSM
/// defaults: 5 and 3). The number asked must be at least 1 and fewer than the number
/// enrolled, so that a reset never reveals every enrolled question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityQuestionRule {
    asked: u32,
    enrolled: u32,
}

impl SecurityQuestionRule {
    /// Checks `asked < enrolled` and `asked >= 1`.
    pub fn new(asked: u32, enrolled: u32) -> Result<Self, SecurityAnswerError> {
        if asked == 0 || asked >= enrolled {
            return Err(SecurityAnswerError::QuestionCounts { asked, enrolled });
        }
        Ok(Self { asked, enrolled })
    }

    /// Questions asked at reset.
    pub fn asked(&self) -> u32 {
        self.asked
    }

    /// Questions each user enrols.
    pub fn enrolled(&self) -> u32 {
        self.enrolled
    }
}

impl Default for SecurityQuestionRule {
    fn default() -> Self {
        Self {
            asked: 3,
            enrolled: 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DeterministicRng;

    /// Cheap parameters so the tests stay fast in debug builds.
    fn cheap() -> SecurityAnswerHasher {
        SecurityAnswerHasher::new(AnswerHashParams {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        })
        .unwrap()
    }

    #[test]
    fn normalisation() {
        assert_eq!(&*normalize_answer("Straße"), "strasse");
        assert_eq!(&*normalize_answer("STRASSE"), "strasse");
        assert_eq!(&*normalize_answer("\u{FB01}sh"), "fish"); // ﬁ ligature
        assert_eq!(&*normalize_answer("Cafe\u{301}"), "caf\u{e9}");
        assert_eq!(&*normalize_answer("a\u{a0}\u{2003} b\n\tc "), "a b c");
        assert_eq!(&*normalize_answer(" \u{3000} "), "");
        assert_eq!(&*normalize_answer("ΣΊΣΥΦΟΣ"), "σίσυφοσ");
    }

    #[test]
    fn hash_and_verify() {
        let mut rng = DeterministicRng::from_seed_for_tests(11);
        let h = cheap();
        let stored = h.hash_with(&mut rng, "Miss Piggy").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=64,t=1,p=1$"),
            "{stored}"
        );
        assert!(SecurityAnswerHasher::verify(&stored, " MISS\u{a0}piggy").unwrap());
        assert!(!SecurityAnswerHasher::verify(&stored, "Miss Piggie").unwrap());
        assert!(!SecurityAnswerHasher::verify(&stored, "   ").unwrap());
        assert!(!SecurityAnswerHasher::verify(&stored, &"x".repeat(5000)).unwrap());
        // A fresh salt each time.
        assert_ne!(stored, h.hash_with(&mut rng, "Miss Piggy").unwrap());
    }

    #[test]
    fn default_parameters_are_owasp() {
        let stored = SecurityAnswerHasher::default().hash("blue").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert_eq!(
            SecurityAnswerHasher::new(AnswerHashParams::default())
                .unwrap()
                .params,
            Params::DEFAULT
        );
        assert!(SecurityAnswerHasher::verify(&stored, "BLUE").unwrap());
    }

    #[test]
    fn refusals() {
        let h = cheap();
        let mut rng = DeterministicRng::from_seed_for_tests(1);
        assert_eq!(
            h.hash_with(&mut rng, " \t ").unwrap_err().code(),
            "ANSWER_EMPTY"
        );
        assert_eq!(
            h.hash_with(&mut rng, &"a".repeat(1025)).unwrap_err().code(),
            "ANSWER_TOO_LONG"
        );
        let bad = AnswerHashParams {
            memory_kib: 1,
            ..Default::default()
        };
        assert_eq!(
            SecurityAnswerHasher::new(bad).unwrap_err().code(),
            "ANSWER_HASH_PARAMS"
        );
        for stored in [
            "",
            "plain",
            "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        ] {
            assert_eq!(
                SecurityAnswerHasher::verify(stored, "x")
                    .unwrap_err()
                    .code(),
                "ANSWER_HASH_SYNTAX",
                "{stored}"
            );
        }
    }

    #[test]
    fn question_counts() {
        assert_eq!(
            SecurityQuestionRule::default(),
            SecurityQuestionRule::new(3, 5).unwrap()
        );
        assert!(SecurityQuestionRule::new(4, 5).is_ok());
        for (asked, enrolled) in [(5, 5), (6, 5), (0, 5), (0, 0), (1, 1)] {
            assert_eq!(
                SecurityQuestionRule::new(asked, enrolled)
                    .unwrap_err()
                    .code(),
                "QUESTION_COUNTS"
            );
        }
        let r = SecurityQuestionRule::default();
        assert_eq!((r.asked(), r.enrolled()), (3, 5));
    }

    #[test]
    fn costs_above_the_maximums_are_refused_before_any_work() {
        let huge = "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHRzYWx0$\
                    aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
        let e = SecurityAnswerHasher::verify(huge, "answer").unwrap_err();
        assert_eq!(e.code(), "ANSWER_HASH_PARAMS");
        assert!(e.to_string().contains("recommended minimum"), "{e}");
        let slow = huge.replace("m=4294967295,t=1", "m=8,t=1000000");
        let e = SecurityAnswerHasher::verify(&slow, "answer").unwrap_err();
        assert_eq!(e.code(), "ANSWER_HASH_PARAMS");
        let e = SecurityAnswerHasher::new(AnswerHashParams {
            memory_kib: u32::MAX,
            ..AnswerHashParams::default()
        })
        .unwrap_err();
        assert_eq!(e.code(), "ANSWER_HASH_PARAMS");
    }

    #[test]
    fn weak_stored_hashes_need_a_rehash() {
        let weak = SecurityAnswerHasher::new(AnswerHashParams {
            memory_kib: 8,
            iterations: 1,
            parallelism: 1,
        })
        .unwrap();
        assert!(AnswerHashParams {
            memory_kib: 8,
            iterations: 1,
            parallelism: 1
        }
        .is_below_recommended());
        assert!(!AnswerHashParams::RECOMMENDED.is_below_recommended());
        let stored = weak.hash("Miss Piggy").unwrap();
        assert!(SecurityAnswerHasher::verify(&stored, "miss piggy").unwrap());
        let strong = SecurityAnswerHasher::new(AnswerHashParams::RECOMMENDED).unwrap();
        assert!(strong.needs_rehash(&stored).unwrap());
        assert!(!weak.needs_rehash(&stored).unwrap());
    }
}
