//! A running questionnaire: the wizard, where it saves, the page on screen, and the changes
//! that can be undone. How keys change the answers, and which changes leave text behind.

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::answers::Answer;
use crate::answers::Item;
use crate::bank::QuestionId;
use crate::session::Autosave;
use crate::ui;
use crate::wizard::{Place, Wizard};

mod choice;
mod field;
mod lists;

use super::page::{FieldFocus, Page};
use super::{Effect, Msg, Status};

/// A character this soon after a key that went on is the same word, typed on: nobody reads
/// a new question that fast. `EXOVET_WORD_GAP_MS` sets another, for tests that type as
/// fast as a program does.
fn word_gap() -> Duration {
    std::env::var("EXOVET_WORD_GAP_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_millis(1200), Duration::from_millis)
}

/// How many changes Ctrl-Z can take back, one at a time.
const UNDO_DEPTH: usize = 100;

/// The wizard with what the screen adds to it: the page and the changes to undo.
#[derive(Debug, Clone)]
pub struct Run<'s> {
    wizard: Wizard<'s>,
    pub autosave: Autosave,
    /// Built again whenever the wizard's place changes.
    page: Page,
    undo: Vec<Step>,
    /// When a key that can also begin a word (`n`, a digit) last changed an answer and went
    /// on: the word's next character, right after, is a sentence typed by mistake, and takes
    /// that change back (a wrong answer, even a wrong green, from a slip otherwise).
    pub(crate) went_on_by_key: Option<WentOn>,
    /// A digit ticked or unticked this option of a multiple choice: a letter right after it
    /// takes that back.
    ticked_by_digit: Option<usize>,
    /// The verdict screen's lines, kept while nothing they depend on changes: scrolling
    /// them would otherwise score, explain and wrap everything again on every key.
    pub verdict_lines: RefCell<Option<VerdictLines>>,
}

/// A key that can also begin a word changed `question`'s answer and went on, `at` then.
/// The slip guard takes back that change and no other: never one Ctrl-Z took back already,
/// nor one made before it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WentOn {
    pub(crate) at: Instant,
    question: QuestionId,
}

impl WentOn {
    pub(super) fn now(question: QuestionId) -> Self {
        Self {
            at: Instant::now(),
            question,
        }
    }
}

/// The verdict screen's lines and what they were made from.
#[derive(Debug, Clone)]
pub struct VerdictLines {
    /// How many documents' fingerprints the run knew ([`crate::evidence::learned`]).
    pub learned: u64,
    pub width: usize,
    pub theme: crate::tui::Theme,
    pub path: PathBuf,
    pub file: crate::answers::AnswerFile,
    pub lines: Vec<ratatui::text::Line<'static>>,
    /// Which of `lines` are web addresses, and each whole address.
    pub links: Vec<(usize, String)>,
}

/// What leaving saves: the answers with what is typed kept, where, and what typed could
/// not be kept.
#[derive(Debug, Clone)]
pub struct Leaving<'s> {
    pub wizard: Wizard<'s>,
    pub autosave: Autosave,
    pub lost: Option<String>,
}

/// One change Ctrl-Z takes back.
#[derive(Debug, Clone)]
enum Step {
    Answer(Change),
    /// The name of who is vetted was this, before it was changed on the review.
    Rename(String),
    /// The document behind this question's answer was this, before one was attached.
    Document {
        question: QuestionId,
        before: Option<crate::answers::Document>,
    },
}

/// One change to undo: the answer a question had, and what its field held, before it.
#[derive(Debug, Clone)]
struct Change {
    question: QuestionId,
    before: Option<Answer>,
    /// The field's text just before the change, on a number or text question.
    typed: Option<String>,
    /// Where the change was made, to go back there.
    at: Place,
}

/// What an update did: an effect for the caller and a line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub effect: Effect,
    pub status: Option<Status>,
}

impl From<Effect> for Outcome {
    fn from(effect: Effect) -> Self {
        Self {
            effect,
            status: None,
        }
    }
}

impl Outcome {
    fn problem(text: impl Into<String>) -> Self {
        Self {
            effect: Effect::None,
            status: Some(Status::Problem(text.into())),
        }
    }

    fn said(mut self, status: Status) -> Self {
        self.status = Some(status);
        self
    }
}

impl<'s> Run<'s> {
    pub fn new(wizard: Wizard<'s>, autosave: Autosave) -> Self {
        Self {
            page: Page::at(&wizard),
            wizard,
            autosave,
            undo: Vec::new(),
            went_on_by_key: None,
            ticked_by_digit: None,
            verdict_lines: RefCell::new(None),
        }
    }

    pub fn wizard(&self) -> &Wizard<'s> {
        &self.wizard
    }

    /// What the screen shows at the wizard's place.
    pub fn page(&self) -> &Page {
        &self.page
    }

    pub fn question(&self) -> Option<QuestionId> {
        match self.wizard.place() {
            Place::Question(q) => Some(q),
            _ => None,
        }
    }

    /// Opens a question, as a jump from the review does.
    pub fn open(&mut self, id: QuestionId) {
        self.wizard.open(id);
        self.turn();
    }

    pub fn review(&mut self) {
        self.wizard.review();
        self.turn();
    }

    pub fn show_verdict(&mut self) {
        self.wizard.show_verdict();
        self.turn();
    }

    /// A new page when the wizard has moved; the same one, cursor and all, when it has not.
    fn turn(&mut self) {
        if self.page.place() != self.wizard.place() {
            self.page = Page::at(&self.wizard);
        }
    }

    /// Saves the answers; a failure is kept in `autosave.last_error` for the screen.
    pub fn save(&mut self) -> bool {
        self.autosave.save(&self.wizard)
    }

    /// Saves to `path` from now on, each document's path rewritten to lead to the same
    /// file from there; when that save fails, the paths stay as they were.
    pub fn save_elsewhere(&mut self, path: PathBuf) -> Result<(), String> {
        self.autosave.move_to(path, &mut self.wizard)
    }

    /// The answer the field's text gives, when there is text on a field question; an error
    /// when it is not a number the question takes.
    fn typed_answer(&self) -> Option<Result<Answer, String>> {
        let Page::Field(f) = &self.page else {
            return None;
        };
        if !f.holds_text() {
            return None;
        }
        if f.typed == crate::tui::app::page::Typed::Held {
            return Some(Err(ui::NUMBER_RANGE.to_owned()));
        }
        Some(if f.number {
            self.wizard
                .parse_number(f.question, &f.text)
                .map(Answer::Number)
        } else {
            Ok(Answer::Text(f.text.clone()))
        })
    }

    /// Records what is typed in a field as its answer, without moving on, when it is an
    /// answer the question takes, and ticks not entered yet: leaving and going back never
    /// lose them.
    pub fn keep_typed(&mut self) -> Effect {
        let Some(Ok(answer)) = self.pending() else {
            return Effect::None;
        };
        if self.record(Some(answer)) {
            Effect::Save
        } else {
            Effect::None
        }
    }

    /// What is on screen but not recorded yet: the field's text, or ticks not entered.
    fn pending(&self) -> Option<Result<Answer, String>> {
        match &self.page {
            Page::Choice(c) if c.multiple && !c.ticks.is_empty() => {
                Some(Ok(Answer::Choices(c.ticks.clone())))
            }
            _ => self.typed_answer(),
        }
    }

    /// Why what is typed cannot be saved (a number the question does not take), if so.
    pub fn unsavable(&self) -> Option<String> {
        match self.pending() {
            Some(Err(why)) => Some(why),
            _ => None,
        }
    }

    /// What leaving now would save: the answers with what is typed kept. For the watchdog,
    /// which saves it if this thread cannot.
    pub fn leaving_copy(&self) -> Leaving<'s> {
        let mut wizard = self.wizard.clone();
        if let Some(Ok(answer)) = self.pending() {
            wizard.set(Some(answer));
        }
        Leaving {
            wizard,
            autosave: self.autosave.clone(),
            lost: self.lost(),
        }
    }

    /// What is typed and cannot be saved, in words, to print when exovet closes.
    pub fn lost(&self) -> Option<String> {
        let why = self.unsavable()?;
        let Page::Field(f) = &self.page else {
            return None;
        };
        let prompt = self
            .wizard
            .bank()
            .question(f.question)
            .prompt_for(self.wizard.audience());
        Some(format!(
            "Not saved: “{}”, typed for “{prompt}”. {why}",
            crate::diag::inert(f.text.trim())
        ))
    }

    /// Sets the current question's answer and remembers how to undo it. Whether it changed.
    fn record(&mut self, answer: Option<Answer>) -> bool {
        let Some(q) = self.question() else {
            return false;
        };
        let before = self.wizard.answer(q).cloned();
        let typed = match &self.page {
            Page::Field(f) => Some(f.text.clone()),
            _ => None,
        };
        let changed = self.wizard.set(answer);
        // Typed text that goes is a change too, even when the answer stays.
        let text_goes = typed.as_ref().is_some_and(|t| {
            !t.trim().is_empty() && self.wizard.answer(q) != Some(&Answer::Text(t.clone()))
        });
        if changed || text_goes {
            self.remember(Change {
                question: q,
                before,
                typed,
                at: Place::Question(q),
            });
        }
        changed
    }

    fn remember(&mut self, change: Change) {
        self.remember_step(Step::Answer(change));
    }

    fn remember_step(&mut self, step: Step) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(step);
    }

    /// Changes the name of who is vetted, as Ctrl-Z can take back; whether it changed.
    pub fn rename(&mut self, name: &str) -> bool {
        let before = self.wizard.meta().subject.clone();
        if !self.wizard.set_subject(name) {
            return false;
        }
        self.remember_step(Step::Rename(before));
        true
    }

    /// Records the document behind `question`'s answer; Ctrl-Z takes it back.
    pub fn attach(&mut self, question: QuestionId, document: crate::answers::Document) {
        let before = self.wizard.set_document(question, Some(document));
        self.remember_step(Step::Document { question, before });
    }

    /// Records an answer and goes on.
    fn commit(&mut self, answer: Option<Answer>) -> Outcome {
        let changed = self.record(answer);
        self.wizard.advance();
        self.turn();
        if changed { Effect::Save } else { Effect::None }.into()
    }

    pub(super) fn update(&mut self, msg: Msg) -> Outcome {
        if msg == Msg::Undo {
            return self.undo();
        }
        let went_on = self.went_on_by_key.take();
        let ticked = self.ticked_by_digit.take();
        // The next character of a word: not a digit (a number typed on), within a moment.
        let word_goes_on = match msg {
            Msg::Type(c) => !c.is_ascii_digit(),
            Msg::Toggle => matches!(&self.page, Page::Choice(c) if !c.multiple),
            _ => false,
        };
        let guarded = went_on
            .filter(|w| word_goes_on && w.at.elapsed() < word_gap())
            .map(|w| w.question);
        if let Some((effect, what)) = guarded.and_then(|q| self.take_back(q)) {
            // The rest of the sentence goes nowhere until a key that moves, and leaves what
            // was taken back on screen.
            let said = ui::slip_taken_back(&what);
            if let Page::Choice(c) = &mut self.page {
                c.stray = Some(said.clone());
            }
            return Outcome::from(effect).said(Status::Problem(said));
        }
        let ticked = ticked.map(|i| (i, self.label(Item::Option(i))));
        if let (Some((i, label)), Msg::Type(c), Page::Choice(choice)) =
            (ticked, msg, &mut self.page)
        {
            if !c.is_ascii_digit() {
                if let Some(at) = choice.ticks.iter().position(|t| *t == i) {
                    choice.ticks.remove(at);
                } else {
                    choice.ticks.push(i);
                    choice.ticks.sort_unstable();
                }
                let said = ui::slip_untick(&label);
                choice.stray = Some(said.clone());
                return Outcome::problem(said);
            }
        }
        let outcome = match (&self.page, msg) {
            (Page::Choice(_) | Page::Field(_), Msg::NextOpen | Msg::Review) => self.jump(msg),
            (Page::Verdict { .. }, Msg::Review) => {
                self.wizard.review();
                Effect::None.into()
            }
            (Page::Choice(_), _) => self.update_choice(msg),
            (Page::Field(_), _) => self.update_field(msg),
            (Page::Review { .. }, _) => self.update_review(msg),
            (Page::Verdict { .. }, _) => self.update_verdict(msg),
        };
        self.turn();
        outcome
    }

    /// Ctrl-Z: takes back the last change, says what it took back, and goes where it was
    /// made. From a field where something was typed, only a change to its own question.
    fn undo(&mut self) -> Outcome {
        // The guards each watch one change; after Ctrl-Z they watch none.
        self.went_on_by_key = None;
        self.ticked_by_digit = None;
        // Ctrl-U or Ctrl-W just took text away: that is the last change, and it comes back.
        if let Page::Field(f) = &mut self.page {
            if let Some(before) = f.erased.take() {
                f.text = before;
                return Outcome::from(Effect::None).said(Status::Done(ui::UNDONE_ERASED.into()));
            }
        }
        if self.undo_out_of_reach() {
            return Outcome::problem(ui::UNDO_ELSEWHERE_FROM_FIELD);
        }
        let change = match self.undo.pop() {
            None => return Outcome::problem(ui::NOTHING_TO_UNDO),
            Some(Step::Rename(before)) => {
                let changed = self.wizard.set_subject(&before);
                self.wizard.review();
                self.turn();
                let effect = if changed { Effect::Save } else { Effect::None };
                return Outcome::from(effect).said(Status::Done(ui::UNDONE_NAME.into()));
            }
            Some(Step::Document { question, before }) => {
                self.wizard.set_document(question, before);
                // On its question already, the page stays as it is, text typed included.
                if self.question() != Some(question) {
                    if !self.wizard.go_to(question) {
                        self.wizard.review();
                    }
                    self.page = Page::at(&self.wizard);
                }
                self.turn();
                return Outcome::from(Effect::Save).said(Status::Done(ui::UNDONE_DOCUMENT.into()));
            }
            Some(Step::Answer(change)) => change,
        };
        let (effect, what) = self.put_back(change);
        Outcome::from(effect).said(Status::Done(ui::undone(&what)))
    }

    /// Whether the last change is out of Ctrl-Z's reach: in a field where a key has typed,
    /// a change to another question (or the name) would be changed by a key typed here.
    fn undo_out_of_reach(&self) -> bool {
        let Page::Field(f) = &self.page else {
            return false;
        };
        let question = match self.undo.last() {
            None => return false,
            Some(Step::Answer(c)) => Some(c.question),
            Some(Step::Document { question, .. }) => Some(*question),
            Some(Step::Rename(_)) => None,
        };
        f.edited && question != Some(f.question)
    }

    /// Takes back the last change when it is one to `question`'s answer, and only then: what
    /// the slip guard does. What it did, in words.
    pub(super) fn take_back(&mut self, question: QuestionId) -> Option<(Effect, String)> {
        if !matches!(self.undo.last(), Some(Step::Answer(c)) if c.question == question) {
            return None;
        }
        let Some(Step::Answer(change)) = self.undo.pop() else {
            return None;
        };
        Some(self.put_back(change))
    }

    /// Puts back the answer and the typed text `change` replaced, and goes where it was
    /// made. What it did, in words.
    fn put_back(&mut self, change: Change) -> (Effect, String) {
        let q = change.question;
        let words = |answer: Option<&Answer>| {
            answer.map_or(ui::NOT_ASKED_TEXT.to_owned(), |a| {
                ui::answer_text(self.wizard.bank(), q, a)
            })
        };
        // Said once the question is on screen again: the answers name it no more.
        let what = ui::taken_back(
            &words(self.wizard.answer(q)),
            &words(change.before.as_ref()),
        );
        let changed = self.wizard.put_back(q, change.before);
        match change.at {
            Place::Question(at) => {
                if !self.wizard.go_to(at) {
                    self.wizard.review();
                }
            }
            Place::Review => self.wizard.review(),
            Place::Verdict => self.wizard.show_verdict(),
        }
        let cursor = match self.page {
            Page::Review { cursor } => Some(cursor),
            _ => None,
        };
        self.page = Page::at(&self.wizard);
        match (&mut self.page, change.typed) {
            // Where no answer is put back, the field shows what was typed then; with an answer
            // put back it shows that answer, so what leaving saves is what was said (found by
            // an adversarial run: "500 again" said, 700 shown and saved on leaving).
            (Page::Field(f), Some(typed))
                if f.question == q && !typed.trim().is_empty() && f.text.trim().is_empty() =>
            {
                f.text = typed;
                f.focus = FieldFocus::Text;
                // Text typed is on screen again: Ctrl-Z no longer reaches past it.
                f.edited = true;
            }
            (Page::Review { cursor: c }, _) => *c = cursor.unwrap_or(0),
            _ => {}
        }
        (if changed { Effect::Save } else { Effect::None }, what)
    }

    fn back(&mut self) -> Outcome {
        // What is typed but not entered is kept: going back never loses it.
        if let Some(why) = self.unsavable() {
            return Outcome::problem(format!("{why} Correct it or erase it to go back."));
        }
        let effect = self.keep_typed();
        if !self.wizard.back() {
            return Outcome::from(effect)
                .said(Status::Problem("This is the first question.".into()));
        }
        effect.into()
    }

    /// From a question to the next one not asked yet, or to the review. What is typed or
    /// ticked and not entered is kept, as going back keeps it.
    fn jump(&mut self, msg: Msg) -> Outcome {
        if let Some(why) = self.unsavable() {
            return Outcome::problem(format!("{why} Correct it or erase it to go on."));
        }
        let effect = self.keep_typed();
        if msg == Msg::Review {
            self.wizard.review();
            return effect.into();
        }
        let outcome = self.next_open();
        Outcome {
            effect,
            status: outcome.status,
        }
    }

    /// The words of a line of the current question's answer list.
    fn label(&self, item: Item) -> String {
        self.question()
            .map(|q| ui::item_label(self.wizard.bank(), q, item).to_owned())
            .unwrap_or_default()
    }
}

fn not_offered(item: Item) -> String {
    match item {
        Item::Refused => "This question offers no refusal: type your answer, or leave it empty.",
        _ => "This question does not offer that answer.",
    }
    .to_owned()
}
