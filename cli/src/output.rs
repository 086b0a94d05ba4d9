//! Writing results through a buffer that is wiped after use (generated passwords and
//! tokens pass through it); a closed pipe (`passforge generate -n 9 | head -1`) is not an
//! error.

use std::io::{self, Write};
use std::process::ExitCode;

use zeroize::{Zeroize, Zeroizing};

use crate::CliError;

/// Bytes buffered before a write to the inner writer.
const BUFFER_BYTES: usize = 8 * 1024;

/// A `BufWriter` whose buffer is zeroized after every flush to the inner writer and when
/// dropped. Its buffer never reallocates (a reallocation would leave an unwiped copy).
pub struct ZeroizingWriter<W: Write> {
    inner: W,
    buf: Zeroizing<Vec<u8>>,
}

impl<W: Write> ZeroizingWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            buf: Zeroizing::new(Vec::with_capacity(BUFFER_BYTES)),
        }
    }

    fn write_buffered(&mut self) -> io::Result<()> {
        let result = self.inner.write_all(&self.buf);
        // Wiped whether or not the write succeeded.
        self.buf.zeroize();
        result
    }
}

impl<W: Write> Write for ZeroizingWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len() + data.len() > BUFFER_BYTES {
            self.write_buffered()?;
        }
        if data.len() >= BUFFER_BYTES {
            // Too big to buffer: the caller's bytes go straight through, uncopied.
            return self.inner.write(data);
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_buffered()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for ZeroizingWriter<W> {
    fn drop(&mut self) {
        // Like BufWriter, a last attempt; errors were reported by an explicit flush.
        let _ = self.write_buffered();
    }
}

/// Standard output without std's own line buffer (a copy we could not wipe), behind a
/// zeroizing buffer.
pub fn stdout() -> ZeroizingWriter<Box<dyn Write>> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return ZeroizingWriter::new(Box::new(std::fs::File::from(fd)));
        }
    }
    ZeroizingWriter::new(Box::new(io::stdout()))
}

/// The exit status for a finished write: a closed pipe counts as success.
pub fn finish(result: io::Result<()>) -> Result<ExitCode, CliError> {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(CliError(format!("writing to standard output: {e}"))),
    }
}

/// Runs `write` against [`stdout`] and flushes it.
pub fn with_stdout(
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<ExitCode, CliError> {
    let mut out = stdout();
    finish(write(&mut out).and_then(|()| out.flush()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_every_byte_through_in_order_and_wipes_its_buffer() {
        let mut sink = Vec::new();
        {
            let mut w = ZeroizingWriter::new(&mut sink);
            let big = vec![b'b'; BUFFER_BYTES + 1];
            w.write_all(b"first\n").unwrap();
            w.write_all(&big).unwrap();
            w.write_all(b"last\n").unwrap();
            assert_eq!(w.buf.len(), 5, "the tail is still buffered");
            w.flush().unwrap();
            assert!(w.buf.is_empty());
            assert_eq!(w.buf.capacity(), BUFFER_BYTES, "never reallocated");
        }
        let mut want = b"first\n".to_vec();
        want.extend(vec![b'b'; BUFFER_BYTES + 1]);
        want.extend(b"last\n");
        assert_eq!(sink, want);
    }

    #[test]
    fn drop_writes_what_is_left() {
        let mut sink = Vec::new();
        ZeroizingWriter::new(&mut sink).write_all(b"tail").unwrap();
        assert_eq!(sink, b"tail");
    }
}
