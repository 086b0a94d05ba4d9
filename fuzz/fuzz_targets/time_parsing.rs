//! Time: RFC 3339 text, `Timestamp` arithmetic and formatting, FILETIME and AD interval
//! conversions, LDAP attribute values of AD and ppolicy entries, and password expiry.
//!
//! Properties: parsed RFC 3339 formats back (years 0000 to 9999, exactly those) to text
//! that parses to the same instant and formats the same; errors are typed and short
//! even for 64 KiB inputs; checked arithmetic is exact and `None` exactly on overflow;
//! FILETIME and interval conversions round-trip at tick precision and fail exactly
//! outside their ranges; a parsed AD or ppolicy entry reads back from its own attribute
//! values and survives JSON and TOML; the expiry follows AD's rules (flags, must change,
//! never, last set + age, to the tick), its status is the documented arithmetic and is
//! monotonic in `now`. Every input answers within the time bound.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use passforge::{
    ad_interval_from_duration, duration_from_ad_interval, AdPolicy, Expiry, MaxPasswordAge,
    PasswordLastSet, Ppolicy, Timestamp, UserAccountControl,
};

/// The time bound per input; a slower input is a finding.
const BOUND: Duration = Duration::from_millis(250);

const NANOS: i128 = 1_000_000_000;
const TICK: i128 = 100;
const DAY: i128 = 86_400 * NANOS;
/// FILETIME of the Unix epoch.
const EPOCH_TICKS: i128 = 116_444_736_000_000_000;
/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z, in Unix nanoseconds.
const RFC3339_MIN: i128 = -62_167_219_200 * NANOS;
const RFC3339_MAX: i128 = 253_402_300_800 * NANOS - 1;

#[derive(Arbitrary, Debug)]
enum Case {
    /// Text (the seeds' shape): `kind` % 3 picks RFC 3339 (the whole text), AD
    /// attributes or ppolicy attributes (`name: value` lines).
    Text {
        kind: u8,
        text: String,
    },
    Instant {
        seconds: i64,
        nanos: u32,
        add: (u64, u32),
        filetime: i64,
        interval: i64,
    },
    Attributes {
        ppolicy: bool,
        attributes: Vec<(Name, Value)>,
    },
    Expiry(ExpiryCase),
}

/// An attribute name: a known one (in any letter case) or any text.
#[derive(Arbitrary, Debug)]
enum Name {
    Known { index: u8, case_mask: u64 },
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum Value {
    Int(i64),
    Unsigned(u64),
    Bool(bool, u8),
    Padded(i64, u8),
    Text(String),
}

const NAMES: &[&str] = &[
    "minPwdLength",
    "msDS-MinimumPasswordLength",
    "pwdProperties",
    "msDS-PasswordComplexityEnabled",
    "pwdHistoryLength",
    "msDS-PasswordHistoryLength",
    "maxPwdAge",
    "msDS-MaximumPasswordAge",
    "minPwdAge",
    "msDS-MinimumPasswordAge",
    "lockoutThreshold",
    "msDS-LockoutThreshold",
    "lockoutDuration",
    "msDS-LockoutDuration",
    "lockOutObservationWindow",
    "msDS-LockoutObservationWindow",
    "pwdAttribute",
    "pwdMinLength",
    "pwdMaxLength",
    "pwdCheckQuality",
    "pwdInHistory",
    "pwdMinAge",
    "pwdMaxAge",
    "pwdExpireWarning",
    "pwdGraceAuthNLimit",
    "pwdLockout",
    "pwdMaxFailure",
    "pwdLockoutDuration",
    "pwdFailureCountInterval",
    "pwdMustChange",
    "pwdAllowUserChange",
    "pwdSafeModify",
    "objectClass",
];

impl Name {
    fn text(&self) -> String {
        match self {
            Self::Known { index, case_mask } => NAMES[usize::from(*index) % NAMES.len()]
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if case_mask >> (i % 64) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect(),
            Self::Other(s) => s.clone(),
        }
    }
}

impl Value {
    fn text(&self) -> String {
        match self {
            Self::Int(n) => n.to_string(),
            Self::Unsigned(n) => (n % 400).to_string(),
            Self::Bool(b, case) => {
                let word = if *b { "TRUE" } else { "FALSE" };
                if case % 2 == 0 {
                    word.to_owned()
                } else {
                    word.to_ascii_lowercase()
                }
            }
            Self::Padded(n, pad) => format!("{}{n}\t", " ".repeat(usize::from(pad % 4))),
            Self::Text(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct ExpiryCase {
    /// `pwdLastSet` as a FILETIME, or as an instant.
    last_set: Result<i64, (i64, u32)>,
    max_age: MaxAge,
    uac: u32,
    now: (i64, u32),
    /// A second instant, this far after `now`.
    then: (u64, u32),
    remind_days: u32,
}

#[derive(Arbitrary, Debug)]
enum MaxAge {
    Interval(i64),
    Days(u32),
}

mod bound;

fuzz_target!(|case: Case| {
    bound::within(|_| BOUND, || check(&case));
});

fn check(case: &Case) {
    match *case {
        Case::Text { kind, ref text } => match kind % 3 {
            0 => check_rfc3339(text),
            k => {
                let pairs: Vec<(String, String)> = text
                    .lines()
                    .map(|line| match line.split_once(':') {
                        Some((n, v)) => (n.trim().to_owned(), v.to_owned()),
                        None => (line.to_owned(), String::new()),
                    })
                    .collect();
                check_attributes(k == 2, &pairs);
            }
        },
        Case::Instant {
            seconds,
            nanos,
            add,
            filetime,
            interval,
        } => {
            let t = Timestamp::from_unix_parts(seconds, nanos % 1_000_000_000).expect("< 1e9");
            check_instant(t, Duration::new(add.0, add.1 % 1_000_000_000));
            check_filetime(filetime);
            check_interval(interval, Duration::new(add.0, add.1 % 1_000_000_000));
        }
        Case::Attributes {
            ppolicy,
            ref attributes,
        } => {
            let pairs: Vec<(String, String)> = attributes
                .iter()
                .take(256)
                .map(|(n, v)| (n.text(), v.text()))
                .collect();
            check_attributes(ppolicy, &pairs);
        }
        Case::Expiry(ref e) => check_expiry(e),
    }
}

fn total(t: Timestamp) -> i128 {
    i128::from(t.unix_seconds()) * NANOS + i128::from(t.subsec_nanos())
}

fn check_rfc3339(text: &str) {
    match Timestamp::parse_rfc3339(text) {
        Ok(t) => check_instant(t, Duration::ZERO),
        Err(e) => {
            assert_eq!(e.code(), "TIME_RFC3339");
            // The input is quoted at most 64 characters long, whatever its length.
            let message = e.to_string();
            assert!(message.len() < 1024, "{} bytes of error", message.len());
        }
    }
}

fn check_instant(t: Timestamp, d: Duration) {
    let n = total(t);
    // RFC 3339: written exactly for the years 0000 to 9999, and read back.
    match t.to_rfc3339() {
        Ok(text) => {
            assert!((RFC3339_MIN..=RFC3339_MAX).contains(&n), "{t:?} -> {text}");
            assert!(text.ends_with('Z'), "{text}");
            assert_eq!(t.to_string(), text);
            let back = Timestamp::parse_rfc3339(&text)
                .unwrap_or_else(|e| panic!("{text:?} does not parse back: {e}"));
            assert_eq!(back, t, "{text}");
            assert_eq!(back.to_rfc3339().as_deref(), Ok(text.as_str()));
        }
        Err(e) => {
            assert!(!(RFC3339_MIN..=RFC3339_MAX).contains(&n), "{t:?}: {e}");
            assert_eq!(e.code(), "TIME_OUT_OF_RANGE");
            let shown = format!("@{}.{:09}", t.unix_seconds(), t.subsec_nanos());
            assert_eq!(t.to_string(), shown);
        }
    }

    // Checked arithmetic: exact, and `None` exactly past the i64-second range.
    let max = i128::from(i64::MAX) * NANOS + NANOS - 1;
    let min = i128::from(i64::MIN) * NANOS;
    let dn = i128::try_from(d.as_nanos()).expect("a Duration is below 2^94 ns");
    match t.checked_add(d) {
        Some(u) => {
            assert_eq!(total(u), n + dn);
            assert_eq!(u.nanos_since(t), dn);
            assert_eq!(u.checked_sub(d), Some(t));
            assert!(u >= t);
        }
        None => assert!(n + dn > max),
    }
    match t.checked_sub(d) {
        Some(u) => {
            assert_eq!(total(u), n - dn);
            assert_eq!(t.nanos_since(u), dn);
            assert!(u <= t);
        }
        None => assert!(n - dn < min),
    }

    // FILETIME: floor to the tick, within 1601-01-01 .. 30828-09-14.
    let ticks = n.div_euclid(TICK) + EPOCH_TICKS;
    match t.to_filetime() {
        Ok(ft) => {
            assert_eq!(i128::from(ft), ticks);
            let back = Timestamp::from_filetime(ft).expect("a FILETIME we wrote reads back");
            assert!(
                back <= t && t.nanos_since(back) < TICK,
                "{t:?} -> {ft} -> {back:?}"
            );
        }
        Err(e) => {
            assert!(ticks < 0 || ticks > i128::from(i64::MAX), "{t:?}: {e}");
            assert_eq!(e.code(), "TIME_OUT_OF_RANGE");
        }
    }
}

fn check_filetime(ft: i64) {
    match Timestamp::from_filetime(ft) {
        Ok(t) => {
            assert!(ft >= 0);
            assert_eq!(total(t), (i128::from(ft) - EPOCH_TICKS) * TICK);
            assert_eq!(t.to_filetime(), Ok(ft));
            assert_eq!(
                PasswordLastSet::from_pwd_last_set(ft).ok(),
                Some(if ft == 0 {
                    PasswordLastSet::MustChange
                } else {
                    PasswordLastSet::At(t)
                })
            );
        }
        Err(e) => {
            assert!(ft < 0);
            assert_eq!(e.code(), "FILETIME_NEGATIVE");
            let e = PasswordLastSet::from_pwd_last_set(ft).expect_err("negative");
            assert_eq!(e.code(), "FILETIME_NEGATIVE");
        }
    }
}

fn check_interval(interval: i64, d: Duration) {
    match duration_from_ad_interval(interval) {
        Ok(got) => {
            assert!(interval <= 0);
            assert_eq!(got.as_nanos(), u128::from(interval.unsigned_abs()) * 100);
            match ad_interval_from_duration(got) {
                Ok(back) => assert_eq!(back, interval),
                Err(e) => {
                    assert_eq!(interval, i64::MIN, "{got:?}: {e}");
                    assert_eq!(e.code(), "TIME_OUT_OF_RANGE");
                }
            }
        }
        Err(e) => {
            assert!(interval > 0);
            assert_eq!(e.code(), "INTERVAL_POSITIVE");
        }
    }
    let age = MaxPasswordAge::from_ad_interval(interval);
    match interval {
        0 | i64::MIN => assert_eq!(age, Ok(MaxPasswordAge::Never)),
        i if i > 0 => assert_eq!(age.map_err(|e| e.code()), Err("INTERVAL_POSITIVE")),
        i => assert_eq!(age, Ok(MaxPasswordAge::After(ticks_duration(i)))),
    }
    let ticks = d.as_nanos() / 100;
    match ad_interval_from_duration(d) {
        Ok(i) => {
            assert_eq!(u128::from(i.unsigned_abs()), ticks);
            assert!(i <= 0);
            let back = duration_from_ad_interval(i).expect("non-positive");
            assert!(back <= d && d - back < Duration::from_nanos(100));
        }
        Err(e) => {
            assert!(ticks > i64::MAX as u128, "{d:?}: {e}");
            assert_eq!(e.code(), "TIME_OUT_OF_RANGE");
        }
    }
}

fn check_attributes(ppolicy: bool, pairs: &[(String, String)]) {
    let attrs = || pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    if ppolicy {
        match Ppolicy::from_attributes(attrs()) {
            Ok(p) => {
                let own = ppolicy_attributes(&p);
                let again = Ppolicy::from_attributes(own.iter().map(|(n, v)| (*n, v.as_str())))
                    .unwrap_or_else(|e| panic!("{p:?} does not read back: {e}"));
                assert_eq!(again, p);
                assert!(p.check_quality <= 2);
                assert_eq!(p.attribute, p.attribute.trim());
                serde_round_trips(&p);
            }
            Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty()),
        }
    } else {
        match AdPolicy::from_attributes(attrs()) {
            Ok(p) => {
                let own = ad_attributes(&p);
                let again = AdPolicy::from_attributes(own.iter().map(|(n, v)| (*n, v.as_str())))
                    .unwrap_or_else(|e| panic!("{p:?} does not read back: {e}"));
                assert_eq!(again, p);
                assert!(p.min_pwd_length <= 255);
                for ticks in [
                    p.max_pwd_age,
                    p.min_pwd_age,
                    p.lockout_duration,
                    p.lockout_observation_window,
                ] {
                    assert!(ticks <= 0);
                }
                let age =
                    |ticks: i64| (ticks != 0 && ticks != i64::MIN).then(|| ticks_duration(ticks));
                assert_eq!(p.max_age(), age(p.max_pwd_age));
                assert_eq!(p.min_age(), age(p.min_pwd_age));
                assert_eq!(p.lockout_duration(), age(p.lockout_duration));
                serde_round_trips(&p);
            }
            Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty()),
        }
    }
}

/// `|ticks|` × 100 ns, `i64::MIN` included.
fn ticks_duration(ticks: i64) -> Duration {
    let t = ticks.unsigned_abs();
    Duration::new(t / 10_000_000, (t % 10_000_000) as u32 * 100)
}

fn serde_round_trips<T>(p: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(p).expect("serializes");
    let again: T = serde_json::from_str(&json).expect("JSON round trip");
    assert_eq!(&again, p, "{json}");
    if let Ok(text) = toml::to_string(p) {
        let again: T = toml::from_str(&text).expect("TOML round trip");
        assert_eq!(&again, p, "{text}");
    }
}

fn ad_attributes(p: &AdPolicy) -> Vec<(&'static str, String)> {
    vec![
        ("minPwdLength", p.min_pwd_length.to_string()),
        ("pwdProperties", p.pwd_properties.to_string()),
        ("pwdHistoryLength", p.pwd_history_length.to_string()),
        ("maxPwdAge", p.max_pwd_age.to_string()),
        ("minPwdAge", p.min_pwd_age.to_string()),
        ("lockoutThreshold", p.lockout_threshold.to_string()),
        ("lockoutDuration", p.lockout_duration.to_string()),
        (
            "lockOutObservationWindow",
            p.lockout_observation_window.to_string(),
        ),
    ]
}

fn ppolicy_attributes(p: &Ppolicy) -> Vec<(&'static str, String)> {
    let b = |v: bool| if v { "TRUE" } else { "FALSE" }.to_owned();
    vec![
        ("pwdAttribute", p.attribute.clone()),
        ("pwdMinLength", p.min_length.to_string()),
        ("pwdMaxLength", p.max_length.to_string()),
        ("pwdCheckQuality", p.check_quality.to_string()),
        ("pwdInHistory", p.in_history.to_string()),
        ("pwdMinAge", p.min_age.to_string()),
        ("pwdMaxAge", p.max_age.to_string()),
        ("pwdExpireWarning", p.expire_warning.to_string()),
        ("pwdGraceAuthNLimit", p.grace_authn_limit.to_string()),
        ("pwdLockout", b(p.lockout)),
        ("pwdMaxFailure", p.max_failure.to_string()),
        ("pwdLockoutDuration", p.lockout_duration.to_string()),
        (
            "pwdFailureCountInterval",
            p.failure_count_interval.to_string(),
        ),
        ("pwdMustChange", b(p.must_change)),
        ("pwdAllowUserChange", b(p.allow_user_change)),
        ("pwdSafeModify", b(p.safe_modify)),
    ]
}

fn check_expiry(c: &ExpiryCase) {
    let last_set = match c.last_set {
        Ok(ft) => match PasswordLastSet::from_pwd_last_set(ft) {
            Ok(l) => l,
            Err(e) => {
                assert!(ft < 0);
                assert_eq!(e.code(), "FILETIME_NEGATIVE");
                return;
            }
        },
        Err((s, n)) => {
            PasswordLastSet::At(Timestamp::from_unix_parts(s, n % 1_000_000_000).expect("< 1e9"))
        }
    };
    let max_age = match c.max_age {
        MaxAge::Interval(i) => match MaxPasswordAge::from_ad_interval(i) {
            Ok(a) => a,
            Err(e) => {
                assert!(i > 0);
                assert_eq!(e.code(), "INTERVAL_POSITIVE");
                return;
            }
        },
        MaxAge::Days(d) => {
            let a = MaxPasswordAge::from_days(d);
            let expected = if d == 0 {
                MaxPasswordAge::Never
            } else {
                MaxPasswordAge::After(Duration::from_secs(u64::from(d) * 86_400))
            };
            assert_eq!(a, expected);
            a
        }
    };
    let flags = UserAccountControl::from_bits(c.uac);
    assert_eq!(flags.bits(), c.uac);
    assert_eq!(
        flags.password_never_expires(),
        c.uac & UserAccountControl::NEVER_EXPIRES_MASK != 0
    );

    let expiry = Expiry::compute(last_set, max_age, flags);
    let expected = if flags.password_never_expires() {
        Some(Expiry::Never)
    } else {
        match (last_set, max_age) {
            (PasswordLastSet::MustChange, _) => Some(Expiry::MustChange),
            (_, MaxPasswordAge::Never) => Some(Expiry::Never),
            (PasswordLastSet::At(t), MaxPasswordAge::After(age)) => {
                t.checked_add(age).map(Expiry::At)
            }
        }
    };
    let expiry = match (expiry, expected) {
        (Ok(e), Some(x)) => {
            assert_eq!(e, x);
            e
        }
        (Err(e), None) => {
            assert_eq!(e.code(), "TIME_OUT_OF_RANGE");
            return;
        }
        (got, want) => panic!("compute gave {got:?}, expected {want:?}"),
    };

    // A FILETIME last change plus an AD interval: the expiry FILETIME is their sum, to
    // the tick, and refused exactly past 0x7FFFFFFFFFFFFFFF.
    match expiry.to_filetime() {
        Ok(ft) => match expiry {
            Expiry::Never => assert_eq!(ft, i64::MAX),
            Expiry::MustChange => assert_eq!(ft, 0),
            Expiry::At(t) => assert_eq!(Ok(ft), t.to_filetime()),
        },
        Err(e) => {
            assert!(matches!(expiry, Expiry::At(_)));
            assert_eq!(e.code(), "TIME_OUT_OF_RANGE");
        }
    }
    if let (Ok(ft), MaxAge::Interval(i), Expiry::At(_)) = (c.last_set, &c.max_age, expiry) {
        let sum = i128::from(ft) + i128::from(i.unsigned_abs());
        match expiry.to_filetime() {
            Ok(got) => assert_eq!(i128::from(got), sum),
            Err(_) => assert!(sum > i128::from(i64::MAX)),
        }
    }

    let now = Timestamp::from_unix_parts(c.now.0, c.now.1 % 1_000_000_000).expect("< 1e9");
    let then = now
        .checked_add(Duration::new(c.then.0, c.then.1 % 1_000_000_000))
        .unwrap_or(now);
    let status = expiry.status(now, c.remind_days);
    let later = expiry.status(then, c.remind_days);
    match expiry.instant() {
        None => {
            assert_eq!(expiry, Expiry::Never);
            assert_eq!(
                (
                    status.expires_at,
                    status.days_remaining,
                    status.expired,
                    status.remind
                ),
                (None, None, false, false)
            );
        }
        Some(at) => {
            if expiry == Expiry::MustChange {
                assert_eq!(at.to_filetime(), Ok(0));
            }
            let days = (total(at) - total(now)).div_euclid(DAY);
            assert_eq!(status.expires_at, Some(at));
            assert_eq!(status.days_remaining.map(i128::from), Some(days));
            assert_eq!(status.expired, now >= at);
            assert_eq!(
                status.remind,
                !status.expired && days < i128::from(c.remind_days)
            );
            // Monotonic in `now`.
            assert!(later.days_remaining <= status.days_remaining);
            assert!(!status.expired || later.expired);
        }
    }
}
