//! Colours and emphasis for the full screen, with `NO_COLOR` honoured: without colour, words and symbols still carry every meaning.

use ratatui::style::{Color, Modifier, Style};

use crate::bank::Flag;
use crate::score::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    colour: bool,
    /// Web addresses drawn as OSC 8 links ([`super::view::links::supported`]).
    hyperlinks: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set (and not empty) or `TERM=dumb`.
    pub fn from_env() -> Self {
        Self::coloured(crate::output::colour_allowed())
    }

    /// Colour or not, whatever the environment says (`--color always|never`).
    pub fn coloured(colour: bool) -> Self {
        Self {
            colour,
            hyperlinks: super::view::links::supported(),
        }
    }

    /// Whether web addresses are drawn as links the terminal opens.
    pub fn hyperlinks(self) -> bool {
        self.hyperlinks
    }

    /// The same, with links or without, whatever the environment says.
    #[must_use]
    pub fn with_hyperlinks(self, hyperlinks: bool) -> Self {
        Self { hyperlinks, ..self }
    }

    /// Whether anything is drawn in colour.
    pub fn is_coloured(self) -> bool {
        self.colour
    }

    pub fn plain() -> Self {
        Self {
            colour: false,
            hyperlinks: false,
        }
    }

    /// The style of a mark of `tone`: bold, and its colour where colour is allowed.
    pub fn tone(self, tone: crate::doc::Tone) -> Style {
        self.level(match tone {
            crate::doc::Tone::Green => Level::Green,
            crate::doc::Tone::Amber => Level::Amber,
            crate::doc::Tone::Red => Level::Red,
        })
    }

    pub fn level(self, level: Level) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if !self.colour {
            return style;
        }
        style.fg(match level {
            Level::Green => Color::Green,
            Level::Amber => Color::Yellow,
            Level::Red => Color::Red,
        })
    }

    pub fn flag(self, flag: Flag) -> Style {
        self.level(Level::of(flag))
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// The line under the cursor: reversed, so it shows without colour too.
    pub fn cursor(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn error(self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.colour {
            style.fg(Color::Red)
        } else {
            style
        }
    }

    pub fn keys(self) -> Style {
        if self.colour {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new()
        }
    }
}
