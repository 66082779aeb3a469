//! The full-screen front end: ratatui on crossterm, over the shared wizard state machine.

mod app;
mod keys;
mod theme;
mod view;

use std::io::IsTerminal as _;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

pub use app::{App, Effect, Msg, Status};
pub use theme::Theme;
pub use view::{MIN_HEIGHT, MIN_WIDTH, Screen};

use crate::report::{self, Scored};
use crate::session::Session;

/// Runs the wizard full screen until the person leaves. The terminal is
/// given back on every exit, a panic included.
pub fn run(session: &Session, dir: &Path) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    // A closed window (SIGHUP) or a polite kill (SIGTERM) saves and gives the terminal back.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    watchdog(Arc::clone(&stop));
    let mut app = App::new(session, dir.to_path_buf());
    let result = event_loop(&mut terminal, &mut app, Theme::from_env(), &stop);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // After the screen is back: where the answers are, and how to continue.
    if let Some(run) = app.run() {
        println!("{}", crate::ui::saved_in(&run.autosave.path));
        if let Some(e) = &run.autosave.last_error {
            println!("{e}");
        }
        println!("{}", crate::ui::resume_hint(&run.autosave.path));
    }
    result
}

/// When the terminal is gone, crossterm can keep reading end-of-file without
/// ever returning (crossterm issue 793), so the loop never sees the signal.
/// The answers were saved after every change; after a grace period this
/// ends the program, so it does not spin on a closed terminal.
fn watchdog(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            if stop.load(Ordering::Relaxed) {
                // The loop normally saves and leaves well within this time.
                std::thread::sleep(Duration::from_secs(3));
                let _ = ratatui::try_restore();
                std::process::exit(0);
            }
            // A hung-up terminal is no terminal any more, signal or not.
            if !std::io::stdout().is_terminal() {
                std::process::exit(0);
            }
        }
    });
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App<'_>,
    theme: Theme,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut redraw = true;
    loop {
        if stop.load(Ordering::Relaxed) {
            app.update(Msg::Quit);
            save(app);
            return Ok(());
        }
        if redraw {
            terminal.draw(|frame| frame.render_widget(&Screen { app, theme }, frame.area()))?;
        }
        // Wake up now and then to notice a signal; a key wakes it at once.
        if !event::poll(Duration::from_millis(200))? {
            redraw = false;
            continue;
        }
        redraw = true;
        let msg = match event::read()? {
            Event::Key(key) => keys::message(key, app.typing()),
            Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
                let size = terminal.size()?;
                let area = Rect::new(0, 0, size.width, size.height);
                Screen { app, theme }
                    .hit(area, m.column, m.row)
                    .map(Msg::Click)
            }
            Event::Mouse(m) if m.kind == MouseEventKind::ScrollDown => Some(Msg::Down),
            Event::Mouse(m) if m.kind == MouseEventKind::ScrollUp => Some(Msg::Up),
            // A resize simply redraws at the new size.
            _ => None,
        };
        let Some(msg) = msg else { continue };
        match app.update(msg) {
            Effect::None => {}
            Effect::Save => {
                save(app);
                // Lets the test suite prove a panic gives the terminal back and
                // keeps the saved answers; not in release builds.
                if cfg!(debug_assertions)
                    && std::env::var_os("EXOVET_TEST_PANIC_AFTER_SAVE").is_some()
                {
                    panic!("a test panic after saving, asked for by EXOVET_TEST_PANIC_AFTER_SAVE");
                }
            }
            Effect::SaveSummary => save_summary(app),
            Effect::SaveTo(path) => {
                if let Some(run) = app.run_mut() {
                    let said = match run.autosave.save_elsewhere(path, &run.wizard) {
                        Ok(()) => Status::Done(crate::ui::saved_there(&run.autosave.path)),
                        Err(why) => Status::Problem(why),
                    };
                    app.status = Some(said);
                }
            }
            Effect::Quit => {
                save(app);
                return Ok(());
            }
        }
    }
}

/// Saves the answers; a failure is shown on screen and the answers stay in memory.
fn save(app: &mut App<'_>) {
    if let Some(run) = app.run_mut() {
        run.autosave.save(&run.wizard);
    }
}

/// Writes the printable summary beside the answers file: HTML to print from a
/// browser, and plain text.
fn save_summary(app: &mut App<'_>) {
    let Some(run) = app.run() else { return };
    let file = run.autosave.file(&run.wizard);
    let verdict = run.wizard.verdict();
    let scored = Scored::new(&run.autosave.path, run.wizard.bank(), &file, &verdict)
        .on(&app.session().today);
    let mut written = Vec::new();
    for (extension, format) in [
        ("summary.html", report::Format::Html),
        ("summary.txt", report::Format::Txt),
    ] {
        let path = run.autosave.path.with_extension(extension);
        let text = report::summary::render(&scored, format);
        if let Err(e) = crate::answers::save(&path, &text) {
            app.status = Some(Status::Problem(format!(
                "Could not save the summary to {}: {}.",
                crate::ui::shown_path(&path),
                crate::source::write_reason(&e)
            )));
            return;
        }
        written.push(path);
    }
    app.summary_path = written.into_iter().next();
}

#[cfg(test)]
mod tests;
