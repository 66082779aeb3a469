//! Turning verdicts into what people and programs read.

pub mod compare;
pub mod diff;
pub mod html;
pub mod json;
pub mod md;
pub mod questionnaire;
pub mod summary;
pub mod text;

pub use crate::doc::Format;
pub use crate::explain::Scored;

/// Text on one line: typed line breaks, tabs and runs of spaces become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
