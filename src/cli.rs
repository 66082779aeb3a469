//! The command line: the clap definitions, dispatch to one module per command, and exit codes.

mod attach;
mod check;
mod color;

use color::ColorChoice;
mod diff;
mod documents;
mod format;
mod install;
mod man;
mod migrate;
mod questions;
mod report;
mod score;
mod wizard;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::answers;
use crate::bank::{Audience, Bank, BankError};
use crate::output;
use crate::save;
use crate::session::SessionError;

/// Exit code for bad input or usage.
const BAD_INPUT: u8 = 2;
/// Exit code when a `--fail-on` threshold was reached.
const THRESHOLD: u8 = 1;

/// What a person does with exovet, each a command line that works as written: `--help`
/// and the manual page list them.
pub const EXAMPLES: [(&str, &str); 9] = [
    (
        "exovet",
        "answer the questions, full screen, on the built-in question bank",
    ),
    (
        "exovet --answers exovet-glow.toml",
        "go on with answers saved earlier",
    ),
    (
        "exovet --plain",
        "the same, one line at a time (screen readers, pipes)",
    ),
    ("exovet score exovet-glow.toml", "the verdict, and why"),
    (
        "exovet report exovet-glow.toml -o glow.html",
        "a summary to print and take along",
    ),
    (
        "exovet questions --audience patient -o questions.html",
        "the blank questions, to print",
    ),
    (
        "exovet score vendor-a.toml vendor-b.toml -o vendors.csv",
        "vendors side by side, for a spreadsheet",
    ),
    (
        "exovet diff last-year.toml this-year.toml",
        "what changed since last time",
    ),
    (
        "exovet attach vendor-a.toml testing.coa coa.pdf --status checked",
        "keep the document behind an answer",
    ),
];

/// Each example on a line of its own and what it does under it: short enough for any
/// terminal, so nothing is wrapped into the next column.
fn after_help() -> String {
    let examples = EXAMPLES
        .iter()
        .fold(String::new(), |mut out, (command, what)| {
            let _ =
                std::fmt::Write::write_fmt(&mut out, format_args!("  {command}\n      {what}\n"));
            out
        });
    format!(
        "Examples:\n{examples}\nNot medical advice. No exosome product is FDA-approved.\nExit codes: 0 done; 1 a --fail-on threshold was reached; 2 bad input or usage."
    )
}

#[derive(Debug, Parser)]
#[command(
    name = "exovet",
    version,
    about = "Vet an exosome-treatment provider or vendor: answer the questions, get a green / amber / red verdict with every reason spelled out.",
    long_about = None,
    after_help = after_help()
)]
pub struct Cli {
    /// Use this question bank instead of the built-in one (before a command, for that command).
    #[arg(long, value_name = "FILE")]
    bank: Option<PathBuf>,

    #[command(flatten)]
    wizard: wizard::Args,

    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        overrides_with = "color",
        help = "When to colour: auto colours on a terminal unless NO_COLOR is set or TERM=dumb (the verdict, error: and warning:, WORSE and BETTER; line prompts never)"
    )]
    color: Option<ColorChoice>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    Check(check::Args),
    Score(score::Args),
    Report(report::Args),
    Diff(diff::Args),
    Migrate(migrate::Args),
    Attach(attach::Args),
    Questions(questions::Args),
    Completions(install::CompletionsArgs),
    Man(man::Args),
}

impl Command {
    /// The name typed on the command line.
    fn name(&self) -> &'static str {
        match self {
            Command::Check(_) => "check",
            Command::Score(_) => "score",
            Command::Report(_) => "report",
            Command::Diff(_) => "diff",
            Command::Migrate(_) => "migrate",
            Command::Attach(_) => "attach",
            Command::Questions(_) => "questions",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
        }
    }
}

/// `--bank FILE`, on the commands that read a bank.
#[derive(Debug, clap::Args)]
struct BankArg {
    /// Use this question bank instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    bank: Option<PathBuf>,
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
            let message = crate::diag::inert(&render_error(&e));
            let _ = writeln!(std::io::stderr(), "{}", output::labelled(&message));
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
    if let Some(problem) = answers::today_problem() {
        anyhow::bail!(problem);
    }
    let color = cli.color.unwrap_or(ColorChoice::Auto);
    output::colour_stderr(color.stderr());
    let Some(command) = &cli.command else {
        return wizard::run(&cli.wizard, cli.bank.as_deref(), color);
    };
    cli.wizard.refuse_with(command)?;
    match command {
        Command::Check(args) => check::run(args, cli.bank.as_deref()),
        Command::Score(args) => {
            crate::evidence::say_progress();
            score::run(args, bank_path(cli, &args.bank)?, color)
        }
        Command::Report(args) => {
            crate::evidence::say_progress();
            report::run(args, bank_path(cli, &args.bank)?)
        }
        Command::Diff(args) => {
            crate::evidence::say_progress();
            diff::run(args, bank_path(cli, &args.bank)?, color)
        }
        Command::Migrate(args) => migrate::run(args, bank_path(cli, &args.bank)?),
        Command::Attach(args) => attach::run(args, bank_path(cli, &args.bank)?),
        Command::Questions(args) => questions::run(args, bank_path(cli, &args.bank)?),
        // `--bank FILE` goes with any command (product.md); these read no bank.
        Command::Completions(args) => install::run(args),
        Command::Man(args) => man::run(args),
    }
}

/// The bank a command reads: `exovet --bank FILE COMMAND` or `exovet COMMAND --bank FILE`.
fn bank_path<'a>(cli: &'a Cli, own: &'a BankArg) -> anyhow::Result<Option<&'a Path>> {
    match (cli.bank.as_deref(), own.bank.as_deref()) {
        (Some(a), Some(b)) if a != b => anyhow::bail!(
            "--bank is given twice, as {} and {}: give it once",
            crate::text::shown_path(a),
            crate::text::shown_path(b)
        ),
        (a, b) => Ok(a.or(b)),
    }
}

/// Loads the bank named, or the built-in one.
/// The bank every command but `check` works with; and, once it is known, whether today's
/// date can be right.
fn load_bank(path: Option<&Path>) -> anyhow::Result<Bank> {
    let bank = Bank::load(path)?;
    let today = answers::today();
    if let Some(released) = bank.released.as_deref().filter(|r| today.as_str() < *r) {
        output::warn(crate::ui::date_before_release(&today, released));
    }
    Ok(bank)
}

/// The files an output is made from: the answers files, if any, and the bank.
fn inputs<'a>(
    bank: Option<&'a Path>,
    answers: impl IntoIterator<Item = &'a Path>,
) -> Vec<save::Input<'a>> {
    answers
        .into_iter()
        .map(|path| save::Input {
            path,
            what: "answers file",
        })
        .chain(bank.map(|path| save::Input { path, what: "bank" }))
        .collect()
}

/// Prints `text`, or writes it whole to `path` and says where.
/// A command that writes its answers file back cannot take `-` (standard input) for it.
fn writable(path: &Path, command: &str) -> anyhow::Result<()> {
    if crate::source::is_stdin(path) {
        anyhow::bail!(
            "exovet {command}: error: `-` (standard input) can be read, but not written back: give the answers file's name"
        );
    }
    Ok(())
}

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
