//! Plain words: the built-in bank's patient prompts and option labels read at a median US
//! grade of 6 or below, its help texts at 9 or below, the summary's guide at 8 or below
//! (Flesch–Kincaid, measured by
//! `scripts/readability.py`, whose syllable rules its docstring gives), and
//! `docs/bank-format.md` gives the figures the script measures today.
//!
//! Needs python3 (3.11 or newer). Without it the test says so on stderr and passes, unless
//! `EXOVET_REQUIRE_TOOLS=1`, when it fails.

use crate::{python3, python3_ready, root};

#[test]
fn the_bank_reads_plainly_and_the_docs_give_its_figures() {
    if !python3_ready(
        "the readability test (tests/cli/readability.rs)",
        "scripts/readability.py",
    ) {
        return;
    }
    let out = python3(&[
        "scripts/readability.py".as_ref(),
        "--json".as_ref(),
        "questions.toml".as_ref(),
    ]);
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let median = |group: &str| figures[group]["median"].as_f64().unwrap();
    let short = median("prompts_and_labels");
    let help = median("help");
    let guide = median("guide");
    assert!(short <= 6.0, "prompts and labels: median grade {short}");
    assert!(help <= 9.0, "help texts: median grade {help}");
    assert!(guide <= 8.0, "the summary's guide: median grade {guide}");
    let docs = std::fs::read_to_string(root().join("docs/bank-format.md")).unwrap();
    for figure in [short, help, guide] {
        let figure = format!("{figure:.1}");
        assert!(
            docs.contains(&figure),
            "docs/bank-format.md does not give the median {figure} that scripts/readability.py measures"
        );
    }
}
