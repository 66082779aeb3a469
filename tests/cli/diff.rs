//! `exovet diff OLD NEW` (issue 13, item 4) through the real binary: two assessments in
//! every format, a file against itself, `--fail-on worse`, a warning for different
//! subjects, bad input, and `-o`.

use std::path::Path;

use crate::{root, run, run_in, stdout_of};

const BEFORE: &str = "tests/fixtures/diff/glow-before-consult.toml";
const AFTER: &str = "tests/fixtures/diff/glow-after-consult.toml";
const LAST_YEAR: &str = "tests/fixtures/diff/vendor-last-year.toml";
const THIS_YEAR: &str = "tests/fixtures/diff/vendor-this-year.toml";

#[test]
fn a_patients_consult_in_every_format() {
    let text = stdout_of(["diff", BEFORE, AFTER]);
    insta::assert_snapshot!("patient_text", text);
    insta::assert_snapshot!(
        "patient_md",
        stdout_of(["diff", "--format", "md", BEFORE, AFTER])
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(["diff", "--format", "json", BEFORE, AFTER])).unwrap();
    insta::assert_json_snapshot!("patient_json", json);
}

#[test]
fn a_vendor_a_year_on_in_every_format() {
    insta::assert_snapshot!("vendor_text", stdout_of(["diff", LAST_YEAR, THIS_YEAR]));
    insta::assert_snapshot!(
        "vendor_md",
        stdout_of(["diff", "--format", "md", LAST_YEAR, THIS_YEAR])
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of([
        "diff", "--format", "json", LAST_YEAR, THIS_YEAR,
    ]))
    .unwrap();
    insta::assert_json_snapshot!("vendor_json", json);
}

#[test]
fn the_text_is_plain_fits_eighty_columns_and_never_says_verified_or_approved() {
    for (old, new) in [(BEFORE, AFTER), (LAST_YEAR, THIS_YEAR)] {
        for format in ["text", "md"] {
            let out = stdout_of(["diff", "--format", format, old, new]);
            // The disclaimer and a green verdict's meaning say what green is not; nothing
            // else may use these words.
            let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
            let said = words
                .split("This is not medical advice")
                .next()
                .unwrap()
                .replace("This is not FDA approval and not proof of safety.", "")
                .to_lowercase()
                // An answer's own words: "They say clearly that it is not FDA-approved".
                .replace("not fda-approved", "");
            for word in ["verified", "approved", "safe"] {
                assert!(
                    !said.contains(word),
                    "{old} {new} {format}: says {word}:\n{out}"
                );
            }
            if format == "text" {
                for line in out.lines().filter(|l| !l.contains("https://")) {
                    assert!(line.chars().count() <= 80, "{line}");
                }
            }
        }
    }
}

#[test]
fn worse_changes_are_listed_before_better_ones() {
    let out = stdout_of(["diff", BEFORE, AFTER]);
    let worse = out.find("Worse (").unwrap();
    let better = out.find("Better (").unwrap();
    assert!(worse < better, "{out}");
    // The sales pressure is a new red flag: worse, whatever else got better.
    let pressure = out.find("pressure").unwrap();
    assert!(worse < pressure && pressure < better, "{out}");
}

#[test]
fn a_file_against_itself_has_no_changes_even_with_fail_on_worse() {
    for file in [BEFORE, THIS_YEAR, "docs/examples/glow-med-spa.toml"] {
        for format in ["text", "md", "json"] {
            let r = run(["diff", "--fail-on", "worse", "--format", format, file, file]);
            assert_eq!(r.code, Some(0), "{file}: {}", r.stderr);
            assert_eq!(r.stderr, "", "no warning for a file against itself");
            match format {
                "json" => {
                    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
                    assert_eq!(v["changed"], false);
                    assert_eq!(v["worse"], false);
                    assert_eq!(v["questions"], serde_json::json!([]));
                }
                _ => assert!(r.stdout.contains("No changes"), "{}", r.stdout),
            }
        }
    }
}

#[test]
fn fail_on_worse_exits_one_only_when_something_got_worse() {
    // Without --fail-on the exit is 0 whatever changed.
    assert_eq!(run(["diff", BEFORE, AFTER]).code, Some(0));
    let r = run(["diff", "--fail-on", "worse", BEFORE, AFTER]);
    assert_eq!(r.code, Some(1), "a new red flag: {}", r.stderr);
    assert!(
        !r.stdout.is_empty(),
        "the changes are printed whatever the code"
    );
    let r = run(["diff", "--fail-on", "worse", LAST_YEAR, THIS_YEAR]);
    assert_eq!(r.code, Some(1), "shipping got worse: {}", r.stderr);

    // Only better: the vendor's trial data got better, nothing else changed.
    let dir = tempfile::tempdir().unwrap();
    let last = std::fs::read_to_string(root().join(LAST_YEAR)).unwrap();
    let better = last.replace(
        "\"testing.human_data\" = \"single-arm-or-sponsor\"",
        "\"testing.human_data\" = \"controlled-trial\"",
    );
    assert_ne!(better, last);
    std::fs::write(dir.path().join("last.toml"), &last).unwrap();
    std::fs::write(dir.path().join("better.toml"), &better).unwrap();
    let r = run_in(
        dir.path(),
        ["diff", "--fail-on", "worse", "last.toml", "better.toml"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert!(r.stdout.contains("Better (1)"), "{}", r.stdout);
    // The same change the other way is worse.
    let r = run_in(
        dir.path(),
        ["diff", "--fail-on", "worse", "better.toml", "last.toml"],
    );
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    assert!(r.stdout.contains("Worse (1)"), "{}", r.stdout);
}

#[test]
fn a_document_gone_down_alone_is_listed_as_worse_but_does_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    let last = std::fs::read_to_string(root().join(LAST_YEAR)).unwrap();
    let claimed = last.replace("status = \"checked\"", "status = \"claimed\"");
    std::fs::write(dir.path().join("last.toml"), &last).unwrap();
    std::fs::write(dir.path().join("claimed.toml"), &claimed).unwrap();
    // The document itself goes along: one that is missing counts as claimed on both sides.
    std::fs::copy(
        root().join("tests/fixtures/diff/coa-lot-2511-02.pdf"),
        dir.path().join("coa-lot-2511-02.pdf"),
    )
    .unwrap();
    let r = run_in(
        dir.path(),
        ["diff", "--fail-on", "worse", "last.toml", "claimed.toml"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("Worse (1)")
            && r.stdout
                .contains("coa-lot-2511-02.pdf (checked against the answer) →"),
        "{}",
        r.stdout
    );
}

#[test]
fn different_subjects_or_audiences_are_compared_with_a_warning() {
    let r = run(["diff", "docs/examples/before-consult.toml", AFTER]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("warning")
            && r.stderr.contains("“Before the consult”")
            && r.stderr.contains("“glow med spa”")
            && r.stderr.contains("compared anyway"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.is_empty());
    // The same subject, written with other case and spaces: no warning.
    assert_eq!(run(["diff", BEFORE, AFTER]).stderr, "");

    let r = run(["diff", AFTER, THIS_YEAR]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("filled in by a patient") && r.stderr.contains("a clinic coordinator"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_input_exits_two_with_the_file_line_and_column() {
    let bad = "tests/fixtures/answers/invalid/unknown-option.toml";
    for args in [["diff", bad, AFTER], ["diff", AFTER, bad]] {
        let r = run(args);
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        let first = r.stderr.lines().next().unwrap();
        let rest = first.strip_prefix(bad).unwrap_or_else(|| panic!("{first}"));
        let mut parts = rest.splitn(4, ':');
        assert_eq!(parts.next(), Some(""));
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{first}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{first}");
        assert!(first.contains("error"), "{first}");
    }
    let r = run(["diff", AFTER, "no-such-file.toml"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("no-such-file.toml"), "{}", r.stderr);
    // Usage mistakes: one file, a format diff does not write, another threshold.
    assert_eq!(run(["diff", AFTER]).code, Some(2));
    assert_eq!(run(["diff", "--format", "csv", AFTER, AFTER]).code, Some(2));
    assert_eq!(
        run(["diff", "--fail-on", "red", AFTER, AFTER]).code,
        Some(2)
    );
}

#[test]
fn o_writes_the_file_in_the_format_its_name_says() {
    let dir = tempfile::tempdir().unwrap();
    let abs = |p: &str| root().join(p);
    for (name, starts) in [
        ("changes.md", "# What changed"),
        ("changes.json", "{"),
        ("changes.txt", "What changed"),
        ("changes.html", "<!DOCTYPE html>"),
    ] {
        let out = dir.path().join(name);
        let r = run_in(
            dir.path(),
            [
                Path::new("diff"),
                &abs(BEFORE),
                &abs(AFTER),
                Path::new("-o"),
                Path::new(name),
            ],
        );
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.starts_with(starts), "{name}: {written}");
    }
    // An extension diff does not write is refused, and nothing is written.
    let r = run_in(
        dir.path(),
        [
            Path::new("diff"),
            &abs(BEFORE),
            &abs(AFTER),
            Path::new("-o"),
            Path::new("changes.csv"),
        ],
    );
    assert_eq!(r.code, Some(2));
    assert!(!dir.path().join("changes.csv").exists());
}

#[test]
fn a_document_changed_on_disk_since_it_was_attached_counts_as_claimed_in_the_diff() {
    let dir = tempfile::tempdir().unwrap();
    let last = std::fs::read_to_string(root().join(LAST_YEAR)).unwrap();
    std::fs::write(dir.path().join("last.toml"), &last).unwrap();
    std::fs::write(dir.path().join("now.toml"), &last).unwrap();
    std::fs::write(dir.path().join("coa-lot-2511-02.pdf"), "test").unwrap();
    let r = run_in(dir.path(), ["diff", "last.toml", "now.toml"]);
    assert!(r.stdout.contains("No changes"), "{}", r.stdout);
    // The same two files, the document edited since: both sides say so, on stderr.
    std::fs::write(dir.path().join("coa-lot-2511-02.pdf"), "edited").unwrap();
    let r = run_in(dir.path(), ["diff", "last.toml", "now.toml"]);
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.stderr.matches("changed since it was attached").count(),
        2,
        "{}",
        r.stderr
    );
}

/// Across versions (issue 18): an old answer that the newer questions ask again is shown as
/// what the old file said, not as a bare "not asked yet" (found by an adversarial run).
#[test]
fn an_old_answer_asked_again_shows_what_the_old_file_said() {
    let dir = tempfile::tempdir().unwrap();
    let meta = |version: &str| {
        format!(
            "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"{version}\"\naudience = \"coordinator\"\nsubject = \"Lumen Labs\"\n\n[answers]\n"
        )
    };
    std::fs::write(
        dir.path().join("old.toml"),
        meta("1.1.0") + "\"source.origin\" = \"conditioned-media\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.toml"),
        meta("1.2.0") + "\"source.origin\" = \"conditioned-media-human\"\n",
    )
    .unwrap();
    for format in ["text", "md"] {
        let r = crate::run_in(
            dir.path(),
            ["diff", "--format", format, "old.toml", "new.toml"],
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let words = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("the file said “conditioned-media”, which a newer version of the questions asks again"),
            "{format}: {words}"
        );
    }
}
