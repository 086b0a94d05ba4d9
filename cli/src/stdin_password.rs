//! Reading one password from standard input, bounded and zeroized.

use std::io::{self, Read};

use zeroize::Zeroizing;

use crate::CliError;

/// Longest input read; anything longer is refused rather than buffered.
const MAX_INPUT: u64 = 1 << 20;

/// The first line of standard input, without its line ending (`\n` or `\r\n`). The
/// buffer is zeroized when dropped.
pub fn read_password() -> Result<Zeroizing<String>, CliError> {
    let mut bytes = Zeroizing::new(Vec::new());
    io::stdin()
        .lock()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError(format!("reading the password from standard input: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(CliError(
            "the input on standard input is longer than 1 MiB; give one password on one line"
                .into(),
        ));
    }
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let mut line = &bytes[..end];
    if let [rest @ .., b'\r'] = line {
        line = rest;
    }
    match std::str::from_utf8(line) {
        Ok(s) => Ok(Zeroizing::new(s.to_owned())),
        Err(_) => Err(CliError(
            "the password on standard input is not valid UTF-8".into(),
        )),
    }
}
