//! The keys each table of a bank may hold, and the check that finds typos among them.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, did_you_mean};
use crate::source::SourceText;

const TOP: &[&str] = &[
    "bank", "scoring", "section", "question", "source", "rule", "migrate", "guide",
];
const HEADER: &[&str] = &[
    "id",
    "version",
    "title",
    "disclaimer",
    "released",
    "review_by",
    "language",
];
const SCORING: &[&str] = &[
    "key",
    "gates",
    "red_at",
    "green_max_amber",
    "green_min_answered",
    "refused",
    "refused_key",
    "refused_why",
];
const SECTION: &[&str] = &["id", "title", "intro", "about"];
const QUESTION: &[&str] = &[
    "id",
    "section",
    "audience",
    "kind",
    "weight",
    "prompt",
    "coordinator_prompt",
    "vendor_prompt",
    "asked_of",
    "help",
    "ask",
    "coordinator_ask",
    "evidence",
    "sources",
    "refused",
    "refused_why",
    "allow_na",
    "allow_refused",
    "refused_label",
    "unscored",
    "show_if",
    "unit",
    "min",
    "max",
    "option",
    "band",
];
const OPTION: &[&str] = &[
    "id",
    "label",
    "vendor_label",
    "flag",
    "critical",
    "why",
    "sources",
    "traits",
];
const BAND: &[&str] = &["min", "max", "flag", "critical", "why", "sources"];
const SHOW_IF: &[&str] = &["question", "any_of", "has", "except"];
const SOURCE: &[&str] = &["id", "title", "kind", "address", "date"];
const RULE: &[&str] = &["id", "flag", "critical", "why", "sources", "when"];
const GUIDE: &[&str] = &["id", "title", "text", "audience", "sources"];
const MIGRATE: &[&str] = &["from", "question", "option", "reask", "why", "renamed"];

/// Reports every key the bank format does not know, with the nearest known one.
pub fn check_unknown(src: &SourceText, top: &DeTable<'_>, out: &mut Vec<Diagnostic>) {
    check_table(src, top, TOP, "the top level", out);
    for (key, value) in top {
        match key.get_ref().as_ref() {
            "bank" => check_value(src, value, HEADER, "[bank]", out),
            "scoring" => check_value(src, value, SCORING, "[scoring]", out),
            "section" => each_table(value, |t| {
                check_table(src, t, SECTION, "a [[section]]", out);
            }),
            "question" => each_table(value, |t| {
                check_table(src, t, QUESTION, "a [[question]]", out);
                if let Some(v) = get(t, "option") {
                    each_table(v, |o| {
                        check_table(src, o, OPTION, "a [[question.option]]", out);
                    });
                }
                if let Some(v) = get(t, "band") {
                    each_table(v, |b| check_table(src, b, BAND, "a [[question.band]]", out));
                }
                if let Some(v) = get(t, "show_if") {
                    check_value(src, v, SHOW_IF, "show_if", out);
                }
            }),
            "source" => each_table(value, |t| {
                check_table(src, t, SOURCE, "a [[source]]", out);
            }),
            "rule" => each_table(value, |t| {
                check_table(src, t, RULE, "a [[rule]]", out);
                if let Some(v) = get(t, "when") {
                    each_table(v, |w| {
                        check_table(src, w, SHOW_IF, "a `when` condition", out);
                    });
                }
            }),
            "migrate" => each_table(value, |t| {
                check_table(src, t, MIGRATE, "a [[migrate]]", out);
            }),
            "guide" => each_table(value, |t| {
                check_table(src, t, GUIDE, "a [[guide]]", out);
            }),
            _ => {}
        }
    }
}

fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

fn each_table<'i>(value: &Spanned<DeValue<'i>>, mut f: impl FnMut(&DeTable<'i>)) {
    match value.get_ref() {
        DeValue::Table(t) => f(t),
        DeValue::Array(items) => {
            for item in items {
                if let DeValue::Table(t) = item.get_ref() {
                    f(t);
                }
            }
        }
        _ => {}
    }
}

fn check_value(
    src: &SourceText,
    value: &Spanned<DeValue<'_>>,
    known: &[&str],
    place: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let DeValue::Table(t) = value.get_ref() {
        check_table(src, t, known, place, out);
    }
}

fn check_table(
    src: &SourceText,
    table: &DeTable<'_>,
    known: &[&str],
    place: &str,
    out: &mut Vec<Diagnostic>,
) {
    for key in table.keys() {
        let name = key.get_ref().as_ref();
        if !known.contains(&name) {
            out.push(src.error_at(
                key.span().start,
                format!(
                    "unknown key `{name}` in {place}.{} See docs/bank-format.md for the keys a bank may use.",
                    did_you_mean(name, known.iter().copied())
                ),
            ));
        }
    }
}
