//! What the screen holds at the wizard's place: a choice list, a field, the review or the
//! verdict. Built from the wizard each time the place changes, never patched to match it.

use crate::answers::{Answer, example};
use crate::answers::{Item, items};
use crate::bank::{Kind, QuestionId};
use crate::wizard::{Place, Wizard};

#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    Choice(Choice),
    Field(Field),
    /// Row 0 is "Show the verdict", row `i + 1` visible question `i`, then the answers kept
    /// but not counted.
    Review {
        cursor: usize,
    },
    Verdict {
        scroll: u16,
    },
}

/// A single or multiple choice question: its answer list, the cursor and the ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub question: QuestionId,
    pub items: Vec<Item>,
    pub multiple: bool,
    /// Index into `items`.
    pub cursor: usize,
    /// Ticked options, in multiple choice; Enter records them.
    pub ticks: Vec<usize>,
    /// Letters were typed here, where answers are chosen, not typed: they go nowhere until
    /// a key that moves (see `keys::Focus::Stray`), and each says this again, so what the
    /// first one said stays on screen while the rest of the sentence comes.
    pub stray: Option<String>,
    /// The last key was `n` or `r` and marked this question, so a letter right after it
    /// shows the mark was the start of a word typed by mistake.
    pub marked_by_letter: bool,
}

/// A number or text question: the field, and the reserved answers listed under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub question: QuestionId,
    pub number: bool,
    pub text: String,
    /// "Not asked yet", and "refused" and "not applicable" where the bank offers them.
    pub reserved: Vec<Item>,
    pub focus: FieldFocus,
    /// A reserved answer chosen while the field holds text: the text is cleared only when
    /// it is chosen again.
    pub confirm: Option<Item>,
    /// What a number field made of a key it could not take after a number.
    pub typed: Typed,
    /// The text as it was before Ctrl-U or Ctrl-W took some away, for Ctrl-Z to bring back
    /// until something more is typed.
    pub erased: Option<String>,
    /// A key has typed or deleted here since the question opened: from now on Ctrl-Z takes
    /// back only changes to this question.
    pub edited: bool,
}

/// A number field after a key it could not take, typed after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// Nothing refused: what is in the field is the number.
    Number,
    /// A letter or a word was refused after the number ("3.5k", "900 dollars"): Enter shows
    /// the number alone to confirm, and a digit typed next starts a second number.
    Gap,
    /// A range was refused (`$450-600`, or a second number after a word): nothing more is
    /// typed until the field is corrected, so two numbers never run together into one.
    Held,
}

/// Which part of a field question has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldFocus {
    Text,
    /// An index into `Field::reserved`.
    Reserved(usize),
}

/// A line of the review the cursor can be on, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRow {
    Verdict,
    /// Who is vetted: Enter changes the name.
    Subject,
    Question(QuestionId),
    /// An answer kept but not counted: Enter or n clears it.
    Kept(QuestionId),
}

/// The review's rows: the verdict, the name, each visible question, then each answer kept
/// but not counted.
pub fn review_rows(wizard: &Wizard<'_>) -> Vec<ReviewRow> {
    let mut rows = vec![ReviewRow::Verdict, ReviewRow::Subject];
    rows.extend(wizard.visible().into_iter().map(ReviewRow::Question));
    rows.extend(wizard.kept().into_iter().map(ReviewRow::Kept));
    rows
}

impl Page {
    /// The page for where the wizard is, with its answer shown.
    pub fn at(wizard: &Wizard<'_>) -> Self {
        match wizard.place() {
            Place::Question(q) => Self::question(wizard, q),
            // Opens on "Show the verdict", so Enter alone walks to the verdict.
            Place::Review => Page::Review { cursor: 0 },
            Place::Verdict => Page::Verdict { scroll: 0 },
        }
    }

    fn question(wizard: &Wizard<'_>, q: QuestionId) -> Self {
        let kind = &wizard.bank().question(q).kind;
        let list = items(wizard.bank(), q);
        let answer = wizard.answer(q);
        let shown = Item::of(answer);
        match kind {
            Kind::Single(_) | Kind::Multiple(_) => Page::Choice(Choice {
                question: q,
                // Never start on an option that carries a flag unless it was chosen.
                cursor: list
                    .iter()
                    .position(|i| Some(*i) == shown)
                    .or_else(|| list.iter().position(|i| *i == Item::NotAsked))
                    .unwrap_or(0),
                ticks: match answer {
                    Some(Answer::Choices(is)) => is.clone(),
                    _ => Vec::new(),
                },
                multiple: matches!(kind, Kind::Multiple(_)),
                items: list,
                stray: None,
                marked_by_letter: false,
            }),
            Kind::Number(_) | Kind::Text => {
                let reserved: Vec<Item> = list
                    .into_iter()
                    .filter(|i| !matches!(i, Item::Option(_)))
                    .collect();
                // A refusal or "not applicable" given before has the cursor; otherwise the field.
                let focus = match answer {
                    Some(Answer::Refused | Answer::NotApplicable) => reserved
                        .iter()
                        .position(|i| Some(*i) == shown)
                        .map_or(FieldFocus::Text, FieldFocus::Reserved),
                    _ => FieldFocus::Text,
                };
                Page::Field(Field {
                    question: q,
                    number: matches!(kind, Kind::Number(_)),
                    text: match answer {
                        Some(Answer::Number(v)) => example(*v),
                        Some(Answer::Text(t)) => t.clone(),
                        _ => String::new(),
                    },
                    reserved,
                    focus,
                    confirm: None,
                    typed: Typed::Number,
                    erased: None,
                    edited: false,
                })
            }
        }
    }

    /// The wizard's place this page was built for.
    pub fn place(&self) -> Place {
        match self {
            Page::Choice(c) => Place::Question(c.question),
            Page::Field(f) => Place::Question(f.question),
            Page::Review { .. } => Place::Review,
            Page::Verdict { .. } => Place::Verdict,
        }
    }
}

impl Field {
    /// Whether the field holds text a reserved answer would clear.
    pub fn holds_text(&self) -> bool {
        !self.text.trim().is_empty()
    }
}
