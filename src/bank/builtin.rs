//! The bank built into the binary, so `exovet` runs from any directory.
//!
//! `build.rs` parses and validates `questions.toml` when exovet is built and
//! writes the result out as Rust: starting the wizard then costs building a
//! few thousand strings, not parsing 90 KB of TOML. A bank that does not
//! validate stops the build with the same messages `exovet check` gives.

use super::Bank;

/// The text of the built-in bank, for `exovet check` and for reading it back in tests.
pub const BUILTIN_TEXT: &str = include_str!("../../questions.toml");
pub const BUILTIN_NAME: &str = "built-in bank";

/// The built-in bank, validated when exovet was built.
pub fn load_builtin() -> Bank {
    generated::bank()
}

#[allow(clippy::all, clippy::pedantic)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin_bank.rs"));
}

#[cfg(test)]
mod tests {
    use super::{BUILTIN_NAME, BUILTIN_TEXT, load_builtin};
    use crate::bank::parse;
    use crate::source::SourceText;

    #[test]
    fn the_bank_built_in_is_questions_toml_as_the_loader_reads_it() {
        let parsed = parse(&SourceText::new(BUILTIN_NAME, BUILTIN_TEXT)).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert_eq!(load_builtin(), parsed.bank);
    }
}
