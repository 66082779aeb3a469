//! The built-in bank holds every core question of `product.md` with exactly its ids, audience, kind, options and flags.

use exovet::bank::{Flag, Kind, MigrateAction, Reach, load_builtin};

use crate::root;

struct Row {
    id: String,
    reach: Reach,
    kind: String,
    key: bool,
    gate: bool,
    unscored: bool,
    /// The `refused →` flag the table sets for this question, if it sets one.
    refused: Option<Flag>,
    /// The `shown when …` words of the kind cell, if any.
    shown_when: Option<String>,
    /// (option id, flag) pairs; empty for number and text; no flag on an unscored question.
    options: Vec<(String, Option<Flag>)>,
}

fn fixture() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/core-questions.md")).unwrap()
}

/// Parses the table copied from product.md into rows.
fn rows() -> Vec<Row> {
    fixture()
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| id ") && !l.starts_with("|---"))
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect::<Vec<_>>()
        })
        .filter(|cells| cells.len() == 4)
        .map(|cells| {
            let reach = match cells[1] {
                "P" => Reach::Patient,
                "C" => Reach::Coordinator,
                "B" => Reach::Both,
                other => panic!("audience {other}"),
            };
            let kind_cell = cells[2];
            let kind = kind_cell.split([',', ';', ' ']).next().unwrap().to_owned();
            let parts: Vec<&str> = kind_cell.split(';').map(str::trim).collect();
            let words: Vec<&str> = parts[0].split(',').map(str::trim).collect();
            let refused = parts
                .iter()
                .find_map(|p| p.strip_prefix("refused → "))
                .map(flag);
            let shown_when = parts
                .iter()
                .find_map(|p| p.strip_prefix("shown when "))
                .map(str::to_owned);
            let options = if kind == "single" || kind == "multiple" {
                parse_options(cells[3])
            } else {
                Vec::new()
            };
            Row {
                id: cells[0].to_owned(),
                reach,
                kind,
                key: words.contains(&"key"),
                gate: words.contains(&"key") || words.contains(&"gate"),
                unscored: words.contains(&"unscored"),
                refused,
                shown_when,
                options,
            }
        })
        .collect()
}

fn flag(word: &str) -> Flag {
    match word.trim() {
        "green" => Flag::Green,
        "amber" => Flag::Amber,
        "red" => Flag::Red,
        "red!" => Flag::Critical,
        other => panic!("flag {other}"),
    }
}

fn parse_options(cell: &str) -> Vec<(String, Option<Flag>)> {
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
        let (ids, f) = group.split_once('→').unwrap();
        let f = (f.trim() != "—").then(|| flag(f));
        for id in ids.split(',') {
            out.push((id.trim().to_owned(), f));
        }
    }
    out
}

const HUMAN: [&str; 6] = [
    "human-unspecified",
    "msc-adipose",
    "msc-bone-marrow",
    "msc-umbilical-cord",
    "placenta",
    "platelet",
];
const BREAKS_SKIN: [&str; 5] = [
    "home-needling",
    "injection",
    "iv-infusion",
    "other-systemic",
    "topical-after-procedure",
];

/// The question and options a `shown when …` phrase of the table stands for.
fn condition_of(words: &str) -> (&'static str, Vec<String>) {
    let own = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let mut out = match words {
        "human-derived" => ("source.origin", own(&HUMAN)),
        "it breaks the skin" => ("delivery.route", own(&BREAKS_SKIN)),
        "origin is msc-\\* or placenta" => (
            "source.origin",
            own(&[
                "msc-adipose",
                "msc-bone-marrow",
                "msc-umbilical-cord",
                "placenta",
            ]),
        ),
        w if w.starts_with("route has ") => (
            "delivery.route",
            w["route has ".len()..]
                .split([',', ' '])
                .filter(|s| !s.is_empty() && *s != "or")
                .map(str::to_owned)
                .collect(),
        ),
        other => panic!("a condition the test does not know: {other}"),
    };
    out.1.sort();
    out
}

#[test]
fn every_core_question_is_in_the_bank_as_the_contract_says() {
    let bank = load_builtin();
    let rows = rows();
    assert_eq!(
        rows.len(),
        52,
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
        assert_eq!(q.gate, row.gate, "{}: gate", row.id);
        assert_eq!(q.unscored, row.unscored, "{}: unscored", row.id);
        assert_eq!(
            q.kind.choices().len(),
            row.options.len(),
            "{}: the bank's options are exactly the table's",
            row.id
        );
        for (option, f) in &row.options {
            let i = q
                .choice_index(option)
                .unwrap_or_else(|| panic!("{}: option {option} is missing", row.id));
            if let Some(f) = f {
                assert_eq!(q.kind.choices()[i].flag, *f, "{}: flag of {option}", row.id);
            }
        }
        if q.kind.is_scored() && !q.unscored {
            assert_eq!(q.refused, expected_refusal(row), "{}: refused", row.id);
        }
        match &row.shown_when {
            None => assert!(q.show_if.is_none(), "{}: has a condition", row.id),
            Some(words) => {
                let c = q
                    .show_if
                    .as_ref()
                    .unwrap_or_else(|| panic!("{} has no condition", row.id));
                let target = bank.question(c.question);
                let mut options: Vec<String> = c
                    .any_of
                    .iter()
                    .map(|i| target.kind.choices()[*i].id.clone())
                    .collect();
                options.sort();
                let (question, expected) = condition_of(words);
                assert_eq!(
                    (target.id.as_str(), options),
                    (question, expected),
                    "{}",
                    row.id
                );
            }
        }
    }
    let in_table: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    for q in &bank.questions {
        assert!(
            in_table.contains(&q.id.as_str()),
            "{} is not in the contract",
            q.id
        );
    }
    let na: Vec<&str> = bank
        .questions
        .iter()
        .filter(|q| q.allow_na)
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(
        na,
        ["testing.coa"],
        "bank 1.1.0 keeps `na` only on testing.coa"
    );
}

/// product.md's refusal rule: the table's own `refused →`, a knock-out on a key question,
/// and otherwise the worst flag short of a knock-out, at least amber.
fn expected_refusal(row: &Row) -> Flag {
    if let Some(f) = row.refused {
        return f;
    }
    if row.key {
        return Flag::Critical;
    }
    if row.kind == "number" {
        // cost.per_session_usd: bands green and amber.
        return Flag::Amber;
    }
    row.options
        .iter()
        .filter_map(|(_, f)| *f)
        .filter(|f| *f != Flag::Critical)
        .max()
        .unwrap_or(Flag::Green)
        .max(Flag::Amber)
}

#[test]
fn the_core_rules_are_in_the_bank_as_the_contract_says() {
    let bank = load_builtin();
    let table: Vec<Vec<String>> = fixture()
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| id ") && !l.starts_with("|---"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|cells| cells.len() == 3)
        .collect();
    assert_eq!(
        table.len(),
        3,
        "the copied table should hold the three core rules"
    );
    let own = |list: &[&str]| {
        let mut v: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
        v.sort();
        v
    };
    for cells in &table {
        let id = cells[0].as_str();
        let rule = bank
            .rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("rule {id} is missing"));
        assert_eq!(
            rule.flag,
            flag(cells[2].split(' ').next().unwrap()),
            "{id}: flag"
        );
        assert!(!rule.sources.is_empty(), "{id}: sources");
        let mut when: Vec<(String, Vec<String>)> = rule
            .when
            .iter()
            .map(|c| {
                let q = bank.question(c.question);
                let mut options: Vec<String> = c
                    .any_of
                    .iter()
                    .map(|i| q.kind.choices()[*i].id.clone())
                    .collect();
                options.sort();
                (q.id.clone(), options)
            })
            .collect();
        when.sort();
        let mut expected = match id {
            "eu-uk-human-derived" => vec![
                ("regulatory.jurisdiction".to_owned(), own(&["uk-or-eu"])),
                ("source.origin".to_owned(), own(&HUMAN)),
            ],
            "cosmetic-gmp-on-broken-skin" => vec![
                ("manufacturing.gmp".to_owned(), own(&["cosmetic-gmp-only"])),
                ("delivery.route".to_owned(), own(&BREAKS_SKIN)),
            ],
            "injection-outside-trial" => vec![
                ("delivery.route".to_owned(), own(&["injection"])),
                ("regulatory.study".to_owned(), own(&["not-a-study"])),
            ],
            other => panic!("a core rule the test does not know: {other}"),
        };
        expected.sort();
        assert_eq!(when, expected, "{id}: conditions");
    }
}

#[test]
fn the_copied_table_is_product_md_s_when_product_md_is_beside_the_project() {
    let Ok(product) = std::fs::read_to_string(root().join("../shared/product.md")) else {
        eprintln!(
            "product.md is not beside this checkout; the copy in tests/fixtures is checked against the bank only"
        );
        return;
    };
    for line in fixture().lines().filter(|l| l.starts_with("| ")) {
        assert!(product.contains(line), "not in product.md: {line}");
    }
}

#[test]
fn the_migrations_from_1_0_0_are_the_contract_s() {
    let bank = load_builtin();
    let mut reask: Vec<(String, String)> = bank
        .migrations
        .iter()
        .filter(|m| m.from == "1.0.0" && matches!(m.action, MigrateAction::Reask { .. }))
        .map(|m| (bank.question(m.question).id.clone(), m.option.clone()))
        .collect();
    reask.sort();
    let pair = |q: &str, o: &str| (q.to_owned(), o.to_owned());
    assert_eq!(
        reask,
        vec![
            pair("delivery.operator", "na"),
            pair("provider.supervisor", "na"),
            pair("regulatory.pathway", "ind-or-bla"),
        ]
    );
    assert_eq!(bank.version, "1.1.0");
    assert!(bank.released.is_some() && bank.review_by.is_some());
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
    assert!(
        !bank.sources.is_empty(),
        "the built-in bank cites through [[source]]"
    );
    for s in &bank.sources {
        assert!(
            sources.contains(&s.id),
            "source id {} is not in docs/sources.md",
            s.id
        );
        assert!(
            sources.contains(&s.address),
            "the address of {} is not in docs/sources.md",
            s.id
        );
    }
    for q in &bank.questions {
        for c in q.kind.choices() {
            assert!(!c.why.trim().is_empty(), "{} {}: no reason", q.id, c.id);
            assert!(!c.sources.is_empty(), "{} {}: no source", q.id, c.id);
        }
        // The loader refuses a citation that is not in the table; here, none is a seed file.
        for s in q
            .sources
            .iter()
            .chain(q.kind.choices().iter().flat_map(|c| &c.sources))
        {
            assert!(
                !bank.cite(s).contains(".txt"),
                "{}: {s} shows a file name",
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

/// Issue 13: the documents a coordinator asks for are named by the bank, question by question.
#[test]
fn the_questions_a_document_backs_name_it() {
    let bank = load_builtin();
    for id in [
        "testing.coa",
        "testing.sterility",
        "testing.viral",
        "testing.independent",
        "source.donor_screening",
        "manufacturing.gmp",
        "manufacturing.enforcement",
    ] {
        let q = bank.question(bank.find(id).unwrap());
        let words = q.evidence.as_deref().unwrap_or_default();
        assert!(words.len() > 10, "{id} names no document: {words:?}");
        assert!(!words.to_lowercase().contains("verif"), "{id}: {words}");
    }
    let coa = bank.question(bank.find("testing.coa").unwrap());
    assert!(coa.evidence.as_deref().unwrap().contains("same lot"));
    // Questions about the patient are backed by no vendor document.
    for q in &bank.questions {
        if bank.section_of(bank.find(&q.id).unwrap()).about == exovet::bank::SectionAbout::Patient {
            assert_eq!(q.evidence, None, "{}", q.id);
        }
    }
}
