//! The questions still to ask, grouped as the verdict rules order them: gates first, then
//! refusals to ask again, then questions not asked yet, then those that may apply.

use crate::bank::{Audience, Bank};
use crate::doc::Check;
use crate::score::{FollowUp, Open, Verdict};

/// One group of the checklist, in the order of [`Open`].
pub struct Group<'a> {
    pub open: Open,
    pub title: &'static str,
    /// Said under the checklist's title when this group comes first.
    pub first_note: Option<&'static str>,
    pub sections: Vec<Section<'a>>,
}

/// The questions of one section of the bank, within a group.
pub struct Section<'a> {
    pub title: &'a str,
    pub asks: Vec<Ask<'a>>,
}

/// One question to ask: its "ask this" wording, whether it is a key question, and for a
/// question that may apply, when it does.
pub struct Ask<'a> {
    pub ask: &'a str,
    pub key: bool,
    pub when: Option<String>,
}

impl Ask<'_> {
    /// The question as a box to tick: `key_mark` before a key question ("Key question:"),
    /// `write_in` the label of a line to write on, `yourself` a check of one's own.
    pub fn check(&self, key_mark: Option<&str>, write_in: Option<&str>, yourself: bool) -> Check {
        Check {
            key: key_mark.filter(|_| self.key).map(str::to_owned),
            text: self.ask.to_owned(),
            when: self.when.clone(),
            write_in: write_in.map(str::to_owned),
            yourself,
        }
    }
}

fn title(open: Open) -> &'static str {
    match open {
        Open::Gate => "Ask these first: a green verdict needs an answer to each",
        Open::AskAgain => "They would not answer these: ask again",
        Open::Document => "Good answers, but ask to see the document behind each",
        Open::NotAsked => "Not asked yet",
        Open::Pending => "These may apply, depending on an answer above",
    }
}

fn first_note(open: Open) -> Option<&'static str> {
    match open {
        Open::Gate => Some(
            "Start with the first group: without those answers, nobody can call this lower-risk.",
        ),
        _ => None,
    }
}

/// What to ask whoever is vetted, grouped; the coordinator's own checks are left to
/// [`check_yourself`].
pub(super) fn groups<'a>(bank: &'a Bank, v: &Verdict, audience: Audience) -> Vec<Group<'a>> {
    let mut out: Vec<Group<'a>> = Vec::new();
    for f in &v.follow_up {
        let q = bank.question(f.question);
        if q.check_yourself(audience) {
            continue;
        }
        if out.last().is_none_or(|g| g.open != f.open) {
            out.push(Group {
                open: f.open,
                title: title(f.open),
                first_note: first_note(f.open),
                sections: Vec::new(),
            });
        }
        let Some(group) = out.last_mut() else {
            continue;
        };
        let section = bank.sections[q.section].title.as_str();
        if group.sections.last().is_none_or(|s| s.title != section) {
            group.sections.push(Section {
                title: section,
                asks: Vec::new(),
            });
        }
        let when = (f.open == Open::Pending)
            .then(|| when(bank, f.question, audience))
            .flatten();
        if let Some(s) = group.sections.last_mut() {
            s.asks.push(ask(bank, f, audience, when));
        }
    }
    out
}

/// What the coordinator answers from public records or their own plans (the bank's
/// `asked_of = "coordinator"`), in the verdict rules' order: never a question for the vendor.
pub(super) fn check_yourself<'a>(bank: &'a Bank, v: &Verdict, audience: Audience) -> Vec<Ask<'a>> {
    v.follow_up
        .iter()
        .filter(|f| bank.question(f.question).check_yourself(audience))
        .map(|f| {
            let when = (f.open == Open::Pending)
                .then(|| when(bank, f.question, audience))
                .flatten();
            ask(bank, f, audience, when)
        })
        .collect()
}

fn ask<'a>(bank: &'a Bank, f: &FollowUp, audience: Audience, when: Option<String>) -> Ask<'a> {
    let q = bank.question(f.question);
    // For a document, what to ask for is the document itself.
    let ask = match (&f.open, &q.evidence) {
        (Open::Document, Some(document)) => document.as_str(),
        _ => q.ask_for(audience),
    };
    Ask {
        ask,
        key: q.key,
        when,
    }
}

/// "Only if the answer to “Where do the exosomes come from?” is: Placenta cells; Platelets."
fn when(bank: &Bank, id: crate::bank::QuestionId, audience: Audience) -> Option<String> {
    let c = bank.question(id).show_if.as_ref()?;
    let on = bank.question(c.question);
    let labels: Vec<&str> = c
        .any_of
        .iter()
        .filter_map(|i| on.kind.choices().get(*i).map(|o| o.label.as_str()))
        .collect();
    Some(format!(
        "Only if the answer to “{}” is: {}.",
        on.prompt_for(audience),
        labels.join("; ")
    ))
}
