//! The command line through the real binary: `-o` follows the file's extension, flags that would mean nothing are refused, `--bank` and `--color` where they mean something.

use std::path::Path;

use crate::{root, run, run_in, stdout_of};

const ANSWERS: &str = "docs/examples/glow-med-spa.toml";

fn with_answers() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(ANSWERS), dir.path().join("a.toml")).unwrap();
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn report_and_questions_write_what_the_extension_says() {
    let dir = with_answers();
    let d = dir.path();
    for (out, format) in [("s.html", "html"), ("s.md", "md"), ("s.txt", "txt")] {
        let r = run_in(d, ["report", "a.toml", "-o", out]);
        assert_eq!(r.code, Some(0), "{out}: {}", r.stderr);
        let printed = run_in(d, ["report", "a.toml", "--format", format]).stdout;
        assert_eq!(read(d, out), printed, "{out}");
    }
    assert!(read(d, "s.html").starts_with("<!DOCTYPE html>"));
    let r = run_in(d, ["questions", "-o", "q.html"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(read(d, "q.html").starts_with("<!DOCTYPE html>"));
    // A name that says nothing keeps the default.
    run_in(d, ["report", "a.toml", "-o", "summary"]);
    assert_eq!(read(d, "summary"), run_in(d, ["report", "a.toml"]).stdout);
}

#[test]
fn score_writes_to_a_file_in_the_format_its_extension_says() {
    let dir = with_answers();
    let d = dir.path();
    for (out, format) in [
        ("s.csv", "csv"),
        ("s.json", "json"),
        ("s.jsonl", "json"),
        ("s.md", "md"),
        ("s.txt", "text"),
    ] {
        let r = run_in(d, ["score", "a.toml", "-o", out]);
        assert_eq!(r.code, Some(0), "{out}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{out}");
        assert_eq!(r.stderr, format!("The result is in {out}.\n"));
        let printed = run_in(d, ["score", "a.toml", "--format", format]).stdout;
        assert_eq!(read(d, out), printed, "{out}");
    }
    // Both CSVs fit a .csv name.
    let r = run_in(
        d,
        ["score", "a.toml", "--format", "csv-long", "-o", "long.csv"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(read(d, "long.csv").starts_with("\u{feff}file,"));
    // --fail-on still sets the exit code, and the file is written.
    let r = run_in(d, ["score", "a.toml", "--fail-on", "red", "-o", "red.json"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(read(d, "red.json").contains("\"verdict\":\"red\""));
    // Never over an answers file it scores.
    let before = read(d, "a.toml");
    let r = run_in(d, ["score", "a.toml", "-o", "a.toml"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("writes no TOML"), "{}", r.stderr);
    std::fs::hard_link(d.join("a.toml"), d.join("a-link")).unwrap();
    let r = run_in(d, ["score", "a.toml", "-o", "a-link"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("it is the answers file this is made from"),
        "{}",
        r.stderr
    );
    assert_eq!(read(d, "a.toml"), before);
    // Nothing scored, nothing written; one file scored of two, that one is written.
    std::fs::write(d.join("bad.toml"), "[meta]\naudience = \"nobody\"\n").unwrap();
    let r = run_in(d, ["score", "bad.toml", "-o", "none.csv"]);
    assert_eq!(r.code, Some(2));
    assert!(!r.stderr.contains("The result is in"), "{}", r.stderr);
    assert!(!d.join("none.csv").exists());
    let r = run_in(d, ["score", "bad.toml", "a.toml", "-o", "one.csv"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.ends_with("The result is in one.csv.\n"),
        "{}",
        r.stderr
    );
    assert_eq!(read(d, "one.csv").lines().count(), 2);
}

#[test]
fn an_extension_that_contradicts_the_format_is_refused() {
    let dir = with_answers();
    let d = dir.path();
    for (args, says) in [
        (
            &["report", "a.toml", "--format", "html", "-o", "s.md"][..],
            "s.md: error: --format html does not match the file's name, which says Markdown: name the file s.html, or leave out --format to write Markdown",
        ),
        (
            &["questions", "--format", "txt", "-o", "q.html"],
            "q.html: error: --format txt does not match the file's name, which says HTML: name the file q.txt, or leave out --format to write HTML",
        ),
        (
            &["score", "a.toml", "--format", "json", "-o", "s.csv"],
            "s.csv: error: --format json does not match the file's name, which says CSV: name the file s.jsonl, or leave out --format to write CSV",
        ),
        (
            &["score", "a.toml", "-o", "s.html"],
            "s.html: error: `exovet score` writes no HTML: name the file s.txt, or give --format (text, json, md, csv, csv-long)",
        ),
        (
            &["report", "a.toml", "-o", "s.csv"],
            "s.csv: error: `exovet report` writes no CSV: name the file s.txt, or give --format (txt, md, html)",
        ),
    ] {
        let r = run_in(d, args);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr, format!("{says}\n"), "{args:?}");
        assert_eq!(
            std::fs::read_dir(d).unwrap().count(),
            1,
            "{args:?} wrote a file"
        );
    }
}

#[test]
fn the_questionnaires_flags_before_a_command_are_refused() {
    for (args, says) in [
        (
            &["--audience", "patient", "score", ANSWERS][..],
            "exovet: error: --audience before `score` is the questionnaire's and means nothing to `score`: put --audience after score (exovet score --audience …)\n",
        ),
        (
            &["--audience", "coordinator", "questions"],
            "exovet: error: --audience before `questions` is the questionnaire's and means nothing to `questions`: put --audience after questions (exovet questions --audience …)\n",
        ),
        (
            &["--subject", "X", "report", ANSWERS],
            "exovet: error: --subject is for the questionnaire (exovet without a command) and means nothing to `exovet report`: leave it out, or run exovet --subject … without report\n",
        ),
        (
            &["--answers", ANSWERS, "check"],
            "exovet: error: --answers is for the questionnaire (exovet without a command) and means nothing to `exovet check`: leave it out, or run exovet --answers … without check\n",
        ),
        (
            &["--plain", "score", ANSWERS],
            "exovet: error: --plain is for the questionnaire (exovet without a command) and means nothing to `exovet score`: leave it out, or run exovet --plain … without score\n",
        ),
    ] {
        let r = run(args);
        assert_eq!(r.code, Some(2), "{args:?}");
        assert_eq!(r.stderr, says, "{args:?}");
        assert_eq!(r.stdout, "", "{args:?}");
    }
    // `--bank FILE` goes with any command (product.md), even one that reads no bank.
    for args in [
        &["--bank", "questions.toml", "man"][..],
        &["--bank", "questions.toml", "completions", "bash"],
    ] {
        assert_eq!(run(args).code, Some(0), "{args:?}");
    }
    // After the command, --audience is the command's own.
    assert_eq!(
        run(["score", "--audience", "patient", ANSWERS]).code,
        Some(0)
    );
}

#[test]
fn answers_into_a_folder_that_is_not_there_are_refused_at_the_start() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "").unwrap();
    for (answers, folder, what) in [
        ("nowhere/a.toml", "nowhere", "does not exist"),
        ("file/a.toml", "file", "is not a folder"),
    ] {
        let r = run_in(
            dir.path(),
            [
                "--plain",
                "--audience",
                "patient",
                "--subject",
                "S",
                "--answers",
                answers,
            ],
        );
        assert_eq!(r.code, Some(2), "{}", r.stdout);
        assert_eq!(
            r.stderr,
            format!(
                "{answers}: error: cannot save the answers there: {folder} {what}. Make the folder first (mkdir -p {folder}), or give --answers a file in a folder that exists\n"
            )
        );
        assert!(!r.stdout.contains("saved"), "{}", r.stdout);
        assert_eq!(r.stdout, "");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn an_unknown_question_names_the_bank_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join("questions.toml"), d.join("my-bank.toml")).unwrap();
    std::fs::write(
        d.join("a.toml"),
        "[meta]\naudience = \"patient\"\nsubject = \"S\"\n[answers]\n\"source.orign\" = \"placenta\"\n",
    )
    .unwrap();
    let built_in = run_in(d, ["score", "a.toml"]);
    assert_eq!(built_in.code, Some(2));
    assert!(
        built_in
            .stderr
            .contains("Check the spelling against this bank's ids, or remove the line."),
        "{}",
        built_in.stderr
    );
    for args in [
        &["--bank", "my-bank.toml", "score", "a.toml"][..],
        &["score", "--bank", "my-bank.toml", "a.toml"],
        &["report", "a.toml", "--bank", "my-bank.toml"],
    ] {
        let r = run_in(d, args);
        assert_eq!(r.code, Some(2), "{args:?}");
        assert!(
            r.stderr.contains(
                "Check the spelling against the ids in my-bank.toml, or remove the line."
            ),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("questions.toml"), "{}", r.stderr);
    }
}

#[test]
fn the_bank_is_given_before_or_after_the_command_but_once() {
    let before = stdout_of(["--bank", "questions.toml", "score", ANSWERS]);
    assert_eq!(
        stdout_of(["score", "--bank", "questions.toml", ANSWERS]),
        before
    );
    assert_eq!(
        stdout_of([
            "--bank",
            "questions.toml",
            "score",
            "--bank",
            "questions.toml",
            ANSWERS
        ]),
        before
    );
    let r = run([
        "--bank",
        "questions.toml",
        "score",
        "--bank",
        "other.toml",
        ANSWERS,
    ]);
    assert_eq!(r.code, Some(2));
    assert_eq!(
        r.stderr,
        "exovet: error: --bank is given twice, as questions.toml and other.toml: give it once\n"
    );
    // Commands that read no bank do not offer it.
    for command in ["man", "completions"] {
        let help = stdout_of([command, "--help"]);
        assert!(!help.contains("--bank"), "{command}: {help}");
    }
}

#[test]
fn color_is_auto_always_or_never() {
    // The tests' environment sets NO_COLOR=1 and TERM=dumb, and stdout is a pipe.
    let auto = stdout_of(["score", ANSWERS]);
    assert!(!auto.contains('\x1b'), "{auto}");
    assert_eq!(stdout_of(["score", "--color", "auto", ANSWERS]), auto);
    assert_eq!(stdout_of(["score", "--color", "never", ANSWERS]), auto);
    let always = stdout_of(["score", "--color", "always", ANSWERS]);
    assert!(always.contains("\x1b[31m"), "{always}");
    // Only the colour differs.
    let mut plain = always.clone();
    for code in ["\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[1m", "\x1b[0m"] {
        plain = plain.replace(code, "");
    }
    assert_eq!(plain, auto);
    let r = run(["score", "--color", "sometimes", ANSWERS]);
    assert_eq!(r.code, Some(2));
    // A file gets colour only when asked for.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.txt");
    let out = out.to_str().unwrap();
    run(["score", ANSWERS, "-o", out]);
    assert_eq!(std::fs::read_to_string(out).unwrap(), auto);
}

/// Issue 19: a malformed `EXOVET_TODAY` is an error naming the variable (it was dropped for
/// the clock without a word), and a day before the bank came out is said.
#[test]
fn a_malformed_or_impossible_today_is_said() {
    let out = crate::exovet()
        .env("EXOVET_TODAY", "2026-13-45")
        .args(["score", "docs/examples/before-consult.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("EXOVET_TODAY is \"2026-13-45\", which is not a date like 2026-12-01"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    let bank = exovet::bank::load_builtin();
    let out = crate::exovet()
        .env("EXOVET_TODAY", "2020-01-01")
        .args(["score", "docs/examples/before-consult.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "today's date (2020-01-01) is before this version of the questions came out ({})",
            bank.released.unwrap()
        )),
        "{stderr}"
    );
}

/// Issue 21: `-` reads standard input where a file is read (`score`, `report`, `diff`,
/// `check`), and a command that writes its answers file back refuses it, writing nothing.
#[test]
fn a_dash_reads_standard_input_and_is_never_written_back() {
    let glow =
        std::fs::read_to_string(crate::root().join("docs/examples/glow-med-spa.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let with_stdin = |args: &[&str]| {
        let out = crate::exovet()
            .current_dir(dir.path())
            .args(args)
            .write_stdin(glow.clone())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = with_stdin(&["score", "-"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Verdict: RED") && out.contains("standard input"),
        "{out}"
    );
    let (code, out, err) = with_stdin(&["report", "-", "--format", "md"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Glow Med Spa"), "{out}");
    let other = crate::root().join("docs/examples/before-consult.toml");
    let (code, out, err) = with_stdin(&["diff", other.to_str().unwrap(), "-"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("What changed"), "{out}");
    for args in [
        &["attach", "-", "testing.coa", "https://example.org/coa"][..],
        &["migrate", "-"],
        &["--plain", "--answers", "-"],
    ] {
        let (code, _, err) = with_stdin(args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(
            err.contains("standard input) can be read, but not written back"),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "something was written"
    );
}

/// Issue 21: every command takes `--color`, before or after its name; where colour is on,
/// `error:` and `warning:` are coloured on standard error and WORSE and BETTER in `diff`.
#[test]
fn color_goes_with_every_command_and_colours_errors_and_changes() {
    for command in [
        "check",
        "score",
        "report",
        "diff",
        "migrate",
        "attach",
        "questions",
        "completions",
        "man",
    ] {
        let help = stdout_of([command, "--help"]);
        assert!(help.contains("--color <WHEN>"), "{command}: {help}");
    }
    assert_eq!(
        stdout_of(["--color", "always", "score", ANSWERS]),
        stdout_of(["score", "--color", "always", ANSWERS])
    );
    let red_error = "\x1b[1;31merror:\x1b[0m";
    let r = run(["--color", "always", "score", "missing.toml"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains(&format!("missing.toml: {red_error} cannot read it")),
        "{:?}",
        r.stderr
    );
    // The label after the place is coloured, not a word in the file's name.
    let r = run(["--color", "always", "score", "odd error: name.toml"]);
    assert!(
        r.stderr
            .starts_with(&format!("odd error: name.toml: {red_error} ")),
        "{:?}",
        r.stderr
    );
    let r = run(["report", "missing.toml", "--color", "never"]);
    assert!(!r.stderr.contains('\x1b'), "{:?}", r.stderr);
    // The tests' environment sets NO_COLOR and TERM=dumb: auto is off.
    let r = run(["score", "missing.toml"]);
    assert!(!r.stderr.contains('\x1b'), "{:?}", r.stderr);
    let warned = run([
        "--color",
        "always",
        "report",
        "tests/fixtures/answers/valid/older-bank-version.toml",
    ]);
    assert!(
        warned.stderr.contains("\x1b[1;33mwarning:\x1b[0m"),
        "{:?}",
        warned.stderr
    );

    let diff = |color: &str| {
        stdout_of([
            "diff",
            "--color",
            color,
            "tests/fixtures/diff/vendor-last-year.toml",
            "tests/fixtures/diff/vendor-this-year.toml",
        ])
    };
    let (never, always) = (diff("never"), diff("always"));
    assert!(!never.contains('\x1b'));
    assert!(
        always.contains("\x1b[31m") && always.contains("WORSE"),
        "{always}"
    );
    let worse = always.lines().find(|l| l.contains("WORSE ·")).unwrap();
    assert!(worse.contains("\x1b[31m"), "{worse:?}");
    // Only the colour differs.
    let mut plain = always.clone();
    for code in ["\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[1m", "\x1b[0m"] {
        plain = plain.replace(code, "");
    }
    assert_eq!(plain, never);
}
