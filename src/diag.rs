//! Problems found in a user's file: where they are, how bad, and what to do about them.

use std::fmt;

use crate::limits::{MAX_LISTED, MAX_MESSAGE_CHARS, MAX_QUOTED_CHARS, MAX_SHOWN};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file. The message says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line and column, where the problem has one.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Diagnostic {
    /// The message is kept to one line of bounded length, whatever a file quotes into it.
    pub fn error(file: &str, position: Option<(usize, usize)>, message: String) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_owned(),
            position,
            message: bounded(message),
        }
    }

    pub fn warning(file: &str, position: Option<(usize, usize)>, message: String) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, position, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A control character other than a newline or a tab: one that could move the
/// cursor or change colours if it reached the terminal.
pub fn drives_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        // Bidirectional overrides and isolates reorder what follows them on screen, and the
        // line and paragraph separators break a line where none shows.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// Text a user typed, made harmless for a terminal: control characters
/// (which could move the cursor or change colours) become visible `\u{..}` escapes.
pub fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if drives_a_terminal(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Messages quote what a file said; a hostile file must not drive the terminal.
        let file = inert(&self.file);
        let message = inert(&self.message);
        match self.position {
            Some((line, col)) => write!(f, "{file}:{line}:{col}: {level}: {message}"),
            None => write!(f, "{file}: {level}: {message}"),
        }
    }
}

/// A file that could not be used, with every problem found in it.
#[derive(Debug, Clone, thiserror::Error)]
pub struct Invalid {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Invalid {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl fmt::Display for Invalid {
    /// At most [`MAX_SHOWN`] problems, errors first, in file order; then how many were left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = vec![self.diagnostics.len() <= MAX_SHOWN; self.diagnostics.len()];
        let mut room = MAX_SHOWN;
        for severity in [Severity::Error, Severity::Warning] {
            for (i, d) in self.diagnostics.iter().enumerate() {
                if room > 0 && !shown[i] && d.severity == severity {
                    shown[i] = true;
                    room -= 1;
                }
            }
        }
        for (d, _) in self.diagnostics.iter().zip(&shown).filter(|(_, s)| **s) {
            writeln!(f, "{d}")?;
        }
        let hidden = shown.iter().filter(|s| !**s).count();
        if hidden > 0 {
            writeln!(
                f,
                "{}: … and {hidden} more not shown; exovet prints the first {MAX_SHOWN} problems in a file.",
                inert(&self.file)
            )?;
        }
        let n = self.errors().count();
        let problems = if n == 1 { "problem" } else { "problems" };
        write!(f, "{}: {n} {problems} to fix", inert(&self.file))
    }
}

/// Warnings kept to the first [`MAX_SHOWN`], and a last one counting the rest.
pub fn cap_warnings(file: &str, mut warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if warnings.len() > MAX_SHOWN {
        let hidden = warnings.len() - MAX_SHOWN;
        warnings.truncate(MAX_SHOWN);
        warnings.push(Diagnostic::warning(
            file,
            None,
            format!("… and {hidden} more warnings not shown; exovet prints the first {MAX_SHOWN}."),
        ));
    }
    warnings
}

/// `text` from a file, cut to [`MAX_QUOTED_CHARS`] for quoting in a message.
pub fn clip(text: &str) -> String {
    let mut out = String::new();
    push_clipped(&mut out, text, MAX_QUOTED_CHARS);
    out
}

/// A message on one line, each `quoted` piece of a file cut to
/// [`MAX_QUOTED_CHARS`], and the whole to [`MAX_MESSAGE_CHARS`].
fn bounded(message: String) -> String {
    if message.chars().count() <= MAX_QUOTED_CHARS && !message.chars().any(char::is_control) {
        return message;
    }
    let mut out = String::new();
    for (i, piece) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let limit = if i % 2 == 1 {
            MAX_QUOTED_CHARS
        } else {
            MAX_MESSAGE_CHARS
        };
        push_clipped(&mut out, piece, limit);
    }
    if out.chars().count() > MAX_MESSAGE_CHARS {
        let cut: String = out.chars().take(MAX_MESSAGE_CHARS - 1).collect();
        out = cut + "…";
    }
    // Thousands of these may be kept at once.
    out.shrink_to_fit();
    out
}

/// `piece` with control characters escaped (a quoted key may hold a
/// newline), cut to `limit` characters.
fn push_clipped(out: &mut String, piece: &str, limit: usize) {
    let long = piece.chars().nth(limit).is_some();
    for c in piece.chars().take(if long { limit - 1 } else { limit }) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if long {
        out.push('…');
    }
}

/// Orders diagnostics by where they are in the file, errors before warnings at one spot.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.position, d.severity));
}

/// The longest word [`suggest`] looks for a near miss of.
const MAX_SUGGESTED: usize = 80;

/// The closest of `candidates` to a mistyped `word`, if one is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let chars = word.chars().count();
    // Nobody mistypes an id this long by a letter or two, and comparing two such words costs
    // their lengths multiplied: a hostile 200,000-letter trait took minutes.
    if chars > MAX_SUGGESTED {
        return None;
    }
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let limit = (chars / 3).clamp(1, 3);
    // Words whose lengths differ by more than the limit cannot be that close;
    // skipping them keeps a megabyte-long key from costing megabytes squared.
    let near = candidates
        .iter()
        .filter(|c| c.chars().count().abs_diff(chars) <= limit)
        .map(|c| (edit_distance(word, c), *c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c);
    // A cut-off id, like `msc-umbilical` for `msc-umbilical-cord`.
    let mut longer = candidates
        .iter()
        .filter(|c| word.len() >= 3 && c.starts_with(word));
    // Or a part of one, like `umbilical-cord` for `msc-umbilical-cord`.
    let mut holding = candidates
        .iter()
        .filter(|c| word.len() >= 5 && c.contains(word));
    near.or_else(|| match (longer.next(), longer.next()) {
        (Some(only), None) => Some(*only),
        _ => None,
    })
    .or_else(|| match (holding.next(), holding.next()) {
        (Some(only), None) => Some(*only),
        _ => None,
    })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// " Did you mean `x`?" or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suggest(word, candidates).map_or_else(String::new, |s| format!(" Did you mean `{s}`?"))
}

/// `a`, `b` or `c`, for listing the valid choices in a message.
pub fn one_of<S: AsRef<str>>(items: &[S]) -> String {
    let listed = items.len().min(MAX_LISTED);
    let mut quoted: Vec<String> = items[..listed]
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect();
    if items.len() > listed {
        quoted.push(format!("{} more", items.len() - listed));
    }
    or_list(&quoted)
}

/// "a, b or c".
pub fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["prompt", "help", "ask", "sources"];
        assert_eq!(suggest("promt", keys), Some("prompt"));
        assert_eq!(suggest("source", keys), Some("sources"));
        assert_eq!(suggest("colour", keys), None);
        assert_eq!(
            suggest("msc-umb", ["msc-umbilical-cord", "msc-adipose"]),
            Some("msc-umbilical-cord")
        );
        assert_eq!(suggest("msc", ["msc-umbilical-cord", "msc-adipose"]), None);
        // Part of one id, not of two.
        assert_eq!(
            suggest("umbilical-cord", ["msc-umbilical-cord", "msc-adipose"]),
            Some("msc-umbilical-cord")
        );
        assert_eq!(
            suggest(
                "media",
                ["conditioned-media-human", "conditioned-media-nonhuman"]
            ),
            None
        );
        // A hostile id is not compared letter by letter with another as long.
        let long = "h".repeat(20_000);
        let other = format!("{long}x");
        assert_eq!(suggest(&long, [other.as_str()]), None);
        let near = format!("{}x", "h".repeat(79));
        assert_eq!(
            suggest(&"h".repeat(80), [near.as_str()]),
            Some(near.as_str())
        );
    }

    #[test]
    fn lists_choices_in_plain_english() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
    }

    #[test]
    fn a_flood_prints_fifty_problems_errors_first_and_counts_the_rest() {
        let mut diagnostics: Vec<Diagnostic> = (0..30)
            .map(|i| Diagnostic::warning("q.toml", Some((i, 1)), "w".into()))
            .collect();
        diagnostics.extend((0..100).map(|i| Diagnostic::error("q.toml", Some((i, 2)), "e".into())));
        sort(&mut diagnostics);
        let shown = Invalid {
            file: "q.toml".into(),
            diagnostics,
        }
        .to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), MAX_SHOWN + 2);
        assert!(lines[..MAX_SHOWN].iter().all(|l| l.contains(": error: e")));
        assert_eq!(
            lines[MAX_SHOWN],
            "q.toml: … and 80 more not shown; exovet prints the first 50 problems in a file."
        );
        assert_eq!(lines[MAX_SHOWN + 1], "q.toml: 100 problems to fix");
    }

    #[test]
    fn messages_are_one_line_with_quotes_and_length_bounded() {
        let key = "k".repeat(10_000);
        let d = Diagnostic::error("f", None, format!("unknown key `{key}` in [bank]. Fix it."));
        assert_eq!(
            d.message,
            format!(
                "unknown key `{}…` in [bank]. Fix it.",
                "k".repeat(MAX_QUOTED_CHARS - 1)
            )
        );
        let d = Diagnostic::error("f", None, "key `a\nb\u{1b}[2J` here".into());
        assert_eq!(d.message, "key `a\\nb\\u{1b}[2J` here");
        let d = Diagnostic::error("f", None, "x".repeat(5000));
        assert_eq!(d.message.chars().count(), MAX_MESSAGE_CHARS);
    }

    #[test]
    fn long_lists_of_choices_are_counted() {
        let ids: Vec<String> = (0..100).map(|i| format!("o{i}")).collect();
        let listed = one_of(&ids);
        assert!(listed.starts_with("`o0`, `o1`,"), "{listed}");
        assert!(listed.ends_with("`o19` or 80 more"), "{listed}");
    }

    #[test]
    fn displays_file_line_column() {
        let d = Diagnostic::error("q.toml", Some((3, 7)), "bad".into());
        assert_eq!(d.to_string(), "q.toml:3:7: error: bad");
    }
}
