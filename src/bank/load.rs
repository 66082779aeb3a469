//! From text to a validated [`Bank`]: TOML syntax, unknown keys, types, then meaning — every problem reported together.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::{Bank, keys, raw, validate};
use crate::diag::{self, Diagnostic, Invalid};
use crate::limits::MAX_NESTING;
use crate::source::{ReadError, SourceText};

#[derive(Debug, thiserror::Error)]
pub enum BankError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
}

/// A bank that passed validation, with anything worth a warning.
#[derive(Debug)]
pub struct Parsed {
    pub bank: Bank,
    pub warnings: Vec<Diagnostic>,
}

pub fn load_file(path: &Path) -> Result<Bank, BankError> {
    let src = SourceText::read(path)?;
    let mut bank = parse(&src)?.bank;
    bank.file = Some(path.display().to_string());
    Ok(bank)
}

/// Parses and validates a bank, collecting every problem rather than stopping at the first.
pub fn parse(src: &SourceText) -> Result<Parsed, Invalid> {
    let mut diags = Vec::new();
    let file = read_raw(src, &mut diags);
    let bank = file.and_then(|f| validate::bank(src, &f, &mut diags));
    diag::sort(&mut diags);
    match bank {
        Some(bank) if !diags.iter().any(Diagnostic::is_error) => Ok(Parsed {
            bank,
            warnings: diag::cap_warnings(src.name(), diags),
        }),
        _ => Err(Invalid {
            file: src.name().to_owned(),
            diagnostics: diags,
        }),
    }
}

/// TOML text to the raw mirror. `None` when the syntax is broken, since
/// nothing after a syntax error can be trusted.
fn read_raw(src: &SourceText, diags: &mut Vec<Diagnostic>) -> Option<raw::File> {
    let table = match parse_toml(src) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if table.is_empty() {
        diags.push(src.error_at(
            0,
            "this bank file is empty. A bank needs [bank], [scoring], [[section]] and [[question]] tables; see docs/bank-format.md.",
        ));
        return None;
    }
    let has = |k: &str| table.keys().any(|key| key.get_ref().as_ref() == k);
    if !has("bank") && (has("meta") || has("answers")) {
        diags.push(src.error_at(
            0,
            "this is an answers file, not a question bank. To score it, run `exovet score` on it; to use another bank, give a bank file.",
        ));
        return None;
    }
    keys::check_unknown(src, &table, diags);

    let mut file = raw::File::default();
    for (key, value) in &table {
        file.present.insert(key.get_ref().to_string());
        match key.get_ref().as_ref() {
            "bank" => file.header = single_table(src, "bank", value, diags),
            "scoring" => file.scoring = single_table(src, "scoring", value, diags),
            "section" => {
                file.sections = table_array(src, "section", value, &mut file.unreadable, diags);
            }
            "question" => {
                file.questions = table_array(src, "question", value, &mut file.unreadable, diags);
            }
            // Their ids are not referred to by place, so unreadable ones need no note.
            "source" => {
                file.sources = table_array(src, "source", value, &mut HashMap::new(), diags);
            }
            "rule" => file.rules = table_array(src, "rule", value, &mut HashMap::new(), diags),
            "migrate" => {
                file.migrations = table_array(src, "migrate", value, &mut HashMap::new(), diags);
            }
            "guide" => file.guides = table_array(src, "guide", value, &mut HashMap::new(), diags),
            _ => {}
        }
    }
    Some(file)
}

/// Parses TOML, keeping only the first syntax error: after one mistake the
/// parser's later complaints are mostly echoes of it, and a 4 MB file of
/// `=` would otherwise hold four million of them in memory.
pub(crate) fn parse_toml(src: &SourceText) -> Result<DeTable<'_>, Diagnostic> {
    src.check_nesting()?;
    let table = DeTable::parse(src.text())
        .map_err(|e| syntax_error(src, &e))?
        .into_inner();
    check_depth(src, &table)?;
    Ok(table)
}

/// The parsed tree measured again, without recursion. The pre-scan counts
/// levels in the text; this is the guarantee that nothing after it (serde,
/// the key checks, the answers reader) recurses deeper than [`MAX_NESTING`].
fn check_depth(src: &SourceText, root: &DeTable<'_>) -> Result<(), Diagnostic> {
    let mut todo: Vec<(usize, usize, &DeValue<'_>)> = root
        .iter()
        .map(|(k, v)| (1, k.span().start, v.get_ref()))
        .collect();
    let mut first_too_deep = None;
    while let Some((depth, at, value)) = todo.pop() {
        if depth > MAX_NESTING {
            first_too_deep = Some(first_too_deep.map_or(at, |f: usize| f.min(at)));
            continue;
        }
        match value {
            DeValue::Table(t) => {
                todo.extend(
                    t.iter()
                        .map(|(k, v)| (depth + 1, k.span().start, v.get_ref())),
                );
            }
            DeValue::Array(items) => {
                todo.extend(
                    items
                        .iter()
                        .map(|v| (depth + 1, v.span().start, v.get_ref())),
                );
            }
            _ => {}
        }
    }
    first_too_deep.map_or(Ok(()), |at| Err(src.too_deep_at(at)))
}

fn syntax_error(src: &SourceText, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim_end_matches('.');
    // The parser's own limit (80), should the pre-scan ever miss a level.
    if message.contains("recursion") || message.contains("recurse") {
        return src.too_deep_at(span.start);
    }
    if message == "duplicate key" {
        let key = src
            .text()
            .get(span.clone())
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        let before = &src.text()[..span.start];
        if before.ends_with('[') {
            let header = if before.ends_with("[[") {
                format!("[[{key}]]")
            } else {
                format!("[{key}]")
            };
            let first = src
                .text()
                .lines()
                .position(|l| l.trim() == header)
                .map_or_else(String::new, |i| format!(" (first on line {})", i + 1));
            return src.error_at(
                span.start,
                format!("the table {header} is written twice{first}; merge the two into one."),
            );
        }
        return src.error_at(
            span.start,
            format!("`{key}` is written twice; keep one of the two lines."),
        );
    }
    src.error_at(
        span.start,
        format!(
            "this is not valid TOML: {message}. Fix the line, or compare it with the examples in docs/."
        ),
    )
}

fn single_table<'de, T: Deserialize<'de>>(
    src: &SourceText,
    name: &str,
    value: &Spanned<DeValue<'de>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<T>> {
    if !matches!(value.get_ref(), DeValue::Table(_)) {
        diags.push(src.error_at(
            value.span().start,
            format!("`{name}` must be a table: write [{name}] on a line of its own, with its keys below it."),
        ));
        return None;
    }
    typed(src, &format!("[{name}]"), value, diags)
}

fn table_array<'de, T: Deserialize<'de>>(
    src: &SourceText,
    name: &str,
    value: &Spanned<DeValue<'de>>,
    unreadable: &mut HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Spanned<T>> {
    let DeValue::Array(items) = value.get_ref() else {
        diags.push(src.error_at(
            value.span().start,
            format!("`{name}` must be a list of tables: start each one with [[{name}]] on a line of its own."),
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let id = item.get_ref().as_table().and_then(|t| id_of(t));
        let place = match id {
            Some(id) => format!("{name} `{id}`"),
            None => format!("a [[{name}]]"),
        };
        match typed(src, &place, item, diags) {
            Some(t) => out.push(t),
            None => unreadable.extend(id.map(|id| (id.to_owned(), item.span().start))),
        }
    }
    out
}

fn id_of<'a>(table: &'a DeTable<'_>) -> Option<&'a str> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "id")
        .and_then(|(_, v)| v.get_ref().as_str())
}

fn typed<'de, T: Deserialize<'de>>(
    src: &SourceText,
    place: &str,
    value: &Spanned<DeValue<'de>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<T>> {
    let span = value.span();
    match T::deserialize(ValueDeserializer::from(value.clone())) {
        Ok(v) => Some(Spanned::new(span, v)),
        Err(e) => {
            let at = e.span().map_or(span.start, |s| s.start);
            let key = key_at(value, at).map_or_else(String::new, |k| format!("`{k}` of "));
            diags.push(src.error_at(
                at,
                format!("{key}{place} {}.", plain_type_error(e.message())),
            ));
            None
        }
    }
}

/// The name of the key whose value starts at `at`, searching nested tables. A list of
/// tables (`[[question.option]]`) has no span around its tables, so it is searched whole.
fn key_at(value: &Spanned<DeValue<'_>>, at: usize) -> Option<String> {
    match value.get_ref() {
        DeValue::Table(t) => t.iter().find_map(|(k, v)| {
            if v.span().contains(&at) || v.span().start == at {
                key_at(v, at).or_else(|| Some(k.get_ref().to_string()))
            } else if matches!(v.get_ref(), DeValue::Array(_)) {
                key_at(v, at)
            } else {
                None
            }
        }),
        DeValue::Array(items) => items.iter().find_map(|v| key_at(v, at)),
        _ => None,
    }
}

/// serde's "invalid type: string \"two\", expected i64" in words a bank writer uses:
/// "is the text \"two\"; it must be a whole number, without quotes".
pub(crate) fn plain_type_error(message: &str) -> String {
    let message = message.trim_end_matches('.');
    let message = message.strip_prefix("invalid type: ").unwrap_or(message);
    let Some((found, expected)) = message.split_once(", expected ") else {
        return format!("is wrong: {message}");
    };
    let found = if let Some(s) = found.strip_prefix("string ") {
        // serde quotes the whole string, however long.
        let s = s.strip_suffix('"').unwrap_or(s);
        format!("the text {}\"", diag::clip(s))
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        format!("the number {}", n.trim_matches('`'))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        b.to_owned()
    } else {
        match found {
            "sequence" => "a list".to_owned(),
            "map" => "a table".to_owned(),
            other => other.to_owned(),
        }
    };
    let expected = match expected {
        "i64" | "u32" => "a whole number, without quotes",
        "f64" => "a number, without quotes",
        "a string" => "text in quotes",
        "a boolean" => "true or false, without quotes",
        "a sequence" => "a list, like [\"a\", \"b\"]",
        "struct ShowIf" => "a table, like { question = \"…\", any_of = [\"…\"] }",
        "a TOML datetime" => "a date without quotes, like 2026-12-01",
        e if e.starts_with("struct ") => "a table",
        e => e,
    };
    format!("is {found}; it must be {expected}")
}
