//! Issue 12's wizard: the name asked once more and changed from the review, a resumed file
//! that goes where work is left (`>` and `v`), addresses wrapped on the verdict, Ctrl-G for
//! help in a text field, and no mouse reports on the verdict so its paths can be selected.

use super::*;
use crate::bank::QuestionId;
use crate::tui::app::Mode;
use crate::tui::app::StartStep;
use crate::ui;

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// A patient's file with every question refused but the 3rd and the 7th; their ids.
fn with_gaps() -> (Session, QuestionId, QuestionId) {
    let mut s = session(Some(Audience::Patient), Some("Glow"));
    let visible = app(&s).run().unwrap().wizard().visible();
    let (third, seventh) = (visible[2], visible[6]);
    for q in visible {
        if q != third && q != seventh {
            s.answers.set(q, Some(Answer::Refused));
        }
    }
    (s, third, seventh)
}

fn subject(app: &App<'_>) -> String {
    app.run().unwrap().wizard().meta().subject.clone()
}

#[test]
fn an_empty_name_is_asked_for_once_more_then_accepted() {
    let s = session(Some(Audience::Patient), None);
    let mut a = app(&s);
    assert_eq!(a.update(Msg::Enter), Effect::None);
    assert!(matches!(&a.mode, Mode::Start(st) if st.step == StartStep::SubjectAgain));
    insta::assert_snapshot!("start_subject_again_80x24", screen(&a, 80, 24));
    // Still typing: a name given now is taken.
    assert_eq!(a.focus(), Focus::Text);
    type_keys(&mut a, "Glow");
    assert_eq!(a.update(Msg::Enter), Effect::Save);
    assert_eq!(subject(&a), "Glow");

    // Enter again on an empty name starts without one.
    let mut a = app(&s);
    send(&mut a, &[Msg::Enter, Msg::Enter]);
    assert_eq!(subject(&a), "");
    assert!(matches!(current(&a), Place::Question(_)));
}

#[test]
fn the_name_is_changed_from_the_review_and_saved_with_the_answers() {
    let s = session(Some(Audience::Patient), None);
    let mut a = app(&s);
    send(&mut a, &[Msg::Enter, Msg::Enter]);
    a.run_mut().unwrap().review();
    assert!(screen(&a, 80, 24).contains(&format!("Vetting: {}", ui::NO_SUBJECT)));
    send(&mut a, &[Msg::Down, Msg::Enter]);
    assert!(matches!(a.overlay, Some(Overlay::Rename { .. })));
    assert_eq!(a.focus(), Focus::Path);
    type_keys(&mut a, "Glow Med Spa");
    insta::assert_snapshot!("rename_80x24", screen(&a, 80, 24));
    assert_eq!(
        press(&mut a, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        Effect::Save
    );
    assert_eq!(a.overlay, None);
    assert_eq!(subject(&a), "Glow Med Spa");
    let run = a.run().unwrap();
    let saved = answers::to_toml(&s.bank, &run.autosave.file(run.wizard()));
    assert!(saved.contains("subject = \"Glow Med Spa\""), "{saved}");
    assert!(screen(&a, 80, 24).contains("Vetting: Glow Med Spa"));
    // Ctrl-Z takes the new name back, and again.
    assert_eq!(press(&mut a, ctrl('z')), Effect::Save);
    assert_eq!(subject(&a), "");
    assert_eq!(current(&a), Place::Review);
    send(&mut a, &[Msg::Enter]);
    type_keys(&mut a, "Glow Med Spa");
    a.update(Msg::Enter);
    // Esc cancels a rename, and an empty name changes nothing.
    send(&mut a, &[Msg::Enter, Msg::Type('x'), Msg::Close]);
    assert_eq!(subject(&a), "Glow Med Spa");
    a.update(Msg::Enter);
    for _ in 0.."Glow Med Spa".len() {
        a.update(Msg::Erase);
    }
    assert_eq!(a.update(Msg::Enter), Effect::None);
    assert_eq!(subject(&a), "Glow Med Spa");
}

#[test]
fn a_number_picks_the_question_of_that_number_on_the_review() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.run_mut().unwrap().review();
    a.update(Msg::Pick(2));
    let second = a.run().unwrap().wizard().visible()[1];
    assert_eq!(current(&a), Place::Question(second));
}

#[test]
fn a_resumed_file_goes_from_gap_to_gap() {
    let (s, third, seventh) = with_gaps();
    let mut a = app(&s);
    assert_eq!(current(&a), Place::Question(third));
    a.update(Msg::Enter);
    assert_eq!(current(&a), Place::Question(seventh));
    // n marks "not asked yet" and goes on: to the review, none being left after.
    a.update(Msg::NotAsked);
    assert_eq!(current(&a), Place::Review);
}

#[test]
fn greater_than_goes_to_the_next_open_question_and_v_to_the_review() {
    let (s, third, seventh) = with_gaps();
    let mut a = app(&s);
    a.update(Msg::NextOpen);
    assert_eq!(current(&a), Place::Question(seventh));
    a.update(Msg::NextOpen);
    assert_eq!(current(&a), Place::Question(third));
    a.update(Msg::Review);
    assert_eq!(current(&a), Place::Review);
    a.update(Msg::NextOpen);
    assert_eq!(current(&a), Place::Question(third));
    // Opened with >, Enter goes on to the next gap, not back to the review.
    a.update(Msg::Enter);
    assert_eq!(current(&a), Place::Question(seventh));
    a.run_mut().unwrap().show_verdict();
    a.update(Msg::NextOpen);
    assert_eq!(current(&a), Place::Question(third));
    // Every question answered: > says so and stays.
    let mut done = session(Some(Audience::Patient), Some("Glow"));
    for q in app(&done).run().unwrap().wizard().visible() {
        done.answers.set(q, Some(Answer::Refused));
    }
    let mut a = app(&done);
    assert_eq!(current(&a), Place::Review);
    a.update(Msg::NextOpen);
    assert_eq!(current(&a), Place::Review);
    assert!(
        status(&a).contains("Every question asked now has an answer"),
        "{}",
        status(&a)
    );
}

#[test]
fn ticks_and_a_number_typed_are_kept_when_jumping_away() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let cost = id(&s.bank, "cost.per_session_usd");
    a.run_mut().unwrap().open(cost);
    type_keys(&mut a, "900");
    press(&mut a, key('v'));
    assert_eq!(current(&a), Place::Review);
    assert_eq!(answer(&a, cost), Some(Answer::Number(900.0)));
}

#[test]
fn ctrl_g_opens_the_help_in_a_text_field_and_closes_it() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.run_mut().unwrap().open(id(&s.bank, "notes"));
    type_keys(&mut a, "ask");
    assert_eq!(a.focus(), Focus::Text);
    press(&mut a, ctrl('g'));
    assert!(matches!(a.overlay, Some(Overlay::Help { .. })));
    press(&mut a, ctrl('g'));
    assert_eq!(a.overlay, None);
    assert_eq!(field(&a).text, "ask");
    assert!(screen(&a, 80, 24).contains("F1 or Ctrl-G why"));
}

#[test]
fn the_verdict_screen_takes_no_mouse_reports_so_its_paths_can_be_selected() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    assert!(a.wants_mouse());
    a.run_mut().unwrap().show_verdict();
    assert!(!a.wants_mouse());
    a.update(Msg::Back);
    assert!(a.wants_mouse());
}

#[test]
fn leaving_after_saving_a_summary_prints_where_it_is() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let a = app(&s);
    let run = a.run().unwrap();
    let mut out = Vec::new();
    crate::tui::term::Farewell::of(&run.leaving_copy())
        .with_summary(Some(PathBuf::from("answers.summary.html")))
        .print(&mut out);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.ends_with(
            "Summary saved to answers.summary.html (open it in a browser to print) and answers.summary.txt.\n"
        ),
        "{out}"
    );
}

/// The web addresses of the built-in bank.
fn addresses() -> Vec<&'static str> {
    include_str!("../../../questions.toml")
        .split(['"', ' ', '\n', '<', '>'])
        .filter(|w| w.starts_with("https://"))
        .collect()
}

/// Every question refused: many flags and many sources. Each address on the verdict at 44
/// columns is whole or cut at the edge with "…", never broken onto the next line (issue 21;
/// it was broken, by design, before), and no line is wider than the body.
#[test]
fn long_addresses_on_the_verdict_are_whole_or_cut_never_broken() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    while let Place::Question(_) = current(&a) {
        a.update(Msg::Refused);
        a.update(Msg::Enter);
    }
    a.run_mut().unwrap().show_verdict();
    let (width, height) = (44, 2000);
    let shown = screen(&a, width, height);
    assert!(
        shown
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= usize::from(width))
    );
    let rows: Vec<String> = shown.lines().map(str::to_owned).collect();
    assert!(super::whole_or_cut(&rows, &addresses(), width) > 5);
    assert!(
        shown.contains('…'),
        "no address longer than a line:\n{shown}"
    );
    // The lines kept for scrolling are the ones shown: none wider than the body.
    let run = a.run().unwrap();
    let kept = run.verdict_lines.borrow();
    let body = usize::from(width) - 2;
    assert!(
        kept.as_ref()
            .unwrap()
            .lines
            .iter()
            .all(|l| l.width() <= body)
    );
}
