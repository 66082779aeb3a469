//! Answers saved with an older bank version: what `[[migrate]]` makes of each, and the old
//! answers asked again that an earlier save kept as comments.

use std::collections::HashMap;

use toml::de::DeValue;

use super::{Reader, Reasked};
use crate::bank::{Bank, MigrateAction, Migration, QuestionId, parse_version};
use crate::source::SourceText;

/// Old answers asked again that an earlier save kept as comments: they stay for the next.
/// Only lines exactly as the writer makes them count, one per question at most.
pub(super) fn kept_comments(
    src: &SourceText,
    bank: &Bank,
    ids: &HashMap<&str, QuestionId>,
    out: &mut Vec<Reasked>,
) {
    for line in src.text().lines() {
        let Some(pair) = line
            .strip_prefix("# ")
            .and_then(|l| l.strip_suffix(crate::answers::REASKED_MARK))
        else {
            continue;
        };
        let Ok(table) = pair.parse::<toml::Table>() else {
            continue;
        };
        let Some((id, toml::Value::String(written))) = table.iter().next() else {
            continue;
        };
        let Some(&question) = ids.get(id.as_str()) else {
            continue;
        };
        if table.len() == 1 && !out.iter().any(|r| r.question == question) {
            out.push(Reasked {
                question,
                written: written.clone(),
            });
        }
        if out.len() >= bank.questions.len() {
            break;
        }
    }
}

/// What a `[[migrate]]` entry makes of an old answer.
pub(super) enum Migrated<'b, 'i> {
    Same,
    Renamed(DeValue<'i>),
    Reask(&'b str),
}

impl<'b> Reader<'b> {
    /// The value as this bank version reads it, for files saved with an older one.
    pub(super) fn migrate<'i>(&self, qid: QuestionId, value: &DeValue<'i>) -> Migrated<'b, 'i> {
        let Some(saved) = &self.saved_with else {
            return Migrated::Same;
        };
        let applies = |m: &&Migration| {
            m.question == qid && parse_version(&m.from).is_some_and(|from| *saved <= from)
        };
        let entries: Vec<&Migration> = self.bank.migrations.iter().filter(applies).collect();
        if entries.is_empty() {
            return Migrated::Same;
        }
        let find = |s: &str| entries.iter().find(|m| m.option == s).map(|m| &m.action);
        match value {
            DeValue::String(s) => match find(s) {
                Some(MigrateAction::Reask { why }) => Migrated::Reask(why),
                Some(MigrateAction::Renamed(to)) => {
                    Migrated::Renamed(DeValue::String(to.clone().into()))
                }
                None => Migrated::Same,
            },
            // A list answer to a multiple choice: re-asked whole when it holds an option asked
            // again; otherwise each renamed option takes its new id. A list for a single choice
            // was never valid: it is left for the reader to refuse, not dropped as re-asked.
            DeValue::Array(items)
                if matches!(self.bank.question(qid).kind, crate::bank::Kind::Multiple(_)) =>
            {
                let mut renamed = false;
                let mut out = toml::de::DeArray::new();
                for item in items {
                    let value = match item.get_ref().as_str().and_then(find) {
                        Some(MigrateAction::Reask { why }) => return Migrated::Reask(why),
                        Some(MigrateAction::Renamed(to)) => {
                            renamed = true;
                            DeValue::String(to.clone().into())
                        }
                        None => item.get_ref().clone(),
                    };
                    out.push(toml::Spanned::new(item.span(), value));
                }
                if renamed {
                    Migrated::Renamed(DeValue::Array(out))
                } else {
                    Migrated::Same
                }
            }
            _ => Migrated::Same,
        }
    }
}
