//! A file's answers packed into a few bytes each, for the CSV: it lists every answer of
//! every file in rank order, so they are kept until all files are ranked, and a parsed
//! `Answers` costs about 2 KB a file where this costs about 100 bytes.

use crate::answers::{Answer, Answers};
use crate::bank::{Bank, QuestionId};

/// Each answer is its question's index, a tag, and what the tag needs, numbers as LEB128.
#[derive(Debug, Clone, PartialEq)]
pub struct Packed(Box<[u8]>);

const CHOICE: u8 = 0;
const CHOICES: u8 = 1;
const NUMBER: u8 = 2;
const TEXT: u8 = 3;
const REFUSED: u8 = 4;
const NOT_APPLICABLE: u8 = 5;

impl Packed {
    pub fn new(answers: &Answers) -> Self {
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
        }
        Self(out.into_boxed_slice())
    }

    /// The answers as they were packed.
    pub fn unpack(&self, bank: &Bank) -> Answers {
        let mut answers = Answers::empty(bank);
        let mut bytes = Reader(&self.0);
        while let Some((id, answer)) = bytes.answer() {
            answers.set(id, Some(answer));
        }
        answers
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

    fn answer(&mut self) -> Option<(QuestionId, Answer)> {
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
        Some((id, answer))
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
            prop_assert_eq!(Packed::new(&answers).unpack(&bank), answers);
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
        let packed = Packed::new(&answers);
        assert_eq!(packed.unpack(&bank), answers);
        assert!(packed.0.len() < 400, "{} bytes", packed.0.len());
        assert_eq!(
            Packed::new(&Answers::empty(&bank)).unpack(&bank),
            Answers::empty(&bank)
        );
    }
}
