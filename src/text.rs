//! Text as exovet shows it wherever it goes: a file's or a person's words on one line and
//! inert, a bank sentence inside another, a path on a terminal or as a shell word. Below
//! every layer that shows text; it knows no question, answer or verdict.

use crate::diag::inert;

/// Text that came from a file or a person (a subject, a signature, a document's name or
/// note), as any output shows it: on one line, every run of spaces, tabs and line breaks
/// (line and paragraph separators too) one space, and whatever could drive a terminal made
/// visible. So a file's text never begins a line of exovet's own ("✔ Verdict: GREEN").
pub fn from_file(text: &str) -> String {
    inert(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Bank text that starts a sentence ("The donor records"), to stand inside one ("the donor
/// records"): its first letter made small, unless the word is all capitals ("COA", "FDA").
pub fn in_sentence(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    let shouting = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word.chars().all(|c| !c.is_lowercase());
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !shouting => c.to_lowercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

/// A path as shown on a terminal: a file name can hold an escape sequence too, or a line
/// break, which would split the message it is in and could pass for a line of its own.
pub fn shown_path(path: &std::path::Path) -> String {
    if crate::source::is_stdin(path) {
        return crate::source::STDIN_NAME.to_owned();
    }
    inert(&path.display().to_string()).replace('\n', "\\n")
}

/// A path as one word a shell takes literally.
pub fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "._/-+:@,".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
