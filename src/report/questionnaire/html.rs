//! The questionnaire as one self-contained HTML page: drawn tick boxes and write-in lines, printable on A4 or Letter in black and white.

use std::fmt::Write as _;

use super::{Bit, Entry, Form, WriteIn};
use crate::report::html::{escape, page};
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

pub(super) fn render(form: &Form<'_>) -> String {
    let mut body = String::new();
    let subtitle = ui::questionnaire_title(form.audience);
    let _ = writeln!(
        body,
        "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        escape(form.title()),
        escape(subtitle)
    );
    let _ = writeln!(
        body,
        "<div class=\"fill\"><span class=\"field\">{}:<span class=\"line\"></span></span><span class=\"field date\">{}:<span class=\"line\"></span></span></div>",
        escape(ui::questionnaire_subject(form.audience)),
        escape(ui::QUESTIONNAIRE_DATE)
    );
    let _ = writeln!(
        body,
        "<p class=\"meta\">{}</p>\n</header>",
        escape(&form.about_line())
    );
    let _ = writeln!(
        body,
        "<p class=\"disclaimer\">{}</p>\n<p class=\"howto\">{}</p>",
        escape(&form.bank.disclaimer),
        escape(ui::QUESTIONNAIRE_HOW_TO)
    );
    for part in &form.sections {
        let _ = writeln!(
            body,
            "<section>\n<h2>{}</h2>\n<p class=\"intro\">{}</p>",
            escape(&part.section.title),
            escape(&part.section.intro)
        );
        for entry in &part.entries {
            question(&mut body, entry);
        }
        body.push_str("</section>\n");
    }
    let _ = writeln!(
        body,
        "<section class=\"next\">\n<h2>{}</h2>\n<p>{}</p>\n</section>",
        escape(ui::QUESTIONNAIRE_NEXT_TITLE),
        words(&super::next_steps(form.audience, false))
    );
    let title = format!("{} · {subtitle}", form.title());
    page(&title, CSS, &body)
}

fn question(body: &mut String, entry: &Entry<'_>) {
    let q = entry.question;
    let hint = entry
        .hint
        .map(|h| format!(" <span class=\"hint\">({})</span>", escape(h)))
        .unwrap_or_default();
    let _ = writeln!(
        body,
        "<div class=\"q\" id=\"q-{}\">\n<p class=\"prompt\"><span class=\"num\">{}.</span>{}{hint}</p>",
        escape(&q.id),
        entry.number,
        escape(entry.prompt)
    );
    if let Some(when) = &entry.when {
        let sentence = when.sentence(|label| format!("“{}”", escape(label)));
        let _ = writeln!(body, "<p class=\"when\">{sentence}</p>");
    }
    if let Some(ask) = entry.ask {
        let _ = writeln!(body, "<p class=\"ask\"><b>Ask:</b> {}</p>", escape(ask));
    }
    match &entry.write_in {
        WriteIn::Nothing => {}
        WriteIn::Number(spec) => {
            let _ = writeln!(
                body,
                "<p class=\"number\"><span class=\"line\"></span>{}</p>",
                escape(&spec.unit)
            );
        }
        WriteIn::Lines => body.push_str(&"<div class=\"write-in\"></div>\n".repeat(3)),
    }
    if !entry.boxes.is_empty() {
        body.push_str("<ul class=\"boxes\">\n");
        for label in &entry.boxes {
            let _ = writeln!(
                body,
                "<li><span class=\"box\" aria-hidden=\"true\"></span>{}</li>",
                escape(label)
            );
        }
        body.push_str("</ul>\n");
    }
    body.push_str("</div>\n");
}

fn words(bits: &[Bit]) -> String {
    bits.iter()
        .map(|b| match b {
            Bit::Words(w) => escape(w),
            Bit::Command(c) => format!("<code>{}</code>", escape(c)),
        })
        .collect()
}
