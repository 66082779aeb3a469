//! The body of each screen: the start, a question, the review and the verdict.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Screen;
use super::body::{Body, KEEP_FOR_LIST, capitalise, wrap};
use crate::answers::Item;
use crate::bank::{Audience, Kind, QuestionId};
use crate::explain::explain;
use crate::report::{Scored, text};
use crate::tui::app::{
    Choice, Field, FieldFocus, ReviewRow, Run, Start, StartStep, VerdictLines, review_rows,
};
use crate::ui;

impl Screen<'_, '_> {
    pub(super) fn start_body(&self, start: &Start, width: usize, height: usize) -> Body {
        let bank = &self.app.session().bank;
        let mut b = Body::new();
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
            StartStep::Subject | StartStep::SubjectAgain => {
                if let Some(a) = start.audience {
                    let label = ui::AUDIENCE_CHOICES[usize::from(a == Audience::Coordinator)];
                    b.head_text(&format!("Filling it in: {label}"), width, self.theme.dim());
                    b.head_blank();
                }
                b.head_text(ui::SUBJECT_QUESTION, width, self.theme.title());
                b.head_blank();
                b.focus_line = b.lines.len();
                b.field(&crate::diag::inert(&start.subject), true, width, self.theme);
                if start.step == StartStep::SubjectAgain {
                    b.blank();
                    b.text(ui::SUBJECT_AGAIN, width, self.theme.error());
                }
            }
        }
        // Above all that: the title, then the disclaimer. The header already
        // names the bank, so a short window gives up the title first.
        let mut top = wrap(&bank.title, width, "", "")
            .into_iter()
            .map(|l| Line::styled(l, self.theme.title()))
            .collect::<Vec<_>>();
        top.push(Line::default());
        if let Some(review) = self.app.session().review_due() {
            top.extend(
                wrap(&review, width, "", "")
                    .into_iter()
                    .map(|l| Line::styled(l, self.theme.title())),
            );
            top.push(Line::default());
        }
        b.droppable = top.len();
        // An audience chosen on this screen, not given by the command line or the file.
        let chosen = start.audience.is_some() && self.app.session().audience.is_none();
        if start.step.typing() && chosen {
            // The disclaimer was on the screen before; here it may go whole, never half.
            top.extend(
                wrap(&bank.disclaimer, width, "", "")
                    .into_iter()
                    .map(Line::raw),
            );
            b.droppable = top.len() + 1;
        } else {
            // What the window has room for, beside the rest and the few rows the list keeps.
            let room = height
                .saturating_sub(b.head.len() + 1)
                .saturating_sub(b.lines.len().max(KEEP_FOR_LIST));
            top.extend(
                opening_sentences(&bank.disclaimer, width, room)
                    .into_iter()
                    .map(Line::raw),
            );
        }
        top.push(Line::default());
        b.head.splice(0..0, top);
        b
    }

    /// The section's introduction and the question, above its answers.
    fn question_head(&self, run: &Run<'_>, q: QuestionId, width: usize) -> Body {
        let bank = run.wizard().bank();
        let mut b = Body::new();
        b.head_text(&bank.section_of(q).intro, width, self.theme.dim());
        b.head_blank();
        b.droppable = b.head.len();
        b.head_text(
            bank.question(q).prompt_for(run.wizard().audience()),
            width,
            self.theme.title(),
        );
        b.head_blank();
        // An old answer asked again says so where it is asked, not only in a warning the
        // full screen has no room for.
        if let Some((written, why)) = run.wizard().asked_again(q) {
            b.head_text(&ui::asked_again(written, why), width, self.theme.dim());
            b.head_blank();
        }
        // For a coordinator: the document behind the answer, and the key that attaches it.
        if run.wizard().audience() == crate::bank::Audience::Coordinator {
            // In a field, a types; Ctrl-A attaches everywhere.
            let key = if matches!(run.page(), crate::tui::app::Page::Field(_)) {
                "Ctrl-A"
            } else {
                "a"
            };
            let line = match (run.wizard().document(q), &bank.question(q).evidence) {
                (Some(d), _) => Some(format!(
                    "Document: {}, recorded as {}. Press {key} to replace it.",
                    crate::text::from_file(&d.document),
                    d.status.id()
                )),
                (None, Some(wanted)) => {
                    Some(format!("Backed by: {wanted}. Press {key} to attach it."))
                }
                (None, None) => None,
            };
            if let Some(line) = line {
                b.head_text(&line, width, self.theme.dim());
                b.head_blank();
            }
        }
        b
    }

    pub(super) fn choice_body(&self, run: &Run<'_>, c: &Choice, width: usize) -> Body {
        let q = c.question;
        let bank = run.wizard().bank();
        let mut b = self.question_head(run, q, width);
        let answer = run.wizard().answer(q);
        for (i, item) in c.items.iter().copied().enumerate() {
            let marked = match item {
                Item::Option(o) if c.multiple => c.ticks.contains(&o),
                _ => Item::of(answer) == Some(item),
            };
            let mark = match (c.multiple && matches!(item, Item::Option(_)), marked) {
                (true, true) => "[x]",
                (true, false) => "[ ]",
                (false, true) => "(•)",
                (false, false) => "( )",
            };
            let style = if i == c.cursor {
                self.theme.cursor()
            } else {
                Style::new()
            };
            if i == c.cursor {
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
        b
    }

    /// A number or text field, then the reserved answers under it.
    pub(super) fn field_body(&self, run: &Run<'_>, f: &Field, width: usize) -> Body {
        let q = f.question;
        let mut b = self.question_head(run, q, width);
        match &run.wizard().bank().question(q).kind {
            Kind::Number(spec) => b.head_text(
                &format!(
                    "{} (from {} to {}):",
                    capitalise(&spec.unit),
                    crate::answers::example(spec.min),
                    crate::answers::example(spec.max)
                ),
                width,
                Style::new(),
            ),
            _ => b.head_text("Type your answer:", width, Style::new()),
        }
        let focused = f.focus == FieldFocus::Text;
        if focused {
            b.focus_line = b.lines.len();
        }
        b.rows.push(b.lines.len());
        b.field(&crate::diag::inert(&f.text), focused, width, self.theme);
        b.blank();
        let answer = run.wizard().answer(q);
        for (i, item) in f.reserved.iter().copied().enumerate() {
            let marked = Item::of(answer) == Some(item);
            let on = f.focus == FieldFocus::Reserved(i);
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
                &format!("   {mark} {}", ui::item_label(run.wizard().bank(), q, item)),
                width,
                7,
                style,
            );
        }
        b
    }

    pub(super) fn review_body(&self, run: &Run<'_>, cursor: usize, width: usize) -> Body {
        let wizard = run.wizard();
        // Each answer's flag as the verdict counts it, or would were it counted.
        let verdict = wizard.verdict();
        let bank = wizard.bank();
        let audience = wizard.audience();
        let mut b = Body::new();
        b.head_text(
            "Enter on a question opens it to change it; Enter on the first line shows the verdict.",
            width,
            self.theme.dim(),
        );
        b.head_blank();
        b.droppable = b.head.len();
        let mut section = None;
        let mut number = 0;
        let mut kept_shown = false;
        for (i, row) in review_rows(wizard).into_iter().enumerate() {
            let on = cursor == i;
            let cursor_style = |other: Style| if on { self.theme.cursor() } else { other };
            match row {
                ReviewRow::Verdict => {
                    if on {
                        b.focus_line = b.lines.len();
                    }
                    let style = cursor_style(self.theme.title());
                    b.row(&format!("   {}", ui::SHOW_VERDICT), width, 3, style);
                }
                ReviewRow::Subject => {
                    if on {
                        b.focus_line = b.lines.len();
                    }
                    let text = format!(
                        "   {}: {} ({})",
                        ui::SUBJECT_LABEL,
                        ui::shown_subject(&wizard.meta().subject),
                        ui::SUBJECT_CHANGE
                    );
                    b.row(&text, width, 3, cursor_style(Style::new()));
                }
                ReviewRow::Question(id) => {
                    let q = bank.question(id);
                    if section != Some(q.section) {
                        section = Some(q.section);
                        b.blank();
                        b.text(&bank.sections[q.section].title, width, self.theme.title());
                    }
                    number += 1;
                    if on {
                        b.focus_line = b.lines.len() + 1;
                    }
                    b.row(
                        &format!("{number:>3}. {}", q.prompt_for(audience)),
                        width,
                        5,
                        cursor_style(Style::new()),
                    );
                    self.review_answer(&mut b, run, &verdict, id, width);
                }
                ReviewRow::Kept(id) => {
                    if !kept_shown {
                        kept_shown = true;
                        b.blank();
                        b.text(ui::KEPT_TITLE, width, self.theme.title());
                        b.text(
                            &format!("{} {}", ui::KEPT_NOTE, ui::KEPT_CLEAR_KEY),
                            width,
                            self.theme.dim(),
                        );
                    }
                    if on {
                        b.focus_line = b.lines.len();
                    }
                    let Some(a) = wizard.answer(id) else {
                        continue;
                    };
                    let flag = match verdict.standing[id.0] {
                        crate::score::Standing::Kept { flag, .. } => flag,
                        _ => verdict.counted(id).map(|f| f.flag),
                    };
                    let mark = flag.map_or_else(String::new, |f| {
                        format!("{} {}: ", ui::flag_symbol(f), ui::flag_word(f))
                    });
                    let style = cursor_style(flag.map_or_else(Style::new, |f| self.theme.flag(f)));
                    b.row(
                        &format!(
                            "   ✕ {mark}{} — {}",
                            bank.question(id).prompt_for(audience),
                            crate::diag::inert(&shorten(
                                &ui::answer_text(bank, id, a),
                                REVIEW_ANSWER_CHARS
                            ))
                        ),
                        width,
                        5,
                        style,
                    );
                }
            }
        }
        b
    }

    /// The line under a question on the review: its flag, if any, and its answer.
    fn review_answer(
        &self,
        b: &mut Body,
        run: &Run<'_>,
        verdict: &crate::score::Verdict,
        id: QuestionId,
        width: usize,
    ) {
        let bank = run.wizard().bank();
        let (flag, words) = match run.wizard().answer(id) {
            None => (None, ui::NOT_ASKED_TEXT.to_owned()),
            Some(a) => (
                verdict.counted(id).map(|f| f.flag),
                crate::diag::inert(&shorten(&ui::answer_text(bank, id, a), REVIEW_ANSWER_CHARS)),
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

    /// The verdict, its meaning, what to do next and the details; made again only when
    /// the answers, the file, the width or the theme change, not on every scroll key.
    pub(super) fn verdict_body(&self, run: &Run<'_>, scroll: u16, width: usize) -> Body {
        let file = run.autosave.file(run.wizard());
        let mut b = Body::new();
        let mut kept = run.verdict_lines.borrow_mut();
        let fresh = kept.as_ref().is_some_and(|k| {
            k.width == width
                && k.theme == self.theme
                && k.path == run.autosave.path
                && k.file == file
                && k.learned == crate::evidence::learned()
        });
        if !fresh {
            // Read before the lines are made: a fingerprint learnt meanwhile makes them again.
            let learned = crate::evidence::learned();
            let (lines, links) = self.verdict_lines(run, &file, width);
            *kept = Some(VerdictLines {
                learned,
                width,
                theme: self.theme,
                path: run.autosave.path.clone(),
                file,
                lines,
                links,
            });
        }
        if let Some(k) = kept.as_ref() {
            b.lines.clone_from(&k.lines);
            b.links.clone_from(&k.links);
        }
        b.fixed_scroll = Some(scroll);
        b
    }

    fn verdict_lines(
        &self,
        run: &Run<'_>,
        file: &crate::answers::AnswerFile,
        width: usize,
    ) -> (Vec<Line<'static>>, Vec<(usize, String)>) {
        let verdict = run.wizard().verdict();
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
        // Never waits for a document to be read: one still being read says so, and the
        // screen is drawn again when it is done (see `learned` above).
        let documents = crate::evidence::check_known(&run.autosave.path, file);
        let scored = Scored::new(&run.autosave.path, run.wizard().bank(), file, &verdict)
            .with_documents(&documents)
            .on(&self.app.session().today);
        let e = explain(&scored);
        let styled = |line: text::Line| {
            let style = match line.role {
                text::Role::Headline(tone) | text::Role::Flag(tone) => self.theme.tone(tone),
                text::Role::Title => self.theme.title(),
                text::Role::Plain => Style::new(),
            };
            Line::styled(line.text, style)
        };
        b.lines
            .extend(text::headline(&e, width).into_iter().map(styled));
        // What to do next comes right after the verdict and its meaning.
        b.blank();
        b.text("What to do next:", width, self.theme.title());
        for (n, step) in e.next.iter().enumerate() {
            for l in wrap(&format!("{}. {step}", n + 1), width, "  ", "     ") {
                b.lines.push(Line::raw(l));
            }
        }
        b.lines
            .extend(text::details(&e, width).into_iter().map(styled));
        // A web address is never broken: one wider than the screen is cut at the edge
        // with "…" (and is a link to the whole where the terminal shows links). Any other
        // word longer than a line goes on over the next lines, under its own indent, as the
        // help pane has it.
        let mut lines = Vec::new();
        let mut links = Vec::new();
        for line in b.lines {
            if let Some(url) = super::links::address(&line) {
                links.push((lines.len(), url));
                lines.push(super::links::cut(line, width));
            } else {
                let at = lines.len();
                links.extend(super::links::addresses(&line).into_iter().map(|u| (at, u)));
                lines.extend(fit(line, width));
            }
        }
        (lines, links)
    }
}

/// The disclaimer wrapped to `width`: whole, when it fits in `room` lines;
/// otherwise as many of its opening sentences as fit ("This is not medical
/// advice. No exosome product is FDA-approved…" comes first); and when not
/// even the first sentence fits, whole, for the window to cut.
fn opening_sentences(text: &str, width: usize, room: usize) -> Vec<String> {
    let whole = wrap(text, width, "", "");
    if whole.len() <= room {
        return whole;
    }
    let ends = text
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .collect::<Vec<_>>();
    ends.iter()
        .rev()
        .map(|&end| wrap(&text[..end], width, "", ""))
        .find(|lines| lines.len() <= room)
        .unwrap_or(whole)
}

/// A line no wider than `width`: as it is, or broken by display width into pieces that go
/// on under its indent.
fn fit(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.width() <= width || width == 0 {
        return vec![line];
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let indent = text.len() - text.trim_start().len();
    let indent = if indent + 8 > width { 0 } else { indent };
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            out.push(std::mem::take(&mut piece));
            piece.push_str(&" ".repeat(indent));
            used = indent;
        }
        piece.push(c);
        used += w;
    }
    out.push(piece);
    out.into_iter()
        .map(|t| Line::styled(t.trim_end().to_owned(), line.style))
        .collect()
}

/// The review shows the start of a long typed answer; the question itself shows it all.
const REVIEW_ANSWER_CHARS: usize = 300;

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::opening_sentences;

    const NOTE: &str = "Not advice. Not approved. A green is no promise of safety.";

    #[test]
    fn a_short_window_keeps_the_disclaimers_opening_sentences_whole() {
        assert_eq!(opening_sentences(NOTE, 80, 1), [NOTE]);
        assert_eq!(
            opening_sentences(NOTE, 30, 2),
            [
                "Not advice. Not approved. A",
                "green is no promise of safety."
            ]
        );
        assert_eq!(
            opening_sentences(NOTE, 30, 1),
            ["Not advice. Not approved."]
        );
        assert_eq!(opening_sentences(NOTE, 12, 1), ["Not advice."]);
        // Not even one sentence fits: all of it, for the window to cut.
        let squeezed = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(
            squeezed(&opening_sentences(NOTE, 8, 1).concat()),
            squeezed(NOTE)
        );
    }
}
