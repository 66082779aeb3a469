//! `[[rule]]`: conditions on several answers that together carry a flag, checked so that each can fire.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::Ctx;
use super::condition::{Owner, resolve};
use super::question::flagged;
use crate::bank::{Audience, Condition, CrossRule, Question, QuestionId, raw};

pub(super) fn all(
    cx: &mut Ctx<'_>,
    raw: &[Spanned<raw::Rule>],
    questions: &[Question],
) -> Vec<CrossRule> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for r in raw {
        let at = r.span().start;
        let rr = r.get_ref();
        let Some(id_field) = &rr.id else {
            cx.error(at, "a [[rule]] has no `id`: add id = \"…\".");
            continue;
        };
        let Some(id) = cx.id(id_field, "rule", false) else {
            continue;
        };
        if let Some(&first) = seen.get(&id) {
            let (line, _) = cx.src.position(first);
            cx.error(id_field.span().start, format!("rule id `{id}` is used twice (first on line {line}); give each rule its own id."));
            continue;
        }
        seen.insert(id.clone(), at);
        let owner = format!("rule `{id}`");
        // A red one is told so by `flagged`, as an option would be.
        let red = rr.flag.as_ref().is_some_and(|f| f.get_ref() == "red");
        if rr.sources.is_none() && !red {
            cx.error(
                at,
                format!(
                    "{owner} has no `sources`: add sources = [\"…\"] with what its reason rests on."
                ),
            );
        }
        let flag = flagged(cx, &rr.flag, &rr.critical, &rr.why, &rr.sources, &owner, at);
        let when = when(cx, rr, &owner, at, questions);
        if let (Some((flag, why, sources)), Some(when)) = (flag, when) {
            if can_fire(cx, &owner, at, &when, questions) {
                out.push(CrossRule {
                    id,
                    flag,
                    why,
                    sources,
                    when,
                });
            }
        }
    }
    out
}

fn when(
    cx: &mut Ctx<'_>,
    r: &raw::Rule,
    owner: &str,
    at: usize,
    questions: &[Question],
) -> Option<Vec<Condition>> {
    let Some(list) = &r.when else {
        cx.error(at, format!("{owner} has no `when`: add when = [{{ question = \"…\", any_of = [\"…\"] }}, …] (or has = \"…\" for a trait) with a condition on each answer it looks at."));
        return None;
    };
    if list.get_ref().len() < 2 {
        cx.error(list.span().start, format!("{owner} looks at fewer than two answers; a rule joins conditions on several answers. For one answer, give the option its own flag instead."));
        return None;
    }
    let mut out = Vec::new();
    let mut named = HashSet::new();
    let mut ok = true;
    for c in list.get_ref() {
        let cat = c.span().start;
        let rc = c.get_ref();
        let Some(q) = &rc.question else {
            cx.error(
                cat,
                format!("a condition of {owner} has no `question`: name the question it looks at."),
            );
            ok = false;
            continue;
        };
        let qid = q.get_ref();
        let Some(&index) = cx.earlier.get(qid) else {
            if !cx.raw_at.contains_key(qid) {
                let hint = cx.hint(qid, questions.iter().map(|q| q.id.as_str()));
                cx.error(
                    q.span().start,
                    format!("{owner} looks at `{qid}`, which is not in this bank.{hint}"),
                );
            }
            ok = false;
            continue;
        };
        if !named.insert(index) {
            cx.error(
                q.span().start,
                format!("{owner} looks at `{qid}` twice; put all its options in one `any_of`."),
            );
            ok = false;
            continue;
        }
        let t = &questions[index];
        if t.kind.choices().is_empty() {
            cx.error(q.span().start, format!("{owner} looks at `{qid}`, a {} question; a rule can only look at choice questions.", t.kind.words()));
            ok = false;
            continue;
        }
        match resolve(cx, rc, cat, Owner::Rule(owner), index, t, qid) {
            Some(c) => out.push(c),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// Whether some audience sees every question of the rule at once, with answers that hold
/// its conditions and the conditions that show those questions.
fn can_fire(
    cx: &mut Ctx<'_>,
    owner: &str,
    at: usize,
    when: &[Condition],
    questions: &[Question],
) -> bool {
    let audiences: Vec<Audience> = Audience::ALL
        .into_iter()
        .filter(|a| when.iter().all(|c| shown_for(questions, c.question, *a)))
        .collect();
    if audiences.is_empty() {
        cx.error(at, format!("{owner} can never fire: no audience is asked all of its questions. Check their `audience`."));
        return false;
    }
    // Every answer the rule and the conditions above its questions need, by question.
    let mut needs: HashMap<QuestionId, Vec<&[usize]>> = HashMap::new();
    for c in when {
        needs.entry(c.question).or_default().push(&c.any_of);
        let mut q = c.question;
        while let Some(show) = &questions[q.0].show_if {
            needs.entry(show.question).or_default().push(&show.any_of);
            q = show.question;
        }
    }
    for (q, sets) in needs {
        let question = &questions[q.0];
        // A multiple choice can hold one option of each set at once.
        if matches!(question.kind, crate::bank::Kind::Multiple(_)) {
            continue;
        }
        let common =
            (0..question.kind.choices().len()).any(|i| sets.iter().all(|s| s.contains(&i)));
        if !common {
            cx.error(at, format!(
                "{owner} can never fire: it needs answers to `{}` that no single answer gives (its own condition and the condition that shows one of its questions disagree).",
                question.id
            ));
            return false;
        }
    }
    true
}

/// Whether a question and every question its condition depends on are asked of `audience`.
fn shown_for(questions: &[Question], id: QuestionId, audience: Audience) -> bool {
    let q = &questions[id.0];
    q.reach.includes(audience)
        && q.show_if
            .as_ref()
            .is_none_or(|c| shown_for(questions, c.question, audience))
}
