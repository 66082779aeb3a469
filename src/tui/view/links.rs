//! Web addresses on the verdict screen: never split across lines, and clickable where the
//! terminal supports hyperlinks (OSC 8).
//!
//! An address wider than the screen is cut at the edge with "…", never broken onto the next
//! line (issue 21: a broken address cannot be copied or typed; the summary `s` saves, and
//! `exovet score`, have every address whole). Where the terminal supports OSC 8, the part
//! shown is a link to the whole address. ratatui has no hyperlinks of its own: as in its
//! `hyperlink` example, each two cells of the address are written as one cell whose symbol
//! carries the escape sequences, and the next cell is skipped.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// A line that is a web address, after its indent: the whole address.
pub(super) fn address(line: &Line<'_>) -> Option<String> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let word = text.trim();
    let is_address = (word.starts_with("https://") || word.starts_with("http://"))
        && !word.contains(char::is_whitespace);
    is_address.then(|| word.to_owned())
}

/// Every web address in `line`, whole, in order.
pub(super) fn addresses(line: &Line<'_>) -> Vec<String> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    text.split_whitespace()
        .filter_map(|w| w.find("http").map(|at| &w[at..]))
        .filter(|w| w.starts_with("https://") || w.starts_with("http://"))
        .map(|w| w.trim_end_matches(['.', ',', ';', ')', '…']).to_owned())
        .collect()
}

/// `text` wrapped to `width` at spaces, never breaking a word: an address too long for a
/// line stands on a line of its own, for [`cut`].
pub(super) fn wrap_whole(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    crate::doc::txt::wrapped(text, first, rest, width.max(1), false)
}

/// `line`, an address, cut to `width` with "…" where it is wider.
pub(super) fn cut(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width || width == 0 {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let mut shown = String::new();
    for c in text.chars() {
        if shown.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        shown.push(c);
    }
    shown.push('…');
    Line::styled(shown, line.style)
}

/// Whether the terminal is known to show OSC 8 hyperlinks: `EXOVET_HYPERLINKS=1` or `0`
/// says so outright; otherwise the terminals that set a variable saying which they are.
pub fn supported() -> bool {
    if let Ok(v) = std::env::var("EXOVET_HYPERLINKS") {
        return v == "1";
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return false;
    }
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let program = std::env::var("TERM_PROGRAM").unwrap_or_default();
    let vte = std::env::var("VTE_VERSION")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .is_some_and(|v| v >= 5000);
    vte || set("KITTY_WINDOW_ID")
        || set("WT_SESSION")
        || set("KONSOLE_VERSION")
        || set("WEZTERM_EXECUTABLE")
        || matches!(
            program.as_str(),
            "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Hyper" | "Tabby"
        )
}

/// Makes each address of `links` (a line of text scrolled by `scroll` into `area`, and the
/// whole address) that is in view a link: each starts where "http" does on its row, after
/// the one before it on the same row.
pub(super) fn paint(buf: &mut Buffer, area: Rect, links: &[(usize, String)], scroll: u16) {
    let mut from = (usize::MAX, area.x);
    for (i, url) in links {
        let Some(row) = i
            .checked_sub(usize::from(scroll))
            .and_then(|r| u16::try_from(r).ok())
            .filter(|r| *r < area.height)
        else {
            continue;
        };
        let y = area.y + row;
        let start = if from.0 == *i { from.1 } else { area.x };
        let end = area.x + area.width;
        let x = (start..end.saturating_sub(3))
            .find(|x| (0..4).map(|d| buf[(x + d, y)].symbol()).collect::<String>() == "http");
        if let Some(x) = x {
            link(buf, area, x, y, url);
            from = (*i, x + 1);
        }
    }
}

/// Makes the address on row `y` of `area`, from column `x`, a link to `url`: each two
/// cells one symbol with the escape sequences around them, the second cell skipped.
pub(super) fn link(buf: &mut Buffer, area: Rect, x: u16, y: u16, url: &str) {
    let url = url.to_owned();
    // Only what is drawn here: an address never carries a control character (the bank's
    // text is refused with one), but the link is made inert all the same.
    let url: String = url.chars().filter(|c| !c.is_control()).collect();
    let end = area.x + area.width;
    let mut col = x;
    while col < end {
        let first = buf[(col, y)].symbol().to_owned();
        if first == " " && col > x {
            break;
        }
        let second = (col + 1 < end).then(|| buf[(col + 1, y)].symbol().to_owned());
        let chunk = format!("{first}{}", second.as_deref().unwrap_or(""));
        if chunk.trim().is_empty() {
            break;
        }
        // The symbol's width is not what the terminal shows: the diff is told it is two
        // columns (or one, at the end), or it would skip the cells after it.
        let shown = if second.is_some() { 2 } else { 1 };
        buf[(col, y)]
            .set_symbol(&format!("\x1b]8;;{url}\x1b\\{chunk}\x1b]8;;\x1b\\"))
            .set_diff_option(CellDiffOption::ForcedWidth(
                std::num::NonZeroU16::new(shown).unwrap_or(std::num::NonZeroU16::MIN),
            ));
        if second.is_some() {
            buf[(col + 1, y)].set_diff_option(CellDiffOption::Skip);
        }
        col += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_line_is_cut_never_broken_and_other_lines_are_not_addresses() {
        let url = "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/a-long-page";
        let line = Line::raw(format!("     {url}"));
        assert_eq!(address(&line).as_deref(), Some(url));
        let cut = cut(line, 30);
        let shown: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(shown.width(), 30);
        assert!(shown.ends_with('…') && shown.trim_start().starts_with("https://www.fda"));
        assert_eq!(address(&Line::raw("See https://x.org now")), None);
        assert_eq!(address(&Line::raw("  Sources: [1], [2]")), None);
    }

    #[test]
    fn a_link_wraps_each_two_cells_in_the_escape_sequences() {
        let area = Rect::new(0, 0, 12, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(2, 0, "https://x", ratatui::style::Style::new());
        link(&mut buf, area, 2, 0, "https://x.org/page");
        assert_eq!(
            buf[(2, 0)].symbol(),
            "\x1b]8;;https://x.org/page\x1b\\ht\x1b]8;;\x1b\\"
        );
        assert_eq!(buf[(3, 0)].diff_option, CellDiffOption::Skip);
        assert_eq!(buf[(11, 0)].diff_option, CellDiffOption::Skip);
        assert_eq!(
            buf[(10, 0)].symbol(),
            "\x1b]8;;https://x.org/page\x1b\\x \x1b]8;;\x1b\\"
        );
        // The blank after the address is left as it is.
        assert_eq!(buf[(0, 0)].symbol(), " ");
    }
}
