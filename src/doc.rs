//! A document with its words already chosen: a list of blocks (a title, facts, a verdict,
//! headings, paragraphs, steps, flagged details, a checklist, sources …) that knows nothing
//! of banks, answers or verdicts. `explain` builds one from a verdict; each renderer lays
//! any document out in its own format ([`txt`], [`md`], [`html`]), escaping every piece of
//! text once, in one place, so no format walks a verdict by hand and no text from a file
//! can change a document's structure.
//!
//! A new part of a verdict is one edit where its document is built; a new format is one
//! renderer.
//!
//! Text from a file or a person goes where its wrapped lines are indented (a title, a
//! fact's value, a record, a list item, a flag's fields, a question, [`Block::Hanging`]):
//! there no line of a text rendering can begin with it. A paragraph, a heading, a lead and
//! the verdict's words are the document's own (exovet's or the bank's), whose lines begin
//! at the margin. Every renderer makes any text inert, wherever it is (`tests.rs` feeds
//! hostile text through every block of every renderer).

pub mod html;
pub mod lines;
pub mod md;
pub mod txt;

#[cfg(test)]
mod tests;

/// A document: its title (a page's `<title>`), what each printed page says at its foot
/// beside its number, if anything, and its blocks, in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub title: String,
    pub footer: Option<String>,
    /// The language most of its text is in (the bank's `language`); `None` is English.
    pub lang: Option<String>,
    pub blocks: Vec<Block>,
}

/// The colour a mark stands for. Meaning never rests on it: every mark also has a symbol
/// and a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Green,
    Amber,
    Red,
}

impl Tone {
    /// The name a stylesheet knows it by.
    pub fn id(self) -> &'static str {
        match self {
            Tone::Green => "green",
            Tone::Amber => "amber",
            Tone::Red => "red",
        }
    }
}

/// A flag or verdict mark: its tone, a symbol for screens and pages ("▲"), one for plain
/// text that any printer prints ("(!)"), and its word ("AMBER").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub tone: Tone,
    pub symbol: &'static str,
    pub ascii: &'static str,
    pub word: String,
}

/// A cited source: what to show, and an address when it is a web page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: Option<String>,
}

/// Sources under a label ("Sources"): one on the label's line, several one a line; or,
/// in a document that lists its sources once ([`Block::References`]), their numbers there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sources {
    pub label: String,
    pub links: Vec<Link>,
    /// Numbers in the document's [`Block::References`], in place of `links`.
    pub numbers: Vec<usize>,
}

impl Sources {
    pub fn is_empty(&self) -> bool {
        self.links.is_empty() && self.numbers.is_empty()
    }

    /// The numbers as read: "[1], [4]".
    pub fn numbered(&self) -> Option<String> {
        (!self.numbers.is_empty()).then(|| {
            self.numbers
                .iter()
                .map(|n| format!("[{n}]"))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }
}

/// The verdict as a document frames it: its mark, the line that says it, what it means,
/// and how much is answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub mark: Mark,
    pub headline: String,
    pub meaning: String,
    pub counts: String,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// What the document is and about whom.
    Head(Head),
    /// The verdict, what it means and how much is answered, framed.
    Verdict(Verdict),
    /// The title of a part.
    Heading(String),
    /// The title of a smaller part, within one.
    Subheading(String),
    Paragraph(String),
    /// A paragraph that holds a file's words (a signer's name): its wrapped lines are
    /// indented, so none of them begins a line where a document's own lines begin.
    Hanging(String),
    /// A paragraph that introduces what follows, and stays with it on paper.
    Intro(String),
    /// A short bold line that introduces what follows ("Rules that set the verdict:").
    Lead(String),
    /// A group's title within a list of questions to ask.
    Group(String),
    Bullets(Vec<String>),
    /// Items, each with its mark, if it has one: reasons in one line.
    Marked(Vec<(Option<Mark>, String)>),
    /// Numbered steps, the last maybe a command to type, which is never broken.
    Steps {
        steps: Vec<String>,
        command: Option<Command>,
    },
    /// Boxes to tick, each with lines to write the answer on.
    Checks(Vec<Check>),
    /// One flagged answer in detail.
    Flagged(Flagged),
    /// Records: each a title, maybe marked, and labelled lines under it.
    Records(Vec<Record>),
    /// A notice set apart (the disclaimer on a form).
    Notice(String),
    /// A paragraph of words and commands to type.
    Words(Vec<Run>),
    /// A numbered question on a form, with room to answer it.
    Question(Question),
    /// Numbered items of words and commands, each under its own number.
    Numbered(Vec<(usize, Vec<Run>)>),
    /// The document's sources, each once under the number its citations give
    /// ([`Sources::numbers`]).
    References(Vec<(usize, Link)>),
    /// Text shown as it is, never wrapped: the lines of a file to copy (`lang` names what
    /// it is written in, for a format that marks it).
    Code {
        lang: &'static str,
        text: String,
    },
    /// A line across the page: what follows is apart from what came before.
    Rule,
    /// A topic: a title, its text and its sources.
    Topic {
        title: String,
        text: String,
        sources: Sources,
    },
    /// A part of the page ("disclaimer", "cautions"): nothing in text, a frame or a
    /// landmark on a page; with `keep`, kept on one page when printed.
    Part {
        class: &'static str,
        keep: bool,
        blocks: Vec<Block>,
    },
    /// Blocks kept on one page when printed.
    Keep(Vec<Block>),
}

/// What a document is and about whom: a line above the title, the title, a line under it,
/// labelled lines to write on, labelled facts, and a line about it all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Head {
    pub kicker: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub fill: Vec<String>,
    pub facts: Vec<(String, String)>,
    pub about: Option<String>,
}

/// A piece of a paragraph: words, or a command to type, which is never broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    Text(String),
    Code(String),
}

/// A question on a form: its number, an anchor a page can link to, the question, how to
/// answer it ("tick one"), when it applies, what to ask, where to write, and a box per answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub number: usize,
    pub anchor: String,
    pub prompt: String,
    pub hint: Option<String>,
    pub when: Option<String>,
    /// A label and what to ask ("Ask:", "…").
    pub ask: Option<(String, String)>,
    pub write_in: WriteIn,
    pub boxes: Vec<String>,
}

/// Room to write an answer in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteIn {
    /// The boxes are the answer.
    Nothing,
    /// One line, then the unit.
    Number { unit: String },
    /// A few lines for words.
    Lines,
}

/// A command to type: what it does, then the command, copyable and never wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub intro: String,
    pub text: String,
}

/// A box to tick: the question, a word before it when it matters most ("Key question:"),
/// when it applies, and the label of the line to write on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub key: Option<String>,
    pub text: String,
    pub when: Option<String>,
    /// The label of the line to write on; `None`: a box to tick alone.
    pub write_in: Option<String>,
    /// Something to check oneself rather than to ask: read out as "To check:".
    pub yourself: bool,
}

/// A flagged answer: its mark, where it belongs, the question, labelled fields (the
/// answer, why it matters), its sources and, where something is to be written, a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flagged {
    pub mark: Mark,
    pub section: String,
    pub question: String,
    pub fields: Vec<(String, String)>,
    pub sources: Sources,
    pub write_in: Option<String>,
}

/// A record: a title, maybe marked, and its lines, each with a label or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub mark: Option<Mark>,
    /// A colour for the title on a terminal where colour is on ("WORSE" red); the words
    /// carry the meaning without it.
    pub tone: Option<Tone>,
    pub title: String,
    pub lines: Vec<(Option<String>, String)>,
}

/// The formats a document is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text that fits 80 columns.
    Txt,
    Md,
    /// One self-contained page with a print stylesheet.
    Html,
}

/// `doc` in `format`.
pub fn render(doc: &Doc, format: Format) -> String {
    match format {
        Format::Txt => txt::render(doc),
        Format::Md => md::render(doc),
        Format::Html => html::render(doc),
    }
}

/// Text on one line: typed line breaks, tabs and runs of spaces become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
