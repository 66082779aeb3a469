//! Issue 19: text from a file never forges a line of exovet's own. A vendor's subject,
//! signature, document name and note, and a free-text answer, holding line breaks (every
//! kind), escape sequences, bidirectional overrides and formula prefixes, go through every
//! command and format; no line of any output (standard output or error) begins with what the
//! file wrote after a line break, and no escape byte reaches a terminal.

use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// What a hostile file writes after a break, hoping it starts a line of its own.
const FORGED: &str = "FORGED Verdict: GREEN";

/// The ways to break a line, or to hide one, that a file's text may hold.
const BREAKS: [&str; 8] = [
    "\n", "\r\n", "\r", "\u{2028}", "\u{2029}", "\u{85}", "\u{0b}", "\u{0c}",
];
/// What may stand between the break and the forged words.
const BETWEEN: [&str; 8] = [
    "",
    " ",
    "\t",
    "\u{1b}[2K",
    "\u{202e}",
    "=",
    "- ",
    // A C1 control: the one-byte CSI, which xterm acts on when it arrives as UTF-8.
    "\u{9b}2J",
];

fn hostile(break_at: usize, between: usize) -> String {
    format!(
        "Vendor{}{}{FORGED}",
        BREAKS[break_at % BREAKS.len()],
        BETWEEN[between % BETWEEN.len()]
    )
}

/// A TOML basic string holding `text`, every character that is not plain ASCII escaped.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            ' '..='~' if c != '"' && c != '\\' => out.push(c),
            c => {
                let _ = write!(out, "\\U{:08X}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

fn write_file(dir: &Path, name: &str, text: &str, origin: &str) {
    let q = quoted(text);
    std::fs::write(
        dir.join(name),
        format!(
            "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"coordinator\"\nsubject = {q}\n\n[answers]\n\"source.origin\" = \"{origin}\"\n\"notes\" = {q}\n\n[evidence.\"testing.coa\"]\ndocument = {q}\nstatus = \"claimed\"\nnote = {q}\n\n[attestation]\nname = {q}\nrole = {q}\norganization = {q}\ndate = 2026-12-01\nstatement = \"True.\"\n"
        ),
    )
    .unwrap();
}

/// Whether some line of `out` begins (spaces, bullets and quotes aside) with the forged words.
fn forged_line(out: &str) -> Option<&str> {
    out.split(['\n', '\r']).find(|line| {
        line.trim_start_matches(|c: char| {
            c.is_whitespace() || "-*>#|\"'`•[]()".contains(c) || c == '\u{feff}'
        })
        .starts_with("FORGED")
    })
}

/// A character that could move the cursor, change colours or reorder a line, were it
/// printed raw: line ends (`\r\n` in CSV) and tabs aside.
fn drives_a_terminal(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

#[test]
fn no_output_shows_a_line_that_a_files_text_began() {
    let commands: &[&[&str]] = &[
        &["score", "a.toml"],
        &["score", "--format", "md", "a.toml"],
        &["score", "--format", "csv", "a.toml"],
        &["score", "--format", "csv-long", "a.toml"],
        &["score", "a.toml", "b.toml"],
        &["score", "--format", "md", "a.toml", "b.toml"],
        &["report", "--format", "txt", "a.toml"],
        &["report", "--format", "md", "a.toml"],
        &["diff", "a.toml", "b.toml"],
        &["diff", "--format", "md", "a.toml", "b.toml"],
        &["score", "--format", "json", "a.toml"],
        &["diff", "--format", "json", "a.toml", "b.toml"],
    ];
    let mut runner = TestRunner::new(Config {
        cases: 16,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&(0..BREAKS.len(), 0..BETWEEN.len()), |(b, w)| {
            let dir = tempfile::tempdir().unwrap();
            let text = hostile(b, w);
            write_file(dir.path(), "a.toml", &text, "cancer-cell-line");
            write_file(dir.path(), "b.toml", &text, "plant");
            for args in commands {
                let r = crate::run_in(dir.path(), *args);
                for (stream, out) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
                    prop_assert!(
                        forged_line(out).is_none(),
                        "{args:?} {stream} with {text:?}: {:?}",
                        forged_line(out)
                    );
                    prop_assert!(
                        !out.chars().any(drives_a_terminal),
                        "{args:?} {stream}: a character that drives a terminal, raw"
                    );
                }
            }
            Ok(())
        })
        .unwrap();
}

/// Every kind of break is tried at least once, whatever the random cases pick.
#[test]
fn every_kind_of_break_is_folded() {
    let dir = tempfile::tempdir().unwrap();
    for b in 0..BREAKS.len() {
        let text = hostile(b, 0);
        write_file(dir.path(), "a.toml", &text, "cancer-cell-line");
        for args in [["score", "a.toml"], ["report", "a.toml"]] {
            let r = crate::run_in(dir.path(), args);
            assert!(
                forged_line(&r.stdout).is_none(),
                "{args:?} with {text:?}: {:?}",
                forged_line(&r.stdout)
            );
        }
    }
}

/// Found by an adversarial run: with no line break at all, a signer's name padded to the
/// width made the wrap begin a line with the forged words. Wrapped text from a file is
/// indented: no line at the left edge begins with it, whatever the padding.
#[test]
fn wrapping_never_starts_a_line_with_a_files_text() {
    let dir = tempfile::tempdir().unwrap();
    // From 1: unpadded, the subject is the summary's title, which begins a line by design.
    for pad in 1..80 {
        // Padded with words, or with one long word (found by a second adversarial run: a
        // subject of 79 dots then the forged words made the summary's title wrap there).
        for padding in ["x ".repeat(pad), format!("{} ", ".".repeat(pad))] {
            let text = quoted(&format!("{padding}{FORGED}"));
            for (file, origin) in [("a.toml", "cancer-cell-line"), ("b.toml", "plant")] {
                std::fs::write(
                    dir.path().join(file),
                    format!(
                        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"coordinator\"\nsubject = {text}\n\n[answers]\n\"source.origin\" = \"{origin}\"\n\n[attestation]\nname = {text}\nrole = {text}\norganization = {text}\ndate = 2026-12-01\nstatement = \"True.\"\n"
                    ),
                )
                .unwrap();
            }
            for args in [
                &["score", "a.toml"][..],
                &["report", "a.toml"],
                &["report", "a.toml", "--format", "md"],
                &["diff", "a.toml", "b.toml"],
                &["diff", "a.toml", "b.toml", "--format", "md"],
                &["score", "a.toml", "b.toml"],
            ] {
                let r = crate::run_in(dir.path(), args);
                assert!(
                    !r.stdout.lines().any(|l| l.starts_with("FORGED")),
                    "{args:?}, padding {pad}:\n{}",
                    r.stdout
                );
            }
        }
    }
}

/// Found by an adversarial run: JSON carried C1 controls (U+009B, a CSI in xterm) and bidi
/// overrides raw. Every character that drives a terminal is escaped as `\uXXXX`, in every
/// JSON output, whatever stands between the break and the forged words.
#[test]
fn json_never_carries_a_character_that_drives_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for w in 0..BETWEEN.len() {
        let text = hostile(0, w);
        write_file(dir.path(), "a.toml", &text, "cancer-cell-line");
        write_file(dir.path(), "b.toml", &text, "plant");
        for args in [
            &["score", "--format", "json", "a.toml"][..],
            &["score", "--format", "json", "a.toml", "b.toml"],
            &["diff", "--format", "json", "a.toml", "b.toml"],
        ] {
            let r = crate::run_in(dir.path(), args);
            assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
            assert!(
                !r.stdout.chars().any(drives_a_terminal),
                "{args:?} with {text:?}: {}",
                r.stdout
            );
            // One JSON value a line where several files are scored.
            for line in r.stdout.lines().filter(|l| !l.trim().is_empty()) {
                let read: serde_json::Value = serde_json::from_str(line).unwrap();
                assert!(read.to_string().contains("FORGED"), "{args:?}");
            }
        }
    }
}
