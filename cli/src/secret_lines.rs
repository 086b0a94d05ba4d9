//! The pure part of reading secrets: lines of a bounded input through one fixed, wiped
//! buffer, one secret line, the shared token's line ending, and a bounded read of a whole
//! file. It reads from any [`Read`] and opens nothing, and depends on `std` and `zeroize`
//! only, so that `fuzz/fuzz_targets/cli_input.rs` includes this very file (`#[path]`)
//! and fuzzes what the CLI runs.

use std::fmt;
use std::io::{self, Read};

use zeroize::{Zeroize, Zeroizing};

/// Longest secret line, in bytes without its line ending; the same cap as a secret file.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// What went wrong reading secret input. The CLI reports the message; the kind is for
/// the fuzz target and the tests, hence the `dead_code` allowances in the binary.
#[derive(Debug)]
#[allow(dead_code)]
pub enum InputErrorKind {
    /// A line is longer than [`MAX_LINE_BYTES`].
    LineTooLong,
    /// A line is not valid UTF-8.
    NotUtf8,
    /// The input is longer than its limit.
    InputTooLong {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The reader failed.
    Read(io::Error),
}

/// An error reading secret input: its kind, and a message naming what was read and from
/// where, never its content.
#[derive(Debug)]
pub struct InputError {
    #[allow(dead_code)]
    kind: InputErrorKind,
    message: String,
}

impl InputError {
    /// What went wrong.
    #[allow(dead_code)]
    pub fn kind(&self) -> &InputErrorKind {
        &self.kind
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// `64 KiB`, `64 MiB`: sizes in errors, rounded down.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// The error for a line over [`MAX_LINE_BYTES`]; `what` names the secret.
pub fn line_too_long(what: &str) -> InputError {
    InputError {
        kind: InputErrorKind::LineTooLong,
        message: format!(
            "the {what} is longer than {}",
            human_size(MAX_LINE_BYTES as u64)
        ),
    }
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
    // Pending bytes (from `start`) already searched for `\n`: each byte is searched once,
    // so a long line read a few bytes at a time costs linear, not quadratic, time.
    scanned: usize,
    read: u64,
    limit: u64,
    eof: bool,
    what: String,
    source: String,
}

/// What an input held when it must hold one secret line.
pub enum OneLine {
    /// Exactly one line, not empty (without its line ending).
    Line(Zeroizing<String>),
    /// No line, or one empty line.
    Empty,
    /// More than one line.
    MoreThanOne,
}

impl<R: Read> SecretLines<R> {
    /// `what` names one line in errors ("password"), `source` the input ("standard input").
    pub fn new(inner: R, limit: u64, what: &str, source: &str) -> Self {
        Self {
            inner,
            buf: Zeroizing::new(vec![0; MAX_LINE_BYTES + 2]),
            start: 0,
            end: 0,
            scanned: 0,
            read: 0,
            limit,
            eof: false,
            what: what.to_owned(),
            source: source.to_owned(),
        }
    }

    /// The next line without its line ending (`\n`, or `\r\n`), or `None` at the end of
    /// the input. A final line without `\n` counts; an empty input has no line.
    pub fn next_line(&mut self) -> Result<Option<Zeroizing<String>>, InputError> {
        loop {
            let unsearched = &self.buf[self.start + self.scanned..self.end];
            if let Some(at) = unsearched.iter().position(|&b| b == b'\n') {
                let newline = self.scanned + at;
                let line = self.take(newline, newline + 1)?;
                return Ok(Some(line));
            }
            self.scanned = self.end - self.start;
            if self.eof {
                let len = self.end - self.start;
                if len == 0 {
                    return Ok(None);
                }
                return self.take(len, len).map(Some);
            }
            if self.start == 0 && self.end == self.buf.len() {
                return Err(line_too_long(&self.what));
            }
            self.fill()?;
        }
    }

    /// The input as one secret: its only line, refusing a second one (an empty input and
    /// an empty line are [`OneLine::Empty`]).
    pub fn one_line(mut self) -> Result<OneLine, InputError> {
        let Some(first) = self.next_line()? else {
            return Ok(OneLine::Empty);
        };
        if self.next_line()?.is_some() {
            return Ok(OneLine::MoreThanOne);
        }
        Ok(if first.is_empty() {
            OneLine::Empty
        } else {
            OneLine::Line(first)
        })
    }

    /// Turns the next `len` pending bytes into a line and consumes `consumed` bytes.
    fn take(&mut self, len: usize, consumed: usize) -> Result<Zeroizing<String>, InputError> {
        let line = trim_cr(&self.buf[self.start..self.start + len]);
        if line.len() > MAX_LINE_BYTES {
            return Err(line_too_long(&self.what));
        }
        let text = std::str::from_utf8(line)
            .map(|s| Zeroizing::new(s.to_owned()))
            .map_err(|_| InputError {
                kind: InputErrorKind::NotUtf8,
                message: format!("the {} in {} is not valid UTF-8", self.what, self.source),
            });
        self.buf[self.start..self.start + consumed].zeroize();
        self.start += consumed;
        self.scanned = 0;
        text
    }

    /// Moves the pending bytes to the front (wiping where they were) and reads more.
    fn fill(&mut self) -> Result<(), InputError> {
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
                    return Err(InputError {
                        message: format!("reading the {} from {}: {e}", self.what, self.source),
                        kind: InputErrorKind::Read(e),
                    })
                }
            }
        };
        // A reader that claims more than it was given is a broken reader, not more input.
        let n = n.min(self.buf.len() - self.end);
        self.end += n;
        self.read += n as u64;
        self.eof = n == 0;
        if self.read > self.limit {
            return Err(InputError {
                kind: InputErrorKind::InputTooLong { limit: self.limit },
                message: format!("{} is longer than {}", self.source, human_size(self.limit)),
            });
        }
        Ok(())
    }
}

/// One `\r` less at the end, if there is one.
fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A secret file's content without one final line ending (`\n` or `\r\n`): the shared
/// token is every other byte.
pub fn without_line_ending(content: &[u8]) -> &[u8] {
    content.strip_suffix(b"\n").map_or(content, trim_cr)
}

/// Reads all of `reader` into one zeroizing buffer of `max + 1` bytes, never reallocated
/// (so no unwiped copy is left behind). `Ok(None)` when it holds more than `max` bytes.
pub fn read_bounded<R: Read>(mut reader: R, max: usize) -> io::Result<Option<Zeroizing<Vec<u8>>>> {
    let mut buf = Zeroizing::new(vec![0u8; max + 1]);
    let mut len = 0;
    loop {
        let n = match reader.read(&mut buf[len..]) {
            Ok(n) => n.min(max + 1 - len),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break;
        }
        len += n;
        if len > max {
            return Ok(None);
        }
    }
    buf.truncate(len);
    Ok(Some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_BATCH_BYTES: u64 = 64 << 20;

    fn lines(input: &[u8]) -> Result<Vec<String>, String> {
        let mut reader = SecretLines::new(input, MAX_BATCH_BYTES, "password", "standard input");
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().map_err(|e| e.to_string())? {
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

    /// Hands out one byte per call, as a slow pipe may.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    /// Found by the `cli_input` fuzz target: each refill searched the whole pending line
    /// for `\n` again, so a 64 KiB line arriving a byte at a time took 2^31 comparisons.
    #[test]
    fn a_long_line_read_a_byte_at_a_time_is_linear() {
        let mut input = vec![b'x'; MAX_LINE_BYTES];
        input.extend_from_slice(b"\r\nshort\n");
        let start = std::time::Instant::now();
        let mut reader = SecretLines::new(Trickle(&input), MAX_BATCH_BYTES, "password", "stdin");
        assert_eq!(reader.next_line().unwrap().unwrap().len(), MAX_LINE_BYTES);
        assert_eq!(reader.next_line().unwrap().unwrap().as_str(), "short");
        assert!(reader.next_line().unwrap().is_none());
        // Quadratic took seconds here (debug build); linear takes milliseconds.
        assert!(
            start.elapsed() < std::time::Duration::from_millis(500),
            "{:?}",
            start.elapsed()
        );
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
        let e = result.unwrap_err();
        assert!(matches!(
            e.kind(),
            InputErrorKind::InputTooLong { limit: 10 }
        ));
        assert_eq!(e.to_string(), "standard input is longer than 10 bytes");
    }

    #[test]
    fn one_line() {
        let one = |input: &[u8]| SecretLines::new(input, 100, "token", "stdin").one_line();
        assert!(matches!(one(b"t0ken\r\n").unwrap(), OneLine::Line(t) if t.as_str() == "t0ken"));
        assert!(matches!(one(b"").unwrap(), OneLine::Empty));
        assert!(matches!(one(b"\n").unwrap(), OneLine::Empty));
        assert!(matches!(one(b"a\nb").unwrap(), OneLine::MoreThanOne));
        assert!(matches!(one(b"a\n\n").unwrap(), OneLine::MoreThanOne));
        let e = one(b"\xff\n").err().unwrap();
        assert_eq!(e.to_string(), "the token in stdin is not valid UTF-8");
    }

    #[test]
    fn line_endings_and_bounded_reads() {
        assert_eq!(without_line_ending(b"s3cret\r\n"), b"s3cret");
        assert_eq!(without_line_ending(b"s3cret\n"), b"s3cret");
        assert_eq!(without_line_ending(b"s3cret\n\n"), b"s3cret\n");
        assert_eq!(without_line_ending(b"s3cret\r"), b"s3cret\r");
        assert_eq!(without_line_ending(b""), b"");
        assert_eq!(&*read_bounded(&b"abc"[..], 3).unwrap().unwrap(), b"abc");
        assert!(read_bounded(&b"abcd"[..], 3).unwrap().is_none());
        assert_eq!(&*read_bounded(&b""[..], 0).unwrap().unwrap(), b"");
    }
}
