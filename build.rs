//! Validates `questions.toml` and builds it into the binary as Rust.
//!
//! The wizard used to parse and validate the 90 KB built-in bank on every
//! start: three quarters of the time to its first frame. Here the loader the
//! binary uses (the same source files, compiled into this script) reads the
//! bank once, when exovet is built, and writes `$OUT_DIR/builtin_bank.rs`, a
//! function that builds the validated [`bank::Bank`] directly. A bank with
//! errors stops the build with the messages `exovet check` would print; its
//! warnings are shown as cargo warnings. `src/bank/builtin.rs` has the test
//! that the result equals what the loader reads at run time.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src"]
#[allow(dead_code, unused_imports)]
mod exovet {
    pub mod diag;
    pub mod limits;
    pub mod source;
}
use exovet::{diag, limits, source};

#[path = "src/bank"]
#[allow(dead_code, unused_imports)]
mod bank {
    mod keys;
    mod load;
    mod model;
    mod raw;
    mod validate;

    pub use load::parse;
    pub use model::{
        AskedOf, Audience, Band, Bank, Choice, Condition, CrossRule, Flag, Guide, Kind,
        MigrateAction, Migration, NumberSpec, Question, QuestionId, Reach, Scoring, Section,
        SectionAbout, Source, SourceKind, kind_words, parse_version,
    };
}

use bank::{
    AskedOf, Band, Bank, Choice, Condition, CrossRule, Flag, Guide, Kind, MigrateAction, Migration,
    NumberSpec, Question, QuestionId, Reach, Scoring, Section, SectionAbout, Source, SourceKind,
};

const BANK_FILE: &str = "questions.toml";

fn main() {
    for path in [
        BANK_FILE,
        "build.rs",
        "src/bank",
        "src/diag.rs",
        "src/limits.rs",
        "src/source.rs",
        "src/source",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let text = match std::fs::read_to_string(BANK_FILE) {
        Ok(t) => t,
        Err(e) => fail(&format!("{BANK_FILE}: error: cannot read it: {e}")),
    };
    let parsed = match bank::parse(&source::SourceText::new(BANK_FILE, text)) {
        Ok(p) => p,
        Err(invalid) => fail(&invalid.to_string()),
    };
    for warning in &parsed.warnings {
        println!("cargo::warning={warning}");
    }
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        fail("OUT_DIR is not set: build.rs runs under cargo");
    };
    let out = Path::new(&out_dir).join("builtin_bank.rs");
    if let Err(e) = std::fs::write(&out, rust(&parsed.bank)) {
        fail(&format!("{}: error: cannot write it: {e}", out.display()));
    }
}

/// Stops the build with `message`, which cargo shows under the build script's output.
fn fail(message: &str) -> ! {
    eprintln!("{message}");
    eprintln!("The built-in bank ({BANK_FILE}) must validate; see docs/bank-format.md.");
    std::process::exit(1);
}

/// The module body: `pub fn bank() -> Bank` building `b` field by field.
fn rust(b: &Bank) -> String {
    let mut out = String::from(
        "// Written by build.rs from questions.toml. Do not edit.\n\
         use crate::bank::*;\n\n\
         pub fn bank() -> Bank {\n",
    );
    b.emit(&mut out);
    out.push_str("\n}\n");
    out
}

/// A value written as the Rust expression that builds it.
trait Emit {
    fn emit(&self, out: &mut String);
}

impl Emit for String {
    fn emit(&self, out: &mut String) {
        // Debug escapes a string as a valid Rust literal.
        let _ = write!(out, "String::from({self:?})");
    }
}

impl Emit for f64 {
    fn emit(&self, out: &mut String) {
        // Bits, so every value comes back exactly.
        let _ = write!(out, "f64::from_bits({:#x})", self.to_bits());
    }
}

/// Numbers and booleans, as Rust writes them.
macro_rules! emit_display {
    ($($t:ty),*) => {$(
        impl Emit for $t {
            fn emit(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
emit_display!(u32, usize, bool);

/// Enums without fields: `Type::Variant`.
macro_rules! emit_variant {
    ($($t:ident),*) => {$(
        impl Emit for $t {
            fn emit(&self, out: &mut String) {
                let _ = write!(out, concat!(stringify!($t), "::{:?}"), self);
            }
        }
    )*};
}
emit_variant!(AskedOf, Flag, Reach, SectionAbout, SourceKind);

impl<T: Emit> Emit for Option<T> {
    fn emit(&self, out: &mut String) {
        match self {
            Some(v) => {
                out.push_str("Some(");
                v.emit(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: Emit> Emit for Vec<T> {
    fn emit(&self, out: &mut String) {
        out.push_str("vec![");
        for item in self {
            item.emit(out);
            out.push_str(",\n");
        }
        out.push(']');
    }
}

/// Writes `Name { field: value, … }`.
fn object(out: &mut String, name: &str, fields: &[(&str, &dyn Emit)]) {
    out.push_str(name);
    out.push_str(" {\n");
    for (field, value) in fields {
        out.push_str(field);
        out.push_str(": ");
        value.emit(out);
        out.push_str(",\n");
    }
    out.push('}');
}

/// Structs: the pattern names every field, so a field added to the bank's
/// types fails to compile here until it is listed.
macro_rules! emit_struct {
    ($($t:ident { $($field:ident),* $(,)? })*) => {$(
        impl Emit for $t {
            fn emit(&self, out: &mut String) {
                let $t { $($field),* } = self;
                object(out, stringify!($t), &[$((stringify!($field), $field)),*]);
            }
        }
    )*};
}
emit_struct! {
    Bank {
        id, version, title, disclaimer, released, review_by, language, scoring, sections, questions,
        sources, rules, migrations, guide, file,
    }
    Scoring { red_at, green_max_amber, green_min_answered }
    Section { id, title, intro, about }
    Question {
        id, section, reach, kind, key, weight, prompt, coordinator_prompt, vendor_prompt, asked_of,
        help, ask,
        coordinator_ask, evidence, sources, refused, refused_why, allow_na, show_if, gate, unscored,
        allow_refused, refused_label,
    }
    Source { id, title, kind, address, date }
    CrossRule { id, flag, why, sources, when }
    Migration { from, question, option, action }
    Guide { id, title, text, reach, sources }
    Choice { id, label, vendor_label, flag, why, sources, traits }
    NumberSpec { unit, min, max, bands }
    Band { min, max, flag, why, sources }
    Condition { question, any_of, has }
}

impl Emit for QuestionId {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "QuestionId({})", self.0);
    }
}

impl Emit for Kind {
    fn emit(&self, out: &mut String) {
        let (variant, inner): (&str, Option<&dyn Emit>) = match self {
            Kind::Single(choices) => ("Single", Some(choices)),
            Kind::Multiple(choices) => ("Multiple", Some(choices)),
            Kind::Number(spec) => ("Number", Some(spec)),
            Kind::Text => ("Text", None),
        };
        out.push_str("Kind::");
        out.push_str(variant);
        if let Some(inner) = inner {
            out.push('(');
            inner.emit(out);
            out.push(')');
        }
    }
}

impl Emit for MigrateAction {
    fn emit(&self, out: &mut String) {
        match self {
            MigrateAction::Reask { why } => {
                out.push_str("MigrateAction::Reask { why: ");
                why.emit(out);
                out.push_str(" }");
            }
            MigrateAction::Renamed(to) => {
                out.push_str("MigrateAction::Renamed(");
                to.emit(out);
                out.push(')');
            }
        }
    }
}
