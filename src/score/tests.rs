//! Unit tests of the verdict rules on a small bank built for them.

use super::*;
use crate::bank::{self, Bank, Kind};
use crate::source::SourceText;

/// Two key questions, a conditional follow-up, a number, a text question and
/// a patient-only question: enough to exercise every rule.
const BANK: &str = r#"
[bank]
id = "t"
version = "1.0.0"
title = "T"
disclaimer = "Not medical advice."

[scoring]
key = ["k.one", "k.multi"]

[[section]]
id = "k"
title = "Key"
intro = "i"

[[section]]
id = "o"
title = "Other"
intro = "i"

[[question]]
id = "k.one"
section = "k"
audience = "both"
kind = "single"
weight = 3
prompt = "p"
help = "h"
ask = "ask one"
sources = ["s"]
[[question.option]]
id = "g"
label = "G"
flag = "green"
why = "good"
[[question.option]]
id = "a"
label = "A"
flag = "amber"
why = "meh"
[[question.option]]
id = "r"
label = "R"
flag = "red"
why = "bad"
sources = ["s"]
[[question.option]]
id = "x"
label = "X"
flag = "red"
critical = true
why = "knock-out"
sources = ["s"]

[[question]]
id = "k.multi"
section = "k"
audience = "both"
kind = "multiple"
prompt = "p"
help = "h"
ask = "ask multi"
sources = ["s"]
[[question.option]]
id = "g"
label = "G"
flag = "green"
why = "good"
[[question.option]]
id = "a"
label = "A"
flag = "amber"
why = "meh"
[[question.option]]
id = "r"
label = "R"
flag = "red"
why = "bad"
sources = ["s"]

[[question]]
id = "o.follow"
section = "o"
audience = "both"
kind = "single"
prompt = "p"
help = "h"
ask = "ask follow"
sources = ["s"]
show_if = { question = "k.one", any_of = ["g"] }
[[question.option]]
id = "g"
label = "G"
flag = "green"
why = "good"
[[question.option]]
id = "r"
label = "R"
flag = "red"
why = "bad"
sources = ["s"]

[[question]]
id = "o.num"
section = "o"
audience = "both"
kind = "number"
unit = "USD"
min = 0
max = 100
prompt = "p"
help = "h"
ask = "ask num"
sources = ["s"]
allow_na = true
[[question.band]]
min = 0
max = 50
flag = "green"
why = "cheap"
[[question.band]]
min = 50
max = 100
flag = "amber"
why = "dear"

[[question]]
id = "o.patient"
section = "o"
audience = "patient"
kind = "single"
prompt = "p"
help = "h"
ask = "ask patient"
sources = ["s"]
[[question.option]]
id = "g"
label = "G"
flag = "green"
why = "good"
[[question.option]]
id = "a"
label = "A"
flag = "amber"
why = "meh"

[[question]]
id = "o.text"
section = "o"
audience = "both"
kind = "text"
prompt = "p"
help = "h"
"#;

fn bank() -> Bank {
    bank::parse(&SourceText::new("t.toml", BANK)).unwrap().bank
}

/// Answers from `(question id, answer)` pairs, with option ids resolved.
fn answers(bank: &Bank, pairs: &[(&str, &str)]) -> Answers {
    let mut a = Answers::empty(bank);
    for (id, value) in pairs {
        let qid = bank.find(id).unwrap();
        let q = bank.question(qid);
        let answer = match (*value, &q.kind) {
            ("refused", _) => Answer::Refused,
            ("na", _) => Answer::NotApplicable,
            (v, Kind::Number(_)) => Answer::Number(v.parse().unwrap()),
            (v, Kind::Text) => Answer::Text(v.to_owned()),
            (v, Kind::Multiple(_)) => {
                Answer::Choices(v.split(',').map(|o| q.choice_index(o).unwrap()).collect())
            }
            (v, Kind::Single(_)) => Answer::Choice(q.choice_index(v).unwrap()),
        };
        a.set(qid, Some(answer));
    }
    a
}

fn verdict(pairs: &[(&str, &str)]) -> Verdict {
    let b = bank();
    score(&b, &answers(&b, pairs), Audience::Patient)
}

const ALL_GREEN: [(&str, &str); 5] = [
    ("k.one", "g"),
    ("k.multi", "g"),
    ("o.follow", "g"),
    ("o.num", "10"),
    ("o.patient", "g"),
];

#[test]
fn all_green_with_full_coverage_is_green() {
    let v = verdict(&ALL_GREEN);
    assert_eq!(v.level, Level::Green);
    assert!(v.rules.is_empty());
    assert_eq!(v.score, 100);
    assert!(v.follow_up.is_empty());
}

#[test]
fn one_critical_red_is_red_whatever_else() {
    let v = verdict(&[
        ("k.one", "x"),
        ("k.multi", "g"),
        ("o.num", "10"),
        ("o.patient", "g"),
    ]);
    assert_eq!(v.level, Level::Red);
    assert_eq!(v.rules, vec![Rule::Critical(1)]);
    assert_eq!(v.findings[0].flag, Flag::Critical);
    assert_eq!(v.findings[0].why(&bank()), "knock-out");
}

#[test]
fn one_plain_red_is_amber_and_two_are_red() {
    let one = verdict(&[
        ("k.one", "g"),
        ("k.multi", "r"),
        ("o.follow", "g"),
        ("o.num", "10"),
        ("o.patient", "g"),
    ]);
    assert_eq!(one.level, Level::Amber);
    assert!(one.rules.contains(&Rule::OneRed));
    let two = verdict(&[
        ("k.one", "r"),
        ("k.multi", "r"),
        ("o.num", "10"),
        ("o.patient", "g"),
    ]);
    assert_eq!(two.level, Level::Red);
    assert_eq!(
        two.rules,
        vec![Rule::Reds {
            count: 2,
            red_at: 2
        }]
    );
}

#[test]
fn multiple_choice_takes_its_worst_option() {
    let v = verdict(&[("k.one", "g"), ("k.multi", "g,a")]);
    let f = v.findings.iter().find(|f| f.why(&bank()) == "meh").unwrap();
    assert_eq!(f.flag, Flag::Amber);
}

#[test]
fn a_key_question_not_asked_makes_an_incomplete_amber() {
    let v = verdict(&[
        ("k.one", "g"),
        ("o.follow", "g"),
        ("o.num", "10"),
        ("o.patient", "g"),
    ]);
    assert_eq!(v.level, Level::Amber);
    assert!(v.incomplete);
    let b = bank();
    let multi = b.find("k.multi").unwrap();
    assert_eq!(v.rules, vec![Rule::GateNotAsked(multi)]);
    assert_eq!(
        v.follow_up,
        vec![FollowUp {
            question: multi,
            open: Open::Gate
        }]
    );
}

#[test]
fn a_key_question_answered_amber_blocks_green_but_is_not_incomplete() {
    let v = verdict(&[
        ("k.one", "a"),
        ("k.multi", "g"),
        ("o.num", "10"),
        ("o.patient", "g"),
    ]);
    assert_eq!(v.level, Level::Amber);
    assert!(!v.incomplete);
}

#[test]
fn refused_on_a_key_question_is_a_critical_red_and_elsewhere_its_worst_honest_answer() {
    let key = verdict(&[("k.one", "refused"), ("k.multi", "g")]);
    assert_eq!(key.level, Level::Red);
    // o.follow's worst option is red: refusing it is red too, never better.
    let red = verdict(&[
        ("k.one", "g"),
        ("k.multi", "g"),
        ("o.follow", "refused"),
        ("o.num", "10"),
        ("o.patient", "g"),
    ]);
    assert_eq!(red.level, Level::Amber, "{:?}", red.rules);
    assert_eq!(red.count(Flag::Red), 1);
    assert_eq!(red.rules, vec![Rule::OneRed]);
    // o.patient's worst is amber: refusing it is amber.
    let amber = verdict(&[
        ("k.one", "g"),
        ("k.multi", "g"),
        ("o.follow", "g"),
        ("o.num", "10"),
        ("o.patient", "refused"),
    ]);
    assert_eq!(amber.level, Level::Green, "{:?}", amber.rules);
    assert_eq!(amber.count(Flag::Amber), 1);
}

#[test]
fn more_than_two_ambers_is_amber() {
    let v = verdict(&[
        ("k.one", "g"),
        ("k.multi", "a"),
        ("o.follow", "g"),
        ("o.num", "90"),
        ("o.patient", "a"),
    ]);
    assert_eq!(v.level, Level::Amber);
    assert_eq!(
        v.rules,
        vec![
            Rule::KeyNotGreen(bank().find("k.multi").unwrap()),
            Rule::TooManyAmbers { count: 3, max: 2 }
        ]
    );
}

#[test]
fn green_needs_sixty_percent_answered_and_refused_does_not_count() {
    // 5 scored questions visible; 2 answered is 40 %.
    let v = verdict(&[("k.one", "g"), ("k.multi", "g")]);
    assert_eq!(v.level, Level::Amber);
    assert_eq!(
        v.rules,
        vec![Rule::TooFewAnswered {
            percent: 40,
            min: 60
        }]
    );
    // 3 of 5 is 60 %: enough.
    assert_eq!(
        verdict(&[("k.one", "g"), ("k.multi", "g"), ("o.num", "1")]).level,
        Level::Green
    );
    // A refusal is not an answer: still 2 of 5.
    let refused = verdict(&[("k.one", "g"), ("k.multi", "g"), ("o.num", "refused")]);
    assert!(refused.rules.contains(&Rule::TooFewAnswered {
        percent: 40,
        min: 60
    }));
}

#[test]
fn na_and_text_answers_leave_the_coverage_but_count_as_answers() {
    // o.num is na and o.text is text: for green's coverage, 3 of the remaining 4 are
    // answered (75 %); every output counts all five as answered.
    let v = verdict(&[
        ("k.one", "g"),
        ("k.multi", "g"),
        ("o.num", "na"),
        ("o.follow", "g"),
        ("o.text", "hello"),
    ]);
    assert_eq!(v.answered, 5);
    assert!(v.countable >= 5);
    assert_eq!(v.level, Level::Green);
}

#[test]
fn hidden_questions_do_not_count() {
    // k.one amber hides o.follow, so its red answer is ignored.
    let v = verdict(&[("k.one", "a"), ("k.multi", "g"), ("o.follow", "r")]);
    assert_eq!(v.count(Flag::Red), 0);
    // A coordinator is never asked o.patient.
    let b = bank();
    let a = answers(
        &b,
        &[
            ("k.one", "g"),
            ("k.multi", "g"),
            ("o.follow", "g"),
            ("o.patient", "a"),
        ],
    );
    let v = score(&b, &a, Audience::Coordinator);
    assert_eq!(v.count(Flag::Amber), 0);
    assert_eq!(v.level, Level::Green);
}

#[test]
fn numbers_take_their_band_and_a_boundary_takes_the_lower_band() {
    assert_eq!(verdict(&[("o.num", "50")]).findings[0].flag, Flag::Green);
    assert_eq!(verdict(&[("o.num", "50.01")]).findings[0].flag, Flag::Amber);
}

#[test]
fn findings_are_worst_first_then_in_bank_order() {
    let v = verdict(&[
        ("k.one", "a"),
        ("k.multi", "r"),
        ("o.num", "90"),
        ("o.patient", "g"),
    ]);
    let flags: Vec<Flag> = v.findings.iter().map(|f| f.flag).collect();
    assert_eq!(flags, [Flag::Red, Flag::Amber, Flag::Amber, Flag::Green]);
    let b = bank();
    assert_eq!(v.findings[1].why(&b), "meh");
    assert_eq!(v.findings[2].why(&b), "dear");
}

#[test]
fn score_weighs_green_full_amber_half_red_nothing() {
    // k.one weight 3 amber (3 of 6), k.multi weight 1 green (2 of 2): 5 of 8 = 62.5 → 63.
    assert_eq!(verdict(&[("k.one", "a"), ("k.multi", "g")]).score, 63);
    assert_eq!(verdict(&[]).score, 0);
}

#[test]
fn sections_take_their_worst_flag_and_count_open_questions() {
    let v = verdict(&[("k.one", "g"), ("k.multi", "a")]);
    assert_eq!(v.sections[0].level, Some(Level::Amber));
    assert_eq!(v.sections[1].level, None);
    assert_eq!(v.sections[1].open, 3);
}

#[test]
fn the_embedded_bank_loads_and_validates() {
    let b = crate::bank::load_builtin();
    assert_eq!(b.id, "exosome-vetting");
    let keys: Vec<&str> = b
        .questions
        .iter()
        .filter(|q| q.key)
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "source.origin",
            "source.product_named",
            "delivery.route",
            "testing.coa",
            "claims.fda_status"
        ]
    );
}

#[test]
fn not_applicable_on_a_key_question_blocks_green() {
    let mut text = BANK.replace("weight = 3\n", "weight = 3\nallow_na = true\n");
    text.push('\n');
    let b = bank::parse(&SourceText::new("t.toml", text)).unwrap().bank;
    let a = answers(
        &b,
        &[
            ("k.one", "na"),
            ("k.multi", "g"),
            ("o.num", "1"),
            ("o.patient", "g"),
        ],
    );
    let v = score(&b, &a, Audience::Patient);
    assert_eq!(v.level, Level::Amber);
    assert_eq!(
        v.rules,
        vec![Rule::KeyNotApplicable(b.find("k.one").unwrap())]
    );
}

/// Issue 20: the verdict says where every question stands, once: the CSV, diff and the
/// wizard's review read it instead of working a flag out again.
#[test]
fn the_verdict_says_where_every_question_stands() {
    let b = bank();
    let id = |s: &str| b.find(s).unwrap();
    // k.one amber: o.follow's condition fails, so its red answer is kept but not counted.
    let a = answers(
        &b,
        &[
            ("k.one", "a"),
            ("o.follow", "r"),
            ("o.patient", "a"),
            ("o.text", "note"),
        ],
    );
    let v = score(&b, &a, Audience::Patient);
    assert_eq!(v.standing.len(), b.questions.len());
    let one = v.counted(id("k.one")).unwrap();
    assert_eq!((one.flag, &one.cause), (Flag::Amber, &Cause::Choice(1)));
    assert_eq!(
        v.standing[id("o.follow").0],
        Standing::Kept {
            flag: Some(Flag::Red),
            because: Because::Condition
        }
    );
    assert_eq!(
        v.standing[id("k.multi").0],
        Standing::Asked { finding: None }
    );
    assert_eq!(
        v.standing[id("o.text").0],
        Standing::Asked { finding: None }
    );
    assert!(v.counted(id("o.follow")).is_none());
    // Asked of patients only: hidden from a coordinator, and its answer kept.
    let c = score(&b, &a, Audience::Coordinator);
    assert!(matches!(
        c.standing[id("o.patient").0],
        Standing::Kept {
            because: Because::Audience,
            ..
        }
    ));
    // Each counted finding is where the standing points, rules aside.
    for (i, f) in v
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.rule().is_none())
    {
        assert_eq!(
            v.standing[f.question.0],
            Standing::Asked { finding: Some(i) }
        );
    }
}
