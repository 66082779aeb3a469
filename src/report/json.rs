//! The machine-readable result of scoring one answers file: the fields of `product.md` and a few more.

use serde::Serialize;
use serde_json::{Value, json};

use super::Scored;
use crate::answers::Answer;
use crate::bank::{Bank, Flag, QuestionId};
use crate::ui;

#[derive(Serialize)]
struct Out<'a> {
    file: String,
    subject: &'a str,
    audience: &'static str,
    bank: BankRef<'a>,
    verdict: &'static str,
    incomplete: bool,
    score: u32,
    flags: Vec<FlagOut<'a>>,
    follow_up: Vec<FollowUp<'a>>,
    sections: Vec<SectionOut<'a>>,
    counts: Counts,
    reasons: Vec<String>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct BankRef<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct FlagOut<'a> {
    question: &'a str,
    section: &'a str,
    answer: Value,
    answer_text: String,
    flag: &'static str,
    critical: bool,
    why: &'a str,
    sources: &'a [String],
}

#[derive(Serialize)]
struct FollowUp<'a> {
    question: &'a str,
    ask: &'a str,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    id: &'a str,
    /// `null` when nothing in the section carries a flag.
    verdict: Option<&'static str>,
    flagged: usize,
    open: usize,
}

#[derive(Serialize)]
struct Counts {
    critical: usize,
    red: usize,
    amber: usize,
    green: usize,
    answered: usize,
    countable: usize,
}

/// One JSON object on one line.
pub fn render(s: &Scored<'_>) -> String {
    let bank = s.bank;
    let v = s.verdict;
    let audience = s.file.meta.audience;
    let out = Out {
        file: s.path.display().to_string(),
        subject: &s.file.meta.subject,
        audience: audience.id(),
        bank: BankRef {
            id: &bank.id,
            version: &bank.version,
        },
        verdict: v.level.id(),
        incomplete: v.incomplete,
        score: v.score,
        flags: v
            .findings
            .iter()
            .map(|f| {
                let answer = s.file.answers.get(f.question);
                FlagOut {
                    question: &bank.question(f.question).id,
                    section: &bank.section_of(f.question).id,
                    answer: answer.map_or(Value::Null, |a| answer_value(bank, f.question, a)),
                    answer_text: answer
                        .map_or_else(String::new, |a| ui::answer_text(bank, f.question, a)),
                    flag: f.flag.colour().id(),
                    critical: f.flag == Flag::Critical,
                    why: &f.why,
                    sources: &f.sources,
                }
            })
            .collect(),
        follow_up: v
            .follow_up
            .iter()
            .map(|id| FollowUp {
                question: &bank.question(*id).id,
                ask: bank.question(*id).ask_for(audience),
            })
            .collect(),
        sections: v
            .sections
            .iter()
            .map(|sv| SectionOut {
                id: &bank.sections[sv.section].id,
                verdict: sv.level.map(crate::score::Level::id),
                flagged: sv.flagged,
                open: sv.open,
            })
            .collect(),
        counts: Counts {
            critical: v.count(Flag::Critical),
            red: v.count(Flag::Red),
            amber: v.count(Flag::Amber),
            green: v.count(Flag::Green),
            answered: v.answered,
            countable: v.countable,
        },
        reasons: v
            .rules
            .iter()
            .map(|r| ui::rule_text(bank, r, audience))
            .collect(),
        warnings: s.warnings.iter().map(ToString::to_string).collect(),
    };
    serde_json::to_string(&out).unwrap_or_else(|e| json!({ "error": e.to_string() }).to_string())
}

/// The answer as it is written in the answers file.
fn answer_value(bank: &Bank, id: QuestionId, answer: &Answer) -> Value {
    let choices = bank.question(id).kind.choices();
    match answer {
        Answer::Choice(i) => json!(choices[*i].id),
        Answer::Choices(is) => json!(is.iter().map(|i| &choices[*i].id).collect::<Vec<_>>()),
        Answer::Number(n) => json!(n),
        Answer::Text(t) => json!(t),
        Answer::Refused => json!(crate::answers::REFUSED),
        Answer::NotApplicable => json!(crate::answers::NOT_APPLICABLE),
    }
}
