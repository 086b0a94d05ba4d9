//! The request validation script (the reference service's): a configured command line,
//! run without a shell for each request, reading the request as JSON on stdin and
//! answering a JSON object on stdout in which a dotted key path must hold a configured
//! value. Everything else denies: a timeout, a non-zero exit, output that is not JSON, a
//! missing key, output above the cap.

use std::process::Stdio;
use std::time::Duration;

use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::config::ScriptSection;

/// The most stdout read from the script; more denies.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024;

/// A command line split into words: double quotes group words (`"/opt/check tools/x" -v`),
/// `\"` inside quotes is a literal quote; no other shell syntax exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandLine(Vec<String>);

impl CommandLine {
    /// Splits `text`; an empty line or an unclosed quote is an error.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut in_word = false;
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    quoted = !quoted;
                    in_word = true;
                }
                '\\' if quoted && chars.peek() == Some(&'"') => {
                    word.push('"');
                    chars.next();
                }
                c if c.is_whitespace() && !quoted => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                c => {
                    word.push(c);
                    in_word = true;
                }
            }
        }
        if quoted {
            return Err("unclosed double quote".into());
        }
        if in_word {
            words.push(word);
        }
        if words.is_empty() || words[0].is_empty() {
            return Err("the command is empty".into());
        }
        Ok(Self(words))
    }

    /// The program (the first word).
    pub fn program(&self) -> &str {
        &self.0[0]
    }

    /// The arguments after the program.
    pub fn args(&self) -> &[String] {
        &self.0[1..]
    }
}

/// What the script is told: never a password or a token.
#[derive(Clone, Debug, Serialize)]
pub struct ScriptRequest<'a> {
    /// `reset`, `unlock`, ...
    pub operation: &'a str,
    /// The target user.
    pub user: &'a str,
    /// The API client's name.
    pub client: &'a str,
    /// The directory's name.
    pub directory: &'a str,
    /// The request id.
    pub request_id: &'a str,
    /// RFC 3339, UTC.
    pub time: String,
}

/// Why the script denied, for the logs and the answer's message (never its output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Denied(pub String);

/// A configured script, ready to run.
#[derive(Clone, Debug)]
pub struct ValidationScript {
    command: CommandLine,
    key: Vec<String>,
    value: String,
    timeout: Duration,
    uid: Option<u32>,
    gid: Option<u32>,
}

impl ValidationScript {
    /// From the checked configuration (user and group names resolved here).
    pub fn new(section: &ScriptSection, command: CommandLine) -> Result<Self, String> {
        let uid = match &section.run_as_user {
            Some(name) => Some(
                nix::unistd::User::from_name(name)
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| format!("no user '{name}'"))?
                    .uid
                    .as_raw(),
            ),
            None => None,
        };
        let gid = match &section.run_as_group {
            Some(name) => Some(
                nix::unistd::Group::from_name(name)
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| format!("no group '{name}'"))?
                    .gid
                    .as_raw(),
            ),
            // Running as a user without naming a group: that user's primary group, so the
            // child keeps none of root's.
            None => match &section.run_as_user {
                Some(name) => nix::unistd::User::from_name(name)
                    .ok()
                    .flatten()
                    .map(|u| u.gid.as_raw()),
                None => None,
            },
        };
        Ok(Self {
            command,
            key: section.key.split('.').map(str::to_owned).collect(),
            value: section.value.clone(),
            timeout: Duration::from_millis(section.timeout_ms),
            uid,
            gid,
        })
    }

    /// Runs the script for one request: `Ok` when it allows.
    pub async fn check(&self, request: &ScriptRequest<'_>) -> Result<(), Denied> {
        let input = serde_json::to_vec(request).map_err(|e| Denied(e.to_string()))?;
        let mut command = tokio::process::Command::new(self.command.program());
        command
            .args(self.command.args())
            .env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("LANG", "C.UTF-8")
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        if let Some(gid) = self.gid {
            command.gid(gid);
        }
        if let Some(uid) = self.uid {
            command.uid(uid);
        }
        let mut child = command
            .spawn()
            .map_err(|e| Denied(format!("the validation script could not start: {e}")))?;
        let run = async {
            let mut stdin = child
                .stdin
                .take()
                .ok_or_else(|| Denied("no stdin".into()))?;
            let mut stdout = child
                .stdout
                .take()
                .ok_or_else(|| Denied("no stdout".into()))?;
            // A script that never reads stdin must not block us: write and read at once.
            let write = async {
                let _ = stdin.write_all(&input).await;
                drop(stdin);
            };
            let mut output = Vec::new();
            let read = async {
                (&mut stdout)
                    .take(MAX_OUTPUT_BYTES as u64 + 1)
                    .read_to_end(&mut output)
                    .await
            };
            let ((), read) = tokio::join!(write, read);
            read.map_err(|e| Denied(format!("reading the script's output: {e}")))?;
            if output.len() > MAX_OUTPUT_BYTES {
                return Err(Denied(format!(
                    "the validation script wrote more than {MAX_OUTPUT_BYTES} bytes"
                )));
            }
            let status = child
                .wait()
                .await
                .map_err(|e| Denied(format!("waiting for the script: {e}")))?;
            Ok((status, output))
        };
        let (status, output) = match tokio::time::timeout(self.timeout, run).await {
            Ok(result) => result?,
            Err(_) => {
                return Err(Denied(format!(
                    "the validation script did not finish within {} ms",
                    self.timeout.as_millis()
                )))
            }
        };
        if !status.success() {
            return Err(Denied(format!(
                "the validation script exited with {status}"
            )));
        }
        let answer: serde_json::Value = serde_json::from_slice(&output)
            .map_err(|_| Denied("the validation script's output is not JSON".into()))?;
        let mut at = &answer;
        for part in &self.key {
            at = at.get(part).ok_or_else(|| {
                Denied(format!(
                    "the validation script's answer has no key {}",
                    self.key.join(".")
                ))
            })?;
        }
        let matches = match at {
            serde_json::Value::String(s) => *s == self.value,
            // A number or a boolean is compared as its JSON text (`true`, `1`).
            other => serde_json::to_string(other).is_ok_and(|text| text == self.value),
        };
        if matches {
            Ok(())
        } else {
            Err(Denied(format!(
                "the validation script's {} is not the configured value",
                self.key.join(".")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_quotes_group_words() {
        let c = CommandLine::parse(r#""/opt/check tools/validate" --mode reset"#).unwrap();
        assert_eq!(c.program(), "/opt/check tools/validate");
        assert_eq!(c.args(), ["--mode", "reset"]);
        let c = CommandLine::parse(r#"/bin/x "a \"b\"" c"d e"f"#).unwrap();
        assert_eq!(c.args(), ["a \"b\"", "cd ef"]);
        assert!(CommandLine::parse("  ").is_err());
        assert!(CommandLine::parse(r#"/bin/x "open"#).is_err());
        assert!(CommandLine::parse(r#""""#).is_err());
    }
}
