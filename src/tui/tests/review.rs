//! The review (jumping to a question, the answers kept but not counted) and the verdict
//! screen (said in words, made again when an answer changes, the bank's review date).

use super::*;

#[test]
fn the_verdict_screen_says_the_verdict_in_words() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.update(Msg::Refused); // source.origin refused: a critical red on a key question
    a.run_mut().unwrap().show_verdict();
    assert!(screen(&a, 80, 24).contains("Verdict: RED"));
}

#[test]
fn review_jump_changes_an_answer_and_returns() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.update(Msg::Pick(1));
    a.run_mut().unwrap().review();
    // Past the verdict and the name, to the first question.
    send(&mut a, &[Msg::Down, Msg::Down, Msg::Enter]);
    assert_eq!(current(&a), Place::Question(id(&s.bank, "source.origin")));
    a.update(Msg::Pick(7));
    assert_eq!(current(&a), Place::Review);
    assert_eq!(
        a.run()
            .unwrap()
            .wizard()
            .answer(id(&s.bank, "source.origin")),
        Some(&Answer::Choice(6))
    );
}

#[test]
fn the_review_lists_answers_kept_but_not_counted_and_enter_clears_one() {
    let mut s = session(Some(Audience::Patient), Some("Glow"));
    // A coordinator's question, answered red in the file: kept, not counted, no green.
    let separation = id(&s.bank, "manufacturing.separation");
    let undisclosed = s
        .bank
        .question(separation)
        .choice_index("undisclosed")
        .unwrap();
    s.answers.set(separation, Some(Answer::Choice(undisclosed)));
    let mut a = app(&s);
    a.run_mut().unwrap().review();
    // The kept answer is the last row of the review.
    a.update(Msg::End);
    let text = screen(&a, 100, 40);
    assert!(text.contains("Kept but not counted"), "{text}");
    assert!(text.contains("✕ ✖ RED:"), "{text}");
    assert!(
        !a.run().unwrap().wizard().verdict().not_counted.is_empty(),
        "the red answer is listed as not counted"
    );
    assert_eq!(a.update(Msg::Enter), Effect::Save);
    let run = a.run().unwrap();
    assert_eq!(run.wizard().answer(separation), None);
    assert!(run.wizard().verdict().not_counted.is_empty());
    assert_eq!(current(&a), Place::Review);
    a.update(Msg::End);
    assert!(!screen(&a, 100, 40).contains("Kept but not counted"));
}

#[test]
fn after_review_by_the_start_and_the_verdict_say_the_bank_is_due_for_review() {
    let mut s = session(None, None);
    assert!(!screen(&app(&s), 80, 30).contains("due for review"));
    s.today = "2027-07-01".to_owned();
    assert!(screen(&app(&s), 80, 30).contains("due for review"));
    s.audience = Some(Audience::Patient);
    s.subject = Some("Glow".to_owned());
    let mut a = app(&s);
    a.run_mut().unwrap().show_verdict();
    assert!(screen(&a, 80, 60).contains("due for review"));
}

#[test]
fn the_verdict_screen_is_made_again_when_an_answer_changes() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.run_mut().unwrap().show_verdict();
    assert!(screen(&a, 80, 30).contains("Verdict: AMBER"));
    // Scrolling keeps the lines; an answer that makes it red must show at once.
    a.update(Msg::Down);
    a.update(Msg::Home);
    a.run_mut().unwrap().review();
    // Past the verdict and the name, to the first question.
    send(&mut a, &[Msg::Down, Msg::Down, Msg::Enter]);
    let cancer = s
        .bank
        .question(id(&s.bank, "source.origin"))
        .kind
        .choices()
        .len();
    a.update(Msg::Pick(cancer));
    a.run_mut().unwrap().show_verdict();
    assert!(
        screen(&a, 80, 30).contains("Verdict: RED"),
        "{}",
        screen(&a, 80, 30)
    );
}

/// Issue 21: on a wide terminal the body's text keeps to about 100 columns.
#[test]
fn on_a_wide_terminal_the_text_keeps_to_a_readable_width() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.update(Msg::Refused);
    a.run_mut().unwrap().show_verdict();
    let shown = screen(&a, 200, 40);
    let body = crate::tui::view::READING_WIDTH as usize + 2;
    for line in shown.lines().filter(|l| !l.starts_with('─')) {
        assert!(
            unicode_width::UnicodeWidthStr::width(line.trim_end()) <= body,
            "{line:?}"
        );
    }
    assert!(shown.contains("Verdict: RED"));
}

/// Tried as a patient at 100 columns: the message after saving the summary broke its path
/// after a `/` ("/tmp/⏎nu/…"). Lines break at spaces only; a path goes whole to the next.
#[test]
fn a_message_never_breaks_a_path_inside_it() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let path = std::path::Path::new("/tmp/nu/exovet-lumiere-spa.summary.html");
    a.status = Some(Status::Done(crate::ui::summary_saved(path)));
    let shown = screen(&a, 100, 30);
    assert!(
        shown.contains("/tmp/nu/exovet-lumiere-spa.summary.html"),
        "{shown}"
    );
    assert!(
        shown.contains("/tmp/nu/exovet-lumiere-spa.summary.txt"),
        "{shown}"
    );
}
