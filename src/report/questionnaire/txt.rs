//! The questionnaire as plain text: 80 columns, ASCII boxes and write-in lines, for any printer.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::answers_file::{self, Style};
use super::{Bit, Entry, Form, WriteIn};
use crate::bank::Audience;
use crate::report;
use crate::report::text::{WIDTH, wrap_with};
use crate::ui;

/// Keeps a command on one line when wrapping; turned back into a space after.
const GLUE: char = '\u{a0}';

pub(super) fn render(form: &Form<'_>) -> String {
    let mut out = String::new();
    let title = clean(form.title());
    let subtitle = ui::questionnaire_title(form.audience);
    wrap(&mut out, &title, "", "");
    wrap(&mut out, subtitle, "", "");
    let _ = writeln!(out, "{}", rule('=', title.width().max(subtitle.width())));
    out.push('\n');
    out.push_str(&fill_in_line(form.audience));
    wrap(&mut out, &form.about_line(), "", "");
    out.push('\n');
    wrap(&mut out, &clean(&form.bank.disclaimer), "", "");
    out.push('\n');
    wrap(&mut out, ui::QUESTIONNAIRE_HOW_TO, "", "");

    let digits = form
        .entries()
        .last()
        .map_or(1, |e| e.number.to_string().len());
    for part in &form.sections {
        out.push_str("\n\n");
        let title = clean(&part.section.title);
        wrap(&mut out, &title, "", "");
        let _ = writeln!(out, "{}", rule('-', title.width()));
        wrap(&mut out, &clean(&part.section.intro), "", "");
        for entry in &part.entries {
            out.push('\n');
            question(&mut out, entry, digits);
        }
    }

    out.push_str("\n\n");
    let _ = writeln!(out, "{}", ui::QUESTIONNAIRE_NEXT_TITLE);
    let _ = writeln!(out, "{}", rule('-', ui::QUESTIONNAIRE_NEXT_TITLE.width()));
    let appendix = form.audience == Audience::Coordinator;
    wrap(
        &mut out,
        &words(&super::next_steps(form.audience, appendix)),
        "",
        "",
    );
    if appendix {
        answers_appendix(&mut out, form, digits);
    }
    out
}

fn question(out: &mut String, entry: &Entry<'_>, digits: usize) {
    let first = format!("{:>digits$}. ", entry.number);
    let indent = " ".repeat(first.len());
    let mut prompt = clean(entry.prompt);
    if let Some(hint) = entry.hint {
        let _ = write!(prompt, " ({})", hint.replace(' ', &GLUE.to_string()));
    }
    wrap(out, &prompt, &first, &indent);
    if let Some(when) = &entry.when {
        let sentence = when.sentence(|label| format!("\"{}\"", clean(label)));
        wrap(out, &sentence, &indent, &indent);
    }
    if let Some(ask) = entry.ask {
        wrap(
            out,
            &format!("Ask: {}", clean(ask)),
            &indent,
            &format!("{indent}     "),
        );
    }
    // A blank line above each write-in line leaves room for handwriting.
    match &entry.write_in {
        WriteIn::Nothing => {}
        WriteIn::Number(spec) => {
            out.push('\n');
            let line = format!("{} {}", "_".repeat(24), clean(&spec.unit));
            wrap(out, &line, &indent, &indent);
        }
        WriteIn::Lines => {
            for _ in 0..3 {
                let _ = writeln!(out, "\n{indent}{}", "_".repeat(WIDTH - indent.len()));
            }
        }
    }
    for label in &entry.boxes {
        wrap(
            out,
            &clean(label),
            &format!("{indent}[ ] "),
            &format!("{indent}    "),
        );
    }
}

/// "Clinic or provider: ______  Date: ______", filling the line.
fn fill_in_line(audience: Audience) -> String {
    let label = format!("{}: ", ui::questionnaire_subject(audience));
    let date = format!("  {}: {}", ui::QUESTIONNAIRE_DATE, "_".repeat(16));
    let room = WIDTH.saturating_sub(label.width() + date.width()).max(10);
    format!("{label}{}{date}\n", "_".repeat(room))
}

fn answers_appendix(out: &mut String, form: &Form<'_>, digits: usize) {
    out.push_str("\n\n");
    let _ = writeln!(out, "{}", rule('=', WIDTH));
    let _ = writeln!(out, "{}", ui::ANSWERS_FILE_TITLE);
    let _ = writeln!(out, "{}", rule('=', WIDTH));
    wrap(out, answers_file::INTRO, "", "");
    out.push('\n');
    for line in answers_file::template(form).lines() {
        let _ = writeln!(out, "{}", format!("    {line}").trim_end());
    }
    out.push('\n');
    wrap(out, answers_file::RULES, "", "");
    out.push('\n');
    for line in answers_file::SYNTAX.lines() {
        let _ = writeln!(out, "    {line}");
    }
    let style = Style {
        code: str::to_owned,
        text: clean,
    };
    out.push('\n');
    for entry in form.entries() {
        let first = format!("{:>digits$}. ", entry.number);
        let indent = " ".repeat(first.len());
        let line = format!(
            "\"{}\": {}",
            entry.question.id,
            answers_file::accepts(entry, &style)
        );
        wrap(out, &line, &first, &indent);
    }
}

fn words(bits: &[Bit]) -> String {
    bits.iter()
        .map(|b| match b {
            Bit::Words(w) => w.clone(),
            Bit::Command(c) => c.replace(' ', &GLUE.to_string()),
        })
        .collect()
}

/// Bank text for a terminal or a printer: on one line, control characters made visible.
fn clean(text: &str) -> String {
    report::one_line(&crate::diag::inert(text))
}

fn rule(c: char, width: usize) -> String {
    c.to_string().repeat(width.clamp(3, WIDTH))
}

/// Wraps to 80 columns by display width. Unlike the summary's wrapping, a word
/// longer than a line is broken: nothing a bank holds may run off the paper.
fn wrap(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut lines = String::new();
    wrap_with(&mut lines, text, first, rest, WIDTH, true);
    out.push_str(&lines.replace(GLUE, " "));
}
