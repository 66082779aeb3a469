//! A web address is never split across lines (issue 21: "extracellula⏎r-vesicles"): in every
//! text output, and on the verdict screen's lines at 60, 80 and 140 columns, each address
//! of the bank's sources is whole on one line, even where it passes the margin.

use std::path::Path;

use exovet::answers;
use exovet::bank::load_builtin;
use exovet::explain::{Scored, explain};
use exovet::report::text;

use crate::{root, run_in};

/// Every token that starts like a web address in `out` is one of `known`, whole.
fn assert_whole(what: &str, out: &str, known: &[&str]) {
    for line in out.lines() {
        // Nor is the dash before one left alone on a line (seen at 100 columns).
        assert!(
            line.trim() != "—" && !line.trim_start().starts_with("— "),
            "{what}: a dash alone:\n{out}"
        );
        for token in line.split_whitespace() {
            let Some(at) = token.find("http") else {
                continue;
            };
            let address = token[at..].trim_end_matches(['.', ',', ';', ')', '>']);
            assert!(
                known.contains(&address),
                "{what}: {address:?} is not a whole address:\n{line}"
            );
        }
    }
}

#[test]
fn no_web_address_is_split_across_lines() {
    let bank = load_builtin();
    let known: Vec<&str> = bank
        .sources
        .iter()
        .map(|s| s.address.as_str())
        .filter(|a| a.starts_with("http"))
        .collect();
    assert!(known.len() > 40);
    let mut files: Vec<std::path::PathBuf> = crate::toml_files("profiles")
        .into_iter()
        .map(|p| root().join(p))
        .collect();
    files.extend(
        ["before-consult", "careful-vendor", "glow-med-spa"]
            .map(|n| root().join(format!("docs/examples/{n}.toml"))),
    );
    let dir = tempfile::tempdir().unwrap();
    for file in &files {
        let f = file.to_str().unwrap();
        for args in [
            vec!["score", f],
            vec!["report", "--format", "txt", f],
            vec!["report", "--details", "--format", "txt", f],
        ] {
            let out = run_in(dir.path(), &args);
            assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
            assert_whole(&format!("{args:?}"), &out.stdout, &known);
        }
        // The verdict screen's lines, as the wizard draws them at each width.
        let loaded = answers::read(file, &bank).unwrap();
        let verdict = exovet::score::score(&bank, &loaded.file.answers, loaded.file.meta.audience);
        let scored =
            Scored::new(Path::new("v.toml"), &bank, &loaded.file, &verdict).on("2026-12-07");
        let e = explain(&scored);
        for width in [60, 80, 96, 140] {
            let lines: Vec<String> = text::headline(&e, width)
                .into_iter()
                .chain(text::details(&e, width))
                .map(|l| l.text)
                .collect();
            assert_whole(
                &format!("{} at {width}", file.display()),
                &lines.join("\n"),
                &known,
            );
        }
    }
    for audience in ["patient", "coordinator"] {
        let out = run_in(
            dir.path(),
            ["questions", "--audience", audience, "--format", "txt"],
        );
        assert_whole(audience, &out.stdout, &known);
    }
}
