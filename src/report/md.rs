//! Markdown escaping, from the document model's Markdown renderer: one implementation.

pub use crate::doc::md::{escape, escape_line};
