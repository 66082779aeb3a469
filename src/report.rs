//! Turning verdicts into what people and programs read.

pub mod compare;
pub mod diff;
pub mod html;
pub mod json;
pub mod md;
pub mod questionnaire;
pub mod summary;
pub mod text;

/// The formats of a printable document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text that fits 80 columns.
    Txt,
    Md,
    /// One self-contained page with a print stylesheet.
    Html,
}

pub use crate::explain::Scored;

/// Text on one line: typed line breaks, tabs and runs of spaces become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
