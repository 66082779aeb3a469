//! The command line: clap definitions, dispatch to the commands, and exit codes.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::answers;
use crate::bank::{self, Audience, Bank, BankError};
use crate::output;
use crate::report::{self, Scored, compare};
use crate::save;
use crate::score::{self, Level};
use crate::session::{self, Session, SessionError};
use crate::source::SourceText;
use crate::ui::Paint;
use crate::{plain, tui};

/// Exit code for bad input or usage.
const BAD_INPUT: u8 = 2;
/// Exit code when a `--fail-on` threshold was reached.
const THRESHOLD: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "exovet",
    version,
    about = "Vet an exosome-treatment provider or vendor: answer the questions, get a green / amber / red verdict with every reason spelled out.",
    long_about = None,
    after_help = "Not medical advice. No exosome product is FDA-approved.\nExit codes: 0 done; 1 a --fail-on threshold was reached; 2 bad input or usage."
)]
pub struct Cli {
    /// Use this question bank instead of the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    bank: Option<PathBuf>,

    /// Who is filling the questionnaire in.
    #[arg(long, value_enum)]
    audience: Option<AudienceArg>,

    /// Who is being vetted: the clinic, provider or vendor.
    #[arg(long, value_name = "NAME")]
    subject: Option<String>,

    /// Resume from this answers file and keep saving to it.
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,

    /// Numbered line prompts instead of the full screen (screen readers, pipes).
    #[arg(long)]
    plain: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a question bank and list every problem with its line and column.
    Check {
        /// The bank to check; the built-in bank if left out.
        #[arg(value_name = "BANK")]
        file: Option<PathBuf>,
    },
    /// Score answers files: the verdict, why, and what to ask next; several files are ranked side by side.
    Score {
        /// Answers files, or folders of them (every .toml file directly inside).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
        /// Exit with code 1 when any verdict is this bad or worse.
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<FailOn>,
        /// Score as this audience, whatever the files say (and say so).
        #[arg(long, value_enum)]
        audience: Option<AudienceArg>,
    },
    /// A printable summary of one answers file, to take to a consult or keep.
    Report {
        /// The answers file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Txt)]
        format: DocFormat,
        /// Write to this file (whole or not at all) instead of the screen.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Score as this audience, whatever the file says (and say so).
        #[arg(long, value_enum)]
        audience: Option<AudienceArg>,
    },
    /// Print a shell completion script: exovet completions bash > ~/.local/share/bash-completion/completions/exovet
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): exovet man > ~/.local/share/man/man1/exovet.1
    Man,
    /// The blank questionnaire, to print and take along.
    Questions {
        /// Whose questions.
        #[arg(long, value_enum, default_value_t = AudienceArg::Patient)]
        audience: AudienceArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Txt)]
        format: DocFormat,
        /// Write to this file (whole or not at all) instead of the screen.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DocFormat {
    Txt,
    Md,
    Html,
}

impl From<DocFormat> for report::Format {
    fn from(f: DocFormat) -> Self {
        match f {
            DocFormat::Txt => report::Format::Txt,
            DocFormat::Md => report::Format::Md,
            DocFormat::Html => report::Format::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum AudienceArg {
    Patient,
    Coordinator,
}

impl From<AudienceArg> for Audience {
    fn from(a: AudienceArg) -> Self {
        match a {
            AudienceArg::Patient => Audience::Patient,
            AudienceArg::Coordinator => Audience::Coordinator,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ScoreFormat {
    /// One file: the verdict, why, and what to ask. Several: a ranked table.
    Text,
    /// One object per file, one per line, in the order given.
    Json,
    /// A ranked table in Markdown.
    Md,
    /// A ranked table, one row per file, for a spreadsheet.
    Csv,
    /// One row per file and question, for a spreadsheet.
    CsvLong,
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

pub fn main() -> ExitCode {
    let outcome = match Cli::try_parse() {
        Ok(cli) => run(&cli),
        // A usage mistake: clap's message on standard error, exit 2.
        Err(e) if e.use_stderr() => e.exit(),
        // --help and --version: on standard output, which may be full or closed too.
        Err(e) => e
            .print()
            .map(|()| ExitCode::SUCCESS)
            .map_err(|io| output::PrintError(io).into()),
    };
    match outcome {
        Ok(code) => code,
        // A reader that went away (`exovet … | head`) took what it wanted.
        Err(e) if output::closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let message = crate::ui::inert(&render_error(&e));
            let _ = writeln!(std::io::stderr(), "{message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

/// Messages from file errors are complete as they are; others get the whole chain on one line.
fn render_error(e: &anyhow::Error) -> String {
    if let Some(b) = e.downcast_ref::<BankError>() {
        return b.to_string();
    }
    if let Some(a) = e.downcast_ref::<answers::AnswersError>() {
        return a.to_string();
    }
    if let Some(s) = e.downcast_ref::<SessionError>() {
        return s.to_string();
    }
    let text = format!("{e:#}");
    if text.contains(": error: ") {
        text
    } else {
        format!("exovet: error: {text}")
    }
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Some(Command::Check { file }) => check(file.as_deref().or(cli.bank.as_deref())),
        Some(Command::Score {
            files,
            format,
            fail_on,
            audience,
        }) => {
            let bank = Bank::load(cli.bank.as_deref())?;
            let audience = audience.map(Audience::from);
            score_files(&bank, files, *format, *fail_on, audience)
        }
        Some(Command::Report {
            file,
            format,
            output,
            audience,
        }) => {
            let bank = Bank::load(cli.bank.as_deref())?;
            let mut loaded = answers::read(file, &bank)?;
            if let Some(a) = audience {
                loaded.score_as((*a).into());
            }
            for w in &loaded.warnings {
                eprintln!("{w}");
            }
            let verdict = score::score(&bank, &loaded.file.answers, loaded.file.meta.audience);
            let scored = Scored::loaded(file, &bank, &loaded, &verdict);
            let text = report::summary::render(&scored, (*format).into());
            let inputs = inputs(cli, Some(file));
            write_output(&text, output.as_deref(), "summary", &inputs)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut command, "exovet", &mut out);
            output::print(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(command).render(&mut out)?;
            output::print(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Questions {
            audience,
            format,
            output,
        }) => {
            let bank = Bank::load(cli.bank.as_deref())?;
            let text = report::questionnaire::render(&bank, (*audience).into(), (*format).into());
            write_output(
                &text,
                output.as_deref(),
                "questionnaire",
                &inputs(cli, None),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let bank = Bank::load(cli.bank.as_deref())?;
            let session = Session::open(
                bank,
                cli.audience.map(Audience::from),
                cli.subject.clone(),
                cli.answers.clone(),
            )?;
            let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            if session::wants_plain(cli.plain) {
                let stdin = std::io::stdin();
                let mut input = stdin.lock();
                let mut output = std::io::stdout().lock();
                plain::run(&session, &dir, &mut input, &mut output)?;
            } else {
                tui::run(&session, &dir)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints `text`, or writes it whole to `path` and says where.
fn write_output(
    text: &str,
    path: Option<&Path>,
    what: &'static str,
    inputs: &[save::Input<'_>],
) -> anyhow::Result<()> {
    match path {
        None => output::print(text)?,
        Some(p) => output::to_file(text, p, what, inputs)?,
    }
    Ok(())
}

/// The files an output is made from: the answers file, if any, and the bank.
fn inputs<'a>(cli: &'a Cli, answers: Option<&'a Path>) -> Vec<save::Input<'a>> {
    let answers = answers.map(|path| save::Input {
        path,
        what: "answers file",
    });
    let bank = cli
        .bank
        .as_deref()
        .map(|path| save::Input { path, what: "bank" });
    answers.into_iter().chain(bank).collect()
}

fn check(path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let src = match path {
        Some(p) => SourceText::read(p).map_err(BankError::from)?,
        None => SourceText::new(bank::BUILTIN_NAME, bank::BUILTIN_TEXT),
    };
    let parsed = bank::parse(&src).map_err(BankError::from)?;
    for w in &parsed.warnings {
        eprintln!("{w}");
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
        crate::ui::inert(src.name()),
        b.id,
        b.version,
        n(b.questions.len(), "question"),
        n(b.sections.len(), "section"),
        count(Audience::Patient),
        count(Audience::Coordinator),
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn score_files(
    bank: &Bank,
    paths: &[PathBuf],
    format: ScoreFormat,
    fail_on: Option<FailOn>,
    audience: Option<Audience>,
) -> anyhow::Result<ExitCode> {
    let files = match compare::expand(paths) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("{message}");
            return Ok(ExitCode::from(BAD_INPUT));
        }
    };
    let single_text = format == ScoreFormat::Text && files.len() == 1;
    let mut bad_input = false;
    let mut reached = false;
    // Reads and scores one file; one that cannot be read is reported and skipped.
    let mut load = |path: &Path| match answers::read(path, bank) {
        Ok(mut loaded) => {
            if let Some(a) = audience {
                loaded.score_as(a);
            }
            if !single_text {
                // The single-file text lists them in its body.
                for w in &loaded.warnings {
                    eprintln!("{w}");
                }
            }
            let verdict = score::score(bank, &loaded.file.answers, loaded.file.meta.audience);
            reached |= fail_on.is_some_and(|f| f.reached(verdict.level));
            Some((loaded, verdict))
        }
        Err(e) => {
            eprintln!("{e}");
            bad_input = true;
            None
        }
    };
    let mut stdout = std::io::stdout().lock();
    let written = if format == ScoreFormat::Json {
        // Each line is written as soon as its file is scored, and the file is dropped:
        // memory stays flat however many files there are.
        let writer = report::json::Writer::new(bank);
        let mut lines = String::with_capacity(128 * 1024);
        files
            .iter()
            .try_for_each(|path| {
                if let Some((loaded, verdict)) = load(path) {
                    writer.push_line(&Scored::loaded(path, bank, &loaded, &verdict), &mut lines);
                }
                if lines.len() < 64 * 1024 {
                    return Ok(());
                }
                let written = stdout.write_all(lines.as_bytes());
                lines.clear();
                written
            })
            .and_then(|()| stdout.write_all(lines.as_bytes()))
    } else if single_text {
        match files.first().and_then(|path| Some((path, load(path)?))) {
            Some((path, (loaded, verdict))) => {
                let s = Scored::loaded(path, bank, &loaded, &verdict);
                stdout.write_all(report::text::render(&s, Paint::for_stdout()).as_bytes())
            }
            None => Ok(()),
        }
    } else {
        // The tables are ranked, so every file is scored before the first row is written;
        // each keeps only what its rows show.
        let keep_answers = format == ScoreFormat::CsvLong;
        let mut entries = Vec::with_capacity(files.len());
        for path in &files {
            if let Some((loaded, verdict)) = load(path) {
                entries.push(compare::Entry::new(
                    path,
                    loaded.file,
                    &verdict,
                    keep_answers,
                ));
            }
        }
        compare::rank(&mut entries);
        let notes: Vec<String> = crate::explain::review_due(bank, &crate::explain::today())
            .into_iter()
            .chain([bank.disclaimer.clone()])
            .collect();
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, &mut stdout);
        match format {
            _ if entries.is_empty() => Ok(()),
            ScoreFormat::Md => compare::markdown(&entries, &notes, &mut out),
            ScoreFormat::Csv => compare::csv_wide(&entries, bank, &mut out),
            ScoreFormat::CsvLong => compare::csv_long(&entries, bank, &mut out),
            _ => compare::text(&entries, &notes, &mut out),
        }
        .and_then(|()| out.flush())
    }
    .and_then(|()| stdout.flush());
    written.map_err(output::PrintError)?;
    Ok(if bad_input {
        ExitCode::from(BAD_INPUT)
    } else if reached {
        ExitCode::from(THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}
