//! `[[migrate]]`: how an answer saved with an older bank version reads under this one.

use toml::Spanned;

use super::{Ctx, RESERVED_OPTION_IDS};
use crate::bank::{MigrateAction, Migration, Question, QuestionId, parse_version, raw};
use crate::diag::one_of;

/// `header` is the bank's (id, version, title, disclaimer), when it was readable.
pub(super) fn all(
    cx: &mut Ctx<'_>,
    raw: &[Spanned<raw::Migrate>],
    questions: &[Question],
    header: Option<&(String, String, String, String)>,
) -> Vec<Migration> {
    let mut out: Vec<Migration> = Vec::new();
    for m in raw {
        let at = m.span().start;
        let r = m.get_ref();
        let owner = "a [[migrate]]";
        let from = cx.text(&r.from, "from", owner, at);
        if let (Some(f), Some(field), Some((_, version, _, _))) = (&from, &r.from, header) {
            match (parse_version(f), parse_version(version)) {
                (None, _) => cx.error(field.span().start, format!("`from` of {owner} is `{f}`; write a bank version like 1.0.0.")),
                (Some(old), Some(now)) if old >= now => cx.error(field.span().start, format!("`from` of {owner} is {f}, which is not older than this bank ({version}); a migration reads answers saved with an older version.")),
                _ => {}
            }
        }
        let question = match &r.question {
            None => {
                cx.error(
                    at,
                    format!(
                        "{owner} has no `question`: name the question whose old answer it reads."
                    ),
                );
                None
            }
            Some(q) => {
                let found = cx.earlier.get(q.get_ref()).copied().map(QuestionId);
                if found.is_none() && !cx.raw_at.contains_key(q.get_ref()) {
                    let hint = cx.hint(q.get_ref(), questions.iter().map(|q| q.id.as_str()));
                    cx.error(
                        q.span().start,
                        format!(
                            "{owner} names `{}`, which is not in this bank.{hint}",
                            q.get_ref()
                        ),
                    );
                }
                found
            }
        };
        let option = cx.text(&r.option, "option", owner, at);
        let reask = r.reask.as_ref().is_some_and(|b| *b.get_ref());
        let action = match (reask, &r.renamed) {
            (true, Some(n)) => {
                cx.error(n.span().start, format!("{owner} both re-asks and renames; an old answer either changed its meaning (reask = true, with why) or only its id (renamed = \"…\")."));
                None
            }
            (true, None) => cx
                .text(&r.why, "why", owner, at)
                .map(|why| MigrateAction::Reask { why }),
            (false, Some(n)) => Some(MigrateAction::Renamed(n.get_ref().clone())),
            (false, None) => {
                cx.error(at, format!("{owner} says neither reask = true nor renamed = \"…\": say what becomes of the old answer."));
                None
            }
        };
        let (Some(from), Some(question), Some(option), Some(action)) =
            (from, question, option, action)
        else {
            continue;
        };
        let q = &questions[question.0];
        let field_at = r.option.as_ref().map_or(at, |o| o.span().start);
        if let MigrateAction::Renamed(new) = &action {
            if q.choice_index(new).is_none() {
                let ids: Vec<&str> = q.kind.choices().iter().map(|c| c.id.as_str()).collect();
                cx.error(
                    r.renamed.as_ref().map_or(at, |n| n.span().start),
                    format!(
                        "{owner} renames to `{new}`, which `{}` does not have. Its options are {}.",
                        q.id,
                        one_of(&ids)
                    ),
                );
                continue;
            }
        }
        let current =
            q.choice_index(&option).is_some() || (option == RESERVED_OPTION_IDS[1] && q.allow_na);
        if current && matches!(action, MigrateAction::Renamed(_)) {
            cx.error(field_at, format!("{owner} renames `{option}` of `{}`, which is still one of its answers; only an answer this version no longer has can be renamed.", q.id));
            continue;
        }
        if out
            .iter()
            .any(|o| o.question == question && o.option == option && o.from == from)
        {
            cx.error(
                field_at,
                format!(
                    "{owner}: `{option}` of `{}` from {from} is listed twice; keep one.",
                    q.id
                ),
            );
            continue;
        }
        out.push(Migration {
            from,
            question,
            option,
            action,
        });
    }
    out
}
