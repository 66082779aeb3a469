//! The summary as plain text: 80 columns, ASCII structure, no escape sequences, for any printer.

use std::fmt::Write as _;

use super::{
    ANSWER_LABEL, DISCLAIMER_TITLE, Explanation, Item, KEY_MARK, NEXT_TITLE, NO_FLAGS,
    NOT_COUNTED_BECAUSE, NOTES_TITLE, RESUME, REVIEW_TITLE, SOURCES_LABEL, WARNINGS_TITLE,
    WHY_LABEL,
};
use crate::explain::{
    DETAILS_TITLE, DOCUMENTS_NOTE, DOCUMENTS_TITLE, GUIDE_TITLE, NOT_COUNTED_NOTE,
    NOT_COUNTED_TITLE, REASONS_TITLE, WRITE_IN_LABEL,
};
use crate::report;
use crate::report::text::{WIDTH, wrap_with};
use crate::ui;

/// The write-in line under each open question.
const WRITE_IN: usize = 72;

pub(super) fn render(d: &Explanation<'_>) -> String {
    let mut out = String::new();
    let o = &mut out;
    wrap(o, d.kicker(), "", "");
    o.push('\n');
    let subject = one_line(&d.subject);
    wrap(o, &subject, "", "");
    let _ = writeln!(o, "{}", "=".repeat(width(&subject).clamp(3, WIDTH)));
    o.push('\n');
    let label_width = d.facts.iter().map(|(l, _)| l.len() + 2).max().unwrap_or(0);
    for (label, value) in &d.facts {
        let value = clean(value);
        let longest = value.split(' ').map(width).max().unwrap_or(0);
        if label_width + longest > WIDTH {
            // A long path reads better whole on a line of its own than cut.
            let _ = writeln!(o, "{label}:");
            wrap(o, &value, "  ", "  ");
        } else {
            let first = format!("{:<label_width$}", format!("{label}:"));
            wrap(o, &value, &first, &" ".repeat(label_width));
        }
    }

    o.push('\n');
    let bar = "=".repeat(WIDTH);
    let _ = writeln!(o, "{bar}");
    let mark = ui::level_mark_ascii(d.level);
    wrap(o, &format!("{mark} {}", d.headline.to_uppercase()), "", "");
    wrap(o, d.meaning, "", "");
    wrap(o, &d.counts, "", "");
    let _ = writeln!(o, "{bar}");
    if let Some(review) = &d.review_due {
        heading(o, REVIEW_TITLE);
        wrap(o, review, "", "");
    }

    reasons(o, d);
    checklist(o, d);

    heading(o, NEXT_TITLE);
    for (i, step) in d.next.iter().enumerate() {
        let n = format!("{}. ", i + 1);
        wrap(o, &clean(step), &n, &" ".repeat(n.len()));
    }
    if let Some(command) = &d.resume {
        let n = format!("{}. ", d.next.len() + 1);
        wrap(o, RESUME, &n, &" ".repeat(n.len()));
        wrap_unbroken(o, &clean(command), "     ", "     ");
    }

    heading(o, DISCLAIMER_TITLE);
    wrap(o, &clean(d.disclaimer), "", "");

    guide(o, d);

    heading(o, DETAILS_TITLE);
    heading(o, d.flags_title);
    if d.flags.is_empty() {
        wrap(o, NO_FLAGS, "", "");
    }
    for item in &d.flags {
        flag(o, item);
    }
    if let Some(greens) = &d.greens {
        o.push('\n');
        wrap(o, greens, "", "");
    }

    if !d.cautions.is_empty() {
        heading(o, ui::PATIENT_CAUTIONS_TITLE);
        wrap(o, ui::PATIENT_CAUTIONS_NOTE, "", "");
        for item in &d.cautions {
            flag(o, item);
        }
    }

    if !d.documents.is_empty() {
        heading(o, DOCUMENTS_TITLE);
        wrap(o, DOCUMENTS_NOTE, "", "");
        for doc in &d.documents {
            o.push('\n');
            wrap(o, &clean(doc.question), "", "    ");
            if let Some(answer) = &doc.answer {
                wrap(
                    o,
                    &format!("{ANSWER_LABEL}: {}", clean(answer)),
                    "    ",
                    "      ",
                );
            }
            wrap(
                o,
                &format!("Document: {}", clean(&doc.document)),
                "    ",
                "      ",
            );
            wrap(o, &clean(&doc.status), "    ", "    ");
        }
    }

    if !d.not_counted.is_empty() {
        heading(o, NOT_COUNTED_TITLE);
        wrap(o, NOT_COUNTED_NOTE, "", "");
        for n in &d.not_counted {
            o.push('\n');
            let flag = n.flag.map_or_else(String::new, |f| {
                format!(
                    "{} {} -- ",
                    ui::level_mark_ascii(crate::score::Level::of(f)),
                    ui::flag_word(f)
                )
            });
            wrap(o, &format!("{flag}{}", clean(n.question)), "", "    ");
            wrap(
                o,
                &format!("{ANSWER_LABEL}: {}", clean(&n.answer)),
                "    ",
                "      ",
            );
            wrap(
                o,
                &format!("{NOT_COUNTED_BECAUSE}: {}", n.because),
                "    ",
                "      ",
            );
        }
    }

    if !d.notes.is_empty() {
        heading(o, NOTES_TITLE);
        for (prompt, text) in &d.notes {
            wrap(o, &clean(prompt), "", "");
            wrap(o, &clean(text), "    ", "    ");
        }
    }

    if !d.warnings.is_empty() {
        heading(o, WARNINGS_TITLE);
        for w in &d.warnings {
            wrap(o, &clean(w), "- ", "  ");
        }
    }

    out
}

/// Why the verdict is what it is: the rules that hold it, then one line per reason.
fn reasons(o: &mut String, d: &Explanation<'_>) {
    if d.rules.is_empty() && d.reasons.is_empty() {
        return;
    }
    heading(o, REASONS_TITLE);
    if !d.rules.is_empty() {
        wrap(o, &format!("{}:", d.rules_title), "", "");
        for rule in &d.rules {
            wrap(o, &clean(rule), "- ", "  ");
        }
    }
    for r in &d.reasons {
        let mark = r
            .flag
            .map_or("   ", |f| ui::level_mark_ascii(crate::score::Level::of(f)));
        let word = r.flag.map_or("", ui::flag_word);
        wrap(o, &format!("{mark} {word}: {}", clean(&r.text)), "", "    ");
    }
}

/// The questions to ask, as boxes to tick with lines to write the answer on.
fn checklist(o: &mut String, d: &Explanation<'_>) {
    if d.open == 0 {
        return;
    }
    heading(o, &format!("{} ({})", d.checklist_title, d.open));
    wrap(o, &d.checklist_how, "", "");
    for group in &d.checklist {
        o.push('\n');
        wrap(o, &format!("* {} *", group.title), "", "");
        for section in &group.sections {
            o.push('\n');
            wrap(o, &clean(section.title), "", "");
            for ask in &section.asks {
                let text = clean(ask.ask);
                let text = if ask.key {
                    format!("{KEY_MARK} {text}")
                } else {
                    text
                };
                wrap(o, &text, "  [ ] ", "      ");
                if let Some(when) = &ask.when {
                    wrap(o, &clean(when), "      ", "      ");
                }
                write_in(o, ANSWER_LABEL);
            }
        }
    }
}

/// What helps decide: the bank's `[[guide]]`, each part with its sources, and the dates.
fn guide(o: &mut String, d: &Explanation<'_>) {
    if d.guide.is_empty() {
        return;
    }
    heading(o, GUIDE_TITLE);
    for g in &d.guide {
        o.push('\n');
        wrap(o, &format!("{}:", clean(g.title)), "", "");
        wrap(o, &clean(g.text), "  ", "  ");
        for s in &g.sources {
            wrap_unbroken(o, &format!("Source: {}", clean(&s.text)), "  ", "    ");
        }
    }
    if let Some(dated) = &d.dated {
        o.push('\n');
        wrap(o, dated, "", "");
    }
}

/// Two lines to write on, the first labelled.
fn write_in(o: &mut String, label: &str) {
    let answer = format!("{label}: ");
    let line = "_".repeat(WRITE_IN - answer.len());
    let _ = writeln!(o, "      {answer}{line}");
    let _ = writeln!(o, "      {}", "_".repeat(WRITE_IN));
}

fn flag(o: &mut String, item: &Item<'_>) {
    o.push('\n');
    let mark = ui::level_mark_ascii(item.level());
    let word = ui::flag_word(item.flag);
    wrap(
        o,
        &format!("{mark} {word} -- {}", clean(item.section)),
        "",
        "    ",
    );
    wrap(o, &clean(&item.question), "    ", "    ");
    if let Some(answer) = &item.answer {
        wrap(
            o,
            &format!("{ANSWER_LABEL}: {}", clean(answer)),
            "    ",
            "      ",
        );
    }
    wrap(
        o,
        &format!("{WHY_LABEL}: {}", clean(&item.why)),
        "    ",
        "      ",
    );
    match item.sources.as_slice() {
        [] => {}
        [one] => wrap_unbroken(
            o,
            &format!("{SOURCES_LABEL}: {}", clean(&one.text)),
            "    ",
            "      ",
        ),
        many => {
            let _ = writeln!(o, "    {SOURCES_LABEL}:");
            for s in many {
                wrap_unbroken(o, &clean(&s.text), "    - ", "      ");
            }
        }
    }
    if !item.own_choice {
        write_in(o, WRITE_IN_LABEL);
    }
}

fn heading(o: &mut String, title: &str) {
    let title = title.to_uppercase();
    o.push('\n');
    let _ = writeln!(o, "{title}");
    let _ = writeln!(o, "{}", "-".repeat(width(&title).min(WIDTH)));
}

/// Text from a file, safe for a terminal or a printer: no control characters, no tabs.
fn clean(text: &str) -> String {
    crate::diag::inert(&text.replace('\t', " "))
}

/// A name for a heading: typed newlines become spaces.
fn one_line(text: &str) -> String {
    report::one_line(&clean(text))
}

fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Wraps to 80 columns; a word longer than a line is broken, so nothing passes the margin.
fn wrap(o: &mut String, text: &str, first: &str, rest: &str) {
    wrap_with(o, text, first, rest, WIDTH, true);
}

/// Wraps, but never breaks a word: a web address must stay whole to be typed in.
fn wrap_unbroken(o: &mut String, text: &str, first: &str, rest: &str) {
    wrap_with(o, text, first, rest, WIDTH, false);
}
