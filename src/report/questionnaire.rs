//! The blank questionnaire to print and take along: `exovet questions` in txt, md and html.
//!
//! One plain model of the form — numbered questions, their tick boxes and the
//! conditions in words — is built here; each format only lays it out. Flags
//! are deliberately not in the model: a blank form must not steer whoever
//! fills it in.

mod answers_file;
#[cfg(test)]
mod tests;
mod toml;
#[cfg(test)]
mod toml_tests;

use super::Format;
use crate::answers::Item;
use crate::bank::{Audience, Bank, Kind, NumberSpec, Question, QuestionId, Section};
use crate::doc::{self, Block, Doc, Run};
use crate::ui;

/// Every question asked of `audience`, with tick boxes and the "ask this" line.
pub fn render(bank: &Bank, audience: Audience, format: Format) -> String {
    let form = Form::new(bank, audience);
    // A page has no room for the answers file's ids: it names the command that lists them.
    let appendix = audience == Audience::Coordinator && format != Format::Html;
    doc::render(&form.doc(appendix), format)
}

/// The questionnaire as an answers file to send a vendor: every question as comments, its
/// answer line commented out, and a blank `[attestation]` to sign; `subject` names who answers.
pub fn answers_file(bank: &Bank, audience: Audience, subject: &str) -> String {
    let form = match audience {
        Audience::Coordinator => Form::for_vendor(bank),
        Audience::Patient => Form::new(bank, audience),
    };
    toml::render(&form, subject)
}

/// The questionnaire as every format lays it out.
struct Form<'b> {
    bank: &'b Bank,
    audience: Audience,
    /// The file sent to a vendor: the vendor's own words, and none of the coordinator's
    /// own checks.
    vendor: bool,
    /// Only sections with at least one question for the audience.
    sections: Vec<Part<'b>>,
}

struct Part<'b> {
    /// The section's index in the bank.
    index: usize,
    section: &'b Section,
    /// The coordinator's own checks, from public records, which come last and apart.
    check_yourself: bool,
    entries: Vec<Entry<'b>>,
}

impl Part<'_> {
    fn title(&self) -> &str {
        if self.check_yourself {
            crate::explain::CHECK_YOURSELF_TITLE
        } else {
            &self.section.title
        }
    }

    fn intro(&self) -> &str {
        if self.check_yourself {
            crate::explain::CHECK_YOURSELF_HOW
        } else {
            &self.section.intro
        }
    }
}

/// One numbered question of the printout.
struct Entry<'b> {
    /// 1-based, counted over the whole printout.
    number: usize,
    question: &'b Question,
    prompt: &'b str,
    /// `None` when it would only repeat the prompt (text questions without their own `ask`).
    ask: Option<&'b str>,
    /// The coordinator's own check, from public records: "Check:", not "Ask:".
    check_yourself: bool,
    /// How to answer ("tick one"), unless the prompt already says so.
    hint: Option<&'static str>,
    when: Option<When<'b>>,
    /// Where a number or words are written, before any boxes.
    write_in: WriteIn<'b>,
    /// A tick box per label: the options, then the reserved answers. A number
    /// question has them too, as "they would not say" is scored; text is not
    /// scored, and a box under a person's own notes would only puzzle.
    boxes: Vec<&'b str>,
}

/// "Only if the answer to question `number` was one of `labels`."
struct When<'b> {
    /// The earlier question's number in this printout.
    number: usize,
    multiple: bool,
    labels: Vec<&'b str>,
}

/// Room to write an answer in.
enum WriteIn<'b> {
    /// A choice question: the boxes are the answer.
    Nothing,
    /// One line, then the unit.
    Number(&'b NumberSpec),
    /// A few lines for words.
    Lines,
}

impl<'b> Form<'b> {
    fn new(bank: &'b Bank, audience: Audience) -> Self {
        Self::build(bank, audience, false)
    }

    /// The file a coordinator sends a vendor.
    fn for_vendor(bank: &'b Bank) -> Self {
        Self::build(bank, Audience::Coordinator, true)
    }

    fn build(bank: &'b Bank, audience: Audience, vendor: bool) -> Self {
        let mut asked: Vec<QuestionId> = bank
            .ids()
            .filter(|id| bank.question(*id).reach.includes(audience))
            .filter(|id| !(vendor && bank.question(*id).check_yourself(audience)))
            .collect();
        // The coordinator's own checks last, apart from what the vendor is asked.
        asked.sort_by_key(|id| bank.question(*id).check_yourself(audience));
        let number_of = |id: QuestionId| asked.iter().position(|a| *a == id).map(|i| i + 1);
        let mut sections: Vec<Part<'b>> = Vec::new();
        for (i, &id) in asked.iter().enumerate() {
            let q = bank.question(id);
            let prompt = if vendor {
                q.prompt_for_vendor()
            } else {
                q.prompt_for(audience)
            };
            // A text question's `ask` defaults to its (patient) prompt: not worth repeating.
            let ask = Some(q.ask_for(audience))
                .filter(|a| *a != prompt && !(matches!(q.kind, Kind::Text) && *a == q.prompt));
            let hint = hint(&q.kind, prompt);
            let when = q.show_if.as_ref().and_then(|c| {
                let target = bank.question(c.question);
                Some(When {
                    // Validation makes a condition look at a question asked of the
                    // same audiences; if it ever did not, the condition is left out
                    // rather than naming a question that is not on the page.
                    number: number_of(c.question)?,
                    multiple: matches!(target.kind, Kind::Multiple(_)),
                    labels: c
                        .any_of
                        .iter()
                        .filter_map(|o| target.kind.choices().get(*o))
                        .map(|choice| {
                            if vendor {
                                choice.label_for_vendor()
                            } else {
                                choice.label.as_str()
                            }
                        })
                        .collect(),
                })
            });
            let write_in = match &q.kind {
                Kind::Single(_) | Kind::Multiple(_) => WriteIn::Nothing,
                Kind::Number(spec) => WriteIn::Number(spec),
                Kind::Text => WriteIn::Lines,
            };
            let entry = Entry {
                number: i + 1,
                question: q,
                prompt,
                ask,
                check_yourself: q.check_yourself(audience),
                hint,
                when,
                write_in,
                boxes: if matches!(q.kind, Kind::Text) {
                    Vec::new()
                } else {
                    let mut boxes = boxes(bank, id);
                    // A coordinator's own check of public records has nobody to refuse it:
                    // not found out yet is a blank, as on the rest of the form.
                    if q.check_yourself(audience) && q.allow_refused {
                        let refused = q
                            .refused_label
                            .as_deref()
                            .unwrap_or(ui::QUESTIONNAIRE_REFUSED);
                        boxes.retain(|b| *b != refused);
                    }
                    boxes
                },
            };
            let check_yourself = entry.check_yourself;
            match sections.last_mut() {
                Some(part)
                    if part.check_yourself == check_yourself
                        && (check_yourself || part.index == q.section) =>
                {
                    part.entries.push(entry);
                }
                _ => sections.push(Part {
                    index: q.section,
                    section: &bank.sections[q.section],
                    check_yourself,
                    entries: vec![entry],
                }),
            }
        }
        Self {
            bank,
            audience,
            vendor,
            sections,
        }
    }

    /// The form as a document: who and when, the disclaimer, how to fill it in, each
    /// section's questions, what next, and with `appendix` how to send it back as a file.
    fn doc(&self, appendix: bool) -> Doc {
        let subtitle = ui::questionnaire_title(self.audience);
        let mut blocks = vec![
            Block::Head(doc::Head {
                title: self.title().to_owned(),
                subtitle: Some(subtitle.to_owned()),
                fill: vec![
                    ui::questionnaire_subject(self.audience).to_owned(),
                    ui::QUESTIONNAIRE_DATE.to_owned(),
                ],
                about: Some(self.about_line()),
                ..doc::Head::default()
            }),
            Block::Notice(self.bank.disclaimer.clone()),
            Block::Paragraph(ui::QUESTIONNAIRE_HOW_TO.to_owned()),
        ];
        for part in &self.sections {
            let mut inside = vec![
                Block::Heading(part.title().to_owned()),
                Block::Intro(part.intro().to_owned()),
            ];
            inside.extend(part.entries.iter().map(|e| Block::Question(e.question())));
            blocks.push(Block::Part {
                class: "",
                keep: false,
                blocks: inside,
            });
        }
        blocks.push(Block::Part {
            class: "what-next",
            keep: false,
            blocks: vec![
                Block::Heading(ui::QUESTIONNAIRE_NEXT_TITLE.to_owned()),
                Block::Words(next_steps(self.audience, appendix)),
            ],
        });
        if appendix {
            blocks.extend(answers_file::appendix(self));
        }
        Doc {
            title: format!("{} · {subtitle}", self.title()),
            footer: None,
            lang: self.bank.language.clone(),
            blocks,
        }
    }

    fn entries(&self) -> impl Iterator<Item = &Entry<'b>> {
        self.sections.iter().flat_map(|p| p.entries.iter())
    }

    fn title(&self) -> &'b str {
        self.bank.title.trim()
    }

    /// "31 questions from the bank exosome-vetting, version 1.0.0."
    fn about_line(&self) -> String {
        let n = self.entries().count();
        let questions = if n == 1 { "question" } else { "questions" };
        format!(
            "{n} {questions} from the bank {}, version {}.",
            self.bank.id, self.bank.version
        )
    }
}

/// The answer list every front end shows, as it is on paper: "not asked yet"
/// is a blank, so it gets no box.
fn boxes(bank: &Bank, id: QuestionId) -> Vec<&str> {
    crate::answers::items(bank, id)
        .into_iter()
        .filter_map(|item| match item {
            Item::NotAsked => None,
            Item::Refused => Some(
                bank.question(id)
                    .refused_label
                    .as_deref()
                    .unwrap_or(ui::QUESTIONNAIRE_REFUSED),
            ),
            other => Some(ui::item_label(bank, id, other)),
        })
        .collect()
}

/// "tick one", "tick all that apply", …, left out when the prompt already
/// tells the reader ("Tick all that apply.", "Write down the name").
fn hint(kind: &Kind, prompt: &str) -> Option<&'static str> {
    let prompt = prompt.to_lowercase();
    let said = match kind {
        Kind::Single(_) => prompt.contains("tick one"),
        Kind::Multiple(_) => prompt.contains("all that apply"),
        Kind::Number(_) => prompt.contains("write the number"),
        Kind::Text => prompt.contains("write"),
    };
    (!said).then(|| ui::questionnaire_hint(kind))
}

impl When<'_> {
    /// The condition in words, each option label passed through `quote`.
    fn sentence(&self, quote: impl Fn(&str) -> String) -> String {
        let labels: Vec<String> = self.labels.iter().map(|l| quote(l)).collect();
        ui::questionnaire_condition(self.number, self.multiple, &labels)
    }
}

impl Entry<'_> {
    /// The question as a form shows it.
    fn question(&self) -> doc::Question {
        doc::Question {
            number: self.number,
            anchor: self.question.id.clone(),
            prompt: self.prompt.to_owned(),
            hint: self.hint.map(str::to_owned),
            when: self
                .when
                .as_ref()
                .map(|w| w.sentence(|label| format!("“{label}”"))),
            ask: self.ask.map(|a| {
                let label = if self.check_yourself {
                    "Check:"
                } else {
                    "Ask:"
                };
                (label.to_owned(), a.to_owned())
            }),
            write_in: match &self.write_in {
                WriteIn::Nothing => doc::WriteIn::Nothing,
                WriteIn::Number(spec) => doc::WriteIn::Number {
                    unit: spec.unit.clone(),
                },
                WriteIn::Lines => doc::WriteIn::Lines,
            },
            boxes: self.boxes.iter().map(|b| (*b).to_owned()).collect(),
        }
    }
}

/// What to do with the filled-in form: the commands that enter and score the
/// answers, and for coordinators where the answers-file ids are: further down
/// (`appendix_below`) or from another command.
fn next_steps(audience: Audience, appendix_below: bool) -> Vec<Run> {
    let words = |w: &str| Run::Text(w.to_owned());
    let a = audience.id();
    let mut bits = vec![
        words(ui::QUESTIONNAIRE_NOT_STEERED),
        words(" To enter them, run "),
        Run::Code(format!("exovet --audience {a} --answers FILE")),
        words(" (the wizard saves them to FILE after every answer); then "),
        Run::Code("exovet score FILE".to_owned()),
        words(" gives the verdict and "),
        Run::Code("exovet report FILE".to_owned()),
        words(" a summary to print."),
    ];
    if audience == Audience::Coordinator {
        if appendix_below {
            bits.push(Run::Text(format!(
                " A vendor may instead send back an answers file: see \"{}\" below.",
                ui::ANSWERS_FILE_TITLE
            )));
        } else {
            bits.push(words(
                " A vendor may instead send back an answers file; the ids it needs are listed by ",
            ));
            bits.push(Run::Code(format!(
                "exovet questions --audience {a} --format txt"
            )));
            bits.push(words("."));
        }
    }
    bits
}
