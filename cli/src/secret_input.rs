//! Reading secrets (passwords, reset tokens, bearer tokens, security answers) from
//! standard input or a hidden terminal prompt, bounded and zeroized: secrets never go on
//! the command line.
//!
//! Standard input is read unbuffered into one fixed-size zeroizing buffer, so neither
//! std's `Stdin` buffer nor a reallocation leaves an unwiped copy behind. The line
//! parsing itself is in `secret_lines.rs` (pure, and fuzzed).

use std::io::{self, IsTerminal, Read};

use zeroize::Zeroizing;

pub use crate::secret_lines::{human_size, SecretLines, MAX_LINE_BYTES};
use crate::secret_lines::{line_too_long, OneLine};
use crate::CliError;

/// Most bytes `check --batch` reads from standard input.
pub const MAX_BATCH_BYTES: u64 = 64 << 20;

/// One secret: a hidden prompt on a terminal, else exactly one non-empty line of
/// standard input (without its `\n` or `\r\n`). `what` names it in prompts and errors.
pub fn read_secret(what: &str) -> Result<Zeroizing<String>, CliError> {
    let secret = if io::stdin().is_terminal() {
        prompt_hidden(what)?
    } else {
        let lines = SecretLines::new(
            stdin_unbuffered(),
            MAX_LINE_BYTES as u64 + 2,
            what,
            "standard input",
        );
        match lines.one_line()? {
            OneLine::Line(line) => line,
            OneLine::Empty => Zeroizing::default(),
            OneLine::MoreThanOne => {
                return Err(CliError(format!(
                    "standard input has more than one line; give one {what} on one line{}",
                    if what == "password" {
                        " (or use --batch: one password per line)"
                    } else {
                        ""
                    }
                )))
            }
        }
    };
    if secret.is_empty() {
        return Err(CliError(format!(
            "no {what} given; pipe it on standard input (one line) or run on a terminal to be prompted"
        )));
    }
    Ok(secret)
}

/// Whether standard input is a terminal (where `--batch` makes no sense).
pub fn stdin_is_terminal() -> bool {
    io::stdin().is_terminal()
}

/// Prompts on the terminal (not stdout, which may be piped) without echo.
fn prompt_hidden(what: &str) -> Result<Zeroizing<String>, CliError> {
    let typed = rpassword::prompt_password(format!("{what}: "))
        .map_err(|e| CliError(format!("reading the {what} from the terminal: {e}")))?;
    let typed = Zeroizing::new(typed);
    if typed.len() > MAX_LINE_BYTES {
        return Err(line_too_long(what).into());
    }
    Ok(typed)
}

/// Standard input without std's internal buffer (a copy we could not wipe).
pub fn stdin_unbuffered() -> Box<dyn Read> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(io::stdin())
}
