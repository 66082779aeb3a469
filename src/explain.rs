//! What a verdict says, built once: headline, meaning, next steps, reasons, flags, answers not
//! counted, cautions, notes and the questions still to ask. Every output renders this.
//!
//! Pure: (bank, answers, verdict, warnings, today) in, plain text out. The text report, the
//! summary in three formats, plain mode and the full-screen verdict all read one
//! [`Explanation`], so no two of them can say different things about the same verdict.

mod checklist;
mod citations;
mod documents;
pub mod screen;
mod summary;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use crate::answers::{Answer, AnswerFile, Loaded};
use crate::bank::{Audience, Bank, Flag, QuestionId};
use crate::diag::Diagnostic;
use crate::score::{Finding, Level, Rule, Verdict};
use crate::ui;

pub use checklist::{Ask, Group, Section};
pub use documents::{DOCUMENTS_NOTE, DOCUMENTS_TITLE, DocumentLine, reported, signature};
pub use summary::{Paper, flag_mark, level_mark, summary};

/// One scored answers file: everything an explanation is made from.
pub struct Scored<'a> {
    pub path: &'a Path,
    pub bank: &'a Bank,
    pub file: &'a AnswerFile,
    pub verdict: &'a Verdict,
    pub warnings: &'a [Diagnostic],
    /// The file's documents as found beside it; see [`Scored::with_documents`].
    pub documents: &'a [crate::evidence::Checked],
    /// `YYYY-MM-DD`, to tell whether the bank is due for review; `None` reads the clock when
    /// an explanation is built (bulk JSON never needs it). Set with [`Scored::on`].
    pub today: Option<String>,
}

impl<'a> Scored<'a> {
    /// Answers that came from the wizard, not a file, so nothing was ignored.
    pub fn new(path: &'a Path, bank: &'a Bank, file: &'a AnswerFile, verdict: &'a Verdict) -> Self {
        Self {
            path,
            bank,
            file,
            verdict,
            warnings: &[],
            documents: &[],
            today: None,
        }
    }

    /// Answers read from a file, with what reading it warned about.
    pub fn loaded(
        path: &'a Path,
        bank: &'a Bank,
        loaded: &'a Loaded,
        verdict: &'a Verdict,
    ) -> Self {
        Self {
            warnings: &loaded.warnings,
            ..Self::new(path, bank, &loaded.file, verdict)
        }
    }

    /// With the file's documents as [`crate::evidence::check`] found them: without this,
    /// an explanation lists none.
    #[must_use]
    pub fn with_documents(mut self, documents: &'a [crate::evidence::Checked]) -> Self {
        self.documents = documents;
        self
    }

    /// The same, as if today were `date` (`YYYY-MM-DD`).
    #[must_use]
    pub fn on(mut self, date: &str) -> Self {
        self.today = Some(date.to_owned());
        self
    }
}

pub use crate::answers::today;

/// Everything said about one verdict, as plain text, in reading order.
pub struct Explanation<'a> {
    pub audience: Audience,
    /// Who was checked, or "(no name given)".
    pub subject: String,
    /// Who, when, by whom, with which bank, from which file.
    pub facts: Vec<(&'static str, String)>,
    pub level: Level,
    pub incomplete: bool,
    /// "Verdict: AMBER (incomplete)", without a symbol.
    pub headline: String,
    pub meaning: &'static str,
    /// The 0–100 score, for a coordinator only: a "95/100" beside an amber misleads a patient.
    pub score: Option<u32>,
    /// "12 of 30 questions answered.", and the score where it is shown.
    pub counts: String,
    /// Said on every verdict once the bank's `review_by` date has passed.
    pub review_due: Option<String>,
    pub next: Vec<Cow<'static, str>>,
    /// For a coordinator's green: how many good answers rest on documents nobody has seen, and
    /// what to do; also the last of `next`. `score`'s text, which has no next steps, says it.
    pub unseen: Option<String>,
    /// The command that adds new answers, while questions are open.
    pub resume: Option<String>,
    /// `exovet report FILE`, the file as one shell word.
    pub report_command: String,
    pub rules_title: &'static str,
    pub rules: Vec<String>,
    /// One short line per reason, worst first: the flags, the patient's cautions and the
    /// red answers kept but not counted. Their details, with sources, come after the checklist.
    pub reasons: Vec<Reason>,
    pub flags_title: &'static str,
    /// About the provider or vendor, red and amber, worst first; rules across answers too.
    pub flags: Vec<Item<'a>>,
    /// About the patient's own health.
    pub cautions: Vec<Item<'a>>,
    /// Answers kept in the file for questions that do not count.
    pub not_counted: Vec<NotCounted<'a>>,
    /// "Vendor-reported, attested by …" or "… not attested", for a returned questionnaire.
    pub reported: Option<String>,
    /// The documents behind answers, in question order.
    pub documents: Vec<DocumentLine<'a>>,
    pub greens: Option<String>,
    /// "What to ask at the consult" or "What to ask the vendor".
    pub checklist_title: &'static str,
    pub checklist_how: String,
    /// How many questions are on the checklist.
    pub open: usize,
    pub checklist: Vec<Group<'a>>,
    /// A coordinator's own checks, from public records: never under "What to ask the
    /// vendor". Empty for a patient.
    pub check_yourself: Vec<Ask<'a>>,
    /// What helps decide, from the bank's `[[guide]]`: the options, what is uncertain, who
    /// made the tool, how to report a harm. Empty when the bank has none.
    pub guide: Vec<GuideItem<'a>>,
    /// When the bank's facts were released and are due for review, for the guide.
    pub dated: Option<String>,
    /// Each note on one line, as all text from a file is shown ([`crate::text::from_file`]).
    pub notes: Vec<(&'a str, String)>,
    /// What reading the file warned about.
    pub warnings: Vec<String>,
    pub disclaimer: &'a str,
    /// The bank's `language`, for a page's `lang`; `None` is English.
    pub language: Option<&'a str>,
}

/// One flagged answer, or a fired rule: the question, the answer in words, the reason, the sources.
pub struct Item<'a> {
    pub flag: Flag,
    pub section: &'a str,
    pub question: String,
    pub answer: Option<String>,
    pub why: Cow<'a, str>,
    pub sources: Vec<Source>,
    /// A fired rule across answers, whose reason is said wherever it is listed.
    pub rule: bool,
    /// The patient's own "I'd rather not say": nothing to ask the provider, so no line for
    /// what they said.
    pub own_choice: bool,
}

impl Item<'_> {
    pub fn level(&self) -> Level {
        Level::of(self.flag)
    }
}

/// One part of the bank's `[[guide]]`, with its sources.
pub struct GuideItem<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub sources: Vec<Source>,
}

/// A reason in one line: its flag, if it carries one, and what it is about.
pub struct Reason {
    pub flag: Option<Flag>,
    pub text: String,
}

/// A cited source: what to show, and an address when it is a web page.
pub struct Source {
    pub text: String,
    pub href: Option<String>,
}

/// An answer kept but not counted.
pub struct NotCounted<'a> {
    pub question: &'a str,
    pub answer: String,
    /// Red or critical when it rules out green; `None` when it carries no flag.
    pub flag: Option<Flag>,
    pub because: String,
}

impl NotCounted<'_> {
    /// A red answer kept but not counted, as a reason in one line: it still rules out
    /// green. `None` for any other.
    pub fn as_red_reason(&self) -> Option<Reason> {
        self.flag.filter(|f| f.is_red()).map(|flag| Reason {
            flag: Some(flag),
            text: format!(
                "{} Answer: {} (kept but not counted; it still rules out green)",
                self.question, self.answer
            ),
        })
    }
}

pub const KICKER_PATIENT: &str =
    "Exosome treatment check: a summary to keep and take to the consult";
pub const KICKER_COORDINATOR: &str =
    "Exosome product vendor check: a summary to keep with the vendor's file";
pub const FLAGS_TITLE_RED: &str = "Red and amber flags, worst first";
pub const FLAGS_TITLE_AMBER: &str = "Amber flags";
pub const FLAGS_TITLE_NONE: &str = "Red and amber flags";
pub const NOT_COUNTED_TITLE: &str = "Answers kept but not counted";
pub const NOT_COUNTED_NOTE: &str = "These answers are in the file, but their questions do not count for this verdict. A red one still rules out a green verdict: check it, and clear it if it was a mistake.";
pub const GUIDE_TITLE: &str = "Before you decide";
pub const REASONS_TITLE: &str = "The reasons, in short";
pub const DETAILS_TITLE: &str = "Each reason in detail, with its sources";
pub const CHECKLIST_TITLE_PATIENT: &str = "What to ask at the consult";
pub const CHECKLIST_TITLE_COORDINATOR: &str = "What to ask the vendor";
/// The write-in line under a red or amber reason, in the details.
pub const WRITE_IN_LABEL: &str = "What they said";
pub const CHECK_YOURSELF_TITLE: &str = "Check yourself";
/// Under an answer to one of the coordinator's own checks that a vendor's returned file gives.
pub const VENDOR_ANSWERED_OWN_CHECK: &str = "The vendor's returned file answers this itself, and that is not your check: look at the records yourself, then attach what you found with exovet attach (--status checked).";
pub const CHECK_YOURSELF_HOW: &str = "Answer these from public records and your own plans, not from the vendor's word, and keep what you found with the vendor's file.";
pub const CHECKLIST_HOW_PATIENT: &str =
    "Tick each box when you have asked. Write the answer on the line under it.";
pub const CHECKLIST_HOW_COORDINATOR: &str =
    "Tick each box when the vendor has answered. Note the answer and the document it is in.";

impl Explanation<'_> {
    /// How many questions are for whoever is vetted: the open ones less the coordinator's
    /// own checks.
    pub fn to_ask(&self) -> usize {
        self.checklist
            .iter()
            .flat_map(|g| &g.sections)
            .map(|s| s.asks.len())
            .sum()
    }

    /// "What to ask the vendor (12)": the checklist's heading, with how many are on it.
    pub fn checklist_heading(&self) -> String {
        format!("{} ({})", self.checklist_title, self.to_ask())
    }

    /// The coordinator's own checks as blocks: a heading, how, and a box for each, with a
    /// line to write on where `write_in`. Nothing when there are none.
    pub fn check_yourself_blocks(&self, write_in: bool) -> Vec<crate::doc::Block> {
        use crate::doc::Block;
        if self.check_yourself.is_empty() {
            return Vec::new();
        }
        vec![
            Block::Heading(format!(
                "{CHECK_YOURSELF_TITLE} ({})",
                self.check_yourself.len()
            )),
            Block::Intro(CHECK_YOURSELF_HOW.to_owned()),
            Block::Checks(
                self.check_yourself
                    .iter()
                    .map(|ask| ask.check(None, write_in.then_some(summary::ANSWER_LABEL), true))
                    .collect(),
            ),
        ]
    }

    pub fn kicker(&self) -> &'static str {
        match self.audience {
            Audience::Patient => KICKER_PATIENT,
            Audience::Coordinator => KICKER_COORDINATOR,
        }
    }

    pub fn symbol(&self) -> &'static str {
        ui::level_symbol(self.level)
    }
}

/// Builds the one explanation of a scored file.
pub fn explain<'a>(s: &Scored<'a>) -> Explanation<'a> {
    let (bank, v, meta) = (s.bank, s.verdict, &s.file.meta);
    let audience = meta.audience;
    let subject = ui::shown_subject(&meta.subject);
    let incomplete = if v.incomplete { " (incomplete)" } else { "" };
    let item = |f: &Finding| Item {
        flag: f.flag,
        section: &bank.sections[bank.question(f.question).section].title,
        question: ui::finding_question(bank, f, audience),
        answer: ui::finding_answer(bank, f, &s.file.answers),
        why: f.why(bank),
        sources: f.sources(bank).iter().map(|x| source(bank, x)).collect(),
        rule: f.rule().is_some(),
        own_choice: f.is_own_choice(bank),
    };
    let flagged = || v.findings.iter().filter(|f| f.flag != Flag::Green);
    let flags: Vec<Item<'a>> = flagged()
        .filter(|f| !v.is_patient_caution(bank, f))
        .map(item)
        .collect();
    let cautions: Vec<Item<'a>> = flagged()
        .filter(|f| v.is_patient_caution(bank, f))
        .map(item)
        .collect();
    let flags_title = if flags.iter().any(|i| i.flag.is_red()) {
        FLAGS_TITLE_RED
    } else if flags.is_empty() {
        FLAGS_TITLE_NONE
    } else {
        FLAGS_TITLE_AMBER
    };
    let other = if flagged().next().is_some() {
        " other"
    } else {
        ""
    };
    let greens = match v.count(Flag::Green) {
        0 => None,
        1 => Some(format!("1{other} answer is green.")),
        n => Some(format!("{n}{other} answers are green.")),
    };
    let not_counted: Vec<NotCounted<'a>> = v
        .not_counted
        .iter()
        .map(|n| NotCounted {
            question: bank.question(n.question).prompt_for(audience),
            answer: s
                .file
                .answers
                .get(n.question)
                .map(|a| ui::answer_text(bank, n.question, a))
                .unwrap_or_default(),
            flag: n.flag,
            because: ui::because_text(n.because, audience),
        })
        .collect();
    let reasons = reasons(&flags, &cautions, &not_counted);
    let checklist_title = match audience {
        Audience::Patient => CHECKLIST_TITLE_PATIENT,
        Audience::Coordinator => CHECKLIST_TITLE_COORDINATOR,
    };
    let checklist = checklist::groups(bank, v, audience);
    let mut check_yourself = checklist::check_yourself(bank, v, audience);
    // In a file the vendor returned, an answer to one of the coordinator's own checks is the
    // vendor's word, not the check: it stays on the list until a document is in hand.
    if s.file.annex.attestation.is_some() {
        let in_hand = |id: QuestionId| {
            s.documents
                .iter()
                .any(|c| c.question == id && c.status().shown())
        };
        for id in bank.ids() {
            let q = bank.question(id);
            let answered = s.file.answers.get(id).is_some();
            let listed = v.follow_up.iter().any(|f| f.question == id);
            if q.check_yourself(audience) && answered && !listed && !in_hand(id) {
                if let Some(document) = &q.evidence {
                    check_yourself.push(Ask {
                        ask: document,
                        key: q.key,
                        when: Some(VENDOR_ANSWERED_OWN_CHECK.to_owned()),
                    });
                }
            }
        }
    }
    let mut checklist_how = match audience {
        Audience::Patient => CHECKLIST_HOW_PATIENT,
        Audience::Coordinator => CHECKLIST_HOW_COORDINATOR,
    }
    .to_owned();
    if let Some(first) = checklist.first().and_then(|g| g.first_note) {
        checklist_how.push(' ');
        checklist_how.push_str(first);
    }
    let notes = s
        .file
        .answers
        .answered()
        .filter_map(|(id, a)| match a {
            Answer::Text(t) if !t.trim().is_empty() => Some((
                bank.question(id).prompt_for(audience),
                crate::text::from_file(t),
            )),
            _ => None,
        })
        .collect();
    let score = (audience == Audience::Coordinator).then_some(v.score);
    let unseen = unseen_documents(s);
    Explanation {
        audience,
        facts: facts(s, &subject),
        subject,
        level: v.level,
        incomplete: v.incomplete,
        headline: format!("Verdict: {}{incomplete}", ui::level_word(v.level)),
        meaning: ui::verdict_meaning(bank, v, audience),
        score,
        counts: counts(v, score),
        review_due: review_due(bank, s.today.as_deref().unwrap_or(&today())),
        next: next_steps(s, unseen.as_deref(), !check_yourself.is_empty()),
        unseen,
        report_command: format!(
            "exovet report {}",
            crate::text::shell_word(&s.path.display().to_string())
        ),
        resume: (!v.follow_up.is_empty()).then(|| {
            format!(
                "exovet --answers {}",
                crate::text::shell_word(&s.path.display().to_string())
            )
        }),
        rules_title: ui::rules_title(v.level),
        rules: rule_lines(bank, v, audience, checklist_title),
        reasons,
        flags_title,
        flags,
        cautions,
        not_counted,
        reported: s.file.vendor_signature().map(reported),
        documents: documents::lines(s, audience),
        greens,
        checklist_title,
        check_yourself,
        checklist_how,
        open: v.follow_up.len(),
        checklist,
        guide: bank
            .guide
            .iter()
            .filter(|g| g.reach.includes(audience))
            .map(|g| GuideItem {
                title: &g.title,
                text: &g.text,
                sources: g.sources.iter().map(|x| source(bank, x)).collect(),
            })
            .collect(),
        dated: dated(bank),
        notes,
        warnings: s.warnings.iter().map(ToString::to_string).collect(),
        disclaimer: &bank.disclaimer,
        language: bank.language.as_deref(),
    }
}

/// What to do after this verdict, `unseen` last.
fn next_steps(s: &Scored<'_>, unseen: Option<&str>, own_checks: bool) -> Vec<Cow<'static, str>> {
    ui::next_steps(s.bank, s.verdict, s.file.meta.audience)
        .into_iter()
        .map(Cow::Borrowed)
        .chain(own_checks.then_some(Cow::Borrowed(OWN_CHECKS_STEP)))
        .chain(unseen.map(|u| Cow::Owned(u.to_owned())))
        .collect()
}

/// The step for a coordinator with checks of their own still to do.
pub const OWN_CHECKS_STEP: &str = "Do the checks under “Check yourself” from the public records: the vendor's word is not your check.";

/// For a coordinator's green: the good answers whose document nobody here has seen yet,
/// which `--require-evidence` would count against green.
fn unseen_documents(s: &Scored<'_>) -> Option<String> {
    let (bank, v) = (s.bank, s.verdict);
    let unseen = v
        .findings
        .iter()
        .filter(|f| f.flag == Flag::Green && bank.question(f.question).evidence.is_some())
        .filter(|f| {
            !s.documents
                .iter()
                .any(|c| c.question == f.question && c.status().shown())
        })
        .count();
    // Said where it matters most: a green that rests on documents nobody has seen.
    if s.file.meta.audience != Audience::Coordinator || v.level != Level::Green || unseen == 0 {
        return None;
    }
    let (n, rest) = if unseen == 1 {
        ("1 good answer rests".to_owned(), "its document")
    } else {
        (format!("{unseen} good answers rest"), "their documents")
    };
    Some(format!(
        "{n} on a document nobody here has seen yet. Ask for {rest}, and attach each once you have looked at it (`exovet attach`); `exovet score --require-evidence` counts only what you have seen."
    ))
}

/// One line per rule that holds the verdict. More than one gate not asked (or refused) is
/// one line: the questions themselves come first on the checklist, right below.
fn rule_lines(bank: &Bank, v: &Verdict, audience: Audience, checklist: &str) -> Vec<String> {
    let count = |of: fn(&Rule) -> Option<QuestionId>| {
        let ids: Vec<QuestionId> = v.rules.iter().filter_map(of).collect();
        let own = ids
            .iter()
            .filter(|id| bank.question(**id).check_yourself(audience))
            .count();
        (ids.len(), own)
    };
    let not_asked = count(|r| match r {
        Rule::GateNotAsked(id) => Some(*id),
        _ => None,
    });
    let refused = count(|r| match r {
        Rule::GateRefused(id) => Some(*id),
        _ => None,
    });
    // Where the questions are: on the list for whoever is vetted, under "Check yourself"
    // for the coordinator's own, or some on each.
    let under = |(all, own): (usize, usize), first: &str| match own {
        0 => format!("They {first} under “{checklist}”."),
        o if o == all => format!("They are under “{CHECK_YOURSELF_TITLE}”."),
        o => format!(
            "{} {first} under “{checklist}”, and {o} under “{CHECK_YOURSELF_TITLE}”.",
            all - o
        ),
    };
    let mut out = Vec::new();
    let (mut said_not_asked, mut said_refused) = (false, false);
    for r in &v.rules {
        match r {
            Rule::GateNotAsked(_) if not_asked.0 > 1 => {
                if !std::mem::replace(&mut said_not_asked, true) {
                    out.push(format!(
                        "{} important questions are not asked yet, and a green verdict needs an answer to each. {}",
                        not_asked.0,
                        under(not_asked, "come first")
                    ));
                }
            }
            Rule::GateRefused(_) if refused.0 > 1 => {
                if !std::mem::replace(&mut said_refused, true) {
                    out.push(format!(
                        "{} important questions they could not or would not answer, and a green verdict needs a real answer to each. {}",
                        refused.0,
                        under(refused, "are")
                    ));
                }
            }
            _ => out.push(ui::rule_text(bank, r, audience)),
        }
    }
    out
}

/// One line per reason: the question and the answer, for the flags and the patient's cautions;
/// for a flagged answer kept but not counted, that it still counts against green.
fn reasons(
    flags: &[Item<'_>],
    cautions: &[Item<'_>],
    not_counted: &[NotCounted<'_>],
) -> Vec<Reason> {
    let line = |i: &Item<'_>, about: &str| {
        let mut text = match &i.answer {
            Some(a) => format!("{}{about} Answer: {a}", i.question),
            None => format!("{}{about}", i.question),
        };
        // The answers alone do not say why they matter together (product.md 1.2).
        if i.rule {
            let _ = write!(text, ". Why: {}", i.why);
        }
        Reason {
            flag: Some(i.flag),
            text,
        }
    };
    flags
        .iter()
        .map(|i| line(i, ""))
        .chain(cautions.iter().map(|i| line(i, " (about you)")))
        .chain(
            // Only a red answer kept but not counted rules out green, and is a reason.
            not_counted.iter().filter_map(NotCounted::as_red_reason),
        )
        .collect()
}

fn facts(s: &Scored<'_>, subject: &str) -> Vec<(&'static str, String)> {
    let (bank, meta) = (s.bank, &s.file.meta);
    let mut questions_from = format!("{} (bank {}, version {}", bank.title, bank.id, bank.version);
    if let Some(released) = &bank.released {
        let _ = write!(questions_from, ", released {released}");
    }
    questions_from.push(')');
    if meta.bank_version != bank.version {
        let _ = write!(
            questions_from,
            "; the answers were saved with version {}",
            meta.bank_version
        );
    }
    vec![
        ("Who was checked", subject.to_owned()),
        ("Last saved", ui::when_text(meta.updated.as_deref())),
        ("Filled in by", ui::audience_words(meta.audience).to_owned()),
        ("Questions from", questions_from),
        ("Answers file", s.path.display().to_string()),
    ]
    .into_iter()
    .chain(
        s.file
            .vendor_signature()
            .map(|a| ("Answered by", reported(a))),
    )
    .collect()
}

/// "31 of 32 questions answered." The one count: the questions asked of this audience on
/// these answers, as the wizard numbers them, and those holding an answer (not refused).
/// A patient sees no score: a 97/100 on a red page reads as good news. Coordinators rank
/// vendors by it.
fn counts(v: &Verdict, score: Option<u32>) -> String {
    let questions = if v.countable == 1 {
        "question"
    } else {
        "questions"
    };
    let more = if v.more_may_follow {
        MORE_MAY_FOLLOW
    } else {
        ""
    };
    let answered = format!(
        "{} of {} {questions} answered{more}.",
        v.answered, v.countable
    );
    match score {
        None => answered,
        Some(score) => format!(
            "{answered} Score {score}/100: it ranks vendors with the same verdict, it is not a grade."
        ),
    }
}

/// Said after the count when a question waits on an answer not given yet.
pub const MORE_MAY_FOLLOW: &str = "; more may follow, depending on answers not given yet";

/// "This version (1.2.0) came out on 2026-12-07. Its next review is planned for 2027-06-07."
fn dated(bank: &Bank) -> Option<String> {
    let v = &bank.version;
    match (&bank.released, &bank.review_by) {
        (Some(r), Some(by)) => Some(format!(
            "This version ({v}) came out on {r}. Its next review is planned for {by}."
        )),
        (Some(r), None) => Some(format!("This version ({v}) came out on {r}.")),
        (None, Some(by)) => Some(format!(
            "This version ({v}): its next review is planned for {by}."
        )),
        (None, None) => None,
    }
}

/// The notice every verdict carries once the bank is past its `review_by` date.
pub fn review_due(bank: &Bank, today: &str) -> Option<String> {
    let by = bank.review_by.as_deref()?;
    bank.review_due(today).then(|| {
        format!(
            "These questions (version {}) were due for review on {by}. Facts may have changed since: check for a newer version of exovet.",
            bank.version
        )
    })
}

fn source(bank: &Bank, cited: &str) -> Source {
    let address = bank
        .sources
        .iter()
        .find(|s| s.id == cited)
        .map_or(cited, |s| s.address.as_str());
    let web = address.starts_with("https://") || address.starts_with("http://");
    Source {
        text: ui::source_label(bank, cited),
        href: web.then(|| address.to_owned()),
    }
}

#[cfg(test)]
mod tests;
