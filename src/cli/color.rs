//! `--color auto|always|never`, as ripgrep, fd and bat have it, on every command: the text
//! of `score` and `diff`, `error:` and `warning:` on standard error, and the full-screen
//! questionnaire. Line prompts are never coloured.

use clap::ValueEnum;

use crate::output::Paint;
use crate::tui::Theme;

/// `--color`, as ripgrep, fd and bat have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[value(help = "Colour on a terminal, unless NO_COLOR is set or TERM=dumb")]
    Auto,
    /// Colour wherever the text goes.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// The colour of text written to standard output, or to a file when `to_file`.
    pub fn paint(self, to_file: bool) -> Paint {
        match self {
            ColorChoice::Always => Paint::on(),
            ColorChoice::Never => Paint::off(),
            ColorChoice::Auto if to_file => Paint::off(),
            ColorChoice::Auto => Paint::for_stdout(),
        }
    }

    /// Whether the labels of messages on standard error are coloured.
    pub fn stderr(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => crate::output::stderr_wants_colour(),
        }
    }

    /// The colours of the full screen: `auto` colours unless `NO_COLOR` is set or
    /// `TERM=dumb`; without colour, words and symbols still carry every meaning.
    pub fn theme(self) -> Theme {
        match self {
            ColorChoice::Always => Theme::coloured(true),
            ColorChoice::Never => Theme::coloured(false),
            ColorChoice::Auto => Theme::from_env(),
        }
    }
}
