//! The coordinator's round trip through the real binary (issue 13): the questionnaire file
//! sent to a vendor, filled in as a vendor would, signed, and scored.

use crate::run_in;

const IDEAL: &str = "tests/fixtures/profiles/27-ideal-vendor-reassessed-coordinator.toml";

/// The answer lines of a file exovet wrote: `"id" = value`.
fn answer_lines(text: &str) -> Vec<(String, String)> {
    text.lines()
        .skip_while(|l| *l != "[answers]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| l.starts_with('"'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn a_questionnaire_filled_in_by_a_vendor_scores_as_the_same_answers_written_directly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(
        d,
        [
            "questions",
            "--audience",
            "coordinator",
            "--format",
            "toml",
            "--subject",
            "Meridian Biologics",
            "-o",
            "sent.toml",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    // As sent: valid, nothing asked, amber and incomplete, and not attested.
    let sent = run_in(d, ["score", "sent.toml"]);
    assert_eq!(sent.code, Some(0), "{}", sent.stderr);
    assert!(
        sent.stdout.contains("Verdict: AMBER (incomplete)"),
        "{}",
        sent.stdout
    );
    assert!(
        sent.stdout.contains("Vendor-reported, not attested"),
        "{}",
        sent.stdout
    );

    // The vendor removes "# " from each answer line and writes the answer, then signs.
    let direct = std::fs::read_to_string(crate::root().join(IDEAL)).unwrap();
    let mut filled = std::fs::read_to_string(d.join("sent.toml")).unwrap();
    // The coordinator's own checks are not in the vendor's file: the coordinator adds them.
    let own = [
        "\"manufacturing.enforcement\"",
        "\"regulatory.jurisdiction\"",
    ];
    for (key, value) in answer_lines(&direct) {
        let blank = format!("\n# {key} = \n");
        if own.contains(&key.as_str()) {
            assert!(!filled.contains(&blank), "{key} asked of the vendor");
            filled = filled.replacen(
                "\n[answers]\n",
                &format!("\n[answers]\n{key} = {value}\n"),
                1,
            );
            continue;
        }
        assert!(filled.contains(&blank), "no answer line for {key}");
        filled = filled.replacen(&blank, &format!("\n{key} = {value}\n"), 1);
    }
    for (key, value) in [
        ("name", "Dana Whitfield"),
        ("role", "Head of Quality"),
        ("organization", "Meridian Biologics Inc."),
    ] {
        filled = filled.replacen(
            &format!("\n{key} = \"\"\n"),
            &format!("\n{key} = \"{value}\"\n"),
            1,
        );
    }
    filled = filled.replacen("\ndate = \"\"\n", "\ndate = 2026-12-01\n", 1);
    std::fs::write(d.join("returned.toml"), &filled).unwrap();
    std::fs::copy(crate::root().join(IDEAL), d.join("direct.toml")).unwrap();

    let json = |file: &str| -> serde_json::Value {
        let out = run_in(d, ["score", "--format", "json", file]);
        assert_eq!(out.code, Some(0), "{file}: {}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let (returned, direct) = (json("returned.toml"), json("direct.toml"));
    assert_eq!(returned["verdict"], "green");
    for key in [
        "verdict",
        "incomplete",
        "score",
        "flags",
        "follow_up",
        "rules",
        "counts",
        "sections",
    ] {
        assert_eq!(returned[key], direct[key], "{key}");
    }
    assert_eq!(returned["attestation"]["signed"], true);
    assert_eq!(direct["attestation"], serde_json::Value::Null);

    // Every summary and the score text say who stands behind it, never that it is checked.
    let said = "Vendor-reported, attested by Dana Whitfield, Head of Quality, Meridian Biologics Inc. on 2026-12-01";
    let text = run_in(d, ["score", "returned.toml"]).stdout;
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(said),
        "{text}"
    );
    for format in ["txt", "md", "html"] {
        let out = run_in(d, ["report", "--format", format, "returned.toml"]);
        let words = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(said), "{format}: {words}");
        assert!(
            !words.to_lowercase().contains("attestation verified"),
            "{format}"
        );
    }
    // The wide CSV carries the signature.
    let csv = run_in(
        d,
        ["score", "--format", "csv", "returned.toml", "direct.toml"],
    )
    .stdout;
    assert!(
        csv.contains(
            "\"vendor, attested\",Dana Whitfield,Head of Quality,Meridian Biologics Inc.,2026-12-01"
        ),
        "{csv}"
    );
}

#[test]
fn a_vendors_mistake_in_the_returned_file_is_placed_with_the_valid_options() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(
        d,
        ["questions", "--audience", "coordinator", "-o", "sent.toml"],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = std::fs::read_to_string(d.join("sent.toml"))
        .unwrap()
        .replacen("# \"testing.coa\" = \n", "\"testing.coa\" = \"yes\"\n", 1)
        .replacen("\ndate = \"\"\n", "\ndate = \"1 December\"\n", 1);
    std::fs::write(d.join("returned.toml"), text).unwrap();
    let out = run_in(d, ["score", "returned.toml"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("returned.toml:"), "{}", out.stderr);
    assert!(out.stderr.contains("lot-third-party"), "{}", out.stderr);
    assert!(
        out.stderr.contains("a day like 2026-12-01"),
        "{}",
        out.stderr
    );
    // Without --format, a `.toml` name still gets the answers file, never a printout.
    assert!(
        std::fs::read_to_string(d.join("sent.toml"))
            .unwrap()
            .contains("[attestation]")
    );
}

/// A patient's file is never "vendor-reported": an [attestation] in it is kept, said to be
/// out of place, and shown nowhere.
#[test]
fn a_patients_file_is_never_vendor_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let profile =
        crate::root().join("tests/fixtures/profiles/26-ideal-provider-second-consult-patient.toml");
    let text = std::fs::read_to_string(profile).unwrap()
        + "\n[attestation]\nname = \"Dr Okafor\"\nrole = \"Physician\"\norganization = \"Clinic\"\ndate = 2026-11-20\nstatement = \"True.\"\n";
    std::fs::write(d.join("p.toml"), text).unwrap();
    for args in [
        vec!["score", "p.toml"],
        vec!["report", "--format", "md", "p.toml"],
        vec!["score", "--format", "csv", "p.toml"],
    ] {
        let out = run_in(d, &args);
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
        assert!(
            !out.stdout.contains("endor-reported") && !out.stdout.contains(" attested"),
            "{args:?}: {}",
            out.stdout
        );
        // One text verdict lists what reading warned about in its body; the rest on stderr.
        let said = format!("{}{}", out.stdout, out.stderr)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            said.contains("a patient's file is nobody's to sign"),
            "{args:?}: {said}"
        );
    }
}

/// A blank questionnaire is never written over a file that is there: it may hold answers.
#[test]
fn the_questionnaire_file_never_replaces_a_file_that_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        crate::root().join("docs/examples/careful-vendor.toml"),
        d.join("vendor.toml"),
    )
    .unwrap();
    let before = std::fs::read(d.join("vendor.toml")).unwrap();
    std::os::unix::fs::symlink("vendor.toml", d.join("link.toml")).unwrap();
    for name in ["vendor.toml", "link.toml"] {
        let out = run_in(d, ["questions", "--audience", "coordinator", "-o", name]);
        assert_eq!(out.code, Some(2), "{name}: {}", out.stderr);
        assert!(out.stderr.contains("already there"), "{}", out.stderr);
        assert_eq!(
            std::fs::read(d.join("vendor.toml")).unwrap(),
            before,
            "{name}"
        );
    }
    // To standard output it is always written.
    let out = run_in(
        d,
        ["questions", "--audience", "coordinator", "--format", "toml"],
    );
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("[attestation]"));
}
