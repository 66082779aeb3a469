//! `exovet check`: validates a question bank and says what it holds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::bank::{self, Audience, BankError};
use crate::output;
use crate::source::SourceText;

/// Validate a question bank and list every problem with its line and column.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bank to check; the built-in bank if left out.
    #[arg(value_name = "BANK")]
    file: Option<PathBuf>,
}

/// Checks `BANK`, or the bank given with `exovet --bank FILE check`, or the built-in bank.
pub fn run(args: &Args, bank: Option<&Path>) -> anyhow::Result<ExitCode> {
    let path = args.file.as_deref().or(bank);
    let src = match path {
        Some(p) => SourceText::read(p).map_err(BankError::from)?,
        None => SourceText::new(bank::BUILTIN_NAME, bank::BUILTIN_TEXT),
    };
    let parsed = bank::parse(&src).map_err(BankError::from)?;
    for w in &parsed.warnings {
        crate::output::warn(w);
    }
    let b = &parsed.bank;
    let count = |a: Audience| b.questions.iter().filter(|q| q.reach.includes(a)).count();
    let n = |count: usize, one: &str| {
        if count == 1 {
            format!("1 {one}")
        } else {
            format!("{count} {one}s")
        }
    };
    output::print(&format!(
        "{}: bank `{}` version {} is valid: {} in {} ({} for patients, {} for coordinators).\n",
        crate::diag::inert(src.name()),
        b.id,
        b.version,
        n(b.questions.len(), "question"),
        n(b.sections.len(), "section"),
        count(Audience::Patient),
        count(Audience::Coordinator),
    ))?;
    Ok(ExitCode::SUCCESS)
}
