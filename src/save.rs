//! Writing a file whole or not at all: through a symbolic link to its target, into a FIFO or device instead of over it, never over a file it is made from, and never more readable than the answers in it.

mod target;
mod temp;

use std::fs::{File, Metadata, Permissions};
use std::io::{self, Write as _};
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::Path;

use crate::limits::MAX_FILE_BYTES;
use target::Target;

pub use temp::sweep_abandoned;

/// Why a save did not happen. Nothing was written when it is returned: the
/// file there, if any, is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The answers file is not what this session last read or wrote:
    /// someone else (another exovet on the same file) changed it.
    #[error(
        "was changed outside this window (another exovet on the same file?), so it was not overwritten"
    )]
    Changed,
    /// A new answers file would have replaced a file that is already there.
    #[error("already exists, so it was not overwritten: choose a new name")]
    Exists,
    /// A file saved with an older bank is copied before its first save as this one, as
    /// `exovet migrate` copies it; a copy is already there and is never replaced.
    #[error(
        "was saved with version {version} of the bank, and a copy of it is already at {copy}, so it was not changed: move that copy away, or save to another file"
    )]
    OriginalThere { version: String, copy: String },
    /// The copy of a file saved with an older bank could not be made.
    #[error(
        "was saved with version {version} of the bank, and its original could not be kept as {copy} ({why}), so it was not changed"
    )]
    OriginalNotKept {
        version: String,
        copy: String,
        why: String,
    },
    /// The answers file would be larger than exovet reads back.
    #[error(
        "the answers would take {bytes} bytes, over exovet's limit of {limit} bytes ({} MiB) for a file it reads back; shorten the longest notes",
        limit >> 20
    )]
    TooLarge { bytes: usize, limit: u64 },
    /// The output is the very file (the same device and inode) it is made from.
    #[error(
        "it is the {0} this is made from, and writing there would replace it: give another file name"
    )]
    IsInput(&'static str),
    #[error("it is a folder: give the name of a file in it")]
    Folder,
    /// A disk device, a socket, or, for an answers file, a FIFO or device.
    #[error("it is {0}, not a file")]
    NotAFile(&'static str),
    /// The system refused; in plain words, without "(os error 28)".
    #[error("{}", crate::source::write_reason(.0))]
    Io(io::Error),
}

impl SaveError {
    /// The kind of I/O error, for a failure of that kind.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            SaveError::Io(e) => Some(e.kind()),
            _ => None,
        }
    }
}

impl From<io::Error> for SaveError {
    fn from(e: io::Error) -> Self {
        SaveError::Io(e)
    }
}

/// A file an output is made from: the output must not replace it, nor be
/// more readable than it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub path: &'a Path,
    /// What it is, as a message names it: "answers file", "bank".
    pub what: &'static str,
}

/// What is written, which decides who may read it and where it may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Health answers, read back later: only into a regular file, under the
    /// size limit; a new file is 0600, an existing one keeps its mode.
    Answers,
    /// A summary, report or questionnaire: the group and other permission
    /// bits it may have, those every file it is made from has.
    Output { shared: u32 },
}

/// Saves an answers file at `path`, or at the file a symbolic link there
/// points to. A new file is readable by its owner only and never replaces
/// one that appeared meanwhile ([`SaveError::Exists`]); an existing file
/// keeps its mode and, where allowed, its owner and group.
pub fn answers(path: &Path, text: &str) -> Result<(), SaveError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            bytes: text.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    write(path, text, Kind::Answers)
}

/// Writes an output made from `inputs` to `path`: a regular file or a new
/// one is replaced whole; a FIFO or a character device (a terminal,
/// `/dev/null`) is written into; a symbolic link is followed to its target.
/// Refused when `path` is one of the inputs, a folder, a disk device or a
/// socket. It is no more readable than the most private of its inputs.
pub fn output(path: &Path, text: &str, inputs: &[Input<'_>]) -> Result<(), SaveError> {
    let mut shared = 0o077;
    if let Ok(out) = std::fs::metadata(path) {
        for input in inputs {
            if std::fs::metadata(input.path).is_ok_and(|m| target::same_file(&m, &out)) {
                return Err(SaveError::IsInput(input.what));
            }
        }
    }
    for input in inputs {
        if let Ok(m) = std::fs::metadata(input.path) {
            shared &= m.mode();
        }
    }
    write(path, text, Kind::Output { shared })
}

fn write(path: &Path, text: &str, kind: Kind) -> Result<(), SaveError> {
    match target::resolve(path, kind == Kind::Answers)? {
        Target::Into(path) => write_into(&path, text),
        Target::New(path) => replace(&path, None, text, kind),
        Target::Replace { path, meta } => replace(&path, Some(&meta), text, kind),
    }
}

/// Writes into a file that is not replaced: a FIFO, a device.
fn write_into(path: &Path, text: &str) -> Result<(), SaveError> {
    let mut file = File::options().write(true).truncate(true).open(path)?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    Ok(())
}

/// Writes a temporary file beside `path`, flushes it to disk, then renames it
/// over `path`: a crash leaves the old file or the new one, never half of either.
fn replace(path: &Path, old: Option<&Metadata>, text: &str, kind: Kind) -> Result<(), SaveError> {
    let mode = match (kind, old) {
        (Kind::Answers, Some(old)) => old.mode() & 0o777,
        (Kind::Answers, None) => 0o600,
        (Kind::Output { shared }, Some(old)) => old.mode() & (0o700 | shared),
        (Kind::Output { shared }, None) => 0o666 & (0o700 | shared),
    };
    let (tmp, mut file) = temp::create(path, mode)?;
    let result = (|| {
        if let Some(old) = old {
            keep_owner_and_mode(&file, old, mode)?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if kind == Kind::Answers && old.is_none() {
            create_new(&tmp, path)
        } else {
            Ok(std::fs::rename(&tmp, path)?)
        }
    })();
    // After a hard link the temporary name is a second name for the file.
    let _ = std::fs::remove_file(&tmp);
    if result.is_ok() {
        sync_folder(path);
    }
    result
}

/// Gives the new file the old one's owner and group where the system
/// allows it (as root, or a group the user is in), and its mode. When the
/// group cannot be kept, the group loses access: the file's readers are
/// never people the old file did not let in.
fn keep_owner_and_mode(file: &File, old: &Metadata, mode: u32) -> io::Result<()> {
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()))
        .or_else(|_| std::os::unix::fs::fchown(file, None, Some(old.gid())));
    let mode = if file.metadata()?.gid() == old.gid() {
        mode
    } else {
        mode & !0o070
    };
    file.set_permissions(Permissions::from_mode(mode))
}

/// Puts the file at `path` unless a file appeared there meanwhile: a hard
/// link fails where a rename would replace. File systems without hard
/// links get the rename.
fn create_new(tmp: &Path, path: &Path) -> Result<(), SaveError> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(SaveError::Exists),
        Err(_) => Ok(std::fs::rename(tmp, path)?),
    }
}

/// Flushes the folder's list of names, so the rename itself survives a power cut.
fn sync_folder(path: &Path) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let _ = File::open(dir).and_then(|d| d.sync_all());
}

#[cfg(test)]
mod tests;
