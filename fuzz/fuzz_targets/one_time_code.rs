//! One-time codes: settings (as structs and as TOML/JSON text), code generation, the
//! code check, and the send-rate rules with arbitrary histories and instants.
//!
//! Properties: settings are accepted only inside the documented ranges and refused with
//! a typed error; a code has exactly the configured digits, all ASCII digits, and is the
//! same for the same seed; `check` applies the attempt limit first, then the expiry
//! (`now >= issued_at + lifetime`), then the code, with the documented attempts left; a
//! send refusal names an instant after `now` at which a send is allowed, and refuses
//! every instant before it; once allowed, a send stays allowed later; the order of the
//! history does not matter; a send recorded now blocks the next exactly when the rules
//! say. Every input answers within the time bound.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use passforge::{
    CodeCheck, DeterministicRng, OneTimeCodePolicy, OneTimeCodeSettings, SendRefused, Timestamp,
};

/// The time bound per input; a slower input is a finding. `check_send` is O(n log n) in
/// the history, and the harness calls it a few times on at most 8192 entries.
const BOUND: Duration = Duration::from_millis(250);
const MAX_HISTORY: usize = 8192;

#[derive(Arbitrary, Debug)]
enum Case {
    /// Settings as a document (`json`: odd byte JSON, else TOML), as a front-end reads them.
    Text {
        json: u8,
        text: String,
    },
    Code(CodeCase),
    Send(SendCase),
}

#[derive(Arbitrary, Debug)]
struct RawSettings {
    digits: u32,
    lifetime_seconds: u64,
    max_sends: u32,
    send_window_seconds: u64,
    min_seconds_between_sends: u64,
    max_attempts: u32,
    /// Reduce the values to small ones, which meet and cross the limits more often.
    small: bool,
}

impl RawSettings {
    fn settings(&self) -> OneTimeCodeSettings {
        let s = OneTimeCodeSettings {
            digits: self.digits,
            lifetime_seconds: self.lifetime_seconds,
            max_sends: self.max_sends,
            send_window_seconds: self.send_window_seconds,
            min_seconds_between_sends: self.min_seconds_between_sends,
            max_attempts: self.max_attempts,
        };
        if !self.small {
            return s;
        }
        OneTimeCodeSettings {
            digits: s.digits % 12,
            lifetime_seconds: s.lifetime_seconds % 1000,
            max_sends: s.max_sends % 12,
            send_window_seconds: s.send_window_seconds % 1000,
            min_seconds_between_sends: s.min_seconds_between_sends % 300,
            max_attempts: s.max_attempts % 6,
        }
    }
}

/// An instant: anywhere in the i64 range, or seconds and nanoseconds away from a base.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum When {
    Near { seconds: i16, nanos: u32 },
    Far { seconds: i32 },
    Absolute { seconds: i64, nanos: u32 },
}

impl When {
    fn at(self, base: Timestamp) -> Timestamp {
        let offset = |t: Timestamp, seconds: i64, nanos: u32| {
            let d = Duration::new(seconds.unsigned_abs(), nanos % 1_000_000_000);
            let moved = if seconds < 0 {
                t.checked_sub(d)
            } else {
                t.checked_add(d)
            };
            moved.unwrap_or(t)
        };
        match self {
            Self::Near { seconds, nanos } => offset(base, seconds.into(), nanos),
            Self::Far { seconds } => offset(base, seconds.into(), 0),
            Self::Absolute { seconds, nanos } => {
                Timestamp::from_unix_parts(seconds, nanos % 1_000_000_000).expect("below 1e9")
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
struct CodeCase {
    settings: RawSettings,
    seed: u64,
    now: (i64, u32),
    issued: When,
    failed_attempts: u32,
    /// Present the generated code, or this text.
    presented: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct SendCase {
    settings: RawSettings,
    now: (i64, u32),
    history: Vec<When>,
    /// An instant to probe after `now`.
    later: When,
}

fn valid(s: &OneTimeCodeSettings) -> bool {
    (OneTimeCodePolicy::MIN_DIGITS..=OneTimeCodePolicy::MAX_DIGITS).contains(&s.digits)
        && s.lifetime_seconds >= 1
        && s.max_sends >= 1
        && s.send_window_seconds >= 1
        && s.max_attempts >= 1
        && s.min_seconds_between_sends >= 1
}

/// Builds the policy, checking the documented ranges.
fn policy(s: &OneTimeCodeSettings) -> Option<OneTimeCodePolicy> {
    match OneTimeCodePolicy::new(s) {
        Ok(p) => {
            assert!(valid(s), "accepted {s:?}");
            assert_eq!(p.settings(), s);
            Some(p)
        }
        Err(e) => {
            assert!(!e.code().is_empty() && !e.to_string().is_empty());
            assert!(!valid(s), "refused valid settings {s:?}: {e}");
            None
        }
    }
}

fn timestamp((seconds, nanos): (i64, u32)) -> Timestamp {
    Timestamp::from_unix_parts(seconds, nanos % 1_000_000_000).expect("below 1e9")
}

mod bound;

fuzz_target!(|case: Case| {
    bound::within(
        |_| BOUND,
        || match &case {
            Case::Text { json, text } => check_text(json % 2 == 1, text),
            Case::Code(c) => check_code(c),
            Case::Send(c) => check_send(c),
        },
    );
});

fn check_text(json: bool, text: &str) {
    let parsed: Result<OneTimeCodeSettings, String> = if json {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        toml::from_str(text).map_err(|e| e.to_string())
    };
    let Ok(settings) = parsed else { return };
    // Settings survive both formats.
    let again: OneTimeCodeSettings =
        serde_json::from_str(&serde_json::to_string(&settings).expect("serializes"))
            .expect("JSON round trip");
    assert_eq!(again, settings);
    if let Ok(text) = toml::to_string(&settings) {
        let again: OneTimeCodeSettings = toml::from_str(&text).expect("TOML round trip");
        assert_eq!(again, settings);
    }
    if let Some(p) = policy(&settings) {
        let code = p.generate_with(&mut DeterministicRng::from_seed_for_tests(0));
        assert_eq!(code.as_str().len(), settings.digits as usize);
    }
}

fn check_code(c: &CodeCase) {
    let settings = c.settings.settings();
    let Some(p) = policy(&settings) else { return };
    let digits = settings.digits as usize;

    let code = p.generate_with(&mut DeterministicRng::from_seed_for_tests(c.seed));
    assert_eq!(code.as_str().len(), digits, "{settings:?}");
    assert!(code.as_str().bytes().all(|b| b.is_ascii_digit()));
    let again = p.generate_with(&mut DeterministicRng::from_seed_for_tests(c.seed));
    assert_eq!(again.as_str(), code.as_str(), "same seed, same code");
    assert_eq!(format!("{code:?}"), "OneTimeCode(<redacted>)");

    let now = timestamp(c.now);
    let issued_at = c.issued.at(now);
    let presented = c.presented.as_deref().unwrap_or(code.as_str());
    let expected = code.as_str();
    let result = p.check(expected, issued_at, c.failed_attempts, presented, now);

    let expires_at = p.expires_at(issued_at);
    assert_eq!(
        expires_at,
        issued_at.checked_add(Duration::from_secs(settings.lifetime_seconds))
    );
    let max = settings.max_attempts;
    if c.failed_attempts >= max {
        assert_eq!(result, CodeCheck::TooManyAttempts);
        return;
    }
    // A code issued more than the clock skew after `now` is dead (it would never expire).
    let from_the_future = now
        .checked_add(OneTimeCodePolicy::CLOCK_SKEW)
        .is_some_and(|latest| issued_at > latest);
    let expired = from_the_future || expires_at.is_none_or(|end| now >= end);
    if expired {
        assert_eq!(result, CodeCheck::Expired);
        return;
    }
    if presented == expected {
        assert_eq!(result, CodeCheck::Valid);
    } else {
        assert_eq!(
            result,
            CodeCheck::Wrong {
                attempts_left: max - c.failed_attempts - 1
            }
        );
    }
}

/// The latest instant, where a refusal that cannot name a later one saturates.
fn far() -> Timestamp {
    Timestamp::from_unix_parts(i64::MAX, 999_999_999).expect("below 1e9")
}

fn check_send(c: &SendCase) {
    let settings = c.settings.settings();
    let Some(p) = policy(&settings) else { return };
    let now = timestamp(c.now);
    let history: Vec<Timestamp> = c
        .history
        .iter()
        .take(MAX_HISTORY)
        .map(|w| w.at(now))
        .collect();

    let result = p.check_send(&history, now);
    // A send recorded more than the clock skew after `now` is ignored; one within it
    // counts as sent `now`.
    let skew_end = now.checked_add(OneTimeCodePolicy::CLOCK_SKEW);
    let as_now: Vec<Timestamp> = history
        .iter()
        .filter(|&&sent| skew_end.is_none_or(|end| sent <= end))
        .map(|&sent| sent.min(now))
        .collect();
    assert_eq!(p.check_send(&as_now, now), result, "the clock skew rule");
    // The order of the history does not matter.
    let mut reversed = history.clone();
    reversed.reverse();
    assert_eq!(p.check_send(&reversed, now), result, "order matters");

    let window = Duration::from_secs(settings.send_window_seconds);
    let pause = Duration::from_secs(settings.min_seconds_between_sends);
    let later = c.later.at(now).max(now);
    // The properties below compare instants after `now`, where a send recorded after
    // `now` counts differently (ignored, then counted): they take the history as of
    // `now`, every send at or before it.
    let history = as_now;
    let counts = |at: Timestamp| {
        history
            .iter()
            .filter(|&&sent| sent.checked_add(window).is_none_or(|end| at < end))
            .count()
    };
    match result {
        Ok(()) => {
            let recent = counts(now);
            assert!(recent < settings.max_sends as usize);
            // Allowed now: allowed at any later instant too.
            assert_eq!(p.check_send(&history, later), Ok(()), "at {later:?}");
            // Recording this send blocks the next one exactly when the rules say.
            let mut with_this = history.clone();
            with_this.push(now);
            let next = p.check_send(&with_this, now);
            let limit = recent + 1 >= settings.max_sends as usize;
            match next {
                Ok(()) => panic!("a send right after a send, {settings:?}"),
                Err(SendRefused::LimitReached { .. }) => assert!(limit),
                Err(SendRefused::TooSoon { next_allowed_at }) => {
                    assert!(!limit);
                    assert_eq!(next_allowed_at, now.checked_add(pause).unwrap_or(far()));
                }
            }
        }
        Err(refused) => {
            assert!(!refused.code().is_empty() && !refused.to_string().is_empty());
            let next = refused.next_allowed_at();
            if now == far() {
                assert!(next >= now);
                return;
            }
            assert!(next > now, "{refused:?} at {now:?}");
            if let SendRefused::LimitReached { .. } = refused {
                assert!(counts(now) >= settings.max_sends as usize);
            }
            // Also where the pause is longer than the window: the pause follows the last
            // send even after it has left the window (fce1b94; fuzz_regressions.rs,
            // `send_pause_longer_than_the_window_still_applies`).
            // Refused at every instant before `next`: probe one, and the last nanosecond.
            if later < next {
                assert!(p.check_send(&history, later).is_err(), "at {later:?}");
            }
            let just_before = next
                .checked_sub(Duration::from_nanos(1))
                .expect("next > now");
            assert!(p.check_send(&history, just_before).is_err());
            // `next` is the first instant at which a send is allowed, unless it saturated.
            if next != far() {
                assert_eq!(
                    p.check_send(&history, next),
                    Ok(()),
                    "{refused:?} does not name an allowed instant"
                );
            }
        }
    }
}
