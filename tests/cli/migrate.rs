//! `exovet migrate` (issue 13, item 5; issue 18 for 1.1.0) on every answers file among the
//! fixtures and the docs' examples saved with bank 1.0.0 or 1.1.0: it reads under today's bank,
//! the original is kept byte for byte beside it under a name a folder scan skips, the file is
//! rewritten for today's version, and it scores exactly as the old file did.

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

/// Every answers file the tests and docs keep that was saved with an older bank, with that
/// version (a file without `bank_version` is a 1.0.0 file).
fn old_fixtures() -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    for dir in ["answers/valid", "profiles", "diff", "report"] {
        files.extend(crate::toml_files(dir));
    }
    for dir in ["docs/examples", "docs/examples/round-trip"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|e| e == "toml") {
                files.push(p.strip_prefix(root()).unwrap().to_path_buf());
            }
        }
    }
    let today = exovet::bank::load_builtin().version;
    let old: Vec<_> = files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(root().join(&p)).unwrap();
            let version = text
                .lines()
                .find_map(|l| l.strip_prefix("bank_version = \""))
                .map_or("1.0.0", |v| v.trim_end_matches('"'))
                .to_owned();
            (version != today).then_some((p, version))
        })
        .collect();
    for version in ["1.0.0", "1.1.0"] {
        let n = old.iter().filter(|(_, v)| v == version).count();
        assert!(n >= 3, "the bank-{version} fixtures: {old:?}");
    }
    old
}

#[test]
fn every_older_fixture_reads_migrates_keeps_its_original_and_scores_the_same() {
    let today = exovet::bank::load_builtin().version;
    for (fixture, version) in old_fixtures() {
        let dir = tempfile::tempdir().unwrap();
        let original = std::fs::read(root().join(&fixture)).unwrap();
        std::fs::write(dir.path().join("a.toml"), &original).unwrap();
        let before = scored(dir.path(), "a.toml");

        let r = migrate_in(dir.path(), "a.toml");
        let orig = format!("a.toml.bank-{version}.orig");
        assert_eq!(r.code, Some(0), "{fixture:?}: {}", r.stderr);
        assert!(
            r.stdout.contains(&format!(
                "migrated from version {version} of the bank to {today}"
            )) && r.stdout.contains(&orig),
            "{fixture:?}: {}",
            r.stdout
        );
        let kept = std::fs::read(dir.path().join(&orig)).unwrap();
        assert_eq!(
            kept, original,
            "{fixture:?}: the original is kept byte for byte"
        );

        let migrated = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
        assert!(
            migrated.contains(&format!("bank_version = \"{today}\"")),
            "{migrated}"
        );
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

/// 1.1.0 → 1.2.0: "conditioned media" did not say whether the cells were human, so it is
/// asked again, kept as a comment, and said; the file passes through every step from its own
/// version, so a 1.0.0 file with it is asked again too.
#[test]
fn conditioned_media_is_asked_again_from_1_1_0_and_from_1_0_0() {
    for version in ["1.1.0", "1.0.0"] {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"{version}\"\naudience = \"coordinator\"\nsubject = \"Vendor C\"\n\n[answers]\n\"source.origin\" = \"conditioned-media\"\n\"testing.coa\" = \"lot-third-party\"\n"
        );
        std::fs::write(dir.path().join("c.toml"), &text).unwrap();
        let v = score_json_in(dir.path(), "c.toml");
        let follow: Vec<&str> = v["follow_up"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["question"].as_str())
            .collect();
        assert!(follow.contains(&"source.origin"), "{version}: {v}");
        let r = migrate_in(dir.path(), "c.toml");
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(
            r.stdout
                .contains("1 answer changed meaning and is asked again"),
            "{version}: {}",
            r.stdout
        );
        assert!(
            r.stderr.contains("`source.origin` = \"conditioned-media\""),
            "{version}: {}",
            r.stderr
        );
        crate::assert_saved(
            dir.path(),
            "c.toml",
            &[
                "# \"source.origin\" = \"conditioned-media\"  # saved with an older version of the questions",
                "\"testing.coa\" = \"lot-third-party\"",
            ],
        );
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
    assert_eq!(
        mode("p.toml.bank-1.0.0.orig"),
        0o600,
        "red-verdict.toml is a 1.0.0 file"
    );
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

/// A list for a single choice was never valid, in any version: an old one holding an option
/// asked again is refused with the reader's message, not dropped as "asked again" with the
/// rest of the list (found by an adversarial run: `["conditioned-media", "platelet"]`).
#[test]
fn a_list_for_a_single_choice_is_refused_not_dropped_as_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.1.0\"\naudience = \"coordinator\"\nsubject = \"Vendor L\"\n\n[answers]\n\"source.origin\" = [\"conditioned-media\", \"platelet\"]\n";
    std::fs::write(dir.path().join("l.toml"), text).unwrap();
    for args in [["score", "l.toml"], ["migrate", "l.toml"]] {
        let r = crate::run_in(dir.path(), args);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr
                .contains("l.toml:8:19: error: `source.origin`: takes one answer, not a list"),
            "{args:?}: {}",
            r.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("l.toml")).unwrap(),
        text
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Issue 19: a file saved with a newer bank ("1.3", "2.0"), or whose `bank_version` is not a
/// version ("1.2.O", "01.2.0"), is left byte for byte by every command that writes: the
/// wizard (plain mode here; the full screen opens the same session first), `attach` and
/// `migrate`, each with exit 2 and what to do. Reading it still works, with a warning.
#[test]
fn a_newer_or_unreadable_version_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("coa.pdf"), "lot 42").unwrap();
    for version in ["1.3", "2.0", "1.2.O", "01.2.0"] {
        let text = format!(
            "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"{version}\"\naudience = \"coordinator\"\nsubject = \"V\"\n\n[answers]\n# the vendor's words\n\"source.origin\" = \"plant\"\n"
        );
        std::fs::write(d.join("v.toml"), &text).unwrap();
        let plain = crate::exovet()
            .current_dir(d)
            .env("HOME", d)
            .args(["--plain", "--answers", "v.toml"])
            .write_stdin("1\nq\n")
            .output()
            .unwrap();
        let attach = crate::run_in(d, ["attach", "v.toml", "testing.coa", "coa.pdf"]);
        let migrate = crate::run_in(d, ["migrate", "v.toml"]);
        for (what, code, stderr) in [
            (
                "plain",
                plain.status.code(),
                String::from_utf8_lossy(&plain.stderr).into_owned(),
            ),
            ("attach", attach.code, attach.stderr),
            ("migrate", migrate.code, migrate.stderr),
        ] {
            assert_eq!(code, Some(2), "{version} {what}: {stderr}");
            assert!(
                stderr.contains("Nothing was written"),
                "{version} {what}: {stderr}"
            );
            assert!(
                stderr.contains(&format!("\"{version}\""))
                    || stderr.contains(&format!("version {version} of the bank, newer")),
                "{version} {what}: {stderr}"
            );
        }
        assert_eq!(
            std::fs::read_to_string(d.join("v.toml")).unwrap(),
            text,
            "{version}"
        );
        assert_eq!(
            std::fs::read_dir(d).unwrap().count(),
            2,
            "{version}: no copy, no new file"
        );
        let score = crate::run_in(d, ["score", "--format", "json", "v.toml"]);
        assert_eq!(score.code, Some(0), "{version}: {}", score.stderr);
        // Said as what it is: newer, or not a version (it read as an older one before).
        let said = if version.contains('O') || version.starts_with('0') {
            "is not a version like"
        } else {
            "newer than this one"
        };
        assert!(score.stderr.contains(said), "{version}: {}", score.stderr);
    }
}

/// Issue 19: "1.2" is version 1.2.0 and "1.1" is 1.1.0, as people write them short: the first
/// reads with no warning, the second goes through the 1.1.0 → 1.2.0 step.
#[test]
fn a_short_version_reads_as_the_version_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let write = |version: &str| {
        std::fs::write(
            dir.path().join("s.toml"),
            format!("[meta]\nbank = \"exosome-vetting\"\nbank_version = \"{version}\"\naudience = \"coordinator\"\nsubject = \"S\"\n\n[answers]\n\"source.origin\" = \"plant\"\n"),
        )
        .unwrap();
    };
    write("1.2");
    let r = crate::run_in(dir.path(), ["score", "--format", "json", "s.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    std::fs::write(
        dir.path().join("s.toml"),
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.1\"\naudience = \"coordinator\"\nsubject = \"S\"\n\n[answers]\n\"source.origin\" = \"conditioned-media\"\n",
    )
    .unwrap();
    let r = crate::run_in(dir.path(), ["migrate", "s.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("`source.origin` = \"conditioned-media\""),
        "{}",
        r.stderr
    );
}
