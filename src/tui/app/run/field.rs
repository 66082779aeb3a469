//! Keys on a number or text question: typing, the reserved answers under the field, and
//! never clearing typed text without asking. Keys that edit never leave the question.

use super::{Outcome, Run, not_offered};
use crate::answers::Item;
use crate::tui::app::page::{FieldFocus, Page, Typed};
use crate::tui::app::{Effect, Msg, Status, edit};
use crate::ui;

impl Run<'_> {
    pub(super) fn update_field(&mut self, msg: Msg) -> Outcome {
        let Page::Field(f) = &mut self.page else {
            return Effect::None.into();
        };
        // A reserved answer waiting to be chosen again: any other key keeps the text.
        let confirm = f.confirm.take();
        let last = f.reserved.len() - 1;
        let edits = matches!(
            msg,
            Msg::Type(_) | Msg::Erase | Msg::Clear | Msg::DeleteWord
        );
        f.edited |= edits;
        match (f.focus, msg) {
            (_, Msg::Click(0)) | (FieldFocus::Reserved(0), Msg::Up) => f.focus = FieldFocus::Text,
            (_, Msg::Click(row)) if row <= f.reserved.len() => {
                let item = f.reserved[row - 1];
                return self.reserved(item, confirm, true);
            }
            (_, Msg::Type(ch)) => {
                f.focus = FieldFocus::Text;
                if f.typed == Typed::Held {
                    return Outcome::problem(ui::NUMBER_RANGE_HELD);
                }
                match refusal(f.number, &f.text, ch) {
                    Some(Refusal::Range) => {
                        f.typed = Typed::Held;
                        return Outcome::problem(ui::NUMBER_RANGE_HELD);
                    }
                    Some(Refusal::Negative) => return Outcome::problem(ui::NUMBER_NOT_NEGATIVE),
                    Some(Refusal::NotANumber) => {
                        if f.text.chars().any(|c| c.is_ascii_digit()) {
                            f.typed = Typed::Gap;
                        }
                        return Outcome::problem(ui::NUMBER_DIGITS_ONLY);
                    }
                    // A second number after a refused word or sign: `80 to 120`, `450/600`.
                    None if f.typed == Typed::Gap && ch.is_ascii_digit() => {
                        f.typed = Typed::Held;
                        return Outcome::problem(ui::NUMBER_RANGE_HELD);
                    }
                    None => {}
                }
                // Typed or pasted, never longer than an answer the file keeps.
                if f.text.len() + ch.len_utf8() > crate::limits::MAX_TEXT_ANSWER_BYTES {
                    return Outcome::problem(format!(
                        "This answer is as long as exovet keeps ({} KB); the rest was not taken.",
                        crate::limits::MAX_TEXT_ANSWER_BYTES / 1024
                    ));
                }
                f.text.push(ch);
                f.erased = None;
            }
            // Backspace, Ctrl-U and Ctrl-W only edit: on an empty field they do nothing,
            // so the digits typed next never land on the question before.
            (focus, Msg::Erase | Msg::Clear | Msg::DeleteWord) => {
                f.focus = FieldFocus::Text;
                if f.text.is_empty() {
                    return Outcome::problem(ui::FIELD_EMPTY);
                }
                // From the answers under the field, Backspace gives the field the keys back.
                if focus == FieldFocus::Text || msg != Msg::Erase {
                    f.typed = Typed::Number;
                    if msg != Msg::Erase {
                        f.erased = Some(f.text.clone());
                    }
                    edit(&mut f.text, msg);
                }
            }
            (FieldFocus::Text, Msg::Down) => f.focus = FieldFocus::Reserved(0),
            (FieldFocus::Text, Msg::Enter) => return self.enter_field(),
            (FieldFocus::Reserved(i), Msg::Up) => f.focus = FieldFocus::Reserved(i - 1),
            (FieldFocus::Reserved(i), Msg::Down) => {
                f.focus = FieldFocus::Reserved((i + 1).min(last));
            }
            (FieldFocus::Reserved(i), Msg::Enter) => {
                let item = f.reserved[i];
                return self.reserved(item, confirm, true);
            }
            // `n` marks "not asked yet" and goes on (`product.md`); `r` marks and stays.
            (_, Msg::NotAsked) => return self.reserved(Item::NotAsked, confirm, true),
            (_, Msg::Refused) => return self.reserved(Item::Refused, confirm, false),
            // In the text, ← is a key of the text: it goes back only from an empty field.
            (FieldFocus::Text, Msg::Back) if !f.text.is_empty() => {
                return Outcome::problem(ui::FIELD_LEFT_ON_TEXT);
            }
            (_, Msg::Back | Msg::Previous) => return self.back(),
            _ => {}
        }
        Effect::None.into()
    }

    /// Enter in the field: records what is typed and goes on; on an empty field, "not asked yet".
    fn enter_field(&mut self) -> Outcome {
        // A letter or a word was refused after the number ("3.5k", "900 dollars"): the
        // number alone is shown and must be confirmed, never saved as if whole ("$3.5k"
        // saved as 3.50 loses the flag of a price over 3,000; found by an adversarial run).
        if let Page::Field(f) = &mut self.page {
            if f.typed == Typed::Gap {
                f.typed = Typed::Number;
                return Outcome::problem(ui::number_without_word(f.text.trim()));
            }
        }
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
                f.typed = Typed::Number;
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
}

/// Why a number field cannot take a key.
enum Refusal {
    /// A dash or a slash after a number: a range (`$450-600`, `450/600`). Dropped silently,
    /// it would run the two ends together into one number, so it is refused and the field
    /// takes nothing more until it is corrected. (A word between two numbers, `80 to 120`,
    /// holds the field at the second number's first digit.)
    Range,
    /// A minus before any digit: no number asked for is below zero. Said, so that "-450"
    /// is not taken as 450 without a word.
    Negative,
    /// Anything else that is not part of a number.
    NotANumber,
}

/// Why a field (a number field when `number`) cannot take `ch` typed after `text`, if it
/// cannot.
fn refusal(number: bool, text: &str, ch: char) -> Option<Refusal> {
    // What `wizard::number` reads: digits, a decimal point, thousands (`1,200`, `1 200`), `$`.
    if !number || ch.is_ascii_digit() || matches!(ch, '.' | ',' | '$' | ' ') {
        return None;
    }
    let after_a_number = text.chars().any(|c| c.is_ascii_digit());
    let dash = matches!(ch, '-' | '‐' | '‑' | '–' | '—' | '−');
    Some(if after_a_number && (dash || matches!(ch, '~' | '/')) {
        Refusal::Range
    } else if dash {
        Refusal::Negative
    } else {
        Refusal::NotANumber
    })
}
