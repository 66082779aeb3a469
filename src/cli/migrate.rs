//! `exovet migrate`: rewrites an answers file saved with an older bank to the current
//! version, as the bank's `[[migrate]]` table reads it, and keeps the original beside it.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::answers;
use crate::bank::parse_version;
use crate::save;
use crate::source::SourceText;
use crate::ui;

/// Rewrite an answers file saved with an older bank to this one; the original is kept.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The answers file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    pub bank: super::BankArg,
}

pub fn run(args: &Args, bank_path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let bank = super::load_bank(bank_path)?;
    let path = args.file.as_path();
    // Read once: the copy kept is exactly the text migrated.
    let (name, bytes) = SourceText::read_bytes(path).map_err(answers::AnswersError::from)?;
    let src = SourceText::from_bytes(name, bytes.clone()).map_err(answers::AnswersError::from)?;
    let loaded = answers::parse(&src, &bank).map_err(answers::AnswersError::from)?;
    let saved_with = loaded.file.meta.bank_version.clone();
    let shown = ui::shown_path(path);
    if let Some(why) = loaded.file.meta.not_writable(&bank) {
        anyhow::bail!("{shown}: error: {why}");
    }
    match (parse_version(&saved_with), parse_version(&bank.version)) {
        (Some(old), Some(new)) if old == new => {
            crate::output::print(&format!(
                "{shown} is already saved with version {} of the bank: nothing to change.\n",
                bank.version
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    // What the old answers now mean, said before anything is written.
    for w in &loaded.warnings {
        crate::output::warn(w);
    }
    let backup = backup_path(path, &saved_with);
    let mut file = loaded.file;
    file.meta.bank_version.clone_from(&bank.version);
    file.meta.updated = Some(answers::now_rfc3339());
    let text = answers::to_toml_keeping(&bank, &file, Some(src.text()));
    keep_original(path, &bytes, &backup)?;
    if let Err(e) = save::answers(path, &text) {
        // The file is unchanged, so the copy made a moment ago is not needed; left behind,
        // it would refuse the next try.
        let _ = std::fs::remove_file(&backup);
        anyhow::bail!(
            "{shown}: error: cannot save the migrated answers: {e}. Nothing was changed; free some space or fix the folder's permissions, then migrate again"
        );
    }
    let reasked = file.annex.reasked.len();
    let again = if reasked == 0 {
        String::from("no answer needs asking again")
    } else if reasked == 1 {
        String::from("1 answer changed meaning and is asked again (see above)")
    } else {
        format!("{reasked} answers changed meaning and are asked again (see above)")
    };
    crate::output::print(&format!(
        "{shown}: migrated from version {saved_with} of the bank to {}; {again}. The original is kept as {}.\n",
        bank.version,
        ui::shown_path(&backup)
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `glow.toml` saved with 1.0.0 is kept as `glow.toml.bank-1.0.0.orig`: not `.toml`, so a
/// folder given to `score` does not score it twice.
fn backup_path(path: &Path, saved_with: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    let version: String = saved_with
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    name.push(format!(".bank-{version}.orig"));
    path.with_file_name(name)
}

/// Writes the file's `bytes`, exactly, to a new file at `backup` with the permissions of
/// `path`; an existing one is never replaced.
fn keep_original(path: &Path, bytes: &[u8], backup: &Path) -> anyhow::Result<()> {
    let shown = ui::shown_path(backup);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Answers can be private: the copy starts readable by its owner only, then takes the
    // original's permissions.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options
        .open(backup)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::anyhow!(
                    "{shown}: error: a copy of the original is already there, from an earlier migration. Move it away or remove it, then migrate again"
                )
            } else {
                anyhow::anyhow!(
                    "{shown}: error: cannot keep the original there: {e}. Nothing was changed; a shorter file name or a folder you may write in will do"
                )
            }
        })?;
    let written = out
        .write_all(bytes)
        .and_then(|()| out.set_permissions(std::fs::metadata(path)?.permissions()))
        .and_then(|()| out.sync_all());
    if let Err(e) = written {
        drop(out);
        let _ = std::fs::remove_file(backup);
        anyhow::bail!("{shown}: error: cannot keep the original there: {e}. Nothing was changed");
    }
    Ok(())
}
