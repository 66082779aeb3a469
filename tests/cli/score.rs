//! `exovet score` through the real binary: what a person reads, what a program parses, and the exit codes.

use crate::{JSON_FIELDS, exovet, run, stdout_of};

const EXAMPLES: [&str; 3] = [
    "docs/examples/before-consult.toml",
    "docs/examples/glow-med-spa.toml",
    "docs/examples/careful-vendor.toml",
];

#[test]
fn text_output_reads_well() {
    for file in EXAMPLES {
        let name = file.rsplit('/').next().unwrap().trim_end_matches(".toml");
        insta::assert_snapshot!(format!("text_{name}"), stdout_of(["score", file]));
    }
}

#[test]
fn text_lines_fit_eighty_columns() {
    for file in EXAMPLES {
        for line in stdout_of(["score", file]).lines() {
            // URLs cannot be broken; everything else must fit a printed page.
            if !line.contains("https://") {
                assert!(line.chars().count() <= 80, "{file}: {line}");
            }
        }
    }
}

#[test]
fn json_output_has_the_contract_fields() {
    for file in EXAMPLES {
        let name = file.rsplit('/').next().unwrap().trim_end_matches(".toml");
        let text = stdout_of(["score", "--format", "json", file]);
        assert_eq!(text.lines().count(), 1, "one object on one line");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        for key in JSON_FIELDS {
            assert!(json.get(key).is_some(), "{file}: no `{key}`");
        }
        for f in json["flags"].as_array().unwrap() {
            for key in ["question", "answer", "flag", "critical", "why"] {
                assert!(f.get(key).is_some(), "{file}: a flag has no `{key}`");
            }
        }
        for f in json["follow_up"].as_array().unwrap() {
            assert!(f["question"].is_string() && f["ask"].is_string());
        }
        insta::assert_json_snapshot!(format!("json_{name}"), json);
    }
}

/// The answers fixtures named for the verdict they score to.
const RED: &str = "tests/fixtures/answers/valid/red-verdict.toml";
const AMBER: &str = "tests/fixtures/answers/valid/amber-verdict.toml";
const GREEN: &str = "tests/fixtures/answers/valid/green-verdict.toml";

/// The objects `exovet score --format json FILES` prints, one a line; it must succeed.
fn json_lines(files: &[&str]) -> Vec<serde_json::Value> {
    stdout_of(["score", "--format", "json"].iter().chain(files))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn several_files_give_one_json_line_each_in_order() {
    let lines = json_lines(&EXAMPLES);
    let subjects: Vec<&str> = lines
        .iter()
        .map(|v| v["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        [
            "Before the consult",
            "Glow Med Spa",
            "Careful Biologics Inc."
        ]
    );
    let lines = json_lines(&[RED, AMBER]);
    let verdicts: Vec<&str> = lines
        .iter()
        .map(|v| v["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["red", "amber"]);
}

/// The exit code of `exovet score --fail-on LEVEL FILE`.
fn fail_on(level: &str, file: &str) -> Option<i32> {
    let r = run(["score", "--fail-on", level, file]);
    assert!(
        !r.stdout.is_empty(),
        "the verdict is printed whatever the exit code"
    );
    r.code
}

#[test]
fn fail_on_sets_exit_code_one_only_when_reached() {
    // glow-med-spa is red, before-consult amber, careful-vendor green.
    assert_eq!(fail_on("red", EXAMPLES[1]), Some(1));
    assert_eq!(fail_on("red", EXAMPLES[0]), Some(0));
    assert_eq!(fail_on("amber", EXAMPLES[0]), Some(1));
    assert_eq!(fail_on("amber", EXAMPLES[2]), Some(0));
    assert_eq!(run(["score", EXAMPLES[1]]).code, Some(0));

    assert_eq!(fail_on("red", RED), Some(1));
    assert_eq!(fail_on("red", AMBER), Some(0));
    assert_eq!(fail_on("amber", AMBER), Some(1));
    assert_eq!(fail_on("amber", RED), Some(1));
    assert_eq!(fail_on("amber", GREEN), Some(0));
}

#[test]
fn usage_errors_exit_two() {
    let code = |args: &[&str]| run(args).code;
    assert_eq!(code(&["score"]), Some(2));
    assert_eq!(code(&["score", "--format", "yaml", EXAMPLES[0]]), Some(2));
    assert_eq!(code(&["score", "--fail-on", "green", EXAMPLES[0]]), Some(2));
    assert_eq!(code(&["frobnicate"]), Some(2));
}

#[test]
fn colour_only_on_request_and_never_with_no_color() {
    // Not a terminal: no escape sequences, whatever NO_COLOR says.
    let out = exovet()
        .env_remove("NO_COLOR")
        .args(["score", EXAMPLES[1]])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
}

/// After the bank's `review_by`, every verdict says the bank is due for review: the single
/// file, the ranked tables and the summary. The day is given, never read from the clock.
#[test]
fn after_review_by_every_verdict_says_the_bank_is_due_for_review() {
    let outputs = |today: &str| -> Vec<String> {
        [
            vec!["score", EXAMPLES[0]],
            vec!["score", "docs/examples"],
            vec!["score", "--format", "md", "docs/examples"],
            vec!["report", EXAMPLES[0]],
            vec!["report", "--format", "html", EXAMPLES[0]],
        ]
        .into_iter()
        .map(|args| {
            let out = crate::exovet()
                .env("EXOVET_TODAY", today)
                .args(&args)
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
    };
    for text in outputs("2027-06-07") {
        assert!(!text.contains("due for review"), "{text}");
    }
    for text in outputs("2027-06-08") {
        assert!(text.contains("due for review on 2027-06-07"), "{text}");
    }
    // Anything but a date is ignored.
    for text in outputs("tomorrow") {
        assert!(!text.contains("due for review"), "{text}");
    }
}

/// Product.md 1.2: wherever reasons are listed, the short list included, a fired rule gives
/// its reason, not only the answers that fired it. Canada and a cord product: neither answer
/// is a red flag alone, so only the rule's own words say why the verdict is red.
#[test]
fn a_fired_rule_gives_its_reason_in_every_short_list() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.toml"),
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"patient\"\nsubject = \"Clinic in Ottawa\"\n\n[answers]\n\"source.origin\" = \"msc-umbilical-cord\"\n\"regulatory.jurisdiction\" = \"canada\"\n",
    )
    .unwrap();
    let bank = exovet::bank::load_builtin();
    let why = &bank
        .rules
        .iter()
        .find(|r| r.id == "canada-human-derived")
        .unwrap()
        .why;
    // Its first sentence, as each format wraps it.
    let first: String = why.split(". ").next().unwrap().to_owned();
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = crate::run_in(dir.path(), ["score", "c.toml"]).stdout;
    let short = text.split("What to ask").next().unwrap();
    assert!(short.contains("Verdict: RED"), "{text}");
    assert!(words(short).contains(&words(&first)), "{short}");
    for format in ["txt", "md", "html"] {
        let out = crate::run_in(dir.path(), ["report", "--format", format, "c.toml"]).stdout;
        let short = out.split("What to ask").next().unwrap().to_owned();
        let short = short.replace("&#x27;", "'").replace("&#39;", "'");
        assert!(
            words(&short)
                .to_lowercase()
                .contains(&words(&first).to_lowercase()),
            "{format}: {short}"
        );
    }
}

/// Issue 21: `score --brief` says the verdict, the worst reasons and how many questions
/// are open in under 25 lines, for every answers file the tests and docs hold.
#[test]
fn brief_is_under_25_lines_for_every_file() {
    let mut files: Vec<std::path::PathBuf> = ["profiles", "report", "diff"]
        .iter()
        .flat_map(|d| crate::toml_files(d))
        .collect();
    files.extend(
        [
            "before-consult",
            "glow-med-spa",
            "careful-vendor",
            "careful-vendor-1.0.0",
        ]
        .map(|f| std::path::PathBuf::from(format!("docs/examples/{f}.toml"))),
    );
    assert!(files.len() > 50, "{} files", files.len());
    for file in files {
        let out = crate::run(["score", "--brief", file.to_str().unwrap()]);
        assert_eq!(out.code, Some(0), "{}: {}", file.display(), out.stderr);
        let lines = out.stdout.lines().count();
        assert!(
            lines < 25,
            "{}: {lines} lines:\n{}",
            file.display(),
            out.stdout
        );
        assert!(out.stdout.contains("Verdict:"), "{}", out.stdout);
        assert!(out.stdout.contains(" still to ask"), "{}", out.stdout);
    }
}

/// Found by an adversarial run: a coordinator's red verdict told them to "talk to a physician
/// you trust". A coordinator buys a product: the meaning says not to buy it.
#[test]
fn a_coordinators_red_says_not_to_buy_and_a_patients_to_see_a_physician() {
    let vendor = crate::stdout_of([
        "score",
        "tests/fixtures/profiles/04-vendor-ruo-fda-approved-361-coordinator.toml",
    ]);
    assert!(vendor.contains("Verdict: RED"), "{vendor}");
    assert!(
        vendor.contains("Do not buy or use this product"),
        "{vendor}"
    );
    assert!(!vendor.contains("physician you trust"), "{vendor}");
    let patient = crate::stdout_of([
        "score",
        "tests/fixtures/profiles/03-medspa-iv-wellness-patient.toml",
    ]);
    assert!(patient.contains("Verdict: RED"), "{patient}");
    let patient = patient.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        patient.contains("talk to a physician you trust"),
        "{patient}"
    );
}
