//! Keys on the review (open a question, show the verdict, clear a kept answer) and on the
//! verdict (scroll, save a summary).

use super::{Change, Outcome, Run};
use crate::bank::QuestionId;
use crate::tui::app::page::{Page, ReviewRow, review_rows};
use crate::tui::app::{Effect, Msg, Status};
use crate::wizard::Place;

impl Run<'_> {
    /// Whether `msg` asks to change the name: Enter or a click on the review's name row.
    pub fn asks_rename(&self, msg: Msg) -> bool {
        let Page::Review { cursor } = self.page else {
            return false;
        };
        let row = match msg {
            Msg::Enter => cursor,
            Msg::Click(row) => row,
            _ => return false,
        };
        review_rows(&self.wizard).get(row) == Some(&ReviewRow::Subject)
    }

    pub(super) fn update_review(&mut self, msg: Msg) -> Outcome {
        let rows = review_rows(&self.wizard);
        let Page::Review { cursor } = &mut self.page else {
            return Effect::None.into();
        };
        let count = rows.len();
        let target = match msg {
            // Shift-Tab moves up the review, as Tab moves down.
            Msg::Up | Msg::Previous => {
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
            // The number of a question, as the review shows it.
            Msg::Pick(n) => n.checked_sub(1).and_then(|nth| {
                rows.iter()
                    .enumerate()
                    .filter(|(_, r)| matches!(r, ReviewRow::Question(_) | ReviewRow::Kept(_)))
                    .nth(nth)
                    .map(|(i, _)| i)
            }),
            // n clears a kept answer, and only that.
            Msg::NotAsked => Some(*cursor).filter(|c| matches!(rows[*c], ReviewRow::Kept(_))),
            Msg::NextOpen => return self.next_open(),
            Msg::Back | Msg::Erase => {
                self.wizard.back();
                None
            }
            _ => None,
        };
        match target.and_then(|t| rows.get(t)) {
            Some(ReviewRow::Verdict) => self.wizard.show_verdict(),
            Some(ReviewRow::Question(id)) => self.wizard.open(*id),
            Some(ReviewRow::Kept(id)) => return self.clear_kept(*id),
            Some(ReviewRow::Subject) | None => {}
        }
        Effect::None.into()
    }

    /// Goes to the next question not asked yet, or says there is none.
    pub(super) fn next_open(&mut self) -> Outcome {
        if self.wizard.go_to_next_open() {
            return Effect::None.into();
        }
        Outcome::problem("Every question asked now has an answer.")
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
        let count = review_rows(&self.wizard).len();
        if let Page::Review { cursor } = &mut self.page {
            *cursor = (*cursor).min(count - 1);
        }
        Outcome::from(Effect::Save).said(Status::Done("Cleared; Ctrl-Z brings it back.".into()))
    }

    pub(super) fn update_verdict(&mut self, msg: Msg) -> Outcome {
        let Page::Verdict { scroll } = &mut self.page else {
            return Effect::None.into();
        };
        match msg {
            Msg::Up | Msg::Previous => *scroll = scroll.saturating_sub(1),
            Msg::Down => *scroll = scroll.saturating_add(1),
            Msg::PageUp => *scroll = scroll.saturating_sub(10),
            Msg::PageDown => *scroll = scroll.saturating_add(10),
            Msg::Home => *scroll = 0,
            Msg::Back | Msg::Erase => self.wizard.review(),
            Msg::NextOpen => return self.next_open(),
            Msg::SaveSummary => return Effect::SaveSummary.into(),
            _ => {}
        }
        Effect::None.into()
    }
}
