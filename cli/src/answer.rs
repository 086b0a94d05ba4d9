//! `passforge answer hash|verify`: security answers, normalised (NFKC, case fold, white
//! space) and hashed with Argon2id. Answers are read from standard input.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use passforge::{AnswerHashParams, SecurityAnswerHasher};

use crate::output::with_stdout;
use crate::stdin_password::read_secret;
use crate::CliError;

#[derive(Args, Debug)]
pub struct AnswerArgs {
    #[command(subcommand)]
    command: AnswerCommand,
}

#[derive(Subcommand, Debug)]
enum AnswerCommand {
    /// Hash the answer on standard input; prints the PHC string to store
    Hash {
        /// Argon2id memory in KiB
        #[arg(long, value_name = "KIB", default_value_t = AnswerHashParams::default().memory_kib)]
        memory_kib: u32,
        /// Argon2id passes
        #[arg(long, value_name = "N", default_value_t = AnswerHashParams::default().iterations)]
        iterations: u32,
        /// Argon2id lanes
        #[arg(long, value_name = "N", default_value_t = AnswerHashParams::default().parallelism)]
        parallelism: u32,
    },
    /// Verify the answer on standard input against a stored hash: exit 0 when it
    /// matches, 1 when not
    Verify {
        /// The stored PHC string ($argon2id$…)
        #[arg(long, value_name = "PHC")]
        hash: String,
    },
}

pub fn run(args: AnswerArgs) -> Result<ExitCode, CliError> {
    match args.command {
        AnswerCommand::Hash {
            memory_kib,
            iterations,
            parallelism,
        } => {
            let hasher = SecurityAnswerHasher::new(AnswerHashParams {
                memory_kib,
                iterations,
                parallelism,
            })?;
            let stored = hasher.hash(&read_secret("answer")?)?;
            with_stdout(|out| writeln!(out, "{stored}"))
        }
        AnswerCommand::Verify { hash } => {
            let matches = SecurityAnswerHasher::verify(&hash, &read_secret("answer")?)?;
            with_stdout(|out| writeln!(out, "{}", if matches { "match" } else { "no match" }))?;
            Ok(if matches {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
