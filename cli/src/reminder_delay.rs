//! `passforge reminder-delay`: the reminder job's random wait before it queries the
//! directory, uniform in [0, max) so that domain controllers are not hit at once.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use passforge::ReminderDelay;

use crate::output::with_stdout;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge reminder-delay
  sleep \"$(passforge reminder-delay --max-delay 300)\"")]
pub struct ReminderDelayArgs {
    /// Upper bound in seconds, below 600; 0 means no delay (it prints 0.000)
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    max_delay: u64,
}

pub fn run(args: ReminderDelayArgs) -> Result<ExitCode, CliError> {
    let delay = ReminderDelay::new(Duration::from_secs(args.max_delay))?.sample()?;
    with_stdout(|out| writeln!(out, "{:.3}", delay.as_secs_f64()))
}
