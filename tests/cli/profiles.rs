//! Realistic provider and vendor profiles (`tests/fixtures/profiles/`): each file's expert header against `exovet score`.
//!
//! The expectations were written from the seed articles and `domain.md`
//! before exovet was run on the files. A failure here means exovet and a
//! careful expert disagree: read the profile's `# why:` lines before
//! touching either the expectation or the bank.
//!
//! The header is the file's first lines that start with `#`, each `# key: value`:
//!
//! | key | how often | says |
//! |---|---|---|
//! | `expect` | once | `green`, `amber` or `red` |
//! | `incomplete` | once | `true` or `false` |
//! | `why` | 2 to 6 | the expert's reasoning, with sources |
//! | `args` | at most once | extra arguments for `exovet score`, e.g. `--audience coordinator` |
//! | `rule` | any | a rule id the JSON `rules` array holds; the array holds exactly these |
//! | `not-counted` | any | `QUESTION` or `QUESTION because audience\|condition`: the JSON `not_counted` array holds exactly these |
//! | `reask` | any | a profile saved with an older bank only (1.0.0, 1.1.0, …): a question whose old answer a later bank re-asks (a `[[migrate]]` entry on the way to the built-in bank), the one warning such a profile may print |
//! | `not-better-than` | at most once | another profile's file name: this one's verdict and score are never better than that one's (a refusal against the honest answer) |

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{root, run, toml_files};

const DIR: &str = "profiles";

/// What stderr says when an answer saved with an older bank is re-asked by a `[[migrate]]` entry.
const MIGRATION_WARNING: &str = "was saved with an older version of the bank";
/// What stderr says when `--audience` overrides the audience a file gives.
const AUDIENCE_WARNING: &str = "as --audience asks";

/// What the profile's header says a careful expert concludes.
#[derive(Debug)]
struct Expectation {
    verdict: String,
    incomplete: bool,
    why_lines: usize,
    /// Extra arguments for `exovet score`.
    args: Vec<String>,
    /// Rule ids that fire, exactly.
    rules: BTreeSet<String>,
    /// Question ids recorded but not counted, each with its `because` when the header gives one.
    not_counted: BTreeMap<String, Option<String>>,
    /// Questions whose answer, saved with an older bank, is re-asked (one warning each).
    reask: BTreeSet<String>,
    /// A profile this one must never score better than.
    not_better_than: Option<String>,
    /// `[meta] audience`.
    audience: String,
    /// `[meta] bank_version`; a file without one is read as 1.0.0.
    bank_version: String,
}

impl Expectation {
    /// Saved with a bank older than the built-in one, so read through its `[[migrate]]` steps.
    fn is_old_bank(&self) -> bool {
        version(&self.bank_version) < version(&current_bank())
    }

    fn overrides_audience(&self) -> bool {
        self.args.iter().any(|a| a == "--audience")
    }

    /// Whether exovet may print `warning` (one line of stderr, or a JSON
    /// `warnings` entry) for this profile: a re-asked older answer the header
    /// names, or the note that `--audience` overrode the file. Nothing else.
    fn allows(&self, warning: &str) -> bool {
        if warning.contains(MIGRATION_WARNING) {
            return self.is_old_bank()
                && self
                    .reask
                    .iter()
                    .any(|q| warning.contains(&format!("`{q}`")));
        }
        warning.contains(AUDIENCE_WARNING) && self.overrides_audience()
    }
}

/// The built-in bank's version (1.2.0 when this was written).
fn current_bank() -> String {
    exovet::bank::load_builtin().version
}

/// A bank version as numbers, to compare: "1.10.0" is newer than "1.9.0".
fn version(v: &str) -> Vec<u64> {
    v.split('.')
        .map(|n| {
            n.parse()
                .unwrap_or_else(|_| panic!("bank_version {v:?} is not a version like 1.2.0"))
        })
        .collect()
}

/// The older banks whose files must keep reading: for each, at least one profile saved
/// with it, and one with an answer a later bank re-asks (`# reask:`).
const OLD_BANKS: [&str; 2] = ["1.0.0", "1.1.0"];

fn profiles() -> Vec<PathBuf> {
    let files = toml_files(DIR);
    assert!(
        files.len() >= 20,
        "expected at least 20 profiles in tests/fixtures/{DIR}, found {}",
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
    let name = file.display();
    let mut verdict = None;
    let mut incomplete = None;
    let mut why_lines = 0;
    let mut args = None;
    let mut rules = BTreeSet::new();
    let mut not_counted = BTreeMap::new();
    let mut reask = BTreeSet::new();
    let mut not_better_than = None;
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let body = line.trim_start_matches('#').trim();
        let Some((key, value)) = body.split_once(':') else {
            panic!("{name}: a header line is `# key: value`, not {line:?}");
        };
        let value = value.trim();
        match key {
            "expect" => verdict = Some(value.to_owned()),
            "incomplete" => {
                incomplete = Some(match value {
                    "true" => true,
                    "false" => false,
                    other => {
                        panic!("{name}: `# incomplete:` must be true or false, not {other:?}")
                    }
                });
            }
            "why" => why_lines += 1,
            "args" => {
                assert!(args.is_none(), "{name}: give `# args:` at most once");
                args = Some(value.split_whitespace().map(str::to_owned).collect());
            }
            "rule" => {
                assert!(rules.insert(value.to_owned()), "{name}: rule {value} twice");
            }
            "not-counted" => {
                let (question, because) = match value.split_once(" because ") {
                    Some((q, b)) => (q.trim(), Some(b.trim().to_owned())),
                    None => (value, None),
                };
                if let Some(b) = &because {
                    assert!(
                        ["audience", "condition"].contains(&b.as_str()),
                        "{name}: `because` is audience or condition, not {b:?}"
                    );
                }
                assert!(
                    not_counted.insert(question.to_owned(), because).is_none(),
                    "{name}: not-counted {question} twice"
                );
            }
            "reask" => {
                assert!(
                    reask.insert(value.to_owned()),
                    "{name}: reask {value} twice"
                );
            }
            "not-better-than" => {
                assert!(
                    not_better_than.is_none(),
                    "{name}: give `# not-better-than:` at most once"
                );
                not_better_than = Some(value.to_owned());
            }
            other => panic!(
                "{name}: unknown header key {other:?}; use expect, incomplete, why, args, \
                 rule, not-counted, reask or not-better-than"
            ),
        }
    }
    let verdict = verdict
        .unwrap_or_else(|| panic!("{name}: the header needs a `# expect: green|amber|red` line"));
    assert!(
        ["green", "amber", "red"].contains(&verdict.as_str()),
        "{name}: `# expect:` must be green, amber or red, not {verdict:?}"
    );
    let incomplete = incomplete
        .unwrap_or_else(|| panic!("{name}: the header needs a `# incomplete: true|false` line"));

    let doc: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{name} is not valid TOML: {e}"));
    let meta = &doc["meta"];
    let audience = meta["audience"]
        .as_str()
        .unwrap_or_else(|| panic!("{name}: [meta] audience is not a string"))
        .to_owned();
    let bank_version = meta
        .get("bank_version")
        .map_or(Some("1.0.0"), toml::Value::as_str)
        .unwrap_or_else(|| panic!("{name}: [meta] bank_version is not a string"))
        .to_owned();
    Expectation {
        verdict,
        incomplete,
        why_lines,
        args: args.unwrap_or_default(),
        rules,
        not_counted,
        reask,
        not_better_than,
        audience,
        bank_version,
    }
}

/// Checks what exovet printed besides the verdict: each stderr line and
/// each JSON `warnings` entry must be one the profile allows, and each
/// re-asked answer its header names must be warned about.
fn check_warnings(
    file: &Path,
    exp: &Expectation,
    stderr: &str,
    json: &Value,
) -> Result<(), String> {
    let unexpected: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !exp.allows(l))
        .collect();
    if !unexpected.is_empty() {
        return Err(format!(
            "unexpected output on stderr (only an older-bank profile's `# reask:` warnings \
             and the --audience note are allowed):\n{}",
            unexpected.join("\n")
        ));
    }
    let warnings: Vec<&str> = json
        .get("warnings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|w| w.as_str().unwrap_or_default())
        .collect();
    let unexpected: Vec<&&str> = warnings.iter().filter(|w| !exp.allows(w)).collect();
    if !unexpected.is_empty() {
        return Err(format!("unexpected warnings in the JSON: {unexpected:?}"));
    }
    for question in &exp.reask {
        let named = |w: &str| w.contains(MIGRATION_WARNING) && w.contains(&format!("`{question}`"));
        if !stderr.lines().any(named) || !warnings.iter().any(|w| named(w)) {
            return Err(format!(
                "`# reask: {question}`: no migration warning about it on stderr and in the \
                 JSON `warnings` of {}",
                file.display()
            ));
        }
    }
    Ok(())
}

/// Scores one file as JSON with the header's `# args:`; a non-zero exit,
/// or a warning the header does not allow, is an error, so a mistyped or
/// hidden id cannot silently change the verdict.
fn score_one(file: &Path, exp: &Expectation) -> Result<Value, String> {
    let mut flags = vec!["--format", "json"];
    flags.extend(exp.args.iter().map(String::as_str));
    let out = run(score_args([file], &flags));
    let (stdout, stderr) = (out.stdout, out.stderr);
    if out.code != Some(0) {
        return Err(format!(
            "exit {:?}\nstderr:\n{stderr}\nstdout:\n{stdout}",
            out.code
        ));
    }
    let json: Value = serde_json::from_str(stdout.trim())
        .map_err(|e| format!("stdout is not one JSON object ({e}):\n{stdout}"))?;
    check_warnings(file, exp, &stderr, &json)?;
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

/// The ids of the JSON array `key`, each element's `field`.
fn ids(json: &Value, key: &str, field: &str) -> BTreeSet<String> {
    json.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| v[field].as_str().unwrap_or("?").to_owned())
        .collect()
}

/// The flags worth showing when a verdict is off: everything not green,
/// the rules that fired and the answers not counted.
fn describe(json: &Value) -> String {
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
    let not_counted: Vec<String> = json
        .get("not_counted")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|n| {
            format!(
                "{} = {} ({}, because {})",
                n["question"].as_str().unwrap_or("?"),
                n["answer"],
                n["flag"].as_str().unwrap_or("?"),
                n["because"].as_str().unwrap_or("?")
            )
        })
        .collect();
    let gates: Vec<&str> = json
        .get("follow_up")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| f["question"].as_str())
        .take(8)
        .collect();
    let list = |v: &[String]| {
        if v.is_empty() {
            "(none)".to_owned()
        } else {
            v.join("\n    ")
        }
    };
    format!(
        "  non-green flags:\n    {}\n  rules: {:?}\n  not counted:\n    {}\n  first questions to ask: {gates:?}",
        list(&flags),
        ids(json, "rules", "id"),
        list(&not_counted),
    )
}

/// Green < amber < red.
fn rank(verdict: &str) -> usize {
    ["green", "amber", "red"]
        .iter()
        .position(|v| *v == verdict)
        .unwrap_or(usize::MAX)
}

#[test]
fn every_profile_has_an_expert_header() {
    let files = profiles();
    let names: BTreeSet<String> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str().map(str::to_owned))
        .collect();
    let exps: Vec<Expectation> = files.iter().map(|f| expectation(f)).collect();
    for (file, exp) in files.iter().zip(&exps) {
        let name = file.display();
        assert!(
            (2..=6).contains(&exp.why_lines),
            "{name}: give 2 to 6 `# why:` lines with the expert reasoning, found {}",
            exp.why_lines
        );
        assert!(
            OLD_BANKS.contains(&exp.bank_version.as_str()) || exp.bank_version == current_bank(),
            "{name}: bank_version {} is none of {OLD_BANKS:?} or the built-in {}",
            exp.bank_version,
            current_bank()
        );
        assert!(
            exp.reask.is_empty() || exp.is_old_bank(),
            "{name}: `# reask:` is for profiles saved with an older bank only (this one: {})",
            exp.bank_version
        );
        if let Some(other) = &exp.not_better_than {
            assert!(
                names.contains(other),
                "{name}: `# not-better-than: {other}` names no profile in tests/fixtures/{DIR}"
            );
        }
        if exp.verdict != "amber" {
            assert!(
                !exp.incomplete,
                "{name}: `incomplete` is always false on {} (product.md)",
                exp.verdict
            );
        }
    }
    for who in ["patient", "coordinator"] {
        assert!(
            exps.iter().any(|e| e.audience == who),
            "the profiles should include at least one {who}"
        );
        assert!(
            exps.iter()
                .any(|e| e.audience == who && e.verdict == "green" && e.args.is_empty()),
            "the profiles should include an ideal {who} that is green: green must stay reachable"
        );
    }
    for verdict in ["green", "amber", "red"] {
        assert!(
            exps.iter().any(|e| e.verdict == verdict),
            "the profiles should include at least one expected {verdict}"
        );
    }
    for old in OLD_BANKS {
        assert!(
            exps.iter().any(|e| e.bank_version == old),
            "keep at least one bank-{old} profile: old files must still be read"
        );
        assert!(
            exps.iter()
                .any(|e| e.bank_version == old && !e.reask.is_empty()),
            "keep at least one bank-{old} profile with an answer a later bank re-asks"
        );
    }
    assert!(
        exps.iter().any(|e| !e.is_old_bank()),
        "keep profiles saved with the built-in bank {}",
        current_bank()
    );
}

#[test]
fn every_profile_gets_the_verdict_an_expert_gives() {
    let mut failures = Vec::new();
    let files = profiles();
    for file in &files {
        let exp = expectation(file);
        let json = match score_one(file, &exp) {
            Ok(json) => json,
            Err(e) => {
                failures.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        let verdict = json["verdict"].as_str().unwrap_or("(missing)");
        let incomplete = json["incomplete"].as_bool();
        let mut wrong = Vec::new();
        if verdict != exp.verdict || incomplete != Some(exp.incomplete) {
            wrong.push(format!(
                "  expected: {} (incomplete: {})\n  actual:   {verdict} (incomplete: {})",
                exp.verdict,
                exp.incomplete,
                incomplete.map_or_else(|| "(missing)".to_owned(), |b| b.to_string()),
            ));
        }
        let rules = ids(&json, "rules", "id");
        if rules != exp.rules {
            wrong.push(format!(
                "  rules fired: expected {:?}, got {rules:?}",
                exp.rules
            ));
        }
        let not_counted: BTreeMap<String, String> = json
            .get("not_counted")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|n| {
                (
                    n["question"].as_str().unwrap_or("?").to_owned(),
                    n["because"].as_str().unwrap_or("?").to_owned(),
                )
            })
            .collect();
        let same = not_counted.len() == exp.not_counted.len()
            && exp.not_counted.iter().all(|(q, because)| {
                not_counted
                    .get(q)
                    .is_some_and(|b| because.as_ref().is_none_or(|want| want == b))
            });
        if !same {
            wrong.push(format!(
                "  not counted: expected {:?}, got {not_counted:?}",
                exp.not_counted
            ));
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{}{}\n{}\n{}",
                file.display(),
                if exp.args.is_empty() {
                    String::new()
                } else {
                    format!(" (score {})", exp.args.join(" "))
                },
                wrong.join("\n"),
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
fn a_refusal_never_scores_better_than_the_honest_answer() {
    let files = profiles();
    let mut pairs = 0;
    let mut failures = Vec::new();
    for file in &files {
        let exp = expectation(file);
        let Some(other_name) = &exp.not_better_than else {
            continue;
        };
        pairs += 1;
        let other = file.with_file_name(other_name);
        let other_exp = expectation(&other);
        let (this, that) = match (score_one(file, &exp), score_one(&other, &other_exp)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        let verdict = |j: &Value| j["verdict"].as_str().unwrap_or("?").to_owned();
        let score = |j: &Value| j["score"].as_f64().unwrap_or(f64::NAN);
        if rank(&verdict(&this)) < rank(&verdict(&that)) || score(&this) > score(&that) {
            failures.push(format!(
                "{} ({} {}) scores better than {other_name} ({} {})",
                file.display(),
                verdict(&this),
                score(&this),
                verdict(&that),
                score(&that)
            ));
        }
    }
    assert!(
        pairs > 0,
        "no profile has `# not-better-than:`: add a refusing vendor beside the honest one"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn all_profiles_in_one_call_give_one_line_each_in_order() {
    let files = profiles();
    // Profiles with the same `# args:` are scored together.
    let mut groups: BTreeMap<Vec<String>, Vec<PathBuf>> = BTreeMap::new();
    for file in &files {
        groups
            .entry(expectation(file).args)
            .or_default()
            .push(file.clone());
    }
    for (args, group) in &groups {
        let mut flags = vec!["--format", "json"];
        flags.extend(args.iter().map(String::as_str));
        let out = run(score_args(group, &flags));
        let (stdout, stderr) = (out.stdout, out.stderr);
        assert_eq!(
            out.code,
            Some(0),
            "scoring all profiles without --fail-on should exit 0\nstderr:\n{stderr}"
        );
        for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
            let owner = group
                .iter()
                .find(|f| line.starts_with(&format!("{}:", f.display())));
            assert!(
                owner.is_some_and(|f| expectation(f).allows(line)),
                "unexpected output on stderr scoring {} profiles with {args:?}:\n{line}",
                group.len()
            );
        }
        let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines.len(),
            group.len(),
            "expected one JSON line per file, got:\n{stdout}"
        );
        for (file, line) in group.iter().zip(&lines) {
            let batch: Value = serde_json::from_str(line).unwrap_or_else(|e| {
                panic!("line for {} is not JSON ({e}):\n{line}", file.display())
            });
            let single = score_one(file, &expectation(file))
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for key in [
                "file",
                "subject",
                "audience",
                "verdict",
                "incomplete",
                "score",
                "rules",
                "not_counted",
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
        if expect_red && exp.args.is_empty() {
            reds.push(file.clone());
        }
        let mut flags = vec!["--fail-on", "red"];
        flags.extend(exp.args.iter().map(String::as_str));
        let out = run(score_args([file], &flags));
        if out.code != Some(want) {
            failures.push(format!(
                "{} (expected {}): `score --fail-on red {}` exited {:?}, want {want}\n  {}",
                file.display(),
                exp.verdict,
                exp.args.join(" "),
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

/// What a refusal of a question about the patient's own experience or health is called.
const RATHER_NOT_SAY: &str = "I'd rather not say";

/// product.md 1.2: on the patient's own questions (the suitability section,
/// `delivery.abroad`, `claims.sales_pressure`, `provider.answers_clearly`) a refusal is
/// the patient's "I'd rather not say": it takes the table's refused flag, never a
/// knock-out, and is never listed as a question to ask the provider again.
#[test]
fn a_patients_rather_not_say_is_never_asked_again_of_the_provider() {
    let files = profiles();
    let mut seen = 0;
    let mut failures = Vec::new();
    for file in &files {
        let exp = expectation(file);
        let json = match score_one(file, &exp) {
            Ok(json) => json,
            Err(e) => {
                failures.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        let own: Vec<&Value> = json["flags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["answer"] == "refused" && f["answer_text"] == RATHER_NOT_SAY)
            .collect();
        seen += own.len();
        for flag in own {
            let q = flag["question"].as_str().unwrap_or("?");
            if flag["critical"] == true || flag["flag"] == "red" {
                failures.push(format!(
                    "{}: `{q}` \"{RATHER_NOT_SAY}\" is {}{}, more than amber",
                    file.display(),
                    flag["flag"],
                    if flag["critical"] == true {
                        " (critical)"
                    } else {
                        ""
                    }
                ));
            }
            let again = json["follow_up"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|f| f["question"] == q && f["open"] == "ask-again");
            if again {
                failures.push(format!(
                    "{}: `{q}` is the patient's own \"{RATHER_NOT_SAY}\", yet `follow_up` \
                     lists it as open \"ask-again\" (the text: \"They would not answer these: \
                     ask again\")",
                    file.display()
                ));
            }
        }
    }
    assert!(
        seen > 0,
        "no profile answers \"{RATHER_NOT_SAY}\": keep one that does (profile 47)"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
