//! The real binary in a pseudo-terminal: keys typed as a person would, the screen read back, the saved file scored.

mod attach;
mod color;
mod fields;
mod signals;
mod term;
mod unsaved;
mod wizard;

use std::time::{Duration, Instant};

use term::Term;

use crate::{assert_saved, score_json_in};

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";

/// The flags that skip the two opening questions and name the answers file.
fn preset<'a>(audience: &'a str, subject: &'a str, file: &'a str) -> [&'a str; 6] {
    [
        "--audience",
        audience,
        "--subject",
        subject,
        "--answers",
        file,
    ]
}

/// Steps through questions with Enter until the review shows, answering none of them.
fn enter_until_review(term: &mut Term) {
    for _ in 0..60 {
        if term.contents().contains("Show the verdict") {
            return;
        }
        let before = term.contents();
        term.keys(ENTER);
        // Wait for the screen to change before the next key.
        let deadline = Instant::now() + Duration::from_secs(20);
        while term.contents() == before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    panic!("never reached the review:\n{}", term.contents());
}

#[test]
fn a_patient_answers_by_keys_and_the_saved_file_scores_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &[], 100, 30);
    term.wait_for("Who is filling this in?");
    term.keys(ENTER); // a patient
    term.wait_for("Who are you checking?");
    term.keys("Glow Med Spa");
    term.wait_for("Glow Med Spa");
    term.keys(ENTER);
    term.wait_for("Question 1 of");
    term.keys("1"); // umbilical cord
    term.wait_for("Question 2 of");
    term.keys("1"); // product, maker and lot all named
    term.wait_for("Question 3 of");
    // Back, without losing the answer: the second question shows its choice.
    term.keys("\x1b[D");
    let screen = term.wait_for("Question 2 of");
    assert!(screen.contains("(•) Yes"), "{screen}");
    term.keys(ENTER);
    term.wait_for("Question 3 of");
    term.keys("r"); // the text question: r types, it does not refuse
    term.wait_for("[r");
    term.keys("\x7f"); // Backspace
    enter_until_review(&mut term);
    term.keys(ENTER);
    let screen = term.wait_for("Verdict: ");
    let shown = ["GREEN", "AMBER", "RED"]
        .into_iter()
        .find(|w| screen.contains(&format!("Verdict: {w}")))
        .unwrap_or_else(|| panic!("no verdict in words:\n{screen}"));
    term.keys("q");
    assert!(term.wait_exit());
    let after = term.wait_for("To continue later");
    assert!(after.contains("exovet-glow-med-spa.toml"), "{after}");
    let json = score_json_in(dir.path(), "exovet-glow-med-spa.toml");
    assert_eq!(json["verdict"].as_str().unwrap().to_uppercase(), shown);
}

#[test]
fn resuming_continues_where_it_stopped_and_quitting_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(
        dir.path(),
        &preset("coordinator", "Vendor A", "a.toml"),
        80,
        24,
    );
    term.wait_for("Question 1 of");
    term.keys("1");
    term.wait_for("Question 2 of");
    term.keys("2");
    term.wait_for("Question 3 of");
    term.keys("\x03"); // Ctrl-C
    assert!(term.wait_exit());
    assert_saved(
        dir.path(),
        "a.toml",
        &[
            "\"source.origin\" = \"msc-umbilical-cord\"",
            "\"source.product_named\" = \"brand-only\"",
        ],
    );

    let mut term = Term::start(dir.path(), &["--answers", "a.toml"], 80, 24);
    let screen = term.wait_for("Question 3 of");
    assert!(screen.contains("Vendor A"), "{screen}");
    // Question 3 is a text field, where q types; Escape leaves from anywhere.
    term.keys("\x1b");
    assert!(term.wait_exit());
}

#[test]
fn a_small_window_gets_a_message_and_resizing_brings_the_wizard_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &preset("patient", "S", "s.toml"), 30, 10);
    term.wait_for("too small");
    term.resize(60, 20);
    term.wait_for("Question 1 of");
    term.wait_bottom("after every change");
    term.resize(100, 30);
    term.wait_bottom("after every change");
    let screen = term.contents();
    assert!(
        screen.contains("Asked — they could not or would not answer"),
        "{screen}"
    );
    assert!(!screen.contains("too small"), "{screen}");
    term.wait_highlight("Not asked yet");
    term.keys(DOWN);
    term.wait_highlight("Asked — they could not");
    term.keys("q");
    assert!(term.wait_exit());
}

#[test]
fn keys_record_nothing_while_the_window_is_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &preset("patient", "S", "s.toml"), 30, 10);
    term.wait_for("too small");
    // A number, a refusal and Enter would each record an answer; q still leaves.
    term.keys("4");
    term.keys("r");
    term.keys(ENTER);
    term.keys("q");
    assert!(term.wait_exit());
    let saved = std::fs::read_to_string(dir.path().join("s.toml")).unwrap();
    assert!(!saved.contains("source."), "{saved}");
}

#[test]
fn a_failed_save_is_shown_and_the_answers_can_be_saved_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    // The folder is there at the start (exovet refuses one that is not), then taken away.
    let missing = dir.path().join("missing");
    std::fs::create_dir(&missing).unwrap();
    let mut term = Term::start(
        dir.path(),
        &preset("patient", "U", "missing/u.toml"),
        100,
        30,
    );
    term.wait_for("Question 1 of");
    std::fs::remove_dir_all(&missing).unwrap();
    term.keys("4");
    term.wait_for("Could not save to missing/u.toml: the folder does not exist");
    term.wait_for("Press w to save them to another file");
    term.keys("w");
    term.wait_for("Save your answers to another file");
    // The suggestion is the same file name in the home folder.
    term.keys(ENTER);
    term.wait_for("From now on your answers are saved there");
    assert_saved(dir.path(), "u.toml", &["\"source.origin\" = \"placenta\""]);
    term.keys("q");
    assert!(term.wait_exit());
}

#[test]
fn kill_9_after_an_answer_leaves_a_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &preset("coordinator", "K", "k.toml"), 80, 24);
    term.wait_for("Question 1 of");
    term.keys("3");
    term.wait_for("Question 2 of");
    term.child.kill().unwrap();
    let _ = term.child.wait();
    let json = score_json_in(dir.path(), "k.toml");
    assert_eq!(json["flags"][0]["answer"], "msc-bone-marrow");
}

#[test]
fn a_panic_gives_the_terminal_back_and_keeps_the_saved_answers() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("EXOVET_TEST_PANIC_AFTER_SAVE", "1")];
    let mut term = Term::start_with(dir.path(), &preset("patient", "P", "p.toml"), 80, 24, &env);
    term.wait_for("Question 1 of");
    term.keys("2");
    assert!(!term.wait_exit(), "a panic is not a success");
    let screen = term.wait_for("test panic");
    assert!(
        !screen.contains("Question 1 of"),
        "the wizard's screen is gone:\n{screen}"
    );
    term.assert_given_back();
    assert_saved(
        dir.path(),
        "p.toml",
        &["\"source.origin\" = \"msc-adipose\""],
    );
}

#[test]
fn closing_the_window_ends_exovet_instead_of_leaving_it_spinning() {
    let dir = tempfile::tempdir().unwrap();
    let term = Term::start(dir.path(), &preset("patient", "W", "w.toml"), 80, 24);
    term.wait_for("Question 1 of");
    let mut child = term.hang_up();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("exovet kept running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_pasted_line_break_stays_in_its_field_instead_of_answering() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &preset("patient", "P", "p.toml"), 100, 30);
    term.wait_for("Question 1 of");
    term.keys("1");
    term.wait_for("Question 2 of");
    term.keys("1");
    term.wait_for("Question 3 of");
    // The terminal is asked to mark pastes, so a line break in one is not Enter.
    assert!(term.screen.lock().unwrap().screen().bracketed_paste());
    term.keys("\x1b[200~Brand X\r\nLot 42\x1b[201~");
    let screen = term.wait_for("[Brand X  Lot 42");
    assert!(screen.contains("Question 3 of"), "{screen}");
    term.keys(ENTER);
    term.wait_for("Question 4 of");
    term.keys("q");
    assert!(term.wait_exit());
    assert_saved(
        dir.path(),
        "p.toml",
        &["\"source.product_details\" = \"Brand X  Lot 42\""],
    );
}

/// Issue 21: an HTML summary is not poured onto a terminal (350 lines of markup); exovet
/// says how to write it to a file, as pandoc does, and writes nothing.
#[test]
fn report_will_not_pour_a_page_onto_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::root().join("docs/examples/glow-med-spa.toml");
    let mut term = Term::start(
        dir.path(),
        &["report", "--format", "html", file.to_str().unwrap()],
        100,
        30,
    );
    let screen = term.wait_for("-o summary.html");
    assert!(!term.wait_exit(), "exit 0:\n{screen}");
    assert!(!screen.contains("<!DOCTYPE"), "{screen}");
    assert!(screen.contains("page to open in a browser"), "{screen}");
    // Sent on, it goes where it is sent.
    let piped = crate::run(["report", "--format", "html", file.to_str().unwrap()]);
    assert_eq!(piped.code, Some(0), "{}", piped.stderr);
    assert!(piped.stdout.starts_with("<!DOCTYPE html>"));
}
