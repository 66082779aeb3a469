//! The plain-text verdict a person reads first: the verdict as a word and a symbol, why, and what to ask next.

use std::fmt::Write as _;

use super::Scored;
use crate::explain::{
    DETAILS_TITLE, DOCUMENTS_NOTE, DOCUMENTS_TITLE, Explanation, Item, NOT_COUNTED_NOTE,
    NOT_COUNTED_TITLE, REASONS_TITLE, explain,
};
use crate::output::Paint;
use crate::score::Level;
use crate::ui;

/// Text lines wrap here: it reads well on screen and prints on any printer.
pub const WIDTH: usize = 80;

pub fn render(s: &Scored<'_>, paint: Paint) -> String {
    let e = explain(s);
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint.bold(&format!("exovet · {}", e.subject)));
    let _ = writeln!(
        out,
        "{} · {} · bank {} {}",
        crate::text::shown_path(s.path),
        s.file.meta.audience,
        s.bank.id,
        s.bank.version
    );
    out.push('\n');
    // The one next step this text says: the summary and the wizard list them all.
    let unseen = e.unseen.iter().flat_map(|u| {
        let mut l = Lines::new(WIDTH);
        l.plain(u, "", "");
        l.out
    });
    let lines: Vec<Line> = headline(&e, WIDTH)
        .into_iter()
        .chain(unseen)
        .chain(details(&e, WIDTH))
        .collect();
    for line in &lines {
        let text = match line.role {
            Role::Headline(level) => paint.level(level, &paint.bold(&line.text)),
            Role::Flag(level) => paint.level(level, &line.text),
            Role::Title | Role::Plain => line.text.clone(),
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// What a line of the verdict is, so each front end can style it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The verdict itself.
    Headline(Level),
    /// The title of a part.
    Title,
    /// The mark of a flag.
    Flag(Level),
    Plain,
}

/// One line of the verdict, already wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub role: Role,
    pub text: String,
}

/// Lines of one role, wrapped to `width`.
struct Lines {
    out: Vec<Line>,
    width: usize,
}

impl Lines {
    fn new(width: usize) -> Self {
        Self {
            out: Vec::new(),
            width,
        }
    }

    fn wrap(&mut self, role: Role, text: &str, first: &str, rest: &str) {
        let mut s = String::new();
        wrap_to(&mut s, text, first, rest, self.width);
        self.out.extend(s.lines().map(|l| Line {
            role,
            text: l.to_owned(),
        }));
    }

    fn plain(&mut self, text: &str, first: &str, rest: &str) {
        self.wrap(Role::Plain, text, first, rest);
    }

    fn title(&mut self, text: &str) {
        self.blank();
        self.wrap(Role::Title, text, "", "");
    }

    fn blank(&mut self) {
        self.out.push(Line {
            role: Role::Plain,
            text: String::new(),
        });
    }
}

/// The verdict line, what it means, how much is answered, and any review notice.
pub fn headline(e: &Explanation<'_>, width: usize) -> Vec<Line> {
    let mut l = Lines::new(width);
    let mut head = format!("{} {}", e.symbol(), e.headline);
    if let Some(score) = e.score {
        let _ = write!(head, " · score {score}/100");
    }
    l.wrap(Role::Headline(e.level), &head, "", "");
    l.plain(e.meaning, "", "");
    l.plain(&e.counts, "", "");
    if let Some(reported) = &e.reported {
        // It holds the signer's name: wrapped, a line of it is indented, so no name can
        // begin a line of exovet's own ("✔ Verdict: GREEN").
        l.plain(reported, "", "  ");
    }
    if let Some(review) = &e.review_due {
        l.plain(review, "", "");
    }
    l.out
}

/// Everything after the headline, to the disclaimer, in the order a person uses it: why, in one
/// line each; what is still to ask; then each reason in detail with its sources.
pub fn details(e: &Explanation<'_>, width: usize) -> Vec<Line> {
    let mut l = Lines::new(width);
    if !e.rules.is_empty() || !e.reasons.is_empty() {
        l.title(&format!("{REASONS_TITLE}:"));
        if !e.rules.is_empty() {
            l.plain(&format!("{}:", e.rules_title), "  ", "  ");
            for rule in &e.rules {
                l.plain(rule, "  • ", "    ");
            }
        }
        for r in &e.reasons {
            let text = crate::diag::inert(&r.text);
            match r.flag {
                Some(f) => l.wrap(
                    Role::Flag(Level::of(f)),
                    &format!("{} {}: {text}", ui::flag_symbol(f), ui::flag_word(f)),
                    "  ",
                    "    ",
                ),
                None => l.plain(&text, "  ", "    "),
            }
        }
    }
    if e.open > 0 {
        l.title(&format!("{} ({}):", e.checklist_title, e.open));
        for group in &e.checklist {
            l.plain(&format!("{}:", group.title), "  ", "  ");
            for section in &group.sections {
                l.plain(section.title, "    ", "    ");
                for ask in &section.asks {
                    l.plain(ask.ask, "      [ ] ", "          ");
                    if let Some(when) = &ask.when {
                        l.plain(when, "          ", "          ");
                    }
                }
            }
        }
    }
    if !e.flags.is_empty() || !e.cautions.is_empty() || !e.not_counted.is_empty() {
        l.title(&format!("{DETAILS_TITLE}:"));
    }
    if !e.flags.is_empty() {
        l.title(&format!("{}:", e.flags_title));
        for item in &e.flags {
            finding(&mut l, item);
        }
    }
    if !e.cautions.is_empty() {
        l.title(&format!("{}:", ui::PATIENT_CAUTIONS_TITLE));
        l.plain(ui::PATIENT_CAUTIONS_NOTE, "  ", "  ");
        for item in &e.cautions {
            finding(&mut l, item);
        }
    }
    if !e.not_counted.is_empty() {
        l.title(&format!("{NOT_COUNTED_TITLE}:"));
        l.plain(NOT_COUNTED_NOTE, "  ", "  ");
        for n in &e.not_counted {
            match n.flag {
                Some(f) => l.wrap(
                    Role::Flag(Level::of(f)),
                    &format!("{} {}", ui::flag_symbol(f), ui::flag_word(f)),
                    "  ",
                    "  ",
                ),
                None => l.plain("(no flag)", "  ", "  "),
            }
            l.plain(n.question, "    ", "    ");
            l.plain(
                &format!("Answer: {}", crate::diag::inert(&n.answer)),
                "    ",
                "      ",
            );
            l.plain(&format!("Not counted: {}.", n.because), "    ", "      ");
        }
    }
    if let Some(greens) = &e.greens {
        l.blank();
        l.plain(greens, "", "");
    }
    if !e.documents.is_empty() {
        l.title(&format!("{DOCUMENTS_TITLE}:"));
        l.plain(DOCUMENTS_NOTE, "  ", "  ");
        for d in &e.documents {
            l.plain(d.question, "  ", "  ");
            if let Some(answer) = &d.answer {
                l.plain(&format!("Answer: {answer}"), "    ", "      ");
            }
            l.plain(&format!("Document: {}", d.document), "    ", "      ");
            l.plain(&d.status, "    ", "    ");
        }
    }
    if !e.notes.is_empty() {
        l.title("Notes:");
        for (prompt, text) in &e.notes {
            l.plain(prompt, "  ", "  ");
            for line in crate::diag::inert(text).lines() {
                l.plain(line, "    ", "    ");
            }
        }
    }
    if !e.warnings.is_empty() {
        l.title("Notes on this file:");
        for w in &e.warnings {
            l.plain(w, "  - ", "    ");
        }
    }
    l.blank();
    l.plain(e.disclaimer, "", "");
    l.out
}

fn finding(l: &mut Lines, item: &Item<'_>) {
    l.wrap(
        Role::Flag(item.level()),
        &format!(
            "{} {}",
            ui::flag_symbol(item.flag),
            ui::flag_word(item.flag)
        ),
        "  ",
        "  ",
    );
    l.plain(&item.question, "    ", "    ");
    if let Some(a) = &item.answer {
        l.plain(
            &format!("Answer: {}", crate::diag::inert(a)),
            "    ",
            "      ",
        );
    }
    l.plain(&format!("Why: {}", item.why), "    ", "      ");
    if !item.sources.is_empty() {
        let sources: Vec<&str> = item.sources.iter().map(|s| s.text.as_str()).collect();
        l.plain(
            &format!("Sources: {}", sources.join("; ")),
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
