//! A diff as a document ([`Doc`]): what a patient reads after the consult, or a coordinator
//! a year on. Laid out as lines for a terminal (`text`), as Markdown to keep with the
//! assessment (`md`), or as a page to print (`html`). Words and symbols carry every
//! meaning; on a terminal where colour is on, WORSE is red and BETTER green too.

use std::path::Path;

use super::words::{self, sides};
use super::{Changes, QuestionChange};
use crate::bank::Bank;
use crate::doc::{self, Block, Doc, Head, Record};
use crate::output::Paint;
use crate::report::text::WIDTH;
use crate::score::Finding;
use crate::ui;

/// `c`, the changes from the file at `old` to the one at `new`, as lines that fit 80 columns.
pub fn text(bank: &Bank, c: &Changes<'_>, old: &Path, new: &Path, paint: Paint) -> String {
    doc::lines::render(&page(bank, c, old, new), WIDTH)
        .iter()
        .map(|l| paint.line(l) + "\n")
        .collect()
}

/// The same in `format` (Markdown, or a page to print).
pub fn render(bank: &Bank, c: &Changes<'_>, old: &Path, new: &Path, format: doc::Format) -> String {
    doc::render(&page(bank, c, old, new), format)
}

fn page(bank: &Bank, c: &Changes<'_>, old: &Path, new: &Path) -> Doc {
    let audience = c.new.file.meta.audience;
    let (was, now) = sides(audience);
    let subject = ui::shown_subject(&c.new.file.meta.subject);
    let file = |path: &Path, side: &super::Side<'_>| {
        format!(
            "{} (saved {})",
            crate::text::shown_path(path),
            ui::when_text(side.file.meta.updated.as_deref())
        )
    };
    let mut b = vec![
        Block::Head(Head {
            title: format!("{}: {subject}", words::TITLE),
            facts: vec![
                (was.to_owned(), file(old, &c.old)),
                (now.to_owned(), file(new, &c.new)),
            ],
            ..Head::default()
        }),
        Block::Verdict(crate::doc::Verdict {
            mark: crate::explain::level_mark(
                c.new.verdict.level,
                ui::level_word(c.new.verdict.level),
            ),
            headline: words::verdict_line(c),
            meaning: if c.is_empty() {
                words::NO_CHANGES
            } else {
                ui::verdict_meaning(bank, &c.new.verdict, audience)
            }
            .to_owned(),
            counts: words::counts_line(c).unwrap_or_default(),
        }),
    ];
    b.extend(words::score_line(c).map(Block::Paragraph));
    for (direction, group) in c.groups() {
        b.push(Block::Heading(format!(
            "{} ({})",
            words::group_title(direction),
            group.len()
        )));
        b.push(Block::Records(
            group
                .iter()
                .map(|q| question(bank, c, q, (was, now)))
                .collect(),
        ));
    }
    // A reason gone says where its question stands now: better, cleared, or no longer asked.
    let now_standing = |f: &Finding| {
        let standing = words::standing(bank, f.question, &c.new.standing(f.question));
        (Some(now.to_owned()), standing)
    };
    let why = |f: &Finding| (Some("Why".to_owned()), f.why(bank).into_owned());
    for (title, list, detail) in [
        (
            words::REASONS_NEW,
            &c.new_reasons,
            &why as &dyn Fn(&Finding) -> _,
        ),
        (words::REASONS_GONE, &c.resolved_reasons, &now_standing),
    ] {
        if list.is_empty() {
            continue;
        }
        b.push(Block::Heading(format!("{title} ({})", list.len())));
        b.push(Block::Records(
            list.iter()
                .map(|f| reason(bank, c, "", f, detail(f)))
                .collect(),
        ));
    }
    if !c.new_rules.is_empty() || !c.resolved_rules.is_empty() {
        b.push(Block::Heading(words::RULES_TITLE.to_owned()));
        let fired = [
            (words::RULES_NEW, &c.new_rules),
            (words::RULES_GONE, &c.resolved_rules),
        ];
        b.push(Block::Records(
            fired
                .iter()
                .flat_map(|(label, list)| {
                    list.iter()
                        .map(move |f| reason(bank, c, &format!("{label}: "), f, why(f)))
                })
                .collect(),
        ));
    }
    if let Some(a) = &c.attestation {
        b.push(Block::Heading(words::ATTESTATION_TITLE.to_owned()));
        b.push(Block::Records(
            [(was, a.before), (now, a.after)]
                .into_iter()
                .map(|(label, side)| Record {
                    mark: None,
                    tone: None,
                    title: format!("{label}: {}", words::attestation(side)),
                    lines: Vec::new(),
                })
                .collect(),
        ));
    }
    if c.attestation.is_some() || c.questions.iter().any(|q| q.document.is_some()) {
        b.push(Block::Paragraph(words::NOT_A_CHECK.to_owned()));
    }
    b.push(Block::Paragraph(bank.disclaimer.clone()));
    Doc {
        title: format!("{subject} · exovet diff"),
        footer: Some("exovet diff".to_owned()),
        lang: bank.language.clone(),
        blocks: b,
    }
}

/// One question that changed: which way, the question, where it stood and stands, and its
/// document.
fn question(
    bank: &Bank,
    c: &Changes<'_>,
    q: &QuestionChange<'_>,
    (was, now): (&str, &str),
) -> Record {
    let audience = c.new.file.meta.audience;
    let standing = |s| words::standing(bank, q.question, s);
    let mut lines = if q.answer_changed() {
        vec![
            (Some(was.to_owned()), standing(&q.before)),
            (Some(now.to_owned()), standing(&q.after)),
        ]
    } else {
        vec![(Some(words::UNCHANGED.to_owned()), standing(&q.after))]
    };
    lines.extend(q.document.as_ref().map(|d| (None, words::document(d))));
    Record {
        mark: None,
        tone: words::direction_tone(q.direction),
        title: format!(
            "{} · {}",
            words::direction_word(q.direction),
            words::prompt(bank, q.question, audience)
        ),
        lines,
    }
}

/// A reason, its flag and question after `label`, and one line `detail` gives.
fn reason(
    bank: &Bank,
    c: &Changes<'_>,
    label: &str,
    f: &Finding,
    detail: (Option<String>, String),
) -> Record {
    Record {
        mark: None,
        tone: None,
        title: format!(
            "{label}{}: {}",
            words::flag(f.flag),
            ui::finding_question(bank, f, c.new.file.meta.audience)
        ),
        lines: vec![detail],
    }
}
