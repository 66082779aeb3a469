//! The machine-readable result of scoring one answers file: the fields of `product.md` and a few more.
//!
//! Each object is written by hand, not through serde: bulk scoring writes about 12 KB of JSON
//! per file, mostly the bank's own reasons and sources, and `serde_json` escapes strings a
//! byte at a time, which cost more than scoring itself. A [`Writer`] escapes the bank's part
//! of each flag and follow-up object the first time it is needed and copies it whole into
//! every later line; the rest is escaped as it is written. The bytes are the same as
//! `serde_json` writes.

pub(super) mod syntax;

use std::cell::OnceCell;

use syntax::{Object, list, object, string};

use super::Scored;
use crate::answers::{Answer, NOT_APPLICABLE, REFUSED};
use crate::bank::{Audience, Bank, Flag, Kind, QuestionId};
use crate::evidence::Found;
use crate::score::{Cause, Finding, Open};
use crate::ui;

/// Writes the JSON lines of files scored with one bank.
pub struct Writer<'b> {
    bank: &'b Bank,
    /// By question, in bank order.
    questions: Vec<Written>,
}

/// One question's objects, or the parts of them that come from the bank, each kept the first
/// time it is written: bulk scoring then copies them whole, and a one-file run writes nothing
/// it does not print.
struct Written {
    /// `{"question":…,"section":…`: a flag object up to its answer.
    head: OnceCell<String>,
    /// The whole flag object of each option chosen on its own …
    choices: Vec<OnceCell<String>>,
    /// … and of "refused".
    refused: OnceCell<String>,
    /// From the flag to the closing brace, for each band of a number question …
    bands: Vec<OnceCell<String>>,
    /// … and for each option of a multiple choice when it alone has the answer's worst flag.
    lone: Vec<OnceCell<String>>,
    /// The follow-up object as each audience is asked, in the order of [`Audience::ALL`].
    follow_up: [OnceCell<String>; Audience::ALL.len()],
}

impl<'b> Writer<'b> {
    pub fn new(bank: &'b Bank) -> Self {
        Self {
            bank,
            questions: bank.ids().map(|id| Written::new(bank, id)).collect(),
        }
    }

    /// Appends one JSON object and a newline to `out`, which bulk scoring reuses from file to
    /// file and hands to stdout in large pieces. `s` must be scored with this writer's bank.
    pub fn push_line(&self, s: &Scored<'_>, out: &mut String) {
        debug_assert!(std::ptr::eq(self.bank, s.bank), "scored with another bank");
        object(out, |o| self.fields(o, s));
        out.push('\n');
    }

    /// The fields, in the order of the contract.
    fn fields(&self, o: &mut Object<'_>, s: &Scored<'_>) {
        let bank = self.bank;
        let v = s.verdict;
        let audience = s.file.meta.audience;
        o.str("file", &s.path.to_string_lossy());
        o.str("subject", &s.file.meta.subject);
        o.str("audience", audience.id());
        o.object("bank", |b| {
            b.str("id", &bank.id);
            b.str("version", &bank.version);
        });
        o.str("verdict", v.level.id());
        o.bool("incomplete", v.incomplete);
        o.number("score", usize::try_from(v.score).unwrap_or(usize::MAX));
        let (fired, flags): (Vec<&Finding>, Vec<&Finding>) =
            v.findings.iter().partition(|f| f.rule().is_some());
        o.array("flags", &flags, |out, f| {
            self.flag(out, f, s.file.answers.get(f.question));
        });
        let asked = Audience::ALL
            .iter()
            .position(|a| *a == audience)
            .unwrap_or(0);
        o.array("follow_up", &v.follow_up, |out, f| {
            let q = bank.question(f.question);
            reuse(
                out,
                Some(&self.questions[f.question.0].follow_up[asked]),
                |out| {
                    let o = &mut Object::open(out);
                    o.str("question", &q.id);
                    o.str("ask", q.ask_for(audience));
                    o.bool("check_yourself", q.check_yourself(audience));
                },
            );
            Object::continuing(out).str("open", open_id(f.open));
            out.push('}');
        });
        o.array("rules", &fired, |out, f| {
            let rule = f.rule().and_then(|r| bank.rules.get(r));
            object(out, |o| {
                o.str("id", rule.map_or("", |r| r.id.as_str()));
                o.str("flag", f.flag.colour().id());
                o.bool("critical", f.flag == Flag::Critical);
                o.str("why", &f.why(bank));
            });
        });
        o.array("not_counted", &v.not_counted, |out, n| {
            object(out, |o| {
                o.str("question", &bank.question(n.question).id);
                let at = o.key("answer");
                match s.file.answers.get(n.question) {
                    Some(a) => answer_value(at, bank, n.question, a),
                    None => at.push_str("null"),
                }
                let at = o.key("flag");
                match n.flag {
                    Some(f) => string(at, f.colour().id()),
                    None => at.push_str("null"),
                }
                o.bool("critical", n.flag == Some(Flag::Critical));
                o.str("because", n.because.id());
            });
        });
        o.array("sections", &v.sections, |out, sv| {
            object(out, |o| {
                o.str("id", &bank.sections[sv.section].id);
                // `null` when nothing in the section carries a flag.
                let at = o.key("verdict");
                match sv.level {
                    Some(level) => string(at, level.id()),
                    None => at.push_str("null"),
                }
                o.number("flagged", sv.flagged);
                o.number("open", sv.open);
            });
        });
        o.object("counts", |c| {
            c.number("critical", v.count(Flag::Critical));
            c.number("red", v.count(Flag::Red));
            c.number("amber", v.count(Flag::Amber));
            c.number("green", v.count(Flag::Green));
            c.number("answered", v.answered);
            c.number("countable", v.countable);
            c.bool("more_may_follow", v.more_may_follow);
        });
        o.array("reasons", &v.rules, |out, r| {
            string(out, &ui::rule_text(bank, r, audience));
        });
        o.array("warnings", s.warnings, |out, w| string(out, &w.to_string()));
        // Documents as found beside the file: `status` is what it counts as, `matches`
        // whether the file hashes as when it was attached (`null`: nothing to compare).
        o.array("evidence", s.documents, |out, c| {
            object(out, |o| {
                o.str("question", &bank.question(c.question).id);
                o.str("document", &c.document.document);
                o.str("status", c.status().id());
                o.str("recorded_status", c.document.status.id());
                let at = o.key("matches");
                match c.matches() {
                    Some(m) => at.push_str(if m { "true" } else { "false" }),
                    None => at.push_str("null"),
                }
                o.str("found", found_id(&c.found));
            });
        });
        let at = o.key("attestation");
        match &s.file.annex.attestation {
            Some(a) => object(at, |o| {
                o.bool("signed", a.is_signed());
                o.str("name", &a.name);
                o.str("role", &a.role);
                o.str("organization", &a.organization);
                o.str("date", &a.date);
                o.str("statement", &a.statement);
            }),
            None => at.push_str("null"),
        }
    }

    /// One flag object. For an option or a refusal the answer follows from the cause, so the
    /// whole object is the same every time; otherwise only its last part is.
    fn flag(&self, out: &mut String, f: &Finding, answer: Option<&Answer>) {
        let written = &self.questions[f.question.0];
        let whole = match (&f.cause, answer) {
            (Cause::Choice(i), Some(Answer::Choice(picked))) if i == picked => {
                written.choices.get(*i)
            }
            (Cause::Refused, Some(Answer::Refused)) => Some(&written.refused),
            _ => None,
        };
        let rest = match &f.cause {
            Cause::Band(i) => written.bands.get(*i),
            Cause::Choices(picked) => match picked.as_slice() {
                [i] => written.lone.get(*i),
                _ => None,
            },
            Cause::Choice(_) | Cause::Refused | Cause::Rule(_) | Cause::NotShown => None,
        };
        reuse(out, whole, |out| {
            reuse(out, Some(&written.head), |out| {
                flag_head(&mut Object::open(out), self.bank, f.question);
            });
            flag_answer(&mut Object::continuing(out), self.bank, f.question, answer);
            reuse(out, rest, |out| flag_rest(out, self.bank, f));
        });
    }
}

fn found_id(found: &Found) -> &'static str {
    match found {
        Found::Matches => "unchanged",
        Found::Changed => "changed",
        Found::Missing => "missing",
        Found::Unreadable(_) => "unreadable",
        Found::Unhashed => "no-hash",
        Found::Address => "web-address",
        Found::Reading(_) => "reading",
    }
}

/// Copies into `out` what `kept` holds, or writes it and keeps a copy for the next line.
fn reuse(out: &mut String, kept: Option<&OnceCell<String>>, write: impl FnOnce(&mut String)) {
    if let Some(text) = kept.and_then(OnceCell::get) {
        out.push_str(text);
        return;
    }
    let start = out.len();
    write(out);
    if let Some(kept) = kept {
        let _ = kept.set(out[start..].to_owned());
    }
}

impl Written {
    fn new(bank: &Bank, id: QuestionId) -> Self {
        let q = bank.question(id);
        let cells = |n: usize| (0..n).map(|_| OnceCell::new()).collect();
        let (bands, lone) = match &q.kind {
            Kind::Number(n) => (n.bands.len(), 0),
            Kind::Multiple(cs) => (0, cs.len()),
            Kind::Single(_) | Kind::Text => (0, 0),
        };
        Self {
            head: OnceCell::new(),
            choices: cells(q.kind.choices().len()),
            refused: OnceCell::new(),
            bands: cells(bands),
            lone: cells(lone),
            follow_up: std::array::from_fn(|_| OnceCell::new()),
        }
    }
}

/// Why a question is on the follow-up list, as JSON says it.
fn open_id(open: Open) -> &'static str {
    match open {
        Open::Gate => "gate",
        Open::AskAgain => "ask-again",
        Open::Document => "document",
        Open::NotAsked => "not-asked",
        Open::Pending => "pending",
    }
}

/// The first fields of a flag object: which question, in which section.
fn flag_head(o: &mut Object<'_>, bank: &Bank, id: QuestionId) {
    o.str("question", &bank.question(id).id);
    o.str("section", &bank.section_of(id).id);
}

/// The answer as the answers file writes it, and in words.
fn flag_answer(o: &mut Object<'_>, bank: &Bank, id: QuestionId, answer: Option<&Answer>) {
    let at = o.key("answer");
    match answer {
        Some(a) => answer_value(at, bank, id, a),
        None => at.push_str("null"),
    }
    o.str(
        "answer_text",
        &answer.map_or_else(String::new, |a| ui::answer_text(bank, id, a)),
    );
}

/// The last fields of a flag object, from the bank, and its closing brace.
fn flag_rest(out: &mut String, bank: &Bank, f: &Finding) {
    let o = &mut Object::continuing(out);
    o.str("flag", f.flag.colour().id());
    o.bool("critical", f.flag == Flag::Critical);
    o.str("why", &f.why(bank));
    o.array("sources", &f.sources(bank), |out, source| {
        string(out, &ui::source_label(bank, source));
    });
    out.push('}');
}

/// The answer as it is written in the answers file.
pub(super) fn answer_value(out: &mut String, bank: &Bank, id: QuestionId, answer: &Answer) {
    let choices = bank.question(id).kind.choices();
    match answer {
        Answer::Choice(i) => string(out, &choices[*i].id),
        Answer::Choices(is) => list(out, is, |out, i| string(out, &choices[*i].id)),
        // Rare, and `serde_json` formats floats exactly as it always has (`900.0`).
        Answer::Number(n) => {
            out.push_str(&serde_json::to_string(n).unwrap_or_else(|_| "null".to_owned()));
        }
        Answer::Text(t) => string(out, t),
        Answer::Refused => string(out, REFUSED),
        Answer::NotApplicable => string(out, NOT_APPLICABLE),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::answers::{AnswerFile, Answers, Meta};
    use crate::bank::load_builtin;
    use crate::score;

    /// Answers that between them give every kind of flag object: each option on its own,
    /// refusals, every band, tied and lone options of a multiple choice, and questions left open.
    fn answer_sets(bank: &Bank) -> Vec<Answers> {
        (0..6)
            .map(|round| {
                let mut answers = Answers::empty(bank);
                for (n, id) in bank.ids().enumerate() {
                    let q = bank.question(id);
                    let options = q.kind.choices().len();
                    let answer = match (&q.kind, (n + round) % 6) {
                        (_, 0) => Some(Answer::Refused),
                        (_, 1) => None,
                        (Kind::Multiple(_), 2) => Some(Answer::Choices((0..options).collect())),
                        (Kind::Multiple(_), _) => {
                            Some(Answer::Choices(vec![(n + round) % options]))
                        }
                        (Kind::Number(spec), k) => {
                            let band = &spec.bands[k % spec.bands.len()];
                            Some(Answer::Number(band.max))
                        }
                        (Kind::Text, _) => Some(Answer::Text("Brand \"X\"\tlot 42".to_owned())),
                        (Kind::Single(_), k) => Some(Answer::Choice(k % options)),
                    };
                    answers.set(id, answer);
                }
                answers
            })
            .collect()
    }

    #[test]
    fn lines_from_kept_parts_are_the_lines_written_afresh() {
        let bank = load_builtin();
        let kept = Writer::new(&bank);
        for audience in Audience::ALL {
            for answers in answer_sets(&bank) {
                let file = AnswerFile::new(Meta::new(&bank, audience, "Glow \"Med\" Spa"), answers);
                let verdict = score::score(&bank, &file.answers, audience);
                let s = Scored::new(Path::new("v.toml"), &bank, &file, &verdict);
                let mut fresh = String::new();
                Writer::new(&bank).push_line(&s, &mut fresh);
                for _ in 0..2 {
                    let mut again = String::new();
                    kept.push_line(&s, &mut again);
                    assert_eq!(again, fresh);
                }
                let line: serde_json::Value = serde_json::from_str(&fresh).unwrap();
                let flags = line["flags"].as_array().unwrap();
                let answered: Vec<_> = verdict
                    .findings
                    .iter()
                    .filter(|f| f.rule().is_none())
                    .collect();
                assert_eq!(flags.len(), answered.len());
                for (json, f) in flags.iter().zip(answered) {
                    assert_eq!(json["why"], *f.why(&bank));
                    let shown: Vec<String> = f
                        .sources(&bank)
                        .iter()
                        .map(|s| ui::source_label(&bank, s))
                        .collect();
                    assert_eq!(json["sources"], serde_json::json!(shown));
                }
            }
        }
    }
}
