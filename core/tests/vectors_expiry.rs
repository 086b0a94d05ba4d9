//! Runs tests/vectors/expiry.json (FILETIME and interval conversions, expiry and
//! reminders), computed independently with Python's datetime and integer arithmetic by
//! tests/vectors/tools/make_token_vectors.py.

use std::time::Duration;

use passforge::{
    ad_interval_from_duration, duration_from_ad_interval, Expiry, ExpiryError, MaxPasswordAge,
    PasswordLastSet, Timestamp, UserAccountControl,
};
use serde_json::Value;

fn corpus() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/expiry.json");
    let text = std::fs::read_to_string(path).expect("read expiry.json");
    let doc: Value = serde_json::from_str(&text).expect("parse expiry.json");
    assert_eq!(doc["format"], "passforge-vectors/expiry/1");
    doc
}

fn int(case: &Value, key: &str) -> i64 {
    case[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{key} in {case}"))
}

fn nanos(case: &Value) -> u32 {
    u32::try_from(int(case, "nanos")).expect("nanos")
}

#[test]
fn filetime_conversions() {
    let doc = corpus();
    let cases = doc["filetime"].as_array().expect("filetime");
    assert!(cases.len() >= 8);
    for case in cases {
        let filetime = int(case, "filetime");
        let t = Timestamp::from_filetime(filetime).expect("filetime");
        assert_eq!(t.unix_seconds(), int(case, "unix_seconds"), "{case}");
        assert_eq!(t.subsec_nanos(), nanos(case), "{case}");
        assert_eq!(t.to_filetime().expect("back"), filetime, "{case}");
        match case["rfc3339"].as_str() {
            Some(text) => {
                assert_eq!(t.to_rfc3339().expect("format"), text, "{case}");
                assert_eq!(Timestamp::parse_rfc3339(text).expect("parse"), t, "{case}");
            }
            None => assert!(t.to_rfc3339().is_err(), "{case}"),
        }
    }
}

#[test]
fn interval_conversions() {
    let doc = corpus();
    let cases = doc["intervals"].as_array().expect("intervals");
    assert!(cases.len() >= 5);
    for case in cases {
        let interval = int(case, "interval");
        let seconds = u64::try_from(int(case, "seconds")).expect("seconds");
        let d = duration_from_ad_interval(interval).expect("interval");
        assert_eq!(d, Duration::new(seconds, nanos(case)), "{case}");
        if interval == i64::MIN {
            // 2^63 ticks has no negative i64; i64::MIN stays the "never" sentinel.
            assert!(ad_interval_from_duration(d).is_err());
        } else {
            assert_eq!(
                ad_interval_from_duration(d).expect("back"),
                interval,
                "{case}"
            );
        }
    }
}

fn compute(case: &Value) -> Result<Expiry, ExpiryError> {
    let last = match case["last_set"].as_str() {
        Some(text) => PasswordLastSet::At(Timestamp::parse_rfc3339(text)?),
        None => PasswordLastSet::from_pwd_last_set(int(case, "pwd_last_set"))?,
    };
    let age = match case["max_age_days"].as_u64() {
        Some(days) => MaxPasswordAge::from_days(u32::try_from(days).expect("days")),
        None => MaxPasswordAge::from_ad_interval(int(case, "max_pwd_age"))?,
    };
    let uac = UserAccountControl::from_bits(u32::try_from(int(case, "uac")).expect("uac"));
    Expiry::compute(last, age, uac)
}

#[test]
fn expiry_and_reminders() {
    let doc = corpus();
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 30);
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let expect = &case["expect"];
        let expiry = match compute(case) {
            Ok(e) => e,
            Err(e) => {
                assert_eq!(expect["error"], e.code(), "{name}: {e}");
                continue;
            }
        };
        assert!(
            expect["error"].is_null(),
            "{name}: expected {}",
            expect["error"]
        );
        let now = Timestamp::parse_rfc3339(case["now"].as_str().expect(name)).expect(name);
        let remind_days = u32::try_from(int(case, "remind_days")).expect(name);
        let status = expiry.status(now, remind_days);
        let expires_at = status.expires_at.map(|t| t.to_rfc3339().expect(name));
        assert_eq!(
            expires_at.as_deref(),
            expect["expires_at"].as_str(),
            "{name}"
        );
        assert_eq!(
            status.days_remaining,
            expect["days_remaining"].as_i64(),
            "{name}"
        );
        assert_eq!(Some(status.expired), expect["expired"].as_bool(), "{name}");
        assert_eq!(Some(status.remind), expect["remind"].as_bool(), "{name}");
    }
}
