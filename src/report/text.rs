//! The plain-text verdict a person reads first: the verdict as a word and a symbol, why, and what to ask next.

use std::fmt::Write as _;

use super::Scored;
use crate::bank::Flag;
use crate::score::Finding;
use crate::ui::{self, Paint};

/// Text lines wrap here: it reads well on screen and prints on any printer.
pub const WIDTH: usize = 80;

pub fn render(s: &Scored<'_>, paint: Paint) -> String {
    let mut out = String::new();
    let subject = ui::shown_subject(&s.file.meta.subject);
    let _ = writeln!(out, "{}", paint.bold(&format!("exovet · {subject}")));
    let _ = writeln!(
        out,
        "{} · {} · bank {} {}",
        s.path.display(),
        s.file.meta.audience,
        s.bank.id,
        s.bank.version
    );
    out.push('\n');
    out.push_str(&render_headline(s, paint, WIDTH));
    out.push_str(&render_details(s, paint, WIDTH));
    out
}

/// The verdict line and what the verdict means, wrapped to `width` columns.
pub fn render_headline(s: &Scored<'_>, paint: Paint, width: usize) -> String {
    let v = s.verdict;
    let mut out = String::new();
    let incomplete = if v.incomplete { " (incomplete)" } else { "" };
    let headline = format!(
        "{} Verdict: {}{incomplete}",
        ui::level_symbol(v.level),
        ui::level_word(v.level)
    );
    let flagged = v.findings.len();
    let answers = if flagged == 1 { "answer" } else { "answers" };
    let headline = format!(
        "{} · score {}/100 from {flagged} {answers}",
        paint.level(v.level, &paint.bold(&headline)),
        v.score
    );
    wrap_to(&mut out, &headline, "", "", width);
    wrap_to(&mut out, ui::verdict_meaning(s.bank, v), "", "", width);
    out
}

/// What follows the headline, from the blank line under it to the disclaimer:
/// why, the flags, the notes and what is still to ask, wrapped to `width` columns.
pub fn render_details(s: &Scored<'_>, paint: Paint, width: usize) -> String {
    let bank = s.bank;
    let v = s.verdict;
    let audience = s.file.meta.audience;
    let mut out = String::new();
    let wrap = |out: &mut String, text: &str, first: &str, rest: &str| {
        wrap_to(out, text, first, rest, width);
    };

    if !v.rules.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}:", ui::rules_title(v.level));
        for rule in &v.rules {
            wrap(
                &mut out,
                &ui::rule_text(bank, rule, audience),
                "  • ",
                "    ",
            );
        }
    }

    let (patient, provider): (Vec<&Finding>, Vec<&Finding>) = v
        .findings
        .iter()
        .filter(|f| f.flag != Flag::Green)
        .partition(|f| v.is_patient_caution(bank, f));
    if !provider.is_empty() {
        out.push('\n');
        let title = if provider.iter().any(|f| f.flag.is_red()) {
            "Red and amber flags, worst first:"
        } else {
            "Amber flags:"
        };
        let _ = writeln!(out, "{title}");
        for f in provider {
            finding(&mut out, s, f, paint, width);
        }
    }
    if !patient.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}:", ui::PATIENT_CAUTIONS_TITLE);
        wrap(&mut out, ui::PATIENT_CAUTIONS_NOTE, "  ", "  ");
        for f in patient {
            finding(&mut out, s, f, paint, width);
        }
    }
    let greens = v.count(Flag::Green);
    if greens > 0 {
        out.push('\n');
        let word = if greens == 1 {
            "answer is"
        } else {
            "answers are"
        };
        let _ = writeln!(out, "{greens} {word} green.");
    }

    let notes: Vec<(&str, &str)> = s
        .file
        .answers
        .answered()
        .filter_map(|(id, a)| match a {
            crate::answers::Answer::Text(t) if !t.trim().is_empty() => {
                Some((bank.question(id).prompt_for(audience), t.as_str()))
            }
            _ => None,
        })
        .collect();
    if !notes.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "Notes:");
        for (prompt, text) in notes {
            wrap(&mut out, prompt, "  ", "  ");
            for line in ui::inert(text).lines() {
                wrap(&mut out, line, "    ", "    ");
            }
        }
    }

    if !v.follow_up.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "Still to ask ({}):", v.follow_up.len());
        let mut section = None;
        for id in v.follow_up.iter().map(|f| f.question) {
            let q = bank.question(id);
            if section != Some(q.section) {
                section = Some(q.section);
                let _ = writeln!(out, "  {}", bank.sections[q.section].title);
            }
            wrap(&mut out, q.ask_for(audience), "    [ ] ", "        ");
        }
    }

    if !s.warnings.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "Ignored in this file:");
        for w in s.warnings {
            wrap(&mut out, &w.to_string(), "  - ", "    ");
        }
    }

    out.push('\n');
    wrap(&mut out, &bank.disclaimer, "", "");
    out
}

fn finding(out: &mut String, s: &Scored<'_>, f: &Finding, paint: Paint, width: usize) {
    let wrap = |out: &mut String, text: &str, first: &str, rest: &str| {
        wrap_to(out, text, first, rest, width);
    };
    let bank = s.bank;
    let label = format!("{} {}", ui::flag_symbol(f.flag), ui::flag_word(f.flag));
    let _ = writeln!(
        out,
        "  {}",
        paint.level(crate::score::Level::of(f.flag), &label)
    );
    wrap(
        out,
        &ui::finding_question(bank, f, s.file.meta.audience),
        "    ",
        "    ",
    );
    if let Some(a) = ui::finding_answer(bank, f, &s.file.answers) {
        wrap(
            out,
            &format!("Answer: {}", ui::inert(&a)),
            "    ",
            "      ",
        );
    }
    wrap(out, &format!("Why: {}", f.why(bank)), "    ", "      ");
    let sources = f.sources(bank);
    if !sources.is_empty() {
        wrap(
            out,
            &format!(
                "Sources: {}",
                sources
                    .iter()
                    .map(|s| ui::source_label(bank, s))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            "    ",
            "      ",
        );
    }
}

/// Appends `text` wrapped to `width` by display width, with a first-line and a later-line indent.
/// A word longer than a line is broken only when `break_words`.
pub fn wrap_with(
    out: &mut String,
    text: &str,
    first: &str,
    rest: &str,
    width: usize,
    break_words: bool,
) {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(break_words)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, options) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// [`wrap_with`], never breaking a word.
pub fn wrap_to(out: &mut String, text: &str, first: &str, rest: &str, width: usize) {
    wrap_with(out, text, first, rest, width, false);
}

/// [`wrap_to`] at the printable [`WIDTH`].
pub fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    wrap_to(out, text, first, rest, WIDTH);
}
