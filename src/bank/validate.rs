//! Raw mirror to domain types: every rule a bank must keep, each broken rule one message with its place.

mod condition;
mod guide;
mod header;
mod migrate;
mod question;
mod rules;
mod scoring;
mod sources;

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use header::{dates, header};
use scoring::{Defaults, check_gates, check_keys, key_ids, scoring};

use super::{Bank, Flag, Reach, Section, SectionAbout, raw};
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
    /// Every condition read so far, for the check that lists keep up with traits.
    written: Vec<condition::Written>,
    /// Every trait an option carries, for the check that finds one misspelt.
    carried: Vec<condition::Carried>,
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

    /// What an `audience` of `owner` says: patient, coordinator or both.
    pub fn reach(&mut self, audience: &Spanned<String>, owner: &str) -> Option<Reach> {
        const AUDIENCES: [&str; 3] = ["patient", "coordinator", "both"];
        match audience.get_ref().as_str() {
            "patient" => Some(Reach::Patient),
            "coordinator" => Some(Reach::Coordinator),
            "both" => Some(Reach::Both),
            other => {
                self.error(
                    audience.span().start,
                    format!(
                        "`audience` of {owner} is `{other}`; it must be {}.{}",
                        one_of(&AUDIENCES),
                        did_you_mean(other, AUDIENCES)
                    ),
                );
                None
            }
        }
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
            let message = if id.is_empty() {
                format!("a {what} id is empty; give it a name made of {allowed}.")
            } else if id.chars().any(char::is_whitespace) {
                format!("{what} id `{id}` may only use {allowed}, with no spaces.")
            } else {
                // "letters" read as any alphabet's would be wrong about `ä` or `人`.
                format!(
                    "{what} id `{id}` may only use {allowed}; the letters are a to z and A to Z."
                )
            };
            self.error(s.span().start, message);
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
        written: Vec::new(),
        carried: Vec::new(),
    };
    let header = header(&mut cx, file.header.as_ref(), file.present.contains("bank"));
    let dates = dates(&mut cx, file.header.as_ref());
    let language = header::language(&mut cx, file.header.as_ref());
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
    condition::drift(&mut cx, &questions);
    // Coordinators are asked some questions, but none of the vendor: the file sent to a
    // vendor would hold no question at all.
    let for_coordinators = questions
        .iter()
        .filter(|q| q.reach.includes(crate::bank::Audience::Coordinator));
    if for_coordinators.clone().next().is_some()
        && for_coordinators
            .clone()
            .all(|q| q.asked_of == crate::bank::AskedOf::Coordinator)
    {
        let at = file.questions.first().map_or(0, |q| q.span().start);
        cx.warning(
            at,
            "every question for coordinators is the coordinator's own (asked_of = \"coordinator\"), so the file sent to a vendor would ask nothing. Leave asked_of out of the questions the vendor answers.",
        );
    }
    let migrations = migrate::all(&mut cx, &file.migrations, &questions, header.as_ref());
    let guide = guide::all(&mut cx, &file.guides);
    // A table that could not be read may cite any source: no warning then, only its error.
    if file.unreadable.is_empty() {
        sources::uncited(&mut cx, &file.sources);
    }
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
        language,
        scoring,
        sections: sections.into_iter().map(|s| s.section).collect(),
        questions,
        sources: table,
        rules,
        migrations,
        guide,
        file: None,
    })
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
