//! axe-core, run in Debian's Chromium through puppeteer-core (`tests/axe/check.mjs`), on
//! every HTML page exovet writes: the summaries of the examples, the profiles and the
//! hostile file, and the blank questionnaire for both audiences. No violation at all is
//! allowed (the check itself fails on a serious or critical one; this test on any).
//!
//! Needs node, Chromium and the packages of `tests/axe/package.json` (`.ci/run` installs
//! them); without them the test says so and is skipped.

use std::process::Command;

use crate::{needs, on_path, root, run};

#[test]
fn every_html_page_passes_axe_core_in_chromium() {
    let modules = root().join("tests/axe/node_modules");
    if !needs(
        "axe",
        "report::axe::every_html_page_passes_axe_core_in_chromium",
        "node, chromium and axe-core with puppeteer-core",
        "install: apt-get install -y nodejs npm chromium && (cd tests/axe && npm install)",
        || {
            on_path("node")
                && on_path("chromium")
                && modules.join("axe-core").is_dir()
                && modules.join("puppeteer-core").is_dir()
        },
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    let mut files: Vec<String> = crate::toml_files("profiles")
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    files.extend(
        [
            "docs/examples/before-consult.toml",
            "docs/examples/glow-med-spa.toml",
            "docs/examples/careful-vendor.toml",
            // A returned questionnaire, signed, with its documents listed.
            "docs/examples/round-trip/meridian-2026.toml",
            "tests/fixtures/report/four-reds.toml",
            "tests/fixtures/report/hostile.toml",
        ]
        .map(str::to_owned),
    );
    for (i, file) in files.iter().enumerate() {
        let out = dir.path().join(format!("summary-{i}.html"));
        let r = run([
            "report",
            "--format",
            "html",
            file,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, Some(0), "{file}: {}", r.stderr);
        pages.push(out);
    }
    for audience in ["patient", "coordinator"] {
        let out = dir.path().join(format!("questions-{audience}.html"));
        let r = run([
            "questions",
            "--audience",
            audience,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        pages.push(out);
    }
    // A committee's comparison of two assessments, to print (issue 21).
    for (name, old, new) in [
        (
            "diff-vendor.html",
            "tests/fixtures/diff/vendor-last-year.toml",
            "tests/fixtures/diff/vendor-this-year.toml",
        ),
        (
            "diff-patient.html",
            "tests/fixtures/diff/glow-before-consult.toml",
            "tests/fixtures/diff/glow-after-consult.toml",
        ),
    ] {
        let out = dir.path().join(name);
        let (old, new) = (root().join(old), root().join(new));
        let r = run([
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        pages.push(out);
    }
    let out = Command::new("node")
        .arg(root().join("tests/axe/check.mjs"))
        .args(&pages)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "axe-core found serious problems:\n{said}\n{stderr}"
    );
    let checked = said.lines().filter(|l| l.contains(" violations, ")).count();
    assert_eq!(
        checked,
        pages.len(),
        "every page is checked:\n{said}\n{stderr}"
    );
    assert!(
        said.lines()
            .filter(|l| l.contains(" violations, "))
            .all(|l| l.contains(": 0 violations, ")),
        "axe-core found problems:\n{said}"
    );
}
