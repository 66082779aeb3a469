//! The questionnaire as Markdown: `- [ ]` task lists, with every piece of bank text escaped so it cannot change the document.

use std::fmt::Write as _;

use super::answers_file::{self, Style};
use super::{Bit, Entry, Form, WriteIn};
use crate::bank::Audience;
use crate::report::{self, md::escape_line};
use crate::ui;

/// What opens a block at the start of a line, besides "1.": a list item, a
/// setext underline, or a definition-list item in renderers that have them.
const BLOCK_STARTS: &[char] = &['-', '+', '=', ':'];

/// A write-in line: escaped underscores, so it is text and never a rule or emphasis.
const WRITE_IN: usize = 40;

pub(super) fn render(form: &Form<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(form.title()));
    let _ = writeln!(
        out,
        "**{}**\n",
        escape(ui::questionnaire_title(form.audience))
    );
    let _ = writeln!(
        out,
        "**{}:** {} **{}:** {}\n",
        escape(ui::questionnaire_subject(form.audience)),
        blank(WRITE_IN),
        escape(ui::QUESTIONNAIRE_DATE),
        blank(16)
    );
    let _ = writeln!(out, "{}\n", escape(&form.about_line()));
    let _ = writeln!(out, "> {}\n", escape(&form.bank.disclaimer));
    let _ = writeln!(out, "{}", escape(ui::QUESTIONNAIRE_HOW_TO));
    for part in &form.sections {
        let _ = writeln!(out, "\n## {}\n", escape(&part.section.title));
        let _ = writeln!(out, "{}", escape(&part.section.intro));
        for entry in &part.entries {
            out.push('\n');
            question(&mut out, entry);
        }
    }
    let _ = writeln!(out, "\n## {}\n", escape(ui::QUESTIONNAIRE_NEXT_TITLE));
    let appendix = form.audience == Audience::Coordinator;
    let _ = writeln!(
        out,
        "{}",
        words(&super::next_steps(form.audience, appendix))
    );
    if appendix {
        answers_appendix(&mut out, form);
    }
    out
}

fn question(out: &mut String, entry: &Entry<'_>) {
    let hint = entry
        .hint
        .map(|h| format!(" ({})", escape(h)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "**{}. {}**{hint}\n",
        entry.number,
        escape(entry.prompt)
    );
    if let Some(when) = &entry.when {
        let sentence = when.sentence(|label| format!("“{}”", escape(label)));
        let _ = writeln!(out, "{sentence}\n");
    }
    if let Some(ask) = entry.ask {
        let _ = writeln!(out, "**Ask:** {}\n", escape(ask));
    }
    // Paragraphs are separated by one blank line, and the list follows the last.
    let mut blocks = match &entry.write_in {
        WriteIn::Nothing => Vec::new(),
        WriteIn::Number(spec) => vec![format!("{} {}", blank(24), escape(&spec.unit))],
        WriteIn::Lines => vec![blank(WRITE_IN + 20); 3],
    };
    if !entry.boxes.is_empty() {
        let items: Vec<String> = entry
            .boxes
            .iter()
            .map(|label| format!("- [ ] {}", escape(label)))
            .collect();
        blocks.push(items.join("\n"));
    }
    let _ = writeln!(out, "{}", blocks.join("\n\n"));
}

fn answers_appendix(out: &mut String, form: &Form<'_>) {
    let _ = writeln!(out, "\n---\n\n## {}\n", escape(ui::ANSWERS_FILE_TITLE));
    let _ = writeln!(out, "{}\n", escape(answers_file::INTRO));
    let _ = writeln!(out, "```toml\n{}```\n", answers_file::template(form));
    let _ = writeln!(out, "{}\n", escape(answers_file::RULES));
    let _ = writeln!(out, "```toml\n{}```\n", answers_file::SYNTAX);
    let style = Style { code, text: escape };
    for entry in form.entries() {
        let _ = writeln!(
            out,
            "{}. {}: {}",
            entry.number,
            code(&entry.question.id),
            answers_file::accepts(entry, &style)
        );
    }
}

fn words(bits: &[Bit]) -> String {
    bits.iter()
        .map(|b| match b {
            // Words run on into commands: keep the spaces at their edges.
            Bit::Words(w) => {
                let lead = if w.starts_with(' ') { " " } else { "" };
                let trail = if w.ends_with(' ') { " " } else { "" };
                format!("{lead}{}{trail}", escape(w))
            }
            Bit::Command(c) => code(c),
        })
        .collect()
}

fn blank(n: usize) -> String {
    "\\_".repeat(n)
}

/// A code span that holds whatever it is given: the fence is longer than any run of backticks inside.
fn code(s: &str) -> String {
    let s = report::one_line(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Bank text as inert Markdown: on one line, control characters made visible,
/// and escaped so it can start no inline markup and open no block.
pub(super) fn escape(text: &str) -> String {
    escape_line(&report::one_line(&crate::diag::inert(text)), BLOCK_STARTS)
}
