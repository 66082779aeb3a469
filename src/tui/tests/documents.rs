//! The documents behind answers on screen (issue 19): never read on the thread that draws,
//! read once a run, and said to be still being read while they are.

use super::*;

/// A file of `mib` MiB of `byte`, last written an hour ago, and its SHA-256.
fn document(path: &std::path::Path, byte: u8, mib: usize) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    std::fs::write(path, vec![byte; mib * 1024 * 1024]).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    let digest = sha2::Sha256::digest(std::fs::read(path).unwrap());
    digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A coordinator's file at `answers` whose COA is `document`, checked, with `hash`,
/// resumed as the wizard resumes it.
fn resumed(answers: &std::path::Path, document: &str, hash: &str) -> Session {
    std::fs::write(
        answers,
        format!("[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"coordinator\"\nsubject = \"V\"\n\n[answers]\n\"testing.coa\" = \"lot-third-party\"\n\n[evidence.\"testing.coa\"]\ndocument = \"{document}\"\nsha256 = \"{hash}\"\nstatus = \"checked\"\ndate = 2026-12-01\n"),
    )
    .unwrap();
    let mut s = Session::open(load_builtin(), None, None, Some(answers.to_path_buf())).unwrap();
    s.today = "2026-12-08".to_owned();
    s
}

/// Waits, at most 20 s, for a thread of its own to have read `path`.
fn wait_until_read(path: &std::path::Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while crate::evidence::known(path).is_none() {
        assert!(std::time::Instant::now() < deadline, "never read");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Issue 19: the verdict screen, drawn again on each resize, does not read a document
/// again: it is hashed once a run.
#[test]
fn resizing_the_verdict_screen_does_not_read_a_document_again() {
    let dir = tempfile::tempdir().unwrap();
    let coa = dir.path().join("coa.pdf");
    document(&coa, b'x', 1);
    let s = session(Some(Audience::Coordinator), Some("Vendor C"));
    let mut a = app(&s);
    let question = id(&s.bank, "testing.coa");
    let mut document = crate::evidence::attached(
        std::path::Path::new("answers.toml"),
        coa.to_str().unwrap(),
        crate::answers::Status::Checked,
    )
    .unwrap();
    document.document = coa.display().to_string();
    a.run_mut().unwrap().attach(question, document);
    a.run_mut().unwrap().show_verdict();
    let reads = crate::evidence::reads();
    for width in [80, 100, 60, 80] {
        assert!(screen(&a, width, 30).contains("Verdict:"));
    }
    assert!(crate::evidence::reads() - reads <= 1);
}

/// Issue 19: a resumed file's documents are read on a thread of their own when the wizard
/// starts, so its verdict screen never reads one on the thread that draws (a large document
/// froze the keys for seconds there).
#[test]
fn a_resumed_files_documents_are_read_off_the_drawing_thread() {
    let dir = tempfile::tempdir().unwrap();
    let coa = dir.path().join("coa-warm.pdf");
    let hash = document(&coa, b'w', 2);
    let answers = dir.path().join("v.toml");
    let s = resumed(&answers, "coa-warm.pdf", &hash);
    crate::tui::warm_documents(&s);
    wait_until_read(&coa);
    let mut a = app(&s);
    a.run_mut().unwrap().show_verdict();
    let reads = crate::evidence::reads();
    assert!(screen(&a, 100, 30).contains("Verdict:"));
    assert_eq!(
        crate::evidence::reads(),
        reads,
        "read on the drawing thread"
    );
}

/// Issue 19: a document the run has not read yet is never read on the thread that draws:
/// the verdict screen says it is still being read, counts it as claimed meanwhile, and
/// says what was found once a thread of its own has read it.
#[test]
fn the_verdict_screen_never_waits_for_a_document_to_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let coa = dir.path().join("coa-unread.pdf");
    let hash = document(&coa, b'u', 3);
    let answers = dir.path().join("v.toml");
    let s = resumed(&answers, "coa-unread.pdf", &hash);
    let mut a = app(&s);
    a.run_mut().unwrap().show_verdict();
    let verdict_text = |a: &App<'_>| {
        assert!(screen(a, 100, 30).contains("Verdict:"));
        let kept = a.run().unwrap().verdict_lines.borrow();
        kept.as_ref()
            .unwrap()
            .lines
            .iter()
            .map(|l| l.to_string() + "\n")
            .collect::<String>()
    };
    let reads = crate::evidence::reads();
    let first = verdict_text(&a);
    assert_eq!(
        crate::evidence::reads(),
        reads,
        "read on the drawing thread"
    );
    assert!(first.contains("still being read (3 MB)"), "{first}");
    wait_until_read(&coa);
    let then = verdict_text(&a);
    assert!(!then.contains("still being read"), "{then}");
    assert!(then.contains("coa-unread.pdf"), "{then}");
}

/// Issue 19: Enter on a document's path reads it on a thread of its own: the screen says
/// so and stays drawn, Esc stops waiting, and its status is asked once it is read.
#[test]
fn attaching_reads_the_document_off_the_drawing_thread() {
    let dir = tempfile::tempdir().unwrap();
    let coa = dir.path().join("coa-attach.pdf");
    document(&coa, b'a', 3);
    let s = session(Some(Audience::Coordinator), Some("Vendor C"));
    let mut a = app(&s);
    let reads = crate::evidence::reads();
    a.update(Msg::Attach);
    for c in coa.display().to_string().chars() {
        a.update(Msg::Type(c));
    }
    a.update(Msg::Enter);
    assert!(
        matches!(
            a.overlay,
            Some(Overlay::Attach {
                reading: true,
                found: None,
                ..
            })
        ),
        "{:?}",
        a.overlay
    );
    assert!(status(&a).starts_with("Reading "), "{}", status(&a));
    assert!(status(&a).contains("(3 MB)"), "{}", status(&a));
    assert!(screen(&a, 100, 30).contains("Esc stops waiting"));
    // Keys other than Esc and q do nothing meanwhile: the path stays as typed.
    a.update(Msg::Type('x'));
    wait_until_read(&coa);
    a.update(Msg::Read);
    let Some(Overlay::Attach {
        found: Some(found),
        path,
        reading: false,
        ..
    }) = &a.overlay
    else {
        panic!("{:?}", a.overlay);
    };
    assert_eq!(path, &coa.display().to_string());
    assert_eq!(found.sha256.as_deref().map(str::len), Some(64));
    assert!(screen(&a, 100, 30).contains("How far did you look at it?"));
    assert_eq!(
        crate::evidence::reads(),
        reads,
        "read on the drawing thread"
    );
}

/// Issue 19: Esc while a document is read stops waiting, keeps the path, and a document
/// read later asks nothing by itself.
#[test]
fn esc_stops_waiting_for_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let coa = dir.path().join("coa-esc.pdf");
    document(&coa, b'e', 2);
    let s = session(Some(Audience::Coordinator), Some("Vendor C"));
    let mut a = app(&s);
    a.update(Msg::Attach);
    for c in coa.display().to_string().chars() {
        a.update(Msg::Type(c));
    }
    a.update(Msg::Enter);
    a.update(Msg::Close);
    assert!(
        matches!(&a.overlay, Some(Overlay::Attach { reading: false, found: None, path, .. }) if path == &coa.display().to_string()),
        "{:?}",
        a.overlay
    );
    wait_until_read(&coa);
    a.update(Msg::Read);
    assert!(matches!(
        a.overlay,
        Some(Overlay::Attach { found: None, .. })
    ));
}

/// Issue 19: the summary is not written while a document it names is still being read
/// (reading it would stop the screen; leaving it out would print less than is known).
#[test]
fn the_summary_waits_for_a_document_still_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let coa = dir.path().join("coa-summary.pdf");
    let hash = document(&coa, b's', 2);
    let answers = dir.path().join("v.toml");
    let s = resumed(&answers, "coa-summary.pdf", &hash);
    let mut a = app(&s);
    let reads = crate::evidence::reads();
    crate::tui::save_summary(&mut a);
    assert!(status(&a).contains("still being read"), "{}", status(&a));
    assert!(!answers.with_extension("summary.html").exists());
    assert_eq!(
        crate::evidence::reads(),
        reads,
        "read on the drawing thread"
    );
    wait_until_read(&coa);
    crate::tui::save_summary(&mut a);
    let html = std::fs::read_to_string(answers.with_extension("summary.html")).unwrap();
    assert!(html.contains("coa-summary.pdf"), "{html}");
    assert!(!html.contains("still being read"));
}
