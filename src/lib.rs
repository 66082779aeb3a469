//! exovet: vet exosome-therapy providers and vendors with a TOML question bank and a traffic-light verdict.

// `eprintln!` panics when standard error cannot be written (a full disk): the result would
// be lost with exit 101. Warnings go through `output::warn`.
#![deny(clippy::print_stderr, clippy::print_stdout)]

pub mod answers;
pub mod bank;
pub mod cli;
pub mod diag;
pub mod doc;
pub mod evidence;
pub mod explain;
pub mod limits;
pub mod output;
pub mod plain;
pub mod report;
pub mod save;
pub mod score;
pub mod session;
pub mod source;
pub mod text;
pub mod tui;
pub mod ui;
pub mod visible;
pub mod wizard;
