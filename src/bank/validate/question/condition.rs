//! A question's `show_if`: it must look at an earlier choice question, asked of the same audiences, at options it has (`any_of`) or a trait they carry (`has`).

use toml::Spanned;

use super::super::Ctx;
use super::super::condition::{Owner, resolve};
use crate::bank::{Condition, Question, Reach, raw};

pub(super) fn condition(
    cx: &mut Ctx<'_>,
    c: &Spanned<raw::ShowIf>,
    id: &str,
    owner: &str,
    reach: Option<Reach>,
    earlier: &[Question],
    file: &raw::File,
) -> Option<Condition> {
    let at = c.span().start;
    let rc = c.get_ref();
    let Some(target) = &rc.question else {
        cx.error(
            at,
            format!(
                "`show_if` of {owner} has no `question`: name the earlier question it depends on."
            ),
        );
        return None;
    };
    let tid = target.get_ref();
    let Some(index) = cx.earlier.get(tid).copied() else {
        let owner_at = cx.raw_at.get(id).copied().unwrap_or(usize::MAX);
        let written_at = cx.raw_at.get(tid).copied();
        if written_at.is_some_and(|w| w < owner_at) {
            // The earlier question is there but broken; its own errors say why.
            return None;
        }
        let exists = written_at.is_some();
        let message = if exists {
            format!(
                "`show_if` of {owner} depends on `{tid}`, which comes after it. A condition can only look at a question asked before it: move one of the two."
            )
        } else {
            format!(
                "`show_if` of {owner} depends on `{tid}`, which is not in this bank.{}",
                cx.hint(
                    tid,
                    file.questions.iter().filter_map(|q| q
                        .get_ref()
                        .id
                        .as_ref()
                        .map(|i| i.get_ref().as_str()))
                )
            )
        };
        cx.error(target.span().start, message);
        return None;
    };
    let t = &earlier[index];
    if t.kind.choices().is_empty() {
        cx.error(target.span().start, format!("`show_if` of {owner} depends on `{tid}`, a {} question; a condition must look at a choice question.", t.kind.words()));
        return None;
    }
    for audience in crate::bank::Audience::ALL {
        if reach.is_some_and(|r| r.includes(audience)) && !t.reach.includes(audience) {
            cx.error(target.span().start, format!(
                "{owner} is asked of {audience}s but depends on `{tid}`, which {audience}s are never asked, so they would never see it. Change one of the two audiences."
            ));
            return None;
        }
    }
    resolve(cx, rc, at, Owner::ShowIf(owner), index, t, tid)
}
