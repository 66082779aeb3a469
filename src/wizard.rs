//! The wizard's state machine, shared by the full-screen and the plain front ends: where we are, the answers, what is asked next.

mod number;

use crate::answers::{self, Annex, Answer, AnswerFile, Answers, Document, Meta};
use crate::bank::{Audience, Bank, Kind, QuestionId};
use crate::score::{self, Verdict};

/// Where the wizard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Question(QuestionId),
    /// Every visible question with its answer; jump to any.
    Review,
    Verdict,
}

#[derive(Debug, Clone)]
pub struct Wizard<'b> {
    bank: &'b Bank,
    meta: Meta,
    /// Every answer given, including to questions that an earlier answer has
    /// since hidden: kept and saved, but not scored (recorded, not counted).
    answers: Answers,
    /// Old answers the bank asks again, written back as comments.
    /// What the file holds beside its answers, carried through every save.
    annex: Annex,
    place: Place,
    /// A question opened from the review screen returns there when answered.
    from_review: bool,
}

impl<'b> Wizard<'b> {
    /// Starts at the first question not asked yet, or at the review when
    /// everything visible is answered.
    pub fn new(bank: &'b Bank, meta: Meta, answers: Answers) -> Self {
        let mut w = Self {
            bank,
            meta,
            answers,
            annex: Annex::default(),
            place: Place::Review,
            from_review: false,
        };
        if let Some(first) = w
            .visible()
            .into_iter()
            .find(|id| w.answers.get(*id).is_none())
        {
            w.place = Place::Question(first);
        }
        w
    }

    pub fn bank(&self) -> &'b Bank {
        self.bank
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn audience(&self) -> Audience {
        self.meta.audience
    }

    pub fn place(&self) -> Place {
        self.place
    }

    pub fn answer(&self, id: QuestionId) -> Option<&Answer> {
        self.answers.get(id)
    }

    /// The questions asked, in order, given the audience and the answers so far.
    pub fn visible(&self) -> Vec<QuestionId> {
        let shown = crate::visible::visible(self.bank, &self.answers, self.meta.audience);
        self.bank.ids().filter(|id| shown[id.0]).collect()
    }

    /// Answers kept for questions that are not asked now (another audience's, or hidden by
    /// a condition): recorded, not counted, in bank order.
    pub fn kept(&self) -> Vec<QuestionId> {
        let shown = crate::visible::visible(self.bank, &self.answers, self.meta.audience);
        self.answers
            .answered()
            .map(|(id, _)| id)
            .filter(|id| !shown[id.0])
            .collect()
    }

    /// Clears a kept answer; whether there was one to clear (a visible question's answer
    /// is changed on the question itself).
    pub fn clear_kept(&mut self, id: QuestionId) -> bool {
        if !self.kept().contains(&id) {
            return false;
        }
        self.answers.set(id, None);
        true
    }

    /// "Question `n` of `m`", 1-based, for the current question.
    pub fn position(&self) -> Option<(usize, usize)> {
        let Place::Question(id) = self.place else {
            return None;
        };
        let visible = self.visible();
        visible
            .iter()
            .position(|v| *v == id)
            .map(|i| (i + 1, visible.len()))
    }

    /// Records (or clears, with `None`) the current question's answer.
    /// Returns whether anything changed, that is, whether to save.
    pub fn set(&mut self, answer: Option<Answer>) -> bool {
        let Place::Question(id) = self.place else {
            return false;
        };
        let q = self.bank.question(id);
        let answer = answer.map(|a| a.as_saved(q));
        let offered = match &answer {
            Some(Answer::Refused) => q.allow_refused,
            Some(Answer::NotApplicable) => q.allow_na,
            _ => true,
        };
        if !offered || self.answers.get(id) == answer.as_ref() {
            return false;
        }
        self.answers.set(id, answer);
        true
    }

    /// On to the next question not asked yet, or the review when none is left after this
    /// one (or when the question was opened from the review). Questions answered already,
    /// in a resumed file or before going back, are not walked through again: ← and the
    /// review reach them.
    pub fn advance(&mut self) {
        let Place::Question(id) = self.place else {
            return;
        };
        if self.from_review {
            self.from_review = false;
            self.place = Place::Review;
            return;
        }
        self.place = self
            .visible()
            .into_iter()
            .find(|v| *v > id && self.answers.get(*v).is_none())
            .map_or(Place::Review, Place::Question);
    }

    /// The next question asked now and not answered yet: after this one, else from the
    /// start; from the review or the verdict, the first. Never the question on screen.
    pub fn next_open(&self) -> Option<QuestionId> {
        let here = match self.place {
            Place::Question(id) => Some(id),
            Place::Review | Place::Verdict => None,
        };
        let open: Vec<QuestionId> = self
            .visible()
            .into_iter()
            .filter(|v| self.answers.get(*v).is_none() && Some(*v) != here)
            .collect();
        here.and_then(|h| open.iter().copied().find(|v| *v > h))
            .or_else(|| open.first().copied())
    }

    /// Goes to [`Wizard::next_open`]; whether there was one. Going on from there
    /// continues to the next open question, not back to the review.
    pub fn go_to_next_open(&mut self) -> bool {
        match self.next_open() {
            Some(id) => self.go_to(id),
            None => false,
        }
    }

    /// Renames who is vetted (`meta.subject`); whether it changed.
    pub fn set_subject(&mut self, subject: &str) -> bool {
        let subject = subject.trim();
        if self.meta.subject == subject {
            return false;
        }
        subject.clone_into(&mut self.meta.subject);
        true
    }

    /// The old answer to `id` that a newer version of the questions asks again, while `id`
    /// is not answered yet: what the file held, and why it is asked again.
    pub fn asked_again(&self, id: QuestionId) -> Option<(&str, &str)> {
        if self.answer(id).is_some() {
            return None;
        }
        let old = self.annex.reasked.iter().find(|r| r.question == id)?;
        let why = self.bank.migrations.iter().find_map(|m| match &m.action {
            crate::bank::MigrateAction::Reask { why }
                if m.question == id && m.option == old.written =>
            {
                Some(why.as_str())
            }
            _ => None,
        })?;
        Some((&old.written, why))
    }

    /// The document recorded behind `id`'s answer, if any.
    pub fn document(&self, id: QuestionId) -> Option<&Document> {
        self.annex.evidence.get(&id)
    }

    /// Records the document behind `id`'s answer, or takes it away; returns what was there.
    /// The wizard takes no notes: a document attached again keeps the note of the one before.
    pub fn set_document(&mut self, id: QuestionId, document: Option<Document>) -> Option<Document> {
        match document {
            Some(mut d) => {
                if let Some(before) = self.annex.evidence.get(&id).filter(|_| d.note.is_empty()) {
                    d.note.clone_from(&before.note);
                }
                self.annex.evidence.insert(id, d)
            }
            None => self.annex.evidence.remove(&id),
        }
    }

    /// Back one step, keeping every answer. Returns false at the first question.
    pub fn back(&mut self) -> bool {
        let visible = self.visible();
        let previous = match self.place {
            Place::Question(id) => visible.into_iter().rev().find(|v| *v < id),
            Place::Review => visible.last().copied(),
            Place::Verdict => {
                self.place = Place::Review;
                return true;
            }
        };
        self.from_review = false;
        match previous {
            Some(p) => {
                self.place = Place::Question(p);
                true
            }
            None => false,
        }
    }

    /// Puts back an earlier answer to any question, hidden or not, as an undo does.
    /// Whether anything changed.
    pub fn put_back(&mut self, id: QuestionId, answer: Option<Answer>) -> bool {
        if self.answers.get(id) == answer.as_ref() {
            return false;
        }
        self.answers.set(id, answer);
        true
    }

    /// Goes to a question asked now, as an undo does; whether it is asked now.
    pub fn go_to(&mut self, id: QuestionId) -> bool {
        if !self.visible().contains(&id) {
            return false;
        }
        self.place = Place::Question(id);
        self.from_review = false;
        true
    }

    /// Opens a question from the review screen.
    pub fn open(&mut self, id: QuestionId) {
        if self.visible().contains(&id) {
            self.place = Place::Question(id);
            self.from_review = true;
        }
    }

    pub fn review(&mut self) {
        self.from_review = false;
        self.place = Place::Review;
    }

    pub fn show_verdict(&mut self) {
        self.from_review = false;
        self.place = Place::Verdict;
    }

    pub fn verdict(&self) -> Verdict {
        score::score(self.bank, &self.answers, self.meta.audience)
    }

    /// What a resumed file holds beside its answers: old answers asked again, documents,
    /// an attestation.
    #[must_use]
    pub fn with_annex(mut self, annex: Annex) -> Self {
        self.annex = annex;
        self
    }

    /// What is saved: every answer, hidden ones included.
    /// Whether a question the wizard may still ask waits on an answer not given yet.
    pub fn more_may_follow(&self) -> bool {
        let (bank, answers, audience) = (self.bank(), &self.file().answers, self.audience());
        let shown = crate::visible::visible(bank, answers, audience);
        crate::visible::progress(bank, answers, audience, &shown).more_may_follow
    }

    pub fn file(&self) -> AnswerFile {
        AnswerFile {
            meta: self.meta.clone(),
            answers: self.answers.clone(),
            annex: self.annex.clone(),
        }
    }

    /// Parses what a person typed for a number question.
    pub fn parse_number(&self, id: QuestionId, typed: &str) -> Result<f64, String> {
        let Kind::Number(spec) = &self.bank.question(id).kind else {
            return Err("this question does not take a number".into());
        };
        let value = number::read_typed(typed)?;
        if value < spec.min || value > spec.max {
            return Err(format!(
                "{} is outside {} to {} {}.",
                answers::example(value),
                answers::example(spec.min),
                answers::example(spec.max),
                spec.unit
            ));
        }
        Ok(value)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::bank::load_builtin;

    pub(crate) fn wizard(bank: &Bank, audience: Audience) -> Wizard<'_> {
        Wizard::new(
            bank,
            Meta::new(bank, audience, "Test Spa"),
            Answers::empty(bank),
        )
    }

    fn id(bank: &Bank, s: &str) -> QuestionId {
        bank.find(s).unwrap()
    }

    #[test]
    fn a_document_attached_again_keeps_the_note_of_the_one_before() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Patient);
        let coa = id(&bank, "testing.coa");
        let doc = |note: &str, status| Document {
            document: "coa.pdf".into(),
            sha256: None,
            status,
            date: None,
            note: note.into(),
        };
        w.set_document(
            coa,
            Some(doc("ISO 17025 lab", crate::answers::Status::Claimed)),
        );
        let before = w.set_document(coa, Some(doc("", crate::answers::Status::Seen)));
        assert_eq!(
            w.document(coa),
            Some(&doc("ISO 17025 lab", crate::answers::Status::Seen))
        );
        // Undo puts back exactly what was there.
        w.set_document(coa, before);
        assert_eq!(
            w.document(coa),
            Some(&doc("ISO 17025 lab", crate::answers::Status::Claimed))
        );
    }

    pub(crate) fn choose(w: &mut Wizard<'_>, option: &str) {
        let Place::Question(q) = w.place() else {
            panic!("not on a question")
        };
        let i = w.bank().question(q).choice_index(option).unwrap();
        let answer = match w.bank().question(q).kind {
            Kind::Multiple(_) => Answer::Choices(vec![i]),
            _ => Answer::Choice(i),
        };
        assert!(w.set(Some(answer)));
        w.advance();
    }

    #[test]
    fn starts_at_the_first_question_and_counts_only_visible_ones() {
        let bank = load_builtin();
        let w = wizard(&bank, Audience::Patient);
        assert_eq!(w.place(), Place::Question(id(&bank, "source.origin")));
        let (n, m) = w.position().unwrap();
        assert_eq!(n, 1);
        assert_eq!(m, w.visible().len());
        assert!(
            w.visible()
                .iter()
                .all(|q| bank.question(*q).reach.includes(Audience::Patient))
        );
    }

    #[test]
    fn conditions_add_and_remove_questions_as_answers_change() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Coordinator);
        let before = w.visible().len();
        choose(&mut w, "msc-umbilical-cord");
        // Donor screening, the cell bank and the viral tests now apply.
        assert_eq!(w.visible().len(), before + 3);
        assert_eq!(
            w.place(),
            Place::Question(id(&bank, "source.product_named"))
        );
        // Going back and choosing a plant source hides them again, and keeps their answers in memory.
        assert!(w.back());
        choose(&mut w, "plant");
        assert_eq!(w.visible().len(), before);
    }

    #[test]
    fn hidden_answers_are_kept_and_saved_but_not_counted_and_a_red_one_blocks_green() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Coordinator);
        choose(&mut w, "msc-umbilical-cord");
        w.open(id(&bank, "source.donor_screening"));
        choose(&mut w, "none");
        assert_eq!(w.verdict().level, score::Level::Red);
        w.open(id(&bank, "source.origin"));
        choose(&mut w, "plant");
        let hidden = w.verdict();
        assert_ne!(hidden.level, score::Level::Red);
        assert_eq!(hidden.not_counted.len(), 1);
        assert!(hidden.rules.contains(&score::Rule::NotCounted(id(
            &bank,
            "source.donor_screening"
        ))));
        assert!(w.answer(id(&bank, "source.donor_screening")).is_some());
        let saved = answers::to_toml(&bank, &w.file());
        assert!(
            saved.contains("\"source.donor_screening\" = \"none\""),
            "{saved}"
        );
        // Back to an MSC source: the earlier answer is there again.
        w.open(id(&bank, "source.origin"));
        choose(&mut w, "msc-adipose");
        assert_eq!(w.verdict().level, score::Level::Red);
    }

    #[test]
    fn back_keeps_answers_and_stops_at_the_first_question() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Patient);
        assert!(!w.back());
        choose(&mut w, "placenta");
        assert!(w.back());
        assert_eq!(w.place(), Place::Question(id(&bank, "source.origin")));
        assert!(w.answer(id(&bank, "source.origin")).is_some());
    }

    #[test]
    fn the_last_question_leads_to_the_review_and_a_review_jump_returns_there() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Patient);
        for _ in 0..w.visible().len() {
            w.advance();
        }
        assert_eq!(w.place(), Place::Review);
        w.open(id(&bank, "claims.outcomes"));
        choose(&mut w, "modest");
        assert_eq!(w.place(), Place::Review);
        w.show_verdict();
        assert_eq!(w.place(), Place::Verdict);
        assert!(w.back());
        assert_eq!(w.place(), Place::Review);
    }

    #[test]
    fn resuming_starts_at_the_first_question_not_asked() {
        let bank = load_builtin();
        let mut a = Answers::empty(&bank);
        let origin = id(&bank, "source.origin");
        a.set(origin, Some(Answer::Refused));
        let w = Wizard::new(&bank, Meta::new(&bank, Audience::Patient, ""), a);
        assert_eq!(
            w.place(),
            Place::Question(id(&bank, "source.product_named"))
        );
    }

    /// A resumed file with every patient question answered but the 3rd and the 7th.
    fn with_gaps(bank: &Bank) -> (Wizard<'_>, QuestionId, QuestionId) {
        let mut w = wizard(bank, Audience::Patient);
        let visible = w.visible();
        let (third, seventh) = (visible[2], visible[6]);
        let mut a = Answers::empty(bank);
        for q in visible {
            if q != third && q != seventh {
                a.set(q, Some(Answer::Refused));
            }
        }
        w = Wizard::new(bank, Meta::new(bank, Audience::Patient, "Spa"), a);
        (w, third, seventh)
    }

    #[test]
    fn going_on_from_a_resumed_gap_skips_the_answered_questions_to_the_next_gap() {
        let bank = load_builtin();
        let (mut w, third, seventh) = with_gaps(&bank);
        assert_eq!(w.place(), Place::Question(third));
        w.advance();
        assert_eq!(w.place(), Place::Question(seventh));
        w.advance();
        assert_eq!(w.place(), Place::Review);
        // Back still walks one question at a time.
        assert!(w.back());
        assert_eq!(w.place(), Place::Question(*w.visible().last().unwrap()));
    }

    #[test]
    fn the_next_open_question_wraps_round_and_the_review_starts_at_the_first() {
        let bank = load_builtin();
        let (mut w, third, seventh) = with_gaps(&bank);
        assert_eq!(w.next_open(), Some(seventh));
        assert!(w.go_to_next_open());
        assert_eq!(w.place(), Place::Question(seventh));
        assert_eq!(w.next_open(), Some(third));
        w.review();
        assert_eq!(w.next_open(), Some(third));
        assert!(w.go_to_next_open());
        // Opened this way, going on goes to the next gap, not back to the review.
        w.advance();
        assert_eq!(w.place(), Place::Question(seventh));
        w.set(Some(Answer::Refused));
        assert_eq!(w.next_open(), Some(third));
        w.go_to(third);
        w.set(Some(Answer::Refused));
        assert_eq!(w.next_open(), None);
        assert!(!w.go_to_next_open());
    }

    #[test]
    fn the_subject_can_be_renamed_and_is_saved() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Patient);
        assert!(w.set_subject("  Other Spa "));
        assert!(!w.set_subject("Other Spa"));
        assert_eq!(w.file().meta.subject, "Other Spa");
    }

    #[test]
    fn numbers_are_read_the_way_people_type_them() {
        let bank = load_builtin();
        let w = wizard(&bank, Audience::Patient);
        let cost = id(&bank, "cost.per_session_usd");
        assert_eq!(w.parse_number(cost, " $1,250.50 "), Ok(1250.5));
        assert!(
            w.parse_number(cost, "lots")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(w.parse_number(cost, "-3").unwrap_err().contains("outside"));
    }
}
