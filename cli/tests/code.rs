//! `passforge code` through the real binary.

mod common;

use common::{passforge, stderr, stdout};

#[test]
fn prints_one_code_of_the_requested_digits() {
    for (args, digits) in [(vec!["code"], 4), (vec!["code", "--digits", "10"], 10)] {
        let o = passforge(&args);
        assert_eq!(o.status.code(), Some(0));
        let out = String::from_utf8(o.stdout).expect("utf-8");
        let code = out.strip_suffix('\n').expect("one line");
        assert_eq!(code.len(), digits, "{code}");
        assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}");
    }
}

#[test]
fn leading_zeros_are_kept() {
    // With 4 digits a leading zero comes up one time in ten: 100 runs all but surely show one.
    let seen = (0..100).any(|_| {
        let o = passforge(&["code"]);
        let out = String::from_utf8(o.stdout).expect("utf-8");
        assert_eq!(out.trim_end().len(), 4);
        out.starts_with('0')
    });
    assert!(seen);
}

#[test]
fn bad_digits_exit_2_with_one_error_line() {
    for args in [
        vec!["code", "--digits", "3"],
        vec!["code", "--digits", "11"],
        vec!["code", "--digits", "four"],
        vec!["code", "--digits", "-4"],
        vec!["code", "extra"],
    ] {
        let o = passforge(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).expect("utf-8");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("error: "), "{err}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn lint_reports_nist_digits_and_the_guess_budget() {
    let o = passforge(&["code", "--lint"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("warning: CODE_DIGITS_BELOW_NIST"), "{out}");
    assert!(out.contains("30 guesses a day"), "{out}");
    let o = passforge(&["code", "--lint", "--digits", "6", "-j"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["findings"][0]["code"], "CODE_GUESS_BUDGET");
    // --json alone is a usage error: it belongs to --lint.
    common::assert_usage_error(&passforge(&["code", "-j"]));
}
