//! What a coordinator answers from public records (the bank's `asked_of = "coordinator"`)
//! is listed apart as "Check yourself", never under "What to ask the vendor", in every
//! output that lists what is still to ask (issue 21: `score --require-evidence` listed
//! "the FDA warning-letter search you ran" under "What to ask the vendor").

use exovet::bank::{Audience, load_builtin};

use crate::run_in;

const FILE: &str = r#"[meta]
bank = "exosome-vetting"
bank_version = "1.2.0"
audience = "coordinator"
subject = "Vendor A"

[answers]
"manufacturing.enforcement" = "none"
"testing.coa" = "lot-third-party"
"#;

/// The first words of a text, enough to find it in any output.
fn start(text: &str) -> String {
    text.split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn the_coordinators_own_checks_are_never_under_what_to_ask_the_vendor() {
    let bank = load_builtin();
    let q = |id: &str| bank.question(bank.find(id).unwrap());
    let enforcement = q("manufacturing.enforcement");
    let jurisdiction = q("regulatory.jurisdiction");
    let coa = q("testing.coa");
    assert!(enforcement.check_yourself(Audience::Coordinator));
    assert!(jurisdiction.check_yourself(Audience::Coordinator));
    // What it stands for on the lists: the document asked for. (The country is unscored,
    // so it is never on the lists; it must not be asked of the vendor either.)
    let own = [start(enforcement.evidence.as_deref().unwrap())];
    let country = start(jurisdiction.ask_for(Audience::Coordinator));
    let vendors = start(coa.evidence.as_deref().unwrap());

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("v.toml"), FILE).unwrap();
    let outputs: Vec<(&str, Vec<&str>)> = vec![
        ("score", vec!["score", "--require-evidence", "v.toml"]),
        (
            "report txt",
            vec!["report", "--require-evidence", "--format", "txt", "v.toml"],
        ),
        (
            "report md",
            vec!["report", "--require-evidence", "--format", "md", "v.toml"],
        ),
        (
            "report html",
            vec![
                "report",
                "--require-evidence",
                "--format",
                "html",
                "-o",
                "v.html",
                "v.toml",
            ],
        ),
    ];
    for (name, args) in outputs {
        let out = run_in(dir.path(), &args);
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        let text = if name == "report html" {
            std::fs::read_to_string(dir.path().join("v.html")).unwrap()
        } else {
            out.stdout
        };
        // As read, whatever the case of a heading (the text summary's are in capitals).
        let text = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let ask = text
            .find("what to ask the vendor")
            .unwrap_or_else(|| panic!("{name}: no vendor list:\n{text}"));
        let check = text
            .find("check yourself")
            .unwrap_or_else(|| panic!("{name}: no \"Check yourself\":\n{text}"));
        assert!(ask < check, "{name}");
        let vendor_list = &text[ask..check];
        assert!(
            !vendor_list.contains(&country),
            "{name}: the country asked of the vendor"
        );
        assert!(
            vendor_list.contains(&vendors),
            "{name}: {vendors:?} not asked of the vendor"
        );
        for own in &own {
            assert!(
                !vendor_list.contains(own.as_str()),
                "{name}: {own:?} asked of the vendor"
            );
            assert!(
                text[check..].contains(own.as_str()),
                "{name}: {own:?} not under Check yourself"
            );
        }
    }

    let out = run_in(
        dir.path(),
        ["score", "--require-evidence", "--format", "json", "v.toml"],
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let follow_up = json["follow_up"].as_array().unwrap();
    let yours = |id: &str| {
        follow_up
            .iter()
            .find(|f| f["question"] == id)
            .map(|f| f["check_yourself"].as_bool().unwrap())
    };
    assert_eq!(yours("manufacturing.enforcement"), Some(true));
    assert_eq!(yours("testing.coa"), Some(false));
}

/// Found by an adversarial run: a vendor's returned file that answers the coordinator's own
/// check itself ("none found") made the reminder vanish. In a returned (attested) file such
/// an answer is the vendor's word: it stays under "Check yourself", with why, until the
/// coordinator attaches what they found, checked; and "What to do next" says so.
#[test]
fn a_vendors_answer_to_the_coordinators_own_check_is_not_the_check() {
    let bank = load_builtin();
    let enforcement = bank.question(bank.find("manufacturing.enforcement").unwrap());
    let search = start(enforcement.evidence.as_deref().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let returned = format!(
        "{FILE}\n[attestation]\nname = \"Dana\"\nrole = \"QA\"\norganization = \"Vendor A\"\ndate = 2026-12-01\nstatement = \"I confirm these answers are true and complete to the best of my knowledge.\"\n"
    );
    std::fs::write(dir.path().join("v.toml"), &returned).unwrap();
    let text = |args: &[&str]| {
        let out = run_in(dir.path(), args);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        out.stdout
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let score = text(&["score", "v.toml"]);
    let check = score.find("check yourself").expect("no Check yourself");
    assert!(score[check..].contains(&search), "{score}");
    assert!(
        score[check..].contains("the vendor's returned file answers this itself"),
        "{score}"
    );
    let report = text(&["report", "--format", "txt", "v.toml"]);
    assert!(
        report.contains("do the checks under “check yourself”"),
        "{report}"
    );
    // The coordinator's own file, not returned by a vendor: the answer is the check.
    std::fs::write(dir.path().join("own.toml"), FILE).unwrap();
    let own = text(&["score", "own.toml"]);
    assert!(!own.contains(&search), "{own}");
    // Once the coordinator has checked the records and attached what they found, it is done.
    let out = run_in(
        dir.path(),
        [
            "attach",
            "v.toml",
            "manufacturing.enforcement",
            "https://www.fda.gov/inspections-compliance-enforcement-and-criminal-investigations/compliance-actions-and-activities/warning-letters",
            "--status",
            "checked",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let after = text(&["score", "v.toml"]);
    assert!(
        !after.contains("the vendor's returned file answers this itself"),
        "{after}"
    );
}

/// Found by an adversarial run: plain mode read the coordinator's own checks out as "To
/// ask:", like the questions for the vendor. They are "To check:".
#[test]
fn plain_words_say_to_check_for_the_coordinators_own_checks() {
    let bank = load_builtin();
    let src = exovet::source::SourceText::new("v.toml", FILE.to_owned());
    let loaded = exovet::answers::parse(&src, &bank).unwrap();
    let file = &loaded.file;
    let answers = &file.answers;
    let in_hand = vec![false; bank.questions.len()];
    let verdict =
        exovet::score::score_requiring_documents(&bank, answers, Audience::Coordinator, &in_hand);
    let scored =
        exovet::explain::Scored::new(std::path::Path::new("v.toml"), &bank, file, &verdict)
            .on("2026-12-07");
    let words = exovet::report::text::render_words(&scored);
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let enforcement = bank.question(bank.find("manufacturing.enforcement").unwrap());
    let search = start(enforcement.evidence.as_deref().unwrap());
    let at = words
        .to_lowercase()
        .find(&search)
        .expect("the search on the list");
    assert!(
        words[..at].ends_with("To check: "),
        "{}",
        &words[at.saturating_sub(40)..at + 20]
    );
    assert!(words.contains("To ask: "), "{words}");
}
