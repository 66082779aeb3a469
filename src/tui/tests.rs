//! The full-screen app driven by messages, and whole screens rendered on a test backend and snapshotted.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Choice, Field, Page};
use super::keys;
use super::msg::Focus;
use super::{App, Effect, Msg, Overlay, Screen, Status, Theme};
use crate::answers::{self, Answer};
use crate::bank::{Audience, Bank, load_builtin};
use crate::score::Level;
use crate::session::Session;
use crate::wizard::Place;

/// A session on a fixed day before the bank's review date: screens never change with the clock.
fn session(audience: Option<Audience>, subject: Option<&str>) -> Session {
    let mut s = Session::open(
        load_builtin(),
        audience,
        subject.map(str::to_owned),
        Some(PathBuf::from("answers.toml")),
    )
    .unwrap();
    s.today = "2026-12-01".to_owned();
    s
}

fn app(session: &Session) -> App<'_> {
    App::new(session, PathBuf::from("."))
}

fn send(app: &mut App<'_>, msgs: &[Msg]) -> Vec<Effect> {
    msgs.iter().map(|m| app.update(*m)).collect()
}

fn typed(app: &mut App<'_>, text: &str) {
    for c in text.chars() {
        app.update(Msg::Type(c));
    }
}

/// The screen as plain text, one line per row, trailing spaces trimmed.
fn screen(app: &App<'_>, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            f.render_widget(
                &Screen {
                    app,
                    theme: Theme::plain(),
                },
                f.area(),
            );
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn current(app: &App<'_>) -> Place {
    app.run().unwrap().wizard().place()
}

fn answer(app: &App<'_>, id: crate::bank::QuestionId) -> Option<Answer> {
    app.run().unwrap().wizard().answer(id).cloned()
}

fn choice<'a>(app: &'a App<'_>) -> &'a Choice {
    match app.run().unwrap().page() {
        Page::Choice(c) => c,
        other => panic!("not a choice question: {other:?}"),
    }
}

fn field<'a>(app: &'a App<'_>) -> &'a Field {
    match app.run().unwrap().page() {
        Page::Field(f) => f,
        other => panic!("not a field: {other:?}"),
    }
}

/// A key as the terminal sends it, through the one key map, for what has focus now.
fn press(app: &mut App<'_>, key: KeyEvent) -> Effect {
    keys::message(key, app.focus()).map_or(Effect::None, |m| app.update(m))
}

/// Types `text` key by key, as a person does.
fn type_keys(app: &mut App<'_>, text: &str) {
    for c in text.chars() {
        press(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn status<'a>(app: &'a App<'_>) -> &'a str {
    app.status.as_ref().map_or("", Status::text)
}

fn id(bank: &Bank, s: &str) -> crate::bank::QuestionId {
    bank.find(s).unwrap()
}

#[test]
fn start_screen_asks_the_audience_then_the_subject() {
    let s = session(None, None);
    let mut a = app(&s);
    assert!(screen(&a, 80, 24).contains("Who is filling this in?"));
    send(&mut a, &[Msg::Down, Msg::Enter]);
    typed(&mut a, "Careful Biologics");
    insta::assert_snapshot!("start_subject_coordinator_80x24", screen(&a, 80, 24));
    assert_eq!(a.update(Msg::Enter), Effect::Save);
    let run = a.run().unwrap();
    assert_eq!(run.wizard().audience(), Audience::Coordinator);
    assert_eq!(run.wizard().meta().subject, "Careful Biologics");
}

#[test]
fn presets_skip_the_start_screen() {
    let s = session(Some(Audience::Patient), Some("Glow Med Spa"));
    let a = app(&s);
    assert_eq!(current(&a), Place::Question(id(&s.bank, "source.origin")));
}

#[test]
fn enter_without_reading_records_nothing() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let visible = a.run().unwrap().wizard().visible().len();
    for _ in 0..visible {
        a.update(Msg::Enter);
    }
    assert_eq!(current(&a), Place::Review);
    // The review opens on "show the verdict".
    a.update(Msg::Enter);
    assert_eq!(current(&a), Place::Verdict);
    let run = a.run().unwrap();
    assert_eq!(run.wizard().file().answers.answered().count(), 0);
    assert_eq!(run.wizard().verdict().level, Level::Amber);
}

#[test]
fn number_keys_pick_and_back_keeps_the_answer() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    assert_eq!(a.update(Msg::Pick(4)), Effect::Save);
    assert_eq!(
        current(&a),
        Place::Question(id(&s.bank, "source.product_named"))
    );
    a.update(Msg::Back);
    let run = a.run().unwrap();
    assert_eq!(current(&a), Place::Question(id(&s.bank, "source.origin")));
    assert_eq!(
        run.wizard().answer(id(&s.bank, "source.origin")),
        Some(&Answer::Choice(3))
    );
    // The cursor starts on the answer given, not on "not asked yet".
    assert_eq!(choice(&a).cursor, 3);
}

#[test]
fn the_cursor_starts_on_not_asked_for_a_new_question() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let a = app(&s);
    let c = choice(&a);
    assert_eq!(c.items[c.cursor], crate::answers::Item::NotAsked);
}

#[test]
fn r_marks_refused_and_stays_and_n_marks_not_asked_and_goes_on() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let origin = id(&s.bank, "source.origin");
    assert_eq!(a.update(Msg::Refused), Effect::Save);
    // Marked, and still here: a word typed by mistake goes nowhere.
    assert_eq!(answer(&a, origin), Some(Answer::Refused));
    assert_eq!(current(&a), Place::Question(origin));
    let c = choice(&a);
    assert_eq!(c.items[c.cursor], crate::answers::Item::Refused);
    // n marks "not asked yet" and goes on (product.md, "The wizard").
    assert_eq!(a.update(Msg::NotAsked), Effect::Save);
    assert_eq!(answer(&a, origin), None);
    assert_eq!(
        current(&a),
        Place::Question(id(&s.bank, "source.product_named"))
    );
}

#[test]
fn space_ticks_several_routes_and_enter_saves_them() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let route = id(&s.bank, "delivery.route");
    a.run_mut().unwrap().open(route);
    a.update(Msg::Pick(1));
    send(&mut a, &[Msg::Down, Msg::Down, Msg::Toggle]);
    insta::assert_snapshot!("multiple_ticked_80x24", screen(&a, 80, 24));
    a.update(Msg::Enter);
    let answer = a.run().unwrap().wizard().answer(route).cloned();
    assert_eq!(answer, Some(Answer::Choices(vec![0, 2])));
}

#[test]
fn number_field_types_digits_and_rejects_letters() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let cost = id(&s.bank, "cost.per_session_usd");
    a.run_mut().unwrap().open(cost);
    assert_eq!(a.focus(), Focus::Number);
    typed(&mut a, "1,250");
    insta::assert_snapshot!("number_field_80x24", screen(&a, 80, 24));
    a.update(Msg::Type('x'));
    assert!(
        a.status
            .as_ref()
            .map_or("", Status::text)
            .contains("digits")
    );
    // The number alone is shown and confirmed, never saved as if the letter were not there.
    a.update(Msg::Enter);
    assert_eq!(a.run().unwrap().wizard().answer(cost), None);
    assert!(
        status(&a).contains("Only “1,250” is taken"),
        "{}",
        status(&a)
    );
    a.update(Msg::Enter);
    assert_eq!(
        a.run().unwrap().wizard().answer(cost),
        Some(&Answer::Number(1250.0))
    );
}

#[test]
fn number_out_of_range_stays_with_a_message() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let cost = id(&s.bank, "cost.per_session_usd");
    a.run_mut().unwrap().open(cost);
    typed(&mut a, "250000");
    a.update(Msg::Enter);
    assert_eq!(current(&a), Place::Question(cost));
    assert!(
        a.status
            .as_ref()
            .map_or("", Status::text)
            .contains("outside")
    );
}

#[test]
fn text_field_takes_every_letter_and_down_reaches_refused() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let details = id(&s.bank, "source.product_details");
    a.run_mut().unwrap().open(details);
    type_keys(&mut a, "qn? r");
    assert_eq!(field(&a).text, "qn? r");
    send(&mut a, &[Msg::Down, Msg::Down, Msg::Enter]);
    // The text is not cleared by the first choice of a refusal, only by the second.
    assert_eq!(answer(&a, details), None);
    assert_eq!(field(&a).text, "qn? r");
    assert!(status(&a).contains("clears the text"), "{}", status(&a));
    a.update(Msg::Enter);
    assert_eq!(answer(&a, details), Some(Answer::Refused));
}

#[test]
fn going_back_from_a_field_keeps_what_was_typed() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let details = id(&s.bank, "source.product_details");
    a.run_mut().unwrap().open(details);
    typed(&mut a, "Brand X");
    // Shift-Tab: ← in a field that holds text is a key of the text.
    assert_eq!(a.update(Msg::Previous), Effect::Save);
    assert_eq!(
        a.run().unwrap().wizard().answer(details),
        Some(&Answer::Text("Brand X".into()))
    );
}

#[test]
fn help_opens_on_question_mark_and_any_key_closes_it() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.update(Msg::Help);
    assert_eq!(a.overlay, Some(Overlay::Help { scroll: 0 }));
    assert!(screen(&a, 80, 24).contains("Why this matters"));
    // q closes the help; it does not leave.
    assert_eq!(
        press(
            &mut a,
            KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)
        ),
        Effect::None
    );
    assert_eq!(a.overlay, None);
}

#[test]
fn q_leaves_from_anywhere() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    assert_eq!(a.update(Msg::Quit), Effect::Leave);
}

/// Every screen, at 80×24 and at a narrow 44×16.
fn both_sizes(name: &str, app: &App<'_>) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_44x16"), screen(app, 44, 16));
}

#[test]
fn screens_at_80x24_and_narrow() {
    let fresh = session(None, None);
    let mut a = app(&fresh);
    both_sizes("start_audience", &a);
    a.update(Msg::Enter);
    typed(&mut a, "Glow Med Spa");
    both_sizes("start_subject", &a);

    let s = session(Some(Audience::Patient), Some("Glow Med Spa"));
    let mut a = app(&s);
    both_sizes("question", &a);
    // The smallest window: the question keeps its first words, the list two rows.
    insta::assert_snapshot!("question_40x12", screen(&a, 40, 12));
    a.update(Msg::Help);
    both_sizes("help", &a);
    a.update(Msg::Help);
    a.update(Msg::Pick(1));
    a.run_mut().unwrap().open(id(&s.bank, "delivery.route"));
    send(&mut a, &[Msg::Pick(2), Msg::Pick(3)]);
    both_sizes("multiple", &a);
    a.run_mut()
        .unwrap()
        .open(id(&s.bank, "cost.per_session_usd"));
    typed(&mut a, "900");
    both_sizes("number", &a);
    a.run_mut().unwrap().open(id(&s.bank, "notes"));
    typed(&mut a, "Ask about the 2024 inspection");
    both_sizes("text", &a);
    a.run_mut().unwrap().review();
    both_sizes("review", &a);
    a.update(Msg::Enter);
    both_sizes("verdict", &a);
    insta::assert_snapshot!("too_small_30x10", screen(&a, 30, 10));
}

#[test]
fn clicks_land_on_the_option_under_the_pointer() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let a = app(&s);
    let text = screen(&a, 80, 24);
    let row = text
        .lines()
        .position(|l| l.contains("Cells from a donor's placenta"))
        .unwrap();
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let hit = Screen {
        app: &a,
        theme: Theme::plain(),
    }
    .hit(area, 10, u16::try_from(row).unwrap());
    assert_eq!(hit, Some(3));
}

#[test]
fn saved_answers_score_the_same_as_the_screen() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    send(&mut a, &[Msg::Pick(1), Msg::Pick(3)]);
    let run = a.run().unwrap();
    let text = answers::to_toml(&s.bank, &run.wizard().file());
    let loaded = answers::parse(&crate::source::SourceText::new("a.toml", text), &s.bank).unwrap();
    let again = crate::score::score(&s.bank, &loaded.file.answers, Audience::Patient);
    assert_eq!(again, run.wizard().verdict());
}

#[test]
fn leaving_keeps_what_was_typed_in_a_field() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    let notes = id(&s.bank, "notes");
    a.run_mut().unwrap().open(notes);
    typed(&mut a, "Call back Tuesday");
    assert_eq!(a.update(Msg::Quit), Effect::Leave);
    assert_eq!(
        a.run().unwrap().wizard().answer(notes),
        Some(&Answer::Text("Call back Tuesday".into()))
    );
}

#[test]
fn any_key_closes_the_help_even_one_with_no_meaning() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.update(Msg::Help);
    assert_eq!(a.update(Msg::Other), Effect::None);
    assert_eq!(a.overlay, None);
    assert_eq!(a.update(Msg::Quit), Effect::Leave);
}

mod documents;
mod fields;
mod leaving;
mod review;
mod typing;
mod wizard_keys;

/// An old answer that a newer version of the questions asks again says so on the question,
/// with the bank's reason, and no more once it is answered (found by an adversarial run: the
/// full screen said nothing, where plain mode printed the warning).
#[test]
fn an_old_answer_asked_again_says_why_on_its_question() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.toml");
    std::fs::write(
        &path,
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.1.0\"\naudience = \"coordinator\"\nsubject = \"Vendor C\"\n\n[answers]\n\"source.origin\" = \"conditioned-media\"\n",
    )
    .unwrap();
    let mut s = Session::open(load_builtin(), None, None, Some(path)).unwrap();
    s.today = "2026-12-08".to_owned();
    let mut app = app(&s);
    let flat = |app: &App<'_>| {
        screen(app, 100, 30)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let shown = flat(&app);
    assert!(
        shown.contains("Asked again: this file said “conditioned-media”, with an older version of the questions."),
        "{shown}"
    );
    assert!(shown.contains("human cells"), "{shown}");
    // Answered, the question no longer says it.
    type_keys(&mut app, "8");
    press(&mut app, KeyEvent::from(KeyCode::Left));
    assert!(!flat(&app).contains("Asked again"), "{}", flat(&app));
}

/// The verdict screen as it is drawn, every row, with `theme`.
fn drawn(app: &App<'_>, width: u16, height: u16, theme: Theme) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| f.render_widget(&Screen { app, theme }, f.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// Issue 21: a web address on the verdict screen is never broken onto the next line, at
/// 60, 80 or 140 columns: whole where it fits, cut at the edge with "…" where it does not
/// (it was broken over three lines at 60); and a link to the whole address where the
/// terminal shows links.
#[test]
fn a_web_address_on_the_verdict_screen_is_whole_or_cut_never_broken() {
    let s = session(Some(Audience::Patient), Some("Glow"));
    let mut a = app(&s);
    a.run_mut().unwrap().open(id(&s.bank, "delivery.route"));
    send(&mut a, &[Msg::Pick(3), Msg::Enter]);
    a.run_mut().unwrap().review();
    a.update(Msg::Enter);
    let known: Vec<&str> = s.bank.sources.iter().map(|x| x.address.as_str()).collect();
    for width in [60, 80, 140] {
        let rows = drawn(&a, width, 600, Theme::plain());
        assert!(whole_or_cut(&rows, &known, width) >= 3);
    }
    // The help pane's sources too.
    let mut h = app(&s);
    h.run_mut().unwrap().open(id(&s.bank, "claims.fda_status"));
    h.update(Msg::Help);
    for width in [60, 80, 140] {
        let rows = drawn(&h, width, 300, Theme::plain());
        assert!(whole_or_cut(&rows, &known, width) >= 2);
        // And links there too, where the terminal shows them.
        let linked = drawn(&h, width, 300, Theme::plain().with_hyperlinks(true));
        let linked = linked
            .iter()
            .filter(|r| r.contains("\x1b]8;;https://"))
            .count();
        assert!(linked >= 2, "{width}: {linked} links in the help pane");
    }
    // Where the terminal shows links, each address shown is one, to the whole address.
    let rows = drawn(&a, 60, 600, Theme::plain().with_hyperlinks(true));
    let linked = rows
        .iter()
        .filter(|r| r.contains("\x1b]8;;https://"))
        .count();
    assert!(linked >= 3, "{linked}");
    let cut = rows
        .iter()
        .find(|r| r.contains('…') && r.contains("\x1b]8;;https://"))
        .expect("a cut address, linked");
    let url = &cut[cut.find("\x1b]8;;").unwrap() + 5..cut.find("\x1b\\").unwrap()];
    assert!(known.contains(&url), "{url}");
}

/// Checks that each address in `rows` is whole or cut with "…", and that no row goes on
/// with the rest of one; says how many there are.
pub(super) fn whole_or_cut(rows: &[String], known: &[&str], width: u16) -> usize {
    {
        let mut addresses = 0;
        for (i, row) in rows.iter().enumerate() {
            let Some(at) = row.find("http") else {
                continue;
            };
            addresses += 1;
            let shown = row[at..].split_whitespace().next().unwrap();
            let whole = known.contains(&shown);
            let cut = shown
                .strip_suffix('…')
                .is_some_and(|start| known.iter().any(|k| k.starts_with(start)));
            assert!(whole || cut, "{width}: {shown:?}");
            // Nothing of it goes on in the next row.
            let next = rows.get(i + 1).map_or("", |r| r.trim());
            assert!(
                next.is_empty()
                    || !known
                        .iter()
                        .any(|k| k.contains(next.split(' ').next().unwrap())),
                "{width}: the address goes on: {next:?}"
            );
        }
        addresses
    }
}
