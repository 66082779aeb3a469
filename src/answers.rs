//! The answers file: what was answered, read from and written to the exact format of `product.md`.

pub mod attestation;
pub mod evidence;
mod item;
mod keep;
pub mod original;
mod read;
mod write;

pub use attestation::Attestation;
pub use evidence::{Document, Evidence, Status};
pub use item::{Item, items};

pub use keep::to_toml_keeping;
pub use read::{AnswersError, Loaded, example, parse, read};
pub use write::{now_rfc3339, quote, to_toml, today, today_problem};

use crate::bank::{Audience, Bank, QuestionId};

/// The reserved answer meaning "asked; they could not or would not answer".
pub const REFUSED: &str = "refused";
/// The reserved answer meaning "not applicable", where the bank allows it.
pub const NOT_APPLICABLE: &str = "na";

/// One question's answer. A question with no answer is "not asked yet".
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Index into the question's choices.
    Choice(usize),
    /// Indices into the question's choices, ascending, at least one.
    Choices(Vec<usize>),
    Number(f64),
    Text(String),
    Refused,
    NotApplicable,
}

impl Answer {
    /// A typed note that reads exactly like a reserved answer the question offers is that
    /// answer: the file cannot tell them apart, so it is saved as what it will be read as.
    /// A note longer than [`MAX_TEXT_ANSWER_BYTES`] is cut there.
    ///
    /// [`MAX_TEXT_ANSWER_BYTES`]: crate::limits::MAX_TEXT_ANSWER_BYTES
    #[must_use]
    pub fn as_saved(self, q: &crate::bank::Question) -> Self {
        match self {
            Answer::Text(t) if t.trim() == REFUSED && q.allow_refused => Answer::Refused,
            Answer::Text(t) if t.trim() == NOT_APPLICABLE && q.allow_na => Answer::NotApplicable,
            Answer::Text(mut t) => {
                let mut end = t.len().min(crate::limits::MAX_TEXT_ANSWER_BYTES);
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                t.truncate(end);
                Answer::Text(t)
            }
            other => other,
        }
    }
}

/// Answers by question, for one bank.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    values: Vec<Option<Answer>>,
}

impl Answers {
    pub fn empty(bank: &Bank) -> Self {
        Self {
            values: vec![None; bank.questions.len()],
        }
    }

    pub fn get(&self, id: QuestionId) -> Option<&Answer> {
        self.values.get(id.0).and_then(Option::as_ref)
    }

    pub fn set(&mut self, id: QuestionId, answer: Option<Answer>) {
        if let Some(slot) = self.values.get_mut(id.0) {
            *slot = answer;
        }
    }

    pub fn answered(&self) -> impl Iterator<Item = (QuestionId, &Answer)> {
        self.values
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.as_ref().map(|a| (QuestionId(i), a)))
    }
}

/// The `[meta]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub bank: String,
    pub bank_version: String,
    pub audience: Audience,
    pub subject: String,
    /// RFC 3339 time of the last save, as written in the file.
    pub updated: Option<String>,
}

impl Meta {
    pub fn new(bank: &Bank, audience: Audience, subject: impl Into<String>) -> Self {
        Self {
            bank: bank.id.clone(),
            bank_version: bank.version.clone(),
            audience,
            subject: subject.into(),
            updated: None,
        }
    }

    /// Why a command that writes must leave this file byte for byte: it was saved with a
    /// newer bank, whose answers this one may misread and whose comments and keys it would
    /// drop; or its `bank_version` is not a version at all, so nobody can tell.
    pub fn not_writable(&self, bank: &Bank) -> Option<String> {
        let saved = &self.bank_version;
        match (
            crate::bank::parse_version(saved),
            crate::bank::parse_version(&bank.version),
        ) {
            (Some(saved_with), Some(now)) if saved_with > now => Some(format!(
                "saved with version {} of the bank, newer than this one ({}). Nothing was written: use the exovet that saved it, or a newer one",
                crate::diag::inert(saved),
                bank.version
            )),
            (None, _) => Some(format!(
                "its bank_version \"{}\" is not a version like {}. Nothing was written: correct bank_version in the file, or use the exovet that saved it",
                crate::diag::inert(saved),
                bank.version
            )),
            _ => None,
        }
    }
}

/// A whole answers file.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerFile {
    pub meta: Meta,
    pub answers: Answers,
    pub annex: Annex,
}

impl AnswerFile {
    /// The signature of a questionnaire a vendor returned; a patient's file is nobody's to
    /// sign, so an `[attestation]` in one is kept but is none.
    pub fn vendor_signature(&self) -> Option<&Attestation> {
        self.annex
            .attestation
            .as_ref()
            .filter(|_| self.meta.audience == Audience::Coordinator)
    }

    /// Answers with nothing beside them.
    pub fn new(meta: Meta, answers: Answers) -> Self {
        Self {
            meta,
            answers,
            annex: Annex::default(),
        }
    }
}

/// What a file holds beside its answers. None of it is scored as an answer; all of it is
/// kept as read and written back on every save.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annex {
    /// Answers saved with an older bank version whose meaning changed: read as not asked,
    /// and written back as comments beside their question, so nothing typed is lost.
    pub reasked: Vec<Reasked>,
    /// The documents behind answers (`[evidence]`).
    pub evidence: Evidence,
    /// A vendor's statement on a questionnaire it returned (`[attestation]`). Present,
    /// even blank, the file is vendor-reported.
    pub attestation: Option<Attestation>,
}

/// Ends the comment line that keeps an old answer asked again, so a later save finds it.
pub const REASKED_MARK: &str =
    "# saved with an older version of the questions; its meaning changed, so it is asked again";

/// An old answer that the bank's `[[migrate]]` table asks again.
#[derive(Debug, Clone, PartialEq)]
pub struct Reasked {
    pub question: QuestionId,
    /// The option id as the file held it.
    pub written: String,
}

#[cfg(test)]
mod annex_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MAX_TEXT_ANSWER_BYTES;

    #[test]
    fn a_pasted_note_is_cut_at_the_limit_on_a_character() {
        let bank = crate::bank::load_builtin();
        let notes = bank.question(bank.find("notes").unwrap());
        // 'é' is two bytes: an odd limit would split one.
        let pasted = "é".repeat(MAX_TEXT_ANSWER_BYTES);
        let Answer::Text(kept) = Answer::Text(pasted).as_saved(notes) else {
            panic!("a note stays a note");
        };
        assert!(kept.len() <= MAX_TEXT_ANSWER_BYTES && kept.len() > MAX_TEXT_ANSWER_BYTES - 2);
        let short = Answer::Text("Brand X".into());
        assert_eq!(short.clone().as_saved(notes), short);
    }
}
