//! Issue 19's safe field editing in a real terminal: Backspace on an empty field never leaves
//! it (so the digits typed next never answer an earlier question), Ctrl-U clears, and a range
//! typed in the price field gets a hint instead of becoming one number.

use std::fmt::Write as _;
use std::path::Path;

use exovet::bank::{Audience, Kind};

use super::ENTER;
use super::term::Term;

const BACKSPACE: &str = "\x7f";
const CTRL_U: &str = "\x15";
const ESC: &str = "\x1b";

const META: &str = "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"patient\"\nsubject = \"Glow\"\n\n[answers]\n";

/// The `[answers]` lines of the file in `dir`, in order.
fn answer_lines(dir: &Path, file: &str) -> Vec<String> {
    let saved = std::fs::read_to_string(dir.join(file)).unwrap();
    saved
        .split("[answers]")
        .nth(1)
        .unwrap_or_else(|| panic!("no answers in {file}:\n{saved}"))
        .lines()
        .filter(|l| l.starts_with('"'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn backspace_on_an_empty_field_stays_and_what_is_typed_next_lands_there() {
    let dir = tempfile::tempdir().unwrap();
    // Answered: where the exosomes come from (plants) and how the product is named; the
    // product details, a text field, are next.
    let earlier = [
        "\"source.origin\" = \"plant\"",
        "\"source.product_named\" = \"brand-only\"",
    ];
    std::fs::write(
        dir.path().join("a.toml"),
        format!("{META}{}\n", earlier.join("\n")),
    )
    .unwrap();
    let mut term = Term::start(dir.path(), &["--answers", "a.toml"], 120, 30);
    term.wait_for("Question 3 of");
    // Backspace three times on the empty field: before, each went back a question, and the
    // 1 of "12" then chose umbilical cord where plants were answered.
    for _ in 0..3 {
        term.keys(BACKSPACE);
    }
    term.keys("12");
    let screen = term.wait_for("[12▏");
    assert!(screen.contains("Question 3 of"), "{screen}");
    // Ctrl-U clears the field (before, it did nothing and the next letters were appended).
    term.keys(CTRL_U);
    term.wait_for("[▏");
    term.keys("Lot 7");
    term.wait_for("[Lot 7▏");
    term.keys(ESC);
    assert!(term.wait_exit());
    let mut expected: Vec<String> = earlier.iter().map(|l| (*l).to_owned()).collect();
    expected.push("\"source.product_details\" = \"Lot 7\"".to_owned());
    assert_eq!(answer_lines(dir.path(), "a.toml"), expected);
}

/// A file with every patient question answered but the price, so the wizard opens on it.
fn all_but_the_price() -> String {
    let bank = exovet::bank::load_builtin();
    let mut text = META.to_owned();
    for id in bank.ids() {
        let q = bank.question(id);
        if q.id == "cost.per_session_usd" || !q.reach.includes(Audience::Patient) {
            continue;
        }
        let value = match &q.kind {
            Kind::Single(c) => format!("\"{}\"", c[0].id),
            Kind::Multiple(c) => format!("[\"{}\"]", c[0].id),
            Kind::Number(n) => format!("{}", n.min),
            Kind::Text => "\"x\"".to_owned(),
        };
        writeln!(text, "\"{}\" = {value}", q.id).unwrap();
    }
    text
}

#[test]
fn a_range_typed_in_the_price_field_gets_a_hint_and_is_never_one_number() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), all_but_the_price()).unwrap();
    let mut term = Term::start(dir.path(), &["--answers", "p.toml"], 160, 30);
    term.wait_for("What is the price of one session");
    term.keys("$450-600");
    let screen = term.wait_for("For a range, type the price you will pay.");
    assert!(screen.contains("One number, like 500."), "{screen}");
    assert!(screen.contains("[$450▏"), "{screen}");
    assert!(!screen.contains("450600"), "{screen}");
    // Enter records nothing while the range is there; corrected, the price is taken.
    term.keys(ENTER);
    term.keys(CTRL_U);
    term.wait_for("[▏");
    term.keys("500");
    term.wait_for("[500▏");
    term.keys(ENTER);
    term.wait_for("Show the verdict");
    term.keys(ESC);
    assert!(term.wait_exit());
    let lines = answer_lines(dir.path(), "p.toml");
    assert!(
        lines.contains(&"\"cost.per_session_usd\" = 500".to_owned()),
        "{lines:?}"
    );
}

/// Issue 21: the terminal's cursor sits at the caret of the field being typed in, so an
/// input method's pre-edit (Korean here) shows where the text goes, wide characters and
/// all; where nothing is typed in, it is hidden.
#[test]
fn the_terminal_cursor_sits_at_the_caret_with_wide_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = super::term::Term::start(dir.path(), &["--audience", "patient"], 100, 30);
    term.wait_for("▏");
    term.keys("김민준 클리닉");
    term.wait_for("김민준 클리닉▏");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (at, shown) = term.cursor();
        let caret = term.find("▏");
        if shown && Some(at) == caret {
            // Three wide syllables, a space, three more: 13 columns before the caret.
            let name = term.find("김").unwrap();
            assert_eq!(at.1 - name.1, 13, "{at:?} {name:?}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "cursor at {at:?} (shown: {shown}), caret at {caret:?}:\n{}",
            term.contents()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // On a list of answers nothing is typed: the cursor is hidden.
    term.keys("\r");
    term.wait_for("Question 1 of");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while term.cursor().1 {
        assert!(
            std::time::Instant::now() < deadline,
            "the cursor stays shown on a list"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    term.keys("q");
    term.wait_exit();
}
