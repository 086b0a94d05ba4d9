//! `passforge pin` and `passforge url-token`: the one-liners of Python's `secrets`, from
//! the core's generator (a PIN) and its URL-safe tokens.

use std::process::ExitCode;

use clap::Args;
use passforge::{Generator, GeneratorSettings, RandomSource};

use crate::output::with_stdout;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge pin
  passforge pin -l 4

Every PIN of the length is equally likely (leading zeros kept).")]
pub struct PinArgs {
    /// Digits in the PIN, 1 to 1024
    #[arg(short, long, value_name = "N", default_value_t = GeneratorSettings::DEFAULT_PIN_LENGTH)]
    length: u32,
    /// FOR TESTS ONLY: derive the PIN from this seed (reproducible, not secret; prints a
    /// warning on stderr)
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
}

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge url-token
  passforge url-token --bytes 16

The token is the random bytes in unpadded base64url (A-Z a-z 0-9 - _), as Python's
secrets.token_urlsafe: 32 bytes make 43 characters.")]
pub struct UrlTokenArgs {
    /// Random bytes in the token, 1 to 1024
    #[arg(short, long, value_name = "N", default_value_t = passforge::DEFAULT_TOKEN_BYTES)]
    bytes: usize,
    /// FOR TESTS ONLY: derive the token from this seed (reproducible, not secret; prints a
    /// warning on stderr)
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
}

/// The random source of `--seed`, warning when it is a test seed.
fn source(seed: Option<u64>) -> RandomSource {
    let source = RandomSource::from_test_seed(seed);
    if source.is_seeded() {
        eprintln!("warning: --seed makes the output reproducible; for tests only");
    }
    source
}

pub fn run_pin(args: PinArgs) -> Result<ExitCode, CliError> {
    let generator = Generator::new(&GeneratorSettings::pin(args.length))?;
    let mut rng = source(args.seed).rng()?;
    let pin = generator.generate_with(&mut rng)?;
    with_stdout(|out| writeln!(out, "{}", pin.as_str()))
}

pub fn run_url_token(args: UrlTokenArgs) -> Result<ExitCode, CliError> {
    let mut rng = source(args.seed).rng()?;
    let token = passforge::url_safe_token_with(&mut rng, args.bytes)?;
    with_stdout(|out| writeln!(out, "{}", token.as_str()))
}
