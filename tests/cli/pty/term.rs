//! A pseudo-terminal running exovet, with a screen emulator fed from its output.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// A running exovet in a pseudo-terminal, with a screen emulator fed from its output.
pub struct Term {
    pub screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    /// The thread feeding the screen, which holds a copy of the master end, and what tells it to stop.
    reader: Option<std::thread::JoinHandle<()>>,
    stop_reading: Arc<AtomicBool>,
}

impl Term {
    pub fn start(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Self {
        Self::start_with(dir, args, cols, rows, &[])
    }

    pub fn start_with(
        dir: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Self {
        Self::spawn(dir, env!("CARGO_BIN_EXE_exovet"), args, (cols, rows), env)
    }

    /// exovet started by a shell that waits for it: the shell, not exovet, is the terminal's
    /// controlling process, so closing the window sends exovet no SIGHUP, only end of input.
    pub fn start_under_shell(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Self {
        let mut all = vec![
            "-c",
            "\"$0\" \"$@\"; echo exovet ended",
            env!("CARGO_BIN_EXE_exovet"),
        ];
        all.extend_from_slice(args);
        Self::spawn(dir, "sh", &all, (cols, rows), &[])
    }

    fn spawn(
        dir: &Path,
        program: &str,
        args: &[&str],
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
    ) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env_remove("ACCESSIBLE");
        // A panic says what it is in a line or two, whatever the developer set.
        cmd.env_remove("RUST_BACKTRACE");
        // A fixed day before the bank's review date: screens must not change with the clock.
        cmd.env("EXOVET_TODAY", "2026-12-01");
        // A program types faster than anyone reads a question: the guard against a sentence
        // typed by mistake would take its answers back. Tests of that guard set their own.
        cmd.env("EXOVET_WORD_GAP_MS", "0");
        // Where "save elsewhere" suggests saving.
        cmd.env("HOME", dir);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let feed = Arc::clone(&screen);
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(_) if stop.load(Ordering::SeqCst) => break,
                    Ok(n) => feed.lock().unwrap().process(&buf[..n]),
                    // A signal to this test process is no reason to stop reading.
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
        Self {
            screen,
            writer,
            child,
            master: pty.master,
            reader: Some(reader),
            stop_reading,
        }
    }

    /// Whether the terminal is in raw mode: no line editing, as exovet sets it while it runs.
    pub fn raw_mode(&self) -> bool {
        // The flags as nix names them, so no nix dependency is needed to read them.
        let termios = self.master.get_termios().expect("the terminal's settings");
        !format!("{:?}", termios.local_flags).contains("ICANON")
    }

    /// Asserts the terminal is as it was before exovet: the normal screen, line editing, no
    /// mouse reports, pastes not marked, a visible cursor.
    pub fn assert_given_back(&self) {
        let screen = self.contents();
        {
            let parser = self.screen.lock().unwrap();
            let s = parser.screen();
            assert!(
                !s.alternate_screen(),
                "still on the alternate screen:\n{screen}"
            );
            assert_eq!(
                s.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "the mouse is still captured"
            );
            assert!(!s.bracketed_paste(), "pastes are still marked");
            assert!(!s.hide_cursor(), "the cursor is still hidden");
        }
        assert!(!self.raw_mode(), "the terminal is still in raw mode");
    }

    /// Waits until the screen read back shows the terminal given back (the process may have
    /// written it a moment before the reader has parsed it); a generous bound.
    pub fn wait_given_back(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let back = {
                let parser = self.screen.lock().unwrap();
                let s = parser.screen();
                !s.alternate_screen()
                    && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
                    && !s.bracketed_paste()
                    && !s.hide_cursor()
            };
            if back && !self.raw_mode() {
                return;
            }
            if Instant::now() >= deadline {
                self.assert_given_back();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The process's id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Sends `signal` ("TERM", "HUP", "INT") to the process, as `kill -SIGNAL` does.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().unwrap();
        let killed = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
    }

    /// Closes the terminal, as closing the window does, and gives back the process. Every
    /// copy of the master end is closed, so the kernel hangs the terminal up; no key is sent.
    pub fn hang_up(mut self) -> Box<dyn portable_pty::Child + Send + Sync> {
        let slave = self.master.tty_name().expect("the terminal's name");
        // The writer sends a newline and an end-of-file character when dropped, which exovet
        // would read as Enter and Ctrl-D: with no end-of-file character there is nothing to send.
        let stty = std::process::Command::new("stty")
            .arg("-F")
            .arg(&slave)
            .args(["eof", "undef"])
            .status()
            .unwrap();
        assert!(stty.success());
        // The reader holds a copy of the master end: wake it with a byte from the other end
        // and let it stop, closing its copy.
        self.stop_reading.store(true, Ordering::SeqCst);
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            // O_NOCTTY (Linux): opening it must not make it this process's terminal.
            let mut other_end = std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(0o400)
                .open(&slave)
                .unwrap();
            other_end.write_all(b"\0").unwrap();
        }
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        drop(self.writer);
        drop(self.master);
        self.child
    }

    /// Resizes the terminal, as dragging the window's corner does.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; a generous bound, not a timing check.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.contents();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the bottom row shows `text`: proof of a frame drawn at the current size.
    /// The row is the screen's last at its current size, not the last with text on it: right
    /// after a resize, the old frame's last line is still there, higher up, until the new one
    /// is drawn.
    pub fn wait_bottom(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let bottom = {
                let parser = self.screen.lock().unwrap();
                let screen = parser.screen();
                let (_, cols) = screen.size();
                screen.rows(0, cols.get()).last().unwrap_or_default()
            };
            if bottom.contains(text) {
                return;
            }
            let screen = self.contents();
            assert!(
                Instant::now() < deadline,
                "the bottom row never showed {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The text of the row drawn in reverse video: where the cursor is.
    pub fn highlighted(&self) -> Option<String> {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (u16::from(rows), u16::from(cols));
        (0..rows).find_map(|row| {
            let inverse = screen.cell(row, 4).is_some_and(vt100::Cell::inverse);
            inverse.then(|| screen.contents_between(row, 0, row, cols).trim().to_owned())
        })
    }

    /// Waits until the cursor row shows `text`.
    pub fn wait_highlight(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.highlighted().is_some_and(|h| h.contains(text)) {
            assert!(
                Instant::now() < deadline,
                "the cursor never reached {text:?}: {:?}",
                self.highlighted()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until the screen has every byte the exited process wrote: its last ones (the
    /// terminal given back) can still be in the terminal when it exits. The reader ends when
    /// the terminal reports that no process holds it any more.
    fn drain(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return status.success();
            }
            if Instant::now() >= deadline {
                // Where the process waits says whether it is stuck or never got the key.
                let pid = self.child.process_id().unwrap_or(0);
                let wchan =
                    std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
                panic!(
                    "exovet did not exit (waiting in {wchan:?}); screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Term {
    /// Where the terminal's cursor is, as (row, column), and whether it is shown.
    pub fn cursor(&self) -> ((u16, u16), bool) {
        let parser = self.screen.lock().unwrap();
        let s = parser.screen();
        (s.cursor_position(), !s.hide_cursor())
    }

    /// Where `text` is drawn, as (row, column) of its first cell: wide characters count as
    /// the two cells they take.
    pub fn find(&self, text: &str) -> Option<(u16, u16)> {
        let parser = self.screen.lock().unwrap();
        let s = parser.screen();
        let (rows, cols) = s.size();
        (0..rows.get()).find_map(|r| {
            (0..cols.get()).find_map(|c| {
                (s.cell(r, c).map(vt100::Cell::contents) == Some(text)).then_some((r, c))
            })
        })
    }
}
