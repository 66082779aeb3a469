//! `[evidence]` and `[attestation]` through reading, writing and keeping a hand-edited file.

use super::*;
use crate::bank::load_builtin;
use crate::source::SourceText;

const RETURNED: &str = r#"# Sent to Vendor A, 2026-11-02
[meta]
bank = "exosome-vetting"
bank_version = "1.1.0"
audience = "coordinator"
subject = "Vendor A"

[answers]
"testing.coa" = "lot-third-party"

[evidence."testing.coa"]   # the lot we buy
document = "coa-lot-42.pdf"
sha256 = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"
status = "seen"
date = 2026-12-01
note = "third-party lab, ISO 17025"

[evidence.manufacturing.enforcement]
document = "https://www.fda.gov/inspections-compliance-enforcement-and-criminal-investigations/compliance-actions-and-activities/warning-letters"

[attestation]
name = "Jane Roe"   # signed on paper too
role = "Head of Quality"
organization = "Vendor A Inc."
date = "2026-12-01"
statement = "I confirm these answers are true and complete to the best of my knowledge."
"#;

/// Answers and annex, leaving out `updated`, which a save sets.
fn kept(file: &AnswerFile) -> (&Answers, &Annex) {
    (&file.answers, &file.annex)
}

fn read(text: &str) -> Result<AnswerFile, String> {
    parse(&SourceText::new("f.toml", text), &load_builtin())
        .map(|l| l.file)
        .map_err(|e| e.to_string())
}

#[test]
fn documents_and_an_attestation_are_read_both_spellings_of_the_id_too() {
    let bank = load_builtin();
    let file = read(RETURNED).unwrap();
    let coa = &file.annex.evidence[&bank.find("testing.coa").unwrap()];
    assert_eq!(coa.document, "coa-lot-42.pdf");
    assert_eq!(
        coa.sha256.as_deref(),
        Some("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
    );
    assert_eq!(coa.status, Status::Seen);
    assert_eq!(coa.date.as_deref(), Some("2026-12-01"));
    let search = &file.annex.evidence[&bank.find("manufacturing.enforcement").unwrap()];
    assert!(search.is_address());
    assert_eq!(search.status, Status::Claimed, "no status is the least one");
    let a = file.annex.attestation.as_ref().unwrap();
    assert!(a.is_signed());
    assert_eq!(a.date, "2026-12-01");
}

#[test]
fn written_and_read_back_they_are_the_same() {
    let file = read(RETURNED).unwrap();
    let bank = load_builtin();
    let text = to_toml(&bank, &file);
    assert_eq!(kept(&read(&text).unwrap()), kept(&file), "{text}");
    // A blank attestation too: empty strings, and an empty date, read back as such.
    let mut blank = file.clone();
    blank.annex.attestation = Some(Attestation::blank());
    let text = to_toml(&bank, &blank);
    assert!(text.contains("date = \"\""), "{text}");
    assert_eq!(kept(&read(&text).unwrap()), kept(&blank), "{text}");
}

#[test]
fn a_hand_edited_file_keeps_its_comments_around_documents_and_the_signature() {
    let bank = load_builtin();
    let mut file = read(RETURNED).unwrap();
    let coa = bank.find("testing.coa").unwrap();
    file.annex.evidence.get_mut(&coa).unwrap().status = Status::Checked;
    let sterility = bank.find("testing.sterility").unwrap();
    file.annex.evidence.insert(
        sterility,
        Document {
            document: "sterility.pdf".into(),
            sha256: None,
            status: Status::Seen,
            date: Some("2026-12-02".into()),
            note: String::new(),
        },
    );
    let text = to_toml_keeping(&bank, &file, Some(RETURNED));
    for kept in [
        "# Sent to Vendor A, 2026-11-02",
        "[evidence.\"testing.coa\"]   # the lot we buy",
        "name = \"Jane Roe\"   # signed on paper too",
        "status = \"checked\"",
        "[evidence.\"testing.sterility\"]",
    ] {
        assert!(text.contains(kept), "{kept:?} is gone:\n{text}");
    }
    assert_eq!(kept(&read(&text).unwrap()), kept(&file), "{text}");
    // Every table stays a table of the answers file: nothing landed inside [attestation].
    assert!(
        text.find("[evidence.\"testing.sterility\"]").unwrap()
            < text.find("[attestation]").unwrap()
            || text
                .trim_end()
                .ends_with("status = \"seen\"\ndate = 2026-12-02"),
        "{text}"
    );

    // Dropping the documents and the signature takes their tables out.
    file.annex.evidence.clear();
    file.annex.attestation = None;
    let text = to_toml_keeping(&bank, &file, Some(RETURNED));
    assert!(
        !text.contains("[evidence") && !text.contains("[attestation]"),
        "{text}"
    );
    assert_eq!(kept(&read(&text).unwrap()), kept(&file), "{text}");
}

#[test]
fn mistakes_in_documents_and_signatures_are_placed_and_name_what_is_valid() {
    let cases = [
        (
            "[evidence.\"testing.coaa\"]\ndocument = \"x.pdf\"\n",
            "did you mean `testing.coa`",
        ),
        (
            "[evidence.\"testing.coa\"]\nstatus = \"seen\"\n",
            "has no `document`",
        ),
        (
            "[evidence.\"testing.coa\"]\ndocument = \"x.pdf\"\nstatus = \"verified\"\n",
            "`claimed` (they say",
        ),
        (
            "[evidence.\"testing.coa\"]\ndocument = \"x.pdf\"\nsha256 = \"abc\"\n",
            "not a SHA-256",
        ),
        (
            "[evidence.\"testing.coa\"]\ndocument = \"x.pdf\"\ndate = 10:00:00\n",
            "a day like 2026-12-01",
        ),
        (
            "[evidence.\"testing.coa\"]\ndocument = \"x.pdf\"\nstatuss = \"seen\"\n",
            "did you mean `status`",
        ),
        (
            "[evidence]\n\"testing.coa\" = \"x.pdf\"\n",
            "must be a table",
        ),
        ("[attestation]\nnam = \"J\"\n", "did you mean `name`"),
        ("[attestation]\ndate = \"last week\"\n", "`last week`"),
        ("[attestation]\nname = 3\n", "must be text in quotes"),
        ("attestation = \"yes\"\n", "must be a table"),
        ("[evidense]\n", "did you mean `evidence`"),
    ];
    for (tail, said) in cases {
        let head = "[meta]\naudience = \"coordinator\"\n[answers]\n";
        // A bare key goes before the first table, or it would be read as an answer.
        let text = if tail.starts_with('[') {
            format!("{head}{tail}")
        } else {
            format!("{tail}{head}")
        };
        let err = read(&text).expect_err(tail);
        assert!(
            err.to_lowercase().contains(&said.to_lowercase()),
            "{tail:?} said:\n{err}"
        );
        assert!(err.contains("f.toml:"), "{err}");
    }
}
