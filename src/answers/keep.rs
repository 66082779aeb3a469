//! Saving into the text a file was read from: comments, blank lines, the order of the
//! entries and how each id is spelled (`"source.origin"` or `source.origin`) stay as the
//! person left them; only values change, cleared answers go, and new ones are added at the
//! end of `[answers]`.
//!
//! `toml_edit` does the editing. The result is read back and must give the same answers as
//! the plain text [`super::to_toml`] writes; anything it cannot keep (a table written inline,
//! a value it does not recognise) falls back to that plain text, which loses the comments
//! but never an answer.

use toml_edit::{DocumentMut, Item, Table, Value};

use super::{AnswerFile, REASKED_MARK, to_toml};
use crate::bank::Bank;
use crate::source::SourceText;

/// The file's text as [`to_toml`] writes it, kept in the layout of `original` where it can be.
pub fn to_toml_keeping(bank: &Bank, file: &AnswerFile, original: Option<&str>) -> String {
    let fresh = to_toml(bank, file);
    let Some(original) = original else {
        return fresh;
    };
    let kept = match merged(original, &fresh) {
        Some(text) if same_answers(bank, file, &text) => text,
        _ => fresh,
    };
    // A file written on Windows keeps its line ends (`toml_edit` writes `\n` for the lines
    // it adds or rewrites): every line the same, as the person's editor expects.
    if original.contains("\r\n") {
        let crlf = kept.replace("\r\n", "\n").replace('\n', "\r\n");
        if same_answers(bank, file, &crlf) {
            return crlf;
        }
    }
    kept
}

/// Whether `text` reads back to `file`'s answers and its old answers asked again.
fn same_answers(bank: &Bank, file: &AnswerFile, text: &str) -> bool {
    let src = SourceText::new("kept", text);
    super::parse(&src, bank).is_ok_and(|l| {
        l.file.answers == file.answers
            && l.file.meta.audience == file.meta.audience
            && l.file.meta.subject == file.meta.subject
            && l.file.annex == file.annex
    })
}

fn merged(original: &str, fresh: &str) -> Option<String> {
    let mut doc: DocumentMut = original.parse().ok()?;
    let new: DocumentMut = fresh.parse().ok()?;
    let new_meta = new.get("meta")?.as_table()?;
    let new_answers = new.get("answers")?.as_table()?;

    // [meta]: each value set in place, in its own order; missing keys added.
    let meta = doc.get_mut("meta")?.as_table_mut()?;
    for (key, item) in new_meta {
        set_value(meta, key, item.as_value()?.clone());
    }

    // [answers]: the old entries, as written, with their new values; then the new ones.
    let answers = doc
        .entry("answers")
        .or_insert_with(|| Item::Table(Table::new()))
        .as_table_mut()?;
    let mut kept = Vec::new();
    let reasked: Vec<&str> = fresh
        .lines()
        .filter(|l| l.ends_with(REASKED_MARK))
        .collect();
    let mut placed = Vec::new();
    let mut walk = Walk {
        new: new_answers,
        kept: &mut kept,
        reasked: &reasked,
        placed: &mut placed,
    };
    walk.update(answers, &mut Vec::new())?;
    for (id, item) in new_answers {
        if !kept.iter().any(|k| k == id) {
            answers.insert(id, item.clone());
        }
    }
    // [evidence] and [attestation]: kept in place where the file has them, values set
    // where they are, added at the end where it does not; gone where the answers dropped them.
    for name in ["evidence", "attestation"] {
        match (doc.get_mut(name), new.get(name).and_then(Item::as_table)) {
            (Some(Item::Table(old)), Some(new)) => sync(old, new),
            (_, Some(new)) => {
                let mut table = new.clone();
                unplace(&mut table);
                doc.insert(name, Item::Table(table));
            }
            (Some(_), None) => {
                doc.remove(name);
            }
            (None, None) => {}
        }
    }
    let mut text = doc.to_string();
    // An old answer asked again becomes its comment where it stood, under the comments
    // written above it; one written after it goes on its own line, above.
    for (needle, line) in &placed {
        let at = text.find(needle.as_str())?;
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let after = text[at + needle.len()..end].trim();
        let mut with = String::new();
        if after.starts_with('#') {
            with.push_str(after);
            with.push('\n');
        }
        with.push_str(line);
        text.replace_range(start..end, &with);
    }
    // Old answers asked again, as comments, where an earlier save did not keep them yet.
    for line in fresh.lines().filter(|l| l.ends_with(REASKED_MARK)) {
        if !text.contains(line) {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    Some(text)
}

/// Sets `key` to `value` in `table`, keeping the comment after the old value; an old value
/// that means the same (a list written over lines, with comments) is left as it is.
fn set_value(table: &mut Table, key: &str, mut value: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) if same_value(old, &value) => {}
        Some(old) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Makes `old` say what `new` says, keeping what it can of how `old` is written.
fn sync(old: &mut Table, new: &Table) {
    let gone: Vec<String> = old
        .iter()
        .filter(|(k, _)| !new.contains_key(k))
        .map(|(k, _)| k.to_owned())
        .collect();
    for key in gone {
        old.remove(&key);
    }
    for (key, item) in new {
        match (old.get_mut(key), item) {
            (Some(Item::Table(o)), Item::Table(n)) => sync(o, n),
            (Some(Item::Value(_)), Item::Value(v)) => set_value(old, key, v.clone()),
            (_, item) => {
                let mut item = item.clone();
                if let Item::Table(t) = &mut item {
                    unplace(t);
                }
                old.insert(key, item);
            }
        }
    }
}

/// A table taken from another document forgets where it stood there, so it is written
/// after what this document already has.
fn unplace(table: &mut Table) {
    table.set_position(None);
    for (_, item) in table.iter_mut() {
        if let Item::Table(t) = item {
            unplace(t);
        }
    }
}

/// Whether two values mean the same, however they are written.
fn same_value(a: &Value, b: &Value) -> bool {
    let read = |v: &Value| format!("x = {v}").parse::<toml::Table>().ok();
    read(a).is_some_and(|a| Some(a) == read(b))
}

/// What walking the answers needs: the new values, and the old answers asked again.
struct Walk<'a> {
    new: &'a Table,
    /// The ids found, as the fresh text spells them.
    kept: &'a mut Vec<String>,
    /// The fresh text's comment lines keeping old answers asked again.
    reasked: &'a [&'a str],
    /// A stand-in value left where an old answer asked again was, and its comment line.
    placed: &'a mut Vec<(String, String)>,
}

impl Walk<'_> {
    /// Walks `table` (the answers, or a table a dotted id made), giving each answer its new
    /// value or removing it; an old answer asked again keeps its place, to become a comment.
    fn update(&mut self, table: &mut Table, path: &mut Vec<String>) -> Option<()> {
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
        for key in keys {
            path.push(key.clone());
            let id = path.join(".");
            match table.get_mut(&key)? {
                Item::Table(sub) => self.update(sub, path)?,
                Item::Value(Value::InlineTable(_)) | Item::ArrayOfTables(_) | Item::None => {
                    return None;
                }
                Item::Value(_) => {
                    if let Some(value) = self.new.get(&id).and_then(Item::as_value) {
                        set_value(table, &key, value.clone());
                        self.kept.push(id);
                    } else if let Some(line) = self.reasked_line(&id) {
                        let stand_in =
                            Value::from(format!("\u{0}exovet-reasked-{}", self.placed.len()));
                        self.placed.push((stand_in.to_string(), line.to_owned()));
                        set_value(table, &key, stand_in);
                    } else {
                        table.remove(&key);
                    }
                }
            }
            path.pop();
        }
        Some(())
    }

    fn reasked_line(&self, id: &str) -> Option<&str> {
        let start = format!("# {} = ", super::quote(id));
        self.reasked.iter().copied().find(|l| l.starts_with(&start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Answer, Reasked, parse};
    use crate::bank::load_builtin;

    const EDITED: &str = r#"# Notes from the call with Glow Med Spa, 3 March.
[meta]
subject = "Glow Med Spa"   # the clinic on Main Street
audience = "patient"
bank = "exosome-vetting"
bank_version = "1.1.0"
updated = 2026-11-22T10:00:00Z

[answers]
# What the front desk said.
delivery.route = ["topical-after-procedure"]   # after microneedling
"source.origin" = "msc-umbilical-cord"

# Price from the website.
"cost.per_session_usd" = 900
"testing.coa" = "refused"
"#;

    fn read(text: &str) -> AnswerFile {
        parse(&SourceText::new("f.toml", text), &load_builtin())
            .unwrap()
            .file
    }

    #[test]
    fn a_hand_edited_file_keeps_its_comments_order_and_spelling() {
        let bank = load_builtin();
        let mut file = read(EDITED);
        let coa = bank.find("testing.coa").unwrap();
        let named = bank.find("source.product_named").unwrap();
        let cost = bank.find("cost.per_session_usd").unwrap();
        file.answers.set(coa, Some(Answer::Choice(0)));
        file.answers.set(named, Some(Answer::Choice(1)));
        file.answers.set(cost, None);
        let text = to_toml_keeping(&bank, &file, Some(EDITED));
        for kept in [
            "# Notes from the call with Glow Med Spa, 3 March.",
            "subject = \"Glow Med Spa\"   # the clinic on Main Street",
            "# What the front desk said.",
            "delivery.route = [\"topical-after-procedure\"]   # after microneedling",
            "\"testing.coa\" = \"lot-third-party\"",
        ] {
            assert!(text.contains(kept), "{kept:?} is gone:\n{text}");
        }
        // The order as written: meta's subject first, the route before the origin.
        assert!(text.find("subject").unwrap() < text.find("audience").unwrap());
        assert!(text.find("delivery.route").unwrap() < text.find("source.origin").unwrap());
        // A cleared answer goes; a new one comes at the end.
        assert!(!text.contains("cost.per_session_usd"), "{text}");
        assert!(
            text.trim_end()
                .ends_with("\"source.product_named\" = \"brand-only\""),
            "{text}"
        );
        assert_eq!(read(&text).answers, file.answers);
    }

    #[test]
    fn old_answers_asked_again_are_kept_as_comments_in_an_edited_file() {
        let bank = load_builtin();
        let old = "# Vendor form, 2025\n[meta]\naudience = \"coordinator\"\n\n[answers]\n\"regulatory.pathway\" = \"ind-or-bla\"  # they said IND\n\"source.origin\" = \"plant\"\n";
        let file = read(old);
        assert_eq!(
            file.annex.reasked,
            [Reasked {
                question: bank.find("regulatory.pathway").unwrap(),
                written: "ind-or-bla".into()
            }]
        );
        let text = to_toml_keeping(&bank, &file, Some(old));
        assert!(text.starts_with("# Vendor form, 2025\n"), "{text}");
        assert!(
            text.contains("# \"regulatory.pathway\" = \"ind-or-bla\""),
            "{text}"
        );
        assert!(
            text.contains(&format!("bank_version = \"{}\"", bank.version)),
            "{text}"
        );
        // And the next save keeps it once.
        let again = to_toml_keeping(&bank, &read(&text), Some(&text));
        assert_eq!(again.matches("ind-or-bla").count(), 1, "{again}");
    }

    #[test]
    fn a_comment_above_an_answer_asked_again_stays_above_it() {
        let bank = load_builtin();
        let old = "[meta]\naudience = \"coordinator\"\n\n[answers]\n\"source.origin\" = \"plant\"\n# They showed the IND letter.\nregulatory.pathway = \"ind-or-bla\"  # on the call\n\"testing.coa\" = \"refused\"\n";
        let text = to_toml_keeping(&bank, &read(old), Some(old));
        assert!(
            text.contains("\"source.origin\" = \"plant\"\n# They showed the IND letter.\n# on the call\n# \"regulatory.pathway\" = \"ind-or-bla\"  # saved with an older version of the questions; its meaning changed, so it is asked again\n\"testing.coa\" = \"refused\"\n"),
            "{text}"
        );
        assert_eq!(text.matches("ind-or-bla").count(), 1, "{text}");
        assert_eq!(to_toml_keeping(&bank, &read(&text), Some(&text)), text);
    }

    #[test]
    fn what_cannot_be_kept_is_written_plainly_and_loses_no_answer() {
        let bank = load_builtin();
        // Answers written as one inline table: kept plainly.
        let inline = "[meta]\naudience = \"patient\"\n[answers]\nsource = { origin = \"plant\" }\n";
        let mut file = read(inline);
        file.answers
            .set(bank.find("testing.coa").unwrap(), Some(Answer::Refused));
        let text = to_toml_keeping(&bank, &file, Some(inline));
        assert_eq!(text, to_toml(&bank, &file));
        assert_eq!(read(&text).answers, file.answers);
    }
}
