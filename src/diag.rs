//! Problems found in a user's file: where they are, how bad, and what to do about them.

use std::fmt;

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
    pub fn error(file: &str, position: Option<(usize, usize)>, message: String) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_owned(),
            position,
            message,
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Messages quote what a file said; a hostile file must not drive the terminal.
        let file = crate::ui::inert(&self.file);
        let message = crate::ui::inert(&self.message);
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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.errors().count();
        let problems = if n == 1 { "problem" } else { "problems" };
        write!(f, "{}: {n} {problems} to fix", self.file)
    }
}

/// Orders diagnostics by where they are in the file, errors before warnings at one spot.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.position, d.severity));
}

/// The closest of `candidates` to a mistyped `word`, if one is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let limit = (word.chars().count() / 3).clamp(1, 3);
    let near = candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c);
    // A cut-off id, like `msc-umbilical` for `msc-umbilical-cord`.
    let mut longer = candidates
        .iter()
        .filter(|c| word.len() >= 3 && c.starts_with(word));
    near.or_else(|| match (longer.next(), longer.next()) {
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
    let quoted: Vec<String> = items.iter().map(|s| format!("`{}`", s.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
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
    }

    #[test]
    fn lists_choices_in_plain_english() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
    }

    #[test]
    fn displays_file_line_column() {
        let d = Diagnostic::error("q.toml", Some((3, 7)), "bad".into());
        assert_eq!(d.to_string(), "q.toml:3:7: error: bad");
    }
}
