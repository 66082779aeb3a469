//! `exovet` without a command: the questionnaire, full screen or as line prompts, and the flags only it takes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::color::ColorChoice;
use super::{AudienceArg, Command};
use crate::bank::Audience;
use crate::session::{self, Session};
use crate::text;
use crate::{plain, tui};

/// The questionnaire's own flags; given with a command they would mean nothing, so they are refused.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "The questionnaire's options (exovet without a command)")]
pub struct Args {
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
}

impl Args {
    /// Refuses the questionnaire's flags given before a command, saying where they belong.
    pub fn refuse_with(&self, command: &Command) -> anyhow::Result<()> {
        let name = command.name();
        let given = [
            ("--audience", self.audience.is_some()),
            ("--subject", self.subject.is_some()),
            ("--answers", self.answers.is_some()),
            ("--plain", self.plain),
        ];
        let Some((flag, _)) = given.into_iter().find(|(_, given)| *given) else {
            return Ok(());
        };
        let takes_audience = matches!(
            command,
            Command::Score(_) | Command::Report(_) | Command::Questions(_)
        );
        if flag == "--audience" && takes_audience {
            anyhow::bail!(
                "--audience before `{name}` is the questionnaire's and means nothing to `{name}`: put --audience after {name} (exovet {name} --audience …)"
            );
        }
        anyhow::bail!(
            "{flag} is for the questionnaire (exovet without a command) and means nothing to `exovet {name}`: leave it out, or run exovet {flag} … without {name}"
        )
    }
}

pub fn run(args: &Args, bank: Option<&Path>, color: ColorChoice) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.answers {
        super::writable(path, "--answers")?;
        folder_exists(path)?;
    }
    let bank = super::load_bank(bank)?;
    let session = Session::open(
        bank,
        args.audience.map(Audience::from),
        args.subject.clone(),
        args.answers.clone(),
    )?;
    let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if session::wants_plain(args.plain) {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut output = std::io::stdout().lock();
        plain::run(&session, &dir, &mut input, &mut output)?;
    } else {
        tui::run(&session, &dir, color.theme())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--answers` into a folder that is not there would fail at the first save, after
/// saying where the answers go: refused before the first question instead.
fn folder_exists(path: &Path) -> anyhow::Result<()> {
    let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    if folder.is_dir() {
        return Ok(());
    }
    let what = if folder.exists() {
        "is not a folder"
    } else {
        "does not exist"
    };
    anyhow::bail!(
        "{}: error: cannot save the answers there: {} {what}. Make the folder first (mkdir -p {}), or give --answers a file in a folder that exists",
        text::shown_path(path),
        text::shown_path(folder),
        text::shown_path(folder),
    )
}
