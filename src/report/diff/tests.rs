//! The diff model on plain values: which way each change goes, the order they are listed
//! in, and what `--fail-on worse` reads.

use super::*;
use crate::answers::{Answers, Document, Meta, Status};
use crate::bank::{Audience, load_builtin};

/// An answer by ids: an option, several (`a|b`), "refused", "na", a number or text.
fn answer(bank: &Bank, q: QuestionId, value: &str) -> Answer {
    let choices = bank.question(q).kind.choices();
    let index = |id: &str| choices.iter().position(|c| c.id == id);
    match value {
        "refused" => Answer::Refused,
        "na" => Answer::NotApplicable,
        v if v.contains('|') => Answer::Choices(v.split('|').filter_map(index).collect()),
        v => match (index(v), v.parse::<f64>()) {
            (Some(i), _) if matches!(bank.question(q).kind, crate::bank::Kind::Multiple(_)) => {
                Answer::Choices(vec![i])
            }
            (Some(i), _) => Answer::Choice(i),
            (None, Ok(n)) => Answer::Number(n),
            (None, Err(_)) => Answer::Text(v.to_owned()),
        },
    }
}

fn file(bank: &Bank, audience: Audience, answers: &[(&str, &str)]) -> AnswerFile {
    let mut a = Answers::empty(bank);
    for (q, v) in answers {
        let id = bank.find(q).unwrap();
        a.set(id, Some(answer(bank, id, v)));
    }
    AnswerFile::new(Meta::new(bank, audience, "Glow Med Spa"), a)
}

fn patient(bank: &Bank, answers: &[(&str, &str)]) -> AnswerFile {
    file(bank, Audience::Patient, answers)
}

/// The changed questions' ids and directions, in the order listed.
fn listed(bank: &Bank, c: &Changes<'_>) -> Vec<(String, Direction)> {
    c.questions
        .iter()
        .map(|q| (bank.question(q.question).id.clone(), q.direction))
        .collect()
}

const BASE: [(&str, &str); 6] = [
    ("source.origin", "msc-umbilical-cord"),
    ("source.product_named", "brand-only"),
    ("delivery.route", "topical-intact"),
    ("manufacturing.gmp", "claimed-no-evidence"),
    ("testing.coa", "lot-third-party"),
    ("notes", "first visit"),
];

fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<_> = BASE
        .iter()
        .filter(|(q, _)| !changes.iter().any(|(c, _)| c == q))
        .copied()
        .collect();
    out.extend(changes.iter().filter(|(_, v)| !v.is_empty()).copied());
    out
}

#[test]
fn a_file_against_itself_has_no_changes_and_is_not_worse() {
    let bank = load_builtin();
    let a = patient(&bank, &BASE);
    let c = compare(&bank, &a, &a);
    assert!(c.is_empty());
    assert!(!c.worse());
    assert!(!c.subject_differs() && !c.audience_differs());
    assert_eq!(c.verdict.direction(), Direction::Neither);
}

#[test]
fn worse_changes_come_first_then_better_then_neither_in_bank_order_within_each() {
    let bank = load_builtin();
    let old = patient(&bank, &BASE);
    let new = patient(
        &bank,
        &with(&[
            // Better: amber to green.
            ("source.product_named", "all-three"),
            // Worse: green to critical red.
            ("source.origin", "cancer-cell-line"),
            // Neither: a note carries no flag.
            ("notes", "asked at the consult"),
            // Better: amber to green, after product_named in the bank.
            ("manufacturing.gmp", "cgmp-with-evidence"),
            // Worse: green to amber, after origin in the bank.
            ("testing.coa", "generic-or-in-house"),
        ]),
    );
    let c = compare(&bank, &old, &new);
    assert_eq!(
        listed(&bank, &c),
        [
            ("source.origin".to_owned(), Direction::Worse),
            ("testing.coa".to_owned(), Direction::Worse),
            ("source.product_named".to_owned(), Direction::Better),
            ("manufacturing.gmp".to_owned(), Direction::Better),
            ("notes".to_owned(), Direction::Neither),
        ]
    );
    assert!(c.worse());
    // Worse: the origin is a knock-out now.
    assert_eq!(c.verdict.direction(), Direction::Worse);
    // The reasons that came and went, each compared by question and cause.
    let ids = |fs: &[Finding]| -> Vec<String> {
        fs.iter()
            .map(|f| bank.question(f.question).id.clone())
            .collect()
    };
    assert_eq!(ids(&c.new_reasons), ["source.origin", "testing.coa"]);
    assert_eq!(
        ids(&c.resolved_reasons),
        ["source.product_named", "manufacturing.gmp"]
    );
}

#[test]
fn only_better_answers_are_not_worse() {
    let bank = load_builtin();
    let old = patient(&bank, &BASE);
    let new = patient(&bank, &with(&[("manufacturing.gmp", "cgmp-with-evidence")]));
    let c = compare(&bank, &old, &new);
    assert_eq!(c.count(Direction::Better), 1);
    assert!(!c.worse(), "only better");
    // And the other way round, the same change is worse.
    let back = compare(&bank, &new, &old);
    assert_eq!(back.count(Direction::Worse), 1);
    assert!(back.worse());
}

#[test]
fn a_flag_where_there_was_none_is_worse_and_a_green_one_is_better() {
    let bank = load_builtin();
    let old = patient(&bank, &BASE);
    let amber = patient(&bank, &with(&[("storage.conditions", "cold-no-log")]));
    let c = compare(&bank, &old, &amber);
    assert_eq!(listed(&bank, &c)[0].1, Direction::Worse);
    assert!(c.questions[0].flag_worse() && c.worse());

    let green = patient(&bank, &with(&[("storage.conditions", "cold-with-log")]));
    let c = compare(&bank, &old, &green);
    assert_eq!(listed(&bank, &c)[0].1, Direction::Better);
    assert!(!c.worse());

    // A refusal carries the question's refused flag: never better than not asked.
    let refused = patient(&bank, &with(&[("storage.conditions", "refused")]));
    let c = compare(&bank, &old, &refused);
    assert_eq!(listed(&bank, &c)[0].1, Direction::Worse);
}

#[test]
fn a_red_answer_cleared_is_not_better() {
    let bank = load_builtin();
    let old = patient(&bank, &with(&[("storage.conditions", "warm-or-refrozen")]));
    let new = patient(&bank, &BASE);
    let c = compare(&bank, &old, &new);
    let q = &c.questions[0];
    assert_eq!(bank.question(q.question).id, "storage.conditions");
    assert_eq!(q.direction, Direction::Neither, "nothing was settled");
    assert_eq!(q.after.answer, None);
    // Its reason is gone from the list, and the renderers say it is not asked now.
    assert_eq!(c.resolved_reasons.len(), 1);
}

#[test]
fn an_answer_that_no_longer_counts_is_neither_and_one_that_starts_to_count_is_worse() {
    let bank = load_builtin();
    // delivery.operator is asked only when someone needles or injects.
    let needled = with(&[
        ("delivery.route", "topical-after-procedure"),
        ("delivery.operator", "no-medical-oversight"),
    ]);
    let intact = with(&[
        ("delivery.route", "topical-intact"),
        ("delivery.operator", "no-medical-oversight"),
    ]);
    let (needled, intact) = (patient(&bank, &needled), patient(&bank, &intact));
    let c = compare(&bank, &needled, &intact);
    let operator = c
        .questions
        .iter()
        .find(|q| bank.question(q.question).id == "delivery.operator")
        .unwrap();
    assert_eq!(operator.direction, Direction::Neither);
    assert!(!operator.after.counted && operator.before.counted);
    // Kept but not counted, a red still rules out green: it did not get better.
    assert_eq!(operator.after.weighs(), Some(Flag::Red));

    // An amber kept but not counted does not rule out green: its flag is gone.
    let supervised = |route| {
        patient(
            &bank,
            &with(&[
                ("delivery.route", route),
                ("delivery.operator", "supervised-rn"),
            ]),
        )
    };
    let (needled, intact) = (
        supervised("topical-after-procedure"),
        supervised("topical-intact"),
    );
    let c = compare(&bank, &needled, &intact);
    let operator = c
        .questions
        .iter()
        .find(|q| bank.question(q.question).id == "delivery.operator")
        .unwrap();
    assert_eq!(
        (operator.before.weighs(), operator.after.weighs()),
        (Some(Flag::Amber), None)
    );
    assert_eq!(
        operator.direction,
        Direction::Neither,
        "not better: it no longer counts"
    );
    let c = compare(&bank, &intact, &needled);
    let operator = c
        .questions
        .iter()
        .find(|q| bank.question(q.question).id == "delivery.operator")
        .unwrap();
    assert_eq!(operator.direction, Direction::Worse);
    assert!(c.worse());
}

fn document(name: &str, status: Status) -> Document {
    Document {
        document: name.to_owned(),
        sha256: Some("ab".repeat(32)),
        status,
        date: Some("2026-12-01".to_owned()),
        note: String::new(),
    }
}

#[test]
fn a_document_gone_down_is_listed_as_worse_but_does_not_fail() {
    let bank = load_builtin();
    let coa = bank.find("testing.coa").unwrap();
    let mut old = patient(&bank, &BASE);
    old.annex
        .evidence
        .insert(coa, document("coa.pdf", Status::Seen));
    // The answer gets better while its document goes down to claimed: worse wins.
    let mut new = patient(&bank, &with(&[("manufacturing.gmp", "cgmp-with-evidence")]));
    new.annex
        .evidence
        .insert(coa, document("coa.pdf", Status::Claimed));
    let gmp = bank.find("manufacturing.gmp").unwrap();
    new.annex
        .evidence
        .insert(gmp, document("gmp.pdf", Status::Checked));
    let c = compare(&bank, &old, &new);
    assert_eq!(
        listed(&bank, &c),
        [
            ("testing.coa".to_owned(), Direction::Worse),
            ("manufacturing.gmp".to_owned(), Direction::Better),
        ]
    );
    let d = c.questions[0].document.unwrap();
    assert_eq!(d.kind(), documents::Kind::Changed);
    assert!(!c.questions[0].answer_changed());
    assert!(!c.worse(), "a document alone does not fail --fail-on worse");

    // A new date or note alone is not a change; another hash is.
    let mut again = old.clone();
    let d = again.annex.evidence.get_mut(&coa).unwrap();
    d.date = Some("2027-12-01".to_owned());
    d.note = "looked again".to_owned();
    assert!(compare(&bank, &old, &again).is_empty());
    again.annex.evidence.get_mut(&coa).unwrap().sha256 = Some("cd".repeat(32));
    let c = compare(&bank, &old, &again);
    let d = c.questions[0].document.unwrap();
    assert!(d.rehashed() && !d.renamed());
    assert_eq!(c.questions[0].direction, Direction::Neither);

    // Removed is worse for the order.
    let mut removed = old.clone();
    removed.annex.evidence.clear();
    let c = compare(&bank, &old, &removed);
    assert_eq!(c.questions[0].direction, Direction::Worse);
    assert_eq!(
        c.questions[0].document.unwrap().kind(),
        documents::Kind::Removed
    );
}

#[test]
fn the_status_compared_is_the_one_each_side_is_held_at() {
    let bank = load_builtin();
    let coa = bank.find("testing.coa").unwrap();
    let mut old = patient(&bank, &BASE);
    old.annex
        .evidence
        .insert(coa, document("coa.pdf", Status::Checked));
    let new = old.clone();
    // As if re-hashing found the file changed on disk: it counts as claimed.
    let mut rehashed = recorded(&new.annex.evidence);
    rehashed.get_mut(&coa).unwrap().status = Status::Claimed;
    let c = compare_with(&bank, &old, &new, &recorded(&old.annex.evidence), &rehashed);
    assert_eq!(c.questions.len(), 1);
    assert_eq!(c.questions[0].direction, Direction::Worse);
}

#[test]
fn the_verdict_going_up_is_worse_and_an_open_question_answered_is_not() {
    let v = |before, after| VerdictChange { before, after }.direction();
    assert_eq!(
        v((Level::Green, false), (Level::Amber, false)),
        Direction::Worse
    );
    assert_eq!(
        v((Level::Amber, true), (Level::Red, false)),
        Direction::Worse
    );
    assert_eq!(
        v((Level::Red, false), (Level::Amber, true)),
        Direction::Better
    );
    assert_eq!(
        v((Level::Amber, true), (Level::Amber, false)),
        Direction::Neither
    );
    // An important question open again, at the same level.
    assert_eq!(
        v((Level::Amber, false), (Level::Amber, true)),
        Direction::Worse
    );
}

#[test]
fn a_rule_that_fires_now_is_new_and_worse() {
    let bank = load_builtin();
    let old = patient(
        &bank,
        &with(&[
            ("delivery.route", "injection"),
            ("regulatory.study", "registered-ind-free"),
        ]),
    );
    let new = patient(
        &bank,
        &with(&[
            ("delivery.route", "injection"),
            ("regulatory.study", "not-a-study"),
        ]),
    );
    let c = compare(&bank, &old, &new);
    assert_eq!(c.new_rules.len(), 1);
    let rule = c.new_rules[0].rule().unwrap();
    assert_eq!(bank.rules[rule].id, "injection-outside-trial");
    assert!(c.worse());
    let back = compare(&bank, &new, &old);
    assert_eq!(back.resolved_rules.len(), 1);
    assert!(back.new_rules.is_empty());
}

#[test]
fn subjects_are_compared_trimmed_and_without_case() {
    let bank = load_builtin();
    let a = patient(&bank, &BASE);
    let mut b = a.clone();
    b.meta.subject = "  glow MED spa ".to_owned();
    assert!(!compare(&bank, &a, &b).subject_differs());
    b.meta.subject = "Glow Clinic".to_owned();
    assert!(compare(&bank, &a, &b).subject_differs());
    let c = file(&bank, Audience::Coordinator, &BASE);
    assert!(compare(&bank, &a, &c).audience_differs());
}

#[test]
fn the_attestation_added_is_a_change_and_not_worse() {
    let bank = load_builtin();
    let old = file(&bank, Audience::Coordinator, &BASE);
    let mut new = old.clone();
    new.annex.attestation = Some(crate::answers::Attestation {
        name: "Jane Roe".into(),
        role: "Head of Quality".into(),
        organization: "Vendor A Inc.".into(),
        date: "2026-12-01".into(),
        statement: String::new(),
    });
    let c = compare(&bank, &old, &new);
    assert!(c.attestation.is_some() && !c.is_empty() && !c.worse());
}
