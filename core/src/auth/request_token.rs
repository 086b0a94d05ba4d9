//! Per-request service tokens: an HMAC-SHA256 over the time window, a client nonce and a
//! binding to the request, so that a replay guard can accept each request once (the
//! window tokens of `token.rs` are the same for every caller in a window).

use std::fmt;

use hmac::Mac;
use rand_core::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::auth::error::TokenError;
use crate::auth::token::{
    to_hex, AcceptedToken, ReplayGuard, SharedToken, TimeTokenScheme, TokenAlgorithm, TokenCheck,
};
use crate::random::source::{os_rng, RandomSourceError};
use crate::time::timestamp::Timestamp;

/// The version field of the wire format, and the MAC's domain separator.
const VERSION: &str = "v1";
const MAC_CONTEXT: &str = "passforge-request-v1\n";
/// Random bytes in [`RequestTokenScheme::nonce`] (32 base64url characters).
const NONCE_BYTES: usize = 24;
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Per-request bearer tokens for new clients of the reset service:
///
/// ```text
/// v1.<window>.<nonce>.<mac>
/// mac = lowercase hex HMAC-SHA256(key = shared token,
///       "passforge-request-v1\n" ‖ decimal window ‖ "\n" ‖ nonce ‖ "\n" ‖ binding)
/// ```
///
/// `window` is `floor(unix_seconds / period)` as in [`TimeTokenScheme`] (decimal, `-`
/// before 1970, no leading zeros); `nonce` is 16 to 64 characters of `A-Z a-z 0-9 _ -`
/// that the client draws fresh for every request ([`RequestTokenScheme::nonce`]); the
/// `binding` ties the token to one request, [`request_binding`] of its method, path and
/// body, which the service recomputes from the request it received.
///
/// **Why it exists.** A [`TimeTokenScheme`] token depends only on the shared token and the
/// window, so every caller sends the same token during a window, and a replay guard
/// ([`TimeTokenScheme::verify_once`]) can only admit one request per window for the whole
/// deployment. A request token differs per request (the nonce) and only authorises the
/// request it was made for (the binding): [`RequestTokenScheme::verify_once`] remembers
/// each `(window, nonce)` until the token expires, so two requests in one window both
/// pass, the same token twice is [`TokenCheck::Replayed`], and a captured token is no
/// use for another method, path or body.
///
/// ```
/// use passforge::{request_binding, MemoryReplayGuard, RequestTokenScheme, SharedToken,
///     Timestamp, TokenCheck};
/// let secret = SharedToken::new("a shared token of 16+ bytes")?;
/// let scheme = RequestTokenScheme::default(); // 300 s, ±1 window
/// let now = Timestamp::from_unix_seconds(1_700_000_000);
/// let binding = request_binding("POST", "/v1/reset", br#"{"user":"amoneil"}"#);
/// // Client: a fresh nonce per request.
/// let nonce = RequestTokenScheme::nonce()?;
/// let token = scheme.token(&secret, now, &nonce, &binding)?;
/// assert!(token.starts_with("v1.5666666."));
/// // Service: the binding of the request it received, and its replay guard.
/// let guard = MemoryReplayGuard::default();
/// let first = scheme.verify_once(&secret, &token, &binding, now, &guard)?;
/// assert!(matches!(first, TokenCheck::Accepted(_)));
/// let again = scheme.verify_once(&secret, &token, &binding, now, &guard)?;
/// assert_eq!(again, TokenCheck::Replayed);
/// let other = request_binding("POST", "/v1/reset", br#"{"user":"root"}"#);
/// assert!(scheme.verify(&secret, &token, &other, now).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RequestTokenScheme {
    // The window arithmetic and limits; its algorithm (the default) is unused, the
    // request MAC is always HMAC-SHA256.
    windows: TimeTokenScheme,
}

impl fmt::Debug for RequestTokenScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestTokenScheme")
            .field("period_seconds", &self.period_seconds())
            .field("skew_windows", &self.skew_windows())
            .finish()
    }
}

impl RequestTokenScheme {
    /// The shortest nonce accepted.
    pub const MIN_NONCE_LEN: usize = 16;
    /// The longest nonce accepted.
    pub const MAX_NONCE_LEN: usize = 64;
    /// The longest token [`RequestTokenScheme::verify`] reads: longer text is refused
    /// before it is parsed (the longest valid token has 153 bytes).
    pub const MAX_TOKEN_LEN: usize = 200;

    /// A scheme with the given window length (1 to
    /// [`TimeTokenScheme::MAX_PERIOD_SECONDS`]) and neighbouring windows accepted on each
    /// side (0 to [`TimeTokenScheme::MAX_SKEW_WINDOWS`]): the limits and errors of
    /// [`TimeTokenScheme::new`].
    pub fn new(period_seconds: u64, skew_windows: u32) -> Result<Self, TokenError> {
        let windows =
            TimeTokenScheme::new(TokenAlgorithm::default(), period_seconds, skew_windows)?;
        Ok(Self { windows })
    }

    /// The window length in seconds.
    pub fn period_seconds(&self) -> u64 {
        self.windows.period_seconds()
    }

    /// Neighbouring windows accepted on each side.
    pub fn skew_windows(&self) -> u32 {
        self.windows.skew_windows()
    }

    /// `floor(unix_seconds / period)` (also floor before 1970).
    pub fn window(&self, at: Timestamp) -> i64 {
        self.windows.window(at)
    }

    /// A fresh nonce from the operating system's random source: 24 random bytes as 32
    /// base64url characters (192 bits, so two requests never share one).
    pub fn nonce() -> Result<String, RandomSourceError> {
        Ok(Self::nonce_with(&mut os_rng()?))
    }

    /// [`RequestTokenScheme::nonce`] from `rng`.
    pub fn nonce_with<R: RngCore + CryptoRng + ?Sized>(rng: &mut R) -> String {
        let mut bytes = [0u8; NONCE_BYTES];
        rng.fill_bytes(&mut bytes);
        // Every 3 bytes make 4 characters of 6 bits each.
        let mut out = String::with_capacity(NONCE_BYTES / 3 * 4);
        for chunk in bytes.chunks_exact(3) {
            let n = (u32::from(chunk[0]) << 16) | (u32::from(chunk[1]) << 8) | u32::from(chunk[2]);
            for shift in [18, 12, 6, 0] {
                out.push(char::from(BASE64URL[((n >> shift) & 0x3f) as usize]));
            }
        }
        out
    }

    /// Whether `nonce` is 16 to 64 characters of `A-Z a-z 0-9 _ -`.
    pub fn is_valid_nonce(nonce: &str) -> bool {
        (Self::MIN_NONCE_LEN..=Self::MAX_NONCE_LEN).contains(&nonce.len())
            && nonce
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    }

    /// The token for one request at `at`: `nonce` must be fresh for this request
    /// ([`TokenError::Nonce`] when it is not 16 to 64 characters of `A-Z a-z 0-9 _ -`),
    /// `binding` is the request's [`request_binding`].
    pub fn token(
        &self,
        secret: &SharedToken,
        at: Timestamp,
        nonce: &str,
        binding: &str,
    ) -> Result<String, TokenError> {
        if !Self::is_valid_nonce(nonce) {
            return Err(TokenError::Nonce { len: nonce.len() });
        }
        let window = self.window(at);
        let mac = mac(secret, window, nonce, binding);
        Ok(format!("{VERSION}.{window}.{nonce}.{}", mac.as_str()))
    }

    /// The accepted token when `presented` is a request token for `binding` whose window
    /// is the window of `now` or one of the `skew` windows on either side, else `None`.
    /// Malformed text (longer than [`Self::MAX_TOKEN_LEN`], another version, a window
    /// with a sign or leading zeros, a bad nonce, a MAC that is not 64 lowercase hex
    /// digits) is `None` too, after bounded work. The MAC is compared in constant time.
    pub fn verify(
        &self,
        secret: &SharedToken,
        presented: &str,
        binding: &str,
        now: Timestamp,
    ) -> Option<AcceptedToken> {
        let parts = parse(presented)?;
        if !self.windows.is_current(parts.window, now) {
            return None;
        }
        let expected = mac(secret, parts.window, parts.nonce, binding);
        if !bool::from(expected.as_bytes().ct_eq(parts.mac.as_bytes())) {
            return None;
        }
        Some(self.windows.accepted(parts.window))
    }

    /// [`RequestTokenScheme::verify`], then records the request in `guard`, so that its
    /// token is accepted once: the guard's fingerprint is SHA-256 of
    /// `decimal window ‖ "\n" ‖ nonce`, remembered until the token expires. Two requests
    /// with different nonces in one window are both accepted; the same token again is
    /// [`TokenCheck::Replayed`], and so is a second request that reuses a nonce in the
    /// same window (a nonce is for one request).
    pub fn verify_once<G: ReplayGuard + ?Sized>(
        &self,
        secret: &SharedToken,
        presented: &str,
        binding: &str,
        now: Timestamp,
        guard: &G,
    ) -> Result<TokenCheck, G::Error> {
        let Some(accepted) = self.verify(secret, presented, binding, now) else {
            return Ok(TokenCheck::Invalid);
        };
        // `verify` parsed it, so the nonce is there; `Invalid` otherwise, never a panic.
        let Some(parts) = parse(presented) else {
            return Ok(TokenCheck::Invalid);
        };
        let mut hash = Sha256::new();
        hash.update(parts.window.to_string().as_bytes());
        hash.update(b"\n");
        hash.update(parts.nonce.as_bytes());
        let fingerprint: [u8; 32] = hash.finalize().into();
        if guard.first_use(&fingerprint, accepted.valid_until, now)? {
            Ok(TokenCheck::Accepted(accepted))
        } else {
            Ok(TokenCheck::Replayed)
        }
    }
}

impl Default for RequestTokenScheme {
    /// 300-second windows, one neighbouring window on each side.
    fn default() -> Self {
        Self {
            windows: TimeTokenScheme::default(),
        }
    }
}

/// The binding of an HTTP request that clients and the service both compute:
/// `METHOD ‖ " " ‖ PATH ‖ "\n" ‖ lowercase hex SHA-256(body)`. `method` as sent
/// (`"POST"`), `path` as in the request line (with its query, if any), `body` the exact
/// bytes (empty for none). An HTTP method has no space, so the text names one request.
///
/// ```
/// assert_eq!(
///     passforge::request_binding("GET", "/v1/status", b""),
///     "GET /v1/status\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/// );
/// ```
pub fn request_binding(method: &str, path: &str, body: &[u8]) -> String {
    format!("{method} {path}\n{}", to_hex(&Sha256::digest(body)))
}

/// The fields of a well-formed token.
struct Parts<'a> {
    window: i64,
    nonce: &'a str,
    mac: &'a str,
}

/// Splits `v1.<window>.<nonce>.<mac>`, refusing anything but the one spelling of each
/// field; bounded by [`RequestTokenScheme::MAX_TOKEN_LEN`].
fn parse(presented: &str) -> Option<Parts<'_>> {
    if presented.len() > RequestTokenScheme::MAX_TOKEN_LEN {
        return None;
    }
    let mut fields = presented.split('.');
    let (version, window, nonce, mac) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    if fields.next().is_some() || version != VERSION {
        return None;
    }
    let parsed: i64 = window.parse().ok()?;
    // One spelling per window: no `+`, no leading zeros, no `-0`.
    if parsed.to_string() != window {
        return None;
    }
    if !RequestTokenScheme::is_valid_nonce(nonce) {
        return None;
    }
    let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if mac.len() != 64 || !mac.bytes().all(hex) {
        return None;
    }
    Some(Parts {
        window: parsed,
        nonce,
        mac,
    })
}

/// The MAC of a request token, wiped when dropped.
fn mac(secret: &SharedToken, window: i64, nonce: &str, binding: &str) -> Zeroizing<String> {
    let mut mac = secret.hmac();
    mac.update(MAC_CONTEXT.as_bytes());
    mac.update(window.to_string().as_bytes());
    mac.update(b"\n");
    mac.update(nonce.as_bytes());
    mac.update(b"\n");
    mac.update(binding.as_bytes());
    Zeroizing::new(to_hex(&mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DeterministicRng, MemoryReplayGuard};

    const NONCE: &str = "n0nce-0123456789";

    fn secret() -> SharedToken {
        SharedToken::new("correct horse battery").unwrap()
    }

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix_seconds(secs)
    }

    fn binding() -> String {
        request_binding("POST", "/v1/reset", b"{}")
    }

    #[test]
    fn wire_format_and_limits() {
        let s = RequestTokenScheme::default();
        assert_eq!((s.period_seconds(), s.skew_windows()), (300, 1));
        assert_eq!(RequestTokenScheme::new(300, 1).unwrap(), s);
        assert_eq!(
            format!("{s:?}"),
            "RequestTokenScheme { period_seconds: 300, skew_windows: 1 }"
        );
        let t = s.token(&secret(), at(300_000), NONCE, &binding()).unwrap();
        let fields: Vec<&str> = t.split('.').collect();
        assert_eq!(fields[..3], ["v1", "1000", NONCE]);
        assert_eq!(fields[3].len(), 64);
        assert_eq!(
            RequestTokenScheme::new(0, 1).unwrap_err().code(),
            "TOKEN_PERIOD"
        );
        assert_eq!(
            RequestTokenScheme::new(300, 11).unwrap_err().code(),
            "TOKEN_SKEW"
        );
        // The longest valid token is well inside the parse bound.
        let longest = RequestTokenScheme::new(1, 0)
            .unwrap()
            .token(&secret(), at(i64::MIN), &"x".repeat(64), "")
            .unwrap();
        assert_eq!(longest.len(), 153);
        assert!(s.verify(&secret(), &longest, "", at(i64::MIN)).is_none());
        let strict = RequestTokenScheme::new(1, 0).unwrap();
        assert!(strict
            .verify(&secret(), &longest, "", at(i64::MIN))
            .is_some());
    }

    #[test]
    fn nonces_are_checked_when_issuing() {
        let s = RequestTokenScheme::default();
        for bad in [
            "",
            "short",
            &"x".repeat(65),
            "has a space-0123",
            "dot.in.it.012345",
            "ümlaut-012345678",
        ] {
            let e = s.token(&secret(), at(0), bad, "").unwrap_err();
            assert_eq!(e.code(), "TOKEN_NONCE", "{bad:?}");
            assert!(e.to_string().contains("16 to 64"), "{e}");
        }
        for good in ["A".repeat(16), "z".repeat(64), "Az09_-Az09_-Az09".into()] {
            assert!(s.token(&secret(), at(0), &good, "").is_ok(), "{good:?}");
        }
    }

    #[test]
    fn random_nonces_are_valid_and_differ() {
        let a = RequestTokenScheme::nonce().unwrap();
        let b = RequestTokenScheme::nonce().unwrap();
        assert_eq!(a.len(), 32);
        assert!(RequestTokenScheme::is_valid_nonce(&a));
        assert_ne!(a, b);
        let mut rng = DeterministicRng::from_seed_for_tests(1);
        let seeded = RequestTokenScheme::nonce_with(&mut rng);
        assert!(RequestTokenScheme::is_valid_nonce(&seeded));
        // Each of the 64 characters can appear (every 6-bit value is mapped).
        assert_eq!(
            BASE64URL
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len(),
            64
        );
    }

    #[test]
    fn windows_the_binding_and_the_secret() {
        let s = RequestTokenScheme::default();
        let t = s.token(&secret(), at(300_000), NONCE, &binding()).unwrap();
        assert_eq!(s.verify(&secret(), &t, &binding(), at(299_699)), None); // window 998
        assert!(s.verify(&secret(), &t, &binding(), at(299_700)).is_some());
        let ok = s.verify(&secret(), &t, &binding(), at(300_000)).unwrap();
        assert_eq!((ok.window, ok.valid_until), (1000, at(300_600)));
        assert!(s.verify(&secret(), &t, &binding(), at(300_599)).is_some());
        assert!(s.verify(&secret(), &t, &binding(), at(300_600)).is_none());
        let other = request_binding("POST", "/v1/reset", b"{ }");
        assert!(s.verify(&secret(), &t, &other, at(300_000)).is_none());
        let wrong = SharedToken::new("correct horse battery!").unwrap();
        assert!(s.verify(&wrong, &t, &binding(), at(300_000)).is_none());
    }

    #[test]
    fn malformed_tokens_are_none() {
        let s = RequestTokenScheme::default();
        let t = s.token(&secret(), at(300_000), NONCE, &binding()).unwrap();
        let mac = t.rsplit('.').next().unwrap();
        let bad = [
            String::new(),
            "v1".into(),
            t.to_uppercase(),
            t.replacen("v1.", "v2.", 1),
            t.replacen(".1000.", ".01000.", 1),
            t.replacen(".1000.", ".+1000.", 1),
            t.replacen(mac, &mac.to_uppercase(), 1),
            t[..t.len() - 1].into(),
            format!("{t}0"),
            format!("{t}."),
            format!(".{t}"),
            format!("v1.1000.short.{mac}"),
            format!("v1.-0.{NONCE}.{mac}"),
            format!("v1.99999999999999999999.{NONCE}.{mac}"),
            format!("v1.1000.{NONCE}.{mac}{}", "0".repeat(200)),
        ];
        for b in &bad {
            assert!(
                s.verify(&secret(), b, &binding(), at(300_000)).is_none(),
                "{b}"
            );
        }
    }

    #[test]
    fn the_replay_guard_remembers_each_request() {
        let s = RequestTokenScheme::default();
        let guard = MemoryReplayGuard::new(10);
        let now = at(300_000);
        let t1 = s.token(&secret(), now, NONCE, &binding()).unwrap();
        let t2 = s
            .token(&secret(), now, "another-nonce-42", &binding())
            .unwrap();
        let once = |t: &str, b: &str| s.verify_once(&secret(), t, b, now, &guard).unwrap();
        assert!(matches!(once(&t1, &binding()), TokenCheck::Accepted(_)));
        assert!(matches!(once(&t2, &binding()), TokenCheck::Accepted(_)));
        assert_eq!(once(&t1, &binding()), TokenCheck::Replayed);
        // The nonce is spent, whatever the request.
        let get = request_binding("GET", "/v1/status", b"");
        let t3 = s.token(&secret(), now, NONCE, &get).unwrap();
        assert_eq!(once(&t3, &get), TokenCheck::Replayed);
        assert_eq!(once(&t1, &get), TokenCheck::Invalid);
        assert_eq!(guard.len(), 2);
        // The same nonce in the next window is another request.
        let later = at(300_300);
        let t4 = s.token(&secret(), later, NONCE, &binding()).unwrap();
        assert!(matches!(
            s.verify_once(&secret(), &t4, &binding(), later, &guard)
                .unwrap(),
            TokenCheck::Accepted(_)
        ));
    }

    #[test]
    fn bindings() {
        assert_eq!(
            request_binding("POST", "/v1/reset?user=x", b"abc"),
            "POST /v1/reset?user=x\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
