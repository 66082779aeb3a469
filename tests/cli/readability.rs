//! Plain words: the built-in bank's patient prompts and option labels read at a median US
//! grade of 6 or below, its help texts at 9 or below, the summary's guide at 8 or below
//! (Flesch–Kincaid, measured by
//! `scripts/readability.py`, whose syllable rules its docstring gives), and
//! `docs/bank-format.md` gives the figures the script measures today.
//!
//! Needs python3 (3.11 or newer). Without it the test says so on stderr and passes, unless
//! `EXOVET_REQUIRE_TOOLS=1`, when it fails.

use crate::{python3, python3_ready, root};

#[test]
fn the_bank_reads_plainly_and_the_docs_give_its_figures() {
    if !python3_ready(
        "the readability test (tests/cli/readability.rs)",
        "scripts/readability.py",
    ) {
        return;
    }
    let out = python3(&[
        "scripts/readability.py".as_ref(),
        "--json".as_ref(),
        "questions.toml".as_ref(),
    ]);
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let median = |group: &str| figures[group]["median"].as_f64().unwrap();
    let short = median("prompts_and_labels");
    let help = median("help");
    let guide = median("guide");
    assert!(short <= 6.0, "prompts and labels: median grade {short}");
    assert!(help <= 9.0, "help texts: median grade {help}");
    assert!(guide <= 8.0, "the summary's guide: median grade {guide}");
    let docs = std::fs::read_to_string(root().join("docs/bank-format.md")).unwrap();
    for figure in [short, help, guide] {
        let figure = format!("{figure:.1}");
        assert!(
            docs.contains(&figure),
            "docs/bank-format.md does not give the median {figure} that scripts/readability.py measures"
        );
    }
}

/// Words a patient must never meet: the tool's own jargon (issue 21).
const JARGON: [&str; 4] = ["knock-out", "knockout", "carry a flag", "answered green"];

/// The program's own words a patient meets — the summary on paper and its details, the
/// verdict on screen, plain mode from start to verdict, and an error in an answers file —
/// read at the bank's targets once the bank's own text is taken out: labels and short
/// lines at a median grade of 6 or below, sentences at 9 or below (measured by
/// `scripts/readability.py --program`, which says how). None of them uses the tool's jargon.
#[test]
fn the_programs_own_words_read_plainly() {
    if !python3_ready(
        "the readability test of the program's own words (tests/cli/readability.rs)",
        "scripts/readability.py",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut files: Vec<std::path::PathBuf> = ["profiles", "answers/valid"]
        .into_iter()
        .flat_map(crate::toml_files)
        .map(|p| root().join(p))
        .collect();
    files.extend(
        std::fs::read_dir(root().join("docs/examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml")),
    );
    let mut patients = 0;
    for (n, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        if !text.contains("audience = \"patient\"") {
            continue;
        }
        patients += 1;
        // What people wrote in it is theirs, not the program's: the script leaves it out.
        std::fs::write(out.join(format!("{n:02}.toml")), &text).unwrap();
        let f = file.as_os_str();
        for (name, args) in [
            ("brief.html", vec!["report", "--format", "html", "-o"]),
            (
                "details.html",
                vec!["report", "--details", "--format", "html", "-o"],
            ),
        ] {
            let page = out.join(format!("{n:02}-{name}"));
            let mut args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
            args.extend([page.as_os_str(), f]);
            let r = crate::run_in(dir.path(), &args);
            assert_eq!(r.code, Some(0), "{}: {}", file.display(), r.stderr);
        }
        for (name, args) in [
            ("score.txt", vec!["score"]),
            ("brief.txt", vec!["score", "--brief"]),
        ] {
            let mut args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
            args.push(f);
            let r = crate::run_in(dir.path(), &args);
            std::fs::write(out.join(format!("{n:02}-{name}")), r.stdout).unwrap();
        }
    }
    assert!(patients >= 8, "only {patients} patient files");
    // Plain mode, from the start to the verdict: every first answer, then every "not
    // asked yet", then every "they would not answer".
    for (name, answer) in [("first", "1"), ("not-asked", "n"), ("refused", "r")] {
        let home = dir.path().join(name);
        std::fs::create_dir(&home).unwrap();
        let mut typed = format!("{answer}\n").repeat(70);
        typed.push_str("\n\n\nq\n");
        let r = crate::exovet()
            .current_dir(&home)
            .env("HOME", &home)
            .args(["--plain", "--audience", "patient", "--subject", "Glow"])
            .write_stdin(typed)
            .output()
            .unwrap();
        let transcript = String::from_utf8(r.stdout).unwrap();
        assert!(transcript.contains("Verdict:"), "{name}: {transcript}");
        std::fs::write(out.join(format!("plain-{name}.txt")), transcript).unwrap();
    }
    // An error a patient can meet: an answer the question does not offer.
    std::fs::write(
        dir.path().join("slip.toml"),
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"patient\"\nsubject = \"Glow\"\n\n[answers]\n\"source.origin\" = \"umbilical-cord\"\n",
    )
    .unwrap();
    let r = crate::run_in(dir.path(), ["score", "slip.toml"]);
    assert_eq!(r.code, Some(2));
    std::fs::write(out.join("error.txt"), r.stderr).unwrap();

    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        // The answers files are what people wrote, not the program's words.
        if path.extension().is_some_and(|e| e == "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
        for word in JARGON {
            assert!(
                !text.contains(word),
                "{word:?} in {}",
                path.file_name().unwrap().to_string_lossy()
            );
        }
    }
    let figures = python3(&[
        "scripts/readability.py".as_ref(),
        "--json".as_ref(),
        "--program".as_ref(),
        out.as_os_str(),
        "questions.toml".as_ref(),
    ]);
    let figures: serde_json::Value = serde_json::from_slice(&figures.stdout).unwrap();
    let group = |g: &str| &figures[g];
    let labels = group("program_labels");
    let sentences = group("program_explanations");
    assert!(labels["count"].as_u64().unwrap() > 50, "{labels}");
    assert!(sentences["count"].as_u64().unwrap() > 50, "{sentences}");
    let median = |g: &serde_json::Value| g["median"].as_f64().unwrap();
    assert!(median(labels) <= 6.0, "the program's labels: {labels:#}");
    assert!(
        median(sentences) <= 9.0,
        "the program's sentences: {sentences:#}"
    );
}
