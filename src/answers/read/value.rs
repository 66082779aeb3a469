//! One `[answers]` value read against its question: the answer it is, or a message naming the answers it could be.

use std::collections::HashMap;

use toml::de::DeValue;

use crate::answers::{Answer, NOT_APPLICABLE, REFUSED};
use crate::bank::{Kind, Question};
use crate::diag::{did_you_mean, one_of};

/// One value to an answer, or a message naming the valid answers.
pub(super) fn answer(q: &Question, value: &DeValue<'_>) -> Result<Option<Answer>, String> {
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
        DeValue::String(s) if s == REFUSED && q.allow_refused => Ok(Some(Answer::Refused)),
        // A note that says "refused" is a note: this question offers no refusal.
        DeValue::String(s) if s == REFUSED && matches!(q.kind, Kind::Text) => {
            Ok(Some(Answer::Text(s.to_string())))
        }
        DeValue::String(s) if s == REFUSED => Err(
            "this question offers no \"refused\"; answer it, or remove the line to leave it not asked.".to_owned(),
        ),
        // A note that says "na" is a note where the question offers no "not applicable".
        DeValue::String(s) if s == NOT_APPLICABLE && matches!(q.kind, Kind::Text) && !q.allow_na => {
            Ok(Some(Answer::Text(s.to_string())))
        }
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
            // A map, so a list of 100 000 ids against as many options is not quadratic.
            let index: HashMap<&str, usize> = q
                .kind
                .choices()
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect();
            let mut picked = Vec::new();
            for item in items {
                match item.get_ref().as_str() {
                    Some(word @ (REFUSED | NOT_APPLICABLE)) => {
                        // "na" where the question takes none: say so, not "write na alone".
                        return Err(if word == NOT_APPLICABLE && !q.allow_na {
                            format!("\"{NOT_APPLICABLE}\" (not applicable) is not an answer to this question, inside a list or alone. Leave it out if it was not asked, or write \"{REFUSED}\" on its own if they would not answer.")
                        } else {
                            format!("write {reserved} on its own, not inside a list.")
                        });
                    }
                    Some(s) => match index.get(s) {
                        Some(&i) => picked.push(i),
                        None => return Err(choice(q, s).err().unwrap_or_default()),
                    },
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
                v => capitalised(value_words(v)),
            },
            answer_words(q, &options())
        )),
    }
}

/// A TOML value's type in words, with its article: "a whole number", "a list".
pub(crate) fn value_words(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn capitalised(words: &str) -> String {
    let mut c = words.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
    let v = match value {
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            match i64::from_str_radix(&digits, i.radix()) {
                #[allow(clippy::cast_precision_loss)]
                Ok(n) => Some(n as f64),
                // Too large for a whole number of 64 bits: still a number, read as a
                // float, so the message says it is out of range rather than unreadable.
                Err(_) if i.radix() == 10 => digits.parse::<f64>().ok().filter(|v| v.is_finite()),
                Err(_) => None,
            }
        }
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite()),
        _ => None,
    }?;
    // "-0" is 0.
    Some(if v == 0.0 { 0.0 } else { v })
}

/// A number as a person writes it: no trailing `.0`.
pub fn example(v: f64) -> String {
    // Never "-0".
    let v = if v == 0.0 { 0.0 } else { v };
    let s = format!("{v}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}
