//! Time-based service tokens, plain shared tokens and reset-token digests with arbitrary
//! secrets, presented text, instants, periods and skews.
//!
//! Properties: nothing panics and invalid settings are refused with typed errors; the
//! token for instant t verifies at t (for its own window, with a validity end after t),
//! at every instant up to `skew` windows away, and not `skew + 1` windows away; an
//! arbitrary presented text verifies only when it is one of those tokens; an altered
//! token (uppercased, truncated, one character changed) never verifies; a replay guard
//! accepts a token once; plain mode accepts exactly the secret; a reset-token digest
//! reads back its own hex.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use passforge::{
    DeterministicRng, MemoryReplayGuard, ResetToken, ResetTokenDigest, SharedToken,
    TimeTokenScheme, Timestamp, TokenAlgorithm, TokenCheck,
};

#[derive(Arbitrary, Debug)]
struct Case {
    secret: Vec<u8>,
    presented: String,
    seconds: i64,
    nanos: u32,
    period: u64,
    skew: u32,
    hmac: bool,
    /// Which character of the token to alter.
    alter_at: u8,
    digest_hex: String,
    lifetime_seconds: u64,
    seed: u64,
}

fuzz_target!(|case: Case| {
    let at = Timestamp::from_unix_parts(case.seconds, case.nanos % 1_000_000_000)
        .expect("nanos reduced below one second");
    let algorithm = if case.hmac {
        TokenAlgorithm::HmacSha256
    } else {
        TokenAlgorithm::Sha1
    };

    // Settings: refused exactly outside the documented ranges.
    let valid = (1..=TimeTokenScheme::MAX_PERIOD_SECONDS).contains(&case.period)
        && case.skew <= TimeTokenScheme::MAX_SKEW_WINDOWS;
    match TimeTokenScheme::new(algorithm, case.period, case.skew) {
        Ok(_) => assert!(valid),
        Err(e) => {
            assert!(!valid);
            assert!(!e.code().is_empty());
        }
    }
    let period = 1 + case.period % TimeTokenScheme::MAX_PERIOD_SECONDS;
    let skew = case.skew % (TimeTokenScheme::MAX_SKEW_WINDOWS + 1);
    let scheme = TimeTokenScheme::new(algorithm, period, skew).expect("in range");

    let secret = match SharedToken::new(case.secret.clone()) {
        Ok(secret) => secret,
        Err(e) => {
            assert!(case.secret.is_empty());
            assert_eq!(e.code(), "TOKEN_SECRET_EMPTY");
            return;
        }
    };

    // Plain mode accepts exactly the secret.
    assert_eq!(
        secret.verify_plain(&case.presented),
        case.presented.as_bytes() == case.secret.as_slice()
    );
    if let Ok(text) = std::str::from_utf8(&case.secret) {
        assert!(secret.verify_plain(text));
    }

    // The window holds the instant.
    let window = scheme.window(at);
    let p = i128::from(period);
    let start = i128::from(window) * p;
    assert!(start <= i128::from(at.unix_seconds()) && i128::from(at.unix_seconds()) < start + p);

    // The token for t verifies at t, for its own window.
    let token = scheme.token_at(&secret, at);
    assert_eq!(token.len(), if case.hmac { 64 } else { 40 });
    assert!(token
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert_eq!(token, scheme.token_for_window(&secret, window));
    let accepted = scheme
        .verify(&secret, &token, at)
        .expect("a token verifies at the instant it was made for");
    assert_eq!(accepted.window, window);
    // Valid until the end of the last window accepted. Within `skew + 1` windows of
    // i64::MAX seconds (the year 292 277 026 596, which no clock reaches) that end has no
    // Timestamp and saturates at i64::MAX; only there may it fail to be after `at`.
    let end = (i128::from(window) + i128::from(skew) + 1) * p;
    match i64::try_from(end) {
        Ok(end) => {
            assert_eq!(accepted.valid_until, Timestamp::from_unix_seconds(end));
            assert!(
                accepted.valid_until > at,
                "{accepted:?} is not after {at:?}"
            );
        }
        Err(_) => assert_eq!(accepted.valid_until, Timestamp::from_unix_seconds(i64::MAX)),
    }

    // Neighbouring windows within the skew accept it; one more does not.
    let skew_i = i64::from(skew);
    for k in -(skew_i + 1)..=(skew_i + 1) {
        let Some(then) = k
            .checked_mul(period as i64)
            .and_then(|d| at.unix_seconds().checked_add(d))
        else {
            continue;
        };
        let then = Timestamp::from_unix_seconds(then);
        let result = scheme.verify(&secret, &token, then);
        if k.abs() <= skew_i {
            assert_eq!(result.map(|a| a.window), Some(window), "offset {k}");
        } else {
            assert_eq!(result, None, "offset {k} is beyond the skew");
        }
    }

    // Arbitrary text verifies only as one of the neighbouring tokens.
    if let Some(hit) = scheme.verify(&secret, &case.presented, at) {
        assert!((hit.window - window).abs() <= skew_i);
        assert_eq!(case.presented, scheme.token_for_window(&secret, hit.window));
    }

    // Altered tokens never verify.
    let upper = token.to_ascii_uppercase();
    if upper != token {
        assert_eq!(scheme.verify(&secret, &upper, at), None, "uppercase hex");
    }
    assert_eq!(scheme.verify(&secret, &token[..token.len() - 1], at), None);
    let i = usize::from(case.alter_at) % token.len();
    let mut altered = token.clone().into_bytes();
    altered[i] = if altered[i] == b'0' { b'1' } else { b'0' };
    let altered = String::from_utf8(altered).expect("hex is ASCII");
    assert_eq!(
        scheme.verify(&secret, &altered, at),
        None,
        "one character changed"
    );

    // A replay guard accepts the token once.
    let guard = MemoryReplayGuard::new(4);
    match scheme.verify_once(&secret, &token, at, &guard) {
        Ok(TokenCheck::Accepted(a)) => assert_eq!(a, accepted),
        other => panic!("first use: {other:?}"),
    }
    if accepted.valid_until > at {
        assert!(matches!(
            scheme.verify_once(&secret, &token, at, &guard),
            Ok(TokenCheck::Replayed)
        ));
    }

    // Reset-token digests: hex reads back, case-insensitively; the digest matches its token.
    match ResetTokenDigest::from_hex(&case.digest_hex) {
        Ok(d) => assert_eq!(d.to_hex(), case.digest_hex.to_ascii_lowercase()),
        Err(e) => assert_eq!(e.code(), "RESET_TOKEN_DIGEST_SYNTAX"),
    }
    assert!(ResetTokenDigest::of(&case.presented).matches(&case.presented));
    let lifetime = Duration::from_secs(case.lifetime_seconds);
    let mut rng = DeterministicRng::from_seed_for_tests(case.seed);
    match ResetToken::issue_with(&mut rng, at, lifetime) {
        Ok(issued) => {
            let stored = issued.stored();
            assert_eq!(issued.as_str().len(), 43);
            assert_eq!(stored.issued_at, at);
            let verdict = stored.verify(issued.as_str(), at);
            if lifetime.is_zero() {
                assert_eq!(verdict.map_err(|e| e.code()), Err("RESET_TOKEN_EXPIRED"));
            } else {
                assert_eq!(verdict, Ok(()));
            }
            if case.presented != issued.as_str() {
                assert_eq!(
                    stored.verify(&case.presented, at).map_err(|e| e.code()),
                    Err("RESET_TOKEN_MISMATCH")
                );
            }
        }
        Err(e) => assert_eq!(e.code(), "RESET_TOKEN_LIFETIME"),
    }
});
