//! Writing an answers file: the exact format of `product.md`, saved whole or not at all.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
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
    let mut reasked = file.reasked.iter().peekable();
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
    out
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

fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        let whole = v as i64;
        whole.to_string()
    } else {
        format!("{v}")
    }
}

/// Writes `text` to `path` atomically: a temporary file in the same folder,
/// flushed to disk, then renamed over the old file. A crash leaves either
/// the old file or the new one, never half of either.
pub fn save(path: &Path, text: &str) -> std::io::Result<()> {
    let (dir, name) = dir_and_name(path);
    let mut tmp = tempfile_in(dir, &name)?;
    let result = (|| {
        tmp.1.write_all(text.as_bytes())?;
        tmp.1.sync_all()?;
        std::fs::rename(&tmp.0, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp.0);
    }
    result
}

/// How old a temporary file of [`save`] must be to count as abandoned. A save
/// takes milliseconds; one killed mid-write (kill -9, a power cut) leaves its
/// temporary file behind for good.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Removes the temporary files that saves to `path` abandoned more than an
/// hour ago. Files of other names, and a save in progress, are left alone.
/// Returns how many were removed; a folder that cannot be read removes none.
pub fn sweep_abandoned(path: &Path) -> usize {
    let (dir, name) = dir_and_name(path);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let prefix = format!(".{name}.");
    let is_ours = |file: &str| {
        file.strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split_once('.'))
            .is_some_and(|(pid, attempt)| {
                [pid, attempt]
                    .iter()
                    .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
    };
    let abandoned = |entry: &std::fs::DirEntry| {
        entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > ABANDONED_AFTER)
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(is_ours) && abandoned(e))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

fn dir_and_name(path: &Path) -> (&Path, String) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "answers".into(), |n| n.to_string_lossy().into_owned());
    (dir, name)
}

/// A new file beside the one named `name` in `dir`, for [`save`] to write first.
fn tempfile_in(dir: &Path, name: &str) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
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
    fn formats_dates_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_341_600), "2026-11-22T10:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn save_replaces_the_file_whole_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        save(&path, "one").unwrap();
        save(&path, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
    #[test]
    fn only_temp_files_abandoned_by_saves_to_this_file_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let hours_ago = SystemTime::now() - std::time::Duration::from_secs(2 * 60 * 60);
        let file = |name: &str, old: bool| {
            let p = dir.path().join(name);
            let f = std::fs::File::create(&p).unwrap();
            if old {
                f.set_modified(hours_ago).unwrap();
            }
            p
        };
        let abandoned = file(".a.toml.4242.0.tmp", true);
        let in_progress = file(".a.toml.4243.0.tmp", false);
        let others = [
            file(".b.toml.4242.0.tmp", true),
            file(".a.toml.x.0.tmp", true),
            file(".a.toml.4242.tmp", true),
            file("a.toml.4242.0.tmp", true),
            file(".a.toml.4242.0.tmp.keep", true),
        ];
        assert_eq!(sweep_abandoned(&path), 1);
        assert!(!abandoned.exists());
        assert!(in_progress.exists());
        for p in others {
            assert!(p.exists(), "{}", p.display());
        }
        assert_eq!(
            sweep_abandoned(&dir.path().join("missing").join("a.toml")),
            0
        );
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
        let file = AnswerFile {
            meta,
            answers: Answers::empty(&bank),
            reasked: Vec::new(),
        };
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
