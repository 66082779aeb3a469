//! The two words the keys and the state machine share: what has the keys ([`Focus`], from
//! the state) and what a key means there ([`Msg`], to the state). A leaf of the full-screen
//! wizard, so `keys` and `app` each import it and neither imports the other.

/// What has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// A list: answers to choose, the review, the verdict. Letters are commands.
    List,
    /// Letters were typed on a list by mistake: characters, Backspace and Enter do nothing
    /// until a key that moves, so the rest of a sentence records nothing and goes nowhere.
    Stray,
    /// A text field: every character types.
    Text,
    /// A number field: digits type; letters cannot, so they keep their command meaning.
    Number,
    /// The answers listed under a field ("not asked yet", "refused"): a list's keys, but
    /// Backspace gives the field the keys back instead of leaving the question.
    FieldList,
    /// "Why this matters".
    Help,
    /// The path of another file to save to.
    Path,
    /// Asked whether to leave while the answers cannot be saved.
    Leaving,
    /// The window is too small to show the question: only leaving works.
    TooSmall,
}

/// What a key (or a click) means, once `keys` has mapped it for what has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Choose what the cursor is on and go on.
    Enter,
    /// Tick or untick, in multiple choice.
    Toggle,
    /// ←: back to the question before; in a field, only from an empty one (there it is a
    /// key of the text).
    Back,
    /// Shift-Tab in a field: back to the question before, keeping what is typed.
    Previous,
    /// A number key: the item with this 1-based number.
    Pick(usize),
    Help,
    /// Go to the next question not asked yet.
    NextOpen,
    /// Go to the review of every answer.
    Review,
    NotAsked,
    Refused,
    /// A character typed: into a field, or, where answers are chosen, by mistake.
    Type(char),
    /// Backspace: deletes the character before the caret; on a list, goes back.
    Erase,
    /// Ctrl-U: empties the field.
    Clear,
    /// Ctrl-W: deletes the word before the caret.
    DeleteWord,
    /// Take back the last change to the answers, typed text included.
    Undo,
    /// Write the printable summary.
    SaveSummary,
    /// Open the prompt to save the answers to another file.
    SaveAs,
    /// Attach the document behind this answer (coordinators): `a`, or Ctrl-A in a field.
    Attach,
    /// Close what is open over the questions (the help, a prompt).
    Close,
    Quit,
    /// A key with no meaning here; it still closes the help.
    Other,
    /// A click on body row `row` (0-based, within the list area).
    Click(usize),
    /// Not a key: a document has been read on a thread of its own.
    Read,
}
