//! `passforge check`: does the password on standard input comply with a policy?

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use passforge::{UserContext, Violation};
use serde::Serialize;

use crate::output::with_stdout;
use crate::policy_file::{load_policy, with_blocklist};
use crate::stdin_password::read_password;
use crate::CliError;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The policy file (TOML; see docs/policy.md)
    #[arg(long, value_name = "FILE")]
    policy: PathBuf,
    /// The account name, for the "must not contain the account name" rule
    #[arg(long, value_name = "NAME")]
    username: Option<String>,
    /// The display name, for the "must not contain a display-name token" rule
    #[arg(long, value_name = "NAME")]
    display_name: Option<String>,
    /// The e-mail address, for the "must not contain the e-mail local part" rule
    #[arg(long, value_name = "ADDRESS")]
    email: Option<String>,
    /// An extra blocklist: one forbidden password per line (case-insensitive)
    #[arg(long, value_name = "FILE")]
    blocklist: Option<PathBuf>,
    /// Print {"ok": bool, "violations": [{"code", "message", ...parameters}]}
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    ok: bool,
    violations: &'a [Violation],
}

pub fn run(args: CheckArgs) -> Result<ExitCode, CliError> {
    let policy = with_blocklist(load_policy(&args.policy)?, args.blocklist.as_deref())?;
    let context = UserContext {
        username: args.username,
        display_name: args.display_name,
        email: args.email,
    };
    let password = read_password()?;
    let violations = policy.validate(&password, &context);
    drop(password);
    let printed = with_stdout(|out| {
        if args.json {
            let value = JsonOutput {
                ok: violations.is_empty(),
                violations: &violations,
            };
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)
        } else if violations.is_empty() {
            writeln!(out, "ok: the password complies with the policy")
        } else {
            for v in &violations {
                writeln!(out, "{}: {v}", v.code())?;
            }
            Ok(())
        }
    })?;
    if violations.is_empty() {
        Ok(printed)
    } else {
        Ok(ExitCode::from(1))
    }
}
