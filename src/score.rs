//! Pure scoring: (bank, answers, audience) to a verdict with its reasons, follow-up list and section verdicts.

mod finding;

pub use finding::{Cause, Finding, flag_of};

use crate::visible::{holds, pending, visible};

use crate::answers::{Answer, Answers};
use crate::bank::{Audience, Bank, CrossRule, Flag, QuestionId, SectionAbout};

/// The overall traffic light. Ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Green,
    Amber,
    Red,
}

impl Level {
    pub fn id(self) -> &'static str {
        match self {
            Level::Green => "green",
            Level::Amber => "amber",
            Level::Red => "red",
        }
    }

    pub fn of(flag: Flag) -> Level {
        match flag {
            Flag::Green => Level::Green,
            Flag::Amber => Level::Amber,
            Flag::Red | Flag::Critical => Level::Red,
        }
    }
}

/// Why the verdict is not better than it is, for the text that explains it.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// At least one critical red.
    Critical(usize),
    /// At least `red_at` reds.
    Reds {
        count: usize,
        red_at: usize,
    },
    /// One red: not enough for red, too much for green.
    OneRed,
    /// A key question answered, but not green.
    KeyNotGreen(QuestionId),
    /// A key question answered "not applicable": it cannot be green.
    KeyNotApplicable(QuestionId),
    /// A gate question (every key question is one) not asked yet: green waits for it.
    GateNotAsked(QuestionId),
    /// A gate question they could not or would not answer.
    GateRefused(QuestionId),
    /// A red answer kept in the file for a question that does not count.
    NotCounted(QuestionId),
    TooManyAmbers {
        count: usize,
        max: usize,
    },
    TooFewAnswered {
        percent: u32,
        min: u32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionVerdict {
    pub section: usize,
    /// The worst flag answered in the section; `None` when nothing in it carries a flag.
    pub level: Option<Level>,
    pub flagged: usize,
    pub open: usize,
}

/// Why a recorded answer does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Because {
    /// The question is asked of the other audience (this wins over a condition).
    Audience,
    /// The question's condition does not hold on the other answers.
    Condition,
}

impl Because {
    pub fn id(self) -> &'static str {
        match self {
            Because::Audience => "audience",
            Because::Condition => "condition",
        }
    }
}

/// An answer recorded for a question that is not visible: it does not count, and if its
/// flag is red it blocks green.
#[derive(Debug, Clone, PartialEq)]
pub struct NotCounted {
    pub question: QuestionId,
    /// `None` for a refusal, `na`, text, or an unscored question: those never block.
    pub flag: Option<Flag>,
    pub because: Because,
}

impl NotCounted {
    pub fn blocks_green(&self) -> bool {
        self.flag.is_some_and(Flag::is_red)
    }
}

/// Why a question is on the list of questions still to ask, in the order the list gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Open {
    /// A gate question not answered: green waits for it.
    Gate,
    /// They could not or would not answer: ask again.
    AskAgain,
    /// Answered well, but `--require-evidence` asks to see the document behind it.
    Document,
    NotAsked,
    /// Asked only for some answers to a question not asked yet.
    Pending,
}

/// One question still to ask, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUp {
    pub question: QuestionId,
    pub open: Open,
}

/// Where one question of the bank stands in a verdict: worked out once, here, for every
/// output that lists answers (the CSV, diff, the wizard's review).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not asked on these answers (another audience's, or hidden by a condition), and no
    /// answer kept for it.
    Hidden,
    /// Asked. `finding` indexes [`Verdict::findings`] where its own answer carries a flag
    /// (`--require-evidence` counted): `None` when it is not answered, refused without a
    /// flag, or carries none.
    Asked { finding: Option<usize> },
    /// Answered, but the question does not count: the flag the answer would carry.
    Kept {
        flag: Option<Flag>,
        because: Because,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub level: Level,
    /// Amber because a key question is not asked yet.
    pub incomplete: bool,
    /// 0 to 100, to rank vendors with the same verdict.
    pub score: u32,
    /// Every answer that carries a flag, worst first, then in bank order.
    pub findings: Vec<Finding>,
    /// The questions still to ask: gates not answered, refused ones, ones not asked yet,
    /// then ones whose condition waits on an answer; in bank order within each.
    pub follow_up: Vec<FollowUp>,
    /// Answers recorded for questions that are not visible, in bank order.
    pub not_counted: Vec<NotCounted>,
    pub sections: Vec<SectionVerdict>,
    /// What holds the verdict where it is; empty for a green.
    pub rules: Vec<Rule>,
    /// The one count of answers every output shows: of the `countable` questions asked of
    /// this audience on these answers (the wizard's "Question n of `countable`"), how many
    /// hold an answer, that is anything but not asked yet and refused.
    pub answered: usize,
    pub countable: usize,
    /// Some questions wait on an answer not given yet, so the total may still grow.
    pub more_may_follow: bool,
    /// Each question of the bank, in bank order.
    pub standing: Vec<Standing>,
}

impl Verdict {
    /// The flag `id`'s own answer counts with (not a rule's), with its cause.
    pub fn counted(&self, id: QuestionId) -> Option<&Finding> {
        match self.standing.get(id.0) {
            Some(Standing::Asked { finding: Some(i) }) => self.findings.get(*i),
            _ => None,
        }
    }

    pub fn count(&self, flag: Flag) -> usize {
        self.findings.iter().filter(|f| f.flag == flag).count()
    }

    /// Findings in sections about the patient, not the provider.
    pub fn is_patient_caution(&self, bank: &Bank, f: &Finding) -> bool {
        bank.section_of(f.question).about == SectionAbout::Patient
    }
}

/// For each rule of the bank: fired, or the one question left whose answer would fire it.
enum RuleState {
    Fired,
    WaitsOn(QuestionId),
    No,
}

fn rule_state(rule: &CrossRule, answers: &Answers, shown: &[bool]) -> RuleState {
    let mut failing = rule
        .when
        .iter()
        .filter(|c| !(shown[c.question.0] && holds(answers.get(c.question), &c.any_of)));
    match (failing.next(), failing.next()) {
        (None, _) => RuleState::Fired,
        (Some(c), None) => RuleState::WaitsOn(c.question),
        _ => RuleState::No,
    }
}

/// Applies the verdict rules of `product.md` with the bank's thresholds.
pub fn score(bank: &Bank, answers: &Answers, audience: Audience) -> Verdict {
    score_with(bank, answers, audience, None)
}

/// The same with `--require-evidence`: `in_hand[q]` says whether question `q` has a
/// document seen or checked and still the one attached. A green answer to a question that
/// names a document, without one in hand, counts as amber, and its document is asked for.
pub fn score_requiring_documents(
    bank: &Bank,
    answers: &Answers,
    audience: Audience,
    in_hand: &[bool],
) -> Verdict {
    score_with(bank, answers, audience, Some(in_hand))
}

fn score_with(
    bank: &Bank,
    answers: &Answers,
    audience: Audience,
    in_hand: Option<&[bool]>,
) -> Verdict {
    let shown = visible(bank, answers, audience);
    let progress = crate::visible::progress(bank, answers, audience, &shown);
    let mut counted = answer_findings(bank, answers, &shown, in_hand);
    let extra_gates = rule_findings(bank, answers, &shown, &mut counted.findings);
    let is_gate = |id: QuestionId| bank.question(id).gate || extra_gates.contains(&id);
    // Worst first; the sort is stable, so bank order holds within a flag.
    counted.findings.sort_by_key(|f| std::cmp::Reverse(f.flag));
    let not_counted = not_counted(bank, answers, audience, &shown);
    let (level, rules) = level(bank, answers, &shown, &counted, &not_counted, is_gate);
    let incomplete =
        level == Level::Amber && rules.iter().any(|r| matches!(r, Rule::GateNotAsked(_)));
    let mut follow_up = follow_up(bank, answers, audience, &shown, is_gate);
    follow_up.extend(counted.asked_for.iter().map(|&question| FollowUp {
        question,
        open: Open::Document,
    }));
    follow_up.sort_by_key(|f| f.open);
    let sections = sections(bank, &counted.findings, &follow_up);
    let standing = standing(bank, &shown, &counted.findings, &not_counted);
    let score = (counted.points * 100 + counted.possible / 2)
        .checked_div(counted.possible)
        .map_or(0, |s| u32::try_from(s).unwrap_or(100));
    Verdict {
        level,
        incomplete,
        score,
        findings: counted.findings,
        follow_up,
        not_counted,
        sections,
        rules,
        answered: progress.answered,
        countable: progress.total,
        more_may_follow: progress.more_may_follow,
        standing,
    }
}

/// What the answers to the questions asked say on their own: a finding per flagged answer,
/// the points for the score, the coverage for green, and the green answers whose document
/// `--require-evidence` asks to see.
struct Counted {
    findings: Vec<Finding>,
    asked_for: Vec<QuestionId>,
    /// Scored questions answered with an option or a number, of those that could be.
    covered: usize,
    coverable: usize,
    points: u64,
    possible: u64,
}

fn answer_findings(
    bank: &Bank,
    answers: &Answers,
    shown: &[bool],
    in_hand: Option<&[bool]>,
) -> Counted {
    // Sized once rather than grown: in bulk this runs for every file.
    let asked = shown.iter().filter(|s| **s).count();
    let mut c = Counted {
        findings: Vec::with_capacity(asked),
        asked_for: Vec::new(),
        covered: 0,
        coverable: 0,
        points: 0,
        possible: 0,
    };
    for id in bank.ids().filter(|id| shown[id.0]) {
        let q = bank.question(id);
        if !q.is_scored() {
            continue;
        }
        let answer = answers.get(id);
        match answer {
            Some(Answer::NotApplicable) => {}
            None | Some(Answer::Refused) => c.coverable += 1,
            Some(_) => {
                c.coverable += 1;
                c.covered += 1;
            }
        }
        if let Some(mut f) = answer.and_then(|a| flag_of(bank, id, a)) {
            if f.flag == Flag::Green && wants_document(bank, id, in_hand) {
                f.flag = Flag::Amber;
                f.cause = Cause::NotShown;
                c.asked_for.push(id);
            }
            let weight = u64::from(q.weight);
            c.possible += 2 * weight;
            c.points += weight
                * match f.flag {
                    Flag::Green => 2,
                    Flag::Amber => 1,
                    Flag::Red | Flag::Critical => 0,
                };
            c.findings.push(f);
        }
    }
    c
}

/// Adds a finding for each rule across answers that fires. Rules add findings but leave
/// the score alone; a rule one answer short of firing makes that answer's question a gate,
/// so leaving it unasked cannot dodge the rule: those questions are returned.
fn rule_findings(
    bank: &Bank,
    answers: &Answers,
    shown: &[bool],
    findings: &mut Vec<Finding>,
) -> Vec<QuestionId> {
    let mut extra_gates = Vec::new();
    for (r, rule) in bank.rules.iter().enumerate() {
        match rule_state(rule, answers, shown) {
            RuleState::Fired => findings.push(Finding {
                question: rule.when[0].question,
                flag: rule.flag,
                cause: Cause::Rule(r),
            }),
            RuleState::WaitsOn(q) if shown[q.0] => extra_gates.push(q),
            RuleState::WaitsOn(_) | RuleState::No => {}
        }
    }
    extra_gates
}

/// The verdict rules of `product.md`: the level, and what holds it there.
fn level(
    bank: &Bank,
    answers: &Answers,
    shown: &[bool],
    counted: &Counted,
    not_counted: &[NotCounted],
    is_gate: impl Fn(QuestionId) -> bool,
) -> (Level, Vec<Rule>) {
    let findings = &counted.findings;
    let critical = findings.iter().filter(|f| f.flag == Flag::Critical).count();
    let reds = findings.iter().filter(|f| f.flag.is_red()).count();
    let ambers = findings.iter().filter(|f| f.flag == Flag::Amber).count();
    let s = &bank.scoring;
    let percent = (counted.covered * 100)
        .checked_div(counted.coverable)
        .map_or(0, |p| u32::try_from(p).unwrap_or(100));

    let mut rules = Vec::new();
    if critical > 0 {
        rules.push(Rule::Critical(critical));
    }
    if reds >= s.red_at {
        rules.push(Rule::Reds {
            count: reds,
            red_at: s.red_at,
        });
    }
    if !rules.is_empty() {
        return (Level::Red, rules);
    }
    if reds > 0 {
        rules.push(Rule::OneRed);
    }
    rules.extend(
        not_counted
            .iter()
            .filter(|n| n.blocks_green())
            .map(|n| Rule::NotCounted(n.question)),
    );
    for id in bank.ids().filter(|id| shown[id.0]) {
        let q = bank.question(id);
        let answer = answers.get(id);
        match answer {
            None if is_gate(id) => rules.push(Rule::GateNotAsked(id)),
            Some(Answer::Refused) if is_gate(id) => rules.push(Rule::GateRefused(id)),
            _ => {}
        }
        if !q.key || answer.is_none_or(|a| *a == Answer::Refused) {
            continue;
        }
        // The flag found above, rather than working it out again with `flag_of`.
        let green = findings
            .iter()
            .any(|f| f.question == id && f.flag == Flag::Green && f.rule().is_none());
        match answer {
            Some(Answer::NotApplicable) => rules.push(Rule::KeyNotApplicable(id)),
            _ if green => {}
            _ => rules.push(Rule::KeyNotGreen(id)),
        }
    }
    if ambers > s.green_max_amber {
        rules.push(Rule::TooManyAmbers {
            count: ambers,
            max: s.green_max_amber,
        });
    }
    if percent < s.green_min_answered {
        rules.push(Rule::TooFewAnswered {
            percent,
            min: s.green_min_answered,
        });
    }
    let level = if rules.is_empty() {
        Level::Green
    } else {
        Level::Amber
    };
    (level, rules)
}

/// Each section's worst flag, how many answers in it carry one, and how many of its
/// questions are still to ask.
fn sections(bank: &Bank, findings: &[Finding], follow_up: &[FollowUp]) -> Vec<SectionVerdict> {
    let mut sections: Vec<SectionVerdict> = (0..bank.sections.len())
        .map(|section| SectionVerdict {
            section,
            level: None,
            flagged: 0,
            open: 0,
        })
        .collect();
    for f in findings {
        let s = &mut sections[bank.question(f.question).section];
        s.level = s.level.max(Some(Level::of(f.flag)));
        s.flagged += 1;
    }
    for f in follow_up.iter().filter(|f| f.open != Open::Pending) {
        sections[bank.question(f.question).section].open += 1;
    }
    sections
}

/// Where each question stands, from what was found: `findings` sorted as the verdict keeps
/// them.
fn standing(
    bank: &Bank,
    shown: &[bool],
    findings: &[Finding],
    not_counted: &[NotCounted],
) -> Vec<Standing> {
    let mut out: Vec<Standing> = shown
        .iter()
        .map(|s| {
            if *s {
                Standing::Asked { finding: None }
            } else {
                Standing::Hidden
            }
        })
        .collect();
    debug_assert_eq!(out.len(), bank.questions.len());
    for (i, f) in findings.iter().enumerate() {
        if f.rule().is_none() {
            out[f.question.0] = Standing::Asked { finding: Some(i) };
        }
    }
    for n in not_counted {
        out[n.question.0] = Standing::Kept {
            flag: n.flag,
            because: n.because,
        };
    }
    out
}

/// Whether a green answer to `id` still needs its document shown.
fn wants_document(bank: &Bank, id: QuestionId, in_hand: Option<&[bool]>) -> bool {
    in_hand.is_some_and(|h| {
        bank.question(id).evidence.is_some() && !h.get(id.0).copied().unwrap_or(false)
    })
}

/// Answers kept for questions that are not visible. A refusal, `na` or text carries no flag.
fn not_counted(
    bank: &Bank,
    answers: &Answers,
    audience: Audience,
    shown: &[bool],
) -> Vec<NotCounted> {
    answers
        .answered()
        .filter(|(id, _)| !shown[id.0])
        .map(|(id, a)| NotCounted {
            question: id,
            flag: match a {
                Answer::Refused => None,
                a => flag_of(bank, id, a).map(|f| f.flag),
            },
            because: if bank.question(id).reach.includes(audience) {
                Because::Condition
            } else {
                Because::Audience
            },
        })
        .collect()
}

/// Gates not answered, then refusals to ask again (not the patient's own "I'd rather not
/// say"), then questions not asked yet, then questions whose condition waits on an answer.
fn follow_up(
    bank: &Bank,
    answers: &Answers,
    audience: Audience,
    shown: &[bool],
    is_gate: impl Fn(QuestionId) -> bool,
) -> Vec<FollowUp> {
    let waiting = pending(bank, answers, audience, shown);
    // An unscored question is asked only when a rule waits on it.
    let mut out: Vec<FollowUp> = bank
        .ids()
        .filter(|id| bank.question(*id).is_scored() || (shown[id.0] && is_gate(*id)))
        .filter_map(|id| {
            let open = match answers.get(id) {
                _ if waiting[id.0] => Open::Pending,
                _ if !shown[id.0] => return None,
                None | Some(Answer::Refused) if is_gate(id) => Open::Gate,
                Some(Answer::Refused) if !bank.question(id).refusal_is_own_choice() => {
                    Open::AskAgain
                }
                None => Open::NotAsked,
                Some(_) => return None,
            };
            Some(FollowUp { question: id, open })
        })
        .collect();
    out.sort_by_key(|f| f.open);
    out
}

#[cfg(test)]
mod tests;
