//! `exovet check` through the real binary on the built-in bank and the banks in `docs/`.

use std::ffi::OsStr;

use crate::{run, stdout_of};

#[test]
fn the_built_in_bank_passes() {
    let out = run(["check"]);
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.starts_with(
            "built-in bank: bank `exosome-vetting` version 1.2.0 is valid: 54 questions"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn the_shipped_questions_toml_is_the_built_in_bank_and_passes() {
    let on_disk = std::fs::read_to_string(crate::root().join("questions.toml")).unwrap();
    assert_eq!(on_disk, exovet::bank::BUILTIN_TEXT);
    assert!(
        stdout_of(["check", "questions.toml"])
            .starts_with("questions.toml: bank `exosome-vetting`")
    );
}

#[test]
fn bank_flag_and_positional_both_choose_the_bank() {
    let out = run(["--bank", "missing.toml", "check"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "missing.toml: error: cannot read it: there is no such file. Check the path and that you may read the file.\n"
    );
}

#[test]
fn a_missing_bank_for_score_is_a_clear_error() {
    let out = run([
        "--bank",
        "nope.toml",
        "score",
        "docs/examples/before-consult.toml",
    ]);
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty());
    assert!(out.stderr.starts_with("nope.toml: error: cannot read it"));
}

#[test]
fn bank_text_cannot_carry_terminal_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let bank = exovet::bank::BUILTIN_TEXT.replacen(
        "prompt = \"Where do the exosomes",
        "prompt = \"\\u001b[2J\\u001b]0;owned\\u0007Where do the exosomes",
        1,
    );
    assert_ne!(
        bank,
        exovet::bank::BUILTIN_TEXT,
        "the replacement must apply"
    );
    let path = dir.path().join("bank.toml");
    std::fs::write(&path, bank).unwrap();
    let out = run([OsStr::new("check"), path.as_os_str()]);
    assert_eq!(out.code, Some(2));
    let stderr = out.stderr;
    assert!(stderr.contains("control character U+001B"), "{stderr}");
    assert!(
        !stderr.contains('\x1b'),
        "the message itself must not carry the escape"
    );
}

#[test]
fn messages_quoting_a_hostile_answers_file_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("esc.toml");
    std::fs::write(
        &path,
        "[meta]\naudience = \"patient\"\n[answers]\n\"\\u001b[31mEVIL\" = \"x\"\n\"source.origin\" = \"\\u001b[2J\"\n",
    )
    .unwrap();
    let out = run([OsStr::new("score"), path.as_os_str()]);
    assert_eq!(out.code, Some(2));
    let stderr = out.stderr;
    assert!(!stderr.contains('\x1b'), "{stderr}");
    assert!(
        stderr.contains("\\u{1b}[31mEVIL"),
        "shown harmlessly: {stderr}"
    );
}

#[test]
fn a_bank_and_an_answers_file_mixed_up_get_told_which_is_which() {
    let out = run(["check", "docs/examples/glow-med-spa.toml"]);
    assert_eq!(out.code, Some(2));
    let stderr = out.stderr;
    assert!(
        stderr.contains("this is an answers file, not a question bank"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().count(),
        2,
        "one problem, then the count:\n{stderr}"
    );

    let out = run(["score", "questions.toml"]);
    assert_eq!(out.code, Some(2));
    let stderr = out.stderr;
    assert!(
        stderr.contains("this is a question bank, not an answers file"),
        "{stderr}"
    );
}

/// A vendor's wording on a question no vendor is asked would be written for nobody: `check`
/// says so, as a warning, and where.
#[test]
fn vendor_words_that_no_vendor_reads_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(crate::fixture("banks/valid/minimal.toml")).unwrap();
    let bank = minimal.replacen(
        "audience = \"both\"\nkind = \"single\"",
        "audience = \"both\"\nasked_of = \"coordinator\"\nkind = \"single\"",
        1,
    ) + "vendor_label = \"Our plants\"\n";
    let line = bank
        .lines()
        .position(|l| l.starts_with("vendor_label"))
        .unwrap()
        + 1;
    let path = dir.path().join("bank.toml");
    std::fs::write(&path, &bank).unwrap();
    let out = run([OsStr::new("check"), path.as_os_str()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            ":{line}:16: warning: `vendor_label` in question `source.origin` is never shown: the coordinator answers it"
        )),
        "{}",
        out.stderr
    );
    // Its one question for coordinators is theirs: a vendor would be sent nothing to answer.
    assert!(
        out.stderr
            .contains("so the file sent to a vendor would ask nothing"),
        "{}",
        out.stderr
    );
}

/// Found by an adversarial run: a question the vendor answers whose condition looks at one
/// of the coordinator's own checks lost its "Only if" line in the file sent to the vendor,
/// without a word from `check`. Now `check` says so, where the condition is.
#[test]
fn a_vendors_question_that_hangs_on_the_coordinators_own_check_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(crate::fixture("banks/valid/minimal.toml")).unwrap();
    let bank = minimal.replacen(
        "audience = \"both\"\nkind = \"single\"",
        "audience = \"both\"\nasked_of = \"coordinator\"\nkind = \"single\"",
        1,
    ) + "\n[[question]]\nid = \"source.donor\"\nsection = \"source\"\naudience = \"both\"\nkind = \"single\"\nshow_if = { question = \"source.origin\", any_of = [\"msc-umbilical-cord\"] }\nprompt = \"Donor records?\"\nhelp = \"h\"\nask = \"a\"\nsources = [\"004_b7657017c2a83646.txt\"]\n\n[[question.option]]\nid = \"yes\"\nlabel = \"Yes\"\nflag = \"green\"\nwhy = \"w\"\n\n[[question.option]]\nid = \"no\"\nlabel = \"No\"\nflag = \"amber\"\nwhy = \"w\"\n";
    let line = bank.lines().position(|l| l.starts_with("show_if")).unwrap() + 1;
    let path = dir.path().join("bank.toml");
    std::fs::write(&path, &bank).unwrap();
    let out = run([OsStr::new("check"), path.as_os_str()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(":{line}:11: warning: question `source.donor` is asked of the vendor, but when it applies depends on `source.origin`")),
        "{}",
        out.stderr
    );
}
