//! The `[[source]]` table: every citation's title, kind and address, each cited somewhere.

use std::collections::HashMap;

use toml::Spanned;

use super::Ctx;
use super::header::date;
use crate::bank::{Source, SourceKind, raw};
use crate::diag::{did_you_mean, one_of};

pub(super) fn table(cx: &mut Ctx<'_>, raw: &[Spanned<raw::Source>]) -> Vec<Source> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for s in raw {
        let at = s.span().start;
        let r = s.get_ref();
        let Some(id_field) = &r.id else {
            cx.error(at, "a [[source]] has no `id`: add id = \"…\".");
            continue;
        };
        let Some(id) = cx.id(id_field, "source", false) else {
            continue;
        };
        if let Some(&first) = seen.get(&id) {
            let (line, _) = cx.src.position(first);
            cx.error(id_field.span().start, format!("source id `{id}` is used twice (first on line {line}); give each source its own id."));
            continue;
        }
        seen.insert(id.clone(), at);
        let owner = format!("source `{id}`");
        let title = cx.text(&r.title, "title", &owner, at);
        let address = cx.text(&r.address, "address", &owner, at);
        let kinds: Vec<&str> = SourceKind::ALL.iter().map(|k| k.id()).collect();
        let kind = match &r.kind {
            None => {
                cx.error(
                    at,
                    format!("{owner} has no `kind`: add kind = {}.", one_of(&kinds)),
                );
                None
            }
            Some(k) => {
                let found = SourceKind::from_id(k.get_ref());
                if found.is_none() {
                    cx.error(
                        k.span().start,
                        format!(
                            "`kind` of {owner} is `{}`; it must be {}.{}",
                            k.get_ref(),
                            one_of(&kinds),
                            did_you_mean(k.get_ref(), kinds.iter().copied())
                        ),
                    );
                }
                found
            }
        };
        if let (Some(a), Some(k), Some(field)) = (&address, kind, &r.address) {
            let web = a.starts_with("https://") || a.starts_with("http://");
            if k != SourceKind::Seed && !web {
                cx.error(field.span().start, format!("`address` of {owner} is not a web address; write one starting with https://, or make it kind = \"seed\" if it is one of the seed articles."));
            }
        }
        let date = r
            .date
            .as_ref()
            .and_then(|d| date(cx, d, &format!("`date` of {owner}")));
        if let (Some(title), Some(kind), Some(address)) = (title, kind, address) {
            out.push(Source {
                id,
                title,
                kind,
                address,
                date,
            });
        }
    }
    out
}

/// A source nobody cites is a warning: it is listed for readers but backs nothing.
pub(super) fn uncited(cx: &mut Ctx<'_>, raw: &[Spanned<raw::Source>]) {
    let Some(ids) = cx.source_ids.take() else {
        return;
    };
    for s in raw {
        let Some(id) = s.get_ref().id.as_ref() else {
            continue;
        };
        if ids.get(id.get_ref()) == Some(&false) {
            cx.warning(
                s.span().start,
                format!(
                    "source `{}` is cited by no question, option or rule; cite it or remove it.",
                    id.get_ref()
                ),
            );
        }
    }
    cx.source_ids = Some(ids);
}
