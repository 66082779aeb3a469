//! What a typed line means on a question or on the review: pure, so every reading is tested without a terminal.

use crate::answers::Answer;
use crate::answers::Item;
use crate::bank::{Kind, QuestionId};
use crate::wizard::Wizard;

/// A line typed on a question.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Reply {
    /// An empty line: keep the answer and go on.
    Keep,
    Back,
    Help,
    Quit,
    /// Go to the next question not asked yet.
    NextOpen,
    /// Go to the review of every answer.
    Review,
    /// The review, listing only the questions not answered yet.
    ReviewOpen,
    /// Save to another file.
    SaveAs,
    /// Attach the document behind this answer (coordinators).
    Attach,
    /// A new answer; `None` is "not asked yet".
    Set(Option<Answer>),
    /// What to say, then ask again.
    Invalid(String),
}

/// A line typed on the review.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum ReviewReply {
    Verdict,
    Open(QuestionId),
    /// Clear an answer kept but not counted.
    Clear(QuestionId),
    /// Go to the first question not asked yet.
    NextOpen,
    /// Change the name of who is vetted.
    Rename,
    /// List the review again: every question, or only those not answered yet.
    List {
        open_only: bool,
    },
    Back,
    Help,
    Quit,
    SaveAs,
    Invalid(String),
}

/// The words that are commands on every question, even a text question.
fn command(word: &str, allow_na: bool, allow_refused: bool) -> Option<Reply> {
    Some(match word.to_lowercase().as_str() {
        "<" => Reply::Back,
        "?" => Reply::Help,
        "q" => Reply::Quit,
        "w" => Reply::SaveAs,
        ">" => Reply::NextOpen,
        "v" => Reply::Review,
        "vo" => Reply::ReviewOpen,
        "n" => Reply::Set(None),
        "r" if allow_refused => Reply::Set(Some(Answer::Refused)),
        "na" if allow_na => Reply::Set(Some(Answer::NotApplicable)),
        _ => return None,
    })
}

pub(super) fn question(wizard: &Wizard<'_>, id: QuestionId, line: &str) -> Reply {
    let typed = line.trim();
    if typed.is_empty() {
        return Reply::Keep;
    }
    let q = wizard.bank().question(id);
    if let Some(reply) = command(typed, q.allow_na, q.allow_refused) {
        return reply;
    }
    // Documents back a vendor's answers: for a patient, `a` is what it always was.
    if typed.eq_ignore_ascii_case("a") && wizard.audience() == crate::bank::Audience::Coordinator {
        return Reply::Attach;
    }
    match &q.kind {
        Kind::Text => Reply::Set(Some(Answer::Text(typed.to_owned()))),
        Kind::Number(_) => match wizard.parse_number(id, typed) {
            Ok(v) => Reply::Set(Some(Answer::Number(v))),
            Err(e) => Reply::Invalid(e),
        },
        Kind::Single(_) => choice(wizard, id, typed, false),
        Kind::Multiple(_) => choice(wizard, id, typed, true),
    }
}

/// Numbers from the question's answer list: one, or several for multiple choice.
fn choice(wizard: &Wizard<'_>, id: QuestionId, typed: &str, multiple: bool) -> Reply {
    let items = crate::answers::items(wizard.bank(), id);
    let what = if multiple {
        format!(
            // A no-break space keeps the example whole when the line wraps.
            "Type one or more numbers from 1 to {}, like 1\u{a0}3, or ? for help.",
            items.len()
        )
    } else {
        format!("Type a number from 1 to {}, or ? for help.", items.len())
    };
    let mut picked = Vec::new();
    for word in typed
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let Ok(n) = word.trim_end_matches('.').parse::<usize>() else {
            return Reply::Invalid(format!("“{word}” is not a number on the list. {what}"));
        };
        match n.checked_sub(1).and_then(|i| items.get(i)) {
            Some(item) => picked.push(*item),
            None => return Reply::Invalid(format!("There is no answer {n} here. {what}")),
        }
    }
    let options: Vec<usize> = picked
        .iter()
        .filter_map(|item| match item {
            Item::Option(i) => Some(*i),
            _ => None,
        })
        .collect();
    match (picked.as_slice(), multiple) {
        ([], _) => Reply::Invalid(what),
        ([item], false) => Reply::Set(item.answer()),
        // One option alone in multiple choice is a list of one, below.
        ([item], true) if !matches!(item, Item::Option(_)) => Reply::Set(item.answer()),
        (_, false) => Reply::Invalid(format!(
            "This question takes one answer. Type one number from 1 to {}.",
            items.len()
        )),
        _ if options.len() == picked.len() => {
            let mut options = options;
            options.sort_unstable();
            options.dedup();
            Reply::Set(Some(Answer::Choices(options)))
        }
        _ => Reply::Invalid(format!(
            "Pick options, or one of the answers after them alone. {what}"
        )),
    }
}

pub(super) fn review(wizard: &Wizard<'_>, line: &str) -> ReviewReply {
    let typed = line.trim();
    let visible = wizard.visible();
    let kept = wizard.kept();
    let what = if kept.is_empty() {
        format!(
            "Press Enter for the verdict, or type a number from 1 to {} to change that answer.",
            visible.len()
        )
    } else {
        format!(
            "Press Enter for the verdict, type a number from 1 to {} to change that answer, or from {} to {} to clear an answer kept but not counted.",
            visible.len(),
            visible.len() + 1,
            visible.len() + kept.len()
        )
    };
    match typed.to_lowercase().as_str() {
        "" => ReviewReply::Verdict,
        "<" => ReviewReply::Back,
        "?" => ReviewReply::Help,
        "q" => ReviewReply::Quit,
        "w" => ReviewReply::SaveAs,
        ">" => ReviewReply::NextOpen,
        "name" => ReviewReply::Rename,
        "v" => ReviewReply::List { open_only: false },
        "vo" => ReviewReply::List { open_only: true },
        word => match word.trim_end_matches('.').parse::<usize>() {
            Ok(n) => match n.checked_sub(1) {
                Some(i) if i < visible.len() => ReviewReply::Open(visible[i]),
                Some(i) if i - visible.len() < kept.len() => {
                    ReviewReply::Clear(kept[i - visible.len()])
                }
                _ => ReviewReply::Invalid(format!("There is no question {n}. {what}")),
            },
            Err(_) => ReviewReply::Invalid(format!("“{typed}” is not a command here. {what}")),
        },
    }
}
