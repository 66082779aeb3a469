//! `exovet score` through the real binary: what a person reads, what a program parses, and the exit codes.

use crate::{exovet, run, stdout_of};

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
        for key in [
            "subject",
            "audience",
            "bank",
            "verdict",
            "incomplete",
            "score",
            "flags",
            "follow_up",
            "sections",
        ] {
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

#[test]
fn several_files_give_one_json_line_each_in_order() {
    let mut args = vec!["score", "--format", "json"];
    args.extend(EXAMPLES);
    let text = stdout_of(args);
    let subjects: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["subject"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        subjects,
        [
            "Before the consult",
            "Glow Med Spa",
            "Careful Biologics Inc."
        ]
    );
}

#[test]
fn fail_on_sets_exit_code_one_only_when_reached() {
    let code = |args: &[&str]| run(args).code;
    // glow-med-spa is red, before-consult amber, careful-vendor green.
    assert_eq!(code(&["score", "--fail-on", "red", EXAMPLES[1]]), Some(1));
    assert_eq!(code(&["score", "--fail-on", "red", EXAMPLES[0]]), Some(0));
    assert_eq!(code(&["score", "--fail-on", "amber", EXAMPLES[0]]), Some(1));
    assert_eq!(code(&["score", "--fail-on", "amber", EXAMPLES[2]]), Some(0));
    assert_eq!(code(&["score", EXAMPLES[1]]), Some(0));
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
