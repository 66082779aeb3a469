//! A document as plain text: 80 columns, ASCII structure, no escape sequences, for any
//! printer. Every piece of text is made inert here ([`clean`]); a word longer than a line
//! is broken, except a web address or a command, which must stay whole to be typed in.

use std::fmt::Write as _;

use super::{Block, Check, Doc, Flagged, Mark, Question, Record, Run, Sources, WriteIn};

/// Keeps a command on one line when wrapping; turned back into a space after.
const GLUE: char = '\u{a0}';

/// Text lines wrap here: it reads well on screen and prints on any printer.
pub const WIDTH: usize = 80;

/// The write-in line under a question to ask or a flag.
const WRITE_IN: usize = 72;

pub fn render(doc: &Doc) -> String {
    let mut o = String::new();
    let mut spaced = false;
    let digits = numbers(&doc.blocks).max().unwrap_or(1).to_string().len();
    for block in &doc.blocks {
        spaced = block_into(&mut o, block, spaced, digits);
    }
    o
}

/// Every number a question or a numbered item carries: they are right-aligned to the
/// widest.
fn numbers(blocks: &[Block]) -> Box<dyn Iterator<Item = usize> + '_> {
    Box::new(
        blocks
            .iter()
            .flat_map(|b| -> Box<dyn Iterator<Item = usize> + '_> {
                match b {
                    Block::Question(q) => Box::new(std::iter::once(q.number)),
                    Block::Numbered(items) => Box::new(items.iter().map(|(n, _)| *n)),
                    Block::Part { blocks, .. } | Block::Keep(blocks) => numbers(blocks),
                    _ => Box::new(std::iter::empty()),
                }
            }),
    )
}

/// Writes `block`; `after_spaced` when the block before it ended a spaced part (a flag, a
/// record), after which a paragraph needs a blank line to stand apart. Whether this block
/// is such a part. Numbers are right-aligned to `digits`.
fn block_into(o: &mut String, block: &Block, after_spaced: bool, digits: usize) -> bool {
    match block {
        Block::Head(h) => {
            if let Some(kicker) = &h.kicker {
                wrap(o, &clean(kicker), "", "");
                o.push('\n');
            }
            let title = super::one_line(&clean(&h.title));
            // A title from a file (the subject), wrapped, never begins a line with its text.
            wrap(o, &title, "", "  ");
            let mut rule = width(&title);
            if let Some(subtitle) = &h.subtitle {
                wrap(o, &clean(subtitle), "", "");
                rule = rule.max(width(subtitle));
            }
            let _ = writeln!(o, "{}", "=".repeat(rule.clamp(3, WIDTH)));
            o.push('\n');
            fill_into(o, &h.fill);
            facts_into(o, &h.facts);
            if let Some(about) = &h.about {
                wrap(o, &clean(about), "", "");
            }
        }
        Block::Notice(text) => {
            o.push('\n');
            wrap(o, &clean(text), "", "");
            return true;
        }
        // A paragraph of its own, set apart from whatever list came before it.
        Block::Words(runs) => {
            if !o.is_empty() && !o.ends_with("\n\n") && !o.ends_with("-\n") {
                o.push('\n');
            }
            wrap_glued(o, &glued(runs), "", "");
        }
        Block::Question(q) => {
            o.push('\n');
            question_into(o, q, digits);
            return true;
        }
        Block::Numbered(items) => {
            if after_spaced {
                o.push('\n');
            }
            for (n, runs) in items {
                let first = format!("{n:>digits$}. ");
                wrap_glued(o, &glued(runs), &first, &" ".repeat(first.len()));
            }
        }
        Block::References(items) => {
            if after_spaced {
                o.push('\n');
            }
            let width = items.last().map_or(1, |(n, _)| n.to_string().len());
            for (n, link) in items {
                let first = format!("[{n:>width$}] ");
                wrap_unbroken(o, &clean(&link.text), &first, &" ".repeat(first.len()));
            }
        }
        Block::Code { text, .. } => {
            o.push('\n');
            // Each line as it is, its spaces kept: a file to copy.
            for line in text.lines() {
                let _ = writeln!(
                    o,
                    "{}",
                    format!("    {}", crate::diag::inert(line)).trim_end()
                );
            }
            return true;
        }
        Block::Rule => {
            o.push('\n');
            let _ = writeln!(o, "{}", "=".repeat(WIDTH));
        }
        Block::Verdict(v) => {
            o.push('\n');
            let bar = "=".repeat(WIDTH);
            let _ = writeln!(o, "{bar}");
            wrap(
                o,
                &format!(
                    "{} {}",
                    clean(v.mark.ascii),
                    clean(&v.headline).to_uppercase()
                ),
                "",
                "",
            );
            wrap(o, &clean(&v.meaning), "", "");
            wrap(o, &clean(&v.counts), "", "");
            let _ = writeln!(o, "{bar}");
        }
        Block::Heading(title) => {
            let title = clean(title).to_uppercase();
            o.push('\n');
            let _ = writeln!(o, "{title}");
            let _ = writeln!(o, "{}", "-".repeat(width(&title).min(WIDTH)));
        }
        Block::Hanging(text) => {
            if after_spaced {
                o.push('\n');
            }
            wrap(o, &clean(text), "", "  ");
        }
        Block::Subheading(title) => {
            o.push('\n');
            wrap(o, &clean(title), "", "  ");
            return false;
        }
        Block::Paragraph(text) | Block::Intro(text) | Block::Lead(text) => {
            if after_spaced {
                o.push('\n');
            }
            wrap(o, &clean(text), "", "");
        }
        Block::Group(title) => {
            o.push('\n');
            wrap(o, &format!("* {} *", clean(title)), "", "");
        }
        Block::Bullets(items) => {
            for item in items {
                wrap(o, &clean(item), "- ", "  ");
            }
        }
        Block::Marked(items) => {
            for (mark, text) in items {
                let text = clean(text);
                match mark {
                    Some(m) => wrap(o, &format!("{}: {text}", self::mark(m)), "", "    "),
                    None => wrap(o, &text, "    ", "    "),
                }
            }
        }
        Block::Steps { steps, command } => {
            for (i, step) in steps.iter().enumerate() {
                let n = format!("{}. ", i + 1);
                wrap(o, &clean(step), &n, &" ".repeat(n.len()));
            }
            if let Some(command) = command {
                let n = format!("{}. ", steps.len() + 1);
                wrap(o, &clean(&command.intro), &n, &" ".repeat(n.len()));
                wrap_unbroken(o, &clean(&command.text), "     ", "     ");
            }
        }
        Block::Checks(checks) => {
            for check in checks {
                check_into(o, check);
            }
        }
        Block::Flagged(flagged) => {
            flagged_into(o, flagged);
            return true;
        }
        Block::Records(records) => {
            for record in records {
                record_into(o, record);
            }
            return true;
        }
        Block::Topic {
            title,
            text,
            sources,
        } => {
            o.push('\n');
            // Wrapped lines indented: a long title never starts a line of its own.
            wrap(o, &format!("{}:", clean(title)), "", "  ");
            wrap(o, &clean(text), "  ", "  ");
            sources_into(o, sources, "  ");
            return true;
        }
        Block::Part { blocks, .. } | Block::Keep(blocks) => {
            let mut spaced = after_spaced;
            for b in blocks {
                spaced = block_into(o, b, spaced, digits);
            }
            return spaced;
        }
    }
    false
}

/// Labels in a column, values beside them; a value with a word too long for that (a path)
/// goes whole on a line of its own, under its label.
fn facts_into(o: &mut String, facts: &[(String, String)]) {
    let label_width = facts
        .iter()
        .map(|(l, _)| width(&clean(l)) + 2)
        .max()
        .unwrap_or(0);
    for (label, value) in facts {
        let value = clean(value);
        let longest = value.split(' ').map(width).max().unwrap_or(0);
        if label_width + longest > WIDTH {
            let _ = writeln!(o, "{}:", clean(label));
            wrap(o, &value, "  ", "  ");
        } else {
            let first = format!("{:<label_width$}", format!("{}:", clean(label)));
            wrap(o, &value, &first, &" ".repeat(label_width));
        }
    }
}

/// "Clinic or provider: ______  Date: ______", filling the line: the last label's line is
/// short, for a date.
fn fill_into(o: &mut String, fill: &[String]) {
    let Some((last, first)) = fill.split_last() else {
        return;
    };
    let date = format!("  {}: {}", clean(last), "_".repeat(16));
    let labels: String = first.iter().map(|l| clean(l) + ": ").collect();
    let room = WIDTH.saturating_sub(width(&labels) + width(&date)).max(10);
    let _ = writeln!(o, "{labels}{}{date}", "_".repeat(room));
}

fn question_into(o: &mut String, q: &Question, digits: usize) {
    let first = format!("{:>digits$}. ", q.number);
    let indent = " ".repeat(first.len());
    let mut prompt = clean(&q.prompt);
    if let Some(hint) = &q.hint {
        let _ = write!(prompt, " ({})", clean(hint).replace(' ', &GLUE.to_string()));
    }
    wrap_glued(o, &prompt, &first, &indent);
    if let Some(when) = &q.when {
        wrap(o, &clean(when), &indent, &indent);
    }
    if let Some((label, ask)) = &q.ask {
        let label = clean(label);
        // The wrapped lines start under the first word after the label.
        let hang = " ".repeat(label.chars().count() + 1);
        wrap(
            o,
            &format!("{label} {}", clean(ask)),
            &indent,
            &format!("{indent}{hang}"),
        );
    }
    // A blank line above each write-in line leaves room for handwriting.
    match &q.write_in {
        WriteIn::Nothing => {}
        WriteIn::Number { unit } => {
            o.push('\n');
            wrap(
                o,
                &format!("{} {}", "_".repeat(24), clean(unit)),
                &indent,
                &indent,
            );
        }
        WriteIn::Lines => {
            for _ in 0..3 {
                let _ = writeln!(o, "\n{indent}{}", "_".repeat(WIDTH - indent.len()));
            }
        }
    }
    for label in &q.boxes {
        wrap(
            o,
            &clean(label),
            &format!("{indent}[ ] "),
            &format!("{indent}    "),
        );
    }
}

/// Words and commands as one text on one line, each command's spaces glued so it is never
/// broken. The spaces at a run's edges stay: words run on into commands.
fn glued(runs: &[Run]) -> String {
    let spaced = |t: &str| -> String {
        crate::diag::inert(t)
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    runs.iter()
        .map(|r| match r {
            Run::Text(t) => spaced(t),
            Run::Code(c) => clean(c).replace(' ', &GLUE.to_string()),
        })
        .collect()
}

/// Wraps text with glued spaces, then turns them back into spaces.
fn wrap_glued(o: &mut String, text: &str, first: &str, rest: &str) {
    let mut lines = String::new();
    wrap(&mut lines, text, first, rest);
    o.push_str(&lines.replace(GLUE, " "));
}

fn check_into(o: &mut String, check: &Check) {
    let text = clean(&check.text);
    let text = match &check.key {
        Some(key) => format!("{} {text}", clean(key)),
        None => text,
    };
    wrap(o, &text, "  [ ] ", "      ");
    if let Some(when) = &check.when {
        wrap(o, &clean(when), "      ", "      ");
    }
    if let Some(label) = &check.write_in {
        write_in(o, label);
    }
}

fn flagged_into(o: &mut String, f: &Flagged) {
    o.push('\n');
    wrap(
        o,
        &format!("{} -- {}", mark(&f.mark), clean(&f.section)),
        "",
        "    ",
    );
    wrap(o, &clean(&f.question), "    ", "    ");
    for (label, value) in &f.fields {
        wrap(
            o,
            &format!("{}: {}", clean(label), clean(value)),
            "    ",
            "      ",
        );
    }
    sources_into(o, &f.sources, "    ");
    if let Some(label) = &f.write_in {
        write_in(o, label);
    }
}

/// Sources under their label, indented by `indent`: one on the label's line, several one
/// a line; a web address is never broken.
fn sources_into(o: &mut String, sources: &Sources, indent: &str) {
    let label = clean(&sources.label);
    let rest = format!("{indent}  ");
    if let Some(numbers) = sources.numbered() {
        wrap(o, &format!("{label}: {numbers}"), indent, &rest);
        return;
    }
    match sources.links.as_slice() {
        [] => {}
        [one] => wrap_unbroken(o, &format!("{label}: {}", clean(&one.text)), indent, &rest),
        many => {
            let _ = writeln!(o, "{indent}{label}:");
            for link in many {
                wrap_unbroken(o, &clean(&link.text), &format!("{indent}- "), &rest);
            }
        }
    }
}

fn record_into(o: &mut String, r: &Record) {
    o.push('\n');
    let title = match &r.mark {
        Some(m) => format!("{} -- {}", mark(m), clean(&r.title)),
        None => clean(&r.title),
    };
    wrap(o, &title, "", "    ");
    for (label, value) in &r.lines {
        match label {
            Some(label) => wrap(
                o,
                &format!("{}: {}", clean(label), clean(value)),
                "    ",
                "      ",
            ),
            None => wrap(o, &clean(value), "    ", "    "),
        }
    }
}

fn mark(m: &Mark) -> String {
    format!("{} {}", clean(m.ascii), clean(&m.word))
}

/// Two lines to write on, the first labelled.
fn write_in(o: &mut String, label: &str) {
    let answer = format!("{}: ", clean(label));
    let line = "_".repeat(WRITE_IN.saturating_sub(answer.len()));
    let _ = writeln!(o, "      {answer}{line}");
    let _ = writeln!(o, "      {}", "_".repeat(WRITE_IN));
}

/// Text safe for a terminal or a printer, on one line: every run of spaces, tabs and line
/// breaks one space, so no text can begin a line of its own, and control characters made
/// visible. Lines are made by wrapping alone.
pub fn clean(text: &str) -> String {
    crate::diag::inert(&super::one_line(text))
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

/// Appends `text` wrapped to `width` by display width, with a first-line and a later-line
/// indent. A word longer than a line is broken only when `break_words`.
pub fn wrap_with(
    out: &mut String,
    text: &str,
    first: &str,
    rest: &str,
    width: usize,
    break_words: bool,
) {
    for line in wrapped(text, first, rest, width, break_words) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// `text` wrapped to `width` by display width, as [`wrap_with`] appends it: one string a
/// line, its trailing spaces trimmed. Lines break at spaces only, never inside a path after
/// its `/` or a word after its hyphen; the screens wrap with it too.
pub fn wrapped(
    text: &str,
    first: &str,
    rest: &str,
    width: usize,
    break_words: bool,
) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(break_words)
        // Optimal fit lets a line run past the margin to balance the lines around a word
        // too long for any line (a web address); first fit never does.
        .wrap_algorithm(if break_words {
            textwrap::WrapAlgorithm::new_optimal_fit()
        } else {
            textwrap::WrapAlgorithm::FirstFit
        })
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    // A dash stays with the word before it ("Review) —"), never alone at the start of a
    // line or alone on one before an address too long for the rest of it.
    let glued = text.replace(" — ", "\u{a0}— ");
    textwrap::wrap(&glued, options)
        .iter()
        .map(|line| line.trim_end().replace("\u{a0}—", " —"))
        .collect()
}
