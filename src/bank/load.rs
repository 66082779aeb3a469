//! From text to a validated [`Bank`]: TOML syntax, unknown keys, types, then meaning — every problem reported together.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::{BUILTIN_NAME, BUILTIN_TEXT, Bank, keys, raw, validate};
use crate::diag::{self, Diagnostic, Invalid};
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
    Ok(parse(&src)?.bank)
}

pub fn load_builtin() -> Result<Bank, BankError> {
    Ok(parse(&SourceText::new(BUILTIN_NAME, BUILTIN_TEXT))?.bank)
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
            warnings: diags,
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
    let (table, errors) = DeTable::parse_recoverable(src.text());
    if !errors.is_empty() {
        diags.extend(errors.iter().map(|e| syntax_error(src, e)));
        return None;
    }
    let table = table.into_inner();
    keys::check_unknown(src, &table, diags);

    let mut file = raw::File::default();
    for (key, value) in &table {
        match key.get_ref().as_ref() {
            "bank" => file.header = single_table(src, "bank", value, diags),
            "scoring" => file.scoring = single_table(src, "scoring", value, diags),
            "section" => {
                file.sections = table_array(src, "section", value, &mut file.unreadable, diags);
            }
            "question" => {
                file.questions = table_array(src, "question", value, &mut file.unreadable, diags);
            }
            _ => {}
        }
    }
    Some(file)
}

pub(crate) fn syntax_error(src: &SourceText, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim_end_matches('.');
    if message == "duplicate key" {
        let key = src.text().get(span.clone()).unwrap_or("").trim().trim_matches(['"', '\'']);
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
    unreadable: &mut std::collections::HashSet<String>,
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
            Some(id) => format!("[[{name}]] `{id}`"),
            None => format!("a [[{name}]]"),
        };
        match typed(src, &place, item, diags) {
            Some(t) => out.push(t),
            None => unreadable.extend(id.map(str::to_owned)),
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
            diags.push(src.error_at(
                at,
                format!("wrong type in {place}: {}.", plain_type_error(e.message())),
            ));
            None
        }
    }
}

/// serde's type names, in words a bank writer uses.
pub(crate) fn plain_type_error(message: &str) -> String {
    let message = message.trim_end_matches('.');
    let message = message.strip_prefix("invalid type: ").unwrap_or(message);
    [
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
        (
            "expected a sequence",
            "expected a list, like [\"a\", \"b\"]",
        ),
        (
            "expected struct ShowIf",
            "expected a table, like { question = \"…\", any_of = [\"…\"] }",
        ),
        ("sequence", "list"),
        ("map", "table"),
    ]
    .iter()
    .fold(message.to_owned(), |m, (from, to)| m.replace(from, to))
}
