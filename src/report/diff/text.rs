//! A diff as plain text that fits 80 columns: what a patient reads after the consult, or a
//! coordinator a year on. Words and symbols carry every meaning; no colour.

use std::path::Path;

use super::words::{self, sides};
use super::{Changes, QuestionChange};
use crate::bank::Bank;
use crate::diag::inert;
use crate::report::text::wrap_into;
use crate::ui;

/// Renders `c`, the changes from the file at `old` to the one at `new`.
pub fn render(bank: &Bank, c: &Changes<'_>, old: &Path, new: &Path) -> String {
    let audience = c.new.file.meta.audience;
    let (was, now) = sides(audience);
    let mut out = String::new();
    let line = |out: &mut String, text: &str, first: &str, rest: &str| {
        wrap_into(out, text, first, rest);
    };
    line(
        &mut out,
        &format!(
            "exovet diff · {} · {}",
            ui::shown_subject(&c.new.file.meta.subject),
            words::TITLE
        ),
        "",
        // The subject is a file's text: wrapped, it never begins a line.
        "  ",
    );
    let file = |path: &Path, side: &super::Side<'_>| {
        format!(
            "{} (saved {})",
            crate::text::shown_path(path),
            ui::when_text(side.file.meta.updated.as_deref())
        )
    };
    line(&mut out, &format!("{was}: {}", file(old, &c.old)), "", "  ");
    line(&mut out, &format!("{now}: {}", file(new, &c.new)), "", "  ");
    out.push('\n');
    line(&mut out, &words::verdict_line(c), "", "");
    if let Some(score) = words::score_line(c) {
        line(&mut out, &score, "", "");
    }
    if c.is_empty() {
        line(&mut out, words::NO_CHANGES, "", "");
    } else {
        line(&mut out, ui::verdict_meaning(bank, &c.new.verdict), "", "");
    }
    if let Some(counts) = words::counts_line(c) {
        line(&mut out, &counts, "", "");
    }
    for (direction, group) in c.groups() {
        out.push('\n');
        line(
            &mut out,
            &format!("{} ({}):", words::group_title(direction), group.len()),
            "",
            "",
        );
        for q in group {
            question(&mut out, bank, c, q, (was, now));
        }
    }
    reasons(&mut out, bank, c);
    rules(&mut out, bank, c);
    if let Some(a) = &c.attestation {
        out.push('\n');
        line(&mut out, &format!("{}:", words::ATTESTATION_TITLE), "", "");
        let side = |label: &str, a| format!("{label}: {}", inert(&words::attestation(a)));
        line(&mut out, &side(was, a.before), "  ", "    ");
        line(&mut out, &side(now, a.after), "  ", "    ");
    }
    if c.attestation.is_some() || c.questions.iter().any(|q| q.document.is_some()) {
        out.push('\n');
        line(&mut out, words::NOT_A_CHECK, "", "");
    }
    out.push('\n');
    line(&mut out, &bank.disclaimer, "", "");
    out
}

fn question(
    out: &mut String,
    bank: &Bank,
    c: &Changes<'_>,
    q: &QuestionChange<'_>,
    (was, now): (&str, &str),
) {
    let audience = c.new.file.meta.audience;
    wrap_into(
        out,
        &format!(
            "{} · {}",
            words::direction_word(q.direction),
            words::prompt(bank, q.question, audience)
        ),
        "  ",
        "    ",
    );
    if q.answer_changed() {
        let width = was.len().max(now.len()) + 1;
        for (label, s) in [(was, &q.before), (now, &q.after)] {
            wrap_into(
                out,
                &format!(
                    "{:<width$} {}",
                    format!("{label}:"),
                    inert(&words::standing(bank, q.question, s))
                ),
                "    ",
                "      ",
            );
        }
    } else {
        let standing = words::standing(bank, q.question, &q.after);
        wrap_into(
            out,
            &format!("{}: {}", words::UNCHANGED, inert(&standing)),
            "    ",
            "      ",
        );
    }
    if let Some(d) = &q.document {
        wrap_into(out, &inert(&words::document(d)), "    ", "      ");
    }
}

fn reasons(out: &mut String, bank: &Bank, c: &Changes<'_>) {
    let audience = c.new.file.meta.audience;
    let (_, now) = sides(audience);
    reason_list(
        out,
        bank,
        audience,
        words::REASONS_NEW,
        &c.new_reasons,
        |f| format!("Why: {}", f.why(bank)),
    );
    // A reason gone says where its question stands now: better, cleared, or no longer asked.
    reason_list(
        out,
        bank,
        audience,
        words::REASONS_GONE,
        &c.resolved_reasons,
        |f| {
            let standing = words::standing(bank, f.question, &c.new.standing(f.question));
            format!("{now}: {}", inert(&standing))
        },
    );
}

/// A titled list of reasons, each its flag and question, then one line `detail` gives.
fn reason_list(
    out: &mut String,
    bank: &Bank,
    audience: crate::bank::Audience,
    title: &str,
    findings: &[crate::score::Finding],
    detail: impl Fn(&crate::score::Finding) -> String,
) {
    if findings.is_empty() {
        return;
    }
    out.push('\n');
    wrap_into(out, &format!("{title} ({}):", findings.len()), "", "");
    for f in findings {
        wrap_into(
            out,
            &format!(
                "{}: {}",
                words::flag(f.flag),
                ui::finding_question(bank, f, audience)
            ),
            "  ",
            "    ",
        );
        wrap_into(out, &detail(f), "    ", "      ");
    }
}

fn rules(out: &mut String, bank: &Bank, c: &Changes<'_>) {
    if c.new_rules.is_empty() && c.resolved_rules.is_empty() {
        return;
    }
    out.push('\n');
    wrap_into(out, &format!("{}:", words::RULES_TITLE), "", "");
    let audience = c.new.file.meta.audience;
    for (label, list) in [
        (words::RULES_NEW, &c.new_rules),
        (words::RULES_GONE, &c.resolved_rules),
    ] {
        for f in list {
            wrap_into(
                out,
                &format!(
                    "{label}: {}: {}",
                    words::flag(f.flag),
                    ui::finding_question(bank, f, audience)
                ),
                "  ",
                "    ",
            );
            wrap_into(out, &format!("Why: {}", f.why(bank)), "    ", "      ");
        }
    }
}
