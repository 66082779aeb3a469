//! What an explanation says about a returned questionnaire: who stands behind it, and the
//! documents behind its answers. An attestation and a matching hash are never called
//! verification: one says who signed, the other that a file is the one attached.

use super::Scored;
use crate::answers::{Attestation, Status};
use crate::bank::Audience;
use crate::ui;

pub const DOCUMENTS_TITLE: &str = "Documents behind the answers";
pub const DOCUMENTS_NOTE: &str = "A document that is unchanged since it was attached is the same file, not proof that it is genuine. One that changed or is missing counts as claimed only.";

/// One document, beside the question and answer it backs.
pub struct DocumentLine<'a> {
    pub question: &'a str,
    /// The answer in words; `None` when the question is not answered.
    pub answer: Option<String>,
    /// The path or web address as recorded, made inert.
    pub document: String,
    /// "seen on 2026-12-01; changed since it was attached, so it counts as claimed. Note: …"
    pub status: String,
    /// Whether it counts as in hand (seen or checked, and still the file attached).
    pub in_hand: bool,
}

/// "Vendor-reported, attested by Jane Roe, Head of Quality, Vendor A Inc. on 2026-12-01.
/// An attestation says …", or what a signature lacks; made inert.
pub fn reported(a: &Attestation) -> String {
    let mut said = crate::text::from_file(&signature(a));
    if let Some(first) = said.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    said.push('.');
    if a.is_signed() {
        said.push_str(
            " An attestation says who stands behind the answers; it does not check them.",
        );
    }
    said
}

/// "vendor-reported, attested by Jane Roe, Head of Quality, Vendor A Inc. on 2026-12-01",
/// or "vendor-reported, not attested: …" with what it lacks; as typed, for each output to
/// make inert or escape.
pub fn signature(a: &Attestation) -> String {
    let missing = a.missing();
    if missing.is_empty() {
        format!(
            "vendor-reported, attested by {}, {}, {} on {}",
            a.name.trim(),
            a.role.trim(),
            a.organization.trim(),
            a.date.trim()
        )
    } else if ["name", "role", "organization", "date"]
        .iter()
        .all(|k| missing.contains(k))
    {
        "vendor-reported, not attested: nobody signed the attestation".to_owned()
    } else {
        format!(
            "vendor-reported, not attested: the attestation has no {}",
            crate::diag::or_list(&missing)
        )
    }
}

fn status_words(status: Status) -> &'static str {
    match status {
        Status::Claimed => "Recorded as claimed, not seen",
        Status::Seen => "Recorded as seen",
        Status::Checked => "Recorded as checked against the answer",
    }
}

pub(super) fn lines<'a>(s: &Scored<'a>, audience: Audience) -> Vec<DocumentLine<'a>> {
    let bank = s.bank;
    s.documents
        .iter()
        .map(|c| {
            let d = &c.document;
            let mut status = status_words(d.status).to_owned();
            if let Some(date) = &d.date {
                status.push_str(" on ");
                status.push_str(date);
            }
            if let Some(problem) = c.problem() {
                status.push_str("; ");
                status.push_str(&problem);
            } else if d.is_address() {
                status.push_str("; a web address, not opened by exovet");
            } else if d.sha256.is_none() {
                status.push_str(
                    "; no fingerprint (SHA-256) was recorded, so a change would not show",
                );
            } else {
                status.push_str("; unchanged since it was attached");
            }
            status.push('.');
            if !d.note.trim().is_empty() {
                status.push_str(" Note: ");
                status.push_str(&crate::text::from_file(&d.note));
            }
            DocumentLine {
                question: bank.question(c.question).prompt_for(audience),
                answer: s
                    .file
                    .answers
                    .get(c.question)
                    .map(|a| ui::answer_text(bank, c.question, a)),
                document: crate::text::from_file(&d.document),
                status,
                in_hand: c.status().shown(),
            }
        })
        .collect()
}
