//! `passforge answer hash|verify`: security answers, normalised (NFKC, case fold, white
//! space) and hashed with Argon2id.
//!
//! One rule for where secrets come from: the answer (what the user types) is always on
//! standard input or the hidden prompt; the stored hash (what the service keeps) is
//! always in a file, `--hash-file`, of mode 600.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use passforge::{AnswerHashParams, SecurityAnswerHasher};

use crate::output::with_stdout;
use crate::secret_file::read_secret_line;
use crate::secret_input::read_secret;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  (umask 077; printf 'Rex\\n' | passforge answer hash > rex.phc)
  printf 'rex\\n' | passforge answer verify --hash-file rex.phc")]
pub struct AnswerArgs {
    #[command(subcommand)]
    command: AnswerCommand,
}

#[derive(Subcommand, Debug)]
enum AnswerCommand {
    /// Hash the answer on standard input (or typed at a hidden prompt); prints the PHC
    /// string to store
    #[command(after_help = "\
Examples:
  (umask 077; printf 'Rex\\n' | passforge answer hash > rex.phc)
  passforge answer hash --memory-kib 65536 --iterations 3     (prompts, input hidden)")]
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
    /// Verify the answer on standard input (or typed at a hidden prompt) against the
    /// stored hash in a file: exit 0 when it matches, 1 when not
    #[command(after_help = "\
Examples:
  printf 'rex\\n' | passforge answer verify --hash-file rex.phc
  passforge answer verify --hash-file rex.phc                  (prompts, input hidden)")]
    Verify {
        /// File holding the stored PHC string ($argon2id$…), one line; it must not be
        /// readable by group or others (chmod 600)
        #[arg(long, value_name = "FILE")]
        hash_file: PathBuf,
    },
}

pub fn run(args: AnswerArgs) -> Result<ExitCode, CliError> {
    match args.command {
        AnswerCommand::Hash {
            memory_kib,
            iterations,
            parallelism,
        } => {
            let params = AnswerHashParams {
                memory_kib,
                iterations,
                parallelism,
            };
            let hasher = SecurityAnswerHasher::new(params)?;
            let stored = hasher.hash(&read_secret("answer")?)?;
            if params.is_below_recommended() {
                let r = AnswerHashParams::RECOMMENDED;
                eprintln!(
                    "warning: m={memory_kib} KiB, t={iterations} is below the recommended \
                     Argon2id minimum of m={} KiB, t={}, p={}",
                    r.memory_kib, r.iterations, r.parallelism
                );
            }
            with_stdout(|out| writeln!(out, "{stored}"))
        }
        AnswerCommand::Verify { hash_file } => {
            let hash = read_secret_line(&hash_file, "stored hash")?;
            let matches = SecurityAnswerHasher::verify(&hash, &read_secret("answer")?)?;
            // Compared with the default (recommended) costs: a weaker stored hash is
            // worth replacing the next time the answer is known.
            if matches && SecurityAnswerHasher::default().needs_rehash(&hash)? {
                eprintln!(
                    "note: the stored hash is below the recommended Argon2id costs; hash the \
                     answer again (passforge answer hash) and store the new string"
                );
            }
            with_stdout(|out| writeln!(out, "{}", if matches { "match" } else { "no match" }))?;
            Ok(if matches {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
