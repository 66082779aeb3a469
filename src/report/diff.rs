//! What changed between two assessments of one subject: the verdict, each question whose
//! answer, flag or document changed (worse first), the reasons and rules that came or went,
//! and the attestation. Pure: two scored files in, one [`Changes`] out; `page` builds its
//! document (text, Markdown, a page) and `json` writes it.
//!
//! A change that makes things worse is never hidden or listed as better: a question whose
//! answer got better but whose document got worse is a worse change, and a flag that went
//! away because its answer was cleared or no longer counts is "neither", not "better".

pub mod documents;
pub mod json;
pub mod page;
mod words;

#[cfg(test)]
mod tests;

#[cfg(test)]
use documents::recorded;
pub use documents::{DocumentChange, Held, documents};
pub use words::{audience_warning, subject_warning};

use crate::answers::{Answer, AnswerFile, Attestation};
use crate::bank::{Bank, Flag, QuestionId};
use crate::score::{self, Finding, Level, Verdict};

/// One assessment as diff sees it: the file and its verdict.
pub struct Side<'a> {
    pub file: &'a AnswerFile,
    pub verdict: Verdict,
}

impl<'a> Side<'a> {
    /// Scores `file` as its own audience.
    pub fn scored(bank: &Bank, file: &'a AnswerFile) -> Self {
        Self {
            file,
            verdict: score::score(bank, &file.answers, file.meta.audience),
        }
    }

    /// Where `question` stands, as the verdict worked it out.
    fn standing(&self, question: QuestionId) -> Standing<'a> {
        let answer = self.file.answers.get(question);
        let (counted, kept) = match self.verdict.standing[question.0] {
            score::Standing::Asked { .. } => (answer.is_some(), None),
            score::Standing::Kept { flag, .. } => (false, flag),
            score::Standing::Hidden => (false, None),
        };
        Standing {
            answer,
            flag: self.verdict.counted(question).map(|f| f.flag),
            counted,
            kept,
            asked_again: self
                .file
                .annex
                .reasked
                .iter()
                .find(|r| r.question == question && self.file.answers.get(question).is_none())
                .map(|r| r.written.as_str()),
        }
    }
}

/// Which way a change goes. Ordered as the changes are listed: worse first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    Worse,
    Better,
    /// Neither better nor worse: the same flag, an answer that carries none, or a flag that
    /// went away because its answer was cleared or no longer counts (nothing was settled).
    Neither,
}

impl Direction {
    pub fn id(self) -> &'static str {
        match self {
            Direction::Worse => "worse",
            Direction::Better => "better",
            Direction::Neither => "neither",
        }
    }

    /// Worse wins over better, better over neither: a worse part is never hidden.
    #[must_use]
    fn and(self, other: Direction) -> Direction {
        self.min(other)
    }
}

/// Where one question stands in one file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing<'a> {
    /// `None`: not asked yet.
    pub answer: Option<&'a Answer>,
    /// The flag its answer counts with; `None` when it carries none or does not count.
    pub flag: Option<Flag>,
    /// Answered, and the question counts for this verdict (not kept but not counted).
    pub counted: bool,
    /// For an answer kept but not counted: the flag it would carry. A red one still rules
    /// out green.
    pub kept: Option<Flag>,
    /// Not asked yet because a newer version of the questions asks its old answer again:
    /// the option id the file held.
    pub asked_again: Option<&'a str>,
}

impl Standing<'_> {
    /// The flag a change is judged by: the counted one, or a red kept but not counted,
    /// which still rules out green. A red that stops counting is not better.
    pub fn weighs(&self) -> Option<Flag> {
        self.flag.or(self.kept.filter(|f| f.is_red()))
    }
}

/// Which way a question's flag went.
pub fn flag_direction(before: Option<Flag>, after: Option<Flag>) -> Direction {
    match (before, after) {
        (Some(b), Some(a)) if a > b => Direction::Worse,
        (Some(b), Some(a)) if a < b => Direction::Better,
        // Answered green where nothing counted: something learned, nothing worrying.
        (None, Some(Flag::Green)) => Direction::Better,
        // A flag where there was none.
        (None, Some(_)) => Direction::Worse,
        // A flag gone because the answer was cleared or no longer counts settles nothing.
        _ => Direction::Neither,
    }
}

/// One question whose answer, flag or document changed.
pub struct QuestionChange<'a> {
    pub question: QuestionId,
    pub before: Standing<'a>,
    pub after: Standing<'a>,
    /// `None` when the document behind the answer did not change.
    pub document: Option<DocumentChange<'a>>,
    pub direction: Direction,
}

impl QuestionChange<'_> {
    /// Whether the answer or its flag changed, not only the document.
    pub fn answer_changed(&self) -> bool {
        self.before != self.after
    }

    /// The flag got worse: a flag where there was none, or a worse one. What
    /// `--fail-on worse` reads; a document alone never makes it true.
    pub fn flag_worse(&self) -> bool {
        flag_direction(self.before.weighs(), self.after.weighs()) == Direction::Worse
    }
}

/// The verdict before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictChange {
    pub before: (Level, bool),
    pub after: (Level, bool),
}

impl VerdictChange {
    /// Green → amber → red, or the same level with an important question open again.
    pub fn direction(self) -> Direction {
        let ((b, b_open), (a, a_open)) = (self.before, self.after);
        if a > b || (a == b && a_open && !b_open) {
            Direction::Worse
        } else if a < b {
            Direction::Better
        } else {
            // Amber incomplete → amber: the open question is answered, but the verdict is
            // as it was.
            Direction::Neither
        }
    }

    pub fn changed(self) -> bool {
        self.before != self.after
    }
}

/// The attestation added, removed or changed.
pub struct AttestationChange<'a> {
    pub before: Option<&'a Attestation>,
    pub after: Option<&'a Attestation>,
}

/// Everything that changed from `old` to `new`.
pub struct Changes<'a> {
    pub old: Side<'a>,
    pub new: Side<'a>,
    pub verdict: VerdictChange,
    /// Worse first, then better, then neither; bank order within each.
    pub questions: Vec<QuestionChange<'a>>,
    /// Reasons (red and amber flags of answers) given now and not before, worst first.
    pub new_reasons: Vec<Finding>,
    /// Reasons given before and not now, worst first. Not "resolved" in every case: the
    /// question may now carry another flag, or be open again; the renderers say which.
    pub resolved_reasons: Vec<Finding>,
    /// Rules across answers that fire now and did not before.
    pub new_rules: Vec<Finding>,
    /// Rules that fired before and do not now.
    pub resolved_rules: Vec<Finding>,
    pub attestation: Option<AttestationChange<'a>>,
}

impl Changes<'_> {
    /// Nothing to report: the same verdict, answers, flags, reasons, rules, documents and
    /// attestation.
    pub fn is_empty(&self) -> bool {
        !self.verdict.changed()
            && self.questions.is_empty()
            && self.new_reasons.is_empty()
            && self.resolved_reasons.is_empty()
            && self.new_rules.is_empty()
            && self.resolved_rules.is_empty()
            && self.attestation.is_none()
    }

    /// What `--fail-on worse` reads: the verdict got worse, a question's flag got worse
    /// (or appeared), or a rule across answers fires that did not. Documents alone do not
    /// count (see `docs/diff.md`).
    pub fn worse(&self) -> bool {
        self.verdict.direction() == Direction::Worse
            || self.questions.iter().any(QuestionChange::flag_worse)
            || !self.new_rules.is_empty()
    }

    /// The two files name different subjects (trimmed, case ignored).
    pub fn subject_differs(&self) -> bool {
        let name = |s: &Side<'_>| s.file.meta.subject.trim().to_lowercase();
        name(&self.old) != name(&self.new)
    }

    pub fn audience_differs(&self) -> bool {
        self.old.file.meta.audience != self.new.file.meta.audience
    }

    /// How many questions changed each way.
    /// The changed questions in the order they are listed: worse, better, then neither;
    /// each group in bank order, and only the groups that have any.
    pub fn groups(&self) -> Vec<(Direction, Vec<&QuestionChange<'_>>)> {
        [Direction::Worse, Direction::Better, Direction::Neither]
            .into_iter()
            .map(|d| {
                (
                    d,
                    self.questions
                        .iter()
                        .filter(|q| q.direction == d)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, group)| !group.is_empty())
            .collect()
    }

    pub fn count(&self, direction: Direction) -> usize {
        self.questions
            .iter()
            .filter(|q| q.direction == direction)
            .count()
    }
}

/// Compares two assessments, each scored as its own audience, with the documents as the
/// files record them: what the tests compare; `exovet diff` gives what it found on disk.
#[cfg(test)]
pub fn compare<'a>(bank: &Bank, old: &'a AnswerFile, new: &'a AnswerFile) -> Changes<'a> {
    compare_with(
        bank,
        old,
        new,
        &recorded(&old.annex.evidence),
        &recorded(&new.annex.evidence),
    )
}

/// [`compare`], with each file's documents given: where the re-hashed status of each
/// document (a changed one counts as claimed) is plugged in.
pub fn compare_with<'a>(
    bank: &Bank,
    old: &'a AnswerFile,
    new: &'a AnswerFile,
    old_documents: &documents::ByQuestion<'a>,
    new_documents: &documents::ByQuestion<'a>,
) -> Changes<'a> {
    let old = Side::scored(bank, old);
    let new = Side::scored(bank, new);
    let mut docs = documents(old_documents, new_documents);
    let mut questions: Vec<QuestionChange<'a>> = bank
        .ids()
        .filter_map(|id| {
            let (before, after) = (old.standing(id), new.standing(id));
            let document = docs.remove(&id);
            if before == after && document.is_none() {
                return None;
            }
            let direction = document
                .as_ref()
                .map_or(Direction::Neither, DocumentChange::direction)
                .and(flag_direction(before.weighs(), after.weighs()));
            Some(QuestionChange {
                question: id,
                before,
                after,
                document,
                direction,
            })
        })
        .collect();
    // Stable: bank order holds within each direction.
    questions.sort_by_key(|q| q.direction);
    let reasons = |s: &Side<'_>| -> Vec<Finding> {
        s.verdict
            .findings
            .iter()
            .filter(|f| f.rule().is_none() && f.flag != Flag::Green)
            .cloned()
            .collect()
    };
    let rules = |s: &Side<'_>| -> Vec<Finding> {
        s.verdict
            .findings
            .iter()
            .filter(|f| f.rule().is_some())
            .cloned()
            .collect()
    };
    let (new_reasons, resolved_reasons) = came_and_went(&reasons(&old), &reasons(&new));
    let (new_rules, resolved_rules) = came_and_went(&rules(&old), &rules(&new));
    let attestation =
        (old.file.annex.attestation != new.file.annex.attestation).then_some(AttestationChange {
            before: old.file.annex.attestation.as_ref(),
            after: new.file.annex.attestation.as_ref(),
        });
    Changes {
        verdict: VerdictChange {
            before: (old.verdict.level, old.verdict.incomplete),
            after: (new.verdict.level, new.verdict.incomplete),
        },
        old,
        new,
        questions,
        new_reasons,
        resolved_reasons,
        new_rules,
        resolved_rules,
        attestation,
    }
}

/// The findings in `after` and not in `before`, and those in `before` and not in `after`,
/// each in its own (worst first) order. Two findings are the same when they are about the
/// same question for the same cause: the same option, band, refusal or rule.
fn came_and_went(before: &[Finding], after: &[Finding]) -> (Vec<Finding>, Vec<Finding>) {
    let same = |a: &Finding, b: &Finding| a.question == b.question && a.cause == b.cause;
    let came = after
        .iter()
        .filter(|a| !before.iter().any(|b| same(a, b)))
        .cloned()
        .collect();
    let went = before
        .iter()
        .filter(|b| !after.iter().any(|a| same(a, b)))
        .cloned()
        .collect();
    (came, went)
}
