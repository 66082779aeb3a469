//! Writing an answers file: its text in the exact format of `product.md` (`crate::save` puts it on disk).

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{Answer, AnswerFile};
use crate::bank::Bank;

/// The file's text. Every answer is written, those to questions hidden for this audience
/// or by a condition too: they are recorded, not counted (`product.md`), and a person who
/// changes an earlier answer back finds them again.
pub fn to_toml(bank: &Bank, file: &AnswerFile) -> String {
    let meta = &file.meta;
    let mut out = String::new();
    out.push_str("[meta]\n");
    // Written bare, so only a real date-time may go there; anything else is replaced by now.
    let updated = meta
        .updated
        .clone()
        .filter(|u| u.parse::<toml::value::Datetime>().is_ok() && !u.contains(['\n', '\r']))
        .unwrap_or_else(now_rfc3339);
    let _ = writeln!(out, "bank = {}", quote(&bank.id));
    let _ = writeln!(out, "bank_version = {}", quote(&bank.version));
    let _ = writeln!(out, "audience = {}", quote(meta.audience.id()));
    let _ = writeln!(out, "subject = {}", quote(&meta.subject));
    let _ = writeln!(out, "updated = {updated}");
    out.push_str("\n[answers]\n");
    let mut reasked = file.annex.reasked.iter().peekable();
    for (id, answer) in file.answers.answered() {
        // Old answers asked again go just above the next answer after their question.
        while let Some(r) = reasked.next_if(|r| r.question <= id) {
            reasked_line(&mut out, bank, r);
        }
        let q = bank.question(id);
        let choices = q.kind.choices();
        let value = match answer {
            Answer::Choice(i) => quote(&choices[*i].id),
            Answer::Choices(is) => {
                let items: Vec<String> = is.iter().map(|i| quote(&choices[*i].id)).collect();
                format!("[{}]", items.join(", "))
            }
            Answer::Number(v) => number(*v),
            Answer::Text(t) => quote(t),
            Answer::Refused => quote(super::REFUSED),
            Answer::NotApplicable => quote(super::NOT_APPLICABLE),
        };
        let _ = writeln!(out, "{} = {value}", quote(&q.id));
    }
    for r in reasked {
        reasked_line(&mut out, bank, r);
    }
    for (id, d) in &file.annex.evidence {
        let _ = writeln!(out, "\n[evidence.{}]", quote(&bank.question(*id).id));
        let _ = writeln!(out, "document = {}", quote(&d.document));
        if let Some(h) = &d.sha256 {
            let _ = writeln!(out, "sha256 = {}", quote(h));
        }
        let _ = writeln!(out, "status = {}", quote(d.status.id()));
        if let Some(date) = &d.date {
            let _ = writeln!(out, "date = {}", day(date));
        }
        if !d.note.is_empty() {
            let _ = writeln!(out, "note = {}", quote(&d.note));
        }
    }
    if let Some(a) = &file.annex.attestation {
        out.push_str("\n[attestation]\n");
        let _ = writeln!(out, "name = {}", quote(&a.name));
        let _ = writeln!(out, "role = {}", quote(&a.role));
        let _ = writeln!(out, "organization = {}", quote(&a.organization));
        let _ = writeln!(out, "date = {}", day(&a.date));
        let _ = writeln!(out, "statement = {}", quote(&a.statement));
    }
    out
}

/// A day bare, as TOML writes a local date; anything else, an empty one included, quoted.
fn day(date: &str) -> String {
    match date.parse::<toml::value::Datetime>() {
        Ok(d) if d.date.is_some() && d.time.is_none() && !date.contains(['\n', '\r']) => {
            d.to_string()
        }
        _ => quote(date),
    }
}

/// An old answer the bank asks again, kept as a comment where its question's answer goes.
/// Quoted, so no typed line break can end the comment early.
fn reasked_line(out: &mut String, bank: &Bank, r: &super::Reasked) {
    let _ = writeln!(
        out,
        "# {} = {}  {}",
        quote(&bank.question(r.question).id),
        quote(&r.written),
        super::REASKED_MARK
    );
}

/// A TOML string, as the answers file writes every one.
pub fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A whole number as an integer while TOML's 64-bit integers hold it exactly;
/// any other as a TOML float, which reads back as the same value (`1e30` is
/// `1000000000000000000000000000000.0`, never a 31-digit integer TOML refuses).
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        let whole = v as i64;
        whole.to_string()
    } else {
        toml::Value::Float(v).to_string()
    }
}

/// Today's date, `YYYY-MM-DD` in UTC: the system clock's, or `EXOVET_TODAY` when it holds a
/// date, so tests of the real binary can say what day it is.
pub fn today() -> String {
    std::env::var("EXOVET_TODAY")
        .ok()
        .filter(|d| is_date(d))
        .unwrap_or_else(|| now_rfc3339().chars().take(10).collect())
}

fn is_date(d: &str) -> bool {
    d.parse::<toml::value::Datetime>()
        .is_ok_and(|t| t.date.is_some() && t.time.is_none())
}

/// What is wrong with `EXOVET_TODAY`, when it is set to something that is not a date: said,
/// rather than the clock's date used without a word.
pub fn today_problem() -> Option<String> {
    let set = std::env::var_os("EXOVET_TODAY")?;
    match set.to_str() {
        Some(d) if is_date(d) => None,
        shown => Some(format!(
            "EXOVET_TODAY is \"{}\", which is not a date like 2026-12-01. Set it to a date, or unset it to use the computer's clock",
            crate::diag::inert(shown.unwrap_or("(not text)"))
        )),
    }
}

/// The current time in UTC, as TOML writes a date-time: `2026-11-22T10:00:00Z`.
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_so_toml_reads_back_the_same_value() {
        for v in [
            0.0,
            900.0,
            900.5,
            -3.0,
            1e15,
            1e21,
            1e30,
            123_456_789_012_345_680_000.0,
            1.5e-7,
        ] {
            let line = format!("x = {}", number(v));
            let read: toml::Table = line.parse().unwrap_or_else(|e| panic!("{line}: {e}"));
            let back = match &read["x"] {
                toml::Value::Integer(i) => {
                    #[allow(clippy::cast_precision_loss)]
                    let f = *i as f64;
                    f
                }
                toml::Value::Float(f) => *f,
                other => panic!("{line}: {other:?}"),
            };
            assert_eq!(back.to_bits(), v.to_bits(), "{line}");
        }
    }

    #[test]
    fn formats_dates_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_341_600), "2026-11-22T10:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}

#[cfg(test)]
mod updated_tests {
    use super::*;
    use crate::answers::{Answers, Meta};
    use crate::bank::{Audience, load_builtin};

    #[test]
    fn an_updated_that_is_not_a_date_time_cannot_inject_toml() {
        let bank = load_builtin();
        let mut meta = Meta::new(&bank, Audience::Patient, "S");
        meta.updated = Some("2026-01-01T00:00:00Z\n[answers]\n\"notes\" = \"x\"".into());
        let file = AnswerFile::new(meta, Answers::empty(&bank));
        let text = to_toml(&bank, &file);
        assert_eq!(text.matches("[answers]").count(), 1, "{text}");
        assert!(!text.contains("notes"), "{text}");
    }

    #[test]
    fn an_old_answer_asked_again_stays_beside_its_question_through_every_save() {
        let bank = load_builtin();
        let old = "[meta]\nbank = \"exosome-vetting\"\naudience = \"coordinator\"\n\n[answers]\n\"regulatory.pathway\" = \"ind-or-bla\"\n\"source.origin\" = \"plant\"\n\"regulatory.import\" = \"domestic\"\n";
        let read = |text: &str| {
            crate::answers::parse(&crate::source::SourceText::new("f.toml", text), &bank)
                .unwrap()
                .file
        };
        let first = read(old);
        let pathway = bank.find("regulatory.pathway").unwrap();
        assert_eq!(first.answers.get(pathway), None, "read as not asked");
        let saved = to_toml(&bank, &first);
        let comment = "# \"regulatory.pathway\" = \"ind-or-bla\"";
        assert!(saved.contains(comment), "{saved}");
        // Beside its question: after the origin, before the import that follows it.
        let at = |s: &str| saved.find(s).unwrap();
        assert!(at("\"source.origin\"") < at(comment) && at(comment) < at("\"regulatory.import\""));
        // A later save, of a file that is now 1.1.0, keeps it; nothing else changes.
        let again = to_toml(&bank, &read(&saved));
        assert_eq!(
            again.split_once("[answers]").unwrap().1,
            saved.split_once("[answers]").unwrap().1
        );
        // Answered again: the old answer is still there to compare with.
        let mut answered = read(&saved);
        answered.answers.set(pathway, Some(Answer::Choice(0)));
        let third = to_toml(&bank, &answered);
        assert!(
            third.contains(comment)
                && third.contains("\"regulatory.pathway\" = \"ind-trial-only\""),
            "{third}"
        );
    }
}
