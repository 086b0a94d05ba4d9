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
    // Fed from a thread, so a binary that answers while it reads (`check --batch`) cannot
    // fill its stdout pipe and deadlock with us. It may exit before reading everything
    // (too much input): ignore EPIPE.
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("wait for passforge");
    feeder.join().expect("stdin feeder");
    output
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

/// [`assert_usage_error`], and the line names this error code: `error: CODE: …`.
pub fn assert_usage_error_code(o: &Output, code: &str) {
    assert_usage_error(o);
    let err = stderr(o);
    assert!(
        err.starts_with(&format!("error: {code}: ")),
        "{code}: {err}"
    );
}

/// A path under the repository root.
pub fn repo_path(relative: &str) -> String {
    format!("{}/../{relative}", env!("CARGO_MANIFEST_DIR"))
}

/// A file in the temp directory with a unique name, removed on drop.
pub struct TempFile(std::path::PathBuf);

impl TempFile {
    /// A file readable by its owner only, as secret files must be.
    pub fn secret(contents: &[u8]) -> Self {
        Self::with_mode(contents, 0o600)
    }

    /// A file with the given Unix permission bits (ignored elsewhere).
    pub fn with_mode(contents: &[u8], mode: u32) -> Self {
        Self::named("", contents, mode)
    }

    /// Like [`TempFile::with_mode`], with the file name ending in `suffix` (".json").
    pub fn named(suffix: &str, contents: &[u8], mode: u32) -> Self {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "passforge-cli-test-{}-{}{suffix}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, contents).expect("write temp file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .expect("chmod temp file");
        }
        #[cfg(not(unix))]
        let _ = mode;
        Self(path)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
