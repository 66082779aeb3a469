//! What the plain mode prints for a question, its help and the review: plain lines, numbered, no layout.

use std::io;

use super::talk::Out;
use super::{ALL_DONE, KEYS, REVIEW_KEYS, TYPE_NUMBER, TYPE_ONE, TYPE_SOME, TYPE_TEXT};
use crate::answers::Item;
use crate::answers::example;
use crate::bank::{Kind, QuestionId};
use crate::ui;
use crate::wizard::Wizard;

/// The section's title and intro, said when the questions move into it.
pub(super) fn section(out: &mut Out<'_>, wizard: &Wizard<'_>, id: QuestionId) -> io::Result<()> {
    let s = wizard.bank().section_of(id);
    out.blank()?;
    out.wrapped(&format!("{}: {}", s.title, s.intro), "", "")
}

pub(super) fn question(out: &mut Out<'_>, wizard: &Wizard<'_>, id: QuestionId) -> io::Result<()> {
    let bank = wizard.bank();
    let q = bank.question(id);
    out.blank()?;
    if let Some((n, m)) = wizard.position() {
        let more = wizard.more_may_follow();
        out.line(&ui::position_line(n, m, more, &bank.section_of(id).title))?;
    }
    out.wrapped(q.prompt_for(wizard.audience()), "", "")?;
    let items = crate::answers::items(bank, id);
    let hint = match &q.kind {
        Kind::Single(_) | Kind::Multiple(_) => {
            for (i, item) in items.iter().enumerate() {
                let number = format!("{:>3}. ", i + 1);
                out.wrapped(ui::item_label(bank, id, *item), &number, "     ")?;
            }
            if matches!(q.kind, Kind::Multiple(_)) {
                TYPE_SOME
            } else {
                TYPE_ONE
            }
        }
        Kind::Number(spec) => {
            let range = format!(
                "A number from {} to {}, in {}.",
                example(spec.min),
                example(spec.max),
                spec.unit
            );
            out.wrapped(&range, "  ", "  ")?;
            letters(out, wizard, id, &items)?;
            TYPE_NUMBER
        }
        Kind::Text => {
            letters(out, wizard, id, &items)?;
            TYPE_TEXT
        }
    };
    let now = wizard.answer(id).map_or_else(
        || ui::NOT_ASKED_TEXT.to_owned(),
        |a| ui::answer_text(bank, id, a),
    );
    out.wrapped(&format!("Now: {now}"), "", "  ")?;
    // For a coordinator: the document behind the answer, and how to attach it.
    if wizard.audience() == crate::bank::Audience::Coordinator {
        match (wizard.document(id), &q.evidence) {
            (Some(d), _) => out.wrapped(
                &format!(
                    "Document: {}, recorded as {}. Type a to replace it.",
                    crate::text::from_file(&d.document),
                    d.status.id()
                ),
                "",
                "  ",
            )?,
            (None, Some(wanted)) => out.wrapped(
                &format!("Backed by: {wanted}. Type a to attach it."),
                "",
                "  ",
            )?,
            (None, None) => {}
        }
    }
    out.wrapped(hint, "", "")
}

/// Number and text questions take what is typed, so their other answers go by letter, not number.
fn letters(
    out: &mut Out<'_>,
    wizard: &Wizard<'_>,
    id: QuestionId,
    items: &[Item],
) -> io::Result<()> {
    for item in items {
        let key = match item {
            Item::NotAsked => "n",
            Item::Refused => "r",
            Item::NotApplicable => "na",
            Item::Option(_) => continue,
        };
        let label = ui::item_label(wizard.bank(), id, *item);
        out.wrapped(label, &format!("{key:>3}. "), "     ")?;
    }
    Ok(())
}

/// "Why this matters", its sources, and the keys.
pub(super) fn help(out: &mut Out<'_>, wizard: &Wizard<'_>, id: QuestionId) -> io::Result<()> {
    let q = wizard.bank().question(id);
    out.blank()?;
    out.line(&format!("{}:", ui::HELP_TITLE))?;
    out.wrapped(&q.help, "  ", "  ")?;
    if !q.sources.is_empty() {
        out.line(&format!("{}:", ui::SOURCES_TITLE))?;
        for s in &q.sources {
            out.wrapped(&ui::source_label(wizard.bank(), s), "  - ", "    ")?;
        }
    }
    out.wrapped(KEYS, "", "")
}

/// Every visible question with its answer, numbered for jumping back.
/// The review: every question asked, with its number and answer; with `open_only`, only
/// those not answered yet (not asked, or refused), under the same numbers.
/// Said above a review that lists only the open questions.
const OPEN_ONLY: &str = "Only the questions not answered yet (type v for all of them):";

pub(super) fn review(out: &mut Out<'_>, wizard: &Wizard<'_>, open_only: bool) -> io::Result<()> {
    let bank = wizard.bank();
    out.blank()?;
    let visible = wizard.visible();
    let answered = visible
        .iter()
        .filter(|id| wizard.answer(**id).is_some())
        .count();
    out.line(&format!(
        "{} {answered} of {} have an answer.",
        ALL_DONE,
        visible.len()
    ))?;
    out.line(&format!("{}:", ui::REVIEW_TITLE))?;
    out.wrapped(
        &format!(
            "{}: {} (type name to change it)",
            ui::SUBJECT_LABEL,
            ui::shown_subject(&wizard.meta().subject)
        ),
        "",
        "  ",
    )?;
    if open_only {
        out.line(OPEN_ONLY)?;
    }
    for (i, id) in visible.into_iter().enumerate() {
        let open = wizard
            .answer(id)
            .is_none_or(|a| *a == crate::answers::Answer::Refused);
        if open_only && !open {
            continue;
        }
        let number = format!("{:>3}. ", i + 1);
        out.wrapped(
            bank.question(id).prompt_for(wizard.audience()),
            &number,
            "     ",
        )?;
        let answer = wizard.answer(id).map_or_else(
            || ui::NOT_ASKED_TEXT.to_owned(),
            |a| ui::answer_text(bank, id, a),
        );
        out.wrapped(&format!("Now: {answer}"), "     ", "       ")?;
    }
    let kept = wizard.kept();
    if !kept.is_empty() {
        out.line(&format!("{}:", ui::KEPT_TITLE))?;
        out.wrapped(
            &format!("{} {}", ui::KEPT_NOTE, ui::KEPT_CLEAR_NUMBER),
            "  ",
            "  ",
        )?;
    }
    let first = wizard.visible().len() + 1;
    let verdict = wizard.verdict();
    for (i, id) in kept.into_iter().enumerate() {
        let Some(a) = wizard.answer(id) else { continue };
        // The flag the verdict found it would carry, were it counted.
        let flag = match verdict.standing[id.0] {
            crate::score::Standing::Kept { flag: Some(f), .. } => format!("{}: ", ui::flag_word(f)),
            _ => String::new(),
        };
        out.wrapped(
            &format!(
                "{flag}{} — {}",
                bank.question(id).prompt_for(wizard.audience()),
                ui::answer_text(bank, id, a)
            ),
            &format!("{:>3}. ", first + i),
            "     ",
        )?;
    }
    out.line(REVIEW_KEYS)
}
