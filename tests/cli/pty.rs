//! The real binary in a pseudo-terminal: keys typed as a person would, the screen read back, the saved file scored.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use crate::exovet;

/// A running exovet in a pseudo-terminal, with a screen emulator fed from its output.
struct Term {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Term {
    fn start(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_exovet"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env_remove("ACCESSIBLE");
        // Where "save elsewhere" suggests saving.
        cmd.env("HOME", dir);
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => feed.lock().unwrap().process(&buf[..n]),
                    // A signal to this test process is no reason to stop reading.
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
        Self {
            screen,
            writer,
            child,
            master: pty.master,
        }
    }

    /// Resizes the terminal, as dragging the window's corner does.
    fn resize(&mut self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; a generous bound, not a timing check.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.contents();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the bottom row shows `text`: proof of a frame drawn at the current size.
    fn wait_bottom(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.contents();
            if screen.lines().last().is_some_and(|l| l.contains(text)) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the bottom row never showed {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The text of the row drawn in reverse video: where the cursor is.
    fn highlighted(&self) -> Option<String> {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (u16::from(rows), u16::from(cols));
        (0..rows).find_map(|row| {
            let inverse = screen.cell(row, 4).is_some_and(vt100::Cell::inverse);
            inverse.then(|| screen.contents_between(row, 0, row, cols).trim().to_owned())
        })
    }

    /// Waits until the cursor row shows `text`.
    fn wait_highlight(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.highlighted().is_some_and(|h| h.contains(text)) {
            assert!(
                Instant::now() < deadline,
                "the cursor never reached {text:?}: {:?}",
                self.highlighted()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            if Instant::now() >= deadline {
                // Where the process waits says whether it is stuck or never got the key.
                let pid = self.child.process_id().unwrap_or(0);
                let wchan =
                    std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
                panic!(
                    "exovet did not exit (waiting in {wchan:?}); screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";

fn verdict_of(dir: &Path, file: &str) -> String {
    let out = exovet()
        .current_dir(dir)
        .args(["score", "--format", "json", file])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["verdict"].as_str().unwrap().to_uppercase()
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
    assert_eq!(verdict_of(dir.path(), "exovet-glow-med-spa.toml"), shown);
}

#[test]
fn resuming_continues_where_it_stopped_and_quitting_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--audience",
        "coordinator",
        "--subject",
        "Vendor A",
        "--answers",
        "a.toml",
    ];
    let mut term = Term::start(dir.path(), &args, 80, 24);
    term.wait_for("Question 1 of");
    term.keys("1");
    term.wait_for("Question 2 of");
    term.keys("2");
    term.wait_for("Question 3 of");
    term.keys("\x03"); // Ctrl-C
    assert!(term.wait_exit());
    let saved = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
    assert!(
        saved.contains("\"source.origin\" = \"msc-umbilical-cord\""),
        "{saved}"
    );
    assert!(
        saved.contains("\"source.product_named\" = \"brand-only\""),
        "{saved}"
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
    let args = [
        "--audience",
        "patient",
        "--subject",
        "S",
        "--answers",
        "s.toml",
    ];
    let mut term = Term::start(dir.path(), &args, 30, 10);
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
fn sigterm_saves_what_was_typed_and_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--audience",
        "patient",
        "--subject",
        "T",
        "--answers",
        "t.toml",
    ];
    let mut term = Term::start(dir.path(), &args, 80, 24);
    term.wait_for("Question 1 of");
    term.keys("1");
    term.wait_for("Question 2 of");
    term.keys("1");
    term.wait_for("Question 3 of");
    term.keys("Lot 42");
    term.wait_for("[Lot 42");
    let pid = term.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(term.wait_exit());
    term.wait_for("To continue later");
    let saved = std::fs::read_to_string(dir.path().join("t.toml")).unwrap();
    assert!(
        saved.contains("\"source.product_details\" = \"Lot 42\""),
        "{saved}"
    );
}

#[test]
fn a_failed_save_is_shown_and_the_answers_can_be_saved_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--audience",
        "patient",
        "--subject",
        "U",
        "--answers",
        "missing/u.toml",
    ];
    let mut term = Term::start(dir.path(), &args, 100, 30);
    term.wait_for("Question 1 of");
    term.keys("4");
    term.wait_for("Could not save to missing/u.toml: the folder does not exist");
    term.wait_for("Press w to save them to another file");
    term.keys("w");
    term.wait_for("Save your answers to another file");
    // The suggestion is the same file name in the home folder.
    term.keys(ENTER);
    term.wait_for("From now on your answers are saved there");
    let saved = std::fs::read_to_string(dir.path().join("u.toml")).unwrap();
    assert!(
        saved.contains("\"source.origin\" = \"placenta\""),
        "{saved}"
    );
    term.keys("q");
    assert!(term.wait_exit());
}
