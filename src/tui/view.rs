//! Drawing the app: header, body and footer for each screen, the help pane, and the too-small message. No side effects.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

mod body;
pub mod links;
mod screens;

use body::{Body, body_scroll, keep_end, split, truncate, wrap};

use super::app::{App, FieldFocus, Mode, Overlay, Page, StartStep, Status};
use super::keys::{Hints, hints, save_elsewhere_key};
use super::theme::Theme;
use crate::ui;
use crate::wizard::Place;

/// Below this size the screen shows a message instead of a squeezed wizard.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// The widest the body's text runs, however wide the terminal.
pub const READING_WIDTH: u16 = 100;
/// The mark drawn at the caret of a field being typed in; the terminal's cursor is put on it.
pub const CARET: &str = "▏";

/// The whole screen for one frame.
pub struct Screen<'a, 's> {
    pub app: &'a App<'s>,
    pub theme: Theme,
}

struct Parts {
    header: Rect,
    body: Rect,
    footer: Rect,
}

impl Widget for &Screen<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf, self.saved_state());
            return;
        }
        let header = self.header_lines(area.width);
        let footer = self.footer_lines(area.width);
        let parts = layout(area, header.len(), footer.len());
        Paragraph::new(header)
            .block(
                Block::new()
                    .borders(Borders::BOTTOM)
                    .border_style(self.theme.dim()),
            )
            .render(parts.header, buf);
        let body = self.body(parts.body);
        let (head, list) = split(&body, parts.body);
        let scroll = body_scroll(&body, list.height);
        // Dropped lines go from the top; a head still too tall loses its end,
        // so a question cut short still reads from its first word.
        let skip = (body.head.len() - usize::from(head.height)).min(body.droppable);
        // The head's last line on screen, when blank, is the rule the list's "↑ more" sits on.
        let head_ends_blank = body
            .head
            .get(skip + usize::from(head.height).saturating_sub(1))
            .is_some_and(|l| l.width() == 0);
        Paragraph::new(body.head[skip..].to_vec()).render(head, buf);
        let total = body.lines.len();
        Paragraph::new(body.lines)
            .scroll((scroll, 0))
            .render(list, buf);
        if self.theme.hyperlinks() {
            links::paint(buf, list, &body.links, scroll);
        }
        Paragraph::new(footer)
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .border_style(self.theme.dim()),
            )
            .render(parts.footer, buf);
        // Say when answers are out of sight: on the rule above the list or the
        // footer's rule, never over an answer.
        let right = |label: &str| {
            list.x
                + list
                    .width
                    .saturating_sub(u16::try_from(label.width()).unwrap_or(0))
        };
        if scroll > 0 {
            let y = if head.height > 0 && head_ends_blank {
                list.y - 1
            } else {
                parts.header.y + parts.header.height - 1
            };
            buf.set_string(right(" ↑ more "), y, " ↑ more ", self.theme.keys());
        }
        if usize::from(scroll) + usize::from(list.height) < total {
            buf.set_string(
                right(" ↓ more "),
                parts.footer.y,
                " ↓ more ",
                self.theme.keys(),
            );
        }
        match &self.app.overlay {
            Some(Overlay::Help { scroll }) => self.help(area, buf, *scroll),
            Some(Overlay::SaveAs { path, .. }) => self.save_as(area, buf, path),
            Some(Overlay::Unsaved) => self.unsaved(area, buf),
            Some(Overlay::Rename { name }) => self.rename(area, buf, name),
            Some(Overlay::Attach {
                question,
                path,
                found,
                reading,
            }) => self.attach(area, buf, *question, path, found.is_some(), *reading),
            None => {}
        }
    }
}

/// The header and footer as tall as their lines, and their rules; the body between.
fn layout(area: Rect, header_lines: usize, footer_lines: usize) -> Parts {
    let header = u16::try_from(header_lines).unwrap_or(2) + 1;
    let footer = u16::try_from(footer_lines).unwrap_or(2) + 1;
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(header),
        Constraint::Min(1),
        Constraint::Length(footer),
    ])
    .areas(area);
    // Lines much longer than about 100 characters are hard to read: on a wide terminal the
    // body keeps to that width.
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2).min(READING_WIDTH),
        ..body
    };
    Parts {
        header,
        body,
        footer,
    }
}

impl Screen<'_, '_> {
    /// Which clickable row of the body is at screen position (`column`, `row`), if any.
    pub fn hit(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT || self.app.overlay.is_some() {
            return None;
        }
        let parts = layout(
            area,
            self.header_lines(area.width).len(),
            self.footer_lines(area.width).len(),
        );
        let body = self.body(parts.body);
        let (_, list) = split(&body, parts.body);
        let inside = column >= list.x
            && column < list.x + list.width
            && row >= list.y
            && row < list.y + list.height;
        if !inside {
            return None;
        }
        let line = usize::from(row - list.y + body_scroll(&body, list.height));
        body.rows
            .iter()
            .rposition(|start| *start <= line)
            .filter(|i| {
                let end = body.rows.get(i + 1).copied().unwrap_or(usize::MAX);
                // Only the lines of the row itself, not the blank after the list.
                line < end && line < body.lines.len()
            })
    }

    fn header_lines(&self, width: u16) -> Vec<Line<'static>> {
        let app = self.app;
        let bank = &app.session().bank;
        let mut first = format!("exovet · {}", bank.title);
        let mut second = String::new();
        if let Some(run) = app.run() {
            let subject = crate::text::from_file(&run.wizard().meta().subject);
            let who = if subject.trim().is_empty() {
                ui::NO_SUBJECT.to_owned()
            } else {
                subject
            };
            first = format!("exovet · {who} · {}", run.wizard().audience());
            second = match run.page().place() {
                Place::Question(q) => {
                    let (n, m) = run.wizard().position().unwrap_or((0, 0));
                    let more = run.wizard().more_may_follow();
                    ui::position_line(n, m, more, &bank.section_of(q).title)
                }
                Place::Review => ui::REVIEW_TITLE.to_owned(),
                Place::Verdict => "Verdict".to_owned(),
            };
        }
        let mut lines = vec![Line::styled(truncate(&first, width), self.theme.dim())];
        if !second.is_empty() {
            lines.push(Line::styled(truncate(&second, width), self.theme.title()));
        }
        lines
    }

    fn footer_lines(&self, width: u16) -> Vec<Line<'static>> {
        let app = self.app;
        let hint = hints(self.hints());
        let mut lines: Vec<Line<'static>> = wrap_keys(hint, usize::from(width))
            .into_iter()
            .map(|l| Line::styled(l, self.theme.keys()))
            .collect();
        let (message, style) = match (app.run(), &app.status) {
            (Some(run), _) if run.autosave.last_error.is_some() => (
                format!(
                    "{} {}",
                    run.autosave.last_error.clone().unwrap_or_default(),
                    save_elsewhere_key(app.focus())
                ),
                self.theme.error(),
            ),
            (_, Some(Status::Problem(text))) => (text.clone(), self.theme.error()),
            (_, Some(Status::Done(text))) => (text.clone(), self.theme.title()),
            (Some(run), None) => match &app.summary_path {
                Some(p) if run.page().place() == Place::Verdict => {
                    (ui::summary_saved(p), self.theme.dim())
                }
                _ => (ui::saving_to(&run.autosave.path), self.theme.dim()),
            },
            (None, None) => (
                "Nothing is saved until you start.".to_owned(),
                self.theme.dim(),
            ),
        };
        lines.extend(
            wrap(&message, usize::from(width), "", "")
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
        lines
    }

    fn hints(&self) -> Hints {
        match &self.app.overlay {
            Some(Overlay::Help { .. }) => return Hints::Help,
            Some(Overlay::SaveAs { .. }) => return Hints::SaveAs,
            Some(Overlay::Unsaved) => return Hints::Leaving,
            Some(Overlay::Rename { .. }) => return Hints::Rename,
            Some(Overlay::Attach { found, reading, .. }) => {
                return match (found.is_some(), reading) {
                    (true, _) => Hints::AttachStatus,
                    (false, true) => Hints::AttachReading,
                    (false, false) => Hints::AttachPath,
                };
            }
            None => {}
        }
        match &self.app.mode {
            Mode::Start(s) => match s.step {
                StartStep::Audience => Hints::Audience,
                StartStep::Subject => Hints::Subject,
                StartStep::SubjectAgain => Hints::SubjectAgain,
            },
            Mode::Run(run) => match run.page() {
                Page::Choice(c) if c.multiple => Hints::Multiple,
                Page::Choice(_) => Hints::Single,
                Page::Field(f) if f.focus != FieldFocus::Text => Hints::FieldList,
                Page::Field(f) if f.number => Hints::Number,
                Page::Field(_) => Hints::Text,
                Page::Review { .. } => Hints::Review,
                Page::Verdict { .. } => Hints::Verdict,
            },
        }
    }

    fn body(&self, area: Rect) -> Body {
        let width = usize::from(area.width);
        match &self.app.mode {
            Mode::Start(start) => self.start_body(start, width, usize::from(area.height)),
            Mode::Run(run) => match run.page() {
                Page::Choice(c) => self.choice_body(run, c, width),
                Page::Field(f) => self.field_body(run, f, width),
                Page::Review { cursor } => self.review_body(run, *cursor, width),
                Page::Verdict { scroll } => self.verdict_body(run, *scroll, width),
            },
        }
    }

    /// The prompt for another file to save to.
    fn save_as(&self, area: Rect, buf: &mut Buffer, path: &str) {
        self.prompt(
            area,
            buf,
            " Save elsewhere ",
            &[
                "Save your answers to another file. Type its path (the folder must exist):"
                    .to_owned(),
            ],
            Some(path),
            "Enter saves · Esc cancels",
        );
    }

    /// The prompt for a new name of who is vetted, from the review.
    fn rename(&self, area: Rect, buf: &mut Buffer, name: &str) {
        self.prompt(
            area,
            buf,
            " Who is vetted ",
            &[ui::SUBJECT_QUESTION.to_owned()],
            Some(name),
            "Enter keeps the name · Esc cancels",
        );
    }

    fn attach(
        &self,
        area: Rect,
        buf: &mut Buffer,
        question: crate::bank::QuestionId,
        path: &str,
        choosing: bool,
        reading: bool,
    ) {
        let bank = &self.app.session().bank;
        let wanted = bank.question(question).evidence.as_deref().map(|d| {
            format!(
                "The document this question asks for: {}.",
                crate::text::in_sentence(d)
            )
        });
        let title = " Attach a document ";
        if choosing {
            // The path is found: it is shown, not typed, and the three answers are a list.
            let mut asks = vec![format!("Document: {}", crate::diag::inert(path.trim()))];
            asks.extend(wanted);
            asks.extend([
                String::new(),
                "How far did you look at it?".to_owned(),
                "  1 claimed: they say they have it".to_owned(),
                "  2 seen: you have a copy and looked at it".to_owned(),
                "  3 checked: you read it against the answer".to_owned(),
            ]);
            self.prompt(
                area,
                buf,
                title,
                &asks,
                None,
                "1, 2 or 3 · Esc back to the path",
            );
        } else {
            let mut asks = vec![
                "The document behind this answer: a file's path, or a web address.".to_owned(),
            ];
            asks.extend(wanted);
            self.prompt(
                area,
                buf,
                title,
                &asks,
                Some(path),
                if reading {
                    "Reading it… Esc stops waiting"
                } else {
                    "Enter next · Esc cancel"
                },
            );
        }
    }

    /// A box over the screen: what to do, paragraph by paragraph; the line being typed, if
    /// any, with its end in view; and its keys.
    fn prompt(
        &self,
        area: Rect,
        buf: &mut Buffer,
        title: &str,
        asks: &[String],
        typed: Option<&str>,
        keys: &str,
    ) {
        let width = area.width.saturating_sub(4);
        let inner = usize::from(width.saturating_sub(4));
        let mut lines: Vec<Line<'static>> = asks
            .iter()
            .flat_map(|ask| wrap(ask, inner, "", ""))
            .map(Line::from)
            .collect();
        if let Some(typed) = typed {
            lines.push(Line::default());
            let shown = keep_end(&format!("{}{CARET}", crate::diag::inert(typed)), inner);
            lines.push(Line::styled(shown, self.theme.cursor()));
        }
        lines.push(Line::default());
        lines.extend(
            wrap_keys(keys, inner)
                .into_iter()
                .map(|k| Line::styled(k, self.theme.keys())),
        );
        boxed(
            area,
            width,
            lines,
            Block::bordered().title(title.to_owned()),
            buf,
        );
    }

    /// Asked on leaving while the answers cannot be saved: save elsewhere, or leave anyway.
    fn unsaved(&self, area: Rect, buf: &mut Buffer) {
        let width = area.width.saturating_sub(4);
        let inner = usize::from(width.saturating_sub(4));
        let why = self
            .app
            .run()
            .and_then(|r| r.autosave.last_error.clone())
            .unwrap_or_default();
        let mut lines: Vec<Line<'static>> = Vec::new();
        for text in [why.as_str(), "", ui::LEAVING_UNSAVED] {
            lines.extend(wrap(text, inner, "", "").into_iter().map(Line::from));
        }
        let block = Block::bordered()
            .title(format!(" {} ", ui::NOT_SAVED_TITLE))
            .border_style(self.theme.error());
        boxed(area, width, lines, block, buf);
    }

    fn help(&self, area: Rect, buf: &mut Buffer, scroll: u16) {
        let Some(run) = self.app.run() else { return };
        let Some(q) = run.question() else { return };
        let question = run.wizard().bank().question(q);
        let popup = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(4),
            height: area.height.saturating_sub(2),
        };
        let inner_width = usize::from(popup.width.saturating_sub(4));
        let mut b = Body::new();
        b.text(
            question.prompt_for(run.wizard().audience()),
            inner_width,
            self.theme.title(),
        );
        b.blank();
        for paragraph in question.help.split("\n\n") {
            b.text(paragraph, inner_width, Style::new());
        }
        b.blank();
        b.text(
            &format!("{}:", ui::SOURCES_TITLE),
            inner_width,
            self.theme.title(),
        );
        for s in &question.sources {
            // A web address goes on a line of its own, whole, or cut at the edge with "…":
            // never broken onto the next line.
            for line in links::wrap_whole(
                &ui::source_label(run.wizard().bank(), s),
                inner_width,
                "• ",
                "  ",
            ) {
                let line = Line::styled(line, self.theme.dim());
                let at = b.lines.len();
                if let Some(url) = links::address(&line) {
                    b.links.push((at, url));
                    b.lines.push(links::cut(line, inner_width));
                } else {
                    b.links
                        .extend(links::addresses(&line).into_iter().map(|u| (at, u)));
                    b.lines.push(line);
                }
            }
        }
        // Only as tall as it needs to be.
        let height = u16::try_from(b.lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let popup = Rect {
            height: popup.height.min(height),
            ..popup
        };
        let inner = popup.height.saturating_sub(2);
        let most = u16::try_from(b.lines.len())
            .unwrap_or(u16::MAX)
            .saturating_sub(inner);
        let scroll = scroll.min(most);
        let hint = if most > 0 {
            " ↑↓ scroll · any other key closes "
        } else {
            " any key closes "
        };
        Clear.render(popup, buf);
        let block = Block::bordered()
            .title(format!(" {} ", ui::HELP_TITLE))
            .title_bottom(Line::from(hint).right_aligned())
            .padding(ratatui::widgets::Padding::horizontal(1));
        let text = block.inner(popup);
        Paragraph::new(b.lines)
            .scroll((scroll, 0))
            .block(block)
            .render(popup, buf);
        if self.theme.hyperlinks() {
            links::paint(buf, text, &b.links, scroll);
        }
    }
}

/// The key line wrapped between keys, never inside one ("> next open" stays whole).
fn wrap_keys(hint: &str, width: usize) -> Vec<String> {
    const SEP: &str = " · ";
    let mut lines: Vec<String> = Vec::new();
    for key in hint.split(SEP) {
        match lines.last_mut() {
            Some(line) if line.width() + SEP.width() + key.width() <= width => {
                line.push_str(SEP);
                line.push_str(key);
            }
            _ => lines.extend(wrap(key, width, "", "")),
        }
    }
    lines
}

/// What the too-small message can truly say about the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saved {
    NotStarted,
    Yes,
    No,
    /// Leaving was asked for while saving fails.
    NoAndLeaving,
}

impl Screen<'_, '_> {
    fn saved_state(&self) -> Saved {
        match self.app.run() {
            None => Saved::NotStarted,
            Some(_) if self.app.overlay == Some(Overlay::Unsaved) => Saved::NoAndLeaving,
            Some(run) if run.autosave.last_error.is_some() => Saved::No,
            Some(_) => Saved::Yes,
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer, saved: Saved) {
    let answers = match saved {
        Saved::NotStarted => "Nothing is saved until you start.",
        Saved::Yes => "Your answers are saved.",
        Saved::No => "Your answers are not saved: make the window larger to see why.",
        Saved::NoAndLeaving => {
            "Your answers are not saved. Make the window larger to save them to another file, or press q to leave anyway: they are then printed, to copy."
        }
    };
    let message = format!(
        "This window is too small for exovet ({} × {}). Make it at least {MIN_WIDTH} × {MIN_HEIGHT}. {answers}",
        area.width, area.height
    );
    let lines: Vec<Line<'static>> = wrap(&message, usize::from(area.width.max(1)), "", "")
        .into_iter()
        .map(Line::from)
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// A box of `lines` over the screen, `width` wide and as tall as they are (at most the
/// screen), centred up and down, with `block` for its frame and title.
fn boxed(area: Rect, width: u16, lines: Vec<Line<'static>>, block: Block<'_>, buf: &mut Buffer) {
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = Rect {
        x: area.x + 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height: height.min(area.height),
    };
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(block.padding(ratatui::widgets::Padding::horizontal(1)))
        .render(popup, buf);
}
