//! The machine-readable result of scoring one answers file: the fields of `product.md` and a few more.
//!
//! Each object is written by hand, not through serde: bulk scoring writes about 12 KB of JSON
//! per file, mostly the bank's own reasons and sources, and `serde_json` escapes strings a
//! byte at a time, which cost more than scoring itself. Here text that needs no escaping
//! (nearly all of it) is copied whole. The bytes are the same as `serde_json` writes.

use std::fmt::Write as _;

use super::Scored;
use crate::answers::{Answer, NOT_APPLICABLE, REFUSED};
use crate::bank::{Bank, Flag, QuestionId};
use crate::ui;

/// One JSON object on one line.
pub fn render(s: &Scored<'_>) -> String {
    let mut out = String::with_capacity(16 * 1024);
    object(&mut out, |o| fields(o, s));
    out
}

/// Appends one JSON object and a newline to `out`, which bulk scoring reuses from file to
/// file and hands to stdout in large pieces.
pub fn push_line(s: &Scored<'_>, out: &mut String) {
    object(out, |o| fields(o, s));
    out.push('\n');
}

/// The fields, in the order of the contract.
fn fields(o: &mut Object<'_>, s: &Scored<'_>) {
    let bank = s.bank;
    let v = s.verdict;
    let audience = s.file.meta.audience;
    o.str("file", &s.path.to_string_lossy());
    o.str("subject", &s.file.meta.subject);
    o.str("audience", audience.id());
    o.object("bank", |b| {
        b.str("id", &bank.id);
        b.str("version", &bank.version);
    });
    o.str("verdict", v.level.id());
    o.bool("incomplete", v.incomplete);
    o.number("score", usize::try_from(v.score).unwrap_or(usize::MAX));
    o.array("flags", &v.findings, |out, f| {
        object(out, |o| {
            let answer = s.file.answers.get(f.question);
            o.str("question", &bank.question(f.question).id);
            o.str("section", &bank.section_of(f.question).id);
            let at = o.key("answer");
            match answer {
                Some(a) => answer_value(at, bank, f.question, a),
                None => at.push_str("null"),
            }
            o.str(
                "answer_text",
                &answer.map_or_else(String::new, |a| ui::answer_text(bank, f.question, a)),
            );
            o.str("flag", f.flag.colour().id());
            o.bool("critical", f.flag == Flag::Critical);
            o.str("why", &f.why(bank));
            o.array("sources", &f.sources(bank), |out, source| {
                string(out, source)
            });
        });
    });
    o.array("follow_up", &v.follow_up, |out, id| {
        object(out, |o| {
            o.str("question", &bank.question(*id).id);
            o.str("ask", bank.question(*id).ask_for(audience));
        });
    });
    o.array("sections", &v.sections, |out, sv| {
        object(out, |o| {
            o.str("id", &bank.sections[sv.section].id);
            // `null` when nothing in the section carries a flag.
            let at = o.key("verdict");
            match sv.level {
                Some(level) => string(at, level.id()),
                None => at.push_str("null"),
            }
            o.number("flagged", sv.flagged);
            o.number("open", sv.open);
        });
    });
    o.object("counts", |c| {
        c.number("critical", v.count(Flag::Critical));
        c.number("red", v.count(Flag::Red));
        c.number("amber", v.count(Flag::Amber));
        c.number("green", v.count(Flag::Green));
        c.number("answered", v.answered);
        c.number("countable", v.countable);
    });
    o.array("reasons", &v.rules, |out, r| {
        string(out, &ui::rule_text(bank, r, audience));
    });
    o.array("warnings", s.warnings, |out, w| string(out, &w.to_string()));
}

/// The answer as it is written in the answers file.
fn answer_value(out: &mut String, bank: &Bank, id: QuestionId, answer: &Answer) {
    let choices = bank.question(id).kind.choices();
    match answer {
        Answer::Choice(i) => string(out, &choices[*i].id),
        Answer::Choices(is) => list(out, is, |out, i| string(out, &choices[*i].id)),
        // Rare, and `serde_json` formats floats exactly as it always has (`900.0`).
        Answer::Number(n) => {
            out.push_str(&serde_json::to_string(n).unwrap_or_else(|_| "null".to_owned()));
        }
        Answer::Text(t) => string(out, t),
        Answer::Refused => string(out, REFUSED),
        Answer::NotApplicable => string(out, NOT_APPLICABLE),
    }
}

/// An object being written; the commas between its fields come by themselves.
struct Object<'o> {
    out: &'o mut String,
    empty: bool,
}

fn object(out: &mut String, fill: impl FnOnce(&mut Object<'_>)) {
    out.push('{');
    fill(&mut Object { out, empty: true });
    out.push('}');
}

fn list<T>(out: &mut String, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, t) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, t);
    }
    out.push(']');
}

impl Object<'_> {
    /// Starts a field and returns where its value goes.
    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        // Keys are this file's own plain words: nothing to escape.
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    fn str(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    /// A whole number, written without the formatting machinery: there are dozens a line.
    fn number(&mut self, key: &str, value: usize) {
        digits(self.key(key), value);
    }

    fn bool(&mut self, key: &str, value: bool) {
        self.key(key).push_str(if value { "true" } else { "false" });
    }

    fn object(&mut self, key: &str, fill: impl FnOnce(&mut Object<'_>)) {
        object(self.key(key), fill);
    }

    fn array<T>(&mut self, key: &str, items: &[T], item: impl FnMut(&mut String, &T)) {
        list(self.key(key), items, item);
    }
}

fn digits(out: &mut String, n: usize) {
    if n >= 10 {
        digits(out, n / 10);
    }
    let digit = u32::try_from(n % 10)
        .ok()
        .and_then(|d| char::from_digit(d, 10));
    out.push(digit.unwrap_or('0'));
}

/// A JSON string, escaped as `serde_json` escapes it: quote, backslash and control
/// characters only.
fn string(out: &mut String, s: &str) {
    out.push('"');
    if needs_escape(s.as_bytes()) {
        escape_into(out, s);
    } else {
        out.push_str(s);
    }
    out.push('"');
}

/// Whether any byte needs escaping, eight bytes at a time: in each 64-bit word, a byte below
/// 0x20 or equal to `"` or `\\` sets its high bit (the "has a zero byte" trick; exact as a
/// yes or no for the whole word).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let special = |w: u64| {
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        below_space
            | zero_byte(w ^ (ONES * u64::from(b'"')))
            | zero_byte(w ^ (ONES * u64::from(b'\\')))
    };
    let mut words = bytes.chunks_exact(8);
    let mut found = 0;
    for word in words.by_ref() {
        let mut w = [0; 8];
        w.copy_from_slice(word);
        found |= special(u64::from_le_bytes(w));
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        // Padded with spaces, which need no escaping.
        let mut w = [b' '; 8];
        w[..tail.len()].copy_from_slice(tail);
        found |= special(u64::from_le_bytes(w));
    }
    found != 0
}

fn escape_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // Escaped bytes are ASCII, so `start` and `i` are always character boundaries.
        out.push_str(&s[start..i]);
        if short.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_exactly_as_serde_json_escapes_them() {
        let samples = [
            "",
            "plain text",
            "a \"quoted\" word",
            "back\\slash",
            "tab\tnewline\ncarriage\rreturn",
            "bell\u{7} escape\u{1b}[31m form\u{c} backspace\u{8} nul\u{0} del\u{7f}",
            "unicode: “curly” — é ü 漢字 🙂",
            &"a long line without anything to escape, ".repeat(20),
            &format!("{}\"{}", "x".repeat(31), "y".repeat(40)),
        ];
        for s in samples {
            let mut ours = String::new();
            string(&mut ours, s);
            assert_eq!(ours, serde_json::to_string(s).unwrap(), "for {s:?}");
        }
    }

    #[test]
    fn numbers_and_nesting_read_back() {
        let mut out = String::new();
        object(&mut out, |o| {
            o.number("n", 1207);
            o.bool("b", false);
            o.array("empty", &[] as &[u8], |_, _| {});
            o.object("inner", |i| i.str("k", "v"));
        });
        assert_eq!(out, r#"{"n":1207,"b":false,"empty":[],"inner":{"k":"v"}}"#);
    }
}
