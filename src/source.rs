//! Reading a user-supplied text file safely, and mapping byte offsets to line:column.

mod nesting;

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::limits::{MAX_FILE_BYTES, MAX_NESTING};

/// A file's text with the offsets of its line starts, for error positions.
#[derive(Debug, Clone)]
pub struct SourceText {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    /// How many UTF-8 continuation bytes come before each [`CHUNK`] of the
    /// text, so a column on a 4 MB line costs a short scan, not a long one.
    continuations: Vec<usize>,
}

const CHUNK: usize = 256;

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(
        "{file}: error: cannot read it: {reason}. Check the path and that you may read the file."
    )]
    Io { file: String, reason: String },
    #[error(
        "{file}: error: the file is {}over exovet's limit of {limit} bytes ({} MiB). Check that this is the right file.",
        size.map_or_else(String::new, |s| format!("{s} bytes, ")),
        limit / (1024 * 1024)
    )]
    TooLarge {
        file: String,
        /// Unknown for a pipe or a device, which is read only up to the limit.
        size: Option<u64>,
        limit: u64,
    },
    #[error("{0}")]
    NotText(Diagnostic),
}

/// `-`, which stands for standard input where a file is read, as in most command-line
/// tools (`cat answers.toml | exovet score -`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name messages give standard input.
pub const STDIN_NAME: &str = "standard input";

/// Standard input whole, refused past [`MAX_FILE_BYTES`] as a file is.
fn read_stdin() -> Result<(String, Vec<u8>), ReadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io {
            file: STDIN_NAME.to_owned(),
            reason: io_reason(&e),
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            file: STDIN_NAME.to_owned(),
            size: None,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok((STDIN_NAME.to_owned(), bytes))
}

/// What a path is when it is neither a file nor a folder: "a pipe (FIFO)", "a device"; or
/// when it is a file of the kernel's own (`/proc`, `/sys`).
pub(crate) fn special(path: &Path, meta: &std::fs::Metadata) -> Option<&'static str> {
    if kernel_file(path) {
        return Some("a file of the operating system's own (like those in /proc or /sys)");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return Some("a pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() {
            return Some("a disk device");
        }
        // A terminal (`/dev/tty`) would wait for typing; `/dev/zero` never ends: neither
        // is a file (`product.md`: "a FIFO or a device where a file is expected").
        if kind.is_char_device() {
            return Some("a device");
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    None
}

/// Whether `path` is on a file system the kernel makes up as it is read (`/proc`, `/sys`,
/// `debugfs` …): its files look regular and empty, and some wait forever when read
/// (`/proc/kmsg`, found by an adversarial run: `score` hung on a document naming it).
fn kernel_file(path: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        // proc, sysfs, debugfs, tracefs, securityfs, cgroup, cgroup2, configfs, bpf,
        // pstore, efivarfs, fusectl, devpts.
        const KERNEL: [i128; 13] = [
            0x9fa0,
            0x6265_6572,
            0x6462_6720,
            0x7472_6163,
            0x7363_6673,
            0x0027_e0eb,
            0x6367_7270,
            0x6265_6570,
            0xcafe_4a11,
            0x6165_676c,
            0xde5e_81e4,
            0x6573_5543,
            0x1cd1,
        ];
        rustix::fs::statfs(path).is_ok_and(|fs| KERNEL.contains(&i128::from(fs.f_type)))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        false
    }
}

/// UTF-16 or UTF-32, with a byte-order mark or without one: text where most characters
/// are ASCII has a NUL in every other byte (UTF-16) or three of every four (UTF-32).
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Some("UTF-32");
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16");
    }
    // Judged on the first 256 bytes, which hold at least one key of any TOML file.
    let sample = &bytes[..bytes.len().min(256)];
    if sample.len() < 8 {
        return None;
    }
    let nul_share = |width: usize, at: usize| {
        let units = sample.chunks_exact(width);
        let n = units.len();
        let nuls = units.filter(|u| u[at] == 0).count();
        (n > 0).then(|| nuls * 10 >= n * 9)
    };
    let ascii_share = |width: usize, at: usize| {
        let units = sample.chunks_exact(width);
        let n = units.len();
        let text = units.filter(|u| u[at].is_ascii() && u[at] != 0).count();
        text * 10 >= n * 9
    };
    let utf32 = (nul_share(4, 1) == Some(true) && nul_share(4, 2) == Some(true))
        && ((nul_share(4, 3) == Some(true) && ascii_share(4, 0))
            || (nul_share(4, 0) == Some(true) && ascii_share(4, 3)));
    if utf32 {
        return Some("UTF-32");
    }
    let utf16 = (nul_share(2, 1) == Some(true) && ascii_share(2, 0))
        || (nul_share(2, 0) == Some(true) && ascii_share(2, 1));
    utf16.then_some("UTF-16")
}

impl SourceText {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let continuations = std::iter::once(0)
            .chain(text.as_bytes().chunks(CHUNK).scan(0, |n, chunk| {
                *n += continuation_bytes(chunk);
                Some(*n)
            }))
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
            continuations,
        }
    }

    /// Reads `path` whole, refusing files over [`MAX_FILE_BYTES`] before
    /// reading them, binary files and text that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let (name, bytes) = Self::read_bytes(path)?;
        Self::from_bytes(name, bytes)
    }

    /// The bytes of `path` as [`Self::read`] takes them, before they are checked as text,
    /// with the file's name for messages: for a caller that needs them exactly too.
    pub fn read_bytes(path: &Path) -> Result<(String, Vec<u8>), ReadError> {
        if is_stdin(path) {
            return read_stdin();
        }
        let name = path.display().to_string();
        // The name as messages show it: a file name can hold an escape sequence too.
        let shown = crate::diag::inert(&name);
        let io = |e: std::io::Error| ReadError::Io {
            file: shown.clone(),
            reason: io_reason(&e),
        };
        // Looked at before it is opened: opening a pipe (FIFO) waits for a writer, forever.
        if let Some(kind) = std::fs::metadata(path).ok().and_then(|m| special(path, &m)) {
            return Err(ReadError::Io {
                file: shown,
                reason: format!("it is {kind}, not a regular file; give the file itself"),
            });
        }
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(ReadError::Io {
                file: shown,
                reason: "it is a folder, not a file".into(),
            });
        }
        if meta.is_file() && meta.len() > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge {
                file: shown,
                size: Some(meta.len()),
                limit: MAX_FILE_BYTES,
            });
        }
        // Sized from the file, plus one byte so the read that finds its end
        // needs no second allocation: two reads for a small file, not eight.
        let expected = if meta.is_file() { meta.len() + 1 } else { 0 };
        let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
        // Read one byte past the limit, so a pipe, a device like /dev/zero, or
        // a file that grows while we read, is still caught.
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge {
                file: shown,
                size: None,
                limit: MAX_FILE_BYTES,
            });
        }
        Ok((name, bytes))
    }

    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Self, ReadError> {
        if let Some(encoding) = wide_encoding(&bytes) {
            return Err(ReadError::NotText(Self::new(name, "").error_at(
                0,
                format!("the file is {encoding} text. Save it again as UTF-8 in your editor."),
            )));
        }
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            let probe = Self::new(name, String::from_utf8_lossy(&bytes[..nul]).into_owned());
            return Err(ReadError::NotText(probe.error_at(
                nul,
                "this is a binary file, not a TOML text file. Check that you chose the right file.",
            )));
        }
        match String::from_utf8(bytes) {
            // A byte-order mark is not part of the text, and must not shift the columns of line 1.
            Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
                Some(rest) => Self::new(name, rest),
                None => Self::new(name, text),
            }),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let probe = Self::new(name, String::from_utf8_lossy(&bytes[..at]).into_owned());
                Err(ReadError::NotText(probe.error_at(
                    at,
                    "the file is not UTF-8 text. Save it again as UTF-8 in your editor.",
                )))
            }
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        // Characters are bytes that are not continuation bytes.
        let col = (offset - start)
            - (self.continuations_before(offset) - self.continuations_before(start));
        (line + 1, col + 1)
    }

    fn continuations_before(&self, offset: usize) -> usize {
        let chunk = offset / CHUNK;
        let rest = self
            .text
            .as_bytes()
            .get(chunk * CHUNK..offset)
            .unwrap_or_default();
        self.continuations.get(chunk).copied().unwrap_or_default() + continuation_bytes(rest)
    }

    /// The offset where the text nests tables and lists deeper than
    /// [`MAX_NESTING`], as an error; checked before parsing, since the
    /// parser recurses once per level.
    pub fn check_nesting(&self) -> Result<(), Diagnostic> {
        match nesting::too_deep(&self.text) {
            Some(at) => Err(self.too_deep_at(at)),
            None => Ok(()),
        }
    }

    pub fn too_deep_at(&self, offset: usize) -> Diagnostic {
        self.error_at(
            offset,
            format!(
                "tables, lists and dotted keys nest more than {MAX_NESTING} levels deep here, past exovet's limit of {MAX_NESTING}. A bank or answers file needs a few levels: check that this is the right file."
            ),
        )
    }

    pub fn error_at(&self, offset: usize, message: impl fmt::Display) -> Diagnostic {
        Diagnostic::error(&self.name, Some(self.position(offset)), message.to_string())
    }

    pub fn warning_at(&self, offset: usize, message: impl fmt::Display) -> Diagnostic {
        Diagnostic::warning(&self.name, Some(self.position(offset)), message.to_string())
    }
}

fn continuation_bytes(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

/// A plain-words reason for a failed write: a missing file there means a missing folder.
pub fn write_reason(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "the folder does not exist".into()
    } else {
        io_reason(e)
    }
}

/// A plain-words reason for an I/O error, without Rust's "(os error 2)".
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "there is no such file".into(),
        K::PermissionDenied => "permission denied".into(),
        K::IsADirectory => "it is a folder, not a file".into(),
        K::InvalidData => "the file is not UTF-8 text".into(),
        _ => {
            let text = e.to_string();
            text.split(" (os error")
                .next()
                .unwrap_or(&text)
                .to_lowercase()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let src = SourceText::new("f", "ab\ncé d\n");
        assert_eq!(src.position(0), (1, 1));
        assert_eq!(src.position(3), (2, 1));
        // "cé " is 4 bytes but 3 characters.
        assert_eq!(src.position(7), (2, 4));
        assert_eq!(src.position(999), (3, 1));
    }

    #[test]
    fn columns_on_long_lines_count_characters_across_chunks() {
        let line = "é".repeat(1000) + "x";
        let src = SourceText::new("f", format!("a\n{line}\n"));
        let x = 2 + 2000;
        assert_eq!(src.position(x), (2, 1001));
        assert_eq!(src.position(x + 1), (2, 1002));
        assert_eq!(src.position(2 + 2 * 300), (2, 301));
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let src = SourceText::from_bytes("f".into(), b"\xEF\xBB\xBFab".to_vec()).unwrap();
        assert_eq!(src.text(), "ab");
        let err = SourceText::from_bytes("f".into(), b"\xFF\xFEa\0".to_vec()).unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
    }

    #[test]
    fn utf16_and_utf32_are_named_with_or_without_a_byte_order_mark() {
        let text = "[meta]\naudience = \"patient\"\n";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf32le: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let utf32be: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
        for (bytes, encoding) in [
            (utf16le.clone(), "UTF-16"),
            (utf16be.clone(), "UTF-16"),
            (with_bom(b"\xFF\xFE", &utf16le), "UTF-16"),
            (with_bom(b"\xFE\xFF", &utf16be), "UTF-16"),
            (utf32le.clone(), "UTF-32"),
            (utf32be.clone(), "UTF-32"),
            (with_bom(b"\xFF\xFE\x00\x00", &utf32le), "UTF-32"),
            (with_bom(b"\x00\x00\xFE\xFF", &utf32be), "UTF-32"),
        ] {
            let err = SourceText::from_bytes("f".into(), bytes).unwrap_err();
            assert!(
                err.to_string()
                    .contains(&format!("the file is {encoding} text")),
                "{encoding}: {err}"
            );
        }
        // A binary file with a few NULs is still binary.
        let err =
            SourceText::from_bytes("f".into(), b"a = 1\nb = 2\n\0\0xyz".to_vec()).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
    }

    #[test]
    fn binary_and_non_utf8_are_refused_with_a_position() {
        let err = SourceText::from_bytes("f".into(), b"a = 1\nb\0".to_vec()).unwrap_err();
        assert!(matches!(&err, ReadError::NotText(d) if d.position == Some((2, 2))));
        let err = SourceText::from_bytes("f".into(), b"a = \"\xff\"".to_vec()).unwrap_err();
        assert!(err.to_string().contains("f:1:6"), "{err}");
        assert!(err.to_string().contains("UTF-8"), "{err}");
    }
}
