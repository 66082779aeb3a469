//! The documents behind answers, looked at again: each one beside the answers file is
//! hashed and compared with the SHA-256 recorded when it was attached.
//!
//! A matching hash shows the file is the one attached, unchanged; it says nothing about
//! whether the document is genuine, so nothing here or in what prints it says "verified".
//! A document that changed, went missing or cannot be read counts as only `claimed`:
//! what is no longer in hand cannot back an answer.

use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};

use crate::answers::{AnswerFile, Document, Evidence, Status};
use crate::bank::QuestionId;

mod hash;

#[cfg(test)]
pub(crate) use hash::reads;
pub use hash::{known, learned, read_later, say_progress, sha256};

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
    /// Still being read on a thread of its own ([`check_known`]); its size in bytes.
    Reading(u64),
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
            Found::Changed | Found::Missing | Found::Unreadable(_) | Found::Reading(_) => {
                Status::Claimed
            }
            _ if self.doubt.is_some_and(Doubt::demotes) => Status::Claimed,
            Found::Matches | Found::Unhashed | Found::Address => self.document.status,
        }
    }

    /// Whether the file hashes as recorded: `None` where nothing could be compared.
    pub fn matches(&self) -> Option<bool> {
        match self.found {
            Found::Matches => Some(true),
            Found::Changed | Found::Missing | Found::Unreadable(_) => Some(false),
            Found::Unhashed | Found::Address | Found::Reading(_) => None,
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
            (Found::Reading(size), _) => format!(
                "still being read ({}) to check it is the file attached; it counts as claimed until then",
                megabytes(*size)
            ),
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
    check_with(answers_path, file, |path| Some(sha256(path)))
}

/// As [`check`], without waiting for a document to be read: one this run has not read
/// yet is [`Found::Reading`], and is read on a thread of its own ([`read_later`]).
/// For the full-screen wizard, whose screen must never wait on a large file; it draws
/// again when [`learned`] changes.
pub fn check_known(answers_path: &Path, file: &AnswerFile) -> Vec<Checked> {
    let mut later = Vec::new();
    let found = check_with(answers_path, file, |path| {
        let known = hash::known(path);
        if known.is_none() {
            later.push(path.to_path_buf());
        }
        known
    });
    hash::read_later(later);
    found
}

/// `fingerprint` gives a document's SHA-256, or why it has none; `None` when it is not
/// known yet.
fn check_with(
    answers_path: &Path,
    file: &AnswerFile,
    mut fingerprint: impl FnMut(&Path) -> Option<Result<String, String>>,
) -> Vec<Checked> {
    // Bulk scoring calls this for every file; most have no documents, and no clock to read.
    if file.annex.evidence.is_empty() {
        return Vec::new();
    }
    let today = crate::answers::today();
    let signed = file.annex.attestation.as_ref().map(|a| a.date.trim());
    let folder = real_folder(answers_path);
    file.annex
        .evidence
        .iter()
        .map(|(&question, document)| {
            let found = look(&folder, document, &mut fingerprint);
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

/// Where a document's path points: relative paths are read from the folder the answers
/// file really is in ([`real_folder`]).
pub fn resolve(answers_path: &Path, document: &str) -> PathBuf {
    in_folder(&real_folder(answers_path), document)
}

fn in_folder(folder: &Path, document: &str) -> PathBuf {
    let doc = Path::new(document);
    if doc.is_absolute() {
        return doc.to_path_buf();
    }
    folder.join(doc)
}

/// The folder the answers file really is in, links and `..` resolved: a document's path
/// then means one file whichever name the answers were reached by (`../x/answers.toml`,
/// or a link to them from another folder). Where the file is not there yet, its folder;
/// where that is not there either, the folder as written, made absolute.
pub fn real_folder(answers_path: &Path) -> PathBuf {
    if let Some(dir) = std::fs::canonicalize(answers_path)
        .ok()
        .and_then(|real| real.parent().map(Path::to_path_buf))
    {
        return dir;
    }
    let dir = answers_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

fn look(
    folder: &Path,
    d: &Document,
    fingerprint: &mut impl FnMut(&Path) -> Option<Result<String, String>>,
) -> Found {
    if d.is_address() {
        return Found::Address;
    }
    let path = in_folder(folder, &d.document);
    let size = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Missing,
        Err(e) => return Found::Unreadable(crate::source::io_reason(&e)),
        Ok(meta) => meta.len(),
    };
    let Some(hashed) = fingerprint(&path) else {
        return Found::Reading(size);
    };
    let Some(recorded) = &d.sha256 else {
        return match hashed {
            Ok(_) => Found::Unhashed,
            Err(why) => Found::Unreadable(why),
        };
    };
    match hashed {
        Ok(now) if now == *recorded => Found::Matches,
        Ok(_) => Found::Changed,
        Err(why) => Found::Unreadable(why),
    }
}

/// A size in megabytes, at least 1: "12 MB".
fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1024 * 1024).max(1))
}

/// A document as attached now: `typed` is a web address, or a file's path as typed (from
/// the current folder), recorded relative to the answers file with its SHA-256 and today's
/// date. The reason, in words, when the file cannot be read.
pub fn attached(answers_path: &Path, typed: &str, status: Status) -> Result<Document, String> {
    attached_with(answers_path, typed, status, sha256)
}

/// As [`attached`], with the file's fingerprint from `fingerprint`: the full-screen wizard
/// passes what a thread of its own read ([`known`]).
pub fn attached_with(
    answers_path: &Path,
    typed: &str,
    status: Status,
    fingerprint: impl FnOnce(&Path) -> Result<String, String>,
) -> Result<Document, String> {
    let typed = typed.trim();
    let (document, sha256) = if crate::answers::evidence::is_address(typed) {
        (typed.to_owned(), None)
    } else if typed.is_empty() {
        return Err(
            "no document named; give a file, or a web address starting with https://".into(),
        );
    } else {
        let found = Path::new(typed);
        if same_file(found, answers_path) {
            return Err("it is the answers file itself, which cannot be the document behind one of its own answers; give the document's own file".into());
        }
        let hash = fingerprint(found).map_err(|why| {
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

/// Whether two names lead to one file (the same device and inode), however they are
/// spelled or linked.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The document's path as the answers file records it: relative to the answers file's
/// real folder, so the two can move together; absolute when no relative path leads there.
fn recorded_path(answers_path: &Path, document: &Path) -> String {
    relative_to(&real_folder(answers_path), &real_name(document))
}

fn relative_to(folder: &Path, document: &Path) -> String {
    pathdiff::diff_paths(document, folder)
        .filter(|rel| !rel.as_os_str().is_empty())
        .unwrap_or_else(|| document.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// A document's path from the root, its folder's links and `..` resolved; its own name is
/// kept, so a link named as the document stays the link that was named.
fn real_name(document: &Path) -> PathBuf {
    let absolute = std::path::absolute(document).unwrap_or_else(|_| document.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => {
            std::fs::canonicalize(dir).map_or_else(|_| absolute.clone(), |dir| dir.join(name))
        }
        _ => absolute,
    }
}

/// The documents an answers file at `from` records, as a file at `to` records them: each
/// relative path rewritten so it leads to the same file from the new place. A web address
/// or an absolute path is kept as it is.
pub fn moved(evidence: &Evidence, from: &Path, to: &Path) -> Evidence {
    let (before, after) = (real_folder(from), real_folder(to));
    evidence
        .iter()
        .map(|(&question, d)| {
            let mut d = d.clone();
            if !d.is_address() && Path::new(&d.document).is_relative() {
                d.document = relative_to(&after, &real_name(&before.join(&d.document)));
            }
            (question, d)
        })
        .collect()
}

#[cfg(test)]
mod tests;
