//! Keys on a single or multiple choice question: move, tick, choose, mark, and letters
//! typed by mistake.

use super::{Outcome, Run, WentOn, not_offered};
use crate::answers::Answer;
use crate::answers::Item;
use crate::tui::app::page::{Choice, Page};
use crate::tui::app::{Effect, Msg, Status};
use crate::ui;

/// Said when letters are typed where answers are chosen.
const STRAY: &str = "This question takes a choice, not typed text: ↑↓ and Enter, or a number. Letters do nothing until you move.";

impl Run<'_> {
    pub(super) fn update_choice(&mut self, msg: Msg) -> Outcome {
        let Page::Choice(c) = &mut self.page else {
            return Effect::None.into();
        };
        let marked_by_letter = std::mem::take(&mut c.marked_by_letter);
        let question = c.question;
        if !matches!(msg, Msg::Other | Msg::Type(_)) {
            c.stray = None;
        }
        let last = c.items.len() - 1;
        match msg {
            Msg::Up => c.cursor = c.cursor.saturating_sub(1),
            Msg::Down => c.cursor = (c.cursor + 1).min(last),
            Msg::Home | Msg::PageUp => c.cursor = 0,
            Msg::End | Msg::PageDown => c.cursor = last,
            Msg::Toggle => return toggle_at_cursor(c),
            Msg::Pick(n) if (1..=c.items.len()).contains(&n) => {
                // A digit can begin a sentence ("3 times a year"): remember what it did.
                let ticks = c.multiple;
                let outcome = self.pick(n - 1);
                if ticks {
                    if let Page::Choice(c) = &self.page {
                        if let Item::Option(i) = c.items[c.cursor] {
                            self.ticked_by_digit = Some(i);
                        }
                    }
                } else if outcome.effect == Effect::Save {
                    self.went_on_by_key = Some(WentOn::now(question));
                }
                return outcome;
            }
            Msg::Pick(n) => {
                return Outcome::problem(format!(
                    "There is no answer {n} here; the answers are numbered 1 to {}.",
                    c.items.len()
                ));
            }
            Msg::Click(row) if row < c.items.len() => return self.pick(row),
            Msg::Enter => return self.choose(),
            Msg::NotAsked => return self.not_asked_and_go_on(),
            Msg::Refused => return self.mark_choice(Item::Refused),
            Msg::Type(_) => {
                c.stray = Some(STRAY.to_owned());
                // "r", then a letter: the start of a word, not a command. Its mark, and
                // only that, is taken back.
                let taken = marked_by_letter.then(|| self.take_back(question)).flatten();
                if let Some((effect, what)) = taken {
                    let said = format!("{STRAY} {}", ui::undone(&what));
                    if let Page::Choice(c) = &mut self.page {
                        c.stray = Some(said.clone());
                    }
                    return Outcome::from(effect).said(Status::Problem(said));
                }
                return Outcome::problem(STRAY);
            }
            // The rest of a sentence typed by mistake: what its first key said stays.
            Msg::Other => {
                if let Some(said) = c.stray.clone() {
                    return Outcome::problem(said);
                }
            }
            Msg::Back | Msg::Erase | Msg::Previous => return self.back(),
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

    /// `n`: marks "not asked yet" and goes on (`product.md`). A letter typed right after it
    /// on the next choice list takes it back (see [`Run::update`]): a word typed by mistake.
    fn not_asked_and_go_on(&mut self) -> Outcome {
        let Page::Choice(c) = &self.page else {
            return Effect::None.into();
        };
        if !c.items.contains(&Item::NotAsked) {
            return Outcome::problem(not_offered(Item::NotAsked));
        }
        let question = c.question;
        let outcome = self.commit(None);
        if outcome.effect == Effect::Save {
            self.went_on_by_key = Some(WentOn::now(question));
        }
        outcome
    }

    /// `r`: records that answer and stays, the cursor on it; Enter goes on. A word typed
    /// here by mistake then moves nothing and lands nowhere.
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
            // Only a mark that changed something is the last change to undo.
            c.marked_by_letter = changed;
        }
        let effect = if changed { Effect::Save } else { Effect::None };
        Outcome::from(effect).said(Status::Done(format!(
            "Marked: {}. Enter goes on; Ctrl-Z undoes.",
            self.label(item)
        )))
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

fn toggle(ticks: &mut Vec<usize>, i: usize) {
    if let Some(at) = ticks.iter().position(|t| *t == i) {
        ticks.remove(at);
    } else {
        ticks.push(i);
        ticks.sort_unstable();
    }
}
