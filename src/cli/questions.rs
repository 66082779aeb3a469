//! `exovet questions`: the blank questionnaire, to print and take along, or as an answers
//! file to send a vendor (`--format toml`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::AudienceArg;
use super::format::{self, Ext, Named};
use crate::report;

/// The blank questionnaire, to print and take along, or to send a vendor as a file.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Whose questions.
    #[arg(long, value_enum, default_value_t = AudienceArg::Patient)]
    audience: AudienceArg,
    /// Output format [default: txt, or what OUT's extension says]. toml: an answers file
    /// to send a vendor, who fills it in and sends it back.
    #[arg(long, value_enum)]
    format: Option<QuestionsFormat>,
    /// Who is asked to answer, written into the answers file (--format toml).
    #[arg(long, value_name = "NAME")]
    subject: Option<String>,
    /// Write to this file (whole or not at all) instead of the screen.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    pub bank: super::BankArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum QuestionsFormat {
    Txt,
    Md,
    Html,
    /// An answers file to send a vendor.
    Toml,
}

impl Named for QuestionsFormat {
    fn from_ext(ext: Ext) -> Option<Self> {
        match ext {
            Ext::Text => Some(QuestionsFormat::Txt),
            Ext::Markdown => Some(QuestionsFormat::Md),
            Ext::Html => Some(QuestionsFormat::Html),
            Ext::Toml => Some(QuestionsFormat::Toml),
            Ext::Json | Ext::Csv => None,
        }
    }

    fn fits(self, ext: Ext) -> bool {
        Self::from_ext(ext) == Some(self)
    }

    fn ext(self) -> &'static str {
        match self {
            QuestionsFormat::Txt => "txt",
            QuestionsFormat::Md => "md",
            QuestionsFormat::Html => "html",
            QuestionsFormat::Toml => "toml",
        }
    }
}

pub fn run(args: &Args, bank_path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let format = format::choose(
        "questions",
        args.format,
        args.output.as_deref(),
        QuestionsFormat::Txt,
    )?;
    if args.subject.is_some() && format != QuestionsFormat::Toml {
        anyhow::bail!(
            "--subject goes into the answers file that --format toml writes; a printed questionnaire has a line to write the name on"
        );
    }
    // A blank answers file written over a file that is there could be written over
    // someone's answers: it only ever makes a new file.
    if let (QuestionsFormat::Toml, Some(out)) = (format, args.output.as_deref())
        && std::fs::symlink_metadata(out).is_ok_and(|m| m.is_file() || m.is_symlink())
    {
        anyhow::bail!(
            "{}: error: the file is already there, and a blank questionnaire is never written over a file that may hold answers: give a new name, or remove the old file first",
            crate::text::shown_path(out)
        );
    }
    let bank = super::load_bank(bank_path)?;
    let audience = args.audience.into();
    let (text, what) = match format {
        QuestionsFormat::Toml => (
            report::questionnaire::answers_file(
                &bank,
                audience,
                args.subject.as_deref().unwrap_or_default(),
            ),
            "answers file",
        ),
        QuestionsFormat::Txt => (
            report::questionnaire::render(&bank, audience, report::Format::Txt),
            "questionnaire",
        ),
        QuestionsFormat::Md => (
            report::questionnaire::render(&bank, audience, report::Format::Md),
            "questionnaire",
        ),
        QuestionsFormat::Html => (
            report::questionnaire::render(&bank, audience, report::Format::Html),
            "questionnaire",
        ),
    };
    super::write_output(
        &text,
        args.output.as_deref(),
        what,
        &super::inputs(bank_path, None),
    )?;
    Ok(ExitCode::SUCCESS)
}
