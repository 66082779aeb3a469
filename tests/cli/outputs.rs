//! `-o` through the real binary: never over a file the output is made from, into a FIFO or a device instead of over it, through a symbolic link, and no more readable than the answers.

use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::Path;
use std::process::Command;

use crate::{root, run_in};

const ANSWERS: &str = "docs/examples/glow-med-spa.toml";

/// A folder holding a copy of the example answers as `a.toml`, readable by its owner only.
fn with_answers() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.toml");
    std::fs::copy(root().join(ANSWERS), &a).unwrap();
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o600)).unwrap();
    dir
}

/// The summary of `a.toml` in `dir`, as `report` prints it.
fn summary(dir: &Path) -> String {
    let r = run_in(dir, ["report", "a.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout
}

fn file_type(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).unwrap().file_type()
}

#[test]
fn an_output_never_replaces_the_answers_it_is_made_from_under_any_name() {
    let dir = with_answers();
    let a = dir.path().join("a.toml");
    let before = std::fs::read(&a).unwrap();
    std::fs::hard_link(&a, dir.path().join("hard.toml")).unwrap();
    std::os::unix::fs::symlink("a.toml", dir.path().join("soft.toml")).unwrap();
    // Names that do not say TOML, so only the file itself can tell.
    std::fs::hard_link(&a, dir.path().join("hard")).unwrap();
    std::os::unix::fs::symlink("a.toml", dir.path().join("soft")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let absolute = a.display().to_string();
    for out in [
        "a.toml",
        "./a.toml",
        "sub/../a.toml",
        "hard.toml",
        "soft.toml",
        &absolute,
        "hard",
        "soft",
        "sub/../hard",
    ] {
        let r = run_in(
            dir.path(),
            ["report", "a.toml", "--format", "html", "-o", out],
        );
        assert_eq!(r.code, Some(2), "-o {out}: {}", r.stderr);
        let said = if Path::new(out).extension().is_some_and(|e| e == "toml") {
            // A summary is never written under a name a folder scan reads as answers.
            format!(
                "{out}: error: --format html does not match the file's name, which says TOML: name the file {}, or leave out --format to write TOML\n",
                out.trim_end_matches(".toml").to_owned() + ".html"
            )
        } else {
            format!(
                "{out}: error: cannot write the summary: it is the answers file this is made from, and writing there would replace it: give another file name\n"
            )
        };
        assert_eq!(r.stderr, said);
        assert_eq!(std::fs::read(&a).unwrap(), before, "-o {out}");
    }
}

#[test]
fn a_questionnaire_never_replaces_the_bank_it_is_made_from() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank.toml");
    std::fs::copy(
        root().join("tests/fixtures/banks/valid/minimal.toml"),
        &bank,
    )
    .unwrap();
    std::fs::hard_link(&bank, dir.path().join("same.toml")).unwrap();
    std::fs::hard_link(&bank, dir.path().join("same")).unwrap();
    let before = std::fs::read(&bank).unwrap();
    // A `.toml` name gets the questionnaire as an answers file, which never replaces a file
    // that is there; another name is refused because it is the bank.
    for (out, said) in [
        ("bank.toml", "already there"),
        ("./same.toml", "already there"),
        ("same", "it is the bank this is made from"),
    ] {
        let r = run_in(
            dir.path(),
            [
                "--bank",
                "bank.toml",
                "questions",
                "--format",
                if out.ends_with("toml") { "toml" } else { "txt" },
                "-o",
                out,
            ],
        );
        assert_eq!(r.code, Some(2), "-o {out}: {}", r.stderr);
        assert!(r.stderr.contains(said), "{}", r.stderr);
        assert_eq!(std::fs::read(&bank).unwrap(), before);
    }
    // Another name is written as before.
    let r = run_in(
        dir.path(),
        ["--bank", "bank.toml", "questions", "-o", "q.txt"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn a_fifo_is_written_into_not_replaced() {
    let dir = with_answers();
    let fifo = dir.path().join("pipe");
    if !crate::needs(
        "mkfifo",
        "outputs::a_fifo_is_written_into_not_replaced",
        "mkfifo",
        "install: apt-get install -y coreutils",
        || {
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .is_ok_and(|s| s.success())
        },
    ) {
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let r = run_in(dir.path(), ["report", "a.toml", "-o", "pipe"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(file_type(&fifo).is_fifo(), "the FIFO is still a FIFO");
    assert_eq!(reader.join().unwrap(), summary(dir.path()));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// A character device of this test's own (made with `mknod`, as root), so a
/// failure damages nothing of the system's.
fn own_device(dir: &Path, name: &str, major_minor: [&str; 2]) -> Option<std::path::PathBuf> {
    let path = dir.join(name);
    let made = crate::needs(
        "mknod",
        "a test of -o onto a device (tests/cli/outputs.rs)",
        "the right to make a device node with mknod",
        "run the tests as root, as .ci/run does",
        || {
            Command::new("mknod")
                .arg(&path)
                .arg("c")
                .args(major_minor)
                .status()
                .is_ok_and(|s| s.success())
        },
    );
    made.then_some(path)
}

#[test]
fn a_device_is_written_into_and_stays_a_device() {
    let dir = with_answers();
    let Some(null) = own_device(dir.path(), "null", ["1", "3"]) else {
        return;
    };
    let r = run_in(dir.path(), ["report", "a.toml", "-o", "null"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(file_type(&null).is_char_device(), "still a device");
    assert_eq!(std::fs::metadata(&null).unwrap().rdev(), 0x103);

    // A full device: the write fails, and says so.
    let Some(full) = own_device(dir.path(), "full", ["1", "7"]) else {
        return;
    };
    let r = run_in(dir.path(), ["report", "a.toml", "-o", "full"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(
        r.stderr,
        "full: error: cannot write the summary: no space left on device\n"
    );
    assert!(file_type(&full).is_char_device(), "still a device");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

/// Only after the test above proves it on a device of its own: the system's `/dev/null`.
#[test]
fn the_systems_dev_null_stays_a_device() {
    let null = Path::new("/dev/null");
    if !null.exists() {
        return;
    }
    let r = crate::run(["report", ANSWERS, "-o", "/dev/null"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(file_type(null).is_char_device());
}

#[test]
fn a_link_to_standard_output_writes_to_standard_output() {
    let dir = with_answers();
    // What /dev/stdout is, made here so a failure damages nothing of the system's.
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let r = run_in(dir.path(), ["report", "a.toml", "-o", "stdout"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, summary(dir.path()));
    assert!(file_type(&link).is_symlink(), "still a link");
    if Path::new("/dev/stdout").exists() {
        let r = run_in(dir.path(), ["report", "a.toml", "-o", "/dev/stdout"]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert_eq!(r.stdout, summary(dir.path()));
    }
}

#[test]
fn a_symbolic_link_is_written_through_to_its_target() {
    let dir = with_answers();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("summary.txt"), "last week's").unwrap();
    std::os::unix::fs::symlink("docs/summary.txt", dir.path().join("link.txt")).unwrap();
    std::os::unix::fs::symlink("docs/new.txt", dir.path().join("dangling.txt")).unwrap();
    for (link, target) in [("link.txt", "summary.txt"), ("dangling.txt", "new.txt")] {
        let r = run_in(dir.path(), ["report", "a.toml", "-o", link]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(file_type(&dir.path().join(link)).is_symlink(), "{link}");
        assert_eq!(
            std::fs::read_to_string(docs.join(target)).unwrap(),
            summary(dir.path())
        );
    }
    let mut in_docs: Vec<_> = std::fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    in_docs.sort();
    assert_eq!(
        in_docs,
        ["new.txt", "summary.txt"],
        "no temporary file left"
    );
}

#[test]
fn a_summary_of_private_answers_is_private() {
    let dir = with_answers();
    for (out, format) in [("s.txt", "txt"), ("s.html", "html"), ("s.md", "md")] {
        let r = run_in(
            dir.path(),
            ["report", "a.toml", "--format", format, "-o", out],
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let mode = std::fs::metadata(dir.path().join(out)).unwrap().mode() & 0o777;
        assert_eq!(mode, 0o600, "{out}: {mode:o}");
    }
    // A summary that was shared before is private once made from private answers.
    let shared = dir.path().join("s.txt");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).unwrap();
    run_in(dir.path(), ["report", "a.toml", "-o", "s.txt"]);
    assert_eq!(std::fs::metadata(&shared).unwrap().mode() & 0o777, 0o600);
}

#[test]
fn a_folder_as_the_output_says_so() {
    let dir = with_answers();
    for out in ["/", "."] {
        let r = run_in(dir.path(), ["report", "a.toml", "-o", out]);
        assert_eq!(r.code, Some(2));
        assert_eq!(
            r.stderr,
            format!(
                "{out}: error: cannot write the summary: it is a folder: give the name of a file in it\n"
            )
        );
    }
}

#[test]
fn a_file_name_as_long_as_allowed_is_written() {
    let dir = with_answers();
    let name = format!("{}.txt", "s".repeat(251));
    assert_eq!(name.len(), 255);
    let r = run_in(dir.path(), ["report", "a.toml", "-o", &name]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&name)).unwrap(),
        summary(dir.path())
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}
