//! Reading policy files and operators' blocklists: the I/O the core leaves to us.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use passforge::{Blocklist, Policy, PolicyFormat};

use crate::CliError;

/// Largest policy file read; a policy is a few hundred bytes.
const MAX_POLICY_FILE: u64 = 1 << 20;
/// Largest blocklist file read (a few million entries); it is kept in about its own size.
const MAX_BLOCKLIST_FILE: u64 = 64 << 20;

/// Loads a policy file (TOML; JSON when the name ends in `.json`); the error names the
/// file, then the core's reading of it (line, column, the problem).
pub fn load_policy(path: &Path) -> Result<Policy, CliError> {
    let text = read_bounded(path, MAX_POLICY_FILE, "policy file")?;
    let format = PolicyFormat::of_file_name(&path.to_string_lossy());
    Policy::parse(&text, format).map_err(|e| CliError::about_file("policy file", path, &e))
}

/// Adds an operator's blocklist (one password per line) to `policy`.
pub fn with_blocklist(policy: Policy, path: Option<&Path>) -> Result<Policy, CliError> {
    match path {
        None => Ok(policy),
        Some(path) => {
            let text = read_bounded(path, MAX_BLOCKLIST_FILE, "blocklist")?;
            Ok(policy.with_blocklist(Blocklist::from_text(&text)))
        }
    }
}

pub fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<String, CliError> {
    let file = File::open(path)
        .map_err(|e| CliError(format!("cannot open {what} {}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError(format!("cannot read {what} {}: {e}", path.display())))?;
    if bytes.len() as u64 > limit {
        return Err(CliError(format!(
            "{what} {} is larger than {} MiB",
            path.display(),
            limit >> 20
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| CliError(format!("{what} {} is not UTF-8", path.display())))
}
