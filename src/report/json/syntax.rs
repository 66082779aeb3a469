//! JSON syntax written by hand: objects whose commas come by themselves, whole numbers, and
//! strings escaped exactly as `serde_json` escapes them, eight bytes checked at a time.

use std::fmt::Write as _;

/// An object being written; the commas between its fields come by themselves.
pub(in crate::report) struct Object<'o> {
    out: &'o mut String,
    empty: bool,
}

pub(in crate::report) fn object(out: &mut String, fill: impl FnOnce(&mut Object<'_>)) {
    fill(&mut Object::open(out));
    out.push('}');
}

pub(in crate::report) fn list<T>(
    out: &mut String,
    items: &[T],
    mut item: impl FnMut(&mut String, &T),
) {
    out.push('[');
    for (i, t) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, t);
    }
    out.push(']');
}

impl<'o> Object<'o> {
    /// Starts an object; whoever starts it writes the closing brace.
    pub(in crate::report) fn open(out: &'o mut String) -> Self {
        out.push('{');
        Self { out, empty: true }
    }

    /// More fields for an object started earlier that has at least one already.
    pub(in crate::report) fn continuing(out: &'o mut String) -> Self {
        Self { out, empty: false }
    }

    /// Starts a field and returns where its value goes.
    pub(in crate::report) fn key(&mut self, key: &str) -> &mut String {
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

    pub(in crate::report) fn str(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    /// A whole number, written without the formatting machinery: there are dozens a line.
    pub(in crate::report) fn number(&mut self, key: &str, value: usize) {
        digits(self.key(key), value);
    }

    pub(in crate::report) fn bool(&mut self, key: &str, value: bool) {
        self.key(key).push_str(if value { "true" } else { "false" });
    }

    pub(in crate::report) fn object(&mut self, key: &str, fill: impl FnOnce(&mut Object<'_>)) {
        object(self.key(key), fill);
    }

    pub(in crate::report) fn array<T>(
        &mut self,
        key: &str,
        items: &[T],
        item: impl FnMut(&mut String, &T),
    ) {
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

/// A JSON string, escaped as `serde_json` escapes it (quote, backslash and control
/// characters below U+0020), and also whatever else could drive a terminal the JSON is
/// printed on: DEL, the C1 controls (U+009B opens an escape sequence in xterm), the
/// bidirectional overrides and the line separators, as `\uXXXX`. It reads back the same.
pub(in crate::report) fn string(out: &mut String, s: &str) {
    out.push('"');
    if needs_escape(s.as_bytes()) {
        escape_into(out, s);
    } else {
        out.push_str(s);
    }
    out.push('"');
}

/// Whether any byte may need escaping, eight bytes at a time: in each 64-bit word, a byte
/// below 0x20, equal to `"` or `\\`, DEL, or the first byte of a C1 control (0xC2) or of a
/// bidirectional override or line separator (0xE2) sets its high bit (the "has a zero byte"
/// trick; exact as a yes or no for the whole word). The last two are only candidates:
/// [`escape_into`] looks at the whole character.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let special = |w: u64| {
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        below_space
            | zero_byte(w ^ (ONES * u64::from(b'"')))
            | zero_byte(w ^ (ONES * u64::from(b'\\')))
            | zero_byte(w ^ (ONES * 0x7f))
            | zero_byte(w ^ (ONES * 0xc2))
            | zero_byte(w ^ (ONES * 0xe2))
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
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // What to write instead of the `len` bytes at `i`, if anything. Looked at byte by
        // byte, not character by character: bank text is full of curly quotes and dashes,
        // which share their first byte with the line separators and bidi overrides.
        let (short, len): (&str, usize) = match b {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            0x08 => ("\\b", 1),
            0x0c => ("\\f", 1),
            0..=0x1f | 0x7f => ("", 1),
            // U+0080 to U+009F, the C1 controls: 0xC2 0x80 to 0xC2 0x9F.
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            // U+2028 to U+202E (line and paragraph separators, bidi embeddings and
            // overrides) and U+2066 to U+2069 (bidi isolates).
            0xe2 if matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0x80), Some(0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ) =>
            {
                ("", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        // Each match starts a character and spans it whole, so `start`, `i` and `i + len`
        // are character boundaries.
        out.push_str(&s[start..i]);
        if short.is_empty() {
            let c = s[i..i + len].chars().next().unwrap_or('\u{fffd}');
            debug_assert!(crate::diag::drives_a_terminal(c));
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push_str(short);
        }
        i += len;
        start = i;
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
            "bell\u{7} escape\u{1b}[31m form\u{c} backspace\u{8} nul\u{0}",
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The hand-written escaping against `serde_json` on random strings: any Unicode,
        /// and strings dense in what needs escaping, across the eight-byte steps.
        #[test]
        fn random_strings_are_escaped_as_serde_json_escapes_them(
            s in proptest::prop_oneof![
                proptest::prelude::any::<String>(),
                "[\\x00-\\x1f\"\\\\a-z\u{7f}\u{80}-\u{10ffff}]{0,40}",
            ]
        ) {
            let mut ours = String::new();
            string(&mut ours, &s);
            // Where nothing could drive a terminal, byte for byte what `serde_json` writes;
            // always, what it reads back, and nothing raw that drives a terminal.
            if !s.chars().any(|c| crate::diag::drives_a_terminal(c) && u32::from(c) >= 0x20) {
                proptest::prop_assert_eq!(&ours, &serde_json::to_string(&s).unwrap());
            }
            proptest::prop_assert_eq!(serde_json::from_str::<String>(&ours).unwrap(), s);
            proptest::prop_assert!(!ours.chars().any(crate::diag::drives_a_terminal));
        }
    }

    #[test]
    fn what_could_drive_a_terminal_is_escaped_too() {
        let mut ours = String::new();
        string(&mut ours, "Glow\u{9b}2J\u{85}\u{202e}x\u{7f}\u{2028}“é”");
        assert_eq!(ours, r#""Glow\u009b2J\u0085\u202ex\u007f\u2028“é”""#);
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
