//! The CLI's secret readers: `SecretLines` (standard input, `check --batch`, token, hash
//! and history files), one-secret-line input, the shared token's line ending and the
//! bounded read of a secret file. The target includes the CLI's own
//! `cli/src/secret_lines.rs`, so what is fuzzed is what the binary runs.
//!
//! Properties, against a model that splits on `\n` and strips one `\r`: within the input
//! limit the lines (and the first error: a line over 64 KiB, or not UTF-8) are exactly the
//! model's, whatever the reader's chunk sizes and `Interrupted` retries; past the limit,
//! or with a reader that fails, the lines are a prefix of the model's and the error is the
//! limit, the reader's, or the model's next one; error messages are fixed texts that never
//! hold input bytes; `one_line` is the model's only line, `Empty` or `MoreThanOne`; the
//! line ending is stripped exactly once; a bounded read returns the input exactly when it
//! fits. Every input answers within the time bound (a quadratic rescan of a long line
//! read one byte at a time is a finding).
#![no_main]

use std::io::{self, Read};
use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;

#[path = "../../cli/src/secret_lines.rs"]
mod secret_lines;

use secret_lines::{
    human_size, read_bounded, without_line_ending, InputErrorKind, OneLine, SecretLines,
    MAX_LINE_BYTES,
};

mod bound;

/// The time bound per input, plus [`PER_BYTE`] for each byte: the harness reads each
/// input (at most about 260 KB) four times, through readers as slow as one byte per
/// call, and a line costs an allocation and a wipe, so linear work is allowed for. A
/// slower input is a finding: superlinear work (a rescan per refill took 500 ms for one
/// 18 KB line) exceeds it.
const BOUND: Duration = Duration::from_millis(250);
/// Time allowed per input byte (measured under coverage instrumentation: about 3 µs a
/// byte for 65 536 empty lines, i.e. 600 ns per line and pass, on a loaded machine).
const PER_BYTE: Duration = Duration::from_micros(3);
/// The most bytes an assembled input holds: four longest lines.
const MAX_INPUT: usize = 4 * (MAX_LINE_BYTES + 2);
const WHAT: &str = "password";
const SOURCE: &str = "standard input";

#[derive(Arbitrary, Debug)]
enum Case {
    /// Raw bytes (the seeds' shape): `mode` picks the chunk size (`mode % 8`, 0 = all at
    /// once) and the limit (`mode / 8 % 4`).
    Text { mode: u8, input: Rest },
    /// An input assembled from pieces, which reach the 64 KiB line cap in a short case.
    Built {
        pieces: Vec<Piece>,
        reader: ReaderPlan,
        limit: Limit,
    },
}

/// The rest of the input, byte for byte. (`Vec<u8>` as a last field reads a continuation
/// bit before each element, so raw seeds would decode as almost nothing.)
#[derive(Debug)]
struct Rest(Vec<u8>);

impl<'a> Arbitrary<'a> for Rest {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Self(<&[u8]>::arbitrary(u)?.to_vec()))
    }

    fn arbitrary_take_rest(u: Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Self(u.take_rest().to_vec()))
    }
}

#[derive(Arbitrary, Debug)]
enum Piece {
    Bytes(Vec<u8>),
    Run {
        byte: u8,
        len: u16,
    },
    /// A run of `MAX_LINE_BYTES - 3 + delta % 7` bytes: the edges of the line cap.
    NearMax {
        byte: u8,
        delta: u8,
    },
    Newline,
    CrLf,
}

#[derive(Arbitrary, Debug, Clone)]
struct ReaderPlan {
    /// Bytes per `read` call, cycled (0: an `Interrupted` error, then the next); empty or
    /// all zeros: as much as asked.
    chunks: Vec<u8>,
    /// Fail (not `Interrupted`) once this many bytes were delivered.
    fail_after: Option<u32>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Limit {
    /// `check --batch`: 64 MiB.
    Batch,
    /// One secret on standard input: a longest line and `\r\n`.
    OneLine,
    /// A secret file: 64 KiB.
    File,
    /// Small limits, which the input crosses.
    Small(u16),
}

impl Limit {
    fn bytes(self) -> u64 {
        match self {
            Self::Batch => 64 << 20,
            Self::OneLine => MAX_LINE_BYTES as u64 + 2,
            Self::File => 64 * 1024,
            Self::Small(n) => u64::from(n),
        }
    }
}

/// A reader that hands out `data` in the planned chunks.
struct Chunked<'a> {
    data: &'a [u8],
    pos: usize,
    plan: &'a [u8],
    step: usize,
    fail_after: Option<usize>,
}

impl<'a> Chunked<'a> {
    fn new(data: &'a [u8], plan: &'a ReaderPlan) -> Self {
        let chunks: &[u8] = if plan.chunks.iter().all(|&c| c == 0) {
            &[]
        } else {
            &plan.chunks
        };
        Self {
            data,
            pos: 0,
            plan: chunks,
            step: 0,
            fail_after: plan.fail_after.map(|n| n as usize),
        }
    }
}

impl Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let remaining = self.data.len() - self.pos;
        if remaining == 0 {
            return Ok(0);
        }
        if self.fail_after.is_some_and(|f| self.pos >= f) {
            return Err(io::Error::other("the disk went away"));
        }
        let mut n = buf.len().min(remaining);
        if !self.plan.is_empty() {
            let chunk = self.plan[self.step % self.plan.len()];
            self.step += 1;
            if chunk == 0 {
                return Err(io::ErrorKind::Interrupted.into());
            }
            n = n.min(usize::from(chunk));
        }
        if let Some(f) = self.fail_after {
            n = n.min(f - self.pos);
        }
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// What the model reads: lines, then at most one error.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    Line(Vec<u8>),
    TooLong,
    NotUtf8,
}

fn model(input: &[u8]) -> Vec<Step> {
    let mut out = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let (raw, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.len() > MAX_LINE_BYTES {
            out.push(Step::TooLong);
            return out;
        }
        if std::str::from_utf8(line).is_err() {
            out.push(Step::NotUtf8);
            return out;
        }
        out.push(Step::Line(line.to_vec()));
        rest = next;
    }
    out
}

/// How a run ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    Done,
    TooLong,
    NotUtf8,
    InputTooLong,
    Read,
}

/// Reads every line, checking each error's message (a fixed text, never input bytes).
fn read_all<R: Read>(reader: R, limit: u64) -> (Vec<Vec<u8>>, End) {
    let mut lines = SecretLines::new(reader, limit, WHAT, SOURCE);
    let mut out = Vec::new();
    loop {
        match lines.next_line() {
            Ok(Some(line)) => {
                assert!(line.len() <= MAX_LINE_BYTES);
                out.push(line.as_bytes().to_vec());
            }
            Ok(None) => return (out, End::Done),
            Err(e) => {
                let message = e.to_string();
                let end = match e.kind() {
                    InputErrorKind::LineTooLong => {
                        assert_eq!(message, "the password is longer than 64 KiB");
                        End::TooLong
                    }
                    InputErrorKind::NotUtf8 => {
                        assert_eq!(message, "the password in standard input is not valid UTF-8");
                        End::NotUtf8
                    }
                    InputErrorKind::InputTooLong { limit: l } => {
                        assert_eq!(*l, limit);
                        let expected =
                            format!("standard input is longer than {}", human_size(limit));
                        assert_eq!(message, expected);
                        End::InputTooLong
                    }
                    InputErrorKind::Read(_) => {
                        assert_eq!(
                            message,
                            "reading the password from standard input: the disk went away"
                        );
                        End::Read
                    }
                };
                return (out, end);
            }
        }
    }
}

fn model_end(step: Option<&Step>) -> End {
    match step {
        None => End::Done,
        Some(Step::TooLong) => End::TooLong,
        Some(Step::NotUtf8) => End::NotUtf8,
        Some(Step::Line(_)) => unreachable!("lines are not ends"),
    }
}

/// Checks one run against the model: exact within the limit with a sound reader, else a
/// prefix of the model followed by the limit, the reader's failure or the model's error.
fn check_lines(input: &[u8], expected: &[Step], plan: &ReaderPlan, limit: u64) {
    let (lines, end) = read_all(Chunked::new(input, plan), limit);
    let model_lines: Vec<&[u8]> = expected
        .iter()
        .map_while(|s| match s {
            Step::Line(l) => Some(l.as_slice()),
            _ => None,
        })
        .collect();
    let error = expected.get(model_lines.len());
    let fails = plan.fail_after.is_some_and(|f| (f as usize) < input.len());
    if input.len() as u64 <= limit && !fails {
        assert_eq!(lines, model_lines, "lines");
        assert_eq!(end, model_end(error), "end");
        return;
    }
    assert!(
        lines.len() <= model_lines.len(),
        "more lines than the input has"
    );
    assert_eq!(
        lines[..],
        model_lines[..lines.len()],
        "not the input's lines"
    );
    match end {
        End::InputTooLong => assert!(input.len() as u64 > limit),
        End::Read => assert!(fails),
        End::Done => panic!("read to the end past the limit or a failing reader"),
        // The model's error, at the model's place.
        other => {
            assert_eq!(lines.len(), model_lines.len());
            assert_eq!(other, model_end(error));
        }
    }
}

/// `one_line` agrees with the model (it stops after a second line).
fn check_one_line(input: &[u8], expected: &[Step], plan: &ReaderPlan, limit: u64) {
    let fails = plan.fail_after.is_some_and(|f| (f as usize) < input.len());
    if input.len() as u64 > limit || fails {
        // Prefix semantics as above; `read_all` covers them.
        return;
    }
    let got = SecretLines::new(Chunked::new(input, plan), limit, WHAT, SOURCE).one_line();
    match (expected, got) {
        ([], Ok(OneLine::Empty)) => {}
        ([Step::Line(l)], Ok(OneLine::Empty)) => assert!(l.is_empty()),
        ([Step::Line(l)], Ok(OneLine::Line(got))) => assert_eq!(got.as_bytes(), &l[..]),
        ([Step::Line(_), Step::Line(_), ..], Ok(OneLine::MoreThanOne)) => {}
        ([Step::Line(_), Step::TooLong | Step::NotUtf8, ..], Err(_)) => {}
        ([Step::TooLong | Step::NotUtf8, ..], Err(_)) => {}
        (expected, got) => panic!(
            "one_line: model {expected:?}, got {}",
            match got {
                Ok(OneLine::Empty) => "Empty".to_owned(),
                Ok(OneLine::MoreThanOne) => "MoreThanOne".to_owned(),
                Ok(OneLine::Line(l)) => format!("Line({} bytes)", l.len()),
                Err(e) => format!("Err({e})"),
            }
        ),
    }
}

fn check_file(input: &[u8], plan: &ReaderPlan, max: usize) {
    let fails = plan.fail_after.is_some_and(|f| (f as usize) < input.len());
    match read_bounded(Chunked::new(input, plan), max) {
        Ok(Some(content)) => {
            assert!(input.len() <= max && !fails);
            assert_eq!(&content[..], input);
        }
        Ok(None) => assert!(input.len() > max),
        Err(e) => {
            assert!(fails, "{e}");
            assert_eq!(e.to_string(), "the disk went away");
        }
    }
    let stripped = without_line_ending(input);
    let ending = &input[stripped.len()..];
    assert!(matches!(ending, b"" | b"\n" | b"\r\n"), "{ending:?}");
    assert_eq!(ending.is_empty(), !input.ends_with(b"\n"));
}

fn assemble(pieces: &[Piece]) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Bytes(b) => out.extend_from_slice(b),
            Piece::Run { byte, len } => out.extend(std::iter::repeat_n(*byte, usize::from(*len))),
            Piece::NearMax { byte, delta } => {
                let len = MAX_LINE_BYTES - 3 + usize::from(delta % 7);
                out.extend(std::iter::repeat_n(*byte, len));
            }
            Piece::Newline => out.push(b'\n'),
            Piece::CrLf => out.extend_from_slice(b"\r\n"),
        }
        if out.len() >= MAX_INPUT {
            out.truncate(MAX_INPUT);
            break;
        }
    }
    out
}

fn check(input: &[u8], plan: &ReaderPlan, limit: Limit) {
    let expected = model(input);
    let bytes = limit.bytes();
    check_lines(input, &expected, plan, bytes);
    // The same input in one piece gives the same lines.
    check_lines(
        input,
        &expected,
        &ReaderPlan {
            chunks: Vec::new(),
            fail_after: None,
        },
        bytes,
    );
    check_one_line(input, &expected, plan, bytes);
    check_file(
        input,
        plan,
        usize::try_from(bytes.min(1 << 20)).unwrap_or(usize::MAX),
    );
}

fuzz_target!(|case: Case| {
    let (input, plan, limit) = match case {
        Case::Text { mode, input } => {
            let chunk = mode % 8;
            let plan = ReaderPlan {
                chunks: if chunk == 0 { Vec::new() } else { vec![chunk] },
                fail_after: None,
            };
            let limit = [Limit::Batch, Limit::OneLine, Limit::File, Limit::Small(64)]
                [usize::from(mode / 8 % 4)];
            (input.0, plan, limit)
        }
        Case::Built {
            pieces,
            reader,
            limit,
        } => (assemble(&pieces), reader, limit),
    };
    let allowed = BOUND + PER_BYTE * u32::try_from(input.len()).unwrap_or(u32::MAX);
    bound::within(|_| allowed, || check(&input, &plan, limit));
});
