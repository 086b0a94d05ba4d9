//! `passforge`: generate passwords from the command line.
//!
//! Exit status: 0 on success, 1 when a check answers "no", 2 on bad usage or settings
//! (with one `error:` line on stderr).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod answer;
mod check;
mod clock;
mod code;
mod docs;
mod error_codes;
mod expiry;
mod generate;
mod output;
mod passphrase;
mod policy_cmd;
mod policy_file;
mod pso;
mod reminder_delay;
mod reset_token;
mod secret_file;
mod secret_input;
mod secret_lines;
mod secrets;
mod token;
mod usage_error;

/// Exactly uniform passwords, strength checks and password policies.
#[derive(Parser, Debug)]
#[command(
    name = "passforge",
    version,
    about,
    long_about = None,
    after_help = "\
Examples:
  passforge generate -n 5 -l 16
  printf 'Summer2024\\n' | passforge check -p examples/policy-ad.toml
  passforge completions bash > /etc/bash_completion.d/passforge

Secrets (passwords, tokens, answers) are read from standard input, a hidden prompt or a
file of mode 600, never from the command line."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Generate passwords (every password the settings allow is equally likely).
    Generate(Box<generate::GenerateArgs>),
    /// Generate passphrases from the EFF large word list or your own (exactly uniform).
    Passphrase(Box<passphrase::PassphraseArgs>),
    /// Print one PIN: decimal digits, every PIN of the length equally likely.
    Pin(secrets::PinArgs),
    /// Print one URL-safe token: random bytes in unpadded base64url.
    UrlToken(secrets::UrlTokenArgs),
    /// Check the password on standard input against a policy (exit 0 complies, 1 not).
    Check(check::CheckArgs),
    /// Work on policy files.
    Policy(policy_cmd::PolicyArgs),
    /// The AD reset service's time-based bearer tokens (secret read from a file).
    Token(token::TokenArgs),
    /// Print one one-time code (SMS / e-mail).
    Code(code::CodeArgs),
    /// When a password expires, the days left, and whether to remind.
    Expiry(expiry::ExpiryArgs),
    /// The reminder job's random delay in seconds, uniform in [0, max).
    ReminderDelay(reminder_delay::ReminderDelayArgs),
    /// Password-reset tokens: issue one, or verify one against its stored digest.
    ResetToken(reset_token::ResetTokenArgs),
    /// Security answers: hash one for storage, or verify one (answers read from stdin).
    Answer(answer::AnswerArgs),
    /// Print a shell completion script for passforge.
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff) for passforge.
    Man(docs::ManArgs),
    /// List every error code (the code that starts an `error:` line) and its meaning.
    ErrorCodes(error_codes::ErrorCodesArgs),
}

/// A failure to report as `error: …` with exit status 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl CliError {
    /// A passforge error about a file: `CODE: what FILE: message`.
    pub fn about_file(what: &str, path: &std::path::Path, e: &dyn passforge::ErrorCode) -> Self {
        Self(format!("{}: {what} {}: {e}", e.code(), path.display()))
    }
}

/// A passforge error's line starts with its code (`CLASS_EMPTY: …`, as `check` prints
/// violations), so scripts can match it and docs/error-codes.md explains it.
impl<E: std::error::Error + 'static> From<E> for CliError {
    fn from(e: E) -> Self {
        match passforge::code_of(&e) {
            Some(code) => Self(format!("{code}: {e}")),
            None => Self(e.to_string()),
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return report_clap_error(e),
    };
    let result = match cli.command {
        Command::Generate(args) => generate::run(*args),
        Command::Passphrase(args) => passphrase::run(*args),
        Command::Pin(args) => secrets::run_pin(args),
        Command::UrlToken(args) => secrets::run_url_token(args),
        Command::Check(args) => check::run(args),
        Command::Policy(args) => policy_cmd::run(args),
        Command::Token(args) => token::run(args),
        Command::Code(args) => code::run(args),
        Command::Expiry(args) => expiry::run(args),
        Command::ReminderDelay(args) => reminder_delay::run(args),
        Command::ResetToken(args) => reset_token::run(args),
        Command::Answer(args) => answer::run(args),
        Command::Completions(args) => docs::completions(args, Cli::command()),
        Command::Man(args) => docs::man(args, Cli::command()),
        Command::ErrorCodes(args) => error_codes::run(args),
    };
    match result {
        Ok(code) => code,
        Err(CliError(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Help and version go to stdout with status 0; a bare `passforge` (or `passforge
/// token`) prints help on stderr with status 2; anything else is one `error:` line.
fn report_clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = write!(io::stdout(), "{e}");
        return ExitCode::SUCCESS;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = write!(io::stderr(), "{e}");
        return ExitCode::from(2);
    }
    eprintln!("error: {} (see --help)", usage_error::one_line(&e));
    ExitCode::from(2)
}
