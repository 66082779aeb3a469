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
            let asked = q.reach.includes(audience) && !q.check_yourself(audience);
            assert_eq!(n, usize::from(asked), "{}", q.id);
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

/// The file sent to a vendor speaks to the vendor: its own questions and answers in its own
/// voice, no patient's or coordinator's wording, and none of the coordinator's own checks
/// (issue 21: it asked the vendor for "the FDA warning-letter search you ran").
#[test]
fn the_vendors_file_speaks_to_the_vendor_and_leaves_out_the_coordinators_own_checks() {
    use crate::bank::AskedOf;
    let bank = load_builtin();
    let text = super::answers_file(&bank, Audience::Coordinator, "Vendor");
    let comments: String = text
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = comments.to_lowercase();
    for phrase in ["physician", "you ran", "the vendor", "for coordinators"] {
        assert!(!lower.contains(phrase), "{phrase:?} in the vendor's file");
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .collect();
    for word in ["they", "them", "their", "they're", "i", "me", "my"] {
        assert!(
            !words.contains(&word),
            "the word {word:?} in the vendor's file"
        );
    }
    let own: Vec<&str> = bank
        .questions
        .iter()
        .filter(|q| q.asked_of == AskedOf::Coordinator)
        .map(|q| q.id.as_str())
        .collect();
    assert!(own.contains(&"manufacturing.enforcement"), "{own:?}");
    for q in &bank.questions {
        let asked = text.contains(&format!("\n# \"{}\" = \n", q.id));
        let for_vendor = q.reach.includes(Audience::Coordinator) && !own.contains(&q.id.as_str());
        assert_eq!(asked, for_vendor, "{}", q.id);
        // Every question the vendor answers is worded for the vendor.
        if for_vendor {
            let prompt = q
                .vendor_prompt
                .as_deref()
                .unwrap_or_else(|| panic!("{} has no vendor_prompt", q.id));
            let start: String = crate::report::one_line(prompt).chars().take(30).collect();
            assert!(comments.contains(&start), "{}", q.id);
        }
    }
    // A patient still asks the provider everything.
    let patient = super::answers_file(&bank, Audience::Patient, "Spa");
    assert!(patient.contains("# \"manufacturing.enforcement\" = \n"));
}
