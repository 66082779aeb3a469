//! The terminal around the wizard: taken and given back, keys read on their own thread,
//! the stop signals, and the watchdog. Whatever ends the wizard (a key, SIGHUP, SIGTERM,
//! SIGINT, the end of input, the watchdog) saves what is typed and gives the terminal back.

use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;

use super::app::Leaving;
use crate::ui;

/// What leaving now would save, kept up to date for the watchdog.
pub type Rescue<'s> = Mutex<Option<Leaving<'s>>>;

/// How long the wizard has to leave on its own, once told to stop, before the watchdog
/// saves for it. It normally leaves within a fifth of a second.
const GRACE: Duration = Duration::from_secs(3);

/// Raw mode, the alternate screen, mouse reports and pasting as one piece (a pasted line
/// break is not Enter); a panic gives them back.
pub fn take() -> anyhow::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            Show
        );
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    Ok(terminal)
}

/// Mouse reports on or off: off, the terminal's own selection works again, to copy a path.
pub fn mouse(on: bool) {
    let _ = if on {
        execute!(std::io::stdout(), EnableMouseCapture)
    } else {
        execute!(std::io::stdout(), DisableMouseCapture)
    };
}

/// The terminal as it was: line editing, the normal screen, no mouse reports, pasting as
/// typing, a cursor.
pub fn give_back() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        Show
    );
    ratatui::restore();
}

/// Set by SIGTERM, SIGHUP (the window closed) or SIGINT (`kill -INT`; Ctrl-C itself is a
/// key in raw mode). The wizard sees it and leaves as if asked to.
pub fn stop_signals() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    stop
}

/// Set by SIGTSTP sent from outside (`kill -TSTP`; in raw mode Ctrl-Z is a key, undo): the
/// wizard gives the terminal back before it stops, and takes it again on `fg`.
pub fn suspend_signal() -> Arc<AtomicBool> {
    let suspend = Arc::new(AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&suspend));
    suspend
}

/// Gives the terminal back, stops as SIGTSTP asks, and once continued (`fg`) takes the
/// terminal again and has the whole screen drawn anew. Before, the wizard stopped with the
/// terminal raw and came back in line mode: no key worked until Ctrl-C.
pub fn suspend(terminal: &mut DefaultTerminal, suspend: &AtomicBool) -> anyhow::Result<()> {
    suspend.store(false, Ordering::Relaxed);
    give_back();
    // Stops here (SIGSTOP) until SIGCONT.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    // Every cell is drawn again: a frame of blank braille cells first, which differs from
    // any screen, so the next frame writes every cell. (`Terminal::clear` would ask the
    // terminal where its cursor is, and the key thread would take the answer.)
    terminal.draw(|frame| {
        let area = frame.area();
        let buffer = frame.buffer_mut();
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if let Some(cell) = buffer.cell_mut((x, y)) {
                    cell.set_symbol("\u{2800}");
                }
            }
        }
    })?;
    Ok(())
}

/// Whether the wizard must stop: a stop signal, or a terminal hung up without one (the
/// end of input: under `su` or a shell, closing the window signals only the shell).
pub fn stopped(stop: &AtomicBool) -> bool {
    stop.load(Ordering::Relaxed) || !std::io::stdout().is_terminal()
}

/// Keys, clicks and resizes, read on their own thread. At the end of input crossterm can
/// read end-of-file forever without returning (crossterm issue 793); on its own thread
/// that spin cannot keep the wizard from noticing it must stop.
pub fn input() -> Receiver<std::io::Result<Event>> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if send.send(event).is_err() || failed {
                return;
            }
        }
    });
    receive
}

/// Lets tests prove the watchdog: the wizard stops reacting once told to stop, as one
/// stuck anywhere would. Debug builds only.
pub fn stuck_for_tests() {
    if cfg!(debug_assertions) && std::env::var_os("EXOVET_TEST_STUCK_ON_STOP").is_some() {
        loop {
            std::thread::park();
        }
    }
}

/// Watches for a wizard that was told to stop and did not leave within [`GRACE`]: saves
/// what it would have saved, typed text included, gives the terminal back and ends the
/// program. Returns when `done` is dropped.
pub fn watchdog(stop: &AtomicBool, rescue: &Rescue<'_>, done: &Receiver<()>) {
    let mut since: Option<Instant> = None;
    loop {
        if !matches!(
            done.recv_timeout(Duration::from_millis(250)),
            Err(RecvTimeoutError::Timeout)
        ) {
            return;
        }
        if !stopped(stop) {
            continue;
        }
        if since.get_or_insert_with(Instant::now).elapsed() < GRACE {
            continue;
        }
        // Empty when the wizard has taken it to save itself.
        let farewell = rescue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .map(|mut leaving| {
                leaving.autosave.save(&leaving.wizard);
                Farewell::of(&leaving)
            });
        // Giving the terminal back writes to it, and a stuck wizard may hold it: bounded.
        within(Duration::from_secs(2), move || {
            give_back();
            if let Some(farewell) = farewell {
                farewell.print(&mut std::io::stdout());
            }
        });
        std::process::exit(0);
    }
}

/// Runs `f` on its own thread and waits for it, at most `limit`.
fn within(limit: Duration, f: impl FnOnce() + Send + 'static) {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        f();
        let _ = send.send(());
    });
    let _ = receive.recv_timeout(limit);
}

/// What is said once the screen is given back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Farewell {
    pub saved: Saved,
    /// Typed text that could not be kept, in words.
    pub lost: Option<String>,
    /// The printable summary written from the verdict screen, to find it after leaving.
    pub summary: Option<PathBuf>,
    /// Where the original of a file saved with an older bank was kept, in a sentence.
    pub kept: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Where the answers are, and how to continue.
    Yes(PathBuf),
    /// Why they could not be saved, and the answers file's text to copy.
    No { why: String, text: String },
}

impl Farewell {
    pub fn of(leaving: &Leaving<'_>) -> Self {
        let Leaving {
            wizard,
            autosave,
            lost,
        } = leaving;
        let saved = match &autosave.last_error {
            None => Saved::Yes(autosave.path.clone()),
            Some(why) => Saved::No {
                // Not kept any more: exovet is closing.
                why: why.trim_end_matches(KEPT_WHILE_OPEN).to_owned(),
                text: crate::answers::to_toml(wizard.bank(), &autosave.file(wizard)),
            },
        };
        Self {
            saved,
            lost: lost.clone(),
            summary: None,
            kept: autosave.kept_original(),
        }
    }

    /// With the summary saved from the verdict screen, if one was.
    #[must_use]
    pub fn with_summary(mut self, summary: Option<PathBuf>) -> Self {
        self.summary = summary;
        self
    }

    /// Writes it out; a terminal that is gone is no reason to fail.
    pub fn print(&self, out: &mut dyn Write) {
        if let Some(lost) = &self.lost {
            let _ = writeln!(out, "{lost}");
        }
        let _ = match &self.saved {
            Saved::Yes(path) => {
                writeln!(out, "{}\n{}", ui::saved_in(path), ui::resume_hint(path))
            }
            Saved::No { why, text } => {
                writeln!(out, "{why}\n{}\n\n{}", ui::NOT_SAVED, text.trim_end())
            }
        };
        if let Some(kept) = &self.kept {
            let _ = writeln!(out, "{kept}");
        }
        if let Some(summary) = &self.summary {
            let _ = writeln!(out, "{}", ui::summary_saved(summary));
        }
        let _ = out.flush();
    }
}

/// How a failed save's message ends while exovet is open (`Autosave::save`).
const KEPT_WHILE_OPEN: &str = " Your answers are kept while exovet is open.";
