//! `passforge policy …`: work on policy files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use passforge::{lint, Finding, LintContext, Severity};
use serde::Serialize;

use crate::output::with_stdout;
use crate::policy_file::load_policy;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge policy lint examples/policy-nist.toml
  passforge policy resolve-pso psos.toml -j")]
pub struct PolicyArgs {
    #[command(subcommand)]
    command: PolicyCommand,
}

#[derive(Subcommand, Debug)]
enum PolicyCommand {
    /// Check a policy against NIST SP 800-63B; exit 1 when there is a warning or an error
    #[command(after_help = "\
Examples:
  passforge policy lint examples/policy-nist.toml
  passforge policy lint examples/policy-ad.toml --mfa -j")]
    Lint(LintArgs),
    /// Which fine-grained password policy (PSO) applies, by AD's precedence rules
    ResolvePso(crate::pso::ResolvePsoArgs),
}

#[derive(Args, Debug)]
struct LintArgs {
    /// The policy file (TOML)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The password is one factor of a multi-factor login (NIST minimum 8, not 15)
    #[arg(long)]
    mfa: bool,
    /// Print {"findings": [{"code", "severity", "message"}]}
    #[arg(short, long)]
    json: bool,
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    findings: &'a [Finding],
}

pub fn run(args: PolicyArgs) -> Result<ExitCode, CliError> {
    match args.command {
        PolicyCommand::Lint(args) => run_lint(args),
        PolicyCommand::ResolvePso(args) => crate::pso::run(args),
    }
}

fn run_lint(args: LintArgs) -> Result<ExitCode, CliError> {
    let policy = load_policy(&args.file)?;
    print_findings(&lint(&policy, LintContext { mfa: args.mfa }), args.json)
}

/// Prints lint findings (one `severity: CODE: message` line each, or JSON); exit 1 when
/// any is a warning or an error.
pub fn print_findings(findings: &[Finding], json: bool) -> Result<ExitCode, CliError> {
    let printed = with_stdout(|out| {
        if json {
            serde_json::to_writer(&mut *out, &JsonOutput { findings })?;
            writeln!(out)
        } else if findings.is_empty() {
            writeln!(out, "ok: no findings")
        } else {
            for f in findings {
                writeln!(out, "{}: {}: {}", f.severity.as_str(), f.code, f.message)?;
            }
            Ok(())
        }
    })?;
    if findings.iter().any(|f| f.severity >= Severity::Warning) {
        Ok(ExitCode::from(1))
    } else {
        Ok(printed)
    }
}
