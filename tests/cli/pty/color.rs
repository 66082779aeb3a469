//! `--color` on the full screen: `always` colours even under `NO_COLOR`, `never` colours
//! nothing even without it, and `auto` follows `NO_COLOR` (the harness sets it).

use super::preset;
use super::term::Term;

/// The cells of the screen drawn in a colour of their own.
fn coloured_cells(term: &Term) -> usize {
    let parser = term.screen.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let (rows, cols) = (u16::from(rows), u16::from(cols));
    (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c)))
        .filter(|&(r, c)| {
            screen
                .cell(r, c)
                .is_some_and(|cell| cell.fgcolor() != vt100::Color::Default)
        })
        .count()
}

/// Starts the wizard with `color` (or none) and `NO_COLOR` as given, and counts the
/// coloured cells of its first question.
fn first_question(color: Option<&str>, no_color: &str) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let mut args = preset("patient", "C", "c.toml").to_vec();
    if let Some(when) = color {
        args.extend(["--color", when]);
    }
    let mut term = Term::start_with(dir.path(), &args, 100, 30, &[("NO_COLOR", no_color)]);
    // The last line of the frame: the whole frame is drawn.
    term.wait_for("after every change");
    let cells = coloured_cells(&term);
    term.keys("\x1b");
    assert!(term.wait_exit());
    cells
}

#[test]
fn always_colours_under_no_color_and_never_colours_nothing() {
    assert!(
        first_question(Some("always"), "1") > 0,
        "--color always under NO_COLOR=1"
    );
    assert_eq!(
        first_question(Some("never"), ""),
        0,
        "--color never without NO_COLOR"
    );
    assert_eq!(first_question(None, "1"), 0, "auto under NO_COLOR=1");
    assert!(
        first_question(Some("auto"), "") > 0,
        "auto without NO_COLOR"
    );
}
