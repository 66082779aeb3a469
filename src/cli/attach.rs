//! `exovet attach`: records the document behind one answer, with its SHA-256, the date and
//! how far it was looked at, and saves the answers file as every save does: whole or not at
//! all, its comments and order kept.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use crate::answers::{self, Status, evidence};
use crate::bank::parse_version;
use crate::diag::did_you_mean;
use crate::save;
use crate::source::SourceText;
use crate::text;

/// Record the document that backs an answer: a file beside the answers, or a web address.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The answers file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The question the document backs, by id (such as testing.coa).
    #[arg(value_name = "QUESTION")]
    question: String,
    /// The document: a file (recorded relative to the answers file) or a web address.
    #[arg(value_name = "DOCUMENT")]
    document: String,
    /// How far it was looked at: claimed (they say they have it), seen (you have a copy and
    /// looked at it), checked (you read it against the answer).
    #[arg(long, value_enum, default_value_t = StatusArg::Claimed)]
    status: StatusArg,
    /// A short note, such as the lab's name.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    #[command(flatten)]
    pub bank: super::BankArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatusArg {
    Claimed,
    Seen,
    Checked,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Claimed => Status::Claimed,
            StatusArg::Seen => Status::Seen,
            StatusArg::Checked => Status::Checked,
        }
    }
}

pub fn run(args: &Args, bank_path: Option<&Path>) -> anyhow::Result<ExitCode> {
    super::writable(&args.file, "attach")?;
    let bank = super::load_bank(bank_path)?;
    let path = args.file.as_path();
    let shown = text::shown_path(path);
    let src = SourceText::read(path).map_err(answers::AnswersError::from)?;
    let loaded = answers::parse(&src, &bank).map_err(answers::AnswersError::from)?;
    let mut file = loaded.file;
    if let Some(why) = file.meta.not_writable(&bank) {
        anyhow::bail!("{shown}: error: {why}");
    }
    if parse_version(&file.meta.bank_version) < parse_version(&bank.version) {
        anyhow::bail!(
            "{shown}: error: saved with version {} of the bank, older than this one ({}). Run `exovet migrate` on it first, so the original is kept; then attach",
            file.meta.bank_version,
            bank.version
        );
    }
    let Some(question) = bank.find(&args.question) else {
        anyhow::bail!(
            "there is no question `{}` in the bank `{}`.{} Give the id of the question whose answer the document backs",
            crate::diag::inert(&args.question),
            bank.id,
            did_you_mean(&args.question, bank.questions.iter().map(|q| q.id.as_str()))
        );
    };
    let note = args.note.as_deref().unwrap_or_default().trim().to_owned();
    if note.len() > crate::limits::MAX_TEXT_ANSWER_BYTES {
        anyhow::bail!("the note is longer than 64 KB; shorten it");
    }
    let status = Status::from(args.status);
    let mut attached = crate::evidence::attached(path, &args.document, status).map_err(|why| {
        anyhow::anyhow!(
            "{}: error: cannot attach it: {why}",
            text::shown_path(Path::new(&args.document))
        )
    })?;
    // Attaching again, as the message below says to, keeps the note unless a new one is given.
    let earlier_note = file
        .annex
        .evidence
        .get(&question)
        .map(|d| d.note.clone())
        .filter(|n| args.note.is_none() && !n.is_empty());
    attached.note = earlier_note.clone().unwrap_or(note);
    let document = attached.document.clone();
    let replaced = file.annex.evidence.insert(question, attached);
    file.meta.updated = Some(answers::now_rfc3339());
    let text = answers::to_toml_keeping(&bank, &file, Some(src.text()));
    save::answers(path, &text).map_err(|e| {
        anyhow::anyhow!(
            "{shown}: error: cannot save the answers: {e}. Nothing was changed; free some space or fix the folder's permissions, then attach again"
        )
    })?;
    let q = &bank.question(question).id;
    let verb = if replaced.is_some() {
        "replaces the earlier one"
    } else {
        "is recorded"
    };
    let mut said = format!(
        "{shown}: the document for `{q}` ({}) {verb}, as {}.",
        crate::diag::inert(&document),
        status.id()
    );
    if let Some(kept) = &earlier_note {
        said.push_str(" The note \"");
        said.push_str(&text::from_file(kept));
        said.push_str("\" is kept; give --note to change it.");
    }
    if status == Status::Claimed {
        said.push_str(" Once you have looked at it, attach it again with --status seen, or --status checked when you have read it against the answer.");
    }
    if evidence::is_address(&document) {
        said.push_str(
            " A web address is not opened by exovet, so a change to the page will not show.",
        );
    }
    let audience = file.meta.audience;
    if !bank.question(question).reach.includes(audience) {
        said.push_str(" This question is not asked of a ");
        said.push_str(audience.id());
        said.push_str(": the document is kept, but the answer it backs does not count.");
    } else if file.answers.get(question).is_none() {
        said.push_str(" The question is not answered yet.");
    }
    said.push('\n');
    crate::output::print_done(&said, &format!("{shown}: the document is recorded"));
    Ok(ExitCode::SUCCESS)
}
