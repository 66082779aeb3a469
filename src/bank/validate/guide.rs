//! The `[[guide]]` entries: what the summary says to help a person decide, with its sources.

use std::collections::HashMap;

use toml::Spanned;

use super::Ctx;
use crate::bank::model::{Guide, Reach};
use crate::bank::raw;

pub(super) fn all(cx: &mut Ctx<'_>, raw: &[Spanned<raw::Guide>]) -> Vec<Guide> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for g in raw {
        let at = g.span().start;
        let g = g.get_ref();
        let Some(id_field) = &g.id else {
            cx.error(at, "a [[guide]] has no `id`: add id = \"…\".");
            continue;
        };
        let Some(id) = cx.id(id_field, "guide", false) else {
            continue;
        };
        if let Some(first) = seen.get(&id) {
            let (line, _) = cx.src.position(*first);
            cx.error(
                id_field.span().start,
                format!(
                    "guide id `{id}` is used twice (first on line {line}); give each its own id."
                ),
            );
            continue;
        }
        seen.insert(id.clone(), at);
        let owner = format!("guide `{id}`");
        let title = cx.text(&g.title, "title", &owner, at);
        let text = cx.text(&g.text, "text", &owner, at);
        let reach = match &g.audience {
            None => Some(Reach::Both),
            Some(a) => cx.reach(a, &owner),
        };
        let sources = cx.sources(&g.sources, &owner);
        if let (Some(title), Some(text), Some(reach)) = (title, text, reach) {
            out.push(Guide {
                id,
                title,
                text,
                reach,
                sources,
            });
        }
    }
    out
}
