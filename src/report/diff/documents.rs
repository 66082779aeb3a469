//! The documents behind answers, compared: added, removed, or another document, hash or
//! status. The status compared is the one each side is held at: as recorded for now; once
//! the documents are re-hashed on disk, [`Held::status`] is the effective one (a document
//! changed since it was attached counts as claimed) and [`super::compare_with`] takes it.

use std::collections::BTreeMap;

use super::Direction;
use crate::answers::{Document, Evidence, Status};
use crate::bank::QuestionId;

/// One document as a side of the diff holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Held<'a> {
    pub document: &'a Document,
    /// The status it counts with: the recorded one, or what re-hashing it found.
    pub status: Status,
}

/// One file's documents, by question.
pub type ByQuestion<'a> = BTreeMap<QuestionId, Held<'a>>;

/// The documents as the file records them, each at its recorded status (the tests' view).
#[cfg(test)]
pub fn recorded(evidence: &Evidence) -> ByQuestion<'_> {
    evidence
        .iter()
        .map(|(q, d)| {
            (
                *q,
                Held {
                    document: d,
                    status: d.status,
                },
            )
        })
        .collect()
}

/// The documents as found on disk ([`crate::evidence::check`]): each at the status it
/// counts with, so one changed since it was attached, or gone, counts as claimed.
pub fn found<'a>(evidence: &'a Evidence, found: &[crate::evidence::Checked]) -> ByQuestion<'a> {
    evidence
        .iter()
        .map(|(q, document)| {
            let status = found
                .iter()
                .find(|c| c.question == *q)
                .map_or(document.status, crate::evidence::Checked::status);
            (*q, Held { document, status })
        })
        .collect()
}

/// The document behind one answer, before and after; at least one is there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocumentChange<'a> {
    pub before: Option<Held<'a>>,
    pub after: Option<Held<'a>>,
}

/// What happened to a document, in the order a reader wants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    /// Another document, another hash, or another status.
    Changed,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
        }
    }
}

impl DocumentChange<'_> {
    pub fn kind(&self) -> Kind {
        match (self.before, self.after) {
            (None, _) => Kind::Added,
            (_, None) => Kind::Removed,
            _ => Kind::Changed,
        }
    }

    /// For the order of the list only: a document removed or a status gone down is worse,
    /// one added or a status gone up better. Whether a document backs an answer never
    /// changes its flag, so `--fail-on worse` does not read this.
    pub fn direction(&self) -> Direction {
        match (self.before, self.after) {
            (Some(_), None) => Direction::Worse,
            (None, Some(_)) => Direction::Better,
            (Some(b), Some(a)) if a.status < b.status => Direction::Worse,
            (Some(b), Some(a)) if a.status > b.status => Direction::Better,
            _ => Direction::Neither,
        }
    }

    /// Another file or address is named.
    pub fn renamed(&self) -> bool {
        matches!((self.before, self.after), (Some(b), Some(a)) if b.document.document != a.document.document)
    }

    /// The same name, another SHA-256: the file recorded is not the file recorded before.
    pub fn rehashed(&self) -> bool {
        matches!((self.before, self.after), (Some(b), Some(a)) if b.document.sha256 != a.document.sha256)
    }
}

/// Each question whose document was added, removed, or changed its name, hash or status.
/// A new date or note alone is not a change: the same document, looked at again.
pub fn documents<'a>(
    old: &ByQuestion<'a>,
    new: &ByQuestion<'a>,
) -> BTreeMap<QuestionId, DocumentChange<'a>> {
    let same = |b: &Held<'_>, a: &Held<'_>| {
        b.document.document == a.document.document
            && b.document.sha256 == a.document.sha256
            && b.status == a.status
    };
    old.keys()
        .chain(new.keys())
        .filter_map(|q| {
            let (before, after) = (old.get(q).copied(), new.get(q).copied());
            match (&before, &after) {
                (Some(b), Some(a)) if same(b, a) => None,
                _ => Some((*q, DocumentChange { before, after })),
            }
        })
        .collect()
}
