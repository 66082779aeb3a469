//! Validating each `[[question]]`: its kind, options or bands, condition and scoring settings.

use std::collections::{HashMap, HashSet};

mod condition;
mod kinds;

use condition::condition;
pub(super) use kinds::flagged;
use kinds::{choices, number};

use super::{Ctx, Defaults, SectionEntry};
use crate::bank::{AskedOf, Audience, Flag, Kind, Question, Reach, raw};
use crate::diag::{did_you_mean, one_of};

const KINDS: [&str; 4] = ["single", "multiple", "number", "text"];

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
            cx.earlier.insert(id.clone(), out.len());
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
            let found = cx.section_index.get(s.get_ref()).copied();
            if found.is_none() {
                let hint = cx.hint(s.get_ref(), sections.iter().map(|e| e.section.id.as_str()));
                cx.error(s.span().start, format!(
                    "{owner} is in section `{}`, which is not defined.{} Add a [[section]] with that id, or fix the name.",
                    s.get_ref(),
                    hint
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
        Some(a) => cx.reach(a, &owner),
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
    let vendor_prompt = cx.optional_text(&r.vendor_prompt, "vendor_prompt", &owner);
    let asked_of = asked_of(cx, r, reach, &owner);
    let help = cx.text(&r.help, "help", &owner, at);
    let ask = if is_text {
        cx.optional_text(&r.ask, "ask", &owner)
            .or_else(|| prompt.clone())
    } else {
        cx.text(&r.ask, "ask", &owner, at)
    };
    let coordinator_ask = cx.optional_text(&r.coordinator_ask, "coordinator_ask", &owner);
    let evidence = cx.optional_text(&r.evidence, "evidence", &owner);
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
    let refused_set = r.refused.as_ref().map(|f| {
        cx.flag(f, &format!("`refused` of {owner}"), true)
            .unwrap_or(Flag::Amber)
    });
    let refused_why = cx
        .optional_text(&r.refused_why, "refused_why", &owner)
        .unwrap_or_else(|| defaults.refused_why.clone());
    let allow_na = r.allow_na.as_ref().is_some_and(|b| *b.get_ref());
    let allow_refused = r.allow_refused.as_ref().is_none_or(|b| *b.get_ref());
    let unscored = r.unscored.as_ref().is_some_and(|b| *b.get_ref());
    let refused_label = cx.optional_text(&r.refused_label, "refused_label", &owner);
    if let (Some(u), true) = (&r.unscored, key) {
        cx.error(
            u.span().start,
            format!(
                "{owner} is a key question and cannot be unscored; remove `unscored` or the key."
            ),
        );
    }
    if let (Some(f), false) = (&r.refused, allow_refused) {
        cx.error(f.span().start, format!("{owner} offers no refusal (allow_refused = false), so it cannot have a `refused` flag; remove one of the two."));
    }

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
        Some(c) => Some(condition(cx, c, id, &owner, reach, earlier, file)?),
    };
    // The file sent to a vendor leaves out the coordinator's own checks: a question the
    // vendor answers cannot say there when it applies if that rests on one of them.
    if let (Some(c), Some(raw_if), Some(AskedOf::Vendor)) = (&show_if, &r.show_if, asked_of) {
        let target = &earlier[c.question.0];
        let vendor_reads = reach.is_some_and(|r| r.includes(Audience::Coordinator));
        if vendor_reads && target.asked_of == AskedOf::Coordinator {
            cx.warning(
                raw_if.span().start,
                format!(
                    "{owner} is asked of the vendor, but when it applies depends on `{}`, which the coordinator answers (asked_of = \"coordinator\"), so the file sent to a vendor cannot say when it applies. Make {owner} the coordinator's own too, or make its condition look at a question the vendor answers.",
                    target.id
                ),
            );
        }
    }
    let refused = match (refused_set, &kind) {
        (Some(f), _) => f,
        (None, _) if key => defaults.refused_key,
        (None, Some(k)) => worst_honest(k).max(defaults.refused),
        (None, None) => defaults.refused,
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
        vendor_prompt,
        asked_of: asked_of?,
        help: help?,
        ask: ask?,
        coordinator_ask,
        evidence,
        sources,
        refused,
        refused_why,
        allow_na,
        show_if,
        gate: key,
        unscored,
        allow_refused,
        refused_label,
    })
}

/// Who answers the question for a coordinator (`asked_of`), and whether its vendor's
/// wording can ever be read: the vendor's file holds only questions for coordinators that
/// the vendor answers.
fn asked_of(
    cx: &mut Ctx<'_>,
    r: &raw::Question,
    reach: Option<Reach>,
    owner: &str,
) -> Option<AskedOf> {
    let asked_of = match &r.asked_of {
        None => AskedOf::Vendor,
        Some(a) => {
            let Some(asked_of) = AskedOf::from_id(a.get_ref()) else {
                let words = AskedOf::ALL.map(AskedOf::id);
                cx.error(
                    a.span().start,
                    format!(
                        "`asked_of` of {owner} is `{}`; it must be {}.{}",
                        a.get_ref(),
                        one_of(&words),
                        did_you_mean(a.get_ref(), words)
                    ),
                );
                return None;
            };
            asked_of
        }
    };
    let for_coordinators = reach.is_none_or(|r| r.includes(Audience::Coordinator));
    if let (Some(a), false) = (&r.asked_of, for_coordinators) {
        cx.error(
            a.span().start,
            format!(
                "{owner} is asked of patients only, so `asked_of` says nothing: it says who answers for a coordinator. Remove it, or set audience = \"both\"."
            ),
        );
    }
    let vendor_reads = for_coordinators && asked_of == AskedOf::Vendor;
    if !vendor_reads {
        let why = if for_coordinators {
            "the coordinator answers it (asked_of = \"coordinator\"), so it is never in the file sent to a vendor"
        } else {
            "it is asked of patients only, so it is never in the file sent to a vendor"
        };
        if let Some(p) = &r.vendor_prompt {
            cx.warning(
                p.span().start,
                format!("`vendor_prompt` of {owner} is never shown: {why}. Remove it."),
            );
        }
        for o in &r.option {
            if let Some(l) = &o.get_ref().vendor_label {
                cx.warning(
                    l.span().start,
                    format!("`vendor_label` in {owner} is never shown: {why}. Remove it."),
                );
            }
        }
    }
    Some(asked_of)
}

/// The worst flag among the answers short of a knock-out: refusing to answer is never
/// better than the worst honest answer (`product.md`, "Refusals").
fn worst_honest(kind: &Kind) -> Flag {
    let flags: Vec<Flag> = match kind {
        Kind::Number(n) => n.bands.iter().map(|b| b.flag).collect(),
        k => k.choices().iter().map(|c| c.flag).collect(),
    };
    flags
        .into_iter()
        .filter(|f| *f != Flag::Critical)
        .max()
        .unwrap_or(Flag::Green)
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
