//! A pre-scan of TOML text for nesting past [`MAX_NESTING`], so the parser, which recurses once per level, never sees it.
//!
//! It follows the TOML lexer (strings, comments, brackets) closely enough to
//! count levels, not to check syntax. A level is a list, or a part of a
//! table header or dotted key: `a = [[1]]` reaches 3, `[a.b]` then
//! `c.d = 1` reaches 4. It errs toward counting more: anything it cannot
//! place is counted one level deeper, and the parsed tree is measured
//! again after parsing.

use crate::limits::MAX_NESTING;

/// The byte offset where `text` first nests deeper than [`MAX_NESTING`].
pub fn too_deep(text: &str) -> Option<usize> {
    Scan {
        bytes: text.as_bytes(),
        at: 0,
        open: Vec::new(),
        table: 0,
        mode: Mode::LineStart,
    }
    .run()
}

/// An inline list or table still open.
#[derive(Clone, Copy)]
enum Open {
    /// Its items are at this level.
    List { items: usize },
    /// Its keys start from this level.
    Table { base: usize },
}

#[derive(Clone, Copy)]
enum Mode {
    /// At the start of a line outside any list or inline table.
    LineStart,
    /// Inside `[a.b]` or `[[a.b]]`.
    Header { parts: usize, list: bool },
    /// Reading a key whose table is at level `base`.
    Key { base: usize, parts: usize },
    /// Where a value at level `level` may start.
    Value { level: usize },
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    open: Vec<Open>,
    /// The level of the keys under the last table header.
    table: usize,
    mode: Mode,
}

impl Scan<'_> {
    fn run(mut self) -> Option<usize> {
        while let Some(&b) = self.bytes.get(self.at) {
            let start = self.at;
            match (b, self.mode) {
                (b'"' | b'\'', _) => {
                    self.start_key_part();
                    self.skip_string();
                    if let Some(at) = self.check_key(start) {
                        return Some(at);
                    }
                    continue;
                }
                (b'#', _) => {
                    self.skip_to_newline();
                    continue;
                }
                (b'\n', _) if self.open.is_empty() => self.mode = Mode::LineStart,
                (b' ' | b'\t' | b'\r' | b'\n', _) => {}
                (b'[', Mode::LineStart) => {
                    let list = self.bytes.get(self.at + 1) == Some(&b'[');
                    self.at += usize::from(list);
                    self.mode = Mode::Header { parts: 0, list };
                }
                (b']', Mode::Header { parts, list }) => {
                    self.table = parts.max(1) + usize::from(list);
                    if list && self.bytes.get(self.at + 1) == Some(&b']') {
                        self.at += 1;
                    }
                    self.mode = Mode::Value {
                        level: self.table + 1,
                    };
                }
                (b'.', Mode::Header { parts, list }) => {
                    self.mode = Mode::Header {
                        parts: parts.max(1) + 1,
                        list,
                    };
                    if let Some(at) = self.check_key(start) {
                        return Some(at);
                    }
                }
                (b'.', Mode::Key { base, parts }) => {
                    self.mode = Mode::Key {
                        base,
                        parts: parts.max(1) + 1,
                    };
                    if let Some(at) = self.check_key(start) {
                        return Some(at);
                    }
                }
                (b'=', Mode::Key { base, parts }) => {
                    self.mode = Mode::Value {
                        level: base + parts.max(1),
                    };
                }
                (b'[', _) => {
                    let items = self.value_level() + 1;
                    if items > MAX_NESTING {
                        return Some(start);
                    }
                    self.open.push(Open::List { items });
                    self.mode = Mode::Value { level: items };
                }
                (b'{', _) => {
                    let base = self.value_level();
                    self.open.push(Open::Table { base });
                    self.mode = Mode::Key { base, parts: 0 };
                }
                (b']' | b'}', _) => {
                    self.open.pop();
                    self.mode = Mode::Value {
                        level: self.after_value(),
                    };
                }
                (b',', _) => match self.open.last() {
                    Some(&Open::Table { base }) => self.mode = Mode::Key { base, parts: 0 },
                    Some(&Open::List { items }) => self.mode = Mode::Value { level: items },
                    None => {}
                },
                (_, Mode::LineStart) => {
                    self.mode = Mode::Key {
                        base: self.table,
                        parts: 1,
                    };
                    if let Some(at) = self.check_key(start) {
                        return Some(at);
                    }
                }
                _ => {
                    self.start_key_part();
                    if let Some(at) = self.check_key(start) {
                        return Some(at);
                    }
                }
            }
            self.at += 1;
        }
        None
    }

    /// A key's first character makes it one part long.
    fn start_key_part(&mut self) {
        match self.mode {
            Mode::LineStart => {
                self.mode = Mode::Key {
                    base: self.table,
                    parts: 1,
                }
            }
            Mode::Key { base, parts: 0 } => self.mode = Mode::Key { base, parts: 1 },
            Mode::Header { parts: 0, list } => self.mode = Mode::Header { parts: 1, list },
            _ => {}
        }
    }

    /// Whether the key or header read so far is past the limit, and where.
    fn check_key(&self, at: usize) -> Option<usize> {
        let level = match self.mode {
            Mode::Header { parts, list } => parts + usize::from(list),
            Mode::Key { base, parts } => base + parts,
            Mode::LineStart | Mode::Value { .. } => 0,
        };
        (level > MAX_NESTING).then_some(at)
    }

    /// The level a value starting here would be at.
    fn value_level(&self) -> usize {
        match self.mode {
            Mode::Value { level } => level,
            Mode::Key { base, parts } => base + parts.max(1),
            Mode::Header { parts, list } => parts.max(1) + usize::from(list) + 1,
            Mode::LineStart => self.table + 1,
        }
    }

    /// The level of whatever follows a closed list or table: one deeper than
    /// its container's items, to count a stray bracket rather than miss it.
    fn after_value(&self) -> usize {
        match self.open.last() {
            Some(&Open::List { items }) => items,
            Some(&Open::Table { base }) => base + 1,
            None => self.table + 1,
        }
    }

    fn skip_to_newline(&mut self) {
        self.at = self.find(self.at, |b| b == b'\n');
    }

    /// From an opening quote to just past the closing one, as the TOML lexer
    /// does: one-line strings also end at a newline (left for the caller).
    fn skip_string(&mut self) {
        let quote = self.bytes[self.at];
        let triple = self.bytes[self.at..].starts_with(&[quote; 3]);
        let basic = quote == b'"';
        let mut i = self.at + if triple { 3 } else { 1 };
        loop {
            let Some(&b) = self.bytes.get(i) else {
                self.at = i;
                return;
            };
            if basic && b == b'\\' {
                // An escaped quote or backslash is not the end.
                let next = self.bytes.get(i + 1);
                i += if matches!(next, Some(b'"' | b'\\')) {
                    2
                } else {
                    1
                };
                continue;
            }
            if b == b'\n' && !triple {
                self.at = i;
                return;
            }
            if b == quote && (!triple || self.bytes[i..].starts_with(&[quote; 3])) {
                i += if triple { 3 } else { 1 };
                if triple {
                    // `""""` ends with a quote inside: up to two more belong to the string.
                    for _ in 0..2 {
                        if self.bytes.get(i) == Some(&quote) {
                            i += 1;
                        }
                    }
                }
                self.at = i;
                return;
            }
            i += 1;
        }
    }

    fn find(&self, from: usize, what: impl Fn(u8) -> bool) -> usize {
        self.bytes[from..]
            .iter()
            .position(|&b| what(b))
            .map_or(self.bytes.len(), |p| from + p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level_refused(text: &str) -> Option<&str> {
        too_deep(text).map(|at| &text[at..(at + 1).min(text.len())])
    }

    #[test]
    fn real_files_pass() {
        assert_eq!(too_deep(crate::bank::BUILTIN_TEXT), None);
        let ok = "[a]\nb = [[1, 2], [3]]\nc = { d = { e = 1 } }\n\"x.y\".z = 'q.r'\n";
        assert_eq!(too_deep(ok), None);
    }

    #[test]
    fn lists_are_refused_at_the_first_level_past_the_limit() {
        let at_limit = format!("a = {}1{}", "[".repeat(63), "]".repeat(63));
        assert_eq!(too_deep(&at_limit), None);
        let deep = format!("a = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(too_deep(&deep), Some(4 + 63));
    }

    #[test]
    fn inline_tables_count_their_keys() {
        let deep = format!("a = {}1", "{b = ".repeat(100_000));
        // `a` is level 1 and each `b` one more: the 64th `b` is level 65.
        assert_eq!(too_deep(&deep), Some(4 + 63 * 5 + 1));
        let deep = format!("a = {}1", "{b.c = ".repeat(40));
        assert_eq!(level_refused(&deep), Some("."));
    }

    #[test]
    fn headers_and_dotted_keys_count_their_parts() {
        let parts = |n: usize| vec!["k"; n].join(".");
        assert_eq!(too_deep(&format!("[{}]\nx = 1\n", parts(63))), None);
        assert!(too_deep(&format!("[{}]\nx = 1\n", parts(64))).is_some());
        assert!(too_deep(&format!("[{}]\n", parts(5000))).is_some());
        assert!(too_deep(&format!("[[{}]]\n", parts(64))).is_some());
        assert!(too_deep(&format!("{} = 1\n", parts(65))).is_some());
        // A header's depth carries to the keys below it.
        assert!(too_deep(&format!("[{}]\n{} = 1\n", parts(40), parts(30))).is_some());
        assert_eq!(
            too_deep(&format!("[{}]\n[b]\n{} = 1\n", parts(40), parts(30))),
            None
        );
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let brackets = "[".repeat(200);
        for text in [
            format!("a = \"{brackets}\""),
            format!("a = '{brackets}'"),
            format!("a = \"\"\"\n{brackets}\n\"\"\""),
            format!("a = '''{brackets}''''"),
            format!("a = \"\\\"{brackets}\""),
            format!("# {brackets}\na = 1"),
            format!("\"{}\" = 1", ".".repeat(200)),
        ] {
            assert_eq!(too_deep(&text), None, "{text}");
        }
        // An unclosed one-line string ends at the newline, as TOML's lexer ends it.
        let text = format!("a = \"oops\nb = {brackets}");
        assert!(too_deep(&text).is_some());
    }

    #[test]
    fn numbers_and_dates_are_not_dotted_keys() {
        let floats = vec!["1.5"; 200].join(", ");
        assert_eq!(too_deep(&format!("a = [{floats}]\nb = 10:00:00.5\n")), None);
    }
}
