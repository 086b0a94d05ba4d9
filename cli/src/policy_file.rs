//! Reading policy files and operators' blocklists: the I/O the core leaves to us.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use passforge::{Blocklist, Policy, PolicyFormat, UserContext};

use crate::CliError;

/// Largest policy file read; a policy is a few hundred bytes.
const MAX_POLICY_FILE: u64 = 1 << 20;
/// Largest blocklist file read (a few million entries); it is kept in about its own size.
const MAX_BLOCKLIST_FILE: u64 = 64 << 20;

/// `--policy FILE` and the user it is for, as `generate` and `passphrase` take them.
#[derive(Args, Debug)]
pub struct PolicyOptions {
    /// Generate for this policy file (TOML; JSON when it ends in .json)
    #[arg(short, long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// With --policy: the account name the output must not contain
    #[arg(long, value_name = "NAME", requires = "policy")]
    username: Option<String>,
    /// With --policy: the display name whose tokens the output must not contain
    #[arg(long, value_name = "NAME", requires = "policy")]
    display_name: Option<String>,
    /// With --policy: the e-mail address whose local part the output must not contain
    #[arg(long, value_name = "ADDRESS", requires = "policy")]
    email: Option<String>,
    /// With --policy: an extra blocklist file, one forbidden password per line
    #[arg(long, value_name = "FILE", requires = "policy")]
    blocklist: Option<PathBuf>,
}

impl PolicyOptions {
    /// The policy file with its blocklist, when `--policy` is given.
    pub fn load(&self) -> Result<Option<Policy>, CliError> {
        match &self.policy {
            Some(path) => Ok(Some(with_blocklist(
                load_policy(path)?,
                self.blocklist.as_deref(),
            )?)),
            None => Ok(None),
        }
    }

    /// The user the output is for.
    pub fn context(&self) -> UserContext {
        UserContext {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            email: self.email.clone(),
        }
    }
}

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
    String::from_utf8(read_bytes_bounded(path, limit, what)?)
        .map_err(|_| CliError(format!("{what} {} is not UTF-8", path.display())))
}

/// The file's bytes, refused above `limit`.
pub fn read_bytes_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, CliError> {
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
    Ok(bytes)
}
