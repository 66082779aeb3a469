//! `[evidence]` and `[attestation]` read from an answers file: each wrong key, status, hash
//! or date reported with its place and what it may be.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::value::value_words;
use crate::answers::attestation::{self, Attestation};
use crate::answers::evidence::{self, Document, Evidence, Status};
use crate::bank::{Bank, QuestionId};
use crate::diag::{Diagnostic, clip, did_you_mean, one_of};
use crate::limits::MAX_TEXT_ANSWER_BYTES;
use crate::source::SourceText;

/// The `[attestation]` table; missing keys stay empty.
pub(super) fn attestation(
    src: &SourceText,
    table: &DeTable<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Attestation {
    let mut a = Attestation::default();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let field = match name {
            "name" => &mut a.name,
            "role" => &mut a.role,
            "organization" => &mut a.organization,
            "statement" => &mut a.statement,
            "date" => {
                if let Some(d) = date(src, "[attestation]", value, diags) {
                    a.date = d;
                }
                continue;
            }
            _ => {
                diags.push(src.error_at(
                    key.span().start,
                    format!(
                        "unknown key `{}` in [attestation].{} [attestation] may hold {}.",
                        clip(name),
                        did_you_mean(name, attestation::KEYS),
                        one_of(&attestation::KEYS)
                    ),
                ));
                continue;
            }
        };
        if let Some(s) = text(src, &format!("`{name}` in [attestation]"), value, diags) {
            *field = s;
        }
    }
    a
}

/// The `[evidence]` table: one table per question, `[evidence."testing.coa"]`, or the
/// dotted spelling `[evidence.testing.coa]`.
pub(super) fn evidence(
    src: &SourceText,
    bank: &Bank,
    ids: &HashMap<&str, QuestionId>,
    table: &DeTable<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Evidence {
    let mut entries = Vec::new();
    collect(&mut Vec::new(), table, &mut entries);
    let mut out = Evidence::new();
    let mut at: HashMap<QuestionId, usize> = HashMap::new();
    for (id, key_at, value) in entries {
        let Some(&qid) = ids.get(id.as_str()) else {
            diags.push(src.error_at(
                key_at,
                format!(
                    "[evidence] names `{}`, which is no question in the bank `{}`.{} Name the question whose answer the document backs, as in [answers].",
                    clip(&id),
                    bank.id,
                    did_you_mean(&id, bank.questions.iter().map(|q| q.id.as_str()))
                ),
            ));
            continue;
        };
        if let Some(&first) = at.get(&qid) {
            let (line, _) = src.position(first);
            diags.push(src.error_at(
                key_at,
                format!(
                    "[evidence] has `{id}` twice (first on line {line}); keep one document per question."
                ),
            ));
            continue;
        }
        at.insert(qid, key_at);
        let DeValue::Table(t) = value.get_ref() else {
            diags.push(src.error_at(
                value.span().start,
                format!(
                    "the document for `{id}` must be a table, not {}: write [evidence.\"{id}\"] on a line of its own, and document = \"file.pdf\" below it.",
                    value_words(value.get_ref())
                ),
            ));
            continue;
        };
        if let Some(d) = document(src, &id, key_at, t, diags) {
            out.insert(qid, d);
        }
    }
    out
}

/// Each entry under `[evidence]` with its id: a table holding anything but tables is one
/// document; a table of tables is a dotted id's first parts.
fn collect<'a, 'i>(
    path: &mut Vec<&'a str>,
    table: &'a DeTable<'i>,
    out: &mut Vec<(String, usize, &'a Spanned<DeValue<'i>>)>,
) {
    for (key, value) in table {
        path.push(key.get_ref().as_ref());
        match value.get_ref() {
            DeValue::Table(t) if !t.is_empty() && t.values().all(|v| v.get_ref().is_table()) => {
                collect(path, t, out);
            }
            _ => out.push((path.join("."), key.span().start, value)),
        }
        path.pop();
    }
}

fn document(
    src: &SourceText,
    id: &str,
    at: usize,
    t: &DeTable<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let errors = diags.len();
    let mut d = Document {
        document: String::new(),
        sha256: None,
        status: Status::Claimed,
        date: None,
        note: String::new(),
    };
    let place = format!("[evidence.\"{id}\"]");
    for (key, value) in t {
        let name = key.get_ref().as_ref();
        let what = format!("`{name}` in {place}");
        match name {
            "document" => d.document = text(src, &what, value, diags).unwrap_or_default(),
            "note" => d.note = text(src, &what, value, diags).unwrap_or_default(),
            "date" => d.date = date(src, &place, value, diags).filter(|d| !d.is_empty()),
            "status" => {
                if let Some(s) = text(src, &what, value, diags) {
                    match Status::from_id(&s) {
                        Some(s) => d.status = s,
                        None => diags.push(src.error_at(
                            value.span().start,
                            format!(
                                "status `{}` in {place} is not known.{} Write `claimed` (they say they have it), `seen` (you have seen a copy) or `checked` (you read it against the answer).",
                                clip(&s),
                                did_you_mean(&s, Status::ALL.map(Status::id)),
                            ),
                        )),
                    }
                }
            }
            "sha256" => match text(src, &what, value, diags) {
                Some(h) if h.is_empty() => {}
                Some(h) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    d.sha256 = Some(h.to_ascii_lowercase());
                }
                Some(h) => diags.push(src.error_at(
                    value.span().start,
                    format!(
                        "`sha256` in {place} is `{}`, which is not a SHA-256 (64 letters and digits, 0-9 and a-f). Let `exovet attach` write it, or remove the line.",
                        clip(&h)
                    ),
                )),
                None => {}
            },
            _ => diags.push(src.error_at(
                key.span().start,
                format!(
                    "unknown key `{}` in {place}.{} A document may hold {}.",
                    clip(name),
                    did_you_mean(name, evidence::KEYS),
                    one_of(&evidence::KEYS)
                ),
            )),
        }
    }
    if d.document.trim().is_empty() && diags.len() == errors {
        diags.push(src.error_at(
            at,
            format!(
                "{place} has no `document`: add document = \"file.pdf\" (a path beside this file) or a web address, or remove the table."
            ),
        ));
    }
    (diags.len() == errors).then_some(d)
}

/// Text in quotes, no longer than a text answer may be.
fn text(
    src: &SourceText,
    what: &str,
    value: &Spanned<DeValue<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    match value.get_ref() {
        DeValue::String(s) if s.len() > MAX_TEXT_ANSWER_BYTES => {
            diags.push(src.error_at(
                value.span().start,
                format!(
                    "{what} is longer than {} KB; shorten it.",
                    MAX_TEXT_ANSWER_BYTES / 1024
                ),
            ));
            None
        }
        DeValue::String(s) => Some(s.to_string()),
        other => {
            diags.push(src.error_at(
                value.span().start,
                format!("{what} must be text in quotes, not {}.", value_words(other)),
            ));
            None
        }
    }
}

/// A date, `2026-12-01`, bare or in quotes; `""` is no date yet.
fn date(
    src: &SourceText,
    place: &str,
    value: &Spanned<DeValue<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let parsed = match value.get_ref() {
        DeValue::String(s) if s.trim().is_empty() => return Some(String::new()),
        DeValue::String(s) => s.trim().parse::<toml::value::Datetime>().ok(),
        DeValue::Datetime(d) => Some(*d),
        _ => None,
    };
    match parsed {
        Some(d) if d.date.is_some() && d.time.is_none() => Some(d.to_string()),
        // A date and time: its day is what is kept.
        Some(toml::value::Datetime {
            date: Some(day), ..
        }) => Some(day.to_string()),
        _ => {
            diags.push(src.error_at(
                value.span().start,
                format!(
                    "`date` in {place} must be a day like 2026-12-01 (year, month, day), not {}.",
                    match value.get_ref() {
                        DeValue::String(s) => format!("`{}`", clip(s)),
                        other => value_words(other).to_owned(),
                    }
                ),
            ));
            None
        }
    }
}
