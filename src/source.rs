//! Reading a user-supplied text file safely, and mapping byte offsets to line:column.

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::diag::Diagnostic;

/// The largest bank or answers file exovet reads. Real ones are a few
/// hundred kilobytes at most; anything bigger is a mistake or an attack.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A file's text with the offsets of its line starts, for error positions.
#[derive(Debug, Clone)]
pub struct SourceText {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(
        "{file}: error: cannot read it: {reason}. Check the path and that you may read the file."
    )]
    Io { file: String, reason: String },
    #[error(
        "{file}: error: the file is {size} bytes, over exovet's limit of {limit} bytes (4 MiB). Check that this is the right file."
    )]
    TooLarge { file: String, size: u64, limit: u64 },
    #[error("{0}")]
    NotText(Diagnostic),
}

impl SourceText {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Reads `path` whole, refusing files over [`MAX_FILE_BYTES`], binary
    /// files and text that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let name = path.display().to_string();
        let io = |e: std::io::Error| ReadError::Io {
            file: name.clone(),
            reason: io_reason(&e),
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(ReadError::Io {
                file: name,
                reason: "it is a folder, not a file".into(),
            });
        }
        let mut bytes = Vec::new();
        // Read one byte past the limit so a file that grows while we read is still caught.
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge {
                file: name,
                size: meta.len().max(bytes.len() as u64),
                limit: MAX_FILE_BYTES,
            });
        }
        Self::from_bytes(name, bytes)
    }

    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Self, ReadError> {
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            let probe = Self::new(name, String::from_utf8_lossy(&bytes[..nul]).into_owned());
            return Err(ReadError::NotText(probe.error_at(
                nul,
                "this is a binary file, not a TOML text file. Check that you chose the right file.",
            )));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::new(name, text)),
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
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    pub fn error_at(&self, offset: usize, message: impl fmt::Display) -> Diagnostic {
        Diagnostic::error(&self.name, Some(self.position(offset)), message.to_string())
    }

    pub fn warning_at(&self, offset: usize, message: impl fmt::Display) -> Diagnostic {
        Diagnostic::warning(&self.name, Some(self.position(offset)), message.to_string())
    }
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
    fn binary_and_non_utf8_are_refused_with_a_position() {
        let err = SourceText::from_bytes("f".into(), b"a = 1\nb\0".to_vec()).unwrap_err();
        assert!(matches!(&err, ReadError::NotText(d) if d.position == Some((2, 2))));
        let err = SourceText::from_bytes("f".into(), b"a = \"\xff\"".to_vec()).unwrap_err();
        assert!(err.to_string().contains("f:1:6"), "{err}");
        assert!(err.to_string().contains("UTF-8"), "{err}");
    }
}
