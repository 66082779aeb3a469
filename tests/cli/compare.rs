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
    // An MSC source and a needling route meet every condition: a patient is asked all 43
    // patient questions, a coordinator all 32 coordinator questions.
    assert_eq!(per_file("before-consult.toml"), 43);
    assert_eq!(per_file("careful-vendor.toml"), 32);
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
