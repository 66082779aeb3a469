//! The appendix for whoever returns the answers as a file: the `[meta]` lines, and each question's id with the values it takes.

use super::{Entry, Form};
use crate::answers::{example, quote};
use crate::bank::Kind;
use crate::doc::{Block, Run};
use crate::report;
use crate::ui;

/// The appendix as blocks: its title, the top of the file, the syntax, and each question's
/// id with what it takes.
pub(super) fn appendix(form: &Form<'_>) -> Vec<Block> {
    vec![
        Block::Rule,
        Block::Heading(ui::ANSWERS_FILE_TITLE.to_owned()),
        Block::Paragraph(INTRO.to_owned()),
        Block::Code {
            lang: "toml",
            text: template(form),
        },
        Block::Paragraph(RULES.to_owned()),
        Block::Code {
            lang: "toml",
            text: SYNTAX.to_owned(),
        },
        Block::Numbered(
            form.entries()
                .map(|e| {
                    let mut runs = vec![
                        Run::Code(format!("\"{}\"", e.question.id)),
                        Run::Text(": ".into()),
                    ];
                    runs.extend(accepts(e));
                    (e.number, runs)
                })
                .collect(),
        ),
    ]
}

/// Said once before the list.
pub(super) const INTRO: &str = "Only needed to send the answers back as a file for exovet to score: the form above is enough on paper. The file is described in docs/answers-format.md, which comes with exovet. Start it with these lines:";

pub(super) const RULES: &str = "Then add one line per question answered: its id in quotes, \"=\", and the answer, as shown below. Any question may be answered \"refused\" (could not or would not answer), and \"na\" (not applicable) where it is listed. Leave out a question that was not asked.";

/// The top of an answers file for this bank and audience, as TOML.
pub(super) fn template(form: &Form<'_>) -> String {
    format!(
        "[meta]\nbank = {}\nbank_version = {}\naudience = \"{}\"\nsubject = \"\"  # who is being vetted\n\n[answers]\n",
        quote(&form.bank.id),
        quote(&form.bank.version),
        form.audience.id()
    )
}

/// One line of each kind, so the syntax is seen once.
pub(super) const SYNTAX: &str = r#""question.id" = "option-id"                 # tick one
"question.id" = ["option-id", "other-id"]   # tick all that apply
"question.id" = 1250                        # a number
"question.id" = "any words"                 # written in
"#;

/// What one question takes: "one of a, b, c; or na".
pub(super) fn accepts(entry: &Entry<'_>) -> Vec<Run> {
    let q = entry.question;
    let text = |t: &str| Run::Text(t.to_owned());
    let mut out = Vec::new();
    let ids = |out: &mut Vec<Run>| {
        for (i, c) in q.kind.choices().iter().enumerate() {
            if i > 0 {
                out.push(text(", "));
            }
            out.push(Run::Code(c.id.clone()));
        }
    };
    match &q.kind {
        Kind::Multiple(_) => {
            out.push(text("a list of any of "));
            ids(&mut out);
        }
        Kind::Single(_) => {
            out.push(text("one of "));
            ids(&mut out);
        }
        Kind::Number(spec) => out.push(Run::Text(format!(
            "a number from {} to {} ({})",
            example(spec.min),
            example(spec.max),
            report::one_line(&spec.unit)
        ))),
        Kind::Text => out.push(text("any words, in quotes")),
    }
    if q.allow_na {
        out.push(text("; or "));
        out.push(Run::Code("na".into()));
    }
    out
}
