//! What a diff says, in words, for its document (`page.rs`): one phrasing of each
//! change, so no two formats can say different things. Text a person typed (answers,
//! document names, names in an attestation) is returned as typed; each renderer makes it
//! inert or escapes it.

use super::documents::{DocumentChange, Held, Kind};
use super::{Changes, Direction, Standing};
use crate::answers::{Attestation, Status};
use crate::bank::{Audience, Bank, Flag, QuestionId};
use crate::score::Level;
use crate::ui;

pub const TITLE: &str = "What changed";
pub const NO_CHANGES: &str =
    "No changes: the two files give the same verdict, answers, flags, documents and attestation.";
/// Before the answer of a question whose document alone changed.
pub const UNCHANGED: &str = "Answer, unchanged";
pub const REASONS_NEW: &str = "New reasons";
pub const REASONS_GONE: &str = "Reasons no longer given";
pub const RULES_TITLE: &str = "Answers that are a warning sign together";
pub const RULES_NEW: &str = "Now fires";
pub const RULES_GONE: &str = "No longer fires";
pub const ATTESTATION_TITLE: &str = "Attestation";
/// Under the documents and the attestation: neither is a check of the answers.
pub const NOT_A_CHECK: &str = "A document's hash shows a file is unchanged, not that it is genuine; an attestation says who stands behind the answers, not that they are true.";

/// The title over the changed questions that went one way.
pub fn group_title(direction: Direction) -> &'static str {
    match direction {
        Direction::Worse => "Worse",
        Direction::Better => "Better",
        Direction::Neither => "Changed, neither better nor worse",
    }
}

/// A short word for the direction, on each changed question.
/// The colour of a change's direction where colour is on: WORSE red, BETTER green.
pub fn direction_tone(direction: Direction) -> Option<crate::doc::Tone> {
    match direction {
        Direction::Worse => Some(crate::doc::Tone::Red),
        Direction::Better => Some(crate::doc::Tone::Green),
        Direction::Neither => None,
    }
}

pub fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Worse => "WORSE",
        Direction::Better => "BETTER",
        Direction::Neither => "CHANGED",
    }
}

/// "this consult against the first" for a patient, "this assessment against the last" for
/// a coordinator: what the two files are to the reader.
pub fn sides(audience: Audience) -> (&'static str, &'static str) {
    match audience {
        Audience::Patient => ("Before", "Now"),
        Audience::Coordinator => ("Last time", "This time"),
    }
}

/// "AMBER (incomplete)".
pub fn verdict(level: Level, incomplete: bool) -> String {
    let open = if incomplete { " (incomplete)" } else { "" };
    format!(
        "{} {}{open}",
        ui::level_symbol(level),
        ui::level_word(level)
    )
}

/// "Verdict: ▲ AMBER (incomplete) → ✖ RED: worse." or "Verdict: ▲ AMBER, unchanged."
pub fn verdict_line(c: &Changes<'_>) -> String {
    let (b, a) = (c.verdict.before, c.verdict.after);
    if !c.verdict.changed() {
        return format!("Verdict: {}, unchanged.", verdict(a.0, a.1));
    }
    let how = match c.verdict.direction() {
        Direction::Worse => "worse",
        Direction::Better => "better",
        // Amber incomplete → amber: the open questions are answered, the verdict is as it was.
        Direction::Neither => "no important question is open now, but the verdict is the same",
    };
    format!(
        "Verdict: {} → {}: {how}.",
        verdict(b.0, b.1),
        verdict(a.0, a.1)
    )
}

/// "Score 50/100 → 62/100.", for a coordinator only: a patient never sees a score.
pub fn score_line(c: &Changes<'_>) -> Option<String> {
    (c.new.file.meta.audience == Audience::Coordinator).then(|| {
        format!(
            "Score {}/100 → {}/100 (it ranks vendors with the same verdict; it is not a grade).",
            c.old.verdict.score, c.new.verdict.score
        )
    })
}

/// "2 answers worse, 1 better, 3 changed without getting better or worse."
pub fn counts_line(c: &Changes<'_>) -> Option<String> {
    let parts: Vec<String> = [Direction::Worse, Direction::Better, Direction::Neither]
        .into_iter()
        .filter_map(|d| {
            let n = c.count(d);
            (n > 0).then(|| {
                let what = match d {
                    Direction::Worse => "worse",
                    Direction::Better => "better",
                    Direction::Neither => "changed, neither better nor worse",
                };
                format!("{n} {what}")
            })
        })
        .collect();
    (!parts.is_empty()).then(|| {
        let questions = if c.questions.len() == 1 {
            "question"
        } else {
            "questions"
        };
        format!(
            "{} {questions} changed: {}.",
            c.questions.len(),
            parts.join(", ")
        )
    })
}

/// The question as the reader's audience is asked it.
pub fn prompt(bank: &Bank, id: QuestionId, audience: Audience) -> &str {
    bank.question(id).prompt_for(audience)
}

/// A flag in words and a symbol: "✖ CRITICAL RED".
pub fn flag(f: Flag) -> String {
    format!("{} {}", ui::flag_symbol(f), ui::flag_word(f))
}

/// Where a question stands, as typed text plus what it counts as: "Cancer cell line
/// (✖ CRITICAL RED)", "Not asked yet", "Yes (kept but not counted)".
pub fn standing(bank: &Bank, id: QuestionId, s: &Standing<'_>) -> String {
    let Some(answer) = s.answer else {
        return match s.asked_again {
            Some(old) => ui::asked_again_short(old),
            None => ui::NOT_ASKED_TEXT.to_owned(),
        };
    };
    // A note typed with line breaks is shown on one line, as all text from a file is.
    let text = crate::text::from_file(&ui::answer_text(bank, id, answer));
    match (s.flag, s.counted, s.kept) {
        (Some(f), _, _) => format!("{text} ({})", flag(f)),
        (None, true, _) => text,
        (None, false, Some(f)) if f.is_red() => format!(
            "{text} ({}, kept but not counted: the question does not apply now, but it still rules out green)",
            flag(f)
        ),
        (None, false, _) => {
            format!("{text} (kept but not counted: the question does not apply now)")
        }
    }
}

/// A document and the status it counts with: "coa-lot-42.pdf (seen)".
pub fn held(h: &Held<'_>) -> String {
    format!(
        "{} ({})",
        crate::text::from_file(&h.document.document),
        status(h.status)
    )
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Claimed => "claimed, not seen",
        Status::Seen => "seen",
        Status::Checked => "checked against the answer",
    }
}

/// One line about a document that changed.
pub fn document(d: &DocumentChange<'_>) -> String {
    match (d.kind(), d.before, d.after) {
        (Kind::Added, _, Some(a)) => format!("Document added: {}.", held(&a)),
        (Kind::Removed, Some(b), _) => format!("Document removed: {}.", held(&b)),
        (_, Some(b), Some(a)) => {
            let mut line = format!("Document: {} → {}.", held(&b), held(&a));
            if d.rehashed() && !d.renamed() {
                line.push_str(
                    " Same name, different contents: its SHA-256 is not the one recorded before.",
                );
            }
            line
        }
        _ => String::new(),
    }
}

/// Who stands behind a returned questionnaire, or that nobody does.
pub fn attestation(a: Option<&Attestation>) -> String {
    match a {
        None => "none (not a returned questionnaire)".to_owned(),
        Some(a) if a.is_signed() => crate::text::from_file(&crate::explain::signature(a)),
        Some(_) => "vendor-reported, not attested".to_owned(),
    }
}

/// Said on standard error when the two files are about different subjects.
pub fn subject_warning(old: &str, new: &str, old_subject: &str, new_subject: &str) -> String {
    format!(
        "exovet: warning: {old} is about “{}” and {new} about “{}”: compared anyway. Check that they are the same provider or vendor.",
        ui::shown_subject(old_subject),
        ui::shown_subject(new_subject)
    )
}

/// Said on standard error when the two files were filled in by different audiences.
pub fn audience_warning(
    old: &str,
    new: &str,
    old_audience: Audience,
    new_audience: Audience,
) -> String {
    format!(
        "exovet: warning: {old} was filled in by {} and {new} by {}: each is scored as its own, so some questions count in one and not the other.",
        ui::audience_words(old_audience),
        ui::audience_words(new_audience)
    )
}
