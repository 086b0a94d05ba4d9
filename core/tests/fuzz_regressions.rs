//! Inputs from the cargo-fuzz targets (`fuzz/`), replayed by the ordinary test suite so
//! they run without nightly.
//!
//! Each finding becomes one test here, commented with the target and what it found. The
//! ten-minute runs of 2026-11-23 (see fuzz/README.md) found no crash, timeout or broken
//! property, so for now this file holds the edge inputs each target's properties are
//! built around, checked with the same properties.

use passforge::{
    CharClass, DeterministicRng, Generator, GeneratorSettings, Policy, PolicySpec, SharedToken,
    StrengthCheck, TimeTokenScheme, Timestamp, TokenAlgorithm, UserContext,
};

/// Target `strength_check_parse`: quotes, commas, whitespace and empty patterns survive
/// `parse(to_list_string())`.
#[test]
fn strength_check_round_trip_edges() {
    for list in [
        "",
        " ",
        "''",
        "'''', ''",
        "'a' ,'b'\t, 'c' ",
        "',', ' ', 'it''s'",
    ] {
        let check = StrengthCheck::parse(list).unwrap();
        let again = StrengthCheck::parse(&check.to_list_string()).unwrap();
        assert_eq!(again.patterns(), check.patterns(), "{list:?}");
    }
}

/// Target `generate`: a character listed in several sets, and every class emptied but
/// one, still give passwords of the effective length from the disjoint class sets.
#[test]
fn generate_overlapping_and_emptied_sets() {
    let settings = GeneratorSettings {
        length: 3,
        lower: 2,
        upper: 0,
        digits: 1,
        symbols: 0,
        lower_set: Some("a1a".into()),
        upper_set: Some("1A".into()),
        digit_set: Some("1".into()),
        symbol_set: Some(String::new()),
        exclude: "A".into(),
        ..GeneratorSettings::default()
    };
    // '1' belongs to the lower set (listed there first), so the digit class is empty.
    assert_eq!(Generator::new(&settings).unwrap_err().code(), "CLASS_EMPTY");
    let generator = Generator::new(&GeneratorSettings {
        digits: 0,
        ..settings
    })
    .unwrap();
    assert_eq!(generator.class_set(CharClass::Lower), ['1', 'a']);
    assert!(generator.class_set(CharClass::Upper).is_empty());
    let mut rng = DeterministicRng::from_seed_for_tests(0);
    for p in generator.generate_many_with(&mut rng, 50).unwrap() {
        assert_eq!(p.char_count(), 3);
        assert!(p.as_str().chars().all(|c| c == 'a' || c == '1'));
    }
}

/// Target `policy`: a policy that quotes the password back (a forbidden word equal to
/// it) is not a leak; a password character found in neither the policy nor the context
/// never appears in a violation.
#[test]
fn policy_violations_only_quote_the_policy_and_the_context() {
    let policy = Policy::new(PolicySpec {
        min_length: 40,
        forbidden_words: vec!["hunter2".into()],
        forbidden_patterns: vec!["(?i)h.nter".into()],
        forbid_username: true,
        ..PolicySpec::default()
    })
    .unwrap();
    let context = UserContext::with_username("hunt");
    for password in ["hunter2", "hunter2\u{E000}", "\u{E000}HUNTER2\u{E000}"] {
        let violations = policy.validate(password, &context);
        assert_eq!(violations.len(), 4, "{password:?}");
        for v in &violations {
            let text = format!("{} {:?}", v.message(), v.params());
            assert!(!text.contains('\u{E000}'), "{text}");
        }
    }
}

/// Target `token_verify`: instants before 1970 and at the ends of the i64 range, the
/// longest period and the widest skew.
#[test]
fn token_edges_verify_at_their_own_instant() {
    let secret = SharedToken::new(vec![0u8]).unwrap();
    for (algorithm, period, skew, seconds) in [
        (TokenAlgorithm::Sha1, 1, 0, i64::MIN),
        (TokenAlgorithm::HmacSha256, 86_400, 10, -1),
        (TokenAlgorithm::Sha1, 7, 10, i64::MAX - 100_000),
        (TokenAlgorithm::HmacSha256, 300, 1, 0),
    ] {
        let scheme = TimeTokenScheme::new(algorithm, period, skew).unwrap();
        let at = Timestamp::from_unix_seconds(seconds);
        let token = scheme.token_at(&secret, at);
        let accepted = scheme.verify(&secret, &token, at).unwrap();
        assert_eq!(accepted.window, scheme.window(at));
        assert!(accepted.valid_until > at);
    }
}

/// Target `one_time_code` (2026-12-01), finding, open: the pause between sends is only
/// applied to sends still inside the rolling window. With a pause longer than the
/// window (`min_seconds_between_sends = 120`, `send_window_seconds = 100`), a send at
/// 0 s is refused at 50 s with "next allowed at 120 s", but allowed at 110 s: the
/// refusal's `next_allowed_at` is not the first allowed instant, and the documented
/// "a send is allowed from exactly last + pause on" did not hold. Fixed: the pause now
/// follows the last plausible send, inside the window or not.
#[test]
fn send_pause_longer_than_the_window_still_applies() {
    use passforge::{OneTimeCodePolicy, OneTimeCodeSettings};
    let policy = OneTimeCodePolicy::new(&OneTimeCodeSettings {
        send_window_seconds: 100,
        min_seconds_between_sends: 120,
        ..OneTimeCodeSettings::default()
    })
    .unwrap();
    let sent = [Timestamp::from_unix_seconds(0)];
    let refused = policy
        .check_send(&sent, Timestamp::from_unix_seconds(50))
        .unwrap_err();
    assert_eq!(refused.next_allowed_at(), Timestamp::from_unix_seconds(120));
    assert!(
        policy
            .check_send(&sent, Timestamp::from_unix_seconds(110))
            .is_err(),
        "a send 110 s after the last one, with a 120 s pause"
    );
}

/// Target `security_answer` (2026-12-01), finding: a parallelism of 2^29 or more panics
/// with "attempt to multiply with overflow" inside argon2 0.5.3 (`Params::new`,
/// src/params.rs:119, `m_cost < p_cost * 8`) wherever overflow checks are on (debug
/// builds, `cargo test`, the fuzz build). Release builds wrap, then refuse p above
/// 2^24 - 1, so they answer with a typed error. `SecurityAnswerHasher::new` is fixed
/// since 348a594 (it checks `AnswerHashParams::MAX_PARALLELISM` before Argon2 sees p).
#[test]
fn answer_hasher_refuses_parallelism_above_the_argon2_limit() {
    use passforge::{AnswerHashParams, SecurityAnswerHasher};
    for parallelism in [1 << 29, u32::MAX] {
        let huge = AnswerHashParams {
            memory_kib: 19_456,
            iterations: 2,
            parallelism,
        };
        let e = SecurityAnswerHasher::new(huge).unwrap_err();
        assert_eq!(e.code(), "ANSWER_HASH_PARAMS");
    }
}

/// Target `security_answer` (2026-12-01), finding, open: the same overflow on the verify
/// path. `verify` (and `needs_rehash`) read a stored string's costs with
/// `Params::try_from`, which calls `Params::new`, before checking the maximums, so
/// `p=536870912` in a stored hash panics in overflow-checked builds. The core should read
/// m, t and p from the PHC parameters and check its maximums before building `Params`.
/// Fixed: it does, so this is ANSWER_HASH_PARAMS.
#[test]
fn answer_verify_refuses_a_stored_parallelism_above_the_argon2_limit() {
    use passforge::SecurityAnswerHasher;
    let stored = "$argon2id$v=19$m=65536,t=1,p=536870912$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    let e = SecurityAnswerHasher::verify(stored, "answer").unwrap_err();
    assert_eq!(e.code(), "ANSWER_HASH_PARAMS");
}

/// Found by the CI fuzz smoke (security_answer): a stored hash that names `t` twice,
/// `t=1000000,t=1`, passed the cost bounds on one reading and would cost a million
/// passes on the other. A repeated parameter is refused before any work.
#[test]
fn a_stored_hash_that_repeats_a_parameter_is_refused() {
    use passforge::SecurityAnswerHasher;
    for stored in [
        "$argon2id$v=19$m=8,t=1000000,t=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=8,t=1,t=1000000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    ] {
        let started = std::time::Instant::now();
        let e = SecurityAnswerHasher::verify(stored, "Miss Piggy").unwrap_err();
        assert!(
            ["ANSWER_HASH_SYNTAX", "ANSWER_HASH_PARAMS"].contains(&e.code()),
            "{stored}: {e}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{stored}"
        );
    }
}
