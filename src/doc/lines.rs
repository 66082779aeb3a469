//! A document as lines for a screen, each with its role, wrapped to a width: the full-screen
//! wizard styles them with its theme, `score` paints them (or not) for a terminal, and the
//! plain mode prints them. Compact: parts are titled, what belongs to a part is indented
//! under it, and a flag's mark leads its lines. Text is made inert here, once.

use super::{Block, Check, Doc, Flagged, Question, Record, Run, Tone, WriteIn};

/// What a line is, so each front end can style it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The verdict itself.
    Headline(Tone),
    /// The title of a part.
    Title,
    /// The mark of a flag.
    Flag(Tone),
    Plain,
}

/// One line, already wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub role: Role,
    pub text: String,
}

/// How marks and boxes are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// Symbols beside the words ("✖ RED", "•", "[ ]"), for a screen.
    Symbols,
    /// Words alone ("RED", "-", "To ask:"), for a screen reader, which reads a symbol out
    /// by its name.
    Words,
}

/// `doc`'s blocks as lines no wider than `width` (a word longer than a line, a web
/// address, goes on past it: it is never broken).
pub fn render(doc: &Doc, width: usize) -> Vec<Line> {
    render_in(doc, width, Voice::Symbols)
}

/// The same, in `voice`.
pub fn render_in(doc: &Doc, width: usize, voice: Voice) -> Vec<Line> {
    let mut l = Lines {
        out: Vec::new(),
        width,
        under_verdict: false,
        voice,
    };
    for block in &doc.blocks {
        l.block(block);
    }
    l.out
}

struct Lines {
    out: Vec<Line>,
    width: usize,
    /// Whether the lines so far end with the verdict and what goes right under it: a
    /// paragraph there joins them; anywhere else it stands apart.
    under_verdict: bool,
    voice: Voice,
}

impl Lines {
    fn block(&mut self, block: &Block) {
        let under_verdict = std::mem::take(&mut self.under_verdict);
        match block {
            Block::Head(super::Head { title, facts, .. }) => {
                self.wrap(Role::Title, title, "", "  ");
                for (label, value) in facts {
                    self.plain(&format!("{label}: {value}"), "", "  ");
                }
            }
            Block::Verdict(v) => {
                if !self.out.is_empty() {
                    self.blank();
                }
                self.wrap(
                    Role::Headline(v.mark.tone),
                    &self.marked(v.mark.symbol, &v.headline),
                    "",
                    "",
                );
                self.plain(&v.meaning, "", "");
                self.plain(&v.counts, "", "");
                self.under_verdict = true;
            }
            // A part's title ends in a colon: what is under it belongs to it.
            Block::Heading(title) => {
                self.blank();
                self.wrap(Role::Title, &format!("{title}:"), "", "");
            }
            Block::Subheading(title) => self.plain(title, "    ", "    "),
            Block::Paragraph(text) => {
                if under_verdict || self.out.is_empty() {
                    self.under_verdict = under_verdict;
                } else {
                    self.blank();
                }
                self.plain(text, "", "");
            }
            Block::Hanging(text) => {
                self.plain(text, "", "  ");
                self.under_verdict = under_verdict;
            }
            Block::Intro(text) | Block::Lead(text) | Block::Group(text) => {
                self.plain(text, "  ", "  ");
            }
            Block::Bullets(items) => {
                for item in items {
                    let bullet = match self.voice {
                        Voice::Symbols => "  • ",
                        Voice::Words => "  - ",
                    };
                    self.plain(item, bullet, "    ");
                }
            }
            Block::Marked(items) => {
                for (mark, text) in items {
                    match mark {
                        Some(m) => self.wrap(
                            Role::Flag(m.tone),
                            &format!("{}: {text}", self.marked(m.symbol, &m.word)),
                            "  ",
                            "    ",
                        ),
                        None => self.plain(text, "  ", "    "),
                    }
                }
            }
            Block::Steps { steps, command } => {
                for (n, step) in steps.iter().enumerate() {
                    self.plain(&format!("{}. {step}", n + 1), "  ", "     ");
                }
                if let Some(c) = command {
                    self.plain(&format!("{}. {}", steps.len() + 1, c.intro), "  ", "     ");
                    self.plain(&c.text, "     ", "     ");
                }
            }
            Block::Checks(checks) => {
                for check in checks {
                    self.check(check);
                }
            }
            Block::Flagged(f) => self.flagged(f),
            Block::Records(records) => {
                for r in records {
                    self.record(r);
                }
            }
            Block::Notice(text) => {
                self.blank();
                self.plain(text, "", "");
            }
            Block::Words(runs) => {
                self.blank();
                // A command's spaces glued while wrapping, so it is never broken.
                let mut s = String::new();
                super::txt::wrap_with(&mut s, &joined(runs), "", "", self.width, false);
                self.out.extend(s.lines().map(|l| Line {
                    role: Role::Plain,
                    text: l.replace(GLUE, " "),
                }));
            }
            Block::Question(q) => self.question(q),
            Block::Numbered(items) => {
                for (n, runs) in items {
                    let text = format!("{n}. {}", joined(runs)).replace(GLUE, " ");
                    self.plain(&text, "  ", "     ");
                }
            }
            Block::References(items) => {
                for (n, link) in items {
                    self.plain(&format!("[{n}] {}", link.text), "  ", "      ");
                }
            }
            Block::Code { text, .. } => {
                for line in text.lines() {
                    self.plain(line, "    ", "    ");
                }
            }
            Block::Rule => self.blank(),
            Block::Topic {
                title,
                text,
                sources,
            } => {
                self.plain(&format!("{title}:"), "  ", "  ");
                self.plain(text, "    ", "    ");
                if let Some(numbers) = sources.numbered() {
                    self.plain(&format!("{}: {numbers}", sources.label), "    ", "      ");
                }
                for link in &sources.links {
                    self.plain(&link.text, "    - ", "      ");
                }
            }
            Block::Part { blocks, .. } | Block::Keep(blocks) => {
                self.under_verdict = under_verdict;
                for b in blocks {
                    self.block(b);
                }
            }
        }
    }

    fn question(&mut self, q: &Question) {
        self.blank();
        let hint = q
            .hint
            .as_ref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        self.plain(&format!("{}. {}{hint}", q.number, q.prompt), "", "    ");
        if let Some(when) = &q.when {
            self.plain(when, "    ", "    ");
        }
        if let Some((label, ask)) = &q.ask {
            self.plain(&format!("{label} {ask}"), "    ", "    ");
        }
        if let WriteIn::Number { unit } = &q.write_in {
            self.plain(&format!("(a number, in {unit})"), "    ", "    ");
        }
        for label in &q.boxes {
            let tick = self.tick();
            self.plain(label, &format!("    {tick}"), "        ");
        }
    }

    fn check(&mut self, check: &Check) {
        let text = match &check.key {
            Some(key) => format!("{key} {}", check.text),
            None => check.text.clone(),
        };
        let tick = match (self.voice, check.yourself) {
            (Voice::Words, true) => "To check: ",
            _ => self.tick(),
        };
        self.plain(&text, &format!("      {tick}"), "          ");
        if let Some(when) = &check.when {
            self.plain(when, "          ", "          ");
        }
    }

    fn flagged(&mut self, f: &Flagged) {
        self.wrap(
            Role::Flag(f.mark.tone),
            &self.marked(f.mark.symbol, &f.mark.word),
            "  ",
            "  ",
        );
        self.plain(&f.question, "    ", "    ");
        for (label, value) in &f.fields {
            self.plain(&format!("{label}: {value}"), "    ", "      ");
        }
        if let Some(numbers) = f.sources.numbered() {
            self.plain(&format!("{}: {numbers}", f.sources.label), "    ", "      ");
        }
        if !f.sources.links.is_empty() {
            let links: Vec<&str> = f.sources.links.iter().map(|s| s.text.as_str()).collect();
            self.plain(
                &format!("{}: {}", f.sources.label, links.join("; ")),
                "    ",
                "      ",
            );
        }
    }

    fn record(&mut self, r: &Record) {
        let indent = match &r.mark {
            Some(m) => {
                self.wrap(
                    Role::Flag(m.tone),
                    &self.marked(m.symbol, &m.word),
                    "  ",
                    "  ",
                );
                "    "
            }
            None => "  ",
        };
        match r.tone {
            Some(tone) => self.wrap(Role::Flag(tone), &r.title, indent, indent),
            None => self.plain(&r.title, indent, indent),
        }
        for (label, value) in &r.lines {
            match label {
                Some(label) => self.plain(&format!("{label}: {value}"), "    ", "      "),
                None => self.plain(value, "    ", "    "),
            }
        }
    }

    /// A mark's symbol before `words`, or the words alone.
    fn marked(&self, symbol: &str, words: &str) -> String {
        match self.voice {
            Voice::Symbols => format!("{symbol} {words}"),
            Voice::Words => words.to_owned(),
        }
    }

    /// What stands before a question to ask.
    fn tick(&self) -> &'static str {
        match self.voice {
            Voice::Symbols => "[ ] ",
            Voice::Words => "To ask: ",
        }
    }

    fn wrap(&mut self, role: Role, text: &str, first: &str, rest: &str) {
        let mut s = String::new();
        super::txt::wrap_with(
            &mut s,
            &super::txt::clean(text),
            first,
            rest,
            self.width,
            false,
        );
        self.out.extend(s.lines().map(|l| Line {
            role,
            text: l.to_owned(),
        }));
    }

    fn plain(&mut self, text: &str, first: &str, rest: &str) {
        self.wrap(Role::Plain, text, first, rest);
    }

    fn blank(&mut self) {
        self.out.push(Line {
            role: Role::Plain,
            text: String::new(),
        });
    }
}

/// Keeps a command on one line when wrapping; turned back into a space after.
const GLUE: char = '\u{a0}';

/// Words and commands as one line of text, inert, each command's spaces glued.
fn joined(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Text(t) => crate::diag::inert(t),
            Run::Code(c) => super::txt::clean(c).replace(' ', &GLUE.to_string()),
        })
        .collect()
}
