//! A diff as Markdown, to keep with the assessment or paste into a ticket: the same words as
//! the text, with headings and lists. Everything a person or a bank wrote is escaped.

use std::fmt::Write as _;
use std::path::Path;

use super::Changes;
use super::words::{self, sides};
use crate::bank::Bank;
use crate::report::md::escape;
use crate::ui;

/// Renders `c`, the changes from the file at `old` to the one at `new`.
pub fn render(bank: &Bank, c: &Changes<'_>, old: &Path, new: &Path) -> String {
    let audience = c.new.file.meta.audience;
    let (was, now) = sides(audience);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {}\n",
        words::TITLE,
        escape(&ui::shown_subject(&c.new.file.meta.subject))
    );
    for (label, path, side) in [(was, old, &c.old), (now, new, &c.new)] {
        let _ = writeln!(
            out,
            "- **{label}:** {} (saved {})",
            escape(&path.display().to_string()),
            escape(&ui::when_text(side.file.meta.updated.as_deref()))
        );
    }
    let _ = writeln!(out, "\n**{}**\n", escape(&words::verdict_line(c)));
    if let Some(score) = words::score_line(c) {
        let _ = writeln!(out, "{}\n", escape(&score));
    }
    let said = if c.is_empty() {
        words::NO_CHANGES
    } else {
        ui::verdict_meaning(bank, &c.new.verdict)
    };
    let _ = writeln!(out, "{}\n", escape(said));
    if let Some(counts) = words::counts_line(c) {
        let _ = writeln!(out, "{}\n", escape(&counts));
    }
    for (direction, group) in c.groups() {
        let _ = writeln!(
            out,
            "## {} ({})\n",
            words::group_title(direction),
            group.len()
        );
        for q in group {
            let _ = writeln!(
                out,
                "- **{}** · {}",
                words::direction_word(q.direction),
                escape(words::prompt(bank, q.question, audience))
            );
            if q.answer_changed() {
                for (label, s) in [(was, &q.before), (now, &q.after)] {
                    let _ = writeln!(
                        out,
                        "  - {label}: {}",
                        escape(&words::standing(bank, q.question, s))
                    );
                }
            } else {
                let standing = words::standing(bank, q.question, &q.after);
                let _ = writeln!(out, "  - {}: {}", words::UNCHANGED, escape(&standing));
            }
            if let Some(d) = &q.document {
                let _ = writeln!(out, "  - {}", escape(&words::document(d)));
            }
        }
        out.push('\n');
    }
    for (title, list, gone) in [
        (words::REASONS_NEW, &c.new_reasons, false),
        (words::REASONS_GONE, &c.resolved_reasons, true),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title} ({})\n", list.len());
        for f in list {
            let _ = writeln!(
                out,
                "- {}: {}",
                words::flag(f.flag),
                escape(&ui::finding_question(bank, f, audience))
            );
            if gone {
                let standing = words::standing(bank, f.question, &c.new.standing(f.question));
                let _ = writeln!(out, "  - {now}: {}", escape(&standing));
            } else {
                let _ = writeln!(out, "  - Why: {}", escape(&f.why(bank)));
            }
        }
        out.push('\n');
    }
    if !c.new_rules.is_empty() || !c.resolved_rules.is_empty() {
        let _ = writeln!(out, "## {}\n", words::RULES_TITLE);
        for (label, list) in [
            (words::RULES_NEW, &c.new_rules),
            (words::RULES_GONE, &c.resolved_rules),
        ] {
            for f in list {
                let _ = writeln!(
                    out,
                    "- {label}: {}: {}",
                    words::flag(f.flag),
                    escape(&ui::finding_question(bank, f, audience))
                );
                let _ = writeln!(out, "  - Why: {}", escape(&f.why(bank)));
            }
        }
        out.push('\n');
    }
    if let Some(a) = &c.attestation {
        let _ = writeln!(out, "## {}\n", words::ATTESTATION_TITLE);
        for (label, side) in [(was, a.before), (now, a.after)] {
            let _ = writeln!(out, "- {label}: {}", escape(&words::attestation(side)));
        }
        out.push('\n');
    }
    if c.attestation.is_some() || c.questions.iter().any(|q| q.document.is_some()) {
        let _ = writeln!(out, "{}\n", escape(words::NOT_A_CHECK));
    }
    let _ = writeln!(out, "*{}*", escape(&bank.disclaimer));
    out
}
