//! The documents behind a file's answers, looked at again before it is scored: `score`,
//! `report` and `diff` say when one is missing or changed, and `--require-evidence` scores
//! a green answer without its document in hand as amber.

use std::path::Path;

use crate::answers::AnswerFile;
use crate::bank::Bank;
use crate::evidence::{self, Checked};
use crate::score::{self, Verdict};
use crate::ui;

/// `--require-evidence`, shared by the commands that score.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct RequireArg {
    /// A green answer to a question that names a document counts as amber ("claimed, not
    /// shown") until a copy is seen or checked (`exovet attach --status seen`).
    #[arg(long)]
    pub require_evidence: bool,
}

/// The file's documents as found beside `path`, and its verdict.
pub fn assess(
    bank: &Bank,
    path: &Path,
    file: &AnswerFile,
    require: bool,
) -> (Vec<Checked>, Verdict) {
    let documents = evidence::check(path, file);
    let (answers, audience) = (&file.answers, file.meta.audience);
    let verdict = if require {
        let mut in_hand = vec![false; bank.questions.len()];
        for c in documents.iter().filter(|c| c.status().shown()) {
            in_hand[c.question.0] = true;
        }
        score::score_requiring_documents(bank, answers, audience, &in_hand)
    } else {
        score::score(bank, answers, audience)
    };
    (documents, verdict)
}

/// One warning line per document that is missing, changed or unreadable; and, in a file a
/// vendor returned, per document recorded as seen or checked on or before the day the
/// vendor signed, which the vendor may have written itself.
pub fn warnings(bank: &Bank, path: &Path, file: &AnswerFile, documents: &[Checked]) -> Vec<String> {
    let shown = ui::shown_path(path);
    let mut out = Vec::new();
    for c in documents {
        let (id, document) = (
            &bank.question(c.question).id,
            ui::inert(&c.document.document),
        );
        if let Some(problem) = c.problem() {
            out.push(format!(
                "{shown}: warning: the document for `{id}` ({document}) is {problem}."
            ));
        }
        let signed = file.annex.attestation.as_ref().map(|a| a.date.trim());
        let by_vendor = signed.is_some_and(|signed| {
            c.document.status.shown()
                && (signed.is_empty() || c.document.date.as_deref().is_none_or(|d| d <= signed))
        });
        if by_vendor {
            out.push(format!(
                "{shown}: warning: the document for `{id}` ({document}) is recorded as {}, but not after the vendor signed this file: check that you, not the vendor, recorded that, or attach it again.",
                c.document.status.id()
            ));
        }
    }
    out
}
