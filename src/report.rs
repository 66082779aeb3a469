//! Turning verdicts into what people and programs read.

pub mod json;
pub mod text;

use std::path::Path;

use crate::answers::AnswerFile;
use crate::bank::Bank;
use crate::diag::Diagnostic;
use crate::score::Verdict;

/// One scored answers file, everything a report needs.
pub struct Scored<'a> {
    pub path: &'a Path,
    pub bank: &'a Bank,
    pub file: &'a AnswerFile,
    pub verdict: &'a Verdict,
    pub warnings: &'a [Diagnostic],
}
