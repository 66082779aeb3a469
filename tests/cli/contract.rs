//! The built-in bank holds every core question of `product.md` with exactly its ids, audience, kind, options and flags.

use exovet::bank::{Flag, Kind, Reach, load_builtin};

use crate::root;

struct Row {
    id: String,
    reach: Reach,
    kind: String,
    key: bool,
    /// (option id, flag) pairs; empty for number and text.
    options: Vec<(String, Flag)>,
}

/// Parses the table copied from product.md into rows.
fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/core-questions.md")).unwrap();
    text.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| id ") && !l.starts_with("|---"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 4, "{line}");
            let reach = match cells[1] {
                "P" => Reach::Patient,
                "C" => Reach::Coordinator,
                "B" => Reach::Both,
                other => panic!("audience {other}"),
            };
            let kind_cell = cells[2];
            let kind = kind_cell.split([',', ';', ' ']).next().unwrap().to_owned();
            let options = if kind == "single" || kind == "multiple" {
                parse_options(cells[3])
            } else {
                Vec::new()
            };
            Row {
                id: cells[0].to_owned(),
                reach,
                kind,
                key: kind_cell.contains("key"),
                options,
            }
        })
        .collect()
}

fn parse_options(cell: &str) -> Vec<(String, Flag)> {
    // Drop explanations in parentheses, like "all-three (product, maker, lot)".
    let mut plain = String::new();
    let mut depth = 0;
    for c in cell.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for group in plain.split(';') {
        let (ids, flag) = group.split_once('→').unwrap();
        let flag = match flag.trim() {
            "green" => Flag::Green,
            "amber" => Flag::Amber,
            "red" => Flag::Red,
            "red!" => Flag::Critical,
            other => panic!("flag {other}"),
        };
        for id in ids.split(',') {
            out.push((id.trim().to_owned(), flag));
        }
    }
    out
}

#[test]
fn every_core_question_is_in_the_bank_as_the_contract_says() {
    let bank = load_builtin();
    let rows = rows();
    assert_eq!(
        rows.len(),
        44,
        "the copied table should hold every core question"
    );
    for row in &rows {
        let id = bank
            .find(&row.id)
            .unwrap_or_else(|| panic!("{} is missing", row.id));
        let q = bank.question(id);
        assert_eq!(q.reach, row.reach, "{}: audience", row.id);
        assert_eq!(q.kind.id(), row.kind, "{}: kind", row.id);
        assert_eq!(q.key, row.key, "{}: key", row.id);
        for (option, flag) in &row.options {
            let i = q
                .choice_index(option)
                .unwrap_or_else(|| panic!("{}: option {option} is missing", row.id));
            assert_eq!(
                q.kind.choices()[i].flag,
                *flag,
                "{}: flag of {option}",
                row.id
            );
        }
    }
}

#[test]
fn the_conditions_of_the_contract_hold() {
    let bank = load_builtin();
    let shown_when = |id: &str| {
        let q = bank.question(bank.find(id).unwrap());
        let c = q
            .show_if
            .as_ref()
            .unwrap_or_else(|| panic!("{id} has no condition"));
        let target = bank.question(c.question);
        let mut options: Vec<&str> = c
            .any_of
            .iter()
            .map(|i| target.kind.choices()[*i].id.as_str())
            .collect();
        options.sort_unstable();
        (target.id.as_str(), options)
    };
    let msc = ["msc-adipose", "msc-bone-marrow", "msc-umbilical-cord"];
    let mut donor = msc.to_vec();
    donor.extend(["placenta", "platelet"]);
    donor.sort_unstable();
    assert_eq!(
        shown_when("source.donor_screening"),
        ("source.origin", donor)
    );
    assert_eq!(
        shown_when("source.cell_bank"),
        ("source.origin", msc.to_vec())
    );
    assert_eq!(
        shown_when("testing.sterility"),
        (
            "delivery.route",
            vec![
                "injection",
                "iv-infusion",
                "other-systemic",
                "topical-after-procedure"
            ]
        )
    );
}

#[test]
fn the_cost_bands_are_green_up_to_3000_and_amber_above() {
    let bank = load_builtin();
    let q = bank.question(bank.find("cost.per_session_usd").unwrap());
    let Kind::Number(n) = &q.kind else {
        panic!("cost is not a number question")
    };
    assert_eq!((n.min, n.max), (0.0, 100_000.0));
    assert_eq!(n.band(3000.0).unwrap().flag, Flag::Green);
    assert_eq!(n.band(3000.5).unwrap().flag, Flag::Amber);
    assert_eq!(n.band(100_000.0).unwrap().flag, Flag::Amber);
}

#[test]
fn every_option_has_a_reason_and_every_source_is_listed_in_docs_sources() {
    let bank = load_builtin();
    let sources = std::fs::read_to_string(root().join("docs/sources.md")).unwrap();
    for q in &bank.questions {
        let mut cited: Vec<&String> = q.sources.iter().collect();
        for c in q.kind.choices() {
            assert!(!c.why.trim().is_empty(), "{} {}: no reason", q.id, c.id);
            assert!(!c.sources.is_empty(), "{} {}: no source", q.id, c.id);
            cited.extend(&c.sources);
        }
        for s in cited {
            assert!(
                sources.contains(s.as_str()),
                "{}: source {s} is not in docs/sources.md",
                q.id
            );
        }
    }
}

#[test]
fn the_bank_never_calls_a_product_approved_or_safe() {
    let text = exovet::bank::BUILTIN_TEXT
        .to_lowercase()
        .replace("\\\n", " ");
    let sentences = text
        .split(['.', '\n', '"'])
        .filter(|s| !s.trim().is_empty());
    for sentence in sentences {
        for phrase in [
            "fda-approved",
            "is approved",
            "is safe",
            "proven safe",
            "are safe",
        ] {
            if sentence.contains(phrase) {
                // Allowed only where the sentence denies it, asks it, or reports someone's claim.
                let denied = ["not", "never", "no ", "?", "say", "claim", "none"]
                    .iter()
                    .any(|w| sentence.contains(w));
                assert!(denied, "`{phrase}` without a denial in: {sentence}");
            }
        }
    }
    assert!(text.contains("not medical advice"));
}
