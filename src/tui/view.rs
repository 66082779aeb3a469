//! Drawing the app: header, body and footer for each screen, the help pane, and the too-small message. No side effects.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus, Mode, Run, StartStep};
use super::keys::{Hints, hints};
use super::theme::Theme;
use crate::answers::Answer;
use crate::bank::{Audience, Kind, QuestionId};
use crate::report::{Scored, text};
use crate::ui::{self, Paint};
use crate::wizard::{Item, Place, items};

/// Below this size the screen shows a message instead of a squeezed wizard.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// The whole screen for one frame.
pub struct Screen<'a, 's> {
    pub app: &'a App<'s>,
    pub theme: Theme,
}

/// The body: a head that stays put (the question), then lines that scroll
/// (the answers), with where each clickable row starts.
struct Body {
    head: Vec<Line<'static>>,
    /// How many leading lines of `head` may be dropped when the window is short.
    droppable: usize,
    lines: Vec<Line<'static>>,
    /// For each clickable row: its first line in `lines`.
    rows: Vec<usize>,
    /// The line to keep on screen.
    focus_line: usize,
    /// A scroll position the state asks for, instead of following the focus.
    fixed_scroll: Option<u16>,
}

struct Parts {
    header: Rect,
    body: Rect,
    footer: Rect,
}

impl Widget for &Screen<'_, '_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        let parts = self.layout(area);
        Paragraph::new(self.header_lines(area.width))
            .block(
                Block::new()
                    .borders(Borders::BOTTOM)
                    .border_style(self.theme.dim()),
            )
            .render(parts.header, buf);
        let body = self.body(parts.body.width);
        let (head, list) = split(&body, parts.body);
        let scroll = body_scroll(&body, list.height);
        let skip = body.head.len() - usize::from(head.height);
        Paragraph::new(body.head[skip..].to_vec()).render(head, buf);
        let total = body.lines.len();
        Paragraph::new(body.lines)
            .scroll((scroll, 0))
            .render(list, buf);
        Paragraph::new(self.footer_lines(area.width))
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
            let y = if head.height > 0 {
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
        if self.app.help_open {
            self.help(area, buf);
        }
    }
}

impl Screen<'_, '_> {
    fn layout(&self, area: Rect) -> Parts {
        let header = u16::try_from(self.header_lines(area.width).len()).unwrap_or(2) + 1;
        let footer = u16::try_from(self.footer_lines(area.width).len()).unwrap_or(2) + 1;
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(header),
            Constraint::Min(1),
            Constraint::Length(footer),
        ])
        .areas(area);
        let body = Rect {
            x: body.x + 1,
            width: body.width.saturating_sub(2),
            ..body
        };
        Parts {
            header,
            body,
            footer,
        }
    }

    /// Which clickable row of the body is at screen position (`column`, `row`), if any.
    pub fn hit(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT || self.app.help_open {
            return None;
        }
        let parts = self.layout(area);
        let body = self.body(parts.body.width);
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
            let subject = ui::inert(&run.wizard.meta().subject);
            let who = if subject.trim().is_empty() {
                ui::NO_SUBJECT.to_owned()
            } else {
                subject
            };
            first = format!("exovet · {who} · {}", run.wizard.audience());
            second = match run.wizard.place() {
                Place::Question(q) => {
                    let (n, m) = run.wizard.position().unwrap_or((0, 0));
                    ui::position_line(n, m, &bank.section_of(q).title)
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
        let mut lines: Vec<Line<'static>> = wrap(hint, usize::from(width), "", "")
            .into_iter()
            .map(|l| Line::styled(l, self.theme.keys()))
            .collect();
        let (message, style) = match (app.run(), &app.status) {
            (Some(run), _) if run.autosave.last_error.is_some() => (
                run.autosave.last_error.clone().unwrap_or_default(),
                self.theme.error(),
            ),
            (_, Some(status)) => (status.clone(), self.theme.error()),
            (Some(run), None) => match &app.summary_path {
                Some(p) if run.wizard.place() == Place::Verdict => (
                    format!("Summary saved to {}", p.display()),
                    self.theme.dim(),
                ),
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
        if self.app.help_open {
            return Hints::Help;
        }
        match &self.app.mode {
            Mode::Start(s) if s.step == StartStep::Audience => Hints::Audience,
            Mode::Start(_) => Hints::Subject,
            Mode::Run(run) => match run.wizard.place() {
                Place::Question(q) => match (&run.wizard.bank().question(q).kind, run.focus) {
                    (Kind::Single(_), _) => Hints::Single,
                    (Kind::Multiple(_), _) => Hints::Multiple,
                    (_, Focus::List(_)) => Hints::FieldList,
                    (Kind::Number(_), _) => Hints::Number,
                    (Kind::Text, _) => Hints::Text,
                },
                Place::Review => Hints::Review,
                Place::Verdict => Hints::Verdict,
            },
        }
    }

    fn body(&self, width: u16) -> Body {
        let width = usize::from(width);
        match &self.app.mode {
            Mode::Start(start) => self.start_body(start, width),
            Mode::Run(run) => match run.wizard.place() {
                Place::Question(q) => self.question_body(run, q, width),
                Place::Review => self.review_body(run, width),
                Place::Verdict => self.verdict_body(run, width),
            },
        }
    }

    fn start_body(&self, start: &super::app::Start, width: usize) -> Body {
        let bank = &self.app.session().bank;
        let mut b = Body::new();
        b.head_text(&bank.title, width, self.theme.title());
        b.head_blank();
        b.head_text(&bank.disclaimer, width, Style::new());
        b.head_blank();
        match start.step {
            StartStep::Audience => {
                b.head_text(ui::AUDIENCE_QUESTION, width, self.theme.title());
                b.head_blank();
                for (i, label) in ui::AUDIENCE_CHOICES.iter().enumerate() {
                    let style = if i == start.cursor {
                        self.theme.cursor()
                    } else {
                        Style::new()
                    };
                    if i == start.cursor {
                        b.focus_line = b.lines.len();
                    }
                    b.row(&format!(" {}  {label}", i + 1), width, 5, style);
                }
            }
            StartStep::Subject => {
                if let Some(a) = start.audience {
                    let label = ui::AUDIENCE_CHOICES[usize::from(a == Audience::Coordinator)];
                    b.head_text(&format!("Filling it in: {label}"), width, self.theme.dim());
                    b.head_blank();
                }
                b.head_text(ui::SUBJECT_QUESTION, width, self.theme.title());
                b.head_blank();
                b.focus_line = b.lines.len();
                b.field(&ui::inert(&start.subject), true, width, self.theme);
            }
        }
        b
    }

    fn question_body(&self, run: &Run<'_>, q: QuestionId, width: usize) -> Body {
        let bank = run.wizard.bank();
        let question = bank.question(q);
        let section = bank.section_of(q);
        let audience = run.wizard.audience();
        let mut b = Body::new();
        b.head_text(&section.intro, width, self.theme.dim());
        b.head_blank();
        b.droppable = b.head.len();
        b.head_text(question.prompt_for(audience), width, self.theme.title());
        b.head_blank();
        match &question.kind {
            Kind::Single(_) | Kind::Multiple(_) => {
                let multiple = matches!(question.kind, Kind::Multiple(_));
                let answer = run.wizard.answer(q);
                for (i, item) in items(bank, q).into_iter().enumerate() {
                    let marked = match (item, answer) {
                        (Item::Option(o), _) if multiple => run.ticks.contains(&o),
                        (Item::Option(o), Some(Answer::Choice(c))) => o == *c,
                        (Item::NotAsked, None)
                        | (Item::Refused, Some(Answer::Refused))
                        | (Item::NotApplicable, Some(Answer::NotApplicable)) => true,
                        _ => false,
                    };
                    let mark = match (multiple && matches!(item, Item::Option(_)), marked) {
                        (true, true) => "[x]",
                        (true, false) => "[ ]",
                        (false, true) => "(•)",
                        (false, false) => "( )",
                    };
                    let style = if i == run.cursor {
                        self.theme.cursor()
                    } else {
                        Style::new()
                    };
                    if i == run.cursor {
                        b.focus_line = b.lines.len();
                    }
                    let number = if i < 9 {
                        format!("{}", i + 1)
                    } else {
                        " ".to_owned()
                    };
                    let label = ui::item_label(bank, q, item);
                    b.row(&format!("{number:>2} {mark} {label}"), width, 7, style);
                }
            }
            Kind::Number(spec) => {
                b.head_text(
                    &format!(
                        "{} (from {} to {}):",
                        capitalise(&spec.unit),
                        crate::answers::example(spec.min),
                        crate::answers::example(spec.max)
                    ),
                    width,
                    Style::new(),
                );
                self.field_rows(run, q, width, &mut b);
            }
            Kind::Text => {
                b.head_text("Type your answer:", width, Style::new());
                self.field_rows(run, q, width, &mut b);
            }
        }
        b
    }

    /// A number or text field, then the reserved answers under it.
    fn field_rows(&self, run: &Run<'_>, q: QuestionId, width: usize, b: &mut Body) {
        let focused = run.focus == Focus::Field;
        if focused {
            b.focus_line = b.lines.len();
        }
        b.rows.push(b.lines.len());
        b.field(&ui::inert(&run.field), focused, width, self.theme);
        b.blank();
        let answer = run.wizard.answer(q);
        for (i, item) in run.field_items().into_iter().enumerate() {
            let marked = matches!(
                (item, answer),
                (Item::NotAsked, None)
                    | (Item::Refused, Some(Answer::Refused))
                    | (Item::NotApplicable, Some(Answer::NotApplicable))
            );
            let on = run.focus == Focus::List(i);
            if on {
                b.focus_line = b.lines.len();
            }
            let style = if on {
                self.theme.cursor()
            } else {
                Style::new()
            };
            let mark = if marked { "(•)" } else { "( )" };
            b.row(
                &format!("   {mark} {}", ui::item_label(run.wizard.bank(), q, item)),
                width,
                7,
                style,
            );
        }
    }

    fn review_body(&self, run: &Run<'_>, width: usize) -> Body {
        let bank = run.wizard.bank();
        let audience = run.wizard.audience();
        let mut b = Body::new();
        b.head_text(
            "Enter on a question opens it to change it; Enter on the first line shows the verdict.",
            width,
            self.theme.dim(),
        );
        b.head_blank();
        b.droppable = b.head.len();
        let on = run.review_cursor == 0;
        if on {
            b.focus_line = b.lines.len();
        }
        b.row(
            &format!("   {}", ui::SHOW_VERDICT),
            width,
            3,
            if on {
                self.theme.cursor()
            } else {
                self.theme.title()
            },
        );
        let mut section = None;
        for (i, id) in run.wizard.visible().into_iter().enumerate() {
            let q = bank.question(id);
            if section != Some(q.section) {
                section = Some(q.section);
                b.blank();
                b.text(&bank.sections[q.section].title, width, self.theme.title());
            }
            let on = run.review_cursor == i + 1;
            if on {
                b.focus_line = b.lines.len() + 1;
            }
            let style = if on {
                self.theme.cursor()
            } else {
                Style::new()
            };
            b.row(
                &format!("{:>3}. {}", i + 1, q.prompt_for(audience)),
                width,
                5,
                style,
            );
            let (flag, words) = match run.wizard.answer(id) {
                None => (None, ui::NOT_ASKED_TEXT.to_owned()),
                Some(a) => (
                    crate::score::flag_of(bank, id, a).map(|f| f.flag),
                    ui::inert(&ui::answer_text(bank, id, a)),
                ),
            };
            let mut spans = vec![Span::raw("     ")];
            if let Some(f) = flag {
                spans.push(Span::styled(
                    format!("{} {} ", ui::flag_symbol(f), ui::flag_word(f)),
                    self.theme.flag(f),
                ));
            }
            let prefix: usize = spans.iter().map(|s| s.content.width()).sum();
            let rest = wrap(&words, width.saturating_sub(prefix).max(10), "", "");
            let mut rest = rest.into_iter();
            spans.push(Span::styled(
                rest.next().unwrap_or_default(),
                self.theme.dim(),
            ));
            b.lines.push(Line::from(spans));
            for more in rest {
                b.lines.push(Line::styled(
                    format!("{}{more}", " ".repeat(prefix)),
                    self.theme.dim(),
                ));
            }
        }
        b
    }

    fn verdict_body(&self, run: &Run<'_>, width: usize) -> Body {
        let verdict = run.wizard.verdict();
        let file = run.wizard.file();
        let mut b = Body::new();
        let word = ui::level_word(verdict.level);
        let spaced: String = word.chars().flat_map(|c| [c, ' ']).collect();
        let big = format!(
            "{}   {}",
            ui::level_symbol(verdict.level),
            spaced.trim_end()
        );
        let inner = big.width() + 6;
        let pad = width.saturating_sub(inner) / 2;
        let style = self.theme.level(verdict.level);
        b.lines.push(Line::styled(
            format!("{}┏{}┓", " ".repeat(pad), "━".repeat(inner)),
            style,
        ));
        b.lines.push(Line::styled(
            format!("{}┃   {big}   ┃", " ".repeat(pad)),
            style,
        ));
        b.lines.push(Line::styled(
            format!("{}┗{}┛", " ".repeat(pad), "━".repeat(inner)),
            style,
        ));
        b.blank();
        let scored = Scored {
            path: &run.autosave.path,
            bank: run.wizard.bank(),
            file: &file,
            verdict: &verdict,
            warnings: &[],
        };
        for (i, line) in text::render_body(&scored, Paint::off(), width)
            .lines()
            .enumerate()
        {
            let style = if i == 0 { style } else { Style::new() };
            b.lines.push(Line::styled(line.to_owned(), style));
        }
        b.fixed_scroll = Some(run.scroll);
        b
    }

    fn help(&self, area: Rect, buf: &mut Buffer) {
        let Some(run) = self.app.run() else { return };
        let Some(q) = run.question() else { return };
        let question = run.wizard.bank().question(q);
        let popup = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(4),
            height: area.height.saturating_sub(2),
        };
        let inner_width = usize::from(popup.width.saturating_sub(4));
        let mut b = Body::new();
        b.text(
            question.prompt_for(run.wizard.audience()),
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
            b.text(&format!("• {s}"), inner_width, self.theme.dim());
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
        let scroll = self.app.help_scroll.min(most);
        let hint = if most > 0 {
            " ↑↓ scroll · any other key closes "
        } else {
            " any key closes "
        };
        Clear.render(popup, buf);
        Paragraph::new(b.lines)
            .scroll((scroll, 0))
            .block(
                Block::bordered()
                    .title(format!(" {} ", ui::HELP_TITLE))
                    .title_bottom(Line::from(hint).right_aligned())
                    .padding(ratatui::widgets::Padding::horizontal(1)),
            )
            .render(popup, buf);
    }
}

impl Body {
    fn new() -> Self {
        Self {
            head: Vec::new(),
            droppable: 0,
            lines: Vec::new(),
            rows: Vec::new(),
            focus_line: 0,
            fixed_scroll: None,
        }
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    fn head_blank(&mut self) {
        self.head.push(Line::default());
    }

    fn head_text(&mut self, text: &str, width: usize, style: Style) {
        for line in wrap(text, width, "", "") {
            self.head.push(Line::styled(line, style));
        }
    }

    fn text(&mut self, text: &str, width: usize, style: Style) {
        for line in wrap(text, width, "", "") {
            self.lines.push(Line::styled(line, style));
        }
    }

    /// A clickable row, wrapped with a hanging indent, styled across the full width.
    fn row(&mut self, text: &str, width: usize, indent: usize, style: Style) {
        self.rows.push(self.lines.len());
        for line in wrap(text, width, "", &" ".repeat(indent)) {
            let pad = width.saturating_sub(line.width());
            self.lines
                .push(Line::styled(format!("{line}{}", " ".repeat(pad)), style));
        }
    }

    fn field(&mut self, value: &str, focused: bool, width: usize, theme: Theme) {
        let shown = if focused {
            format!("{value}▏")
        } else {
            value.to_owned()
        };
        let inner = width.saturating_sub(4).max(8);
        // Long text keeps its end in view, where the typing happens.
        let visible: String = if shown.width() > inner {
            let chars: Vec<char> = shown.chars().collect();
            let mut take = Vec::new();
            let mut used = 0;
            for c in chars.iter().rev() {
                used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                if used > inner.saturating_sub(1) {
                    break;
                }
                take.push(*c);
            }
            std::iter::once('…').chain(take.into_iter().rev()).collect()
        } else {
            shown
        };
        let pad = inner.saturating_sub(visible.width());
        let style = if focused {
            theme.cursor()
        } else {
            Style::new()
        };
        self.lines.push(Line::from(vec![
            Span::raw("  ["),
            Span::styled(format!("{visible}{}", " ".repeat(pad)), style),
            Span::raw("]"),
        ]));
    }
}

/// The head's area and the scrolling list's area. The head gives up its
/// droppable lines, then is cut, so the list always keeps a few rows.
fn split(body: &Body, area: Rect) -> (Rect, Rect) {
    let keep_for_list = 4.min(area.height);
    let room = area.height - keep_for_list;
    let full = u16::try_from(body.head.len()).unwrap_or(u16::MAX);
    let short = full.saturating_sub(u16::try_from(body.droppable).unwrap_or(0));
    let list = u16::try_from(body.lines.len()).unwrap_or(u16::MAX);
    // The section intro goes first when it would push answers out of sight.
    let head = if full <= room && full.saturating_add(list) <= area.height {
        full
    } else {
        short.min(room)
    };
    let [head_area, list_area] =
        Layout::vertical([Constraint::Length(head), Constraint::Min(0)]).areas(area);
    (head_area, list_area)
}

/// Keeps the focus line in view, showing the top of the page whenever it fits.
fn body_scroll(body: &Body, height: u16) -> u16 {
    let total = u16::try_from(body.lines.len()).unwrap_or(u16::MAX);
    let most = total.saturating_sub(height);
    if let Some(s) = body.fixed_scroll {
        return s.min(most);
    }
    let focus = body.focus_line;
    // The whole focused row, and one line after it when there is room.
    let end = body
        .rows
        .iter()
        .find(|start| **start > focus)
        .copied()
        .unwrap_or(body.lines.len());
    let wanted = (end + 1).saturating_sub(usize::from(height));
    // Start at a row boundary, so no answer is shown cut in half at the top.
    let snapped = body
        .rows
        .iter()
        .copied()
        .find(|start| *start >= wanted && *start <= focus)
        .unwrap_or(wanted.min(focus));
    u16::try_from(snapped).unwrap_or(0).min(most)
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let message = format!(
        "This window is too small for exovet ({} × {}). Make it at least {MIN_WIDTH} × {MIN_HEIGHT}. Your answers are saved.",
        area.width, area.height
    );
    let lines: Vec<Line<'static>> = wrap(&message, usize::from(area.width.max(1)), "", "")
        .into_iter()
        .map(Line::from)
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// Wraps by display width; long words such as web addresses are split rather than lost.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.trim_end().to_owned())
        .collect()
}

fn truncate(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
