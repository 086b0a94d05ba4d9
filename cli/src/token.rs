//! `passforge token time`, `passforge token verify` and `passforge token request
//! issue|verify`: the AD reset service's time-based bearer tokens and the per-request
//! tokens for new clients. The shared token is read from a file, and the token to check
//! from standard input or a file, never from the command line.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use passforge::{
    request_binding, AcceptedToken, RequestTokenScheme, SharedToken, TimeTokenScheme, Timestamp,
    TokenAlgorithm,
};
use serde::Serialize;

use crate::clock::now;
use crate::output::with_stdout;
use crate::secret_file::{read_secret_line, read_shared_token};
use crate::secret_input::{human_size, read_secret};
use crate::CliError;

/// The largest request body `--body-file` reads.
const MAX_BODY_BYTES: u64 = 64 << 20;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge token time --secret-file shared.key
  printf '%s\\n' \"$TOKEN\" | passforge token verify --secret-file shared.key
  passforge token request issue --secret-file shared.key --method POST --path /v1/reset --body-file body.json")]
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
    /// Per-request tokens (v1.<window>.<nonce>.<mac>): each request gets its own token,
    /// bound to its method, path and body, so a replay guard can accept each request once
    Request(RequestArgs),
}

#[derive(Args, Debug)]
struct SecretArgs {
    /// File holding the shared token (one trailing newline is ignored; at most 64 KiB;
    /// refused when group or others can read it: chmod 600)
    #[arg(long, value_name = "FILE")]
    secret_file: PathBuf,
    /// Accept a shared token shorter than 16 bytes (an existing deployment's); new
    /// tokens should be at least 16 random bytes
    #[arg(long)]
    allow_short_secret: bool,
}

#[derive(Args, Debug)]
struct WindowArgs {
    /// The instant, in Unix seconds [default: now]
    #[arg(long, value_name = "UNIX_SECONDS", allow_hyphen_values = true)]
    at: Option<i64>,
    /// Window length in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = TimeTokenScheme::DEFAULT_PERIOD_SECONDS)]
    period: u64,
}

#[derive(Args, Debug)]
struct SchemeArgs {
    #[command(flatten)]
    secret: SecretArgs,
    #[command(flatten)]
    window: WindowArgs,
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
    /// Read the token to check from this file (mode 600, one line) instead of standard
    /// input
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Neighbouring windows accepted on each side
    #[arg(long, value_name = "N", default_value_t = TimeTokenScheme::DEFAULT_SKEW_WINDOWS)]
    skew: u32,
}

impl SecretArgs {
    fn load(&self) -> Result<SharedToken, CliError> {
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
        Ok(secret)
    }
}

impl WindowArgs {
    fn at(&self) -> Result<Timestamp, CliError> {
        match self.at {
            Some(seconds) => Ok(Timestamp::from_unix_seconds(seconds)),
            None => now(),
        }
    }
}

impl SchemeArgs {
    fn load(&self, skew: u32) -> Result<(TimeTokenScheme, SharedToken, Timestamp), CliError> {
        let algorithm = if self.hmac {
            TokenAlgorithm::HmacSha256
        } else {
            TokenAlgorithm::Sha1
        };
        let scheme = TimeTokenScheme::new(algorithm, self.window.period, skew)?;
        Ok((scheme, self.secret.load()?, self.window.at()?))
    }
}

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge token request issue --secret-file shared.key --method POST --path /v1/reset --body-file body.json
  printf '%s\\n' \"$TOKEN\" | passforge token request verify --secret-file shared.key --method POST --path /v1/reset --body-file body.json")]
struct RequestArgs {
    #[command(subcommand)]
    command: RequestCommand,
}

#[derive(Subcommand, Debug)]
enum RequestCommand {
    /// Print the token for one request: v1.<window>.<nonce>.<mac>, with a fresh random
    /// nonce (send it as `Authorization: Bearer <token>`)
    #[command(after_help = "\
Examples:
  passforge token request issue --secret-file shared.key --method POST --path /v1/reset --body-file body.json
  passforge token request issue --secret-file shared.key --method GET --path /v1/status --json")]
    Issue(RequestIssueArgs),
    /// Check a request token read from standard input (or --token-file) against the
    /// request it must be for: exit 0 when valid, 1 when not
    #[command(after_help = "\
Examples:
  printf '%s\\n' \"$TOKEN\" | passforge token request verify --secret-file shared.key --method GET --path /v1/status")]
    Verify(RequestVerifyArgs),
}

#[derive(Args, Debug)]
struct BindingArgs {
    /// The request's HTTP method, exactly as sent (e.g. POST)
    #[arg(long, value_name = "METHOD")]
    method: String,
    /// The request's path as in the request line, with its query if any
    #[arg(long, value_name = "PATH")]
    path: String,
    /// File holding the exact request body (at most 64 MiB) [default: an empty body]
    #[arg(long, value_name = "FILE")]
    body_file: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct RequestIssueArgs {
    #[command(flatten)]
    secret: SecretArgs,
    #[command(flatten)]
    binding: BindingArgs,
    #[command(flatten)]
    window: WindowArgs,
    /// The nonce, 16 to 64 characters of A-Z a-z 0-9 _ - (only to reproduce a token: a
    /// nonce is for one request) [default: 24 random bytes from the OS, base64url]
    #[arg(long, value_name = "NONCE", allow_hyphen_values = true)]
    nonce: Option<String>,
    /// Print {"token", "window", "nonce", "binding"} instead of the token alone
    #[arg(short, long)]
    json: bool,
}

#[derive(Args, Debug)]
struct RequestVerifyArgs {
    #[command(flatten)]
    secret: SecretArgs,
    #[command(flatten)]
    binding: BindingArgs,
    #[command(flatten)]
    window: WindowArgs,
    /// Read the token to check from this file (mode 600, one line) instead of standard
    /// input
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Neighbouring windows accepted on each side
    #[arg(long, value_name = "N", default_value_t = TimeTokenScheme::DEFAULT_SKEW_WINDOWS)]
    skew: u32,
    /// Print {"valid", "window", "valid_until"} instead of valid/invalid
    #[arg(short, long)]
    json: bool,
}

impl BindingArgs {
    /// `METHOD PATH\nsha256(body)`, the body read from `--body-file`.
    fn binding(&self) -> Result<String, CliError> {
        let body = match &self.body_file {
            Some(path) => read_body(path)?,
            None => Vec::new(),
        };
        Ok(request_binding(&self.method, &self.path, &body))
    }
}

fn read_body(path: &Path) -> Result<Vec<u8>, CliError> {
    let shown = path.display();
    let file =
        File::open(path).map_err(|e| CliError(format!("cannot open body file {shown}: {e}")))?;
    let mut body = Vec::new();
    file.take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| CliError(format!("cannot read body file {shown}: {e}")))?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err(CliError(format!(
            "body file {shown} is larger than {}",
            human_size(MAX_BODY_BYTES)
        )));
    }
    Ok(body)
}

/// The token to check: standard input (or a hidden prompt), or `--token-file`.
fn presented(token_file: Option<&Path>) -> Result<zeroize::Zeroizing<String>, CliError> {
    match token_file {
        Some(path) => read_secret_line(path, "token"),
        None => read_secret("token"),
    }
}

#[derive(Serialize)]
struct Issued<'a> {
    token: &'a str,
    window: i64,
    nonce: &'a str,
    binding: &'a str,
}

#[derive(Serialize)]
struct Verdict {
    valid: bool,
    window: Option<i64>,
    /// Unix seconds: the first instant the token is refused.
    valid_until: Option<i64>,
}

fn issue_request(args: RequestIssueArgs) -> Result<ExitCode, CliError> {
    let scheme =
        RequestTokenScheme::new(args.window.period, TimeTokenScheme::DEFAULT_SKEW_WINDOWS)?;
    let secret = args.secret.load()?;
    let at = args.window.at()?;
    let binding = args.binding.binding()?;
    let nonce = match args.nonce {
        Some(nonce) => nonce,
        None => RequestTokenScheme::nonce()?,
    };
    let token = zeroize::Zeroizing::new(scheme.token(&secret, at, &nonce, &binding)?);
    with_stdout(|out| {
        if args.json {
            let issued = Issued {
                token: &token,
                window: scheme.window(at),
                nonce: &nonce,
                binding: &binding,
            };
            serde_json::to_writer(&mut *out, &issued)?;
            writeln!(out)
        } else {
            writeln!(out, "{}", token.as_str())
        }
    })
}

fn verify_request(args: RequestVerifyArgs) -> Result<ExitCode, CliError> {
    let scheme = RequestTokenScheme::new(args.window.period, args.skew)?;
    let secret = args.secret.load()?;
    let at = args.window.at()?;
    let binding = args.binding.binding()?;
    let token = presented(args.token_file.as_deref())?;
    let accepted = scheme.verify(&secret, token.trim(), &binding, at);
    report(accepted, args.json)
}

/// `valid` / `invalid` (or the JSON verdict); exit 1 when invalid.
fn report(accepted: Option<AcceptedToken>, json: bool) -> Result<ExitCode, CliError> {
    let verdict = Verdict {
        valid: accepted.is_some(),
        window: accepted.map(|a| a.window),
        valid_until: accepted.map(|a| a.valid_until.unix_seconds()),
    };
    with_stdout(|out| {
        if json {
            serde_json::to_writer(&mut *out, &verdict)?;
            writeln!(out)
        } else {
            writeln!(out, "{}", if verdict.valid { "valid" } else { "invalid" })
        }
    })?;
    Ok(if verdict.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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
            let token = presented(args.token_file.as_deref())?;
            report(scheme.verify(&secret, token.trim(), at), false)
        }
        TokenCommand::Request(args) => match args.command {
            RequestCommand::Issue(args) => issue_request(args),
            RequestCommand::Verify(args) => verify_request(args),
        },
    }
}
