//! Validating each `[[question]]`: its kind, options or bands, condition and scoring settings.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::{Ctx, Defaults, RESERVED_OPTION_IDS, SectionEntry};
use crate::bank::{
    Band, Choice, Condition, Flag, Kind, NumberSpec, Question, QuestionId, Reach, raw,
};
use crate::diag::{did_you_mean, one_of};

const KINDS: [&str; 4] = ["single", "multiple", "number", "text"];
const AUDIENCES: [&str; 3] = ["patient", "coordinator", "both"];

pub(super) fn all(
    cx: &mut Ctx<'_>,
    file: &raw::File,
    sections: &[SectionEntry],
    keys: &HashSet<String>,
    defaults: &Defaults,
) -> Vec<Question> {
    let mut out: Vec<Question> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for entry in &file.questions {
        let at = entry.span().start;
        let r = entry.get_ref();
        let Some(id_field) = &r.id else {
            cx.error(at, "a [[question]] has no `id`: add id = \"…\".");
            continue;
        };
        let Some(id) = cx.id(id_field, "question", true) else {
            continue;
        };
        if let Some(&first) = seen.get(&id) {
            let (line, _) = cx.src.position(first);
            cx.error(id_field.span().start, format!("question id `{id}` is used twice (first on line {line}); give each question its own id."));
            continue;
        }
        seen.insert(id.clone(), at);
        let key = keys.contains(&id);
        if let Some(q) = one(cx, &id, r, at, sections, key, defaults, &out, file) {
            if let Some(prev) = out.last() {
                if q.section < prev.section {
                    cx.error(at, format!(
                        "question `{id}` is in section `{}`, which comes before section `{}` of the question above it; keep each section's questions together, in the order of the [[section]] tables.",
                        sections[q.section].section.id, sections[prev.section].section.id
                    ));
                }
            }
            out.push(q);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn one(
    cx: &mut Ctx<'_>,
    id: &str,
    r: &raw::Question,
    at: usize,
    sections: &[SectionEntry],
    key: bool,
    defaults: &Defaults,
    earlier: &[Question],
    file: &raw::File,
) -> Option<Question> {
    let owner = format!("question `{id}`");
    let section = match &r.section {
        None => {
            cx.error(
                at,
                format!(
                    "{owner} has no `section`: add section = \"…\" with the id of a [[section]]."
                ),
            );
            None
        }
        Some(s) => {
            let found = sections.iter().position(|e| &e.section.id == s.get_ref());
            if found.is_none() {
                cx.error(s.span().start, format!(
                    "{owner} is in section `{}`, which is not defined.{} Add a [[section]] with that id, or fix the name.",
                    s.get_ref(),
                    did_you_mean(s.get_ref(), sections.iter().map(|e| e.section.id.as_str()))
                ));
            }
            found
        }
    };
    let reach = match &r.audience {
        None => {
            cx.error(at, format!("{owner} has no `audience`: add audience = \"patient\", \"coordinator\" or \"both\"."));
            None
        }
        Some(a) => match a.get_ref().as_str() {
            "patient" => Some(Reach::Patient),
            "coordinator" => Some(Reach::Coordinator),
            "both" => Some(Reach::Both),
            other => {
                cx.error(
                    a.span().start,
                    format!(
                        "`audience` of {owner} is `{other}`; it must be {}.{}",
                        one_of(&AUDIENCES),
                        did_you_mean(other, AUDIENCES)
                    ),
                );
                None
            }
        },
    };
    let kind_word = match &r.kind {
        None => {
            cx.error(at, format!("{owner} has no `kind`: add kind = \"single\", \"multiple\", \"number\" or \"text\"."));
            None
        }
        Some(k) if KINDS.contains(&k.get_ref().as_str()) => Some(k.get_ref().as_str()),
        Some(k) => {
            cx.error(
                k.span().start,
                format!(
                    "`kind` of {owner} is `{}`; it must be {}.{}",
                    k.get_ref(),
                    one_of(&KINDS),
                    did_you_mean(k.get_ref(), KINDS)
                ),
            );
            None
        }
    };
    let is_text = kind_word == Some("text");
    let prompt = cx.text(&r.prompt, "prompt", &owner, at);
    let coordinator_prompt = cx.optional_text(&r.coordinator_prompt, "coordinator_prompt", &owner);
    let help = cx.text(&r.help, "help", &owner, at);
    let ask = if is_text {
        cx.optional_text(&r.ask, "ask", &owner)
            .or_else(|| prompt.clone())
    } else {
        cx.text(&r.ask, "ask", &owner, at)
    };
    let coordinator_ask = cx.optional_text(&r.coordinator_ask, "coordinator_ask", &owner);
    let sources = cx.sources(&r.sources, &owner);
    if r.sources.is_none() && !is_text {
        cx.error(at, format!("{owner} has no `sources`: add sources = [\"…\"] with the seed file names or web addresses it rests on."));
    }
    let weight = match &r.weight {
        None => 1,
        Some(w) => match u32::try_from(*w.get_ref()) {
            Ok(n) if n <= 100 => n,
            _ => {
                cx.error(
                    w.span().start,
                    format!(
                        "`weight` of {owner} is {}; it must be a whole number from 0 to 100.",
                        w.get_ref()
                    ),
                );
                1
            }
        },
    };
    let refused = match &r.refused {
        Some(f) => cx
            .flag(f, &format!("`refused` of {owner}"), true)
            .unwrap_or(Flag::Amber),
        None if key => defaults.refused_key,
        None => defaults.refused,
    };
    let refused_why = cx
        .optional_text(&r.refused_why, "refused_why", &owner)
        .unwrap_or_else(|| defaults.refused_why.clone());
    let allow_na = r.allow_na.as_ref().is_some_and(|b| *b.get_ref());

    let kind_word = kind_word?;
    stray_keys(cx, r, &owner, kind_word);
    let kind = match kind_word {
        "single" => choices(cx, r, &owner, at, &sources).map(Kind::Single),
        "multiple" => choices(cx, r, &owner, at, &sources).map(Kind::Multiple),
        "number" => number(cx, r, &owner, at, &sources).map(Kind::Number),
        _ => Some(Kind::Text),
    };
    let show_if = match &r.show_if {
        None => None,
        Some(c) => Some(condition(cx, c, &owner, reach, earlier, file)?),
    };
    Some(Question {
        id: id.to_owned(),
        section: section?,
        reach: reach?,
        kind: kind?,
        key,
        weight,
        prompt: prompt?,
        coordinator_prompt,
        help: help?,
        ask: ask?,
        coordinator_ask,
        sources,
        refused,
        refused_why,
        allow_na,
        show_if,
    })
}

fn choices(
    cx: &mut Ctx<'_>,
    r: &raw::Question,
    owner: &str,
    at: usize,
    question_sources: &[String],
) -> Option<Vec<Choice>> {
    if r.option.len() < 2 {
        cx.error(at, format!("{owner} is a choice question with {}; give it at least two [[question.option]] tables.", match r.option.len() { 0 => "no options", 1 => "only one option", _ => "too few options" }));
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let before = cx.failed;
    cx.failed = false;
    for o in &r.option {
        let oat = o.span().start;
        let ro = o.get_ref();
        let Some(id_field) = &ro.id else {
            cx.error(
                oat,
                format!("an option of {owner} has no `id`: add id = \"…\"."),
            );
            continue;
        };
        let Some(id) = cx.id(id_field, "option", false) else {
            continue;
        };
        let oowner = format!("option `{id}` of {owner}");
        if RESERVED_OPTION_IDS.contains(&id.as_str()) {
            cx.error(id_field.span().start, format!(
                "{oowner}: `{id}` is reserved for every question (\"refused\" means they would not answer, \"na\" means not applicable); give the option another id."
            ));
        }
        if !seen.insert(id.clone()) {
            cx.error(
                id_field.span().start,
                format!("option id `{id}` is used twice in {owner}; give each option its own id."),
            );
        }
        let label = cx.text(&ro.label, "label", &oowner, oat);
        let flag = flagged(
            cx,
            &ro.flag,
            &ro.critical,
            &ro.why,
            &ro.sources,
            &oowner,
            oat,
        );
        if let (Some(label), Some((flag, why, sources))) = (label, flag) {
            out.push(Choice {
                id,
                label,
                flag,
                why,
                sources: if sources.is_empty() {
                    question_sources.to_vec()
                } else {
                    sources
                },
            });
        }
    }
    let ok = !cx.failed;
    cx.failed |= before;
    ok.then_some(out)
}

/// The flag, reason and sources shared by options and bands.
fn flagged(
    cx: &mut Ctx<'_>,
    flag: &raw::S<String>,
    critical: &raw::S<bool>,
    why: &raw::S<String>,
    sources: &raw::S<Vec<Spanned<String>>>,
    owner: &str,
    at: usize,
) -> Option<(Flag, String, Vec<String>)> {
    let flag = match flag {
        None => {
            cx.error(
                at,
                format!("{owner} has no `flag`: add flag = \"green\", \"amber\" or \"red\"."),
            );
            None
        }
        Some(f) => cx.flag(f, owner, false),
    };
    let critical_set = critical.as_ref().filter(|c| *c.get_ref());
    let flag = match (flag, critical_set) {
        (Some(Flag::Red), Some(_)) => Some(Flag::Critical),
        (Some(other), Some(c)) => {
            cx.error(
                c.span().start,
                format!(
                    "{owner} is {} but marked critical; only a red can be critical.",
                    other.id()
                ),
            );
            None
        }
        (f, None) => f,
        (None, Some(_)) => None,
    };
    let why = cx.text(why, "why", owner, at);
    let list = cx.sources(sources, owner);
    if flag.is_some_and(Flag::is_red) && sources.is_none() {
        cx.error(
            at,
            format!("{owner} is red but cites no source: add sources = [\"…\"] for its reason."),
        );
    }
    Some((flag?, why?, list))
}

fn number(
    cx: &mut Ctx<'_>,
    r: &raw::Question,
    owner: &str,
    at: usize,
    question_sources: &[String],
) -> Option<NumberSpec> {
    let unit = cx.text(&r.unit, "unit", owner, at);
    let min = bound(cx, r.min.as_ref(), "min", owner, at);
    let max = bound(cx, r.max.as_ref(), "max", owner, at);
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo >= hi {
            cx.error(
                at,
                format!("{owner} has min {lo} and max {hi}; min must be below max."),
            );
            return None;
        }
    }
    if r.band.is_empty() {
        cx.error(at, format!("{owner} has no bands: add [[question.band]] tables that flag the numbers from min to max."));
        return None;
    }
    let mut bands = Vec::new();
    for b in &r.band {
        let bat = b.span().start;
        let rb = b.get_ref();
        let bowner = format!("a band of {owner}");
        let lo = bound(cx, rb.min.as_ref(), "min", &bowner, bat);
        let hi = bound(cx, rb.max.as_ref(), "max", &bowner, bat);
        let flag = flagged(
            cx,
            &rb.flag,
            &rb.critical,
            &rb.why,
            &rb.sources,
            &bowner,
            bat,
        );
        if let (Some(lo), Some(hi), Some((flag, why, sources))) = (lo, hi, flag) {
            if lo > hi {
                cx.error(
                    bat,
                    format!(
                        "{bowner} runs from {lo} down to {hi}; its min must not be above its max."
                    ),
                );
            }
            bands.push((
                bat,
                Band {
                    min: lo,
                    max: hi,
                    flag,
                    why,
                    sources: if sources.is_empty() {
                        question_sources.to_vec()
                    } else {
                        sources
                    },
                },
            ));
        }
    }
    let (min, max, unit) = (min?, max?, unit?);
    if bands.len() != r.band.len() {
        return None;
    }
    check_coverage(cx, owner, at, min, max, &bands)?;
    Some(NumberSpec {
        unit,
        min,
        max,
        bands: bands.into_iter().map(|(_, b)| b).collect(),
    })
}

/// Bands must run from `min` to `max`, each starting where the one before ends.
fn check_coverage(
    cx: &mut Ctx<'_>,
    owner: &str,
    at: usize,
    min: f64,
    max: f64,
    bands: &[(usize, Band)],
) -> Option<()> {
    let before = cx.failed;
    cx.failed = false;
    let mut expected = min;
    for (i, (bat, b)) in bands.iter().enumerate() {
        #[allow(clippy::float_cmp)]
        if b.min != expected {
            let what = if b.min > expected {
                "leaves a gap"
            } else {
                "overlaps"
            };
            let start = if i == 0 {
                "the question's min"
            } else {
                "the max of the band before"
            };
            cx.error(*bat, format!(
                "this band of {owner} starts at {}, but {start} is {expected}: it {what}. Start it at {expected}.",
                b.min
            ));
        }
        expected = b.max;
    }
    #[allow(clippy::float_cmp)]
    if expected != max {
        cx.error(bands.last().map_or(at, |(bat, _)| *bat), format!(
            "the last band of {owner} ends at {expected}, but the question's max is {max}; end the last band at {max}."
        ));
    }
    let ok = !cx.failed;
    cx.failed |= before;
    ok.then_some(())
}

fn bound(
    cx: &mut Ctx<'_>,
    v: Option<&Spanned<f64>>,
    key: &str,
    owner: &str,
    at: usize,
) -> Option<f64> {
    match v {
        None => {
            cx.error(at, format!("{owner} has no `{key}`: add {key} = a number."));
            None
        }
        Some(v) if !v.get_ref().is_finite() => {
            cx.error(
                v.span().start,
                format!("`{key}` of {owner} must be an ordinary number, not inf or nan."),
            );
            None
        }
        Some(v) => Some(*v.get_ref()),
    }
}

/// The id inside "question `id`".
fn owner_id(owner: &str) -> &str {
    owner.trim_start_matches("question `").trim_end_matches('`')
}

/// Keys that do not belong to this kind of question.
fn stray_keys(cx: &mut Ctx<'_>, r: &raw::Question, owner: &str, kind: &str) {
    if kind != "number" {
        if let Some(b) = r.band.first() {
            cx.error(b.span().start, format!("{owner} is a {} question and cannot have bands; only number questions have [[question.band]].", crate::bank::kind_words(kind)));
        }
        for (field, key) in [(&r.min, "min"), (&r.max, "max")] {
            if let Some(v) = field {
                cx.error(
                    v.span().start,
                    format!(
                        "{owner} is a {} question; `{key}` belongs to number questions only.",
                        crate::bank::kind_words(kind)
                    ),
                );
            }
        }
        if let Some(u) = &r.unit {
            cx.error(
                u.span().start,
                format!(
                    "{owner} is a {} question; `unit` belongs to number questions only.",
                    crate::bank::kind_words(kind)
                ),
            );
        }
    }
    if matches!(kind, "number" | "text") {
        if let Some(o) = r.option.first() {
            cx.error(o.span().start, format!("{owner} is a {} question and cannot have options; make it kind = \"single\" or remove the [[question.option]] tables.", crate::bank::kind_words(kind)));
        }
    }
}

fn condition(
    cx: &mut Ctx<'_>,
    c: &Spanned<raw::ShowIf>,
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
    let Some(index) = earlier.iter().position(|q| &q.id == tid) else {
        let written_before = super::raw_ids(file)
            .take_while(|id| *id != owner_id(owner))
            .any(|id| id == tid);
        if written_before {
            // The earlier question is there but broken; its own errors say why.
            return None;
        }
        let exists = super::raw_ids(file).any(|id| id == tid);
        let message = if exists {
            format!(
                "`show_if` of {owner} depends on `{tid}`, which comes after it. A condition can only look at a question asked before it: move one of the two."
            )
        } else {
            format!(
                "`show_if` of {owner} depends on `{tid}`, which is not in this bank.{}",
                did_you_mean(tid, super::raw_ids(file).map(String::as_str))
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
    let Some(list) = &rc.any_of else {
        cx.error(
            at,
            format!(
                "`show_if` of {owner} has no `any_of`: list the options of `{tid}` that show it."
            ),
        );
        return None;
    };
    if list.get_ref().is_empty() {
        cx.error(
            list.span().start,
            format!("`show_if` of {owner} has an empty `any_of`, so it would never be shown."),
        );
        return None;
    }
    let mut any_of = Vec::new();
    for o in list.get_ref() {
        if let Some(i) = t.choice_index(o.get_ref()) {
            any_of.push(i);
        } else {
            let ids: Vec<&str> = t.kind.choices().iter().map(|c| c.id.as_str()).collect();
            cx.error(o.span().start, format!(
                "`show_if` of {owner} names option `{}`, which `{tid}` does not have.{} Its options are {}.",
                o.get_ref(),
                did_you_mean(o.get_ref(), ids.iter().copied()),
                one_of(&ids)
            ));
        }
    }
    (any_of.len() == list.get_ref().len()).then_some(Condition {
        question: QuestionId(index),
        any_of,
    })
}
