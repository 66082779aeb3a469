//! One flag and where it comes from: an option, several options, a band, a refusal or a rule across answers.

use std::borrow::Cow;

use crate::answers::Answer;
use crate::bank::{Band, Bank, Flag, Kind, QuestionId};

/// One answer that carries a flag, and what in the bank gave it the flag.
///
/// The reason and sources stay in the bank that scored the answer and are read from it
/// (`why`, `sources`): bulk scoring finds dozens of flags a file, and copying their texts
/// out cost more than the verdict rules themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub question: QuestionId,
    pub flag: Flag,
    pub cause: Cause,
}

/// Where a finding's flag, reason and sources come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Cause {
    /// "Refused": the question's own refused flag and reason.
    Refused,
    /// One option, an index into the question's choices.
    Choice(usize),
    /// A multiple-choice answer: the options picked that share its worst flag, ascending.
    Choices(Vec<usize>),
    /// The band of a number question that the answer falls in, an index into its bands.
    Band(usize),
    /// A rule across answers that fired, an index into the bank's rules; the finding's
    /// question is the first question the rule names.
    Rule(usize),
    /// A green answer to a question that names a document, scored with
    /// `--require-evidence` while no copy of the document is in hand: amber, "claimed, not
    /// shown". The question's own sources back it.
    NotShown,
}

impl Finding {
    /// Whether this is the patient's own "I'd rather not say": a refusal the bank words as
    /// the person's choice, never a question to put to the provider again.
    pub fn is_own_choice(&self, bank: &Bank) -> bool {
        self.cause == Cause::Refused && bank.question(self.question).refusal_is_own_choice()
    }

    /// The rule across answers behind this finding, if it is one.
    pub fn rule(&self) -> Option<usize> {
        match self.cause {
            Cause::Rule(r) => Some(r),
            _ => None,
        }
    }

    /// The reason for the flag as the bank words it; tied options' reasons are joined.
    pub fn why<'b>(&self, bank: &'b Bank) -> Cow<'b, str> {
        let q = bank.question(self.question);
        let choice = |i: &usize| q.kind.choices().get(*i).map_or("", |c| c.why.as_str());
        match &self.cause {
            Cause::Refused => Cow::Borrowed(&q.refused_why),
            Cause::Rule(r) => Cow::Borrowed(bank.rules.get(*r).map_or("", |r| r.why.as_str())),
            Cause::NotShown => {
                Cow::Owned(not_shown(q.evidence.as_deref().unwrap_or("the document")))
            }
            Cause::Choice(i) => Cow::Borrowed(choice(i)),
            Cause::Band(i) => Cow::Borrowed(band(&q.kind, *i).map_or("", |b| b.why.as_str())),
            Cause::Choices(is) => match is.as_slice() {
                [i] => Cow::Borrowed(choice(i)),
                _ => Cow::Owned(is.iter().map(choice).collect::<Vec<_>>().join(" ")),
            },
        }
    }

    /// The sources of the reason; tied options' lists run one after the other, and a
    /// source repeated where they meet is listed once.
    pub fn sources<'b>(&self, bank: &'b Bank) -> Cow<'b, [String]> {
        let q = bank.question(self.question);
        let choice = |i: &usize| q.kind.choices().get(*i).map_or(&[][..], |c| &c.sources);
        match &self.cause {
            Cause::Refused | Cause::NotShown => Cow::Borrowed(&q.sources),
            Cause::Rule(r) => Cow::Borrowed(bank.rules.get(*r).map_or(&[][..], |r| &r.sources)),
            Cause::Choice(i) => Cow::Borrowed(choice(i)),
            Cause::Band(i) => Cow::Borrowed(band(&q.kind, *i).map_or(&[][..], |b| &b.sources)),
            Cause::Choices(is) => {
                let mut all: Vec<String> = is.iter().flat_map(choice).cloned().collect();
                all.dedup();
                Cow::Owned(all)
            }
        }
    }
}

/// Why a green answer counts as amber with `--require-evidence`.
pub fn not_shown(document: &str) -> String {
    format!(
        "Claimed, not shown: the answer is a good one, but nobody has seen the document behind it ({}), or the copy attached has changed or is gone. It counts as amber until a copy is seen.",
        crate::text::in_sentence(document.trim_end_matches('.'))
    )
}

fn band(kind: &Kind, i: usize) -> Option<&Band> {
    match kind {
        Kind::Number(n) => n.bands.get(i),
        _ => None,
    }
}

/// The flag an answer takes, and where its reason is, or `None` for answers that are not scored.
pub fn flag_of(bank: &Bank, id: QuestionId, answer: &Answer) -> Option<Finding> {
    let q = bank.question(id);
    let finding = |flag, cause| Finding {
        question: id,
        flag,
        cause,
    };
    match (answer, &q.kind) {
        _ if !q.is_scored() => None,
        (Answer::Refused, _) => Some(finding(q.refused, Cause::Refused)),
        (Answer::Choice(i), Kind::Single(cs) | Kind::Multiple(cs)) => {
            cs.get(*i).map(|c| finding(c.flag, Cause::Choice(*i)))
        }
        (Answer::Choices(is), Kind::Single(cs) | Kind::Multiple(cs)) => {
            let picked = || is.iter().filter(|i| **i < cs.len());
            let worst = picked().map(|i| cs[*i].flag).max()?;
            let at_worst = picked()
                .filter(|i| cs[**i].flag == worst)
                .copied()
                .collect();
            Some(finding(worst, Cause::Choices(at_worst)))
        }
        (Answer::Number(v), Kind::Number(n)) => {
            let band = n.band(*v)?;
            let at = n.bands.iter().position(|b| std::ptr::eq(b, band))?;
            Some(finding(band.flag, Cause::Band(at)))
        }
        _ => None,
    }
}
