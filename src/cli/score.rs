//! `exovet score`: the verdict of each answers file, one in full or many ranked, in every format a reader or a program wants.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::color::ColorChoice;
use super::documents;
use super::format::{self, Ext};
use super::{AudienceArg, BAD_INPUT, THRESHOLD};
use crate::answers;
use crate::bank::{Audience, Bank};
use crate::evidence::Checked;
use crate::output;
use crate::output::Paint;
use crate::report::{self, Scored, compare};
use crate::score::{self, Level};

/// Score answers files: the verdict, why, and what to ask next; several files are ranked side by side.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Answers files, or folders of them (every .toml file directly inside).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Output format [default: text, or what OUT's extension says].
    #[arg(long, value_enum)]
    format: Option<ScoreFormat>,
    /// Write to this file (whole or not at all) instead of the screen.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// Exit with code 1 when any verdict is this bad or worse.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Score as this audience, whatever the files say (and say so).
    #[arg(long, value_enum)]
    audience: Option<AudienceArg>,
    /// One file's text in under 25 lines: the verdict, the worst reasons and how many
    /// questions are still to ask.
    #[arg(long)]
    brief: bool,
    /// In the wide CSV, head each answer's column with the question's id
    /// (`source.origin`) instead of its text: for scripts.
    #[arg(long)]
    ids: bool,
    #[command(flatten)]
    require: super::documents::RequireArg,
    #[command(flatten)]
    pub bank: super::BankArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ScoreFormat {
    /// One file: the verdict, why, and what to ask. Several: a ranked table.
    Text,
    /// One object per file, one per line, in the order given.
    Json,
    /// A ranked table in Markdown.
    Md,
    /// A ranked table, one row per file with every answer and flag, for a spreadsheet.
    Csv,
    /// One row per file and question, for a spreadsheet.
    CsvLong,
}

impl format::Named for ScoreFormat {
    fn from_ext(ext: Ext) -> Option<Self> {
        match ext {
            Ext::Text => Some(ScoreFormat::Text),
            Ext::Json => Some(ScoreFormat::Json),
            Ext::Markdown => Some(ScoreFormat::Md),
            Ext::Csv => Some(ScoreFormat::Csv),
            Ext::Html | Ext::Toml => None,
        }
    }

    fn fits(self, ext: Ext) -> bool {
        match self {
            ScoreFormat::Text => ext == Ext::Text,
            ScoreFormat::Json => ext == Ext::Json,
            ScoreFormat::Md => ext == Ext::Markdown,
            ScoreFormat::Csv | ScoreFormat::CsvLong => ext == Ext::Csv,
        }
    }

    fn ext(self) -> &'static str {
        match self {
            ScoreFormat::Text => "txt",
            ScoreFormat::Json => "jsonl",
            ScoreFormat::Md => "md",
            ScoreFormat::Csv | ScoreFormat::CsvLong => "csv",
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Amber,
    Red,
}

impl FailOn {
    fn reached(self, level: Level) -> bool {
        match self {
            FailOn::Amber => level >= Level::Amber,
            FailOn::Red => level == Level::Red,
        }
    }
}

pub fn run(args: &Args, bank_path: Option<&Path>, color: ColorChoice) -> anyhow::Result<ExitCode> {
    let format = format::choose(
        "score",
        args.format,
        args.output.as_deref(),
        ScoreFormat::Text,
    )?;
    let bank = super::load_bank(bank_path)?;
    let files = match compare::expand(&args.files) {
        Ok(f) => f,
        Err(message) => {
            crate::output::warn(message);
            return Ok(ExitCode::from(BAD_INPUT));
        }
    };
    let paint = color.paint(args.output.is_some());
    let job = Job {
        bank: &bank,
        format,
        fail_on: args.fail_on,
        audience: args.audience.map(Audience::from),
        paint,
        require_evidence: args.require.require_evidence,
        brief: args.brief,
        ids: args.ids,
    };
    let outcome = match &args.output {
        None => {
            let mut stdout = std::io::stdout().lock();
            let outcome = job.write(&files, &mut stdout);
            outcome
                .and_then(|o| stdout.flush().map(|()| o))
                .map_err(output::PrintError)?
        }
        Some(path) => {
            // Written whole or not at all, so held until every file is scored.
            let mut text = Vec::with_capacity(64 * 1024);
            let outcome = job.write(&files, &mut text).map_err(output::PrintError)?;
            // When no file could be scored there is nothing to write, and no file to point at.
            if !(outcome.bad_input && text.is_empty()) {
                let text = String::from_utf8_lossy(&text);
                let inputs = documents::inputs(
                    super::inputs(bank_path, files.iter().map(PathBuf::as_path)),
                    &outcome.documents,
                );
                output::to_file(&text, path, "result", &inputs)?;
            }
            outcome
        }
    };
    Ok(match outcome {
        Outcome {
            bad_input: true, ..
        } => ExitCode::from(BAD_INPUT),
        Outcome { reached: true, .. } => ExitCode::from(THRESHOLD),
        Outcome { .. } => ExitCode::SUCCESS,
    })
}

/// How a run of `score` will write.
struct Job<'b> {
    bank: &'b Bank,
    format: ScoreFormat,
    fail_on: Option<FailOn>,
    audience: Option<Audience>,
    paint: Paint,
    require_evidence: bool,
    brief: bool,
    ids: bool,
}

/// What scoring the files found, for the exit code.
#[derive(Debug, Clone, Default)]
struct Outcome {
    /// A file could not be read.
    bad_input: bool,
    /// A verdict reached `--fail-on`.
    reached: bool,
    /// The documents behind the answers scored, which `-o` must never write over.
    documents: Vec<PathBuf>,
}

impl Job<'_> {
    /// Reads and scores one file; one that cannot be read is reported and skipped.
    fn load(
        &self,
        path: &Path,
        warn: bool,
        outcome: &mut Outcome,
    ) -> Option<(answers::Loaded, Vec<Checked>, score::Verdict)> {
        match answers::read(path, self.bank) {
            Ok(mut loaded) => {
                if let Some(a) = self.audience {
                    loaded.score_as(a);
                }
                let (checked, verdict) =
                    documents::assess(self.bank, path, &loaded.file, self.require_evidence);
                if warn {
                    for w in &loaded.warnings {
                        crate::output::warn(w);
                    }
                    for w in documents::warnings(self.bank, path, &checked) {
                        crate::output::warn(w);
                    }
                }
                outcome.reached |= self.fail_on.is_some_and(|f| f.reached(verdict.level));
                outcome.documents.extend(documents::files(path, &checked));
                Some((loaded, checked, verdict))
            }
            Err(e) => {
                crate::output::warn(e);
                outcome.bad_input = true;
                None
            }
        }
    }

    fn write(&self, files: &[PathBuf], out: &mut impl Write) -> std::io::Result<Outcome> {
        let mut outcome = Outcome::default();
        match self.format {
            ScoreFormat::Text if files.len() == 1 => {
                // The single-file text lists the file's warnings in its body.
                if let Some((loaded, checked, verdict)) = self.load(&files[0], false, &mut outcome)
                {
                    let s = Scored::loaded(&files[0], self.bank, &loaded, &verdict)
                        .with_documents(&checked);
                    let text = if self.brief {
                        report::text::brief(&s, self.paint)
                    } else {
                        report::text::render(&s, self.paint)
                    };
                    out.write_all(text.as_bytes())?;
                }
            }
            ScoreFormat::Json => self.json(files, out, &mut outcome)?,
            ScoreFormat::Text | ScoreFormat::Md | ScoreFormat::Csv | ScoreFormat::CsvLong => {
                self.ranked(files, out, &mut outcome)?;
            }
        }
        out.flush()?;
        Ok(outcome)
    }

    /// Each line is written as soon as its file is scored, and the file is dropped:
    /// memory stays flat however many files there are.
    fn json(
        &self,
        files: &[PathBuf],
        out: &mut impl Write,
        outcome: &mut Outcome,
    ) -> std::io::Result<()> {
        let writer = report::json::Writer::new(self.bank);
        let mut lines = String::with_capacity(128 * 1024);
        for path in files {
            if let Some((loaded, checked, verdict)) = self.load(path, true, outcome) {
                writer.push_line(
                    &Scored::loaded(path, self.bank, &loaded, &verdict).with_documents(&checked),
                    &mut lines,
                );
            }
            if lines.len() >= 64 * 1024 {
                out.write_all(lines.as_bytes())?;
                lines.clear();
            }
        }
        out.write_all(lines.as_bytes())
    }

    /// The tables are ranked, so every file is scored before the first row is written;
    /// each keeps only what its rows show.
    fn ranked(
        &self,
        files: &[PathBuf],
        out: &mut impl Write,
        outcome: &mut Outcome,
    ) -> std::io::Result<()> {
        let keep_answers = matches!(self.format, ScoreFormat::Csv | ScoreFormat::CsvLong);
        let mut entries = Vec::with_capacity(files.len());
        for path in files {
            if let Some((loaded, checked, verdict)) = self.load(path, true, outcome) {
                entries.push(compare::Entry::new(
                    path,
                    loaded.file,
                    checked,
                    &verdict,
                    keep_answers,
                ));
            }
        }
        if entries.is_empty() {
            return Ok(());
        }
        compare::rank(&mut entries);
        let notes: Vec<String> = crate::explain::review_due(self.bank, &crate::explain::today())
            .into_iter()
            .chain([self.bank.disclaimer.clone()])
            .collect();
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
        match self.format {
            ScoreFormat::Text => compare::text(&entries, &notes, &mut out),
            ScoreFormat::Md => compare::markdown(&entries, &notes, &mut out),
            ScoreFormat::Csv => compare::csv_wide(&entries, self.bank, self.ids, &mut out),
            ScoreFormat::CsvLong => compare::csv_long(&entries, self.bank, &mut out),
            // Written line by line in `json`, never ranked.
            ScoreFormat::Json => Ok(()),
        }?;
        out.flush()
    }
}
