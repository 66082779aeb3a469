//! Issue 13: a coordinator attaches the document behind an answer on the question itself;
//! a patient's `a` stays a letter typed by mistake.

use super::term::Term;
use super::{ENTER, preset};
use crate::score_json_in;

const STARTED: &str = "[meta]\naudience = \"coordinator\"\nsubject = \"Vendor C\"\n\n[answers]\n\"source.origin\" = \"msc-umbilical-cord\"\n\"source.product_named\" = \"all-three\"\n\"source.product_details\" = \"CordEV, lot 7\"\n";

#[test]
fn a_coordinator_attaches_a_document_with_a_path_and_a_status() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), STARTED).unwrap();
    std::fs::write(dir.path().join("donors.pdf"), "donor records, lot 7").unwrap();
    let mut term = Term::start(
        dir.path(),
        &preset("coordinator", "Vendor C", "c.toml"),
        100,
        30,
    );
    term.wait_for("Backed by: The donor eligibility records");
    term.keys("a");
    term.wait_for("Attach a document");
    // A file that is not there is refused before its status is asked, and the path
    // stays to be corrected.
    term.keys("donor.pdf");
    term.keys(ENTER);
    let screen = term.wait_for("Cannot attach donor.pdf");
    assert!(!screen.contains("How far did you look at it?"), "{screen}");
    term.keys("\x7f\x7f\x7f\x7fs.pdf");
    term.wait_for("donors.pdf▏");
    term.keys(ENTER);
    term.wait_for("How far did you look at it?");
    term.keys("3");
    term.wait_for("Document: donors.pdf, recorded as checked");
    term.keys("1"); // records for each lot
    term.wait_for("Question 5 of");
    term.keys("q");
    assert!(term.wait_exit());
    let saved = std::fs::read_to_string(dir.path().join("c.toml")).unwrap();
    assert!(
        saved.contains(
            "[evidence.\"source.donor_screening\"]\ndocument = \"donors.pdf\"\nsha256 = \""
        ),
        "{saved}"
    );
    let v = score_json_in(dir.path(), "c.toml");
    let evidence = v["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0]["status"], "checked");
    assert_eq!(evidence[0]["matches"], true);
}

#[test]
fn a_patients_a_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &preset("patient", "P", "p.toml"), 100, 30);
    term.wait_for("Question 1 of");
    term.keys("a");
    let screen = term.wait_for("Question 1 of");
    assert!(!screen.contains("Attach a document"), "{screen}");
    assert!(!screen.contains("Backed by"), "{screen}");
    term.keys("\x1b");
    assert!(term.wait_exit());
    let saved = std::fs::read_to_string(dir.path().join("p.toml")).unwrap();
    assert!(!saved.contains("[evidence"), "{saved}");
}

/// Ctrl-Z takes back an attachment without taking the text typed in the field with it.
#[test]
fn undoing_an_attachment_in_a_text_field_keeps_what_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let started = "[meta]\naudience = \"coordinator\"\nsubject = \"Vendor C\"\n\n[answers]\n\"source.origin\" = \"msc-umbilical-cord\"\n\"source.product_named\" = \"all-three\"\n";
    std::fs::write(dir.path().join("c.toml"), started).unwrap();
    std::fs::write(dir.path().join("label.pdf"), "label").unwrap();
    let mut term = Term::start(
        dir.path(),
        &preset("coordinator", "Vendor C", "c.toml"),
        100,
        30,
    );
    term.wait_for("Type your answer");
    term.keys("QQQ");
    term.wait_for("[QQQ");
    term.keys("\x01"); // Ctrl-A
    term.wait_for("Attach a document");
    term.keys("label.pdf");
    term.keys(ENTER);
    term.wait_for("How far did you look at it?");
    term.keys("2");
    term.wait_for("Document: label.pdf, recorded as seen");
    term.keys("ZZ");
    term.wait_for("[QQQZZ");
    term.keys("\x1a"); // Ctrl-Z
    let screen = term.wait_for("Undone: the document is as it was.");
    assert!(screen.contains("[QQQZZ"), "{screen}");
    assert!(!screen.contains("Document: label.pdf"), "{screen}");
    term.keys("\x1b");
    assert!(term.wait_exit());
}
