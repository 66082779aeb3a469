//! A condition on a choice answer, as `show_if` and a rule's `when` both write it: `any_of`
//! options, or the options that carry a trait (`has`, less `except`); and the check that no
//! hand-written option list drifts away from a trait the bank reads elsewhere.

use std::collections::{BTreeSet, HashMap, HashSet};

use toml::Spanned;

use super::Ctx;
use crate::bank::{Condition, Question, QuestionId, raw};
use crate::diag::{did_you_mean, one_of, or_list, suggest};

/// Who owns a condition, for its messages (their wording predates traits and is kept).
#[derive(Clone, Copy)]
pub(super) enum Owner<'a> {
    /// `show_if` of this question, named as messages name it ("question `x`").
    ShowIf(&'a str),
    /// A `when` entry of this rule, named as messages name it ("rule `x`").
    Rule(&'a str),
}

impl Owner<'_> {
    fn what(self, tid: &str) -> String {
        match self {
            Owner::ShowIf(owner) => format!("`show_if` of {owner}"),
            Owner::Rule(owner) => format!("the condition of {owner} on `{tid}`"),
        }
    }

    fn never(self) -> &'static str {
        match self {
            Owner::ShowIf(_) => "so it would never be shown",
            Owner::Rule(_) => "so the rule would never fire",
        }
    }
}

/// A trait as an option carries it, kept for [`drift`] to find one misspelt.
pub(super) struct Carried {
    pub question: String,
    /// The option, as messages name it.
    pub owner: String,
    pub name: String,
    pub at: usize,
}

/// A condition as written, kept until every question and rule is read, for [`drift`].
pub(super) struct Written {
    at: usize,
    what: String,
    question: QuestionId,
    /// The options an `any_of` names; empty for `has`.
    listed: Vec<usize>,
    /// The trait a `has` reads.
    has: Option<String>,
}

/// The options of `target` (the question `tid`) that make the condition `rc` hold.
pub(super) fn resolve(
    cx: &mut Ctx<'_>,
    rc: &raw::ShowIf,
    at: usize,
    owner: Owner<'_>,
    index: usize,
    target: &Question,
    tid: &str,
) -> Option<Condition> {
    let what = owner.what(tid);
    let ids: Vec<&str> = target
        .kind
        .choices()
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    // Option ids to indices once: a hostile bank's lists run to thousands of options, and a
    // search for each would cost their product.
    let by_id: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let unknown = |cx: &mut Ctx<'_>, o: &Spanned<String>| {
        let message = match owner {
            Owner::ShowIf(_) => format!(
                "{what} names option `{}`, which `{tid}` does not have.",
                o.get_ref()
            ),
            Owner::Rule(rule) => format!(
                "{rule} names option `{}` of `{tid}`, which it does not have.",
                o.get_ref()
            ),
        };
        cx.error(
            o.span().start,
            format!(
                "{message}{} Its options are {}.",
                did_you_mean(o.get_ref(), ids.iter().copied()),
                one_of(&ids)
            ),
        );
    };
    let question = QuestionId(index);
    match (&rc.any_of, &rc.has) {
        (Some(list), Some(has)) => {
            let start = list.span().start.min(has.span().start);
            cx.error(start, format!("{what} has both `any_of` and `has`; write one: the options that make it hold, or the trait they carry."));
            None
        }
        (None, None) => {
            let message = match owner {
                Owner::ShowIf(_) => {
                    format!("{what} has no `any_of`: list the options of `{tid}` that show it.")
                }
                Owner::Rule(_) => {
                    format!("{what} has no `any_of`: list the options that make it hold.")
                }
            };
            cx.error(
                at,
                format!("{message} Or write has = \"…\" with a trait its options carry."),
            );
            None
        }
        (Some(list), None) => {
            if let Some(e) = &rc.except {
                cx.error(e.span().start, format!("{what} has `except` without `has`; `except` leaves out options that carry the trait `has` reads. Take the options out of `any_of` instead."));
                return None;
            }
            if list.get_ref().is_empty() {
                cx.error(
                    list.span().start,
                    format!("{what} has an empty `any_of`, {}.", owner.never()),
                );
                return None;
            }
            let mut any_of = Vec::new();
            let mut seen = HashSet::new();
            let mut ok = true;
            for o in list.get_ref() {
                match by_id.get(o.get_ref().as_str()).copied() {
                    Some(i) if !seen.insert(i) => {
                        cx.error(
                            o.span().start,
                            format!("{what} names option `{}` twice; list it once.", o.get_ref()),
                        );
                        ok = false;
                    }
                    Some(i) => any_of.push(i),
                    None => {
                        unknown(cx, o);
                        ok = false;
                    }
                }
            }
            if !ok {
                return None;
            }
            cx.written.push(Written {
                at: list.span().start,
                what,
                question,
                listed: any_of.clone(),
                has: None,
            });
            Some(Condition {
                question,
                any_of,
                has: None,
            })
        }
        (None, Some(has)) => {
            let name = has.get_ref();
            let carriers: Vec<usize> = carriers(target, name);
            if carriers.is_empty() {
                let traits: BTreeSet<&str> = target
                    .kind
                    .choices()
                    .iter()
                    .flat_map(|c| c.traits.iter().map(String::as_str))
                    .collect();
                let known = if traits.is_empty() {
                    format!(
                        " No option of `{tid}` carries a trait: add traits = [\"{name}\"] to the options it means, or write any_of = [\"…\"]."
                    )
                } else {
                    let traits: Vec<&str> = traits.into_iter().collect();
                    format!(
                        "{} The traits its options carry are {}.",
                        did_you_mean(name, traits.iter().copied()),
                        one_of(&traits)
                    )
                };
                cx.error(
                    has.span().start,
                    format!(
                        "{what} reads trait `{name}`, which no option of `{tid}` carries.{known}"
                    ),
                );
                return None;
            }
            let mut any_of = carriers.clone();
            if let Some(except) = &rc.except {
                let mut ok = true;
                // Sets: a bank may hold thousands of options, and `except` as many.
                let carrying: HashSet<usize> = carriers.iter().copied().collect();
                let mut left_out: HashSet<usize> = HashSet::new();
                for o in except.get_ref() {
                    match by_id.get(o.get_ref().as_str()).copied() {
                        Some(i) if !left_out.insert(i) => {
                            cx.error(
                                o.span().start,
                                format!(
                                    "{what} leaves out option `{}` twice; list it once.",
                                    o.get_ref()
                                ),
                            );
                            ok = false;
                        }
                        Some(i) if carrying.contains(&i) => {}
                        Some(_) => {
                            cx.error(o.span().start, format!("{what} leaves out option `{}`, which does not carry `{name}`, so `except` changes nothing there. Remove it.", o.get_ref()));
                            ok = false;
                        }
                        None => {
                            unknown(cx, o);
                            ok = false;
                        }
                    }
                }
                any_of.retain(|i| !left_out.contains(i));
                if ok && any_of.is_empty() {
                    cx.error(
                        except.span().start,
                        format!(
                            "{what} leaves out every option that carries `{name}`, {}.",
                            owner.never()
                        ),
                    );
                }
                if !ok || any_of.is_empty() {
                    return None;
                }
            }
            cx.written.push(Written {
                at: has.span().start,
                what,
                question,
                listed: Vec::new(),
                has: Some(name.clone()),
            });
            Some(Condition {
                question,
                any_of,
                has: Some(name.clone()),
            })
        }
    }
}

/// The options of `q` that carry `name`, in order.
fn carriers(q: &Question, name: &str) -> Vec<usize> {
    q.kind
        .choices()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.traits.iter().any(|t| t == name))
        .map(|(i, _)| i)
        .collect()
}

/// An `any_of` of two or more options carrying a trait that another condition on the same
/// question reads with `has` must name all of them or say `has`: a list copied by hand
/// misses the next option given the trait (1.1's donor questions skipped conditioned media
/// that way). One option named on its own is that option, not a copy of the trait. And a
/// trait no condition reads, a letter or two from one that is read, is a misspelling that
/// would silently leave its option out.
pub(super) fn drift(cx: &mut Ctx<'_>, questions: &[Question]) {
    let written = std::mem::take(&mut cx.written);
    // Each question's traits read with `has`, gathered once: a bank may hold thousands of
    // conditions and traits, and looking again for each would cost their product.
    let mut read: HashMap<QuestionId, BTreeSet<&str>> = HashMap::new();
    for w in &written {
        if let Some(name) = &w.has {
            read.entry(w.question).or_default().insert(name);
        }
    }
    let none = BTreeSet::new();
    let read_on = |question: QuestionId| read.get(&question).unwrap_or(&none);
    for w in &written {
        if w.has.is_some() || w.listed.len() < 2 {
            continue;
        }
        let q = &questions[w.question.0];
        for name in read_on(w.question) {
            if let Some(message) = list_drifts(w, q, name) {
                cx.error(w.at, message);
            }
        }
    }
    for c in std::mem::take(&mut cx.carried) {
        let Some(&question) = cx.earlier.get(&c.question) else {
            continue;
        };
        let read = read_on(QuestionId(question));
        if read.contains(c.name.as_str()) {
            continue;
        }
        if let Some(meant) = suggest(&c.name, read.iter().copied()) {
            cx.error(c.at, format!(
                "{} carries trait `{}`, which no condition reads, while conditions on `{}` read `{meant}`. Did you mean `{meant}`? A misspelt trait leaves its option out of every condition that reads the trait.",
                c.owner, c.name, c.question
            ));
        }
    }
}

/// What is wrong with the list `w`, if it copies some or all of the options carrying `name`.
fn list_drifts(w: &Written, q: &Question, name: &str) -> Option<String> {
    let all = carriers(q, name);
    let carrying: HashSet<usize> = all.iter().copied().collect();
    let (named, others): (Vec<usize>, Vec<usize>) =
        w.listed.iter().copied().partition(|i| carrying.contains(i));
    if named.len() < 2 {
        return None;
    }
    let id = |i: &usize| format!("`{}`", q.kind.choices()[*i].id);
    if !others.is_empty() {
        // "has = T or option X" cannot be written: the options meant need a trait of their own.
        let others: Vec<String> = others.iter().map(id).collect();
        return Some(format!(
            "{} names {} options of `{}` that carry `{name}`, which another condition reads with `has`, and {} too. A list copied from a trait misses the next option given it: give every option this condition means a trait of its own (traits = [\"…\"]) and read that with has = \"…\".",
            w.what,
            named.len(),
            q.id,
            or_list(&others).replace(" or ", " and ")
        ));
    }
    Some(if named.len() == all.len() {
        format!(
            "{} lists every option of `{}` that carries `{name}`, which another condition reads with `has`. Write has = \"{name}\" instead, so an option given the trait later counts here too.",
            w.what, q.id
        )
    } else {
        let named: HashSet<usize> = named.into_iter().collect();
        let missing: Vec<String> = all.iter().filter(|i| !named.contains(i)).map(id).collect();
        format!(
            "{} names {} options of `{}` that carry `{name}` but not {}, which {} it too; another condition reads it with `has`. Write has = \"{name}\", with except = [\"…\"] for the options left out on purpose.",
            w.what,
            named.len(),
            q.id,
            or_list(&missing),
            if missing.len() == 1 {
                "carries"
            } else {
                "carry"
            }
        )
    })
}
