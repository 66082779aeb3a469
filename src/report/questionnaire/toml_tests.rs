//! The questionnaire as an answers file: valid as sent, and a vendor's slip is placed.

use crate::answers::parse;
use crate::bank::{Audience, load_builtin};
use crate::score::{Level, score};
use crate::source::SourceText;

#[test]
fn read_back_unchanged_it_is_a_vendors_file_with_nothing_asked() {
    let bank = load_builtin();
    for audience in Audience::ALL {
        let text = super::answers_file(&bank, audience, "Vendor \"A\"\nInc.");
        let loaded = parse(&SourceText::new("q.toml", text.clone()), &bank)
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let file = &loaded.file;
        assert_eq!(file.meta.audience, audience);
        assert_eq!(file.meta.subject, "Vendor \"A\"\nInc.");
        assert_eq!(file.answers.answered().count(), 0);
        assert!(file.annex.evidence.is_empty());
        // A vendor signs what it returns; a patient's answers are nobody's to sign.
        let words: Vec<&str> = text.split_whitespace().filter(|w| *w != "#").collect();
        let words = words.join(" ");
        match audience {
            Audience::Coordinator => {
                assert!(!file.annex.attestation.as_ref().unwrap().is_signed());
                assert!(words.contains("send the file back"));
            }
            Audience::Patient => {
                assert_eq!(file.annex.attestation, None);
                assert!(!text.contains("[attestation]") && !words.contains("send the file back"));
                assert!(words.contains("keep it to yourself"));
            }
        }
        let v = score(&bank, &file.answers, audience);
        assert_eq!((v.level, v.incomplete), (Level::Amber, true));
        // Every question of the audience has its answer line, once; no other does.
        for q in &bank.questions {
            let line = format!("\n# \"{}\" = \n", q.id);
            let n = text.matches(&line).count();
            assert_eq!(n, usize::from(q.reach.includes(audience)), "{}", q.id);
        }
        // Flags stay off the form.
        for word in ["green", "amber", "red"] {
            assert!(!text.contains(&format!("flag = \"{word}\"")), "{word}");
        }
    }
}

#[test]
fn each_question_says_what_it_takes_when_it_applies_and_what_document_backs_it() {
    let bank = load_builtin();
    let text = super::answers_file(&bank, Audience::Coordinator, "V");
    let patient = super::answers_file(&bank, Audience::Patient, "Clinic");
    let block_in = |text: &str, id: &str| {
        let end = text.find(&format!("# \"{id}\" = ")).unwrap();
        let start = text[..end].rfind("\n\n").unwrap();
        // As read: the comment marks and the wrapping left out.
        text[start..end]
            .split_whitespace()
            .filter(|w| *w != "#")
            .collect::<Vec<_>>()
            .join(" ")
    };
    let block = |id: &str| block_in(&text, id);
    let coa = block("testing.coa");
    assert!(coa.contains("\"lot-third-party\""), "{coa}");
    assert!(coa.contains("\"na\""), "{coa}");
    assert!(coa.contains("\"refused\""), "{coa}");
    assert!(
        coa.contains("certificate of analysis (COA) for the same lot"),
        "{coa}"
    );
    let route = block("delivery.route");
    assert!(route.contains("a list of the ids"), "{route}");
    let cost = block_in(&patient, "cost.per_session_usd");
    assert!(cost.contains("a number from"), "{cost}");
    let label = block("delivery.label_match");
    assert!(
        label.contains("Only if the answers to question 7 included"),
        "{label}"
    );
    // Every line of a question's block is a comment: nothing the bank says becomes TOML.
    for line in text.lines().skip_while(|l| *l != "[answers]").skip(1) {
        if line == "[attestation]" {
            break;
        }
        assert!(line.is_empty() || line.starts_with('#'), "{line:?}");
    }
}

#[test]
fn a_vendors_slip_is_placed_and_names_the_valid_options() {
    let bank = load_builtin();
    let text = super::answers_file(&bank, Audience::Coordinator, "V").replace(
        "# \"source.origin\" = \n",
        "\"source.origin\" = \"umbilical-cord\"\n",
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("\"source.origin\""))
        .unwrap()
        + 1;
    let err = parse(&SourceText::new("vendor.toml", text), &bank)
        .unwrap_err()
        .to_string();
    assert!(err.contains(&format!("vendor.toml:{line}:")), "{err}");
    assert!(err.contains("msc-umbilical-cord"), "{err}");
}

/// "refused" reads as the person filling the file in would say it: the vendor's own "you cannot
/// or will not answer"; on a patient's file, "they could not or would not answer" about the
/// provider, and "I'd rather not say" on the patient's own questions (found by an adversarial
/// run: every patient line said "You cannot or will not answer").
#[test]
fn refused_is_worded_for_whoever_fills_the_file_in() {
    let bank = load_builtin();
    let line = |text: &str, id: &str| -> String {
        let at = text.find(&format!("# \"{id}\" = \n")).unwrap();
        let block = &text[..at];
        let from = block.rfind("\"refused\"").unwrap();
        block[from..].lines().next().unwrap().to_owned()
    };
    let patient = super::answers_file(&bank, Audience::Patient, "Spa");
    assert!(!patient.contains("You cannot or will not answer"));
    for own in [
        "suitability.pregnant",
        "delivery.abroad",
        "claims.sales_pressure",
        "provider.answers_clearly",
    ] {
        assert!(line(&patient, own).contains("I'd rather not say"), "{own}");
    }
    assert!(line(&patient, "testing.coa").contains("They could not or would not answer"));
    let vendor = super::answers_file(&bank, Audience::Coordinator, "Vendor");
    assert!(line(&vendor, "testing.coa").contains("You cannot or will not answer"));
}
