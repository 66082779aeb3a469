//! The comparison as CSV for a spreadsheet: a row per file, or a row per file and question, every cell made inert.

use std::io::{self, Write};

use super::Entry;
use super::packed::Counted;
use crate::answers::{Answer, NOT_APPLICABLE, REFUSED};
use crate::bank::{Audience, Bank, Flag, Kind, QuestionId};
use crate::evidence;
use crate::ui;

/// What starts a formula in a spreadsheet cell.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes a spreadsheet cell inert: text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return would be read as a formula, so it gets a leading `'`. So does each part
/// after a `;` or a `,`: a spreadsheet whose list separator is `;` (Excel in German or
/// French) splits `x;=1+1` into two cells, the second a formula.
fn inert_cell(text: &str) -> String {
    // One line, as everywhere: a line break in a cell shows as a second row in some viewers.
    let text = crate::text::from_file(text);
    let mut out = String::with_capacity(text.len() + 1);
    // At the start of the cell, or of what a separator could make a cell, spaces aside.
    let mut at_start = true;
    for c in text.chars() {
        if at_start && FORMULA_STARTS.contains(&c) {
            out.push('\'');
        }
        if c == ';' || c == ',' {
            at_start = true;
        } else if c != ' ' {
            at_start = false;
        }
        out.push(c);
    }
    out
}

/// Writes rows whose cells are made inert.
struct Rows<W: Write>(csv::Writer<W>);

impl<W: Write> Rows<W> {
    /// Starts with a UTF-8 byte-order mark: without it, Excel opens a double-clicked file in
    /// the system's legacy code page, and "Clínica Añil" comes out as "ClÃ­nica AÃ±il".
    fn new<S: AsRef<str>>(mut out: W, headers: &[S]) -> io::Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut rows = Self(csv::Writer::from_writer(out));
        rows.row(headers)?;
        Ok(rows)
    }

    fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> io::Result<()> {
        Ok(self
            .0
            .write_record(cells.iter().map(|c| inert_cell(c.as_ref())))?)
    }

    fn finish(mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// The columns of the wide CSV before the answers.
const WIDE_HEADERS: [&str; 22] = [
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
    "reported",
    "attested_by",
    "attested_role",
    "attested_organization",
    "attested_date",
];

/// One row per file: the verdict and its counts, then each question asked of the files' audiences (and any other a file answered), in bank
/// order, as two columns: the answer as the file writes it, and its flag (`not counted` for
/// an answer kept for a question that does not apply). `entries` must be ranked and made
/// with their answers kept.
pub fn csv_wide(
    entries: &[Entry<'_>],
    bank: &Bank,
    ids: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    // A column for each question asked of an audience the files have, and for any other
    // question a file holds an answer to (kept, not counted): a coordinators' sheet has no
    // empty column for a patient's question. Each file is unpacked here and again for its
    // row, never all at once: kept packed, 10,000 files cost kilobytes, not megabytes.
    let mut answered = vec![false; bank.questions.len()];
    for packed in entries.iter().filter_map(|e| e.answers.as_ref()) {
        for (id, _) in packed.unpack(bank).answers.answered() {
            answered[id.0] = true;
        }
    }
    let columns: Vec<QuestionId> = bank
        .ids()
        .filter(|&id| {
            answered[id.0]
                || entries
                    .iter()
                    .any(|e| bank.question(id).reach.includes(e.audience))
        })
        .collect();
    // The questions as coordinators word them when any file is a coordinator's.
    let audience = if entries.iter().any(|e| e.audience == Audience::Coordinator) {
        Audience::Coordinator
    } else {
        Audience::Patient
    };
    // For a person at a spreadsheet, the question as the sheet's readers were asked it; with
    // `ids`, its id, for a script. A heading met twice (two questions worded alike, or one
    // worded like a column of ours) gets its id too: a sheet looks columns up by heading.
    let heads: Vec<String> = columns
        .iter()
        .map(|&id| {
            let q = bank.question(id);
            if ids {
                q.id.clone()
            } else {
                crate::report::one_line(q.prompt_for(audience))
            }
        })
        .collect();
    let taken = |h: &str, i: usize| {
        WIDE_HEADERS.contains(&h)
            || heads.iter().enumerate().any(|(j, o)| j != i && o == h)
            || WIDE_HEADERS.contains(&format!("{h} flag").as_str())
    };
    let headers: Vec<String> = WIDE_HEADERS
        .iter()
        .map(|h| (*h).to_owned())
        .chain(
            columns
                .iter()
                .zip(&heads)
                .enumerate()
                .flat_map(|(i, (&id, head))| {
                    let head = if taken(head, i) {
                        format!("{head} ({})", bank.question(id).id)
                    } else {
                        head.clone()
                    };
                    [head.clone(), format!("{head} flag")]
                }),
        )
        .collect();
    let mut rows = Rows::new(out, &headers)?;
    for (i, e) in entries.iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            e.path.display().to_string(),
            e.subject.clone(),
            e.audience.id().to_owned(),
            bank.id.clone(),
            bank.version.clone(),
            e.level.id().to_owned(),
            e.incomplete.to_string(),
            e.score.to_string(),
            e.critical.to_string(),
            e.red.to_string(),
            e.amber.to_string(),
            e.green.to_string(),
            e.answered.to_string(),
            e.countable.to_string(),
            e.open.to_string(),
            e.updated.clone().unwrap_or_default(),
        ];
        let a = e.attestation.as_ref();
        row.push(match a {
            Some(a) if a.is_signed() => "vendor, attested".to_owned(),
            Some(_) => "vendor, not attested".to_owned(),
            None => String::new(),
        });
        for field in [
            a.map(|a| &a.name),
            a.map(|a| &a.role),
            a.map(|a| &a.organization),
            a.map(|a| &a.date),
        ] {
            row.push(field.cloned().unwrap_or_default());
        }
        if let Some(unpacked) = e.answers.as_ref().map(|p| p.unpack(bank)) {
            for &id in &columns {
                let Some(answer) = unpacked.answers.get(id) else {
                    row.extend([String::new(), String::new()]);
                    continue;
                };
                let flag = match &unpacked.counted[id.0] {
                    Some(Counted::Flag(f)) => f.flag.id(),
                    Some(Counted::Kept) => "not counted",
                    Some(Counted::NoFlag) | None => "",
                };
                row.extend([raw_answer(bank, id, answer), flag.to_owned()]);
            }
        }
        rows.row(&row)?;
    }
    rows.finish()
}

/// One row per file and question asked, in rank order then question order. `entries` must
/// be ranked and made with their answers kept.
pub fn csv_long(entries: &[Entry<'_>], bank: &Bank, out: &mut impl Write) -> io::Result<()> {
    let mut rows = Rows::new(
        out,
        &[
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
            "document",
            "document_status",
            "document_matches",
        ],
    )?;
    for e in entries {
        let Some(packed) = &e.answers else { continue };
        let unpacked = packed.unpack(bank);
        let answers = &unpacked.answers;
        let path = e.path.display().to_string();
        // Which questions were asked: seeing is not scoring, and the answers say it.
        let shown = crate::visible::visible(bank, answers, e.audience);
        for id in bank.ids().filter(|id| shown[id.0]) {
            let q = bank.question(id);
            let answer = answers.get(id);
            let finding = match &unpacked.counted[id.0] {
                Some(Counted::Flag(f)) => Some(f),
                _ => None,
            };
            let document = e.documents.iter().find(|c| c.question == id);
            let status = match (answer, &q.kind) {
                (None, _) => "not asked",
                (Some(Answer::Refused), _) => REFUSED,
                (Some(Answer::NotApplicable), _) => "not applicable",
                (Some(_), Kind::Text) => "noted",
                (Some(_), _) => "answered",
            };
            rows.row::<&str>(&[
                &path,
                &e.subject,
                &bank.section_of(id).id,
                &q.id,
                status,
                &answer.map_or_else(String::new, |a| raw_answer(bank, id, a)),
                &answer.map_or_else(String::new, |a| ui::answer_text(bank, id, a)),
                finding.as_ref().map_or("", |f| f.flag.colour().id()),
                finding.as_ref().map_or("", |f| {
                    if f.flag == Flag::Critical {
                        "true"
                    } else {
                        "false"
                    }
                }),
                &finding.map_or_else(String::new, |f| f.why(bank).into_owned()),
                document.map_or("", |c| c.document.document.as_str()),
                document.map_or("", |c| c.status().id()),
                match document.and_then(evidence::Checked::matches) {
                    Some(true) => "true",
                    Some(false) => "false",
                    None => "",
                },
            ])?;
        }
    }
    rows.finish()
}

/// The answer as the answers file writes it: option ids joined by `;`.
fn raw_answer(bank: &Bank, id: QuestionId, a: &Answer) -> String {
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
        Answer::NotApplicable => NOT_APPLICABLE.to_owned(),
    }
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
        // After a separator of any locale, spaces or not.
        assert_eq!(inert_cell(";=1+1;"), ";'=1+1;");
        assert_eq!(inert_cell("Spa, =1+1"), "Spa, '=1+1");
        assert_eq!(inert_cell("a;b;@x,-3"), "a;b;'@x,'-3");
        assert_eq!(inert_cell("1-2, 3+4"), "1-2, 3+4");
    }
}
