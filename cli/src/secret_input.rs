//! Reading secrets (passwords, reset tokens, bearer tokens, security answers) from
//! standard input or a hidden terminal prompt, bounded and zeroized: secrets never go on
//! the command line.
//!
//! Standard input is read unbuffered into one fixed-size zeroizing buffer, so neither
//! std's `Stdin` buffer nor a reallocation leaves an unwiped copy behind.

use std::io::{self, IsTerminal, Read};

use zeroize::{Zeroize, Zeroizing};

use crate::CliError;

/// Longest secret line, in bytes without its line ending; the same cap as a secret file.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// Most bytes `check --batch` reads from standard input.
pub const MAX_BATCH_BYTES: u64 = 64 << 20;

/// One secret: a hidden prompt on a terminal, else exactly one non-empty line of
/// standard input (without its `\n` or `\r\n`). `what` names it in prompts and errors.
pub fn read_secret(what: &str) -> Result<Zeroizing<String>, CliError> {
    let secret = if io::stdin().is_terminal() {
        prompt_hidden(what)?
    } else {
        let mut lines = SecretLines::new(
            stdin_unbuffered(),
            MAX_LINE_BYTES as u64 + 2,
            what,
            "standard input",
        );
        let first = lines.next_line()?.unwrap_or_default();
        if lines.next_line()?.is_some() {
            return Err(CliError(format!(
                "standard input has more than one line; give one {what} on one line{}",
                if what == "password" {
                    " (or use --batch: one password per line)"
                } else {
                    ""
                }
            )));
        }
        first
    };
    if secret.is_empty() {
        return Err(CliError(format!(
            "no {what} given; pipe it on standard input (one line) or run on a terminal to be prompted"
        )));
    }
    Ok(secret)
}

/// Whether standard input is a terminal (where `--batch` makes no sense).
pub fn stdin_is_terminal() -> bool {
    io::stdin().is_terminal()
}

/// Prompts on the terminal (not stdout, which may be piped) without echo.
fn prompt_hidden(what: &str) -> Result<Zeroizing<String>, CliError> {
    let typed = rpassword::prompt_password(format!("{what}: "))
        .map_err(|e| CliError(format!("reading the {what} from the terminal: {e}")))?;
    let typed = Zeroizing::new(typed);
    if typed.len() > MAX_LINE_BYTES {
        return Err(too_long(what));
    }
    Ok(typed)
}

fn too_long(what: &str) -> CliError {
    CliError(format!(
        "the {what} is longer than {}",
        human_size(MAX_LINE_BYTES as u64)
    ))
}

/// `64 KiB`, `64 MiB`: sizes in errors, rounded down.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Standard input without std's internal buffer (a copy we could not wipe).
pub fn stdin_unbuffered() -> Box<dyn Read> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(io::stdin())
}

/// Lines of secrets from a reader, through one fixed buffer that is wiped as lines are
/// consumed and when dropped. Each line is at most [`MAX_LINE_BYTES`]; at most `limit`
/// bytes are read in all.
pub struct SecretLines<R> {
    inner: R,
    // Exactly `MAX_LINE_BYTES + 2` bytes (a longest line and `\r\n`); never reallocated.
    buf: Zeroizing<Vec<u8>>,
    start: usize,
    end: usize,
    read: u64,
    limit: u64,
    eof: bool,
    what: String,
    source: String,
}

impl<R: Read> SecretLines<R> {
    /// `what` names one line in errors ("password"), `source` the input ("standard input").
    pub fn new(inner: R, limit: u64, what: &str, source: &str) -> Self {
        Self {
            inner,
            buf: Zeroizing::new(vec![0; MAX_LINE_BYTES + 2]),
            start: 0,
            end: 0,
            read: 0,
            limit,
            eof: false,
            what: what.to_owned(),
            source: source.to_owned(),
        }
    }

    /// The next line without its line ending, or `None` at the end of the input. A final
    /// line without `\n` counts; an empty input has no line.
    pub fn next_line(&mut self) -> Result<Option<Zeroizing<String>>, CliError> {
        loop {
            let pending = &self.buf[self.start..self.end];
            if let Some(newline) = pending.iter().position(|&b| b == b'\n') {
                let line = self.take(newline, newline + 1)?;
                return Ok(Some(line));
            }
            if self.eof {
                if pending.is_empty() {
                    return Ok(None);
                }
                let len = pending.len();
                return self.take(len, len).map(Some);
            }
            if self.start == 0 && self.end == self.buf.len() {
                return Err(too_long(&self.what));
            }
            self.fill()?;
        }
    }

    /// Turns the next `len` pending bytes into a line and consumes `consumed` bytes.
    fn take(&mut self, len: usize, consumed: usize) -> Result<Zeroizing<String>, CliError> {
        let mut line = &self.buf[self.start..self.start + len];
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        if line.len() > MAX_LINE_BYTES {
            return Err(too_long(&self.what));
        }
        let text = std::str::from_utf8(line)
            .map(|s| Zeroizing::new(s.to_owned()))
            .map_err(|_| {
                CliError(format!(
                    "the {} in {} is not valid UTF-8",
                    self.what, self.source
                ))
            });
        self.buf[self.start..self.start + consumed].zeroize();
        self.start += consumed;
        text
    }

    /// Moves the pending bytes to the front (wiping where they were) and reads more.
    fn fill(&mut self) -> Result<(), CliError> {
        let pending = self.end - self.start;
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.buf[pending..self.end].zeroize();
            self.start = 0;
            self.end = pending;
        }
        let n = loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(CliError(format!(
                        "reading the {} from {}: {e}",
                        self.what, self.source
                    )))
                }
            }
        };
        self.end += n;
        self.read += n as u64;
        self.eof = n == 0;
        if self.read > self.limit {
            return Err(CliError(format!(
                "{} is longer than {}",
                self.source,
                human_size(self.limit)
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Result<Vec<String>, String> {
        let mut reader = SecretLines::new(input, MAX_BATCH_BYTES, "password", "standard input");
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().map_err(|e| e.0)? {
            out.push(line.to_string());
        }
        Ok(out)
    }

    #[test]
    fn splits_lines_and_strips_crlf() {
        assert_eq!(lines(b"a\r\nb\n\nc").unwrap(), ["a", "b", "", "c"]);
        assert_eq!(lines(b"").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn lines_across_buffer_refills_and_the_length_cap() {
        let long = "x".repeat(MAX_LINE_BYTES);
        let input = format!("{long}\r\n{long}\nshort\n");
        assert_eq!(lines(input.as_bytes()).unwrap(), [&long, &long, "short"]);
        let too_long = format!("{long}y\n");
        assert!(lines(too_long.as_bytes()).unwrap_err().contains("64 KiB"));
    }

    #[test]
    fn total_input_is_capped() {
        let mut reader = SecretLines::new(&[b'\n'; 100][..], 10, "password", "standard input");
        let mut result = Ok(None);
        for _ in 0..100 {
            result = reader.next_line();
            if result.is_err() {
                break;
            }
        }
        assert!(result.is_err());
    }
}
