//! `passforge token time` and `passforge token verify`: the AD reset service's time-based
//! bearer tokens. The shared token is read from a file, and the token to check from
//! standard input or a file, never from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use passforge::{SharedToken, TimeTokenScheme, Timestamp, TokenAlgorithm};

use crate::clock::now;
use crate::output::with_stdout;
use crate::secret_file::{read_secret_line, read_shared_token};
use crate::secret_input::read_secret;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge token time --secret-file shared.key
  printf '%s\\n' \"$TOKEN\" | passforge token verify --secret-file shared.key")]
pub struct TokenArgs {
    #[command(subcommand)]
    command: TokenCommand,
}

#[derive(Subcommand, Debug)]
enum TokenCommand {
    /// Print the time-based token for an instant (default: now)
    #[command(after_help = "\
Examples:
  passforge token time --secret-file shared.key
  passforge token time --secret-file shared.key --hmac --at 1700000000")]
    Time(TimeArgs),
    /// Check a time-based token read from standard input (or --token-file): exit 0 when
    /// valid, 1 when not
    #[command(after_help = "\
Examples:
  printf '%s\\n' \"$TOKEN\" | passforge token verify --secret-file shared.key
  passforge token verify --secret-file shared.key --token-file presented.txt")]
    Verify(VerifyArgs),
}

#[derive(Args, Debug)]
struct SchemeArgs {
    /// File holding the shared token (one trailing newline is ignored; at most 64 KiB;
    /// refused when group or others can read it: chmod 600)
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
    /// Accept a shared token shorter than 16 bytes (an existing deployment's); new
    /// tokens should be at least 16 random bytes
    #[arg(long)]
    allow_short_secret: bool,
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
    /// Read the token to check from this file (mode 600, one line) instead of standard
    /// input
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
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
        if secret.is_short() && !self.allow_short_secret {
            return Err(CliError(format!(
                "the shared token in {} is shorter than {} bytes; make a new one (e.g. \
                 `head -c 32 /dev/urandom | base64 > FILE`), or pass --allow-short-secret \
                 for an existing deployment's token",
                self.secret_file.display(),
                SharedToken::MIN_BYTES
            )));
        }
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
            let token = match &args.token_file {
                Some(path) => read_secret_line(path, "token")?,
                None => read_secret("token")?,
            };
            match scheme.verify(&secret, token.trim(), at) {
                Some(_) => with_stdout(|out| writeln!(out, "valid")),
                None => {
                    with_stdout(|out| writeln!(out, "invalid"))?;
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}
