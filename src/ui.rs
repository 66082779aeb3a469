//! Every word and symbol exovet shows for flags, verdicts and rules, in one place.

use std::io::IsTerminal;

use crate::answers::{Answer, example};
use crate::bank::{Audience, Bank, Flag, Kind, QuestionId};
use crate::score::{Level, Rule};
use crate::wizard::Item;

pub fn level_word(level: Level) -> &'static str {
    match level {
        Level::Green => "GREEN",
        Level::Amber => "AMBER",
        Level::Red => "RED",
    }
}

/// A symbol per level, so the verdict never depends on colour alone.
pub fn level_symbol(level: Level) -> &'static str {
    match level {
        Level::Green => "✔",
        Level::Amber => "▲",
        Level::Red => "✖",
    }
}

pub fn flag_word(flag: Flag) -> &'static str {
    match flag {
        Flag::Green => "GREEN",
        Flag::Amber => "AMBER",
        Flag::Red => "RED",
        Flag::Critical => "CRITICAL RED",
    }
}

pub fn flag_symbol(flag: Flag) -> &'static str {
    level_symbol(Level::of(flag))
}

/// What a verdict means, in one plain sentence.
pub fn level_meaning(level: Level, incomplete: bool) -> &'static str {
    match (level, incomplete) {
        (Level::Green, _) => {
            "Transparent and lower-risk on everything asked. This is not FDA approval and not proof of safety."
        }
        (Level::Amber, true) => {
            "Not enough is known yet: a key question is still open. Ask the open questions before you decide."
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

pub const PATIENT_CAUTIONS_TITLE: &str = "Your own cautions (about you, not the provider)";
pub const PATIENT_CAUTIONS_NOTE: &str =
    "A red here means: talk to your physician before any treatment.";

/// One sentence per rule that holds the verdict where it is.
pub fn rule_text(bank: &Bank, rule: &Rule, audience: Audience) -> String {
    let prompt = |id: QuestionId| bank.question(id).prompt_for(audience).to_owned();
    match rule {
        Rule::Critical(1) => "A critical red flag: a knock-out on its own.".to_owned(),
        Rule::Critical(n) => format!("{n} critical red flags: each is a knock-out on its own."),
        Rule::Reds { count, red_at } => {
            format!("{count} red flags; {red_at} or more make the verdict red.")
        }
        Rule::OneRed => "One red flag: a green verdict allows none.".to_owned(),
        Rule::KeyNotGreen(id) => format!("Key question not answered green: “{}”", prompt(*id)),
        Rule::KeyNotAsked(id) => format!("Key question not asked yet: “{}”", prompt(*id)),
        Rule::KeyNotApplicable(id) => format!(
            "Key question marked not applicable: “{}” A green verdict needs a green answer to every key question.",
            prompt(*id)
        ),
        Rule::TooManyAmbers { count, max } => {
            format!("{count} amber flags; a green verdict allows at most {max}.")
        }
        Rule::TooFewAnswered { percent, min } => format!(
            "Only {percent}% of the questions are answered; a green verdict needs at least {min}%."
        ),
    }
}

/// An answer in words: the option labels, the number with its unit, or the reserved meaning.
pub fn answer_text(bank: &Bank, id: QuestionId, answer: &Answer) -> String {
    let q = bank.question(id);
    let label = |i: &usize| {
        q.kind
            .choices()
            .get(*i)
            .map_or("?", |c| c.label.as_str())
            .to_owned()
    };
    match answer {
        Answer::Choice(i) => label(i),
        Answer::Choices(is) => is.iter().map(label).collect::<Vec<_>>().join("; "),
        Answer::Number(v) => match &q.kind {
            Kind::Number(n) => format!("{} {}", example(*v), n.unit),
            _ => example(*v),
        },
        Answer::Text(t) => t.clone(),
        Answer::Refused => REFUSED_TEXT.to_owned(),
        Answer::NotApplicable => NA_TEXT.to_owned(),
    }
}

/// Text a user typed, made harmless for a terminal: control characters
/// (which could move the cursor or change colours) become visible `\u{..}` escapes.
pub fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

pub const REFUSED_TEXT: &str = "Asked — they could not or would not answer";
pub const NA_TEXT: &str = "Not applicable";
pub const NOT_ASKED_TEXT: &str = "Not asked yet";

/// The words of one line of a question's answer list.
pub fn item_label(bank: &Bank, id: QuestionId, item: Item) -> &str {
    match item {
        Item::Option(i) => bank
            .question(id)
            .kind
            .choices()
            .get(i)
            .map_or("?", |c| c.label.as_str()),
        Item::NotAsked => NOT_ASKED_TEXT,
        Item::Refused => REFUSED_TEXT,
        Item::NotApplicable => NA_TEXT,
    }
}

// The start: who is filling it in, and who is being vetted.
pub const AUDIENCE_QUESTION: &str = "Who is filling this in?";
/// In the order of [`Audience::ALL`].
pub const AUDIENCE_CHOICES: [&str; 2] = [
    "A patient, checking a clinic or provider before or after a consult",
    "A clinic coordinator, screening a vendor of exosome products",
];
pub const SUBJECT_QUESTION: &str =
    "Who are you checking? Type the name of the clinic, provider or vendor.";
pub const NO_SUBJECT: &str = "(no name given)";

/// "Question 7 of 31 · Claims"
pub fn position_line(n: usize, m: usize, section: &str) -> String {
    format!("Question {n} of {m} · {section}")
}

pub fn saving_to(path: &std::path::Path) -> String {
    format!(
        "Answers are saved to {} after every change.",
        path.display()
    )
}

pub fn resume_hint(path: &std::path::Path) -> String {
    format!("To continue later: exovet --answers {}", path.display())
}

pub const HELP_TITLE: &str = "Why this matters";
pub const SOURCES_TITLE: &str = "Sources";
pub const REVIEW_TITLE: &str = "Review your answers";
pub const SHOW_VERDICT: &str = "Show the verdict";

/// Terminal colour, used only where it helps and only when allowed.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    enabled: bool,
}

impl Paint {
    /// Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`.
    pub fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Self {
            enabled: std::io::stdout().is_terminal() && !no_color && !dumb,
        }
    }

    pub fn off() -> Self {
        Self { enabled: false }
    }

    pub fn level(self, level: Level, text: &str) -> String {
        let code = match level {
            Level::Green => "32",
            Level::Amber => "33",
            Level::Red => "31",
        };
        self.wrap(code, text)
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn wrap(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_cannot_drive_the_terminal() {
        assert_eq!(
            inert("Spa\x1b[2J\x07 ok\nnext"),
            "Spa\\u{1b}[2J\\u{7} ok\nnext"
        );
        assert_eq!(inert("Clinique Été"), "Clinique Été");
    }
}
