//! The summary as `CommonMark`; every piece of text from a file is escaped so it cannot change the document.

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
use crate::report::{self, md::escape_line};
use crate::ui;

/// What opens a block at the start of a line, besides "1.": a list item or a setext underline.
const BLOCK_STARTS: &[char] = &['-', '+', '='];

pub(super) fn render(d: &Explanation<'_>) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "*{}*\n", text(d.kicker(), ""));
    let _ = writeln!(o, "# {}\n", line(&d.subject));
    for (label, value) in &d.facts {
        let _ = writeln!(o, "- **{label}:** {}", line(value));
    }

    let _ = writeln!(o, "\n## {} {}\n", d.symbol(), line(&d.headline));
    let _ = writeln!(o, "**{}**\n", text(d.meaning, ""));
    let _ = writeln!(o, "{}", text(&d.counts, ""));
    if let Some(review) = &d.review_due {
        let _ = writeln!(o, "\n## {REVIEW_TITLE}\n\n{}", text(review, ""));
    }

    if !d.rules.is_empty() || !d.reasons.is_empty() {
        let _ = writeln!(o, "\n## {REASONS_TITLE}\n");
        if !d.rules.is_empty() {
            let _ = writeln!(o, "**{}:**\n", d.rules_title);
            for rule in &d.rules {
                let _ = writeln!(o, "- {}", text(rule, "  "));
            }
            if !d.reasons.is_empty() {
                let _ = writeln!(o);
            }
        }
        for r in &d.reasons {
            let mark = r.flag.map_or_else(String::new, |f| {
                format!("{} **{}:** ", ui::flag_symbol(f), ui::flag_word(f))
            });
            let _ = writeln!(o, "- {mark}{}", text(&r.text, "  "));
        }
    }

    if d.open > 0 {
        let _ = writeln!(o, "\n## {} ({})\n", d.checklist_title, d.open);
        let _ = writeln!(o, "{}", text(&d.checklist_how, ""));
        for group in &d.checklist {
            let _ = writeln!(o, "\n**{}**", text(group.title, ""));
            for section in &group.sections {
                let _ = writeln!(o, "\n### {}\n", line(section.title));
                for ask in &section.asks {
                    let key = if ask.key {
                        format!("**{KEY_MARK}** ")
                    } else {
                        String::new()
                    };
                    // A literal `[ ]` in CommonMark: a box to tick on paper.
                    let _ = writeln!(o, "- \\[ \\] {key}{}\\", text(ask.ask, "  "));
                    if let Some(when) = &ask.when {
                        let _ = writeln!(o, "  *{}*\\", text(when, "  "));
                    }
                    let _ = writeln!(o, "  {ANSWER_LABEL}: {}", "_".repeat(40));
                }
            }
        }
    }

    let _ = writeln!(o, "\n## {NEXT_TITLE}\n");
    for (i, step) in d.next.iter().enumerate() {
        let _ = writeln!(o, "{}. {}", i + 1, text(step, "   "));
    }
    if let Some(command) = &d.resume {
        let _ = writeln!(o, "{}. {RESUME}\\\n   {}", d.next.len() + 1, code(command));
    }

    let _ = writeln!(o, "\n## {DISCLAIMER_TITLE}\n");
    let _ = writeln!(o, "{}", text(d.disclaimer, ""));

    if !d.guide.is_empty() {
        let _ = writeln!(o, "\n## {GUIDE_TITLE}");
        for g in &d.guide {
            let _ = writeln!(o, "\n### {}\n\n{}", line(g.title), text(g.text, ""));
            for s in &g.sources {
                let _ = writeln!(o, "\n- *Source:* {}", line(&s.text));
            }
        }
        if let Some(dated) = &d.dated {
            let _ = writeln!(o, "\n{}", text(dated, ""));
        }
    }

    let _ = writeln!(o, "\n## {DETAILS_TITLE}\n\n**{}:**", d.flags_title);
    if d.flags.is_empty() {
        let _ = writeln!(o, "\n{NO_FLAGS}");
    }
    for item in &d.flags {
        flag(o, item);
    }
    if let Some(greens) = &d.greens {
        let _ = writeln!(o, "\n{greens}");
    }

    if !d.cautions.is_empty() {
        let _ = writeln!(o, "\n## {}\n", text(ui::PATIENT_CAUTIONS_TITLE, ""));
        let _ = writeln!(o, "{}", text(ui::PATIENT_CAUTIONS_NOTE, ""));
        for item in &d.cautions {
            flag(o, item);
        }
    }

    if !d.documents.is_empty() {
        let _ = writeln!(
            o,
            "\n## {DOCUMENTS_TITLE}\n\n{}\n",
            text(DOCUMENTS_NOTE, "")
        );
        for doc in &d.documents {
            let answer = doc.answer.as_deref().map_or_else(String::new, |a| {
                format!("\\\n  {ANSWER_LABEL}: {}", text(a, "  "))
            });
            let _ = writeln!(
                o,
                "- **{}**{answer}\\\n  Document: {}\\\n  {}",
                line(doc.question),
                text(&doc.document, "  "),
                text(&doc.status, "  ")
            );
        }
    }

    if !d.not_counted.is_empty() {
        let _ = writeln!(
            o,
            "\n## {NOT_COUNTED_TITLE}\n\n{}\n",
            text(NOT_COUNTED_NOTE, "")
        );
        for n in &d.not_counted {
            let flag = n.flag.map_or_else(String::new, |f| {
                format!("{} {}: ", ui::flag_symbol(f), ui::flag_word(f))
            });
            let _ = writeln!(
                o,
                "- {flag}**{}**\\\n  {ANSWER_LABEL}: {}\\\n  {NOT_COUNTED_BECAUSE}: {}",
                line(n.question),
                text(&n.answer, "  "),
                text(&n.because, "  ")
            );
        }
    }

    if !d.notes.is_empty() {
        let _ = writeln!(o, "\n## {NOTES_TITLE}\n");
        for (prompt, note) in &d.notes {
            let _ = writeln!(o, "- **{}**\\\n  {}", line(prompt), text(note, "  "));
        }
    }

    if !d.warnings.is_empty() {
        let _ = writeln!(o, "\n## {WARNINGS_TITLE}\n");
        for w in &d.warnings {
            let _ = writeln!(o, "- {}", text(w, "  "));
        }
    }

    out
}

fn flag(o: &mut String, item: &Item<'_>) {
    let symbol = ui::level_symbol(item.level());
    let word = ui::flag_word(item.flag);
    let _ = writeln!(o, "\n### {symbol} {word}: {}\n", line(item.section));
    let _ = writeln!(o, "**{}**\n", text(&item.question, ""));
    if let Some(answer) = &item.answer {
        let _ = writeln!(o, "- **{ANSWER_LABEL}:** {}", text(answer, "  "));
    }
    let _ = writeln!(o, "- **{WHY_LABEL}:** {}", text(&item.why, "  "));
    // One source a line: a web address followed by a separator would take it
    // into the link in renderers that link bare addresses.
    match item.sources.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(o, "- **{SOURCES_LABEL}:** {}", line(&one.text));
        }
        many => {
            let _ = writeln!(o, "- **{SOURCES_LABEL}:**");
            for s in many {
                let _ = writeln!(o, "  - {}", line(&s.text));
            }
        }
    }
    if !item.own_choice {
        let _ = writeln!(o, "- {WRITE_IN_LABEL}: {}", "_".repeat(40));
    }
}

/// Text on one line (a heading, a label): typed line breaks become spaces.
fn line(raw: &str) -> String {
    escape_line(&crate::diag::inert(&report::one_line(raw)), BLOCK_STARTS)
}

/// Text that may span lines, kept in one block: each line ends in a hard
/// break and the next is indented by `indent`, so no typed line can start a
/// new block (a heading, a list, code) and no blank line can end this one.
fn text(raw: &str, indent: &str) -> String {
    let lines: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| escape_line(&crate::diag::inert(&l.replace('\t', " ")), BLOCK_STARTS))
        .collect();
    lines.join(&format!("\\\n{indent}"))
}

/// A code span that no backtick in `raw` can close early.
fn code(raw: &str) -> String {
    let joined = crate::diag::inert(&report::one_line(raw));
    let longest = joined.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence} {joined} {fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_markup_stays_literal() {
        assert_eq!(
            escape_line("*bold* [x](y)", BLOCK_STARTS),
            r"\*bold\* \[x\](y)"
        );
        assert_eq!(escape_line("a | b <i>", BLOCK_STARTS), r"a \| b \<i\>");
        assert_eq!(
            escape_line("&amp; `code`", BLOCK_STARTS),
            r"\&amp; \`code\`"
        );
        assert_eq!(escape_line("# no heading", BLOCK_STARTS), r"\# no heading");
        assert_eq!(escape_line("- no item", BLOCK_STARTS), r"\- no item");
        assert_eq!(escape_line("12. no list", BLOCK_STARTS), r"12\. no list");
        assert_eq!(
            escape_line("=HYPERLINK(\"x\")", BLOCK_STARTS),
            "\\=HYPERLINK(\"x\")"
        );
        assert_eq!(
            escape_line("Dr. Okafor, 4-6 weeks", BLOCK_STARTS),
            "Dr. Okafor, 4-6 weeks"
        );
    }

    #[test]
    fn code_spans_outlast_typed_backticks() {
        assert_eq!(
            code("exovet --answers a.toml"),
            "` exovet --answers a.toml `"
        );
        assert_eq!(code("a``b"), "``` a``b ```");
    }

    #[test]
    fn typed_lines_cannot_open_blocks() {
        assert_eq!(
            text("one\n\n    code\n# two\n===", "  "),
            "one\\\n  code\\\n  \\# two\\\n  \\==="
        );
    }
}
