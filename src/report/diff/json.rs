//! A diff as one JSON object, for a pipeline: both verdicts, each changed question with its
//! answer and flag before and after, the reasons and rules that came or went, documents and
//! the attestation. Written with the hand-written JSON of `report::json`, which writes the
//! same bytes as `serde_json`.

use std::path::Path;

use super::documents::{DocumentChange, Held};
use super::{Changes, Side, Standing};
use crate::answers::Attestation;
use crate::bank::{Bank, Flag, QuestionId};
use crate::report::json::answer_value;
use crate::report::json::syntax::{Object, object, string};
use crate::score::Finding;
use crate::ui;

/// One object and a newline.
pub fn render(bank: &Bank, c: &Changes<'_>, old: &Path, new: &Path) -> String {
    let mut out = String::new();
    object(&mut out, |o| {
        o.object("bank", |b| {
            b.str("id", &bank.id);
            b.str("version", &bank.version);
        });
        o.object("before", |o| side(o, old, &c.old));
        o.object("after", |o| side(o, new, &c.new));
        o.bool("same_subject", !c.subject_differs());
        o.bool("same_audience", !c.audience_differs());
        let verdict = if c.verdict.changed() {
            c.verdict.direction().id()
        } else {
            "same"
        };
        o.str("verdict_change", verdict);
        o.bool("worse", c.worse());
        o.bool("changed", !c.is_empty());
        o.array("questions", &c.questions, |out, q| {
            object(out, |o| {
                o.str("question", &bank.question(q.question).id);
                o.str("direction", q.direction.id());
                o.bool("flag_worse", q.flag_worse());
                o.object("before", |o| standing(o, bank, q.question, &q.before));
                o.object("after", |o| standing(o, bank, q.question, &q.after));
                let at = o.key("document");
                match &q.document {
                    Some(d) => object(at, |o| document(o, d)),
                    None => at.push_str("null"),
                }
            });
        });
        let reason = |out: &mut String, f: &Finding| {
            object(out, |o| {
                o.str("question", &bank.question(f.question).id);
                flag(o, "flag", Some(f.flag));
                o.str("why", &f.why(bank));
            });
        };
        o.array("new_reasons", &c.new_reasons, reason);
        o.array("resolved_reasons", &c.resolved_reasons, reason);
        let rule = |out: &mut String, f: &Finding| {
            object(out, |o| {
                let r = f.rule().and_then(|r| bank.rules.get(r));
                o.str("id", r.map_or("", |r| r.id.as_str()));
                flag(o, "flag", Some(f.flag));
                o.str("why", &f.why(bank));
            });
        };
        o.array("new_rules", &c.new_rules, rule);
        o.array("resolved_rules", &c.resolved_rules, rule);
        let at = o.key("attestation");
        match &c.attestation {
            Some(a) => object(at, |o| {
                attestation(o, "before", a.before);
                attestation(o, "after", a.after);
            }),
            None => at.push_str("null"),
        }
    });
    out.push('\n');
    out
}

fn side(o: &mut Object<'_>, path: &Path, s: &Side<'_>) {
    let v = &s.verdict;
    o.str("file", &path.to_string_lossy());
    o.str("subject", &s.file.meta.subject);
    o.str("audience", s.file.meta.audience.id());
    let at = o.key("updated");
    match &s.file.meta.updated {
        Some(u) => string(at, u),
        None => at.push_str("null"),
    }
    o.str("verdict", v.level.id());
    o.bool("incomplete", v.incomplete);
    o.number("score", usize::try_from(v.score).unwrap_or(usize::MAX));
}

/// `"flag": "red", "critical": true`, or nulls and false for no flag.
fn flag(o: &mut Object<'_>, key: &str, f: Option<Flag>) {
    let at = o.key(key);
    match f {
        Some(f) => string(at, f.colour().id()),
        None => at.push_str("null"),
    }
    o.bool("critical", f == Some(Flag::Critical));
}

fn standing(o: &mut Object<'_>, bank: &Bank, id: QuestionId, s: &Standing<'_>) {
    let at = o.key("answer");
    match s.answer {
        Some(a) => answer_value(at, bank, id, a),
        None => at.push_str("null"),
    }
    o.str(
        "answer_text",
        &s.answer
            .map_or_else(String::new, |a| ui::answer_text(bank, id, a)),
    );
    flag(o, "flag", s.flag);
    o.bool("counted", s.counted);
    // The flag of an answer kept but not counted; a red one still rules out green.
    let at = o.key("kept_flag");
    match s.kept {
        Some(f) => string(at, f.id()),
        None => at.push_str("null"),
    }
}

fn document(o: &mut Object<'_>, d: &DocumentChange<'_>) {
    o.str("change", d.kind().id());
    o.str("direction", d.direction().id());
    for (key, h) in [("before", d.before), ("after", d.after)] {
        let at = o.key(key);
        match h {
            Some(h) => object(at, |o| held(o, &h)),
            None => at.push_str("null"),
        }
    }
}

fn held(o: &mut Object<'_>, h: &Held<'_>) {
    o.str("document", &h.document.document);
    let at = o.key("sha256");
    match &h.document.sha256 {
        Some(s) => string(at, s),
        None => at.push_str("null"),
    }
    o.str("status", h.status.id());
}

fn attestation(o: &mut Object<'_>, key: &str, a: Option<&Attestation>) {
    let at = o.key(key);
    let Some(a) = a else {
        at.push_str("null");
        return;
    };
    object(at, |o| {
        o.str("name", &a.name);
        o.str("role", &a.role);
        o.str("organization", &a.organization);
        o.str("date", &a.date);
        o.bool("signed", a.is_signed());
    });
}
