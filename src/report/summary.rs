//! The printable summary a patient keeps: `exovet report FILE` in txt, md and html.
//!
//! The three formats render the one [`Explanation`] of the verdict, so they say the
//! same thing in the same order; each renderer escapes every string of it (bank text
//! too: anyone can hand a clinic a bank).

use super::{Format, Scored};
use crate::explain::explain;

/// The summary of one scored answers file in `format`.
pub fn render(s: &Scored<'_>, format: Format) -> String {
    crate::doc::render(&crate::explain::summary(&explain(s)), format)
}

#[cfg(test)]
mod tests;
