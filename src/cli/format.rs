//! Which format an output takes: `--format` when given, or else the extension of the file named with `-o`; an extension that contradicts `--format` is refused.

use std::path::Path;

use clap::ValueEnum;

use crate::report;
use crate::text;

/// What a file's extension says it holds, for the extensions exovet knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ext {
    Text,
    Markdown,
    Html,
    Json,
    Csv,
    Toml,
}

impl Ext {
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Ext::Text,
            "md" | "markdown" => Ext::Markdown,
            "html" | "htm" => Ext::Html,
            "json" | "jsonl" | "ndjson" => Ext::Json,
            "csv" => Ext::Csv,
            "toml" => Ext::Toml,
            _ => return None,
        })
    }

    /// What the file holds, in words.
    fn words(self) -> &'static str {
        match self {
            Ext::Text => "text",
            Ext::Markdown => "Markdown",
            Ext::Html => "HTML",
            Ext::Json => "JSON",
            Ext::Csv => "CSV",
            Ext::Toml => "TOML",
        }
    }
}

/// A format a command writes, and the file extensions that hold it.
pub trait Named: Copy + ValueEnum {
    /// The format a file with this extension gets when `--format` is not given.
    fn from_ext(ext: Ext) -> Option<Self>;
    /// Whether a file with this extension may hold this format.
    fn fits(self, ext: Ext) -> bool;
    /// The extension to suggest for this format.
    fn ext(self) -> &'static str;

    /// The format's name on the command line.
    fn id(self) -> String {
        self.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_owned())
    }
}

/// The format of `command`'s output: `given`, else what `out`'s extension says, else `default`.
pub fn choose<F: Named>(
    command: &str,
    given: Option<F>,
    out: Option<&Path>,
    default: F,
) -> anyhow::Result<F> {
    let Some((path, ext)) = out.and_then(|p| Some((p, Ext::of(p)?))) else {
        return Ok(given.unwrap_or(default));
    };
    let with_ext = |format: F| text::shown_path(&path.with_extension(format.ext()));
    match given {
        Some(format) if format.fits(ext) => Ok(format),
        Some(format) => anyhow::bail!(
            "{}: error: --format {} does not match the file's name, which says {}: name the file {}, or leave out --format to write {}",
            text::shown_path(path),
            format.id(),
            ext.words(),
            with_ext(format),
            ext.words(),
        ),
        None => F::from_ext(ext).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: error: `exovet {command}` writes no {}: name the file {}, or give --format ({})",
                text::shown_path(path),
                ext.words(),
                with_ext(default),
                F::value_variants()
                    .iter()
                    .map(|f| f.id())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }),
    }
}

/// The formats of a printable document: the summary and the blank questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Txt,
    Md,
    Html,
}

impl Named for DocFormat {
    fn from_ext(ext: Ext) -> Option<Self> {
        match ext {
            Ext::Text => Some(DocFormat::Txt),
            Ext::Markdown => Some(DocFormat::Md),
            Ext::Html => Some(DocFormat::Html),
            Ext::Json | Ext::Csv | Ext::Toml => None,
        }
    }

    fn fits(self, ext: Ext) -> bool {
        Self::from_ext(ext) == Some(self)
    }

    fn ext(self) -> &'static str {
        match self {
            DocFormat::Txt => "txt",
            DocFormat::Md => "md",
            DocFormat::Html => "html",
        }
    }
}

impl From<DocFormat> for report::Format {
    fn from(f: DocFormat) -> Self {
        match f {
            DocFormat::Txt => report::Format::Txt,
            DocFormat::Md => report::Format::Md,
            DocFormat::Html => report::Format::Html,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_unless_format_is_given() {
        let out = |name: &str| Some(Path::new(name).to_owned());
        let choose =
            |given, name: &str| choose("report", given, out(name).as_deref(), DocFormat::Txt);
        assert_eq!(choose(None, "x.html").unwrap(), DocFormat::Html);
        assert_eq!(choose(None, "x.HTM").unwrap(), DocFormat::Html);
        assert_eq!(choose(None, "x.md").unwrap(), DocFormat::Md);
        assert_eq!(choose(None, "x.txt").unwrap(), DocFormat::Txt);
        assert_eq!(choose(None, "x").unwrap(), DocFormat::Txt);
        // A summary written as `.toml` would be read as an answers file by a folder scan.
        assert!(
            choose(None, "x.toml")
                .unwrap_err()
                .to_string()
                .contains("writes no TOML")
        );
        assert_eq!(choose(Some(DocFormat::Md), "pipe").unwrap(), DocFormat::Md);
        assert_eq!(
            choose(Some(DocFormat::Html), "x.html").unwrap(),
            DocFormat::Html
        );
        let e = choose(Some(DocFormat::Html), "x.md")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("name the file x.html, or leave out --format"),
            "{e}"
        );
        let e = choose(None, "x.csv").unwrap_err().to_string();
        assert!(e.contains("writes no CSV"), "{e}");
    }
}
