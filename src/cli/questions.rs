//! `exovet questions`: the blank questionnaire, to print and take along.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::AudienceArg;
use super::format::{self, DocFormat};
use crate::report;

/// The blank questionnaire, to print and take along.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Whose questions.
    #[arg(long, value_enum, default_value_t = AudienceArg::Patient)]
    audience: AudienceArg,
    /// Output format [default: txt, or what OUT's extension says].
    #[arg(long, value_enum)]
    format: Option<DocFormat>,
    /// Write to this file (whole or not at all) instead of the screen.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    pub bank: super::BankArg,
}

pub fn run(args: &Args, bank_path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let format = format::choose(
        "questions",
        args.format,
        args.output.as_deref(),
        DocFormat::Txt,
    )?;
    let bank = super::load_bank(bank_path)?;
    let text = report::questionnaire::render(&bank, args.audience.into(), format.into());
    super::write_output(
        &text,
        args.output.as_deref(),
        "questionnaire",
        &super::inputs(bank_path, None),
    )?;
    Ok(ExitCode::SUCCESS)
}
