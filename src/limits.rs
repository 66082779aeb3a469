//! The limits on what exovet reads from a bank or answers file, and on what it writes back, in one place; every message that enforces one names it.
//!
//! Real files are far inside each of them: the built-in bank is about
//! 90 KB, nests 6 deep and has no problem to report. Anything past them is
//! a mistake or an attack, and is refused at once instead of being read.

/// The largest file exovet reads. Bigger files are refused before they are
/// read, so a file of tens of megabytes costs nothing.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// How many tables, lists and dotted-key parts may sit inside one another.
/// The built-in bank needs 6 (a source in the `sources` list of a
/// `[[question.option]]`). The TOML parser and the code after it recurse
/// once per level, so a file nested 100 000 deep is refused before it is
/// parsed.
pub const MAX_NESTING: usize = 64;

/// Problems printed for one file. A file with thousands of mistakes is the
/// wrong file, or a hostile one; the rest are counted, not printed.
pub const MAX_SHOWN: usize = 50;

/// The longest piece of a file quoted back in a message, in characters;
/// longer keys and values are cut with `…`.
pub const MAX_QUOTED_CHARS: usize = 80;

/// The longest message, in characters, so one problem is never a flood.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// Choices listed in one message ("the options are …"); the rest are counted.
pub const MAX_LISTED: usize = 20;

/// The longest text answer, in bytes: what one line of the plain mode may
/// hold (a longer line is refused there). A longer note is cut here when it
/// is recorded: a pasted file is not an answer. Even written with every
/// character escaped (`\u001B` is six bytes for one), the built-in bank's
/// two text questions stay far inside [`MAX_FILE_BYTES`], and a save that
/// would pass it is refused rather than written.
pub const MAX_TEXT_ANSWER_BYTES: usize = 64 * 1024;

/// The largest document exovet hashes for `[evidence]`, in bytes. A scanned certificate
/// is a few megabytes; a file past this is not a document someone sent, and reading it
/// would only make `score` slow.
pub const MAX_DOCUMENT_BYTES: u64 = 1024 * 1024 * 1024;
