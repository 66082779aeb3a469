//! The appendix for whoever returns the answers as a file: the `[meta]` lines, and each question's id with the values it takes.

use super::{Entry, Form};
use crate::answers::{example, quote};
use crate::bank::Kind;
use crate::report;

/// How a format writes ids (code) and bank text (escaped).
pub(super) struct Style {
    pub code: fn(&str) -> String,
    pub text: fn(&str) -> String,
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
pub(super) fn accepts(entry: &Entry<'_>, style: &Style) -> String {
    let q = entry.question;
    let ids = || {
        q.kind
            .choices()
            .iter()
            .map(|c| (style.code)(&c.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = match &q.kind {
        Kind::Multiple(_) => format!("a list of any of {}", ids()),
        Kind::Single(_) => format!("one of {}", ids()),
        Kind::Number(spec) => format!(
            "a number from {} to {} ({})",
            example(spec.min),
            example(spec.max),
            (style.text)(&report::one_line(&spec.unit))
        ),
        Kind::Text => "any words, in quotes".to_owned(),
    };
    if q.allow_na {
        out.push_str("; or ");
        out.push_str(&(style.code)("na"));
    }
    out
}
