//! The README's "Reset service" session, run against a fresh demo: each `$ ` line in
//! one bash session, its output compared with the lines below it (`…` matches anything).

// Tests fail loudly by unwrapping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

fn session() -> Vec<(String, Vec<String>)> {
    let readme = std::fs::read_to_string(format!("{REPO}/README.md")).unwrap();
    let section = readme.split("## Reset service\n").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    let block = section.split("```console\n$ ").nth(1).unwrap();
    let block = block.split("\n```").next().unwrap();
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    for line in format!("$ {block}").lines() {
        match line.strip_prefix("$ ") {
            Some(command) => steps.push((command.to_owned(), Vec::new())),
            None => steps.last_mut().unwrap().1.push(line.to_owned()),
        }
    }
    steps
}

/// Whether `actual` matches `pattern`, where `…` stands for any text.
fn matches(pattern: &str, actual: &str) -> bool {
    let parts: Vec<&str> = pattern.split('…').collect();
    let mut rest = actual;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    rest.is_empty()
}

#[test]
fn the_readme_session_runs_as_written() {
    let dir = tempdir();
    let port = free_port();
    let mut demo = Command::new(BIN)
        .args(["demo", "--port", &port.to_string()])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(up, "the demo did not start");
    let steps = session();
    assert!(steps.len() >= 6, "{steps:?}");
    let mut script = String::new();
    for (i, (command, _)) in steps.iter().enumerate() {
        let command = command.replace("127.0.0.1:8080", &format!("127.0.0.1:{port}"));
        script.push_str(&format!("{command}\necho; echo '@@step {i}'\n"));
    }
    let out = Command::new("bash")
        .args(["-c", &script])
        .current_dir(dir.path())
        .output()
        .unwrap();
    demo.kill().unwrap();
    demo.wait().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Chunk 0 is step 0's output; chunk k starts with the marker's "k-1" line.
    let actual: Vec<Vec<String>> = text
        .split("@@step ")
        .enumerate()
        .map(|(k, chunk)| {
            let body = if k == 0 {
                chunk
            } else {
                chunk.split_once('\n').map_or("", |(_, rest)| rest)
            };
            body.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect();
    assert_eq!(actual.len(), steps.len() + 1, "{text}");
    for (i, (command, expected)) in steps.iter().enumerate() {
        let got = &actual[i];
        assert_eq!(
            got.len(),
            expected.len(),
            "`{command}` printed {got:?}, the README says {expected:?}"
        );
        for (e, g) in expected.iter().zip(got) {
            assert!(matches(e, g), "`{command}`:\n  README: {e}\n  actual: {g}");
        }
    }
}
