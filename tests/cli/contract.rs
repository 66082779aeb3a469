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

/// The body rows of the fixture's table whose header starts with `header`, as trimmed cells.
fn table(header: &str) -> Vec<Vec<String>> {
    let text = fixture();
    let mut lines = text.lines().skip_while(|l| !l.starts_with(header));
    assert!(lines.next().is_some(), "no table {header} in the fixture");
    lines
        .skip(1)
        .take_while(|l| l.starts_with("| "))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

/// Parses the core table copied from product.md into rows.
fn rows() -> Vec<Row> {
    table("| id | aud | kind")
        .into_iter()
        .map(|cells| {
            let reach = match cells[1].as_str() {
                "P" => Reach::Patient,
                "C" => Reach::Coordinator,
                "B" => Reach::Both,
                other => panic!("audience {other}"),
            };
            let kind_cell = cells[2].as_str();
            let kind = kind_cell.split([',', ';', ' ']).next().unwrap().to_owned();
            let parts: Vec<&str> = kind_cell.split(';').map(str::trim).collect();
            // "gate (1.2)" is a gate too.
            let words: Vec<&str> = parts[0]
                .split(',')
                .map(|w| w.split(" (").next().unwrap().trim())
                .collect();
            let refused = parts
                .iter()
                .find_map(|p| p.strip_prefix("refused → "))
                .map(flag);
            let shown_when = parts
                .iter()
                .find_map(|p| p.strip_prefix("shown when "))
                .map(str::to_owned);
            let options = if kind == "single" || kind == "multiple" {
                parse_options(&cells[3])
            } else {
                Vec::new()
            };
            Row {
                id: cells[0].clone(),
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

/// The trait table: (trait, question, the options that carry it, sorted).
fn traits() -> Vec<(String, String, Vec<String>)> {
    table("| trait | question")
        .into_iter()
        .map(|cells| {
            let mut options: Vec<String> =
                cells[2].split(',').map(|o| o.trim().to_owned()).collect();
            options.sort();
            (
                cells[0].trim_matches('`').to_owned(),
                cells[1].clone(),
                options,
            )
        })
        .collect()
}

/// A condition of the tables: the question, the options that make it hold (sorted), and the
/// trait it reads where it names one.
type Cond = (String, Vec<String>, Option<String>);

/// "origin has `human-derived`", "`regulatory.study` is not-a-study", "origin is msc-\\* or
/// placenta", "`delivery.route` has injection": product.md's words for one condition.
fn condition_of(words: &str, bank: &exovet::bank::Bank) -> Cond {
    let words = words.trim();
    let (question, rest) = if let Some(rest) = words.strip_prefix("origin ") {
        ("source.origin".to_owned(), rest)
    } else if let Some(rest) = words.strip_prefix("route ") {
        ("delivery.route".to_owned(), rest)
    } else {
        let (q, rest) = words
            .strip_prefix('`')
            .and_then(|w| w.split_once("` "))
            .unwrap_or_else(|| panic!("a condition the test does not read: {words}"));
        (q.to_owned(), rest)
    };
    let list = rest
        .strip_prefix("is ")
        .or_else(|| rest.strip_prefix("has "))
        .unwrap_or_else(|| panic!("a condition the test does not read: {words}"));
    if let Some(name) = list.strip_prefix('`').and_then(|l| l.strip_suffix('`')) {
        let (_, _, options) = traits()
            .into_iter()
            .find(|(t, q, _)| t == name && *q == question)
            .unwrap_or_else(|| panic!("trait {name} of {question} is not in the trait table"));
        return (question, options, Some(name.to_owned()));
    }
    let q = bank.question(bank.find(&question).unwrap());
    let mut options: Vec<String> = Vec::new();
    for item in list
        .split([',', ' '])
        .filter(|s| !s.is_empty() && *s != "or")
    {
        match item.strip_suffix("\\*") {
            // "msc-\*": every option of the table's that starts so.
            Some(prefix) => options.extend(
                q.kind
                    .choices()
                    .iter()
                    .filter(|c| c.id.starts_with(prefix))
                    .map(|c| c.id.clone()),
            ),
            None => options.push(item.to_owned()),
        }
    }
    options.sort();
    (question, options, None)
}

/// A condition of the bank, as [`Cond`].
fn bank_condition(bank: &exovet::bank::Bank, c: &exovet::bank::Condition) -> Cond {
    let q = bank.question(c.question);
    let mut options: Vec<String> = c
        .any_of
        .iter()
        .map(|i| q.kind.choices()[*i].id.clone())
        .collect();
    options.sort();
    (q.id.clone(), options, c.has.clone())
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

#[test]
fn every_core_question_is_in_the_bank_as_the_contract_says() {
    let bank = load_builtin();
    let rows = rows();
    assert_eq!(
        rows.len(),
        54,
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
                assert_same_condition(
                    &bank_condition(&bank, c),
                    &condition_of(words, &bank),
                    &row.id,
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
        "bank 1.2.0 keeps `na` only on testing.coa"
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

/// The same options; and a trait in the table is read as that trait in the bank, never as a
/// copied list of its options.
fn assert_same_condition(bank: &Cond, table: &Cond, what: &str) {
    assert_eq!((&bank.0, &bank.1), (&table.0, &table.1), "{what}: options");
    if table.2.is_some() {
        assert_eq!(bank.2, table.2, "{what}: reads the trait with `has`");
    }
}

#[test]
fn the_traits_are_on_exactly_the_options_the_contract_says() {
    let bank = load_builtin();
    let table = traits();
    assert_eq!(table.len(), 5, "the copied trait table");
    for (name, question, options) in &table {
        let q = bank.question(bank.find(question).unwrap());
        let mut carriers: Vec<String> = q
            .kind
            .choices()
            .iter()
            .filter(|c| c.traits.contains(name))
            .map(|c| c.id.clone())
            .collect();
        carriers.sort();
        assert_eq!(&carriers, options, "{name} on {question}");
    }
    // No option carries a trait the contract does not name.
    for q in &bank.questions {
        for c in q.kind.choices() {
            for t in &c.traits {
                assert!(
                    table
                        .iter()
                        .any(|(name, question, _)| name == t && *question == q.id),
                    "{} {}: trait {t} is not in the contract",
                    q.id,
                    c.id
                );
            }
        }
    }
}

#[test]
fn the_core_rules_are_in_the_bank_as_the_contract_says() {
    let bank = load_builtin();
    let table = table("| id | fires when");
    assert_eq!(
        table.len(),
        7,
        "the copied table should hold the seven core rules"
    );
    assert_eq!(
        bank.rules.len(),
        7,
        "the built-in bank holds the core rules only"
    );
    for cells in &table {
        let id = cells[0].as_str();
        let rule = bank
            .rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("rule {id} is missing"));
        // "red! — …" or "red (not a knock-out) — …"
        assert_eq!(
            rule.flag,
            flag(cells[2].split(' ').next().unwrap()),
            "{id}: flag"
        );
        assert!(!rule.sources.is_empty(), "{id}: sources");
        assert!(rule.why.len() > 40, "{id}: a reason in words");
        let fires = cells[1].strip_prefix("**(1.2)** ").unwrap_or(&cells[1]);
        let mut expected: Vec<Cond> = fires
            .split(", and ")
            .map(|words| condition_of(words, &bank))
            .collect();
        expected.sort();
        let mut when: Vec<Cond> = rule.when.iter().map(|c| bank_condition(&bank, c)).collect();
        when.sort();
        assert_eq!(when.len(), expected.len(), "{id}: conditions");
        for (w, e) in when.iter().zip(&expected) {
            assert_same_condition(w, e, id);
        }
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
fn the_migrations_are_the_contract_s() {
    let bank = load_builtin();
    let mut reask: Vec<(&str, String, String)> = bank
        .migrations
        .iter()
        .filter(|m| matches!(m.action, MigrateAction::Reask { .. }))
        .map(|m| {
            (
                m.from.as_str(),
                bank.question(m.question).id.clone(),
                m.option.clone(),
            )
        })
        .collect();
    reask.sort();
    let step = |from, q: &str, o: &str| (from, q.to_owned(), o.to_owned());
    assert_eq!(
        reask,
        vec![
            step("1.0.0", "delivery.operator", "na"),
            step("1.0.0", "provider.supervisor", "na"),
            step("1.0.0", "regulatory.pathway", "ind-or-bla"),
            step("1.1.0", "source.origin", "conditioned-media"),
        ]
    );
    assert!(
        bank.migrations
            .iter()
            .all(|m| matches!(m.action, MigrateAction::Reask { .. })),
        "the contract renames nothing"
    );
    assert_eq!(bank.version, "1.2.0");
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

/// Labels that changed meaning in 1.2 say so in words a patient reads (product.md, "Same ids,
/// new meaning"): a route label names peels and plasma pens, the injection label needle-free
/// injectors, `uk-or-eu` the EEA countries and Switzerland, a registered study any national
/// regulator, and the modest outcome no longer promises healing.
#[test]
fn the_labels_that_changed_meaning_say_it() {
    let bank = load_builtin();
    let label = |q: &str, o: &str| -> String {
        let q = bank.question(bank.find(q).unwrap());
        q.kind.choices()[q.choice_index(o).unwrap()]
            .label
            .to_lowercase()
    };
    let has_all = |q: &str, o: &str, words: &[&str]| {
        let l = label(q, o);
        for w in words {
            assert!(l.contains(w), "{q} {o}: {w:?} not in {l:?}");
        }
    };
    has_all(
        "delivery.route",
        "topical-intact",
        &["unbroken", "no needles", "pens", "peels"],
    );
    has_all(
        "delivery.route",
        "topical-after-procedure",
        &["microneedling", "laser", "peel", "plasma pen"],
    );
    has_all("delivery.route", "injection", &["needle-free"]);
    has_all(
        "regulatory.jurisdiction",
        "uk-or-eu",
        &[
            "uk",
            "eu",
            "norway",
            "iceland",
            "liechtenstein",
            "switzerland",
        ],
    );
    has_all("regulatory.jurisdiction", "canada", &["canada"]);
    has_all(
        "regulatory.study",
        "registered-ind-free",
        &["registered", "regulator", "ind"],
    );
    has_all(
        "regulatory.study",
        "pay-or-no-ind",
        &["not registered", "regulator"],
    );
    has_all(
        "source.origin",
        "conditioned-media-human",
        &["human cells", "conditioned media"],
    );
    has_all(
        "source.origin",
        "conditioned-media-nonhuman",
        &["animal or plant", "conditioned media"],
    );
    has_all(
        "delivery.operator",
        "aesthetician-offsite-director",
        &["not on site"],
    );
    for q in ["claims.outcomes", "suitability.expectations"] {
        for o in bank.question(bank.find(q).unwrap()).kind.choices() {
            if o.flag == Flag::Green {
                assert!(
                    !o.label.to_lowercase().contains("heal"),
                    "{q} {}: {}",
                    o.id,
                    o.label
                );
            }
        }
    }
    // A 483 lists observations that a maker answers; it is never "closed".
    let closed = label("manufacturing.enforcement", "closed-483");
    assert!(
        !closed.contains("closed") && closed.contains("483"),
        "{closed}"
    );
    // Few studies use a placebo; saline-controlled trials exist.
    let human_data = bank
        .question(bank.find("testing.human_data").unwrap())
        .help
        .to_lowercase();
    assert!(!human_data.contains("none of the studies"), "{human_data}");
    // "FDA-registered" is explained with the cosmetics law that registers and lists.
    let fda = bank.question(bank.find("claims.fda_status").unwrap());
    assert!(fda.help.contains("MoCRA"), "{}", fda.help);
}
