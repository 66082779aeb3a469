//! The plain front end: the same wizard as numbered line prompts, for screen readers, pipes and `TERM=dumb`.

use std::io::{BufRead, Write};
use std::path::Path;

use crate::session::Session;

/// Runs the questionnaire on `input`, writing prompts and the verdict to `output`.
pub fn run(
    session: &Session,
    dir: &Path,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> anyhow::Result<()> {
    let _ = (session, dir, input);
    writeln!(output, "exovet: plain mode is not ready yet.")?;
    Ok(())
}
