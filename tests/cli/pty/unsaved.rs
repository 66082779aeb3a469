//! Leaving the wizard while its saves fail: it never says "saved" when nothing was, offers
//! another file, and prints the answers to copy when the person leaves anyway.

use super::preset;
use super::term::Term;
use crate::assert_saved;

/// The answers file as exovet saves it: it holds the first question's answer.
const PLACENTA: &str = "\"source.origin\" = \"placenta\"";

/// Answers question 1 with `4` (placenta) where saving fails, then presses q. A file in
/// `missing/` fails because that folder is taken away once the questionnaire is open
/// (exovet refuses a folder that is not there at the start).
fn leave_unsaved(file: &str, dir: &std::path::Path) -> Term {
    let missing = dir.join("missing");
    std::fs::create_dir(&missing).unwrap();
    let mut term = Term::start(dir, &preset("patient", "U", file), 100, 30);
    term.wait_for("Question 1 of");
    std::fs::remove_dir_all(&missing).unwrap();
    term.keys("4");
    term.wait_for("Question 2 of");
    term.wait_for("Press w to save them");
    term.keys("q");
    term.wait_for("Your answers are not saved");
    term
}

#[test]
fn leaving_while_saves_fail_asks_first_then_prints_the_answers() {
    let long = format!("{}.toml", "n".repeat(300));
    for file in ["missing/u.toml", long.as_str()] {
        let dir = tempfile::tempdir().unwrap();
        let mut term = leave_unsaved(file, dir.path());
        // Any other key goes back to the questions; q again leaves anyway.
        term.keys("x");
        term.wait_for("Question 2 of");
        term.keys("q");
        term.wait_for("Your answers are not saved");
        term.keys("q");
        assert!(term.wait_exit());
        let after = term.wait_for(PLACENTA);
        term.assert_given_back();
        assert!(
            after.contains("Your answers could not be saved. Here they are"),
            "{after}"
        );
        assert!(!after.contains("Answers are saved to"), "{after}");
        assert!(!after.contains("To continue later"), "{after}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn leaving_while_saves_fail_offers_another_file_and_leaves_once_saved_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = leave_unsaved("missing/u.toml", dir.path());
    term.keys("w");
    term.wait_for("Save your answers to another file");
    // The suggestion is the same file name in the home folder, which is `dir`.
    term.keys("\r");
    assert!(term.wait_exit());
    let after = term.wait_for("To continue later");
    assert!(after.contains("Answers are saved to"), "{after}");
    assert_saved(dir.path(), "u.toml", &[PLACENTA]);
}

#[test]
fn a_second_window_on_the_same_file_is_not_told_its_answers_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Term::start(dir.path(), &preset("coordinator", "A", "a.toml"), 100, 30);
    first.wait_for("Question 1 of");
    first.keys("1");
    first.wait_for("Question 2 of");
    // A second window resumes the same file and changes it.
    let mut second = Term::start(dir.path(), &["--answers", "a.toml"], 100, 30);
    second.wait_for("Question 2 of");
    second.keys("2");
    second.wait_for("Question 3 of");
    // The first window's next save is refused, so leaving must not say "saved".
    first.keys("1");
    first.wait_for("Question 3 of");
    // Question 3 is a text field, where w types: Ctrl-S saves elsewhere there.
    first.wait_for("Press Ctrl-S to save them");
    first.keys("\x1b");
    first.wait_for("Your answers are not saved");
    first.keys("\x1b");
    assert!(first.wait_exit());
    let after = first.wait_for("Your answers could not be saved. Here they are");
    assert!(
        after.contains("\"source.product_named\" = \"all-three\""),
        "{after}"
    );
    second.keys("\x1b");
    assert!(second.wait_exit());
    assert_saved(
        dir.path(),
        "a.toml",
        &["\"source.product_named\" = \"brand-only\""],
    );
}

#[test]
fn the_answers_file_exists_from_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &preset("patient", "F", "f.toml"), 100, 30);
    term.wait_for("Question 1 of");
    let path = dir.path().join("f.toml");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "no answers file while the first question is on screen"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_saved(dir.path(), "f.toml", &["[meta]", "subject = \"F\""]);
    term.keys("q");
    assert!(term.wait_exit());
}

/// A tmpfs mounted for one test, so a failing save is real even for root: `ro` is a
/// read-only folder, a small `size` a disk to fill. Needs root, as `.ci/run` has;
/// elsewhere the test is skipped with a notice (`crate::needs`).
struct Mount(tempfile::TempDir);

impl Mount {
    fn new(options: &str) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = crate::needs(
            "mount",
            "a wizard test on a full or read-only disk (tests/cli/pty/unsaved.rs)",
            "the right to mount a small tmpfs",
            "run the tests as root, as .ci/run does",
            || {
                std::process::Command::new("mount")
                    .args(["-t", "tmpfs", "-o", options, "tmpfs"])
                    .arg(dir.path())
                    .status()
                    .is_ok_and(|s| s.success())
            },
        );
        mounted.then_some(Self(dir))
    }

    /// Fills the disk to the last byte.
    fn fill(&self) {
        let block = vec![b'x'; 4096];
        let mut filler = std::fs::File::create(self.0.path().join("filler")).unwrap();
        while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

#[test]
fn a_full_disk_or_a_read_only_folder_is_never_called_saved() {
    for options in ["size=16k", "ro"] {
        let Some(mount) = Mount::new(options) else {
            return;
        };
        if options.starts_with("size") {
            mount.fill();
        }
        let dir = tempfile::tempdir().unwrap();
        let file = mount.0.path().join("a.toml");
        let mut term = leave_unsaved(file.to_str().unwrap(), dir.path());
        term.keys("q");
        assert!(term.wait_exit());
        let after = term.wait_for(PLACENTA);
        assert!(
            !after.contains("Answers are saved to"),
            "{options}: {after}"
        );
        assert!(!file.exists(), "{options}");
    }
}
