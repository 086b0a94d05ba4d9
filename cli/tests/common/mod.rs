//! Helpers shared by the CLI tests: run the real binary, read its output, and check the
//! usage-error contract (exit 2, one `error:` line, nothing on stdout).

// Each test crate uses a subset of these.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `passforge` with `args` and empty standard input.
pub fn passforge(args: &[&str]) -> Output {
    run(args, b"")
}

/// Runs `passforge` with `args`, feeding `stdin` (passwords go in there, never in argv).
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_passforge"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run passforge");
    let mut input = child.stdin.take().expect("stdin");
    // The binary may exit before reading everything (too much input): ignore EPIPE.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("wait for passforge")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit status 2, exactly one line on stderr starting with `error: `, nothing on stdout.
pub fn assert_usage_error(o: &Output) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(o.stdout.is_empty(), "{}", stdout(o));
}

/// A path under the repository root.
pub fn repo_path(relative: &str) -> String {
    format!("{}/../{relative}", env!("CARGO_MANIFEST_DIR"))
}
