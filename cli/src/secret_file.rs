//! Reading a shared secret from a file: bounded in size, one trailing newline ignored,
//! empty refused, and every buffer zeroized.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use passforge::SharedToken;
use zeroize::Zeroizing;

use crate::CliError;

/// The largest secret file accepted.
pub const MAX_SECRET_FILE_BYTES: usize = 64 * 1024;

/// Reads the shared token from `path`. A final `\n` (or `\r\n`) is not part of the secret.
pub fn read_shared_token(path: &Path) -> Result<SharedToken, CliError> {
    let shown = path.display();
    let mut file =
        File::open(path).map_err(|e| CliError(format!("cannot open secret file {shown}: {e}")))?;
    // One buffer of fixed size, never reallocated, so no unzeroized copy is left behind.
    let mut buf = Zeroizing::new(vec![0u8; MAX_SECRET_FILE_BYTES + 1]);
    let mut len = 0;
    loop {
        let n = file
            .read(&mut buf[len..])
            .map_err(|e| CliError(format!("cannot read secret file {shown}: {e}")))?;
        if n == 0 {
            break;
        }
        len += n;
        if len > MAX_SECRET_FILE_BYTES {
            return Err(CliError(format!(
                "secret file {shown} is larger than {MAX_SECRET_FILE_BYTES} bytes"
            )));
        }
    }
    let mut secret = &buf[..len];
    if let Some(rest) = secret.strip_suffix(b"\n") {
        secret = rest.strip_suffix(b"\r").unwrap_or(rest);
    }
    if secret.is_empty() {
        return Err(CliError(format!(
            "secret file {shown} is empty; put the shared token in it"
        )));
    }
    Ok(SharedToken::new(secret.to_vec())?)
}
