//! Comparing many vendors: a ranked table in text, Markdown and CSV (wide and long).
