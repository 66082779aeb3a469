//! `[evidence]`: the document behind an answer, as the answers file records it (`product.md`, "Evidence").
//!
//! What is recorded only: whether the document is still there and unchanged is
//! [`crate::evidence`]'s question, which reads the disk.

use std::collections::BTreeMap;

use crate::bank::QuestionId;

/// How far a person got with a document. Ordered from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// They say it exists; nobody here has seen it.
    Claimed,
    /// A copy was seen.
    Seen,
    /// A copy was read against the answer (the lot, the tests, the dates).
    Checked,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Claimed, Status::Seen, Status::Checked];

    pub fn id(self) -> &'static str {
        match self {
            Status::Claimed => "claimed",
            Status::Seen => "seen",
            Status::Checked => "checked",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// A status as a person picks it: its number in [`Status::ALL`] from 1, or its id.
    pub fn from_choice(typed: &str) -> Option<Self> {
        let typed = typed.trim();
        typed
            .parse::<usize>()
            .ok()
            .and_then(|n| Self::ALL.get(n.checked_sub(1)?).copied())
            .or_else(|| Self::from_id(typed))
    }

    /// Whether the document was in hand: what `--require-evidence` asks for.
    pub fn shown(self) -> bool {
        self >= Status::Seen
    }
}

/// One document, recorded against one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// A path relative to the answers file, or a web address.
    pub document: String,
    /// Of the document when it was attached, 64 lowercase hex digits; none for a web
    /// address or a document written in by hand.
    pub sha256: Option<String>,
    pub status: Status,
    /// `YYYY-MM-DD`, when it was attached.
    pub date: Option<String>,
    pub note: String,
}

impl Document {
    /// Whether `document` is a web address rather than a file beside the answers.
    pub fn is_address(&self) -> bool {
        is_address(&self.document)
    }
}

/// `https://…` or `http://…`: never looked for on disk.
pub fn is_address(document: &str) -> bool {
    let lower = document.get(..8).unwrap_or(document).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The documents of one file, by question.
pub type Evidence = BTreeMap<QuestionId, Document>;

/// The keys of one `[evidence."id"]` table, in the order exovet writes them.
pub const KEYS: [&str; 5] = ["document", "sha256", "status", "date", "note"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_back_and_only_seen_or_checked_count_as_shown() {
        for s in Status::ALL {
            assert_eq!(Status::from_id(s.id()), Some(s));
        }
        assert_eq!(Status::from_id("verified"), None);
        assert!(!Status::Claimed.shown());
        assert!(Status::Seen.shown() && Status::Checked.shown());
        assert_eq!(Status::from_choice("2"), Some(Status::Seen));
        assert_eq!(Status::from_choice(" checked "), Some(Status::Checked));
        assert_eq!(Status::from_choice("0"), None);
        assert_eq!(Status::from_choice("4"), None);
    }

    #[test]
    fn web_addresses_are_told_from_paths() {
        assert!(is_address("https://www.fda.gov/x"));
        assert!(is_address("HTTP://example.org"));
        assert!(!is_address("coa-lot-42.pdf"));
        assert!(!is_address("https-notes.pdf"));
        assert!(!is_address(""));
    }
}
