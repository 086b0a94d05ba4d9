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
  passforge code --digits 6")]
pub struct CodeArgs {
    /// Digits in the code, 4 to 10 (leading zeros kept)
    #[arg(long, value_name = "N", default_value_t = 4)]
    digits: u32,
}

pub fn run(args: CodeArgs) -> Result<ExitCode, CliError> {
    let policy = OneTimeCodePolicy::new(&OneTimeCodeSettings {
        digits: args.digits,
        ..OneTimeCodeSettings::default()
    })?;
    let code = policy.generate()?;
    with_stdout(|out| writeln!(out, "{}", code.as_str()))
}
