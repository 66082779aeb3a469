//! A document as `CommonMark`. Every piece of text is escaped here, in one place, so no
//! text from a file can change the document: `line` for a heading or a label, `text` for
//! what may span lines, `code` for a command.

use std::fmt::Write as _;

use super::{Block, Check, Doc, Flagged, Mark, Question, Record, Run, Sources, WriteIn};

/// What opens a block at the start of a line, besides "1.": a list item or a setext underline.
/// A colon opens a definition-list item in renderers that have them.
const BLOCK_STARTS: &[char] = &['-', '+', '=', ':'];

/// The write-in line.
const WRITE_IN: usize = 40;

/// Each block is set apart from the one before by a blank line.
pub fn render(doc: &Doc) -> String {
    let mut o = String::new();
    for block in &doc.blocks {
        block_into(&mut o, block);
    }
    o
}

fn block_into(o: &mut String, block: &Block) {
    if let Block::Part { blocks, .. } | Block::Keep(blocks) = block {
        for b in blocks {
            block_into(o, b);
        }
        return;
    }
    if !o.is_empty() {
        o.push('\n');
    }
    match block {
        Block::Head(h) => {
            if let Some(kicker) = &h.kicker {
                let _ = writeln!(o, "*{}*\n", text(kicker, ""));
            }
            let _ = writeln!(o, "# {}", line(&h.title));
            if let Some(subtitle) = &h.subtitle {
                let _ = writeln!(o, "\n**{}**", line(subtitle));
            }
            if let Some((last, first)) = h.fill.split_last() {
                o.push('\n');
                for label in first {
                    let _ = write!(o, "**{}:** {} ", line(label), blank(WRITE_IN));
                }
                let _ = writeln!(o, "**{}:** {}", line(last), blank(16));
            }
            if !h.facts.is_empty() {
                o.push('\n');
            }
            for (label, value) in &h.facts {
                let _ = writeln!(o, "- **{}:** {}", line(label), line(value));
            }
            if let Some(about) = &h.about {
                let _ = writeln!(o, "\n{}", text(about, ""));
            }
        }
        Block::Notice(t) => {
            let _ = writeln!(o, "> {}", text(t, "> "));
        }
        Block::Words(runs) => {
            let _ = writeln!(o, "{}", words(runs));
        }
        Block::Question(q) => question_into(o, q),
        Block::Numbered(items) => {
            for (n, runs) in items {
                let _ = writeln!(o, "{n}. {}", words(runs));
            }
        }
        Block::References(items) => {
            for (n, link) in items {
                let _ = writeln!(o, "{n}. {}", line(&link.text));
            }
        }
        Block::Code { lang, text: code } => {
            // A fence longer than any run of backticks in the text, which cannot close it.
            let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            let code = crate::diag::inert(code);
            let _ = write!(o, "{fence}{lang}\n{code}");
            if !code.ends_with('\n') {
                o.push('\n');
            }
            let _ = writeln!(o, "{fence}");
        }
        Block::Rule => {
            let _ = writeln!(o, "---");
        }
        Block::Verdict(v) => {
            let _ = writeln!(
                o,
                "## {} {}\n\n**{}**\n\n{}",
                v.mark.symbol,
                line(&v.headline),
                text(&v.meaning, ""),
                text(&v.counts, "")
            );
        }
        Block::Heading(title) => {
            let _ = writeln!(o, "## {}", line(title));
        }
        Block::Subheading(title) => {
            let _ = writeln!(o, "### {}", line(title));
        }
        Block::Paragraph(t) | Block::Hanging(t) | Block::Intro(t) => {
            let _ = writeln!(o, "{}", text(t, ""));
        }
        Block::Lead(t) | Block::Group(t) => {
            let _ = writeln!(o, "**{}**", text(t, ""));
        }
        Block::Bullets(items) => {
            for item in items {
                let _ = writeln!(o, "- {}", text(item, "  "));
            }
        }
        Block::Marked(items) => {
            for (mark, t) in items {
                let mark = mark.as_ref().map_or_else(String::new, |m| {
                    format!("{} **{}:** ", m.symbol, line(&m.word))
                });
                let _ = writeln!(o, "- {mark}{}", text(t, "  "));
            }
        }
        Block::Steps { steps, command } => {
            for (i, step) in steps.iter().enumerate() {
                let _ = writeln!(o, "{}. {}", i + 1, text(step, "   "));
            }
            if let Some(c) = command {
                let _ = writeln!(
                    o,
                    "{}. {}\\\n   {}",
                    steps.len() + 1,
                    text(&c.intro, "   "),
                    code(&c.text)
                );
            }
        }
        Block::Checks(checks) => {
            for check in checks {
                check_into(o, check);
            }
        }
        Block::Flagged(f) => flagged_into(o, f),
        Block::Records(records) => {
            for r in records {
                record_into(o, r);
            }
        }
        Block::Topic {
            title,
            text: t,
            sources,
        } => {
            let _ = writeln!(o, "### {}\n\n{}", line(title), text(t, ""));
            if !sources.is_empty() {
                o.push('\n');
                sources_into(o, sources, "*");
            }
        }
        Block::Part { .. } | Block::Keep(_) => {}
    }
}

fn question_into(o: &mut String, q: &Question) {
    let hint = q
        .hint
        .as_ref()
        .map(|h| format!(" ({})", line(h)))
        .unwrap_or_default();
    let _ = writeln!(o, "**{}. {}**{hint}\n", q.number, line(&q.prompt));
    if let Some(when) = &q.when {
        let _ = writeln!(o, "{}\n", text(when, ""));
    }
    if let Some((label, ask)) = &q.ask {
        let _ = writeln!(o, "**{}** {}\n", line(label), text(ask, ""));
    }
    // Paragraphs are separated by one blank line, and the list follows the last.
    let mut blocks = match &q.write_in {
        WriteIn::Nothing => Vec::new(),
        WriteIn::Number { unit } => vec![format!("{} {}", blank(24), line(unit))],
        WriteIn::Lines => vec![blank(WRITE_IN + 20); 3],
    };
    if !q.boxes.is_empty() {
        let items: Vec<String> = q
            .boxes
            .iter()
            .map(|b| format!("- [ ] {}", line(b)))
            .collect();
        blocks.push(items.join("\n"));
    }
    let _ = writeln!(o, "{}", blocks.join("\n\n"));
}

/// Words and commands: words escaped, their spaces at the edges kept; commands as code.
fn words(runs: &[Run]) -> String {
    runs.iter()
        .enumerate()
        .map(|(i, r)| match r {
            Run::Text(w) => {
                let lead = if w.starts_with(' ') { " " } else { "" };
                let trail = if w.ends_with(' ') { " " } else { "" };
                // Only words at the start of the line can open a block.
                let starts: &[char] = if i == 0 { BLOCK_STARTS } else { &[] };
                let inert = crate::diag::inert(&super::one_line(w));
                format!("{lead}{}{trail}", escape_line(&inert, starts))
            }
            Run::Code(c) => code(c),
        })
        .collect()
}

/// A write-in line: escaped underscores, so it is text and never a rule or emphasis.
fn blank(n: usize) -> String {
    "\\_".repeat(n)
}

fn check_into(o: &mut String, check: &Check) {
    let key = check
        .key
        .as_ref()
        .map_or_else(String::new, |k| format!("**{}** ", line(k)));
    // A literal `[ ]` in CommonMark: a box to tick on paper. Its lines end in hard breaks,
    // the last excepted.
    let mut lines = vec![format!("- \\[ \\] {key}{}", text(&check.text, "  "))];
    lines.extend(
        check
            .when
            .iter()
            .map(|when| format!("*{}*", text(when, "  "))),
    );
    lines.extend(
        check
            .write_in
            .iter()
            .map(|label| format!("{}: {}", line(label), "_".repeat(WRITE_IN))),
    );
    let _ = writeln!(o, "{}", lines.join("\\\n  "));
}

fn flagged_into(o: &mut String, f: &Flagged) {
    let _ = writeln!(
        o,
        "### {}: {}\n\n**{}**\n",
        mark(&f.mark),
        line(&f.section),
        text(&f.question, "")
    );
    for (label, value) in &f.fields {
        let _ = writeln!(o, "- **{}:** {}", line(label), text(value, "  "));
    }
    sources_into(o, &f.sources, "**");
    if let Some(label) = &f.write_in {
        let _ = writeln!(o, "- {}: {}", line(label), "_".repeat(WRITE_IN));
    }
}

/// One source a line: a web address followed by a separator would take it into the link
/// in renderers that link bare addresses. The label set in `strong` (`**`) or `*`.
fn sources_into(o: &mut String, sources: &Sources, strong: &str) {
    let label = line(&sources.label);
    if let Some(numbers) = sources.numbered() {
        let _ = writeln!(o, "- {strong}{label}:{strong} {}", line(&numbers));
        return;
    }
    match sources.links.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(o, "- {strong}{label}:{strong} {}", line(&one.text));
        }
        many => {
            let _ = writeln!(o, "- {strong}{label}:{strong}");
            for link in many {
                let _ = writeln!(o, "  - {}", line(&link.text));
            }
        }
    }
}

fn record_into(o: &mut String, r: &Record) {
    let mark = r
        .mark
        .as_ref()
        .map_or_else(String::new, |m| format!("{}: ", self::mark(m)));
    let _ = write!(o, "- {mark}**{}**", line(&r.title));
    for (label, value) in &r.lines {
        let label = label
            .as_ref()
            .map_or_else(String::new, |l| format!("{}: ", line(l)));
        let _ = write!(o, "\\\n  {label}{}", text(value, "  "));
    }
    o.push('\n');
}

fn mark(m: &Mark) -> String {
    format!("{} {}", m.symbol, line(&m.word))
}

/// Text on one line (a heading, a label): typed line breaks become spaces.
pub fn line(raw: &str) -> String {
    escape_line(&crate::diag::inert(&super::one_line(raw)), BLOCK_STARTS)
}

/// Text that may span lines, kept in one block: each line ends in a hard
/// break and the next is indented by `indent`, so no typed line can start a
/// new block (a heading, a list, code) and no blank line can end this one.
pub fn text(raw: &str, indent: &str) -> String {
    let lines: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| escape_line(&crate::diag::inert(&l.replace('\t', " ")), BLOCK_STARTS))
        .collect();
    lines.join(&format!("\\\n{indent}"))
}

/// A code span that no backtick in `raw` can close early; padded with a space only where
/// it begins or ends with a backtick, as `CommonMark` needs.
pub fn code(raw: &str) -> String {
    let joined = crate::diag::inert(&super::one_line(raw));
    let longest = joined.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if joined.starts_with('`') || joined.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{joined}{pad}{fence}")
}

/// Escapes what `CommonMark` could read as markup, so `*x*`, `[a](b)`, `<b>`,
/// `| cell |` or a leading `# ` / `- ` / `1. ` stay literal text. Newlines
/// become spaces: one piece of text stays one paragraph or cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let trimmed = text.trim_start();
    // Block markers only count at the start of a line.
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && trimmed[digits..].starts_with(['.', ')']);
    for (i, c) in text.char_indices() {
        let at_start = i == text.len() - trimmed.len();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' | '>' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if numbered && i == text.len() - trimmed.len() + digits => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// One line of text made literal in `CommonMark`: every character that could
/// start emphasis, a link, code, HTML, an entity or a table cell is
/// backslash-escaped, and so is what opens a block only at the start of a
/// line: any of `block_starts`, or "1." / "1)" opening an ordered list.
pub fn escape_line(line: &str, block_starts: &[char]) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in line.char_indices() {
        let markup = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!'
        );
        let leading = (i == 0 && block_starts.contains(&c))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        if markup || leading {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_literal() {
        assert_eq!(
            escape("*b* [x](y) | <i>"),
            "\\*b\\* \\[x\\](y) \\| &lt;i&gt;"
        );
        assert_eq!(escape("line\nnext"), "line next");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("12. not a list"), "12\\. not a list");
        assert_eq!(escape("Dr. Okafor, cord-MSC"), "Dr. Okafor, cord-MSC");
    }

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
        assert_eq!(code("exovet --answers a.toml"), "`exovet --answers a.toml`");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("`x"), "`` `x ``");
    }

    #[test]
    fn typed_lines_cannot_open_blocks() {
        assert_eq!(
            text("one\n\n    code\n# two\n===", "  "),
            "one\\\n  code\\\n  \\# two\\\n  \\==="
        );
    }
}
