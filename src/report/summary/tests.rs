//! Unit tests of the summary: what it says for each kind of verdict, and that no bank or answer text can change the page.

use std::path::Path;

use super::*;
use crate::answers;
use crate::bank::{self, Bank};
use crate::score;
use crate::source::SourceText;
use crate::ui;

const TRAP: &str = "<script>alert(1)</script> \" onmouseover=\"x *bold* [x](y) | &amp; \u{1b}[31m =HYPERLINK(\"x\")";

fn scored_with(bank: &Bank, answers_toml: &str, f: impl FnOnce(&Scored<'_>)) {
    let src = SourceText::new("test.toml", answers_toml);
    let loaded = answers::parse(&src, bank).unwrap();
    let verdict = score::score(bank, &loaded.file.answers, loaded.file.meta.audience);
    let s =
        Scored::loaded(Path::new("answers/test.toml"), bank, &loaded, &verdict).on("2026-12-01");
    f(&s);
}

/// The summary as a record, with every detail: what most of these tests read.
fn render(s: &Scored<'_>, format: Format) -> String {
    render_paper(
        s,
        format,
        Paper {
            details: true,
            health: true,
        },
    )
}

fn answers(audience: &str, body: &str) -> String {
    format!(
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.0.0\"\naudience = \"{audience}\"\nsubject = \"Test Clinic\"\n\n[answers]\n{body}"
    )
}

#[test]
fn times_read_as_dates_people_use() {
    assert_eq!(ui::when_text(None), "not saved yet");
    assert_eq!(ui::when_text(Some("  ")), "not saved yet");
    assert_eq!(
        ui::when_text(Some("2026-11-22T10:00:00Z")),
        "22 November 2026, 10:00 UTC"
    );
    assert_eq!(
        ui::when_text(Some("2026-03-04T10:15:00.123+01:00")),
        "4 March 2026, 10:15 UTC+01:00"
    );
    assert_eq!(
        ui::when_text(Some("2026-02-18 19:00:00")),
        "18 February 2026, 19:00"
    );
    assert_eq!(ui::when_text(Some("2026-02-18")), "18 February 2026");
    assert_eq!(ui::when_text(Some("2026-13-01")), "2026-13-01");
    assert_eq!(ui::when_text(Some("yesterday\u{7}")), "yesterday\\u{7}");
}

#[test]
fn a_red_from_the_provider_says_do_not_go_ahead() {
    let bank = bank::load_builtin();
    scored_with(
        &bank,
        &answers("patient", "\"delivery.route\" = [\"iv-infusion\"]\n"),
        |s| {
            let txt = render(s, Format::Txt);
            assert!(txt.contains("(X) VERDICT: RED"), "{txt}");
            assert!(txt.contains("Do not go ahead with this treatment"), "{txt}");
            assert!(txt.contains("WHAT TO ASK AT THE CONSULT"), "{txt}");
            assert!(txt.contains("Last saved:      not saved yet"), "{txt}");
            assert!(!txt.contains("Score"), "patients see no score: {txt}");
        },
    );
}

#[test]
fn a_red_from_the_patients_health_points_to_a_physician_not_the_provider() {
    let bank = bank::load_builtin();
    scored_with(
        &bank,
        &answers("patient", "\"suitability.pregnant\" = \"yes\"\n"),
        |s| {
            let txt = render(s, Format::Txt);
            assert!(txt.contains(ui::RED_FROM_PATIENT_CAUTIONS.split(':').next().unwrap()));
            assert!(txt.contains("The provider's answers are not what made this red."));
            let cautions = txt
                .find(&ui::PATIENT_CAUTIONS_TITLE.to_uppercase())
                .unwrap();
            let flags = txt
                .find("Amber flags")
                .or_else(|| txt.find("Red and amber flags"))
                .unwrap();
            assert!(
                flags < cautions,
                "cautions come after the provider's flags: {txt}"
            );
            assert!(txt[cautions..].contains("Are you pregnant or breastfeeding?"));
            assert!(!txt[..cautions].contains("Are you pregnant or breastfeeding?\n"));
        },
    );
}

#[test]
fn a_coordinator_sees_the_score_and_vendor_wording() {
    let bank = bank::load_builtin();
    scored_with(
        &bank,
        &answers("coordinator", "\"testing.coa\" = \"generic-or-in-house\"\n"),
        |s| {
            let md = render(s, Format::Md);
            assert!(md.contains("Score "), "{md}");
            assert!(
                md.contains("Send the vendor the questions on the checklist"),
                "{md}"
            );
            assert!(md.contains("## ▲ Verdict: AMBER (incomplete)"), "{md}");
        },
    );
}

#[test]
fn answers_from_another_bank_version_say_so() {
    let bank = bank::load_builtin();
    let older = answers("patient", "").replace("\"1.0.0\"", "\"0.9.0\"");
    scored_with(&bank, &older, |s| {
        let html = render(s, Format::Html);
        assert!(
            html.contains(
                "version 1.2.0, released 2026-12-07); the answers were saved with version 0.9.0"
            ),
            "{html}"
        );
    });
}

/// Anyone can hand a clinic a bank: its words are escaped like typed ones,
/// and a source that is not a web address never becomes a link.
#[test]
fn bank_text_cannot_change_the_page() {
    let mut bank = bank::load_builtin();
    bank.title = TRAP.to_owned();
    bank.disclaimer = TRAP.to_owned();
    bank.sections[0].title = TRAP.to_owned();
    let origin = bank.find("source.origin").unwrap();
    let q = &mut bank.questions[origin.0];
    q.prompt = TRAP.to_owned();
    q.ask = format!("{TRAP}\n# heading\n\n    code");
    if let crate::bank::Kind::Single(choices) = &mut q.kind {
        for c in choices {
            c.label = TRAP.to_owned();
            c.why = TRAP.to_owned();
            c.sources = vec![
                "javascript:alert(1)".to_owned(),
                "https://example.org/\"><script>".to_owned(),
            ];
        }
    }
    scored_with(
        &bank,
        &answers("patient", "\"source.origin\" = \"cancer-cell-line\"\n"),
        |s| {
            let html = render(s, Format::Html);
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("\" onmouseover"), "{html}");
            assert!(!html.contains("href=\"javascript"), "{html}");
            assert!(!html.contains('\u{1b}'));
            assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            assert!(html.contains("<a href=\"https://example.org/&quot;&gt;&lt;script&gt;\">"));

            let md = render(s, Format::Md);
            assert!(!md.contains('\u{1b}'));
            assert!(md.contains(r"\*bold\* \[x\](y) \| \&amp;"), "{md}");
            for (i, _) in md.match_indices('<') {
                assert_eq!(&md[i - 1..i], "\\", "raw < in markdown: {md}");
            }
            assert!(!md.contains("\n# heading"), "{md}");
            assert!(!md.contains("\n    code"), "{md}");

            let txt = render(s, Format::Txt);
            assert!(!txt.contains('\u{1b}'));
            assert!(txt.contains("\\u{1b}[31m"));
        },
    );
}

/// Issue 12, item 2: the summary helps decide, not only judge, in words from the bank: the
/// options (no treatment, PRP, lasers or RF microneedling alone), what is uncertain, the
/// dates of the facts, who made the tool, how to report a harm; each with its sources. It
/// never calls itself a decision aid.
#[test]
fn the_summary_says_the_options_the_uncertainty_the_dates_and_how_to_report_a_harm() {
    let bank = bank::load_builtin();
    assert_eq!(bank.guide.len(), 5, "the built-in bank's [[guide]]");
    scored_with(
        &bank,
        &answers("patient", "\"testing.coa\" = \"none\"\n"),
        |s| {
            for format in [Format::Txt, Format::Md, Format::Html] {
                let text = render(s, format);
                let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                for wanted in [
                    "Before you decide",
                    "no treatment",
                    "PRP",
                    "RF microneedling",
                    "paid for or run by the company",
                    "came out on 2026-12-07. Its next review is planned for 2027-06-07.",
                    "No clinic, maker or vendor pays for it",
                    "MedWatch",
                    "www.fda.gov/medwatch",
                    "Reporting Adverse Events Related to Stem Cells",
                ] {
                    assert!(
                        words.to_lowercase().contains(&wanted.to_lowercase()),
                        "{format:?}: {wanted:?} missing:\n{text}"
                    );
                }
                let lower = words.to_lowercase();
                assert!(!lower.contains("decision aid") && !lower.contains("ipdas"));
                let guide = lower.find("before you decide").unwrap();
                assert!(
                    lower.find("what to ask at the consult").unwrap() < guide,
                    "{format:?}: the questions to ask come first"
                );
            }
        },
    );
    // A coordinator screening vendors is not offered the patient's options.
    scored_with(&bank, &answers("coordinator", ""), |s| {
        let txt = render(s, Format::Txt);
        assert!(
            txt.contains("MedWatch") && !txt.contains("Your options"),
            "{txt}"
        );
    });
    // A bank without a guide prints no such part.
    let mut bare = bank::load_builtin();
    bare.guide.clear();
    scored_with(&bare, &answers("patient", ""), |s| {
        assert!(!render(s, Format::Txt).contains("BEFORE YOU DECIDE"));
    });
}

/// Issue 21: a patient's paper is two pages: the verdict, what to do next and the red flags
/// in plain words first, then the questions to ask, the most important with a line to write
/// on. The details are a command away, and `--no-health` leaves the patient's own health
/// answers off.
#[test]
fn a_patients_paper_is_the_verdict_then_the_questions() {
    let bank = bank::load_builtin();
    scored_with(
        &bank,
        &answers(
            "patient",
            "\"testing.coa\" = \"none\"\n\"suitability.pregnant\" = \"yes\"\n",
        ),
        |s| {
            let paper =
                |details, health| super::render_paper(s, Format::Txt, Paper { details, health });
            let brief = paper(false, true);
            assert_eq!(brief, super::render(s, Format::Txt), "a patient's default");
            let at = |text: &str| {
                brief
                    .find(text)
                    .unwrap_or_else(|| panic!("{text}: {brief}"))
            };
            assert!(at("VERDICT: RED") < at("WHAT TO DO NEXT"));
            assert!(at("WHAT TO DO NEXT") < at("THE RED FLAGS"));
            assert!(at("THE RED FLAGS") < at("WHAT TO ASK AT THE CONSULT"));
            assert!(brief.contains("--details"), "{brief}");
            for detail in [
                "Why it matters:",
                "Sources:",
                "BEFORE YOU DECIDE",
                "Answers file:",
            ] {
                assert!(!brief.contains(detail), "{detail}: {brief}");
            }
            assert!(brief.contains("Are you pregnant or breastfeeding?"));
            let private = paper(false, false);
            assert!(
                !private.contains("Are you pregnant or breastfeeding? Answer"),
                "{private}"
            );
            assert!(!paper(true, false).contains(&ui::PATIENT_CAUTIONS_TITLE.to_uppercase()));
            assert!(paper(true, true).contains("Why it matters:"));
        },
    );
}

/// Tried as an expert: a red answer kept but not counted rules out green, so the two-page
/// paper lists it with the red flags (before, page 1 said nothing of why it was not green).
#[test]
fn a_patients_paper_lists_a_red_kept_but_not_counted() {
    let bank = bank::load_builtin();
    scored_with(
        &bank,
        &answers(
            "patient",
            "\"manufacturing.separation\" = \"undisclosed\"\n",
        ),
        |s| {
            assert!(
                s.verdict
                    .not_counted
                    .iter()
                    .any(crate::score::NotCounted::blocks_green)
            );
            let brief = super::render(s, Format::Txt);
            let reds = brief
                .split("THE RED FLAGS")
                .nth(1)
                .unwrap_or_else(|| panic!("{brief}"));
            assert!(reds.contains("kept but not counted"), "{brief}");
        },
    );
}
