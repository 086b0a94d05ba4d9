//! `passforge policy …`: work on policy files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use passforge::{lint, Finding, LintContext, Severity, UnexpressedRule};
use serde::Serialize;

use crate::output::with_stdout;
use crate::policy_file::load_policy;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge policy lint examples/policy-nist.toml
  passforge policy rules examples/policy-nist.toml
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
    /// Print the policy as password rules (Apple's passwordrules language), for a page's
    /// passwordrules attribute; what the rules cannot say is listed on stderr
    #[command(after_help = "\
Examples:
  passforge policy rules examples/policy-nist.toml
  passforge policy rules examples/policy-ad.toml -j

The line goes in the new-password field of the page, so password managers generate
passwords the server accepts:
  <input type=\"password\" autocomplete=\"new-password\" passwordrules=\"minlength: 15; ...\">
Each rule of the policy the language cannot express is one 'warning:' line on stderr,
saying whether the rules are stricter (a password made for them still complies) or looser
(it may not). The exit status is 0 either way.")]
    Rules(RulesArgs),
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

#[derive(Args, Debug)]
struct RulesArgs {
    /// The policy file (TOML; JSON when it ends in .json)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print {"rules": "...", "exact": bool, "unexpressed": [{"key", "effect", "message"}]}
    #[arg(short, long)]
    json: bool,
}

#[derive(Serialize)]
struct RulesOutput<'a> {
    rules: String,
    exact: bool,
    unexpressed: &'a [UnexpressedRule],
}

pub fn run(args: PolicyArgs) -> Result<ExitCode, CliError> {
    match args.command {
        PolicyCommand::Lint(args) => run_lint(args),
        PolicyCommand::ResolvePso(args) => crate::pso::run(args),
        PolicyCommand::Rules(args) => run_rules(args),
    }
}

fn run_rules(args: RulesArgs) -> Result<ExitCode, CliError> {
    let written = load_policy(&args.file)?.to_password_rules();
    if args.json {
        return with_stdout(|out| {
            let output = RulesOutput {
                rules: written.to_string(),
                exact: written.is_exact(),
                unexpressed: written.unexpressed(),
            };
            serde_json::to_writer(&mut *out, &output)?;
            writeln!(out)
        });
    }
    let printed = with_stdout(|out| writeln!(out, "{written}"))?;
    for rule in written.unexpressed() {
        eprintln!(
            "warning: {} ({}): {}",
            rule.key,
            rule.effect.as_str(),
            rule.message
        );
    }
    Ok(printed)
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
