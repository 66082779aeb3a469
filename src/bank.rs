//! The validated question bank: sections, questions, options and flags, with ids resolved to indices.

mod builtin;
mod keys;
mod load;
mod model;
mod raw;
mod validate;

use std::path::Path;

pub use builtin::{BUILTIN_NAME, BUILTIN_TEXT, load_builtin};
pub(crate) use load::parse_toml;
pub use load::{BankError, Parsed, load_file, parse};
pub use model::{
    AskedOf, Audience, Band, Bank, Choice, Condition, CrossRule, Flag, Guide, Kind, MigrateAction,
    Migration, NumberSpec, Question, QuestionId, Reach, Scoring, Section, SectionAbout, Source,
    SourceKind, kind_words, parse_version,
};

impl Bank {
    /// Reads and validates a bank file, or the built-in bank when `path` is `None`.
    pub fn load(path: Option<&Path>) -> Result<Self, BankError> {
        match path {
            Some(p) => load_file(p),
            None => Ok(load_builtin()),
        }
    }
}
