//! The temporary file a save writes first, beside the file it replaces, and the sweep of those a killed save left behind.

use std::ffi::OsString;
use std::fs::File;
use std::os::unix::ffi::{OsStrExt as _, OsStringExt as _};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

/// The most of a file's name, in bytes, that its temporary file's name
/// repeats. With the dot, the process id, a counter and `.tmp` the name stays
/// under the 255 bytes file systems allow, however long the file's own name.
const MAX_STEM: usize = 200;

/// How old a temporary file must be to count as abandoned. A save takes
/// milliseconds; one killed mid-write (kill -9, a power cut) leaves its
/// temporary file behind for good.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The folder a file is in, and the start of its name that temporary names repeat.
fn dir_and_stem(path: &Path) -> (&Path, &[u8]) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or(b"answers".as_slice(), |n| n.as_bytes());
    let mut end = name.len().min(MAX_STEM);
    // Not in the middle of a UTF-8 character, so the name still reads in a listing.
    while end < name.len() && end > 0 && name[end] & 0xC0 == 0x80 {
        end -= 1;
    }
    (dir, &name[..end])
}

/// A new, empty file beside `path`, created with `mode` (before the umask),
/// named `.NAME.PID.N.tmp` so [`sweep_abandoned`] knows it.
pub(super) fn create(path: &Path, mode: u32) -> std::io::Result<(PathBuf, File)> {
    let (dir, stem) = dir_and_stem(path);
    let mut attempt = 0u32;
    loop {
        let mut name = b".".to_vec();
        name.extend_from_slice(stem);
        name.extend_from_slice(format!(".{}.{attempt}.tmp", std::process::id()).as_bytes());
        let tmp = dir.join(OsString::from_vec(name));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Removes the temporary files that saves to `path` abandoned more than an
/// hour ago. Files of other names, and a save in progress, are left alone.
/// Returns how many were removed; a folder that cannot be read removes none.
pub fn sweep_abandoned(path: &Path) -> usize {
    // Temporary files are beside the file a symbolic link points at.
    let path = super::target::follow_links(path).unwrap_or_else(|_| path.to_owned());
    let (dir, stem) = dir_and_stem(&path);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let is_ours = |file: &[u8]| {
        file.strip_prefix(b".")
            .and_then(|rest| rest.strip_prefix(stem))
            .and_then(|rest| rest.strip_prefix(b"."))
            .and_then(|rest| rest.strip_suffix(b".tmp"))
            .and_then(|rest| {
                let dot = rest.iter().position(|b| *b == b'.')?;
                Some((&rest[..dot], &rest[dot + 1..]))
            })
            .is_some_and(|(pid, attempt)| {
                [pid, attempt]
                    .iter()
                    .all(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit))
            })
    };
    let abandoned = |entry: &std::fs::DirEntry| {
        entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > ABANDONED_AFTER)
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| is_ours(e.file_name().as_bytes()) && abandoned(e))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn only_temp_files_abandoned_by_saves_to_this_file_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let hours_ago = SystemTime::now() - std::time::Duration::from_secs(2 * 60 * 60);
        let file = |name: &str, old: bool| {
            let p = dir.path().join(name);
            let f = std::fs::File::create(&p).unwrap();
            if old {
                f.set_modified(hours_ago).unwrap();
            }
            p
        };
        let abandoned = file(".a.toml.4242.0.tmp", true);
        let in_progress = file(".a.toml.4243.0.tmp", false);
        let others = [
            file(".b.toml.4242.0.tmp", true),
            file(".a.toml.x.0.tmp", true),
            file(".a.toml.4242.tmp", true),
            file("a.toml.4242.0.tmp", true),
            file(".a.toml.4242.0.tmp.keep", true),
        ];
        assert_eq!(sweep_abandoned(&path), 1);
        assert!(!abandoned.exists());
        assert!(in_progress.exists());
        for p in others {
            assert!(p.exists(), "{}", p.display());
        }
        assert_eq!(
            sweep_abandoned(&dir.path().join("missing").join("a.toml")),
            0
        );
    }

    #[test]
    fn a_name_of_255_bytes_gets_a_temporary_name_that_fits_and_is_swept() {
        let dir = tempfile::tempdir().unwrap();
        // 'é' is two bytes: the cut must not split one.
        let name = format!("{}.toml", "é".repeat(125));
        assert_eq!(name.len(), 255);
        let path = dir.path().join(&name);
        let (tmp, _file) = create(&path, 0o600).unwrap();
        let tmp_name = tmp.file_name().unwrap().to_str().unwrap();
        assert!(tmp_name.len() <= 255, "{}", tmp_name.len());
        assert!(tmp_name.starts_with(&format!(".{}.", "é".repeat(100))));
        let hours_ago = SystemTime::now() - std::time::Duration::from_secs(2 * 60 * 60);
        std::fs::File::options()
            .write(true)
            .open(&tmp)
            .unwrap()
            .set_modified(hours_ago)
            .unwrap();
        assert_eq!(sweep_abandoned(&path), 1);
    }
}
