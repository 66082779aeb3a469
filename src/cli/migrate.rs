//! `exovet migrate`: rewrites an answers file saved with an older bank to the current
//! version, as the bank's `[[migrate]]` table reads it, and keeps the original beside it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::answers;
use crate::bank::parse_version;
use crate::save;
use crate::source::SourceText;
use crate::text;

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
    super::writable(&args.file, "migrate")?;
    let bank = super::load_bank(bank_path)?;
    let path = args.file.as_path();
    // Read once: the copy kept is exactly the text migrated.
    let (name, bytes) = SourceText::read_bytes(path).map_err(answers::AnswersError::from)?;
    let src = SourceText::from_bytes(name, bytes.clone()).map_err(answers::AnswersError::from)?;
    let loaded = answers::parse(&src, &bank).map_err(answers::AnswersError::from)?;
    let saved_with = loaded.file.meta.bank_version.clone();
    let shown = text::shown_path(path);
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
    let backup = answers::original::copy_path(path, &saved_with);
    let mut file = loaded.file;
    file.meta.bank_version.clone_from(&bank.version);
    file.meta.updated = Some(answers::now_rfc3339());
    let text = answers::to_toml_keeping(&bank, &file, Some(src.text()));
    answers::original::keep(path, &bytes, &backup).map_err(|e| {
        let copy = text::shown_path(&backup);
        match e {
            answers::original::KeepError::Exists => anyhow::anyhow!(
                "{copy}: error: a copy of the original is already there, from an earlier migration. Move it away or remove it, then migrate again"
            ),
            answers::original::KeepError::Io(e) => anyhow::anyhow!(
                "{copy}: error: cannot keep the original there: {e}. Nothing was changed; a shorter file name or a folder you may write in will do"
            ),
        }
    })?;
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
    crate::output::print_done(
        &format!(
            "{shown}: migrated from version {saved_with} of the bank to {}; {again}. The original is kept as {}.\n",
            bank.version,
            text::shown_path(&backup)
        ),
        &format!("{shown}: migrated"),
    );
    Ok(ExitCode::SUCCESS)
}
