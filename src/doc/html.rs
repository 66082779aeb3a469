//! A document as one self-contained HTML page that prints cleanly on A4 and Letter, in black
//! and white. maud escapes every interpolated string by construction; [`Inert`] also makes
//! control characters and bidirectional overrides harmless. A newline after each block
//! keeps the source readable (and the snapshots reviewable); it changes nothing on paper.

use std::fmt::Write as _;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Block, Check, Doc, Flagged, Link, Mark, Question, Record, Run, WriteIn};

/// The page: each block in turn, in the page shell with the stylesheet.
pub fn render(doc: &Doc) -> String {
    let body = html! { @for block in &doc.blocks { (block_html(block)) } };
    let mut css = DOC_CSS.to_owned();
    if let Some(footer) = &doc.footer {
        // A CSS string: every character but letters, digits and spaces escaped as `\hex `,
        // so none can end the string or the stylesheet, whatever the words.
        let footer: String = footer
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == ' ' {
                    c.to_string()
                } else {
                    format!("\\{:x} ", u32::from(c))
                }
            })
            .collect();
        let _ = writeln!(
            css,
            "@page {{ @bottom-right {{ content: '{footer} \\00b7  page ' counter(page) ' of ' counter(pages); font: 8pt Helvetica, Arial, sans-serif; }} }}"
        );
    }
    page(&doc.title, doc.lang.as_deref(), &css, &body)
}

fn block_html(block: &Block) -> Markup {
    match block {
        Block::Head(h) => html! {
            header {
                "\n"
                @if let Some(kicker) = &h.kicker { p.kicker { (Inert(kicker)) } "\n" }
                h1 { (Inert(&h.title)) } "\n"
                @if let Some(subtitle) = &h.subtitle { p.subtitle { (Inert(subtitle)) } "\n" }
                @if let Some((last, first)) = h.fill.split_last() {
                    div.fill {
                        @for label in first { span.field { (Inert(label)) ":" span.line {} } }
                        span.field.date { (Inert(last)) ":" span.line {} }
                    } "\n"
                }
                @if !h.facts.is_empty() {
                    dl.facts {
                        "\n"
                        @for (label, value) in &h.facts {
                            dt { (Inert(label)) } dd { (Inert(value)) } "\n"
                        }
                    } "\n"
                }
                @if let Some(about) = &h.about { p.meta { (Inert(about)) } "\n" }
            } "\n"
        },
        Block::Notice(t) => html! { p.disclaimer { (Inert(t)) } "\n" },
        Block::Words(runs) => html! { p { (words(runs)) } "\n" },
        Block::Question(q) => question_html(q),
        Block::Numbered(items) => html! {
            ol { "\n" @for (n, runs) in items { li value=(n) { (words(runs)) } "\n" } } "\n"
        },
        Block::References(items) => html! {
            ol.references {
                "\n"
                @for (n, link) in items {
                    li id={ "source-" (n) } value=(n) { (links(std::slice::from_ref(link))) } "\n"
                }
            } "\n"
        },
        Block::Code { text, .. } => html! { pre { code { (Inert(text)) } } "\n" },
        Block::Rule => html! { hr; "\n" },
        Block::Verdict(v) => html! {
            section class={ "verdict verdict-" (v.mark.tone.id()) } {
                "\n"
                h2.word { (symbol(v.mark.symbol)) " " (Inert(&v.headline)) } "\n"
                p.meaning { (Inert(&v.meaning)) } "\n"
                p.counts { (Inert(&v.counts)) } "\n"
            } "\n"
        },
        Block::Heading(t) => html! { h2 { (Inert(t)) } "\n" },
        Block::Subheading(t) => html! { h3 { (Inert(t)) } "\n" },
        Block::Paragraph(t) | Block::Hanging(t) => html! { p { (Inert(t)) } "\n" },
        Block::Intro(t) => html! { p.lead { (Inert(t)) } "\n" },
        Block::Lead(t) => html! { p.lead { strong { (Inert(t)) } } "\n" },
        Block::Group(t) => html! { p.group { strong { (Inert(t)) } } "\n" },
        Block::Bullets(items) => html! {
            ul { "\n" @for item in items { li { (Inert(item)) } "\n" } } "\n"
        },
        Block::Marked(items) => html! {
            ul.reasons {
                "\n"
                @for (mark, text) in items {
                    li {
                        @if let Some(m) = mark {
                            (symbol(m.symbol)) " " strong { (Inert(&m.word)) ":" } " "
                        }
                        (Inert(text))
                    } "\n"
                }
            } "\n"
        },
        Block::Steps { steps, command } => html! {
            ol.next {
                "\n"
                @for step in steps { li { (Inert(step)) } "\n" }
                @if let Some(c) = command {
                    li { (Inert(&c.intro)) br; code { (Inert(&c.text)) } } "\n"
                }
            } "\n"
        },
        Block::Checks(checks) => html! {
            ul.checklist { "\n" @for check in checks { (check_html(check)) "\n" } } "\n"
        },
        Block::Flagged(f) => flagged_html(f),
        Block::Records(records) => html! {
            ul { "\n" @for r in records { (record_html(r)) "\n" } } "\n"
        },
        Block::Topic {
            title,
            text,
            sources,
        } => html! {
            div.keep {
                "\n"
                h3 { (Inert(title)) } "\n"
                p { (Inert(text)) } "\n"
                @if !sources.is_empty() {
                    p.source { (Inert(&sources.label)) ": " (cited(sources)) } "\n"
                }
            } "\n"
        },
        Block::Part {
            class,
            keep,
            blocks,
        } => {
            let class = match (class.is_empty(), keep) {
                (true, false) => None,
                (true, true) => Some("keep".to_owned()),
                (false, false) => Some((*class).to_owned()),
                (false, true) => Some(format!("{class} keep")),
            };
            html! {
                section class=[class] { "\n" @for b in blocks { (block_html(b)) } } "\n"
            }
        }
        Block::Keep(blocks) => html! {
            div.keep { "\n" @for b in blocks { (block_html(b)) } } "\n"
        },
    }
}

fn question_html(q: &Question) -> Markup {
    html! {
        div.q id={ "q-" (Inert(&q.anchor)) } {
            "\n"
            p.prompt {
                span.num { (q.number) "." }
                (Inert(&q.prompt))
                @if let Some(hint) = &q.hint { " " span.hint { "(" (Inert(hint)) ")" } }
            } "\n"
            @if let Some(when) = &q.when { p.when { (Inert(when)) } "\n" }
            @if let Some((label, ask)) = &q.ask {
                p.ask { b { (Inert(label)) } " " (Inert(ask)) } "\n"
            }
            @match &q.write_in {
                WriteIn::Nothing => {},
                WriteIn::Number { unit } => { p.number { span.line {} (Inert(unit)) } "\n" },
                WriteIn::Lines => { @for _ in 0..3 { div."write-in" {} "\n" } },
            }
            @if !q.boxes.is_empty() {
                ul.boxes {
                    "\n"
                    @for label in &q.boxes {
                        li { span.box aria-hidden="true" {} (Inert(label)) } "\n"
                    }
                } "\n"
            }
        } "\n"
    }
}

fn words(runs: &[Run]) -> Markup {
    html! {
        @for run in runs {
            @match run {
                Run::Text(w) => (Inert(w)),
                Run::Code(c) => code { (Inert(c)) },
            }
        }
    }
}

fn check_html(check: &Check) -> Markup {
    html! {
        li {
            @if let Some(key) = &check.key { strong { (Inert(key)) } " " }
            (Inert(&check.text))
            @if let Some(when) = &check.when { br; em { (Inert(when)) } }
            @if check.write_in.is_some() { div."write-in" {} div."write-in" {} }
        }
    }
}

/// One flag and everything that explains it, kept on one page.
fn flagged_html(f: &Flagged) -> Markup {
    html! {
        div class={ "flag flag-" (f.mark.tone.id()) " keep" } {
            "\n"
            p.word {
                (symbol(f.mark.symbol)) " " (Inert(&f.mark.word)) " · " (Inert(&f.section))
            } "\n"
            p.question { (Inert(&f.question)) } "\n"
            dl {
                "\n"
                @for (label, value) in &f.fields {
                    dt { (Inert(label)) } dd { (Inert(value)) } "\n"
                }
                @if !f.sources.is_empty() {
                    dt { (Inert(&f.sources.label)) } dd.source { (cited(&f.sources)) } "\n"
                }
                @if let Some(label) = &f.write_in {
                    dt { (Inert(label)) } dd { div."write-in" {} div."write-in" {} } "\n"
                }
            } "\n"
        } "\n"
    }
}

fn record_html(r: &Record) -> Markup {
    html! {
        li {
            @if let Some(m) = &r.mark { (mark_words(m)) ": " }
            strong { (Inert(&r.title)) }
            @for (label, value) in &r.lines {
                br; @if let Some(label) = label { (Inert(label)) ": " } (Inert(value))
            }
        }
    }
}

fn mark_words(m: &Mark) -> Markup {
    html! { (symbol(m.symbol)) " " (Inert(&m.word)) }
}

/// Sources as cited: links to their numbers in the list of sources, or the sources.
fn cited(sources: &super::Sources) -> Markup {
    if sources.numbers.is_empty() {
        return links(&sources.links);
    }
    html! {
        @for (i, n) in sources.numbers.iter().enumerate() {
            @if i > 0 { ", " }
            a href={ "#source-" (n) } { "[" (n) "]" }
        }
    }
}

/// Sources, one a line, each a link when it is a web page.
fn links(sources: &[Link]) -> Markup {
    html! {
        @for (i, s) in sources.iter().enumerate() {
            @if i > 0 { br; }
            @match &s.href {
                Some(href) => a href=(Inert(href)) { (Inert(&s.text)) },
                None => (Inert(&s.text)),
            }
        }
    }
}

/// A symbol: read out by its word, which always follows it.
fn symbol(s: &str) -> Markup {
    html! { span.symbol aria-hidden="true" { (Inert(s)) } }
}

/// Added to the base stylesheet for the blocks above. Meaning is carried by words, symbols
/// and border styles; colour only repeats it, so a grey printout loses nothing.
const DOC_CSS: &str = r"
.kicker { font: .9em Helvetica, Arial, sans-serif; margin: 0 0 .3em; }
dl.facts, .flag dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .4em 0; }
dl.facts dt, .flag dt { font-weight: bold; }
dl.facts dd, .flag dd { margin: 0; }
.verdict { border: 3px solid #111; padding: .5em 1em; margin: 1.2em 0; }
.verdict-red { border: 5px solid #b71c1c; }
.verdict-amber { border: 6px double #b26a00; }
.verdict-green { border: 3px dashed #2e7d32; }
.verdict .word { font: bold 1.7em/1.2 Helvetica, Arial, sans-serif; margin: 0 0 .2em; border: none; }
.verdict .meaning { font-weight: bold; margin: 0 0 .3em; }
.verdict .counts { margin: 0; }
ol.next li { margin: .2em 0; }
.flag { border: 1px solid #777; padding: .3em .8em .4em; margin: .7em 0; }
.flag.flag-red { border-left: 7px solid #b71c1c; }
.flag.flag-amber { border-left: 7px double #b26a00; }
.flag .word { font: bold 1em Helvetica, Arial, sans-serif; margin: 0; }
.flag .question { font-weight: bold; margin: .2em 0; }
.cautions { border: 2px solid #111; padding: 0 .8em .4em; margin: 1.4em 0; }
.cautions h2 { border-bottom: none; margin-top: .6em; }
ul.checklist li { margin: .5em 0 .2em; }
ul.checklist li::before { font-size: 1.3em; line-height: 1; vertical-align: -.1em; }
code { font-size: .9em; overflow-wrap: anywhere; }
ul.checklist .write-in { margin-left: 1.4em; }
.note { white-space: pre-line; margin: .1em 0 .6em 1.2em; }
.symbol { font-family: 'DejaVu Sans', 'Segoe UI Symbol', 'Apple Symbols', sans-serif; }
.disclaimer h2 { border-bottom: none; margin: .2em 0; }
.disclaimer p { margin: .3em 0 .2em; }
.lead { break-after: avoid; page-break-after: avoid; }
code { font-family: 'Courier New', Courier, monospace; }
.subtitle { font: bold 1.1em Helvetica, Arial, sans-serif; margin: 0 0 .8em; }
.fill { display: flex; gap: 1.2em; align-items: flex-end; margin: .6em 0; }
.fill .field { display: flex; align-items: flex-end; gap: .4em; flex: 1 1 auto; white-space: nowrap; }
.fill .field.date { flex: 0 0 13em; }
.fill .line { flex: 1 1 auto; border-bottom: 1px solid #111; height: 1.4em; }
.q { margin: 0 0 1em; padding-left: 2.2em; }
.q .prompt { margin: 0 0 .2em; font-weight: bold; text-indent: -2.2em; }
.q .num { display: inline-block; width: 2.2em; text-indent: 0; }
.q .hint { font-weight: normal; font-style: italic; white-space: nowrap; }
.q .when { margin: 0 0 .2em; font-style: italic; }
.q .when::before { content: '\21B3\00a0'; font-style: normal; }
.q .ask { margin: 0 0 .3em; }
.q ul.boxes { list-style: none; margin: .2em 0 0; padding: 0; }
.q ul.boxes li { display: flex; align-items: baseline; gap: .8em; margin: .15em 0; }
.box { flex: none; display: inline-block; width: .85em; height: .85em; border: 1.5px solid #111;
  position: relative; top: .12em; }
.number { margin: .4em 0 0; }
.number .line { display: inline-block; width: 11em; border-bottom: 1px solid #111; height: 1.2em; margin-right: .4em; vertical-align: bottom; }
.q .write-in { margin-left: 0; }
.what-next { margin-top: 2em; }
.checklist-page { break-before: page; page-break-before: always; font-size: .92em; line-height: 1.35; }
.checklist-page h2 { margin-top: 0; }
.checklist-page p { margin: .3em 0; }
.checklist-page ul.checklist { margin: .2em 0; }
.checklist-page ul.checklist li { margin: .15em 0 0; }
.checklist-page .write-in { height: 1.1em; margin: 0 0 .1em 1.6em; }
.checklist-page .write-in + .write-in { display: none; }
.compact-flags ul { column-count: 2; column-gap: 1.4em; font-size: .82em; line-height: 1.22; margin: .2em 0; padding-left: 1.1em; }
.compact-flags li { margin: 0 0 .15em; break-inside: avoid; }
.compact ul.checklist { column-count: 2; column-gap: 1.4em; font-size: .82em; line-height: 1.22; }
.compact ul.checklist li { margin: 0 0 .15em; break-inside: avoid; }
@media print {
  .verdict, .cautions { break-inside: avoid; page-break-inside: avoid; }
  .q, .what-next { break-inside: avoid; page-break-inside: avoid; }
}
";

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
pub fn page(title: &str, lang: Option<&str>, css: &str, body: &Markup) -> String {
    html! {
        (DOCTYPE) "\n"
        html lang=(Inert(lang.unwrap_or("en"))) {
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
        let p = page("A <b>", None, "", &html! { p { "x" } });
        assert!(p.starts_with("<!DOCTYPE html>"));
        assert!(p.contains("<title>A &lt;b&gt;</title>"));
        assert!(!p.contains("http://") && !p.contains("https://") && !p.contains("<link"));
    }
}
