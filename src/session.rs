//! Getting a wizard session ready: the bank, the answers file to resume or create, the audience and the subject.

mod autosave;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::answers::{self, Answers, Meta};
use crate::bank::{Audience, Bank};
use crate::diag::Diagnostic;
use crate::wizard::Wizard;

pub use autosave::Autosave;

/// What is known before the first question: from the command line and any file being resumed.
#[derive(Debug)]
pub struct Session {
    pub bank: Bank,
    pub audience: Option<Audience>,
    pub subject: Option<String>,
    pub answers: Answers,
    /// What a resumed file holds beside its answers; saved back with them.
    pub annex: answers::Annex,
    /// `--answers FILE`; `None` means a new file named after the subject.
    pub path: Option<PathBuf>,
    /// Whether `path` held answers that were loaded.
    pub resumed: bool,
    /// What was ignored in a resumed file.
    pub warnings: Vec<Diagnostic>,
    /// The resumed file's text, to notice if someone else changes it.
    on_disk: Option<String>,
    /// The bank version the resumed file was saved with, when older than this bank's.
    older: Option<String>,
    /// `YYYY-MM-DD`, to tell whether the bank is due for review; tests set their own.
    pub today: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Answers(#[from] answers::AnswersError),
    #[error(
        "{file}: error: this file holds a {saved}'s answers, but --audience says {asked}. Leave out --audience, or give another --answers file."
    )]
    AudienceClash {
        file: String,
        saved: Audience,
        asked: Audience,
    },
    /// A file every save would damage: see [`answers::Meta::not_writable`].
    #[error("{file}: error: {why}.")]
    NotWritable { file: String, why: String },
}

impl Session {
    /// Loads `--answers FILE` when it exists; a file that does not exist yet will be created.
    pub fn open(
        bank: Bank,
        audience: Option<Audience>,
        subject: Option<String>,
        path: Option<PathBuf>,
    ) -> Result<Self, SessionError> {
        let mut session = Self {
            answers: Answers::empty(&bank),
            annex: answers::Annex::default(),
            bank,
            audience,
            subject: subject
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty()),
            path,
            resumed: false,
            warnings: Vec::new(),
            on_disk: None,
            older: None,
            today: crate::explain::today(),
        };
        if let Some(path) = session.path.as_deref().filter(|p| p.exists()) {
            let src = crate::source::SourceText::read(path).map_err(answers::AnswersError::from)?;
            let loaded =
                answers::parse(&src, &session.bank).map_err(answers::AnswersError::from)?;
            session.on_disk = Some(src.text().to_owned());
            let meta = loaded.file.meta;
            if let Some(why) = meta.not_writable(&session.bank) {
                return Err(SessionError::NotWritable {
                    file: crate::text::shown_path(path),
                    why,
                });
            }
            if let Some(asked) = audience.filter(|a| *a != meta.audience) {
                return Err(SessionError::AudienceClash {
                    file: crate::text::shown_path(path),
                    saved: meta.audience,
                    asked,
                });
            }
            if crate::bank::parse_version(&meta.bank_version)
                < crate::bank::parse_version(&session.bank.version)
            {
                session.older = Some(meta.bank_version.clone());
            }
            session.audience = Some(meta.audience);
            if session.subject.is_none() && !meta.subject.trim().is_empty() {
                session.subject = Some(meta.subject);
            }
            session.answers = loaded.file.answers;
            session.annex = loaded.file.annex;
            session.resumed = true;
            session.warnings = loaded.warnings;
        }
        Ok(session)
    }

    /// What the start says when the bank is past its `review_by` date.
    pub fn review_due(&self) -> Option<String> {
        crate::explain::review_due(&self.bank, &self.today)
    }

    /// The wizard and where it saves, once the audience and subject are known.
    /// New answers without `--answers` go to a fresh file in `dir`.
    pub fn begin(&self, audience: Audience, subject: &str, dir: &Path) -> (Wizard<'_>, Autosave) {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| autosave::default_answers_path(dir, subject));
        let meta = Meta::new(&self.bank, audience, subject);
        let wizard =
            Wizard::new(&self.bank, meta, self.answers.clone()).with_annex(self.annex.clone());
        let autosave = match (&self.on_disk, &self.path) {
            (Some(text), Some(p)) if *p == path => {
                let resumed = Autosave::resumed(path, text.clone()).unless_unchanged(wizard.file());
                match &self.older {
                    Some(version) => resumed.saved_with_older(version.clone()),
                    None => resumed,
                }
            }
            _ => Autosave::new(path),
        };
        (wizard, autosave)
    }
}

/// Line prompts instead of the full screen: asked for, or nothing else would work.
pub fn wants_plain(flag: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    flag || set("ACCESSIBLE")
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || !std::io::stdin().is_terminal()
        || !std::io::stdout().is_terminal()
}
