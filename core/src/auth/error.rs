//! Errors of the authentication helpers: service tokens, reset tokens, one-time codes and
//! security answers. Each carries a stable `code()`.

use std::fmt;

use crate::random::source::RandomSourceError;

/// Why a service-token secret or scheme was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenError {
    /// The shared token is empty.
    EmptySecret,
    /// The window length is 0 or above [`crate::TimeTokenScheme::MAX_PERIOD_SECONDS`].
    Period {
        /// The period asked for, in seconds.
        seconds: u64,
    },
    /// More neighbouring windows than [`crate::TimeTokenScheme::MAX_SKEW_WINDOWS`].
    Skew {
        /// The number of windows asked for on each side.
        windows: u32,
    },
    /// A request-token nonce is not [`crate::RequestTokenScheme::MIN_NONCE_LEN`] to
    /// [`crate::RequestTokenScheme::MAX_NONCE_LEN`] characters of `A-Z a-z 0-9 _ -`.
    Nonce {
        /// Its length in bytes.
        len: usize,
    },
}

impl TokenError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptySecret => "TOKEN_SECRET_EMPTY",
            Self::Period { .. } => "TOKEN_PERIOD",
            Self::Skew { .. } => "TOKEN_SKEW",
            Self::Nonce { .. } => "TOKEN_NONCE",
        }
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptySecret => f.write_str("the shared token is empty; configure a secret"),
            Self::Period { seconds } => write!(
                f,
                "a token period of {seconds} s is not allowed; use 1 to {} s (default 300)",
                crate::TimeTokenScheme::MAX_PERIOD_SECONDS
            ),
            Self::Skew { windows } => write!(
                f,
                "accepting {windows} neighbouring windows is not allowed; use 0 to {} \
                 (default 1)",
                crate::TimeTokenScheme::MAX_SKEW_WINDOWS
            ),
            Self::Nonce { len } => write!(
                f,
                "a request-token nonce must be {} to {} characters of A-Z, a-z, 0-9, '_' \
                 and '-' (this one has {len} bytes); draw a fresh random one per request",
                crate::RequestTokenScheme::MIN_NONCE_LEN,
                crate::RequestTokenScheme::MAX_NONCE_LEN
            ),
        }
    }
}

impl std::error::Error for TokenError {}

/// The in-memory replay guard is full of tokens that are still valid: the token is refused
/// (failing closed) rather than forgetting a token that could then be replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplayGuardFull {
    /// The guard's capacity.
    pub capacity: usize,
}

impl ReplayGuardFull {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        "REPLAY_GUARD_FULL"
    }
}

impl fmt::Display for ReplayGuardFull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the replay guard holds {} unexpired tokens; retry later or raise its capacity",
            self.capacity
        )
    }
}

impl std::error::Error for ReplayGuardFull {}

/// Why a reset token could not be issued, read or accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResetTokenError {
    /// The presented token does not match the stored digest.
    Mismatch,
    /// The token is past its expiry instant.
    Expired,
    /// The lifetime is outside 1 s to 24 h, or the expiry would lie past year 9999.
    LifetimeOutOfRange,
    /// A stored digest is not 64 hexadecimal digits.
    DigestSyntax,
    /// The operating system's random source failed.
    RandomSource(RandomSourceError),
}

impl ResetTokenError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Mismatch => "RESET_TOKEN_MISMATCH",
            Self::Expired => "RESET_TOKEN_EXPIRED",
            Self::LifetimeOutOfRange => "RESET_TOKEN_LIFETIME",
            Self::DigestSyntax => "RESET_TOKEN_DIGEST_SYNTAX",
            Self::RandomSource(e) => e.code(),
        }
    }
}

impl fmt::Display for ResetTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Mismatch => f.write_str("the reset token is not valid"),
            Self::Expired => f.write_str("the reset token has expired; request a new one"),
            Self::LifetimeOutOfRange => f.write_str(
                "the reset token's lifetime must be 1 s to 24 h and end by \
                     9999-12-31T23:59:59Z; use a few minutes (default 10)",
            ),
            Self::DigestSyntax => {
                f.write_str("a stored reset-token digest must be 64 hexadecimal digits")
            }
            Self::RandomSource(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ResetTokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::RandomSource(e) => Some(e),
            _ => None,
        }
    }
}

impl From<RandomSourceError> for ResetTokenError {
    fn from(e: RandomSourceError) -> Self {
        Self::RandomSource(e)
    }
}

/// Why one-time-code settings were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OneTimeCodeError {
    /// The number of digits is outside 4 to 10.
    Digits {
        /// The number asked for.
        digits: u32,
    },
    /// A setting that must be positive is 0.
    Zero {
        /// The setting's name.
        setting: &'static str,
    },
}

impl OneTimeCodeError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Digits { .. } => "CODE_DIGITS",
            Self::Zero { .. } => "CODE_SETTING_ZERO",
        }
    }
}

impl fmt::Display for OneTimeCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Digits { digits } => write!(
                f,
                "a one-time code of {digits} digits is not allowed; use {} to {} (default 4)",
                crate::OneTimeCodePolicy::MIN_DIGITS,
                crate::OneTimeCodePolicy::MAX_DIGITS
            ),
            Self::Zero { setting } => write!(f, "{setting} must be at least 1"),
        }
    }
}

impl std::error::Error for OneTimeCodeError {}

/// Why a security answer or its settings were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecurityAnswerError {
    /// The answer is empty after normalisation.
    EmptyAnswer,
    /// The answer is longer than [`crate::SecurityAnswerHasher::MAX_ANSWER_CHARS`].
    AnswerTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// The Argon2 parameters are outside what Argon2 allows.
    Params(String),
    /// The stored hash is not an Argon2id PHC string.
    StoredHash(String),
    /// The hashing itself failed.
    Hashing(String),
    /// The number of questions asked at reset is not fewer than the number enrolled
    /// (or is 0).
    QuestionCounts {
        /// Questions asked at reset.
        asked: u32,
        /// Questions enrolled.
        enrolled: u32,
    },
    /// The operating system's random source failed.
    RandomSource(RandomSourceError),
}

impl SecurityAnswerError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyAnswer => "ANSWER_EMPTY",
            Self::AnswerTooLong { .. } => "ANSWER_TOO_LONG",
            Self::Params(_) => "ANSWER_HASH_PARAMS",
            Self::StoredHash(_) => "ANSWER_HASH_SYNTAX",
            Self::Hashing(_) => "ANSWER_HASHING",
            Self::QuestionCounts { .. } => "QUESTION_COUNTS",
            Self::RandomSource(e) => e.code(),
        }
    }
}

impl fmt::Display for SecurityAnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyAnswer => f.write_str("the answer is empty; give a non-blank answer"),
            Self::AnswerTooLong { chars } => write!(
                f,
                "the answer is {chars} characters long; the maximum is {}",
                crate::SecurityAnswerHasher::MAX_ANSWER_CHARS
            ),
            Self::Params(e) => write!(f, "invalid Argon2 parameters: {e}"),
            Self::StoredHash(e) => write!(f, "the stored answer hash is not Argon2id PHC: {e}"),
            Self::Hashing(e) => write!(f, "hashing the answer failed: {e}"),
            Self::QuestionCounts { asked, enrolled } => write!(
                f,
                "asking {asked} of {enrolled} enrolled questions is not allowed; ask at least \
                 1 and fewer than the number enrolled"
            ),
            Self::RandomSource(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SecurityAnswerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::RandomSource(e) => Some(e),
            _ => None,
        }
    }
}

impl From<RandomSourceError> for SecurityAnswerError {
    fn from(e: RandomSourceError) -> Self {
        Self::RandomSource(e)
    }
}
