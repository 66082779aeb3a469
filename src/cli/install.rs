//! `exovet completions`: shell completion scripts, made from the command-line definition.

use std::process::ExitCode;

use crate::output;

/// Print a shell completion script: exovet completions bash > ~/.local/share/bash-completion/completions/exovet
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "exovet", &mut out);
    output::print(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}
