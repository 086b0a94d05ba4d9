//! `passforge answer hash|verify` through the real binary; answers go in on standard
//! input, the stored hash in a file of mode 600. Small Argon2 parameters keep the tests
//! fast.

mod common;

use common::{assert_usage_error, run, stderr, stdout, TempFile};

const FAST: [&str; 4] = ["--memory-kib", "64", "--iterations", "1"];

fn hash(answer: &str) -> String {
    let mut args = vec!["answer", "hash"];
    args.extend(FAST);
    let o = run(&args, answer.as_bytes());
    assert!(o.status.success(), "{}", common::stderr(&o));
    stdout(&o).trim().to_owned()
}

#[test]
fn answers_are_normalised_then_hashed_with_argon2id_and_a_random_salt() {
    let stored = hash("  Mother's   MAIDEN name \n");
    assert!(
        stored.starts_with("$argon2id$v=19$m=64,t=1,p=1$"),
        "{stored}"
    );
    assert_ne!(stored, hash("  Mother's   MAIDEN name \n"), "random salt");
    let hash_file = TempFile::secret(format!("{stored}\n").as_bytes());
    let verify = |answer: &str| {
        run(
            &["answer", "verify", "--hash-file", hash_file.path()],
            answer.as_bytes(),
        )
    };
    let o = verify("mother's maiden name\n");
    assert_eq!((o.status.code(), stdout(&o).trim()), (Some(0), "match"));
    let o = verify("MOTHER'S MAIDEN NAME");
    assert_eq!(
        o.status.code(),
        Some(0),
        "case and white space do not matter"
    );
    let o = verify("father's name\n");
    assert_eq!((o.status.code(), stdout(&o).trim()), (Some(1), "no match"));
}

#[test]
fn bad_input_is_a_usage_error() {
    let not_phc = TempFile::secret(b"not-a-phc-string\n");
    assert_usage_error(&run(
        &["answer", "verify", "--hash-file", not_phc.path()],
        b"x\n",
    ));
    assert_usage_error(&run(&["answer", "hash", "--memory-kib", "1"], b"x\n"));
    assert_usage_error(&run(&["answer", "hash", "--answer", "x"], b""));
}

#[test]
fn the_stored_hash_comes_from_a_private_file_never_from_argv() {
    let stored = hash("rex\n");
    let o = run(&["answer", "verify", "--hash", &stored], b"rex\n");
    assert_usage_error(&o);
    assert!(
        stderr(&o).contains("unexpected argument '--hash'"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("did you mean '--hash-file'"),
        "{}",
        stderr(&o)
    );
    let shared = TempFile::with_mode(format!("{stored}\n").as_bytes(), 0o644);
    let o = run(
        &["answer", "verify", "--hash-file", shared.path()],
        b"rex\n",
    );
    if cfg!(unix) {
        assert_usage_error(&o);
        assert!(stderr(&o).contains("chmod 600"), "{}", stderr(&o));
    }
    // A hash file with a second line is refused, not half read.
    let two = TempFile::secret(format!("{stored}\n{stored}\n").as_bytes());
    let o = run(&["answer", "verify", "--hash-file", two.path()], b"rex\n");
    assert_usage_error(&o);
    assert!(stderr(&o).contains("more than one line"), "{}", stderr(&o));
}

#[test]
fn the_answer_is_one_non_empty_line() {
    let stored = hash("rex\n");
    let hash_file = TempFile::secret(stored.as_bytes());
    for input in [&b""[..], b"\n", b"rex\nrex\n"] {
        let o = run(
            &["answer", "verify", "--hash-file", hash_file.path()],
            input,
        );
        assert_usage_error(&o);
    }
    let mut args = vec!["answer", "hash"];
    args.extend(FAST);
    let o = run(&args, b"");
    assert_usage_error(&o);
    assert!(stderr(&o).contains("no answer given"), "{}", stderr(&o));
}

/// On a terminal the answer is asked for at a hidden prompt: run under `script`, which
/// gives the binary a pseudo-terminal, and type only once the prompt is shown.
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_gets_a_hidden_prompt() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    let command = format!(
        "{} answer hash --memory-kib 64 --iterations 1",
        env!("CARGO_BIN_EXE_passforge")
    );
    let Ok(mut child) = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("SKIPPED a_terminal_gets_a_hidden_prompt: util-linux `script` is missing");
        return;
    };
    let mut terminal = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut byte = [0u8; 1];
        while terminal.read(&mut byte).unwrap_or(0) == 1 {
            if tx.send(byte[0]).is_err() {
                break;
            }
        }
    });
    let mut shown = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !shown.ends_with(b"answer: ") {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(b) => shown.push(b),
            Err(_) => panic!("no prompt: {}", String::from_utf8_lossy(&shown)),
        }
    }
    // rpassword turns echo off just after printing the prompt: let it.
    std::thread::sleep(Duration::from_millis(300));
    let mut typing = child.stdin.take().expect("stdin");
    typing.write_all(b"hidden-rex\n").expect("type");
    let status = child.wait().expect("wait");
    drop(typing);
    let rest: Vec<u8> = rx.try_iter().collect();
    let rest = String::from_utf8_lossy(&rest);
    assert!(status.success(), "{rest}");
    assert!(
        !rest.contains("hidden-rex"),
        "the answer was echoed: {rest}"
    );
    let stored = rest
        .split_whitespace()
        .find(|w| w.starts_with("$argon2id$"))
        .unwrap_or_else(|| panic!("no hash in {rest}"));
    let hash_file = TempFile::secret(stored.as_bytes());
    let o = run(
        &["answer", "verify", "--hash-file", hash_file.path()],
        b"hidden-rex\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn weak_costs_are_warned_about_and_weak_stored_hashes_noted() {
    let mut args = vec!["answer", "hash"];
    args.extend(FAST);
    let o = run(&args, b"Miss Piggy\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("below the recommended Argon2id minimum of m=19456"),
        "{}",
        stderr(&o)
    );
    let stored = TempFile::secret(format!("{}\n", stdout(&o).trim()).as_bytes());
    let o = run(
        &["answer", "verify", "--hash-file", stored.path()],
        b"miss piggy\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("hash the answer again"),
        "{}",
        stderr(&o)
    );
    // A stored hash with huge costs is refused before any work.
    let huge = TempFile::secret(
        b"$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g\n",
    );
    let o = run(&["answer", "verify", "--hash-file", huge.path()], b"x\n");
    assert_usage_error(&o);
    assert!(stderr(&o).contains("ANSWER_HASH_PARAMS"), "{}", stderr(&o));
}
