//! Pure scoring: (bank, answers, audience) to a verdict with its reasons, follow-up list and section verdicts.

use std::borrow::Cow;

use crate::answers::{Answer, Answers};
use crate::bank::{Audience, Band, Bank, Flag, Kind, QuestionId, SectionAbout};

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

/// One answer that carries a flag, and what in the bank gave it the flag.
///
/// The reason and sources stay in the bank that scored the answer and are read from it
/// (`why`, `sources`): bulk scoring finds dozens of flags a file, and copying their texts
/// out cost more than the verdict rules themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub question: QuestionId,
    pub flag: Flag,
    pub cause: Cause,
}

/// Where a finding's flag, reason and sources come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Cause {
    /// "Refused": the question's own refused flag and reason.
    Refused,
    /// One option, an index into the question's choices.
    Choice(usize),
    /// A multiple-choice answer: the options picked that share its worst flag, ascending.
    Choices(Vec<usize>),
    /// The band of a number question that the answer falls in, an index into its bands.
    Band(usize),
}

impl Finding {
    /// The reason for the flag as the bank words it; tied options' reasons are joined.
    pub fn why<'b>(&self, bank: &'b Bank) -> Cow<'b, str> {
        let q = bank.question(self.question);
        let choice = |i: &usize| q.kind.choices().get(*i).map_or("", |c| c.why.as_str());
        match &self.cause {
            Cause::Refused => Cow::Borrowed(&q.refused_why),
            Cause::Choice(i) => Cow::Borrowed(choice(i)),
            Cause::Band(i) => Cow::Borrowed(band(&q.kind, *i).map_or("", |b| b.why.as_str())),
            Cause::Choices(is) => match is.as_slice() {
                [i] => Cow::Borrowed(choice(i)),
                _ => Cow::Owned(is.iter().map(choice).collect::<Vec<_>>().join(" ")),
            },
        }
    }

    /// The sources of the reason; tied options' lists run one after the other, and a
    /// source repeated where they meet is listed once.
    pub fn sources<'b>(&self, bank: &'b Bank) -> Cow<'b, [String]> {
        let q = bank.question(self.question);
        let choice = |i: &usize| q.kind.choices().get(*i).map_or(&[][..], |c| &c.sources);
        match &self.cause {
            Cause::Refused => Cow::Borrowed(&q.sources),
            Cause::Choice(i) => Cow::Borrowed(choice(i)),
            Cause::Band(i) => Cow::Borrowed(band(&q.kind, *i).map_or(&[][..], |b| &b.sources)),
            Cause::Choices(is) => {
                let mut all: Vec<String> = is.iter().flat_map(choice).cloned().collect();
                all.dedup();
                Cow::Owned(all)
            }
        }
    }
}

fn band(kind: &Kind, i: usize) -> Option<&Band> {
    match kind {
        Kind::Number(n) => n.bands.get(i),
        _ => None,
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
    /// A key question not asked yet.
    KeyNotAsked(QuestionId),
    /// A key question answered "not applicable": it cannot be green.
    KeyNotApplicable(QuestionId),
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

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub level: Level,
    /// Amber because a key question is not asked yet.
    pub incomplete: bool,
    /// 0 to 100, to rank vendors with the same verdict.
    pub score: u32,
    /// Every answer that carries a flag, worst first, then in bank order.
    pub findings: Vec<Finding>,
    /// Visible scored questions not asked yet, in bank order.
    pub follow_up: Vec<QuestionId>,
    pub sections: Vec<SectionVerdict>,
    /// What holds the verdict where it is; empty for a green.
    pub rules: Vec<Rule>,
    /// Questions answered with an option or a number, and how many count toward coverage.
    pub answered: usize,
    pub countable: usize,
}

impl Verdict {
    pub fn count(&self, flag: Flag) -> usize {
        self.findings.iter().filter(|f| f.flag == flag).count()
    }

    /// Findings in sections about the patient, not the provider.
    pub fn is_patient_caution(&self, bank: &Bank, f: &Finding) -> bool {
        bank.section_of(f.question).about == SectionAbout::Patient
    }
}

/// Which questions are asked, given the audience and the answers so far.
pub fn visible(bank: &Bank, answers: &Answers, audience: Audience) -> Vec<bool> {
    let mut shown = vec![false; bank.questions.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        shown[i] = q.reach.includes(audience)
            && q.show_if.as_ref().is_none_or(|c| {
                shown[c.question.0]
                    && match answers.get(c.question) {
                        Some(Answer::Choice(x)) => c.any_of.contains(x),
                        Some(Answer::Choices(xs)) => xs.iter().any(|x| c.any_of.contains(x)),
                        _ => false,
                    }
            });
    }
    shown
}

/// The flag an answer takes, and where its reason is, or `None` for answers that are not scored.
pub fn flag_of(bank: &Bank, id: QuestionId, answer: &Answer) -> Option<Finding> {
    let q = bank.question(id);
    let finding = |flag, cause| Finding {
        question: id,
        flag,
        cause,
    };
    match (answer, &q.kind) {
        (Answer::Refused, k) if k.is_scored() => Some(finding(q.refused, Cause::Refused)),
        (Answer::Choice(i), Kind::Single(cs) | Kind::Multiple(cs)) => {
            cs.get(*i).map(|c| finding(c.flag, Cause::Choice(*i)))
        }
        (Answer::Choices(is), Kind::Single(cs) | Kind::Multiple(cs)) => {
            let picked = || is.iter().filter(|i| **i < cs.len());
            let worst = picked().map(|i| cs[*i].flag).max()?;
            let at_worst = picked()
                .filter(|i| cs[**i].flag == worst)
                .copied()
                .collect();
            Some(finding(worst, Cause::Choices(at_worst)))
        }
        (Answer::Number(v), Kind::Number(n)) => {
            let band = n.band(*v)?;
            let at = n.bands.iter().position(|b| std::ptr::eq(b, band))?;
            Some(finding(band.flag, Cause::Band(at)))
        }
        _ => None,
    }
}

/// Applies the verdict rules of `product.md` with the bank's thresholds.
pub fn score(bank: &Bank, answers: &Answers, audience: Audience) -> Verdict {
    let shown = visible(bank, answers, audience);
    // Sized once rather than grown: in bulk this runs for every file.
    let asked = shown.iter().filter(|s| **s).count();
    let mut findings = Vec::with_capacity(asked);
    let mut follow_up = Vec::with_capacity(asked);
    let (mut answered, mut countable) = (0usize, 0usize);
    let (mut points, mut possible) = (0u64, 0u64);
    for id in bank.ids().filter(|id| shown[id.0]) {
        let q = bank.question(id);
        if !q.kind.is_scored() {
            continue;
        }
        let answer = answers.get(id);
        match answer {
            None => {
                follow_up.push(id);
                countable += 1;
            }
            Some(Answer::NotApplicable) => {}
            Some(Answer::Refused) => countable += 1,
            Some(_) => {
                countable += 1;
                answered += 1;
            }
        }
        if let Some(f) = answer.and_then(|a| flag_of(bank, id, a)) {
            let weight = u64::from(q.weight);
            possible += 2 * weight;
            points += weight
                * match f.flag {
                    Flag::Green => 2,
                    Flag::Amber => 1,
                    Flag::Red | Flag::Critical => 0,
                };
            findings.push(f);
        }
    }
    // Worst first; the sort is stable, so bank order holds within a flag.
    findings.sort_by_key(|f| std::cmp::Reverse(f.flag));

    let critical = findings.iter().filter(|f| f.flag == Flag::Critical).count();
    let reds = findings.iter().filter(|f| f.flag.is_red()).count();
    let ambers = findings.iter().filter(|f| f.flag == Flag::Amber).count();
    let s = &bank.scoring;
    let percent = (answered * 100)
        .checked_div(countable)
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
    let level = if rules.is_empty() {
        if reds > 0 {
            rules.push(Rule::OneRed);
        }
        for id in bank
            .ids()
            .filter(|id| bank.question(*id).key && shown[id.0])
        {
            // The flag found above, rather than working it out again with `flag_of`.
            let green = || {
                findings
                    .iter()
                    .any(|f| f.question == id && f.flag == Flag::Green)
            };
            match answers.get(id) {
                None => rules.push(Rule::KeyNotAsked(id)),
                Some(Answer::NotApplicable) => rules.push(Rule::KeyNotApplicable(id)),
                Some(_) if green() => {}
                Some(_) => rules.push(Rule::KeyNotGreen(id)),
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
        if rules.is_empty() {
            Level::Green
        } else {
            Level::Amber
        }
    } else {
        Level::Red
    };
    let incomplete =
        level == Level::Amber && rules.iter().any(|r| matches!(r, Rule::KeyNotAsked(_)));

    let mut sections: Vec<SectionVerdict> = (0..bank.sections.len())
        .map(|section| SectionVerdict {
            section,
            level: None,
            flagged: 0,
            open: 0,
        })
        .collect();
    for f in &findings {
        let s = &mut sections[bank.question(f.question).section];
        s.level = s.level.max(Some(Level::of(f.flag)));
        s.flagged += 1;
    }
    for id in &follow_up {
        sections[bank.question(*id).section].open += 1;
    }

    let score = (points * 100 + possible / 2)
        .checked_div(possible)
        .map_or(0, |s| u32::try_from(s).unwrap_or(100));
    Verdict {
        level,
        incomplete,
        score,
        findings,
        follow_up,
        sections,
        rules,
        answered,
        countable,
    }
}

#[cfg(test)]
mod tests;
