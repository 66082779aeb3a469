//! Markdown escaping: text from a user or a bank cannot change the document's structure.

/// Escapes what `CommonMark` could read as markup, so `*x*`, `[a](b)`, `<b>`,
/// `| cell |` or a leading `# ` / `- ` / `1. ` stay literal text. Newlines
/// become spaces: one piece of text stays one paragraph or cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let trimmed = text.trim_start();
    // Block markers only count at the start of a line.
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && trimmed[digits..].starts_with(['.', ')']);
    for (i, c) in text.char_indices() {
        let at_start = i == text.len() - trimmed.len();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' | '>' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if numbered && i == text.len() - trimmed.len() + digits => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// One line of text made literal in `CommonMark`: every character that could
/// start emphasis, a link, code, HTML, an entity or a table cell is
/// backslash-escaped, and so is what opens a block only at the start of a
/// line: any of `block_starts`, or "1." / "1)" opening an ordered list.
pub fn escape_line(line: &str, block_starts: &[char]) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in line.char_indices() {
        let markup = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!'
        );
        let leading = (i == 0 && block_starts.contains(&c))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        if markup || leading {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_literal() {
        assert_eq!(
            escape("*b* [x](y) | <i>"),
            "\\*b\\* \\[x\\](y) \\| &lt;i&gt;"
        );
        assert_eq!(escape("line\nnext"), "line next");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("12. not a list"), "12\\. not a list");
        assert_eq!(escape("Dr. Okafor, cord-MSC"), "Dr. Okafor, cord-MSC");
    }
}
