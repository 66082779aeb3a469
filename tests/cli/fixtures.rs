//! Fixture banks and answers files (`tests/fixtures/{banks,answers}`), each run through the real binary for its exit code and exact message.
//!
//! Every broken fixture is listed below with how many errors it must
//! produce and the words its message must hold (its position, and the
//! fact a person needs to fix it); the whole of stderr is then an `insta`
//! snapshot. A listing that states what the message *should* say fails
//! until the program says it, and no snapshot is written for it until then.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{JSON_FIELDS, Run, fixture, root, run, toml_files};

/// A valid answers file for the built-in bank, for commands that need one.
const EXAMPLE_ANSWERS: &str = "answers/valid/product-example.toml";

fn show(path: &Path) -> String {
    path.display().to_string()
}

/// The `# …` line a fixture starts with, saying what is broken in it.
fn comment(path: &Path) -> String {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("# ") && first.len() > 4,
        "{}: a fixture must begin with a `# ` line saying what it holds",
        path.display()
    );
    first.trim_start_matches("# ").to_owned()
}

/// Bad input: exit 2, nothing on stdout, no panic, every line about `file`.
fn assert_bad_input(r: &Run, file: &str) {
    assert_eq!(
        r.code,
        Some(2),
        "{file}: exit code\nstdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    assert!(
        r.stdout.is_empty(),
        "{file}: stdout must be empty on bad input, got:\n{}",
        r.stdout
    );
    assert!(!r.stderr.trim().is_empty(), "{file}: stderr is empty");
    assert!(
        !r.stderr.contains("panicked"),
        "{file}: panicked:\n{}",
        r.stderr
    );
    for line in r.stderr.lines() {
        assert!(
            line.starts_with(&format!("{file}:")),
            "{file}: every line of the message must name the file; this one does not:\n{line}"
        );
    }
}

/// A message about a text file: every problem has its `file:line:column`,
/// and the last line counts the errors.
fn assert_positioned(r: &Run, file: &str, errors: usize, says: &[&str]) {
    assert_bad_input(r, file);
    let lines: Vec<&str> = r.stderr.lines().collect();
    let (summary, problems) = lines.split_last().unwrap();
    for line in problems {
        let rest = &line[file.len() + 1..];
        let mut parts = rest.splitn(3, ':');
        let (l, c) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        assert!(
            l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok(),
            "{file}: a problem without line:column:\n{line}"
        );
    }
    let found = problems.iter().filter(|l| l.contains(": error: ")).count();
    assert_eq!(
        found, errors,
        "{file}: number of errors, one per mistake\n{}",
        r.stderr
    );
    let plural = if errors == 1 { "problem" } else { "problems" };
    assert_eq!(
        *summary,
        format!("{file}: {errors} {plural} to fix"),
        "{file}: the summary line"
    );
    assert_says(&r.stderr, file, says);
}

/// Each phrase must be in the message; a phrase starting with `!` must not.
fn assert_says(message: &str, file: &str, says: &[&str]) {
    for phrase in says {
        match phrase.strip_prefix('!') {
            Some(banned) => assert!(
                !message.contains(banned),
                "{file}: the message must not say {banned:?}:\n{message}"
            ),
            None => assert!(
                message.contains(phrase),
                "{file}: the message must say {phrase:?}:\n{message}"
            ),
        }
    }
}

fn snapshot(name: &str, description: &str, stderr: &str) {
    insta::with_settings!({ description => description, omit_expression => true }, {
        insta::assert_snapshot!(name, stderr);
    });
}

/// Every `.toml` in `dir` has a test in the list, and every listed one exists.
fn assert_listed(dir: &str, listed: &[&str]) {
    let on_disk: Vec<String> = toml_files(dir)
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for stem in &on_disk {
        assert!(
            listed.contains(&stem.replace('-', "_").as_str()),
            "{dir}/{stem}.toml has no test: list it in fixtures.rs"
        );
    }
    for name in listed {
        assert!(
            on_disk.iter().any(|stem| stem.replace('-', "_") == *name),
            "{dir}/{}.toml is listed but missing",
            name.replace('_', "-")
        );
    }
}

fn fixture_path(dir: &str, name: &str) -> PathBuf {
    fixture(&format!("{dir}/{}.toml", name.replace('_', "-")))
}

macro_rules! cases {
    ($check:ident, $dir:literal; $($name:ident: $errors:literal $(, $says:literal)*;)*) => {
        $(
            #[test]
            fn $name() {
                super::$check($dir, stringify!($name), $errors, &[$($says),*]);
            }
        )*

        #[test]
        fn every_fixture_is_listed() {
            super::assert_listed($dir, &[$(stringify!($name)),*]);
        }
    };
}

// ------------------------------------------------------------------ banks

/// `exovet check BANK` and `exovet --bank BANK score …` both refuse the bank with one message.
fn invalid_bank(dir: &str, name: &str, errors: usize, says: &[&str]) {
    let path = fixture_path(dir, name);
    let file = show(&path);
    let what = comment(&path);
    let check = run([OsStr::new("check"), path.as_os_str()]);
    assert_positioned(&check, &file, errors, says);

    let score = run([
        OsStr::new("--bank"),
        path.as_os_str(),
        OsStr::new("score"),
        fixture(EXAMPLE_ANSWERS).as_os_str(),
    ]);
    assert_bad_input(&score, &file);
    assert_eq!(
        score.stderr, check.stderr,
        "{file}: `--bank … score` must report the bank as `check` does"
    );

    snapshot(&format!("bank_{name}"), &what, &check.stderr);
}

mod invalid_bank {
    cases! { invalid_bank, "banks/invalid";
        syntax_error: 1, ":5:24: error: this is not valid TOML";
        // Names the key and says "text" rather than serde's "string".
        wrong_type: 1, ":21:10: error:", "`weight`", "whole number";
        // The question is still in its place: a later show_if on it is not "after it".
        wrong_type_in_a_question_a_later_one_depends_on: 1, ":39:10: error:", "`weight`", "!comes after it";
        // One mistake, one message: the [bank] table is there, its id is a number.
        wrong_type_in_bank_table: 1, ":3:6: error:", "`id`", "!has no [bank] table";
        // One mistake, one message: [[bank]] is there, written as a list.
        bank_written_as_list: 1, ":2:1: error:", "write [bank]", "!has no [bank] table";
        // Says which table is written twice, not TOML's bare "duplicate key".
        duplicate_bank_table: 1, "[bank]", "!duplicate key.";
        unknown_key: 2, ":21:1: error: unknown key `promt`", "Did you mean `prompt`?", ":16:1: error: question `source.origin` has no `prompt`";
        missing_required_key: 1, ":16:1: error: question `source.origin` has no `help`";
        blank_text: 1, ":21:10: error: `prompt` of question `source.origin` is empty";
        duplicate_section_id: 1, ":17:6: error: section id `source` is used twice (first on line 11)";
        duplicate_question_id: 1, ":39:6: error: question id `source.origin` is used twice (first on line 16)";
        duplicate_option_id: 1, ":39:6: error: option id `plant` is used twice";
        id_with_space: 1, ":17:6: error: question id `source origin`", "no spaces";
        option_named_refused: 1, ":33:6: error: option `refused`", "reserved";
        option_named_na: 1, ":33:6: error: option `na`", "reserved";
        unknown_section: 1, ":18:11: error:", "section `sorce`, which is not defined", "Did you mean `source`?";
        question_out_of_section_order: 1, ":65:1: error: question `source.named`", "keep each section's questions together";
        show_if_unknown_question: 1, ":52:24: error:", "`source.orign`", "Did you mean `source.origin`?";
        show_if_later_question: 1, ":52:24: error:", "`claims.outcome`", "comes after it";
        show_if_non_choice_question: 1, ":77:24: error:", "`source.cost_usd`, a number question", "choice question";
        show_if_missing_option: 1, ":52:51: error:", "option `plants`", "Did you mean `plant`?", "Its options are `msc-umbilical-cord` or `plant`";
        show_if_audience_never_asked: 1, ":74:24: error:", "`claims.fda`, which patients are never asked";
        option_without_why: 1, ":32:1: error: option `plant` of question `source.origin` has no `why`";
        red_option_without_sources: 1, ":32:1: error: option `plant`", "red but cites no source";
        critical_on_non_red: 1, ":36:12: error: option `plant`", "amber but marked critical";
        band_gap: 1, ":57:1: error:", "starts at 3500", "leaves a gap", "Start it at 3000";
        band_overlap: 1, ":57:1: error:", "starts at 2000", "overlaps", "Start it at 3000";
        bands_short_of_max: 1, ":57:1: error:", "ends at 50000", "max is 100000";
        bands_above_min: 1, ":51:1: error:", "starts at 500", "min is 0", "Start it at 0";
        options_on_number_question: 1, ":63:1: error:", "number question and cannot have options";
        // "a single question" reads as "one question": name the kind as people say it.
        bands_on_choice_question: 1, ":38:1: error:", "single-choice question", "cannot have bands";
        choice_with_one_option: 1, ":16:1: error:", "at least two";
        key_question_missing: 1, ":9:8: error: key question `source.orign` is not in the bank", "Did you mean `source.origin`?";
        key_question_hidden_by_show_if: 1, ":9:8: error: key question `source.named` has a `show_if`";
        key_question_not_both_audiences: 1, ":9:8: error: key question `source.origin` is not asked of both audiences";
        key_question_text_kind: 1, ":9:25: error: key question `source.details` is a text question";
        key_question_no_green: 1, ":9:8: error: key question `source.origin` has no green option";
        scoring_out_of_range: 2, ":10:10: error: [scoring] `red_at` is 0", ":11:22: error: [scoring] `green_min_answered` is 150";
        bank_table_missing: 1, ":1:1: error: the bank has no [bank] table";
        empty: 1, ":1:1: error: this bank file is empty";
        // The 1.1 format: rules across answers, sources, gates, review dates, migrations.
        rule_unknown_question: 1, ":140:16: error:", "rule `uk-human` looks at `source.contry`, which is not in th";
        rule_unknown_option: 1, ":140:44: error:", "rule `uk-human` names option `britain` of `source.country`, ";
        rule_without_why: 1, ":133:1: error:", "rule `uk-human` has no `why`: add why = \"…\".";
        rule_without_sources: 1, ":133:1: error:", "rule `uk-human` is red but cites no source: add sources = [\"";
        rule_never_fires_audience: 1, ":133:1: error:", "rule `uk-human` can never fire: no audience is asked all of ";
        rule_never_fires_condition: 1, ":133:1: error:", "rule `uk-human` can never fire: it needs answers to `source.";
        rule_one_condition: 1, ":139:8: error:", "rule `uk-human` looks at fewer than two answers; a rule join";
        guide_bad_audience: 1, ":160:12: error:", "`audience` of guide `report-harm` is `patients`", "Did you mean `patient`?";
        guide_unknown_source: 1, ":161:12: error:", "guide `report-harm` cites `fda-2091`, which is not an id";
        source_not_in_table: 1, ":40:12: error:", "question `source.origin` cites `seed-04`, which is not an id";
        source_address_not_web: 1, ":24:11: error:", "`address` of source `fda-2019` is not a web address; write o";
        source_unknown_kind: 1, ":23:8: error:", "`kind` of source `fda-2019` is `regulater`; it must be `seed";
        gate_unknown_question: 1, ":12:10: error:", "gate question `delivery.rout` is not in the bank. Did you me";
        gate_unscored: 1, ":12:28: error:", "gate question `source.country` is unscored, so no answer to ";
        review_before_release: 1, ":8:13: error:", "`review_by` (2026-06-01) of [bank] must come after `released";
        date_with_time: 1, ":7:12: error:", "`released` of [bank] is 2026-12-01T10:00:00Z; it must be a d";
        migrate_rename_to_unknown: 1, ":148:11: error:", "a [[migrate]] renames to `msc-cord`, which `source.origin` d";
        migrate_from_not_older: 1, ":145:8: error:", "`from` of a [[migrate]] is 1.1.0, which is not older than th";
        migrate_says_nothing: 1, ":150:1: error:", "a [[migrate]] says neither reask = true nor renamed = \"…\": s";
        // The 1.2 format: traits, read with `has` (less `except`); lists that drift from a trait.
        has_unknown_trait: 1, ":180:48: error:", "reads trait `break-skin`, which no option of `delivery.route` carries", "Did you mean `breaks-skin`?";
        rule_has_trait_of_another_question: 1, ":212:39: error:", "rule `uk-human` on `source.origin` reads trait `breaks-skin`", "`human-derived`";
        trait_list_drifts: 1, ":156:50: error:", "names 2 options of `source.origin` that carry `human-derived` but not `conditioned-media-human`", "except";
        trait_list_copied: 1, ":222:43: error:", "lists every option of `delivery.route` that carries `breaks-skin`", "Write has = \"breaks-skin\"";
        has_and_any_of: 1, ":180:48: error:", "has both `any_of` and `has`";
        except_without_the_trait: 1, ":156:74: error:", "leaves out option `plant`, which does not carry `human-derived`";
        except_every_carrier: 1, ":156:73: error:", "leaves out every option that carries `human-derived`, so it would never be shown";
        trait_twice: 1, ":113:26: error:", "carries trait `breaks-skin` twice";
        // Bank 1.2 fields for the file sent to a vendor (issue 21).
        language_not_a_tag: 1, ":7:12: error:", "`language` of [bank] is `Spanish`, which is not a language tag";
        asked_of_unknown: 1, ":20:12: error:", "`asked_of` of question `source.origin` is `coordinators`", "Did you mean `coordinator`?";
        asked_of_on_patient_question: 1, ":42:12: error:", "`source.seen` is asked of patients only, so `asked_of` says nothing";
        traits_not_a_list: 1, ":61:10: error: `traits` of question `source.origin` is the text \"human-derived\"; it must be a list";
        trait_id_not_ascii: 1, ":113:26: error: trait id `peau-abîmée`", "a to z";
        trait_misspelt: 1, ":61:11: error:", "carries trait `human-derivd`, which no condition reads", "Did you mean `human-derived`?";
        any_of_names_an_option_twice: 1, ":222:57: error:", "names option `injection` twice";
        trait_list_with_other_options: 1, ":156:50: error:", "names 3 options of `source.origin` that carry `human-derived`", "and `plant` too", "a trait of its own";
        refused_on_no_refusal: 1, ":130:11: error:", "question `notes` offers no refusal (allow_refused = false), ";
        many_mistakes: 11,
            ":2:1: error: [bank] has no `title`",
            ":4:11: error: bank version `1.0`",
            ":6:1: error: unknown key `colour`",
            ":10:10: error: [scoring] `red_at` is -1",
            ":30:8: error:", "Did you mean `green`?",
            ":34:6: error: option id `msc-umbilical-cord` is used twice",
            ":37:7: error: `why`",
            ":39:1: error: question `cost.per_session_usd` has no `help`",
            ":41:11: error:", "section `cost`, which is not defined",
            ":48:1: error: unknown key `halp`", "Did you mean `help`?",
            ":58:1: error:", "starts at 4000";
    }
}

#[test]
fn valid_banks_check_clean() {
    let files = toml_files("banks/valid");
    assert!(
        files.len() >= 2,
        "expected the minimal and the every-feature banks"
    );
    for path in files {
        comment(&path);
        let r = run([OsStr::new("check"), path.as_os_str()]);
        let file = show(&path);
        assert_eq!(r.code, Some(0), "{file}:\n{}", r.stderr);
        assert!(
            r.stderr.is_empty(),
            "{file}: no warnings expected:\n{}",
            r.stderr
        );
        assert!(
            r.stdout.starts_with(&format!("{file}: bank `")),
            "{file}:\n{}",
            r.stdout
        );
        assert!(r.stdout.contains("is valid"), "{file}:\n{}", r.stdout);
    }
}

#[test]
fn valid_bank_counts_read_as_english() {
    let r = run(["check", "tests/fixtures/banks/valid/minimal.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "tests/fixtures/banks/valid/minimal.toml: bank `mini` version 1.0.0 is valid: 1 question in 1 section (1 for patients, 1 for coordinators).\n"
    );
}

#[test]
fn every_feature_bank_loads_and_scores() {
    let r = run(["check", "tests/fixtures/banks/valid/every-feature.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("7 questions in 3 sections (6 for patients, 4 for coordinators)"),
        "{}",
        r.stdout
    );

    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    std::fs::write(
        &answers,
        r#"[meta]
bank = "every-feature"
bank_version = "2.3.4"
audience = "patient"
subject = "Every feature"

[answers]
"source.origin" = "msc-umbilical-cord"
"delivery.route" = ["topical-intact", "injection"]
"delivery.operator" = "na"
"delivery.cost_usd" = 25000
"you.pregnant" = "refused"
"you.notes" = "text, never scored"
"#,
    )
    .unwrap();
    let r = run([
        OsStr::new("--bank"),
        OsStr::new("tests/fixtures/banks/valid/every-feature.toml"),
        OsStr::new("score"),
        OsStr::new("--format"),
        OsStr::new("json"),
        answers.as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["bank"]["id"], "every-feature");
    // Two reds (injection, a price over 20000) and a refused answer that this
    // bank flags red: three reds reach its red_at of 3.
    assert_eq!(v["verdict"], "red", "{v:#}");
    assert_eq!(
        flag_of(&v, "you.pregnant").unwrap()["flag"],
        "red",
        "refused takes [scoring] refused"
    );
    assert!(
        flag_of(&v, "delivery.operator").is_none(),
        "\"na\" carries no flag"
    );
    assert!(flag_of(&v, "you.notes").is_none(), "text is never scored");
}

/// Bank files that cannot be read as text, written at test time.
fn unreadable_bank(name: &str, bytes: &[u8]) -> (Run, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bank.toml");
    std::fs::write(&path, bytes).unwrap();
    let r = run([OsStr::new("check"), path.as_os_str()]);
    let file = show(&path);
    assert_bad_input(&r, &file);
    let stderr = r.stderr.replace(&file, "[TMP]/bank.toml");
    snapshot(&format!("bank_{name}"), name, &stderr);
    (r, file)
}

#[test]
fn binary_bank() {
    let (r, file) = unreadable_bank("binary", b"[bank]\nid = \"mini\0\x01\x02\"\n");
    assert_says(&r.stderr, &file, &[":2:11: error:", "binary"]);
}

#[test]
fn non_utf8_bank() {
    let (r, file) = unreadable_bank("non_utf8", b"[bank]\ntitle = \"caf\xe9\"\n");
    assert_says(&r.stderr, &file, &[":2:13: error:", "UTF-8"]);
}

#[test]
fn zero_byte_bank() {
    let (r, file) = unreadable_bank("zero_byte", b"");
    assert_says(&r.stderr, &file, &["this bank file is empty"]);
}

#[test]
fn missing_bank() {
    let file = "tests/fixtures/banks/invalid/no-such-bank.toml";
    let r = run(["check", file]);
    assert_bad_input(&r, file);
    assert_says(&r.stderr, file, &["no such file", "Check the path"]);
    snapshot(
        "bank_missing_file",
        "a bank file that does not exist",
        &r.stderr,
    );
    let score = run([
        "--bank",
        file,
        "score",
        "tests/fixtures/answers/valid/product-example.toml",
    ]);
    assert_bad_input(&score, file);
    assert_eq!(score.stderr, r.stderr);
}

#[test]
fn bank_is_a_directory() {
    let file = "tests/fixtures/banks/valid";
    let r = run(["check", file]);
    assert_bad_input(&r, file);
    assert_says(&r.stderr, file, &["folder, not a file"]);
    snapshot(
        "bank_directory",
        "a folder given where a bank file is expected",
        &r.stderr,
    );
}

// ---------------------------------------------------------------- answers

/// `exovet score FILE` with the built-in bank refuses the file with one message.
fn invalid_answers(dir: &str, name: &str, errors: usize, says: &[&str]) {
    let path = fixture_path(dir, name);
    let file = show(&path);
    let what = comment(&path);
    let r = run([OsStr::new("score"), path.as_os_str()]);
    assert_positioned(&r, &file, errors, says);
    let json = run([
        OsStr::new("score"),
        OsStr::new("--format"),
        OsStr::new("json"),
        path.as_os_str(),
    ]);
    assert_bad_input(&json, &file);
    assert_eq!(
        json.stderr, r.stderr,
        "{file}: the message must not depend on --format"
    );
    snapshot(&format!("answers_{name}"), &what, &r.stderr);
}

mod invalid_answers {
    cases! { invalid_answers, "answers/invalid";
        // One missing `]` is one mistake: one message, not a cascade of four.
        syntax_error: 1, "this is not valid TOML";
        syntax_error_unclosed_string: 1, ":4:20: error: this is not valid TOML";
        unknown_question: 1, ":10:1: error: there is no question `source.orign`", "Did you mean `source.origin`?";
        unknown_option: 1,
            ":10:19: error: `source.origin`: `msc-umbilical` is not an option",
            "`msc-umbilical-cord`, `msc-adipose`, `msc-bone-marrow`, `placenta`, `platelet`, `autologous-own-blood`, `plant`, `conditioned-media-human`, `conditioned-media-nonhuman`, `human-unspecified`, `other` or `cancer-cell-line`";
        // Says "one of one of" today.
        list_for_single_choice: 1, ":10:17: error: `testing.coa`", "not a list", "`lot-third-party`", "!one of one of";
        string_for_number: 1, ":10:26: error: `cost.per_session_usd`", "without quotes";
        number_out_of_range: 1, ":10:26: error: `cost.per_session_usd`: -50", "0 to 100000";
        number_for_choice: 1, ":10:17: error: `testing.coa`", "in quotes";
        na_not_allowed: 1, ":10:19: error: `source.origin`: \"na\"", "not allowed";
        na_inside_a_list: 1, ":9:23: error: `claims.indication`: \"na\" (not applicable) is not an answer to this question";
        refused_inside_list: 1, ":10:20: error: `delivery.route`", "on its own, not inside a list";
        wrong_bank_id: 1, ":3:8: error:", "`other-bank`", "`exosome-vetting`", "--bank";
        missing_meta: 1, ":1:1: error:", "no [meta] table";
        missing_audience: 1, "error: [meta] has no `audience`";
        unknown_audience: 1, ":5:12: error: audience `patiant`", "Did you mean `patient`?";
        unknown_meta_key: 1, ":6:1: error: unknown key `subjct`", "Did you mean `subject`?";
        unknown_top_level_table: 1, ":9:2: error:", "`answer`", "Did you mean `answers`?";
        // "boolean" is a programmer's word; say what was written.
        boolean_answer: 1, ":10:26: error: `storage.chart_record`", "`true`", "`yes`", "!a boolean", "!or `no` or";
        many_mistakes: 5,
            ":7:1: error: unknown key `colour` in [meta]",
            ":10:19: error: `source.origin`: `msc-umbilical`",
            ":11:1: error: there is no question `source.orign`",
            ":12:17: error: `testing.coa`",
            ":13:26: error: `cost.per_session_usd`: 250000",
            "!one of one of";
    }
}

#[test]
fn missing_answers_file() {
    let file = "tests/fixtures/answers/invalid/no-such-answers.toml";
    let r = run(["score", file]);
    assert_bad_input(&r, file);
    assert_says(&r.stderr, file, &["no such file"]);
    snapshot(
        "answers_missing_file",
        "an answers file that does not exist",
        &r.stderr,
    );
}

#[test]
fn answers_is_a_directory() {
    // `score` compares every file in a folder; a summary needs one file.
    let file = "tests/fixtures/answers/valid";
    let r = run(["report", file]);
    assert_bad_input(&r, file);
    assert_says(&r.stderr, file, &["folder, not a file"]);
}

#[test]
fn binary_answers_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(&path, b"[meta]\naudience = \"patient\"\n\0\xff").unwrap();
    let r = run([OsStr::new("score"), path.as_os_str()]);
    let file = show(&path);
    assert_bad_input(&r, &file);
    assert_says(&r.stderr, &file, &[":3:1: error:", "binary"]);
}

// ---------------------------------------------------------- valid answers

fn score_json(path: &Path) -> (Value, String) {
    let r = run([
        OsStr::new("score"),
        OsStr::new("--format"),
        OsStr::new("json"),
        path.as_os_str(),
    ]);
    let file = show(path);
    assert_eq!(r.code, Some(0), "{file}:\n{}", r.stderr);
    assert!(!r.stderr.contains("error"), "{file}:\n{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{file}: not JSON ({e}):\n{}", r.stdout));
    for key in JSON_FIELDS {
        assert!(v.get(key).is_some(), "{file}: JSON has no `{key}`:\n{v:#}");
    }
    assert_eq!(v["bank"]["id"], "exosome-vetting", "{file}");
    (v, r.stderr)
}

fn flag_of<'a>(v: &'a Value, question: &str) -> Option<&'a Value> {
    v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["question"] == question)
}

#[test]
fn valid_answers_score_in_text_and_json() {
    let files = toml_files("answers/valid");
    assert!(files.len() >= 8);
    for path in files {
        comment(&path);
        let file = show(&path);
        let text = run([OsStr::new("score"), path.as_os_str()]);
        assert_eq!(text.code, Some(0), "{file}:\n{}", text.stderr);
        assert!(
            text.stdout.contains("Verdict: "),
            "{file}:\n{}",
            text.stdout
        );
        assert!(
            text.stderr.is_empty(),
            "{file}: text output lists warnings in its body:\n{}",
            text.stderr
        );
        score_json(&path);
    }
}

#[test]
fn product_example_scores_red_on_a_refused_key_question() {
    let (v, stderr) = score_json(&fixture(EXAMPLE_ANSWERS));
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(v["subject"], "Glow Med Spa");
    assert_eq!(v["audience"], "patient");
    assert_eq!(v["verdict"], "red");
    assert_eq!(flag_of(&v, "testing.coa").unwrap()["critical"], true);
    assert_eq!(
        flag_of(&v, "source.origin").unwrap()["answer"],
        "msc-umbilical-cord"
    );
    assert_eq!(
        flag_of(&v, "cost.per_session_usd").unwrap()["answer"],
        900.0
    );
    assert!(
        flag_of(&v, "source.product_details").is_none(),
        "text is never scored"
    );
}

#[test]
fn dotted_keys_are_read_as_question_ids() {
    let (v, stderr) = score_json(&fixture("answers/valid/dotted-keys.toml"));
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(
        flag_of(&v, "source.origin").unwrap()["answer"],
        "msc-adipose"
    );
    assert_eq!(
        flag_of(&v, "source.product_named").unwrap()["answer"],
        "brand-only"
    );
    assert_eq!(
        flag_of(&v, "delivery.route").unwrap()["answer"],
        serde_json::json!(["topical-intact", "injection"])
    );
    assert_eq!(
        flag_of(&v, "cost.per_session_usd").unwrap()["answer"],
        1500.5
    );
}

#[test]
fn hidden_answers_are_kept_listed_and_not_counted_and_a_red_one_rules_out_green() {
    for (name, question, flag, because) in [
        (
            "hidden-answer",
            "manufacturing.separation",
            "red",
            "audience",
        ),
        (
            "hidden-by-condition",
            "source.donor_screening",
            "green",
            "condition",
        ),
    ] {
        let path = fixture(&format!("answers/valid/{name}.toml"));
        let (v, stderr) = score_json(&path);
        assert!(stderr.is_empty(), "{name}: {stderr}");
        assert!(
            flag_of(&v, question).is_none(),
            "{name}: a hidden answer must not be scored:\n{v:#}"
        );
        let kept = &v["not_counted"][0];
        assert_eq!(kept["question"], question, "{v:#}");
        assert_eq!(kept["flag"], flag, "{v:#}");
        assert_eq!(kept["because"], because, "{v:#}");
        let reasons = v["reasons"].to_string();
        assert_eq!(
            reasons.contains("does not count here"),
            flag == "red",
            "{name}: {reasons}"
        );
        let text = run([OsStr::new("score"), path.as_os_str()]);
        assert!(
            text.stdout.contains("Answers kept but not counted:"),
            "{}",
            text.stdout
        );
    }
}

#[test]
fn older_bank_version_warns_and_keeps_answers() {
    let path = fixture("answers/valid/older-bank-version.toml");
    let (v, stderr) = score_json(&path);
    assert!(
        stderr.contains(&format!("{}:4:16: warning:", show(&path))),
        "{stderr}"
    );
    assert!(
        stderr.contains("0.9.0") && stderr.contains("1.2.0"),
        "{stderr}"
    );
    assert_eq!(flag_of(&v, "source.origin").unwrap()["answer"], "placenta");
    snapshot(
        "answers_warning_older_bank_version",
        &comment(&path),
        &stderr,
    );
}

#[test]
fn empty_answers_table_is_amber_and_incomplete() {
    let (v, stderr) = score_json(&fixture("answers/valid/empty-answers.toml"));
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(v["verdict"], "amber");
    assert_eq!(v["incomplete"], true);
    assert!(v["flags"].as_array().unwrap().is_empty());
    assert!(!v["follow_up"].as_array().unwrap().is_empty());
}

#[test]
fn verdict_fixtures_score_as_their_names_say() {
    for (name, verdict) in [
        ("red-verdict", "red"),
        ("amber-verdict", "amber"),
        ("green-verdict", "green"),
    ] {
        let (v, _) = score_json(&fixture(&format!("answers/valid/{name}.toml")));
        assert_eq!(v["verdict"], verdict, "{name}:\n{v:#}");
        assert_eq!(v["incomplete"], false, "{name}");
    }
}

/// Bank 1.0.0 called this file green; donor screening, the FDA's history of the maker, what
/// the treatment is for (1.2) and the country were never asked, so today's bank waits for
/// them, and says which to ask first.
#[test]
fn a_green_under_1_0_0_that_never_asked_the_gates_is_amber_and_incomplete() {
    let path = fixture("answers/valid/green-under-1.0.0.toml");
    let (v, stderr) = score_json(&path);
    assert_eq!(v["verdict"], "amber", "{v:#}");
    assert_eq!(v["incomplete"], true);
    let gates: Vec<&str> = v["follow_up"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["open"] == "gate")
        .map(|f| f["question"].as_str().unwrap())
        .collect();
    assert_eq!(
        gates,
        [
            "source.donor_screening",
            "manufacturing.enforcement",
            "claims.indication",
            "regulatory.jurisdiction"
        ]
    );
    // `na` on provider.supervisor meant something else in 1.0.0: it is asked again.
    assert!(
        stderr.contains("`provider.supervisor` = \"na\" was saved with an older version"),
        "{stderr}"
    );
}

#[test]
fn a_broken_file_among_good_ones_exits_2_and_still_scores_the_good_one() {
    let good = "tests/fixtures/answers/valid/red-verdict.toml";
    let bad = "tests/fixtures/answers/invalid/unknown-option.toml";
    for args in [
        vec!["score", good, bad],
        vec!["score", bad, good],
        vec!["score", "--fail-on", "red", good, bad],
    ] {
        let r = run(&args);
        assert_eq!(
            r.code,
            Some(2),
            "{args:?}: bad input wins over --fail-on\n{}",
            r.stderr
        );
        assert!(
            r.stdout.contains(good),
            "{args:?}: the good file's result is printed:\n{}",
            r.stdout
        );
        assert!(r.stdout.contains("✖ RED"), "{args:?}:\n{}", r.stdout);
        assert!(!r.stdout.contains(bad), "{args:?}:\n{}", r.stdout);
        assert!(
            r.stderr.starts_with(&format!("{bad}:10:19: error:")),
            "{args:?}:\n{}",
            r.stderr
        );
    }
    let json = run(["score", "--format", "json", good, bad]);
    assert_eq!(json.code, Some(2));
    let v: Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert_eq!(v["verdict"], "red");
}
