//! The questionnaire as an answers file to send a vendor (`questions --format toml`):
//! `[meta]` filled in, every question a block of comments with its answer line commented
//! out, a blank `[attestation]` and an example `[evidence]` table.
//!
//! Read back unchanged it is a valid answers file with nothing asked. Flags are left out,
//! as on paper: the form must not steer whoever fills it in. Everything from the bank is
//! written on comment lines only, flattened to one line and made inert, so no bank text
//! can end a comment early and become TOML.

use std::fmt::Write as _;

use super::{Entry, Form};
use crate::answers::{NOT_APPLICABLE, REFUSED, attestation, example, quote};
use crate::bank::Kind;
use crate::report;
use crate::ui;

/// The file, for `subject` (may be empty).
pub(super) fn render(form: &Form<'_>, subject: &str) -> String {
    let mut out = String::new();
    let o = &mut out;
    let vendor = form.vendor;
    let title = if vendor {
        VENDOR_TITLE.to_owned()
    } else {
        format!(
            "{}: {}",
            form.title(),
            ui::questionnaire_title(form.audience)
        )
    };
    comment(o, "", &title);
    comment(o, "", &form.about_line());
    o.push_str("#\n");
    comment(o, "", if vendor { HOW_TO } else { HOW_TO_PATIENT });
    o.push_str("#\n");
    // The bank's disclaimer speaks to whoever is vetting; a vendor is told why it is asked.
    comment(
        o,
        "",
        if vendor {
            WHY_WE_ASK
        } else {
            &form.bank.disclaimer
        },
    );
    let _ = write!(
        o,
        "\n[meta]\nbank = {}\nbank_version = {}\naudience = \"{}\"\nsubject = {}",
        quote(&form.bank.id),
        quote(&form.bank.version),
        form.audience.id(),
        quote(subject.trim())
    );
    o.push_str(match (subject.trim().is_empty(), vendor) {
        (false, _) => "\n",
        (true, true) => "  # who answers: your organization's name\n",
        (true, false) => "  # the clinic or provider\n",
    });
    o.push_str("\n[answers]\n");
    for part in &form.sections {
        o.push('\n');
        comment(o, "", &format!("== {} ==", part.title()));
        comment(o, "", part.intro());
        for entry in &part.entries {
            o.push('\n');
            question(o, entry, vendor);
        }
    }
    // A vendor sends documents and signs; a patient's answers, about their own health
    // too, are theirs to keep: no signature, and nothing to send back.
    if vendor {
        o.push('\n');
        comment(o, "", EVIDENCE_HOW_TO);
        o.push_str(EVIDENCE_EXAMPLE);
        o.push_str("\n[attestation]\n");
        comment(o, "", ATTESTATION_HOW_TO);
        for key in ["name", "role", "organization", "date"] {
            let _ = writeln!(o, "{key} = \"\"");
        }
        let _ = writeln!(o, "statement = {}", quote(attestation::STATEMENT));
    }
    out
}

const HOW_TO_PATIENT: &str = "How to answer: below, each question ends with its answer line, which starts with \"# \". Remove the \"# \" and write the answer after the \"=\", as the question says: an id in quotes, a list of ids in [ ], a number, or words in quotes. Leave a question you do not answer as it is. Then `exovet score` on this file gives the verdict. The file holds answers about your health: keep it to yourself.";

/// The first line of the file sent to a vendor.
const VENDOR_TITLE: &str = "Questions about your exosome product, for you to answer";

/// In the file sent to a vendor, in place of the bank's disclaimer.
const WHY_WE_ASK: &str = "Why we ask: no exosome product is FDA-approved for any use, so we check for ourselves where a product comes from, how it is made, tested, stored and used, and what is claimed for it. Answer what is true for your product, and send the documents behind your answers. Where you do not know, leave the line as it is: a guess helps nobody.";

/// A refusal, as the vendor who fills the file in reads it.
const YOU_REFUSE: &str = "You cannot or will not answer";

const HOW_TO: &str = "How to answer: below, each question ends with its answer line, which starts with \"# \". Remove the \"# \" and write the answer after the \"=\", as the question says: an id in quotes, a list of ids in [ ], a number, or words in quotes. Leave a question you do not answer as it is. Then name the documents behind your answers under [evidence], sign the [attestation] at the end, and send the file back with the documents.";

const EVIDENCE_HOW_TO: &str = "Documents behind your answers: for each document you send, copy the three lines below, remove the \"# \", and write the id of the question it backs, the file's name (or a web address) and \"claimed\". We record each one we have seen.";

const EVIDENCE_EXAMPLE: &str =
    "# [evidence.\"testing.coa\"]\n# document = \"coa-lot-42.pdf\"\n# status = \"claimed\"\n";

const ATTESTATION_HOW_TO: &str = "Who stands behind these answers: your name, your role, your organization, and today's date as year-month-day (like 2026-12-01), all in quotes. Change the statement only if it is not true as written.";

fn question(o: &mut String, entry: &Entry<'_>, vendor: bool) {
    let q = entry.question;
    let number = format!("{}. ", entry.number);
    comment(o, &number, entry.prompt);
    let indent = &" ".repeat(number.len());
    if let Some(ask) = entry.ask {
        comment(o, indent, ask);
    }
    if let Some(when) = &entry.when {
        comment(
            o,
            indent,
            &when.sentence(|label| format!("\"{}\"", report::one_line(label))),
        );
    }
    // The vendor fills its file in itself; a patient records what the provider said, or
    // their own "I'd rather not say", as the printed form words it.
    let refused_words = if vendor {
        YOU_REFUSE
    } else {
        q.refused_label
            .as_deref()
            .unwrap_or(ui::QUESTIONNAIRE_REFUSED)
    };
    let refused = q.allow_refused.then_some((REFUSED, refused_words));
    let na = q.allow_na.then_some((NOT_APPLICABLE, ui::NA_TEXT));
    let reserved: Vec<(&str, &str)> = refused.into_iter().chain(na).collect();
    match &q.kind {
        Kind::Single(choices) | Kind::Multiple(choices) => {
            comment(
                o,
                indent,
                if matches!(q.kind, Kind::Multiple(_)) {
                    "Answer with a list of the ids that apply, like [\"one-id\", \"another-id\"]:"
                } else {
                    "Answer with one of these ids, in quotes:"
                },
            );
            let listed: Vec<(&str, &str)> = choices
                .iter()
                .map(|c| {
                    let label = if vendor {
                        c.label_for_vendor()
                    } else {
                        c.label.as_str()
                    };
                    (c.id.as_str(), label)
                })
                .chain(reserved.iter().copied())
                .collect();
            let width = listed.iter().map(|(id, _)| id.len() + 2).max().unwrap_or(0);
            for (id, label) in listed {
                let id = format!("\"{}\"", report::one_line(&crate::diag::inert(id)));
                comment(o, &format!("{indent}  {id:<width$}  "), label);
            }
        }
        Kind::Number(spec) => {
            let mut how = format!(
                "Answer with a number from {} to {} ({}), without quotes",
                example(spec.min),
                example(spec.max),
                spec.unit
            );
            for (id, label) in &reserved {
                let _ = write!(how, "; or \"{id}\" ({})", label.to_lowercase());
            }
            how.push('.');
            comment(o, indent, &how);
        }
        Kind::Text => comment(o, indent, "Answer with any words, in quotes."),
    }
    if let Some(document) = &q.evidence {
        comment(
            o,
            indent,
            &format!("The document that backs it: {document}. Name it under [evidence] below."),
        );
    }
    let _ = writeln!(o, "# {} = ", quote(&q.id));
}

/// Bank text as comment lines: one line, made inert, wrapped at 80 columns.
fn comment(o: &mut String, indent: &str, text: &str) {
    let text = report::one_line(&crate::diag::inert(text));
    let rest = " ".repeat(indent.chars().count());
    let options = textwrap::Options::new(78)
        .initial_indent(indent)
        .subsequent_indent(&rest);
    for line in textwrap::wrap(&text, options) {
        let line = line.trim_end();
        if line.is_empty() {
            o.push_str("#\n");
        } else {
            let _ = writeln!(o, "# {line}");
        }
    }
}
