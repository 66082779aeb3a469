//! `[scoring]`: the verdict's thresholds, the refusal defaults, and the key and gate
//! questions it names.

use std::collections::HashSet;

use toml::Spanned;

use super::{Ctx, DEFAULT_REFUSED_WHY};
use crate::bank::{Flag, Kind, Question, Reach, Scoring, raw};

/// Flags and wording that questions inherit unless they set their own.
pub(super) struct Defaults {
    pub refused: Flag,
    pub refused_key: Flag,
    pub refused_why: String,
}

pub(super) fn scoring(
    cx: &mut Ctx<'_>,
    scoring: Option<&Spanned<raw::Scoring>>,
) -> (Scoring, Defaults) {
    // `refused` is the least a refusal takes: it is never better than amber unless a bank says so.
    let mut out = Scoring {
        red_at: 2,
        green_max_amber: 2,
        green_min_answered: 60,
    };
    let mut defaults = Defaults {
        refused: Flag::Amber,
        refused_key: Flag::Critical,
        refused_why: DEFAULT_REFUSED_WHY.to_owned(),
    };
    let Some(s) = scoring else {
        return (out, defaults);
    };
    let s = s.get_ref();
    let number = |cx: &mut Ctx<'_>, field: &raw::S<i64>, key: &str, min: i64, max: i64| {
        field.as_ref().and_then(|v| {
            let n = *v.get_ref();
            if (min..=max).contains(&n) {
                Some(n)
            } else {
                cx.error(
                    v.span().start,
                    format!("[scoring] `{key}` is {n}; it must be from {min} to {max}."),
                );
                None
            }
        })
    };
    if let Some(n) = number(cx, &s.red_at, "red_at", 1, 1000) {
        out.red_at = usize::try_from(n).unwrap_or(out.red_at);
    }
    if let Some(n) = number(cx, &s.green_max_amber, "green_max_amber", 0, 1000) {
        out.green_max_amber = usize::try_from(n).unwrap_or(out.green_max_amber);
    }
    if let Some(n) = number(cx, &s.green_min_answered, "green_min_answered", 0, 100) {
        out.green_min_answered = u32::try_from(n).unwrap_or(out.green_min_answered);
    }
    if let Some(f) = s
        .refused
        .as_ref()
        .and_then(|f| cx.flag(f, "[scoring] `refused`", true))
    {
        defaults.refused = f;
    }
    if let Some(f) = s
        .refused_key
        .as_ref()
        .and_then(|f| cx.flag(f, "[scoring] `refused_key`", true))
    {
        defaults.refused_key = f;
    }
    if let Some(w) = cx.optional_text(&s.refused_why, "refused_why", "[scoring]") {
        defaults.refused_why = w;
    }
    (out, defaults)
}

/// The ids named in `[scoring] key`, checked for duplicates.
pub(super) fn key_ids(
    cx: &mut Ctx<'_>,
    scoring: Option<&Spanned<raw::Scoring>>,
) -> HashSet<String> {
    let mut keys = HashSet::new();
    let list = scoring.and_then(|s| s.get_ref().key.as_ref());
    match list {
        None => {
            let at = scoring.map_or(0, |s| s.span().start);
            cx.error(at, "[scoring] names no key questions: add key = [\"…\"] with the ids of the questions that must be answered green for a green verdict.");
        }
        Some(list) => {
            if list.get_ref().is_empty() {
                cx.error(
                    list.span().start,
                    "[scoring] `key` is empty: list the ids of the key questions.",
                );
            }
            for k in list.get_ref() {
                if !keys.insert(k.get_ref().clone()) {
                    cx.error(
                        k.span().start,
                        format!(
                            "key question `{}` is listed twice in [scoring] `key`.",
                            k.get_ref()
                        ),
                    );
                }
            }
        }
    }
    keys
}

pub(super) fn check_keys(cx: &mut Ctx<'_>, file: &raw::File, questions: &[Question]) {
    let Some(list) = file.scoring.as_ref().and_then(|s| s.get_ref().key.as_ref()) else {
        return;
    };
    for k in list.get_ref() {
        let id = k.get_ref();
        let at = k.span().start;
        let Some(q) = cx.earlier.get(id).map(|i| &questions[*i]) else {
            if cx.raw_at.contains_key(id) {
                // The question is there but broken; its own errors say why.
                continue;
            }
            let hint = cx.hint(id, questions.iter().map(|q| q.id.as_str()));
            cx.error(at, format!(
                "key question `{id}` is not in the bank.{hint} Add the question, or remove it from [scoring] `key`."
            ));
            continue;
        };
        if !matches!(q.kind, Kind::Single(_) | Kind::Multiple(_)) {
            cx.error(at, format!("key question `{id}` is a {} question; a key question must be single or multiple choice.", q.kind.words()));
        }
        if q.show_if.is_some() {
            cx.error(at, format!("key question `{id}` has a `show_if`; a key question must always be asked. Remove the condition or the key."));
        }
        if q.reach != Reach::Both {
            cx.error(at, format!("key question `{id}` is not asked of both audiences; set audience = \"both\" on it."));
        }
        if !q.kind.choices().is_empty() && !q.kind.choices().iter().any(|c| c.flag == Flag::Green) {
            cx.error(at, format!("key question `{id}` has no green option, so no answer could ever give a green verdict. Give it a green option, or remove it from [scoring] `key`."));
        }
    }
}

/// Marks the gate questions: the key questions and those in `[scoring] gates`.
pub(super) fn check_gates(cx: &mut Ctx<'_>, file: &raw::File, questions: &mut [Question]) {
    for q in questions.iter_mut() {
        q.gate = q.key;
    }
    let Some(list) = file
        .scoring
        .as_ref()
        .and_then(|s| s.get_ref().gates.as_ref())
    else {
        return;
    };
    let mut seen = HashSet::new();
    for g in list.get_ref() {
        let id = g.get_ref();
        let at = g.span().start;
        if !seen.insert(id.clone()) {
            cx.error(
                at,
                format!("gate question `{id}` is listed twice in [scoring] `gates`."),
            );
            continue;
        }
        let Some(&i) = cx.earlier.get(id) else {
            if !cx.raw_at.contains_key(id) {
                let hint = cx.hint(id, questions.iter().map(|q| q.id.as_str()));
                cx.error(at, format!(
                    "gate question `{id}` is not in the bank.{hint} Add the question, or remove it from [scoring] `gates`."
                ));
            }
            continue;
        };
        let q = &mut questions[i];
        if q.key {
            cx.warning(at, format!("`{id}` is a key question, and key questions are always gates; remove it from [scoring] `gates`."));
        }
        if !q.is_scored() {
            cx.error(at, format!("gate question `{id}` is {}, so no answer to it counts; a gate must be a scored choice or number question.", if q.unscored { "unscored" } else { "a text question" }));
            continue;
        }
        q.gate = true;
    }
}
