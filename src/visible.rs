//! Which questions are asked: the audience, and each condition on the answers so far.
//!
//! Its own module, below the scoring: the wizard, the scoring and the exports ask it, and
//! reading or writing an answers file needs none of it (every answer is kept).

use crate::answers::{Answer, Answers};
use crate::bank::{Audience, Bank};

/// Which questions are asked, given the audience and the answers so far.
pub fn visible(bank: &Bank, answers: &Answers, audience: Audience) -> Vec<bool> {
    let mut shown = vec![false; bank.questions.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        shown[i] = q.reach.includes(audience)
            && q.show_if
                .as_ref()
                .is_none_or(|c| shown[c.question.0] && holds(answers.get(c.question), &c.any_of));
    }
    shown
}

/// How far the questions asked of an audience are answered: the one count every output
/// and the wizard show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Questions asked that hold an answer: an option, a number, text or not applicable;
    /// not "not asked yet", and not refused (asked, but no answer).
    pub answered: usize,
    /// Questions asked of the audience on these answers.
    pub total: usize,
    /// A question waits on an answer not given yet, so `total` may still grow.
    pub more_may_follow: bool,
}

/// [`Progress`] of `answers`, where `shown` is [`visible`] of the same answers.
pub fn progress(bank: &Bank, answers: &Answers, audience: Audience, shown: &[bool]) -> Progress {
    let asked = || bank.ids().filter(|id| shown[id.0]);
    Progress {
        answered: asked()
            .filter(|id| !matches!(answers.get(*id), None | Some(Answer::Refused)))
            .count(),
        total: asked().count(),
        more_may_follow: pending(bank, answers, audience, shown).contains(&true),
    }
}

/// Whether an answer picks one of `any_of`.
pub(crate) fn holds(answer: Option<&Answer>, any_of: &[usize]) -> bool {
    match answer {
        Some(Answer::Choice(x)) => any_of.contains(x),
        Some(Answer::Choices(xs)) => xs.iter().any(|x| any_of.contains(x)),
        _ => false,
    }
}

/// Questions of the audience hidden only because a question their condition waits on is
/// not asked yet: they may matter, so the follow-up list names them.
pub(crate) fn pending(
    bank: &Bank,
    answers: &Answers,
    audience: Audience,
    shown: &[bool],
) -> Vec<bool> {
    let mut out = vec![false; bank.questions.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        out[i] = !shown[i]
            && q.reach.includes(audience)
            && q.show_if.as_ref().is_some_and(|c| {
                (shown[c.question.0] && answers.get(c.question).is_none()) || out[c.question.0]
            });
    }
    out
}
