//! The questionnaire's model and layouts, on the built-in bank and on small inline banks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use unicode_width::UnicodeWidthStr;

use super::*;
use crate::bank::{Flag, load_builtin, parse};
use crate::source::SourceText;

fn builtin() -> Bank {
    load_builtin()
}

/// A bank whose second coordinator question depends on a question that sits
/// after a patient-only one, so bank order and printout numbers differ.
const SHIFTED: &str = r#"
[bank]
id = "shifted"
version = "1.0.0"
title = "Shifted"
disclaimer = "Not medical advice. No exosome product is FDA-approved."
[scoring]
key = ["a.key"]
[[section]]
id = "a"
title = "A"
intro = "First."
[[question]]
id = "a.key"
section = "a"
audience = "both"
kind = "single"
prompt = "Key?"
help = "h"
ask = "Ask key."
sources = ["s"]
[[question.option]]
id = "yes"
label = "Yes"
flag = "green"
why = "w"
[[question.option]]
id = "no"
label = "No"
flag = "amber"
why = "w"
[[question]]
id = "a.patient"
section = "a"
audience = "patient"
kind = "number"
unit = "dollars"
min = 0
max = 10
prompt = "How much? Write the number."
help = "h"
ask = "Ask price."
sources = ["s"]
[[question.band]]
min = 0
max = 10
flag = "green"
why = "w"
[[question]]
id = "a.route"
section = "a"
audience = "both"
kind = "multiple"
prompt = "Routes? Tick all that apply."
help = "h"
ask = "Ask route."
sources = ["s"]
[[question.option]]
id = "skin"
label = "Skin"
flag = "green"
why = "w"
[[question.option]]
id = "vein"
label = "Vein, or \"IV\""
flag = "amber"
why = "w"
[[question]]
id = "a.sterile"
section = "a"
audience = "coordinator"
kind = "single"
allow_na = true
prompt = "Sterile?"
help = "h"
ask = "Ask sterility."
sources = ["s"]
show_if = { question = "a.route", any_of = ["skin", "vein"] }
[[question.option]]
id = "yes"
label = "Yes"
flag = "green"
why = "w"
[[question.option]]
id = "no"
label = "A label with a word far too long for any printed line: https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
flag = "amber"
why = "w"
"#;

fn exovet_bank_text() -> String {
    let text = crate::bank::BUILTIN_TEXT.to_owned();
    assert!(text.contains("ask = \"Is there anything else I should know before I decide?\"\n"));
    text
}

fn shifted() -> Bank {
    parse(&SourceText::new("shifted.toml", SHIFTED))
        .unwrap()
        .bank
}

fn entry<'f>(form: &'f Form<'_>, id: &str) -> &'f Entry<'f> {
    form.entries().find(|e| e.question.id == id).unwrap()
}

#[test]
fn paper_answers_drop_not_asked_and_end_with_refused_then_na() {
    // Number questions get the reserved boxes under their write-in line.
    let shifted = shifted();
    let form = Form::new(&shifted, Audience::Patient);
    let price = entry(&form, "a.patient");
    assert!(matches!(price.write_in, WriteIn::Number(_)));
    assert_eq!(price.boxes, [ui::QUESTIONNAIRE_REFUSED]);

    let bank = builtin();
    let form = Form::new(&bank, Audience::Patient);
    let labels = &entry(&form, "source.origin").boxes;
    assert_eq!(labels.len(), 13, "twelve options and the refused box");
    assert_eq!(labels.last(), Some(&ui::QUESTIONNAIRE_REFUSED));
    assert!(!labels.contains(&ui::NOT_ASKED_TEXT));
    let labels = &entry(&form, "testing.coa").boxes;
    assert_eq!(
        labels[labels.len() - 2..],
        [ui::QUESTIONNAIRE_REFUSED, ui::NA_TEXT]
    );
    // About the patient, a refusal is the patient's own "I'd rather not say".
    let labels = &entry(&form, "suitability.pregnant").boxes;
    assert_eq!(labels.last().copied(), Some("I'd rather not say"));
    // A free note offers no refusal at all.
    assert!(entry(&form, "notes").boxes.is_empty());
}

#[test]
fn only_the_audience_s_questions_are_numbered_in_bank_order() {
    let bank = builtin();
    for audience in Audience::ALL {
        let form = Form::new(&bank, audience);
        let ids: Vec<&str> = form.entries().map(|e| e.question.id.as_str()).collect();
        // A coordinator's own checks come last, apart, under "Check yourself".
        let mut asked: Vec<&crate::bank::Question> = bank
            .questions
            .iter()
            .filter(|q| q.reach.includes(audience))
            .collect();
        asked.sort_by_key(|q| q.check_yourself(audience));
        let expected: Vec<&str> = asked.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            form.sections.last().unwrap().check_yourself,
            audience == Audience::Coordinator
        );
        assert_eq!(ids, expected);
        let numbers: Vec<usize> = form.entries().map(|e| e.number).collect();
        assert_eq!(numbers, (1..=expected.len()).collect::<Vec<_>>());
    }
}

#[test]
fn conditions_name_the_earlier_question_by_its_number_on_this_page() {
    let bank = shifted();
    let form = Form::new(&bank, Audience::Coordinator);
    let when = entry(&form, "a.sterile").when.as_ref().unwrap();
    // a.route is the bank's third question but the coordinator's second.
    assert_eq!(when.number, 2);
    assert_eq!(
        when.sentence(|l| format!("'{l}'")),
        "Only if the answers to question 2 included: 'Skin' or 'Vein, or \"IV\"'."
    );
    let bank = builtin();
    let form = Form::new(&bank, Audience::Coordinator);
    let origin = entry(&form, "source.origin").number;
    let when = entry(&form, "source.cell_bank").when.as_ref().unwrap();
    assert_eq!(when.number, origin);
    assert!(when.sentence(str::to_owned).starts_with(&format!(
        "Only if the answer to question {origin} was: {}",
        bank.question(bank.find("source.origin").unwrap()).kind.choices()[0].label
    )));
}

#[test]
fn a_hint_is_left_out_when_the_prompt_already_says_it() {
    let bank = shifted();
    let form = Form::new(&bank, Audience::Patient);
    assert_eq!(entry(&form, "a.key").hint, Some("tick one"));
    assert_eq!(entry(&form, "a.patient").hint, None);
    assert_eq!(entry(&form, "a.route").hint, None);
}

#[test]
fn the_blank_form_shows_no_flag_and_no_reason() {
    let bank = builtin();
    for audience in Audience::ALL {
        for format in [Format::Txt, Format::Md, Format::Html] {
            let out = render(&bank, audience, format);
            // The stylesheet names the flag classes; the body must not use them.
            let body = out.split("<body>").last().unwrap();
            for word in ["GREEN", "AMBER", "RED", "critical", "flag-"] {
                assert!(!body.contains(word), "{audience} {format:?} shows {word}");
            }
            for q in bank.questions.iter().filter(|q| q.reach.includes(audience)) {
                for c in q.kind.choices().iter().filter(|c| c.flag != Flag::Green) {
                    let why = crate::doc::md::line(&c.why);
                    assert!(!body.contains(&c.why) && !body.contains(&why), "{}", c.why);
                }
            }
        }
    }
}

#[test]
fn plain_text_fits_80_columns_even_with_a_word_too_long_for_a_line() {
    for bank in [builtin(), shifted()] {
        for audience in Audience::ALL {
            let out = render(&bank, audience, Format::Txt);
            for line in out.lines() {
                assert!(line.width() <= 80, "{} columns: {line}", line.width());
                assert_eq!(line, line.trim_end(), "trailing space: {line:?}");
            }
        }
    }
    let out = render(&shifted(), Audience::Coordinator, Format::Txt);
    assert!(out.contains("[ ] A label with a word far too long"));
}

#[test]
fn markdown_escaping_leaves_bank_text_inert() {
    assert_eq!(
        crate::doc::md::line("*md* | <b>&amp;</b>"),
        r"\*md\* \| \<b\>\&amp;\</b\>"
    );
    assert_eq!(crate::doc::md::line("- a list?"), r"\- a list?");
    assert_eq!(
        crate::doc::md::line("12. an ordered list"),
        r"12\. an ordered list"
    );
    assert_eq!(crate::doc::md::line("12 monkeys. fine"), "12 monkeys. fine");
    assert_eq!(
        crate::doc::md::line("# title\n\n# another"),
        r"\# title \# another"
    );
    assert_eq!(
        crate::doc::md::line("`code` [link](x) _u_ ~s~"),
        r"\`code\` \[link\](x) \_u\_ \~s\~"
    );
    assert_eq!(crate::doc::md::line("a\\b"), r"a\\b");
    assert_eq!(crate::doc::md::line("bell\x07"), r"bell\\u{7}");
}

#[test]
fn text_questions_without_their_own_ask_do_not_repeat_the_prompt() {
    // The built-in notes question, without the `ask` line it has.
    let text = exovet_bank_text()
        .replace(
            "ask = \"Is there anything else I should know before I decide?\"\n",
            "",
        )
        .replace(
            "coordinator_ask = \"Is there anything else we should know about this product or your company?\"\n",
            "",
        );
    let bank = parse(&SourceText::new("q.toml", text)).unwrap().bank;
    let form = Form::new(&bank, Audience::Patient);
    let notes = entry(&form, "notes");
    assert!(matches!(notes.write_in, WriteIn::Lines));
    assert!(notes.boxes.is_empty());
    assert_eq!(notes.ask, None);
    // Not for coordinators either, whose prompt differs from the default `ask`.
    let form = Form::new(&bank, Audience::Coordinator);
    assert_eq!(entry(&form, "notes").ask, None);
    assert!(entry(&form, "source.origin").ask.is_some());
}

#[test]
fn coordinators_get_the_answers_file_appendix_in_txt_and_md_only() {
    let bank = builtin();
    for format in [Format::Txt, Format::Md] {
        let c = render(&bank, Audience::Coordinator, format);
        assert!(c.contains(ui::ANSWERS_FILE_TITLE), "{format:?}");
        assert!(c.contains("audience = \"coordinator\""));
        assert!(c.contains("cgmp-with-evidence"));
        let p = render(&bank, Audience::Patient, format);
        assert!(!p.contains("cgmp-with-evidence"), "{format:?}");
    }
    let html = render(&bank, Audience::Coordinator, Format::Html);
    assert!(html.contains("exovet questions --audience coordinator --format txt"));
}

/// Found by an adversarial run: the coordinator's own check of the FDA's records offered
/// "They could not or would not answer", with nobody to refuse it. Not on the coordinator's
/// form; the patient, who asks the provider, still has it.
#[test]
fn a_coordinators_own_check_offers_no_refusal_box() {
    let bank = builtin();
    let coordinator = Form::new(&bank, Audience::Coordinator);
    let own = entry(&coordinator, "manufacturing.enforcement");
    assert!(own.check_yourself);
    assert!(
        !own.boxes.contains(&crate::ui::QUESTIONNAIRE_REFUSED),
        "{:?}",
        own.boxes
    );
    assert!(
        entry(&coordinator, "testing.coa")
            .boxes
            .contains(&crate::ui::QUESTIONNAIRE_REFUSED)
    );
    let patient = Form::new(&bank, Audience::Patient);
    assert!(
        entry(&patient, "manufacturing.enforcement")
            .boxes
            .contains(&crate::ui::QUESTIONNAIRE_REFUSED)
    );
}
