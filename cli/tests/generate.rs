//! `passforge generate` through the real binary.

mod common;

use common::{passforge, stderr, stdout};

#[test]
fn prints_one_password_per_line() {
    let o = passforge(&["generate", "--count", "5"]);
    assert!(o.status.success());
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 5);
    for l in &lines {
        assert_eq!(l.chars().count(), 12);
        assert!(l.chars().filter(char::is_ascii_lowercase).count() >= 6);
        assert!(l.chars().filter(char::is_ascii_uppercase).count() >= 2);
        assert!(l.chars().filter(char::is_ascii_digit).count() >= 2);
        assert!(l.chars().filter(char::is_ascii_punctuation).count() >= 2);
    }
    assert_ne!(lines[0], lines[1], "OS randomness by default");
}

#[test]
fn json_reports_effective_length_and_entropy() {
    let o = passforge(&[
        "generate", "--length", "12", "--lower", "8", "--upper", "4", "--json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["length"], 16);
    assert_eq!(v["passwords"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        v["passwords"][0].as_str().map(|p| p.chars().count()),
        Some(16)
    );
    assert!((v["entropy_bits"].as_f64().unwrap_or(0.0) - 95.415_102_758_242).abs() < 1e-9);
    assert_eq!(v.as_object().map(|o| o.len()), Some(3));
}

#[test]
fn seed_is_deterministic_and_matches_the_vectors() {
    let a = passforge(&["generate", "--seed", "1", "--count", "5"]);
    let b = passforge(&["generate", "--seed", "1", "--count", "5"]);
    assert_eq!(stdout(&a), stdout(&b));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/generate.json"
    );
    let corpus: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("corpus")).expect("json");
    let defaults = &corpus["cases"][0];
    assert_eq!(defaults["name"], "defaults");
    assert_eq!(defaults["seed"], 1);
    let want: Vec<&str> = defaults["expect"]["passwords"]
        .as_array()
        .expect("passwords")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(stdout(&a).lines().collect::<Vec<_>>(), want);
    let help = stdout(&passforge(&["generate", "--help"]));
    assert!(help.contains("FOR TESTS ONLY"));
}

#[test]
fn every_option_is_accepted() {
    let o = passforge(&[
        "generate",
        "--length",
        "20",
        "--lower",
        "3",
        "--upper",
        "3",
        "--digits",
        "3",
        "--symbols",
        "3",
        "--lower-set",
        "abcdef",
        "--upper-set",
        "ÄÖÜ",
        "--digit-set",
        "789",
        "--symbol-set",
        "#$%",
        "--exclude",
        "f",
        "--avoid-ambiguous",
        "--strength-check",
        "'^[^#]', '[a-e]$'",
        "--count",
        "50",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for l in stdout(&o).lines() {
        assert_eq!(l.chars().count(), 20);
        assert!(l.chars().all(|c| "abcdeÄÖÜ789#$%".contains(c)), "{l}");
        assert!(!l.starts_with('#') && l.chars().last().is_some_and(|c| "abcde".contains(c)));
    }
}

fn assert_fails(args: &[&str], needle: &str) {
    let o = passforge(args);
    common::assert_usage_error(&o);
    assert!(stderr(&o).contains(needle), "{}", stderr(&o));
}

#[test]
fn bad_settings_exit_2_with_one_error_line() {
    assert_fails(&["generate", "--digit-set", ""], "digit set is empty");
    assert_fails(&["generate", "--length", "5000"], "maximum of 1024");
    assert_fails(&["generate", "--length=-3"], "--length");
    assert_fails(
        &["generate", "--lower", "4294967295", "--upper", "4294967295"],
        "maximum",
    );
    assert_fails(&["generate", "--strength-check", "'(?=x)'"], "look-around");
    assert_fails(
        &["generate", "--strength-check", "'^.{20,}$'"],
        "'^.{20,}$' rejected",
    );
    assert_fails(&["generate", "--nope"], "--nope");
    assert_fails(&["generate", "--count", "99999999999"], "maximum");
}
