//! Runs the README's console examples: in a ```console block that starts with `$ `,
//! each `$ passforge …` line (optionally fed by `printf '…' |`) is run from the
//! repository root and its stderr then stdout must equal the lines that follow it.

use std::io::Write;
use std::process::{Command, Stdio};

/// Splits a shell-like command line: whitespace separates words; single and double
/// quotes group (no escapes are needed by the README).
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[test]
fn readme_console_examples_produce_their_shown_output() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let mut ran = 0;
    let mut section = "";
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with("## ") {
            section = line;
        }
        // The reset service's session needs a running demo: service/tests/readme.rs runs it.
        if section == "## Reset service" {
            continue;
        }
        if line.trim() != "```console" || !lines.peek().is_some_and(|l| l.starts_with("$ ")) {
            continue;
        }
        let mut block = Vec::new();
        for l in lines.by_ref() {
            if l.trim() == "```" {
                break;
            }
            block.push(l);
        }
        let mut i = 0;
        while i < block.len() {
            let command = block[i].strip_prefix("$ ").expect("a command line");
            let mut expected = Vec::new();
            i += 1;
            while i < block.len() && !block[i].starts_with("$ ") {
                expected.push(block[i]);
                i += 1;
            }
            let (stdin, command_line) = match command.split_once(" | ") {
                Some((feed, rest)) => {
                    let feed = split_words(feed);
                    assert_eq!(feed[0], "printf", "{command}");
                    (feed[1].replace("\\n", "\n"), rest)
                }
                None => (String::new(), command),
            };
            let words = split_words(command_line);
            assert_eq!(words[0], "passforge", "{command}");
            let mut child = Command::new(env!("CARGO_BIN_EXE_passforge"))
                .args(&words[1..])
                .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run passforge");
            if let Some(mut input) = child.stdin.take() {
                input.write_all(stdin.as_bytes()).expect("write stdin");
            }
            let out = child.wait_with_output().expect("wait for passforge");
            // Stderr first: passforge writes its warnings and notes before its results,
            // so this is the order a terminal shows.
            let shown = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&out.stdout)
            );
            assert_eq!(shown.lines().collect::<Vec<_>>(), expected, "$ {command}");
            ran += 1;
        }
    }
    assert!(ran >= 4, "only {ran} README examples found");
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        split_words(r#"a "b c" 'd "e"' f''"#),
        vec!["a", "b c", "d \"e\"", "f"]
    );
}
