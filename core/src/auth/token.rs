//! Service authentication tokens: the AD reset service's plain and time-based bearer tokens,
//! their HMAC-SHA256 variant, constant-time verification with neighbouring windows, and a
//! replay guard. Per-request tokens are in `request_token.rs`.

use crate::contract::name::named_enum;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::{ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

use crate::auth::error::{ReplayGuardFull, TokenError};
use crate::time::timestamp::Timestamp;

/// The secret shared between the service and its callers. Its memory is zeroized on drop
/// and `Debug` does not print it.
#[derive(Clone)]
pub struct SharedToken(Zeroizing<Vec<u8>>);

impl SharedToken {
    /// The shortest shared token a new deployment should use (128 bits). Shorter ones
    /// are accepted for existing deployments and test vectors; the CLI and the reset
    /// service refuse them when reading a configured token.
    pub const MIN_BYTES: usize = 16;

    /// Whether the secret is shorter than [`Self::MIN_BYTES`].
    pub fn is_short(&self) -> bool {
        self.0.len() < Self::MIN_BYTES
    }

    /// Wraps the secret bytes; refuses an empty secret.
    pub fn new(secret: impl Into<Vec<u8>>) -> Result<Self, TokenError> {
        let secret = Zeroizing::new(secret.into());
        if secret.is_empty() {
            return Err(TokenError::EmptySecret);
        }
        Ok(Self(secret))
    }

    /// Plain mode: whether `presented` is the shared token itself. Both sides are hashed
    /// with SHA-256 first and the digests compared in constant time, so neither the
    /// content nor the length of the secret shows in the timing.
    pub fn verify_plain(&self, presented: &str) -> bool {
        let expected = Sha256::digest(self.0.as_slice());
        let given = Sha256::digest(presented.as_bytes());
        bool::from(expected.ct_eq(&given))
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// HMAC-SHA256 keyed with the secret.
    pub(crate) fn hmac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length, so this cannot fail.
        #[allow(clippy::expect_used)]
        <Hmac<Sha256> as Mac>::new_from_slice(self.as_bytes()).expect("HMAC accepts any key length")
    }
}

impl fmt::Debug for SharedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedToken(<redacted>)")
    }
}

/// How a time-based token is derived from the shared token and the window number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenAlgorithm {
    /// The AD reset service's scheme, kept for compatibility: lowercase hex
    /// `SHA-1(shared token ‖ decimal window)` (40 characters).
    #[default]
    Sha1,
    /// Lowercase hex `HMAC-SHA256(key = shared token, message = decimal window)`
    /// (64 characters). Prefer it where both sides can: HMAC is a pseudo-random function
    /// under standard assumptions on the hash, whereas a secret-prefix hash has no such
    /// proof and inherits SHA-1's weaknesses (practical collisions, and length extension:
    /// whoever sees one token can compute the hash of the same secret followed by the
    /// window, SHA-1 padding and any suffix). The narrow message format blunts those
    /// attacks here, which is why SHA-1 remains acceptable for compatibility.
    HmacSha256,
}

named_enum!(
    TokenAlgorithm,
    "token algorithm",
    [Sha1 = "sha1", HmacSha256 = "hmac-sha256"]
);

/// The time-based token scheme: `window = floor(unix_seconds / period)`, the token is the
/// chosen algorithm applied to the shared token and the decimal window, and a token is
/// accepted while the verifier's window is within `skew` windows of the token's.
///
/// ```
/// use passforge::{SharedToken, Timestamp, TimeTokenScheme};
/// let secret = SharedToken::new("s3cret")?;
/// let scheme = TimeTokenScheme::default(); // SHA-1, 300 s, ±1 window
/// let now = Timestamp::from_unix_seconds(1_700_000_000);
/// let token = scheme.token_at(&secret, now);
/// assert_eq!(token.len(), 40);
/// // A caller whose clock is one window ahead is still accepted.
/// let later = Timestamp::from_unix_seconds(1_700_000_300);
/// assert!(scheme.verify(&secret, &token, later).is_some());
/// # Ok::<(), passforge::TokenError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeTokenScheme {
    algorithm: TokenAlgorithm,
    period_seconds: u64,
    skew_windows: u32,
}

/// A time-based token ([`TimeTokenScheme`]) or a request token
/// ([`crate::RequestTokenScheme`]) that verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AcceptedToken {
    /// The window the token was made for.
    pub window: i64,
    /// The first instant at which the token is no longer accepted; a replay guard must
    /// remember it until then.
    pub valid_until: Timestamp,
}

/// The outcome of [`TimeTokenScheme::verify_once`] and
/// [`crate::RequestTokenScheme::verify_once`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenCheck {
    /// Valid and not seen before.
    Accepted(AcceptedToken),
    /// Not a valid token for the current or a neighbouring window.
    Invalid,
    /// Valid, but already used.
    Replayed,
}

impl TimeTokenScheme {
    /// The default window length: five minutes.
    pub const DEFAULT_PERIOD_SECONDS: u64 = 300;
    /// The longest window allowed: one day.
    pub const MAX_PERIOD_SECONDS: u64 = 86_400;
    /// Windows accepted on each side of the current one by default.
    pub const DEFAULT_SKEW_WINDOWS: u32 = 1;
    /// The most windows that may be accepted on each side.
    pub const MAX_SKEW_WINDOWS: u32 = 10;

    /// A scheme with the given algorithm, window length (1 to
    /// [`TimeTokenScheme::MAX_PERIOD_SECONDS`]) and neighbouring windows accepted on each
    /// side (0 to [`TimeTokenScheme::MAX_SKEW_WINDOWS`]).
    pub fn new(
        algorithm: TokenAlgorithm,
        period_seconds: u64,
        skew_windows: u32,
    ) -> Result<Self, TokenError> {
        if period_seconds == 0 || period_seconds > Self::MAX_PERIOD_SECONDS {
            return Err(TokenError::Period {
                seconds: period_seconds,
            });
        }
        if skew_windows > Self::MAX_SKEW_WINDOWS {
            return Err(TokenError::Skew {
                windows: skew_windows,
            });
        }
        Ok(Self {
            algorithm,
            period_seconds,
            skew_windows,
        })
    }

    /// The algorithm.
    pub fn algorithm(&self) -> TokenAlgorithm {
        self.algorithm
    }

    /// The window length in seconds.
    pub fn period_seconds(&self) -> u64 {
        self.period_seconds
    }

    /// Neighbouring windows accepted on each side.
    pub fn skew_windows(&self) -> u32 {
        self.skew_windows
    }

    /// `floor(unix_seconds / period)` (also floor before 1970).
    pub fn window(&self, at: Timestamp) -> i64 {
        // period_seconds is at most 86 400, so it fits an i64.
        at.unix_seconds().div_euclid(self.period_seconds as i64)
    }

    /// The token for a window number. Before 1970 the decimal window carries a `-`.
    pub fn token_for_window(&self, secret: &SharedToken, window: i64) -> String {
        self.wiped_token_for_window(secret, window).to_string()
    }

    /// The token of `window`, wiped when dropped (for the comparisons in `verify`).
    fn wiped_token_for_window(&self, secret: &SharedToken, window: i64) -> Zeroizing<String> {
        let message = window.to_string();
        match self.algorithm {
            TokenAlgorithm::Sha1 => {
                let mut hash = Sha1::new();
                hash.update(secret.as_bytes());
                hash.update(message.as_bytes());
                Zeroizing::new(to_hex(&hash.finalize()))
            }
            TokenAlgorithm::HmacSha256 => {
                let mut mac = secret.hmac();
                mac.update(message.as_bytes());
                Zeroizing::new(to_hex(&mac.finalize().into_bytes()))
            }
        }
    }

    /// The token for the window containing `at`.
    pub fn token_at(&self, secret: &SharedToken, at: Timestamp) -> String {
        self.token_for_window(secret, self.window(at))
    }

    /// Whether `presented` is the token of the window containing `now` or of one of the
    /// `skew` windows on either side. Every candidate is computed and compared in constant
    /// time, so the timing shows neither whether nor where it matched (only its length,
    /// which is public). Lowercase hex only, as the scheme defines it.
    pub fn verify(
        &self,
        secret: &SharedToken,
        presented: &str,
        now: Timestamp,
    ) -> Option<AcceptedToken> {
        let current = self.window(now);
        let skew = i64::from(self.skew_windows);
        let mut matched = subtle::Choice::from(0);
        let mut window = 0i64;
        for offset in -skew..=skew {
            let Some(candidate) = current.checked_add(offset) else {
                continue; // Only at the ends of the i64 range.
            };
            let expected = self.wiped_token_for_window(secret, candidate);
            let hit = expected.as_bytes().ct_eq(presented.as_bytes());
            window.conditional_assign(&candidate, hit);
            matched |= hit;
        }
        if !bool::from(matched) {
            return None;
        }
        Some(self.accepted(window))
    }

    /// Whether `window` is the window of `now` or one of the `skew` on either side.
    pub(crate) fn is_current(&self, window: i64, now: Timestamp) -> bool {
        self.window(now).abs_diff(window) <= u64::from(self.skew_windows)
    }

    /// `window` as accepted: valid until the end of the last window that accepts it
    /// (`i64::MAX` seconds where that end cannot be represented).
    pub(crate) fn accepted(&self, window: i64) -> AcceptedToken {
        let skew = i128::from(self.skew_windows);
        let end = (i128::from(window) + skew + 1) * i128::from(self.period_seconds);
        let end = i64::try_from(end).unwrap_or(i64::MAX);
        AcceptedToken {
            window,
            valid_until: Timestamp::from_unix_seconds(end),
        }
    }

    /// [`TimeTokenScheme::verify`], then records the token in `guard` so that a second use
    /// before it stops being valid is [`TokenCheck::Replayed`]. The guard sees only
    /// SHA-256 of the token.
    ///
    /// **One request per window for the whole deployment.** A time token depends only on
    /// the shared token and the window, so every caller that holds the shared token sends
    /// the same token during a window: with a replay guard, the first request of a window
    /// is accepted and every other one (a second legitimate caller ten seconds later, a
    /// retry) is `Replayed` until the window and its skew have passed. Use it only where
    /// one caller makes at most one call per window; otherwise accept replays within the
    /// window (plain `verify`) and rely on TLS, or give each request its own token with
    /// [`crate::RequestTokenScheme`], whose guard remembers each request.
    pub fn verify_once<G: ReplayGuard + ?Sized>(
        &self,
        secret: &SharedToken,
        presented: &str,
        now: Timestamp,
        guard: &G,
    ) -> Result<TokenCheck, G::Error> {
        let Some(accepted) = self.verify(secret, presented, now) else {
            return Ok(TokenCheck::Invalid);
        };
        let fingerprint: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        if guard.first_use(&fingerprint, accepted.valid_until, now)? {
            Ok(TokenCheck::Accepted(accepted))
        } else {
            Ok(TokenCheck::Replayed)
        }
    }
}

impl Default for TimeTokenScheme {
    /// SHA-1, 300-second windows, one neighbouring window on each side.
    fn default() -> Self {
        Self {
            algorithm: TokenAlgorithm::Sha1,
            period_seconds: Self::DEFAULT_PERIOD_SECONDS,
            skew_windows: Self::DEFAULT_SKEW_WINDOWS,
        }
    }
}

/// Remembers used tokens until they stop being valid, so that each is accepted once. The
/// service implements it over its store; [`MemoryReplayGuard`] is a bounded in-memory
/// reference implementation.
pub trait ReplayGuard {
    /// The store's error.
    type Error;

    /// Records the token with this SHA-256 `fingerprint` as used until `valid_until`.
    /// Returns `Ok(true)` on its first use and `Ok(false)` when it was already recorded
    /// and has not reached its `valid_until` at `now`. Must be atomic per fingerprint.
    fn first_use(
        &self,
        fingerprint: &[u8; 32],
        valid_until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, Self::Error>;
}

/// A [`ReplayGuard`] in memory, holding at most `capacity` unexpired tokens. When it is
/// full it refuses new tokens ([`ReplayGuardFull`]) instead of forgetting one that could
/// then be replayed.
#[derive(Debug)]
pub struct MemoryReplayGuard {
    capacity: usize,
    used: Mutex<HashMap<[u8; 32], Timestamp>>,
}

impl MemoryReplayGuard {
    /// The default capacity.
    pub const DEFAULT_CAPACITY: usize = 10_000;

    /// An empty guard holding at most `capacity` tokens.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            used: Mutex::new(HashMap::new()),
        }
    }

    /// Tokens currently remembered (expired ones are dropped lazily).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no token is remembered.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], Timestamp>> {
        // A panic while holding the lock cannot leave the map half-updated (each
        // operation is one insert or retain), so a poisoned lock is still usable.
        self.used.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for MemoryReplayGuard {
    fn default() -> Self {
        Self::new(Self::DEFAULT_CAPACITY)
    }
}

impl ReplayGuard for MemoryReplayGuard {
    type Error = ReplayGuardFull;

    fn first_use(
        &self,
        fingerprint: &[u8; 32],
        valid_until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, ReplayGuardFull> {
        let mut used = self.lock();
        if let Some(until) = used.get(fingerprint) {
            if now < *until {
                return Ok(false);
            }
        }
        if used.len() >= self.capacity {
            used.retain(|_, until| now < *until);
        }
        if used.len() >= self.capacity && !used.contains_key(fingerprint) {
            return Err(ReplayGuardFull {
                capacity: self.capacity,
            });
        }
        used.insert(*fingerprint, valid_until);
        Ok(true)
    }
}

/// Lowercase hexadecimal.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> SharedToken {
        SharedToken::new("correct horse").unwrap()
    }

    #[test]
    fn empty_secret_is_refused_and_debug_redacts() {
        assert_eq!(SharedToken::new("").unwrap_err(), TokenError::EmptySecret);
        assert_eq!(format!("{:?}", secret()), "SharedToken(<redacted>)");
    }

    #[test]
    fn plain_mode() {
        assert!(secret().verify_plain("correct horse"));
        assert!(!secret().verify_plain("correct horse "));
        assert!(!secret().verify_plain(""));
    }

    #[test]
    fn scheme_limits() {
        assert_eq!(
            TimeTokenScheme::new(TokenAlgorithm::Sha1, 0, 1)
                .unwrap_err()
                .code(),
            "TOKEN_PERIOD"
        );
        assert_eq!(
            TimeTokenScheme::new(TokenAlgorithm::Sha1, 86_401, 1)
                .unwrap_err()
                .code(),
            "TOKEN_PERIOD"
        );
        assert_eq!(
            TimeTokenScheme::new(TokenAlgorithm::Sha1, 300, 11)
                .unwrap_err()
                .code(),
            "TOKEN_SKEW"
        );
        assert_eq!(
            TimeTokenScheme::new(TokenAlgorithm::Sha1, 300, 1).unwrap(),
            TimeTokenScheme::default()
        );
    }

    #[test]
    fn windows_floor() {
        let s = TimeTokenScheme::default();
        assert_eq!(s.window(Timestamp::from_unix_seconds(299)), 0);
        assert_eq!(s.window(Timestamp::from_unix_seconds(300)), 1);
        assert_eq!(s.window(Timestamp::from_unix_seconds(-1)), -1);
    }

    #[test]
    fn neighbouring_windows_and_no_further() {
        for algorithm in [TokenAlgorithm::Sha1, TokenAlgorithm::HmacSha256] {
            let s = TimeTokenScheme::new(algorithm, 300, 1).unwrap();
            let t = s.token_for_window(&secret(), 1000);
            let at = |secs| Timestamp::from_unix_seconds(secs);
            assert_eq!(s.verify(&secret(), &t, at(299_699)), None); // window 998
            assert!(s.verify(&secret(), &t, at(299_700)).is_some()); // window 999
            let ok = s.verify(&secret(), &t, at(300_000)).unwrap(); // window 1000
            assert_eq!(ok.window, 1000);
            assert_eq!(ok.valid_until, at(300_600));
            assert!(s.verify(&secret(), &t, at(300_599)).is_some()); // window 1001
            assert!(s.verify(&secret(), &t, at(300_600)).is_none()); // window 1002
            assert!(s
                .verify(&secret(), &t.to_uppercase(), at(300_000))
                .is_none());
            let strict = TimeTokenScheme::new(algorithm, 300, 0).unwrap();
            assert!(strict.verify(&secret(), &t, at(300_000)).is_some());
            assert!(strict.verify(&secret(), &t, at(299_999)).is_none());
        }
    }

    #[test]
    fn extreme_instants_do_not_overflow() {
        let s = TimeTokenScheme::new(TokenAlgorithm::Sha1, 1, 10).unwrap();
        for secs in [i64::MAX, i64::MIN] {
            let now = Timestamp::from_unix_seconds(secs);
            let t = s.token_at(&secret(), now);
            let ok = s.verify(&secret(), &t, now).unwrap();
            assert_eq!(ok.window, secs);
        }
    }

    #[test]
    fn replay_guard_accepts_once_until_the_token_expires() {
        let s = TimeTokenScheme::default();
        let guard = MemoryReplayGuard::new(2);
        let now = Timestamp::from_unix_seconds(3_000);
        let t = s.token_at(&secret(), now);
        let first = s.verify_once(&secret(), &t, now, &guard).unwrap();
        assert!(matches!(first, TokenCheck::Accepted(_)));
        assert_eq!(
            s.verify_once(&secret(), &t, now, &guard).unwrap(),
            TokenCheck::Replayed
        );
        assert_eq!(
            s.verify_once(&secret(), "0000", now, &guard).unwrap(),
            TokenCheck::Invalid
        );
        assert_eq!(guard.len(), 1);
        // Fill the guard, then find it full while the tokens are still valid.
        let t2 = s.token_at(&secret(), Timestamp::from_unix_seconds(3_300));
        assert!(matches!(
            s.verify_once(&secret(), &t2, now, &guard).unwrap(),
            TokenCheck::Accepted(_)
        ));
        let t3 = s.token_at(&secret(), Timestamp::from_unix_seconds(2_700));
        assert_eq!(
            s.verify_once(&secret(), &t3, now, &guard)
                .unwrap_err()
                .code(),
            "REPLAY_GUARD_FULL"
        );
        // Once the first tokens have expired there is room again.
        let later = Timestamp::from_unix_seconds(3_900);
        let t4 = s.token_at(&secret(), later);
        assert!(matches!(
            s.verify_once(&secret(), &t4, later, &guard).unwrap(),
            TokenCheck::Accepted(_)
        ));
        assert!(!guard.is_empty());
    }

    #[test]
    fn hex() {
        assert_eq!(to_hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }
}
