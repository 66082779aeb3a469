//! Where a path's bytes really go: a new file, a regular file to replace, or a FIFO or device to write into; symbolic links followed to their target.

use std::fs::{FileType, Metadata};
use std::io;
use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _};
use std::path::{Path, PathBuf};

use super::SaveError;

/// How many symbolic links are followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// What writing to a path means.
#[derive(Debug)]
pub(super) enum Target {
    /// Nothing there yet: a new file at this path, the end of any symbolic links.
    New(PathBuf),
    /// A regular file, replaced whole: the file itself, symbolic links followed,
    /// so the temporary file goes beside it and the link stays a link.
    Replace { path: PathBuf, meta: Metadata },
    /// A FIFO, a terminal, `/dev/null`, or a file only reachable through a
    /// link exovet cannot follow by name (`/proc/self/fd/1`): written into,
    /// never replaced.
    Into(PathBuf),
}

/// Finds what writing to `path` would touch. A folder, a disk device and a
/// socket are refused; with `regular_only`, so are FIFOs and devices.
pub(super) fn resolve(path: &Path, regular_only: bool) -> Result<Target, SaveError> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Target::New(follow_links(path).map_err(SaveError::Io)?));
        }
        Err(e) => return Err(SaveError::Io(e)),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        let real = follow_links(path).map_err(SaveError::Io)?;
        // The name found by following links must be the same file; a link into
        // /proc (such as /dev/stdout onto a file) may name a file that is gone.
        let same = std::fs::metadata(&real).is_ok_and(|m| same_file(&m, &meta));
        return Ok(if same {
            Target::Replace { path: real, meta }
        } else {
            Target::Into(path.to_owned())
        });
    }
    match refusal(kind, regular_only) {
        Some(refused) => Err(refused),
        None => Ok(Target::Into(path.to_owned())),
    }
}

/// Why a file of this type cannot be written, if it cannot.
fn refusal(kind: FileType, regular_only: bool) -> Option<SaveError> {
    let what = if kind.is_dir() {
        return Some(SaveError::Folder);
    } else if kind.is_block_device() {
        "a disk device"
    } else if kind.is_socket() {
        "a socket"
    } else if !regular_only {
        return None;
    } else if kind.is_fifo() {
        "a FIFO (a named pipe)"
    } else {
        "a device"
    };
    Some(SaveError::NotAFile(what))
}

/// `path` with the symbolic links of its last part followed to the name
/// they point at, which need not exist yet. Folders on the way are left as
/// written: the file stays in the folder the links name.
pub(super) fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Whether two files are one: the same device and inode, whatever their names.
pub(super) fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}
