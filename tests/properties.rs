//! Property tests: scoring invariants over random answers to the built-in bank, and saved answers read back (the loaders fed garbage are in `tests/fuzz.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use exovet::answers::{self, Answer, AnswerFile, Answers, Meta};
use exovet::bank::{self, Audience, Bank, Flag, Kind, QuestionId};
use exovet::score::{Level, flag_of, score, visible};
use exovet::source::SourceText;
use proptest::prelude::*;
use proptest::sample::Index;

fn bank() -> Bank {
    bank::load_builtin()
}

/// For each question: a choice of answer, interpreted against the bank by [`build`].
#[derive(Debug, Clone)]
enum Pick {
    NotAsked,
    Refused,
    Na,
    Option(Index),
    Options(Vec<Index>),
    Number(f64),
    Text(String),
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        3 => Just(Pick::NotAsked),
        1 => Just(Pick::Refused),
        1 => Just(Pick::Na),
        4 => any::<Index>().prop_map(Pick::Option),
        2 => prop::collection::vec(any::<Index>(), 1..4).prop_map(Pick::Options),
        1 => (0.0..120_000.0f64).prop_map(Pick::Number),
        1 => "[a-z ]{0,12}".prop_map(Pick::Text),
    ]
}

fn audience() -> impl Strategy<Value = Audience> {
    prop_oneof![Just(Audience::Patient), Just(Audience::Coordinator)]
}

/// Turns picks into answers that are valid for each question's kind.
fn build(bank: &Bank, picks: &[Pick]) -> Answers {
    let mut a = Answers::empty(bank);
    for (q, p) in bank.questions.iter().zip(picks) {
        let id = bank.find(&q.id).unwrap();
        let answer = match (p, &q.kind) {
            (Pick::Refused, _) => Some(Answer::Refused),
            (Pick::Na, _) if q.allow_na => Some(Answer::NotApplicable),
            (Pick::Option(i), Kind::Single(cs)) => Some(Answer::Choice(i.index(cs.len()))),
            (Pick::Options(is), Kind::Single(cs)) => Some(Answer::Choice(is[0].index(cs.len()))),
            (Pick::Option(i), Kind::Multiple(cs)) => Some(Answer::Choices(vec![i.index(cs.len())])),
            (Pick::Options(is), Kind::Multiple(cs)) => {
                let mut v: Vec<usize> = is.iter().map(|i| i.index(cs.len())).collect();
                v.sort_unstable();
                v.dedup();
                Some(Answer::Choices(v))
            }
            (Pick::Number(n), Kind::Number(spec)) => {
                Some(Answer::Number(n.clamp(spec.min, spec.max)))
            }
            (Pick::Text(t), Kind::Text) => Some(Answer::Text(t.clone())),
            _ => None,
        };
        a.set(id, answer);
    }
    a
}

fn answers_for(bank: &Bank) -> impl Strategy<Value = Answers> + use<> {
    let b = bank.clone();
    prop::collection::vec(pick(), bank.questions.len()).prop_map(move |p| build(&b, &p))
}

/// Every answer to question `id` whose flag is worse than `flag`.
fn worse_answers(bank: &Bank, id: QuestionId, than: Flag) -> Vec<Answer> {
    let q = bank.question(id);
    let mut out: Vec<Answer> = match &q.kind {
        Kind::Single(cs) => (0..cs.len()).map(Answer::Choice).collect(),
        Kind::Multiple(cs) => (0..cs.len()).map(|i| Answer::Choices(vec![i])).collect(),
        Kind::Number(n) => n.bands.iter().map(|b| Answer::Number(b.max)).collect(),
        Kind::Text => Vec::new(),
    };
    out.push(Answer::Refused);
    out.retain(|a| flag_of(bank, id, a).is_some_and(|f| f.flag > than));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_critical_red_is_always_red(
        (b, a) in Just(bank()).prop_flat_map(|b| { let s = answers_for(&b); (Just(b), s) }),
        aud in audience(),
        which in any::<Index>(),
    ) {
        let shown = visible(&b, &a, aud);
        // Questions on screen that have a critical option.
        let candidates: Vec<(QuestionId, usize)> = b.ids()
            .filter(|id| shown[id.0])
            .flat_map(|id| b.question(id).kind.choices().iter().enumerate()
                .filter(|(_, c)| c.flag == Flag::Critical)
                .map(move |(i, _)| (id, i)))
            .collect();
        prop_assume!(!candidates.is_empty());
        let (id, option) = candidates[which.index(candidates.len())];
        let mut a = a;
        let answer = match b.question(id).kind {
            Kind::Multiple(_) => Answer::Choices(vec![option]),
            _ => Answer::Choice(option),
        };
        a.set(id, Some(answer));
        prop_assert_eq!(score(&b, &a, aud).level, Level::Red);
    }

    #[test]
    fn a_worse_answer_never_improves_the_verdict_or_the_score(
        (b, a) in Just(bank()).prop_flat_map(|b| { let s = answers_for(&b); (Just(b), s) }),
        aud in audience(),
        which in any::<Index>(),
        how in any::<Index>(),
    ) {
        let shown = visible(&b, &a, aud);
        let flagged: Vec<(QuestionId, Flag)> = a.answered()
            .filter(|(id, _)| shown[id.0])
            .filter_map(|(id, ans)| flag_of(&b, id, ans).map(|f| (id, f.flag)))
            .collect();
        prop_assume!(!flagged.is_empty());
        let (id, flag) = flagged[which.index(flagged.len())];
        let worse = worse_answers(&b, id, flag);
        prop_assume!(!worse.is_empty());
        let mut after = a.clone();
        after.set(id, Some(worse[how.index(worse.len())].clone()));
        // A worse answer that hides a question (a non-human source hides the donor
        // questions) changes which questions apply; that is not a worse answer set.
        prop_assume!(visible(&b, &after, aud) == shown);
        let (v0, v1) = (score(&b, &a, aud), score(&b, &after, aud));
        prop_assert!(v1.level >= v0.level, "verdict {:?} became {:?}", v0.level, v1.level);
        prop_assert!(v1.score <= v0.score, "score {} became {}", v0.score, v1.score);
    }

    #[test]
    fn verdicts_are_well_formed(
        (b, a) in Just(bank()).prop_flat_map(|b| { let s = answers_for(&b); (Just(b), s) }),
        aud in audience(),
    ) {
        let v = score(&b, &a, aud);
        prop_assert!(v.score <= 100);
        prop_assert!(v.findings.windows(2).all(|w| w[0].flag >= w[1].flag));
        prop_assert!(v.answered <= v.countable);
        if v.level == Level::Green {
            prop_assert!(v.findings.iter().all(|f| !f.flag.is_red()));
            let keys_green = b.questions.iter().filter(|q| q.key).all(|q| {
                let id = b.find(&q.id).unwrap();
                a.get(id).and_then(|ans| flag_of(&b, id, ans)).is_some_and(|f| f.flag == Flag::Green)
            });
            prop_assert!(keys_green, "a green verdict with a key question not green");
        }
        let key_open = b.questions.iter().any(|q| q.key && a.get(b.find(&q.id).unwrap()).is_none());
        prop_assert_eq!(v.incomplete, v.level == Level::Amber && key_open);
    }

    #[test]
    fn saved_answers_read_back_the_same(
        (b, a) in Just(bank()).prop_flat_map(|b| { let s = answers_for(&b); (Just(b), s) }),
        aud in audience(),
        subject in "[ -~]{0,30}",
    ) {
        let file = AnswerFile { meta: Meta::new(&b, aud, subject.clone()), answers: a.clone(), reasked: Vec::new() };
        let text = answers::to_toml(&b, &file);
        let loaded = answers::parse(&SourceText::new("a.toml", text.clone()), &b)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        prop_assert_eq!(&loaded.file.meta.subject, &subject);
        prop_assert_eq!(loaded.file.meta.audience, aud);
        let shown = visible(&b, &a, aud);
        for id in b.ids() {
            let expected = if shown[id.0] { a.get(id) } else { None };
            prop_assert_eq!(loaded.file.answers.get(id), expected, "{}", b.question(id).id);
        }
        prop_assert_eq!(score(&b, &loaded.file.answers, aud), score(&b, &a, aud));
    }

}

#[test]
fn an_empty_answers_file_is_never_green() {
    let b = bank();
    for aud in Audience::ALL {
        let v = score(&b, &Answers::empty(&b), aud);
        assert_eq!(v.level, Level::Amber);
        assert!(v.incomplete);
        assert_eq!(v.score, 0);
    }
}
