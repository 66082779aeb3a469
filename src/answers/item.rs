//! One line of a question's answer list, as both front ends and the printed questionnaire
//! show it: each option, then "not asked yet" and the reserved answers the bank allows.

use super::Answer;
use crate::bank::{Bank, QuestionId};

/// One line of a question's answer list, in the order both front ends show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// An index into the question's choices.
    Option(usize),
    NotAsked,
    Refused,
    NotApplicable,
}

impl Item {
    /// The line that shows `answer` (`None` is not asked yet): the first
    /// ticked option of several; no line for a typed number or text.
    pub fn of(answer: Option<&Answer>) -> Option<Item> {
        match answer {
            None => Some(Item::NotAsked),
            Some(Answer::Choice(i)) => Some(Item::Option(*i)),
            Some(Answer::Choices(is)) => is.first().map(|i| Item::Option(*i)),
            Some(Answer::Refused) => Some(Item::Refused),
            Some(Answer::NotApplicable) => Some(Item::NotApplicable),
            Some(Answer::Number(_) | Answer::Text(_)) => None,
        }
    }

    /// The answer this line gives when chosen alone; `None` is not asked yet.
    pub fn answer(self) -> Option<Answer> {
        match self {
            Item::Option(i) => Some(Answer::Choice(i)),
            Item::NotAsked => None,
            Item::Refused => Some(Answer::Refused),
            Item::NotApplicable => Some(Answer::NotApplicable),
        }
    }
}

/// The answer list of a question: its options, then the reserved answers.
pub fn items(bank: &Bank, id: QuestionId) -> Vec<Item> {
    let q = bank.question(id);
    let mut out: Vec<Item> = (0..q.kind.choices().len()).map(Item::Option).collect();
    out.push(Item::NotAsked);
    // Even for text, which is never scored, "they would not say" is worth recording,
    // unless the bank says a refusal makes no sense there (a free note).
    if q.allow_refused {
        out.push(Item::Refused);
    }
    if q.allow_na {
        out.push(Item::NotApplicable);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::load_builtin;

    #[test]
    fn every_line_of_an_answer_list_shows_the_answer_it_gives() {
        let bank = load_builtin();
        for q in bank.ids() {
            for item in items(&bank, q) {
                assert_eq!(Item::of(item.answer().as_ref()), Some(item));
            }
        }
        assert_eq!(
            Item::of(Some(&Answer::Choices(vec![2, 4]))),
            Some(Item::Option(2))
        );
        assert_eq!(Item::of(Some(&Answer::Number(900.0))), None);
    }

    #[test]
    fn every_list_offers_not_asked_and_refused_where_the_bank_allows_it() {
        let bank = load_builtin();
        for q in bank.ids() {
            let list = items(&bank, q);
            assert!(list.contains(&Item::NotAsked));
            assert_eq!(
                list.contains(&Item::Refused),
                bank.question(q).allow_refused
            );
            assert_eq!(
                list.contains(&Item::NotApplicable),
                bank.question(q).allow_na
            );
        }
    }
}
