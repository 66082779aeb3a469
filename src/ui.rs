//! Every word and symbol exovet shows for flags, verdicts and rules, in one place.

use crate::answers::Item;
use crate::answers::{Answer, example};
use crate::bank::{Audience, Bank, Flag, Kind, QuestionId};
use crate::score::Level;

mod verdict;

pub use verdict::*;

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
        // On one line, as all text from a file or a person is shown.
        Answer::Text(t) => from_file(t),
        Answer::Refused => refused_text(bank, id).to_owned(),
        Answer::NotApplicable => NA_TEXT.to_owned(),
    }
}

use crate::diag::inert;
use crate::text::{from_file, shown_path};

/// Above a question whose old answer a newer version of the questions asks again.
pub fn asked_again(written: &str, why: &str) -> String {
    format!(
        "Asked again: this file said “{}”, with an older version of the questions. {}",
        inert(written),
        inert(why)
    )
}

/// Where a comparison shows an old answer that a newer version of the questions asks again.
pub fn asked_again_short(written: &str) -> String {
    format!(
        "Not asked yet: the file said “{}”, which a newer version of the questions asks again",
        inert(written)
    )
}

/// When today's date, from the clock or `EXOVET_TODAY`, is before the bank came out.
pub fn date_before_release(today: &str, released: &str) -> String {
    format!(
        "exovet: warning: today's date ({today}) is before this version of the questions came out ({released}). Check the computer's clock, or EXOVET_TODAY: dates recorded now (a document's, an attestation's) would be wrong."
    )
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
        Item::Refused => refused_text(bank, id),
        Item::NotApplicable => NA_TEXT,
    }
}

/// How a refusal of this question is worded: the bank's own words ("I'd rather not say")
/// on a question about the patient, or "they could not or would not answer".
pub fn refused_text(bank: &Bank, id: QuestionId) -> &str {
    bank.question(id)
        .refused_label
        .as_deref()
        .unwrap_or(REFUSED_TEXT)
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
/// Said once when the name is left empty; Enter again goes on without one.
pub const SUBJECT_AGAIN: &str = "No name typed. A name goes on the summary and names the answers file. Type it, or press Enter again to go on without one.";
/// The review's line with the name of who is vetted.
pub const SUBJECT_LABEL: &str = "Vetting";
pub const SUBJECT_CHANGE: &str = "Enter to change the name";

/// The name of who is checked, as shown: trimmed and made inert, or [`NO_SUBJECT`].
pub fn shown_subject(raw: &str) -> String {
    let subject = from_file(raw);
    if subject.is_empty() {
        NO_SUBJECT.to_owned()
    } else {
        subject
    }
}

/// "Question 7 of 31 · Claims"
/// "Question 2 of 23 · more may follow · Sourcing": `m` counts the questions asked on the
/// answers so far, the same total every verdict and summary gives; `more` says that a
/// question still waits on an answer, so the total may grow instead of jumping unannounced.
pub fn position_line(n: usize, m: usize, more: bool, section: &str) -> String {
    let more = if more { MORE_MAY_FOLLOW_SHORT } else { "" };
    format!("Question {n} of {m}{more} · {section}")
}

const MORE_MAY_FOLLOW_SHORT: &str = " · more may follow";

pub fn saving_to(path: &std::path::Path) -> String {
    let path = inert(&path.display().to_string());
    format!("Answers are saved to {path} after every change.")
}

/// Where the answers are, once the wizard has closed.
/// Where the printable summary went: the HTML beside the answers, and its text copy.
pub fn summary_saved(html: &std::path::Path) -> String {
    format!(
        "Summary saved to {} (open it in a browser to print) and {}.",
        shown_path(html),
        shown_path(&html.with_extension("txt"))
    )
}

pub fn saved_in(path: &std::path::Path) -> String {
    let path = inert(&path.display().to_string());
    format!("Answers are saved to {path}.")
}

/// A document typed in to attach is being read before its status is asked.
pub fn reading_document(typed: &str, bytes: u64) -> String {
    format!(
        "Reading {} ({} MB) to check its fingerprint…",
        inert(typed),
        bytes.div_ceil(1024 * 1024).max(1)
    )
}

/// The summary is not written while a document it names is still being read.
pub fn summary_waits_for(document: &str) -> String {
    format!(
        "{} is still being read to check it is the file attached; save the summary again in a moment.",
        from_file(document)
    )
}

/// Saving elsewhere worked, and goes on there.
pub fn saved_there(path: &std::path::Path) -> String {
    let path = inert(&path.display().to_string());
    format!("Saved to {path}. From now on your answers are saved there.")
}

/// The command that resumes, quoted for a shell so it can be pasted as it is.
pub fn resume_hint(path: &std::path::Path) -> String {
    let path = inert(&crate::text::shell_word(&path.display().to_string()));
    format!("To continue later: exovet --answers {path}")
}

/// Said, after the screen is given back, when the answers could not be saved.
pub const NOT_SAVED: &str = "Your answers could not be saved. Here they are, to copy into a file:";
/// The title of the question asked on leaving while saving fails.
pub const NOT_SAVED_TITLE: &str = "Your answers are not saved";
pub const LEAVING_UNSAVED: &str = "Press w to save them to another file. Press q to leave anyway: your answers are then printed, to copy into a file. Any other key goes back to the questions.";

pub const HELP_TITLE: &str = "Why this matters";
pub const SOURCES_TITLE: &str = "Sources";
pub const REVIEW_TITLE: &str = "Review your answers";
/// The answers kept for questions not asked now, on the review screen.
pub const KEPT_TITLE: &str = "Kept but not counted";
pub const KEPT_NOTE: &str = "These answers are for questions that do not apply now (another audience's, or hidden by an earlier answer). They stay in the file but do not count; a red one still rules out green.";
pub const KEPT_CLEAR_KEY: &str = "Enter (or n) on one clears it.";
pub const KEPT_CLEAR_NUMBER: &str = "Type its number to clear it.";
pub const SHOW_VERDICT: &str = "Show the verdict";

// Typing in the full-screen wizard's fields, and taking changes back.

/// Backspace on an empty field: it only deletes, and never leaves the question.
pub const FIELD_EMPTY: &str =
    "The field is empty. ← or Shift-Tab goes back to the question before.";
/// ← while the field holds text, where it is a key of the text, not of the questions.
pub const FIELD_LEFT_ON_TEXT: &str = "← goes back only from an empty field. Shift-Tab goes back and keeps what is typed; Ctrl-U clears it.";
/// A key a number field cannot use: a letter, a sign.
/// A minus typed before a number: nothing asked for here is below zero.
pub const NUMBER_NOT_NEGATIVE: &str =
    "A minus is not taken: the number here cannot be below zero. Type it with digits, like 900.";
pub const NUMBER_DIGITS_ONLY: &str =
    "Type the number with digits, like 900. ↓ offers “not asked yet” and “refused”.";
/// A range typed where one number goes (`$450-600`): its dash is refused, never dropped, so
/// the two ends never run together into one number (450600).
/// Enter on a number field after a letter or a word was refused behind the number.
pub fn number_without_word(typed: &str) -> String {
    format!(
        "Only “{}” is taken: the letters or words after it are not. Press Enter again to save it as it is, or correct it (like 3500 for “3.5k”).",
        inert(typed)
    )
}

pub const NUMBER_RANGE: &str = "One number, like 500. For a range, type the price you will pay.";
/// Said again for each key after a refused range, while the field takes nothing more.
pub const NUMBER_RANGE_HELD: &str = "One number, like 500. For a range, type the price you will pay. Nothing more is taken after that: Backspace or Ctrl-U corrects the field.";
/// Ctrl-Z in a field where something was typed: undo stays with the question on screen.
pub const UNDO_ELSEWHERE_FROM_FIELD: &str = "Ctrl-Z here takes back only changes to this question. To take back an earlier answer, go back to it (Shift-Tab) and press Ctrl-Z there.";
pub const NOTHING_TO_UNDO: &str = "There is nothing to undo.";
pub const UNDONE_ERASED: &str = "Undone: the text is back as it was.";
pub const UNDONE_NAME: &str = "Undone: the name is as it was.";
pub const UNDONE_DOCUMENT: &str = "Undone: the document is as it was.";

/// What taking a change back did to the answer of the question it goes back to (on screen
/// then): `was` is the answer the change gave, `now` the one back.
pub fn taken_back(was: &str, now: &str) -> String {
    if was == now {
        return "the text typed here is as it was.".to_owned();
    }
    format!(
        "“{}” is taken back; the answer is “{}” again.",
        short(was),
        short(now)
    )
}

/// Ctrl-Z took a change back: `what` from [`taken_back`].
pub fn undone(what: &str) -> String {
    format!("Undone: {what}")
}

/// The slip guard took back the one change the first key of a sentence made: `what` from
/// [`taken_back`].
pub fn slip_taken_back(what: &str) -> String {
    format!(
        "That looked like a sentence typed by mistake: {what} Keys typed now do nothing until you press ↑ or ↓; then choose the answer."
    )
}

/// The slip guard unticked the option a digit ticked just before a letter.
pub fn slip_untick(label: &str) -> String {
    format!(
        "That looked like a sentence typed by mistake: the tick on “{}” is taken back. Letters do nothing here.",
        short(label)
    )
}

/// Text quoted in a one-line message: inert, and cut with `…` where it is long.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    let text = inert(text.trim()).replace(['\n', '\t'], " ");
    if text.chars().count() <= MAX {
        return text;
    }
    text.chars().take(MAX - 1).chain(['…']).collect()
}

// Questionnaire.

/// Under the bank's title on the blank questionnaire.
pub fn questionnaire_title(audience: Audience) -> &'static str {
    match audience {
        Audience::Patient => "Questions for patients",
        Audience::Coordinator => "Questions for coordinators",
    }
}

/// The label of the line where the person writes who is being vetted.
pub fn questionnaire_subject(audience: Audience) -> &'static str {
    match audience {
        Audience::Patient => "Clinic or provider",
        Audience::Coordinator => "Vendor",
    }
}

pub const QUESTIONNAIRE_DATE: &str = "Date";

/// On paper "not asked yet" is a blank, so only this reserved answer gets a box.
pub const QUESTIONNAIRE_REFUSED: &str = "They could not or would not answer";

pub const QUESTIONNAIRE_HOW_TO: &str = "How to fill it in: tick one box, or tick all that apply where it says so, or write the number. If they could not or would not answer, tick that box: it counts. Leave a question blank if it was not asked. A question marked \"Only if\" applies only after the answer it names.";

/// How to answer one question on paper, shown after its prompt.
pub fn questionnaire_hint(kind: &Kind) -> &'static str {
    match kind {
        Kind::Single(_) => "tick one",
        Kind::Multiple(_) => "tick all that apply",
        Kind::Number(_) => "write the number",
        Kind::Text => "write it down",
    }
}

/// "Only if the answer to question 3 was: A, B or C." — `labels` already quoted.
pub fn questionnaire_condition(number: usize, multiple: bool, labels: &[String]) -> String {
    let list = crate::diag::or_list(labels);
    if multiple {
        format!("Only if the answers to question {number} included: {list}.")
    } else {
        format!("Only if the answer to question {number} was: {list}.")
    }
}

pub const QUESTIONNAIRE_NEXT_TITLE: &str = "What next";
/// Why the blank form shows no flags.
pub const QUESTIONNAIRE_NOT_STEERED: &str = "This form does not say which answers are worrying, so that nobody filling it in is steered. exovet scores the answers afterwards.";
pub const ANSWERS_FILE_TITLE: &str = "For filling in an answers file";

// Summaries.

/// A verdict or flag mark in plain ASCII, for paper that may not print symbols.
pub fn level_mark_ascii(level: Level) -> &'static str {
    match level {
        Level::Green => "(+)",
        Level::Amber => "(!)",
        Level::Red => "(X)",
    }
}

/// Who filled the answers in, as a phrase: "a patient".
pub fn audience_words(audience: Audience) -> &'static str {
    match audience {
        Audience::Patient => "a patient",
        Audience::Coordinator => "a clinic coordinator",
    }
}

pub const NOT_SAVED_YET: &str = "not saved yet";

/// A saved time as a person reads it: "22 November 2026, 10:00 UTC".
/// Month names, because 03/04 means a different day on each side of the Atlantic.
/// Anything that is not an RFC 3339 date or date-time is shown as written.
pub fn when_text(updated: Option<&str>) -> String {
    let Some(raw) = updated.map(str::trim).filter(|u| !u.is_empty()) else {
        return NOT_SAVED_YET.to_owned();
    };
    readable_time(raw).unwrap_or_else(|| inert(raw))
}

fn readable_time(raw: &str) -> Option<String> {
    use toml::value::{Datetime, Offset};
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    // TOML's own date-time type: RFC 3339, with a space for the `T` as TOML allows.
    let when: Datetime = raw.parse().ok()?;
    let date = when.date?;
    let month = MONTHS.get(usize::from(date.month).checked_sub(1)?)?;
    let time = when
        .time
        .map(|t| format!(", {:02}:{:02}", t.hour, t.minute))
        .unwrap_or_default();
    let zone = match when.offset {
        None => String::new(),
        Some(Offset::Z | Offset::Custom { minutes: 0 }) => " UTC".to_owned(),
        Some(Offset::Custom { minutes }) => {
            let sign = if minutes < 0 { '-' } else { '+' };
            let minutes = minutes.unsigned_abs();
            format!(" UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    };
    Some(format!("{} {month} {}{time}{zone}", date.day, date.year))
}

/// The seed articles' titles, so a reader sees what a cited file name is.
pub fn source_title(source: &str) -> Option<&'static str> {
    Some(match source {
        "000_2883a67997344fa9.txt" => {
            "“Expert Review: The Current Use of Exosomes in Aesthetic Medicine” (clinic blog)"
        }
        "001_59938692ff68c28e.txt" => {
            "“An honest overview of exosome therapy in medical aesthetics” (MedSpot Editorial)"
        }
        "002_5a1502e91eef7985.txt" => {
            "“What Are Exosomes? The Skin Care Ingredient That Target Skin Directly” (news article, 2025)"
        }
        "003_563d86751a7bfe5e.txt" => {
            "“Deep Dive into Exosome Therapy for Reducing Wrinkles” (article for spa owners, 2025)"
        }
        "004_b7657017c2a83646.txt" => "a magazine feature on “regenerative beauty”",
        _ => return None,
    })
}

/// A cited source as a reader sees it: from the bank's `[[source]]` table its title and
/// address (a seed by its title and what a seed is); in a bank without one, a seed article
/// by its title, then the file name; anything else as written.
pub fn source_label(bank: &Bank, source: &str) -> String {
    if bank.sources.is_empty() {
        match source_title(source) {
            Some(title) => format!("{title}, {source}"),
            None => source.to_owned(),
        }
    } else {
        bank.cite(source)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_path_is_shown_on_one_line_and_drives_nothing() {
        let shown = super::shown_path(std::path::Path::new("x\ny\r\u{1b}[31m.toml"));
        assert_eq!(shown, "x\\ny\\u{d}\\u{1b}[31m.toml");
        assert!(!shown.contains(['\n', '\r', '\u{1b}']));
    }

    use super::*;

    #[test]
    fn typed_text_cannot_drive_the_terminal() {
        assert_eq!(
            inert("Spa\x1b[2J\x07 ok\nnext"),
            "Spa\\u{1b}[2J\\u{7} ok\nnext"
        );
        assert_eq!(inert("Clinique Été"), "Clinique Été");
    }

    #[test]
    fn the_resume_hint_is_a_command_a_shell_runs_as_shown() {
        use std::path::Path;
        assert_eq!(
            resume_hint(Path::new("answers/glow.toml")),
            "To continue later: exovet --answers answers/glow.toml"
        );
        assert_eq!(
            resume_hint(Path::new("my answers/Dr O'Neil.toml")),
            r"To continue later: exovet --answers 'my answers/Dr O'\''Neil.toml'"
        );
        assert_eq!(
            resume_hint(Path::new("a$(rm -rf x).toml")),
            "To continue later: exovet --answers 'a$(rm -rf x).toml'"
        );
    }
}
