//! Writing results: a closed pipe (`passforge generate --count 9 | head -1`) is not an error.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::CliError;

/// Runs `write` against a buffered stdout and flushes it.
pub fn with_stdout(
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<ExitCode, CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(CliError(format!("writing to standard output: {e}"))),
    }
}
