//! `passforge reset-token issue|verify`: 256-bit reset tokens, stored only as digests.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use passforge::{ResetToken, ResetTokenDigest, ResetTokenError, StoredResetToken, Timestamp};
use serde::Serialize;

use crate::clock;
use crate::output::with_stdout;
use crate::stdin_password::read_secret;
use crate::CliError;

#[derive(Args, Debug)]
pub struct ResetTokenArgs {
    #[command(subcommand)]
    command: ResetTokenCommand,
}

#[derive(Subcommand, Debug)]
enum ResetTokenCommand {
    /// Issue a token: prints it, or with --json the token and what to store
    /// ({"token", "digest", "issued_at", "expires_at"})
    Issue {
        /// Seconds the token stays valid
        #[arg(long, value_name = "SECONDS", default_value_t = 600)]
        lifetime: u64,
        /// The issue instant [default: now]
        #[arg(long, value_name = "RFC3339")]
        now: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Verify the token on standard input against its stored digest: exit 0 when valid,
    /// 1 when it does not match or has expired
    Verify {
        /// The stored SHA-256 digest, 64 hex digits
        #[arg(long, value_name = "HEX")]
        digest: String,
        /// The stored expiry instant
        #[arg(long, value_name = "RFC3339")]
        expires_at: String,
        /// The instant to check at [default: now]
        #[arg(long, value_name = "RFC3339")]
        now: Option<String>,
    },
}

#[derive(Serialize)]
struct Issued<'a> {
    token: &'a str,
    digest: String,
    issued_at: String,
    expires_at: String,
}

fn instant(text: Option<&str>) -> Result<Timestamp, CliError> {
    match text {
        Some(text) => Ok(Timestamp::parse_rfc3339(text)?),
        None => clock::now(),
    }
}

pub fn run(args: ResetTokenArgs) -> Result<ExitCode, CliError> {
    match args.command {
        ResetTokenCommand::Issue {
            lifetime,
            now,
            json,
        } => {
            let token = ResetToken::issue(instant(now.as_deref())?, Duration::from_secs(lifetime))?;
            let stored = token.stored();
            with_stdout(|out| {
                if json {
                    let issued = Issued {
                        token: token.as_str(),
                        digest: stored.digest.to_hex(),
                        issued_at: stored
                            .issued_at
                            .to_rfc3339()
                            .map_err(std::io::Error::other)?,
                        expires_at: stored
                            .expires_at
                            .to_rfc3339()
                            .map_err(std::io::Error::other)?,
                    };
                    serde_json::to_writer(&mut *out, &issued)?;
                    writeln!(out)
                } else {
                    writeln!(out, "{}", token.as_str())
                }
            })
        }
        ResetTokenCommand::Verify {
            digest,
            expires_at,
            now,
        } => {
            let expires_at = Timestamp::parse_rfc3339(&expires_at)?;
            // Verification reads only the digest and the expiry.
            let stored = StoredResetToken {
                digest: ResetTokenDigest::from_hex(&digest)?,
                issued_at: expires_at,
                expires_at,
            };
            let now = instant(now.as_deref())?;
            let presented = read_secret("reset token")?;
            let verdict = match stored.verify(presented.trim(), now) {
                Ok(()) => "valid".to_owned(),
                Err(e @ (ResetTokenError::Mismatch | ResetTokenError::Expired)) => {
                    format!("invalid: {e}")
                }
                Err(e) => return Err(e.into()),
            };
            let valid = verdict == "valid";
            with_stdout(|out| writeln!(out, "{verdict}"))?;
            Ok(if valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
