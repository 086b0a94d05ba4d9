//! The usage-error contract (exit 2, one `error:` line naming the problem), `--version`,
//! `--help` examples, short flags, completions and the man page, through the real binary.

mod common;

use common::{assert_usage_error, passforge, run, stderr, stdout};

fn usage_error(args: &[&str]) -> String {
    let o = passforge(args);
    assert_usage_error(&o);
    stderr(&o)
}

#[test]
fn missing_arguments_are_named_on_the_one_error_line() {
    for (args, named) in [
        (&["check"][..], "--policy <FILE>"),
        (&["policy", "lint"], "<FILE>"),
        (&["policy", "resolve-pso"], "<FILE>"),
        (&["token", "time"], "--secret-file <FILE>"),
        (&["token", "verify"], "--secret-file <FILE>"),
        (&["expiry"], "--remind-days <N>"),
        (&["expiry"], "--last-set"),
        (&["expiry"], "--max-age-days"),
        (&["generate", "--username", "x"], "--policy <FILE>"),
        (&["answer", "verify"], "--hash-file <FILE>"),
        (
            &["reset-token", "verify", "--digest", "00"],
            "--expires-at <RFC3339>",
        ),
        (&["completions"], "<SHELL>"),
    ] {
        let err = usage_error(args);
        assert!(
            err.contains("required arguments were not provided") && err.contains(named),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn misspellings_get_a_suggestion_on_the_one_line() {
    let err = usage_error(&["generate", "--cuont", "3"]);
    assert!(
        err.contains("'--cuont'") && err.contains("did you mean '--count'?"),
        "{err}"
    );
    let err = usage_error(&["genrate"]);
    assert!(err.contains("did you mean 'generate'?"), "{err}");
    let err = usage_error(&["policy", "lnit", "x"]);
    assert!(err.contains("did you mean 'lint'?"), "{err}");
    let err = usage_error(&["completions", "bsh"]);
    assert!(err.contains("did you mean 'bash'?"), "{err}");
    // No suggestion when nothing is close.
    let err = usage_error(&["generate", "--zzzzzz"]);
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn version_is_printed() {
    for flag in ["--version", "-V"] {
        let o = passforge(&[flag]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            stdout(&o),
            format!("passforge {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

const SUBCOMMANDS: [&[&str]; 22] = [
    &["generate"],
    &["check"],
    &["policy"],
    &["policy", "lint"],
    &["policy", "resolve-pso"],
    &["token"],
    &["token", "time"],
    &["token", "verify"],
    &["code"],
    &["pin"],
    &["url-token"],
    &["expiry"],
    &["reminder-delay"],
    &["reset-token"],
    &["reset-token", "issue"],
    &["reset-token", "verify"],
    &["answer"],
    &["answer", "hash"],
    &["answer", "verify"],
    &["completions"],
    &["man"],
    &[],
];

#[test]
fn every_help_has_examples_that_use_the_command() {
    for path in SUBCOMMANDS {
        let mut args = path.to_vec();
        args.push("--help");
        let o = passforge(&args);
        assert_eq!(o.status.code(), Some(0), "{path:?}");
        let help = stdout(&o);
        let examples = help
            .split_once("Examples:\n")
            .unwrap_or_else(|| panic!("{path:?} --help has no Examples: {help}"))
            .1;
        let invocation = format!("passforge {}", path.join(" "));
        assert!(
            examples.contains(invocation.trim_end()),
            "{path:?}: the examples do not show `{invocation}`: {examples}"
        );
    }
}

#[test]
fn short_flags_mean_their_long_forms() {
    let long = passforge(&[
        "generate", "--seed", "1", "--count", "3", "--length", "20", "--json",
    ]);
    let short = passforge(&["generate", "--seed", "1", "-n", "3", "-l", "20", "-j"]);
    assert!(long.status.success(), "{}", stderr(&long));
    assert_eq!(stdout(&long), stdout(&short));
    let policy = common::repo_path("examples/policy-nist.toml");
    let long = run(
        &["check", "--policy", &policy, "--json"],
        b"a-long-unusual-passphrase\n",
    );
    let short = run(
        &["check", "-p", &policy, "-j"],
        b"a-long-unusual-passphrase\n",
    );
    assert_eq!(long.status.code(), Some(0), "{}", stderr(&long));
    assert_eq!(stdout(&long), stdout(&short));
    let o = passforge(&["generate", "-p", &policy, "-n", "2", "-j"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["passwords"].as_array().map(Vec::len), Some(2));
    let o = passforge(&["policy", "lint", &policy, "-j"]);
    assert!(serde_json::from_str::<serde_json::Value>(&stdout(&o)).is_ok());
}

#[test]
fn completions_cover_every_subcommand_and_flag() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = passforge(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        // Long flags without their dashes: fish writes `-l strength-check`.
        for word in [
            "generate",
            "resolve-pso",
            "strength-check",
            "token-file",
            "batch",
        ] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    // A closed pipe is not a crash.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_passforge"))
        .args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn man_page_is_roff_from_the_clap_definition() {
    let o = passforge(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH passforge 1"), "{page}");
    assert!(
        page.contains(".SH SUBCOMMANDS") || page.contains("SUBCOMMANDS"),
        "{page}"
    );
    assert!(
        page.contains("resolve\\-pso") || page.contains("generate"),
        "{page}"
    );
    assert!(page.contains(env!("CARGO_PKG_VERSION")));
}
