//! `exovet report`: the printable summary of one answers file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::AudienceArg;
use super::documents;
use super::format::{self, DocFormat};
use crate::answers;
use crate::report::{self, Scored};

/// A printable summary of one answers file, to take to a consult or keep.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The answers file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format [default: txt, or what OUT's extension says].
    #[arg(long, value_enum)]
    format: Option<DocFormat>,
    /// Write to this file (whole or not at all) instead of the screen.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// Score as this audience, whatever the file says (and say so).
    #[arg(long, value_enum)]
    audience: Option<AudienceArg>,
    /// Add each flag in detail with its sources, the file's facts and what helps decide
    /// (a coordinator's summary always has them; a patient's is two pages without).
    #[arg(long)]
    details: bool,
    /// Leave the patient's own health answers (their cautions) off the summary.
    #[arg(long)]
    no_health: bool,
    #[command(flatten)]
    require: super::documents::RequireArg,
    #[command(flatten)]
    pub bank: super::BankArg,
}

pub fn run(args: &Args, bank_path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let format = format::choose(
        "report",
        args.format,
        args.output.as_deref(),
        DocFormat::Txt,
    )?;
    // A page is for a browser: poured onto a terminal it is 350 lines of markup (pandoc
    // refuses the same). Piped or redirected, it goes where it is sent.
    if format == DocFormat::Html
        && args.output.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        anyhow::bail!(
            "exovet report: error: an HTML summary is a page to open in a browser, not to read on the terminal. Write it to a file with `-o summary.html`, or send it on with `> summary.html`"
        );
    }
    let bank = super::load_bank(bank_path)?;
    let file = args.file.as_path();
    let mut loaded = answers::read(file, &bank)?;
    if let Some(a) = args.audience {
        loaded.score_as(a.into());
    }
    let (documents, verdict) =
        documents::assess(&bank, file, &loaded.file, args.require.require_evidence);
    for w in loaded
        .warnings
        .iter()
        .map(ToString::to_string)
        .chain(documents::warnings(&bank, file, &documents))
    {
        crate::output::warn(w);
    }
    let scored = Scored::loaded(file, &bank, &loaded, &verdict).with_documents(&documents);
    let mut paper = report::summary::Paper::for_audience(loaded.file.meta.audience);
    paper.details |= args.details;
    paper.health = !args.no_health;
    let text = report::summary::render_paper(&scored, format.into(), paper);
    super::write_output(
        &text,
        args.output.as_deref(),
        "summary",
        &documents::inputs(
            super::inputs(bank_path, [file]),
            &documents::files(file, &documents),
        ),
    )?;
    Ok(ExitCode::SUCCESS)
}
