//! Comparing vendors through the real binary: the ranked table in text and Markdown, CSV read back, and spreadsheet formulas made inert.

use crate::{run, stdout_of};

const PROFILES: &str = "tests/fixtures/profiles";

#[test]
fn a_folder_of_vendors_gives_a_ranked_table() {
    insta::assert_snapshot!("ranked_text", stdout_of(["score", PROFILES]));
    insta::assert_snapshot!(
        "ranked_md",
        stdout_of(["score", "--format", "md", PROFILES])
    );
}

#[test]
fn the_wide_csv_reads_back_one_ranked_row_per_file() {
    let text = stdout_of(["score", "--format", "csv", PROFILES]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "rank");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let files = std::fs::read_dir(crate::root().join(PROFILES))
        .unwrap()
        .count();
    assert_eq!(rows.len(), files);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let order = |v: &str| {
        ["green", "amber", "red"]
            .iter()
            .position(|x| *x == v)
            .unwrap()
    };
    let ranks: Vec<(usize, u32)> = rows
        .iter()
        .map(|r| (order(&r[col("verdict")]), r[col("score")].parse().unwrap()))
        .collect();
    for pair in ranks.windows(2) {
        // Verdict first; within a verdict, complete before incomplete, then score.
        assert!(pair[0].0 <= pair[1].0, "{ranks:?}");
    }
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r[col("rank")].parse::<usize>().unwrap(), i + 1);
    }
}

#[test]
fn the_long_csv_has_a_row_per_file_and_question_asked() {
    let text = stdout_of(["score", "--format", "csv-long", "docs/examples"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let per_file = |name: &str| rows.iter().filter(|r| r[0].ends_with(name)).count();
    // An MSC source and a needling route meet every condition: a patient is asked all 45
    // patient questions, a coordinator all 33 coordinator questions.
    assert_eq!(per_file("before-consult.toml"), 45);
    assert_eq!(per_file("careful-vendor.toml"), 33);
    let origin = rows
        .iter()
        .find(|r| r[0].ends_with("careful-vendor.toml") && &r[3] == "source.origin")
        .unwrap();
    assert_eq!(
        (&origin[4], &origin[5], &origin[7]),
        ("answered", "msc-umbilical-cord", "green")
    );
}

#[test]
fn typed_text_is_inert_in_csv_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.toml");
    std::fs::write(
        &file,
        "[meta]\naudience = \"patient\"\nsubject = \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\") | *z*\"\n\
         [answers]\n\"notes\" = \"+1 call @boss -now\"\n\"source.product_details\" = \"@SUM(A1)\"\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let wide = run(["score", "--format", "csv", path]);
    assert!(wide.stderr.is_empty(), "{}", wide.stderr);
    let mut reader = csv::Reader::from_reader(wide.stdout.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert!(row[2].starts_with("'="), "{:?}", &row[2]);
    let long = run(["score", "--format", "csv-long", path]).stdout;
    let mut reader = csv::Reader::from_reader(long.as_bytes());
    for r in reader.records().map(Result::unwrap) {
        for cell in &r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a live formula: {cell}"
            );
        }
    }
    let md = run(["score", "--format", "md", path]).stdout;
    assert!(md.contains("\\| \\*z\\*"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with('|')).count(), 3, "{md}");
}

#[test]
fn an_empty_folder_or_a_bad_file_among_good_ones_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(["score", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("no answers files"), "{}", out.stderr);

    std::fs::write(
        dir.path().join("bad.toml"),
        "[meta]\naudience = \"nobody\"\n",
    )
    .unwrap();
    std::fs::copy(
        crate::root().join("docs/examples/careful-vendor.toml"),
        dir.path().join("good.toml"),
    )
    .unwrap();
    let out = run(["score", "--format", "csv", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("bad.toml:2:12: error: audience `nobody`"),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stdout.lines().count(),
        2,
        "the good file is still compared:\n{}",
        out.stdout
    );
}

/// A spreadsheet whose list separator is `;` (Excel in German or French) splits a cell at
/// each `;`; every part that would start a formula is made inert, after `,` too.
#[test]
fn no_part_of_a_csv_cell_is_a_formula_whatever_the_list_separator() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.toml");
    std::fs::write(
        &file,
        "[meta]\naudience = \"patient\"\nsubject = \"Spa;=1+1;\"\n\
         [answers]\n\"notes\" = \"ok, =2+2; -3;@x\"\n\"source.product_details\" = \"a; \t+1\"\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    for format in ["csv", "csv-long"] {
        let out = run(["score", "--format", format, path]);
        assert!(out.stderr.is_empty(), "{}", out.stderr);
        let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
        let mut seen = 0;
        for r in reader.records().map(Result::unwrap) {
            for cell in &r {
                for part in cell.split([';', ',']) {
                    seen += 1;
                    assert!(
                        !part
                            .trim_start_matches(' ')
                            .starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{format}: a live formula in {cell:?}"
                    );
                }
            }
        }
        assert!(
            out.stdout.contains("Spa;'=1+1;"),
            "{format}: {}",
            out.stdout
        );
        assert!(seen > 0);
    }
}

/// Five vendors as a coordinator screens them, with accented names: the CSV opens right in
/// a spreadsheet (a UTF-8 byte-order mark) and has every answer and flag in its own column.
#[test]
fn the_wide_csv_has_every_answer_and_flag_in_its_column_after_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let vendors = [
        (
            "a.toml",
            "Clínica Añil",
            "msc-umbilical-cord",
            "lot-third-party",
        ),
        ("b.toml", "Søren Biologics ApS", "cancer-cell-line", "none"),
        (
            "c.toml",
            "Łódź Exo Sp. z o.o.",
            "plant",
            "generic-or-in-house",
        ),
        ("d.toml", "Ärzte-Labor München", "placenta", "refused"),
        ("e.toml", "Café Dermatologie", "other", "lot-third-party"),
    ];
    for (name, subject, origin, coa) in vendors {
        std::fs::write(
            dir.path().join(name),
            format!(
                "[meta]\naudience = \"coordinator\"\nsubject = \"{subject}\"\n[answers]\n\
                 \"source.origin\" = \"{origin}\"\n\"testing.coa\" = \"{coa}\"\n\
                 \"delivery.route\" = [\"topical-after-procedure\", \"injection\"]\n\
                 \"source.product_details\" = \"=1+1; lot 7\"\n\
                 \"cost.per_session_usd\" = 900\n"
            ),
        )
        .unwrap();
    }
    let folder = dir.path().to_str().unwrap();
    let out = crate::exovet()
        .args(["score", "--format", "csv", "--ids", folder])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.starts_with("\u{feff}rank,".as_bytes()),
        "{:?}",
        String::from_utf8_lossy(&out.stdout[..20])
    );
    let long = stdout_of(["score", "--format", "csv-long", folder]);
    assert!(long.starts_with("\u{feff}file,"), "{long:.20}");

    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    // Today's columns first, then each question of the bank and its flag, in bank order.
    assert_eq!(&headers[0], "rank");
    assert_eq!(&headers[16], "updated");
    // Then who signed a returned questionnaire (issue 13).
    assert_eq!(&headers[17], "reported");
    assert_eq!(&headers[21], "attested_date");
    let text = std::fs::read_to_string(crate::root().join("questions.toml")).unwrap();
    let bank: toml::Table = toml::from_str(&text).unwrap();
    // A coordinators' sheet (issue 21): the questions asked of coordinators, and a
    // patient's question only where a file holds an answer to it (kept, not counted).
    let ids: Vec<&str> = bank["question"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| {
            q["audience"].as_str() != Some("patient")
                || q["id"].as_str() == Some("cost.per_session_usd")
        })
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert!(
        !headers.iter().any(|h| h == "suitability.pregnant"),
        "{headers:?}"
    );
    let asked: Vec<&str> = headers.iter().skip(22).step_by(2).collect();
    assert_eq!(asked, ids);
    assert_eq!(headers.len(), 22 + 2 * ids.len());
    for (i, id) in asked.iter().enumerate() {
        assert_eq!(headers[23 + 2 * i], format!("{id} flag"));
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for (_, subject, origin, coa) in vendors {
        let row = rows
            .iter()
            .find(|r| &r[col("subject")] == subject)
            .unwrap_or_else(|| panic!("no row for {subject}: {rows:?}"));
        assert_eq!(&row[col("source.origin")], origin);
        assert_eq!(&row[col("testing.coa")], coa);
        assert_eq!(
            &row[col("delivery.route")],
            "topical-after-procedure;injection"
        );
        // Typed text stays inert, after a `;` too.
        assert_eq!(&row[col("source.product_details")], "'=1+1; lot 7");
        assert_eq!(&row[col("source.product_details flag")], "");
        // A patient's question answered in a coordinator's file is kept, not counted.
        assert_eq!(&row[col("cost.per_session_usd")], "900");
        assert_eq!(&row[col("cost.per_session_usd flag")], "not counted");
        assert_eq!(&row[col("source.product_named")], "");
        assert_eq!(&row[col("source.product_named flag")], "");
    }
    let flag = |subject: &str, id: &str| {
        let row = rows.iter().find(|r| &r[col("subject")] == subject).unwrap();
        row[col(&format!("{id} flag"))].to_owned()
    };
    assert_eq!(flag("Clínica Añil", "source.origin"), "green");
    assert_eq!(flag("Søren Biologics ApS", "source.origin"), "critical");
    assert_eq!(flag("Łódź Exo Sp. z o.o.", "source.origin"), "amber");
    assert_eq!(flag("Łódź Exo Sp. z o.o.", "testing.coa"), "amber");
    // A refused key question is a knock-out.
    assert_eq!(flag("Ärzte-Labor München", "testing.coa"), "critical");
    assert_eq!(
        flag("Café Dermatologie", "delivery.route"),
        flag("Clínica Añil", "delivery.route")
    );
}

/// Issue 21: a committee reads the wide CSV in a spreadsheet, so each answer's column is
/// headed by the question as its readers were asked it; `--ids` heads it with the id, for
/// a script.
#[test]
fn the_wide_csv_is_headed_by_the_questions_and_by_their_ids_with_ids() {
    let bank = exovet::bank::load_builtin();
    let origin = bank.question(bank.find("source.origin").unwrap());
    let header = |ids: bool| {
        let mut args = vec![
            "score",
            "--format",
            "csv",
            "docs/examples/careful-vendor.toml",
        ];
        if ids {
            args.push("--ids");
        }
        let out = crate::stdout_of(args);
        let mut rows = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
        rows.headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let words = header(false);
    let prompt = origin.prompt_for(exovet::bank::Audience::Coordinator);
    assert!(words.iter().any(|h| h == prompt), "{words:?}");
    assert!(
        words.iter().any(|h| *h == format!("{prompt} flag")),
        "{words:?}"
    );
    assert!(!words.iter().any(|h| h == "source.origin"), "{words:?}");
    let ids = header(true);
    assert!(ids.iter().any(|h| h == "source.origin"), "{ids:?}");
    assert!(ids.iter().any(|h| h == "source.origin flag"), "{ids:?}");
    assert_eq!(words.len(), ids.len());
}

/// Found by an adversarial run: two questions worded alike, or one worded like a column of
/// ours ("score"), gave the wide CSV two columns under one heading, and a sheet looks
/// columns up by heading. Such a heading gets the question's id too.
#[test]
fn the_wide_csvs_headings_are_never_the_same_twice() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(crate::fixture("banks/valid/minimal.toml")).unwrap();
    let extra = |id: &str, prompt: &str| {
        format!(
            "\n[[question]]\nid = \"{id}\"\nsection = \"source\"\naudience = \"both\"\nkind = \"single\"\nprompt = \"{prompt}\"\nhelp = \"h\"\nask = \"a\"\nsources = [\"004_b7657017c2a83646.txt\"]\n\n[[question.option]]\nid = \"yes\"\nlabel = \"Yes\"\nflag = \"green\"\nwhy = \"w\"\n\n[[question.option]]\nid = \"no\"\nlabel = \"No\"\nflag = \"amber\"\nwhy = \"w\"\n"
        )
    };
    let bank = minimal
        + &extra("source.again", "Where do the exosomes come from?")
        + &extra("source.score", "score");
    std::fs::write(dir.path().join("b.toml"), bank).unwrap();
    std::fs::write(
        dir.path().join("v.toml"),
        "[meta]\nbank = \"mini\"\nbank_version = \"1.0.0\"\naudience = \"coordinator\"\nsubject = \"V\"\n\n[answers]\n\"source.score\" = \"yes\"\n",
    )
    .unwrap();
    let out = crate::run_in(
        dir.path(),
        ["--bank", "b.toml", "score", "--format", "csv", "v.toml"],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let mut rows = csv::Reader::from_reader(out.stdout.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    let mut seen = std::collections::HashSet::new();
    for h in &headers {
        assert!(seen.insert(h), "{h:?} twice in {headers:?}");
    }
    assert!(
        headers.iter().any(|h| h == "score (source.score)"),
        "{headers:?}"
    );
}
