//! Reading one secret (a password, a reset token, a security answer) from standard
//! input, bounded and zeroized: secrets never go on the command line.

use std::io::{self, Read};

use zeroize::Zeroizing;

use crate::CliError;

/// Longest input read; anything longer is refused rather than buffered.
const MAX_INPUT: u64 = 1 << 20;

/// The password on the first line of standard input; see [`read_secret`].
pub fn read_password() -> Result<Zeroizing<String>, CliError> {
    read_secret("password")
}

/// The first line of standard input, without its line ending (`\n` or `\r\n`), named
/// `what` in errors. The buffer is zeroized when dropped.
pub fn read_secret(what: &str) -> Result<Zeroizing<String>, CliError> {
    let mut bytes = Zeroizing::new(Vec::new());
    io::stdin()
        .lock()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError(format!("reading the {what} from standard input: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(CliError(format!(
            "the input on standard input is longer than 1 MiB; give one {what} on one line"
        )));
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
        Err(_) => Err(CliError(format!(
            "the {what} on standard input is not valid UTF-8"
        ))),
    }
}
