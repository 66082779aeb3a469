//! The full-screen front end: ratatui on crossterm, over the shared wizard state machine.

mod app;
mod keys;
mod msg;
mod term;
mod theme;
mod view;

use std::path::Path;
use std::sync::PoisonError;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

pub use app::{App, Effect, Overlay, Status};
pub use msg::Msg;
pub use theme::Theme;
pub use view::{MIN_HEIGHT, MIN_WIDTH, Screen};

use crate::report::{self, Scored};
use crate::session::Session;
use term::{Farewell, Rescue};

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// The person left, and saving was done: it worked, or they chose to leave without it.
    Left,
    /// A stop signal, the end of input or a failing terminal: not saved yet.
    Stopped,
}

/// Runs the wizard full screen until the person leaves or it is stopped. Every way out
/// saves what is typed and gives the terminal back, a panic included; then says where the
/// answers are, or prints them when they could not be saved.
pub fn run(session: &Session, dir: &Path, theme: Theme) -> anyhow::Result<()> {
    // crossterm drops every colour under NO_COLOR by itself; the theme has already
    // decided (`--color always` overrides NO_COLOR), so crossterm follows it.
    ratatui::crossterm::style::force_color_output(theme.is_coloured());
    let mut terminal = term::take()?;
    let stop = term::stop_signals();
    let suspend = term::suspend_signal();
    let input = term::input();
    warm_documents(session);
    let mut app = App::new(session, dir.to_path_buf());
    // The answers file exists from the first question: its [meta] is an answer too, and
    // the path on screen is true from the start.
    if !session.resumed {
        save(&mut app);
    }
    let rescue: Rescue<'_> = std::sync::Mutex::new(app.leaving_copy());
    let (result, farewell) = std::thread::scope(|scope| {
        let (_done, watching) = mpsc::channel::<()>();
        let (stop, rescue) = (&*stop, &rescue);
        scope.spawn(move || term::watchdog(stop, rescue, &watching));
        let signals = Signals {
            stop,
            suspend: &suspend,
        };
        let result = event_loop(&mut terminal, &mut app, &signals, &input, rescue, theme);
        // From here this thread saves; the watchdog would only give the terminal back.
        rescue.lock().unwrap_or_else(PoisonError::into_inner).take();
        if !matches!(result, Ok(Ending::Left)) {
            if let Some(run) = app.run_mut() {
                run.keep_typed();
                run.save();
            }
        }
        term::give_back();
        let farewell = app
            .run()
            .map(|run| Farewell::of(&run.leaving_copy()).with_summary(app.summary_path.clone()));
        (result, farewell)
    });
    if let Some(farewell) = farewell {
        farewell.print(&mut std::io::stdout());
    }
    // A terminal that went away is a way to stop, not a failure.
    result.map(|_| ()).or_else(|e| {
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            Err(e)
        } else {
            Ok(())
        }
    })
}

/// Starts reading the documents a resumed file names on a thread of their own, while the
/// person answers: the verdict screen, which shows whether each is unchanged, then finds
/// their fingerprints known instead of saying they are still being read. A document the
/// person attaches later is read when attached, with its own message.
pub(crate) fn warm_documents(session: &Session) {
    let Some(path) = &session.path else {
        return;
    };
    let documents = session
        .annex
        .evidence
        .values()
        .filter(|d| !d.is_address())
        .map(|d| crate::evidence::resolve(path, &d.document))
        .collect();
    crate::evidence::read_later(documents);
}

/// Where the caret of the field being typed in is drawn: the caret mark in the caret's
/// style (a prompt over the questions is drawn last, so its caret is found first from the
/// bottom). `None` where nothing is typed in: the cursor stays hidden.
fn caret(buf: &ratatui::buffer::Buffer, theme: Theme) -> Option<ratatui::layout::Position> {
    let area = buf.area;
    let style = theme.cursor();
    (area.top()..area.bottom()).rev().find_map(|y| {
        (area.left()..area.right()).find_map(|x| {
            let cell = buf.cell((x, y))?;
            (cell.symbol() == view::CARET && cell.style().add_modifier.contains(style.add_modifier))
                .then_some(ratatui::layout::Position { x, y })
        })
    })
}

/// What the event loop watches besides keys.
struct Signals<'a> {
    /// SIGTERM, SIGHUP, SIGINT: leave, saving.
    stop: &'a AtomicBool,
    /// SIGTSTP from outside: give the terminal back, stop, take it again on `fg`.
    suspend: &'a AtomicBool,
}

fn event_loop<'s>(
    terminal: &mut DefaultTerminal,
    app: &mut App<'s>,
    signals: &Signals<'_>,
    input: &Receiver<std::io::Result<Event>>,
    rescue: &Rescue<'s>,
    theme: Theme,
) -> anyhow::Result<Ending> {
    let mut redraw = true;
    // A document read meanwhile changes what the verdict screen says about it.
    let mut learned = crate::evidence::learned();
    // `term::take` turned mouse reports on.
    let mut mouse = true;
    loop {
        if app.wants_mouse() != mouse {
            mouse = app.wants_mouse();
            term::mouse(mouse);
        }
        if term::stopped(signals.stop) {
            term::stuck_for_tests();
            return Ok(Ending::Stopped);
        }
        if signals.suspend.load(std::sync::atomic::Ordering::Relaxed) {
            term::suspend(terminal, signals.suspend)?;
            // Taken again with mouse reports on, and the whole screen to draw.
            mouse = true;
            redraw = true;
            continue;
        }
        if let Ok(size) = terminal.size() {
            app.resize(size.width, size.height);
        }
        if redraw {
            terminal.draw(|frame| {
                frame.render_widget(&Screen { app, theme }, frame.area());
                // The terminal's own cursor at the caret of the field being typed in, so an
                // input method's pre-edit (Korean, Japanese, Chinese) shows where the text goes.
                if let Some(at) = caret(frame.buffer_mut(), theme) {
                    frame.set_cursor_position(at);
                }
            })?;
        }
        // Wake up now and then to notice a signal; a key wakes it at once.
        let event = match input.recv_timeout(Duration::from_millis(200)) {
            Ok(event) => event?,
            Err(RecvTimeoutError::Timeout) => {
                redraw = learned != crate::evidence::learned();
                if redraw {
                    learned = crate::evidence::learned();
                    let effect = app.update(Msg::Read);
                    if let Some(ending) = apply(app, effect) {
                        return Ok(ending);
                    }
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(Ending::Stopped),
        };
        redraw = true;
        let msgs = match event {
            Event::Paste(text) => keys::paste(&text, app.focus()),
            other => message(terminal, app, theme, &other)?.into_iter().collect(),
        };
        for msg in msgs {
            let effect = app.update(msg);
            if let Some(ending) = apply(app, effect) {
                return Ok(ending);
            }
        }
        *rescue.lock().unwrap_or_else(PoisonError::into_inner) = app.leaving_copy();
    }
}

/// The message for a key, a click, the wheel or a resize.
fn message(
    terminal: &DefaultTerminal,
    app: &mut App<'_>,
    theme: Theme,
    event: &Event,
) -> anyhow::Result<Option<Msg>> {
    Ok(match *event {
        Event::Key(key) => keys::message(key, app.focus()),
        Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
            let size = terminal.size()?;
            let area = Rect::new(0, 0, size.width, size.height);
            Screen { app, theme }
                .hit(area, m.column, m.row)
                .map(Msg::Click)
        }
        Event::Mouse(m) if m.kind == MouseEventKind::ScrollDown => keys::scroll(true, app.focus()),
        Event::Mouse(m) if m.kind == MouseEventKind::ScrollUp => keys::scroll(false, app.focus()),
        Event::Resize(width, height) => {
            app.resize(width, height);
            None
        }
        _ => None,
    })
}

/// Does what an update asked for; whether to leave now.
fn apply(app: &mut App<'_>, effect: Effect) -> Option<Ending> {
    match effect {
        Effect::None => {}
        Effect::Save => {
            save(app);
            // Lets the test suite prove a panic gives the terminal back and keeps the saved
            // answers; not in release builds.
            assert!(
                !(cfg!(debug_assertions)
                    && std::env::var_os("EXOVET_TEST_PANIC_AFTER_SAVE").is_some()),
                "a test panic after saving, asked for by EXOVET_TEST_PANIC_AFTER_SAVE"
            );
        }
        Effect::SaveSummary => save_summary(app),
        Effect::SaveTo { path, then_leave } => {
            let saved = app.run_mut().map(|run| {
                run.save_elsewhere(path)
                    .map(|()| crate::ui::saved_there(&run.autosave.path))
            })?;
            match saved {
                Ok(_) if then_leave => return Some(Ending::Left),
                Ok(said) => app.status = Some(Status::Done(said)),
                Err(why) => {
                    app.status = Some(Status::Problem(why));
                    if then_leave {
                        app.cannot_leave();
                    }
                }
            }
        }
        // Never leave with the last save failed without asking first.
        Effect::Leave => {
            if app.run_mut().is_none_or(app::Run::save) {
                return Some(Ending::Left);
            }
            app.cannot_leave();
        }
        Effect::LeaveUnsaved => return Some(Ending::Left),
    }
    None
}

/// Saves the answers; a failure is shown on screen and the answers stay in memory.
fn save(app: &mut App<'_>) {
    if let Some(run) = app.run_mut() {
        run.save();
        if let Some(news) = run.autosave.news() {
            app.status = Some(Status::Done(news));
        }
    }
}

/// Writes the printable summary beside the answers file: HTML to print from a
/// browser, and plain text.
fn save_summary(app: &mut App<'_>) {
    let Some(run) = app.run() else { return };
    let file = run.autosave.file(run.wizard());
    let verdict = run.wizard().verdict();
    // A paper says what each document is; one still being read would leave that unsaid,
    // and reading it here would stop the screen.
    let documents = crate::evidence::check_known(&run.autosave.path, &file);
    if let Some(reading) = documents
        .iter()
        .find(|c| matches!(c.found, crate::evidence::Found::Reading(_)))
    {
        app.status = Some(Status::Problem(crate::ui::summary_waits_for(
            &reading.document.document,
        )));
        return;
    }
    let scored = Scored::new(&run.autosave.path, run.wizard().bank(), &file, &verdict)
        .with_documents(&documents)
        .on(&app.session().today);
    let mut written = Vec::new();
    for (extension, format) in [
        ("summary.html", report::Format::Html),
        ("summary.txt", report::Format::Txt),
    ] {
        let path = run.autosave.path.with_extension(extension);
        let text = report::summary::render(&scored, format);
        // As private as the answers it is made from.
        let from = crate::save::Input {
            path: &run.autosave.path,
            what: "answers file",
        };
        if let Err(e) = crate::save::output(&path, &text, &[from]) {
            app.status = Some(Status::Problem(format!(
                "Could not save the summary to {}: {e}.",
                crate::text::shown_path(&path),
            )));
            return;
        }
        written.push(path);
    }
    app.summary_path = written.into_iter().next();
}

#[cfg(test)]
mod tests;
