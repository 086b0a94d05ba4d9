//! `passforge passphrase` through the real binary.

mod common;

use common::{assert_usage_error_code, passforge, stderr, stdout, TempFile};
use passforge::{
    Capitalization, ConfiguredPassphraseGenerator, DeterministicRng, PassphraseSettings,
    UserContext, WordList,
};

#[test]
fn defaults_are_six_eff_words_joined_by_hyphens() {
    let o = passforge(&["passphrase", "-n", "20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let eff = WordList::eff_large();
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 20);
    for line in &lines {
        // Four EFF words hold a hyphen themselves: count the words, not the hyphens.
        let mut parts = line.split('-').peekable();
        let mut words = 0;
        while let Some(part) = parts.next() {
            let joined = parts.peek().map(|next| format!("{part}-{next}"));
            if let Some(j) = joined.filter(|j| eff.iter().any(|w| w == j)) {
                parts.next();
                assert!(!j.is_empty());
            } else {
                assert!(eff.iter().any(|w| w == part), "{line}: {part}");
            }
            words += 1;
        }
        assert_eq!(words, 6, "{line}");
    }
    assert_ne!(lines[0], lines[1], "OS randomness by default");
    assert_eq!(stderr(&o), "");
}

#[test]
fn json_reports_words_and_exact_entropy_and_is_the_cores_stream() {
    let o = passforge(&[
        "passphrase",
        "--words",
        "4",
        "--separator",
        " ",
        "--capitalize",
        "first_letter",
        "--number",
        "--seed",
        "8",
        "-n",
        "3",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v.as_object().map(|o| o.len()), Some(3), "{v}");
    assert_eq!(v["words"], 4);
    let bits = 4.0 * 7776f64.log2() + 40f64.log2();
    assert!(
        (v["entropy_bits"].as_f64().unwrap_or(0.0) - bits).abs() < 1e-9,
        "{v}"
    );
    let settings = PassphraseSettings {
        words: 4,
        separator: passforge::Separator::Literal(" ".into()),
        capitalize: Capitalization::FirstLetter,
        number: true,
    };
    let g = ConfiguredPassphraseGenerator::new(
        &settings,
        &WordList::eff_large(),
        None,
        UserContext::default(),
    )
    .expect("settings");
    let want: Vec<String> = g
        .generate_many_with(&mut DeterministicRng::from_seed_for_tests(8), 3)
        .expect("generate")
        .iter()
        .map(|p| p.as_str().to_owned())
        .collect();
    assert_eq!(v["passphrases"], serde_json::json!(want));
    assert_eq!(
        stderr(&o),
        "warning: --seed makes the output reproducible; for tests only\n"
    );
}

#[test]
fn random_separators_and_a_capitalised_word() {
    let o = passforge(&[
        "passphrase",
        "--random-separator",
        "digit",
        "--capitalize",
        "random_word",
        "-n",
        "50",
        "--words",
        "3",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for line in stdout(&o).lines() {
        let words: Vec<&str> = line.split(|c: char| c.is_ascii_digit()).collect();
        assert_eq!(words.len(), 3, "{line}");
        assert_eq!(
            words
                .iter()
                .filter(|w| w.chars().all(|c| !c.is_ascii_lowercase()))
                .count(),
            1,
            "{line}"
        );
    }
    let o = passforge(&[
        "passphrase",
        "--random-separator",
        "symbol",
        "--words",
        "2",
        "--seed",
        "1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o)
            .trim()
            .chars()
            .filter(|c| c.is_ascii_punctuation())
            .count(),
        1
    );
}

#[test]
fn a_custom_word_list_is_validated_and_used() {
    let list = TempFile::with_mode(b"# colours\nred\r\ngreen\n11111\tblue\n\n", 0o644);
    let o = passforge(&[
        "passphrase",
        "--wordlist",
        list.path(),
        "--words",
        "3",
        "-n",
        "30",
        "--separator",
        ".",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for line in stdout(&o).lines() {
        assert!(
            line.split('.')
                .all(|w| ["red", "green", "blue"].contains(&w)),
            "{line}"
        );
    }
    assert!(
        stderr(&o).contains("warning: these settings allow only 2^4.8 passphrases"),
        "{}",
        stderr(&o)
    );
    for (contents, code) in [
        (&b"red\nRED\n"[..], "WORDLIST_DUPLICATE"),
        (b"only\n", "WORDLIST_TOO_SMALL"),
        (b"red\ngr\xffeen\n", "WORDLIST_NOT_UTF8"),
        (b"red\nzero\xe2\x80\x8bwidth\n", "WORDLIST_CHARACTER"),
    ] {
        let file = TempFile::with_mode(contents, 0o644);
        let o = passforge(&["passphrase", "--wordlist", file.path()]);
        assert_usage_error_code(&o, code);
        assert!(stderr(&o).contains(file.path()), "{}", stderr(&o));
    }
    let compound = TempFile::with_mode(b"sun\nflower\nsunflower\n", 0o644);
    assert_usage_error_code(
        &passforge(&[
            "passphrase",
            "--wordlist",
            compound.path(),
            "--separator",
            "",
        ]),
        "PASSPHRASE_AMBIGUOUS",
    );
}

#[test]
fn bad_settings_exit_2_with_their_code() {
    assert_usage_error_code(
        &passforge(&["passphrase", "--words", "0"]),
        "PASSPHRASE_WORD_COUNT",
    );
    assert_usage_error_code(
        &passforge(&["passphrase", "--separator", "\t"]),
        "PASSPHRASE_SEPARATOR",
    );
    for args in [
        &["passphrase", "--capitalize", "title"][..],
        &["passphrase", "--random-separator", "emoji"],
        &[
            "passphrase",
            "--separator",
            "-",
            "--random-separator",
            "digit",
        ],
        &["passphrase", "--username", "x"],
        &["passphrase", "--count", "99999999999"],
    ] {
        common::assert_usage_error(&passforge(args));
    }
    let help = stdout(&passforge(&["passphrase", "--help"]));
    assert!(
        help.contains("Examples:") && help.contains("FOR TESTS ONLY"),
        "{help}"
    );
}

#[test]
fn a_policy_is_checked_then_enforced_by_rejection() {
    let ad = common::repo_path("examples/policy-ad.toml");
    let o = passforge(&["passphrase", "-p", &ad]);
    assert_usage_error_code(&o, "SETTINGS_BELOW_POLICY");
    assert!(stderr(&o).contains("categories"), "{}", stderr(&o));
    let o = passforge(&[
        "passphrase",
        "-p",
        &ad,
        "--capitalize",
        "first_letter",
        "--number",
        "--username",
        "jdoe",
        "--seed",
        "5",
        "-n",
        "20",
        "-j",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let share = v["policy_share"].as_f64().expect("share");
    let after = v["entropy_bits_after_policy"].as_f64().expect("after");
    assert!(
        share > 0.9 && share <= 1.0 && after <= v["entropy_bits"].as_f64().unwrap_or(0.0),
        "{v}"
    );
    let text = std::fs::read_to_string(&ad).expect("policy");
    let policy: passforge::Policy = toml::from_str(&text).expect("policy");
    let user = UserContext::with_username("jdoe");
    for p in v["passphrases"].as_array().expect("list") {
        assert!(
            policy.validate(p.as_str().unwrap_or(""), &user).is_empty(),
            "{p}"
        );
    }
}

/// Chunks of output come from one stream: the same bytes as one batch.
#[test]
fn chunked_output_is_one_stream() {
    let o = passforge(&["passphrase", "--seed", "42", "-n", "25000", "--words", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let settings = PassphraseSettings {
        words: 3,
        ..PassphraseSettings::default()
    };
    let g =
        passforge::PassphraseGenerator::new(&settings, &WordList::eff_large()).expect("settings");
    let want: String = g
        .generate_many_with(&mut DeterministicRng::from_seed_for_tests(42), 25_000)
        .expect("generate")
        .iter()
        .map(|p| format!("{}\n", p.as_str()))
        .collect();
    assert!(stdout(&o) == want, "chunked output differs from one batch");
}
