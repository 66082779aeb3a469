//! A running questionnaire: the wizard, where it saves, the page on screen, and the changes
//! that can be undone. How keys change the answers, and which changes leave text behind.

use std::cell::RefCell;
use std::path::PathBuf;

use crate::answers::Answer;
use crate::bank::QuestionId;
use crate::session::Autosave;
use crate::ui;
use crate::wizard::{Item, Place, Wizard};

use super::page::{Choice, Field, FieldFocus, Page};
use super::{Effect, Msg, Status};

/// How many changes Ctrl-Z can take back, one at a time.
const UNDO_DEPTH: usize = 100;

/// The wizard with what the screen adds to it: the page and the changes to undo.
#[derive(Debug, Clone)]
pub struct Run<'s> {
    wizard: Wizard<'s>,
    pub autosave: Autosave,
    /// Built again whenever the wizard's place changes.
    pub page: Page,
    undo: Vec<Change>,
    /// The verdict screen's lines, kept while nothing they depend on changes: scrolling
    /// them would otherwise score, explain and wrap everything again on every key.
    pub verdict_lines: RefCell<Option<VerdictLines>>,
}

/// The verdict screen's lines and what they were made from.
#[derive(Debug, Clone)]
pub struct VerdictLines {
    pub width: usize,
    pub theme: crate::tui::Theme,
    pub path: PathBuf,
    pub file: crate::answers::AnswerFile,
    pub lines: Vec<ratatui::text::Line<'static>>,
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

/// Said when letters are typed where answers are chosen.
const STRAY: &str = "This question takes a choice, not typed text: ↑↓ and Enter, or a number. Letters do nothing until you move.";

impl<'s> Run<'s> {
    pub fn new(wizard: Wizard<'s>, autosave: Autosave) -> Self {
        Self {
            page: Page::at(&wizard),
            wizard,
            autosave,
            undo: Vec::new(),
            verdict_lines: RefCell::new(None),
        }
    }

    pub fn wizard(&self) -> &Wizard<'s> {
        &self.wizard
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

    /// Saves to `path` from now on.
    pub fn save_elsewhere(&mut self, path: PathBuf) -> Result<(), String> {
        self.autosave.save_elsewhere(path, &self.wizard)
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
        Some(if f.number {
            self.wizard
                .parse_number(f.question, &f.text)
                .map(Answer::Number)
        } else {
            Ok(Answer::Text(f.text.clone()))
        })
    }

    /// Records what is typed in a field as its answer, without moving on, when it is an
    /// answer the question takes: leaving and going back never lose it.
    pub fn keep_typed(&mut self) -> Effect {
        let Some(Ok(answer)) = self.typed_answer() else {
            return Effect::None;
        };
        if self.record(Some(answer)) {
            Effect::Save
        } else {
            Effect::None
        }
    }

    /// What leaving now would save: the answers with what is typed kept. For the watchdog,
    /// which saves it if this thread cannot.
    pub fn leaving_copy(&self) -> (Wizard<'s>, Autosave) {
        let mut wizard = self.wizard.clone();
        if let Some(Ok(answer)) = self.typed_answer() {
            wizard.set(Some(answer));
        }
        (wizard, self.autosave.clone())
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
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(change);
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
        let outcome = match &self.page {
            Page::Choice(_) => self.update_choice(msg),
            Page::Field(_) => self.update_field(msg),
            Page::Review { .. } => self.update_review(msg),
            Page::Verdict { .. } => self.update_verdict(msg),
        };
        self.turn();
        outcome
    }

    /// Puts back the answer and the typed text the last change replaced, and goes where it was made.
    fn undo(&mut self) -> Outcome {
        let Some(change) = self.undo.pop() else {
            return Outcome::problem("There is nothing to undo.");
        };
        let changed = self.wizard.put_back(change.question, change.before);
        match change.at {
            Place::Question(q) => {
                if !self.wizard.go_to(q) {
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
            (Page::Field(f), Some(typed)) if f.question == change.question => {
                f.text = typed;
                f.focus = FieldFocus::Text;
            }
            (Page::Review { cursor: c }, _) => *c = cursor.unwrap_or(0),
            _ => {}
        }
        let effect = if changed { Effect::Save } else { Effect::None };
        Outcome::from(effect).said(Status::Done("Undone: the answer is as it was.".into()))
    }

    fn back(&mut self) -> Outcome {
        // What is typed but not entered is kept: going back never loses it.
        if let Some(Err(why)) = self.typed_answer() {
            return Outcome::problem(format!("{why} Correct it or erase it to go back."));
        }
        let effect = self.keep_typed();
        if !self.wizard.back() {
            return Outcome::from(effect)
                .said(Status::Problem("This is the first question.".into()));
        }
        effect.into()
    }

    fn update_choice(&mut self, msg: Msg) -> Outcome {
        let Page::Choice(c) = &mut self.page else {
            return Effect::None.into();
        };
        let marked_by_letter = std::mem::take(&mut c.marked_by_letter);
        if !matches!(msg, Msg::Other | Msg::Type(_)) {
            c.stray = false;
        }
        let last = c.items.len() - 1;
        match msg {
            Msg::Up => c.cursor = c.cursor.saturating_sub(1),
            Msg::Down => c.cursor = (c.cursor + 1).min(last),
            Msg::Home | Msg::PageUp => c.cursor = 0,
            Msg::End | Msg::PageDown => c.cursor = last,
            Msg::Toggle => return toggle_at_cursor(c),
            Msg::Pick(n) if (1..=c.items.len()).contains(&n) => return self.pick(n - 1),
            Msg::Pick(n) => {
                return Outcome::problem(format!(
                    "There is no answer {n} here; the answers are numbered 1 to {}.",
                    c.items.len()
                ));
            }
            Msg::Click(row) if row < c.items.len() => return self.pick(row),
            Msg::Enter => return self.choose(),
            Msg::NotAsked => return self.mark_choice(Item::NotAsked),
            Msg::Refused => return self.mark_choice(Item::Refused),
            Msg::Type(_) => {
                c.stray = true;
                // "r" or "n", then a letter: the start of a word, not a command.
                if marked_by_letter {
                    let outcome = self.undo();
                    if let Page::Choice(c) = &mut self.page {
                        c.stray = true;
                    }
                    return Outcome::from(outcome.effect).said(Status::Problem(format!(
                        "{STRAY} The mark that letter made is undone."
                    )));
                }
                return Outcome::problem(STRAY);
            }
            Msg::Other if c.stray => return Outcome::problem(STRAY),
            Msg::Back | Msg::Erase => return self.back(),
            _ => {}
        }
        Effect::None.into()
    }

    /// A number key or a click: ticks an option of several, or chooses and goes on.
    fn pick(&mut self, row: usize) -> Outcome {
        let Page::Choice(c) = &mut self.page else {
            return Effect::None.into();
        };
        c.cursor = row;
        match c.items[row] {
            Item::Option(i) if c.multiple => {
                toggle(&mut c.ticks, i);
                Effect::None.into()
            }
            _ => self.choose(),
        }
    }

    fn choose(&mut self) -> Outcome {
        let Page::Choice(c) = &self.page else {
            return Effect::None.into();
        };
        let answer = match c.items[c.cursor] {
            Item::Option(i) if c.multiple => {
                let mut picked = c.ticks.clone();
                if picked.is_empty() {
                    picked.push(i);
                }
                picked.sort_unstable();
                Some(Answer::Choices(picked))
            }
            item => item.answer(),
        };
        self.commit(answer)
    }

    /// `n` or `r`: records that answer and stays, the cursor on it; Enter goes on. A word
    /// typed here by mistake then moves nothing and lands nowhere.
    fn mark_choice(&mut self, item: Item) -> Outcome {
        let Page::Choice(c) = &self.page else {
            return Effect::None.into();
        };
        let Some(row) = c.items.iter().position(|i| *i == item) else {
            return Outcome::problem(not_offered(item));
        };
        let changed = self.record(item.answer());
        if let Page::Choice(c) = &mut self.page {
            c.cursor = row;
            c.ticks.clear();
            c.marked_by_letter = true;
        }
        let effect = if changed { Effect::Save } else { Effect::None };
        Outcome::from(effect).said(Status::Done(format!(
            "Marked: {}. Enter goes on; Ctrl-Z undoes.",
            self.label(item)
        )))
    }

    fn label(&self, item: Item) -> String {
        self.question()
            .map(|q| ui::item_label(self.wizard.bank(), q, item).to_owned())
            .unwrap_or_default()
    }

    fn update_field(&mut self, msg: Msg) -> Outcome {
        let Page::Field(f) = &mut self.page else {
            return Effect::None.into();
        };
        // A reserved answer waiting to be chosen again: any other key keeps the text.
        let confirm = f.confirm.take();
        let last = f.reserved.len() - 1;
        match (f.focus, msg) {
            (_, Msg::Click(0)) | (FieldFocus::Reserved(0), Msg::Up) => f.focus = FieldFocus::Text,
            (_, Msg::Click(row)) if row <= f.reserved.len() => {
                let item = f.reserved[row - 1];
                return self.reserved(item, confirm, true);
            }
            (_, Msg::Type(ch)) => {
                f.focus = FieldFocus::Text;
                if f.number && !(ch.is_ascii_digit() || matches!(ch, '.' | ',' | '$' | ' ')) {
                    return Outcome::problem(
                        "Type the number with digits, like 900. ↓ offers “not asked yet” and “refused”.",
                    );
                }
                f.text.push(ch);
            }
            (FieldFocus::Text, Msg::Erase) if !f.text.is_empty() => {
                f.text.pop();
            }
            (FieldFocus::Text, Msg::Down) => f.focus = FieldFocus::Reserved(0),
            (FieldFocus::Text, Msg::Enter) => return self.enter_field(),
            (FieldFocus::Reserved(i), Msg::Up) => f.focus = FieldFocus::Reserved(i - 1),
            (FieldFocus::Reserved(i), Msg::Down) => {
                f.focus = FieldFocus::Reserved((i + 1).min(last))
            }
            (FieldFocus::Reserved(i), Msg::Enter) => {
                let item = f.reserved[i];
                return self.reserved(item, confirm, true);
            }
            (_, Msg::NotAsked) => return self.reserved(Item::NotAsked, confirm, false),
            (_, Msg::Refused) => return self.reserved(Item::Refused, confirm, false),
            (_, Msg::Back | Msg::Erase) => return self.back(),
            _ => {}
        }
        Effect::None.into()
    }

    /// Enter in the field: records what is typed and goes on; on an empty field, "not asked yet".
    fn enter_field(&mut self) -> Outcome {
        match self.typed_answer() {
            None => self.reserved(Item::NotAsked, None, true),
            Some(Ok(answer)) => self.commit(Some(answer)),
            Some(Err(why)) => Outcome::problem(why),
        }
    }

    /// A reserved answer chosen on a field question, by Enter or a click (`go_on`) or by
    /// `n` or `r`. Text in the field is never cleared by the first choice, only when the
    /// same answer is chosen again right after; Ctrl-Z brings it back even then.
    fn reserved(&mut self, item: Item, confirm: Option<Item>, go_on: bool) -> Outcome {
        let Page::Field(f) = &mut self.page else {
            return Effect::None.into();
        };
        let Some(row) = f.reserved.iter().position(|i| *i == item) else {
            return Outcome::problem(not_offered(item));
        };
        let clears = f.holds_text();
        if clears && confirm != Some(item) {
            // The keys stay where they were: a field keeps taking digits.
            f.confirm = Some(item);
            let label = self.label(item);
            return Outcome::problem(format!(
                "“{label}” clears the text in the field. Choose it again to clear the text; any other key keeps it."
            ));
        }
        let outcome = if go_on {
            self.commit(item.answer())
        } else {
            let changed = self.record(item.answer());
            if let Page::Field(f) = &mut self.page {
                f.text.clear();
                f.focus = FieldFocus::Reserved(row);
            }
            let label = self.label(item);
            Outcome::from(if changed { Effect::Save } else { Effect::None }).said(Status::Done(
                format!("Marked: {label}. Enter goes on; Ctrl-Z undoes."),
            ))
        };
        if clears {
            return Outcome::from(outcome.effect).said(Status::Done(
                "The text was cleared; Ctrl-Z brings it back.".into(),
            ));
        }
        outcome
    }

    fn update_review(&mut self, msg: Msg) -> Outcome {
        let visible = self.wizard.visible();
        let kept = self.wizard.kept();
        let Page::Review { cursor } = &mut self.page else {
            return Effect::None.into();
        };
        // The verdict line, each visible question, then each answer kept but not counted.
        let count = visible.len() + 1 + kept.len();
        let target = match msg {
            Msg::Up => {
                *cursor = cursor.saturating_sub(1);
                None
            }
            Msg::Down => {
                *cursor = (*cursor + 1).min(count - 1);
                None
            }
            Msg::PageUp => {
                *cursor = cursor.saturating_sub(10);
                None
            }
            Msg::PageDown => {
                *cursor = (*cursor + 10).min(count - 1);
                None
            }
            Msg::Home => {
                *cursor = 0;
                None
            }
            Msg::End => {
                *cursor = count - 1;
                None
            }
            Msg::Click(row) if row < count => {
                *cursor = row;
                Some(row)
            }
            Msg::Enter => Some(*cursor),
            Msg::Pick(n) => Some(n.min(count - 1)),
            // n clears a kept answer, and only that.
            Msg::NotAsked => Some(*cursor).filter(|c| *c > visible.len()),
            Msg::Back | Msg::Erase => {
                self.wizard.back();
                None
            }
            _ => None,
        };
        match target {
            Some(0) => self.wizard.show_verdict(),
            Some(t) if t <= visible.len() => self.wizard.open(visible[t - 1]),
            Some(t) => {
                if let Some(id) = kept.get(t - 1 - visible.len()) {
                    return self.clear_kept(*id);
                }
            }
            None => {}
        }
        Effect::None.into()
    }

    /// Clears an answer kept but not counted, and keeps the cursor on the list.
    fn clear_kept(&mut self, id: QuestionId) -> Outcome {
        let before = self.wizard.answer(id).cloned();
        if !self.wizard.clear_kept(id) {
            return Effect::None.into();
        }
        self.remember(Change {
            question: id,
            before,
            typed: None,
            at: Place::Review,
        });
        let count = self.wizard.visible().len() + 1 + self.wizard.kept().len();
        if let Page::Review { cursor } = &mut self.page {
            *cursor = (*cursor).min(count - 1);
        }
        Outcome::from(Effect::Save).said(Status::Done("Cleared; Ctrl-Z brings it back.".into()))
    }

    fn update_verdict(&mut self, msg: Msg) -> Outcome {
        let Page::Verdict { scroll } = &mut self.page else {
            return Effect::None.into();
        };
        match msg {
            Msg::Up => *scroll = scroll.saturating_sub(1),
            Msg::Down => *scroll = scroll.saturating_add(1),
            Msg::PageUp => *scroll = scroll.saturating_sub(10),
            Msg::PageDown => *scroll = scroll.saturating_add(10),
            Msg::Home => *scroll = 0,
            Msg::Back | Msg::Erase => self.wizard.review(),
            Msg::SaveSummary => return Effect::SaveSummary.into(),
            _ => {}
        }
        Effect::None.into()
    }
}

/// Space on the cursor's line: ticks an option of several; says what to do otherwise.
fn toggle_at_cursor(c: &mut Choice) -> Outcome {
    match c.items[c.cursor] {
        Item::Option(i) if c.multiple => {
            toggle(&mut c.ticks, i);
            Effect::None.into()
        }
        Item::Option(_) => Outcome::problem(
            "Press Enter to choose; Space ticks boxes only where several answers fit.",
        ),
        _ => Outcome::problem("Space ticks an answer; press Enter to choose this line."),
    }
}

fn not_offered(item: Item) -> String {
    match item {
        Item::Refused => "This question offers no refusal: type your answer, or leave it empty.",
        _ => "This question does not offer that answer.",
    }
    .to_owned()
}

fn toggle(ticks: &mut Vec<usize>, i: usize) {
    if let Some(at) = ticks.iter().position(|t| *t == i) {
        ticks.remove(at);
    } else {
        ticks.push(i);
        ticks.sort_unstable();
    }
}

impl Field {
    /// The row of the list under the field the cursor is on, 0 being the field itself.
    pub fn focus_row(&self) -> usize {
        match self.focus {
            FieldFocus::Text => 0,
            FieldFocus::Reserved(i) => i + 1,
        }
    }
}
