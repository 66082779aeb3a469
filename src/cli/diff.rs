//! `exovet diff OLD NEW`: what changed between two assessments of one subject, worse first;
//! `--fail-on worse` for a pipeline that re-assesses vendors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::format::{self, Ext};
use super::{THRESHOLD, documents};
use crate::answers;
use crate::report::diff;
use crate::text;

/// What changed between two assessments: the verdict, answers, flags, documents, worse first.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier answers file (before the consult, or last year's).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later answers file.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Output format [default: text, or what OUT's extension says].
    #[arg(long, value_enum)]
    format: Option<DiffFormat>,
    /// Write to this file (whole or not at all) instead of the screen.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// Exit with code 1 when the verdict or any flag got worse.
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    pub bank: super::BankArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Plain words, worse first: what a person reads.
    Text,
    /// One object, for a program.
    Json,
    /// Markdown, to keep with the assessment.
    Md,
    /// One self-contained page to print, for a committee.
    Html,
}

impl format::Named for DiffFormat {
    fn from_ext(ext: Ext) -> Option<Self> {
        match ext {
            Ext::Text => Some(DiffFormat::Text),
            Ext::Json => Some(DiffFormat::Json),
            Ext::Markdown => Some(DiffFormat::Md),
            Ext::Html => Some(DiffFormat::Html),
            Ext::Csv | Ext::Toml => None,
        }
    }

    fn fits(self, ext: Ext) -> bool {
        Self::from_ext(ext) == Some(self)
    }

    fn ext(self) -> &'static str {
        match self {
            DiffFormat::Text => "txt",
            DiffFormat::Json => "json",
            DiffFormat::Md => "md",
            DiffFormat::Html => "html",
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    /// The verdict got worse, a flag got worse or appeared, or a rule across answers fires
    /// that did not.
    Worse,
}

pub fn run(
    args: &Args,
    bank_path: Option<&Path>,
    color: super::color::ColorChoice,
) -> anyhow::Result<ExitCode> {
    let format = format::choose(
        "diff",
        args.format,
        args.output.as_deref(),
        DiffFormat::Text,
    )?;
    let bank = super::load_bank(bank_path)?;
    let old = answers::read(&args.old, &bank)?;
    let new = answers::read(&args.new, &bank)?;
    for w in old.warnings.iter().chain(&new.warnings) {
        crate::output::warn(w);
    }
    // Documents re-hashed where they lie: one changed since it was attached, or gone,
    // counts as claimed on its side.
    let (old_found, new_found) = (
        crate::evidence::check(&args.old, &old.file),
        crate::evidence::check(&args.new, &new.file),
    );
    for w in documents::warnings(&bank, &args.old, &old_found)
        .into_iter()
        .chain(documents::warnings(&bank, &args.new, &new_found))
    {
        crate::output::warn(w);
    }
    let changes = diff::compare_with(
        &bank,
        &old.file,
        &new.file,
        &diff::documents::found(&old.file.annex.evidence, &old_found),
        &diff::documents::found(&new.file.annex.evidence, &new_found),
    );
    let (old_name, new_name) = (text::shown_path(&args.old), text::shown_path(&args.new));
    let (o, n) = (&old.file.meta, &new.file.meta);
    if changes.subject_differs() {
        crate::output::warn(diff::subject_warning(
            &old_name, &new_name, &o.subject, &n.subject,
        ));
    }
    if changes.audience_differs() {
        crate::output::warn(diff::audience_warning(
            &old_name, &new_name, o.audience, n.audience,
        ));
    }
    let text = match format {
        DiffFormat::Text => diff::page::text(
            &bank,
            &changes,
            &args.old,
            &args.new,
            color.paint(args.output.is_some()),
        ),
        DiffFormat::Md | DiffFormat::Html => {
            let page = if format == DiffFormat::Md {
                crate::doc::Format::Md
            } else {
                crate::doc::Format::Html
            };
            diff::page::render(&bank, &changes, &args.old, &args.new, page)
        }
        DiffFormat::Json => diff::json::render(&bank, &changes, &args.old, &args.new),
    };
    super::write_output(
        &text,
        args.output.as_deref(),
        "comparison",
        &documents::inputs(
            super::inputs(bank_path, [args.old.as_path(), args.new.as_path()]),
            &[
                documents::files(&args.old, &old_found),
                documents::files(&args.new, &new_found),
            ]
            .concat(),
        ),
    )?;
    Ok(match args.fail_on {
        Some(FailOn::Worse) if changes.worse() => ExitCode::from(THRESHOLD),
        _ => ExitCode::SUCCESS,
    })
}
