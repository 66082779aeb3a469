//! A running questionnaire on screen: the wizard plus cursors, ticks and the field being typed, and how keys move them.

use crate::answers::{Answer, example};
use crate::bank::{Kind, QuestionId};
use crate::session::Autosave;
use crate::wizard::{Item, Place, Wizard, items};

use super::{Effect, Msg};

/// Which part of a number or text question has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Field,
    /// An index into the reserved answers below the field.
    List(usize),
}

/// The wizard with what the screen adds to it: cursors, ticks, the field being typed.
#[derive(Debug, Clone)]
pub struct Run<'s> {
    pub wizard: Wizard<'s>,
    pub autosave: Autosave,
    /// Index into `items()` of the current choice question.
    pub cursor: usize,
    /// Ticked options of the current multiple-choice question.
    pub ticks: Vec<usize>,
    /// What is typed in a number or text field.
    pub field: String,
    pub focus: Focus,
    /// Line 0 is "Show the verdict"; line `i + 1` is visible question `i`.
    pub review_cursor: usize,
    pub scroll: u16,
    /// The place the screen state above was set up for.
    pub(super) shown: Option<Place>,
    /// The verdict screen's lines, kept while nothing they depend on changes: scrolling
    /// them would otherwise score, explain and wrap everything again on every key.
    pub verdict_lines: std::cell::RefCell<Option<VerdictLines>>,
}

/// The verdict screen's lines and what they were made from.
#[derive(Debug, Clone)]
pub struct VerdictLines {
    pub width: usize,
    pub theme: crate::tui::Theme,
    pub path: std::path::PathBuf,
    pub file: crate::answers::AnswerFile,
    pub lines: Vec<ratatui::text::Line<'static>>,
}

impl Run<'_> {
    pub fn question(&self) -> Option<QuestionId> {
        match self.wizard.place() {
            Place::Question(q) => Some(q),
            _ => None,
        }
    }

    /// Opens a question, as a jump from the review does.
    pub fn open(&mut self, id: QuestionId) {
        self.wizard.open(id);
        self.sync();
    }

    pub fn review(&mut self) {
        self.wizard.review();
        self.sync();
    }

    pub fn show_verdict(&mut self) {
        self.wizard.show_verdict();
        self.sync();
    }

    pub(super) fn at_first_question(&self) -> bool {
        self.question()
            .is_some_and(|q| self.wizard.visible().first() == Some(&q))
    }

    /// The reserved answers under a number or text field.
    pub fn field_items(&self) -> Vec<Item> {
        self.question().map_or_else(Vec::new, |q| {
            items(self.wizard.bank(), q)
                .into_iter()
                .filter(|i| !matches!(i, Item::Option(_)))
                .collect()
        })
    }

    pub fn is_field_question(&self) -> bool {
        self.question().is_some_and(|q| {
            matches!(
                self.wizard.bank().question(q).kind,
                Kind::Number(_) | Kind::Text
            )
        })
    }

    pub fn number_field_focused(&self) -> bool {
        self.field_focused()
            && self
                .question()
                .is_some_and(|q| matches!(self.wizard.bank().question(q).kind, Kind::Number(_)))
    }

    pub fn field_focused(&self) -> bool {
        self.is_field_question() && self.focus == Focus::Field
    }

    /// Sets the cursor, ticks and field from the answer of the place just reached.
    pub(super) fn sync(&mut self) {
        let place = self.wizard.place();
        if self.shown == Some(place) {
            return;
        }
        self.shown = Some(place);
        self.scroll = 0;
        self.ticks.clear();
        self.field.clear();
        self.focus = Focus::Field;
        match place {
            Place::Question(q) => {
                let list = items(self.wizard.bank(), q);
                let answer = self.wizard.answer(q).cloned();
                match &answer {
                    Some(Answer::Choices(is)) => self.ticks.clone_from(is),
                    Some(Answer::Number(v)) => self.field = example(*v),
                    Some(Answer::Text(t)) => self.field.clone_from(t),
                    _ => {}
                }
                let item = Item::of(answer.as_ref()).unwrap_or(Item::NotAsked);
                // Never start on an option that carries a flag unless it was chosen.
                self.cursor = list.iter().position(|i| *i == item).unwrap_or(0);
                if self.is_field_question() {
                    self.focus = match answer {
                        Some(Answer::Refused) => Focus::List(1),
                        Some(Answer::NotApplicable) => Focus::List(2),
                        _ => Focus::Field,
                    };
                }
            }
            Place::Review => {
                // Opens on "Show the verdict", so Enter alone walks to the verdict.
                self.review_cursor = 0;
            }
            Place::Verdict => {}
        }
    }

    /// Records an answer and goes on.
    fn commit(&mut self, answer: Option<Answer>) -> Effect {
        let changed = self.wizard.set(answer);
        self.wizard.advance();
        self.sync();
        if changed { Effect::Save } else { Effect::None }
    }

    pub(super) fn update(&mut self, msg: Msg) -> Result<Effect, String> {
        let effect = match self.wizard.place() {
            Place::Question(q) => self.update_question(q, msg)?,
            Place::Review => self.update_review(msg),
            Place::Verdict => self.update_verdict(msg),
        };
        self.sync();
        Ok(effect)
    }

    fn back(&mut self) -> Effect {
        // What is typed but not entered is kept: going back never loses it.
        let effect = self.keep_typed();
        self.wizard.back();
        effect
    }

    /// Saves a typed field as the answer without moving on, if it is valid.
    pub(crate) fn keep_typed(&mut self) -> Effect {
        let Some(q) = self.question() else {
            return Effect::None;
        };
        if !self.is_field_question() || self.field.trim().is_empty() {
            return Effect::None;
        }
        let answer = match &self.wizard.bank().question(q).kind {
            Kind::Number(_) => match self.wizard.parse_number(q, &self.field) {
                Ok(v) => Answer::Number(v),
                Err(_) => return Effect::None,
            },
            _ => Answer::Text(self.field.clone()),
        };
        if self.wizard.set(Some(answer)) {
            Effect::Save
        } else {
            Effect::None
        }
    }

    fn update_question(&mut self, q: QuestionId, msg: Msg) -> Result<Effect, String> {
        if self.is_field_question() {
            return self.update_field(q, msg);
        }
        let list = items(self.wizard.bank(), q);
        let multiple = matches!(self.wizard.bank().question(q).kind, Kind::Multiple(_));
        let last = list.len() - 1;
        Ok(match msg {
            Msg::Up => {
                self.cursor = self.cursor.saturating_sub(1);
                Effect::None
            }
            Msg::Down => {
                self.cursor = (self.cursor + 1).min(last);
                Effect::None
            }
            Msg::Home | Msg::PageUp => {
                self.cursor = 0;
                Effect::None
            }
            Msg::End | Msg::PageDown => {
                self.cursor = last;
                Effect::None
            }
            Msg::Toggle => {
                match list[self.cursor] {
                    Item::Option(i) if multiple => toggle(&mut self.ticks, i),
                    Item::Option(_) => return Err(
                        "Press Enter to choose; Space ticks boxes only where several answers fit."
                            .into(),
                    ),
                    _ => {
                        return Err(
                            "Space ticks an answer; press Enter to choose this line.".into()
                        );
                    }
                }
                Effect::None
            }
            Msg::Pick(n) if (1..=list.len()).contains(&n) => {
                self.cursor = n - 1;
                match list[self.cursor] {
                    Item::Option(i) if multiple => {
                        toggle(&mut self.ticks, i);
                        Effect::None
                    }
                    _ => self.choose(&list, multiple),
                }
            }
            Msg::Pick(n) => {
                return Err(format!(
                    "There is no answer {n} here; the answers are numbered 1 to {}.",
                    list.len()
                ));
            }
            Msg::Click(row) if row < list.len() => {
                self.cursor = row;
                match list[row] {
                    Item::Option(i) if multiple => {
                        toggle(&mut self.ticks, i);
                        Effect::None
                    }
                    _ => self.choose(&list, multiple),
                }
            }
            Msg::Enter => self.choose(&list, multiple),
            Msg::NotAsked => self.commit(None),
            Msg::Refused => self.commit(Some(Answer::Refused)),
            Msg::Back | Msg::Erase => self.back(),
            _ => Effect::None,
        })
    }

    fn choose(&mut self, list: &[Item], multiple: bool) -> Effect {
        let answer = match list[self.cursor] {
            Item::Option(i) if multiple => {
                let mut picked = self.ticks.clone();
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

    fn update_field(&mut self, q: QuestionId, msg: Msg) -> Result<Effect, String> {
        let reserved = self.field_items();
        let is_number = matches!(self.wizard.bank().question(q).kind, Kind::Number(_));
        if let Focus::List(i) = self.focus {
            return Ok(match msg {
                Msg::Up if i == 0 => {
                    self.focus = Focus::Field;
                    Effect::None
                }
                Msg::Up => {
                    self.focus = Focus::List(i - 1);
                    Effect::None
                }
                Msg::Down => {
                    self.focus = Focus::List((i + 1).min(reserved.len() - 1));
                    Effect::None
                }
                Msg::Enter | Msg::Click(_) => {
                    let row = if let Msg::Click(r) = msg {
                        r.saturating_sub(1).min(reserved.len() - 1)
                    } else {
                        i
                    };
                    self.commit(reserved[row].answer())
                }
                Msg::NotAsked => self.commit(None),
                Msg::Refused => self.commit(Some(Answer::Refused)),
                Msg::Back | Msg::Erase => self.back(),
                Msg::Type(c) => {
                    self.focus = Focus::Field;
                    self.field.push(c);
                    Effect::None
                }
                _ => Effect::None,
            });
        }
        Ok(match msg {
            Msg::Type(c) => {
                if is_number && !(c.is_ascii_digit() || matches!(c, '.' | ',' | '$' | ' ')) {
                    return Err("Type the number with digits, like 900. ↓ offers “not asked yet” and “refused”.".into());
                }
                self.field.push(c);
                Effect::None
            }
            Msg::Erase if !self.field.is_empty() => {
                self.field.pop();
                Effect::None
            }
            Msg::Down | Msg::Click(_) => {
                self.focus = Focus::List(0);
                if let Msg::Click(row) = msg {
                    if row > 0 {
                        return self.update_field(q, Msg::Enter);
                    }
                }
                Effect::None
            }
            Msg::Enter => {
                let typed = self.field.trim().to_owned();
                if typed.is_empty() {
                    // Enter on an empty field leaves the question not asked and goes on.
                    return Ok(self.commit(None));
                }
                if is_number {
                    let v = self.wizard.parse_number(q, &typed)?;
                    self.commit(Some(Answer::Number(v)))
                } else {
                    self.commit(Some(Answer::Text(self.field.clone())))
                }
            }
            Msg::Back | Msg::Erase => self.back(),
            // In a number field letters cannot be typed, so the command keys still work.
            Msg::NotAsked if is_number => self.commit(None),
            Msg::Refused if is_number => self.commit(Some(Answer::Refused)),
            _ => Effect::None,
        })
    }

    fn update_review(&mut self, msg: Msg) -> Effect {
        let visible = self.wizard.visible();
        let kept = self.wizard.kept();
        // The verdict line, each visible question, then each answer kept but not counted.
        let count = visible.len() + 1 + kept.len();
        match msg {
            Msg::Up => self.review_cursor = self.review_cursor.saturating_sub(1),
            Msg::Down => self.review_cursor = (self.review_cursor + 1).min(count - 1),
            Msg::PageUp => self.review_cursor = self.review_cursor.saturating_sub(10),
            Msg::PageDown => self.review_cursor = (self.review_cursor + 10).min(count - 1),
            Msg::Home => self.review_cursor = 0,
            Msg::End => self.review_cursor = count - 1,
            Msg::Click(row) if row < count => {
                self.review_cursor = row;
                return self.update_review(Msg::Enter);
            }
            Msg::Enter | Msg::Pick(_) => {
                let target = if let Msg::Pick(n) = msg {
                    n.min(count - 1)
                } else {
                    self.review_cursor
                };
                if target == 0 {
                    self.wizard.show_verdict();
                } else if let Some(id) = visible.get(target - 1) {
                    self.wizard.open(*id);
                } else if let Some(id) = kept.get(target - 1 - visible.len()) {
                    return self.clear_kept(*id);
                }
            }
            Msg::NotAsked => {
                if let Some(id) = self
                    .review_cursor
                    .checked_sub(1 + visible.len())
                    .and_then(|i| kept.get(i))
                {
                    return self.clear_kept(*id);
                }
            }
            Msg::Back | Msg::Erase => {
                self.wizard.back();
            }
            _ => {}
        }
        Effect::None
    }

    /// Clears an answer kept but not counted, and keeps the cursor on the list.
    fn clear_kept(&mut self, id: crate::bank::QuestionId) -> Effect {
        if !self.wizard.clear_kept(id) {
            return Effect::None;
        }
        let count = self.wizard.visible().len() + 1 + self.wizard.kept().len();
        self.review_cursor = self.review_cursor.min(count - 1);
        Effect::Save
    }

    fn update_verdict(&mut self, msg: Msg) -> Effect {
        match msg {
            Msg::Up => self.scroll = self.scroll.saturating_sub(1),
            Msg::Down => self.scroll = self.scroll.saturating_add(1),
            Msg::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Msg::PageDown => self.scroll = self.scroll.saturating_add(10),
            Msg::Home => self.scroll = 0,
            Msg::Back | Msg::Erase => {
                self.wizard.review();
            }
            Msg::SaveSummary => return Effect::SaveSummary,
            _ => {}
        }
        Effect::None
    }
}

fn toggle(ticks: &mut Vec<usize>, i: usize) {
    if let Some(at) = ticks.iter().position(|t| *t == i) {
        ticks.remove(at);
    } else {
        ticks.push(i);
        ticks.sort_unstable();
    }
}
