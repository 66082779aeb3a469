//! The copy of an answers file kept before it is first saved as a newer bank's version:
//! `exovet migrate`, the wizard and the plain mode keep it the same way.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why the copy was not kept; nothing was written then.
#[derive(Debug, thiserror::Error)]
pub enum KeepError {
    /// A copy from an earlier migration is there; it is never replaced.
    #[error("a copy of the original is already there")]
    Exists,
    #[error("{0}")]
    Io(std::io::Error),
}

/// `glow.toml` saved with 1.0.0 is kept as `glow.toml.bank-1.0.0.orig`: not `.toml`, so a
/// folder given to `score` does not score it twice.
pub fn copy_path(path: &Path, saved_with: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    let version: String = saved_with
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    name.push(format!(".bank-{version}.orig"));
    path.with_file_name(name)
}

/// Writes the file's `bytes`, exactly, to a new file at `copy` with the permissions of
/// `path`; an existing one is never replaced.
pub fn keep(path: &Path, bytes: &[u8], copy: &Path) -> Result<(), KeepError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Answers can be private: the copy starts readable by its owner only, then takes the
    // original's permissions.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(copy).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            KeepError::Exists
        } else {
            KeepError::Io(e)
        }
    })?;
    let written = out
        .write_all(bytes)
        .and_then(|()| out.set_permissions(std::fs::metadata(path)?.permissions()))
        .and_then(|()| out.sync_all());
    if let Err(e) = written {
        drop(out);
        let _ = std::fs::remove_file(copy);
        return Err(KeepError::Io(e));
    }
    Ok(())
}
