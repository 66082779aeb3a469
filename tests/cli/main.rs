//! Integration tests: the real `exovet` binary on fixture files, one temp dir per test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod addresses;
mod check;
mod check_yourself;
mod compare;
mod contract;
mod diff;
mod differential;
mod docs;
mod evidence;
mod fixtures;
mod forged;
mod hostile;
mod install;
mod migrate;
mod outputs;
mod package;
mod plain;
mod profiles;
mod pty;
mod questions;
mod readability;
mod reliability;
mod report;
mod roundtrip;
mod saving;
mod score;
mod tools;
mod usage;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The fields of every object `exovet score --format json` prints: programs that read it rely on them.
pub const JSON_FIELDS: [&str; 11] = [
    "subject",
    "audience",
    "bank",
    "verdict",
    "incomplete",
    "score",
    "flags",
    "follow_up",
    "sections",
    "rules",
    "not_counted",
];

/// Whether what a test needs from outside Rust is here: a tool, or the right to mount a
/// disk. When it is not, one loud line on stderr names the test, what it needs and how to
/// get it, and the test is skipped; with `EXOVET_REQUIRE_TOOLS=1` (`.ci/run` sets it) the
/// test fails instead, so nothing goes quietly missing in CI. `EXOVET_HIDE_TOOLS=a,b`
/// makes `key`s a and b count as missing, to test this very skipping.
pub fn needs(key: &str, test: &str, what: &str, how: &str, found: impl FnOnce() -> bool) -> bool {
    use std::io::Write as _;
    let hidden =
        std::env::var("EXOVET_HIDE_TOOLS").is_ok_and(|h| h.split(',').any(|k| k.trim() == key));
    if !hidden && found() {
        return true;
    }
    let needs = format!("{test} needs {what}; {how}");
    assert!(
        std::env::var("EXOVET_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "{needs}. Not skipped: EXOVET_REQUIRE_TOOLS=1."
    );
    // Straight to stderr: the test harness keeps what `eprintln!` says in a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED 1 test: {needs}. `.ci/run` installs everything and runs every test."
    );
    false
}

/// Whether `name` is a program on PATH.
pub fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
}

/// Runs `python3 ARGS` in the crate root, which must succeed; what it printed.
/// Python writes no __pycache__ into the source tree (randanswers.py imports refscore.py).
pub fn python3(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let out = std::process::Command::new("python3")
        .args(args)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python3 {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Whether python3 with `tomllib` (3.11 or newer) is here, for `test` to run `what`.
pub fn python3_ready(test: &str, what: &str) -> bool {
    needs(
        "python3",
        test,
        &format!("python3, 3.11 or newer, to run {what}"),
        "install: apt-get install -y python3",
        || {
            std::process::Command::new("python3")
                .args(["-c", "import tomllib"])
                .output()
                .is_ok_and(|o| o.status.success())
        },
    )
}

/// The binary under test, with a clean environment for colour and terminal.
pub fn exovet() -> Command {
    let mut cmd = Command::cargo_bin("exovet").unwrap();
    cmd.env_remove("ACCESSIBLE")
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        // A fixed day after the bank came out and before its review date: outputs must not
        // change with the clock.
        .env("EXOVET_TODAY", "2026-12-08")
        .current_dir(root());
    cmd
}

/// What one run of the binary gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs exovet with `args`. Its output must be UTF-8, and a run of over a
/// minute is a hang, not slowness (measured times are in docs/reliability.md).
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_in(&root(), args)
}

/// Runs exovet with `args` in `dir`, as [`run`] does in the crate root.
pub fn run_in<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = exovet()
        .current_dir(dir)
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Runs exovet with `args`, which must exit 0; what it printed on stdout.
pub fn stdout_of<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = run(&args);
    assert_eq!(out.code, Some(0), "exovet {args:?} failed: {}", out.stderr);
    out.stdout
}

/// `exovet score --format json FILE` run in `dir`, which must succeed; the verdict it printed.
pub fn score_json_in(dir: &Path, file: &str) -> serde_json::Value {
    let out = exovet()
        .current_dir(dir)
        .args(["score", "--format", "json", file])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "exovet score {file} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The answers file `file` in `dir` holds each of `lines`.
pub fn assert_saved(dir: &Path, file: &str, lines: &[&str]) {
    let saved = std::fs::read_to_string(dir.join(file)).unwrap();
    for line in lines {
        assert!(saved.contains(line), "{line} not in {file}:\n{saved}");
    }
}

/// The crate root; fixture paths in messages are relative to it.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/fixtures`, relative to the crate root as messages show it.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new("tests/fixtures").join(rel)
}

/// Sorted `.toml` files directly inside a fixtures folder.
pub fn toml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(fixture(dir)))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}
