//! Reading an answers file against a bank: every wrong id, option or type reported with its place and the valid choices.

mod annex;
mod migrate;
mod value;

use std::collections::HashMap;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use migrate::{Migrated, kept_comments};
use value::answer;
pub use value::example;

use super::{Annex, AnswerFile, Answers, Meta, Reasked};
use crate::bank::{Audience, Bank, QuestionId, parse_version};
use crate::diag::{self, Diagnostic, Invalid, did_you_mean, one_of};
use crate::limits::{MAX_QUOTED_CHARS, MAX_SHOWN};
use crate::source::{ReadError, SourceText};

#[derive(Debug, thiserror::Error)]
pub enum AnswersError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
}

/// An answers file that can be scored, with what was ignored in it.
#[derive(Debug)]
pub struct Loaded {
    pub file: AnswerFile,
    pub warnings: Vec<Diagnostic>,
    /// The file's name as messages give it.
    pub file_name: String,
}

impl Loaded {
    /// Scores the file as `audience` whatever it says, and says so among its warnings:
    /// answers to questions that audience is not asked are then kept but not counted.
    pub fn score_as(&mut self, audience: Audience) {
        let saved = self.file.meta.audience;
        if saved == audience {
            return;
        }
        self.file.meta.audience = audience;
        self.warnings.push(Diagnostic::warning(
            &self.file_name,
            None,
            format!(
                "scored as filled in by a {audience}, as --audience asks; the file says a {saved}. Answers to questions a {audience} is not asked are kept but not counted."
            ),
        ));
    }
}

pub fn read(path: &Path, bank: &Bank) -> Result<Loaded, AnswersError> {
    let src = SourceText::read(path)?;
    Ok(parse(&src, bank)?)
}

/// The tables an answers file may have.
const TABLES: [&str; 4] = ["meta", "answers", "evidence", "attestation"];

const META_KEYS: [&str; 5] = ["bank", "bank_version", "audience", "subject", "updated"];

pub fn parse(src: &SourceText, bank: &Bank) -> Result<Loaded, Invalid> {
    let mut diags = Vec::new();
    let table = match crate::bank::parse_toml(src) {
        Ok(t) => t,
        Err(d) => return Err(invalid(src, vec![d])),
    };
    if table.is_empty() {
        return Err(invalid(src, vec![src.error_at(
            0,
            "this answers file is empty. It needs [meta] with audience = \"patient\" or \"coordinator\", and [answers]; see docs/answers-format.md.",
        )]));
    }
    let has = |k: &str| table.keys().any(|key| key.get_ref().as_ref() == k);
    if !has("meta") && !has("answers") && (has("bank") || has("question")) {
        return Err(invalid(src, vec![src.error_at(
            0,
            "this is a question bank, not an answers file. To use it, give it with --bank; to check it, run `exovet check` on it.",
        )]));
    }
    let mut meta_table = None;
    let mut answers_table = None;
    let mut evidence_table = None;
    let mut attestation_table = None;
    for (key, value) in &table {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("meta", DeValue::Table(t)) => meta_table = Some(t),
            ("answers", DeValue::Table(t)) => answers_table = Some(t),
            ("evidence", DeValue::Table(t)) => evidence_table = Some(t),
            ("attestation", DeValue::Table(t)) => attestation_table = Some(t),
            (name, _) if TABLES.contains(&name) => diags.push(src.error_at(
                value.span().start,
                format!("`{name}` must be a table: write [{name}] on a line of its own, with its entries below it."),
            )),
            (name, _) => diags.push(src.error_at(
                key.span().start,
                format!(
                    "unknown key `{}` at the top of the answers file.{} An answers file has [meta] and [answers], and may have [evidence] and [attestation]; put each answer under [answers].",
                    diag::clip(name),
                    did_you_mean(name, TABLES)
                ),
            )),
        }
    }
    let meta = meta(src, bank, meta_table, &mut diags);
    if meta.as_ref().is_some_and(|m| m.bank != bank.id) {
        // Answers for another bank: checking each one against this bank is noise.
        return Err(invalid(src, diags));
    }
    let mut answers = Answers::empty(bank);
    let mut reader = Reader {
        src,
        bank,
        ids: bank
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), QuestionId(i)))
            .collect(),
        answered_at: HashMap::new(),
        unknown: 0,
        saved_with: meta
            .as_ref()
            .and_then(|m| parse_version(&m.bank_version))
            .filter(|v| parse_version(&bank.version).is_some_and(|now| v < &now)),
        reasked: Vec::new(),
    };
    if let Some(t) = answers_table {
        let longest = bank.questions.iter().map(|q| q.id.len()).max().unwrap_or(0);
        let mut entries = Vec::new();
        flatten(&mut Vec::new(), t, longest, &mut entries);
        // In file order, so the problems worth a suggestion are the ones printed.
        entries.sort_by_key(|e| e.key_at);
        for entry in &entries {
            reader.read(entry, &mut answers, &mut diags);
        }
    }
    let evidence = evidence_table
        .map(|t| annex::evidence(src, bank, &reader.ids, t, &mut diags))
        .unwrap_or_default();
    let attestation = attestation_table.map(|t| annex::attestation(src, t, &mut diags));
    if let (Some(m), Some(t)) = (&meta, attestation_table)
        && m.audience == Audience::Patient
    {
        let at = t.keys().next().map_or(0, |k| k.span().start);
        diags.push(src.warning_at(at, "[attestation] is a vendor's signature on a questionnaire it returned; a patient's file is nobody's to sign, so it is kept but not shown."));
    }
    let mut reasked = std::mem::take(&mut reader.reasked);
    kept_comments(src, bank, &reader.ids, &mut reasked);
    reasked.sort_by_key(|r| r.question);
    let Some(meta) = meta else {
        return Err(invalid(src, diags));
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Err(invalid(src, diags));
    }
    diag::sort(&mut diags);
    Ok(Loaded {
        file: AnswerFile {
            meta,
            answers,
            annex: Annex {
                reasked,
                evidence,
                attestation,
            },
        },
        warnings: diag::cap_warnings(src.name(), diags),
        file_name: src.name().to_owned(),
    })
}

fn invalid(src: &SourceText, mut diagnostics: Vec<Diagnostic>) -> Invalid {
    diag::sort(&mut diagnostics);
    Invalid {
        file: src.name().to_owned(),
        diagnostics,
    }
}

fn meta(
    src: &SourceText,
    bank: &Bank,
    table: Option<&DeTable<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Meta> {
    let Some(t) = table else {
        diags.push(src.error_at(0, "the answers file has no [meta] table: add [meta] with at least audience = \"patient\" or \"coordinator\"."));
        return None;
    };
    let mut meta = Meta::new(bank, Audience::Patient, "");
    let mut audience = None;
    for (key, value) in t {
        let name = key.get_ref().as_ref();
        let at = value.span().start;
        let text = value.get_ref().as_str();
        match (name, text) {
            ("bank", Some(id)) => {
                if id != bank.id {
                    diags.push(src.error_at(at, format!(
                        "this answers file was written for the bank `{id}`, but the bank in use is `{}`. Run exovet with --bank and the bank it was written for.",
                        bank.id
                    )));
                }
                id.clone_into(&mut meta.bank);
            }
            ("bank_version", Some(v)) => {
                // A version the bank's [[migrate]] table reads from needs no warning:
                // each answer whose meaning changed gets its own.
                let (saved, now) = (parse_version(v), parse_version(&bank.version));
                let known = saved.as_ref().is_some_and(|saved| {
                    bank.migrations
                        .iter()
                        .any(|m| parse_version(&m.from).as_ref() == Some(saved))
                });
                if saved.is_none() || (saved != now && !known) {
                    let message = match saved {
                        None => format!(
                            "bank_version \"{}\" is not a version like {}; the answers are read as this version reads them. Answers that still fit were kept.",
                            crate::diag::inert(v),
                            bank.version
                        ),
                        Some(saved) if now.as_ref().is_some_and(|n| saved > *n) => format!(
                            "this answers file was saved with version {v} of the bank, newer than this one ({}): an answer may mean more than this version can say. Answers that still fit were kept; use a newer exovet to be sure.",
                            bank.version
                        ),
                        Some(_) => format!(
                            "this answers file was saved with version {v} of the bank; this is version {}. Answers that still fit were kept.",
                            bank.version
                        ),
                    };
                    diags.push(src.warning_at(at, message));
                }
                v.clone_into(&mut meta.bank_version);
            }
            ("audience", Some(a)) => match Audience::from_id(a) {
                Some(a) => audience = Some(a),
                None => diags.push(src.error_at(
                    at,
                    format!(
                        "audience `{a}` is not known; it must be `patient` or `coordinator`.{}",
                        did_you_mean(a, ["patient", "coordinator"])
                    ),
                )),
            },
            ("subject", Some(s)) => s.clone_into(&mut meta.subject),
            // Kept only as a date-time: it is written back unquoted, so any
            // other text would be written into the saved file as TOML.
            ("updated", _) => match value.get_ref() {
                DeValue::Datetime(d) => meta.updated = Some(d.to_string()),
                DeValue::String(s) => match s.parse::<toml::value::Datetime>() {
                    Ok(d) => meta.updated = Some(d.to_string()),
                    Err(_) => diags.push(src.error_at(
                        at,
                        format!("`updated` is `{s}`, which is not a date and time; write one like 2026-11-22T10:00:00Z, without quotes."),
                    )),
                },
                other => diags.push(src.error_at(
                    at,
                    format!(
                        "`updated` must be a date and time like 2026-11-22T10:00:00Z, not {}.",
                        value::value_words(other)
                    ),
                )),
            },
            (name, None) if META_KEYS.contains(&name) => diags.push(src.error_at(
                at,
                format!(
                    "`{name}` in [meta] must be text in quotes, not {}.",
                    value::value_words(value.get_ref())
                ),
            )),
            (name, _) => diags.push(src.error_at(
                key.span().start,
                format!(
                    "unknown key `{name}` in [meta].{} [meta] may hold {}.",
                    did_you_mean(name, META_KEYS),
                    one_of(&META_KEYS)
                ),
            )),
        }
    }
    if !t
        .iter()
        .any(|(k, _)| k.get_ref().as_ref() == "bank_version")
    {
        // Files from before versions were written are bank 1.0.0 files (`product.md`).
        "1.0.0".clone_into(&mut meta.bank_version);
    }
    let Some(audience) = audience else {
        if !t.iter().any(|(k, _)| k.get_ref().as_ref() == "audience") {
            let at = t.keys().next().map_or(0, |k| k.span().start);
            diags.push(src.error_at(at, "[meta] has no `audience`: add audience = \"patient\" or audience = \"coordinator\"."));
        }
        return None;
    };
    meta.audience = audience;
    Some(meta)
}

/// One entry of `[answers]`: a question id and its value.
struct Entry<'a, 'i> {
    /// The id as written; cut short when it is longer than any id in the bank.
    id: String,
    /// Whether `id` is whole, so it may name a question of the bank.
    whole: bool,
    key_at: usize,
    value: &'a Spanned<DeValue<'i>>,
}

/// Collects `[answers]` entries, accepting both `"source.origin" = …` and the
/// dotted-key spelling `source.origin = …`, which TOML reads as nested tables.
/// An id longer than the bank's longest is not built whole: a hostile file
/// could otherwise make every one of thousands of entries megabytes long.
fn flatten<'a, 'i>(
    path: &mut Vec<&'a str>,
    table: &'a DeTable<'i>,
    longest: usize,
    out: &mut Vec<Entry<'a, 'i>>,
) {
    for (key, value) in table {
        path.push(key.get_ref().as_ref());
        if let DeValue::Table(t) = value.get_ref() {
            flatten(path, t, longest, out);
        } else {
            let len = path.iter().map(|p| p.len() + 1).sum::<usize>() - 1;
            let whole = len <= longest;
            let id = if whole {
                path.join(".")
            } else {
                // Enough to quote in a message, which cuts it shorter still.
                let mut id = String::new();
                for part in path.iter() {
                    if !id.is_empty() {
                        id.push('.');
                    }
                    id.extend(part.chars().take(MAX_QUOTED_CHARS));
                    if id.len() > MAX_QUOTED_CHARS {
                        break;
                    }
                }
                id
            };
            out.push(Entry {
                id,
                whole,
                key_at: key.span().start,
                value,
            });
        }
        path.pop();
    }
}

/// Reads each entry against the bank, in time linear in the file.
struct Reader<'b> {
    src: &'b SourceText,
    bank: &'b Bank,
    ids: HashMap<&'b str, QuestionId>,
    /// Where each question was first answered, to refuse a second answer and place warnings.
    answered_at: HashMap<QuestionId, usize>,
    /// Unknown ids so far; only the first few, which are printed, get a suggestion.
    unknown: usize,
    /// The version of the bank the file was saved with, when it is older than this one.
    saved_with: Option<semver::Version>,
    /// Old answers that `[[migrate]]` asks again.
    reasked: Vec<Reasked>,
}

impl Reader<'_> {
    fn read(&mut self, e: &Entry<'_, '_>, answers: &mut Answers, diags: &mut Vec<Diagnostic>) {
        let (src, bank, id) = (self.src, self.bank, e.id.as_str());
        let Some(&qid) = self.ids.get(id).filter(|_| e.whole) else {
            self.unknown += 1;
            let hint = if e.whole && self.unknown <= MAX_SHOWN {
                did_you_mean(id, bank.questions.iter().map(|q| q.id.as_str()))
            } else {
                String::new()
            };
            let ids = bank.file.as_deref().map_or_else(
                || "this bank's ids".to_owned(),
                |file| format!("the ids in {}", crate::diag::inert(file)),
            );
            diags.push(src.error_at(e.key_at, format!(
                "there is no question `{id}` in the bank `{}`.{hint} Check the spelling against {ids}, or remove the line.",
                bank.id,
            )));
            return;
        };
        if let Some(&first) = self.answered_at.get(&qid) {
            let (line, _) = src.position(first);
            diags.push(src.error_at(
                e.key_at,
                format!("`{id}` is answered twice (first on line {line}); keep one of the two."),
            ));
            return;
        }
        self.answered_at.insert(qid, e.key_at);
        let q = bank.question(qid);
        let at = e.value.span().start;
        let migrated = self.migrate(qid, e.value.get_ref());
        let value = match migrated {
            Migrated::Same => e.value.get_ref(),
            Migrated::Renamed(ref v) => v,
            Migrated::Reask(why) => {
                let written = e.value.get_ref().as_str().unwrap_or_default().to_owned();
                diags.push(src.warning_at(at, format!(
                    "`{id}` = \"{}\" was saved with an older version of the bank, and its meaning changed: {why} It is read as not asked yet; ask it again.",
                    diag::clip(&written)
                )));
                self.reasked.push(Reasked {
                    question: qid,
                    written,
                });
                return;
            }
        };
        match answer(q, value) {
            Ok(Some(a)) => answers.set(qid, Some(a)),
            Ok(None) => diags.push(src.warning_at(
                at,
                format!("`{id}` has an empty list; it is read as not asked yet."),
            )),
            Err(message) => diags.push(src.error_at(at, format!("`{id}`: {message}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;

    #[test]
    fn ids_longer_than_any_in_the_bank_are_not_built_whole() {
        let part = "k".repeat(10_000);
        let text = format!("[{}]\nx = 1\n", vec![part.as_str(); 60].join("."));
        let (table, errors) = DeTable::parse_recoverable(&text);
        assert!(errors.is_empty(), "{errors:?}");
        let mut entries = Vec::new();
        flatten(&mut Vec::new(), table.get_ref(), 40, &mut entries);
        assert_eq!(entries.len(), 1);
        assert!(!entries[0].whole);
        assert!(
            entries[0].id.len() <= 2 * MAX_QUOTED_CHARS + 1,
            "{}",
            entries[0].id.len()
        );

        let mut entries = Vec::new();
        flatten(&mut Vec::new(), table.get_ref(), usize::MAX, &mut entries);
        assert!(entries[0].whole);
        assert_eq!(entries[0].id.len(), 60 * 10_001 + 1);
    }

    /// A renamed option reads as its new id, alone or inside a list; an option asked again
    /// makes the whole answer not asked. Only files saved with the older version.
    #[test]
    fn migrations_rename_options_inside_lists_too_and_only_for_older_files() {
        let bank = crate::bank::parse(&SourceText::new(
            "b.toml",
            r#"
[bank]
id = "b"
version = "1.1.0"
title = "T"
disclaimer = "Not medical advice."
[scoring]
key = ["route"]
[[section]]
id = "s"
title = "S"
intro = "i"
[[question]]
id = "route"
section = "s"
audience = "both"
kind = "multiple"
prompt = "p"
help = "h"
ask = "a"
sources = ["x"]
[[question.option]]
id = "topical"
label = "T"
flag = "green"
why = "w"
[[question.option]]
id = "injection"
label = "I"
flag = "amber"
why = "w"
[[migrate]]
from = "1.0.0"
question = "route"
option = "skin"
renamed = "topical"
[[migrate]]
from = "1.0.0"
question = "route"
option = "vein"
reask = true
why = "Ask again."
"#,
        ))
        .unwrap()
        .bank;
        let read = |version: &str, value: &str| {
            let text = format!(
                "[meta]\nbank = \"b\"\nbank_version = \"{version}\"\naudience = \"patient\"\n[answers]\nroute = {value}\n"
            );
            parse(&SourceText::new("a.toml", text), &bank).map(|l| l.file)
        };
        let route = QuestionId(0);
        let renamed = read("1.0.0", r#"["skin", "injection"]"#).unwrap();
        assert_eq!(
            renamed.answers.get(route),
            Some(&Answer::Choices(vec![0, 1]))
        );
        let reasked = read("1.0.0", r#"["vein", "topical"]"#).unwrap();
        assert_eq!(reasked.answers.get(route), None);
        assert_eq!(reasked.annex.reasked.len(), 1);
        // Saved with this version: "skin" is no option of it.
        assert!(read("1.1.0", r#"["skin"]"#).is_err());
    }
}
