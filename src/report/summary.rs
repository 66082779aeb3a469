//! The printable summary a patient keeps: `exovet report FILE` in txt, md and html.
//!
//! One plain-text model ([`Doc`]) is gathered from the verdict, so the three
//! formats say the same thing in the same order; each renderer escapes every
//! string of it (bank text too: anyone can hand a clinic a bank).

mod html;
mod md;
mod txt;

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Format, Scored};
use crate::answers::Answer;
use crate::bank::{Audience, Bank, Flag};
use crate::score::{Finding, Level};
use crate::ui;

/// The summary of one scored answers file in `format`.
pub fn render(s: &Scored<'_>, format: Format) -> String {
    let doc = Doc::of(s);
    match format {
        Format::Txt => txt::render(&doc),
        Format::Md => md::render(&doc),
        Format::Html => html::render(&doc),
    }
}

// Headings and fixed sentences, shared by the three formats.
const KICKER_PATIENT: &str = "Exosome treatment check: a summary to keep and take to the consult";
const KICKER_COORDINATOR: &str =
    "Exosome product vendor check: a summary to keep with the vendor's file";
const NEXT_TITLE: &str = "What to do next";
const RESUME: &str = "When you learn more, add it and see the new verdict with:";
const FLAGS_TITLE_RED: &str = "Red and amber flags, worst first";
const FLAGS_TITLE_AMBER: &str = "Amber flags";
const FLAGS_TITLE_NONE: &str = "Red and amber flags";
const NO_FLAGS: &str = "None so far: no answer about the provider carries a red or amber flag.";
const CHECKLIST_TITLE: &str = "Questions still to ask";
const CHECKLIST_HOW_PATIENT: &str =
    "Tick each box when you have asked. Write the answer on the line under it.";
const CHECKLIST_HOW_COORDINATOR: &str =
    "Tick each box when the vendor has answered. Note the answer and the document it is in.";
const KEY_MARK: &str = "Key question:";
const KEY_FIRST: &str = "Ask the key questions first: they weigh most in the verdict.";
const NOTES_TITLE: &str = "Your notes";
const IGNORED_TITLE: &str = "Ignored in this file (not counted)";
const DISCLAIMER_TITLE: &str = "Please read";
const ANSWER_LABEL: &str = "Answer";
const WHY_LABEL: &str = "Why it matters";
const SOURCES_LABEL: &str = "Sources";

/// Everything the summary says, as plain text, in reading order.
struct Doc<'a> {
    kicker: &'static str,
    subject: String,
    facts: Vec<(&'static str, String)>,
    level: Level,
    /// "Verdict: AMBER (incomplete)", without a symbol.
    headline: String,
    meaning: &'a str,
    counts: String,
    next: Vec<&'static str>,
    /// The command that adds new answers, while questions are open.
    resume: Option<String>,
    rules_title: &'static str,
    rules: Vec<String>,
    flags_title: &'static str,
    flags: Vec<Item<'a>>,
    cautions: Vec<Item<'a>>,
    greens: Option<String>,
    checklist_how: String,
    open: usize,
    /// Open questions by section: the "ask this" line, and whether it is a key question.
    checklist: Vec<(&'a str, Vec<(&'a str, bool)>)>,
    notes: Vec<(&'a str, &'a str)>,
    ignored: Vec<String>,
    disclaimer: &'a str,
}

/// One flagged answer: the question, the answer in words, the reason, the sources.
struct Item<'a> {
    flag: Flag,
    section: &'a str,
    question: String,
    answer: Option<String>,
    why: Cow<'a, str>,
    sources: Vec<Source>,
}

/// A cited source: what to show, and an address when it is a web page.
struct Source {
    text: String,
    href: Option<String>,
}

impl<'a> Doc<'a> {
    fn of(s: &Scored<'a>) -> Self {
        let (bank, v, meta) = (s.bank, s.verdict, &s.file.meta);
        let audience = meta.audience;
        let subject = match meta.subject.trim() {
            "" => ui::NO_SUBJECT.to_owned(),
            name => name.to_owned(),
        };
        let mut questions_from = format!(
            "{} (bank {}, version {})",
            bank.title, bank.id, bank.version
        );
        if meta.bank_version != bank.version {
            let _ = write!(
                questions_from,
                "; the answers were saved with version {}",
                meta.bank_version
            );
        }
        let facts = vec![
            ("Who was checked", subject.clone()),
            ("Last saved", ui::when_text(meta.updated.as_deref())),
            ("Filled in by", ui::audience_words(audience).to_owned()),
            ("Questions from", questions_from),
            ("Answers file", s.path.display().to_string()),
        ];

        let is_caution = |f: &&Finding| v.is_patient_caution(bank, f);
        let flagged = || v.findings.iter().filter(|f| f.flag != Flag::Green);
        let incomplete = if v.incomplete { " (incomplete)" } else { "" };
        let headline = format!("Verdict: {}{incomplete}", ui::level_word(v.level));

        let item = |f: &'a Finding| Item {
            flag: f.flag,
            section: &bank.sections[bank.question(f.question).section].title,
            question: ui::finding_question(bank, f, audience),
            answer: ui::finding_answer(bank, f, &s.file.answers),
            why: f.why(bank),
            sources: f.sources(bank).iter().map(|x| source(bank, x)).collect(),
        };
        let flags: Vec<Item<'a>> = flagged().filter(|f| !is_caution(f)).map(item).collect();
        let cautions = flagged().filter(is_caution).map(item).collect();
        let flags_title = if flags.iter().any(|i| i.flag.is_red()) {
            FLAGS_TITLE_RED
        } else if flags.is_empty() {
            FLAGS_TITLE_NONE
        } else {
            FLAGS_TITLE_AMBER
        };
        let other = if flagged().next().is_some() {
            " other"
        } else {
            ""
        };
        let greens = match v.count(Flag::Green) {
            0 => None,
            1 => Some(format!("1{other} answer is green.")),
            n => Some(format!("{n}{other} answers are green.")),
        };

        let next = ui::next_steps(bank, v, audience);
        let resume = (!v.follow_up.is_empty()).then(|| {
            format!(
                "exovet --answers {}",
                shell_word(&s.path.display().to_string())
            )
        });

        let mut checklist: Vec<(&str, Vec<(&str, bool)>)> = Vec::new();
        for id in v.follow_up.iter().map(|f| f.question) {
            let q = bank.question(id);
            let title = bank.sections[q.section].title.as_str();
            let ask = (q.ask_for(audience), q.key);
            match checklist.last_mut() {
                Some((t, asks)) if *t == title => asks.push(ask),
                _ => checklist.push((title, vec![ask])),
            }
        }
        let mut checklist_how = match audience {
            Audience::Patient => CHECKLIST_HOW_PATIENT,
            Audience::Coordinator => CHECKLIST_HOW_COORDINATOR,
        }
        .to_owned();
        if v.follow_up.iter().any(|f| bank.question(f.question).gate) {
            checklist_how.push(' ');
            checklist_how.push_str(KEY_FIRST);
        }

        let notes = s
            .file
            .answers
            .answered()
            .filter_map(|(id, a)| match a {
                Answer::Text(t) if !t.trim().is_empty() => {
                    Some((bank.question(id).prompt_for(audience), t.trim()))
                }
                _ => None,
            })
            .collect();

        Doc {
            kicker: match audience {
                Audience::Patient => KICKER_PATIENT,
                Audience::Coordinator => KICKER_COORDINATOR,
            },
            subject,
            facts,
            level: v.level,
            headline,
            meaning: ui::verdict_meaning(bank, v),
            counts: counts(s),
            next,
            resume,
            rules_title: ui::rules_title(v.level),
            rules: v
                .rules
                .iter()
                .map(|r| ui::rule_text(bank, r, audience))
                .collect(),
            flags_title,
            flags,
            cautions,
            greens,
            checklist_how,
            open: v.follow_up.len(),
            checklist,
            notes,
            ignored: s.warnings.iter().map(ToString::to_string).collect(),
            disclaimer: &bank.disclaimer,
        }
    }

    fn symbol(&self) -> &'static str {
        ui::level_symbol(self.level)
    }
}

/// "31 of 32 questions answered." A patient sees no score: a 97/100 on a red
/// page reads as good news. Coordinators rank vendors by it.
fn counts(s: &Scored<'_>) -> String {
    let v = s.verdict;
    let questions = if v.countable == 1 {
        "question"
    } else {
        "questions"
    };
    let answered = format!("{} of {} {questions} answered.", v.answered, v.countable);
    match s.file.meta.audience {
        Audience::Patient => answered,
        Audience::Coordinator => format!(
            "{answered} Score {}/100: it ranks vendors with the same verdict, it is not a grade.",
            v.score
        ),
    }
}

/// A path as one word a shell takes literally.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "._/-+:@,".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn source(bank: &Bank, cited: &str) -> Source {
    let address = bank
        .sources
        .iter()
        .find(|s| s.id == cited)
        .map_or(cited, |s| s.address.as_str());
    let web = address.starts_with("https://") || address.starts_with("http://");
    Source {
        text: ui::source_label(bank, cited),
        href: web.then(|| address.to_owned()),
    }
}

impl Item<'_> {
    fn level(&self) -> Level {
        Level::of(self.flag)
    }
}

#[cfg(test)]
mod tests;
