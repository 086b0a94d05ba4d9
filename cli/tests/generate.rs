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

const SEED_WARNING: &str = "warning: --seed makes the output reproducible; for tests only\n";

#[test]
fn seed_warns_once_on_stderr_and_leaves_stdout_alone() {
    let o = passforge(&["generate", "--seed", "1", "--count", "2"]);
    assert_eq!(stderr(&o), SEED_WARNING);
    assert_eq!(
        stdout(&o),
        "vq2g\\9e+ANci\nT4f7.<pfdFgo\n",
        "the README's output"
    );
    let policy = common::repo_path("examples/policy-nist.toml");
    let o = passforge(&["generate", "--seed", "1", "-p", &policy]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), SEED_WARNING);
    // Without --seed, nothing on stderr.
    let o = passforge(&["generate"]);
    assert_eq!(stderr(&o), "");
}

/// Streaming in chunks draws from one random source: the same bytes as one batch.
#[test]
fn chunked_output_is_the_same_stream_as_one_batch() {
    use passforge::{DeterministicRng, Generator, GeneratorSettings, PolicyGenerator, UserContext};
    let count = 25_000; // more than two chunks of 10,000
    let o = passforge(&["generate", "--seed", "42", "-n", &count.to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let generator = Generator::new(&GeneratorSettings::default()).expect("defaults");
    let want: String = generator
        .generate_many_with(&mut DeterministicRng::from_seed_for_tests(42), count)
        .expect("generate")
        .iter()
        .map(|p| format!("{}\n", p.as_str()))
        .collect();
    assert!(stdout(&o) == want, "seeded output differs from one batch");

    // Long passwords come in smaller chunks; still one stream, and JSON as serde writes it.
    let o = passforge(&["generate", "--seed", "5", "-n", "2100", "-l", "1000", "-j"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let generator = Generator::new(&GeneratorSettings {
        length: 1000,
        ..GeneratorSettings::default()
    })
    .expect("settings");
    let passwords = generator
        .generate_many_with(&mut DeterministicRng::from_seed_for_tests(5), 2100)
        .expect("generate");
    // Serialized as the pre-streaming code did: one struct, keys in this order.
    #[derive(serde::Serialize)]
    struct Whole<'a> {
        passwords: Vec<&'a str>,
        length: u32,
        entropy_bits: f64,
    }
    let want = serde_json::to_string(&Whole {
        passwords: passwords.iter().map(|p| p.as_str()).collect(),
        length: 1000,
        entropy_bits: generator.entropy_bits(),
    })
    .expect("json");
    assert!(stdout(&o) == format!("{want}\n"), "streamed JSON differs");

    let path = common::repo_path("examples/policy-ad.toml");
    let o = passforge(&["generate", "--seed", "3", "-n", "10005", "-p", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&path).expect("policy");
    let policy: passforge::Policy = toml::from_str(&text).expect("policy");
    let generator = PolicyGenerator::new(&policy, None).expect("generator");
    let want: String = generator
        .generate_many_with(
            &mut DeterministicRng::from_seed_for_tests(3),
            &UserContext::default(),
            10_005,
        )
        .expect("generate")
        .iter()
        .map(|p| format!("{}\n", p.as_str()))
        .collect();
    assert!(
        stdout(&o) == want,
        "seeded policy output differs from one batch"
    );
}

/// `--count 10000000 --length 1024` (10 GB of output) starts writing at once in bounded
/// memory instead of collecting every password first.
#[cfg(target_os = "linux")]
#[test]
fn the_largest_run_streams_in_bounded_memory() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;

    let mut child = Command::new(env!("CARGO_BIN_EXE_passforge"))
        .args(["generate", "-n", "10000000", "-l", "1024"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let lines = BufReader::new(stdout).lines().take(3000).count();
        let _ = tx.send(lines);
    });
    // Three chunks' worth of output must arrive well before 10 million passwords could.
    let got = rx.recv_timeout(Duration::from_secs(300));
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(got, Ok(3000), "no streamed output");
    let peak_kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    assert!(peak_kib < 64 * 1024, "peak memory {peak_kib} KiB");
}

#[test]
fn json_reports_the_entropy_left_after_a_strength_check() {
    let o = passforge(&[
        "generate",
        "-l",
        "16",
        "--seed",
        "1",
        "-j",
        "--strength-check",
        "'[0-9].*[0-9].*[0-9]'",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let before = v["entropy_bits"].as_f64().expect("entropy_bits");
    let after = v["entropy_bits_after_check"].as_f64().expect("after");
    let share = v["strength_check_share"].as_f64().expect("share");
    assert!(share > 0.0 && share < 1.0, "{v}");
    assert!(after < before - 0.5 && after > 0.0, "{v}");
    // Without a check nothing is rejected and the fields are absent.
    let o = passforge(&["generate", "-j", "--seed", "1"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(v.get("entropy_bits_after_check").is_none(), "{v}");
}

#[test]
fn tiny_entropy_is_warned_about_on_stderr_only() {
    let o = passforge(&[
        "generate",
        "--lower-set",
        "aaaa",
        "--upper",
        "0",
        "--digits",
        "0",
        "--symbols",
        "0",
        "-l",
        "12",
        "--upper-set",
        "",
        "--digit-set",
        "",
        "--symbol-set",
        "",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "aaaaaaaaaaaa\n");
    assert!(
        stderr(&o).contains("warning: these settings allow only 2^0.0 passwords"),
        "{}",
        stderr(&o)
    );
    let o = passforge(&["generate"]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}
