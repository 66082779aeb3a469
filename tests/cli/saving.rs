//! Saving answers through the real binary (`--plain`, its input at an end): the file keeps its mode and its links, any valid name works, and nothing is saved that exovet could not read back.

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::Path;

use crate::{Run, exovet, root};

const ANSWERS: &str = "docs/examples/glow-med-spa.toml";

/// `exovet --plain ARGS` in `dir` with one answer on its input: it resumes or starts,
/// answers the first question it asks with its first answer, reaches the end of its input
/// and saves. (A resumed file that nothing changed is left as it is, so a save needs a change.)
fn plain_in(dir: &Path, args: &[&str]) -> Run {
    let out = exovet()
        .current_dir(dir)
        .arg("--plain")
        .args(args)
        .write_stdin("1\n")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().mode() & 0o777
}

/// Saved: the file holds this session's time, not the example's.
fn resaved(path: &Path) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    !text.contains("updated = 2026-12-01T10:00:00Z") && text.contains("\"source.origin\"")
}

#[test]
fn a_saved_answers_file_keeps_its_mode_and_a_new_one_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    for kept in [0o600, 0o640, 0o604] {
        std::fs::copy(root().join(ANSWERS), &path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(kept)).unwrap();
        let r = plain_in(dir.path(), &["--answers", "a.toml"]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(resaved(&path));
        assert_eq!(mode(&path), kept, "{kept:o}");
    }
    let r = plain_in(
        dir.path(),
        &[
            "--audience",
            "patient",
            "--subject",
            "New Spa",
            "--answers",
            "new.toml",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(mode(&dir.path().join("new.toml")), 0o600);
}

#[test]
fn a_linked_answers_file_is_saved_to_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let target = shared.join("glow.toml");
    std::fs::copy(root().join(ANSWERS), &target).unwrap();
    let link = dir.path().join("glow.toml");
    std::os::unix::fs::symlink("shared/glow.toml", &link).unwrap();
    let r = plain_in(dir.path(), &["--answers", "glow.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert!(resaved(&target), "the target holds the saved answers");
    assert_eq!(
        std::fs::read_dir(&shared).unwrap().count(),
        1,
        "no temporary file left beside the target"
    );
}

#[test]
fn a_file_name_as_long_as_allowed_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.toml", "a".repeat(250));
    assert_eq!(name.len(), 255);
    let path = dir.path().join(&name);
    std::fs::copy(root().join(ANSWERS), &path).unwrap();
    let r = plain_in(dir.path(), &["--answers", &name]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stdout.contains("too long"), "{}", r.stdout);
    assert!(resaved(&path));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_long_subject_gives_a_file_name_that_can_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let subject = "Klinik".repeat(60);
    let r = plain_in(
        dir.path(),
        &["--audience", "patient", "--subject", &subject],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}\n{}", r.stdout);
    assert!(
        names[0].starts_with("exovet-klinikklinik") && names[0].len() < 100,
        "{names:?}"
    );
}

#[test]
fn answers_that_would_be_too_large_to_read_back_are_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    // Just under the 4 MiB limit, its notes tabs that a save would write as `\t`, twice as long.
    let head = std::fs::read_to_string(root().join(ANSWERS)).unwrap();
    let room = usize::try_from(exovet::limits::MAX_FILE_BYTES).unwrap() - head.len() - 100;
    // One answer written as an inline table, which a save cannot keep in place: the file is
    // written plainly, each tab as `\t`. (Kept in place, a save would write tabs as tabs.)
    let text = format!(
        "{head}\"storage\" = {{ \"conditions\" = \"cold-with-log\" }}\n\"notes\" = \"{}\"\n",
        "\t".repeat(room - 50)
    );
    std::fs::write(&path, &text).unwrap();
    let r = plain_in(dir.path(), &["--answers", "a.toml"]);
    // The message is wrapped to the width of a terminal.
    let said: Vec<&str> = r.stdout.split_whitespace().take(1000).collect();
    assert!(
        said.join(" ")
            .contains("over exovet's limit of 4194304 bytes (4 MiB) for a file it reads back"),
        "{}",
        &r.stdout[..r.stdout.len().min(2000)]
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "left whole");
    let score = exovet()
        .current_dir(dir.path())
        .args(["score", "a.toml"])
        .output()
        .unwrap();
    assert_ne!(score.status.code(), Some(2), "still read");
}

#[test]
fn a_number_too_large_for_a_toml_integer_is_saved_so_it_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let bank =
        std::fs::read_to_string(root().join("tests/fixtures/banks/valid/every-feature.toml"))
            .unwrap()
            .replace("max = 100000", "max = 1e30");
    std::fs::write(dir.path().join("bank.toml"), bank).unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(
        &path,
        "[meta]\nbank = \"every-feature\"\naudience = \"patient\"\nsubject = \"Dear\"\n\n[answers]\n\"delivery.cost_usd\" = 1e21\n",
    )
    .unwrap();
    let r = plain_in(dir.path(), &["--bank", "bank.toml", "--answers", "a.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("updated = "), "saved: {saved}");
    // Valid TOML for any reader, not only exovet's: no integer past 64 bits.
    let strict: toml::Table = saved
        .parse()
        .unwrap_or_else(|e| panic!("not valid TOML: {e}\n{saved}"));
    assert_eq!(
        strict["answers"]["delivery.cost_usd"].as_float(),
        Some(1e21)
    );
    let json = exovet()
        .current_dir(dir.path())
        .args(["--bank", "bank.toml", "score", "--format", "json", "a.toml"])
        .output()
        .unwrap();
    assert_eq!(
        json.status.code(),
        Some(0),
        "{saved}\n{}",
        String::from_utf8_lossy(&json.stderr)
    );
}

/// Attaching a document again, as exovet's own message says to ("attach it again with
/// --status seen"), keeps the note typed the first time unless `--note` gives a new one.
#[test]
fn attaching_again_keeps_the_note_unless_a_new_one_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join(ANSWERS), d.join("a.toml")).unwrap();
    std::fs::write(d.join("coa.pdf"), "lot 42").unwrap();
    let attach = |extra: &[&str]| {
        let out = exovet()
            .current_dir(d)
            .env("HOME", d)
            .args(["attach", "a.toml", "testing.coa", "coa.pdf"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    attach(&["--note", "third-party lab, ISO 17025"]);
    let said = attach(&["--status", "seen"]);
    let flat = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("The note \"third-party lab, ISO 17025\" is kept; give --note to change it."),
        "{said}"
    );
    let text = std::fs::read_to_string(d.join("a.toml")).unwrap();
    assert!(
        text.contains("note = \"third-party lab, ISO 17025\""),
        "{text}"
    );
    assert!(text.contains("status = \"seen\""), "{text}");
    attach(&["--status", "checked", "--note", "read against lot 42"]);
    let text = std::fs::read_to_string(d.join("a.toml")).unwrap();
    assert!(text.contains("note = \"read against lot 42\""), "{text}");
    assert!(!text.contains("ISO 17025"), "{text}");
}
