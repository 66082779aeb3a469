//! Keys on the review (open a question, show the verdict, clear a kept answer) and on the
//! verdict (scroll, save a summary).

use super::{Change, Outcome, Run};
use crate::bank::QuestionId;
use crate::tui::app::page::Page;
use crate::tui::app::{Effect, Msg, Status};
use crate::wizard::Place;

impl Run<'_> {
    pub(super) fn update_review(&mut self, msg: Msg) -> Outcome {
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

    pub(super) fn update_verdict(&mut self, msg: Msg) -> Outcome {
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
