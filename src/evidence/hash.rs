//! A document's SHA-256, read once a run: remembered by the file's device, inode, size
//! and time of last change, so one large document named by many answers, or drawn again
//! on a resize, is not read again.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::os::unix::fs::MetadataExt as _;
use std::path::Path;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use sha2::{Digest as _, Sha256};

use crate::limits::MAX_DOCUMENT_BYTES;

/// The SHA-256 of a regular file, as 64 lowercase hex digits; a pipe, a device or a folder
/// is refused before it is opened (a pipe would wait forever), and so is a file past
/// [`MAX_DOCUMENT_BYTES`]. Each file is read once a run ([`Hashed`]): one large document
/// named by many answers, or drawn again on a resize, is not read again.
pub fn sha256(path: &Path) -> Result<String, String> {
    readable(path)?;
    let file = std::fs::File::open(path).map_err(|e| crate::source::io_reason(&e))?;
    // The file opened, not whatever the name leads to by now.
    let opened = file.metadata().ok();
    let key = opened
        .as_ref()
        .and_then(|m| Hashed::of(m, SystemTime::now()));
    let memo = || HASHED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = key.and_then(|k| memo().get(&k).cloned()) {
        return known;
    }
    let size = opened.as_ref().map_or(0, std::fs::Metadata::len);
    if size >= LARGE && SAY_PROGRESS.load(Ordering::Relaxed) {
        crate::output::warn(format!(
            "exovet: reading {} ({} MB) to check its fingerprint…",
            crate::text::from_file(&path.display().to_string()),
            size / (1024 * 1024)
        ));
    }
    let hashed = read_sha256(file);
    if let Some(k) = key {
        memo().insert(k, hashed.clone());
    } else if let Some(k) = opened.as_ref().and_then(Hashed::exact) {
        FRESH
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(k, hashed.clone());
    }
    LEARNED.fetch_add(1, Ordering::Relaxed);
    hashed
}

/// `path`'s metadata, where it can be a document to read: not a pipe, a device, a kernel
/// file or a folder, and not past [`MAX_DOCUMENT_BYTES`] (said at once, not after the first
/// gigabyte is read). Why not, in words.
fn readable(path: &Path) -> Result<std::fs::Metadata, String> {
    let meta = std::fs::metadata(path).map_err(|e| crate::source::io_reason(&e))?;
    if let Some(kind) = crate::source::special(path, &meta) {
        return Err(format!("it is {kind}, not a document"));
    }
    if meta.is_dir() {
        return Err("it is a folder, not a document".into());
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large());
    }
    Ok(meta)
}

/// What this run already knows of a document, without reading it: its fingerprint, or why
/// it cannot have one (a pipe, a folder, a file that cannot be opened). `None` while it
/// has not been read yet; [`read_later`] reads it.
///
/// Unlike [`sha256`], this also trusts a reading of a file written in the last moments, if
/// its time, to the nanosecond, and size are still those it had then: the full-screen
/// wizard shows it, and attaches it, without reading it again on the thread that draws.
pub fn known(path: &Path) -> Option<Result<String, String>> {
    let meta = match readable(path) {
        Ok(meta) => meta,
        Err(why) => return Some(Err(why)),
    };
    let key = Hashed::exact(&meta)?;
    let settled = HASHED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
        .cloned();
    settled.or_else(|| {
        FRESH
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .cloned()
    })
}

/// How many fingerprints this run has learnt: a screen that showed a document as still
/// being read draws again when this changes.
pub fn learned() -> u64 {
    LEARNED.load(Ordering::Relaxed)
}

static LEARNED: AtomicU64 = AtomicU64::new(0);

/// Reads `paths` on a thread of their own, each once, so that [`known`] has them when it
/// is done: the full-screen wizard never reads a document on the thread that draws.
pub fn read_later(paths: Vec<PathBuf>) {
    let paths: Vec<PathBuf> = {
        let mut reading = READING.lock().unwrap_or_else(PoisonError::into_inner);
        paths
            .into_iter()
            .filter(|p| reading.insert(p.clone()))
            .collect()
    };
    if paths.is_empty() {
        return;
    }
    std::thread::spawn(move || {
        for path in paths {
            let _ = sha256(&path);
            READING
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&path);
        }
    });
}

/// The documents [`read_later`] is reading now, or has still to read.
static READING: Mutex<std::collections::BTreeSet<PathBuf>> =
    Mutex::new(std::collections::BTreeSet::new());

/// A document this large takes a noticeable time to read (about a second per 500 MB).
const LARGE: u64 = 100 * 1024 * 1024;

/// Whether a large document's reading is said on standard error before it starts: set by
/// the commands that print (`score`, `report`, `diff`), never under the full screen, where
/// standard error would draw over the wizard.
static SAY_PROGRESS: AtomicBool = AtomicBool::new(false);

/// Says, from now on, when a large document is being read (see [`SAY_PROGRESS`]).
pub fn say_progress() {
    SAY_PROGRESS.store(true, Ordering::Relaxed);
}

/// What tells one state of a file from another without reading it: the device and inode
/// (which file), its size and when it was last written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hashed {
    device: u64,
    inode: u64,
    size: u64,
    modified: SystemTime,
}

/// Written this recently, a file's time cannot yet tell a later write of the same size
/// from it (file times tick in milliseconds): such a file is read each time, as git does
/// with an entry as new as its index.
const SETTLED: Duration = Duration::from_secs(2);

impl Hashed {
    /// The file's state as it is, however recently it was written.
    fn exact(meta: &std::fs::Metadata) -> Option<Self> {
        Some(Hashed {
            device: meta.dev(),
            inode: meta.ino(),
            size: meta.len(),
            modified: meta.modified().ok()?,
        })
    }

    /// The file's state, where its time can tell it from a later write ([`SETTLED`]).
    fn of(meta: &std::fs::Metadata, now: SystemTime) -> Option<Self> {
        // A time still to come (a clock set wrong, `touch -d tomorrow`) tells writes apart
        // as well as an old one: any write now gives the file an earlier time, another key.
        // Read each time, such a file was hashed once per answer naming it (found by an
        // adversarial run: 54 answers, 300 MB, 12 s).
        Self::exact(meta).filter(|h| {
            now.duration_since(h.modified)
                .map_or(true, |age| age >= SETTLED)
        })
    }
}

/// Every document hashed this run, and what was found.
static HASHED: Mutex<BTreeMap<Hashed, Result<String, String>>> = Mutex::new(BTreeMap::new());

/// Documents hashed this run that were written too recently for [`sha256`] to trust their
/// time ([`SETTLED`]); only [`known`] reads them.
static FRESH: Mutex<BTreeMap<Hashed, Result<String, String>>> = Mutex::new(BTreeMap::new());

fn too_large() -> String {
    format!(
        "it is larger than {} GB",
        MAX_DOCUMENT_BYTES / (1024 * 1024 * 1024)
    )
}

fn read_sha256(file: std::fs::File) -> Result<String, String> {
    #[cfg(test)]
    READS.with(|r| r.set(r.get() + 1));
    let mut reader = file.take(MAX_DOCUMENT_BYTES + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| crate::source::io_reason(&e))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_DOCUMENT_BYTES {
            return Err(too_large());
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

// How many times this thread read a document to hash it: the tests' proof that a
// document is read once a run.
#[cfg(test)]
thread_local! {
    static READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
pub(crate) fn reads() -> usize {
    READS.with(std::cell::Cell::get)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
