//! Issue 12's wizard keys in a real terminal: Ctrl-G opens the help in a text field (where
//! ? types and F1 may be the terminal's), an empty name is asked for once more, a resumed
//! file goes from gap to gap, and the verdict leaves the mouse to the terminal so its paths
//! can be selected (and the summary's is printed on leaving).

use std::time::{Duration, Instant};

use super::term::Term;
use super::{ENTER, enter_until_review, preset};

/// Waits until the terminal's mouse reporting is `on` (or off).
fn wait_mouse(term: &Term, on: bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mode = term.screen.lock().unwrap().screen().mouse_protocol_mode();
        if (mode != vt100::MouseProtocolMode::None) == on {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "mouse reports never turned {}:\n{}",
            if on { "on" } else { "off" },
            term.contents()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn ctrl_g_opens_the_help_in_a_text_field_and_keeps_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &preset("patient", "G", "g.toml"), 100, 30);
    term.wait_for("Question 1 of");
    term.keys("1");
    term.wait_for("Question 2 of");
    term.keys("1");
    term.wait_for("Question 3 of");
    // Letters right after an answer by digit are taken for a sentence typed by mistake.
    std::thread::sleep(Duration::from_millis(1500));
    term.keys("ask?");
    term.wait_for("[ask?");
    term.keys("\x07"); // Ctrl-G
    term.wait_for("Why this matters");
    term.keys("\x07");
    let screen = term.wait_for("F1 or Ctrl-G why");
    assert!(screen.contains("[ask?"), "{screen}");
    assert!(!screen.contains("Why this matters"), "{screen}");
    term.keys("\x1b");
    assert!(term.wait_exit());
}

#[test]
fn the_verdict_leaves_the_mouse_to_the_terminal_and_the_review_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &preset("patient", "M", "m.toml"), 100, 30);
    term.wait_for("Question 1 of");
    wait_mouse(&term, true);
    enter_until_review(&mut term);
    term.keys(ENTER);
    term.wait_for("Verdict: ");
    wait_mouse(&term, false);
    term.keys("s");
    term.wait_for("Summary saved to");
    term.keys("\x1b[D"); // ← back to the review
    term.wait_for("Show the verdict");
    wait_mouse(&term, true);
    term.keys("q");
    assert!(term.wait_exit());
    term.assert_given_back();
    // The summary's path is printed on leaving too, to select and copy there.
    let after = term.wait_for("To continue later");
    assert!(after.contains("Summary saved to m.summary.html"), "{after}");
}

#[test]
fn an_empty_name_is_asked_for_once_more_and_a_resumed_file_jumps_from_gap_to_gap() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &["--audience", "patient"], 100, 30);
    term.wait_for("Who are you checking?");
    term.keys(ENTER);
    term.wait_for("No name typed.");
    term.keys("Glow");
    term.keys(ENTER);
    term.wait_for("Question 1 of");
    // Questions 1 and 2 answered, 3 left open, 4 answered: a file with a gap.
    term.keys("1");
    term.wait_for("Question 2 of");
    term.keys("1");
    term.wait_for("Question 3 of");
    term.keys(ENTER);
    term.wait_for("Question 4 of");
    term.keys("1");
    term.wait_for("Question 5 of");
    term.keys("\x1b");
    assert!(term.wait_exit());

    let mut term = Term::start(dir.path(), &["--answers", "exovet-glow.toml"], 100, 30);
    term.wait_for("Question 3 of");
    term.keys("\x1b[B"); // ↓ off the text field, where > would type
    term.keys(">");
    term.wait_for("Question 5 of");
    term.keys("v");
    term.wait_for("Vetting: Glow");
    term.keys("q");
    assert!(term.wait_exit());
}
