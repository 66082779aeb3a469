//! The summary as one self-contained HTML page that prints cleanly on A4 and Letter, in black and white.

use std::fmt::Write as _;

use super::{
    ANSWER_LABEL, DISCLAIMER_TITLE, Explanation, Item, KEY_MARK, NEXT_TITLE, NO_FLAGS,
    NOT_COUNTED_BECAUSE, NOTES_TITLE, RESUME, REVIEW_TITLE, SOURCES_LABEL, WARNINGS_TITLE,
    WHY_LABEL,
};
use crate::explain::{
    DETAILS_TITLE, GUIDE_TITLE, NOT_COUNTED_NOTE, NOT_COUNTED_TITLE, REASONS_TITLE, WRITE_IN_LABEL,
};
use crate::report::html::{escape, page};
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

pub(super) fn render(d: &Explanation<'_>) -> String {
    let mut b = String::new();
    let o = &mut b;
    let _ = writeln!(
        o,
        "<header>\n<p class=\"kicker\">{}</p>",
        escape(d.kicker())
    );
    let _ = writeln!(o, "<h1>{}</h1>\n<dl class=\"facts\">", escape(&d.subject));
    for (label, value) in &d.facts {
        let _ = writeln!(o, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
    }
    let _ = writeln!(o, "</dl>\n</header>");

    let _ = writeln!(
        o,
        "<section class=\"verdict verdict-{}\">\n<h2 class=\"word\">{} {}</h2>",
        d.level.id(),
        symbol(d.symbol()),
        escape(&d.headline)
    );
    let _ = writeln!(o, "<p class=\"meaning\">{}</p>", escape(d.meaning));
    let _ = writeln!(
        o,
        "<p class=\"counts\">{}</p>\n</section>",
        escape(&d.counts)
    );
    if let Some(review) = &d.review_due {
        let _ = writeln!(
            o,
            "<section class=\"review keep\">\n<h2>{}</h2>\n<p>{}</p>\n</section>",
            escape(REVIEW_TITLE),
            escape(review)
        );
    }

    if !d.rules.is_empty() || !d.reasons.is_empty() {
        let _ = writeln!(
            o,
            "<section class=\"reasons\">\n<h2>{}</h2>",
            escape(REASONS_TITLE)
        );
        if !d.rules.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"lead\"><strong>{}:</strong></p>\n<ul>",
                escape(d.rules_title)
            );
            for rule in &d.rules {
                let _ = writeln!(o, "<li>{}</li>", escape(rule));
            }
            let _ = writeln!(o, "</ul>");
        }
        if !d.reasons.is_empty() {
            let _ = writeln!(o, "<ul class=\"reasons\">");
            for r in &d.reasons {
                let mark = r.flag.map_or_else(String::new, |f| {
                    format!(
                        "{} <strong>{}:</strong> ",
                        symbol(ui::flag_symbol(f)),
                        escape(ui::flag_word(f))
                    )
                });
                let _ = writeln!(o, "<li>{mark}{}</li>", escape(&r.text));
            }
            let _ = writeln!(o, "</ul>");
        }
        let _ = writeln!(o, "</section>");
    }

    if d.open > 0 {
        let _ = writeln!(
            o,
            "<h2>{} ({})</h2>\n<p class=\"lead\">{}</p>",
            escape(d.checklist_title),
            d.open,
            escape(&d.checklist_how)
        );
        for group in &d.checklist {
            let _ = writeln!(
                o,
                "<p class=\"group\"><strong>{}</strong></p>",
                escape(group.title)
            );
            for section in &group.sections {
                let _ = writeln!(
                    o,
                    "<h3>{}</h3>\n<ul class=\"checklist\">",
                    escape(section.title)
                );
                for ask in &section.asks {
                    let key = if ask.key {
                        format!("<strong>{}</strong> ", escape(KEY_MARK))
                    } else {
                        String::new()
                    };
                    let when = ask
                        .when
                        .as_ref()
                        .map_or_else(String::new, |w| format!("<br><em>{}</em>", escape(w)));
                    let _ = writeln!(
                        o,
                        "<li>{key}{}{when}<div class=\"write-in\"></div><div class=\"write-in\"></div></li>",
                        escape(ask.ask)
                    );
                }
                let _ = writeln!(o, "</ul>");
            }
        }
    }

    let _ = writeln!(o, "<h2>{}</h2>\n<ol class=\"next\">", escape(NEXT_TITLE));
    for step in &d.next {
        let _ = writeln!(o, "<li>{}</li>", escape(step));
    }
    if let Some(command) = &d.resume {
        let _ = writeln!(
            o,
            "<li>{}<br><code>{}</code></li>",
            escape(RESUME),
            escape(command)
        );
    }
    let _ = writeln!(o, "</ol>");

    let _ = writeln!(
        o,
        "<section class=\"disclaimer keep\">\n<h2>{}</h2>\n<p>{}</p>\n</section>",
        escape(DISCLAIMER_TITLE),
        escape(d.disclaimer)
    );
    if !d.guide.is_empty() {
        let _ = writeln!(
            o,
            "<section class=\"guide\">\n<h2>{}</h2>",
            escape(GUIDE_TITLE)
        );
        for g in &d.guide {
            let _ = writeln!(
                o,
                "<div class=\"keep\">\n<h3>{}</h3>\n<p>{}</p>",
                escape(g.title),
                escape(g.text)
            );
            if !g.sources.is_empty() {
                let _ = write!(o, "<p class=\"source\">{}: ", escape(SOURCES_LABEL));
                links(o, &g.sources);
                let _ = writeln!(o, "</p>");
            }
            let _ = writeln!(o, "</div>");
        }
        if let Some(dated) = &d.dated {
            let _ = writeln!(o, "<p>{}</p>", escape(dated));
        }
        let _ = writeln!(o, "</section>");
    }

    let _ = writeln!(
        o,
        "<h2>{}</h2>\n<p class=\"lead\"><strong>{}:</strong></p>",
        escape(DETAILS_TITLE),
        escape(d.flags_title)
    );
    if d.flags.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", escape(NO_FLAGS));
    }
    for item in &d.flags {
        flag(o, item);
    }
    if let Some(greens) = &d.greens {
        let _ = writeln!(o, "<p>{}</p>", escape(greens));
    }

    if !d.cautions.is_empty() {
        let _ = writeln!(
            o,
            "<section class=\"cautions\">\n<div class=\"keep\">\n<h2>{}</h2>\n<p>{}</p>",
            escape(ui::PATIENT_CAUTIONS_TITLE),
            escape(ui::PATIENT_CAUTIONS_NOTE)
        );
        // The title goes with the first caution: a frame split at a page break never holds
        // only its title.
        for (i, item) in d.cautions.iter().enumerate() {
            flag(o, item);
            if i == 0 {
                let _ = writeln!(o, "</div>");
            }
        }
        let _ = writeln!(o, "</section>");
    }

    if !d.not_counted.is_empty() {
        let _ = writeln!(
            o,
            "<h2>{}</h2>\n<p>{}</p>\n<ul>",
            escape(NOT_COUNTED_TITLE),
            escape(NOT_COUNTED_NOTE)
        );
        for n in &d.not_counted {
            let flag = n.flag.map_or_else(String::new, |f| {
                format!(
                    "{} {}: ",
                    symbol(ui::flag_symbol(f)),
                    escape(ui::flag_word(f))
                )
            });
            let _ = writeln!(
                o,
                "<li>{flag}<strong>{}</strong><br>{}: {}<br>{}: {}</li>",
                escape(n.question),
                escape(ANSWER_LABEL),
                escape(&n.answer),
                escape(NOT_COUNTED_BECAUSE),
                escape(&n.because)
            );
        }
        let _ = writeln!(o, "</ul>");
    }

    if !d.notes.is_empty() {
        let _ = writeln!(o, "<h2>{}</h2>", escape(NOTES_TITLE));
        for (prompt, note) in &d.notes {
            let _ = writeln!(
                o,
                "<div class=\"keep\">\n<h3>{}</h3>\n<p class=\"note\">{}</p>\n</div>",
                escape(prompt),
                escape(note)
            );
        }
    }

    if !d.warnings.is_empty() {
        let _ = writeln!(o, "<h2>{}</h2>\n<ul>", escape(WARNINGS_TITLE));
        for w in &d.warnings {
            let _ = writeln!(o, "<li>{}</li>", escape(w));
        }
        let _ = writeln!(o, "</ul>");
    }

    let title = format!("{} · exovet summary", d.subject);
    page(&title, CSS, &b)
}

/// One flag and everything that explains it, kept on one page.
fn flag(o: &mut String, item: &Item<'_>) {
    let level = item.level();
    let _ = writeln!(
        o,
        "<div class=\"flag flag-{} keep\">\n<p class=\"word\">{} {} · {}</p>",
        level.id(),
        symbol(ui::level_symbol(level)),
        escape(ui::flag_word(item.flag)),
        escape(item.section)
    );
    let _ = writeln!(
        o,
        "<p class=\"question\">{}</p>\n<dl>",
        escape(&item.question)
    );
    if let Some(answer) = &item.answer {
        let _ = writeln!(o, "<dt>{ANSWER_LABEL}</dt><dd>{}</dd>", escape(answer));
    }
    let _ = writeln!(o, "<dt>{WHY_LABEL}</dt><dd>{}</dd>", escape(&item.why));
    if !item.sources.is_empty() {
        let _ = write!(o, "<dt>{SOURCES_LABEL}</dt><dd class=\"source\">");
        links(o, &item.sources);
        let _ = writeln!(o, "</dd>");
    }
    let _ = writeln!(
        o,
        "<dt>{}</dt><dd><div class=\"write-in\"></div><div class=\"write-in\"></div></dd>",
        escape(WRITE_IN_LABEL)
    );
    let _ = writeln!(o, "</dl>\n</div>");
}

/// Sources, one a line, each a link when it is a web page.
fn links(o: &mut String, sources: &[crate::explain::Source]) {
    for (i, s) in sources.iter().enumerate() {
        if i > 0 {
            o.push_str("<br>");
        }
        match &s.href {
            Some(href) => {
                let _ = write!(o, "<a href=\"{}\">{}</a>", escape(href), escape(&s.text));
            }
            None => o.push_str(&escape(&s.text)),
        }
    }
}

/// A verdict symbol: read out by its word, which always follows it.
fn symbol(s: &str) -> String {
    format!(
        "<span class=\"symbol\" aria-hidden=\"true\">{}</span>",
        escape(s)
    )
}
