//! The full-screen front end: ratatui on crossterm, over the shared wizard state machine.

use std::path::Path;

use crate::session::Session;

pub fn run(session: &Session, dir: &Path) -> anyhow::Result<()> {
    let _ = (session, dir);
    Ok(())
}
