//! The plain-text verdict a person reads first: the verdict as a word and a symbol, why, and what to ask next.

use std::fmt::Write as _;

use super::Scored;
use crate::doc::{Block, Doc};
use crate::explain::{Explanation, explain, screen};
use crate::output::Paint;

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
    let mut blocks = screen::headline(&e);
    // The one next step this text says: the summary and the wizard list them all.
    blocks.extend(e.unseen.iter().map(|u| Block::Paragraph(u.clone())));
    blocks.extend(screen::details(&e));
    for line in &lines(blocks, WIDTH) {
        let text = match line.role {
            Role::Headline(tone) => paint.tone(tone, &paint.bold(&line.text)),
            Role::Flag(tone) => paint.tone(tone, &line.text),
            Role::Title | Role::Plain => line.text.clone(),
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

pub use crate::doc::lines::{Line, Role};

/// The verdict line, what it means, how much is answered, and any review notice.
pub fn headline(e: &Explanation<'_>, width: usize) -> Vec<Line> {
    lines(screen::headline(e), width)
}

/// Everything after the headline, to the disclaimer (see [`screen::details`]).
pub fn details(e: &Explanation<'_>, width: usize) -> Vec<Line> {
    lines(screen::details(e), width)
}

fn lines(blocks: Vec<Block>, width: usize) -> Vec<Line> {
    crate::doc::lines::render(
        &Doc {
            blocks,
            ..Doc::default()
        },
        width,
    )
}

pub use crate::doc::txt::{WIDTH, wrap_with};

/// [`wrap_with`], never breaking a word.
pub fn wrap_to(out: &mut String, text: &str, first: &str, rest: &str, width: usize) {
    wrap_with(out, text, first, rest, width, false);
}

/// [`wrap_to`] at the printable [`WIDTH`].
pub fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    wrap_to(out, text, first, rest, WIDTH);
}
