//! The summary as one self-contained HTML page that prints cleanly on A4 and Letter, in black and white.

use maud::{Markup, html};

use super::{
    ANSWER_LABEL, DISCLAIMER_TITLE, Explanation, Item, KEY_MARK, NEXT_TITLE, NO_FLAGS,
    NOT_COUNTED_BECAUSE, NOTES_TITLE, RESUME, REVIEW_TITLE, SOURCES_LABEL, WARNINGS_TITLE,
    WHY_LABEL,
};
use crate::explain::{
    DETAILS_TITLE, DOCUMENTS_NOTE, DOCUMENTS_TITLE, GUIDE_TITLE, NOT_COUNTED_NOTE,
    NOT_COUNTED_TITLE, REASONS_TITLE, WRITE_IN_LABEL,
};
use crate::report::html::{Inert, page};
use crate::ui;

/// Added to the base stylesheet. Meaning is carried by words, symbols and
/// border styles; colour only repeats it, so a grey printout loses nothing.
const CSS: &str = r"
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
@page { @bottom-right { content: 'exovet summary \00b7  page ' counter(page) ' of ' counter(pages); font: 8pt Helvetica, Arial, sans-serif; } }
@media print {
  .verdict, .cautions { break-inside: avoid; page-break-inside: avoid; }
}
";

/// The page. maud escapes every interpolated string by construction; `Inert` also makes
/// control characters and bidirectional overrides harmless. A newline after each block
/// keeps the source readable (and the snapshots reviewable); it changes nothing on paper.
pub(super) fn render(d: &Explanation<'_>) -> String {
    let body = html! {
        header {
            "\n"
            p.kicker { (Inert(d.kicker())) } "\n"
            h1 { (Inert(&d.subject)) } "\n"
            dl.facts {
                "\n"
                @for (label, value) in &d.facts {
                    dt { (Inert(label)) } dd { (Inert(value)) } "\n"
                }
            } "\n"
        } "\n"
        section class={ "verdict verdict-" (d.level.id()) } {
            "\n"
            h2.word { (symbol(d.symbol())) " " (Inert(&d.headline)) } "\n"
            p.meaning { (Inert(d.meaning)) } "\n"
            p.counts { (Inert(&d.counts)) } "\n"
        } "\n"
        @if let Some(review) = &d.review_due {
            section.review.keep {
                "\n" h2 { (Inert(REVIEW_TITLE)) } "\n" p { (Inert(review)) } "\n"
            } "\n"
        }
        @if !d.rules.is_empty() || !d.reasons.is_empty() { (reasons(d)) }
        @if d.open > 0 { (checklist(d)) }
        h2 { (Inert(NEXT_TITLE)) } "\n"
        ol.next {
            "\n"
            @for step in &d.next { li { (Inert(step)) } "\n" }
            @if let Some(command) = &d.resume {
                li { (Inert(RESUME)) br; code { (Inert(command)) } } "\n"
            }
        } "\n"
        section.disclaimer.keep {
            "\n" h2 { (Inert(DISCLAIMER_TITLE)) } "\n" p { (Inert(d.disclaimer)) } "\n"
        } "\n"
        @if !d.guide.is_empty() { (guide(d)) }
        h2 { (Inert(DETAILS_TITLE)) } "\n"
        p.lead { strong { (Inert(d.flags_title)) ":" } } "\n"
        @if d.flags.is_empty() { p { (Inert(NO_FLAGS)) } "\n" }
        @for item in &d.flags { (flag(item)) }
        @if let Some(greens) = &d.greens { p { (Inert(greens)) } "\n" }
        @if let Some((first, rest)) = d.cautions.split_first() {
            section.cautions {
                "\n"
                // The title goes with the first caution: a frame split at a page break
                // never holds only its title.
                div.keep {
                    "\n"
                    h2 { (Inert(ui::PATIENT_CAUTIONS_TITLE)) } "\n"
                    p { (Inert(ui::PATIENT_CAUTIONS_NOTE)) } "\n"
                    (flag(first))
                } "\n"
                @for item in rest { (flag(item)) }
            } "\n"
        }
        @if !d.documents.is_empty() { (documents(d)) }
        @if !d.not_counted.is_empty() { (not_counted(d)) }
        @if !d.notes.is_empty() {
            h2 { (Inert(NOTES_TITLE)) } "\n"
            @for (prompt, note) in &d.notes {
                div.keep {
                    "\n" h3 { (Inert(prompt)) } "\n" p.note { (Inert(note)) } "\n"
                } "\n"
            }
        }
        @if !d.warnings.is_empty() {
            h2 { (Inert(WARNINGS_TITLE)) } "\n"
            ul { "\n" @for w in &d.warnings { li { (Inert(w)) } "\n" } } "\n"
        }
    };
    let title = format!("{} · exovet summary", d.subject);
    page(&title, CSS, &body)
}

/// Why it is not green: the rules that set the verdict, then each flag's short reason.
fn reasons(d: &Explanation<'_>) -> Markup {
    html! {
        section.reasons {
            "\n"
            h2 { (Inert(REASONS_TITLE)) } "\n"
            @if !d.rules.is_empty() {
                p.lead { strong { (Inert(d.rules_title)) ":" } } "\n"
                ul { "\n" @for rule in &d.rules { li { (Inert(rule)) } "\n" } } "\n"
            }
            @if !d.reasons.is_empty() {
                ul.reasons {
                    "\n"
                    @for r in &d.reasons {
                        li {
                            @if let Some(f) = r.flag {
                                (symbol(ui::flag_symbol(f))) " "
                                strong { (Inert(ui::flag_word(f))) ":" } " "
                            }
                            (Inert(&r.text))
                        } "\n"
                    }
                } "\n"
            }
        } "\n"
    }
}

/// The questions still to ask, grouped, each with lines to write the answer on.
fn checklist(d: &Explanation<'_>) -> Markup {
    html! {
        h2 { (Inert(d.checklist_title)) " (" (d.open) ")" } "\n"
        p.lead { (Inert(&d.checklist_how)) } "\n"
        @for group in &d.checklist {
            p.group { strong { (Inert(group.title)) } } "\n"
            @for section in &group.sections {
                h3 { (Inert(section.title)) } "\n"
                ul.checklist {
                    "\n"
                    @for ask in &section.asks {
                        li {
                            @if ask.key { strong { (Inert(KEY_MARK)) } " " }
                            (Inert(ask.ask))
                            @if let Some(when) = &ask.when { br; em { (Inert(when)) } }
                            div."write-in" {} div."write-in" {}
                        } "\n"
                    }
                } "\n"
            }
        }
    }
}

/// Before you decide: the options, what is uncertain, and their sources.
fn guide(d: &Explanation<'_>) -> Markup {
    html! {
        section.guide {
            "\n"
            h2 { (Inert(GUIDE_TITLE)) } "\n"
            @for g in &d.guide {
                div.keep {
                    "\n"
                    h3 { (Inert(g.title)) } "\n"
                    p { (Inert(g.text)) } "\n"
                    @if !g.sources.is_empty() {
                        p.source { (Inert(SOURCES_LABEL)) ": " (links(&g.sources)) } "\n"
                    }
                } "\n"
            }
            @if let Some(dated) = &d.dated { p { (Inert(dated)) } "\n" }
        } "\n"
    }
}

/// Each document beside the question and answer it backs.
fn documents(d: &Explanation<'_>) -> Markup {
    html! {
        h2 { (Inert(DOCUMENTS_TITLE)) } "\n"
        p { (Inert(DOCUMENTS_NOTE)) } "\n"
        ul {
            "\n"
            @for doc in &d.documents {
                li {
                    strong { (Inert(doc.question)) }
                    @if let Some(answer) = &doc.answer {
                        br; (Inert(ANSWER_LABEL)) ": " (Inert(answer))
                    }
                    br; "Document: " (Inert(&doc.document))
                    br; (Inert(&doc.status))
                } "\n"
            }
        } "\n"
    }
}

/// Answers recorded but not counted, each with the reason.
fn not_counted(d: &Explanation<'_>) -> Markup {
    html! {
        h2 { (Inert(NOT_COUNTED_TITLE)) } "\n"
        p { (Inert(NOT_COUNTED_NOTE)) } "\n"
        ul {
            "\n"
            @for n in &d.not_counted {
                li {
                    @if let Some(f) = n.flag {
                        (symbol(ui::flag_symbol(f))) " " (Inert(ui::flag_word(f))) ": "
                    }
                    strong { (Inert(n.question)) }
                    br; (Inert(ANSWER_LABEL)) ": " (Inert(&n.answer))
                    br; (Inert(NOT_COUNTED_BECAUSE)) ": " (Inert(&n.because))
                } "\n"
            }
        } "\n"
    }
}

/// One flag and everything that explains it, kept on one page.
fn flag(item: &Item<'_>) -> Markup {
    let level = item.level();
    html! {
        div class={ "flag flag-" (level.id()) " keep" } {
            "\n"
            p.word {
                (symbol(ui::level_symbol(level))) " " (Inert(ui::flag_word(item.flag)))
                " · " (Inert(item.section))
            } "\n"
            p.question { (Inert(&item.question)) } "\n"
            dl {
                "\n"
                @if let Some(answer) = &item.answer {
                    dt { (Inert(ANSWER_LABEL)) } dd { (Inert(answer)) } "\n"
                }
                dt { (Inert(WHY_LABEL)) } dd { (Inert(&item.why)) } "\n"
                @if !item.sources.is_empty() {
                    dt { (Inert(SOURCES_LABEL)) } dd.source { (links(&item.sources)) } "\n"
                }
                @if !item.own_choice {
                    dt { (Inert(WRITE_IN_LABEL)) } dd { div."write-in" {} div."write-in" {} } "\n"
                }
            } "\n"
        } "\n"
    }
}

/// Sources, one a line, each a link when it is a web page.
fn links(sources: &[crate::explain::Source]) -> Markup {
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

/// A verdict symbol: read out by its word, which always follows it.
fn symbol(s: &str) -> Markup {
    html! { span.symbol aria-hidden="true" { (Inert(s)) } }
}
