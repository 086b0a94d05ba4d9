//! No password is left in the CLI's memory when it exits: gdb stops the real binary at
//! `exit_group`, writes a core file, and the test searches it for the passwords (as
//! printed, and lowercased as the context checks fold them). A control string that must
//! be in memory (an argument) shows the search can see what is there.
//!
//! Needs gdb (scripts/test-all.sh installs it); without it the test fails, not skips.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{repo_path, TempFile};

/// Runs `passforge ARGS < stdin_file` under gdb and returns the core file's bytes,
/// written when the process calls `exit_group`.
fn core_at_exit(args: &[&str], stdin_file: Option<&str>) -> Vec<u8> {
    core_when("exit_group", 0, args, stdin_file)
}

/// The core file when the process enters `syscall` for the `(skip + 1)`-th time (each
/// syscall stops gdb on entry and on return, hence the two `continue`s per skip).
fn core_when(syscall: &str, skip: usize, args: &[&str], stdin_file: Option<&str>) -> Vec<u8> {
    let core = std::env::temp_dir().join(format!("passforge-core-{}", std::process::id()));
    let core = PathBuf::from(format!(
        "{}-{syscall}-{skip}-{}",
        core.display(),
        args.len()
    ));
    let redirect = stdin_file.map(|f| format!(" < {f}")).unwrap_or_default();
    let script = TempFile::secret(
        format!(
            "catch syscall {syscall}\nrun {}{redirect}\n{}gcore {}\nkill\nquit\n",
            args.join(" "),
            "continue\ncontinue\n".repeat(skip),
            core.display()
        )
        .as_bytes(),
    );
    let out = Command::new("gdb")
        .args([
            "-q",
            "-batch",
            "-x",
            script.path(),
            env!("CARGO_BIN_EXE_passforge"),
        ])
        .output()
        .expect("gdb must be installed for this test (scripts/test-all.sh installs it)");
    let bytes = std::fs::read(&core).unwrap_or_else(|e| {
        panic!(
            "no core file {} ({e}); gdb said: {}",
            core.display(),
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let _ = std::fs::remove_file(&core);
    bytes
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The control for the method: while the passwords are being written (the second
/// `write`, after the seed warning on stderr) they are in memory, and the search finds
/// them; so their absence at exit means they were wiped.
#[test]
fn the_search_finds_a_password_that_is_in_memory() {
    let core = core_when(
        "write",
        1,
        &["generate", "--seed", "1", "-n", "3", "--json"],
        None,
    );
    assert!(
        // The second password: the first has a `\`, which the JSON output escapes.
        holds(&core, "T4f7.<pfdFgo"),
        "the search cannot see a live password"
    );
}

#[test]
fn generate_leaves_no_password_in_memory() {
    // The seed makes the passwords known (the README's first example).
    let core = core_at_exit(&["generate", "--seed", "1", "-n", "3", "--json"], None);
    assert!(
        holds(&core, "--seed"),
        "the control argument is not in the core file"
    );
    // The first also as the JSON output writes it (`\` escaped).
    for password in ["vq2g\\9e+ANci", "vq2g\\\\9e+ANci", "T4f7.<pfdFgo"] {
        assert!(!holds(&core, password), "{password} is still in memory");
    }
}

#[test]
fn check_leaves_no_password_in_memory() {
    let password = "Zq8#correct-HORSE-battery";
    let stdin = TempFile::secret(format!("{password}\n").as_bytes());
    let policy = repo_path("examples/policy-ad.toml");
    let core = core_at_exit(
        &["check", "--policy", &policy, "--username", "jdoe"],
        Some(stdin.path()),
    );
    assert!(
        holds(&core, "policy-ad.toml"),
        "the control argument is not in the core file"
    );
    assert!(!holds(&core, password), "the password is still in memory");
    assert!(
        !holds(&core, &password.to_lowercase()),
        "a lowercased copy of the password is still in memory"
    );
}
