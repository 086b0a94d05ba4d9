//! Secret files (`--secret-file`, `--token-file`, `--hash-file`, `--history`): refused
//! when group or others can access them, bounded in size, read into zeroizing buffers.

use std::fs::File;
use std::path::Path;

use passforge::{PasswordHistory, SharedToken};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::secret_lines::{human_size, read_bounded, without_line_ending, OneLine, SecretLines};
use crate::CliError;

/// The largest secret file accepted.
pub const MAX_SECRET_FILE_BYTES: usize = 64 * 1024;

/// Opens a secret file, refusing one that group or others may read or write: a readable
/// one has leaked already, a writable one lets another user choose the secret. The mode
/// is read from the open handle, so the file checked is the file read.
fn open_secret_file(path: &Path) -> Result<File, CliError> {
    let shown = path.display();
    let file =
        File::open(path).map_err(|e| CliError(format!("cannot open secret file {shown}: {e}")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file
            .metadata()
            .map_err(|e| CliError(format!("cannot read secret file {shown}: {e}")))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(CliError(format!(
                "secret file {shown} is accessible by group or others (mode {:o}); \
                 run `chmod 600 {shown}`",
                mode & 0o777
            )));
        }
    }
    Ok(file)
}

/// The whole secret file, at most [`MAX_SECRET_FILE_BYTES`].
fn read_secret_file(path: &Path) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let shown = path.display();
    let file = open_secret_file(path)?;
    read_bounded(file, MAX_SECRET_FILE_BYTES)
        .map_err(|e| CliError(format!("cannot read secret file {shown}: {e}")))?
        .ok_or_else(|| {
            CliError(format!(
                "secret file {shown} is larger than {}",
                human_size(MAX_SECRET_FILE_BYTES as u64)
            ))
        })
}

/// Reads the shared token from `path`. A final `\n` (or `\r\n`) is not part of the secret.
pub fn read_shared_token(path: &Path) -> Result<SharedToken, CliError> {
    let buf = read_secret_file(path)?;
    let secret = without_line_ending(&buf);
    if secret.is_empty() {
        return Err(CliError(format!(
            "secret file {} is empty; put the shared token in it",
            path.display()
        )));
    }
    Ok(SharedToken::new(secret.to_vec())?)
}

/// A file holding one secret line (`what`: "token", "stored hash"): one trailing line
/// ending ignored, more lines or an empty file refused.
pub fn read_secret_line(path: &Path, what: &str) -> Result<Zeroizing<String>, CliError> {
    let source = format!("secret file {}", path.display());
    let buf = read_secret_file(path)?;
    let lines = SecretLines::new(&buf[..], MAX_SECRET_FILE_BYTES as u64, what, &source);
    match lines.one_line()? {
        OneLine::Line(line) => Ok(line),
        OneLine::Empty => Err(CliError(format!("{source} is empty; put the {what} in it"))),
        OneLine::MoreThanOne => Err(CliError(format!(
            "{source} has more than one line; put only the {what} in it"
        ))),
    }
}

/// A password history file: the current password on the first line, then older ones.
pub struct HistoryFile(Vec<Zeroizing<String>>);

/// Reads a history file (a secret file: previous passwords).
pub fn read_history(path: &Path) -> Result<HistoryFile, CliError> {
    let source = format!("history file {}", path.display());
    let buf = read_secret_file(path)?;
    let mut lines = SecretLines::new(
        &buf[..],
        MAX_SECRET_FILE_BYTES as u64,
        "previous password",
        &source,
    );
    let mut passwords = Vec::new();
    while let Some(line) = lines.next_line()? {
        passwords.push(line);
    }
    Ok(HistoryFile(passwords))
}

impl PasswordHistory for HistoryFile {
    type Error = std::convert::Infallible;

    /// The current password and the `depth` before it (the core's convention).
    fn contains(&self, password: &str, depth: u32) -> Result<bool, Self::Error> {
        let depth = usize::try_from(depth).unwrap_or(usize::MAX);
        // Every entry is compared, in constant time, so timing tells nothing of which.
        let found = self
            .0
            .iter()
            .take(depth.saturating_add(1))
            .fold(false, |found, old| {
                found | bool::from(old.as_bytes().ct_eq(password.as_bytes()))
            });
        Ok(found)
    }
}
