//! The plain mode asks once more for an empty name, and a file with gaps goes where work is
//! left: Enter and `>` to the next question not asked yet, `v` to the review.

use super::*;

/// Every patient question refused but the 3rd and the 7th; their ids.
fn with_gaps() -> (Session, crate::bank::QuestionId, crate::bank::QuestionId) {
    let mut s = session(Some(Audience::Patient), Some("Spa"));
    let visible = Wizard::new(
        &s.bank,
        Meta::new(&s.bank, Audience::Patient, ""),
        Answers::empty(&s.bank),
    )
    .visible();
    let (third, seventh) = (visible[2], visible[6]);
    for q in visible {
        if q != third && q != seventh {
            s.answers.set(q, Some(Answer::Refused));
        }
    }
    (s, third, seventh)
}

/// The output with its lines joined, as wrapping does not matter here.
fn flat(out: &str) -> String {
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn prompt(s: &Session, id: crate::bank::QuestionId) -> &str {
    s.bank.question(id).prompt_for(Audience::Patient)
}

#[test]
fn an_empty_name_is_asked_for_once_more_then_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(Some(Audience::Patient), None);
    let out = talk(&s, dir.path(), "\nGlow\nq\n");
    assert_eq!(flat(&out).matches(ui::SUBJECT_AGAIN).count(), 1, "{out}");
    assert!(out.contains("exovet-glow.toml"), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let out = talk(&s, dir.path(), "\n\nq\n");
    assert_eq!(flat(&out).matches(ui::SUBJECT_AGAIN).count(), 1, "{out}");
    assert!(out.contains("Question 1 of"), "{out}");
}

#[test]
fn enter_goes_from_gap_to_gap_and_not_through_the_answered_questions() {
    let dir = tempfile::tempdir().unwrap();
    let (s, third, seventh) = with_gaps();
    let out = talk(&s, dir.path(), "\n\n");
    let asked: Vec<&str> = out.lines().filter(|l| l.starts_with("Question ")).collect();
    assert_eq!(asked.len(), 2, "{out}");
    assert!(asked[0].starts_with("Question 3 of"), "{out}");
    assert!(asked[1].starts_with("Question 7 of"), "{out}");
    assert!(out.contains(prompt(&s, third)) && out.contains(prompt(&s, seventh)));
    assert!(flat(&out).contains(super::super::REVIEW_KEYS), "{out}");
}

#[test]
fn the_name_is_changed_from_the_review_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _, _) = with_gaps();
    let out = talk(&s, dir.path(), "v\nname\nGlow Med Spa\nq\n");
    assert!(
        flat(&out).contains("Vetting: Spa (type name to change it)"),
        "{out}"
    );
    assert!(out.contains("Renamed: Glow Med Spa."), "{out}");
    let saved = answers::read(&files(dir.path())[0], &s.bank).unwrap();
    assert_eq!(saved.file.meta.subject, "Glow Med Spa");
    // An empty line keeps the name.
    let out = talk(&s, dir.path(), "v\nname\n\nq\n");
    assert!(!out.contains("Renamed:"), "{out}");
}

#[test]
fn greater_than_jumps_to_the_next_open_question_and_v_to_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _, _) = with_gaps();
    // From the 3rd: > to the 7th, v to the review, > from the review back to the 3rd.
    let out = talk(&s, dir.path(), ">\nv\n>\nq\n");
    let asked: Vec<&str> = out.lines().filter(|l| l.starts_with("Question ")).collect();
    assert_eq!(asked.len(), 3, "{out}");
    assert!(asked[1].starts_with("Question 7 of"), "{out}");
    assert!(asked[2].starts_with("Question 3 of"), "{out}");
    assert!(flat(&out).contains(super::super::REVIEW_KEYS), "{out}");
}
