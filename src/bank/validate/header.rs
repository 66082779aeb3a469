//! `[bank]`: its id, version, title and disclaimer, and the dates it was released and is due
//! for review.

use toml::Spanned;

use super::Ctx;
use crate::bank::raw;

/// `released` and `review_by` of `[bank]`: dates alone, the review after the release.
pub(super) fn dates(
    cx: &mut Ctx<'_>,
    header: Option<&Spanned<raw::Header>>,
) -> (Option<String>, Option<String>) {
    let Some(h) = header else {
        return (None, None);
    };
    let h = h.get_ref();
    let released = h
        .released
        .as_ref()
        .and_then(|d| date(cx, d, "`released` of [bank]"));
    let review_by = h
        .review_by
        .as_ref()
        .and_then(|d| date(cx, d, "`review_by` of [bank]"));
    if let (Some(r), Some(by), Some(at)) = (&released, &review_by, &h.review_by) {
        if by <= r {
            cx.error(
                at.span().start,
                format!("`review_by` ({by}) of [bank] must come after `released` ({r})."),
            );
        }
    }
    (released, review_by)
}

/// `language` of `[bank]`: a BCP 47 tag, like `en`, `es` or `pt-BR`.
pub(super) fn language(cx: &mut Ctx<'_>, header: Option<&Spanned<raw::Header>>) -> Option<String> {
    let tag = header?.get_ref().language.as_ref()?;
    let text = tag.get_ref();
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or("");
    let valid = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if valid {
        Some(text.clone())
    } else {
        cx.error(
            tag.span().start,
            format!(
                "`language` of [bank] is `{}`, which is not a language tag; write one like \"en\", \"es\" or \"pt-BR\".",
                crate::diag::inert(text)
            ),
        );
        None
    }
}

/// A TOML date with no time, as `YYYY-MM-DD`.
pub(super) fn date(
    cx: &mut Ctx<'_>,
    d: &Spanned<toml::value::Datetime>,
    what: &str,
) -> Option<String> {
    let v = d.get_ref();
    if let (Some(day), None, None) = (v.date, v.time, v.offset) {
        Some(day.to_string())
    } else {
        cx.error(
            d.span().start,
            format!("{what} is {v}; it must be a date alone, like 2026-12-01, without quotes."),
        );
        None
    }
}

pub(super) fn header(
    cx: &mut Ctx<'_>,
    header: Option<&Spanned<raw::Header>>,
    file_has_bank: bool,
) -> Option<(String, String, String, String)> {
    let Some(h) = header else {
        if file_has_bank {
            // It is there but unreadable; that error is already reported.
            cx.failed = true;
            return None;
        }
        cx.error(0, "the bank has no [bank] table: add one with id, version, title and disclaimer (see docs/bank-format.md).");
        return None;
    };
    let at = h.span().start;
    let owner = "[bank]";
    let id = match h.get_ref().id.as_ref() {
        None => {
            cx.error(at, "[bank] has no `id`: add id = \"…\".");
            None
        }
        Some(s) => cx.id(s, "the bank", false),
    };
    let version = cx.text(&h.get_ref().version, "version", owner, at);
    if let (Some(v), Some(s)) = (&version, &h.get_ref().version) {
        let parts: Vec<&str> = v.split('.').collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
        {
            cx.error(
                s.span().start,
                format!("bank version `{v}` must look like 1.0.0 (three whole numbers)."),
            );
        }
    }
    let title = cx.text(&h.get_ref().title, "title", owner, at);
    let disclaimer = cx.text(&h.get_ref().disclaimer, "disclaimer", owner, at);
    Some((id?, version?, title?, disclaimer?))
}
