//! The wizard's state machine, shared by the full-screen and the plain front ends: where we are, the answers, what is asked next.

use std::path::{Path, PathBuf};

use crate::answers::{self, Answer, AnswerFile, Answers, Meta};
use crate::bank::{Audience, Bank, Kind, QuestionId};
use crate::score::{self, Verdict};

/// Where the wizard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Question(QuestionId),
    /// Every visible question with its answer; jump to any.
    Review,
    Verdict,
}

/// One line of a question's answer list, in the order both front ends show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// An index into the question's choices.
    Option(usize),
    NotAsked,
    Refused,
    NotApplicable,
}

/// The answer list of a question: its options, then the reserved answers.
pub fn items(bank: &Bank, id: QuestionId) -> Vec<Item> {
    let q = bank.question(id);
    let mut out: Vec<Item> = (0..q.kind.choices().len()).map(Item::Option).collect();
    out.push(Item::NotAsked);
    // Even for text, which is never scored, "they would not say" is worth recording.
    out.push(Item::Refused);
    if q.allow_na {
        out.push(Item::NotApplicable);
    }
    out
}

#[derive(Debug, Clone)]
pub struct Wizard<'b> {
    bank: &'b Bank,
    meta: Meta,
    /// Every answer given, including to questions that an earlier answer has
    /// since hidden: kept so "back" can restore them, but neither scored nor saved.
    answers: Answers,
    place: Place,
    /// A question opened from the review screen returns there when answered.
    from_review: bool,
}

impl<'b> Wizard<'b> {
    /// Starts at the first question not asked yet, or at the review when
    /// everything visible is answered.
    pub fn new(bank: &'b Bank, meta: Meta, answers: Answers) -> Self {
        let mut w = Self {
            bank,
            meta,
            answers,
            place: Place::Review,
            from_review: false,
        };
        if let Some(first) = w
            .visible()
            .into_iter()
            .find(|id| w.answers.get(*id).is_none())
        {
            w.place = Place::Question(first);
        }
        w
    }

    pub fn bank(&self) -> &'b Bank {
        self.bank
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn audience(&self) -> Audience {
        self.meta.audience
    }

    pub fn place(&self) -> Place {
        self.place
    }

    pub fn answer(&self, id: QuestionId) -> Option<&Answer> {
        self.answers.get(id)
    }

    /// The questions asked, in order, given the audience and the answers so far.
    pub fn visible(&self) -> Vec<QuestionId> {
        let shown = score::visible(self.bank, &self.answers, self.meta.audience);
        self.bank.ids().filter(|id| shown[id.0]).collect()
    }

    /// "Question `n` of `m`", 1-based, for the current question.
    pub fn position(&self) -> Option<(usize, usize)> {
        let Place::Question(id) = self.place else {
            return None;
        };
        let visible = self.visible();
        visible
            .iter()
            .position(|v| *v == id)
            .map(|i| (i + 1, visible.len()))
    }

    /// Records (or clears, with `None`) the current question's answer.
    /// Returns whether anything changed, that is, whether to save.
    pub fn set(&mut self, answer: Option<Answer>) -> bool {
        let Place::Question(id) = self.place else {
            return false;
        };
        if self.answers.get(id) == answer.as_ref() {
            return false;
        }
        self.answers.set(id, answer);
        true
    }

    /// On to the next question, or the review after the last one (or when
    /// the question was opened from the review).
    pub fn advance(&mut self) {
        let Place::Question(id) = self.place else {
            return;
        };
        if self.from_review {
            self.from_review = false;
            self.place = Place::Review;
            return;
        }
        self.place = self
            .visible()
            .into_iter()
            .find(|v| *v > id)
            .map_or(Place::Review, Place::Question);
    }

    /// Back one step, keeping every answer. Returns false at the first question.
    pub fn back(&mut self) -> bool {
        let visible = self.visible();
        let previous = match self.place {
            Place::Question(id) => visible.into_iter().rev().find(|v| *v < id),
            Place::Review => visible.last().copied(),
            Place::Verdict => {
                self.place = Place::Review;
                return true;
            }
        };
        self.from_review = false;
        match previous {
            Some(p) => {
                self.place = Place::Question(p);
                true
            }
            None => false,
        }
    }

    /// Opens a question from the review screen.
    pub fn open(&mut self, id: QuestionId) {
        if self.visible().contains(&id) {
            self.place = Place::Question(id);
            self.from_review = true;
        }
    }

    pub fn review(&mut self) {
        self.from_review = false;
        self.place = Place::Review;
    }

    pub fn show_verdict(&mut self) {
        self.from_review = false;
        self.place = Place::Verdict;
    }

    pub fn verdict(&self) -> Verdict {
        score::score(self.bank, &self.answers, self.meta.audience)
    }

    /// What is saved: hidden answers are left out by the writer.
    pub fn file(&self) -> AnswerFile {
        AnswerFile {
            meta: self.meta.clone(),
            answers: self.answers.clone(),
        }
    }

    /// Parses what a person typed for a number question.
    pub fn parse_number(&self, id: QuestionId, typed: &str) -> Result<f64, String> {
        let Kind::Number(spec) = &self.bank.question(id).kind else {
            return Err("this question does not take a number".into());
        };
        let cleaned: String = typed
            .trim()
            .trim_start_matches('$')
            .chars()
            .filter(|c| *c != ',' && *c != '_' && !c.is_whitespace())
            .collect();
        let value: f64 = cleaned
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| format!("“{}” is not a number. Type digits, like 900.", typed.trim()))?;
        if value < spec.min || value > spec.max {
            return Err(format!(
                "{} is outside {} to {} {}.",
                answers::example(value),
                answers::example(spec.min),
                answers::example(spec.max),
                spec.unit
            ));
        }
        Ok(value)
    }
}

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
        }
    }

    /// Saves to a file this session resumed from, whose text was `text`.
    pub fn resumed(path: PathBuf, text: String) -> Self {
        Self {
            known: Some(text),
            ..Self::new(path)
        }
    }

    /// Saves to another file and keeps saving there, as when the first place
    /// cannot be written. When that fails, nothing changes: saving goes on
    /// where it did, and the message says why the other file would not do.
    pub fn save_elsewhere(&mut self, path: PathBuf, wizard: &Wizard<'_>) -> Result<(), String> {
        let mut elsewhere = Self::new(path);
        if elsewhere.save(wizard) {
            *self = elsewhere;
            return Ok(());
        }
        let why = elsewhere.last_error.unwrap_or_default();
        Err(match (&self.last_error, why.strip_suffix(KEPT)) {
            (None, Some(reason)) => format!(
                "{reason} Your answers are still saved to {}.",
                self.path.display()
            ),
            _ => why,
        })
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

    pub fn save(&mut self, wizard: &Wizard<'_>) -> bool {
        let mut file = wizard.file();
        let now = answers::now_rfc3339();
        file.meta.updated = Some(now.clone());
        let text = answers::to_toml(wizard.bank(), &file);
        let on_disk = std::fs::read_to_string(&self.path).ok();
        let refused = match (&self.known, &on_disk) {
            (Some(known), Some(now)) if known != now => Some(
                "was changed outside this window (another exovet on the same file?), so it was not overwritten",
            ),
            // A file this session never wrote or read: someone else's.
            (None, Some(_)) => Some("already exists, so it was not overwritten: choose a new name"),
            _ => None,
        };
        if let Some(why) = refused {
            self.last_error = Some(format!("{} {why}.{KEPT}", self.path.display()));
            return false;
        }
        if !self.swept {
            // The first save to this file this session: clear what a killed one left.
            self.swept = true;
            answers::sweep_abandoned(&self.path);
        }
        match answers::save(&self.path, &text) {
            Ok(()) => {
                self.last_error = None;
                self.known = Some(text);
                self.saved_at = Some(now);
                true
            }
            Err(e) => {
                self.last_error = Some(format!(
                    "Could not save to {}: {}.{KEPT}",
                    self.path.display(),
                    crate::source::write_reason(&e)
                ));
                false
            }
        }
    }
}

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
    use crate::bank::load_builtin;

    fn wizard(bank: &Bank, audience: Audience) -> Wizard<'_> {
        Wizard::new(
            bank,
            Meta::new(bank, audience, "Test Spa"),
            Answers::empty(bank),
        )
    }

    fn id(bank: &Bank, s: &str) -> QuestionId {
        bank.find(s).unwrap()
    }

    fn choose(w: &mut Wizard<'_>, option: &str) {
        let Place::Question(q) = w.place() else {
            panic!("not on a question")
        };
        let i = w.bank().question(q).choice_index(option).unwrap();
        let answer = match w.bank().question(q).kind {
            Kind::Multiple(_) => Answer::Choices(vec![i]),
            _ => Answer::Choice(i),
        };
        assert!(w.set(Some(answer)));
        w.advance();
    }

    #[test]
    fn starts_at_the_first_question_and_counts_only_visible_ones() {
        let bank = load_builtin();
        let w = wizard(&bank, Audience::Patient);
        assert_eq!(w.place(), Place::Question(id(&bank, "source.origin")));
        let (n, m) = w.position().unwrap();
        assert_eq!(n, 1);
        assert_eq!(m, w.visible().len());
        assert!(
            w.visible()
                .iter()
                .all(|q| bank.question(*q).reach.includes(Audience::Patient))
        );
    }

    #[test]
    fn conditions_add_and_remove_questions_as_answers_change() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Coordinator);
        let before = w.visible().len();
        choose(&mut w, "msc-umbilical-cord");
        // Donor screening and the cell bank now apply, and come next.
        assert_eq!(w.visible().len(), before + 2);
        assert_eq!(
            w.place(),
            Place::Question(id(&bank, "source.product_named"))
        );
        // Going back and choosing a plant source hides them again, and keeps their answers in memory.
        assert!(w.back());
        choose(&mut w, "plant");
        assert_eq!(w.visible().len(), before);
    }

    #[test]
    fn hidden_answers_stay_in_memory_for_back_but_are_not_scored_or_saved() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Coordinator);
        choose(&mut w, "msc-umbilical-cord");
        w.open(id(&bank, "source.donor_screening"));
        choose(&mut w, "none");
        assert_eq!(w.verdict().level, score::Level::Red);
        w.open(id(&bank, "source.origin"));
        choose(&mut w, "plant");
        assert_ne!(w.verdict().level, score::Level::Red);
        assert!(w.answer(id(&bank, "source.donor_screening")).is_some());
        let saved = answers::to_toml(&bank, &w.file());
        assert!(!saved.contains("donor_screening"), "{saved}");
        // Back to an MSC source: the earlier answer is there again.
        w.open(id(&bank, "source.origin"));
        choose(&mut w, "msc-adipose");
        assert_eq!(w.verdict().level, score::Level::Red);
    }

    #[test]
    fn back_keeps_answers_and_stops_at_the_first_question() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Patient);
        assert!(!w.back());
        choose(&mut w, "placenta");
        assert!(w.back());
        assert_eq!(w.place(), Place::Question(id(&bank, "source.origin")));
        assert!(w.answer(id(&bank, "source.origin")).is_some());
    }

    #[test]
    fn the_last_question_leads_to_the_review_and_a_review_jump_returns_there() {
        let bank = load_builtin();
        let mut w = wizard(&bank, Audience::Patient);
        for _ in 0..w.visible().len() {
            w.advance();
        }
        assert_eq!(w.place(), Place::Review);
        w.open(id(&bank, "claims.outcomes"));
        choose(&mut w, "modest");
        assert_eq!(w.place(), Place::Review);
        w.show_verdict();
        assert_eq!(w.place(), Place::Verdict);
        assert!(w.back());
        assert_eq!(w.place(), Place::Review);
    }

    #[test]
    fn resuming_starts_at_the_first_question_not_asked() {
        let bank = load_builtin();
        let mut a = Answers::empty(&bank);
        let origin = id(&bank, "source.origin");
        a.set(origin, Some(Answer::Refused));
        let w = Wizard::new(&bank, Meta::new(&bank, Audience::Patient, ""), a);
        assert_eq!(
            w.place(),
            Place::Question(id(&bank, "source.product_named"))
        );
    }

    #[test]
    fn numbers_are_read_the_way_people_type_them() {
        let bank = load_builtin();
        let w = wizard(&bank, Audience::Patient);
        let cost = id(&bank, "cost.per_session_usd");
        assert_eq!(w.parse_number(cost, " $1,250.50 "), Ok(1250.5));
        assert!(
            w.parse_number(cost, "lots")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(w.parse_number(cost, "-3").unwrap_err().contains("outside"));
    }

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
                path.display()
            )),
            "{why}"
        );
        assert_eq!(std::fs::read_to_string(&taken).unwrap(), "someone else's");
        assert_eq!(autosave.path, path);
        assert!(autosave.last_error.is_none());
        assert!(autosave.save(&w));
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

    #[test]
    fn every_choice_list_offers_not_asked_and_refused() {
        let bank = load_builtin();
        for q in bank.ids() {
            let list = items(&bank, q);
            assert!(list.contains(&Item::NotAsked) && list.contains(&Item::Refused));
            assert_eq!(
                list.contains(&Item::NotApplicable),
                bank.question(q).allow_na
            );
        }
    }
}
