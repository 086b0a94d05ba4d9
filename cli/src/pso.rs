//! `passforge policy resolve-pso FILE`: which fine-grained password policy (PSO) is in
//! force for a user, by AD's precedence rules (a PSO linked to the user beats one
//! linked through a group; then the lowest precedence; then the lowest objectGUID).
//!
//! The input is TOML, or JSON when the file name ends in `.json`; `--json` prints the
//! winning entry in the same shape (under `pso`), so its output is a valid input again.
//!
//! ```toml
//! [[pso]]
//! name = "Admins"
//! precedence = 10
//! link = "group"                                  # or "direct"
//! object_guid = "00112233445566778899aabbccddeeff" # optional: the 16 stored bytes, hex
//! [pso.attributes]                                # optional: msDS-* values
//! "msDS-MinimumPasswordLength" = "15"
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use passforge::{PolicyFormat, PsoCandidates};

use crate::output::with_stdout;
use crate::CliError;

/// Largest PSO file read.
const MAX_FILE: u64 = 1 << 20;

#[derive(Args, Debug)]
#[command(after_help = "\
Input: one [[pso]] table per PSO that applies to the user (TOML; JSON when FILE ends in
.json: {\"pso\": [{...}]}). Keys of each entry:
  name          text, shown in the output (optional; else its index is shown)
  precedence    msDS-PasswordSettingsPrecedence, lower wins (required)
  link          \"direct\" (applied to the user) or \"group\" (through a group) (required)
  object_guid   the objectGUID's 16 stored bytes as 32 hex digits; breaks ties [default: 0]
  attributes    the PSO's msDS-* attributes as strings, e.g.
                \"msDS-MinimumPasswordLength\" = \"15\"; unknown names are ignored

  [[pso]]
  name = \"Admins\"
  precedence = 10
  link = \"group\"
  object_guid = \"00112233445566778899aabbccddeeff\"
  [pso.attributes]
  \"msDS-MinimumPasswordLength\" = \"15\"

Output: the winner's name, or with --json
{\"pso\": [winning entry, as in the input], \"name\", \"index\", \"ad\": {policy}} (an
empty list and nulls when no PSO applies). That JSON, saved as a .json file, is a valid
input: its name, index and ad keys are ignored.

Examples:
  passforge policy resolve-pso psos.toml
  passforge policy resolve-pso psos.toml -j > winner.json
  passforge policy resolve-pso winner.json")]
pub struct ResolvePsoArgs {
    /// TOML (or .json) file with one `pso` entry per PSO that applies to the user
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print {"pso": [winner], "name", "index", "ad": {policy}}: a valid input again
    #[arg(short, long)]
    json: bool,
}

pub fn run(args: ResolvePsoArgs) -> Result<ExitCode, CliError> {
    let text = crate::policy_file::read_bounded(&args.file, MAX_FILE, "PSO file")?;
    let format = PolicyFormat::of_file_name(&args.file.to_string_lossy());
    let candidates = PsoCandidates::parse(&text, format)
        .map_err(|e| CliError::about_file("PSO file", &args.file, &e))?;
    let resolution = candidates
        .resolve()
        .map_err(|e| CliError::about_file("PSO file", &args.file, &e))?;
    with_stdout(|out| {
        if args.json {
            serde_json::to_writer(&mut *out, &resolution)?;
            writeln!(out)
        } else {
            match (&resolution.name, resolution.index) {
                (Some(name), _) => writeln!(out, "{name}"),
                (None, Some(index)) => writeln!(out, "PSO candidate {index}"),
                (None, None) => writeln!(out, "no PSO applies: the domain policy is in force"),
            }
        }
    })
}
