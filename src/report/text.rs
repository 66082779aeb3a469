//! The plain-text verdict a person reads first: the verdict as a word and a symbol, why, and what to ask next.

use std::fmt::Write as _;

use super::Scored;
use crate::doc::{Block, Doc, Run};
use crate::explain::{Explanation, explain, screen};
use crate::output::Paint;

pub fn render(s: &Scored<'_>, paint: Paint) -> String {
    render_in(s, paint, Voice::Symbols)
}

/// The same in words alone, no symbols, for the plain mode: a screen reader reads "✖" out
/// as "heavy multiplication x".
pub fn render_words(s: &Scored<'_>) -> String {
    render_in(s, Paint::off(), Voice::Words)
}

fn render_in(s: &Scored<'_>, paint: Paint, voice: Voice) -> String {
    let e = explain(s);
    let mut blocks = screen::headline(&e);
    // The one next step this text says: the summary and the wizard list them all.
    blocks.extend(e.unseen.iter().map(|u| Block::Paragraph(u.clone())));
    blocks.extend(screen::details(&e));
    let doc = Doc {
        blocks,
        ..Doc::default()
    };
    painted(
        s,
        &e,
        &crate::doc::lines::render_in(&doc, WIDTH, voice),
        paint,
    )
}

/// At most this many lines in `score --brief`.
pub const BRIEF_LINES: usize = 24;

/// The verdict in fewer than 25 lines, for any file: what it is and means, the worst
/// reasons (as many as fit, and how many more), and where the rest is.
pub fn brief(s: &Scored<'_>, paint: Paint) -> String {
    let e = explain(s);
    let file = crate::text::shell_word(&s.path.display().to_string());
    let blocks = |shown: usize| {
        let mut b = screen::headline(&e);
        let reasons: Vec<_> = e
            .reasons
            .iter()
            .map(|r| (r.flag.map(crate::explain::flag_mark), r.text.clone()))
            .collect();
        if !reasons.is_empty() {
            b.push(Block::Heading(crate::explain::REASONS_TITLE.to_owned()));
            b.push(Block::Marked(reasons.iter().take(shown).cloned().collect()));
            if shown < reasons.len() {
                b.push(Block::Words(vec![
                    Run::Text(format!("… and {} more, which ", reasons.len() - shown)),
                    Run::Code(format!("exovet score {file}")),
                    Run::Text(" lists.".into()),
                ]));
            }
        }
        let still = match (e.to_ask(), e.check_yourself.len()) {
            (1, 0) => "1 question still to ask".to_owned(),
            (n, 0) => format!("{n} questions still to ask"),
            (n, 1) => format!("{n} questions still to ask, and 1 check to do yourself"),
            (n, own) => format!("{n} questions still to ask, and {own} checks to do yourself"),
        };
        b.push(Block::Words(vec![
            Run::Text(format!("{still}. Every reason and question: ")),
            Run::Code(format!("exovet score {file}")),
            Run::Text("; a summary to print: ".into()),
            Run::Code(format!("exovet report {file} -o summary.html")),
            Run::Text(".".into()),
        ]));
        b
    };
    // As many of the worst reasons as fit, the header's three lines counted.
    let mut shown = e.reasons.len();
    let mut out = lines(blocks(shown), WIDTH);
    while out.len() + 3 > BRIEF_LINES && shown > 0 {
        shown -= 1;
        out = lines(blocks(shown), WIDTH);
    }
    painted(s, &e, &out, paint)
}

/// The header (who, which file, which questions), then `lines`, painted.
fn painted(s: &Scored<'_>, e: &Explanation<'_>, lines: &[Line], paint: Paint) -> String {
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
    for line in lines {
        out.push_str(&paint.line(line));
        out.push('\n');
    }
    out
}

pub use crate::doc::lines::{Line, Role, Voice};

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
