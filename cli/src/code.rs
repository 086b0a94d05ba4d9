//! `passforge code`: print one one-time code.

use std::process::ExitCode;

use clap::Args;
use passforge::{OneTimeCodePolicy, OneTimeCodeSettings};

use crate::output::with_stdout;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge code
  passforge code --digits 6
  passforge code --lint
  passforge code --lint --digits 6 --max-sends 5 -j")]
pub struct CodeArgs {
    /// Digits in the code, 4 to 10 (leading zeros kept)
    #[arg(long, value_name = "N", default_value_t = 4)]
    digits: u32,
    /// Instead of a code, check the settings against NIST SP 800-63B and state what the
    /// send and attempt limits give an attacker (exit 1 on a warning)
    #[arg(long)]
    lint: bool,
    /// With --lint: seconds a code stays valid
    #[arg(long, value_name = "SECONDS", default_value_t = 300, requires = "lint")]
    lifetime: u64,
    /// With --lint: codes that may be sent to one user per window
    #[arg(long, value_name = "N", default_value_t = 10, requires = "lint")]
    max_sends: u32,
    /// With --lint: the send window in seconds
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 86_400,
        requires = "lint"
    )]
    send_window: u64,
    /// With --lint: wrong entries allowed per code
    #[arg(long, value_name = "N", default_value_t = 3, requires = "lint")]
    max_attempts: u32,
    /// With --lint: print {"findings": [{"code", "severity", "message"}]}
    #[arg(short, long, requires = "lint")]
    json: bool,
}

pub fn run(args: CodeArgs) -> Result<ExitCode, CliError> {
    let policy = OneTimeCodePolicy::new(&OneTimeCodeSettings {
        digits: args.digits,
        lifetime_seconds: args.lifetime,
        max_sends: args.max_sends,
        send_window_seconds: args.send_window,
        max_attempts: args.max_attempts,
        ..OneTimeCodeSettings::default()
    })?;
    if args.lint {
        return crate::policy_cmd::print_findings(&policy.lint(), args.json);
    }
    let code = policy.generate()?;
    with_stdout(|out| writeln!(out, "{}", code.as_str()))
}
