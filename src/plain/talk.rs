//! Reading typed lines and writing plain ones: every line made inert, long lines refused, a closed reader noticed.

use std::io::{self, BufRead, Write};

use crate::report;

/// Longer lines are refused: a pasted file is not an answer. The longest note
/// the answers keep, so an accepted line of UTF-8 text is never cut.
pub(super) const MAX_LINE: usize = crate::limits::MAX_TEXT_ANSWER_BYTES;
/// How far past [`MAX_LINE`] a line is skipped looking for its end: one that goes on
/// further (an endless stream like `/dev/zero`) ends the input.
const MAX_SKIPPED: usize = 16 * MAX_LINE;

/// Every line goes through here, made inert: nothing from the bank or the user can reach the terminal as a control sequence.
pub(super) struct Out<'a> {
    w: &'a mut dyn Write,
}

impl Out<'_> {
    pub(super) fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.w, "{}", crate::diag::inert(text))
    }

    pub(super) fn blank(&mut self) -> io::Result<()> {
        writeln!(self.w)
    }

    pub(super) fn wrapped(&mut self, text: &str, first: &str, rest: &str) -> io::Result<()> {
        let mut s = String::new();
        report::text::wrap_into(&mut s, &crate::diag::inert(text), first, rest);
        self.w.write_all(s.as_bytes())
    }

    pub(super) fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    /// Text already laid out, such as the verdict.
    pub(super) fn text(&mut self, text: &str) -> io::Result<()> {
        self.w.write_all(crate::diag::inert(text).as_bytes())
    }
}

pub(super) enum Line {
    Typed(String),
    TooLong,
    End,
}

/// The conversation's two ends.
pub(super) struct Talk<'a> {
    input: &'a mut dyn BufRead,
    pub(super) out: Out<'a>,
    /// Say each line back, for a reader (a pipe) that does not show what was typed.
    echo: bool,
    /// Lines read so far: an input that never ends (`yes x |`) is ended at [`MAX_LINES`].
    lines: usize,
    /// The last line ended at a `\r` that was the last byte read: a `\n` right after it,
    /// when it comes, belongs to that end (`\r\n`) and is skipped, not waited for.
    after_cr: bool,
}

/// Said when a line is not UTF-8 text.
const NOT_UTF8: &str = "That line is not UTF-8 text (the terminal may be set to Latin-1 or another encoding), so it was not read: nothing of it is saved. Set the terminal to UTF-8 and type it again.";

/// More lines than anyone types to answer a questionnaire, wrong answers included: past
/// this, an endless input (`yes x | exovet --plain`) is taken as ended, not read forever.
pub(super) const MAX_LINES: usize = 10_000;

impl<'a> Talk<'a> {
    pub(super) fn new(input: &'a mut dyn BufRead, output: &'a mut dyn Write, echo: bool) -> Self {
        Self {
            input,
            out: Out { w: output },
            echo,
            lines: 0,
            after_cr: false,
        }
    }

    /// The prompt, then one line, trimmed. A read error counts as the end of input. A line
    /// that is not UTF-8 (a terminal set to Latin-1) is refused and asked for again: read
    /// anyway, each accented letter would be saved as a replacement character.
    pub(super) fn ask(&mut self) -> io::Result<Line> {
        loop {
            match self.ask_once()? {
                Some(line) => return Ok(line),
                None => self.out.wrapped(NOT_UTF8, "", "")?,
            }
        }
    }

    /// One line; `None` when it is not UTF-8 text.
    fn ask_once(&mut self) -> io::Result<Option<Line>> {
        write!(self.out.w, "> ")?;
        self.out.w.flush()?;
        self.lines += 1;
        if self.lines > MAX_LINES {
            writeln!(
                self.out.w,
                "\n{MAX_LINES} lines were read: this is taken as the end of the input."
            )?;
            return Ok(Some(Line::End));
        }
        let mut buf = Vec::new();
        let limit = u64::try_from(MAX_LINE).unwrap_or(u64::MAX) + 1;
        let line = match self.read_line(&mut buf, limit) {
            Ok(0) | Err(_) => Line::End,
            Ok(_) if buf.len() > MAX_LINE && buf.last() != Some(&b'\n') => {
                if self.skip_rest_of_line() {
                    Line::TooLong
                } else {
                    // A line that never ends (`< /dev/zero`) is the end of the input.
                    Line::End
                }
            }
            Ok(_) => match String::from_utf8(buf) {
                Ok(text) => Line::Typed(text.trim().to_owned()),
                Err(_) => return Ok(None),
            },
        };
        match &line {
            Line::Typed(t) if self.echo => self.out.line(t)?,
            Line::TooLong if self.echo => self.out.line("…")?,
            Line::End => self.out.blank()?,
            _ => {}
        }
        Ok(Some(line))
    }

    /// Reads one line into `buf`, at most `limit` bytes, ending at `\n`, `\r\n` or a lone
    /// `\r` (old Mac files, some terminals' Enter): read only to `\n`, `lot 7\r1\rq\r` was
    /// one answer and the `1` and the `q` meant after it were lost. The line's end is kept
    /// as `\n`, so the callers' checks are the same. Bytes read, 0 at the end of input.
    fn read_line(&mut self, buf: &mut Vec<u8>, limit: u64) -> io::Result<usize> {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let mut read = 0;
        if std::mem::take(&mut self.after_cr) && self.input.fill_buf()?.first() == Some(&b'\n') {
            self.input.consume(1);
        }
        loop {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                return Ok(read);
            }
            let room = limit.saturating_sub(buf.len());
            let end = chunk
                .iter()
                .take(room)
                .position(|b| matches!(b, b'\n' | b'\r'));
            if let Some(i) = end {
                let cr = chunk[i] == b'\r';
                // A `\r\n` is one end, not an empty line after it. Its `\n` is taken now when
                // it has come, and otherwise skipped when it does: waiting for it here held a
                // line ended by a lone `\r` until the next byte came.
                let crlf = cr && chunk.get(i + 1) == Some(&b'\n');
                self.after_cr = cr && i + 1 == chunk.len();
                buf.extend_from_slice(&chunk[..i]);
                buf.push(b'\n');
                let used = i + 1 + usize::from(crlf);
                self.input.consume(used);
                read += used;
                return Ok(read);
            }
            let n = chunk.len().min(room);
            buf.extend_from_slice(&chunk[..n]);
            self.input.consume(n);
            read += n;
            if buf.len() >= limit {
                return Ok(read);
            }
        }
    }

    /// Skips to the end of a line that is too long; whether it ended within
    /// [`MAX_SKIPPED`] bytes. An input with no line break left is read no further.
    fn skip_rest_of_line(&mut self) -> bool {
        let mut skipped = 0;
        while let Ok(buf) = self.input.fill_buf() {
            if buf.is_empty() || skipped > MAX_SKIPPED {
                return false;
            }
            let (n, done) = match buf.iter().position(|b| matches!(b, b'\n' | b'\r')) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            self.input.consume(n);
            skipped += n;
            if done {
                return true;
            }
        }
        false
    }
}
