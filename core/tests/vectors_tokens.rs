//! Runs tests/vectors/tokens.json (service tokens, per-request tokens, reset tokens,
//! one-time-code sending rules, security-answer normalisation), computed independently
//! with Python's standard library by tests/vectors/tools/make_token_vectors.py.

use std::cell::RefCell;

use passforge::{
    normalize_answer, request_binding, CryptoRng, OneTimeCodePolicy, ReplayGuard,
    RequestTokenScheme, ResetToken, ResetTokenDigest, RngCore, SendRefused, SharedToken,
    TimeTokenScheme, Timestamp, TokenAlgorithm, TokenCheck,
};
use serde_json::Value;

fn corpus() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/tokens.json");
    let text = std::fs::read_to_string(path).expect("read tokens.json");
    let doc: Value = serde_json::from_str(&text).expect("parse tokens.json");
    assert_eq!(doc["format"], "passforge-vectors/tokens/1");
    doc
}

fn cases<'a>(doc: &'a Value, key: &str, at_least: usize) -> &'a Vec<Value> {
    let cases = doc[key].as_array().expect(key);
    assert!(cases.len() >= at_least, "{key}: only {} cases", cases.len());
    cases
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {case}"))
}

fn int(case: &Value, key: &str) -> i64 {
    case[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{key} in {case}"))
}

fn scheme(case: &Value, skew: u32) -> TimeTokenScheme {
    let algorithm = match text(case, "algorithm") {
        "sha1" => TokenAlgorithm::Sha1,
        "hmac-sha256" => TokenAlgorithm::HmacSha256,
        other => panic!("unknown algorithm {other}"),
    };
    let period = case["period"].as_u64().expect("period");
    TimeTokenScheme::new(algorithm, period, skew).expect("scheme")
}

#[test]
fn time_tokens() {
    let doc = corpus();
    for case in cases(&doc, "time_tokens", 100) {
        let name = text(case, "name");
        let secret = SharedToken::new(text(case, "secret")).expect(name);
        let scheme = scheme(case, 1);
        let at = Timestamp::from_unix_seconds(int(case, "at"));
        assert_eq!(scheme.window(at), int(case, "window"), "{name}");
        assert_eq!(scheme.token_at(&secret, at), text(case, "token"), "{name}");
        let accepted = scheme.verify(&secret, text(case, "token"), at).expect(name);
        assert_eq!(accepted.window, int(case, "window"), "{name}");
    }
}

#[test]
fn verification_windows() {
    let doc = corpus();
    for case in cases(&doc, "verify", 60) {
        let name = text(case, "name");
        let secret = SharedToken::new(text(case, "secret")).expect(name);
        let skew = u32::try_from(int(case, "skew")).expect(name);
        let scheme = scheme(case, skew);
        let now = Timestamp::from_unix_seconds(int(case, "now"));
        let got = scheme.verify(&secret, text(case, "token"), now);
        assert_eq!(
            got.is_some(),
            case["valid"].as_bool().expect(name),
            "{name}"
        );
        if let Some(accepted) = got {
            assert_eq!(accepted.window, int(case, "window"), "{name}");
            assert_eq!(
                accepted.valid_until,
                Timestamp::from_unix_seconds(int(case, "valid_until")),
                "{name}"
            );
        }
    }
}

fn binding(case: &Value) -> String {
    request_binding(
        text(case, "method"),
        text(case, "path"),
        text(case, "body").as_bytes(),
    )
}

fn request_scheme(case: &Value, skew: u32) -> RequestTokenScheme {
    RequestTokenScheme::new(case["period"].as_u64().expect("period"), skew).expect("scheme")
}

fn accepted_until(case: &Value) -> Timestamp {
    Timestamp::from_unix_seconds(int(case, "valid_until"))
}

#[test]
fn request_tokens() {
    let doc = corpus();
    for case in cases(&doc, "request_tokens", 20) {
        let name = text(case, "name");
        let secret = SharedToken::new(text(case, "secret")).expect(name);
        let scheme = request_scheme(case, 1);
        let at = Timestamp::from_unix_seconds(int(case, "at"));
        assert_eq!(binding(case), text(case, "binding"), "{name}");
        assert_eq!(scheme.window(at), int(case, "window"), "{name}");
        let made = scheme.token(&secret, at, text(case, "nonce"), &binding(case));
        if let Some(code) = case["error"].as_str() {
            assert_eq!(made.expect_err(name).code(), code, "{name}");
            continue;
        }
        let token = made.expect(name);
        assert_eq!(token, text(case, "token"), "{name}");
        let accepted = scheme
            .verify(&secret, &token, &binding(case), at)
            .expect(name);
        assert_eq!(accepted.window, int(case, "window"), "{name}");
    }
}

#[test]
fn request_verification() {
    let doc = corpus();
    for case in cases(&doc, "request_verify", 30) {
        let name = text(case, "name");
        let secret = SharedToken::new(text(case, "secret")).expect(name);
        let skew = u32::try_from(int(case, "skew")).expect(name);
        let scheme = request_scheme(case, skew);
        let now = Timestamp::from_unix_seconds(int(case, "now"));
        let got = scheme.verify(&secret, text(case, "token"), &binding(case), now);
        assert_eq!(got.is_some(), case["valid"] == true, "{name}");
        if let Some(accepted) = got {
            assert_eq!(accepted.window, int(case, "window"), "{name}");
            assert_eq!(accepted.valid_until, accepted_until(case), "{name}");
        }
    }
}

/// A replay guard that remembers every fingerprint it was asked about.
#[derive(Default)]
struct RecordingGuard {
    seen: RefCell<Vec<[u8; 32]>>,
    asked: RefCell<Vec<[u8; 32]>>,
}

impl ReplayGuard for RecordingGuard {
    type Error = std::convert::Infallible;

    fn first_use(
        &self,
        fingerprint: &[u8; 32],
        _valid_until: Timestamp,
        _now: Timestamp,
    ) -> Result<bool, Self::Error> {
        self.asked.borrow_mut().push(*fingerprint);
        let first = !self.seen.borrow().contains(fingerprint);
        self.seen.borrow_mut().push(*fingerprint);
        Ok(first)
    }
}

#[test]
fn request_replays() {
    let doc = corpus();
    for case in cases(&doc, "request_replay", 4) {
        let name = text(case, "name");
        let secret = SharedToken::new(text(case, "secret")).expect(name);
        let skew = u32::try_from(int(case, "skew")).expect(name);
        let scheme = request_scheme(case, skew);
        let now = Timestamp::from_unix_seconds(int(case, "now"));
        let guard = RecordingGuard::default();
        for (i, step) in case["steps"].as_array().expect(name).iter().enumerate() {
            let asked_before = guard.asked.borrow().len();
            let got = scheme
                .verify_once(&secret, text(step, "token"), &binding(step), now, &guard)
                .expect(name);
            match (text(step, "expect"), got) {
                ("accepted", TokenCheck::Accepted(a)) => {
                    assert_eq!(a.window, int(step, "window"), "{name} step {i}");
                    assert_eq!(a.valid_until, accepted_until(step), "{name} step {i}");
                }
                ("replayed", TokenCheck::Replayed) | ("invalid", TokenCheck::Invalid) => {}
                (want, got) => panic!("{name} step {i}: expected {want}, got {got:?}"),
            }
            let asked = guard.asked.borrow();
            match step["fingerprint"].as_str() {
                Some(hex) => {
                    assert_eq!(asked.len(), asked_before + 1, "{name} step {i}");
                    assert_eq!(from_hex(hex), asked[asked_before], "{name} step {i}");
                }
                None => assert_eq!(asked.len(), asked_before, "{name} step {i}"),
            }
        }
    }
}

#[test]
fn plain_tokens() {
    let doc = corpus();
    for case in cases(&doc, "plain", 5) {
        let secret = SharedToken::new(text(case, "secret")).expect("secret");
        assert_eq!(
            secret.verify_plain(text(case, "presented")),
            case["valid"].as_bool().expect("valid"),
            "{case}"
        );
    }
}

/// Hands out fixed bytes, so the encoding of known random bytes can be checked.
struct FixedBytes(Vec<u8>);

impl RngCore for FixedBytes {
    fn next_u32(&mut self) -> u32 {
        unimplemented!("reset tokens only fill bytes")
    }
    fn next_u64(&mut self) -> u64 {
        unimplemented!("reset tokens only fill bytes")
    }
    fn fill_bytes(&mut self, dst: &mut [u8]) {
        assert!(
            dst.len() <= self.0.len(),
            "asked for more bytes than the vector has"
        );
        let rest = self.0.split_off(dst.len());
        dst.copy_from_slice(&self.0);
        self.0 = rest;
    }
}

impl CryptoRng for FixedBytes {}

fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn reset_tokens() {
    let doc = corpus();
    let now = Timestamp::from_unix_seconds(1_700_000_000);
    for case in cases(&doc, "reset_tokens", 5) {
        let name = text(case, "name");
        let mut rng = FixedBytes(from_hex(text(case, "bytes_hex")));
        let issued =
            ResetToken::issue_with(&mut rng, now, ResetToken::DEFAULT_LIFETIME).expect(name);
        assert_eq!(issued.as_str(), text(case, "token"), "{name}");
        let stored = issued.stored();
        assert_eq!(stored.digest.to_hex(), text(case, "sha256"), "{name}");
        assert_eq!(
            ResetTokenDigest::of(text(case, "token")),
            stored.digest,
            "{name}"
        );
        assert_eq!(
            ResetTokenDigest::from_hex(text(case, "sha256")).expect(name),
            stored.digest
        );
        assert!(stored.verify(text(case, "token"), now).is_ok(), "{name}");
    }
}

#[test]
fn code_sending_rules() {
    let doc = corpus();
    let policy = OneTimeCodePolicy::default();
    for case in cases(&doc, "code_sends", 10) {
        let name = text(case, "name");
        let previous: Vec<Timestamp> = case["previous"]
            .as_array()
            .expect(name)
            .iter()
            .map(|v| Timestamp::from_unix_seconds(v.as_i64().expect(name)))
            .collect();
        let now = Timestamp::from_unix_seconds(int(case, "now"));
        let got = policy.check_send(&previous, now);
        let expect = &case["expect"];
        if expect["allowed"] == true {
            assert_eq!(got, Ok(()), "{name}");
        } else {
            let refused: SendRefused = got.expect_err(name);
            assert_eq!(refused.code(), text(expect, "refused"), "{name}");
            assert_eq!(
                refused.next_allowed_at(),
                Timestamp::from_unix_seconds(int(expect, "next_allowed_at")),
                "{name}"
            );
        }
    }
}

#[test]
fn answer_normalisation() {
    let doc = corpus();
    for case in cases(&doc, "answers", 10) {
        let input = text(case, "input");
        assert_eq!(
            &*normalize_answer(input),
            text(case, "normalized"),
            "{input:?}"
        );
    }
}
