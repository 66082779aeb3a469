//! The verdict as a screen shows it, as a document ([`Doc`]): the verdict and why in a few
//! lines, then what is still to ask and each reason in detail. `score`'s text and the
//! full-screen wizard's verdict lay it out with `crate::doc::lines`; every word is chosen
//! here.

use super::citations::Citations;
use crate::doc::Block;

use super::{
    DETAILS_TITLE, DOCUMENTS_NOTE, DOCUMENTS_TITLE, Explanation, Item, NOT_COUNTED_NOTE,
    NOT_COUNTED_TITLE, REASONS_TITLE, level_mark,
};
use crate::ui;

/// The verdict line, what it means, how much is answered, who signed, and any review notice.
pub fn headline(e: &Explanation<'_>) -> Vec<Block> {
    let headline = match e.score {
        Some(score) => format!("{} · score {score}/100", e.headline),
        None => e.headline.clone(),
    };
    let mut b = vec![Block::Verdict(crate::doc::Verdict {
        mark: level_mark(e.level, ui::level_word(e.level)),
        headline,
        meaning: e.meaning.to_owned(),
        counts: e.counts.clone(),
    })];
    if let Some(reported) = &e.reported {
        // It holds the signer's name: wrapped, a line of it is indented, so no name can
        // begin a line of exovet's own ("✔ Verdict: GREEN").
        b.push(Block::Hanging(reported.clone()));
    }
    if let Some(review) = &e.review_due {
        b.push(Block::Paragraph(review.clone()));
    }
    b
}

/// Everything after the headline, to the disclaimer, in the order a person uses it: why,
/// in one line each; what is still to ask; then each reason in detail with its sources.
pub fn details(e: &Explanation<'_>) -> Vec<Block> {
    let mut cited = Citations::default();
    let mut b = Vec::new();
    if !e.rules.is_empty() || !e.reasons.is_empty() {
        b.push(Block::Heading(REASONS_TITLE.into()));
        if !e.rules.is_empty() {
            b.push(Block::Lead(format!("{}:", e.rules_title)));
            b.push(Block::Bullets(e.rules.clone()));
        }
        b.push(Block::Marked(
            e.reasons
                .iter()
                .map(|r| (r.flag.map(super::summary::flag_mark), r.text.clone()))
                .collect(),
        ));
    }
    if e.to_ask() > 0 {
        b.push(Block::Heading(e.checklist_heading()));
        for group in &e.checklist {
            b.push(Block::Group(format!("{}:", group.title)));
            for section in &group.sections {
                b.push(Block::Subheading(section.title.to_owned()));
                b.push(Block::Checks(
                    section
                        .asks
                        .iter()
                        .map(|ask| ask.check(None, None, false))
                        .collect(),
                ));
            }
        }
    }
    b.extend(e.check_yourself_blocks(false));
    if !e.flags.is_empty() || !e.cautions.is_empty() || !e.not_counted.is_empty() {
        b.push(Block::Heading(DETAILS_TITLE.into()));
    }
    if !e.flags.is_empty() {
        b.push(Block::Heading(e.flags_title.into()));
        b.extend(e.flags.iter().map(|f| flagged(f, &mut cited)));
    }
    if !e.cautions.is_empty() {
        b.push(Block::Heading(ui::PATIENT_CAUTIONS_TITLE.into()));
        b.push(Block::Intro(ui::PATIENT_CAUTIONS_NOTE.into()));
        b.extend(e.cautions.iter().map(|c| flagged(c, &mut cited)));
    }
    if !e.not_counted.is_empty() {
        b.push(Block::Heading(NOT_COUNTED_TITLE.into()));
        b.push(Block::Intro(NOT_COUNTED_NOTE.into()));
        b.push(Block::Records(super::summary::not_counted_records(
            e,
            "Not counted",
            ".",
        )));
    }
    if let Some(greens) = &e.greens {
        b.push(Block::Paragraph(greens.clone()));
    }
    if !e.documents.is_empty() {
        b.push(Block::Heading(DOCUMENTS_TITLE.into()));
        b.push(Block::Intro(DOCUMENTS_NOTE.into()));
        b.push(Block::Records(super::summary::document_records(
            e, "Answer",
        )));
    }
    if !e.notes.is_empty() {
        b.push(Block::Heading("Notes".into()));
        b.push(Block::Records(super::summary::note_records(e)));
    }
    if !e.warnings.is_empty() {
        b.push(Block::Heading("Notes on this file".into()));
        b.push(Block::Bullets(e.warnings.clone()));
    }
    b.extend(cited.blocks());
    b.push(Block::Paragraph(e.disclaimer.to_owned()));
    b
}

fn flagged(item: &Item<'_>, cited: &mut Citations) -> Block {
    super::summary::flagged_as(item, cited, "Why", false)
}
