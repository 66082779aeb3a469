//! Leaving while the answers cannot be saved: asked first, `w` offered, and the answers
//! printed to copy when the person leaves anyway.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::term::Farewell;
use super::*;

const FAILED: &str = "Could not save to answers.toml: the folder does not exist. Your answers are kept while exovet is open.";

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// The app after q, when the save that leaving makes has failed.
fn asked_to_leave(s: &Session) -> App<'_> {
    let mut a = app(s);
    a.update(Msg::Pick(4));
    assert_eq!(press(&mut a, key('q')), Effect::Leave);
    // What the event loop does when that save fails.
    a.run_mut().unwrap().autosave.last_error = Some(FAILED.to_owned());
    a.cannot_leave();
    a
}

#[test]
fn leaving_while_saving_fails_asks_first() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = asked_to_leave(&s);
    assert_eq!(a.overlay, Some(Overlay::Unsaved));
    insta::assert_snapshot!("unsaved_80x24", screen(&a, 80, 24));
    // Any other key goes back to the questions.
    assert_eq!(press(&mut a, key('x')), Effect::None);
    assert_eq!(a.overlay, None);
    // q there again leaves anyway.
    let mut a = asked_to_leave(&s);
    assert_eq!(press(&mut a, key('q')), Effect::LeaveUnsaved);
    let mut a = asked_to_leave(&s);
    assert_eq!(
        press(&mut a, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        Effect::LeaveUnsaved
    );
}

#[test]
fn w_saves_elsewhere_then_leaves_and_escape_asks_again() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = asked_to_leave(&s);
    press(&mut a, key('w'));
    assert!(matches!(
        a.overlay,
        Some(Overlay::SaveAs {
            then_leave: true,
            ..
        })
    ));
    // Escape goes back to the question it came from, not to the questions.
    press(&mut a, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(a.overlay, Some(Overlay::Unsaved));
    press(&mut a, key('w'));
    let effect = press(&mut a, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(
        matches!(
            effect,
            Effect::SaveTo {
                then_leave: true,
                ..
            }
        ),
        "{effect:?}"
    );
}

#[test]
fn the_farewell_prints_the_answers_when_they_could_not_be_saved() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let a = asked_to_leave(&s);
    let run = a.run().unwrap();
    let farewell = Farewell::of(&run.leaving_copy());
    let mut out = Vec::new();
    farewell.print(&mut out);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with("Could not save to answers.toml: the folder does not exist.\n"),
        "{out}"
    );
    assert!(!out.contains("kept while exovet is open"), "{out}");
    assert!(out.contains(crate::ui::NOT_SAVED), "{out}");
    assert!(out.contains("\"source.origin\" = \"placenta\""), "{out}");
    assert!(!out.contains("To continue later"), "{out}");
}

#[test]
fn the_farewell_says_where_the_answers_are_and_how_to_continue() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let a = app(&s);
    let run = a.run().unwrap();
    let mut out = Vec::new();
    Farewell::of(&run.leaving_copy()).print(&mut out);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "Answers are saved to answers.toml.\nTo continue later: exovet --answers answers.toml\n"
    );
}

/// The screen's words on one line, however they wrap.
fn words(app: &App<'_>, width: u16, height: u16) -> String {
    screen(app, width, height)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_window_too_small_says_the_answers_are_not_saved_and_q_twice_leaves() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    assert!(words(&a, 30, 10).contains("Your answers are saved."));
    a.resize(30, 10);
    a.update(Msg::Quit);
    a.run_mut().unwrap().autosave.last_error = Some(FAILED.to_owned());
    assert!(words(&a, 30, 10).contains("Your answers are not saved"));
    a.cannot_leave();
    let text = words(&a, 30, 10);
    assert!(text.contains("press q to leave anyway"), "{text}");
    assert_eq!(press(&mut a, key('q')), Effect::LeaveUnsaved);
}

#[test]
fn w_opens_save_elsewhere_and_escape_only_closes_it() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.update(Msg::SaveAs);
    assert!(matches!(a.overlay, Some(Overlay::SaveAs { .. })));
    assert_eq!(a.focus(), Focus::Path, "the path takes every key");
    assert_eq!(
        press(&mut a, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        Effect::None
    );
    assert_eq!(a.overlay, None);
    a.update(Msg::SaveAs);
    let Some(Overlay::SaveAs {
        path: suggested, ..
    }) = a.overlay.clone()
    else {
        panic!("no prompt")
    };
    for _ in 0..suggested.chars().count() {
        a.update(Msg::Erase);
    }
    typed(&mut a, "/tmp/elsewhere.toml");
    assert!(screen(&a, 80, 24).contains("Save your answers to another file"));
    assert_eq!(
        a.update(Msg::Enter),
        Effect::SaveTo {
            path: PathBuf::from("/tmp/elsewhere.toml"),
            then_leave: false
        }
    );
}

#[test]
fn a_number_that_cannot_be_saved_is_named_when_exovet_closes() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let cost = id(&s.bank, "cost.per_session_usd");
    a.run_mut().unwrap().open(cost);
    typed(&mut a, "250000");
    let run = a.run().unwrap();
    let mut out = Vec::new();
    Farewell::of(&run.leaving_copy()).print(&mut out);
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("Not saved: “250000”, typed for “"), "{out}");
    assert!(out.contains("outside"), "{out}");
    assert!(out.contains("To continue later"), "{out}");
}
