//! Comparing many vendors: a ranked table in text and Markdown, and CSV in a wide form (a row per file) and a long form (a row per file and question).

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::md;
use crate::answers::{AnswerFile, REFUSED};
use crate::bank::{Bank, Flag, Kind};
use crate::score::{self, Verdict};
use crate::ui;

/// One scored file, owned, for ranking.
pub struct Entry {
    pub path: std::path::PathBuf,
    pub file: AnswerFile,
    pub verdict: Verdict,
}

impl Entry {
    fn subject(&self) -> String {
        let s = ui::inert(self.file.meta.subject.trim());
        if s.is_empty() {
            ui::NO_SUBJECT.to_owned()
        } else {
            s
        }
    }

    fn verdict_words(&self) -> String {
        let v = &self.verdict;
        let incomplete = if v.incomplete { " (incomplete)" } else { "" };
        format!(
            "{} {}{incomplete}",
            ui::level_symbol(v.level),
            ui::level_word(v.level)
        )
    }
}

/// Best first: verdict, then complete before incomplete, then score, then fewer
/// critical flags, then name. The order of equals is the order given.
pub fn rank(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        let key = |e: &Entry| {
            (
                e.verdict.level,
                e.verdict.incomplete,
                std::cmp::Reverse(e.verdict.score),
                e.verdict.count(Flag::Critical),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.subject().cmp(&b.subject()))
    });
}

const HEADERS: [&str; 9] = [
    "Rank", "Vendor", "Verdict", "Score", "Critical", "Red", "Amber", "Open", "File",
];

fn cells(i: usize, e: &Entry) -> [String; 9] {
    let v = &e.verdict;
    [
        (i + 1).to_string(),
        e.subject(),
        e.verdict_words(),
        v.score.to_string(),
        v.count(Flag::Critical).to_string(),
        v.count(Flag::Red).to_string(),
        v.count(Flag::Amber).to_string(),
        v.follow_up.len().to_string(),
        ui::inert(&e.path.display().to_string()),
    ]
}

const LEGEND: &str = "Ranked by verdict, then score (0-100, to order vendors that share a verdict). \
Critical: knock-out flags. Open: questions still to ask.";

/// The ranked table as aligned text columns. `entries` must be ranked.
pub fn text(entries: &[Entry], disclaimer: &str) -> String {
    let rows: Vec<[String; 9]> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| cells(i, e))
        .collect();
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let numeric = |col: usize| matches!(col, 0 | 3..=7);
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (col, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w.saturating_sub(cell.width());
            if numeric(col) {
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if col + 1 < cells.len() {
                    out.push_str(&" ".repeat(pad));
                }
            }
            out.push_str("  ");
        }
        out.trim_end().to_owned()
    };
    let mut out = String::new();
    let headers: Vec<String> = HEADERS.iter().map(|h| (*h).to_owned()).collect();
    let _ = writeln!(out, "{}", line(&headers));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    out.push('\n');
    super::text::wrap_into(&mut out, LEGEND, "", "");
    super::text::wrap_into(&mut out, disclaimer, "", "");
    out
}

/// The ranked table in Markdown, every cell escaped.
pub fn markdown(entries: &[Entry], disclaimer: &str) -> String {
    let mut out = String::from("# Vendor comparison\n\n");
    let _ = writeln!(out, "| {} |", HEADERS.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        [
            "---:", "---", "---", "---:", "---:", "---:", "---:", "---:", "---"
        ]
        .join("|")
    );
    for (i, e) in entries.iter().enumerate() {
        let row: Vec<String> = cells(i, e).iter().map(|c| md::escape(c)).collect();
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let _ = write!(
        out,
        "\n{}\n\n{}\n",
        md::escape(LEGEND),
        md::escape(disclaimer)
    );
    out
}

/// Makes a spreadsheet cell inert: text starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return would be read as a formula, so it gets a leading `'`.
pub fn inert_cell(text: &str) -> String {
    let text = ui::inert(text);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

fn csv_text(rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row.iter().map(|c| inert_cell(c)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// One row per file, ranked.
pub fn csv_wide(entries: &[Entry], bank: &Bank) -> String {
    let mut rows = vec![
        [
            "rank",
            "file",
            "subject",
            "audience",
            "bank",
            "bank_version",
            "verdict",
            "incomplete",
            "score",
            "critical",
            "red",
            "amber",
            "green",
            "answered",
            "countable",
            "open",
            "updated",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect::<Vec<_>>(),
    ];
    for (i, e) in entries.iter().enumerate() {
        let v = &e.verdict;
        rows.push(vec![
            (i + 1).to_string(),
            e.path.display().to_string(),
            e.file.meta.subject.clone(),
            e.file.meta.audience.id().to_owned(),
            bank.id.clone(),
            bank.version.clone(),
            v.level.id().to_owned(),
            v.incomplete.to_string(),
            v.score.to_string(),
            v.count(Flag::Critical).to_string(),
            v.count(Flag::Red).to_string(),
            v.count(Flag::Amber).to_string(),
            v.count(Flag::Green).to_string(),
            v.answered.to_string(),
            v.countable.to_string(),
            v.follow_up.len().to_string(),
            e.file.meta.updated.clone().unwrap_or_default(),
        ]);
    }
    csv_text(rows)
}

/// One row per file and question asked, in rank order then question order.
pub fn csv_long(entries: &[Entry], bank: &Bank) -> String {
    let mut rows = vec![
        [
            "file",
            "subject",
            "section",
            "question",
            "status",
            "answer",
            "answer_text",
            "flag",
            "critical",
            "why",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect::<Vec<_>>(),
    ];
    for e in entries {
        let answers = &e.file.answers;
        let shown = score::visible(bank, answers, e.file.meta.audience);
        for id in bank.ids().filter(|id| shown[id.0]) {
            let q = bank.question(id);
            let answer = answers.get(id);
            let finding = answer.and_then(|a| score::flag_of(bank, id, a));
            let status = match (answer, &q.kind) {
                (None, _) => "not asked",
                (Some(crate::answers::Answer::Refused), _) => REFUSED,
                (Some(crate::answers::Answer::NotApplicable), _) => "not applicable",
                (Some(_), Kind::Text) => "noted",
                (Some(_), _) => "answered",
            };
            rows.push(vec![
                e.path.display().to_string(),
                e.file.meta.subject.clone(),
                bank.section_of(id).id.clone(),
                q.id.clone(),
                status.to_owned(),
                answer.map_or_else(String::new, |a| raw_answer(bank, id, a)),
                answer.map_or_else(String::new, |a| ui::answer_text(bank, id, a)),
                finding
                    .as_ref()
                    .map_or_else(String::new, |f| f.flag.colour().id().to_owned()),
                finding
                    .as_ref()
                    .map_or_else(String::new, |f| (f.flag == Flag::Critical).to_string()),
                finding.map_or_else(String::new, |f| f.why(bank).into_owned()),
            ]);
        }
    }
    csv_text(rows)
}

/// The answer as the answers file writes it: option ids joined by `;`.
fn raw_answer(bank: &Bank, id: crate::bank::QuestionId, a: &crate::answers::Answer) -> String {
    use crate::answers::Answer;
    let choices = bank.question(id).kind.choices();
    match a {
        Answer::Choice(i) => choices[*i].id.clone(),
        Answer::Choices(is) => is
            .iter()
            .map(|i| choices[*i].id.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        Answer::Number(n) => crate::answers::example(*n),
        Answer::Text(t) => t.clone(),
        Answer::Refused => REFUSED.to_owned(),
        Answer::NotApplicable => crate::answers::NOT_APPLICABLE.to_owned(),
    }
}

/// The answers files named, with folders replaced by the `.toml` files directly in them, sorted.
pub fn expand(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<_> = std::fs::read_dir(p)
                .map_err(|e| {
                    format!(
                        "{}: error: cannot read the folder: {}.",
                        p.display(),
                        crate::source::io_reason(&e)
                    )
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|x| x == "toml") && f.is_file())
                .collect();
            if found.is_empty() {
                return Err(format!(
                    "{}: error: this folder has no answers files (*.toml) in it.",
                    p.display()
                ));
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_made_inert() {
        assert_eq!(inert_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert_cell("+1"), "'+1");
        assert_eq!(inert_cell("-2"), "'-2");
        assert_eq!(inert_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert_cell("Glow Med Spa"), "Glow Med Spa");
    }

    #[test]
    fn folders_expand_to_their_toml_files_in_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.toml", "a.toml", "notes.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let files = expand(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["a.toml", "b.toml"]);
        let empty = tempfile::tempdir().unwrap();
        assert!(
            expand(&[empty.path().to_path_buf()])
                .unwrap_err()
                .contains("no answers files")
        );
    }
}
