//! Password-reset tokens (e-mailed links): 256 random bits, URL-safe base64 without
//! padding; only their SHA-256 digest is stored, and verification compares digests in
//! constant time.

use std::fmt;
use std::time::Duration;

use base64ct::{Base64UrlUnpadded, Encoding};
use rand_core::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::auth::error::ResetTokenError;
use crate::auth::token::to_hex;
use crate::random::source::os_rng;
use crate::time::timestamp::Timestamp;

/// A freshly issued reset token: the text to send to the user (zeroized on drop, redacted
/// in `Debug`) and the [`StoredResetToken`] to keep.
///
/// ```
/// use passforge::{ResetToken, Timestamp};
/// let now = Timestamp::from_unix_seconds(1_700_000_000);
/// let issued = ResetToken::issue(now, ResetToken::DEFAULT_LIFETIME)?;
/// assert_eq!(issued.as_str().len(), 43);
/// let stored = issued.stored().clone(); // persist this, send issued.as_str()
/// assert!(stored.verify(issued.as_str(), now).is_ok());
/// # Ok::<(), passforge::ResetTokenError>(())
/// ```
pub struct ResetToken {
    token: Zeroizing<String>,
    stored: StoredResetToken,
}

/// What the service stores for an issued reset token: its digest and validity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredResetToken {
    /// SHA-256 of the token text.
    pub digest: ResetTokenDigest,
    /// When it was issued.
    pub issued_at: Timestamp,
    /// The first instant at which it is no longer accepted.
    pub expires_at: Timestamp,
}

/// SHA-256 of a reset token's text (its UTF-8 bytes, i.e. the 43 base64url characters).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResetTokenDigest([u8; 32]);

impl ResetToken {
    /// Random bytes in a token.
    pub const BYTES: usize = 32;
    /// The default lifetime: 10 minutes.
    pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(600);
    /// The shortest lifetime accepted: a token must outlive the message that carries it.
    pub const MIN_LIFETIME: Duration = Duration::from_secs(1);
    /// The longest lifetime accepted: 24 hours.
    pub const MAX_LIFETIME: Duration = Duration::from_secs(86_400);

    /// Issues a token at `now`, valid for `lifetime` ([`Self::MIN_LIFETIME`] to
    /// [`Self::MAX_LIFETIME`]; the expiry must be writable as RFC 3339), from `rng`.
    pub fn issue_with<R: RngCore + CryptoRng + ?Sized>(
        rng: &mut R,
        now: Timestamp,
        lifetime: Duration,
    ) -> Result<Self, ResetTokenError> {
        if !(Self::MIN_LIFETIME..=Self::MAX_LIFETIME).contains(&lifetime) {
            return Err(ResetTokenError::LifetimeOutOfRange);
        }
        let expires_at = now
            .checked_add(lifetime)
            .filter(|end| end.to_rfc3339().is_ok())
            .ok_or(ResetTokenError::LifetimeOutOfRange)?;
        let mut bytes = Zeroizing::new([0u8; Self::BYTES]);
        rng.fill_bytes(bytes.as_mut_slice());
        let token = Zeroizing::new(Base64UrlUnpadded::encode_string(bytes.as_slice()));
        let digest = ResetTokenDigest::of(&token);
        Ok(Self {
            token,
            stored: StoredResetToken {
                digest,
                issued_at: now,
                expires_at,
            },
        })
    }

    /// Issues a token from the operating system's randomness.
    pub fn issue(now: Timestamp, lifetime: Duration) -> Result<Self, ResetTokenError> {
        let mut rng = os_rng()?;
        Self::issue_with(&mut rng, now, lifetime)
    }

    /// The token text to send (43 URL-safe base64 characters).
    pub fn as_str(&self) -> &str {
        &self.token
    }

    /// What to store.
    pub fn stored(&self) -> &StoredResetToken {
        &self.stored
    }
}

impl fmt::Debug for ResetToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResetToken")
            .field("token", &"<redacted>")
            .field("stored", &self.stored)
            .finish()
    }
}

impl StoredResetToken {
    /// Accepts `presented` when its digest equals the stored one (compared in constant
    /// time) and `now` is before `expires_at`. A mismatch is reported before expiry, so a
    /// wrong token never learns whether a right one would have expired.
    pub fn verify(&self, presented: &str, now: Timestamp) -> Result<(), ResetTokenError> {
        if !self.digest.matches(presented) {
            return Err(ResetTokenError::Mismatch);
        }
        if now >= self.expires_at {
            return Err(ResetTokenError::Expired);
        }
        Ok(())
    }
}

impl ResetTokenDigest {
    /// The digest of a token's text.
    pub fn of(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }

    /// Wraps stored digest bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The digest bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads 64 hexadecimal digits (either case).
    pub fn from_hex(text: &str) -> Result<Self, ResetTokenError> {
        let text = text.as_bytes();
        if text.len() != 64 {
            return Err(ResetTokenError::DigestSyntax);
        }
        let mut out = [0u8; 32];
        for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
            let hi = hex_value(pair[0]).ok_or(ResetTokenError::DigestSyntax)?;
            let lo = hex_value(pair[1]).ok_or(ResetTokenError::DigestSyntax)?;
            *byte = (hi << 4) | lo;
        }
        Ok(Self(out))
    }

    /// 64 lowercase hexadecimal digits.
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// Whether `presented` hashes to this digest (constant-time comparison).
    pub fn matches(&self, presented: &str) -> bool {
        bool::from(Self::of(presented).0.ct_eq(&self.0))
    }
}

impl fmt::Debug for ResetTokenDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResetTokenDigest({})", self.to_hex())
    }
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DeterministicRng;

    #[test]
    fn issue_and_verify() {
        let mut rng = DeterministicRng::from_seed_for_tests(1);
        let now = Timestamp::from_unix_seconds(1_000);
        let t = ResetToken::issue_with(&mut rng, now, ResetToken::DEFAULT_LIFETIME).unwrap();
        assert_eq!(t.as_str().len(), 43);
        assert!(t
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let stored = t.stored();
        assert_eq!(stored.issued_at, now);
        assert_eq!(stored.expires_at, Timestamp::from_unix_seconds(1_600));
        assert_eq!(
            stored.verify(t.as_str(), Timestamp::from_unix_seconds(1_599)),
            Ok(())
        );
        assert_eq!(
            stored.verify(t.as_str(), Timestamp::from_unix_seconds(1_600)),
            Err(ResetTokenError::Expired)
        );
        assert_eq!(stored.verify("nope", now), Err(ResetTokenError::Mismatch));
        assert_eq!(
            stored.verify("nope", Timestamp::from_unix_seconds(9_999)),
            Err(ResetTokenError::Mismatch)
        );
        let other = ResetToken::issue_with(&mut rng, now, ResetToken::DEFAULT_LIFETIME).unwrap();
        assert_ne!(other.as_str(), t.as_str());
        assert!(!format!("{t:?}").contains(t.as_str()));
    }

    #[test]
    fn digest_hex_round_trip() {
        let d = ResetTokenDigest::of("abc");
        assert_eq!(
            d.to_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            ResetTokenDigest::from_hex(&d.to_hex().to_uppercase()).unwrap(),
            d
        );
        assert_eq!(ResetTokenDigest::from_bytes(*d.as_bytes()), d);
        for bad in ["", "zz", &"g".repeat(64), &"a".repeat(63)] {
            assert_eq!(
                ResetTokenDigest::from_hex(bad).unwrap_err().code(),
                "RESET_TOKEN_DIGEST_SYNTAX"
            );
        }
    }

    #[test]
    fn lifetimes_are_bounded() {
        let mut rng = DeterministicRng::from_seed_for_tests(1);
        let now = Timestamp::from_unix_seconds(1_700_000_000);
        for bad in [Duration::ZERO, Duration::from_secs(86_401)] {
            let err = ResetToken::issue_with(&mut rng, now, bad).unwrap_err();
            assert_eq!(err.code(), "RESET_TOKEN_LIFETIME");
        }
        let last = Timestamp::parse_rfc3339("9999-12-31T23:59:59Z").unwrap();
        let err = ResetToken::issue_with(&mut rng, last, Duration::from_secs(60)).unwrap_err();
        assert_eq!(err.code(), "RESET_TOKEN_LIFETIME");
    }

    #[test]
    fn lifetime_overflow_is_an_error() {
        let mut rng = DeterministicRng::from_seed_for_tests(1);
        let end = Timestamp::from_unix_seconds(i64::MAX);
        let err = ResetToken::issue_with(&mut rng, end, Duration::from_secs(1)).unwrap_err();
        assert_eq!(err.code(), "RESET_TOKEN_LIFETIME");
    }
}
