//! `passforge error-codes`: the core's registry of every error code, so scripts can map
//! the code that starts an `error:` line to its meaning.

use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use crate::output::with_stdout;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge error-codes
  passforge error-codes -j | jq -r '.[].code'
  passforge error-codes --markdown > error-codes.md")]
pub struct ErrorCodesArgs {
    /// One JSON array of {\"code\", \"concern\", \"meaning\"}
    #[arg(short, long, conflicts_with = "markdown")]
    json: bool,
    /// A Markdown table (as in docs/error-codes.md)
    #[arg(long)]
    markdown: bool,
}

#[derive(Serialize)]
struct Entry {
    code: &'static str,
    concern: &'static str,
    meaning: &'static str,
}

pub fn run(args: ErrorCodesArgs) -> Result<ExitCode, CliError> {
    let codes = passforge::error_codes();
    with_stdout(|out| {
        if args.markdown {
            out.write_all(passforge::error_codes_markdown().as_bytes())
        } else if args.json {
            let entries: Vec<Entry> = codes
                .iter()
                .map(|i| Entry {
                    code: i.code,
                    concern: i.concern.as_str(),
                    meaning: i.meaning,
                })
                .collect();
            serde_json::to_writer(&mut *out, &entries)?;
            writeln!(out)
        } else {
            for info in codes {
                writeln!(
                    out,
                    "{:<32} {:<9} {}",
                    info.code,
                    info.concern.as_str(),
                    info.meaning
                )?;
            }
            Ok(())
        }
    })
}
