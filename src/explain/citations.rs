//! Sources cited once: each citation is a number, and the document ends with the numbered
//! list, each source once, in the order first cited (issue 21: the summary's details
//! repeated every source in full under every flag; a seed's "one of the articles this
//! tool was built from" stood there some thirty times).

use super::Source;
use crate::doc::{Block, Link, Sources};

/// The title over the numbered list.
pub const REFERENCES_TITLE: &str = "Sources";
const LABEL: &str = "Sources";

/// The sources cited so far, numbered from 1 in the order first cited.
#[derive(Default)]
pub struct Citations {
    list: Vec<Link>,
}

impl Citations {
    /// `sources` as numbers in the list, adding those not cited before.
    pub fn cite(&mut self, sources: &[Source]) -> Sources {
        let numbers = sources
            .iter()
            .map(|s| {
                let at = self.list.iter().position(|l| l.text == s.text);
                1 + at.unwrap_or_else(|| {
                    self.list.push(Link {
                        text: s.text.clone(),
                        href: s.href.clone(),
                    });
                    self.list.len() - 1
                })
            })
            .collect();
        Sources {
            label: LABEL.to_owned(),
            links: Vec::new(),
            numbers,
        }
    }

    /// The numbered list under its title; nothing when nothing was cited.
    pub fn blocks(self) -> Vec<Block> {
        if self.list.is_empty() {
            return Vec::new();
        }
        vec![
            Block::Heading(REFERENCES_TITLE.to_owned()),
            Block::References((1..).zip(self.list).collect()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            text: text.to_owned(),
            href: Some(format!("https://example.org/{text}")),
        }
    }

    #[test]
    fn each_source_is_listed_once_under_the_number_first_given() {
        let mut c = Citations::default();
        assert_eq!(c.cite(&[source("a"), source("b")]).numbers, [1, 2]);
        assert_eq!(c.cite(&[source("c"), source("a")]).numbers, [3, 1]);
        assert!(c.cite(&[]).is_empty());
        let blocks = c.blocks();
        let Some(Block::References(list)) = blocks.last() else {
            panic!("{blocks:?}");
        };
        let texts: Vec<(usize, &str)> = list.iter().map(|(n, l)| (*n, l.text.as_str())).collect();
        assert_eq!(texts, [(1, "a"), (2, "b"), (3, "c")]);
        assert!(Citations::default().blocks().is_empty());
    }
}
