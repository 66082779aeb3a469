//! HTML escaping and the page shell, from the document model's HTML renderer: one
//! implementation.

pub use crate::doc::html::{Inert, escape, page};
