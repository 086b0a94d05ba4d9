//! `passforge reset-token issue|verify`: 256-bit reset tokens, stored only as digests.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use passforge::{ResetToken, ResetTokenDigest, ResetTokenError, StoredResetToken, Timestamp};
use serde::Serialize;

use crate::clock;
use crate::output::with_stdout;
use crate::secret_input::read_secret;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge reset-token issue --lifetime 900
  printf '%s\\n' \"$TOKEN\" | passforge reset-token verify --digest \"$DIGEST\" --expires-at \"$EXPIRES\"")]
pub struct ResetTokenArgs {
    #[command(subcommand)]
    command: ResetTokenCommand,
}

#[derive(Subcommand, Debug)]
enum ResetTokenCommand {
    /// Issue a token: prints the token for the user and what to store for `verify`
    /// (token, digest, issued_at, expires_at: one labelled line each, or one JSON object)
    #[command(after_help = "\
Examples:
  passforge reset-token issue --lifetime 900
  passforge reset-token issue --json | jq -r .token

Output (text):
  token: <43 characters: send it to the user, do not store it>
  digest: <64 hex digits: store it>
  issued_at: <RFC 3339>
  expires_at: <RFC 3339: store it>")]
    Issue {
        /// Seconds the token stays valid
        #[arg(long, value_name = "SECONDS", default_value_t = 600)]
        lifetime: u64,
        /// The issue instant [default: now]
        #[arg(long, value_name = "RFC3339")]
        now: Option<String>,
        /// Print {"token", "digest", "issued_at", "expires_at"} instead of labelled lines
        #[arg(short, long)]
        json: bool,
    },
    /// Verify the token on standard input (or typed at a hidden prompt) against its
    /// stored digest: exit 0 when valid, 1 when it does not match or has expired
    #[command(after_help = "\
Examples:
  printf '%s\\n' \"$TOKEN\" | passforge reset-token verify --digest \"$DIGEST\" --expires-at 2026-11-23T12:10:00Z")]
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
            let issued = Issued {
                token: token.as_str(),
                digest: stored.digest.to_hex(),
                issued_at: stored.issued_at.to_rfc3339()?,
                expires_at: stored.expires_at.to_rfc3339()?,
            };
            with_stdout(|out| {
                if json {
                    serde_json::to_writer(&mut *out, &issued)?;
                    writeln!(out)
                } else {
                    // `verify` needs the digest and the expiry: print all of it, labelled.
                    writeln!(out, "token: {}", issued.token)?;
                    writeln!(out, "digest: {}", issued.digest)?;
                    writeln!(out, "issued_at: {}", issued.issued_at)?;
                    writeln!(out, "expires_at: {}", issued.expires_at)
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
