//! What a verdict says in words: its meaning, why it is not better, the findings' questions
//! and answers, and what to do next.

use super::{answer_text, audience_words};
use crate::bank::{Audience, Bank, Flag, QuestionId};
use crate::score::{Level, Rule};

/// What a verdict means, in one plain sentence.
pub fn level_meaning(level: Level, incomplete: bool, audience: Audience) -> &'static str {
    match (level, incomplete) {
        // A coordinator buys a product; a physician advises a patient.
        (Level::Red, _) if audience == Audience::Coordinator => {
            "Serious warning signs. Do not buy or use this product until they are resolved, with documents."
        }
        (Level::Green, _) => {
            "Transparent and lower-risk on everything asked. This is not FDA approval and not proof of safety."
        }
        (Level::Amber, true) => {
            "Not enough is known yet: an important question is still open. Ask the open questions before you decide."
        }
        (Level::Amber, false) => {
            "Some answers are missing or worrying. Get clear answers before you decide."
        }
        (Level::Red, _) => {
            "Serious warning signs. Do not go ahead until they are resolved; talk to a physician you trust."
        }
    }
}

/// Said instead of [`level_meaning`] when every red is one of the patient's own cautions.
pub const RED_FROM_PATIENT_CAUTIONS: &str = "Red because of your own health, not the provider's answers: talk to your physician before any treatment.";

/// What this verdict means: [`level_meaning`], unless it is red only for the patient's own cautions.
pub fn verdict_meaning(bank: &Bank, v: &crate::score::Verdict, audience: Audience) -> &'static str {
    let reds_are_cautions = v
        .findings
        .iter()
        .filter(|f| f.flag.is_red())
        .all(|f| v.is_patient_caution(bank, f));
    if v.level == Level::Red && reds_are_cautions {
        RED_FROM_PATIENT_CAUTIONS
    } else {
        level_meaning(v.level, v.incomplete, audience)
    }
}

/// The title over the rules that hold a verdict where it is.
pub fn rules_title(level: Level) -> &'static str {
    if level == Level::Red {
        "Why it is red"
    } else {
        "Why it is not green"
    }
}

pub const PATIENT_CAUTIONS_TITLE: &str = "Your own cautions (about you, not the provider)";
pub const PATIENT_CAUTIONS_NOTE: &str =
    "A red here means: talk to your physician before any treatment.";

/// One sentence per rule that holds the verdict where it is.
pub fn rule_text(bank: &Bank, rule: &Rule, audience: Audience) -> String {
    let prompt = |id: QuestionId| bank.question(id).prompt_for(audience).to_owned();
    match rule {
        Rule::Critical(1) => {
            "A critical red flag: on its own, it makes the verdict red.".to_owned()
        }
        Rule::Critical(n) => {
            format!("{n} critical red flags: any one of them makes the verdict red.")
        }
        Rule::Reds { count, red_at } => {
            format!("{count} red flags; {red_at} or more make the verdict red.")
        }
        Rule::OneRed => "One red flag: a green verdict allows none.".to_owned(),
        Rule::KeyNotGreen(id) => format!(
            "A key question without a good (green) answer: “{}” A green verdict needs one.",
            prompt(*id)
        ),
        Rule::GateNotAsked(id) => format!(
            "{} not asked yet: “{}” A green verdict needs an answer to it.",
            gate_word(bank, *id),
            prompt(*id)
        ),
        Rule::GateRefused(id) => format!(
            "{} they could not or would not answer: “{}” A green verdict needs a real answer to it.",
            gate_word(bank, *id),
            prompt(*id)
        ),
        Rule::NotCounted(id) if !bank.question(*id).reach.includes(audience) => {
            let other = Audience::ALL
                .into_iter()
                .find(|a| *a != audience)
                .unwrap_or(audience);
            format!(
                "A red answer is recorded for “{}”, a question {} is not asked, so it does not count here. It still rules out green. If {} filled in this file, score it as one (exovet score --audience {other}); if not, clear it.",
                prompt(*id),
                audience_words(audience),
                audience_words(other),
            )
        }
        Rule::NotCounted(id) => format!(
            "A red answer is recorded for “{}”, a question that does not apply with the other answers given, so it does not count here. It still rules out green: check the earlier answer, or clear this one if it was a mistake.",
            prompt(*id)
        ),
        Rule::KeyNotApplicable(id) => format!(
            "Key question marked not applicable: “{}” A green verdict needs a green answer to every key question.",
            prompt(*id)
        ),
        Rule::TooManyAmbers { count, max } => {
            format!("{count} amber flags; a green verdict allows at most {max}.")
        }
        Rule::TooFewAnswered { percent, min } => format!(
            "Only {percent}% of the questions that count are answered; a green verdict needs at least {min}%."
        ),
    }
}

/// "Key question" or "Important question": what kind of gate a question is.
fn gate_word(bank: &Bank, id: QuestionId) -> &'static str {
    if bank.question(id).key {
        "Key question"
    } else {
        "Important question"
    }
}

/// Why a recorded answer does not count, for a reader.
pub fn because_text(because: crate::score::Because, audience: Audience) -> String {
    match because {
        crate::score::Because::Audience => format!(
            "this question is not asked of {}, so its answer is kept but not counted",
            audience_words(audience)
        ),
        crate::score::Because::Condition => "this question does not apply to the other answers given, so its answer is kept but not counted".to_owned(),
    }
}

/// What a finding is about: its question, or for a rule across answers, its questions.
pub fn finding_question(bank: &Bank, f: &crate::score::Finding, audience: Audience) -> String {
    match f.rule().and_then(|r| bank.rules.get(r)) {
        Some(rule) => format!(
            "These answers together: {}",
            rule.when
                .iter()
                .map(|c| format!("“{}”", bank.question(c.question).prompt_for(audience)))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        None => bank.question(f.question).prompt_for(audience).to_owned(),
    }
}

/// The answer a finding rests on, in words; for a rule, each of its answers.
pub fn finding_answer(
    bank: &Bank,
    f: &crate::score::Finding,
    answers: &crate::answers::Answers,
) -> Option<String> {
    match f.rule().and_then(|r| bank.rules.get(r)) {
        Some(rule) => Some(
            rule.when
                .iter()
                .filter_map(|c| {
                    answers
                        .get(c.question)
                        .map(|a| answer_text(bank, c.question, a))
                })
                .collect::<Vec<_>>()
                .join(" + "),
        ),
        None => answers.get(f.question).map(|a| {
            let words = answer_text(bank, f.question, a);
            // Said where the answer is, so the one-line reason is not read as a good answer.
            if f.cause == crate::score::Cause::NotShown {
                format!("{words} (claimed; no copy of the document seen)")
            } else {
                words
            }
        }),
    }
}

/// What to do after this verdict, in plain steps, worst news first.
pub fn next_steps(bank: &Bank, v: &crate::score::Verdict, audience: Audience) -> Vec<&'static str> {
    let patient = audience == Audience::Patient;
    let is_caution = |f: &&crate::score::Finding| v.is_patient_caution(bank, f);
    let reds = || v.findings.iter().filter(|f| f.flag.is_red());
    let caution_reds = reds().filter(is_caution).count();
    let provider_reds = reds().count() - caution_reds;
    // The patient's own "I'd rather not say" is a flag, but nothing to ask the provider about.
    let own_choice = |f: &&crate::score::Finding| f.is_own_choice(bank);
    let provider_flags = v
        .findings
        .iter()
        .filter(|f| f.flag != Flag::Green && !is_caution(f) && !own_choice(f))
        .count();
    // Questions for whoever is vetted: a coordinator's own checks are a step of their own.
    let open = v
        .follow_up
        .iter()
        .any(|f| !bank.question(f.question).check_yourself(audience));
    let mut steps = Vec::new();
    match (v.level, patient) {
        (Level::Red, true) if provider_reds == 0 => {
            steps.push("Talk to your physician about your own health before any treatment: see “Your own cautions” below.");
            steps.push("The provider's answers are not what made this red.");
            steps.extend(match (provider_flags > 0, open) {
                (true, true) => Some("At the consult, still ask about the provider's amber flags and the open questions."),
                (true, false) => Some("At the consult, still ask about the provider's amber flags."),
                (false, true) => Some("At the consult, still ask the open questions on the checklist."),
                (false, false) => None,
            });
        }
        (Level::Red, true) => {
            steps.push("Do not go ahead with this treatment, and do not pay or sign anything, until every red flag below is resolved.");
            steps.push("Good answers elsewhere do not cancel a red flag.");
            steps.push("Show this summary to a physician you trust before you decide.");
            if caution_reds > 0 {
                steps.push("Your own health also needs a physician's advice first: see “Your own cautions” below.");
            }
        }
        (Level::Red, false) => {
            steps.push("Do not buy or use this product until every red flag below is resolved, with documents.");
            steps.push("Good answers elsewhere do not cancel a red flag.");
        }
        (Level::Amber, true) if v.incomplete => {
            steps.push("Do not decide yet: an important question has not been asked.");
            steps.push("Take this page to the consult. Ask each question on the checklist and write down the answer.");
            steps.push("Do not pay or sign anything until you have clear answers.");
        }
        (Level::Amber, false) if v.incomplete => {
            steps.push("Do not decide yet: an important question has not been answered.");
            steps.push("Send the vendor the questions on the checklist and ask for documents.");
            steps.push("Do not buy until the answers are clear.");
        }
        (Level::Amber, true) => {
            if provider_flags > 0 {
                steps.push("At the consult, ask about each flag below and get clear answers, in writing if you can.");
            }
            if open {
                steps.push("Ask the questions on the checklist and write down the answers.");
            }
            steps.push("Do not pay or sign anything until you are satisfied with the answers.");
        }
        (Level::Amber, false) => {
            if provider_flags > 0 {
                steps.push("Ask the vendor about each flag below and get documents.");
            }
            if open {
                steps.push("Send the vendor the questions on the checklist.");
            }
            steps.push("Do not buy until the answers are clear.");
        }
        (Level::Green, _) => {
            steps.push("The answers so far look transparent and lower-risk. That is not FDA approval: no exosome product is FDA-approved, and green does not mean proven safe.");
            if provider_flags > 0 {
                steps.push("Still ask about the amber flags below.");
            }
            if open {
                steps.push("Ask the questions still on the checklist.");
            }
            steps.push(if patient {
                "Ask for the product name, maker and lot number to be written in your chart, and keep this summary."
            } else {
                "Keep the vendor's documents (lab reports, certificates) with this assessment."
            });
        }
    }
    if patient
        && v.level != Level::Red
        && caution_reds == 0
        && v.findings
            .iter()
            .any(|f| is_caution(&f) && f.flag == Flag::Amber)
    {
        steps.push("Mention “Your own cautions” below to the doctor at the consult.");
    }
    steps
}
