use super::*;
use crate::answers::{AnswerFile, Answers, Meta};
use crate::bank::{Audience, load_builtin};

fn doc(document: &str, sha256: Option<&str>, status: Status) -> Document {
    Document {
        document: document.into(),
        sha256: sha256.map(str::to_owned),
        status,
        date: Some("2026-12-01".into()),
        note: String::new(),
    }
}

#[test]
fn the_hash_is_sha_256_as_the_standard_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("abc.txt");
    std::fs::write(&p, "abc").unwrap();
    // FIPS 180-2, appendix B.1.
    assert_eq!(
        sha256(&p).unwrap(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn a_document_counts_as_recorded_only_while_it_is_the_file_that_was_attached() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("vendor.toml");
    std::fs::write(dir.path().join("coa.pdf"), "lot 42").unwrap();
    let hash = sha256(&dir.path().join("coa.pdf")).unwrap();
    let bank = load_builtin();
    let mut file = AnswerFile::new(
        Meta::new(&bank, Audience::Coordinator, "V"),
        Answers::empty(&bank),
    );
    let q = |id| bank.find(id).unwrap();
    let ev = &mut file.annex.evidence;
    ev.insert(
        q("testing.coa"),
        doc("coa.pdf", Some(&hash), Status::Checked),
    );
    ev.insert(
        q("testing.sterility"),
        doc("gone.pdf", Some(&hash), Status::Seen),
    );
    ev.insert(q("testing.viral"), doc("coa.pdf", None, Status::Seen));
    ev.insert(
        q("manufacturing.enforcement"),
        doc("https://www.fda.gov/x", None, Status::Seen),
    );
    let found = |f: &AnswerFile| -> Vec<(Found, Status, Option<bool>)> {
        check(&answers, f)
            .iter()
            .map(|c| (c.found.clone(), c.status(), c.matches()))
            .collect()
    };
    let mut all = found(&file);
    all.sort_by_key(|(f, _, _)| format!("{f:?}"));
    assert_eq!(
        all,
        [
            (Found::Address, Status::Seen, None),
            (Found::Matches, Status::Checked, Some(true)),
            (Found::Missing, Status::Claimed, Some(false)),
            // Seen, says the file, but with no fingerprint `exovet attach` would have
            // written: by hand, perhaps by the vendor.
            (Found::Unhashed, Status::Claimed, None),
        ]
    );
    // Changed after it was attached: only claimed now.
    std::fs::write(dir.path().join("coa.pdf"), "lot 43").unwrap();
    let coa = check(&answers, &file)
        .into_iter()
        .find(|c| c.question == q("testing.coa"))
        .unwrap();
    assert_eq!(coa.found, Found::Changed);
    assert_eq!(coa.status(), Status::Claimed);
    assert!(coa.problem().unwrap().contains("changed"));
    assert!(!coa.problem().unwrap().contains("verif"));
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_folder_named_as_a_document_is_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("coa.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        assert!(sha256(&fifo).unwrap_err().contains("pipe"));
    }
    assert!(sha256(dir.path()).unwrap_err().contains("folder"));
}

#[test]
fn a_document_is_recorded_relative_to_the_answers_file() {
    let at = |answers: &str, doc: &str| recorded_path(Path::new(answers), Path::new(doc));
    assert_eq!(at("/v/a/vendor.toml", "/v/a/coa.pdf"), "coa.pdf");
    assert_eq!(at("/v/a/vendor.toml", "/v/a/docs/coa.pdf"), "docs/coa.pdf");
    assert_eq!(at("/v/a/vendor.toml", "/v/b/coa.pdf"), "../b/coa.pdf");
}

/// A `seen` or `checked` that no coordinator could have recorded counts as claimed: dated
/// after today, or, in a questionnaire a vendor returned, undated or dated before it was
/// signed. On the signing day it is only said.
#[test]
fn a_status_the_vendor_may_have_written_counts_as_claimed() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("vendor.toml");
    std::fs::write(dir.path().join("coa.pdf"), "lot 42").unwrap();
    let hash = sha256(&dir.path().join("coa.pdf")).unwrap();
    let bank = load_builtin();
    let coa = bank.find("testing.coa").unwrap();
    let status_on = |signed: Option<&str>, date: Option<&str>| {
        let mut file = AnswerFile::new(
            Meta::new(&bank, Audience::Coordinator, "V"),
            Answers::empty(&bank),
        );
        let mut d = doc("coa.pdf", Some(&hash), Status::Checked);
        d.date = date.map(str::to_owned);
        file.annex.evidence.insert(coa, d);
        file.annex.attestation = signed.map(|day| crate::answers::Attestation {
            date: day.to_owned(),
            ..crate::answers::Attestation::blank()
        });
        let c = check(&answers, &file).remove(0);
        (c.status(), c.doubt)
    };
    // Today is the clock's, after 2026-11-01 and before 2999.
    assert_eq!(status_on(None, Some("2026-11-01")), (Status::Checked, None));
    assert_eq!(
        status_on(None, Some("2999-01-01")),
        (Status::Claimed, Some(Doubt::Future))
    );
    let signed = Some("2026-11-20");
    assert_eq!(
        status_on(signed, Some("2026-11-19")),
        (Status::Claimed, Some(Doubt::BeforeSigned))
    );
    assert_eq!(
        status_on(signed, None),
        (Status::Claimed, Some(Doubt::BeforeSigned))
    );
    // Not signed: no day to compare with, so a coordinator's own attachment counts.
    assert_eq!(
        status_on(Some(""), Some("2026-11-21")),
        (Status::Checked, None)
    );
    assert_eq!(
        status_on(signed, Some("2026-11-20")),
        (Status::Checked, Some(Doubt::OnSigningDay))
    );
    assert_eq!(
        status_on(signed, Some("2026-11-21")),
        (Status::Checked, None)
    );
}

/// Issue 19: one large document named by fifty answers is read once a run, by `score`,
/// `report` and `diff` alike, however many times the answers are looked at; a change to
/// the file (its size, its time) reads it again.
#[test]
fn one_document_named_by_fifty_answers_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("vendor.toml");
    let big = dir.path().join("big.pdf");
    let written = |text: &[u8], hours_ago: u64| {
        std::fs::write(&big, text).unwrap();
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(hours_ago * 3600);
        std::fs::File::options()
            .write(true)
            .open(&big)
            .unwrap()
            .set_modified(then)
            .unwrap();
    };
    written(&vec![b'x'; 3 * 1024 * 1024], 2);
    let bank = load_builtin();
    let mut file = AnswerFile::new(
        Meta::new(&bank, Audience::Coordinator, "V"),
        Answers::empty(&bank),
    );
    let reads = reads();
    let hash = sha256(&big).unwrap();
    for q in bank.questions.iter().take(50) {
        let id = bank.find(q.id.as_str()).unwrap();
        file.annex
            .evidence
            .insert(id, doc("big.pdf", Some(&hash), Status::Checked));
    }
    assert_eq!(file.annex.evidence.len(), 50);
    // Scored, reported, and both sides of a diff.
    for _ in 0..3 {
        let found = check(&answers, &file);
        assert!(found.iter().all(|c| c.found == Found::Matches), "{found:?}");
    }
    assert_eq!(super::reads() - reads, 1);
    written(b"lot 43", 1);
    let found = check(&answers, &file);
    assert!(found.iter().all(|c| c.found == Found::Changed));
    assert_eq!(super::reads() - reads, 2);
    // A time still to come (`touch -d tomorrow`, a clock set wrong) is read once too: it
    // was read once per answer naming it (found by an adversarial run).
    std::fs::write(&big, b"lot 44").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&big)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(86_400))
        .unwrap();
    let before = super::reads();
    let _ = check(&answers, &file);
    assert_eq!(super::reads() - before, 1);
}

/// Found by an adversarial run: a document past the limit was refused only after the
/// first gigabyte had been read. Its size says so at once, before a byte is read.
#[test]
fn a_document_past_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.pdf");
    let file = std::fs::File::create(&huge).unwrap();
    // Sparse: no disk is used.
    file.set_len(crate::limits::MAX_DOCUMENT_BYTES + 1).unwrap();
    let reads = super::reads();
    assert!(sha256(&huge).unwrap_err().contains("larger than"));
    assert!(
        super::known(&huge)
            .unwrap()
            .unwrap_err()
            .contains("larger than")
    );
    assert_eq!(super::reads(), reads, "read before it was refused");
}
