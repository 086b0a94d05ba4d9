//! `check-config` and start-up: every problem at once, exit codes, environment
//! overrides, unknown keys, secret files, the generator against the policy.

// Tests fail loudly by unwrapping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use common::*;

fn check(config: &std::path::Path, env: &[(&str, &str)]) -> (i32, String) {
    let out = Command::new(BIN)
        .args(["check-config", "--config", config.to_str().unwrap()])
        .envs(env.iter().map(|(k, v)| (k.to_string(), v.to_string())))
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_good_file_is_clean_and_a_missing_one_is_unreadable() {
    let dir = tempdir();
    let config = Setup::new(dir.path()).write(free_port());
    let (code, out) = check(&config, &[]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out) = check(&dir.path().join("none.toml"), &[]);
    assert_eq!(code, 2);
    assert!(out.starts_with("error: cannot read"), "{out}");
    std::fs::write(dir.path().join("bad.toml"), "[server\n").unwrap();
    let (code, _) = check(&dir.path().join("bad.toml"), &[]);
    assert_eq!(code, 2);
}

#[test]
fn every_problem_is_reported_at_once() {
    let dir = tempdir();
    let config = Setup::new(dir.path()).write(free_port());
    append(
        &config,
        "[surprise]\nx = 1\n[rate_limit]\nmax_failures = \"ten\"\n",
    );
    std::fs::set_permissions(
        dir.path().join("sha1.token"),
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    std::fs::write(dir.path().join("once.token"), "short\n").unwrap();
    let (code, out) = check(
        &config,
        &[
            ("PASSFORGE_GENERATOR__LENGTH", "0"),
            ("PASSFORGE_GROUPS__ALLOWED", "[]"),
            ("PASSFORGE_SERVER__INSECURE_HTTP", "true"),
            ("PASSFORGE_SERVER__LISTEN", "0.0.0.0:8080"),
        ],
    );
    assert_eq!(code, 1, "{out}");
    for expected in [
        "error: unknown section [surprise]",
        "error: [rate_limit]: invalid type",
        "error: [[clients]] sha1: token_file: ",
        "chmod 600",
        "error: [[clients]] once: token_file holds fewer than 16 bytes",
        "error: [groups] allowed is empty",
        "error: [server] insecure_http = true is only allowed on a loopback listener, not 0.0.0.0:8080",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(
        out.lines()
            .all(|l| l.starts_with("error: ") || l.starts_with("warning: ")),
        "{out}"
    );
}

#[test]
fn unknown_keys_and_missing_tls_are_refused() {
    let dir = tempdir();
    let config = Setup::new(dir.path()).write(free_port());
    let text = std::fs::read_to_string(&config).unwrap().replace(
        "shutdown_grace_seconds = 10\n",
        "shutdown_grace_seconds = 10\nport = 1\n",
    );
    std::fs::write(&config, text).unwrap();
    let (code, out) = check(&config, &[("PASSFORGE_CLIENTS__0__COLOUR", "\"red\"")]);
    assert_eq!(code, 1);
    assert!(out.contains("[server]: unknown field `port`"), "{out}");
    assert!(
        out.contains("[[clients]] entry 0: unknown field `colour`"),
        "{out}"
    );
    let (code, out) = check(&config, &[("PASSFORGE_CLIENTS__9__PERIOD", "1")]);
    assert_eq!(code, 1);
    assert!(
        out.contains("PASSFORGE_CLIENTS__9__PERIOD: the file has no [[clients]] entry 9"),
        "{out}"
    );
}

#[test]
fn a_generator_weaker_than_a_directorys_policy_refuses_to_start_with_every_reason() {
    let dir = tempdir();
    let mut setup = Setup::new(dir.path());
    setup.generator =
        "[generator]\nlength = 8\nlower = 8\nupper = 0\ndigits = 0\nsymbols = 0\n".into();
    let config = setup.write(free_port());
    let (code, out) = check(&config, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the [generator] settings are weaker than the directory's policy"),
        "{out}"
    );
    assert!(
        out.contains("generator length 8 is below the policy minimum of 10"),
        "{out}"
    );
    assert!(
        out.contains("categor"),
        "every reason, the categories too: {out}"
    );
    let serve = Command::new(BIN)
        .args(["serve", "--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(serve.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&serve.stderr)
        .contains("generator length 8 is below the policy minimum of 10"));
}

#[test]
fn environment_overrides_apply_before_the_checks() {
    let dir = tempdir();
    let config = Setup::new(dir.path()).write(free_port());
    let (code, out) = check(
        &config,
        &[
            ("PASSFORGE_GENERATOR__LENGTH", "8"),
            ("PASSFORGE_GENERATOR__LOWER", "8"),
            ("PASSFORGE_GENERATOR__UPPER", "0"),
            ("PASSFORGE_GENERATOR__DIGITS", "0"),
            ("PASSFORGE_GENERATOR__SYMBOLS", "0"),
        ],
    );
    assert_eq!(code, 1);
    assert!(out.contains("below the policy minimum of 10"), "{out}");
}

#[test]
fn a_script_needs_an_absolute_existing_program_and_root_for_run_as() {
    let dir = tempdir();
    let config = Setup::new(dir.path()).write(free_port());
    append(&config, "[validation_script]\ncommand = 'check --mode x'\nkey = \"auth.\"\nvalue = \"ok\"\nrun_as_user = \"no-such-user-here\"\n");
    let (code, out) = check(&config, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("'check' must be an absolute path"), "{out}");
    assert!(out.contains("key must be a dotted path"), "{out}");
    assert!(
        out.contains("run_as_user: no user 'no-such-user-here'"),
        "{out}"
    );
}
