//! The printable summary a patient keeps: `exovet report FILE` in txt, md and html.
//!
//! The three formats render the one [`Explanation`] of the verdict, so they say the
//! same thing in the same order; each renderer escapes every string of it (bank text
//! too: anyone can hand a clinic a bank).

use super::{Format, Scored};
use crate::explain::explain;

pub use crate::explain::Paper;

/// The summary of one scored answers file in `format`, as its audience's paper.
pub fn render(s: &Scored<'_>, format: Format) -> String {
    render_paper(s, format, Paper::for_audience(s.file.meta.audience))
}

/// The same, holding what `paper` says.
pub fn render_paper(s: &Scored<'_>, format: Format, paper: Paper) -> String {
    crate::doc::render(&crate::explain::summary(&explain(s), paper), format)
}

#[cfg(test)]
mod tests;
