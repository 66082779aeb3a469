//! Comparing many vendors: a ranked table in text and Markdown, and CSV in a wide form (a row per file) and a long form (a row per file and question).
//!
//! Every file is scored before the first row is written, so each keeps only what the rows
//! show: a few names and numbers, and the answers, packed, for the CSV alone.

mod packed;
mod spreadsheet;

use std::io::{self, Write};
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use super::md;
use crate::answers::{AnswerFile, Attestation};
use crate::bank::{Audience, Flag};
use crate::evidence::Checked;
use crate::score::{Level, Standing, Verdict};
use crate::ui;
use packed::{Counted, Packed};
pub use spreadsheet::{csv_long, csv_wide};

/// What the ranked tables show of one scored file.
pub struct Entry<'p> {
    pub path: &'p Path,
    pub subject: String,
    pub audience: Audience,
    /// As written in the file.
    pub updated: Option<String>,
    pub level: Level,
    pub incomplete: bool,
    pub score: u32,
    pub critical: usize,
    pub red: usize,
    pub amber: usize,
    pub green: usize,
    pub answered: usize,
    pub countable: usize,
    /// Questions still to ask.
    pub open: usize,
    /// Kept for the CSV only, which lists every answer.
    answers: Option<Packed>,
    /// The vendor's signature, on a returned questionnaire.
    pub attestation: Option<Attestation>,
    /// Kept for the CSV only: the documents as found beside the file.
    pub(super) documents: Vec<Checked>,
}

impl<'p> Entry<'p> {
    /// The summary of `file` scored as `verdict`, with its answers when `keep_answers`.
    pub fn new(
        path: &'p Path,
        file: AnswerFile,
        documents: Vec<Checked>,
        verdict: &Verdict,
        keep_answers: bool,
    ) -> Self {
        let attestation = file.vendor_signature().cloned();
        Self {
            path,
            subject: file.meta.subject,
            audience: file.meta.audience,
            updated: file.meta.updated,
            level: verdict.level,
            incomplete: verdict.incomplete,
            score: verdict.score,
            critical: verdict.count(Flag::Critical),
            red: verdict.count(Flag::Red),
            amber: verdict.count(Flag::Amber),
            green: verdict.count(Flag::Green),
            answered: verdict.answered,
            countable: verdict.countable,
            open: verdict.follow_up.len(),
            answers: keep_answers.then(|| {
                Packed::new(&file.answers, |id| match verdict.standing[id.0] {
                    Standing::Kept { .. } | Standing::Hidden => Counted::Kept,
                    Standing::Asked { .. } => verdict
                        .counted(id)
                        .map_or(Counted::NoFlag, |f| Counted::Flag(f.clone())),
                })
            }),
            attestation,
            documents: if keep_answers { documents } else { Vec::new() },
        }
    }

    fn verdict_words(&self) -> String {
        let incomplete = if self.incomplete { " (incomplete)" } else { "" };
        format!(
            "{} {}{incomplete}",
            ui::level_symbol(self.level),
            ui::level_word(self.level)
        )
    }
}

/// Best first: verdict, then complete before incomplete, then score, then fewer
/// critical flags, then name. The order of equals is the order given.
pub fn rank(entries: &mut [Entry<'_>]) {
    // Stable, and each name is made once rather than at every comparison.
    entries.sort_by_cached_key(|e| {
        (
            e.level,
            e.incomplete,
            std::cmp::Reverse(e.score),
            e.critical,
            ui::shown_subject(&e.subject),
        )
    });
}

const HEADERS: [&str; 9] = [
    "Rank", "Vendor", "Verdict", "Score", "Critical", "Red", "Amber", "Open", "File",
];

fn cells(i: usize, e: &Entry<'_>) -> [String; 9] {
    [
        (i + 1).to_string(),
        ui::shown_subject(&e.subject),
        e.verdict_words(),
        e.score.to_string(),
        e.critical.to_string(),
        e.red.to_string(),
        e.amber.to_string(),
        e.open.to_string(),
        crate::diag::inert(&e.path.display().to_string()),
    ]
}

const LEGEND: &str = "Ranked by verdict, then score (0-100, to order vendors that share a verdict). \
Critical: red flags that make the verdict red on their own. Open: questions still to ask.";

/// The ranked table as aligned text columns, then the legend and `notes` (the disclaimer, and
/// the bank's review notice when it is due). `entries` must be ranked.
pub fn text(entries: &[Entry<'_>], notes: &[String], out: &mut impl Write) -> io::Result<()> {
    // The columns are as wide as their widest cell, so the rows are made twice rather than kept.
    let mut widths: [usize; 9] = HEADERS.map(UnicodeWidthStr::width);
    for (i, e) in entries.iter().enumerate() {
        for (w, cell) in widths.iter_mut().zip(cells(i, e)) {
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
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    };
    out.write_all(line(&HEADERS.map(str::to_owned)).as_bytes())?;
    for (i, e) in entries.iter().enumerate() {
        out.write_all(line(&cells(i, e)).as_bytes())?;
    }
    let mut end = String::from("\n");
    super::text::wrap_into(&mut end, LEGEND, "", "");
    for note in notes {
        super::text::wrap_into(&mut end, note, "", "");
    }
    out.write_all(end.as_bytes())
}

/// The ranked table in Markdown, every cell escaped, then the legend and `notes`.
/// `entries` must be ranked.
pub fn markdown(entries: &[Entry<'_>], notes: &[String], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# Vendor comparison\n")?;
    writeln!(out, "| {} |", HEADERS.join(" | "))?;
    writeln!(
        out,
        "|{}|",
        [
            "---:", "---", "---", "---:", "---:", "---:", "---:", "---:", "---"
        ]
        .join("|")
    )?;
    for (i, e) in entries.iter().enumerate() {
        let row: Vec<String> = cells(i, e).iter().map(|c| md::escape(c)).collect();
        writeln!(out, "| {} |", row.join(" | "))?;
    }
    write!(out, "\n{}\n", md::escape(LEGEND))?;
    for note in notes {
        write!(out, "\n{}\n", md::escape(note))?;
    }
    Ok(())
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
                        crate::text::shown_path(p),
                        crate::source::io_reason(&e)
                    )
                })?
                .filter_map(|entry| {
                    let entry = entry.ok()?;
                    let path = entry.path();
                    // The listing says what each entry is; only a link is looked at again.
                    let kind = entry.file_type().ok()?;
                    let file = kind.is_file() || (kind.is_symlink() && path.is_file());
                    (file && path.extension().is_some_and(|x| x == "toml")).then_some(path)
                })
                .collect();
            if found.is_empty() {
                return Err(format!(
                    "{}: error: this folder has no answers files (*.toml) in it.",
                    crate::text::shown_path(p)
                ));
            }
            // These paths are one folder's path and a name, so their bytes sort them by name
            // as comparing them part by part would, only faster.
            found.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
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
        #[cfg(unix)]
        {
            // A link counts as what it points to.
            let links = tempfile::tempdir().unwrap();
            std::fs::create_dir(links.path().join("folder.toml")).unwrap();
            for (link, to) in [
                ("c.toml", dir.path().join("a.toml")),
                ("d.toml", links.path().join("folder.toml")),
                ("e.toml", links.path().join("missing.toml")),
            ] {
                std::os::unix::fs::symlink(to, links.path().join(link)).unwrap();
            }
            let files = expand(&[links.path().to_path_buf()]).unwrap();
            assert_eq!(files, [links.path().join("c.toml")]);
        }
        let empty = tempfile::tempdir().unwrap();
        assert!(
            expand(&[empty.path().to_path_buf()])
                .unwrap_err()
                .contains("no answers files")
        );
    }
}
