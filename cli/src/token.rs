//! `passforge token time` and `passforge token verify`: the AD reset service's time-based
//! bearer tokens. The shared token is read from a file, never from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use passforge::{SharedToken, TimeTokenScheme, Timestamp, TokenAlgorithm};

use crate::clock::now;
use crate::output::with_stdout;
use crate::secret_file::read_shared_token;
use crate::CliError;

#[derive(Args, Debug)]
pub struct TokenArgs {
    #[command(subcommand)]
    command: TokenCommand,
}

#[derive(Subcommand, Debug)]
enum TokenCommand {
    /// Print the time-based token for an instant (default: now)
    Time(TimeArgs),
    /// Check a time-based token: exit 0 when valid, 1 when not
    Verify(VerifyArgs),
}

#[derive(Args, Debug)]
struct SchemeArgs {
    /// File holding the shared token (one trailing newline is ignored; at most 64 KiB)
    #[arg(long, value_name = "FILE")]
    secret_file: PathBuf,
    /// The instant, in Unix seconds [default: now]
    #[arg(long, value_name = "UNIX_SECONDS", allow_hyphen_values = true)]
    at: Option<i64>,
    /// Window length in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = TimeTokenScheme::DEFAULT_PERIOD_SECONDS)]
    period: u64,
    /// Use HMAC-SHA256 (key: the shared token) instead of the compatible SHA-1 scheme
    #[arg(long)]
    hmac: bool,
}

#[derive(Args, Debug)]
struct TimeArgs {
    #[command(flatten)]
    scheme: SchemeArgs,
}

#[derive(Args, Debug)]
struct VerifyArgs {
    #[command(flatten)]
    scheme: SchemeArgs,
    /// The token to check
    #[arg(long, value_name = "TOKEN")]
    token: String,
    /// Neighbouring windows accepted on each side
    #[arg(long, value_name = "N", default_value_t = TimeTokenScheme::DEFAULT_SKEW_WINDOWS)]
    skew: u32,
}

impl SchemeArgs {
    fn load(&self, skew: u32) -> Result<(TimeTokenScheme, SharedToken, Timestamp), CliError> {
        let algorithm = if self.hmac {
            TokenAlgorithm::HmacSha256
        } else {
            TokenAlgorithm::Sha1
        };
        let scheme = TimeTokenScheme::new(algorithm, self.period, skew)?;
        let secret = read_shared_token(&self.secret_file)?;
        let at = match self.at {
            Some(seconds) => Timestamp::from_unix_seconds(seconds),
            None => now()?,
        };
        Ok((scheme, secret, at))
    }
}

pub fn run(args: TokenArgs) -> Result<ExitCode, CliError> {
    match args.command {
        TokenCommand::Time(args) => {
            let (scheme, secret, at) = args.scheme.load(TimeTokenScheme::DEFAULT_SKEW_WINDOWS)?;
            let token = scheme.token_at(&secret, at);
            with_stdout(|out| writeln!(out, "{token}"))
        }
        TokenCommand::Verify(args) => {
            let (scheme, secret, at) = args.scheme.load(args.skew)?;
            match scheme.verify(&secret, &args.token, at) {
                Some(_) => with_stdout(|out| writeln!(out, "valid")),
                None => {
                    with_stdout(|out| writeln!(out, "invalid"))?;
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}
