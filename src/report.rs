//! Turning verdicts into what people and programs read.

pub mod compare;
pub mod html;
pub mod json;
pub mod md;
pub mod questionnaire;
pub mod summary;
pub mod text;

use std::path::Path;

use crate::answers::AnswerFile;
use crate::bank::Bank;
use crate::diag::Diagnostic;
use crate::score::Verdict;

/// The formats of a printable document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text that fits 80 columns.
    Txt,
    Md,
    /// One self-contained page with a print stylesheet.
    Html,
}

/// One scored answers file, everything a report needs.
pub struct Scored<'a> {
    pub path: &'a Path,
    pub bank: &'a Bank,
    pub file: &'a AnswerFile,
    pub verdict: &'a Verdict,
    pub warnings: &'a [Diagnostic],
}

impl<'a> Scored<'a> {
    /// Answers that came from the wizard, not a file, so nothing was ignored.
    pub fn new(path: &'a Path, bank: &'a Bank, file: &'a AnswerFile, verdict: &'a Verdict) -> Self {
        Self {
            path,
            bank,
            file,
            verdict,
            warnings: &[],
        }
    }

    /// Answers read from a file, with what reading it warned about.
    pub fn loaded(
        path: &'a Path,
        bank: &'a Bank,
        loaded: &'a crate::answers::Loaded,
        verdict: &'a Verdict,
    ) -> Self {
        Self {
            path,
            bank,
            file: &loaded.file,
            verdict,
            warnings: &loaded.warnings,
        }
    }
}

/// Text on one line: typed line breaks, tabs and runs of spaces become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
