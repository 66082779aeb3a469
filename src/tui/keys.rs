//! Key bindings, in one place: what a key press means, given what has focus. Nothing else
//! maps keys again.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::msg::{Focus, Msg};

/// The message for a key, or `None` for keys that do nothing.
pub fn message(key: KeyEvent, focus: Focus) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            // Always leave, from anywhere.
            KeyCode::Char('c' | 'd' | 'q') => Some(Msg::Quit),
            KeyCode::Char('z') if !matches!(focus, Focus::TooSmall | Focus::Path) => {
                Some(Msg::Undo)
            }
            // Line editing as in a shell or readline: clear the field, delete a word.
            KeyCode::Char('u') if focus.edits() => Some(Msg::Clear),
            KeyCode::Char('w') if focus.edits() => Some(Msg::DeleteWord),
            // Saving elsewhere from a field, where w types.
            KeyCode::Char('s') if matches!(focus, Focus::Text | Focus::Number) => Some(Msg::SaveAs),
            // Attaching a document from a field, where a types.
            KeyCode::Char('a')
                if matches!(
                    focus,
                    Focus::Text | Focus::Number | Focus::List | Focus::FieldList
                ) =>
            {
                Some(Msg::Attach)
            }
            // Help where ? types, for terminals that keep F1 for themselves (GNOME
            // Terminal); nano's "Get Help". In the help, it closes it.
            KeyCode::Char('g') => match focus {
                Focus::Help => Some(Msg::Close),
                Focus::TooSmall | Focus::Path | Focus::Leaving => None,
                _ => Some(Msg::Help),
            },
            _ => None,
        };
    }
    let code = key.code;
    match focus {
        Focus::TooSmall => matches!(code, KeyCode::Esc | KeyCode::Char('q')).then_some(Msg::Quit),
        Focus::Help => Some(match code {
            KeyCode::Up | KeyCode::Char('k') => Msg::Up,
            KeyCode::Down | KeyCode::Char('j') => Msg::Down,
            KeyCode::PageUp => Msg::PageUp,
            KeyCode::PageDown => Msg::PageDown,
            _ => Msg::Close,
        }),
        Focus::Path => match code {
            KeyCode::Enter => Some(Msg::Enter),
            KeyCode::Esc => Some(Msg::Close),
            KeyCode::Backspace => Some(Msg::Erase),
            KeyCode::Char(c) if !c.is_control() => Some(Msg::Type(c)),
            _ => None,
        },
        Focus::Leaving => Some(match code {
            KeyCode::Char('w') => Msg::SaveAs,
            KeyCode::Char('q') | KeyCode::Esc => Msg::Quit,
            _ => Msg::Close,
        }),
        Focus::Stray => match code {
            KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Enter => Some(Msg::Other),
            _ => moving(code),
        },
        // In a field Backspace only deletes; Shift-Tab goes back, keeping what is typed.
        Focus::Text => in_field(code).or_else(|| moving(code)).or(match code {
            KeyCode::Char(c) if !c.is_control() => Some(Msg::Type(c)),
            _ => None,
        }),
        Focus::Number => in_field(code).or_else(|| moving(code)).or(match code {
            KeyCode::Char('?') => Some(Msg::Help),
            KeyCode::Char('n') => Some(Msg::NotAsked),
            KeyCode::Char('r') => Some(Msg::Refused),
            KeyCode::Char('q') => Some(Msg::Quit),
            KeyCode::Char('>') => Some(Msg::NextOpen),
            KeyCode::Char('v') => Some(Msg::Review),
            KeyCode::Char('a') => Some(Msg::Attach),
            KeyCode::Char(c) if !c.is_control() => Some(Msg::Type(c)),
            _ => None,
        }),
        Focus::FieldList if code == KeyCode::Backspace => Some(Msg::Erase),
        Focus::List | Focus::FieldList => moving(code).or(Some(match code {
            KeyCode::Backspace => Msg::Back,
            KeyCode::Char('k') => Msg::Up,
            KeyCode::Char('j') => Msg::Down,
            KeyCode::Char(' ') => Msg::Toggle,
            KeyCode::Char('?') => Msg::Help,
            KeyCode::Char('n') => Msg::NotAsked,
            KeyCode::Char('r') => Msg::Refused,
            KeyCode::Char('s') => Msg::SaveSummary,
            KeyCode::Char('w') => Msg::SaveAs,
            KeyCode::Char('q') => Msg::Quit,
            KeyCode::Char('>') => Msg::NextOpen,
            KeyCode::Char('v') => Msg::Review,
            KeyCode::Char('a') => Msg::Attach,
            KeyCode::Char(c) => match c.to_digit(10).filter(|d| *d > 0) {
                Some(d) => Msg::Pick(d as usize),
                None => Msg::Type(c),
            },
            _ => Msg::Other,
        })),
    }
}

/// Pasted text: typed into a field or a path, as one line (a line break in it is not
/// Enter, so the rest never lands in the next question); where answers are chosen, it is
/// text typed by mistake.
pub fn paste(text: &str, focus: Focus) -> Vec<Msg> {
    let chars = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control());
    match focus {
        Focus::Text | Focus::Number | Focus::Path => chars.map(Msg::Type).collect(),
        Focus::List | Focus::FieldList => {
            chars.take(1).filter(|c| *c != ' ').map(Msg::Type).collect()
        }
        Focus::Stray => vec![Msg::Other],
        Focus::Help | Focus::Leaving => vec![Msg::Close],
        Focus::TooSmall => Vec::new(),
    }
}

/// The mouse wheel: moves or scrolls where there is something to move.
pub fn scroll(down: bool, focus: Focus) -> Option<Msg> {
    match focus {
        Focus::Path | Focus::Leaving | Focus::TooSmall => None,
        _ => Some(if down { Msg::Down } else { Msg::Up }),
    }
}

impl Focus {
    /// Whether a line of text is being typed: Ctrl-U and Ctrl-W edit it.
    fn edits(self) -> bool {
        matches!(
            self,
            Focus::Text | Focus::Number | Focus::FieldList | Focus::Path
        )
    }
}

/// The keys of a field that differ from a list's.
fn in_field(code: KeyCode) -> Option<Msg> {
    match code {
        KeyCode::Backspace => Some(Msg::Erase),
        _ => None,
    }
}

/// The keys that move, choose or leave, the same on a list and in a field.
fn moving(code: KeyCode) -> Option<Msg> {
    Some(match code {
        // Shift-Tab goes back, a question at a time, on a list as in a field: pressed again
        // from a field it moved up the list of the question before, and Enter then changed
        // its answer (found by an adversarial run).
        KeyCode::BackTab => Msg::Previous,
        KeyCode::Up => Msg::Up,
        KeyCode::Down | KeyCode::Tab => Msg::Down,
        KeyCode::PageUp => Msg::PageUp,
        KeyCode::PageDown => Msg::PageDown,
        KeyCode::Home => Msg::Home,
        KeyCode::End => Msg::End,
        KeyCode::Enter => Msg::Enter,
        KeyCode::Left => Msg::Back,
        KeyCode::Esc => Msg::Quit,
        KeyCode::F(1) => Msg::Help,
        _ => return None,
    })
}

/// The key line shown at the bottom, for what is on screen.
pub fn hints(screen: Hints) -> &'static str {
    match screen {
        Hints::Audience => "↑↓ move · Enter choose · 1-2 pick · Esc leave",
        Hints::Subject => "type the name · Enter start · Esc leave",
        Hints::SubjectAgain => "type the name · Enter start without one · Esc leave",
        Hints::Single => {
            "↑↓ move · Enter choose · ← back · ? why · n not asked · r refused · > next open · v review · q leave"
        }
        Hints::Multiple => {
            "Space tick · Enter save · ← back · ? why · n not asked · r refused · > next open · v review · q leave"
        }
        Hints::Number => {
            "digits · Enter save · ↓ more · Shift-Tab back · ? why · n not asked · r refused · > next open · v review · q leave"
        }
        Hints::Text => "type · Enter save · ↓ more · Shift-Tab back · F1 or Ctrl-G why · Esc leave",
        Hints::FieldList => {
            "↑↓ move · Enter choose · ← back · ? why · > next open · v review · q leave"
        }
        Hints::Review => "↑↓ move · Enter open · > next open · ← back · q leave",
        Hints::Rename => "type the name · Enter keep it · Esc cancel",
        Hints::AttachPath => "type the file's path or a web address · Enter next · Esc cancel",
        Hints::AttachReading => "reading the document · Esc stops waiting, keeping the path",
        Hints::AttachStatus => "1 claimed · 2 seen · 3 checked · Esc back to the path",
        Hints::Verdict => "↑↓ scroll · s save a summary · > next open · ← review · q leave",
        Hints::Help => "↑↓ scroll · any other key closes the help",
        Hints::SaveAs => "type where to save · Enter save · Esc cancel",
        Hints::Leaving => "w save elsewhere · q leave anyway · any other key goes back",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hints {
    Audience,
    Subject,
    SubjectAgain,
    Single,
    Multiple,
    Number,
    Text,
    FieldList,
    Review,
    Rename,
    AttachPath,
    AttachReading,
    AttachStatus,
    Verdict,
    Help,
    SaveAs,
    Leaving,
}

/// How to save elsewhere, said under a failed save: `w`, except where it would type.
pub fn save_elsewhere_key(focus: Focus) -> &'static str {
    match focus {
        Focus::Text | Focus::Number => "Press Ctrl-S to save them to another file.",
        _ => "Press w to save them to another file.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn a_attaches_where_letters_are_commands_and_ctrl_a_everywhere_a_question_is() {
        let a = key(KeyCode::Char('a'));
        assert_eq!(message(a, Focus::List), Some(Msg::Attach));
        assert_eq!(message(a, Focus::Number), Some(Msg::Attach));
        assert_eq!(message(a, Focus::Text), Some(Msg::Type('a')));
        assert_eq!(message(a, Focus::Path), Some(Msg::Type('a')));
        for focus in [Focus::Text, Focus::Number, Focus::List] {
            assert_eq!(message(ctrl('a'), focus), Some(Msg::Attach), "{focus:?}");
        }
        assert_eq!(message(ctrl('a'), Focus::Path), None);
    }

    #[test]
    fn letters_type_in_a_field_and_command_elsewhere() {
        let q = key(KeyCode::Char('q'));
        assert_eq!(message(q, Focus::Text), Some(Msg::Type('q')));
        assert_eq!(message(q, Focus::List), Some(Msg::Quit));
        assert_eq!(message(q, Focus::Number), Some(Msg::Quit));
        assert_eq!(
            message(key(KeyCode::Char('3')), Focus::List),
            Some(Msg::Pick(3))
        );
        assert_eq!(
            message(key(KeyCode::Char('3')), Focus::Number),
            Some(Msg::Type('3'))
        );
        assert_eq!(
            message(key(KeyCode::Backspace), Focus::Text),
            Some(Msg::Erase)
        );
        assert_eq!(
            message(key(KeyCode::Backspace), Focus::List),
            Some(Msg::Back)
        );
        assert_eq!(
            message(key(KeyCode::Char('j')), Focus::List),
            Some(Msg::Down)
        );
        // A letter with no meaning on a list is typing by mistake.
        assert_eq!(
            message(key(KeyCode::Char('x')), Focus::List),
            Some(Msg::Type('x'))
        );
        assert_eq!(message(key(KeyCode::F(5)), Focus::List), Some(Msg::Other));
    }

    #[test]
    fn in_a_field_backspace_only_deletes_and_shift_tab_goes_back() {
        for focus in [Focus::Text, Focus::Number, Focus::FieldList] {
            assert_eq!(
                message(key(KeyCode::Backspace), focus),
                Some(Msg::Erase),
                "{focus:?}"
            );
            assert_eq!(message(ctrl('u'), focus), Some(Msg::Clear), "{focus:?}");
            assert_eq!(
                message(ctrl('w'), focus),
                Some(Msg::DeleteWord),
                "{focus:?}"
            );
        }
        for focus in [Focus::Text, Focus::Number] {
            assert_eq!(message(key(KeyCode::BackTab), focus), Some(Msg::Previous));
            assert_eq!(message(key(KeyCode::Left), focus), Some(Msg::Back));
        }
        // Shift-Tab goes back everywhere; on a list Backspace goes back, as it did.
        assert_eq!(
            message(key(KeyCode::BackTab), Focus::List),
            Some(Msg::Previous)
        );
        assert_eq!(
            message(key(KeyCode::BackTab), Focus::FieldList),
            Some(Msg::Previous)
        );
        assert_eq!(
            message(key(KeyCode::Backspace), Focus::List),
            Some(Msg::Back)
        );
        assert_eq!(message(ctrl('u'), Focus::List), None);
        // A path being typed is edited the same way.
        assert_eq!(message(ctrl('u'), Focus::Path), Some(Msg::Clear));
        assert_eq!(message(ctrl('w'), Focus::Path), Some(Msg::DeleteWord));
    }

    #[test]
    fn after_a_letter_typed_by_mistake_only_keys_that_move_act() {
        for c in ['r', 'n', '4', ' ', 'w'] {
            assert_eq!(
                message(key(KeyCode::Char(c)), Focus::Stray),
                Some(Msg::Other)
            );
        }
        assert_eq!(message(key(KeyCode::Enter), Focus::Stray), Some(Msg::Other));
        assert_eq!(
            message(key(KeyCode::Backspace), Focus::Stray),
            Some(Msg::Other)
        );
        assert_eq!(message(key(KeyCode::Down), Focus::Stray), Some(Msg::Down));
        assert_eq!(message(ctrl('z'), Focus::Stray), Some(Msg::Undo));
    }

    #[test]
    fn ctrl_c_always_leaves_and_escape_leaves_or_closes() {
        for focus in [
            Focus::List,
            Focus::Stray,
            Focus::Text,
            Focus::Number,
            Focus::Help,
            Focus::Path,
            Focus::Leaving,
            Focus::TooSmall,
        ] {
            assert_eq!(message(ctrl('c'), focus), Some(Msg::Quit), "{focus:?}");
        }
        assert_eq!(message(key(KeyCode::Esc), Focus::Text), Some(Msg::Quit));
        assert_eq!(message(key(KeyCode::Esc), Focus::Path), Some(Msg::Close));
        // q and Escape close the help; they do not leave.
        assert_eq!(message(key(KeyCode::Esc), Focus::Help), Some(Msg::Close));
        assert_eq!(
            message(key(KeyCode::Char('q')), Focus::Help),
            Some(Msg::Close)
        );
        // Asked whether to leave unsaved: q or Escape again leaves.
        assert_eq!(message(key(KeyCode::Esc), Focus::Leaving), Some(Msg::Quit));
    }

    #[test]
    fn a_paste_is_typed_as_one_line_and_never_chooses() {
        let typed = |text, focus| paste(text, focus);
        assert_eq!(
            typed("a\r\nb\tc", Focus::Text),
            [
                Msg::Type('a'),
                Msg::Type(' '),
                Msg::Type(' '),
                Msg::Type('b'),
                Msg::Type(' '),
                Msg::Type('c')
            ]
        );
        // On a list, a paste is typing by mistake: one letter, which says so.
        assert_eq!(typed("2 vials\n", Focus::List), [Msg::Type('2')]);
        assert_eq!(typed("anything", Focus::TooSmall), []);
        assert_eq!(typed("x", Focus::Leaving), [Msg::Close]);
    }

    #[test]
    fn ctrl_g_is_help_where_question_mark_types_and_f1_may_be_taken() {
        for focus in [Focus::Text, Focus::Number, Focus::List, Focus::Stray] {
            assert_eq!(message(ctrl('g'), focus), Some(Msg::Help), "{focus:?}");
        }
        assert_eq!(message(ctrl('g'), Focus::Help), Some(Msg::Close));
        assert_eq!(message(ctrl('g'), Focus::Path), None);
        assert_eq!(message(ctrl('g'), Focus::TooSmall), None);
    }

    #[test]
    fn greater_than_goes_to_the_next_open_question_and_v_to_the_review_where_they_do_not_type() {
        let (next, review) = (key(KeyCode::Char('>')), key(KeyCode::Char('v')));
        for focus in [Focus::List, Focus::Number] {
            assert_eq!(message(next, focus), Some(Msg::NextOpen), "{focus:?}");
            assert_eq!(message(review, focus), Some(Msg::Review), "{focus:?}");
        }
        assert_eq!(message(next, Focus::Text), Some(Msg::Type('>')));
        assert_eq!(message(review, Focus::Text), Some(Msg::Type('v')));
    }

    #[test]
    fn a_window_too_small_takes_no_answer() {
        for c in ['1', 'r', 'n', ' ', 'a'] {
            assert_eq!(message(key(KeyCode::Char(c)), Focus::TooSmall), None);
        }
        assert_eq!(message(key(KeyCode::Enter), Focus::TooSmall), None);
        assert_eq!(message(ctrl('z'), Focus::TooSmall), None);
        assert_eq!(
            message(key(KeyCode::Char('q')), Focus::TooSmall),
            Some(Msg::Quit)
        );
    }
}
