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

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use passforge::{resolve_pso, AdPolicy, PsoCandidate, PsoLink};
use serde::{Deserialize, Serialize};

use crate::output::with_stdout;
use crate::CliError;

/// Largest PSO file read.
const MAX_FILE: u64 = 1 << 20;

#[derive(Args, Debug)]
#[command(after_help = "\
Input: one [[pso]] table per PSO that applies to the user (TOML; JSON when FILE ends in
.json: {\"pso\": [{...}]}). Keys of each entry:
  name          text, shown in the output (required)
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PsoFile {
    #[serde(default)]
    pso: Vec<PsoEntry>,
    // The report keys of a previous `--json` output, accepted so it can be fed back;
    // the result is recomputed from `pso`.
    #[serde(default, rename = "name")]
    _name: serde::de::IgnoredAny,
    #[serde(default, rename = "index")]
    _index: serde::de::IgnoredAny,
    #[serde(default, rename = "ad")]
    _ad: serde::de::IgnoredAny,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct PsoEntry {
    name: String,
    precedence: u32,
    link: PsoLink,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    object_guid: Option<String>,
    #[serde(default)]
    attributes: std::collections::BTreeMap<String, String>,
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    pso: Vec<&'a PsoEntry>,
    name: Option<&'a str>,
    index: Option<usize>,
    ad: Option<&'a AdPolicy>,
}

fn parse(path: &Path, text: &str) -> Result<PsoFile, CliError> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let parsed = if is_json {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        toml::from_str(text).map_err(|e| e.message().to_owned())
    };
    parsed.map_err(|e| CliError(format!("{}: {e}", path.display())))
}

fn guid(text: Option<&str>, name: &str) -> Result<[u8; 16], CliError> {
    let Some(text) = text else {
        return Ok([0; 16]);
    };
    let bad = || {
        CliError(format!(
            "PSO '{name}': object_guid must be 32 hexadecimal digits"
        ))
    };
    let hex = text.as_bytes();
    if hex.len() != 32 {
        return Err(bad());
    }
    let mut out = [0u8; 16];
    for (byte, pair) in out.iter_mut().zip(hex.chunks(2)) {
        let pair = std::str::from_utf8(pair).map_err(|_| bad())?;
        *byte = u8::from_str_radix(pair, 16).map_err(|_| bad())?;
    }
    Ok(out)
}

pub fn run(args: ResolvePsoArgs) -> Result<ExitCode, CliError> {
    let text = crate::policy_file::read_bounded(&args.file, MAX_FILE, "PSO file")?;
    let file = parse(&args.file, &text)?;
    let candidates = file
        .pso
        .iter()
        .map(|p| {
            let attributes = p.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            Ok(PsoCandidate {
                policy: AdPolicy::from_attributes(attributes)
                    .map_err(|e| CliError(format!("PSO '{}': {e}", p.name)))?,
                precedence: p.precedence,
                link: p.link,
                object_guid: guid(p.object_guid.as_deref(), &p.name)?,
            })
        })
        .collect::<Result<Vec<_>, CliError>>()?;
    let winner = resolve_pso(&candidates);
    // `resolve_pso` returns a reference into `candidates`; find its position for output.
    let index = winner.and_then(|w| candidates.iter().position(|c| std::ptr::eq(c, w)));
    let name = index.map(|i| file.pso[i].name.as_str());
    with_stdout(|out| {
        if args.json {
            let value = JsonOutput {
                pso: index.map(|i| &file.pso[i]).into_iter().collect(),
                name,
                index,
                ad: winner.map(|w| &w.policy),
            };
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)
        } else {
            match name {
                Some(name) => writeln!(out, "{name}"),
                None => writeln!(out, "no PSO applies: the domain policy is in force"),
            }
        }
    })
}
