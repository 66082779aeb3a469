//! The printable summary a patient keeps: `exovet report FILE` in txt, md and html.
//!
//! The three formats render the one [`Explanation`] of the verdict, so they say the
//! same thing in the same order; each renderer escapes every string of it (bank text
//! too: anyone can hand a clinic a bank).

mod html;
mod md;
mod txt;

use super::{Format, Scored};
use crate::explain::{Explanation, Item, explain};

/// The summary of one scored answers file in `format`.
pub fn render(s: &Scored<'_>, format: Format) -> String {
    let doc = explain(s);
    match format {
        Format::Txt => txt::render(&doc),
        Format::Md => md::render(&doc),
        Format::Html => html::render(&doc),
    }
}

// Headings and fixed sentences, shared by the three formats.
const NEXT_TITLE: &str = "What to do next";
const RESUME: &str = "When you learn more, add it and see the new verdict with:";
const NO_FLAGS: &str = "None so far: no answer about the provider carries a red or amber flag.";
const KEY_MARK: &str = "Key question:";
const NOTES_TITLE: &str = "Your notes";
const WARNINGS_TITLE: &str = "Notes on this file";
const DISCLAIMER_TITLE: &str = "Please read";
const REVIEW_TITLE: &str = "These questions are due for review";
const ANSWER_LABEL: &str = "Answer";
const WHY_LABEL: &str = "Why it matters";
const SOURCES_LABEL: &str = "Sources";
const NOT_COUNTED_BECAUSE: &str = "Not counted because";

#[cfg(test)]
mod tests;
