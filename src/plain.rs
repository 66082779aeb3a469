//! The plain front end: the same wizard as numbered line prompts, for screen readers, pipes and `TERM=dumb`.

mod reply;
mod show;
mod talk;
#[cfg(test)]
mod tests;

use std::io::{self, BufRead, IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use crate::bank::Audience;
use crate::report::{self, Scored};
use crate::session::{Autosave, Session};
use crate::ui;
use crate::wizard::{Place, Wizard};
use reply::{Reply, ReviewReply};
use talk::{Line, Talk};

const INTRO: &str = "Answer each question by typing a number and pressing Enter. Enter alone keeps the answer and goes on to the next question not asked yet. Other keys: < back, > the next question not asked yet, v review every answer, vo only those not answered yet, ? why this matters, n not asked yet, r they would not answer, w save to another file, q save and quit.";
const SUBJECT_HINT: &str = "Type the name, or press Enter to leave it blank.";
const AUDIENCE_AGAIN: &str = "Type 1 or 2, then press Enter.";
const FIRST_QUESTION: &str = "This is the first question. Type an answer, or press Enter to go on.";
const ALL_DONE: &str = "All questions done.";
const ALL_ASKED: &str = "Every question asked now has an answer.";
const REVIEW_KEYS: &str = "Enter: show the verdict · a number: change that answer · > the next question not asked yet · name: change the name · < back · q save and quit";
const REVIEW_AGAIN: &str = "Back at the review. Enter shows the verdict; a number changes that answer; ? lists the answers again.";
const TYPE_ONE: &str = "Type a number; Enter keeps the answer. < back, ? help, q save and quit.";
const TYPE_SOME: &str =
    "Type numbers like 1 3; Enter keeps the answer. < back, ? help, q save and quit.";
const TYPE_NUMBER: &str =
    "Type the number; Enter keeps the answer. < back, ? help, q save and quit.";
const TYPE_TEXT: &str = "Type your answer; Enter keeps it. < back, ? help, q save and quit.";
/// Said after the help, so the rarer keys can be found.
const KEYS: &str = "Keys on every question: a number picks that answer; Enter keeps the answer and goes on; < goes back; ? shows this help; n marks not asked yet; r marks that they could not or would not answer; w saves to another file; q saves and quits; > goes to the next question not asked yet; v lists every answer, to change any.";

const NOTHING_SAVED: &str = "Nothing was answered, so nothing was saved.";
const END_OF_INPUT: &str = "End of input.";
const SAVED_AGAIN: &str = "Saving works again.";
const SAVE_ELSEWHERE_HINT: &str = "Type w to save them to another file.";
const SAVE_AS_ASK: &str = "Type the path of a file to save your answers to (its folder must exist), or press Enter to change nothing.";
const SAVE_AS_LAST: &str = "Type the path of another file to save them to (its folder must exist), or press Enter to see them here instead.";
const SAVE_AS_KEPT: &str = "Nothing changed: your answers are saved where they were.";
const SAVE_AS_NOT_YET: &str =
    "Nothing changed: your answers are still not saved. Type w to try another file.";
const TOO_LONG: &str = "That line is too long. Type a shorter answer.";

/// Runs the questionnaire on `input`, writing prompts and the verdict to `output`.
pub fn run(
    session: &Session,
    dir: &Path,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> anyhow::Result<()> {
    // A terminal shows what was typed; a pipe does not, so say it back and the transcript reads as a conversation.
    let echo = !io::stdin().is_terminal();
    run_with(session, dir, input, output, echo)
}

fn run_with(
    session: &Session,
    dir: &Path,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    echo: bool,
) -> anyhow::Result<()> {
    let mut talk = Talk::new(input, output, echo);
    match converse(session, dir, &mut talk) {
        // Nobody is reading any more (a closed pipe): the answers are already saved.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("could not write to the output"))
        }
        _ => Ok(()),
    }
}

fn converse(session: &Session, dir: &Path, talk: &mut Talk<'_>) -> io::Result<()> {
    let bank = &session.bank;
    talk.out.wrapped(&bank.title, "", "")?;
    talk.out.wrapped(&bank.disclaimer, "", "")?;
    if let Some(review) = session.review_due() {
        talk.out.blank()?;
        talk.out.wrapped(&review, "", "")?;
    }
    talk.out.blank()?;
    talk.out.wrapped(INTRO, "", "")?;
    if session.resumed {
        let n = session.answers.answered().count();
        let path = session.path.as_deref().unwrap_or(Path::new(""));
        let answers = if n == 1 { "answer" } else { "answers" };
        talk.out.blank()?;
        talk.out.wrapped(
            &format!("Resuming {}: it holds {n} {answers}.", path.display()),
            "",
            "",
        )?;
    }
    for w in &session.warnings {
        talk.out.wrapped(&w.to_string(), "", "  ")?;
    }
    let Some((audience, subject)) = start(session, talk)? else {
        return Ok(());
    };
    let (wizard, autosave) = session.begin(audience, &subject, dir);
    let mut run = Run {
        wizard,
        autosave,
        shown_error: None,
        section: None,
        from_review: false,
        open_only: false,
        today: &session.today,
    };
    talk.out.blank()?;
    // The answers file exists from the first question: its [meta] is an answer too, and
    // the path said here is true from the start. A resumed file is there already.
    if session.resumed || run.save(talk, true)? {
        talk.out
            .wrapped(&ui::saving_to(&run.autosave.path), "", "")?;
    }
    run.go(talk)
}

/// The audience and the subject, asked for when the command line and the file did not give them.
/// `None` when the person left before the first question.
fn start(session: &Session, talk: &mut Talk<'_>) -> io::Result<Option<(Audience, String)>> {
    'start: loop {
        let audience = if let Some(a) = session.audience {
            a
        } else {
            let Some(a) = ask_audience(talk)? else {
                return Ok(None);
            };
            a
        };
        if let Some(subject) = &session.subject {
            return Ok(Some((audience, subject.clone())));
        }
        if session.resumed {
            return Ok(Some((audience, String::new())));
        }
        talk.out.blank()?;
        talk.out.wrapped(ui::SUBJECT_QUESTION, "", "")?;
        talk.out.line(SUBJECT_HINT)?;
        let mut asked_again = false;
        loop {
            match talk.ask()? {
                Line::End => return left(talk, END_OF_INPUT),
                Line::Typed(t) if t.eq_ignore_ascii_case("q") => return left(talk, ""),
                // Back to the audience, when there was one to choose.
                Line::Typed(t) if t == "<" && session.audience.is_none() => continue 'start,
                // An empty name is asked for once more; then it is accepted.
                Line::Typed(t) if t.trim().is_empty() && !asked_again => {
                    asked_again = true;
                    talk.out.wrapped(ui::SUBJECT_AGAIN, "", "")?;
                }
                Line::Typed(t) => return Ok(Some((audience, t))),
                Line::TooLong => talk.out.line(TOO_LONG)?,
            }
        }
    }
}

fn ask_audience(talk: &mut Talk<'_>) -> io::Result<Option<Audience>> {
    talk.out.blank()?;
    talk.out.line(ui::AUDIENCE_QUESTION)?;
    for (i, choice) in ui::AUDIENCE_CHOICES.iter().enumerate() {
        talk.out
            .wrapped(choice, &format!("{:>3}. ", i + 1), "     ")?;
    }
    loop {
        match talk.ask()? {
            Line::Typed(t) if t.eq_ignore_ascii_case("q") => return left(talk, ""),
            Line::Typed(t) => match t.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) {
                Some(i) if i < Audience::ALL.len() => return Ok(Audience::ALL.get(i).copied()),
                _ => talk.out.line(AUDIENCE_AGAIN)?,
            },
            Line::End => return left(talk, END_OF_INPUT),
            Line::TooLong => talk.out.line(AUDIENCE_AGAIN)?,
        }
    }
}

fn left<T>(talk: &mut Talk<'_>, why: &str) -> io::Result<Option<T>> {
    if !why.is_empty() {
        talk.out.line(why)?;
    }
    talk.out.line(NOTHING_SAVED)?;
    Ok(None)
}

/// After a reply: show the place again in full, or only the prompt.
enum Next {
    Show,
    Prompt,
    Quit,
}

enum Ending {
    Quit,
    EndOfInput,
    Verdict,
}

struct Run<'s> {
    wizard: Wizard<'s>,
    autosave: Autosave,
    /// The save error last shown, so it is said once, not after every answer.
    shown_error: Option<String>,
    /// The section last introduced.
    section: Option<usize>,
    /// A question was opened from the review, so the review need not be listed again.
    from_review: bool,
    /// The review lists only the questions not answered yet (`vo`).
    open_only: bool,
    /// The session's date, for the bank's review notice.
    today: &'s str,
}

impl Run<'_> {
    fn go(&mut self, talk: &mut Talk<'_>) -> io::Result<()> {
        let mut next = Next::Show;
        loop {
            let place = self.wizard.place();
            if matches!(next, Next::Show) {
                match place {
                    Place::Verdict => return self.finish(talk, &Ending::Verdict),
                    Place::Question(id) => {
                        let section = self.wizard.bank().question(id).section;
                        if self.section != Some(section) {
                            self.section = Some(section);
                            show::section(&mut talk.out, &self.wizard, id)?;
                        }
                        show::question(&mut talk.out, &self.wizard, id)?;
                    }
                    Place::Review if self.from_review => {
                        self.from_review = false;
                        talk.out.blank()?;
                        talk.out.wrapped(REVIEW_AGAIN, "", "")?;
                    }
                    Place::Review => show::review(&mut talk.out, &self.wizard, self.open_only)?,
                }
            }
            let line = match talk.ask()? {
                Line::End => return self.finish(talk, &Ending::EndOfInput),
                Line::TooLong => {
                    talk.out.line(TOO_LONG)?;
                    next = Next::Prompt;
                    continue;
                }
                Line::Typed(t) => t,
            };
            next = match place {
                Place::Question(id) => self.on_question(talk, id, &line)?,
                Place::Review => self.on_review(talk, &line)?,
                Place::Verdict => Next::Show,
            };
            if matches!(next, Next::Quit) {
                return self.finish(talk, &Ending::Quit);
            }
        }
    }

    fn on_question(
        &mut self,
        talk: &mut Talk<'_>,
        id: crate::bank::QuestionId,
        line: &str,
    ) -> io::Result<Next> {
        Ok(match reply::question(&self.wizard, id, line) {
            Reply::Keep => {
                self.wizard.advance();
                Next::Show
            }
            Reply::Set(answer) => {
                if self.wizard.set(answer) {
                    self.save(talk, true)?;
                }
                self.wizard.advance();
                Next::Show
            }
            Reply::Back if self.wizard.back() => {
                self.from_review = false;
                Next::Show
            }
            Reply::Back => {
                talk.out.line(FIRST_QUESTION)?;
                Next::Prompt
            }
            Reply::Help => {
                show::help(&mut talk.out, &self.wizard, id)?;
                Next::Show
            }
            Reply::NextOpen if self.wizard.go_to_next_open() => {
                self.from_review = false;
                Next::Show
            }
            Reply::NextOpen => {
                talk.out.line(ALL_ASKED)?;
                Next::Prompt
            }
            Reply::Review => {
                self.open_only = false;
                self.wizard.review();
                self.from_review = false;
                Next::Show
            }
            Reply::ReviewOpen => {
                self.open_only = true;
                self.wizard.review();
                self.from_review = false;
                Next::Show
            }
            Reply::Quit => Next::Quit,
            Reply::SaveAs => {
                self.save_as(talk, SAVE_AS_ASK)?;
                Next::Show
            }
            Reply::Attach => {
                self.attach(talk, id)?;
                Next::Prompt
            }
            Reply::Invalid(why) => {
                talk.out.wrapped(&why, "", "")?;
                Next::Prompt
            }
        })
    }

    /// Asks for the document behind `id`'s answer and how far it was looked at, and
    /// records it; an empty line at either step attaches nothing.
    fn attach(&mut self, talk: &mut Talk<'_>, id: crate::bank::QuestionId) -> io::Result<()> {
        let wanted = self.wizard.bank().question(id).evidence.as_deref();
        let mut ask = String::from(
            "The document behind this answer: a file's path, or a web address. Press Enter to attach nothing.",
        );
        if let Some(wanted) = wanted {
            ask.push_str(" This question asks for ");
            ask.push_str(&crate::text::in_sentence(wanted));
            ask.push('.');
        }
        talk.out.wrapped(&ask, "", "")?;
        let Line::Typed(path) = talk.ask()? else {
            return Ok(());
        };
        if path.trim().is_empty() {
            return Ok(());
        }
        // Looked for before its status is asked.
        let mut document = match crate::evidence::attached(
            &self.autosave.path,
            &path,
            crate::answers::Status::Claimed,
        ) {
            Ok(document) => document,
            Err(why) => {
                talk.out.wrapped(
                    &format!("Not attached: {}: {why}", crate::diag::inert(path.trim())),
                    "",
                    "  ",
                )?;
                return Ok(());
            }
        };
        document.status = loop {
            talk.out.wrapped(
                "How far did you look at it? 1 claimed: they say they have it. 2 seen: you have a copy and looked at it. 3 checked: you read it against the answer. Press Enter to attach nothing.",
                "",
                "",
            )?;
            let Line::Typed(typed) = talk.ask()? else {
                return Ok(());
            };
            if typed.trim().is_empty() {
                return Ok(());
            }
            match crate::answers::Status::from_choice(&typed) {
                Some(status) => break status,
                None => talk.out.line("Type 1, 2 or 3.")?,
            }
        };
        let said = format!(
            "Attached: {}, as {}.",
            crate::text::from_file(&document.document),
            document.status.id()
        );
        self.wizard.set_document(id, Some(document));
        self.save(talk, true)?;
        talk.out.wrapped(&said, "", "  ")?;
        Ok(())
    }

    fn on_review(&mut self, talk: &mut Talk<'_>, line: &str) -> io::Result<Next> {
        Ok(match reply::review(&self.wizard, line) {
            ReviewReply::Verdict => {
                self.wizard.show_verdict();
                Next::Show
            }
            ReviewReply::Open(id) => {
                self.wizard.open(id);
                self.from_review = true;
                Next::Show
            }
            ReviewReply::List { open_only } => {
                self.open_only = open_only;
                show::review(&mut talk.out, &self.wizard, open_only)?;
                Next::Prompt
            }
            ReviewReply::Clear(id) => {
                if self.wizard.clear_kept(id) {
                    self.save(talk, true)?;
                    let prompt = self
                        .wizard
                        .bank()
                        .question(id)
                        .prompt_for(self.wizard.audience());
                    talk.out.wrapped(&format!("Cleared: {prompt}"), "", "  ")?;
                }
                Next::Show
            }
            ReviewReply::Back => {
                self.wizard.back();
                Next::Show
            }
            ReviewReply::Rename => {
                self.rename(talk)?;
                Next::Prompt
            }
            ReviewReply::NextOpen if self.wizard.go_to_next_open() => Next::Show,
            ReviewReply::NextOpen => {
                talk.out.line(ALL_ASKED)?;
                Next::Prompt
            }
            ReviewReply::Help => Next::Show,
            ReviewReply::Quit => Next::Quit,
            ReviewReply::SaveAs => {
                self.save_as(talk, SAVE_AS_ASK)?;
                Next::Prompt
            }
            ReviewReply::Invalid(why) => {
                talk.out.wrapped(&why, "", "")?;
                Next::Prompt
            }
        })
    }

    /// Asks for a new name of who is vetted; an empty line keeps the name.
    fn rename(&mut self, talk: &mut Talk<'_>) -> io::Result<()> {
        talk.out.wrapped(ui::SUBJECT_QUESTION, "", "")?;
        talk.out.wrapped(
            &format!(
                "Press Enter to keep “{}”.",
                ui::shown_subject(&self.wizard.meta().subject)
            ),
            "",
            "",
        )?;
        let Line::Typed(name) = talk.ask()? else {
            return Ok(());
        };
        if !name.trim().is_empty() && self.wizard.set_subject(&name) {
            self.save(talk, true)?;
            talk.out.wrapped(
                &format!("Renamed: {}.", crate::diag::inert(name.trim())),
                "",
                "  ",
            )?;
        }
        Ok(())
    }

    /// Saves, and says so only when saving starts or stops failing; with
    /// `hint`, a failure says how to save elsewhere.
    fn save(&mut self, talk: &mut Talk<'_>, hint: bool) -> io::Result<bool> {
        let saved = self.autosave.save(&self.wizard);
        if let Some(news) = self.autosave.news() {
            talk.out.wrapped(&news, "", "")?;
        }
        if self.autosave.last_error != self.shown_error {
            match &self.autosave.last_error {
                Some(e) => {
                    talk.out.wrapped(e, "", "")?;
                    if hint {
                        talk.out.line(SAVE_ELSEWHERE_HINT)?;
                    }
                }
                None => talk.out.line(SAVED_AGAIN)?,
            }
            self.shown_error.clone_from(&self.autosave.last_error);
        }
        Ok(saved)
    }

    /// Asks for another file and saves there from now on. Whether that
    /// saved; `None` when nothing was typed, which keeps the file there was.
    fn save_as(&mut self, talk: &mut Talk<'_>, ask: &str) -> io::Result<Option<bool>> {
        talk.out.wrapped(ask, "", "")?;
        talk.out.wrapped(
            &format!("For example: {}", self.autosave.suggest_elsewhere()),
            "",
            "  ",
        )?;
        let path = match talk.ask()? {
            Line::Typed(t) if !t.is_empty() => PathBuf::from(t),
            Line::TooLong => {
                talk.out.line(TOO_LONG)?;
                return Ok(Some(false));
            }
            _ => {
                if ask == SAVE_AS_ASK {
                    talk.out.line(if self.autosave.last_error.is_some() {
                        SAVE_AS_NOT_YET
                    } else {
                        SAVE_AS_KEPT
                    })?;
                }
                return Ok(None);
            }
        };
        match self.autosave.move_to(path, &mut self.wizard) {
            Ok(()) => {
                self.shown_error = None;
                talk.out
                    .wrapped(&ui::saved_there(&self.autosave.path), "", "")?;
                Ok(Some(true))
            }
            Err(why) => {
                talk.out.wrapped(&why, "", "")?;
                Ok(Some(false))
            }
        }
    }

    fn finish(&mut self, talk: &mut Talk<'_>, ending: &Ending) -> io::Result<()> {
        let mut saved = self.save(talk, false)?;
        // Someone is still there to answer: offer another file until one works.
        if !matches!(ending, Ending::EndOfInput) {
            while !saved {
                talk.out.blank()?;
                match self.save_as(talk, SAVE_AS_LAST)? {
                    Some(now) => saved = now,
                    None => break,
                }
            }
        }
        let path = self.autosave.path.clone();
        let file = self.autosave.file(&self.wizard);
        let verdict = self.wizard.verdict();
        talk.out.blank()?;
        if !saved {
            talk.out.line(ui::NOT_SAVED)?;
            talk.out.blank()?;
            talk.out
                .text(&crate::answers::to_toml(self.wizard.bank(), &file))?;
            talk.out.blank()?;
        }
        if let Ending::Quit = ending {
            if saved {
                talk.out.line(&ui::saved_in(&path))?;
            }
            let incomplete = if verdict.incomplete {
                " (incomplete)"
            } else {
                ""
            };
            // Words alone: a screen reader reads a symbol out by its name.
            talk.out.line(&format!(
                "Verdict so far: {}{incomplete}",
                ui::level_word(verdict.level)
            ))?;
        } else {
            if let Ending::EndOfInput = ending {
                talk.out
                    .line(&format!("{END_OF_INPUT} The verdict so far:"))?;
                talk.out.blank()?;
            }
            let documents = crate::evidence::check(&path, &file);
            let scored = Scored::new(&path, self.wizard.bank(), &file, &verdict)
                .with_documents(&documents)
                .on(self.today);
            talk.out.text(&report::text::render_words(&scored))?;
            talk.out.blank()?;
        }
        if saved {
            talk.out.wrapped(&ui::resume_hint(&path), "", "")?;
        }
        talk.out.flush()
    }
}
