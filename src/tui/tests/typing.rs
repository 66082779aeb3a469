//! Typing never loses text: reserved answers ask before they clear a field, letters typed
//! on a list go nowhere, clicks do what they show, Ctrl-Z takes the last change back, and a
//! window too small to show the question takes no answer.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::app::FieldFocus;
use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl_z(app: &mut App<'_>) -> Effect {
    press(
        app,
        KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
    )
}

#[test]
fn down_down_enter_on_a_note_does_not_erase_it() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let notes = id(&s.bank, "notes");
    a.run_mut().unwrap().open(notes);
    typed(&mut a, "Call the lab");
    a.update(Msg::Enter);
    a.run_mut().unwrap().open(notes);
    send(&mut a, &[Msg::Down, Msg::Down, Msg::Enter]);
    assert_eq!(answer(&a, notes), Some(Answer::Text("Call the lab".into())));
    assert_eq!(field(&a).text, "Call the lab");
    assert!(status(&a).contains("clears the text"), "{}", status(&a));
    // Chosen again right after, it clears the note; Ctrl-Z brings the note back.
    assert_eq!(a.update(Msg::Enter), Effect::Save);
    assert_eq!(answer(&a, notes), None);
    assert!(
        status(&a).contains("Ctrl-Z brings it back"),
        "{}",
        status(&a)
    );
    assert_eq!(ctrl_z(&mut a), Effect::Save);
    assert_eq!(current(&a), Place::Question(notes));
    assert_eq!(answer(&a, notes), Some(Answer::Text("Call the lab".into())));
    assert_eq!(field(&a).text, "Call the lab");
    assert_eq!(field(&a).focus, FieldFocus::Text);
}

#[test]
fn notes_offer_no_refusal() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let notes = id(&s.bank, "notes");
    a.run_mut().unwrap().open(notes);
    assert_eq!(field(&a).reserved, [crate::answers::Item::NotAsked]);
    a.update(Msg::Refused);
    assert_eq!(answer(&a, notes), None);
    assert!(status(&a).contains("no refusal"), "{}", status(&a));
}

#[test]
fn a_sentence_typed_on_a_choice_question_records_nothing_and_goes_nowhere() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let origin = id(&s.bank, "source.origin");
    // r would refuse, n mark not asked, 2 pick an answer, Enter go on.
    type_keys(&mut a, "red flags in 2 brochures, none named");
    press(&mut a, key(KeyCode::Enter));
    assert_eq!(current(&a), Place::Question(origin));
    assert_eq!(
        answer(&a, origin),
        None,
        "the r that began the sentence is undone"
    );
    assert_eq!(
        a.run().unwrap().wizard().file().answers.answered().count(),
        0
    );
    assert!(status(&a).contains("takes a choice"), "{}", status(&a));
    // A key that moves ends it: the list works again.
    press(&mut a, key(KeyCode::Down));
    assert_eq!(a.focus(), Focus::List);
    assert_eq!(
        choice(&a).cursor,
        1 + choice(&a)
            .items
            .iter()
            .position(|i| *i == crate::answers::Item::NotAsked)
            .unwrap()
    );
    press(&mut a, key(KeyCode::Char('1')));
    assert_eq!(answer(&a, origin), Some(Answer::Choice(0)));
}

#[test]
fn words_typed_in_a_number_field_never_clear_the_number() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let cost = id(&s.bank, "cost.per_session_usd");
    a.run_mut().unwrap().open(cost);
    // Letters cannot be typed here, so n and r are commands: "dollars" holds an r.
    type_keys(&mut a, "about 900 dollars");
    assert_eq!(answer(&a, cost), None);
    assert_eq!(field(&a).text.trim(), "900");
    // Enter shows the number alone to confirm ("900 dollars" is 900, "3.5k" is not 3.5).
    press(&mut a, key(KeyCode::Enter));
    assert_eq!(answer(&a, cost), None);
    press(&mut a, key(KeyCode::Enter));
    assert_eq!(answer(&a, cost), Some(Answer::Number(900.0)));
}

#[test]
fn clicking_refused_from_the_field_records_refused() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let details = id(&s.bank, "source.product_details");
    a.run_mut().unwrap().open(details);
    // Row 0 is the field, then "not asked yet", then "refused".
    assert_eq!(a.update(Msg::Click(2)), Effect::Save);
    assert_eq!(answer(&a, details), Some(Answer::Refused));
}

#[test]
fn clicking_refused_with_text_typed_asks_first_and_undo_brings_the_text_back() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let details = id(&s.bank, "source.product_details");
    a.run_mut().unwrap().open(details);
    typed(&mut a, "Brand X");
    a.update(Msg::Click(2));
    assert_eq!(answer(&a, details), None);
    assert_eq!(field(&a).text, "Brand X");
    a.update(Msg::Click(2));
    assert_eq!(answer(&a, details), Some(Answer::Refused));
    ctrl_z(&mut a);
    assert_eq!(answer(&a, details), None);
    assert_eq!(current(&a), Place::Question(details));
    assert_eq!(field(&a).text, "Brand X");
}

#[test]
fn clicking_the_field_while_the_list_has_focus_only_focuses_it() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let details = id(&s.bank, "source.product_details");
    a.run_mut().unwrap().open(details);
    a.update(Msg::Click(2));
    a.run_mut().unwrap().open(details);
    assert_eq!(field(&a).focus, FieldFocus::Reserved(1));
    assert_eq!(a.update(Msg::Click(0)), Effect::None);
    assert_eq!(field(&a).focus, FieldFocus::Text);
    assert_eq!(answer(&a, details), Some(Answer::Refused));
}

#[test]
fn ctrl_z_takes_back_changes_one_at_a_time() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let origin = id(&s.bank, "source.origin");
    let named = id(&s.bank, "source.product_named");
    a.update(Msg::Pick(4));
    a.update(Msg::Pick(1));
    assert_eq!(ctrl_z(&mut a), Effect::Save);
    assert_eq!(current(&a), Place::Question(named));
    assert_eq!(answer(&a, named), None);
    assert_eq!(answer(&a, origin), Some(Answer::Choice(3)));
    assert_eq!(ctrl_z(&mut a), Effect::Save);
    assert_eq!(current(&a), Place::Question(origin));
    assert_eq!(answer(&a, origin), None);
    assert_eq!(ctrl_z(&mut a), Effect::None);
    assert!(status(&a).contains("nothing to undo"), "{}", status(&a));
}

#[test]
fn ctrl_z_brings_back_a_kept_answer_cleared_on_the_review() {
    let mut s = session(Some(Audience::Patient), Some("Glow"));
    let separation = id(&s.bank, "manufacturing.separation");
    s.answers.set(separation, Some(Answer::Choice(0)));
    let mut a = app(&s);
    a.run_mut().unwrap().review();
    a.update(Msg::End);
    assert_eq!(a.update(Msg::NotAsked), Effect::Save);
    assert_eq!(answer(&a, separation), None);
    assert_eq!(ctrl_z(&mut a), Effect::Save);
    assert_eq!(answer(&a, separation), Some(Answer::Choice(0)));
    assert_eq!(current(&a), Place::Review);
}

#[test]
fn a_number_that_cannot_be_saved_stops_going_back_instead_of_vanishing() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let cost = id(&s.bank, "cost.per_session_usd");
    a.run_mut().unwrap().open(cost);
    typed(&mut a, "250000");
    a.update(Msg::Previous);
    assert_eq!(current(&a), Place::Question(cost));
    assert_eq!(field(&a).text, "250000");
    assert!(status(&a).contains("outside"), "{}", status(&a));
}

#[test]
fn keys_record_nothing_while_the_window_is_too_small() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let origin = id(&s.bank, "source.origin");
    a.resize(30, 10);
    assert_eq!(a.focus(), Focus::TooSmall);
    for code in [
        KeyCode::Char('4'),
        KeyCode::Char('r'),
        KeyCode::Char('n'),
        KeyCode::Enter,
        KeyCode::Down,
    ] {
        assert_eq!(press(&mut a, key(code)), Effect::None);
    }
    // Clicks and messages from anywhere else are refused as well.
    assert_eq!(a.update(Msg::Click(0)), Effect::None);
    assert_eq!(a.update(Msg::Pick(1)), Effect::None);
    assert_eq!(answer(&a, origin), None);
    assert_eq!(current(&a), Place::Question(origin));
    assert_eq!(press(&mut a, key(KeyCode::Char('q'))), Effect::Leave);
    a.resize(80, 24);
    assert_eq!(a.focus(), Focus::List);
    assert_eq!(press(&mut a, key(KeyCode::Char('4'))), Effect::Save);
}

#[test]
fn ticks_not_yet_entered_are_kept_on_leaving_and_going_back() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let route = id(&s.bank, "delivery.route");
    a.run_mut().unwrap().open(route);
    send(&mut a, &[Msg::Pick(1), Msg::Pick(3)]);
    assert_eq!(a.update(Msg::Back), Effect::Save);
    assert_eq!(answer(&a, route), Some(Answer::Choices(vec![0, 2])));
    a.run_mut().unwrap().open(route);
    a.update(Msg::Pick(2));
    assert_eq!(a.update(Msg::Quit), Effect::Leave);
    assert_eq!(answer(&a, route), Some(Answer::Choices(vec![0, 1, 2])));
}

#[test]
fn leaving_with_a_number_that_cannot_be_saved_asks_first() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let cost = id(&s.bank, "cost.per_session_usd");
    a.run_mut().unwrap().open(cost);
    typed(&mut a, "250000");
    assert_eq!(press(&mut a, key(KeyCode::Char('q'))), Effect::None);
    assert!(status(&a).contains("outside"), "{}", status(&a));
    assert!(status(&a).contains("again"), "{}", status(&a));
    assert_eq!(field(&a).text, "250000");
    // Asked, q again leaves without it.
    assert_eq!(press(&mut a, key(KeyCode::Char('q'))), Effect::Leave);
}

#[test]
fn undoing_an_emptied_field_shows_the_answer_it_had() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let details = id(&s.bank, "source.product_details");
    a.run_mut().unwrap().open(details);
    typed(&mut a, "Lot 7");
    a.update(Msg::Enter);
    a.run_mut().unwrap().open(details);
    for _ in 0.."Lot 7".len() {
        a.update(Msg::Erase);
    }
    a.update(Msg::Enter);
    assert_eq!(answer(&a, details), None);
    ctrl_z(&mut a);
    assert_eq!(answer(&a, details), Some(Answer::Text("Lot 7".into())));
    assert_eq!(field(&a).text, "Lot 7");
}

#[test]
fn a_word_typed_after_an_n_that_changed_nothing_undoes_nothing_else() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let origin = id(&s.bank, "source.origin");
    let donor = id(&s.bank, "source.donor_screening");
    let supply = id(&s.bank, "source.supply_chain");
    a.update(Msg::Pick(4));
    // The product named: Enter leaves it not asked; the details: Enter on the empty field.
    send(&mut a, &[Msg::Enter, Msg::Enter]);
    assert_eq!(current(&a), Place::Question(donor));
    // "no idea" on a question not asked yet: n marks what is already so and goes on, and
    // the rest lands on the next choice list, where letters do nothing.
    type_keys(&mut a, "no idea");
    assert_eq!(current(&a), Place::Question(supply));
    assert_eq!(answer(&a, origin), Some(Answer::Choice(3)));
    assert_eq!(answer(&a, donor), None);
    assert_eq!(answer(&a, supply), None);
}

#[test]
fn a_word_typed_after_an_n_that_went_on_is_taken_back() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let origin = id(&s.bank, "source.origin");
    a.update(Msg::Pick(4));
    a.update(Msg::Back);
    assert_eq!(current(&a), Place::Question(origin));
    // "none": the n clears the answer and goes on; the o shows it was a word.
    type_keys(&mut a, "no");
    assert_eq!(current(&a), Place::Question(origin));
    assert_eq!(answer(&a, origin), Some(Answer::Choice(3)));
    assert!(
        status(&a).contains("sentence typed by mistake"),
        "{}",
        status(&a)
    );
}

#[test]
fn a_paste_longer_than_an_answer_keeps_is_cut_on_screen_and_says_so() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let details = id(&s.bank, "source.product_details");
    a.run_mut().unwrap().open(details);
    let limit = crate::limits::MAX_TEXT_ANSWER_BYTES;
    typed(&mut a, &"é".repeat(limit));
    let text = field(&a).text.clone();
    assert!(
        text.len() <= limit && text.len() > limit - 2,
        "{}",
        text.len()
    );
    assert!(
        status(&a).contains("as long as exovet keeps"),
        "{}",
        status(&a)
    );
    a.update(Msg::Enter);
    assert_eq!(answer(&a, details), Some(Answer::Text(text)));
}

/// The patient's answers up to `last`, each refused (so a route or a source shows nothing
/// that depends on it), and `last` answered with its option `option`.
fn answered_up_to(s: &mut crate::session::Session, last: &str, option: &str) {
    let last = s.bank.find(last).unwrap();
    let ids: Vec<_> = s.bank.ids().take_while(|q| *q < last).collect();
    for q in ids {
        let question = s.bank.question(q);
        if question.reach.includes(Audience::Patient) && question.allow_refused {
            s.answers.set(q, Some(Answer::Refused));
        }
    }
    let i = s.bank.question(last).choice_index(option).unwrap();
    s.answers.set(last, Some(Answer::Choice(i)));
}

/// "no, 900" typed on a question answered red, whose next question is the price: the n
/// would clear the red and go on, the rest land in the price. The answer stays.
#[test]
fn a_sentence_beginning_with_n_never_clears_an_answer() {
    let mut s = session(Some(Audience::Patient), Some("Glow"));
    answered_up_to(&mut s, "regulatory.study", "pay-or-no-ind");
    let study = id(&s.bank, "regulatory.study");
    let cost = id(&s.bank, "cost.per_session_usd");
    let mut a = app(&s);
    assert_eq!(current(&a), Place::Question(cost));
    a.update(Msg::Back);
    assert_eq!(current(&a), Place::Question(study));
    type_keys(&mut a, "no, 900");
    assert_eq!(current(&a), Place::Question(study), "{}", status(&a));
    assert_eq!(
        answer(&a, study),
        Some(Answer::Choice(2)),
        "the red answer is still there"
    );
    assert_eq!(answer(&a, cost), None);
}

/// "1 lot number missing" on the question whose answer 1 is green: the 1 would answer it
/// and go on, the rest land in the next field.
#[test]
fn a_sentence_beginning_with_a_digit_answers_nothing() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let named = id(&s.bank, "source.product_named");
    let details = id(&s.bank, "source.product_details");
    let mut a = app(&s);
    a.update(Msg::Enter);
    assert_eq!(current(&a), Place::Question(named));
    type_keys(&mut a, "1 lot number missing, brand only");
    assert_eq!(answer(&a, named), None, "{}", status(&a));
    assert_eq!(answer(&a, details), None);
    assert_eq!(current(&a), Place::Question(named));
}

/// "3x a year" on the route: the 3 would tick (or untick) an option that Esc then saves.
#[test]
fn a_sentence_beginning_with_a_digit_ticks_nothing() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let route = id(&s.bank, "delivery.route");
    let mut a = app(&s);
    a.run_mut().unwrap().open(route);
    type_keys(&mut a, "3x a year, they said");
    assert!(choice(&a).ticks.is_empty(), "{:?}", choice(&a).ticks);
    // Enter, as the rest of the sentence, does nothing either.
    press(&mut a, key(KeyCode::Enter));
    assert_eq!(answer(&a, route), None);
}

/// A person who picks an answer, reads the next question and then types: the typing counts.
#[test]
fn typing_after_a_moment_on_the_next_question_is_typing() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let named = id(&s.bank, "source.product_named");
    let details = id(&s.bank, "source.product_details");
    let mut a = app(&s);
    a.update(Msg::Enter);
    a.update(Msg::Pick(1));
    assert_eq!(current(&a), Place::Question(details));
    // As if the question had been read for two seconds.
    let went_on = a.run_mut().unwrap().went_on_by_key.as_mut().unwrap();
    went_on.at = std::time::Instant::now()
        .checked_sub(std::time::Duration::from_secs(2))
        .unwrap();
    typed(&mut a, "Brand X, lot 42");
    a.update(Msg::Enter);
    assert_eq!(answer(&a, named), Some(Answer::Choice(0)));
    assert_eq!(
        answer(&a, details),
        Some(Answer::Text("Brand X, lot 42".into()))
    );
}
