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

/// Issue 19: saving to another file in another folder rewrites each document's path for
/// the new place, so a checked document is still found there.
#[test]
fn saving_elsewhere_keeps_each_document_found() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    std::fs::create_dir(&a).unwrap();
    std::fs::write(a.join("donors.pdf"), "donor records, lot 7").unwrap();
    // Attached where the answers are, in `a`.
    let started = format!(
        "{STARTED}\n[evidence.\"source.donor_screening\"]\ndocument = \"donors.pdf\"\nsha256 = \"{}\"\nstatus = \"checked\"\ndate = \"2026-11-30\"\n",
        sha256_hex(b"donor records, lot 7")
    );
    std::fs::write(a.join("c.toml"), started).unwrap();
    let mut term = Term::start(
        dir.path(),
        &preset("coordinator", "Vendor C", "a/c.toml"),
        100,
        30,
    );
    term.wait_for("Document: donors.pdf, recorded as checked");
    term.keys("w");
    term.wait_for("Save your answers to another file");
    // The suggestion is the same name in the home folder: `dir`, not `a`.
    term.keys(ENTER);
    term.wait_for("From now on your answers are saved there");
    term.keys("q");
    assert!(term.wait_exit());
    let saved = std::fs::read_to_string(dir.path().join("c.toml")).unwrap();
    assert!(saved.contains("document = \"a/donors.pdf\""), "{saved}");
    let v = score_json_in(dir.path(), "c.toml");
    let evidence = v["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0]["matches"], true, "{}", evidence[0]);
    assert_eq!(evidence[0]["status"], "checked");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}
