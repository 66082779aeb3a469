//! Hostile text through every block of every renderer: whatever a block holds, no output
//! shows a line that the text began, no character that drives a terminal goes out raw,
//! no markup from the text reaches a page, and no Markdown block opens from it.

use proptest::prelude::*;

use super::{
    Block, Check, Command, Doc, Flagged, Head, Link, Mark, Question, Record, Run, Sources, Tone,
    WriteIn,
};

/// What hostile text is made of: line breaks of every kind, escape sequences, bidi
/// overrides, markup, block starts, formula prefixes, long words and the forged words.
const PIECES: [&str; 18] = [
    "\n",
    "\r\n",
    "\u{2028}",
    "\u{85}",
    "\u{1b}[2K",
    "\u{9b}2J",
    "\u{202e}",
    "<i>",
    "# ",
    "- ",
    "1. ",
    "> ",
    "=SUM(A1)",
    "`",
    "*",
    "word ",
    "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword ",
    "FORGED",
];

fn hostile() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(&PIECES[..]), 1..12)
        .prop_map(|pieces| format!("x {}", pieces.concat()))
}

/// Every kind of block, each field holding `t`; with `own` set, the fields for a
/// document's own words (a paragraph, a heading, the verdict) hold `own` instead. Text from
/// a file goes only where its wrapped lines are indented (a title, a fact, a record, a
/// list item, a flag's fields, a question): there, no line can begin with it.
fn every_block(t: &str, own: Option<&str>) -> Doc {
    let s = || t.to_owned();
    let w = || own.unwrap_or(t).to_owned();
    let mark = || Mark {
        tone: Tone::Red,
        symbol: "✖",
        ascii: "(X)",
        word: w(),
    };
    let sources = || Sources {
        label: s(),
        links: vec![
            Link {
                text: s(),
                href: Some(s()),
            },
            Link {
                text: s(),
                href: None,
            },
        ],
        numbers: Vec::new(),
    };
    // Sources as numbers in the document's list.
    let numbered = || Sources {
        label: s(),
        links: Vec::new(),
        numbers: vec![1, 12],
    };
    let blocks = vec![
        Block::Head(Head {
            kicker: Some(w()),
            title: s(),
            subtitle: Some(w()),
            fill: vec![w(), w()],
            facts: vec![(w(), s())],
            about: Some(w()),
        }),
        Block::Verdict(crate::doc::Verdict {
            mark: mark(),
            headline: w(),
            meaning: w(),
            counts: w(),
        }),
        Block::Heading(w()),
        Block::Subheading(s()),
        Block::Paragraph(w()),
        Block::Hanging(s()),
        Block::Intro(w()),
        Block::Lead(w()),
        Block::Group(w()),
        Block::Bullets(vec![s(), s()]),
        Block::Marked(vec![(Some(mark()), s()), (None, s())]),
        Block::Steps {
            steps: vec![s()],
            command: Some(Command {
                intro: s(),
                text: s(),
            }),
        },
        Block::Checks(vec![Check {
            key: Some(s()),
            text: s(),
            when: Some(s()),
            write_in: Some(s()),
            yourself: false,
        }]),
        Block::Flagged(Flagged {
            mark: mark(),
            section: s(),
            question: s(),
            fields: vec![(s(), s())],
            sources: sources(),
            write_in: Some(s()),
        }),
        Block::Records(vec![Record {
            mark: Some(mark()),
            tone: None,
            title: s(),
            lines: vec![(Some(s()), s()), (None, s())],
        }]),
        Block::Notice(w()),
        Block::Words(vec![Run::Text(w()), Run::Code(w())]),
        Block::Question(Question {
            number: 7,
            anchor: s(),
            prompt: s(),
            hint: Some(s()),
            when: Some(s()),
            ask: Some((s(), s())),
            write_in: WriteIn::Number { unit: s() },
            boxes: vec![s()],
        }),
        Block::Numbered(vec![(3, vec![Run::Code(s()), Run::Text(s())])]),
        Block::References(vec![
            (
                1,
                Link {
                    text: s(),
                    href: Some(s()),
                },
            ),
            (
                12,
                Link {
                    text: s(),
                    href: None,
                },
            ),
        ]),
        Block::Topic {
            title: s(),
            text: s(),
            sources: numbered(),
        },
        Block::Rule,
        Block::Topic {
            title: w(),
            text: s(),
            sources: sources(),
        },
        Block::Part {
            class: "cautions",
            keep: true,
            blocks: vec![Block::Keep(vec![Block::Paragraph(w())])],
        },
    ];
    Doc {
        title: s(),
        footer: Some(s()),
        lang: Some(s()),
        blocks,
    }
}

/// Markdown with its code (spans and fenced blocks, whose text is shown as it is) left out.
fn outside_code(md: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for line in md.lines() {
        let ticks: String = line.chars().take_while(|c| *c == '`').collect();
        match &fence {
            Some(f) if line.trim_end() == f.as_str() => fence = None,
            Some(_) => {}
            None if ticks.len() >= 3 => fence = Some(ticks),
            None => {
                // Code spans dropped; an escaped backtick (`\``) is a character, not a fence.
                let chars: Vec<char> = line.chars().collect();
                let mut i = 0;
                while i < chars.len() {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        out.push(chars[i]);
                        out.push(chars[i + 1]);
                        i += 2;
                        continue;
                    }
                    if chars[i] != '`' {
                        out.push(chars[i]);
                        i += 1;
                        continue;
                    }
                    let run = chars[i..].iter().take_while(|c| **c == '`').count();
                    let mut j = i + run;
                    let mut closed = None;
                    while j < chars.len() {
                        let r = chars[j..].iter().take_while(|c| **c == '`').count();
                        if r == run {
                            closed = Some(j + r);
                            break;
                        }
                        j += r.max(1);
                    }
                    i = closed.unwrap_or(chars.len());
                }
                out.push('\n');
            }
        }
    }
    out
}

fn drives_a_terminal(c: char) -> bool {
    c != '\n' && crate::diag::drives_a_terminal(c)
}

/// Whether a line of text output begins (indents, boxes, numbers and bullets aside) with
/// the forged words: the text began a line of its own. Only text that was on one line and
/// wrapped can sit at a line's start, after the indent its block gives it.
fn begins_a_line(out: &str) -> bool {
    out.lines().any(|l| l.starts_with("FORGED"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn hostile_text_in_any_block_changes_no_document(t in hostile()) {
        let doc = every_block(&t, None);
        let text = |doc: &Doc| {
            let lines: String = super::lines::render(doc, 60)
                .into_iter()
                .map(|l| l.text + "\n")
                .collect();
            [("txt", super::txt::render(doc)), ("lines", lines)]
        };
        for (name, out) in text(&doc) {
            prop_assert!(!out.chars().any(drives_a_terminal), "{name}: {out:?}");
            prop_assert!(!out.contains('\r'), "{name}: a carriage return");
        }
        for (name, out) in text(&every_block(&t, Some("Our own words."))) {
            prop_assert!(!begins_a_line(&out), "{name}:\n{out}");
        }
        let md = super::md::render(&doc);
        prop_assert!(!md.chars().any(drives_a_terminal), "md: {md:?}");
        prop_assert!(!outside_code(&md).contains("<i>"), "md: raw markup: {md}");
        for line in md.lines() {
            // Every field begins "x ": what follows a block marker of the document's own is
            // "x", or words of its own in bold or code. Anything else at a line's start
            // came from inside the text, after a break: escaped, it begins with a backslash.
            let l = line.trim_start();
            let rest = ["### ", "## ", "# ", "- ", "1. ", "3. ", "7. ", "> "]
                .iter()
                .find_map(|m| l.strip_prefix(m))
                .unwrap_or(l);
            let opens = ["# ", "- ", "1. ", "> ", "=SUM", "<i>"];
            prop_assert!(
                !opens.iter().any(|f| rest.starts_with(f)),
                "md opens a block: {line:?}\n{md}"
            );
        }
        let html = super::html::render(&doc);
        let body = html.split("<body>").nth(1).unwrap_or_default();
        prop_assert!(!body.contains("<i>"), "html: raw markup");
        prop_assert!(!html.chars().any(drives_a_terminal), "html: {html:?}");
    }
}
