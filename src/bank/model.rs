//! The validated bank's types: sections, questions, options and flags, with ids resolved to indices.
//!
//! Kept apart from the loading so `build.rs` can compile them with the loader
//! and build the validated built-in bank into the binary.

use std::fmt;

/// Who fills the questionnaire in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Audience {
    Patient,
    Coordinator,
}

impl Audience {
    pub const ALL: [Audience; 2] = [Audience::Patient, Audience::Coordinator];

    pub fn id(self) -> &'static str {
        match self {
            Audience::Patient => "patient",
            Audience::Coordinator => "coordinator",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Which audiences a question is asked of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Patient,
    Coordinator,
    Both,
}

impl Reach {
    pub fn includes(self, audience: Audience) -> bool {
        matches!(
            (self, audience),
            (Reach::Both, _)
                | (Reach::Patient, Audience::Patient)
                | (Reach::Coordinator, Audience::Coordinator)
        )
    }
}

/// Who answers a question when a coordinator vets a vendor (the bank's `asked_of`). A
/// patient asks the provider everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskedOf {
    /// The vendor: it is in the file sent to the vendor and on "What to ask the vendor".
    Vendor,
    /// The coordinator, from public records or their own plans (the FDA's warning letters,
    /// the country of use): never in the vendor's file, listed apart as "Check yourself".
    Coordinator,
}

impl AskedOf {
    pub const ALL: [AskedOf; 2] = [AskedOf::Vendor, AskedOf::Coordinator];

    pub fn id(self) -> &'static str {
        match self {
            AskedOf::Vendor => "vendor",
            AskedOf::Coordinator => "coordinator",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }
}

/// The colour an answer takes. Ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    Green,
    Amber,
    Red,
    /// A red that is a knock-out on its own.
    Critical,
}

impl Flag {
    pub const ALL: [Flag; 4] = [Flag::Green, Flag::Amber, Flag::Red, Flag::Critical];

    /// The word used in bank files: `green`, `amber`, `red` or `critical`.
    pub fn id(self) -> &'static str {
        match self {
            Flag::Green => "green",
            Flag::Amber => "amber",
            Flag::Red => "red",
            Flag::Critical => "critical",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The traffic-light colour, folding critical into red.
    #[must_use]
    pub fn colour(self) -> Flag {
        if self == Flag::Critical {
            Flag::Red
        } else {
            self
        }
    }

    pub fn is_red(self) -> bool {
        self >= Flag::Red
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionAbout {
    /// Questions about the provider or the product: they make the verdict.
    Provider,
    /// Questions about the patient's own health: cautions, printed apart.
    Patient,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub about: SectionAbout,
}

/// A question's index in [`Bank::questions`], which is also the order asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionId(pub usize);

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// The label in the vendor's own voice, in the file sent to a vendor ("We do not know
    /// the tissue"); `None` where `label` reads right to a vendor too.
    pub vendor_label: Option<String>,
    pub flag: Flag,
    pub why: String,
    pub sources: Vec<String>,
    /// What the option means that conditions and rules read with `has` ("human-derived").
    pub traits: Vec<String>,
}

impl Choice {
    /// The label as the vendor reads it in the file sent to it.
    pub fn label_for_vendor(&self) -> &str {
        self.vendor_label.as_deref().unwrap_or(&self.label)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub min: f64,
    pub max: f64,
    pub flag: Flag,
    pub why: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberSpec {
    pub unit: String,
    pub min: f64,
    pub max: f64,
    /// Contiguous from `min` to `max`; a boundary value takes the lower band.
    pub bands: Vec<Band>,
}

impl NumberSpec {
    pub fn band(&self, value: f64) -> Option<&Band> {
        self.bands.iter().find(|b| value >= b.min && value <= b.max)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Single(Vec<Choice>),
    Multiple(Vec<Choice>),
    Number(NumberSpec),
    Text,
}

impl Kind {
    pub fn choices(&self) -> &[Choice] {
        match self {
            Kind::Single(c) | Kind::Multiple(c) => c,
            Kind::Number(_) | Kind::Text => &[],
        }
    }

    /// Whether an answer to this kind of question counts toward the verdict.
    pub fn is_scored(&self) -> bool {
        !matches!(self, Kind::Text)
    }

    /// The kind in words, for messages: "single-choice", "number", …
    pub fn words(&self) -> &'static str {
        kind_words(self.id())
    }

    pub fn id(&self) -> &'static str {
        match self {
            Kind::Single(_) => "single",
            Kind::Multiple(_) => "multiple",
            Kind::Number(_) => "number",
            Kind::Text => "text",
        }
    }
}

/// A kind's id in words, for messages.
pub fn kind_words(id: &str) -> &'static str {
    match id {
        "single" => "single-choice",
        "multiple" => "multiple-choice",
        "number" => "number",
        _ => "text",
    }
}

/// "Ask this question only when an earlier choice was one of these options."
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub question: QuestionId,
    /// Indices into the earlier question's choices: those listed, or those that carry the
    /// trait `has` (less any left out with `except`), resolved when the bank is read.
    pub any_of: Vec<usize>,
    /// The trait it reads, where it reads one.
    pub has: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub section: usize,
    pub reach: Reach,
    pub kind: Kind,
    pub key: bool,
    pub weight: u32,
    pub prompt: String,
    pub coordinator_prompt: Option<String>,
    /// The question in the vendor's own voice, in the file sent to a vendor ("Where do the
    /// exosomes in your product come from?"); `None` falls back to `coordinator_prompt`.
    pub vendor_prompt: Option<String>,
    /// Who answers it when a coordinator vets a vendor.
    pub asked_of: AskedOf,
    pub help: String,
    pub ask: String,
    pub coordinator_ask: Option<String>,
    /// The document that backs an answer, in words ("a lot-specific certificate of
    /// analysis"); `None` where no document would.
    pub evidence: Option<String>,
    pub sources: Vec<String>,
    pub refused: Flag,
    pub refused_why: String,
    pub allow_na: bool,
    pub show_if: Option<Condition>,
    /// Green needs it answered whenever it is visible; the key questions always are.
    pub gate: bool,
    /// Never flagged nor counted; conditions and rules may still read it.
    pub unscored: bool,
    /// Whether "refused" is offered at all (not on a free note).
    pub allow_refused: bool,
    /// How the refusal is worded, where the question is about the patient.
    pub refused_label: Option<String>,
}

impl Question {
    pub fn prompt_for(&self, audience: Audience) -> &str {
        match (audience, &self.coordinator_prompt) {
            (Audience::Coordinator, Some(p)) => p,
            _ => &self.prompt,
        }
    }

    /// Whether `audience` answers it from public records rather than asking whoever is
    /// vetted: a coordinator's "Check yourself".
    pub fn check_yourself(&self, audience: Audience) -> bool {
        audience == Audience::Coordinator && self.asked_of == AskedOf::Coordinator
    }

    /// The question as the vendor reads it in the file sent to it.
    pub fn prompt_for_vendor(&self) -> &str {
        self.vendor_prompt
            .as_deref()
            .unwrap_or_else(|| self.prompt_for(Audience::Coordinator))
    }

    pub fn ask_for(&self, audience: Audience) -> &str {
        match (audience, &self.coordinator_ask) {
            (Audience::Coordinator, Some(a)) => a,
            _ => &self.ask,
        }
    }

    pub fn choice_index(&self, option_id: &str) -> Option<usize> {
        self.kind.choices().iter().position(|c| c.id == option_id)
    }

    /// Whether "refused" is the person's own "I'd rather not say" (the bank words it with
    /// `refused_label`): a choice to respect, never a question to put to the provider again.
    pub fn refusal_is_own_choice(&self) -> bool {
        self.refused_label.is_some()
    }

    /// Whether an answer to it can carry a flag and counts toward coverage.
    pub fn is_scored(&self) -> bool {
        self.kind.is_scored() && !self.unscored
    }
}

/// What kind of publication a [`Source`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// One of the articles the bank was built from.
    Seed,
    Regulator,
    Society,
    Study,
    Law,
    News,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Seed,
        SourceKind::Regulator,
        SourceKind::Society,
        SourceKind::Study,
        SourceKind::Law,
        SourceKind::News,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SourceKind::Seed => "seed",
            SourceKind::Regulator => "regulator",
            SourceKind::Society => "society",
            SourceKind::Study => "study",
            SourceKind::Law => "law",
            SourceKind::News => "news",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// An entry of the bank's `[[source]]` table, which questions, options and rules cite by id.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub kind: SourceKind,
    /// A web address, or for a seed the article's file name.
    pub address: String,
    /// `YYYY-MM-DD`, where known.
    pub date: Option<String>,
}

/// A `[[guide]]` entry: a short part of the summary that helps a person decide (the options,
/// what is uncertain, who made the tool, how to report a harm), worded and cited in the bank.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Whose summary says it; both by default.
    pub reach: Reach,
    pub sources: Vec<String>,
}

/// A rule across answers: when every condition holds on visible answers, a finding of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossRule {
    pub id: String,
    pub flag: Flag,
    pub why: String,
    pub sources: Vec<String>,
    /// At least two conditions, on distinct choice questions.
    pub when: Vec<Condition>,
}

/// What becomes of an answer saved with an older bank version.
#[derive(Debug, Clone, PartialEq)]
pub enum MigrateAction {
    /// The meaning changed: the answer is read as not asked yet, and the person is told why.
    Reask { why: String },
    /// The same meaning under a new option id.
    Renamed(String),
}

/// One `[[migrate]]` entry: an old answer to a question, and how it reads now.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// Files saved with this bank version or an older one are concerned.
    pub from: String,
    pub question: QuestionId,
    /// An option id of the old version, or `na`.
    pub option: String,
    pub action: MigrateAction,
}

/// The thresholds of the verdict rules; defaults are those of `product.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    pub red_at: usize,
    pub green_max_amber: usize,
    /// Percentage, 0 to 100.
    pub green_min_answered: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub id: String,
    pub version: String,
    pub title: String,
    pub disclaimer: String,
    /// `YYYY-MM-DD`: when this version was released, and when its facts are due for review.
    pub released: Option<String>,
    pub review_by: Option<String>,
    /// The language its text is written in, a BCP 47 tag; `None` is English. Pages say it
    /// (`<html lang>`), so a screen reader reads them in that language's voice.
    pub language: Option<String>,
    pub scoring: Scoring,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    /// Empty in a bank that cites addresses directly instead of through a `[[source]]` table.
    pub sources: Vec<Source>,
    pub rules: Vec<CrossRule>,
    pub migrations: Vec<Migration>,
    /// What the summary says to help decide, in bank order; empty when the bank has none.
    pub guide: Vec<Guide>,
    /// The file it was read from, as given with `--bank`; `None` for the built-in bank.
    pub file: Option<String>,
}

impl Bank {
    pub fn question(&self, id: QuestionId) -> &Question {
        &self.questions[id.0]
    }

    pub fn find(&self, id: &str) -> Option<QuestionId> {
        self.questions
            .iter()
            .position(|q| q.id == id)
            .map(QuestionId)
    }

    pub fn ids(&self) -> impl Iterator<Item = QuestionId> + '_ {
        (0..self.questions.len()).map(QuestionId)
    }

    pub fn section_of(&self, id: QuestionId) -> &Section {
        &self.sections[self.question(id).section]
    }

    /// A cited source as people read it: a title and an address, or for a seed its title and
    /// what a seed is. A citation the table does not hold is shown as written.
    pub fn cite(&self, id: &str) -> String {
        match self.sources.iter().find(|s| s.id == id) {
            Some(s) if s.kind == SourceKind::Seed => {
                format!("{} (one of the articles this tool was built from)", s.title)
            }
            Some(s) => format!("{} — {}", s.title, s.address),
            None => id.to_owned(),
        }
    }

    /// Whether the bank's facts are due for review on `today` (`YYYY-MM-DD`).
    pub fn review_due(&self, today: &str) -> bool {
        self.review_by.as_deref().is_some_and(|r| today > r)
    }
}

/// A bank version as a semantic version, to compare: `1.2.0`; `1.2` and `1` are read as
/// `1.2.0` and `1.0.0`, as people write them short. `None` for anything else ("1.2.O",
/// "01.2.0", "banana").
pub fn parse_version(v: &str) -> Option<semver::Version> {
    let core = v.find(['-', '+']).map_or(v, |end| &v[..end]);
    let rest = &v[core.len()..];
    let padded = match core.matches('.').count() {
        0 => format!("{core}.0.0{rest}"),
        1 => format!("{core}.0{rest}"),
        _ => v.to_owned(),
    };
    // Build metadata (`1.2.0+build`) says nothing about what the answers mean: it is no
    // newer than 1.2.0 (semver orders it, so it is dropped).
    semver::Version::parse(&padded).ok().map(|mut v| {
        v.build = semver::BuildMetadata::EMPTY;
        v
    })
}

#[cfg(test)]
mod tests {
    use super::parse_version;

    #[test]
    fn versions_are_semantic_and_may_be_written_short() {
        let v = |s: &str| parse_version(s).map(|v| v.to_string());
        assert_eq!(v("1.2.0").as_deref(), Some("1.2.0"));
        assert_eq!(v("1.2").as_deref(), Some("1.2.0"));
        assert_eq!(v("2").as_deref(), Some("2.0.0"));
        assert_eq!(v("1.1.0-beta").as_deref(), Some("1.1.0-beta"));
        assert!(parse_version("1.1.0-beta") < parse_version("1.1.0"));
        assert!(parse_version("1.10.0") > parse_version("1.9.0"));
        assert_eq!(parse_version("1.2"), parse_version("1.2.0"));
        assert_eq!(parse_version("1.2.0+build.7"), parse_version("1.2.0"));
        for bad in [
            "", "1.2.O", "01.2.0", "1..2", "banana", "1.2.3.4", " 1.2.0", "v1.2.0",
        ] {
            assert_eq!(parse_version(bad), None, "{bad:?}");
        }
    }
}
