//! `exovet questions`: the blank questionnaire in every format, through the real binary.

use std::ffi::OsStr;
use std::fmt::Write as _;

use exovet::bank::{Audience, Bank, Kind};
use unicode_width::UnicodeWidthStr;

use crate::{run, score_json_in, stdout_of};

/// A valid bank whose texts hold markup, entities, quotes, Markdown and pipes.
const HOSTILE: &str = "tests/fixtures/questions/hostile.toml";

/// `exovet questions ARGS`, which must succeed without a word on stderr.
fn questions(args: &[&str]) -> String {
    let out = run(["questions"].iter().chain(args));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    out.stdout
}

/// `exovet questions ARGS` on the hostile bank.
fn hostile(args: &[&str]) -> String {
    stdout_of(["--bank", HOSTILE, "questions"].iter().chain(args))
}

fn builtin() -> Bank {
    exovet::bank::load_builtin()
}

#[test]
fn snapshots_of_every_format_for_both_audiences() {
    for audience in ["patient", "coordinator"] {
        for format in ["txt", "md", "html"] {
            let out = questions(&["--audience", audience, "--format", format]);
            insta::assert_snapshot!(format!("{format}_{audience}"), out);
        }
    }
}

#[test]
fn the_patient_s_plain_text_is_the_default() {
    assert_eq!(
        questions(&[]),
        questions(&["--audience", "patient", "--format", "txt"])
    );
}

#[test]
fn plain_text_fits_80_columns() {
    for audience in ["patient", "coordinator"] {
        let builtin = questions(&["--audience", audience]);
        let hostile = hostile(&["--audience", audience]);
        for line in builtin.lines().chain(hostile.lines()) {
            assert!(line.width() <= 80, "{} columns: {line}", line.width());
        }
    }
}

/// The `id="q-…"` of each question block, in page order.
fn question_ids(html: &str) -> Vec<&str> {
    html.split("<div class=\"q\" id=\"q-")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn every_question_of_the_audience_appears_numbered_and_no_other() {
    let bank = builtin();
    for audience in Audience::ALL {
        let html = questions(&["--audience", audience.id(), "--format", "html"]);
        let mut asked: Vec<_> = bank
            .questions
            .iter()
            .filter(|q| q.reach.includes(audience))
            .collect();
        // A coordinator's own checks come last, under "Check yourself".
        asked.sort_by_key(|q| q.check_yourself(audience));
        let ids: Vec<&str> = asked.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(question_ids(&html), ids, "{audience}");
        for (i, q) in asked.iter().enumerate() {
            let line = format!(
                "<span class=\"num\">{}.</span>{}",
                i + 1,
                exovet::report::html::escape(q.prompt_for(audience))
            );
            assert!(html.contains(&line), "{audience}: {line}");
            // A text question's default `ask` is its prompt, not repeated.
            if !matches!(q.kind, Kind::Text) {
                let ask = exovet::report::html::escape(q.ask_for(audience));
                // The coordinator's own checks say what to check, not what to ask.
                let label = if q.check_yourself(audience) {
                    "Check:"
                } else {
                    "Ask:"
                };
                assert!(
                    html.contains(&format!("<b>{label}</b> {ask}</p>")),
                    "{audience}: {ask}"
                );
            }
        }
        let others = bank
            .questions
            .iter()
            .filter(|q| !q.reach.includes(audience));
        let md = questions(&["--audience", audience.id(), "--format", "md"]);
        let txt = questions(&["--audience", audience.id()]);
        for q in others {
            let prompt = q.prompt_for(audience);
            assert!(
                !html.contains(&exovet::report::html::escape(prompt)),
                "{prompt}"
            );
            assert!(!md.contains(&format!(". {prompt}**")), "{prompt}");
            assert!(!txt.contains(&q.id), "{}", q.id);
        }
    }
}

/// Plain text with its wrapping undone, to search for sentences.
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn conditional_questions_say_when_they_apply_by_number_on_the_page() {
    let txt = unwrapped(&questions(&["--audience", "coordinator"]));
    // Coordinators: source.origin is question 1, delivery.route question 7.
    assert!(txt.contains(
        "4. Are donor eligibility records (screening plus FDA-licensed infection tests) provided per lot? (tick one) Only if the answer to question 1 was: “Stem cells from a donor's umbilical cord”, “Stem cells from a donor's fat (adipose) tissue”, “Stem cells from a donor's bone marrow”, “Cells from a donor's placenta”, “Platelets (cell pieces in donated blood)”, “The liquid that human cells grew in ('conditioned media' or 'secretome')” or “Human material from a tissue they can't name, e.g. a 'human growth factor' serum”."
    ), "{txt}");
    assert!(txt.contains(
        "(tick one) Only if the answers to question 7 included: “On the skin right after they open it with microneedling, laser, a medium or deep peel, skin sanding (dermabrasion) or a plasma pen”, “Injected into the skin or scalp, by needle or by a pen or jet with no needle (a needle-free injector)”, “Needling at home with a roller or pen kit”, “Into a vein (an IV drip)” or “Another way into the body: breathed in, or into a joint or the spine”."
    ));
    // Donor screening, the cell bank, the label, sterility and the viral tests.
    assert_eq!(txt.matches("Only if the answer").count(), 5);
    // In the hostile bank a patient-only question shifts the numbers: the
    // route is the bank's third question, the patient's third and the
    // coordinator's second.
    let patient = unwrapped(&hostile(&[]));
    assert!(patient.contains(
        "4. Who applies it? (tick one) Only if the answers to question 3 included: “On the skin” or “Injected <needle>”."
    ), "{patient}");
    let coordinator = unwrapped(&hostile(&["--audience", "coordinator"]));
    assert!(coordinator.contains(
        "3. Is every lot tested for sterility? (tick one) Only if the answers to question 2 included: “Injected <needle>”."
    ), "{coordinator}");
    let html = hostile(&["--audience", "coordinator", "--format", "html"]);
    assert!(html.contains(
        "<p class=\"when\">Only if the answers to question 2 included: “Injected &lt;needle&gt;”.</p>"
    ));
}

/// Checks that every tag opened is closed in order, that `<` only ever opens
/// a tag and `&` only ever starts an entity. Returns what is wrong.
fn check_html(html: &str) -> Result<(), String> {
    const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        let tail = &rest[at..];
        if tail.starts_with('&') {
            let end = tail.find(';').ok_or("an & with no ;")?;
            let name = &tail[1..end];
            let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "#39")
                || name.starts_with("#x") && name[2..].chars().all(|c| c.is_ascii_hexdigit());
            if !ok {
                let shown: String = tail.chars().take(30).collect();
                return Err(format!("a bare & or unknown entity: {shown}"));
            }
            rest = &tail[end + 1..];
            continue;
        }
        let end = tail.find('>').ok_or("a < with no >")?;
        let tag = &tail[1..end];
        rest = &tail[end + 1..];
        if tag.starts_with("!DOCTYPE") {
            continue;
        }
        let closing = tag.strip_prefix('/');
        let name: String = closing
            .unwrap_or(tag)
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if name.is_empty() {
            return Err(format!("a < that opens no tag: <{tag}>"));
        }
        if name == "script" {
            return Err("a script tag".into());
        }
        match closing {
            Some(_) => match open.pop() {
                Some(o) if o == name => {}
                o => return Err(format!("</{name}> closes {o:?}")),
            },
            None if VOID.contains(&name.as_str()) => {}
            None => {
                open.push(name.clone());
                if name == "style" {
                    // CSS holds no markup; skip to its end.
                    let end = rest.find("</style>").ok_or("no </style>")?;
                    rest = &rest[end..];
                }
            }
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("never closed: {open:?}"))
    }
}

#[test]
fn the_tag_checker_catches_broken_pages() {
    assert!(check_html("<p><b>x</b></p>").is_ok());
    assert!(check_html("<p><b>x</p></b>").is_err());
    assert!(check_html("<p>x").is_err());
    assert!(check_html("<p>a < b</p>").is_err());
    assert!(check_html("<p>a & b</p>").is_err());
    assert!(check_html("<p><script>x</script></p>").is_err());
}

#[test]
fn html_is_well_formed_and_every_bank_text_is_escaped() {
    for audience in ["patient", "coordinator"] {
        let builtin = questions(&["--audience", audience, "--format", "html"]);
        check_html(&builtin).unwrap();
        let html = hostile(&["--audience", audience, "--format", "html"]);
        check_html(&html).unwrap();
        for raw in [
            "<img",
            "<b>No",
            "<b>bold",
            "<i>source",
            "<tissue>",
            "<needle>",
            "<hr>",
            "onerror=alert(1)>",
        ] {
            assert!(!html.contains(raw), "{audience}: {raw}");
        }
        assert!(html.contains(
            "<title>Vetting &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; *md* | pipes"
        ));
        assert!(html.contains("Cord &lt;tissue&gt; &amp; &quot;quoted&quot; _under_"));
        assert!(html.contains("1. Looks like an ordered list &amp;amp; an entity."));
        // Self-contained: nothing to fetch, no link to follow.
        for outside in ["<a ", "<link", "<img", "url("] {
            assert!(!html.contains(outside), "{audience}: {outside}");
        }
    }
}

#[test]
fn markdown_escapes_bank_text_so_it_cannot_change_the_document() {
    for audience in ["patient", "coordinator"] {
        let md = hostile(&["--audience", audience, "--format", "md"]);
        let mut in_code = false;
        for line in md.lines() {
            if line.starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if in_code {
                continue;
            }
            // Outside code spans, no markup character of the bank's text is left bare.
            let prose: String = line.split('`').step_by(2).collect();
            for (i, c) in prose.char_indices() {
                if matches!(c, '<' | '>' | '&' | '|' | '~') {
                    let escaped = prose[..i].ends_with('\\');
                    assert!(
                        escaped || (c == '>' && i == 0),
                        "{audience}: bare {c} in {line}"
                    );
                }
            }
            // Blocks only start where exovet puts them.
            let starts = [
                "# ", "## ", "**", "> ", "- [ ] ", "---", "\\", "Only if ", "How to ",
            ];
            let numbered = line
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
            assert!(
                line.is_empty()
                    || starts.iter().any(|s| line.starts_with(s))
                    || numbered
                    || line.starts_with(char::is_alphanumeric),
                "{audience}: {line}"
            );
        }
        assert!(!in_code, "a code block left open");
        assert!(md.contains(r"# Vetting \<script\>alert("), "{md}");
        assert!(md.contains(r"\*md\* \| pipes"));
        assert!(md.contains(r"## \# Origin \& \<i\>source\</i\>"));
        assert!(md.contains(
            r"\- starts like a list \| with \*emphasis\*, \`code\`, \[a link\](http://x)"
        ));
        assert!(md.contains(r"- [ ] 1\. Plants \| \*md\*"));
        assert!(md.contains(r"1\. Looks like an ordered list \&amp; an entity."));
    }
    insta::assert_snapshot!(
        "hostile_md_coordinator",
        hostile(&["--audience", "coordinator", "--format", "md"])
    );
}

#[test]
fn output_file_is_written_whole_and_nothing_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("questions.html");
    let out = run([
        "questions",
        "--audience",
        "coordinator",
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        questions(&["--audience", "coordinator", "--format", "html"])
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
}

#[test]
fn a_missing_folder_for_the_output_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("questions.txt");
    let out = run([OsStr::new("questions"), OsStr::new("-o"), path.as_os_str()]);
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty());
    let stderr = out.stderr;
    assert!(
        stderr.starts_with(&format!(
            "{}: error: cannot write the questionnaire",
            path.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("the folder does not exist"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!path.exists());
}

#[test]
fn the_answers_file_appendix_is_enough_to_write_a_file_exovet_reads() {
    let md = questions(&["--audience", "coordinator", "--format", "md"]);
    let appendix = md
        .split("## For filling in an answers file")
        .nth(1)
        .unwrap();
    let template = appendix.split("```toml\n").nth(1).unwrap();
    let mut file = template[..template.find("```").unwrap()].to_owned();
    // One answer per question, each the last id it lists, as a vendor would write it.
    let code = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(|c| c.trim().to_owned())
            .collect()
    };
    let mut answered = 0;
    for line in appendix.lines().filter(|l| l.contains("`: ")) {
        let (id, takes) = line.split_once("`: ").unwrap();
        let id = id.rsplit('`').next().unwrap().trim().trim_matches('"');
        let ids = code(takes);
        let value = if takes.starts_with("a list of any of") {
            format!("[\"{}\"]", ids[0])
        } else if takes.starts_with("one of") {
            format!("\"{}\"", ids.iter().rev().find(|i| *i != "na").unwrap())
        } else if takes.starts_with("a number from") {
            "0".to_owned()
        } else {
            "\"Brand X, lot 42\"".to_owned()
        };
        let _ = writeln!(file, "\"{id}\" = {value}");
        answered += 1;
    }
    assert_eq!(answered, 33);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vendor.toml");
    std::fs::write(&path, &file).unwrap();
    let json = score_json_in(dir.path(), "vendor.toml");
    assert_eq!(json["audience"], "coordinator");
    assert_eq!(json["bank"]["id"], "exosome-vetting");
}

/// Issue 21: a page says the language its text is in: the bank's `language`, English by
/// default, so a screen reader reads a Spanish bank's page in a Spanish voice.
#[test]
fn a_page_says_the_language_of_its_bank() {
    let html = questions(&["--audience", "patient", "--format", "html"]);
    assert!(html.contains("<html lang=\"en\">"), "{}", &html[..200]);
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(crate::fixture("banks/valid/minimal.toml")).unwrap();
    let bank = minimal.replacen("[scoring]", "language = \"es\"\n\n[scoring]", 1);
    let path = dir.path().join("es.toml");
    std::fs::write(&path, bank).unwrap();
    let out = crate::stdout_of([
        "--bank",
        path.to_str().unwrap(),
        "questions",
        "--format",
        "html",
    ]);
    assert!(out.contains("<html lang=\"es\">"), "{}", &out[..200]);
}
