//! Editing a line of text as a shell or readline does, the caret at its end: Backspace,
//! Ctrl-U and Ctrl-W, the same in a field, a path and the name.

use super::Msg;

/// Backspace, Ctrl-U or Ctrl-W on a line of text, the caret at its end.
pub fn edit(text: &mut String, msg: Msg) {
    match msg {
        Msg::Erase => {
            text.pop();
        }
        Msg::Clear => text.clear(),
        Msg::DeleteWord => {
            // As a shell's Ctrl-W: the blanks before the caret, then the word before them.
            let word_ends = text.trim_end().len();
            let word_starts = text[..word_ends]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            text.truncate(word_starts);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{Msg, edit};

    #[test]
    fn ctrl_w_deletes_the_word_before_the_caret_and_the_blanks_after_it() {
        let after = |text: &str, msg| {
            let mut text = text.to_owned();
            edit(&mut text, msg);
            text
        };
        assert_eq!(after("Brand X, lot 42", Msg::DeleteWord), "Brand X, lot ");
        assert_eq!(after("Brand X, lot ", Msg::DeleteWord), "Brand X, ");
        assert_eq!(after("Lot\u{3000}é7", Msg::DeleteWord), "Lot\u{3000}");
        assert_eq!(after("   ", Msg::DeleteWord), "");
        assert_eq!(after("", Msg::DeleteWord), "");
        assert_eq!(after("$1 200", Msg::Clear), "");
        assert_eq!(after("é", Msg::Erase), "");
    }
}
