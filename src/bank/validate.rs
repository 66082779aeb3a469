//! Raw mirror to domain types: every rule a bank must keep, each broken rule one message with its place.

mod migrate;
mod question;
mod rules;
mod sources;

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::{Bank, Flag, Kind, Reach, Scoring, Section, SectionAbout, raw};
use crate::diag::{self, Diagnostic, did_you_mean, one_of};
use crate::limits::MAX_SHOWN;
use crate::source::SourceText;

/// Reserved answers every question accepts; no bank option may take these ids.
pub const RESERVED_OPTION_IDS: [&str; 2] = ["refused", "na"];

const DEFAULT_REFUSED_WHY: &str =
    "They could not or would not answer. A careful provider can answer this plainly.";

/// Validation state: where messages go, and whether any error was found.
pub(super) struct Ctx<'a> {
    pub src: &'a SourceText,
    pub diags: &'a mut Vec<Diagnostic>,
    pub failed: bool,
    /// Where each question id written in the file starts (its table's offset),
    /// readable or not: lookups stay linear on banks of any size.
    pub raw_at: HashMap<String, usize>,
    /// Section id to index among the valid sections.
    pub section_index: HashMap<String, usize>,
    /// Question id to index among the questions accepted so far.
    pub earlier: HashMap<String, usize>,
    /// The ids of the `[[source]]` table, each with whether anything cites it;
    /// `None` when the bank has no such table and cites addresses directly.
    pub source_ids: Option<HashMap<String, bool>>,
}

impl Ctx<'_> {
    /// " Did you mean `x`?" for the problems that are printed only: it compares
    /// against every id, and a bank with thousands of mistakes must still check quickly.
    pub fn hint<'c>(&self, word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
        if self.diags.len() < MAX_SHOWN {
            did_you_mean(word, candidates)
        } else {
            String::new()
        }
    }

    pub fn error(&mut self, at: usize, message: impl Into<String>) {
        self.failed = true;
        let d = self.src.error_at(at, message.into());
        self.diags.push(d);
    }

    pub fn warning(&mut self, at: usize, message: impl Into<String>) {
        let d = self.src.warning_at(at, message.into());
        self.diags.push(d);
    }

    /// A required piece of text: present and not blank.
    pub fn text(
        &mut self,
        field: &raw::S<String>,
        key: &str,
        owner: &str,
        anchor: usize,
    ) -> Option<String> {
        match field {
            None => {
                self.error(
                    anchor,
                    format!("{owner} has no `{key}`: add {key} = \"…\"."),
                );
                None
            }
            Some(s) => self.nonblank(s, key, owner),
        }
    }

    /// Optional text, which must not be blank when it is given.
    pub fn optional_text(
        &mut self,
        field: &raw::S<String>,
        key: &str,
        owner: &str,
    ) -> Option<String> {
        field.as_ref().and_then(|s| self.nonblank(s, key, owner))
    }

    fn nonblank(&mut self, s: &Spanned<String>, key: &str, owner: &str) -> Option<String> {
        let text = s.get_ref().trim();
        if text.is_empty() {
            self.error(
                s.span().start,
                format!("`{key}` of {owner} is empty: write the words, or remove the key."),
            );
            None
        } else if let Some(c) = control_char(text) {
            self.error(
                s.span().start,
                format!(
                    "`{key}` of {owner} holds the control character U+{:04X}, which could drive a terminal; remove it.",
                    u32::from(c)
                ),
            );
            None
        } else {
            Some(text.to_owned())
        }
    }

    /// An id: non-empty, made of letters, digits, `-`, `_` (and `.` where allowed).
    pub fn id(&mut self, s: &Spanned<String>, what: &str, allow_dot: bool) -> Option<String> {
        let id = s.get_ref();
        let ok_char =
            |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || (allow_dot && c == '.');
        if id.is_empty() || !id.chars().all(ok_char) || id.starts_with('.') || id.ends_with('.') {
            let allowed = if allow_dot {
                "letters, digits, `-`, `_` and `.`"
            } else {
                "letters, digits, `-` and `_`"
            };
            self.error(
                s.span().start,
                format!("{what} id `{id}` may only use {allowed}, with no spaces."),
            );
            None
        } else {
            Some(id.clone())
        }
    }

    pub fn flag(&mut self, s: &Spanned<String>, owner: &str, allow_critical: bool) -> Option<Flag> {
        match Flag::from_id(s.get_ref()) {
            Some(Flag::Critical) if !allow_critical => {
                self.error(
                    s.span().start,
                    format!("`flag` of {owner} is \"critical\": write flag = \"red\" and critical = true."),
                );
                None
            }
            Some(f) => Some(f),
            None => {
                let valid: &[&str] = if allow_critical {
                    &["green", "amber", "red", "critical"]
                } else {
                    &["green", "amber", "red"]
                };
                self.error(
                    s.span().start,
                    format!(
                        "`flag` of {owner} is `{}`; it must be {}.{}",
                        s.get_ref(),
                        one_of(valid),
                        did_you_mean(s.get_ref(), valid.iter().copied())
                    ),
                );
                None
            }
        }
    }

    pub fn sources(&mut self, field: &raw::S<Vec<Spanned<String>>>, owner: &str) -> Vec<String> {
        let Some(list) = field else { return Vec::new() };
        let mut out = Vec::new();
        for s in list.get_ref() {
            if s.get_ref().trim().is_empty() {
                self.error(
                    s.span().start,
                    format!(
                        "{owner} lists an empty source: write a seed file name or a web address."
                    ),
                );
            } else if let Some(c) = control_char(s.get_ref()) {
                self.error(
                    s.span().start,
                    format!(
                        "a source of {owner} holds the control character U+{:04X}, which could drive a terminal; remove it.",
                        u32::from(c)
                    ),
                );
            } else if let Some(ids) = &mut self.source_ids {
                let id = s.get_ref().trim();
                if let Some(cited) = ids.get_mut(id) {
                    *cited = true;
                    out.push(id.to_owned());
                } else {
                    let hint = if self.diags.len() < MAX_SHOWN {
                        did_you_mean(id, ids.keys().map(String::as_str))
                    } else {
                        String::new()
                    };
                    self.error(
                        s.span().start,
                        format!(
                            "{owner} cites `{}`, which is not an id in the [[source]] table.{hint} Cite a source by its id, and add a [[source]] for anything new.",
                            diag::clip(id)
                        ),
                    );
                }
            } else {
                out.push(s.get_ref().trim().to_owned());
            }
        }
        if list.get_ref().is_empty() {
            self.error(list.span().start, format!("{owner} has an empty `sources` list: cite at least one seed file name or web address."));
        }
        out
    }
}

/// The first character that is neither printable nor a line break or tab.
/// Bank text is shown on terminals, so escape sequences must not get in.
fn control_char(text: &str) -> Option<char> {
    text.chars().find(|&c| diag::drives_a_terminal(c))
}

/// Validates the raw file into a [`Bank`]; `None` if any error was reported.
pub(super) fn bank(
    src: &SourceText,
    file: &raw::File,
    diags: &mut Vec<Diagnostic>,
) -> Option<Bank> {
    let mut raw_at = HashMap::new();
    for q in &file.questions {
        if let Some(id) = &q.get_ref().id {
            raw_at.entry(id.get_ref().clone()).or_insert(q.span().start);
        }
    }
    for (id, at) in &file.unreadable {
        raw_at.entry(id.clone()).or_insert(*at);
    }
    let mut cx = Ctx {
        src,
        diags,
        failed: false,
        raw_at,
        section_index: HashMap::new(),
        earlier: HashMap::new(),
        source_ids: None,
    };
    let header = header(&mut cx, file.header.as_ref(), file.present.contains("bank"));
    let dates = dates(&mut cx, file.header.as_ref());
    let table = sources::table(&mut cx, &file.sources);
    if file.present.contains("source") {
        // Every id written, valid or not: a source with a mistake of its own is reported
        // once, not again at each citation.
        cx.source_ids = Some(
            file.sources
                .iter()
                .filter_map(|s| s.get_ref().id.as_ref())
                .map(|id| (id.get_ref().clone(), false))
                .collect(),
        );
    }
    let (scoring, defaults) = scoring(&mut cx, file.scoring.as_ref());
    let sections = sections(&mut cx, &file.sections);
    let keys = if file.scoring.is_none() && file.present.contains("scoring") {
        // Unreadable [scoring]; its error is already reported.
        HashSet::new()
    } else {
        key_ids(&mut cx, file.scoring.as_ref())
    };
    cx.section_index = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.section.id.clone(), i))
        .collect();
    let mut questions = question::all(&mut cx, file, &sections, &keys, &defaults);

    check_keys(&mut cx, file, &questions);
    check_gates(&mut cx, file, &mut questions);
    let rules = rules::all(&mut cx, &file.rules, &questions);
    let migrations = migrate::all(&mut cx, &file.migrations, &questions, header.as_ref());
    sources::uncited(&mut cx, &file.sources);
    let named: HashSet<&str> = file
        .questions
        .iter()
        .filter_map(|q| q.get_ref().section.as_ref().map(|s| s.get_ref().as_str()))
        .collect();
    for s in &sections {
        if !named.contains(s.section.id.as_str()) && file.unreadable.is_empty() {
            cx.warning(
                s.at,
                format!(
                    "section `{}` has no questions; it will not be shown.",
                    s.section.id
                ),
            );
        }
    }

    let (id, version, title, disclaimer) = header?;
    if cx.failed {
        return None;
    }
    let (released, review_by) = dates;
    Some(Bank {
        id,
        version,
        title,
        disclaimer,
        released,
        review_by,
        scoring,
        sections: sections.into_iter().map(|s| s.section).collect(),
        questions,
        sources: table,
        rules,
        migrations,
    })
}

/// `released` and `review_by` of `[bank]`: dates alone, the review after the release.
fn dates(
    cx: &mut Ctx<'_>,
    header: Option<&Spanned<raw::Header>>,
) -> (Option<String>, Option<String>) {
    let Some(h) = header else {
        return (None, None);
    };
    let h = h.get_ref();
    let released = h
        .released
        .as_ref()
        .and_then(|d| date(cx, d, "`released` of [bank]"));
    let review_by = h
        .review_by
        .as_ref()
        .and_then(|d| date(cx, d, "`review_by` of [bank]"));
    if let (Some(r), Some(by), Some(at)) = (&released, &review_by, &h.review_by) {
        if by <= r {
            cx.error(
                at.span().start,
                format!("`review_by` ({by}) of [bank] must come after `released` ({r})."),
            );
        }
    }
    (released, review_by)
}

/// A TOML date with no time, as `YYYY-MM-DD`.
pub(super) fn date(
    cx: &mut Ctx<'_>,
    d: &Spanned<toml::value::Datetime>,
    what: &str,
) -> Option<String> {
    let v = d.get_ref();
    if let (Some(day), None, None) = (v.date, v.time, v.offset) {
        Some(day.to_string())
    } else {
        cx.error(
            d.span().start,
            format!("{what} is {v}; it must be a date alone, like 2026-12-01, without quotes."),
        );
        None
    }
}

fn header(
    cx: &mut Ctx<'_>,
    header: Option<&Spanned<raw::Header>>,
    file_has_bank: bool,
) -> Option<(String, String, String, String)> {
    let Some(h) = header else {
        if file_has_bank {
            // It is there but unreadable; that error is already reported.
            cx.failed = true;
            return None;
        }
        cx.error(0, "the bank has no [bank] table: add one with id, version, title and disclaimer (see docs/bank-format.md).");
        return None;
    };
    let at = h.span().start;
    let owner = "[bank]";
    let id = match h.get_ref().id.as_ref() {
        None => {
            cx.error(at, "[bank] has no `id`: add id = \"…\".");
            None
        }
        Some(s) => cx.id(s, "the bank", false),
    };
    let version = cx.text(&h.get_ref().version, "version", owner, at);
    if let (Some(v), Some(s)) = (&version, &h.get_ref().version) {
        let parts: Vec<&str> = v.split('.').collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
        {
            cx.error(
                s.span().start,
                format!("bank version `{v}` must look like 1.0.0 (three whole numbers)."),
            );
        }
    }
    let title = cx.text(&h.get_ref().title, "title", owner, at);
    let disclaimer = cx.text(&h.get_ref().disclaimer, "disclaimer", owner, at);
    Some((id?, version?, title?, disclaimer?))
}

/// Flags and wording that questions inherit unless they set their own.
pub(super) struct Defaults {
    pub refused: Flag,
    pub refused_key: Flag,
    pub refused_why: String,
}

fn scoring(cx: &mut Ctx<'_>, scoring: Option<&Spanned<raw::Scoring>>) -> (Scoring, Defaults) {
    // `refused` is the least a refusal takes: it is never better than amber unless a bank says so.
    let mut out = Scoring {
        red_at: 2,
        green_max_amber: 2,
        green_min_answered: 60,
    };
    let mut defaults = Defaults {
        refused: Flag::Amber,
        refused_key: Flag::Critical,
        refused_why: DEFAULT_REFUSED_WHY.to_owned(),
    };
    let Some(s) = scoring else {
        return (out, defaults);
    };
    let s = s.get_ref();
    let number = |cx: &mut Ctx<'_>, field: &raw::S<i64>, key: &str, min: i64, max: i64| {
        field.as_ref().and_then(|v| {
            let n = *v.get_ref();
            if (min..=max).contains(&n) {
                Some(n)
            } else {
                cx.error(
                    v.span().start,
                    format!("[scoring] `{key}` is {n}; it must be from {min} to {max}."),
                );
                None
            }
        })
    };
    if let Some(n) = number(cx, &s.red_at, "red_at", 1, 1000) {
        out.red_at = usize::try_from(n).unwrap_or(out.red_at);
    }
    if let Some(n) = number(cx, &s.green_max_amber, "green_max_amber", 0, 1000) {
        out.green_max_amber = usize::try_from(n).unwrap_or(out.green_max_amber);
    }
    if let Some(n) = number(cx, &s.green_min_answered, "green_min_answered", 0, 100) {
        out.green_min_answered = u32::try_from(n).unwrap_or(out.green_min_answered);
    }
    if let Some(f) = s
        .refused
        .as_ref()
        .and_then(|f| cx.flag(f, "[scoring] `refused`", true))
    {
        defaults.refused = f;
    }
    if let Some(f) = s
        .refused_key
        .as_ref()
        .and_then(|f| cx.flag(f, "[scoring] `refused_key`", true))
    {
        defaults.refused_key = f;
    }
    if let Some(w) = cx.optional_text(&s.refused_why, "refused_why", "[scoring]") {
        defaults.refused_why = w;
    }
    (out, defaults)
}

pub(super) struct SectionEntry {
    pub section: Section,
    pub at: usize,
}

fn sections(cx: &mut Ctx<'_>, raw: &[Spanned<raw::Section>]) -> Vec<SectionEntry> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for s in raw {
        let at = s.span().start;
        let r = s.get_ref();
        let Some(id_field) = &r.id else {
            cx.error(at, "a [[section]] has no `id`: add id = \"…\".");
            continue;
        };
        let Some(id) = cx.id(id_field, "section", false) else {
            continue;
        };
        let owner = format!("section `{id}`");
        if let Some(&first) = seen.get(&id) {
            let (line, _) = cx.src.position(first);
            cx.error(id_field.span().start, format!("section id `{id}` is used twice (first on line {line}); give each section its own id."));
            continue;
        }
        seen.insert(id.clone(), at);
        let title = cx.text(&r.title, "title", &owner, at);
        let intro = cx.text(&r.intro, "intro", &owner, at);
        let about = match r
            .about
            .as_ref()
            .map(|a| (a.get_ref().as_str(), a.span().start))
        {
            None | Some(("provider", _)) => SectionAbout::Provider,
            Some(("patient", _)) => SectionAbout::Patient,
            Some((other, at)) => {
                cx.error(
                    at,
                    format!("`about` of {owner} is `{other}`; it must be `provider` or `patient`."),
                );
                SectionAbout::Provider
            }
        };
        if let (Some(title), Some(intro)) = (title, intro) {
            out.push(SectionEntry {
                section: Section {
                    id,
                    title,
                    intro,
                    about,
                },
                at,
            });
        }
    }
    out
}

/// The ids named in `[scoring] key`, checked for duplicates.
fn key_ids(cx: &mut Ctx<'_>, scoring: Option<&Spanned<raw::Scoring>>) -> HashSet<String> {
    let mut keys = HashSet::new();
    let list = scoring.and_then(|s| s.get_ref().key.as_ref());
    match list {
        None => {
            let at = scoring.map_or(0, |s| s.span().start);
            cx.error(at, "[scoring] names no key questions: add key = [\"…\"] with the ids of the questions that must be answered green for a green verdict.");
        }
        Some(list) => {
            if list.get_ref().is_empty() {
                cx.error(
                    list.span().start,
                    "[scoring] `key` is empty: list the ids of the key questions.",
                );
            }
            for k in list.get_ref() {
                if !keys.insert(k.get_ref().clone()) {
                    cx.error(
                        k.span().start,
                        format!(
                            "key question `{}` is listed twice in [scoring] `key`.",
                            k.get_ref()
                        ),
                    );
                }
            }
        }
    }
    keys
}

fn check_keys(cx: &mut Ctx<'_>, file: &raw::File, questions: &[super::Question]) {
    let Some(list) = file.scoring.as_ref().and_then(|s| s.get_ref().key.as_ref()) else {
        return;
    };
    for k in list.get_ref() {
        let id = k.get_ref();
        let at = k.span().start;
        let Some(q) = cx.earlier.get(id).map(|i| &questions[*i]) else {
            if cx.raw_at.contains_key(id) {
                // The question is there but broken; its own errors say why.
                continue;
            }
            let hint = cx.hint(id, questions.iter().map(|q| q.id.as_str()));
            cx.error(at, format!(
                "key question `{id}` is not in the bank.{hint} Add the question, or remove it from [scoring] `key`."
            ));
            continue;
        };
        if !matches!(q.kind, Kind::Single(_) | Kind::Multiple(_)) {
            cx.error(at, format!("key question `{id}` is a {} question; a key question must be single or multiple choice.", q.kind.words()));
        }
        if q.show_if.is_some() {
            cx.error(at, format!("key question `{id}` has a `show_if`; a key question must always be asked. Remove the condition or the key."));
        }
        if q.reach != Reach::Both {
            cx.error(at, format!("key question `{id}` is not asked of both audiences; set audience = \"both\" on it."));
        }
        if !q.kind.choices().is_empty() && !q.kind.choices().iter().any(|c| c.flag == Flag::Green) {
            cx.error(at, format!("key question `{id}` has no green option, so no answer could ever give a green verdict. Give it a green option, or remove it from [scoring] `key`."));
        }
    }
}

/// Marks the gate questions: the key questions and those in `[scoring] gates`.
fn check_gates(cx: &mut Ctx<'_>, file: &raw::File, questions: &mut [super::Question]) {
    for q in questions.iter_mut() {
        q.gate = q.key;
    }
    let Some(list) = file
        .scoring
        .as_ref()
        .and_then(|s| s.get_ref().gates.as_ref())
    else {
        return;
    };
    let mut seen = HashSet::new();
    for g in list.get_ref() {
        let id = g.get_ref();
        let at = g.span().start;
        if !seen.insert(id.clone()) {
            cx.error(
                at,
                format!("gate question `{id}` is listed twice in [scoring] `gates`."),
            );
            continue;
        }
        let Some(&i) = cx.earlier.get(id) else {
            if !cx.raw_at.contains_key(id) {
                let hint = cx.hint(id, questions.iter().map(|q| q.id.as_str()));
                cx.error(at, format!(
                    "gate question `{id}` is not in the bank.{hint} Add the question, or remove it from [scoring] `gates`."
                ));
            }
            continue;
        };
        let q = &mut questions[i];
        if q.key {
            cx.warning(at, format!("`{id}` is a key question, and key questions are always gates; remove it from [scoring] `gates`."));
        }
        if !q.is_scored() {
            cx.error(at, format!("gate question `{id}` is {}, so no answer to it counts; a gate must be a scored choice or number question.", if q.unscored { "unscored" } else { "a text question" }));
            continue;
        }
        q.gate = true;
    }
}
