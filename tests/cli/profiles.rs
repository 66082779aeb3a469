//! Realistic provider and vendor profiles (`tests/fixtures/profiles/`): each file's expert header (`# expect:`, `# incomplete:`, `# why:`) against `exovet score`.
//!
//! The expectations were written from the seed articles and `domain.md`
//! before exovet was run on the files. A failure here means exovet and a
//! careful expert disagree: read the profile's `# why:` lines before
//! touching either the expectation or the bank.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{root, run, toml_files};

const DIR: &str = "profiles";

/// What the profile's header says a careful expert concludes.
#[derive(Debug)]
struct Expectation {
    verdict: String,
    incomplete: bool,
    why_lines: usize,
}

fn profiles() -> Vec<PathBuf> {
    let files = toml_files(DIR);
    assert!(
        files.len() >= 10,
        "expected at least 10 profiles in tests/fixtures/{DIR}, found {}",
        files.len()
    );
    files
}

fn read(file: &Path) -> String {
    std::fs::read_to_string(root().join(file))
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()))
}

fn expectation(file: &Path) -> Expectation {
    let text = read(file);
    let mut verdict = None;
    let mut incomplete = None;
    let mut why_lines = 0;
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let body = line.trim_start_matches('#').trim();
        if let Some(v) = body.strip_prefix("expect:") {
            verdict = Some(v.trim().to_owned());
        } else if let Some(v) = body.strip_prefix("incomplete:") {
            incomplete = Some(match v.trim() {
                "true" => true,
                "false" => false,
                other => panic!(
                    "{}: `# incomplete:` must be true or false, not {other:?}",
                    file.display()
                ),
            });
        } else if body.starts_with("why:") {
            why_lines += 1;
        }
    }
    let verdict = verdict.unwrap_or_else(|| {
        panic!(
            "{}: the header needs a `# expect: green|amber|red` line",
            file.display()
        )
    });
    assert!(
        ["green", "amber", "red"].contains(&verdict.as_str()),
        "{}: `# expect:` must be green, amber or red, not {verdict:?}",
        file.display()
    );
    let incomplete = incomplete.unwrap_or_else(|| {
        panic!(
            "{}: the header needs a `# incomplete: true|false` line",
            file.display()
        )
    });
    Expectation {
        verdict,
        incomplete,
        why_lines,
    }
}

/// `[meta] audience` of a profile, read with the toml crate.
fn audience(file: &Path) -> String {
    let doc: toml::Table = toml::from_str(&read(file))
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", file.display()));
    doc["meta"]["audience"]
        .as_str()
        .unwrap_or_else(|| panic!("{}: [meta] audience is not a string", file.display()))
        .to_owned()
}

/// Scores one file as JSON; any stderr output, a non-zero exit or a JSON
/// `warnings` entry is an error, so a mistyped or hidden id cannot silently
/// change the verdict.
fn score_one(file: &Path) -> Result<Value, String> {
    let out = run(score_args([file], &["--format", "json"]));
    let (stdout, stderr) = (out.stdout, out.stderr);
    if out.code != Some(0) {
        return Err(format!(
            "exit {:?}\nstderr:\n{stderr}\nstdout:\n{stdout}",
            out.code
        ));
    }
    if !stderr.trim().is_empty() {
        return Err(format!("unexpected output on stderr:\n{stderr}"));
    }
    let json: Value = serde_json::from_str(stdout.trim())
        .map_err(|e| format!("stdout is not one JSON object ({e}):\n{stdout}"))?;
    let warnings = json.get("warnings").and_then(Value::as_array);
    if let Some(w) = warnings.filter(|w| !w.is_empty()) {
        return Err(format!("warnings in the JSON: {w:?}"));
    }
    Ok(json)
}

/// `score FILES… FLAGS…`, as arguments for `run`.
fn score_args<'a, P: AsRef<Path> + ?Sized + 'a>(
    files: impl IntoIterator<Item = &'a P>,
    flags: &'a [&'a str],
) -> Vec<&'a OsStr> {
    let mut args = vec![OsStr::new("score")];
    args.extend(files.into_iter().map(|f| f.as_ref().as_os_str()));
    args.extend(flags.iter().map(OsStr::new));
    args
}

/// The flags worth showing when a verdict is off: everything not green.
fn describe(json: &Value) -> String {
    let reasons = json
        .get("reasons")
        .map_or_else(|| "(no `reasons` field)".to_owned(), Value::to_string);
    let flags: Vec<String> = json
        .get("flags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|f| f["flag"] != "green")
        .map(|f| {
            format!(
                "{} = {} -> {}{}",
                f["question"].as_str().unwrap_or("?"),
                f["answer"],
                f["flag"].as_str().unwrap_or("?"),
                if f["critical"] == true {
                    " (critical)"
                } else {
                    ""
                }
            )
        })
        .collect();
    format!(
        "  reasons: {reasons}\n  non-green flags:\n    {}",
        if flags.is_empty() {
            "(none)".to_owned()
        } else {
            flags.join("\n    ")
        }
    )
}

#[test]
fn every_profile_has_an_expert_header() {
    let files = profiles();
    let mut audiences = Vec::new();
    for file in &files {
        let exp = expectation(file);
        assert!(
            (2..=6).contains(&exp.why_lines),
            "{}: give 2 to 6 `# why:` lines with the expert reasoning, found {}",
            file.display(),
            exp.why_lines
        );
        audiences.push(audience(file));
    }
    for who in ["patient", "coordinator"] {
        assert!(
            audiences.iter().any(|a| a == who),
            "the profiles should include at least one {who}"
        );
    }
    for verdict in ["green", "amber", "red"] {
        assert!(
            files.iter().any(|f| expectation(f).verdict == verdict),
            "the profiles should include at least one expected {verdict}"
        );
    }
}

#[test]
fn every_profile_gets_the_verdict_an_expert_gives() {
    let mut failures = Vec::new();
    let files = profiles();
    for file in &files {
        let exp = expectation(file);
        let json = match score_one(file) {
            Ok(json) => json,
            Err(e) => {
                failures.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        let verdict = json["verdict"].as_str().unwrap_or("(missing)");
        let incomplete = json["incomplete"].as_bool();
        if verdict != exp.verdict || incomplete != Some(exp.incomplete) {
            failures.push(format!(
                "{}\n  expected: {} (incomplete: {})\n  actual:   {verdict} (incomplete: {})\n{}",
                file.display(),
                exp.verdict,
                exp.incomplete,
                incomplete.map_or_else(|| "(missing)".to_owned(), |b| b.to_string()),
                describe(&json)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} profiles disagree with the expert expectation in their header:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

#[test]
fn all_profiles_in_one_call_give_one_line_each_in_order() {
    let files = profiles();
    let out = run(score_args(&files, &["--format", "json"]));
    let (stdout, stderr) = (out.stdout, out.stderr);
    assert_eq!(
        out.code,
        Some(0),
        "scoring all profiles without --fail-on should exit 0\nstderr:\n{stderr}"
    );
    assert!(
        stderr.trim().is_empty(),
        "unexpected output on stderr:\n{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines.len(),
        files.len(),
        "expected one JSON line per file, got:\n{stdout}"
    );
    for (file, line) in files.iter().zip(&lines) {
        let batch: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("line for {} is not JSON ({e}):\n{line}", file.display()));
        let single = score_one(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for key in [
            "file",
            "subject",
            "audience",
            "verdict",
            "incomplete",
            "score",
        ] {
            assert_eq!(
                batch.get(key),
                single.get(key),
                "{}: `{key}` differs between the batch line and scoring the file alone \
                 (is the order of the lines the order of the files?)",
                file.display()
            );
        }
    }
}

#[test]
fn expected_red_profiles_fail_on_red() {
    let files = profiles();
    let mut failures = Vec::new();
    let mut reds = Vec::new();
    for file in &files {
        let exp = expectation(file);
        let expect_red = exp.verdict == "red";
        let want = i32::from(expect_red);
        if expect_red {
            reds.push(file.clone());
        }
        let out = run(score_args([file], &["--fail-on", "red"]));
        if out.code != Some(want) {
            failures.push(format!(
                "{} (expected {}): `score --fail-on red` exited {:?}, want {want}\n  {}",
                file.display(),
                exp.verdict,
                out.code,
                out.stdout
                    .lines()
                    .find(|l| l.contains("erdict"))
                    .unwrap_or("(no verdict line in stdout)")
            ));
        }
    }
    assert!(!reds.is_empty(), "no profile is expected red");
    let out = run(score_args(&reds, &["--fail-on", "red"]));
    if out.code != Some(1) {
        failures.push(format!(
            "all {} expected-red profiles together: `score --fail-on red` exited {:?}, want 1",
            reds.len(),
            out.code
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
