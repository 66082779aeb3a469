//! The examples in `docs/` are true: banks validate, answers files score to the verdict written above them (and warn only where they say so), console output matches.

use std::ffi::OsStr;
use std::path::Path;

use crate::{root, run};

/// A fenced block: its info string and its body.
struct Block {
    file: String,
    line: usize,
    info: String,
    body: String,
}

fn blocks() -> Vec<Block> {
    let mut out = Vec::new();
    let mut docs: Vec<_> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.push(root().join("README.md"));
    docs.sort();
    for path in docs {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut current: Option<Block> = None;
        for (i, line) in text.lines().enumerate() {
            match (&mut current, line.strip_prefix("```")) {
                (None, Some(info)) => {
                    current = Some(Block {
                        file: path.file_name().unwrap().to_string_lossy().into_owned(),
                        line: i + 1,
                        info: info.trim().to_owned(),
                        body: String::new(),
                    });
                }
                (Some(_), Some(_)) => out.push(current.take().unwrap()),
                (Some(b), None) => {
                    b.body.push_str(line);
                    b.body.push('\n');
                }
                (None, None) => {}
            }
        }
    }
    out
}

fn tagged(tag: &str) -> Vec<Block> {
    blocks()
        .into_iter()
        .filter(|b| b.info.split_whitespace().take(2).collect::<Vec<_>>() == ["toml", tag])
        .collect()
}

fn write_temp(dir: &Path, body: &str) -> std::path::PathBuf {
    let path = dir.join("example.toml");
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn bank_examples_validate() {
    let banks = tagged("bank");
    assert!(!banks.is_empty(), "docs should show at least one bank");
    for b in banks {
        let dir = tempfile::tempdir().unwrap();
        let path = write_temp(dir.path(), &b.body);
        let out = run([OsStr::new("check"), path.as_os_str()]);
        assert_eq!(
            out.code,
            Some(0),
            "{}:{}: the bank example does not validate:\n{}",
            b.file,
            b.line,
            out.stderr
        );
    }
}

#[test]
fn answers_examples_score_to_the_verdict_the_docs_state() {
    let examples = tagged("answers");
    assert!(examples.len() >= 4, "docs should show worked examples");
    for b in examples {
        let expect = |key: &str| {
            b.info
                .split_whitespace()
                .find_map(|w| w.strip_prefix(&format!("{key}=")))
                .map_or_else(
                    || panic!("{}:{}: the example says no {key}=", b.file, b.line),
                    str::to_owned,
                )
        };
        let dir = tempfile::tempdir().unwrap();
        let path = write_temp(dir.path(), &b.body);
        let out = run([
            OsStr::new("score"),
            OsStr::new("--format"),
            OsStr::new("json"),
            path.as_os_str(),
        ]);
        assert_eq!(out.code, Some(0), "{}:{}: {}", b.file, b.line, out.stderr);
        // `warns=ID,…`: the example shows a file read with a warning about each of these
        // questions (an answer a newer bank asks again), and about nothing else.
        let warns: Vec<&str> = b
            .info
            .split_whitespace()
            .find_map(|w| w.strip_prefix("warns="))
            .map_or_else(Vec::new, |ids| ids.split(',').collect());
        for line in out.stderr.lines() {
            assert!(
                warns.iter().any(|id| line.contains(&format!("`{id}`"))),
                "{}:{}: warnings: {}",
                b.file,
                b.line,
                out.stderr
            );
        }
        for id in &warns {
            assert!(
                out.stderr.contains(&format!("warning: `{id}`")),
                "{}:{}: no warning about `{id}`: {}",
                b.file,
                b.line,
                out.stderr
            );
        }
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            json["verdict"],
            expect("verdict").as_str(),
            "{}:{}: {json}",
            b.file,
            b.line
        );
        assert_eq!(
            json["incomplete"].to_string(),
            expect("incomplete"),
            "{}:{}",
            b.file,
            b.line
        );
    }
}

#[test]
fn console_examples_print_what_the_docs_show() {
    let consoles: Vec<Block> = blocks()
        .into_iter()
        .filter(|b| b.info == "console")
        .collect();
    assert!(!consoles.is_empty());
    for b in consoles {
        let mut lines = b.body.lines();
        let command = lines.next().unwrap().strip_prefix("$ exovet ").unwrap();
        let expected: Vec<&str> = lines.collect();
        let stdout = run(command.split_whitespace()).stdout;
        let actual: Vec<&str> = stdout.lines().take(expected.len()).collect();
        assert_eq!(
            actual, expected,
            "{}:{}: `exovet {command}`",
            b.file, b.line
        );
    }
}

/// Every test that `docs/reliability.md` names as the proof of a claim exists: a claim whose
/// test was renamed or removed would stand unproven (`module::name`, or a `cases!` entry).
#[test]
fn every_test_reliability_md_names_exists() {
    let doc = std::fs::read_to_string(root().join("docs/reliability.md")).unwrap();
    let mut code = String::new();
    for dir in ["src", "tests"] {
        let mut todo = vec![root().join(dir)];
        while let Some(d) = todo.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    todo.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    code.push_str(&std::fs::read_to_string(&p).unwrap());
                }
            }
        }
    }
    let mut named = 0;
    for token in doc.split('`').skip(1).step_by(2) {
        let parts: Vec<&str> = token.split("::").collect();
        let is_path = parts.len() >= 2
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '*'
                    })
            });
        // "Tests are `file::test`" explains the notation.
        if !is_path || token == "file::test" || token.ends_with('*') {
            continue;
        }
        named += 1;
        let name = parts[parts.len() - 1];
        assert!(
            code.contains(&format!("fn {name}(")) || code.contains(&format!("        {name}: ")),
            "docs/reliability.md names `{token}`, which is no test"
        );
    }
    assert!(named > 100, "{named} tests named");
}
