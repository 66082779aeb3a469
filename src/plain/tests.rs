//! Unit tests of the plain mode: `run` on typed lines in memory, the built-in bank, answers saved in a temp dir.

use std::io::{self, Cursor, Write};
use std::path::{Path, PathBuf};

use super::run_with;
use crate::answers::{self, Answer, Answers, Meta};
use crate::bank::{Audience, Kind, load_builtin};
use crate::report::{self, Scored};
use crate::session::Session;
use crate::ui;
use crate::wizard::{Place, Wizard};

/// A session on a fixed day before the bank's review date: output never changes with the clock.
fn session(audience: Option<Audience>, subject: Option<&str>) -> Session {
    let mut s = Session::open(load_builtin(), audience, subject.map(str::to_owned), None).unwrap();
    s.today = "2026-12-01".to_owned();
    s
}

/// A session that starts at `question`: every earlier question is refused.
fn at(audience: Audience, question: &str) -> Session {
    let mut s = session(Some(audience), Some("Test Spa"));
    let target = s.bank.find(question).unwrap();
    for id in s.bank.ids().take_while(|id| *id < target) {
        s.answers.set(id, Some(Answer::Refused));
    }
    s
}

fn talk(session: &Session, dir: &Path, typed: &str) -> String {
    let mut out = Vec::new();
    let mut input = Cursor::new(typed.as_bytes().to_vec());
    run_with(session, dir, &mut input, &mut out, true).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains('\x1b'), "an escape sequence in:\n{out}");
    out
}

fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

/// The one answers file in `dir`, read back as `exovet score` would.
fn saved(session: &Session, dir: &Path) -> Answers {
    let files = files(dir);
    assert_eq!(files.len(), 1, "{files:?}");
    answers::read(&files[0], &session.bank)
        .unwrap()
        .file
        .answers
}

fn answer(session: &Session, answers: &Answers, id: &str) -> Option<Answer> {
    answers.get(session.bank.find(id).unwrap()).cloned()
}

#[test]
fn a_whole_patient_questionnaire_answered_by_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(None, None);
    let bank = &s.bank;
    // The same answers given to the state machine directly: what plain mode must end with.
    let mut w = Wizard::new(
        bank,
        Meta::new(bank, Audience::Patient, "Glow Med Spa"),
        Answers::empty(bank),
    );
    let mut typed = String::from("1\nGlow Med Spa\n");
    let mut asked = 0;
    while let Place::Question(id) = w.place() {
        let (line, a) = match &bank.question(id).kind {
            Kind::Single(_) => ("1", Answer::Choice(0)),
            Kind::Multiple(_) => ("1", Answer::Choices(vec![0])),
            Kind::Number(_) => ("900", Answer::Number(900.0)),
            Kind::Text => ("Brand X, lot 42", Answer::Text("Brand X, lot 42".into())),
        };
        typed.push_str(line);
        typed.push('\n');
        w.set(Some(a));
        w.advance();
        asked += 1;
    }
    typed.push('\n');
    let out = talk(&s, dir.path(), &typed);

    let positions = out.lines().filter(|l| l.starts_with("Question ")).count();
    assert_eq!(positions, asked, "{out}");
    assert!(out.contains(&format!("Question {asked} of {asked} · ")));
    assert!(out.contains("All questions done."));
    assert_eq!(saved(&s, dir.path()), w.file().answers);
    let path = dir.path().join("exovet-glow-med-spa.toml");
    let (file, verdict) = (w.file(), w.verdict());
    let expected =
        report::text::render_words(&Scored::new(&path, bank, &file, &verdict).on(&s.today));
    assert!(out.contains(&expected), "{out}");
    assert!(out.trim_end().ends_with(&ui::resume_hint(&path)));
}

#[test]
fn back_returns_to_the_question_with_its_answer() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let out = talk(&s, dir.path(), "4\n<\n");
    let after_back = out.rsplit("> <").next().unwrap();
    assert!(after_back.contains("Question 1 of"), "{after_back}");
    assert!(after_back.contains("Now: Cells from a donor's placenta"));
    let a = saved(&s, dir.path());
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Choice(3)));
}

#[test]
fn back_on_the_first_question_says_so_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let out = talk(&s, dir.path(), "<\n");
    assert!(out.contains("This is the first question."));
    assert_eq!(out.matches("Question 1 of").count(), 1);
}

#[test]
fn n_clears_an_answer_and_r_records_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    talk(&s, dir.path(), "4\n<\nn\nr\n");
    let a = saved(&s, dir.path());
    assert_eq!(answer(&s, &a, "source.origin"), None);
    assert_eq!(
        answer(&s, &a, "source.product_named"),
        Some(Answer::Refused)
    );
}

#[test]
fn the_numbered_reserved_answers_work_like_n_and_r() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    // Origin has 12 options: 13 is "not asked yet", 14 "refused".
    talk(&s, dir.path(), "14\n");
    let a = saved(&s, dir.path());
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Refused));
}

#[test]
fn help_says_why_it_matters_with_sources_then_asks_again() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let out = talk(&s, dir.path(), "?\n");
    assert!(out.contains("Why this matters:"));
    assert!(out.contains("The source decides much of the risk"));
    // A seed article by its title and what a seed is, never its file name.
    assert!(out.contains("Sources:\n  - An honest overview of exosome therapy"));
    assert!(out.contains("one of the articles this tool"), "{out}");
    assert!(!out.contains("001_59938692ff68c28e.txt"), "{out}");
    assert!(out.contains("n marks not asked yet"));
    let after_help = out.split("Sources:").nth(1).unwrap();
    assert!(after_help.contains("Question 1 of"), "{after_help}");
}

#[test]
fn invalid_input_says_what_to_type_and_asks_the_same_question() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let out = talk(&s, dir.path(), "99\nx\n1 3\n0\n4\n");
    assert!(out.contains("There is no answer 99 here. Type a number from 1 to 14"));
    assert!(out.contains("“x” is not a number on the list."));
    assert!(out.contains("This question takes one answer."));
    assert!(out.contains("There is no answer 0 here."));
    // The question is not printed again, only the prompt, and the fifth line answers it.
    assert_eq!(out.matches("Question 1 of").count(), 1);
    assert!(out.contains("Question 2 of"));
    let a = saved(&s, dir.path());
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Choice(3)));
}

#[test]
fn end_of_input_midway_saves_and_prints_the_verdict_so_far() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let out = talk(&s, dir.path(), "4\r\n1\r\n");
    assert!(out.contains("End of input. The verdict so far:"));
    assert!(out.contains("Verdict: AMBER (incomplete)"), "{out}");
    assert!(out.contains(crate::explain::CHECKLIST_TITLE_PATIENT));
    assert!(out.contains("To continue later: exovet --answers "));
    let a = saved(&s, dir.path());
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Choice(3)));
    assert_eq!(
        answer(&s, &a, "source.product_named"),
        Some(Answer::Choice(0))
    );
}

#[test]
fn end_of_input_before_the_first_question_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(None, None);
    let out = talk(&s, dir.path(), "3\n1\n<\n");
    assert!(out.contains("Type 1 or 2"));
    // "<" on the name goes back to who is filling it in.
    assert_eq!(out.matches(ui::AUDIENCE_QUESTION).count(), 2);
    assert!(out.contains("nothing was saved"));
    assert!(files(dir.path()).is_empty());
}

#[test]
fn q_saves_and_says_how_to_continue() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Coordinator), Some("Vendor"));
    let out = talk(&s, dir.path(), "12\nq\nthis is never read\n");
    let path = dir.path().join("exovet-vendor.toml");
    assert!(out.contains(&ui::saved_in(&path)));
    assert!(out.contains("Verdict so far: RED"), "{out}");
    assert!(out.contains(&ui::resume_hint(&path)));
    assert!(!out.contains("Still to ask"));
    let a = saved(&s, dir.path());
    // The twelfth option: a cancer cell line, a knock-out.
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Choice(11)));
}

#[test]
fn a_number_question_reads_dollars_and_refuses_words() {
    let dir = tempfile::tempdir().unwrap();
    let s = at(Audience::Patient, "cost.per_session_usd");
    let out = talk(&s, dir.path(), "abc\n-5\n$1,250\n");
    assert!(out.contains("A number from 0 to 100000, in US dollars per session."));
    assert!(out.contains("“abc” is not a number. Type digits, like 900."));
    assert!(out.contains("-5 is outside 0 to 100000"));
    assert_eq!(out.matches("A number from 0 to").count(), 1, "{out}");
    let a = saved(&s, dir.path());
    assert_eq!(
        answer(&s, &a, "cost.per_session_usd"),
        Some(Answer::Number(1250.0))
    );
}

#[test]
fn a_text_question_keeps_the_text_and_enter_keeps_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let s = at(Audience::Patient, "source.product_details");
    let out = talk(&s, dir.path(), "Brand X, lot 42\n<\n\n");
    assert!(out.contains("Now: Brand X, lot 42"));
    let a = saved(&s, dir.path());
    assert_eq!(
        answer(&s, &a, "source.product_details"),
        Some(Answer::Text("Brand X, lot 42".into()))
    );
}

#[test]
fn typed_control_characters_are_saved_but_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let s = at(Audience::Patient, "source.product_details");
    // `talk` also checks that no escape byte was written.
    let out = talk(&s, dir.path(), "Lot\x1b[2J 42\x07\n<\n");
    assert!(out.contains("Now: Lot\\u{1b}[2J 42\\u{7}"), "{out}");
    let a = saved(&s, dir.path());
    assert_eq!(
        answer(&s, &a, "source.product_details"),
        Some(Answer::Text("Lot\x1b[2J 42\x07".into()))
    );
}

#[test]
fn multiple_choice_takes_several_numbers() {
    let route = "delivery.route";
    for typed in ["1 3\n", "3,1\n", "1, 3, 3\n"] {
        let dir = tempfile::tempdir().unwrap();
        let s = at(Audience::Patient, route);
        let out = talk(&s, dir.path(), typed);
        assert!(out.contains("Type numbers like 1 3"));
        let a = saved(&s, dir.path());
        assert_eq!(
            answer(&s, &a, route),
            Some(Answer::Choices(vec![0, 2])),
            "{typed:?}"
        );
    }
    // Options with "refused" makes no sense.
    let dir = tempfile::tempdir().unwrap();
    let s = at(Audience::Patient, route);
    let out = talk(&s, dir.path(), "1 7\n");
    assert!(out.contains("Pick options, or one of the answers after them alone."));
    assert_eq!(answer(&s, &saved(&s, dir.path()), route), None);
}

#[test]
fn the_review_opens_a_question_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let (w, _) = s.begin(Audience::Patient, "Spa", dir.path());
    let n = w.visible().len();
    // Enter through every question, then change the first from the review.
    let typed = "\n".repeat(n) + "1\n4\n\n";
    let out = talk(&s, dir.path(), &typed);
    assert_eq!(out.matches("All questions done.").count(), 1);
    assert!(out.contains("Enter: show the verdict · a number: change that answer"));
    assert!(out.contains(
        "  1. Where do the exosomes in this product come from?\n     Now: Not asked yet\n"
    ));
    assert!(out.contains("Back at the review."));
    assert!(out.contains("Verdict: AMBER (incomplete)"));
    let a = saved(&s, dir.path());
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Choice(3)));
}

#[test]
fn a_failing_save_is_said_once_and_the_answers_are_printed_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(Some(Audience::Patient), Some("Spa"));
    s.path = Some(dir.path().join("no-such-folder").join("a.toml"));
    let out = talk(&s, dir.path(), "4\n1\n");
    assert_eq!(out.matches("Could not save to").count(), 1, "{out}");
    assert!(out.contains("Your answers could not be saved."));
    assert!(out.contains("\"source.origin\" = \"placenta\""));
    assert!(!out.contains("To continue later"));
}

#[test]
fn when_saving_fails_w_moves_the_answers_to_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(Some(Audience::Patient), Some("Spa"));
    s.path = Some(dir.path().join("no-such-folder").join("a.toml"));
    let elsewhere = dir.path().join("elsewhere.toml");
    // An answer that cannot be saved; w then Enter changes nothing; w then a path moves it.
    let typed = format!("4\nw\n\nw\n{}\n2\nq\n", elsewhere.display());
    let out = talk(&s, dir.path(), &typed);
    assert_eq!(
        out.matches("Type w to save them to another file.").count(),
        1,
        "{out}"
    );
    assert!(
        out.contains("Nothing changed: your answers are still not saved."),
        "{out}"
    );
    assert!(out.replace('\n', " ").contains(&format!(
        "Saved to {}. From now on your answers are saved there.",
        elsewhere.display()
    )));
    assert!(!out.contains("Your answers could not be saved."), "{out}");
    let a = answers::read(&elsewhere, &s.bank).unwrap().file.answers;
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Choice(3)));
    assert_eq!(
        answer(&s, &a, "source.product_named"),
        Some(Answer::Choice(1))
    );
    assert!(
        out.replace('\n', " ")
            .contains(&ui::resume_hint(&elsewhere)),
        "{out}"
    );
}

#[test]
fn a_save_that_fails_at_the_end_asks_for_another_file_until_one_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(Some(Audience::Patient), Some("Spa"));
    s.path = Some(dir.path().join("no-such-folder").join("a.toml"));
    let elsewhere = dir.path().join("b.toml");
    let typed = format!(
        "4\nq\n{}\n{}\n",
        dir.path().join("nor-this").join("b.toml").display(),
        elsewhere.display()
    );
    let out = talk(&s, dir.path(), &typed);
    assert_eq!(
        out.matches("Type the path of another file").count(),
        2,
        "{out}"
    );
    assert_eq!(out.matches("Could not save to").count(), 2, "{out}");
    assert!(!out.contains("Your answers could not be saved."), "{out}");
    assert!(out.contains(&ui::saved_in(&elsewhere)));
    let a = answers::read(&elsewhere, &s.bank).unwrap().file.answers;
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Choice(3)));
}

#[test]
fn declining_another_file_at_the_end_prints_the_answers_to_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(Some(Audience::Patient), Some("Spa"));
    s.path = Some(dir.path().join("no-such-folder").join("a.toml"));
    let out = talk(&s, dir.path(), "4\nq\n\n");
    assert!(out.contains("Type the path of another file"), "{out}");
    assert!(out.contains("Your answers could not be saved. Here they are"));
    assert!(out.contains("\"source.origin\" = \"placenta\""));
    assert!(!out.contains("To continue later"));
}

/// A reader that went away.
struct Closed;

impl Write for Closed {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::ErrorKind::BrokenPipe.into())
    }
}

#[test]
fn a_closed_output_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let mut input = Cursor::new(b"4\n1\n".to_vec());
    assert!(run_with(&s, dir.path(), &mut input, &mut Closed, true).is_ok());
}

#[test]
fn a_huge_line_is_refused_and_the_next_one_read() {
    let dir = tempfile::tempdir().unwrap();
    let s = at(Audience::Patient, "source.product_details");
    let typed = "x".repeat(super::talk::MAX_LINE * 2) + "\nshort note\n";
    let out = talk(&s, dir.path(), &typed);
    assert!(out.contains("That line is too long."));
    let a = saved(&s, dir.path());
    assert_eq!(
        answer(&s, &a, "source.product_details"),
        Some(Answer::Text("short note".into()))
    );
}

#[test]
fn binary_input_is_refused_as_not_utf8_and_asked_again_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let mut input = Cursor::new(b"\xff\xfe\x00\n4\n".to_vec());
    let mut out = Vec::new();
    run_with(&s, dir.path(), &mut input, &mut out, false).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("That line is not UTF-8 text"), "{out}");
    assert!(!out.contains('\u{fffd}'), "{out}");
    assert_eq!(
        answer(&s, &saved(&s, dir.path()), "source.origin"),
        Some(Answer::Choice(3))
    );
}

#[test]
fn the_review_lists_answers_kept_but_not_counted_and_their_number_clears_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(Some(Audience::Patient), Some("Test Spa"));
    // Every patient question refused, so the session begins at the review (a refused
    // route or source shows none of the questions that depend on them),
    let everything: Vec<_> = s.bank.ids().collect();
    for id in everything {
        let q = s.bank.question(id);
        if q.reach.includes(Audience::Patient) && q.show_if.is_none() && q.allow_refused {
            s.answers.set(id, Some(Answer::Refused));
        }
    }
    let notes = s.bank.find("notes").unwrap();
    s.answers
        .set(notes, Some(Answer::Text("Consult on Friday".to_owned())));
    // and a coordinator's question answered red: kept, not counted.
    let separation = s.bank.find("manufacturing.separation").unwrap();
    s.answers.set(separation, Some(Answer::Choice(2)));
    let w = Wizard::new(
        &s.bank,
        Meta::new(&s.bank, Audience::Patient, "Test Spa"),
        s.answers.clone(),
    );
    let kept_number = w.visible().len() + 1;
    assert_eq!(w.kept(), [separation]);
    let out = talk(&s, dir.path(), &format!("{kept_number}\nq\n"));
    assert!(out.contains("Kept but not counted:"), "{out}");
    assert!(out.contains("Type its number to clear it."), "{out}");
    assert!(out.contains("Cleared: "), "{out}");
    let a = saved(&s, dir.path());
    assert_eq!(answer(&s, &a, "manufacturing.separation"), None);
    assert_eq!(answer(&s, &a, "source.origin"), Some(Answer::Refused));
}

#[test]
fn after_review_by_the_start_and_the_verdict_say_the_bank_is_due_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(Some(Audience::Patient), Some("Spa"));
    assert!(!talk(&s, dir.path(), "1\n").contains("due for review"));
    s.today = "2027-07-01".to_owned();
    let dir = tempfile::tempdir().unwrap();
    let out = talk(&s, dir.path(), "1\n");
    // Once at the start, once with the verdict so far.
    assert_eq!(out.matches("due for review").count(), 2, "{out}");
}

#[test]
fn a_note_typed_as_na_or_refused_is_saved_so_it_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let s = at(Audience::Patient, "source.product_details");
    talk(&s, dir.path(), "na\nq\n");
    let a = saved(&s, dir.path());
    assert_eq!(
        answer(&s, &a, "source.product_details"),
        Some(Answer::Text("na".to_owned()))
    );
}

/// "3.500" is 3,500 in much of Europe and 3.5 in the US: read as 3.5, an amber price would
/// turn green. The person is asked instead.
#[test]
fn a_price_whose_separators_could_mean_two_things_is_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let s = at(Audience::Patient, "cost.per_session_usd");
    let out = talk(&s, dir.path(), "3.500\n3500\nq\n");
    assert!(out.contains("“3.500” could be read two ways"), "{out}");
    let a = saved(&s, dir.path());
    assert_eq!(
        answer(&s, &a, "cost.per_session_usd"),
        Some(Answer::Number(3500.0))
    );
}

/// Typed lines that note which files are in `dir` when the first line is read.
struct Watching<'a> {
    dir: &'a Path,
    input: Cursor<Vec<u8>>,
    seen: Option<Vec<PathBuf>>,
}

impl Watching<'_> {
    fn look(&mut self) {
        if self.seen.is_none() {
            self.seen = Some(files(self.dir));
        }
    }
}

impl io::Read for Watching<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.look();
        self.input.read(buf)
    }
}

impl io::BufRead for Watching<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.look();
        self.input.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.input.consume(n);
    }
}

#[test]
fn the_answers_file_exists_before_the_first_answer() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), Some("Spa"));
    let mut input = Watching {
        dir: dir.path(),
        input: Cursor::new(b"q\n".to_vec()),
        seen: None,
    };
    let mut out = Vec::new();
    run_with(&s, dir.path(), &mut input, &mut out, true).unwrap();
    assert_eq!(
        input.seen.unwrap(),
        [dir.path().join("exovet-spa.toml")],
        "the file is there when the first question is asked"
    );
}

mod resuming;

/// Issue 13: a coordinator attaches the document behind an answer with `a`; a patient's
/// `a` is not a command.
#[test]
fn a_coordinator_attaches_a_document_and_a_patients_a_is_no_command() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("gmp.pdf");
    std::fs::write(&doc, "FDA registration, last inspection").unwrap();
    let s = at(Audience::Coordinator, "manufacturing.gmp");
    let typed = format!("a\n{}\n3\n1\nq\n", doc.display());
    let out = talk(&s, dir.path(), &typed);
    assert!(
        out.contains("Backed by: The maker's FDA registration"),
        "{out}"
    );
    assert!(out.contains("Attached: gmp.pdf, as checked."), "{out}");
    let answers_file = files(dir.path())
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "toml"))
        .unwrap();
    let loaded = answers::read(&answers_file, &s.bank).unwrap();
    let q = s.bank.find("manufacturing.gmp").unwrap();
    let d = &loaded.file.annex.evidence[&q];
    assert_eq!(
        (d.document.as_str(), d.status),
        ("gmp.pdf", crate::answers::Status::Checked)
    );
    assert!(d.sha256.is_some());
    assert_eq!(
        answer(&s, &loaded.file.answers, "manufacturing.gmp"),
        Some(Answer::Choice(0))
    );

    // A document that is not there is not attached, and nothing else changes.
    let dir = tempfile::tempdir().unwrap();
    let out = talk(&s, dir.path(), "a\nnowhere.pdf\nq\n");
    assert!(out.contains("Not attached: nowhere.pdf"), "{out}");
    assert!(!out.contains("How far did you look"), "{out}");
    // A status that is none of the three is asked again, not taken for the answer.
    let dir = tempfile::tempdir().unwrap();
    let typed = format!("a\n{}\nsure\n2\nq\n", doc.display());
    let out = talk(&s, dir.path(), &typed);
    assert!(
        out.contains("Type 1, 2 or 3.") && out.contains("as seen."),
        "{out}"
    );

    let dir = tempfile::tempdir().unwrap();
    let p = at(Audience::Patient, "manufacturing.gmp");
    let out = talk(&p, dir.path(), "a\nq\n");
    assert!(
        !out.contains("Backed by") && !out.contains("document behind"),
        "{out}"
    );
}
