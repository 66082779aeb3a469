//! What the benchmarks share: a realistic corpus of answers files and per-iteration timing.

// Each benchmark binary uses a different part of this module.
#![allow(dead_code)]

pub mod corpus;
pub mod timing;
