//! The body of a screen as lines: a head that stays put, a list that scrolls, and the text helpers they share.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::super::theme::Theme;

/// The body: a head that stays put (the question), then lines that scroll
/// (the answers), with where each clickable row starts.
pub(super) struct Body {
    pub head: Vec<Line<'static>>,
    /// How many leading lines of `head` may be dropped when the window is short.
    pub droppable: usize,
    pub lines: Vec<Line<'static>>,
    /// For each clickable row: its first line in `lines`.
    pub rows: Vec<usize>,
    /// The line to keep on screen.
    pub focus_line: usize,
    /// A scroll position the state asks for, instead of following the focus.
    pub fixed_scroll: Option<u16>,
    /// The lines of `lines` that are web addresses, with each whole address: a link where
    /// the terminal shows them ([`super::links`]).
    pub links: Vec<(usize, String)>,
}

impl Body {
    pub(super) fn new() -> Self {
        Self {
            head: Vec::new(),
            droppable: 0,
            lines: Vec::new(),
            rows: Vec::new(),
            focus_line: 0,
            fixed_scroll: None,
            links: Vec::new(),
        }
    }

    pub(super) fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    pub(super) fn head_blank(&mut self) {
        self.head.push(Line::default());
    }

    pub(super) fn head_text(&mut self, text: &str, width: usize, style: Style) {
        for line in wrap(text, width, "", "") {
            self.head.push(Line::styled(line, style));
        }
    }

    pub(super) fn text(&mut self, text: &str, width: usize, style: Style) {
        for line in wrap(text, width, "", "") {
            self.lines.push(Line::styled(line, style));
        }
    }

    /// A clickable row, wrapped with a hanging indent, styled across the full width.
    pub(super) fn row(&mut self, text: &str, width: usize, indent: usize, style: Style) {
        self.rows.push(self.lines.len());
        for line in wrap(text, width, "", &" ".repeat(indent)) {
            let pad = width.saturating_sub(line.width());
            self.lines
                .push(Line::styled(format!("{line}{}", " ".repeat(pad)), style));
        }
    }

    pub(super) fn field(&mut self, value: &str, focused: bool, width: usize, theme: Theme) {
        let shown = if focused {
            format!("{value}{}", super::CARET)
        } else {
            value.to_owned()
        };
        let inner = width.saturating_sub(4).max(8);
        let visible = keep_end(&shown, inner);
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

/// The rows of the list [`split`] keeps on screen however long the head.
pub(super) const KEEP_FOR_LIST: usize = 4;

/// The head's area and the scrolling list's area. The head gives up its
/// droppable lines, then is cut at the bottom, so the list keeps a few rows;
/// in a very short window the list gives up rows first, down to two, so the
/// question is not lost to its third and fourth answers.
pub(super) fn split(body: &Body, area: Rect) -> (Rect, Rect) {
    let keep_for_list = u16::try_from(KEEP_FOR_LIST).unwrap_or(4).min(area.height);
    let full = u16::try_from(body.head.len()).unwrap_or(u16::MAX);
    let short = full.saturating_sub(u16::try_from(body.droppable).unwrap_or(0));
    let room = (area.height - keep_for_list).max(short.min(area.height.saturating_sub(2)));
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
pub(super) fn body_scroll(body: &Body, height: u16) -> u16 {
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
    let wanted = (end + 1)
        .saturating_sub(usize::from(height))
        .min(usize::from(most));
    // Start at a row boundary, so no answer is shown cut in half at the top,
    // even if that leaves a blank line or two under the last one.
    let snapped = body
        .rows
        .iter()
        .copied()
        .find(|start| *start >= wanted && *start <= focus)
        .unwrap_or(wanted.min(focus));
    u16::try_from(snapped).unwrap_or(0)
}

/// Wraps by display width; a word longer than the line is still cut, so nothing runs off
/// the screen. The text renderers' wrapping ([`crate::doc::txt::wrapped`]): lines break at
/// spaces only.
pub(super) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    crate::doc::txt::wrapped(text, first, rest, width.max(1), true)
}

/// Text being typed, cut to `width` with its end in view, where the typing happens.
pub(super) fn keep_end(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut take = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width.saturating_sub(1) {
            break;
        }
        take.push(c);
    }
    std::iter::once('…').chain(take.into_iter().rev()).collect()
}

pub(super) fn truncate(text: &str, width: u16) -> String {
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

pub(super) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use ratatui::text::Line;

    use super::{Body, body_scroll};

    /// Rows of `heights` lines each, the focus on row `focus`.
    fn body(heights: &[usize], focus: usize) -> Body {
        let mut b = Body::new();
        for (i, h) in heights.iter().enumerate() {
            if i == focus {
                b.focus_line = b.lines.len();
            }
            b.rows.push(b.lines.len());
            b.lines.extend((0..*h).map(|_| Line::raw("x")));
        }
        b
    }

    #[test]
    fn the_list_never_starts_with_half_a_row() {
        // Rows start at lines 0, 2, 4, 6 and 7; eight lines in a window of five.
        let b = body(&[2, 2, 2, 1, 1], 4);
        let scroll = body_scroll(&b, 5);
        assert!(b.rows.contains(&usize::from(scroll)), "scroll {scroll}");
        // The focused row is in view.
        assert!(7 < usize::from(scroll) + 5);
        // Scrolling to the end alone would start at line 3, inside a row.
        assert_eq!(scroll, 4);
    }

    #[test]
    fn a_list_that_fits_does_not_scroll() {
        assert_eq!(body_scroll(&body(&[2, 2, 1], 2), 10), 0);
    }
}
