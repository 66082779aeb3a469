//! Documents behind answers through the real binary: `attach`, re-hashing in `score` and
//! `report`, and `--require-evidence` (issue 13, product.md "Evidence").

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::{fixture, run_in};

const IDEAL: &str = "tests/fixtures/profiles/27-ideal-vendor-reassessed-coordinator.toml";

/// The questions whose answers a document backs, as the bank names them.
const NAMED: [&str; 9] = [
    "source.donor_screening",
    "manufacturing.gmp",
    "manufacturing.enforcement",
    "testing.coa",
    "testing.sterility",
    "testing.viral",
    "testing.identity",
    "testing.independent",
    "testing.human_data",
];

/// The ideal vendor's file in a fresh folder, with one document file per named question.
fn vendor() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture(IDEAL.trim_start_matches("tests/fixtures/")),
        dir.path().join("v.toml"),
    )
    .unwrap();
    for q in NAMED {
        std::fs::write(dir.path().join(format!("{q}.pdf")), format!("{q}, lot 42")).unwrap();
    }
    dir
}

fn attach(dir: &Path, q: &str, status: &str) {
    let out = run_in(
        dir,
        [
            "attach",
            "v.toml",
            q,
            &format!("{q}.pdf"),
            "--status",
            status,
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

fn json(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["score", "--format", "json", "v.toml"];
    args.extend_from_slice(extra);
    let out = run_in(dir, &args);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn not_shown(v: &Value) -> Vec<String> {
    v["follow_up"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["open"] == "document")
        .map(|f| f["question"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_green_vendor_without_documents_is_amber_when_they_are_required() {
    let dir = vendor();
    assert_eq!(json(dir.path(), &[])["verdict"], "green");
    // Green without asking, but it says which good answers rest on documents nobody saw.
    let said = run_in(dir.path(), ["score", "v.toml"]).stdout;
    let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("8 good answers rest on a document nobody here has seen yet"),
        "{said}"
    );
    let required = json(dir.path(), &["--require-evidence"]);
    assert_eq!(required["verdict"], "amber");
    // Every named question answered green asks for its document: all but the human data,
    // which is amber on its own.
    let asked = not_shown(&required);
    let expected: Vec<&str> = NAMED
        .iter()
        .copied()
        .filter(|q| *q != "testing.human_data")
        .collect();
    let mut sorted = asked.clone();
    sorted.sort();
    let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    want.sort();
    assert_eq!(sorted, want);
    let flag = required["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["question"] == "testing.coa")
        .unwrap();
    assert_eq!(flag["flag"], "amber");
    assert!(
        flag["why"]
            .as_str()
            .unwrap()
            .starts_with("Claimed, not shown"),
        "{flag}"
    );

    // Claimed documents are not enough.
    for q in NAMED {
        attach(dir.path(), q, "claimed");
    }
    assert_eq!(
        json(dir.path(), &["--require-evidence"])["verdict"],
        "amber"
    );
    // Seen or checked, they are.
    for (i, q) in NAMED.iter().enumerate() {
        attach(dir.path(), q, if i % 2 == 0 { "seen" } else { "checked" });
    }
    let shown = json(dir.path(), &["--require-evidence"]);
    assert_eq!(shown["verdict"], "green", "{}", shown["follow_up"]);
    let said = run_in(dir.path(), ["score", "v.toml"]).stdout;
    assert!(!said.contains("nobody here has seen"), "{said}");
    let evidence = shown["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), NAMED.len());
    assert!(
        evidence.iter().all(|e| e["matches"] == true),
        "{evidence:?}"
    );

    // A document changed after it was attached counts as claimed, and is said to have changed.
    std::fs::write(dir.path().join("testing.coa.pdf"), "another lot").unwrap();
    let out = run_in(dir.path(), ["score", "--require-evidence", "v.toml"]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("Verdict: AMBER"), "{}", out.stdout);
    assert!(
        out.stdout.contains("changed since it was attached"),
        "{}",
        out.stdout
    );
    let changed = json(dir.path(), &["--require-evidence"]);
    assert_eq!(not_shown(&changed), ["testing.coa"]);
    let coa = &changed["evidence"].as_array().unwrap()[3];
    assert_eq!(coa["question"], "testing.coa");
    assert_eq!(
        (coa["status"].as_str(), coa["matches"].as_bool()),
        (Some("claimed"), Some(false))
    );
    // Gone, it is said to be missing, on stderr for the bulk formats.
    std::fs::remove_file(dir.path().join("testing.coa.pdf")).unwrap();
    let out = run_in(dir.path(), ["score", "--format", "csv-long", "v.toml"]);
    assert!(
        out.stderr
            .contains("`testing.coa` (testing.coa.pdf): not found"),
        "{}",
        out.stderr
    );
}

#[test]
fn attach_keeps_comments_records_a_hash_and_refuses_what_it_cannot_record() {
    let dir = vendor();
    let d = dir.path();
    let before = std::fs::read_to_string(d.join("v.toml")).unwrap();
    attach(d, "testing.coa", "seen");
    let after = std::fs::read_to_string(d.join("v.toml")).unwrap();
    // The profile's comments are kept, and the hash is the document's.
    assert!(after.starts_with(before.lines().next().unwrap()), "{after}");
    assert!(
        after.contains("[evidence.\"testing.coa\"]\ndocument = \"testing.coa.pdf\"\nsha256 = \""),
        "{after}"
    );
    // A document in another folder is recorded relative to the answers file.
    std::fs::create_dir(d.join("docs")).unwrap();
    std::fs::write(d.join("docs/search.pdf"), "none found").unwrap();
    let out = run_in(
        d,
        [
            "attach",
            "v.toml",
            "manufacturing.enforcement",
            "docs/search.pdf",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("as claimed") && out.stdout.contains("--status seen"),
        "{}",
        out.stdout
    );
    assert!(
        std::fs::read_to_string(d.join("v.toml"))
            .unwrap()
            .contains("document = \"docs/search.pdf\"")
    );

    let unchanged = std::fs::read_to_string(d.join("v.toml")).unwrap();
    for (args, said) in [
        (
            vec!["attach", "v.toml", "testing.coaa", "testing.coa.pdf"],
            "Did you mean `testing.coa`?",
        ),
        (
            vec!["attach", "v.toml", "testing.coa", "nothere.pdf"],
            "no such file",
        ),
        (vec!["attach", "v.toml", "testing.coa", "docs"], "folder"),
        (
            vec![
                "attach",
                "v.toml",
                "testing.coa",
                "testing.coa.pdf",
                "--status",
                "verified",
            ],
            "claimed, seen, checked",
        ),
        (
            vec!["attach", "missing.toml", "testing.coa", "testing.coa.pdf"],
            "missing.toml",
        ),
    ] {
        let out = run_in(d, &args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(said), "{args:?}: {}", out.stderr);
        assert_eq!(
            std::fs::read_to_string(d.join("v.toml")).unwrap(),
            unchanged,
            "{args:?}"
        );
    }
}

#[test]
fn a_file_saved_with_an_older_bank_is_migrated_before_anything_is_attached() {
    let dir = tempfile::tempdir().unwrap();
    let old = crate::root().join("docs/examples/careful-vendor-1.0.0.toml");
    std::fs::copy(old, dir.path().join("v.toml")).unwrap();
    std::fs::write(dir.path().join("coa.pdf"), "x").unwrap();
    let before = std::fs::read(dir.path().join("v.toml")).unwrap();
    let out = run_in(dir.path(), ["attach", "v.toml", "testing.coa", "coa.pdf"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("exovet migrate"), "{}", out.stderr);
    assert_eq!(std::fs::read(dir.path().join("v.toml")).unwrap(), before);
}

#[test]
fn summaries_list_each_document_beside_its_answer_and_never_say_verified() {
    let dir = vendor();
    attach(dir.path(), "testing.coa", "checked");
    let url = "https://www.accessdata.fda.gov/scripts/warningletters/search";
    let out = run_in(
        dir.path(),
        [
            "attach",
            "v.toml",
            "manufacturing.enforcement",
            url,
            "--status",
            "seen",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for format in ["txt", "md", "html"] {
        let out = run_in(dir.path(), ["report", "--format", format, "v.toml"]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        // Words as read, whatever the wrapping and the case of titles.
        let text = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = text.replace(
            "DOCUMENTS BEHIND THE ANSWERS",
            "Documents behind the answers",
        );
        assert!(text.contains("Documents behind the answers"), "{format}");
        assert!(text.contains("testing.coa.pdf"), "{format}");
        assert!(
            text.contains("Recorded as checked against the answer on 2026-12-08"),
            "{format}"
        );
        assert!(text.contains("not opened by exovet"), "{format}");
        for line in text
            .lines()
            .filter(|l| l.contains("Recorded as") || l.contains("attest"))
        {
            assert!(
                !line.to_lowercase().contains("verified"),
                "{format}: {line}"
            );
        }
    }
}

/// A vendor can write "checked" into the file it returns. What no coordinator could have
/// recorded counts as claimed, and every summary says why; a document the coordinator
/// attaches after the vendor signed counts.
#[test]
fn a_status_the_vendor_may_have_written_counts_as_claimed() {
    let dir = vendor();
    let d = dir.path();
    let signed = "\n[attestation]\nname = \"Dana Whitfield\"\nrole = \"Head of Quality\"\norganization = \"Meridian\"\ndate = 2026-11-20\nstatement = \"True.\"\n";
    let mut text = std::fs::read_to_string(d.join("v.toml")).unwrap();
    let hash = |q: &str| {
        let out = run_in(d, ["attach", "v.toml", q, &format!("{q}.pdf")]);
        assert_eq!(out.code, Some(0));
        let saved = std::fs::read_to_string(d.join("v.toml")).unwrap();
        let at = saved.find(&format!("[evidence.\"{q}\"]")).unwrap();
        saved[at..]
            .lines()
            .find(|l| l.starts_with("sha256"))
            .unwrap()
            .to_owned()
    };
    // Every named question "checked" by the vendor itself: fingerprinted and dated before
    // it signed, one undated, one without a fingerprint, one dated next year.
    for q in NAMED {
        let sha = hash(q);
        let date = match q {
            "testing.coa" => String::new(),
            "testing.viral" => "date = 2027-06-01\n".to_owned(),
            _ => "date = 2026-11-19\n".to_owned(),
        };
        let sha = if q == "testing.sterility" {
            String::new()
        } else {
            format!("{sha}\n")
        };
        let _ = write!(
            text,
            "\n[evidence.\"{q}\"]\ndocument = \"{q}.pdf\"\n{sha}status = \"checked\"\n{date}"
        );
    }
    text.push_str(signed);
    std::fs::write(d.join("v.toml"), &text).unwrap();
    let out = run_in(d, ["score", "--require-evidence", "v.toml"]);
    assert!(out.stdout.contains("Verdict: AMBER"), "{}", out.stdout);
    let words = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "before the vendor signed this file, so the vendor may have written it",
        "with no fingerprint (SHA-256) from `exovet attach`",
        "on a day still to come",
    ] {
        assert!(words.contains(said), "{said}: {words}");
    }
    // The coordinator attaches each one after the vendor signed (the tests' today is
    // 2026-12-08): green, and nothing said.
    for q in NAMED {
        attach(d, q, "checked");
    }
    let out = run_in(
        d,
        ["score", "--require-evidence", "--format", "json", "v.toml"],
    );
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "green", "{}", out.stderr);
    assert!(!out.stderr.contains("vendor"), "{}", out.stderr);
}

/// A summary or a comparison is never written over a document behind the answers.
#[test]
fn an_output_never_replaces_a_document_it_is_made_from() {
    let dir = vendor();
    let d = dir.path();
    attach(d, "testing.coa", "seen");
    let before = std::fs::read(d.join("testing.coa.pdf")).unwrap();
    for args in [
        vec![
            "report",
            "--format",
            "txt",
            "v.toml",
            "-o",
            "testing.coa.pdf",
        ],
        vec![
            "diff",
            "--format",
            "text",
            "v.toml",
            "v.toml",
            "-o",
            "testing.coa.pdf",
        ],
        // Issue 19: `score -o` wrote over it.
        vec![
            "score",
            "--format",
            "text",
            "v.toml",
            "-o",
            "testing.coa.pdf",
        ],
        vec![
            "score",
            "--format",
            "csv",
            "v.toml",
            "-o",
            "testing.coa.pdf",
        ],
    ] {
        let out = run_in(d, &args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("it is the document this is made from"),
            "{}",
            out.stderr
        );
        assert_eq!(
            std::fs::read(d.join("testing.coa.pdf")).unwrap(),
            before,
            "{args:?}"
        );
    }
}

/// Issue 19: a path recorded through `..` in the answers path, or through a link to the
/// answers file from another folder, is relative to the folder the file really is in, so
/// every way of naming the answers finds the document, never an unrelated one.
#[cfg(unix)]
#[test]
fn a_document_is_recorded_from_the_answers_files_real_folder() {
    use std::os::unix::fs::symlink;
    let dir = vendor();
    let d = dir.path();
    // `link/..` is `real`, not `.`: `link` leads into `real/sub`.
    std::fs::create_dir_all(d.join("real/sub")).unwrap();
    symlink(d.join("real/sub"), d.join("link")).unwrap();
    std::fs::rename(d.join("v.toml"), d.join("real/v.toml")).unwrap();
    // And a link to the answers file from another folder, which holds an unrelated file
    // of the same name as the document.
    std::fs::create_dir(d.join("other")).unwrap();
    symlink(d.join("real/v.toml"), d.join("other/v.toml")).unwrap();
    std::fs::write(d.join("other/testing.coa.pdf"), "someone else's").unwrap();
    let attach = |answers: &str, q: &str, document: &str| {
        let out = run_in(d, ["attach", answers, q, document, "--status", "checked"]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    };
    attach(
        "link/../v.toml",
        "testing.sterility",
        "testing.sterility.pdf",
    );
    attach("other/v.toml", "testing.coa", "testing.coa.pdf");
    let saved = std::fs::read_to_string(d.join("real/v.toml")).unwrap();
    assert!(
        saved.contains("document = \"../testing.sterility.pdf\""),
        "{saved}"
    );
    assert!(
        saved.contains("document = \"../testing.coa.pdf\""),
        "{saved}"
    );
    for named in ["real/v.toml", "link/../v.toml", "other/v.toml"] {
        let v = crate::score_json_in(d, named);
        let found = v["evidence"].as_array().unwrap();
        assert_eq!(found.len(), 2, "{named}: {found:?}");
        for e in found {
            assert_eq!(e["matches"], true, "{named}: {e}");
            assert_eq!(e["status"], "checked", "{named}: {e}");
        }
    }
}

/// Issue 19: the answers file is not a document behind its own answers: refused, and the
/// file left byte for byte, by its own name or through a link.
#[cfg(unix)]
#[test]
fn the_answers_file_is_refused_as_its_own_document() {
    let dir = vendor();
    let d = dir.path();
    std::os::unix::fs::symlink(d.join("v.toml"), d.join("alias.toml")).unwrap();
    let before = std::fs::read(d.join("v.toml")).unwrap();
    for document in ["v.toml", "./v.toml", "alias.toml"] {
        let out = run_in(d, ["attach", "v.toml", "testing.coa", document]);
        assert_eq!(out.code, Some(2), "{document}: {}", out.stdout);
        assert!(
            out.stderr.contains("it is the answers file itself"),
            "{document}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert_eq!(std::fs::read(d.join("v.toml")).unwrap(), before);
    }
}

/// Issue 19: a large document is read with a word on standard error first, so a long wait
/// is never silent; a small one says nothing.
#[test]
fn a_large_document_is_said_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("v.toml"),
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"coordinator\"\nsubject = \"V\"\n\n[answers]\n\"testing.coa\" = \"lot-third-party\"\n",
    )
    .unwrap();
    std::fs::write(d.join("small.pdf"), "lot 42").unwrap();
    let attach = run_in(d, ["attach", "v.toml", "testing.coa", "small.pdf"]);
    assert_eq!(attach.code, Some(0), "{}", attach.stderr);
    let quiet = run_in(d, ["score", "v.toml"]);
    assert!(!quiet.stderr.contains("fingerprint"), "{}", quiet.stderr);
    // A sparse file: 120 MB to read, nothing written.
    let big = std::fs::File::create(d.join("small.pdf")).unwrap();
    big.set_len(120 * 1024 * 1024).unwrap();
    let said = run_in(d, ["score", "v.toml"]);
    assert!(
        said.stderr.contains("(120 MB) to check its fingerprint"),
        "{}",
        said.stderr
    );
}

/// Issue 19: a file written on Windows keeps its line ends and comments when a document is
/// attached (every line was rewritten with `\n` before).
#[test]
fn attach_keeps_a_windows_files_line_ends() {
    let dir = vendor();
    let d = dir.path();
    let before = std::fs::read_to_string(d.join("v.toml"))
        .unwrap()
        .replace("\r\n", "\n")
        .replace('\n', "\r\n");
    std::fs::write(d.join("v.toml"), &before).unwrap();
    attach(d, "testing.coa", "seen");
    let after = std::fs::read_to_string(d.join("v.toml")).unwrap();
    assert!(
        after.contains("[evidence.\"testing.coa\"]\r\n"),
        "{after:?}"
    );
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "a line without its \\r: {after:?}"
    );
    // Everything that was there is kept, comments included.
    assert!(
        after.starts_with(before.lines().next().unwrap()),
        "{after:?}"
    );
    let out = run_in(d, ["score", "v.toml"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

/// Issue 20: the CSV shows each answer's flag as the verdict counted it: with
/// `--require-evidence`, a green answer whose document nobody has seen is amber in both
/// CSVs, with why, as it is in the verdict (the CSV no longer works a flag out again).
#[test]
fn the_csv_shows_the_flags_the_verdict_counted() {
    let dir = vendor();
    let d = dir.path();
    let long = run_in(
        d,
        [
            "score",
            "--require-evidence",
            "--format",
            "csv-long",
            "v.toml",
        ],
    );
    assert_eq!(long.code, Some(0), "{}", long.stderr);
    let coa = long
        .stdout
        .lines()
        .find(|l| l.contains(",testing.coa,"))
        .unwrap();
    assert!(coa.contains(",amber,false,"), "{coa}");
    let wide = run_in(
        d,
        [
            "score",
            "--require-evidence",
            "--format",
            "csv",
            "--ids",
            "v.toml",
        ],
    );
    assert_eq!(wide.code, Some(0), "{}", wide.stderr);
    let mut rows = csv::Reader::from_reader(wide.stdout.trim_start_matches('\u{feff}').as_bytes());
    let headers = rows.headers().unwrap().clone();
    let row = rows.records().next().unwrap().unwrap();
    let column = headers
        .iter()
        .position(|h| h == "testing.coa flag")
        .unwrap();
    assert_eq!(&row[column], "amber");
    // Without the option, the same answer is green.
    let plain = run_in(d, ["score", "--format", "csv-long", "v.toml"]);
    let coa = plain
        .stdout
        .lines()
        .find(|l| l.contains(",testing.coa,"))
        .unwrap();
    assert!(coa.contains(",green,false,"), "{coa}");
}
