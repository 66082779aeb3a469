//! Where a command's text goes: standard output, or the file named with `-o`. A closed pipe ends every command quietly; any other failed write says why and exits 2.

use std::io::{self, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};

use crate::doc::Tone;
use crate::save::{self, Input, SaveError};

/// Standard output could not be written: a full disk, `/dev/full`, or a
/// reader that went away ([`closed_pipe`]).
#[derive(Debug, thiserror::Error)]
#[error("could not write: {}", crate::source::io_reason(.0))]
pub struct PrintError(pub io::Error);

/// The file named with `-o` was not written; the file there, if any, is as it was.
#[derive(Debug, thiserror::Error)]
#[error("{}: error: cannot write the {what}", crate::text::shown_path(.path))]
pub struct OutputError {
    path: PathBuf,
    /// What the output is: "summary", "questionnaire", "result" (of `score`).
    what: &'static str,
    #[source]
    source: SaveError,
}

impl OutputError {
    pub fn reason(&self) -> &SaveError {
        &self.source
    }
}

/// Writes one line to standard error: a warning, or what went wrong with one file of many.
/// A standard error that cannot be written (a full disk, a closed terminal) is no reason to
/// lose the result or panic, as `eprintln!` would.
pub fn warn(line: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "{}", labelled(&line.to_string()));
}

/// Whether `error:` and `warning:` on standard error are coloured; set once from `--color`.
static STDERR_COLOUR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Colours the labels of messages on standard error from now on (`--color`).
pub fn colour_stderr(on: bool) {
    STDERR_COLOUR.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Whether standard error may be coloured under `--color auto`.
pub fn stderr_wants_colour() -> bool {
    io::stderr().is_terminal() && colour_allowed()
}

/// A message for standard error with its first `error:` in bold red and its first
/// `warning:` in bold yellow, where colour is on; the rest as it is. Applied after the
/// message is made inert, so the only escapes in it are these.
pub fn labelled(message: &str) -> String {
    if !STDERR_COLOUR.load(std::sync::atomic::Ordering::Relaxed) {
        return message.to_owned();
    }
    let mut out = message.to_owned();
    for (label, code) in [("error:", "1;31"), ("warning:", "1;33")] {
        let at = if out.starts_with(label) {
            Some(0)
        } else {
            // After the place (": error:"), not a word inside a file's name.
            out.find(&format!(": {label} ")).map(|i| i + 2)
        };
        if let Some(at) = at {
            out.replace_range(at..at + label.len(), &format!("\x1b[{code}m{label}\x1b[0m"));
            break;
        }
    }
    out
}

/// Writes `text` to standard output.
pub fn print(text: &str) -> Result<(), PrintError> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(PrintError)
}

/// Says on standard output what a command that writes has done, once it is done. If that
/// cannot be written (a full disk), the change stands: it is said on standard error, and the
/// command still succeeds, since exit code 2 promises that the file was left as it was.
pub fn print_done(text: &str, done: &str) {
    if let Err(e) = print(text) {
        warn(format!("exovet: {done}, but saying so failed: {e}."));
    }
}

/// Writes `text`, the `what` made from `inputs`, to `path` (see
/// [`save::output`]), and says where on standard error.
pub fn to_file(
    text: &str,
    path: &Path,
    what: &'static str,
    inputs: &[Input<'_>],
) -> Result<(), OutputError> {
    save::output(path, text, inputs).map_err(|source| OutputError {
        path: path.to_owned(),
        what,
        source,
    })?;
    // Said, not required: a closed standard error does not undo the file.
    let _ = writeln!(
        io::stderr(),
        "The {what} is in {}.",
        crate::text::shown_path(path)
    );
    Ok(())
}

/// Whether `e` comes from a reader that went away (`exovet … | head`): the
/// end of the output, not a failure.
pub fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<PrintError>()
            .map(|p| p.0.kind())
            .or_else(|| cause.downcast_ref::<io::Error>().map(io::Error::kind));
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Terminal colour, used only where it helps and only when allowed.
/// Whether the environment lets exovet colour: not when `NO_COLOR` is set (and not empty),
/// nor when `TERM=dumb`.
pub fn colour_allowed() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    !no_color && !dumb
}

#[derive(Debug, Clone, Copy)]
pub struct Paint {
    enabled: bool,
}

impl Paint {
    /// Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`.
    pub fn for_stdout() -> Self {
        Self {
            enabled: std::io::stdout().is_terminal() && colour_allowed(),
        }
    }

    pub fn off() -> Self {
        Self { enabled: false }
    }

    /// Colour wherever the text goes (`--color always`).
    pub fn on() -> Self {
        Self { enabled: true }
    }

    pub fn tone(self, tone: Tone, text: &str) -> String {
        let code = match tone {
            Tone::Green => "32",
            Tone::Amber => "33",
            Tone::Red => "31",
        };
        self.wrap(code, text)
    }

    /// A screen line in its role's colour: a verdict bold in its tone, a flag in its tone.
    pub fn line(self, line: &crate::doc::lines::Line) -> String {
        use crate::doc::lines::Role;
        match line.role {
            Role::Headline(tone) => self.tone(tone, &self.bold(&line.text)),
            Role::Flag(tone) => self.tone(tone, &line.text),
            Role::Title | Role::Plain => line.text.clone(),
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn wrap(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}
