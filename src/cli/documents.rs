//! The documents behind a file's answers, looked at again before it is scored: `score`,
//! `report` and `diff` say when one is missing or changed, and `--require-evidence` scores
//! a green answer without its document in hand as amber.

use std::path::Path;

use crate::answers::AnswerFile;
use crate::bank::Bank;
use crate::evidence::{self, Checked};
use crate::score::{self, Verdict};
use crate::text;

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

/// Where the documents lie that are files, so an output is never written over one.
pub fn files(answers_path: &Path, documents: &[Checked]) -> Vec<std::path::PathBuf> {
    documents
        .iter()
        .filter(|c| !c.document.is_address())
        .map(|c| evidence::resolve(answers_path, &c.document.document))
        .collect()
}

/// The inputs of an output made from answers files and the documents behind them.
pub fn inputs<'a>(
    mut inputs: Vec<crate::save::Input<'a>>,
    documents: &'a [std::path::PathBuf],
) -> Vec<crate::save::Input<'a>> {
    inputs.extend(documents.iter().map(|path| crate::save::Input {
        path,
        what: "document",
    }));
    inputs
}

/// One warning line per document that is missing, changed or unreadable, or whose
/// recorded status is in doubt.
pub fn warnings(bank: &Bank, path: &Path, documents: &[Checked]) -> Vec<String> {
    documents
        .iter()
        .filter_map(|c| {
            c.problem().map(|problem| {
                format!(
                    "{}: warning: the document for `{}` ({}): {problem}.",
                    text::shown_path(path),
                    bank.question(c.question).id,
                    text::from_file(&c.document.document)
                )
            })
        })
        .collect()
}
