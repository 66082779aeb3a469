//! The full-screen app's state and its update: messages in, state changed, effects out. No terminal, no files.

use std::path::PathBuf;

mod run;

pub use run::{Focus, Run, VerdictLines};

use crate::bank::Audience;
use crate::session::Session;
use crate::wizard::Place;

/// What a key (or a click) means, once mapped by `keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Choose what the cursor is on and go on.
    Enter,
    /// Tick or untick, in multiple choice.
    Toggle,
    Back,
    /// A number key: the item with this 1-based number.
    Pick(usize),
    Help,
    NotAsked,
    Refused,
    Type(char),
    Erase,
    /// Write the printable summary.
    SaveSummary,
    /// Open the prompt to save the answers to another file.
    SaveAs,
    Quit,
    /// A key with no meaning here; it still closes the help.
    Other,
    /// A click on body line `row` (0-based, within the list area).
    Click(usize),
}

/// What the caller must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// The answers changed: save them.
    Save,
    /// Write the summary next to the answers file.
    SaveSummary,
    /// Save from now on to this file instead.
    SaveTo(PathBuf),
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartStep {
    Audience,
    Subject,
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

#[derive(Debug, Clone)]
pub struct App<'s> {
    session: &'s Session,
    dir: PathBuf,
    pub mode: Mode<'s>,
    pub help_open: bool,
    pub help_scroll: u16,
    /// The path being typed to save the answers elsewhere, while that prompt is open.
    pub save_as: Option<String>,
    /// A one-line message: what just happened, or what to do.
    pub status: Option<Status>,
    pub summary_path: Option<PathBuf>,
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
            help_open: false,
            help_scroll: 0,
            save_as: None,
            status: None,
            summary_path: None,
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
        let mut run = Run {
            wizard,
            autosave,
            cursor: 0,
            ticks: Vec::new(),
            field: String::new(),
            focus: Focus::Field,
            review_cursor: 0,
            scroll: 0,
            shown: None,
            verdict_lines: std::cell::RefCell::new(None),
        };
        run.sync();
        self.mode = Mode::Run(Box::new(run));
    }

    /// Whether keys go into a text or number field, so letters type instead of commanding.
    pub fn typing(&self) -> bool {
        if self.save_as.is_some() {
            return true;
        }
        match &self.mode {
            Mode::Start(s) => s.step == StartStep::Subject,
            Mode::Run(r) => r.field_focused(),
        }
    }

    pub fn update(&mut self, msg: Msg) -> Effect {
        // Letters cannot go into a number field, so there they keep their command meaning.
        let msg = match (msg, self.run().is_some_and(Run::number_field_focused)) {
            (Msg::Type('?'), true) => Msg::Help,
            (Msg::Type('n'), true) => Msg::NotAsked,
            (Msg::Type('r'), true) => Msg::Refused,
            (Msg::Type('q'), true) => Msg::Quit,
            _ => msg,
        };
        if self.help_open {
            // Arrows scroll a long help text; any other key closes it, and
            // never acts on the question behind it.
            match msg {
                Msg::Down => self.help_scroll = self.help_scroll.saturating_add(1),
                Msg::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Msg::PageDown => self.help_scroll = self.help_scroll.saturating_add(10),
                Msg::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
                _ => self.help_open = false,
            }
            return Effect::None;
        }
        if let Some(path) = &mut self.save_as {
            match msg {
                Msg::Type(c) => path.push(c),
                Msg::Erase => {
                    path.pop();
                }
                Msg::Enter if !path.trim().is_empty() => {
                    let target = PathBuf::from(path.trim());
                    self.save_as = None;
                    return Effect::SaveTo(target);
                }
                // Escape closes the prompt; it does not leave.
                Msg::Quit => self.save_as = None,
                _ => {}
            }
            return Effect::None;
        }
        if msg == Msg::Quit {
            // What is typed in a field but not entered yet is kept too.
            if let Some(run) = self.run_mut() {
                run.keep_typed();
            }
            return Effect::Quit;
        }
        if msg == Msg::SaveAs {
            if let Some(run) = self.run() {
                self.save_as = Some(run.autosave.suggest_elsewhere());
            }
            return Effect::None;
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
                if msg == Msg::Help {
                    if matches!(run.wizard.place(), Place::Question(_)) {
                        self.help_open = true;
                        self.help_scroll = 0;
                    }
                    return Effect::None;
                }
                let result = run.update(msg);
                if let Err(message) = &result {
                    self.status = Some(Status::Problem(message.clone()));
                }
                let effect = result.unwrap_or(Effect::None);
                if effect == Effect::None && msg == Msg::Back && run.at_first_question() {
                    self.status = Some(Status::Problem("This is the first question.".to_owned()));
                }
                effect
            }
        }
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

/// The start screen's update; returns the audience and subject once both are set.
/// With `audience_fixed` (from the command line or the file) the audience is not asked.
fn update_start(s: &mut Start, msg: Msg, audience_fixed: bool) -> Option<(Audience, String)> {
    match (s.step, msg) {
        (StartStep::Audience, Msg::Up) => s.cursor = s.cursor.saturating_sub(1),
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
        (StartStep::Subject, Msg::Type(c)) => s.subject.push(c),
        (StartStep::Subject, Msg::Erase) => {
            s.subject.pop();
        }
        (StartStep::Subject, Msg::Back | Msg::Up) if !audience_fixed => {
            s.step = StartStep::Audience;
        }
        (StartStep::Subject, Msg::Enter) => {
            return s.audience.map(|a| (a, s.subject.trim().to_owned()));
        }
        _ => {}
    }
    None
}
