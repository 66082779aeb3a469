//! `exovet migrate` (issue 13, item 5) on every answers fixture saved with bank 1.0.0: the
//! original is kept byte for byte beside it under a name a folder scan skips, the file is
//! rewritten for 1.1.0, and it scores exactly as the old file did.

use std::path::Path;

use crate::{exovet, root, score_json_in};

/// `exovet migrate FILE` run in `dir`.
fn migrate_in(dir: &Path, file: &str) -> crate::Run {
    crate::run_in(dir, ["migrate", file])
}

/// The verdict and everything behind it, without what says which file or when.
fn scored(dir: &Path, file: &str) -> serde_json::Value {
    let mut v = score_json_in(dir, file);
    let o = v.as_object_mut().unwrap();
    o.remove("file");
    o.remove("warnings");
    v
}

fn old_fixtures() -> Vec<std::path::PathBuf> {
    let files: Vec<_> = crate::toml_files("answers/valid")
        .into_iter()
        .filter(|p| {
            let text = std::fs::read_to_string(root().join(p)).unwrap();
            text.contains("bank_version = \"1.0.0\"") || !text.contains("bank_version")
        })
        .collect();
    assert!(files.len() >= 5, "the bank-1.0.0 fixtures: {files:?}");
    files
}

#[test]
fn every_bank_1_0_0_fixture_migrates_keeps_its_original_and_scores_the_same() {
    for fixture in old_fixtures() {
        let dir = tempfile::tempdir().unwrap();
        let original = std::fs::read(root().join(&fixture)).unwrap();
        std::fs::write(dir.path().join("a.toml"), &original).unwrap();
        let before = scored(dir.path(), "a.toml");

        let r = migrate_in(dir.path(), "a.toml");
        assert_eq!(r.code, Some(0), "{fixture:?}: {}", r.stderr);
        assert!(
            r.stdout
                .contains("migrated from version 1.0.0 of the bank to 1.1.0")
                && r.stdout.contains("a.toml.bank-1.0.0.orig"),
            "{fixture:?}: {}",
            r.stdout
        );
        let kept = std::fs::read(dir.path().join("a.toml.bank-1.0.0.orig")).unwrap();
        assert_eq!(
            kept, original,
            "{fixture:?}: the original is kept byte for byte"
        );

        let migrated = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
        assert!(migrated.contains("bank_version = \"1.1.0\""), "{migrated}");
        assert_eq!(
            scored(dir.path(), "a.toml"),
            before,
            "{fixture:?}: {migrated}"
        );
        // Read again, it says nothing about an older bank.
        let again = exovet()
            .current_dir(dir.path())
            .args(["score", "a.toml"])
            .output()
            .unwrap();
        let stderr = String::from_utf8(again.stderr).unwrap();
        assert!(
            !stderr.contains("older version of the bank"),
            "{fixture:?}: {stderr}"
        );
        // A folder scan scores the migrated file once, not its original too.
        let folder = score_json_in(dir.path(), ".");
        assert_eq!(folder["file"], "./a.toml", "{fixture:?}: {folder}");

        // Twice is harmless: nothing to change, nothing written.
        let r = migrate_in(dir.path(), "a.toml");
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(r.stdout.contains("nothing to change"), "{}", r.stdout);
        let after = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
        assert_eq!(after, migrated);
    }
}

#[test]
fn an_answer_asked_again_is_kept_as_a_comment_and_said() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/answers/valid/green-under-1.0.0.toml"),
        dir.path().join("g.toml"),
    )
    .unwrap();
    let r = migrate_in(dir.path(), "g.toml");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("1 answer changed meaning and is asked again"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("`provider.supervisor` = \"na\""),
        "{}",
        r.stderr
    );
    crate::assert_saved(
        dir.path(),
        "g.toml",
        &["# \"provider.supervisor\" = \"na\"  # saved with an older version of the questions"],
    );
}

/// A private answers file stays private in its copy.
#[cfg(unix)]
#[test]
fn the_copy_has_the_originals_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::copy(
        root().join("tests/fixtures/answers/valid/red-verdict.toml"),
        &path,
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = migrate_in(dir.path(), "p.toml");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("p.toml.bank-1.0.0.orig"), 0o600);
    assert_eq!(mode("p.toml"), 0o600);
}

#[test]
fn a_newer_file_or_an_earlier_copy_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let newer = "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"2.0.0\"\naudience = \"patient\"\nsubject = \"X\"\n\n[answers]\n";
    std::fs::write(dir.path().join("n.toml"), newer).unwrap();
    let r = migrate_in(dir.path(), "n.toml");
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("newer than this one"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("n.toml")).unwrap(),
        newer
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let old = std::fs::read(root().join("tests/fixtures/answers/valid/red-verdict.toml")).unwrap();
    std::fs::write(dir.path().join("r.toml"), &old).unwrap();
    std::fs::write(dir.path().join("r.toml.bank-1.0.0.orig"), "an earlier copy").unwrap();
    let r = migrate_in(dir.path(), "r.toml");
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("already there"), "{}", r.stderr);
    assert_eq!(std::fs::read(dir.path().join("r.toml")).unwrap(), old);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.toml.bank-1.0.0.orig")).unwrap(),
        "an earlier copy"
    );
}
