//! The printable summary a person keeps, as a document ([`Doc`]): what it says and in
//! which order, with every word chosen here; `crate::doc` lays it out as text, Markdown or
//! a page to print.

use super::citations::Citations;
use crate::bank::Audience;
use crate::bank::Flag;
use crate::doc::{Block, Command, Doc, Flagged, Head, Mark, Record, Run, Tone};
use crate::score::Level;
use crate::ui;

use super::{
    DETAILS_TITLE, DOCUMENTS_NOTE, DOCUMENTS_TITLE, Explanation, GUIDE_TITLE, Item,
    NOT_COUNTED_NOTE, NOT_COUNTED_TITLE, REASONS_TITLE, WRITE_IN_LABEL,
};

// Headings and fixed sentences of the summary.
const RED_FLAGS_TITLE: &str = "The red flags";
const AMBER_FLAGS_TITLE: &str = "Ask about these answers too (amber flags)";
const DETAILS_HINT: &str =
    "Each flag in detail, with its sources, and the file's facts are printed by ";
const NEXT_TITLE: &str = "What to do next";
const RESUME: &str = "When you learn more, add it and see the new verdict with:";
const NO_FLAGS: &str = "None so far: no answer about the provider carries a red or amber flag.";
const KEY_MARK: &str = "Key question:";
const NOTES_TITLE: &str = "Your notes";
const WARNINGS_TITLE: &str = "Notes on this file";
const DISCLAIMER_TITLE: &str = "Please read";
const REVIEW_TITLE: &str = "These questions are due for review";
pub(super) const ANSWER_LABEL: &str = "Answer";
const WHY_LABEL: &str = "Why it matters";
const NOT_COUNTED_BECAUSE: &str = "Not counted because";

/// What a printed summary holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paper {
    /// Each flag in detail with its sources, the file's facts and "Before you decide", after
    /// the questions to ask: a record. Without it, two pages to take to a consult.
    pub details: bool,
    /// The patient's own health answers (their cautions); left off a paper handed over.
    pub health: bool,
}

impl Paper {
    /// A patient's paper is the two pages to take along; a coordinator's is a record.
    pub fn for_audience(audience: Audience) -> Self {
        Self {
            details: audience == Audience::Coordinator,
            health: true,
        }
    }
}

/// The summary of one explained verdict, as `paper` says.
pub fn summary(e: &Explanation<'_>, paper: Paper) -> Doc {
    if paper.details {
        detailed(e, paper)
    } else {
        brief(e, paper)
    }
}

/// Two pages to take to a consult: on the first, who and when, the verdict and what it
/// means, what to do next and the red flags in plain words; on the second, the questions
/// to ask, the most important first with a line to write on.
fn brief(e: &Explanation<'_>, paper: Paper) -> Doc {
    let fact = |label: &str| e.facts.iter().find(|(l, _)| *l == label).map(|(_, v)| v);
    let about = [fact("Last saved"), fact("Filled in by")]
        .into_iter()
        .zip(["Last saved", "Filled in by"])
        .filter_map(|(value, label)| value.map(|v| format!("{label}: {v}")))
        .collect::<Vec<_>>()
        .join(" · ");
    let mut b = vec![
        Block::Head(Head {
            kicker: Some(e.kicker().to_owned()),
            title: e.subject.clone(),
            about: Some(about),
            ..Head::default()
        }),
        verdict(e),
    ];
    b.extend(review_due(e));
    b.push(Block::Heading(NEXT_TITLE.into()));
    b.push(next_steps(e));
    // Every red that rules out green: an answer kept but not counted too.
    let reds: Vec<(Option<Mark>, String)> = e
        .flags
        .iter()
        .filter(|i| i.flag.is_red())
        .map(|i| (Some(flag_mark(i.flag)), plain_words(i)))
        .chain(
            e.not_counted
                .iter()
                .filter_map(super::NotCounted::as_red_reason)
                .map(|r| (r.flag.map(flag_mark), r.text)),
        )
        .collect();
    if !reds.is_empty() {
        b.push(Block::Heading(RED_FLAGS_TITLE.into()));
        b.push(Block::Marked(reds));
    }
    if paper.health && !e.cautions.is_empty() {
        b.push(Block::Heading(ui::PATIENT_CAUTIONS_TITLE.into()));
        b.push(Block::Marked(
            e.cautions
                .iter()
                .map(|i| (Some(flag_mark(i.flag)), plain_words(i)))
                .collect(),
        ));
    }
    // On the first page, which has room: the second is the questions'.
    b.push(Block::Words(vec![
        Run::Text(DETAILS_HINT.into()),
        Run::Code(format!("{} --details", e.report_command)),
    ]));
    b.push(disclaimer(e));
    // What to do next says to ask about them: they go with the questions to ask, short,
    // after the first group (page 1 has no room for ten of them beside the reds).
    let ambers: Vec<(Option<Mark>, String)> = e
        .flags
        .iter()
        .filter(|i| i.flag == Flag::Amber && !i.own_choice)
        .map(|i| (Some(flag_mark(i.flag)), plain_words(i)))
        .collect();
    let ambers = (!ambers.is_empty()).then(|| {
        part(
            "compact-flags",
            false,
            vec![
                Block::Group(AMBER_FLAGS_TITLE.into()),
                Block::Marked(ambers),
            ],
        )
    });
    if e.open > 0 || !e.check_yourself.is_empty() || ambers.is_some() {
        let mut inside = Vec::new();
        if e.to_ask() > 0 {
            inside.push(Block::Heading(e.checklist_heading()));
            inside.push(Block::Intro(e.checklist_how.clone()));
        }
        for (n, group) in e.checklist.iter().enumerate() {
            // The first group, the most important, with a line to write on; the rest
            // close together, to tick. No section titles: on one page, what to ask first
            // matters more than where the bank files it.
            let write_in = (n == 0).then_some(ANSWER_LABEL);
            let asks = group.sections.iter().flat_map(|s| s.asks.iter());
            let blocks = vec![
                Block::Group(group.title.to_owned()),
                Block::Checks(
                    asks.map(|ask| ask.check(Some(KEY_MARK), write_in, false))
                        .collect(),
                ),
            ];
            if n == 0 {
                inside.extend(blocks);
                inside.extend(ambers.clone());
            } else {
                inside.push(part("compact", false, blocks));
            }
        }
        if e.checklist.is_empty() {
            inside.extend(ambers);
        }
        inside.extend(e.check_yourself_blocks(true));
        b.push(part("checklist-page", false, inside));
    }
    page(e, b)
}

/// A flag in plain words, on one line: the question and the answer; a rule across answers
/// says why, as it does in every short list of reasons.
fn plain_words(i: &Item<'_>) -> String {
    let mut text = match &i.answer {
        Some(answer) => format!("{} {ANSWER_LABEL}: {answer}", i.question),
        None => i.question.clone(),
    };
    if i.rule {
        text.push_str(" Why: ");
        text.push_str(&i.why);
    }
    text
}

/// Said on every summary once the bank's review date has passed.
fn review_due(e: &Explanation<'_>) -> Option<Block> {
    e.review_due.as_ref().map(|review| {
        part(
            "review",
            true,
            vec![
                Block::Heading(REVIEW_TITLE.into()),
                Block::Paragraph(review.clone()),
            ],
        )
    })
}

/// The summary's page: its title, its footer, `blocks`.
fn page(e: &Explanation<'_>, blocks: Vec<Block>) -> Doc {
    Doc {
        title: format!("{} · exovet summary", e.subject),
        footer: Some("exovet summary".to_owned()),
        lang: e.language.map(str::to_owned),
        blocks,
    }
}

fn verdict(e: &Explanation<'_>) -> Block {
    Block::Verdict(crate::doc::Verdict {
        mark: level_mark(e.level, ui::level_word(e.level)),
        headline: e.headline.clone(),
        meaning: e.meaning.to_owned(),
        counts: e.counts.clone(),
    })
}

fn next_steps(e: &Explanation<'_>) -> Block {
    Block::Steps {
        steps: e.next.iter().map(ToString::to_string).collect(),
        command: e.resume.as_ref().map(|command| Command {
            intro: RESUME.into(),
            text: command.clone(),
        }),
    }
}

fn disclaimer(e: &Explanation<'_>) -> Block {
    part(
        "disclaimer",
        true,
        vec![
            Block::Heading(DISCLAIMER_TITLE.into()),
            Block::Paragraph(e.disclaimer.to_owned()),
        ],
    )
}

fn checks(section: &super::Section<'_>, write_in: Option<&str>) -> Block {
    Block::Checks(
        section
            .asks
            .iter()
            .map(|ask| ask.check(Some(KEY_MARK), write_in, false))
            .collect(),
    )
}

/// Everything, as a record: the verdict, why, the questions to ask, what to do next, each
/// flag in detail with its sources, the documents, the answers not counted and the notes.
fn detailed(e: &Explanation<'_>, paper: Paper) -> Doc {
    let mut b = vec![
        Block::Head(Head {
            kicker: Some(e.kicker().to_owned()),
            title: e.subject.clone(),
            facts: e
                .facts
                .iter()
                .map(|(label, value)| ((*label).to_owned(), value.clone()))
                .collect(),
            ..Head::default()
        }),
        verdict(e),
    ];
    b.extend(review_due(e));
    reasons(&mut b, e);
    checklist(&mut b, e);
    b.push(Block::Heading(NEXT_TITLE.into()));
    b.push(next_steps(e));
    b.push(disclaimer(e));
    let mut cited = Citations::default();
    guide(&mut b, e, &mut cited);
    b.push(Block::Heading(DETAILS_TITLE.into()));
    b.push(Block::Lead(format!("{}:", e.flags_title)));
    if e.flags.is_empty() {
        b.push(Block::Paragraph(NO_FLAGS.into()));
    }
    b.extend(e.flags.iter().map(|f| flagged(f, &mut cited)));
    if let Some(greens) = &e.greens {
        b.push(Block::Paragraph(greens.clone()));
    }
    if let Some((first, rest)) = e.cautions.split_first().filter(|_| paper.health) {
        // The title goes with the first caution: a frame split at a page break never
        // holds only its title.
        let mut inside = vec![Block::Keep(vec![
            Block::Heading(ui::PATIENT_CAUTIONS_TITLE.into()),
            Block::Paragraph(ui::PATIENT_CAUTIONS_NOTE.into()),
            flagged(first, &mut cited),
        ])];
        inside.extend(rest.iter().map(|c| flagged(c, &mut cited)));
        b.push(part("cautions", false, inside));
    }
    if !e.documents.is_empty() {
        b.push(Block::Heading(DOCUMENTS_TITLE.into()));
        b.push(Block::Paragraph(DOCUMENTS_NOTE.into()));
        b.push(Block::Records(document_records(e, ANSWER_LABEL)));
    }
    if !e.not_counted.is_empty() {
        b.push(Block::Heading(NOT_COUNTED_TITLE.into()));
        b.push(Block::Paragraph(NOT_COUNTED_NOTE.into()));
        b.push(Block::Records(not_counted_records(
            e,
            NOT_COUNTED_BECAUSE,
            "",
        )));
    }
    if !e.notes.is_empty() {
        b.push(Block::Heading(NOTES_TITLE.into()));
        b.push(Block::Records(note_records(e)));
    }
    if !e.warnings.is_empty() {
        b.push(Block::Heading(WARNINGS_TITLE.into()));
        b.push(Block::Bullets(e.warnings.clone()));
    }
    b.extend(cited.blocks());
    page(e, b)
}

/// Each document beside the question and answer it backs; `answer` labels the answer.
/// The answers kept but not counted, each with why under `because`, that ending with `end`.
pub(super) fn not_counted_records(e: &Explanation<'_>, because: &str, end: &str) -> Vec<Record> {
    e.not_counted
        .iter()
        .map(|n| Record {
            mark: n.flag.map(flag_mark),
            tone: None,
            title: n.question.to_owned(),
            lines: vec![
                (Some(ANSWER_LABEL.to_owned()), n.answer.clone()),
                (Some(because.to_owned()), format!("{}{end}", n.because)),
            ],
        })
        .collect()
}

pub(super) fn document_records(e: &Explanation<'_>, answer: &str) -> Vec<Record> {
    e.documents
        .iter()
        .map(|d| Record {
            mark: None,
            tone: None,
            title: d.question.to_owned(),
            lines: d
                .answer
                .iter()
                .map(|a| (Some(answer.to_owned()), a.clone()))
                .chain([
                    (Some("Document".to_owned()), d.document.clone()),
                    (None, d.status.clone()),
                ])
                .collect(),
        })
        .collect()
}

/// Each note under the question it answers.
pub(super) fn note_records(e: &Explanation<'_>) -> Vec<Record> {
    e.notes
        .iter()
        .map(|(prompt, note)| Record {
            mark: None,
            tone: None,
            title: (*prompt).to_owned(),
            lines: vec![(None, note.clone())],
        })
        .collect()
}

/// Why the verdict is what it is: the rules that hold it, then one line per reason.
fn reasons(b: &mut Vec<Block>, e: &Explanation<'_>) {
    if e.rules.is_empty() && e.reasons.is_empty() {
        return;
    }
    let mut inside = vec![Block::Heading(REASONS_TITLE.into())];
    if !e.rules.is_empty() {
        inside.push(Block::Lead(format!("{}:", e.rules_title)));
        inside.push(Block::Bullets(e.rules.clone()));
    }
    if !e.reasons.is_empty() {
        inside.push(Block::Marked(
            e.reasons
                .iter()
                .map(|r| (r.flag.map(flag_mark), r.text.clone()))
                .collect(),
        ));
    }
    b.push(part("reasons", false, inside));
}

/// The questions to ask, grouped, as boxes to tick with lines to write the answer on.
fn checklist(b: &mut Vec<Block>, e: &Explanation<'_>) {
    if e.to_ask() > 0 {
        b.push(Block::Heading(e.checklist_heading()));
        b.push(Block::Intro(e.checklist_how.clone()));
        for group in &e.checklist {
            b.push(Block::Group(group.title.to_owned()));
            for section in &group.sections {
                b.push(Block::Subheading(section.title.to_owned()));
                b.push(checks(section, Some(ANSWER_LABEL)));
            }
        }
    }
    b.extend(e.check_yourself_blocks(true));
}

/// What helps decide: the bank's `[[guide]]`, each part with its sources, and the dates.
fn guide(b: &mut Vec<Block>, e: &Explanation<'_>, cited: &mut Citations) {
    if e.guide.is_empty() {
        return;
    }
    let mut inside = vec![Block::Heading(GUIDE_TITLE.into())];
    inside.extend(e.guide.iter().map(|g| Block::Topic {
        title: g.title.to_owned(),
        text: g.text.to_owned(),
        sources: cited.cite(&g.sources),
    }));
    if let Some(dated) = &e.dated {
        inside.push(Block::Paragraph(dated.clone()));
    }
    b.push(part("guide", false, inside));
}

/// One flag and everything that explains it.
fn flagged(item: &Item<'_>, cited: &mut Citations) -> Block {
    flagged_as(item, cited, WHY_LABEL, true)
}

/// One flag and everything that explains it, its reason under `why`; with `write_in`, a
/// line to write what they said on (not under the patient's own "I'd rather not say").
pub(super) fn flagged_as(
    item: &Item<'_>,
    cited: &mut Citations,
    why: &str,
    write_in: bool,
) -> Block {
    let mut fields = Vec::new();
    if let Some(answer) = &item.answer {
        fields.push((ANSWER_LABEL.to_owned(), answer.clone()));
    }
    fields.push((why.to_owned(), item.why.to_string()));
    Block::Flagged(Flagged {
        mark: level_mark(item.level(), ui::flag_word(item.flag)),
        section: item.section.to_owned(),
        question: item.question.clone(),
        fields,
        sources: cited.cite(&item.sources),
        write_in: (write_in && !item.own_choice).then(|| WRITE_IN_LABEL.to_owned()),
    })
}

fn part(class: &'static str, keep: bool, blocks: Vec<Block>) -> Block {
    Block::Part {
        class,
        keep,
        blocks,
    }
}

/// A flag's mark: its tone, its symbols and its word.
pub fn flag_mark(flag: Flag) -> Mark {
    level_mark(Level::of(flag), ui::flag_word(flag))
}

/// A level's mark: its tone, its symbols and `word`.
pub fn level_mark(level: Level, word: &str) -> Mark {
    Mark {
        tone: match level {
            Level::Green => Tone::Green,
            Level::Amber => Tone::Amber,
            Level::Red => Tone::Red,
        },
        symbol: ui::level_symbol(level),
        ascii: ui::level_mark_ascii(level),
        word: word.to_owned(),
    }
}
