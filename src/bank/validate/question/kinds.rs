//! The options of a choice question and the bands of a number question: ids, flags, reasons, sources and coverage.

use std::collections::HashSet;

use toml::Spanned;

use super::super::condition::Carried;
use super::super::{Ctx, RESERVED_OPTION_IDS};
use crate::bank::{Band, Choice, Flag, NumberSpec, raw};

pub(super) fn choices(
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
        let vendor_label = cx.optional_text(&ro.vendor_label, "vendor_label", &oowner);
        let traits = traits(cx, &ro.traits, &oowner, r.id.as_ref().map(Spanned::get_ref));
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
                vendor_label,
                flag,
                why,
                sources: cited(sources, question_sources),
                traits,
            });
        }
    }
    let ok = !cx.failed;
    cx.failed |= before;
    ok.then_some(out)
}

/// An option's `traits`: ids, each once.
fn traits(
    cx: &mut Ctx<'_>,
    field: &raw::S<Vec<Spanned<String>>>,
    owner: &str,
    question: Option<&String>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in field.iter().flat_map(Spanned::get_ref) {
        let Some(id) = cx.id(t, "trait", false) else {
            continue;
        };
        if let Some(q) = question {
            cx.carried.push(Carried {
                question: q.clone(),
                owner: owner.to_owned(),
                name: id.clone(),
                at: t.span().start,
            });
        }
        if out.contains(&id) {
            cx.error(
                t.span().start,
                format!("{owner} carries trait `{id}` twice; list it once."),
            );
        } else {
            out.push(id);
        }
    }
    out
}

/// An option or band cites its own sources, or else its question's.
fn cited(own: Vec<String>, question: &[String]) -> Vec<String> {
    if own.is_empty() {
        question.to_vec()
    } else {
        own
    }
}

/// The flag, reason and sources shared by options and bands.
pub(in crate::bank::validate) fn flagged(
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

pub(super) fn number(
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
                    sources: cited(sources, question_sources),
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
