//! The full-screen app's state and its update: messages in, state changed, effects out. No terminal, no files.

use std::path::{Path, PathBuf};

mod line;
mod page;
mod run;

pub use line::edit;
pub use page::{Choice, Field, FieldFocus, Page, ReviewRow, review_rows};
pub use run::{Leaving, Run, VerdictLines};

use super::msg::{Focus, Msg};
use crate::answers::Status as DocStatus;
use crate::bank::{Audience, QuestionId};
use crate::session::Session;

/// What the caller must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// The answers changed: save them.
    Save,
    /// Write the summary next to the answers file.
    SaveSummary,
    /// Save from now on to this file instead; with `then_leave`, leave once it worked.
    SaveTo {
        path: PathBuf,
        then_leave: bool,
    },
    /// Save and leave; when the save fails, call [`App::cannot_leave`] instead.
    Leave,
    /// Leave though the answers are not saved: they are printed to copy.
    LeaveUnsaved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartStep {
    Audience,
    Subject,
    /// The name was left empty once and asked for again: Enter again starts without one.
    SubjectAgain,
}

impl StartStep {
    /// Whether the name is being typed.
    pub fn typing(self) -> bool {
        matches!(self, StartStep::Subject | StartStep::SubjectAgain)
    }
}

#[derive(Debug, Clone)]
pub struct Start {
    pub step: StartStep,
    pub cursor: usize,
    pub audience: Option<Audience>,
    pub subject: String,
}

#[derive(Debug, Clone)]
pub enum Mode<'s> {
    Start(Start),
    Run(Box<Run<'s>>),
}

/// What is open over the questions; one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// "Why this matters", scrolled this far.
    Help { scroll: u16 },
    /// The path being typed to save the answers elsewhere.
    SaveAs { path: String, then_leave: bool },
    /// Leaving was asked for while the answers cannot be saved.
    Unsaved,
    /// The name of who is vetted, being changed from the review.
    Rename { name: String },
    /// The document behind a question's answer: its path typed, then how far it was looked at.
    Attach {
        question: QuestionId,
        path: String,
        /// The document found at `path`, once Enter found it: its status is being chosen.
        found: Option<crate::answers::Document>,
        /// Enter was pressed and the file is being read on a thread of its own, never on
        /// the one that draws: its status is asked once it is read ([`Msg::Read`]).
        reading: bool,
    },
}

#[derive(Debug, Clone)]
pub struct App<'s> {
    session: &'s Session,
    dir: PathBuf,
    pub mode: Mode<'s>,
    pub overlay: Option<Overlay>,
    /// A one-line message: what just happened, or what to do.
    pub status: Option<Status>,
    pub summary_path: Option<PathBuf>,
    /// Whether the window is large enough to show a question; keys record nothing when not.
    pub fits: bool,
    /// The last key asked to leave and was told what typed cannot be saved: leaving again
    /// leaves without it.
    warned: bool,
}

impl<'s> App<'s> {
    pub fn new(session: &'s Session, dir: PathBuf) -> Self {
        let mut app = Self {
            session,
            dir,
            mode: Mode::Start(Start {
                // An audience from the command line or the file is not asked.
                step: if session.audience.is_some() {
                    StartStep::Subject
                } else {
                    StartStep::Audience
                },
                cursor: 0,
                audience: session.audience,
                subject: session.subject.clone().unwrap_or_default(),
            }),
            overlay: None,
            status: None,
            summary_path: None,
            fits: true,
            warned: false,
        };
        match (session.audience, &session.subject) {
            (Some(a), Some(s)) => app.begin(a, s),
            // A resumed file without a subject still starts at the questions.
            (Some(a), None) if session.resumed => app.begin(a, ""),
            _ => {}
        }
        app
    }

    pub fn session(&self) -> &'s Session {
        self.session
    }

    pub fn run(&self) -> Option<&Run<'s>> {
        match &self.mode {
            Mode::Run(r) => Some(r),
            Mode::Start(_) => None,
        }
    }

    pub fn run_mut(&mut self) -> Option<&mut Run<'s>> {
        match &mut self.mode {
            Mode::Run(r) => Some(r),
            Mode::Start(_) => None,
        }
    }

    fn begin(&mut self, audience: Audience, subject: &str) {
        let (wizard, autosave) = self.session.begin(audience, subject.trim(), &self.dir);
        self.mode = Mode::Run(Box::new(Run::new(wizard, autosave)));
    }

    /// The window's size: below the smallest that shows a question, keys record nothing.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.fits = width >= super::MIN_WIDTH && height >= super::MIN_HEIGHT;
    }

    /// What has the keys, for `keys` to say what a key means.
    pub fn focus(&self) -> Focus {
        if !self.fits {
            return Focus::TooSmall;
        }
        match &self.overlay {
            Some(Overlay::Help { .. }) => return Focus::Help,
            Some(Overlay::SaveAs { .. } | Overlay::Rename { .. } | Overlay::Attach { .. }) => {
                return Focus::Path;
            }
            Some(Overlay::Unsaved) => return Focus::Leaving,
            None => {}
        }
        match &self.mode {
            Mode::Start(s) if s.step.typing() => Focus::Text,
            Mode::Start(_) => Focus::List,
            Mode::Run(r) => match r.page() {
                Page::Choice(c) if c.stray.is_some() => Focus::Stray,
                Page::Field(f) if f.focus == FieldFocus::Text && f.number => Focus::Number,
                Page::Field(f) if f.focus == FieldFocus::Text => Focus::Text,
                Page::Field(_) => Focus::FieldList,
                _ => Focus::List,
            },
        }
    }

    /// What leaving now would save, for the watchdog; `None` before the questions start.
    pub fn leaving_copy(&self) -> Option<Leaving<'s>> {
        self.run().map(Run::leaving_copy)
    }

    /// Leaving was asked for and the save failed: ask before leaving without it.
    pub fn cannot_leave(&mut self) {
        self.overlay = Some(Overlay::Unsaved);
    }

    /// Keeps what is typed, then leaves (the caller saves). Typed text that cannot be saved
    /// (a number the question does not take) is said first; leaving again leaves without it.
    fn leave(&mut self, warned: bool) -> Effect {
        self.overlay = None;
        if let Some(run) = self.run_mut() {
            if let Some(why) = run.unsavable().filter(|_| !warned) {
                self.warned = true;
                self.status = Some(Status::Problem(format!(
                    "{why} Correct it or erase it; q or Esc again leaves without it."
                )));
                return Effect::None;
            }
            run.keep_typed();
        }
        Effect::Leave
    }

    pub fn update(&mut self, msg: Msg) -> Effect {
        // Not a key: it changes nothing but a document waited for, and takes no warning.
        if msg == Msg::Read {
            if matches!(self.overlay, Some(Overlay::Attach { reading: true, .. })) {
                return self
                    .update_overlay(msg, self.warned)
                    .unwrap_or(Effect::None);
            }
            return Effect::None;
        }
        let warned = std::mem::take(&mut self.warned);
        // A window too small to show the question takes no answers, only leaving.
        if !self.fits {
            return match msg {
                // Asked already whether to leave unsaved: leaving again leaves.
                Msg::Quit if self.overlay == Some(Overlay::Unsaved) => Effect::LeaveUnsaved,
                Msg::Quit => self.leave(warned),
                _ => Effect::None,
            };
        }
        if let Some(effect) = self.update_overlay(msg, warned) {
            return effect;
        }
        match msg {
            Msg::Quit => return self.leave(warned),
            Msg::SaveAs => {
                if let Some(run) = self.run() {
                    self.overlay = Some(Overlay::SaveAs {
                        path: run.autosave.suggest_elsewhere(),
                        then_leave: false,
                    });
                }
                return Effect::None;
            }
            _ => {}
        }
        self.status = None;
        match &mut self.mode {
            Mode::Start(start) => {
                let audience_fixed = self.session.audience.is_some();
                if let Some((audience, subject)) = update_start(start, msg, audience_fixed) {
                    self.begin(audience, &subject);
                    return Effect::Save;
                }
                Effect::None
            }
            Mode::Run(run) => {
                if msg == Msg::Attach {
                    match run.question() {
                        // Documents back a vendor's answers: a patient's `a` is a letter
                        // typed by mistake, as it always was.
                        Some(question) if run.wizard().meta().audience == Audience::Coordinator => {
                            self.overlay = Some(Overlay::Attach {
                                question,
                                path: String::new(),
                                found: None,
                                reading: false,
                            });
                            return Effect::None;
                        }
                        Some(_) => {
                            let outcome = run.update(Msg::Type('a'));
                            self.status = outcome.status;
                            return outcome.effect;
                        }
                        None => return Effect::None,
                    }
                }
                if run.asks_rename(msg) {
                    self.overlay = Some(Overlay::Rename {
                        name: run.wizard().meta().subject.clone(),
                    });
                    return Effect::None;
                }
                if msg == Msg::Help {
                    if run.question().is_some() {
                        self.overlay = Some(Overlay::Help { scroll: 0 });
                    }
                    return Effect::None;
                }
                let outcome = run.update(msg);
                self.status = outcome.status;
                outcome.effect
            }
        }
    }

    /// The keys while something is open over the questions; `None` when nothing is.
    fn update_overlay(&mut self, msg: Msg, warned: bool) -> Option<Effect> {
        // Where a document's path is recorded from, looked up before the overlay is borrowed,
        // and only while a path is being typed.
        let answers_path = matches!(self.overlay, Some(Overlay::Attach { found: None, .. }))
            .then(|| self.run().map(|r| r.autosave.path.clone()))
            .flatten()
            .unwrap_or_default();
        let overlay = self.overlay.as_mut()?;
        match overlay {
            Overlay::Help { scroll } => match msg {
                // Arrows scroll a long help text; any other key closes it, and never acts
                // on the question behind it.
                Msg::Down => *scroll = scroll.saturating_add(1),
                Msg::Up => *scroll = scroll.saturating_sub(1),
                Msg::PageDown => *scroll = scroll.saturating_add(10),
                Msg::PageUp => *scroll = scroll.saturating_sub(10),
                Msg::Quit => return Some(self.leave(warned)),
                _ => self.overlay = None,
            },
            Overlay::SaveAs { path, then_leave } => match msg {
                Msg::Type(c) => path.push(c),
                Msg::Erase | Msg::Clear | Msg::DeleteWord => edit(path, msg),
                Msg::Enter if !path.trim().is_empty() => {
                    let effect = Effect::SaveTo {
                        path: PathBuf::from(path.trim()),
                        then_leave: *then_leave,
                    };
                    self.overlay = None;
                    return Some(effect);
                }
                // Closing the prompt goes back to where it was opened from.
                Msg::Close if *then_leave => self.overlay = Some(Overlay::Unsaved),
                Msg::Close => self.overlay = None,
                Msg::Quit if *then_leave => return Some(Effect::LeaveUnsaved),
                Msg::Quit => return Some(self.leave(warned)),
                _ => {}
            },
            Overlay::Unsaved => match msg {
                Msg::SaveAs => {
                    let path = self
                        .run()
                        .map(|r| r.autosave.suggest_elsewhere())
                        .unwrap_or_default();
                    self.overlay = Some(Overlay::SaveAs {
                        path,
                        then_leave: true,
                    });
                }
                Msg::Quit => return Some(Effect::LeaveUnsaved),
                _ => self.overlay = None,
            },
            Overlay::Attach {
                question,
                path,
                found,
                reading,
            } => match (msg, found.is_some()) {
                // Only Esc while the file is read: it stops waiting, and the path stays.
                (Msg::Close, false) if *reading => {
                    *reading = false;
                    self.status = None;
                }
                (Msg::Quit, _) => return Some(self.leave(warned)),
                (Msg::Read, false)
                    if *reading && crate::evidence::known(Path::new(path.trim())).is_some() =>
                {
                    *reading = false;
                    self.status = look_at(&answers_path, path, found);
                }
                (_, false) if *reading => {}
                (Msg::Type(c), false) if path.len() < 4096 => path.push(c),
                (Msg::Erase | Msg::Clear | Msg::DeleteWord, false) => edit(path, msg),
                // The document is looked for before its status is asked; a file this run
                // has not read yet is read first, off the thread that draws.
                (Msg::Enter, false) if !path.trim().is_empty() => {
                    let typed = Path::new(path.trim());
                    if crate::answers::evidence::is_address(path.trim())
                        || crate::evidence::known(typed).is_some()
                    {
                        self.status = look_at(&answers_path, path, found);
                    } else {
                        let size = std::fs::metadata(typed).map_or(0, |m| m.len());
                        crate::evidence::read_later(vec![typed.to_path_buf()]);
                        *reading = true;
                        self.status =
                            Some(Status::Done(crate::ui::reading_document(path.trim(), size)));
                    }
                }
                (Msg::Type(c), true) => {
                    if let Some(status) = DocStatus::from_choice(&c.to_string()) {
                        let question = *question;
                        let document = found.take();
                        self.overlay = None;
                        return Some(self.attach(question, document, status));
                    }
                }
                // Back to the path from the status; from the path, closed.
                (Msg::Close, true) => *found = None,
                (Msg::Close, false) => self.overlay = None,
                _ => {}
            },
            Overlay::Rename { name } => match msg {
                Msg::Type(c) if name.len() < crate::limits::MAX_TEXT_ANSWER_BYTES => name.push(c),
                Msg::Erase | Msg::Clear | Msg::DeleteWord => edit(name, msg),
                Msg::Enter => {
                    let name = std::mem::take(name);
                    self.overlay = None;
                    return Some(self.rename(&name));
                }
                Msg::Close => self.overlay = None,
                Msg::Quit => return Some(self.leave(warned)),
                _ => {}
            },
        }
        Some(Effect::None)
    }

    /// Whether the terminal should report the mouse: not on the verdict, so the paths
    /// on it (the answers, the summary) can be selected and copied as any text.
    pub fn wants_mouse(&self) -> bool {
        !matches!(
            self.run().map(|r| r.page().place()),
            Some(crate::wizard::Place::Verdict)
        )
    }

    /// Records the document found behind `question`'s answer, with `status`.
    fn attach(
        &mut self,
        question: QuestionId,
        document: Option<crate::answers::Document>,
        status: DocStatus,
    ) -> Effect {
        let (Some(run), Some(mut document)) = (self.run_mut(), document) else {
            return Effect::None;
        };
        document.status = status;
        let said = format!(
            "Attached: {}, as {}. Saved with the answers; Ctrl-Z takes it back.",
            crate::text::from_file(&document.document),
            status.id()
        );
        run.attach(question, document);
        self.status = Some(Status::Done(said));
        Effect::Save
    }

    /// Renames who is vetted, from the review; an empty name changes nothing.
    fn rename(&mut self, name: &str) -> Effect {
        let Some(run) = self.run_mut() else {
            return Effect::None;
        };
        if name.trim().is_empty() {
            self.status = Some(Status::Problem(
                "No name typed: the name is as it was.".into(),
            ));
            return Effect::None;
        }
        if !run.rename(name) {
            return Effect::None;
        }
        self.status = Some(Status::Done(format!(
            "Renamed: {}. Saved with the answers.",
            crate::diag::inert(name.trim())
        )));
        Effect::Save
    }
}

/// A one-line message under the keys, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Something did not work, or cannot be done: shown as an error.
    Problem(String),
    /// Something asked for was done.
    Done(String),
}

impl Status {
    pub fn text(&self) -> &str {
        match self {
            Status::Problem(t) | Status::Done(t) => t,
        }
    }
}

/// Looks for the document typed as `path` (read already, or a web address) and records it
/// in `found` for its status to be asked; what went wrong, to show, when it cannot be.
fn look_at(
    answers_path: &Path,
    path: &str,
    found: &mut Option<crate::answers::Document>,
) -> Option<Status> {
    // Read already (see `Overlay::Attach::reading`); read here only if it changed since.
    let fingerprint =
        |p: &Path| crate::evidence::known(p).unwrap_or_else(|| crate::evidence::sha256(p));
    match crate::evidence::attached_with(answers_path, path, DocStatus::Claimed, fingerprint) {
        Ok(document) => {
            *found = Some(document);
            None
        }
        Err(why) => Some(Status::Problem(format!(
            "Cannot attach {}: {why}",
            crate::diag::inert(path.trim())
        ))),
    }
}

/// The start screen's update; returns the audience and subject once both are set.
/// With `audience_fixed` (from the command line or the file) the audience is not asked.
fn update_start(s: &mut Start, msg: Msg, audience_fixed: bool) -> Option<(Audience, String)> {
    match (s.step, msg) {
        (StartStep::Audience, Msg::Up | Msg::Previous) => s.cursor = s.cursor.saturating_sub(1),
        (StartStep::Audience, Msg::Down) => s.cursor = (s.cursor + 1).min(Audience::ALL.len() - 1),
        (StartStep::Audience, Msg::Pick(n)) if (1..=Audience::ALL.len()).contains(&n) => {
            s.cursor = n - 1;
            s.audience = Some(Audience::ALL[s.cursor]);
            s.step = StartStep::Subject;
        }
        (StartStep::Audience, Msg::Enter) => {
            s.audience = Some(Audience::ALL[s.cursor]);
            s.step = StartStep::Subject;
        }
        (StartStep::Subject | StartStep::SubjectAgain, Msg::Type(c)) => s.subject.push(c),
        (
            StartStep::Subject | StartStep::SubjectAgain,
            Msg::Erase | Msg::Clear | Msg::DeleteWord,
        ) => {
            edit(&mut s.subject, msg);
        }
        // ← leaves the name only when it is empty, as in every field (found by an
        // adversarial run: "1Acme" then ← went back, and the next 1 changed the audience);
        // Shift-Tab and ↑ go back keeping it.
        (StartStep::Subject | StartStep::SubjectAgain, Msg::Back)
            if !audience_fixed && s.subject.is_empty() =>
        {
            s.step = StartStep::Audience;
        }
        (StartStep::Subject | StartStep::SubjectAgain, Msg::Previous | Msg::Up)
            if !audience_fixed =>
        {
            s.step = StartStep::Audience;
        }
        // An empty name is asked for once more; then it is accepted.
        (StartStep::Subject, Msg::Enter) if s.subject.trim().is_empty() => {
            s.step = StartStep::SubjectAgain;
        }
        (StartStep::Subject | StartStep::SubjectAgain, Msg::Enter) => {
            return s.audience.map(|a| (a, s.subject.trim().to_owned()));
        }
        _ => {}
    }
    None
}
