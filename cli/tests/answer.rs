//! `passforge answer hash|verify` through the real binary; answers go in on standard
//! input. Small Argon2 parameters keep the tests fast.

mod common;

use common::{assert_usage_error, run, stdout};

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
    let verify = |answer: &str| run(&["answer", "verify", "--hash", &stored], answer.as_bytes());
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
    assert_usage_error(&run(
        &["answer", "verify", "--hash", "not-a-phc-string"],
        b"x\n",
    ));
    assert_usage_error(&run(&["answer", "hash", "--memory-kib", "1"], b"x\n"));
    assert_usage_error(&run(&["answer", "hash", "--answer", "x"], b""));
}
