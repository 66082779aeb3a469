//! Reading an answers file against a bank: every wrong id, option or type reported with its place and the valid choices.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Answer, AnswerFile, Answers, Meta, NOT_APPLICABLE, REFUSED};
use crate::bank::{Audience, Bank, Kind, Question};
use crate::diag::{self, Diagnostic, Invalid, did_you_mean, one_of};
use crate::score;
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
}

pub fn read(path: &Path, bank: &Bank) -> Result<Loaded, AnswersError> {
    let src = SourceText::read(path)?;
    Ok(parse(&src, bank)?)
}

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
    let mut meta_table = None;
    let mut answers_table = None;
    for (key, value) in &table {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("meta", DeValue::Table(t)) => meta_table = Some(t),
            ("answers", DeValue::Table(t)) => answers_table = Some(t),
            (name @ ("meta" | "answers"), _) => diags.push(src.error_at(
                value.span().start,
                format!("`{name}` must be a table: write [{name}] on a line of its own, with its entries below it."),
            )),
            (name, _) => diags.push(src.error_at(
                key.span().start,
                format!(
                    "unknown key `{name}` at the top of the answers file.{} An answers file has only [meta] and [answers]; put each answer under [answers].",
                    did_you_mean(name, ["meta", "answers"])
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
    if let Some(t) = answers_table {
        let mut entries = Vec::new();
        flatten("", t, &mut entries);
        for (id, key_at, value) in entries {
            read_answer(src, bank, &id, key_at, value, &mut answers, &mut diags);
        }
    }
    let Some(meta) = meta else {
        return Err(invalid(src, diags));
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Err(invalid(src, diags));
    }
    ignore_hidden(src, bank, meta.audience, &mut answers, &table, &mut diags);
    diag::sort(&mut diags);
    Ok(Loaded {
        file: AnswerFile { meta, answers },
        warnings: diags,
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
                if v != bank.version {
                    diags.push(src.warning_at(at, format!(
                        "this answers file was saved with version {v} of the bank; this is version {}. Answers that still fit were kept.",
                        bank.version
                    )));
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
            ("updated", _) => match value.get_ref() {
                DeValue::Datetime(d) => meta.updated = Some(d.to_string()),
                DeValue::String(s) => meta.updated = Some(s.to_string()),
                other => diags.push(src.error_at(
                    at,
                    format!(
                        "`updated` must be a date and time like 2026-11-22T10:00:00Z, not a {}.",
                        other.type_str()
                    ),
                )),
            },
            (name, None) if META_KEYS.contains(&name) => diags.push(src.error_at(
                at,
                format!(
                    "`{name}` in [meta] must be text in quotes, not a {}.",
                    value.get_ref().type_str()
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

/// Collects `[answers]` entries, accepting both `"source.origin" = …` and the
/// dotted-key spelling `source.origin = …`, which TOML reads as nested tables.
fn flatten<'a, 'i>(
    prefix: &str,
    table: &'a DeTable<'i>,
    out: &mut Vec<(String, usize, &'a Spanned<DeValue<'i>>)>,
) {
    for (key, value) in table {
        let id = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        match value.get_ref() {
            DeValue::Table(t) => flatten(&id, t, out),
            _ => out.push((id, key.span().start, value)),
        }
    }
}

fn read_answer(
    src: &SourceText,
    bank: &Bank,
    id: &str,
    key_at: usize,
    value: &Spanned<DeValue<'_>>,
    answers: &mut Answers,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(qid) = bank.find(id) else {
        diags.push(src.error_at(key_at, format!(
            "there is no question `{id}` in the bank `{}`.{} Check the spelling of the id in questions.toml, or remove the line.",
            bank.id,
            did_you_mean(id, bank.questions.iter().map(|q| q.id.as_str()))
        )));
        return;
    };
    let q = bank.question(qid);
    let at = value.span().start;
    match answer(q, value.get_ref()) {
        Ok(Some(a)) => answers.set(qid, Some(a)),
        Ok(None) => diags.push(src.warning_at(
            at,
            format!("`{id}` has an empty list; it is read as not asked yet."),
        )),
        Err(message) => diags.push(src.error_at(at, format!("`{id}`: {message}"))),
    }
}

/// One value to an answer, or a message naming the valid answers.
fn answer(q: &Question, value: &DeValue<'_>) -> Result<Option<Answer>, String> {
    let reserved = if q.allow_na {
        format!("\"{REFUSED}\" or \"{NOT_APPLICABLE}\"")
    } else {
        format!("\"{REFUSED}\"")
    };
    let options = || {
        let ids: Vec<&str> = q.kind.choices().iter().map(|c| c.id.as_str()).collect();
        one_of(&ids)
    };
    match value {
        DeValue::String(s) if s == REFUSED => Ok(Some(Answer::Refused)),
        DeValue::String(s) if s == NOT_APPLICABLE => {
            if q.allow_na {
                Ok(Some(Answer::NotApplicable))
            } else {
                Err(format!(
                    "\"{NOT_APPLICABLE}\" (not applicable) is not allowed for this question. Answer it, write \"{REFUSED}\", or remove the line to leave it not asked."
                ))
            }
        }
        DeValue::String(s) => match &q.kind {
            Kind::Text => Ok(Some(Answer::Text(s.to_string()))),
            Kind::Number(n) => Err(format!(
                "expects a number of {}, written without quotes, like {}.",
                n.unit,
                example(n.max.min(900.0))
            )),
            Kind::Single(_) | Kind::Multiple(_) => {
                let i = choice(q, s)?;
                Ok(Some(if matches!(q.kind, Kind::Multiple(_)) {
                    Answer::Choices(vec![i])
                } else {
                    Answer::Choice(i)
                }))
            }
        },
        DeValue::Array(items) => {
            if !matches!(q.kind, Kind::Multiple(_)) {
                return Err(format!(
                    "takes one answer, not a list. Write {}, or {reserved}.",
                    answer_words(q, &options())
                ));
            }
            let mut picked = Vec::new();
            for item in items {
                match item.get_ref().as_str() {
                    Some(REFUSED | NOT_APPLICABLE) => {
                        return Err(format!("write {reserved} on its own, not inside a list."));
                    }
                    Some(s) => picked.push(choice(q, s)?),
                    None => {
                        return Err(format!(
                            "the list must hold option ids in quotes; the options are {}.",
                            options()
                        ));
                    }
                }
            }
            picked.sort_unstable();
            picked.dedup();
            Ok((!picked.is_empty()).then_some(Answer::Choices(picked)))
        }
        DeValue::Integer(_) | DeValue::Float(_) => {
            let Kind::Number(n) = &q.kind else {
                return Err(format!(
                    "expects {}, in quotes; not a number.",
                    answer_words(q, &options())
                ));
            };
            let v = number_value(value).ok_or_else(|| {
                "this number cannot be read; write it like 900 or 900.50.".to_owned()
            })?;
            if !(n.min..=n.max).contains(&v) {
                return Err(format!(
                    "{} is outside the accepted range, {} to {} {}.",
                    example(v),
                    example(n.min),
                    example(n.max),
                    n.unit
                ));
            }
            Ok(Some(Answer::Number(v)))
        }
        other => Err(format!(
            "{} is not an answer. Write {}, or {reserved}.",
            match other {
                DeValue::Boolean(b) => format!("`{b}`"),
                DeValue::Datetime(_) => "A date".to_owned(),
                DeValue::Table(_) => "A table".to_owned(),
                v => format!("A {}", v.type_str()),
            },
            answer_words(q, &options())
        )),
    }
}

fn answer_words(q: &Question, options: &str) -> String {
    match &q.kind {
        Kind::Single(_) => format!("one of {options}"),
        Kind::Multiple(_) => format!("a list of {options}"),
        Kind::Number(n) => format!("a number of {}", n.unit),
        Kind::Text => "text in quotes".to_owned(),
    }
}

fn choice(q: &Question, id: &str) -> Result<usize, String> {
    q.choice_index(id).ok_or_else(|| {
        let ids: Vec<&str> = q.kind.choices().iter().map(|c| c.id.as_str()).collect();
        let na = if q.allow_na { ", \"na\"" } else { "" };
        format!(
            "`{id}` is not an option of this question.{} The options are {}, and \"refused\"{na}.",
            did_you_mean(id, ids.iter().copied()),
            one_of(&ids)
        )
    })
}

fn number_value(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Integer(i) => {
            let n = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()?;
            #[allow(clippy::cast_precision_loss)]
            Some(n as f64)
        }
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite()),
        _ => None,
    }
}

/// A number as a person writes it: no trailing `.0`.
pub fn example(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

/// Answers to questions hidden by the audience or a condition are dropped, with a warning.
fn ignore_hidden(
    src: &SourceText,
    bank: &Bank,
    audience: Audience,
    answers: &mut Answers,
    table: &DeTable<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let visible = score::visible(bank, answers, audience);
    let hidden: Vec<_> = answers
        .answered()
        .map(|(id, _)| id)
        .filter(|id| !visible[id.0])
        .collect();
    for id in hidden {
        let q = bank.question(id);
        let why = if let (true, Some(c)) = (q.reach.includes(audience), &q.show_if) {
            format!(
                "is only asked for some answers to `{}`, and this file's answer is not one of them",
                bank.question(c.question).id
            )
        } else {
            format!("is not asked of a {audience}")
        };
        let at = find_key(table, &q.id).unwrap_or(0);
        diags.push(src.warning_at(at, format!("`{}` {why}; its answer is ignored.", q.id)));
        answers.set(id, None);
    }
}

fn find_key(table: &DeTable<'_>, id: &str) -> Option<usize> {
    let answers = table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "answers")?
        .1
        .get_ref()
        .as_table()?;
    let mut entries = Vec::new();
    flatten("", answers, &mut entries);
    entries
        .into_iter()
        .find(|(k, _, _)| k == id)
        .map(|(_, at, _)| at)
}
