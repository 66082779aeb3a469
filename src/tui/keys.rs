//! Key bindings, in one place: a key press (or a click) to a message, given whether a field has the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::Msg;

/// The message for a key, or `None` for keys that do nothing.
pub fn message(key: KeyEvent, typing: bool) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        return match key.code {
            KeyCode::Char('c' | 'd' | 'q') => Some(Msg::Quit),
            _ => None,
        };
    }
    let common = match key.code {
        KeyCode::Up | KeyCode::BackTab => Some(Msg::Up),
        KeyCode::Down | KeyCode::Tab => Some(Msg::Down),
        KeyCode::PageUp => Some(Msg::PageUp),
        KeyCode::PageDown => Some(Msg::PageDown),
        KeyCode::Home => Some(Msg::Home),
        KeyCode::End => Some(Msg::End),
        KeyCode::Enter => Some(Msg::Enter),
        KeyCode::Left => Some(Msg::Back),
        KeyCode::Esc => Some(Msg::Quit),
        KeyCode::F(1) => Some(Msg::Help),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    if typing {
        return match key.code {
            KeyCode::Backspace => Some(Msg::Erase),
            KeyCode::Char(c) if !c.is_control() => Some(Msg::Type(c)),
            _ => None,
        };
    }
    match key.code {
        KeyCode::Backspace => Some(Msg::Back),
        KeyCode::Char('k') => Some(Msg::Up),
        KeyCode::Char('j') => Some(Msg::Down),
        KeyCode::Char(' ') => Some(Msg::Toggle),
        KeyCode::Char('?') => Some(Msg::Help),
        KeyCode::Char('n') => Some(Msg::NotAsked),
        KeyCode::Char('r') => Some(Msg::Refused),
        KeyCode::Char('s') => Some(Msg::SaveSummary),
        KeyCode::Char('w') => Some(Msg::SaveAs),
        KeyCode::Char('q') => Some(Msg::Quit),
        KeyCode::Char(c) => Some(
            c.to_digit(10)
                .filter(|d| *d > 0)
                .map_or(Msg::Other, |d| Msg::Pick(d as usize)),
        ),
        _ => Some(Msg::Other),
    }
}

/// The key line shown at the bottom, for what is on screen.
pub fn hints(screen: Hints) -> &'static str {
    match screen {
        Hints::Audience => "↑↓ move · Enter choose · 1-2 pick · Esc leave",
        Hints::Subject => "type the name · Enter start · Esc leave",
        Hints::Single => {
            "↑↓ move · Enter choose · ← back · ? why · n not asked · r refused · q leave"
        }
        Hints::Multiple => {
            "Space tick · Enter save · ← back · ? why · n not asked · r refused · q leave"
        }
        Hints::Number => {
            "digits · Enter save · ↓ more · ← back · ? why · n not asked · r refused · q leave"
        }
        Hints::Text => "type · Enter save · ↓ more answers · ← back · F1 why · Esc leave",
        Hints::FieldList => "↑↓ move · Enter choose · ← back · ? why · q leave",
        Hints::Review => "↑↓ move · Enter open · ← back · q leave",
        Hints::Verdict => "↑↓ scroll · s save a summary · ← review · q leave",
        Hints::Help => "↑↓ scroll · any other key closes the help",
        Hints::SaveAs => "type where to save · Enter save · Esc cancel",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hints {
    Audience,
    Subject,
    Single,
    Multiple,
    Number,
    Text,
    FieldList,
    Review,
    Verdict,
    Help,
    SaveAs,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_type_in_a_field_and_command_elsewhere() {
        assert_eq!(message(key(KeyCode::Char('q')), true), Some(Msg::Type('q')));
        assert_eq!(message(key(KeyCode::Char('q')), false), Some(Msg::Quit));
        assert_eq!(message(key(KeyCode::Char('3')), false), Some(Msg::Pick(3)));
        assert_eq!(message(key(KeyCode::Backspace), true), Some(Msg::Erase));
        assert_eq!(message(key(KeyCode::Backspace), false), Some(Msg::Back));
        assert_eq!(message(key(KeyCode::Char('j')), false), Some(Msg::Down));
        assert_eq!(message(key(KeyCode::Char('x')), false), Some(Msg::Other));
    }

    #[test]
    fn ctrl_c_and_escape_always_leave() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(message(ctrl_c, true), Some(Msg::Quit));
        assert_eq!(message(key(KeyCode::Esc), true), Some(Msg::Quit));
    }
}
