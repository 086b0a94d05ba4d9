//! `passforge check`: does the password on standard input comply with a policy?

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use passforge::{Policy, UserContext, Violation};
use serde::Serialize;

use crate::output::{self, with_stdout};
use crate::policy_file::{load_policy, with_blocklist};
use crate::secret_file::{read_history, HistoryFile};
use crate::secret_input::{
    read_secret, stdin_is_terminal, stdin_unbuffered, SecretLines, MAX_BATCH_BYTES, MAX_LINE_BYTES,
};
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  printf 'Summer2024\\n' | passforge check -p examples/policy-ad.toml --username summer
  passforge check -p examples/policy-nist.toml            (prompts, input hidden)
  passforge check -p examples/policy-nist.toml --batch -j < candidates.txt

Input: one password on standard input (one line; at most 64 KiB), or a hidden prompt on a
terminal. With --batch: one password per line, at most 64 KiB each and 64 MiB in all.")]
pub struct CheckArgs {
    /// The policy file (TOML; see docs/policy.md)
    #[arg(short, long, value_name = "FILE")]
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
    /// The user's password history, for a policy with `history`: one password per line,
    /// the current one first (a secret file: mode 600, at most 64 KiB)
    #[arg(long, value_name = "FILE")]
    history: Option<PathBuf>,
    /// Check one password per line of standard input, one result line each; exit 0 when
    /// all comply
    #[arg(long)]
    batch: bool,
    /// Print {"ok": bool, "violations": [{"code", "message", ...parameters}], "history":
    /// "checked" | "not_checked" | "not_required"} (with --batch: one object per line)
    #[arg(short, long)]
    json: bool,
}

/// Whether the policy's history rule was applied.
#[derive(Serialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum HistoryCheck {
    Checked,
    /// The policy keeps a history but no --history file was given.
    NotChecked,
    NotRequired,
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    ok: bool,
    violations: &'a [Violation],
    history: HistoryCheck,
}

struct Checker {
    policy: Policy,
    context: UserContext,
    history: Option<HistoryFile>,
    history_check: HistoryCheck,
    json: bool,
}

impl Checker {
    fn validate(&self, password: &str) -> Vec<Violation> {
        match &self.history {
            Some(history) => self
                .policy
                .validate_with_history(password, &self.context, history)
                .unwrap_or_else(|never| match never {}),
            None => self.policy.validate(password, &self.context),
        }
    }

    fn write_json(&self, out: &mut dyn Write, violations: &[Violation]) -> std::io::Result<()> {
        let value = JsonOutput {
            ok: violations.is_empty(),
            violations,
            history: self.history_check,
        };
        serde_json::to_writer(&mut *out, &value)?;
        writeln!(out)
    }
}

pub fn run(args: CheckArgs) -> Result<ExitCode, CliError> {
    let policy = with_blocklist(load_policy(&args.policy)?, args.blocklist.as_deref())?;
    let history = args.history.as_deref().map(read_history).transpose()?;
    let history_check = match (policy.history(), &history) {
        (0, _) => HistoryCheck::NotRequired,
        (_, Some(_)) => HistoryCheck::Checked,
        (depth, None) => {
            // Never a silent pass on a rule we did not apply.
            eprintln!(
                "note: the policy forbids reusing the last {depth} passwords, which check \
                 cannot see; give --history FILE to check it"
            );
            HistoryCheck::NotChecked
        }
    };
    let checker = Checker {
        policy,
        context: UserContext {
            username: args.username,
            display_name: args.display_name,
            email: args.email,
        },
        history,
        history_check,
        json: args.json,
    };
    if args.batch {
        return run_batch(&checker);
    }
    let password = read_secret("password")?;
    let violations = checker.validate(&password);
    drop(password);
    let printed = with_stdout(|out| {
        if checker.json {
            checker.write_json(out, &violations)
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

/// One result line per input line: `ok`, or `not ok: CODE: message; CODE: message`.
fn run_batch(checker: &Checker) -> Result<ExitCode, CliError> {
    if stdin_is_terminal() {
        return Err(CliError(
            "--batch reads passwords from a pipe or a file, not a terminal; \
             e.g. passforge check --batch -p POLICY < passwords.txt"
                .into(),
        ));
    }
    let mut lines = SecretLines::new(
        stdin_unbuffered(),
        MAX_BATCH_BYTES,
        "password",
        "standard input",
    );
    let mut out = output::stdout();
    let mut checked = 0u64;
    let mut all_comply = true;
    while let Some(password) = lines.next_line()? {
        let violations = checker.validate(&password);
        drop(password);
        all_comply &= violations.is_empty();
        checked += 1;
        let written = if checker.json {
            checker.write_json(&mut out, &violations)
        } else if violations.is_empty() {
            writeln!(out, "ok")
        } else {
            let reasons: Vec<String> = violations
                .iter()
                .map(|v| format!("{}: {v}", v.code()))
                .collect();
            writeln!(out, "not ok: {}", reasons.join("; "))
        };
        if let Err(e) = written {
            return output::finish(Err(e));
        }
    }
    let printed = output::finish(out.flush())?;
    if checked == 0 {
        return Err(CliError(format!(
            "no passwords on standard input; give one per line (each at most {} KiB)",
            MAX_LINE_BYTES / 1024
        )));
    }
    Ok(if all_comply {
        printed
    } else {
        ExitCode::from(1)
    })
}
