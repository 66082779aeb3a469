//! Fuzzing the bank and answers loaders in-process: arbitrary bytes, printable text, TOML-shaped noise, deep nesting, and the real files cut and spliced or mutated line by line.
//!
//! Whatever the input, a loader returns; a refusal has at least one error,
//! positions inside the file, at most [`MAX_SHOWN`] problems printed, each
//! on one bounded line; an answers file it accepts writes back to the same
//! answers. Each test runs `EXOVET_FUZZ_CASES` cases (512 by default, a
//! few seconds in all); for a long run by hand:
//!
//! ```sh
//! EXOVET_FUZZ_CASES=200000 cargo test --release --test fuzz
//! ```
//!
//! A failure prints the smallest input proptest found: save it under
//! `tests/fixtures/hostile/` and list it in `tests/cli/hostile.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::LazyLock;

use exovet::answers;
use exovet::bank::{self, Bank};
use exovet::diag::{Diagnostic, Invalid};
use exovet::limits::{MAX_MESSAGE_CHARS, MAX_NESTING, MAX_SHOWN};
use exovet::source::{ReadError, SourceText};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

static BUILTIN: LazyLock<Bank> = LazyLock::new(bank::load_builtin);

const MINIMAL_BANK: &str = include_str!("fixtures/banks/valid/minimal.toml");
const EVERY_FEATURE_BANK: &str = include_str!("fixtures/banks/valid/every-feature.toml");
const ANSWERS: &[&str] = &[
    include_str!("fixtures/answers/valid/product-example.toml"),
    include_str!("fixtures/answers/valid/dotted-keys.toml"),
    include_str!("fixtures/answers/valid/red-verdict.toml"),
    include_str!("fixtures/answers/valid/hidden-by-condition.toml"),
];

/// The product example without its comments, for cutting and splicing.
const SAMPLE_ANSWERS: &str = r#"[meta]
bank = "exosome-vetting"
bank_version = "1.0.0"
audience = "patient"
subject = "Glow Med Spa"
updated = 2026-11-22T10:00:00Z

[answers]
"source.origin" = "msc-umbilical-cord"
"delivery.route" = ["topical-after-procedure"]
"cost.per_session_usd" = 900
"source.product_details" = "Brand X, lot 42"
"testing.coa" = "refused"
"#;

fn config() -> Config {
    let cases = std::env::var("EXOVET_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(512);
    Config {
        cases,
        // Shrinking a failure is worth the time; no file is written for it.
        failure_persistence: None,
        ..Config::default()
    }
}

// ------------------------------------------------------------ invariants

/// Feeds `bytes` to both loaders, as a bank and as answers to the built-in
/// bank, and checks what a refusal looks like.
fn load_both(bytes: &[u8]) -> Result<(), TestCaseError> {
    let src = match SourceText::from_bytes("f.toml".into(), bytes.to_vec()) {
        Ok(src) => src,
        Err(e) => return check_read_error(&e),
    };
    if let Err(invalid) = bank::parse(&src) {
        check_invalid(&src, &invalid)?;
    }
    match answers::parse(&src, &BUILTIN) {
        Err(invalid) => check_invalid(&src, &invalid),
        Ok(loaded) => {
            for w in &loaded.warnings {
                check_line(&w.to_string())?;
            }
            // An accepted file writes back to the same answers.
            let text = answers::to_toml(&BUILTIN, &loaded.file);
            let again = answers::parse(&SourceText::new("g.toml", text.clone()), &BUILTIN)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(&again.file.answers, &loaded.file.answers, "{}", text);
            Ok(())
        }
    }
}

fn check_read_error(e: &ReadError) -> Result<(), TestCaseError> {
    let message = e.to_string();
    prop_assert!(message.starts_with("f.toml:"), "{}", message);
    check_line(&message)
}

fn check_invalid(src: &SourceText, invalid: &Invalid) -> Result<(), TestCaseError> {
    prop_assert!(
        invalid.errors().next().is_some(),
        "refused with no error: {:?}",
        invalid.diagnostics
    );
    let lines = src.text().lines().count().max(1);
    for d in &invalid.diagnostics {
        check_position(d, lines)?;
    }
    let shown = invalid.to_string();
    prop_assert!(shown.lines().count() <= MAX_SHOWN + 2, "{}", shown);
    for line in shown.lines() {
        prop_assert!(line.starts_with("f.toml:"), "{}", line);
        check_line(line)?;
    }
    Ok(())
}

fn check_position(d: &Diagnostic, lines: usize) -> Result<(), TestCaseError> {
    if let Some((line, column)) = d.position {
        prop_assert!(
            line >= 1 && line <= lines + 1,
            "line {} of {}: {}",
            line,
            lines,
            d
        );
        prop_assert!(column >= 1, "{}", d);
    }
    Ok(())
}

/// One line, of bounded length, with nothing a terminal would act on.
fn check_line(line: &str) -> Result<(), TestCaseError> {
    prop_assert!(!line.contains('\n'), "{:?}", line);
    prop_assert!(!line.chars().any(char::is_control), "{:?}", line);
    prop_assert!(line.chars().count() <= MAX_MESSAGE_CHARS + 80, "{}", line);
    Ok(())
}

// ------------------------------------------------------------ mutations

/// A line of the file, whatever its length.
#[derive(Debug, Clone, Copy)]
struct Pos(usize);

impl Pos {
    fn at(self, len: usize) -> usize {
        self.0 % len
    }
}

/// One change to a real file, as a careless editor or a hostile vendor makes it.
#[derive(Debug, Clone)]
enum Edit {
    Delete(Pos),
    Duplicate(Pos),
    Swap(Pos, Pos),
    /// Replace the value of a `key = value` line.
    Retype(Pos, &'static str),
    /// Wrap a value in `depth` lists or inline tables.
    Nest(Pos, usize, bool),
    /// Make a key a dotted path of this many parts.
    Dot(Pos, usize),
    RenameKey(Pos, String),
    /// Insert a table header.
    Header(Pos, &'static str),
    Truncate(Pos),
    /// Insert raw bytes, which may not be UTF-8.
    Bytes(Pos, Vec<u8>),
}

const VALUES: &[&str] = &[
    "1",
    "-1.5e300",
    "1e999",
    "99999999999999999999999",
    "nan",
    "true",
    "\"\"",
    "\"text\"",
    "\"refused\"",
    "\"na\"",
    "[]",
    "[\"a\", 1]",
    "[[]]",
    "{}",
    "{ a = 1 }",
    "{ question = \"source.origin\", any_of = [] }",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "'''multi\nline'''",
    "\"\\u0000\\u001b[2J\"",
    "\"unclosed",
];

const HEADERS: &[&str] = &[
    "[bank]",
    "[scoring]",
    "[[section]]",
    "[[question]]",
    "[[question.option]]",
    "[[question.band]]",
    "[question.show_if]",
    "[meta]",
    "[answers]",
    "[answers.source]",
    "[[answers]]",
];

fn edit() -> impl Strategy<Value = Edit> {
    let i = || any::<usize>().prop_map(Pos);
    prop_oneof![
        3 => i().prop_map(Edit::Delete),
        2 => i().prop_map(Edit::Duplicate),
        2 => (i(), i()).prop_map(|(a, b)| Edit::Swap(a, b)),
        4 => (i(), prop::sample::select(VALUES)).prop_map(|(a, v)| Edit::Retype(a, v)),
        2 => (i(), 1..(MAX_NESTING + 8), any::<bool>()).prop_map(|(a, d, t)| Edit::Nest(a, d, t)),
        1 => (i(), 2..(MAX_NESTING + 8)).prop_map(|(a, n)| Edit::Dot(a, n)),
        2 => (i(), "[a-z_]{1,8}|\"[^\"\\\\]{0,6}\"").prop_map(|(a, k)| Edit::RenameKey(a, k)),
        2 => (i(), prop::sample::select(HEADERS)).prop_map(|(a, h)| Edit::Header(a, h)),
        1 => i().prop_map(Edit::Truncate),
        1 => (i(), prop::collection::vec(any::<u8>(), 1..6)).prop_map(|(a, b)| Edit::Bytes(a, b)),
    ]
}

/// Applies `edits` to the lines of `text`.
fn mutate(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
    for e in edits {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match e {
            Edit::Delete(i) => {
                lines.remove(i.at(n));
            }
            Edit::Duplicate(i) => {
                let line = lines[i.at(n)].clone();
                lines.insert(i.at(n), line);
            }
            Edit::Swap(a, b) => lines.swap(a.at(n), b.at(n)),
            Edit::Retype(i, value) => with_value(&mut lines[i.at(n)], |_| (*value).to_owned()),
            Edit::Nest(i, depth, table) => with_value(&mut lines[i.at(n)], |v| {
                if *table {
                    format!("{}{v}{}", "{ x = ".repeat(*depth), " }".repeat(*depth))
                } else {
                    format!("{}{v}{}", "[".repeat(*depth), "]".repeat(*depth))
                }
            }),
            Edit::Dot(i, parts) => with_key(&mut lines[i.at(n)], |k| vec![k; *parts].join(".")),
            Edit::RenameKey(i, key) => with_key(&mut lines[i.at(n)], |_| key.clone()),
            Edit::Header(i, header) => lines.insert(i.at(n), header.as_bytes().to_vec()),
            Edit::Truncate(i) => {
                let at = i.at(n);
                lines.truncate(at + 1);
                let last = &mut lines[at];
                let cut = last.len() / 2;
                last.truncate(cut);
            }
            Edit::Bytes(i, bytes) => {
                let line = &mut lines[i.at(n)];
                let at = line.len() / 2;
                line.splice(at..at, bytes.iter().copied());
            }
        }
    }
    lines.join(&b'\n')
}

/// Rewrites the value of a `key = value` line; other lines are left alone.
fn with_value(line: &mut Vec<u8>, f: impl FnOnce(&str) -> String) {
    let text = String::from_utf8_lossy(line).into_owned();
    if let Some((key, value)) = text.split_once(" = ") {
        *line = format!("{key} = {}", f(value)).into_bytes();
    }
}

fn with_key(line: &mut Vec<u8>, f: impl FnOnce(&str) -> String) {
    let text = String::from_utf8_lossy(line).into_owned();
    if let Some((key, value)) = text.split_once(" = ") {
        *line = format!("{} = {value}", f(key)).into_bytes();
    }
}

// ------------------------------------------------------------ the fuzzers

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        load_both(&bytes)?;
    }

    #[test]
    fn printable_text(text in "\\PC{0,400}") {
        load_both(text.as_bytes())?;
    }

    #[test]
    fn toml_shaped_noise(text in "[\\[\\]{}=,.\"'#\\\\\n a-z0-9_:-]{0,400}") {
        load_both(text.as_bytes())?;
    }

    #[test]
    fn deep_openers_and_closers(
        pieces in prop::collection::vec(
            prop::sample::select(&["[", "]", "{a = ", "}", "a.", "[[a.", "]]\n", "\n", "1, ", "\"", "'''"][..]),
            0..400,
        ),
    ) {
        let text: String = ["a = "].into_iter().chain(pieces).collect();
        load_both(text.as_bytes())?;
    }

    #[test]
    fn real_files_cut_and_spliced(
        cut in any::<Index>(),
        len in 0usize..40,
        insert in "[\\[\\]=\"'{},.\\n a-z0-9]{0,8}",
    ) {
        for original in [bank::BUILTIN_TEXT, SAMPLE_ANSWERS] {
            let mut text = original.to_owned();
            let mut at = cut.index(text.len());
            while !text.is_char_boundary(at) { at -= 1; }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            text.replace_range(at..end, &insert);
            load_both(text.as_bytes())?;
        }
    }

    #[test]
    fn mutated_banks(
        which in 0usize..3,
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let original = [MINIMAL_BANK, EVERY_FEATURE_BANK, bank::BUILTIN_TEXT][which];
        load_both(&mutate(original, &edits))?;
    }

    #[test]
    fn mutated_answers(
        which in 0..ANSWERS.len(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        load_both(&mutate(ANSWERS[which], &edits))?;
    }

    /// The hand-written JSON writer against `serde_json`'s reader: every answers file that
    /// is read writes a line that parses, holding the subject and each answer as written.
    #[test]
    fn json_lines_read_back_with_serde_json(
        which in 0..ANSWERS.len(),
        edits in prop::collection::vec(edit(), 0..4),
        subject in any::<String>(),
    ) {
        let mut text = String::from_utf8_lossy(&mutate(ANSWERS[which], &edits)).into_owned();
        // A subject of any characters, written as TOML writes text.
        if let Some(at) = text.find("subject = ") {
            let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            text.replace_range(at..end, &format!("subject = {}", toml::Value::String(subject)));
        }
        let Ok(loaded) = answers::parse(&SourceText::new("a.toml", text), &BUILTIN) else {
            return Ok(());
        };
        let v = exovet::score::score(&BUILTIN, &loaded.file.answers, loaded.file.meta.audience);
        let s = exovet::report::Scored::loaded(std::path::Path::new("a\u{1b}\"b.toml"), &BUILTIN, &loaded, &v);
        let mut line = String::new();
        exovet::report::json::Writer::new(&BUILTIN).push_line(&s, &mut line);
        let json: serde_json::Value = serde_json::from_str(line.trim_end())
            .map_err(|e| TestCaseError::fail(format!("{e}: {line}")))?;
        prop_assert_eq!(json["subject"].as_str(), Some(loaded.file.meta.subject.as_str()));
        prop_assert_eq!(json["file"].as_str(), Some("a\u{1b}\"b.toml"));
        for flag in json["flags"].as_array().into_iter().flatten() {
            let id = flag["question"].as_str().unwrap_or_default();
            let q = BUILTIN.find(id).ok_or_else(|| TestCaseError::fail(format!("no question {id}")))?;
            let answer = loaded.file.answers.get(q);
            prop_assert!(answer.is_some(), "a flag for {} with no answer", id);
        }
    }
}

#[test]
fn the_mutator_changes_files_as_described() {
    let text = "a = 1\nb = \"x\"\n";
    let nested = mutate(text, &[Edit::Nest(Pos(0), 2, false)]);
    assert_eq!(nested, b"a = [[1]]\nb = \"x\"");
    let dotted = mutate(text, &[Edit::Dot(Pos(0), 3)]);
    assert_eq!(dotted, b"a.a.a = 1\nb = \"x\"");
    let retyped = mutate(text, &[Edit::Retype(Pos(0), "true")]);
    assert_eq!(retyped, b"a = true\nb = \"x\"");
}
