//! The one explanation of a verdict: what it says for each audience, the review notice on an
//! injected date, the checklist's order, and the answers kept but not counted.

use std::path::Path;

use super::*;
use crate::answers::{self, Loaded};
use crate::bank::{Bank, load_builtin};
use crate::output::Paint;
use crate::report::{self, Format};
use crate::score::{self, Open};
use crate::source::SourceText;

fn load(bank: &Bank, audience: &str, body: &str) -> Loaded {
    let text = format!(
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.1.0\"\naudience = \"{audience}\"\nsubject = \"Test Clinic\"\n\n[answers]\n{body}"
    );
    answers::parse(&SourceText::new("t.toml", text), bank).unwrap()
}

/// Every output a person reads, for one file on one day.
fn outputs(bank: &Bank, loaded: &Loaded, today: &str) -> Vec<String> {
    let v = score::score(bank, &loaded.file.answers, loaded.file.meta.audience);
    let s = Scored::loaded(Path::new("t.toml"), bank, loaded, &v).on(today);
    let mut out = vec![report::text::render(&s, Paint::off())];
    // The summary as a record: every part of it, details included.
    let record = report::summary::Paper {
        details: true,
        health: true,
    };
    for f in [Format::Txt, Format::Md, Format::Html] {
        out.push(report::summary::render_paper(&s, f, record));
    }
    out
}

#[test]
fn after_review_by_every_verdict_and_summary_says_the_bank_is_due_for_review() {
    let bank = load_builtin();
    let by = bank.review_by.clone().unwrap();
    let loaded = load(&bank, "patient", "\"source.origin\" = \"plant\"\n");
    for text in outputs(&bank, &loaded, &by) {
        assert!(
            !text.contains("due for review"),
            "on the day itself:\n{text}"
        );
    }
    let day_after = "2099-01-01";
    assert!(day_after > by.as_str(), "the test's day must be after {by}");
    for text in outputs(&bank, &loaded, day_after) {
        assert!(text.contains("due for review"), "{text}");
        assert!(text.contains(&by), "{text}");
    }
}

#[test]
fn a_patient_never_sees_the_score_and_a_coordinator_does() {
    let bank = load_builtin();
    let body =
        "\"source.origin\" = \"msc-umbilical-cord\"\n\"delivery.route\" = [\"topical-intact\"]\n";
    let patient = load(&bank, "patient", body);
    for text in outputs(&bank, &patient, "2026-12-01") {
        assert!(!text.contains("/100"), "{text}");
        assert!(!text.to_lowercase().contains("score"), "{text}");
    }
    let coordinator = load(&bank, "coordinator", body);
    for text in outputs(&bank, &coordinator, "2026-12-01") {
        assert!(text.contains("/100"), "{text}");
    }
}

#[test]
fn the_checklist_asks_gates_first_then_refusals_again_then_the_rest_then_what_may_apply() {
    let bank = load_builtin();
    // Placenta into microneedling channels: donor screening, the label, sterility and the
    // FDA history are gates; the supply chain was refused; the operator depends on nothing
    // more, but the cell bank is a coordinator's question.
    let loaded = load(
        &bank,
        "patient",
        "\"source.origin\" = \"placenta\"\n\"source.supply_chain\" = \"refused\"\n",
    );
    let v = score::score(&bank, &loaded.file.answers, loaded.file.meta.audience);
    let s = Scored::loaded(Path::new("t.toml"), &bank, &loaded, &v);
    let e = explain(&s);
    let opens: Vec<Open> = e.checklist.iter().map(|g| g.open).collect();
    assert_eq!(
        opens,
        [Open::Gate, Open::AskAgain, Open::NotAsked, Open::Pending]
    );
    let pending = &e.checklist[3];
    let asks: Vec<&Ask<'_>> = pending.sections.iter().flat_map(|s| &s.asks).collect();
    assert!(asks.iter().all(|a| {
        a.when
            .as_deref()
            .is_some_and(|w| w.starts_with("Only if the answer to"))
    }));
    assert_eq!(e.open, v.follow_up.len());
    let listed: usize = e
        .checklist
        .iter()
        .flat_map(|g| &g.sections)
        .map(|s| s.asks.len())
        .sum();
    assert_eq!(listed, e.open);
}

#[test]
fn a_patients_own_rather_not_say_is_not_asked_again_of_the_provider() {
    let bank = load_builtin();
    let loaded = load(&bank, "patient", "\"suitability.pregnant\" = \"refused\"\n");
    let v = score::score(&bank, &loaded.file.answers, loaded.file.meta.audience);
    let e = explain(&Scored::loaded(Path::new("t.toml"), &bank, &loaded, &v));
    assert!(e.checklist.iter().all(|g| g.open != Open::AskAgain));
    let caution = e.cautions.first().expect("the refusal is a caution");
    assert_eq!(caution.answer.as_deref(), Some("I'd rather not say"));
}

#[test]
fn answers_kept_but_not_counted_are_listed_with_why() {
    let bank = load_builtin();
    let loaded = load(
        &bank,
        "patient",
        "\"source.origin\" = \"plant\"\n\"manufacturing.separation\" = \"undisclosed\"\n",
    );
    let v = score::score(&bank, &loaded.file.answers, loaded.file.meta.audience);
    let e = explain(&Scored::loaded(Path::new("t.toml"), &bank, &loaded, &v));
    assert_eq!(e.not_counted.len(), 1);
    let kept = &e.not_counted[0];
    assert_eq!(kept.flag, Some(Flag::Red));
    assert!(
        kept.because.contains("not asked of a patient"),
        "{}",
        kept.because
    );
    assert!(
        e.rules.iter().any(|r| r.contains("does not count here")),
        "{:?}",
        e.rules
    );
}

#[test]
fn a_fired_rule_is_a_flag_with_its_questions_and_answers() {
    let bank = load_builtin();
    let loaded = load(
        &bank,
        "patient",
        "\"source.origin\" = \"msc-umbilical-cord\"\n\"regulatory.jurisdiction\" = \"uk-or-eu\"\n",
    );
    let v = score::score(&bank, &loaded.file.answers, loaded.file.meta.audience);
    let e = explain(&Scored::loaded(Path::new("t.toml"), &bank, &loaded, &v));
    assert_eq!(e.level, Level::Red);
    let rule = e
        .flags
        .iter()
        .find(|i| i.question.starts_with("These answers together"))
        .expect("the rule is listed with the flags");
    assert_eq!(rule.flag, Flag::Critical);
    let answer = rule.answer.as_deref().unwrap_or_default();
    assert!(answer.contains(" + "), "{answer}");
    assert!(!rule.sources.is_empty());
}

/// Issue 12, item 1: every output says the verdict, then the reasons one line each, then what
/// to ask (gates first), then each reason's details with its sources.
#[test]
fn every_output_puts_the_questions_to_ask_before_the_details() {
    let bank = load_builtin();
    let loaded = load(
        &bank,
        "patient",
        "\"testing.coa\" = \"none\"\n\"claims.outcomes\" = \"regenerates-collagen\"\n",
    );
    let first_ask = "What is the exact product name";
    for text in outputs(&bank, &loaded, "2026-12-01") {
        let at = |wanted: &str| {
            text.find(wanted)
                .unwrap_or_else(|| panic!("{wanted:?} missing:\n{text}"))
        };
        let lower = text.to_lowercase();
        let verdict = lower.find("verdict: red").unwrap();
        let reasons = lower.find(&REASONS_TITLE.to_lowercase()).unwrap();
        let reason = at("Is there a lab report for this exact batch");
        let ask = at(first_ask);
        let details = lower.find(&DETAILS_TITLE.to_lowercase()).unwrap();
        let why = text
            .find("Why it matters")
            .or_else(|| text.find("Why:"))
            .unwrap();
        assert!(
            verdict < reasons && reasons < reason && reason < ask && ask < details && details < why,
            "out of order ({verdict}, {reasons}, {reason}, {ask}, {details}, {why}):\n{text}"
        );
        assert!(lower[..details].contains(&CHECKLIST_TITLE_PATIENT.to_lowercase()));
    }
}

/// Issue 12, item 3: one count of answers everywhere. The wizard's "Question n of m", the
/// summary's and `score`'s "a of m questions answered" and JSON's counts agree for one file;
/// refused is not an answer, text and not applicable are; and while a question waits on an
/// answer not given yet, every one of them says more may follow.
#[test]
fn the_wizard_the_summary_and_score_count_answers_alike() {
    let bank = load_builtin();
    // source.origin not asked: the donor screening and cell bank questions wait on it.
    let loaded = load(
        &bank,
        "patient",
        "\"testing.coa\" = \"refused\"\n\"source.product_named\" = \"all-three\"\n\"source.product_details\" = \"Brand X\"\n\"cost.per_session_usd\" = 900\n",
    );
    let (file, audience) = (&loaded.file, loaded.file.meta.audience);
    let v = score::score(&bank, &file.answers, audience);
    assert_eq!(v.answered, 3, "refused is not an answer; text is");
    assert!(v.more_may_follow);
    let mut wizard = crate::wizard::Wizard::new(&bank, file.meta.clone(), file.answers.clone());
    let named = bank.find("source.product_named").unwrap();
    assert!(wizard.go_to(named));
    let (n, m) = wizard.position().unwrap();
    assert_eq!(m, v.countable);
    assert_eq!(
        ui::position_line(n, m, wizard.more_may_follow(), "Sourcing"),
        format!("Question {n} of {m} · more may follow · Sourcing")
    );
    let count = format!("3 of {m} questions answered; more may follow");
    for text in outputs(&bank, &loaded, "2026-12-01") {
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(&count), "{count:?} not in:\n{text}");
    }
    let s = Scored::loaded(Path::new("t.toml"), &bank, &loaded, &v);
    let mut json = String::new();
    report::json::Writer::new(&bank).push_line(&s, &mut json);
    assert!(
        json.contains(&format!(
            "\"answered\":3,\"countable\":{m},\"more_may_follow\":true"
        )),
        "{json}"
    );

    // Once the origin and the route are answered, nothing waits: no "more may follow".
    let loaded = load(
        &bank,
        "patient",
        "\"source.origin\" = \"plant\"\n\"delivery.route\" = [\"topical-intact\"]\n",
    );
    for text in outputs(&bank, &loaded, "2026-12-01") {
        assert!(!text.contains("more may follow"), "{text}");
    }
}

/// Only a red answer kept but not counted rules out green: a green one is no reason, and
/// is never said to rule out green.
#[test]
fn a_green_answer_kept_but_not_counted_is_no_reason() {
    let bank = load_builtin();
    // Sterility is asked only when the route breaks the skin; no route is given.
    for (option, is_reason) in [
        ("sterility-endotoxin-mycoplasma-pass", false),
        ("missing-or-failed", true),
    ] {
        let loaded = load(
            &bank,
            "coordinator",
            &format!("\"testing.sterility\" = \"{option}\"\n"),
        );
        let v = score::score(&bank, &loaded.file.answers, loaded.file.meta.audience);
        let e = explain(&Scored::loaded(Path::new("t.toml"), &bank, &loaded, &v));
        let said = e
            .reasons
            .iter()
            .any(|r| r.text.contains("kept but not counted"));
        assert_eq!(said, is_reason, "{option}");
    }
}
