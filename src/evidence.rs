//! The documents behind answers, looked at again: each one beside the answers file is
//! hashed and compared with the SHA-256 recorded when it was attached.
//!
//! A matching hash shows the file is the one attached, unchanged; it says nothing about
//! whether the document is genuine, so nothing here or in what prints it says "verified".
//! A document that changed, went missing or cannot be read counts as only `claimed`:
//! what is no longer in hand cannot back an answer.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::answers::{AnswerFile, Document, Status};
use crate::bank::QuestionId;
use crate::limits::MAX_DOCUMENT_BYTES;

/// What was found where a document should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The file is there and hashes as when it was attached.
    Matches,
    /// The file is there, but it is not the file that was attached.
    Changed,
    /// No file at that path.
    Missing,
    /// There, but it could not be read: why, in words.
    Unreadable(String),
    /// There, and no hash was recorded to compare with (written in by hand).
    Unhashed,
    /// A web address: not fetched, so not compared.
    Address,
}

/// One recorded document and what was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub question: QuestionId,
    pub document: Document,
    pub found: Found,
    /// Why a `seen` or `checked` the file records may not be a coordinator's own.
    pub doubt: Option<Doubt>,
}

/// Why a recorded `seen` or `checked` is in doubt. The file cannot show who wrote a
/// status: a vendor can write "checked" into the questionnaire it returns. What exovet
/// itself never writes, and what no coordinator could have recorded, counts as claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// A file beside the answers with no SHA-256: `exovet attach` always records one, so
    /// the status was written by hand. Counts as claimed.
    NoFingerprint,
    /// Dated after today. Counts as claimed.
    Future,
    /// In a questionnaire a vendor returned and signed: undated, or dated before the
    /// vendor signed it, so the vendor may have written it. Counts as claimed.
    BeforeSigned,
    /// Dated the day the vendor signed: it may be either's. Said, not counted against.
    OnSigningDay,
}

impl Doubt {
    fn demotes(self) -> bool {
        self != Doubt::OnSigningDay
    }
}

impl Checked {
    /// The status the document counts as: the recorded one, or `claimed` when the file is
    /// not the one attached, is gone, cannot be read, or its status is in doubt.
    pub fn status(&self) -> Status {
        match self.found {
            Found::Changed | Found::Missing | Found::Unreadable(_) => Status::Claimed,
            _ if self.doubt.is_some_and(Doubt::demotes) => Status::Claimed,
            Found::Matches | Found::Unhashed | Found::Address => self.document.status,
        }
    }

    /// Whether the file hashes as recorded: `None` where nothing could be compared.
    pub fn matches(&self) -> Option<bool> {
        match self.found {
            Found::Matches => Some(true),
            Found::Changed | Found::Missing | Found::Unreadable(_) => Some(false),
            Found::Unhashed | Found::Address => None,
        }
    }

    /// What is wrong, in words that follow the document's name ("coa.pdf: changed since
    /// it was attached, so it counts as claimed"); `None` when nothing is.
    pub fn problem(&self) -> Option<String> {
        let status = self.document.status.id();
        let said = match (&self.found, self.doubt) {
            (Found::Changed, _) => "changed since it was attached, so it counts as claimed".into(),
            (Found::Missing, _) => {
                "not found beside the answers file, so it counts as claimed".into()
            }
            (Found::Unreadable(why), _) => {
                format!("cannot be read ({why}), so it counts as claimed")
            }
            (_, Some(Doubt::NoFingerprint)) => format!(
                "recorded as {status} by hand, with no fingerprint (SHA-256) from `exovet attach`, so it counts as claimed until it is attached"
            ),
            (_, Some(Doubt::Future)) => {
                format!("recorded as {status} on a day still to come, so it counts as claimed")
            }
            (_, Some(Doubt::BeforeSigned)) => format!(
                "recorded as {status} before the vendor signed this file, so the vendor may have written it: it counts as claimed until you attach it yourself"
            ),
            (_, Some(Doubt::OnSigningDay)) => format!(
                "recorded as {status} on the day the vendor signed this file: check that you, not the vendor, recorded it"
            ),
            (Found::Matches | Found::Unhashed | Found::Address, None) => return None,
        };
        Some(said)
    }
}

/// Every document `file` records, in question order, looked for beside `answers_path`.
pub fn check(answers_path: &Path, file: &AnswerFile) -> Vec<Checked> {
    // Bulk scoring calls this for every file; most have no documents, and no clock to read.
    if file.annex.evidence.is_empty() {
        return Vec::new();
    }
    let today = crate::answers::today();
    let signed = file.annex.attestation.as_ref().map(|a| a.date.trim());
    file.annex
        .evidence
        .iter()
        .map(|(&question, document)| {
            let found = look(answers_path, document);
            let doubt = doubt(document, &found, signed, &today);
            Checked {
                question,
                document: document.clone(),
                found,
                doubt,
            }
        })
        .collect()
}

/// Why a `seen` or `checked` may not be a coordinator's own; `signed` is the vendor's
/// attestation date in a returned questionnaire (empty when it is not signed).
fn doubt(d: &Document, found: &Found, signed: Option<&str>, today: &str) -> Option<Doubt> {
    if !d.status.shown() {
        return None;
    }
    let date = d.date.as_deref();
    if *found == Found::Unhashed {
        return Some(Doubt::NoFingerprint);
    }
    if date.is_some_and(|day| day > today) {
        return Some(Doubt::Future);
    }
    // Not signed, there is no day to compare with: what a coordinator attached then must
    // still count, and `exovet attach` always dates and fingerprints a file.
    let signed = signed.filter(|day| !day.is_empty())?;
    match date {
        None => Some(Doubt::BeforeSigned),
        Some(day) if day < signed => Some(Doubt::BeforeSigned),
        Some(day) if day == signed => Some(Doubt::OnSigningDay),
        Some(_) => None,
    }
}

/// Where a document's path points: relative paths are read from the answers file's folder.
pub fn resolve(answers_path: &Path, document: &str) -> PathBuf {
    let doc = Path::new(document);
    if doc.is_absolute() {
        return doc.to_path_buf();
    }
    answers_path
        .parent()
        .map_or_else(|| doc.to_path_buf(), |dir| dir.join(doc))
}

fn look(answers_path: &Path, d: &Document) -> Found {
    if d.is_address() {
        return Found::Address;
    }
    let path = resolve(answers_path, &d.document);
    match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Missing,
        Err(e) => return Found::Unreadable(crate::source::io_reason(&e)),
        Ok(_) => {}
    }
    let Some(recorded) = &d.sha256 else {
        return match sha256(&path) {
            Ok(_) => Found::Unhashed,
            Err(why) => Found::Unreadable(why),
        };
    };
    match sha256(&path) {
        Ok(now) if now == *recorded => Found::Matches,
        Ok(_) => Found::Changed,
        Err(why) => Found::Unreadable(why),
    }
}

/// The SHA-256 of a regular file, as 64 lowercase hex digits; a pipe, a device or a folder
/// is refused before it is opened (a pipe would wait forever), and so is a file past
/// [`MAX_DOCUMENT_BYTES`].
pub fn sha256(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| crate::source::io_reason(&e))?;
    if let Some(kind) = crate::source::special(&meta) {
        return Err(format!("it is {kind}, not a document"));
    }
    if meta.is_dir() {
        return Err("it is a folder, not a document".into());
    }
    let file = std::fs::File::open(path).map_err(|e| crate::source::io_reason(&e))?;
    let mut reader = file.take(MAX_DOCUMENT_BYTES + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| crate::source::io_reason(&e))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_DOCUMENT_BYTES {
            return Err(format!(
                "it is larger than {} GB",
                MAX_DOCUMENT_BYTES / (1024 * 1024 * 1024)
            ));
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A document as attached now: `typed` is a web address, or a file's path as typed (from
/// the current folder), recorded relative to the answers file with its SHA-256 and today's
/// date. The reason, in words, when the file cannot be read.
pub fn attached(answers_path: &Path, typed: &str, status: Status) -> Result<Document, String> {
    let typed = typed.trim();
    let (document, sha256) = if crate::answers::evidence::is_address(typed) {
        (typed.to_owned(), None)
    } else if typed.is_empty() {
        return Err(
            "no document named; give a file, or a web address starting with https://".into(),
        );
    } else {
        let found = Path::new(typed);
        let hash = sha256(found).map_err(|why| {
            format!("{why}; give a document file, or a web address starting with https://")
        })?;
        (recorded_path(answers_path, found), Some(hash))
    };
    Ok(Document {
        document,
        sha256,
        status,
        date: Some(crate::answers::today()),
        note: String::new(),
    })
}

/// The document's path as the answers file records it: relative to the answers file's
/// folder, so the two can move together; absolute when no relative path leads there.
fn recorded_path(answers_path: &Path, document: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let doc = absolute(document);
    let dir = absolute(answers_path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    pathdiff::diff_paths(&doc, &dir)
        .filter(|rel| !rel.as_os_str().is_empty())
        .unwrap_or(doc)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests;
