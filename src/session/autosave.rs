//! Saving the answers as the wizard goes: after every change, never over someone else's file, and elsewhere when asked.

use std::path::{Path, PathBuf};

use crate::answers::{self, AnswerFile};
use crate::save::{self, SaveError};
use crate::text::shown_path;
use crate::wizard::Wizard;

/// The end of every message about a save that failed.
const KEPT: &str = " Your answers are kept while exovet is open.";

/// Saving the answers after every change, remembering the last failure so the screen can show it.
#[derive(Debug, Clone)]
pub struct Autosave {
    pub path: PathBuf,
    pub last_error: Option<String>,
    /// The file's text as this session last read or wrote it; `None` while
    /// it has not touched the file. A file that differs was changed by
    /// someone else (another exovet on the same file) and is not overwritten.
    known: Option<String>,
    /// Whether temporary files abandoned beside `path` have been cleared.
    swept: bool,
    /// When this session last saved, as written in the file's `updated`.
    saved_at: Option<String>,
    /// The text the answers were last read from or saved as, wherever it was: a save keeps
    /// its comments and order (a hand-edited file's notes survive, saved elsewhere too).
    layout: Option<String>,
    /// The resumed file's answers as read: while the wizard's are the same (but for the
    /// time), nothing is written, so opening and leaving a file leaves it byte for byte.
    unchanged: Option<AnswerFile>,
    /// The bank version a resumed file was saved with, when older than this bank: its first
    /// save keeps a copy first, as `exovet migrate` does.
    older: Option<String>,
    /// The copy kept this session, with the version it was saved with, and whether the
    /// front end has said so yet.
    kept: Option<(PathBuf, String)>,
    told: bool,
}

impl Autosave {
    /// Saves to `path`, which must not exist yet or must be left alone by others.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            last_error: None,
            known: None,
            swept: false,
            saved_at: None,
            layout: None,
            unchanged: None,
            older: None,
            kept: None,
            told: false,
        }
    }

    /// Writes nothing while the answers are still `file`'s, as they were read.
    #[must_use]
    pub fn unless_unchanged(mut self, file: AnswerFile) -> Self {
        self.unchanged = Some(file);
        self
    }

    /// The file was saved with bank `version`, older than this one: its original is kept
    /// beside it before the first save changes it.
    #[must_use]
    pub fn saved_with_older(mut self, version: String) -> Self {
        self.older = Some(version);
        self
    }

    /// The copy of the original kept this session, in a sentence, once.
    pub fn news(&mut self) -> Option<String> {
        if self.told {
            return None;
        }
        let said = self.kept_original()?;
        self.told = true;
        Some(said)
    }

    /// The copy of the original kept this session, in a sentence.
    pub fn kept_original(&self) -> Option<String> {
        let (copy, version) = self.kept.as_ref()?;
        Some(format!(
            "{} was saved with version {version} of the bank: the original is kept as {}.",
            shown_path(&self.path),
            shown_path(copy)
        ))
    }

    /// Saves to a file this session resumed from, whose text was `text`.
    pub fn resumed(path: PathBuf, text: String) -> Self {
        Self {
            layout: Some(text.clone()),
            known: Some(text),
            ..Self::new(path)
        }
    }

    /// Saves to `path` from now on, each document's path rewritten to lead to the same file
    /// from there; when that save fails, the paths stay as they were. Both front ends' "save
    /// to another file".
    pub fn move_to(&mut self, path: PathBuf, wizard: &mut Wizard<'_>) -> Result<(), String> {
        let documents = wizard.file().annex.evidence;
        let moved = crate::evidence::moved(&documents, &self.path, &path);
        for (question, document) in &moved {
            wizard.set_document(*question, Some(document.clone()));
        }
        let saved = self.save_elsewhere(path, wizard);
        if saved.is_err() {
            for (question, document) in documents {
                wizard.set_document(question, Some(document));
            }
        }
        saved
    }

    /// Saves to another file and keeps saving there, as when the first place
    /// cannot be written. When that fails, nothing changes: saving goes on
    /// where it did, and the message says why the other file would not do.
    pub fn save_elsewhere(&mut self, path: PathBuf, wizard: &Wizard<'_>) -> Result<(), String> {
        let mut elsewhere = Self {
            layout: self.layout.clone(),
            ..Self::new(path)
        };
        match elsewhere.try_save(wizard) {
            Ok(()) => {
                *self = elsewhere;
                Ok(())
            }
            Err(e) if self.last_error.is_none() => Err(format!(
                "{} Your answers are still saved to {}.",
                elsewhere.sentence(&e),
                shown_path(&self.path)
            )),
            Err(e) => Err(format!("{}{KEPT}", elsewhere.sentence(&e))),
        }
    }

    /// A file to offer when saving here fails: the same name in the home folder.
    pub fn suggest_elsewhere(&self) -> String {
        let name = self.path.file_name().map_or_else(
            || "exovet-answers.toml".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(name).display().to_string(),
            None => name,
        }
    }

    /// The answers as saved, for a summary or report: `updated` is when this
    /// session last saved them, or the resumed file's own time before that.
    pub fn file(&self, wizard: &Wizard<'_>) -> AnswerFile {
        let mut file = wizard.file();
        if let Some(at) = &self.saved_at {
            file.meta.updated = Some(at.clone());
        }
        file
    }

    /// Saves, and keeps the message of a failure in `last_error` for the
    /// screen. Returns whether it saved.
    pub fn save(&mut self, wizard: &Wizard<'_>) -> bool {
        match self.try_save(wizard) {
            Ok(()) => {
                self.last_error = None;
                true
            }
            Err(e) => {
                self.last_error = Some(format!("{}{KEPT}", self.sentence(&e)));
                false
            }
        }
    }

    /// Saves the answers to `path`, unless someone else's file is there.
    pub fn try_save(&mut self, wizard: &Wizard<'_>) -> Result<(), SaveError> {
        let mut file = wizard.file();
        // The same but for the time: nothing to write. (Cloned whole, so a field added to
        // the file is compared too; only until the first change is saved.)
        let same = |a: &AnswerFile| {
            let mut a = a.clone();
            a.meta.updated.clone_from(&file.meta.updated);
            a == file
        };
        if self.unchanged.as_ref().is_some_and(same) {
            return Ok(());
        }
        let now = answers::now_rfc3339();
        file.meta.updated = Some(now.clone());
        let text = answers::to_toml_keeping(wizard.bank(), &file, self.layout.as_deref());
        self.check_ours()?;
        // Nothing but the time of the save would change: the file is left as it is.
        let without_time = |t: &str| {
            t.lines()
                .filter(|l| !l.trim_start().starts_with("updated"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        if self
            .known
            .as_deref()
            .is_some_and(|known| without_time(known) == without_time(&text))
        {
            return Ok(());
        }
        if !self.swept {
            // The first save to this file this session: clear what a killed one left.
            self.swept = true;
            save::sweep_abandoned(&self.path);
        }
        let copy = self.keep_original()?;
        if let Err(e) = save::answers(&self.path, &text) {
            // The file is unchanged: the copy is not needed, and left behind it would
            // refuse the next try.
            if let Some(copy) = copy {
                let _ = std::fs::remove_file(&copy);
            }
            return Err(e);
        }
        if let (Some(copy), Some(version)) = (copy, self.older.take()) {
            self.kept = Some((copy, version));
        }
        self.older = None;
        self.unchanged = None;
        self.layout = Some(text.clone());
        self.known = Some(text);
        self.saved_at = Some(now);
        Ok(())
    }

    /// Before the first save over a file saved with an older bank, its bytes, exactly, are
    /// kept beside it as `exovet migrate` keeps them. The copy made, if one was.
    fn keep_original(&self) -> Result<Option<PathBuf>, SaveError> {
        let Some(version) = self.older.clone() else {
            return Ok(None);
        };
        let copy = answers::original::copy_path(&self.path, &version);
        let not_kept = |e: &std::io::Error| SaveError::OriginalNotKept {
            version: version.clone(),
            copy: shown_path(&copy),
            why: crate::source::write_reason(e),
        };
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            // Gone meanwhile: there is nothing left to keep.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(not_kept(&e)),
        };
        match answers::original::keep(&self.path, &bytes, &copy) {
            Ok(()) => Ok(Some(copy)),
            Err(answers::original::KeepError::Exists) => Err(SaveError::OriginalThere {
                version: version.clone(),
                copy: shown_path(&copy),
            }),
            Err(answers::original::KeepError::Io(e)) => Err(not_kept(&e)),
        }
    }

    /// Refuses to save over a file this session did not write or read last.
    /// What is not a regular file is not read (a FIFO would never answer):
    /// [`save::answers`] refuses it.
    fn check_ours(&self) -> Result<(), SaveError> {
        let on_disk = match std::fs::metadata(&self.path) {
            Ok(m) if m.is_file() => Some(std::fs::read_to_string(&self.path).ok()),
            _ => None,
        };
        // A byte-order mark (Notepad writes one) is not part of the text read.
        let unmarked = |t: &str| t.strip_prefix('\u{feff}').unwrap_or(t).to_owned();
        let on_disk = on_disk.map(|now| now.map(|t| unmarked(&t)));
        match (&self.known, on_disk) {
            (Some(known), Some(now)) if now.as_deref() != Some(unmarked(known).as_str()) => {
                Err(SaveError::Changed)
            }
            // A file this session never wrote or read: someone else's.
            (None, Some(_)) => Err(SaveError::Exists),
            _ => Ok(()),
        }
    }

    /// A failure in a sentence that names the file.
    fn sentence(&self, e: &SaveError) -> String {
        let path = shown_path(&self.path);
        match e {
            SaveError::Changed
            | SaveError::Exists
            | SaveError::OriginalThere { .. }
            | SaveError::OriginalNotKept { .. } => format!("{path} {e}."),
            _ => format!("Could not save to {path}: {e}."),
        }
    }
}

/// The longest part of a default file name taken from the subject, in bytes:
/// with `exovet-`, a counter and `.toml` it stays far under the 255 bytes a
/// file name may have, however long the subject.
const MAX_SLUG_BYTES: usize = 64;

/// A file name for new answers, in `dir`, that does not overwrite anything.
pub fn default_answers_path(dir: &Path, subject: &str) -> PathBuf {
    let slug: String = subject
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let mut cut = slug.len().min(MAX_SLUG_BYTES);
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let slug = slug[..cut].trim_end_matches('-');
    let stem = if slug.is_empty() {
        "exovet-answers".to_owned()
    } else {
        format!("exovet-{slug}")
    };
    let mut path = dir.join(format!("{stem}.toml"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.toml"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Audience, load_builtin};
    use crate::wizard::tests::{choose, wizard};

    #[test]
    fn a_default_answers_path_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let first = default_answers_path(dir.path(), "Glow Med Spa!");
        assert_eq!(first.file_name().unwrap(), "exovet-glow-med-spa.toml");
        std::fs::write(&first, "x").unwrap();
        let second = default_answers_path(dir.path(), "Glow Med Spa!");
        assert_eq!(second.file_name().unwrap(), "exovet-glow-med-spa-2.toml");
        assert_eq!(
            default_answers_path(dir.path(), "  ").file_name().unwrap(),
            "exovet-answers.toml"
        );
    }

    #[test]
    fn a_long_subject_gives_a_default_name_that_every_save_can_use() {
        let bank = load_builtin();
        let dir = tempfile::tempdir().unwrap();
        // 'ü' is two bytes: the subject is 700 bytes, far past the 255 a name may have.
        let path = default_answers_path(dir.path(), &"Glühwürmchen".repeat(50));
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 100, "{name}");
        assert!(name.starts_with("exovet-glühwürmchen"), "{name}");
        assert_eq!(path.extension().unwrap(), "toml");
        let mut w = wizard(&bank, Audience::Patient);
        choose(&mut w, "placenta");
        let mut autosave = Autosave::new(path.clone());
        assert!(autosave.save(&w), "{:?}", autosave.last_error);
        assert!(path.exists());
    }

    #[test]
    fn an_answers_file_removed_meanwhile_is_written_again() {
        let bank = load_builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let mut w = wizard(&bank, Audience::Patient);
        let mut autosave = Autosave::new(path.clone());
        choose(&mut w, "placenta");
        assert!(autosave.save(&w));
        std::fs::remove_file(&path).unwrap();
        w.back();
        choose(&mut w, "plant");
        assert!(autosave.save(&w), "{:?}", autosave.last_error);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("\"plant\"")
        );
    }

    #[test]
    fn a_refused_save_is_a_typed_error_and_a_message() {
        let bank = load_builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "someone else's").unwrap();
        let w = wizard(&bank, Audience::Patient);
        let mut autosave = Autosave::new(path.clone());
        assert!(matches!(autosave.try_save(&w), Err(SaveError::Exists)));
        let folder = Autosave::new(dir.path().to_owned()).try_save(&w);
        assert!(matches!(folder, Err(SaveError::Folder)), "{folder:?}");
        let mut missing = Autosave::new(dir.path().join("no").join("a.toml"));
        assert!(!missing.save(&w));
        assert_eq!(
            missing.last_error.as_deref().unwrap(),
            format!(
                "Could not save to {}: the folder does not exist.{KEPT}",
                dir.path().join("no").join("a.toml").display()
            )
        );
    }

    #[test]
    fn a_summary_made_after_a_save_gives_the_time_written_in_the_file() {
        let bank = load_builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let mut w = wizard(&bank, Audience::Patient);
        let mut save = Autosave::new(path.clone());
        assert_eq!(save.file(&w).meta.updated, None);
        choose(&mut w, "placenta");
        assert!(save.save(&w));
        let on_disk = answers::read(&path, &bank).unwrap().file.meta.updated;
        assert!(on_disk.is_some());
        assert_eq!(save.file(&w).meta.updated, on_disk);
    }

    #[test]
    fn the_first_save_clears_temp_files_a_killed_save_left() {
        let bank = load_builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "").unwrap();
        let stale = dir.path().join(".a.toml.4242.0.tmp");
        let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::create(&stale)
            .unwrap()
            .set_modified(hours_ago)
            .unwrap();
        let mut w = wizard(&bank, Audience::Patient);
        let mut save = Autosave::resumed(path.clone(), String::new());
        choose(&mut w, "placenta");
        assert!(save.save(&w));
        assert!(!stale.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn two_windows_on_one_file_do_not_overwrite_each_other() {
        let bank = load_builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let mut first = wizard(&bank, Audience::Patient);
        let mut save_first = Autosave::new(path.clone());
        choose(&mut first, "placenta");
        assert!(save_first.save(&first));
        let text = std::fs::read_to_string(&path).unwrap();

        // A second window resumes the same file and saves a change.
        let mut second = wizard(&bank, Audience::Patient);
        let mut save_second = Autosave::resumed(path.clone(), text);
        choose(&mut second, "plant");
        assert!(save_second.save(&second));

        // The first window's next save must not silently undo it.
        choose(&mut first, "all-three");
        assert!(!save_first.save(&first));
        assert!(
            save_first
                .last_error
                .as_deref()
                .unwrap()
                .contains("changed outside this window")
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("\"plant\"")
        );

        // Saving elsewhere works, and keeps working.
        assert_eq!(
            save_first.save_elsewhere(dir.path().join("b.toml"), &first),
            Ok(())
        );
        assert!(save_first.last_error.is_none());
        assert!(save_first.save(&first));
        assert_eq!(save_first.path, dir.path().join("b.toml"));
    }

    #[test]
    fn saving_elsewhere_onto_a_file_that_exists_keeps_saving_where_it_did() {
        let bank = load_builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let taken = dir.path().join("taken.toml");
        std::fs::write(&taken, "someone else's").unwrap();
        let mut w = wizard(&bank, Audience::Patient);
        let mut autosave = Autosave::new(path.clone());
        choose(&mut w, "placenta");
        assert!(autosave.save(&w));
        let why = autosave.save_elsewhere(taken.clone(), &w).unwrap_err();
        assert!(why.contains("taken.toml already exists"), "{why}");
        assert!(
            why.ends_with(&format!(
                "Your answers are still saved to {}.",
                shown_path(&path)
            )),
            "{why}"
        );
        assert_eq!(std::fs::read_to_string(&taken).unwrap(), "someone else's");
        assert_eq!(autosave.path, path);
        assert!(autosave.last_error.is_none());
        assert!(autosave.save(&w));
    }

    /// Both front ends save through here: a file saved with an older bank that nothing
    /// changed is left byte for byte; the first save of a change keeps a copy first.
    #[test]
    fn an_older_file_is_written_only_after_a_change_and_then_copied_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.toml");
        let old = "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.0.0\"\naudience = \"coordinator\"\nsubject = \"V\"\n\n[answers]\n# from the call\n\"regulatory.pathway\" = \"ind-or-bla\"\n";
        std::fs::write(&path, old).unwrap();
        let session =
            crate::session::Session::open(load_builtin(), None, None, Some(path.clone())).unwrap();
        let (mut w, mut autosave) = session.begin(Audience::Coordinator, "V", dir.path());
        assert!(autosave.save(&w), "{:?}", autosave.last_error);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert_eq!(autosave.news(), None);

        let origin = session.bank.find("source.origin").unwrap();
        w.open(origin);
        choose(&mut w, "plant");
        assert!(autosave.save(&w), "{:?}", autosave.last_error);
        let copy = dir.path().join("old.toml.bank-1.0.0.orig");
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), old);
        assert!(
            autosave
                .news()
                .unwrap()
                .contains("old.toml.bank-1.0.0.orig")
        );
        assert_eq!(autosave.news(), None);
        let saved = std::fs::read_to_string(&path).unwrap();
        assert!(saved.contains("\"plant\""), "{saved}");
        // Changing it back is saved too, with no second copy.
        w.open(origin);
        assert!(w.set(None));
        assert!(autosave.save(&w), "{:?}", autosave.last_error);
        assert!(
            !std::fs::read_to_string(&path)
                .unwrap()
                .contains("\"plant\"")
        );
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), old);
    }

    #[test]
    fn a_new_file_that_appears_meanwhile_is_not_overwritten() {
        let bank = load_builtin();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        let w = wizard(&bank, Audience::Patient);
        let mut autosave = Autosave::new(path.clone());
        std::fs::write(&path, "someone else's file").unwrap();
        assert!(!autosave.save(&w));
        assert!(
            autosave
                .last_error
                .as_deref()
                .unwrap()
                .contains("new.toml already exists, so it was not overwritten: choose a new name")
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "someone else's file"
        );
    }
}
