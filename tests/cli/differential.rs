//! Differential test: `exovet score` against the reference model of the verdict rules 1.2,
//! `tests/reference/refscore.py`, on random answers files from `tests/reference/randanswers.py`
//! (seeds fixed). Both read the core table of `product.md` (the model through
//! `tests/fixtures/core-questions.md`); where they disagree, product.md decides which is wrong.
//!
//! 900 files in a normal run; `EXOVET_DIFFERENTIAL_FILES=20000 cargo test differential` runs
//! more (split over the three seeds), as was done by hand for each change of the rules.
//!
//! Needs python3 (3.11 or newer, for `tomllib`). Without it the test says so on stderr and
//! passes, unless `EXOVET_REQUIRE_TOOLS=1`, when it fails.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::{exovet, python3, python3_ready, root};

/// Three runs of the generator, 300 files each unless `EXOVET_DIFFERENTIAL_FILES` says more.
const SEEDS: [u64; 3] = [1101, 2202, 3303];
const FILES: usize = 900;

fn files_per_seed() -> usize {
    std::env::var("EXOVET_DIFFERENTIAL_FILES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(FILES)
        .div_ceil(SEEDS.len())
}
/// Disagreements printed in full; the rest are listed by name.
const SHOWN: usize = 5;

fn reference(script: &str) -> PathBuf {
    root().join("tests/reference").join(script)
}

/// One file's verdict and `incomplete`, by file name.
type Verdicts = BTreeMap<String, (String, bool)>;

/// `exovet score --format json` on every file, run in `dir`: one object a line.
fn exovet_verdicts(dir: &Path, names: &[String]) -> Verdicts {
    let out = exovet()
        .current_dir(dir)
        .args(["score", "--format", "json"])
        .args(names)
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "exovet score failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let file = v["file"].as_str().expect("a file name").to_owned();
            let verdict = v["verdict"].as_str().expect("a verdict").to_owned();
            let incomplete = v["incomplete"].as_bool().expect("incomplete");
            (file, (verdict, incomplete))
        })
        .collect()
}

/// `refscore.py` on every file: `name<TAB>verdict<TAB>incomplete` a line.
fn reference_verdicts(dir: &Path, names: &[String]) -> Verdicts {
    let script = reference("refscore.py");
    let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    let mut args = vec![script.as_os_str()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    String::from_utf8(python3(&args).stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let [name, verdict, incomplete] = line.split('\t').collect::<Vec<_>>()[..] else {
                panic!("refscore.py printed {line:?}");
            };
            let incomplete = match incomplete {
                "true" => true,
                "false" => false,
                other => panic!("refscore.py printed incomplete = {other:?}"),
            };
            (name.to_owned(), (verdict.to_owned(), incomplete))
        })
        .collect()
}

/// The file, and both explanations of its verdict: exovet's text report and its JSON, and
/// the model's `--explain`.
fn explain(path: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "==== {}\n{}",
        path.display(),
        std::fs::read_to_string(path).unwrap()
    );
    for format in ["text", "json"] {
        let run = exovet()
            .args(["score", "--format", format])
            .arg(path)
            .output()
            .unwrap();
        let _ = writeln!(
            out,
            "---- exovet score --format {format}\n{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let script = reference("refscore.py");
    let model = python3(&[script.as_os_str(), "--explain".as_ref(), path.as_os_str()]);
    let _ = writeln!(
        out,
        "---- refscore.py --explain\n{}",
        String::from_utf8_lossy(&model.stdout)
    );
    out
}

#[test]
fn the_reference_model_reads_the_questions_of_the_built_in_bank() {
    if !python3_ready(
        "the differential test (tests/cli/differential.rs)",
        "the reference model tests/reference/refscore.py",
    ) {
        return;
    }
    let out = python3(&[
        "-c".as_ref(),
        "import sys; sys.path.insert(0, 'tests/reference'); import refscore; print('\\n'.join(refscore.load_table()))"
            .as_ref(),
    ]);
    let mut model: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let mut bank: Vec<String> = exovet::bank::load_builtin()
        .questions
        .into_iter()
        .map(|q| q.id)
        .collect();
    model.sort();
    bank.sort();
    assert_eq!(
        model, bank,
        "the questions of core-questions.md and of the built-in bank"
    );
}

#[test]
fn exovet_and_the_reference_model_give_the_same_verdicts() {
    if !python3_ready(
        "the differential test (tests/cli/differential.rs)",
        "the reference model tests/reference/refscore.py",
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let per_seed = files_per_seed();
    let mut compared = 0;
    let mut disagree = Vec::new();
    for seed in SEEDS {
        let dir = tmp.path().join(format!("seed-{seed}"));
        let script = reference("randanswers.py");
        python3(&[
            script.as_os_str(),
            dir.as_os_str(),
            per_seed.to_string().as_ref(),
            seed.to_string().as_ref(),
        ]);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), per_seed, "randanswers.py wrote {names:?}");
        let ours = exovet_verdicts(&dir, &names);
        let model = reference_verdicts(&dir, &names);
        for name in &names {
            let (Some(a), Some(b)) = (ours.get(name), model.get(name)) else {
                panic!(
                    "{name}: exovet gave {:?}, the model {:?}",
                    ours.get(name),
                    model.get(name)
                );
            };
            compared += 1;
            if a != b {
                disagree.push((dir.join(name), a.clone(), b.clone()));
            }
        }
    }
    assert_eq!(compared, SEEDS.len() * per_seed);
    if disagree.is_empty() {
        return;
    }
    let mut report = String::new();
    for (path, ours, model) in disagree.iter().take(SHOWN) {
        let _ = writeln!(
            report,
            "{}: exovet {ours:?}, reference {model:?}\n{}",
            path.display(),
            explain(path)
        );
    }
    for (path, ours, model) in disagree.iter().skip(SHOWN) {
        let _ = writeln!(
            report,
            "{}: exovet {ours:?}, reference {model:?}",
            path.display()
        );
    }
    panic!(
        "exovet and tests/reference/refscore.py disagree on {} of {compared} files (verdict, incomplete); product.md decides which is wrong:\n{report}",
        disagree.len()
    );
}
