//! `passforge completions SHELL` and `passforge man`: generated from the clap definition,
//! so they cannot drift from the real options.

use std::process::ExitCode;

use clap::Args;
use clap_complete::Shell;

use crate::output::with_stdout;
use crate::CliError;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge completions bash > ~/.local/share/bash-completion/completions/passforge
  passforge completions zsh > ~/.zfunc/_passforge
  passforge completions fish > ~/.config/fish/completions/passforge.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge man > passforge.1 && man ./passforge.1
  passforge man | gzip > /usr/local/share/man/man1/passforge.1.gz")]
pub struct ManArgs {}

pub fn completions(
    args: CompletionsArgs,
    mut command: clap::Command,
) -> Result<ExitCode, CliError> {
    // clap_complete panics when its writer fails (`| head -1`): render into memory first.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "passforge", &mut script);
    with_stdout(|out| out.write_all(&script))
}

pub fn man(_args: ManArgs, command: clap::Command) -> Result<ExitCode, CliError> {
    // One page for the whole tool: the subcommands are listed with their summaries, and
    // each one's full options are in `passforge SUBCOMMAND --help`.
    with_stdout(|out| clap_mangen::Man::new(command).render(out))
}
