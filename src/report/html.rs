//! Self-contained HTML pages: escaping every piece of text, and the page shell with a print stylesheet.

use std::fmt::Write as _;

use maud::{DOCTYPE, Markup, PreEscaped, html};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a page; show them harmlessly.
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(out, "&#x{:X};", 0x2400 + (u32::from(c) & 0x1F));
            }
            // Bidirectional overrides reorder what follows them; line separators break it.
            c if crate::diag::drives_a_terminal(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Styles shared by every exovet page: readable on screen, clean on A4 and
/// Letter paper, fine in black and white (meaning never rests on colour).
const BASE_CSS: &str = r"
:root { color-scheme: light; }
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.2em; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 1em; margin: 1em 0 .2em; }
.meta { color: #333; font-size: .95em; }
.disclaimer { border: 1px solid #111; padding: .6em .8em; margin: 1em 0; }
.flag-green { border-left: 6px solid #2e7d32; }
.flag-amber { border-left: 6px double #b26a00; }
.flag-red { border-left: 6px solid #b71c1c; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li::before { content: '\2610\00a0'; }
.write-in { border-bottom: 1px solid #555; height: 1.6em; margin: .2em 0 .6em 1.6em; }
.source { font-size: .85em; color: #333; overflow-wrap: anywhere; }
@page { size: auto; margin: 15mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .keep, li, tr { break-inside: avoid; page-break-inside: avoid; }
  .no-print { display: none; }
}
";

/// Text on a page, for maud's `html!`. maud escapes `& < > "` by construction, so text
/// left unwrapped still cannot become markup; wrapping it in `Inert` also shows control
/// characters and bidirectional overrides harmlessly, as [`escape`] does.
pub struct Inert<'a>(pub &'a str);

impl maud::Render for Inert<'_> {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(&escape(self.0));
    }
}

/// A whole page: doctype, UTF-8, the title, the base stylesheet plus `css`, and `body`.
/// The body is maud `Markup`, so every piece of text in it was escaped on the way in;
/// the stylesheets are the only raw text, and they are constants of ours.
/// Everything it says is in its `<main>` landmark, so a screen reader can go
/// straight to it and nothing is left outside a landmark (axe-core's `region` rule).
pub fn page(title: &str, css: &'static str, body: &Markup) -> String {
    html! {
        (DOCTYPE) "\n"
        html lang="en" {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                title { (Inert(title)) } "\n"
                style { (PreEscaped(BASE_CSS)) (PreEscaped(css)) } "\n"
            } "\n"
            body { "\n" main { "\n" (body) } "\n" } "\n"
        } "\n"
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(escape("a\x1bb"), "a&#x241B;b");
    }

    proptest::proptest! {
        /// `escape` is written by hand because it also makes control characters and bidi
        /// overrides inert; on every other text it agrees with maud's own escaping (which
        /// leaves `'` alone, harmless since our attributes are double-quoted).
        #[test]
        fn inert_agrees_with_maud_on_plain_text(text in "[a-zA-Z0-9 &<>\"'é·“”]{0,40}") {
            let ours = maud::html! { (Inert(&text)) }.into_string();
            let theirs = maud::html! { (text) }.into_string().replace('\'', "&#39;");
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn pages_are_self_contained() {
        let p = page("A <b>", "", &html! { p { "x" } });
        assert!(p.starts_with("<!DOCTYPE html>"));
        assert!(p.contains("<title>A &lt;b&gt;</title>"));
        assert!(!p.contains("http://") && !p.contains("https://") && !p.contains("<link"));
    }
}
