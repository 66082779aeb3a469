//! A file's answers packed into a few bytes each, with the flag each counted with in the
//! file's verdict, for the CSV: it lists every answer of every file in rank order, so they
//! are kept until all files are ranked, and a parsed `Answers` costs about 2 KB a file where
//! this costs about 100 bytes. The flags are the verdict's own (`--require-evidence`
//! included): the CSV never works one out again.

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, Flag, QuestionId};
use crate::score::{Cause, Finding};

/// Each answer is its question's index, a tag, and what the tag needs, then how it counted
/// ([`Counted`]); numbers as LEB128.
#[derive(Debug, Clone, PartialEq)]
pub struct Packed(Box<[u8]>);

/// How an answer counted in its file's verdict.
#[derive(Debug, Clone, PartialEq)]
pub enum Counted {
    /// Counted, with no flag (a note, a refusal the bank does not flag, `na`).
    NoFlag,
    /// Counted with this flag and cause.
    Flag(Finding),
    /// Kept in the file, not counted: its question does not apply.
    Kept,
}

/// The answers as they were packed, and how each counted, by question index.
pub struct Unpacked {
    pub answers: Answers,
    pub counted: Vec<Option<Counted>>,
}

const NO_FLAG: u8 = 0;
const FLAGGED: u8 = 1;
const KEPT: u8 = 2;

const CHOICE: u8 = 0;
const CHOICES: u8 = 1;
const NUMBER: u8 = 2;
const TEXT: u8 = 3;
const REFUSED: u8 = 4;
const NOT_APPLICABLE: u8 = 5;

impl Packed {
    /// `answers`, each with how it counted (`counted(id)`).
    pub fn new(answers: &Answers, counted: impl Fn(QuestionId) -> Counted) -> Self {
        let mut out = Vec::new();
        for (id, answer) in answers.answered() {
            push_number(&mut out, id.0);
            match answer {
                Answer::Choice(i) => {
                    out.push(CHOICE);
                    push_number(&mut out, *i);
                }
                Answer::Choices(is) => {
                    out.push(CHOICES);
                    push_number(&mut out, is.len());
                    for i in is {
                        push_number(&mut out, *i);
                    }
                }
                Answer::Number(n) => {
                    out.push(NUMBER);
                    out.extend_from_slice(&n.to_le_bytes());
                }
                Answer::Text(t) => {
                    out.push(TEXT);
                    push_number(&mut out, t.len());
                    out.extend_from_slice(t.as_bytes());
                }
                Answer::Refused => out.push(REFUSED),
                Answer::NotApplicable => out.push(NOT_APPLICABLE),
            }
            push_counted(&mut out, &counted(id));
        }
        Self(out.into_boxed_slice())
    }

    /// The answers as they were packed, and how each counted.
    pub fn unpack(&self, bank: &Bank) -> Unpacked {
        let mut unpacked = Unpacked {
            answers: Answers::empty(bank),
            counted: vec![None; bank.questions.len()],
        };
        let mut bytes = Reader(&self.0);
        while let Some((id, answer, counted)) = bytes.answer() {
            unpacked.answers.set(id, Some(answer));
            if let Some(slot) = unpacked.counted.get_mut(id.0) {
                *slot = Some(counted);
            }
        }
        unpacked
    }
}

fn push_counted(out: &mut Vec<u8>, counted: &Counted) {
    let f = match counted {
        Counted::NoFlag => return out.push(NO_FLAG),
        Counted::Kept => return out.push(KEPT),
        Counted::Flag(f) => f,
    };
    out.push(FLAGGED);
    out.push(match f.flag {
        Flag::Green => 0,
        Flag::Amber => 1,
        Flag::Red => 2,
        Flag::Critical => 3,
    });
    match &f.cause {
        Cause::Refused => out.push(0),
        Cause::Choice(i) => {
            out.push(1);
            push_number(out, *i);
        }
        Cause::Choices(is) => {
            out.push(2);
            push_number(out, is.len());
            for i in is {
                push_number(out, *i);
            }
        }
        Cause::Band(i) => {
            out.push(3);
            push_number(out, *i);
        }
        Cause::NotShown => out.push(4),
        Cause::Rule(r) => {
            out.push(5);
            push_number(out, *r);
        }
    }
}

fn push_number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        // The low seven bits, with the high bit saying more follow.
        out.push(u8::try_from(n & 0x7f).unwrap_or(0) | 0x80);
        n >>= 7;
    }
    out.push(u8::try_from(n).unwrap_or(0));
}

/// The bytes not read yet.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn number(&mut self) -> Option<usize> {
        let mut n = 0;
        for shift in (0..usize::BITS).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn counted(&mut self, question: QuestionId) -> Option<Counted> {
        Some(match self.byte()? {
            NO_FLAG => Counted::NoFlag,
            KEPT => Counted::Kept,
            FLAGGED => {
                let flag = match self.byte()? {
                    0 => Flag::Green,
                    1 => Flag::Amber,
                    2 => Flag::Red,
                    3 => Flag::Critical,
                    _ => return None,
                };
                let cause = match self.byte()? {
                    0 => Cause::Refused,
                    1 => Cause::Choice(self.number()?),
                    2 => {
                        let n = self.number()?;
                        Cause::Choices((0..n).map(|_| self.number()).collect::<Option<_>>()?)
                    }
                    3 => Cause::Band(self.number()?),
                    4 => Cause::NotShown,
                    5 => Cause::Rule(self.number()?),
                    _ => return None,
                };
                Counted::Flag(Finding {
                    question,
                    flag,
                    cause,
                })
            }
            _ => return None,
        })
    }

    fn answer(&mut self) -> Option<(QuestionId, Answer, Counted)> {
        let id = QuestionId(self.number()?);
        let answer = match self.byte()? {
            CHOICE => Answer::Choice(self.number()?),
            CHOICES => {
                let n = self.number()?;
                Answer::Choices((0..n).map(|_| self.number()).collect::<Option<_>>()?)
            }
            NUMBER => Answer::Number(f64::from_le_bytes(self.take(8)?.try_into().ok()?)),
            TEXT => {
                let n = self.number()?;
                Answer::Text(std::str::from_utf8(self.take(n)?).ok()?.to_owned())
            }
            REFUSED => Answer::Refused,
            NOT_APPLICABLE => Answer::NotApplicable,
            _ => return None,
        };
        let counted = self.counted(id)?;
        Some((id, answer, counted))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::bank::load_builtin;

    fn answer() -> impl Strategy<Value = Answer> {
        prop_oneof![
            any::<usize>().prop_map(Answer::Choice),
            proptest::collection::vec(any::<usize>(), 0..6).prop_map(Answer::Choices),
            any::<f64>()
                .prop_filter("answers hold no NaN", |n| !n.is_nan())
                .prop_map(Answer::Number),
            ".{0,300}".prop_map(Answer::Text),
            Just(Answer::Refused),
            Just(Answer::NotApplicable),
        ]
    }

    proptest! {
        #[test]
        fn any_answers_unpack_as_they_were(
            values in proptest::collection::vec(proptest::option::of(answer()), 0..44)
        ) {
            let bank = load_builtin();
            let mut answers = Answers::empty(&bank);
            for (id, value) in bank.ids().zip(values) {
                answers.set(id, value);
            }
            prop_assert_eq!(Packed::new(&answers, |_| Counted::NoFlag).unpack(&bank).answers, answers);
        }
    }

    #[test]
    fn answers_unpack_as_they_were() {
        let bank = load_builtin();
        let mut answers = Answers::empty(&bank);
        let values = [
            Answer::Choice(3),
            Answer::Choices(vec![0, 2, 200]),
            Answer::Number(900.5),
            Answer::Number(-0.0),
            Answer::Text("Brand X, lot 42 — “é” 漢字".repeat(9)),
            Answer::Text(String::new()),
            Answer::Refused,
            Answer::NotApplicable,
            Answer::Choice(130_000),
        ];
        let mut ids = bank.ids().step_by(3);
        for value in values {
            answers.set(ids.next().unwrap(), Some(value));
        }
        let packed = Packed::new(&answers, |_| Counted::NoFlag);
        assert_eq!(packed.unpack(&bank).answers, answers);
        assert!(packed.0.len() < 400, "{} bytes", packed.0.len());
        assert_eq!(
            Packed::new(&Answers::empty(&bank), |_| Counted::Kept)
                .unpack(&bank)
                .answers,
            Answers::empty(&bank)
        );
    }

    #[test]
    fn how_each_answer_counted_unpacks_as_it_was() {
        let bank = load_builtin();
        let mut answers = Answers::empty(&bank);
        let ids: Vec<QuestionId> = bank.ids().take(7).collect();
        for id in &ids {
            answers.set(*id, Some(Answer::Refused));
        }
        let causes = [
            Cause::Refused,
            Cause::Choice(300),
            Cause::Choices(vec![1, 4, 200]),
            Cause::Band(2),
            Cause::NotShown,
            Cause::Rule(9),
        ];
        let counted = |id: QuestionId| match ids.iter().position(|i| *i == id) {
            Some(0) => Counted::Kept,
            Some(n) => Counted::Flag(Finding {
                question: id,
                flag: [Flag::Green, Flag::Amber, Flag::Red, Flag::Critical][n % 4],
                cause: causes[n - 1].clone(),
            }),
            None => Counted::NoFlag,
        };
        let unpacked = Packed::new(&answers, counted).unpack(&bank);
        for id in &ids {
            assert_eq!(unpacked.counted[id.0], Some(counted(*id)), "{id:?}");
        }
    }
}
