//! A full disk: a failed save keeps the last saved answers whole, `report -o` writes nothing, and a command whose standard output is full or closed says so or ends quietly (kill -9 and a panic are in `pty.rs`).

use std::path::Path;
use std::process::Command;

use exovet::answers::{Answer, Answers, Meta};
use exovet::bank::{Audience, load_builtin};
use exovet::session::Autosave;
use exovet::wizard::Wizard;

use crate::run;

/// A tiny tmpfs, so "disk full" is real. Needs root (as CI and this project's machines
/// have); elsewhere the test is skipped with a notice (`crate::needs`).
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount(size: &str) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = crate::needs(
            "mount",
            "a full-disk test (tests/cli/reliability.rs)",
            "the right to mount a small tmpfs",
            "run the tests as root, as .ci/run does",
            || {
                Command::new("mount")
                    .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
                    .arg(dir.path())
                    .status()
                    .is_ok_and(|s| s.success())
            },
        );
        mounted.then_some(Self(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// Fills the disk to the last byte with one file, `filler`.
    fn fill(&self) {
        let filler = vec![b'x'; 4096];
        let mut fill = std::fs::File::create(self.path().join("filler")).unwrap();
        while std::io::Write::write_all(&mut fill, &filler).is_ok() {}
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn a_full_disk_fails_the_save_and_keeps_the_last_file_whole() {
    let Some(disk) = SmallDisk::mount("64k") else {
        return;
    };
    let bank = load_builtin();
    let path = disk.path().join("answers.toml");
    let mut answers = Answers::empty(&bank);
    let origin = bank.find("source.origin").unwrap();
    answers.set(origin, Some(Answer::Choice(0)));
    let mut wizard = Wizard::new(
        &bank,
        Meta::new(&bank, Audience::Patient, "Disk"),
        answers.clone(),
    );
    let mut autosave = Autosave::new(path.clone());
    assert!(autosave.save(&wizard));
    let before = std::fs::read_to_string(&path).unwrap();

    disk.fill();

    answers.set(
        bank.find("notes").unwrap(),
        Some(Answer::Text("x".repeat(20_000))),
    );
    wizard = Wizard::new(&bank, Meta::new(&bank, Audience::Patient, "Disk"), answers);
    assert!(!autosave.save(&wizard));
    let error = autosave.last_error.clone().unwrap();
    assert!(error.contains("no space left on device"), "{error}");
    assert!(error.contains("Your answers are kept"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "the old file is whole"
    );
    let names: Vec<String> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "no temporary file is left behind: {names:?}"
    );
}

#[test]
fn report_to_a_full_disk_exits_two_and_writes_nothing() {
    let Some(disk) = SmallDisk::mount("16k") else {
        return;
    };
    disk.fill();
    let out_path = disk.path().join("summary.html");
    let out = run([
        "report",
        "docs/examples/glow-med-spa.toml",
        "--format",
        "html",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(2));
    let stderr = out.stderr;
    assert!(stderr.contains("no space left on device"), "{stderr}");
    assert!(!out_path.exists(), "no half-written file");
    assert_eq!(
        std::fs::read_dir(disk.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

/// Every command that prints, and `--help`, with the example answers where it needs some.
const PRINTING: [&[&str]; 11] = [
    &["--help"],
    &["report", "docs/examples/glow-med-spa.toml"],
    &[
        "report",
        "docs/examples/glow-med-spa.toml",
        "--format",
        "html",
    ],
    &["questions"],
    &[
        "diff",
        "tests/fixtures/diff/vendor-last-year.toml",
        "tests/fixtures/diff/vendor-this-year.toml",
    ],
    &["man"],
    &["completions", "bash"],
    &["check"],
    &["score", "docs/examples/glow-med-spa.toml"],
    &[
        "score",
        "--format",
        "json",
        "docs/examples/glow-med-spa.toml",
    ],
    &[
        "score",
        "--format",
        "csv",
        "docs/examples/glow-med-spa.toml",
        "docs/examples/careful-vendor.toml",
    ],
];

/// `exovet ARGS` as a plain process, for what `assert_cmd` does not set: where stdout goes.
fn exovet_with(args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("exovet"));
    cmd.args(args)
        .current_dir(crate::root())
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .env("EXOVET_TODAY", "2026-12-08")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    cmd
}

#[test]
fn every_command_says_when_standard_output_cannot_be_written() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("notice: no /dev/full here; test skipped");
        return;
    };
    for args in PRINTING {
        let out = exovet_with(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "exovet: error: could not write: no space left on device\n",
            "{args:?}"
        );
    }
}

#[test]
fn every_command_ends_quietly_when_its_reader_goes_away() {
    for args in PRINTING {
        let mut child = exovet_with(args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // `exovet … | head -0`: the reader is gone before the first line.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `exovet migrate` on a full disk: the copy of the original fits, the rewritten file does
/// not. The file stays as it was and the copy goes, so the next try is not refused.
#[test]
fn a_migrate_that_cannot_save_leaves_the_file_and_no_copy() {
    let Some(disk) = SmallDisk::mount("64k") else {
        return;
    };
    let original =
        std::fs::read(crate::root().join("tests/fixtures/answers/valid/green-under-1.0.0.toml"))
            .unwrap();
    let path = disk.path().join("g.toml");
    std::fs::write(&path, &original).unwrap();
    disk.fill();
    // One page free: room for the copy, none for the rewritten file beside it.
    let filler = disk.path().join("filler");
    let len = std::fs::metadata(&filler).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap()
        .set_len(len - 4096)
        .unwrap();
    let r = run(["migrate", path.to_str().unwrap()]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("Nothing was changed"), "{}", r.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert!(!disk.path().join("g.toml.bank-1.0.0.orig").exists());
}

/// `exovet attach` on a full disk: nothing changes, nothing is left behind, and it says so.
#[test]
fn an_attach_that_cannot_save_leaves_the_file_as_it_was() {
    let Some(disk) = SmallDisk::mount("64k") else {
        return;
    };
    let original = std::fs::read(crate::root().join("docs/examples/careful-vendor.toml")).unwrap();
    let path = disk.path().join("v.toml");
    std::fs::write(&path, &original).unwrap();
    std::fs::write(disk.path().join("coa.pdf"), "lot 42").unwrap();
    disk.fill();
    let before: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let coa = disk.path().join("coa.pdf");
    let r = run([
        "attach",
        path.to_str().unwrap(),
        "testing.coa",
        coa.to_str().unwrap(),
        "--status",
        "seen",
    ]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("Nothing was changed"), "{}", r.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), original);
    let after: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(after, before);
}

/// Issue 19: a standard error that cannot be written (a full disk) never panics a command
/// with warnings to give: the result is printed and the exit code is the documented one
/// (before: exit 101 and no result, from `eprintln!`).
#[test]
fn a_full_standard_error_loses_no_result() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("notice: no /dev/full here; test skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.toml");
    std::fs::write(
        &old,
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.1.0\"\naudience = \"patient\"\nsubject = \"Old\"\n\n[answers]\n\"source.origin\" = \"conditioned-media\"\n",
    )
    .unwrap();
    let other = dir.path().join("other.toml");
    std::fs::write(
        &other,
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"patient\"\nsubject = \"Another\"\n\n[answers]\n\"source.origin\" = \"plant\"\n",
    )
    .unwrap();
    let (old, other) = (old.to_str().unwrap(), other.to_str().unwrap());
    for args in [
        vec!["score", old],
        vec!["score", "--format", "json", old, other],
        vec!["report", old],
        vec!["diff", old, other],
    ] {
        let out = exovet_with(&args)
            .stderr(full.try_clone().unwrap())
            .stdout(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}: no result");
    }
}

/// Found by an adversarial run: `attach` and `migrate` with standard output on a full disk
/// changed the file, then exited 2, which promises a file left as it was. The change
/// stands, standard error says so, and the exit code is 0.
#[test]
fn a_full_standard_output_after_a_change_is_not_called_a_failure() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("notice: no /dev/full here; test skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    std::fs::copy(
        crate::root().join("docs/examples/careful-vendor.toml"),
        &answers,
    )
    .unwrap();
    let old = dir.path().join("old.toml");
    std::fs::copy(
        crate::root().join("docs/examples/careful-vendor-1.0.0.toml"),
        &old,
    )
    .unwrap();
    let (answers_arg, old_arg) = (answers.to_str().unwrap(), old.to_str().unwrap());
    for (args, file, said) in [
        (
            vec![
                "attach",
                answers_arg,
                "testing.coa",
                "https://example.org/coa",
            ],
            &answers,
            "the document is recorded, but saying so failed",
        ),
        (
            vec!["migrate", old_arg],
            &old,
            "migrated, but saying so failed",
        ),
    ] {
        let before = std::fs::read(file).unwrap();
        let out = exovet_with(&args)
            .stdout(full.try_clone().unwrap())
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert_ne!(
            std::fs::read(file).unwrap(),
            before,
            "{args:?}: nothing changed"
        );
    }
}
