//! The questionnaire as one self-contained HTML page: drawn tick boxes and write-in lines, printable on A4 or Letter in black and white.

use maud::{Markup, html};

use super::{Bit, Entry, Form, WriteIn};
use crate::report::html::{Inert, page};
use crate::ui;

/// Added to the base stylesheet. Boxes and lines are borders, which print in
/// black and white and do not depend on a font having a ballot-box glyph.
const CSS: &str = r"
.subtitle { font: bold 1.1em Helvetica, Arial, sans-serif; margin: 0 0 .8em; }
.fill { display: flex; gap: 1.2em; align-items: flex-end; margin: .6em 0; }
.fill .field { display: flex; align-items: flex-end; gap: .4em; flex: 1 1 auto; white-space: nowrap; }
.fill .field.date { flex: 0 0 13em; }
.fill .line { flex: 1 1 auto; border-bottom: 1px solid #111; height: 1.4em; }
.howto { font-size: .95em; }
.intro { margin: 0 0 .6em; }
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
.next { margin-top: 2em; }
code { font: .92em 'Courier New', Courier, monospace; white-space: nowrap; }
@media print {
  .q { break-inside: avoid; page-break-inside: avoid; }
  .intro { break-after: avoid; page-break-after: avoid; }
  .next { break-inside: avoid; page-break-inside: avoid; }
}
";

/// The page. maud escapes every interpolated string by construction; `Inert` also makes
/// control characters and bidirectional overrides harmless. A newline after each block
/// keeps the source readable (and the snapshots reviewable); it changes nothing on paper.
pub(super) fn render(form: &Form<'_>) -> String {
    let subtitle = ui::questionnaire_title(form.audience);
    let body = html! {
        header {
            "\n"
            h1 { (Inert(form.title())) } "\n"
            p.subtitle { (Inert(subtitle)) } "\n"
            div.fill {
                span.field { (Inert(ui::questionnaire_subject(form.audience))) ":" span.line {} }
                span.field.date { (Inert(ui::QUESTIONNAIRE_DATE)) ":" span.line {} }
            } "\n"
            p.meta { (Inert(&form.about_line())) } "\n"
        } "\n"
        p.disclaimer { (Inert(&form.bank.disclaimer)) } "\n"
        p.howto { (Inert(ui::QUESTIONNAIRE_HOW_TO)) } "\n"
        @for part in &form.sections {
            section {
                "\n"
                h2 { (Inert(&part.section.title)) } "\n"
                p.intro { (Inert(&part.section.intro)) } "\n"
                @for entry in &part.entries { (question(entry)) }
            } "\n"
        }
        section.next {
            "\n"
            h2 { (Inert(ui::QUESTIONNAIRE_NEXT_TITLE)) } "\n"
            p { (words(&super::next_steps(form.audience, false))) } "\n"
        } "\n"
    };
    let title = format!("{} · {subtitle}", form.title());
    page(&title, CSS, &body)
}

fn question(entry: &Entry<'_>) -> Markup {
    let q = entry.question;
    html! {
        div.q id={ "q-" (Inert(&q.id)) } {
            "\n"
            p.prompt {
                span.num { (entry.number) "." }
                (Inert(entry.prompt))
                @if let Some(hint) = entry.hint { " " span.hint { "(" (Inert(hint)) ")" } }
            } "\n"
            @if let Some(when) = &entry.when {
                p.when { (Inert(&when.sentence(|label| format!("“{label}”")))) } "\n"
            }
            @if let Some(ask) = entry.ask {
                p.ask { b { "Ask:" } " " (Inert(ask)) } "\n"
            }
            @match &entry.write_in {
                WriteIn::Nothing => {},
                WriteIn::Number(spec) => {
                    p.number { span.line {} (Inert(&spec.unit)) } "\n"
                },
                WriteIn::Lines => { @for _ in 0..3 { div."write-in" {} "\n" } },
            }
            @if !entry.boxes.is_empty() {
                ul.boxes {
                    "\n"
                    @for label in &entry.boxes {
                        li { span.box aria-hidden="true" {} (Inert(label)) } "\n"
                    }
                } "\n"
            }
        } "\n"
    }
}

fn words(bits: &[Bit]) -> Markup {
    html! {
        @for bit in bits {
            @match bit {
                Bit::Words(w) => (Inert(w)),
                Bit::Command(c) => code { (Inert(c)) },
            }
        }
    }
}
