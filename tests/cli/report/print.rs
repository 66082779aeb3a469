//! Printing the HTML summary to PDF in headless Chromium, as a person's browser would, and reading the PDF back with poppler.

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use super::{FILES, report};

/// The tools that print a page the way a person's browser does.
fn print_tools(test: &str) -> Option<[PathBuf; 3]> {
    let find = |name: &str| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    };
    let tools = [find("chromium"), find("pdftotext"), find("pdfinfo")];
    let found = tools.iter().all(Option::is_some);
    if !crate::needs(
        "chromium",
        test,
        "chromium, pdftotext and pdfinfo, to print the summary to PDF",
        "install: apt-get install -y chromium poppler-utils fonts-dejavu-core",
        || found,
    ) {
        return None;
    }
    let [Some(c), Some(t), Some(i)] = tools else {
        return None;
    };
    Some([c, t, i])
}

/// Prints `html` to a PDF with headless Chromium and returns its text and `pdfinfo`.
fn print_to_pdf(tools: &[PathBuf; 3], html: &str, dir: &Path, name: &str) -> (String, String) {
    let [chromium, pdftotext, pdfinfo] = tools;
    let page = dir.join(format!("{name}.html"));
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&page, html).unwrap();
    let mut child = Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join(format!("profile-{name}")).display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not print {name} within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        status.success() && pdf.is_file(),
        "chromium failed to print {name}: {status}"
    );
    let run = |tool: &PathBuf, args: &[&std::ffi::OsStr]| {
        let out = Process::new(tool).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            tool.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(pdftotext, &[pdf.as_os_str(), "-".as_ref()]);
    let info = run(pdfinfo, &[pdf.as_os_str()]);
    (text, info)
}

fn pages(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo:\n{info}"))
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn summary_prints_to_pdf_on_letter_and_a4() {
    let Some(tools) = print_tools("report::print::summary_prints_to_pdf_on_letter_and_a4") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            FILES[3],
            "Harbor Dermatology (Dr. L. Okafor, FAAD)",
            "Verdict: RED",
            // A patient's paper: two pages (issue 21).
            1..=2,
        ),
        // 40 questions still open: the last few go on a short third page.
        (FILES[1], "Glow Med Spa", "Verdict: RED", 2..=3),
        (FILES[4], "Meridian Biologics", "Verdict: GREEN", 1..=4),
        (
            FILES[5],
            "Harbor Dermatology (front desk call)",
            "Verdict: AMBER (incomplete)",
            1..=2,
        ),
    ];
    for (i, (file, subject, verdict, expected_pages)) in cases.into_iter().enumerate() {
        let html = report(file, "html");
        let a4 = html.replacen("@page { size: auto;", "@page { size: A4;", 1);
        assert_ne!(a4, html, "the base stylesheet no longer sets @page size");
        for (paper, page) in [("letter", &html), ("A4", &a4)] {
            let (text, info) = print_to_pdf(&tools, page, dir.path(), &format!("{i}-{paper}"));
            let text = words(&text);
            let size = info
                .lines()
                .find(|l| l.starts_with("Page size:"))
                .unwrap_or("");
            assert!(size.contains(&format!("({paper})")), "{file}: {size}");
            for wanted in [
                subject,
                verdict,
                "What to do next",
                "This is not medical advice.",
                "No exosome product is FDA-approved for any use.",
            ] {
                assert!(
                    text.contains(wanted),
                    "{file} on {paper}: {wanted:?} not in the PDF text:\n{text}"
                );
            }
            let n = pages(&info);
            assert!(expected_pages.contains(&n), "{file} on {paper}: {n} pages");
            assert!(
                text.contains(&format!("page {n} of {n}")),
                "{file} on {paper}: no page numbers"
            );
        }
    }
}

/// Issue 21 (and 12, item 1): the worst realistic patient file (four reds, 38 questions
/// still open) prints to two pages on Letter and on A4: page 1 holds the verdict, what to do
/// next and every red flag; page 2 the questions to ask, the first of them at its top. With
/// `--details`, the questions still come before the details.
#[test]
fn the_first_question_to_ask_prints_on_page_one_or_two() {
    let Some(tools) =
        print_tools("report::print::the_first_question_to_ask_prints_on_page_one_or_two")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = "tests/fixtures/report/four-reds.toml";
    let json = crate::stdout_of(["score", file, "--format", "json"]);
    let reds =
        json.matches("\"flag\":\"red\"").count() + json.matches("\"flag\":\"critical\"").count();
    assert_eq!(reds, 4, "the fixture should hold four reds: {json}");
    assert!(
        json.matches("\"ask\":").count() >= 30,
        "many open questions: {json}"
    );
    let details = crate::stdout_of(["report", file, "--format", "html", "--details"]);
    for (name, html) in [("brief", report(file, "html")), ("details", details)] {
        let a4 = html.replacen("@page { size: auto;", "@page { size: A4;", 1);
        for (paper, page) in [("letter", &html), ("A4", &a4)] {
            let (text, info) = print_to_pdf(
                &tools,
                page,
                dir.path(),
                &format!("four-reds-{name}-{paper}"),
            );
            // pdftotext ends each page with a form feed.
            let page_of = |wanted: &str| {
                let at = words_at(&text, wanted)
                    .unwrap_or_else(|| panic!("{wanted:?} not in the PDF on {paper}:\n{text}"));
                text[..at].matches('\u{c}').count() + 1
            };
            let first = page_of("Can you show me the donor screening");
            assert!(
                first <= 2,
                "{name} on {paper}: the first question is on page {first}"
            );
            assert!(page_of("What to ask at the consult") <= first);
            if name == "details" {
                assert!(
                    first < page_of("Why it matters"),
                    "on {paper}, the questions come before the details"
                );
                continue;
            }
            assert_eq!(pages(&info), 2, "{name} on {paper}:\n{text}");
            let one = text.split('\u{c}').next().unwrap();
            let one = words(one);
            for wanted in ["Verdict: RED", "What to do next", "The red flags"] {
                assert!(
                    one.contains(wanted),
                    "{wanted:?} not on page 1 on {paper}:\n{one}"
                );
            }
            let marks = one.matches("CRITICAL RED:").count() + one.matches(" RED:").count();
            assert!(marks >= 4, "{marks} red flags on page 1 on {paper}:\n{one}");
            assert_eq!(first, 2, "on {paper}, the questions start page 2");
        }
    }
}

/// The worst realistic patient file of issue 21, four reds and ten ambers about the
/// provider with 28 questions open, prints to two pages on Letter and on A4, with every
/// flag on them: the reds on page 1, the ambers with the questions to ask on page 2. Before,
/// an amber verdict's "What to do next" said to ask about "each flag below", and the paper
/// did not show them.
#[test]
fn every_red_and_amber_is_on_the_two_pages() {
    let Some(tools) = print_tools("report::print::every_red_and_amber_is_on_the_two_pages") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = report("tests/fixtures/report/four-reds-ten-ambers.toml", "html");
    let a4 = html.replacen("@page { size: auto;", "@page { size: A4;", 1);
    for (paper, page) in [("letter", &html), ("A4", &a4)] {
        let (text, info) = print_to_pdf(&tools, page, dir.path(), &format!("ambers-{paper}"));
        assert_eq!(pages(&info), 2, "{paper}:\n{text}");
        let mut pages = text.split('\u{c}').map(words);
        let (one, two) = (pages.next().unwrap(), pages.next().unwrap());
        // " RED:" is in "CRITICAL RED:" too.
        assert_eq!(one.matches(" RED:").count(), 4, "{paper}, page 1:\n{one}");
        assert!(
            two.contains("Ask about these answers too"),
            "{paper}, page 2:\n{two}"
        );
        assert_eq!(two.matches("AMBER:").count(), 10, "{paper}, page 2:\n{two}");
        assert!(
            two.contains("What to ask at the consult"),
            "{paper}, page 2:\n{two}"
        );
    }
}

/// Where `wanted` starts in `text`, whatever the line breaks between its words.
fn words_at(text: &str, wanted: &str) -> Option<usize> {
    let first = wanted.split_whitespace().next()?;
    text.match_indices(first)
        .map(|(i, _)| i)
        .find(|&i| words(&text[i..]).starts_with(wanted))
}

/// No framed part split at a page break holds only its title: the patient's own cautions
/// start on the page of their first caution.
#[test]
fn a_framed_part_never_prints_only_its_title() {
    let Some(tools) = print_tools("report::print::a_framed_part_never_prints_only_its_title")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = report(FILES[3], "html");
    let a4 = html.replacen("@page { size: auto;", "@page { size: A4;", 1);
    for (paper, page) in [("letter", &html), ("A4", &a4)] {
        let (text, _) = print_to_pdf(&tools, page, dir.path(), &format!("cautions-{paper}"));
        let title = words_at(&text, "Your own cautions (about you")
            .unwrap_or_else(|| panic!("no cautions on {paper}:\n{text}"));
        let first = title
            + words_at(&text[title..], "Are you pregnant or breastfeeding?")
                .unwrap_or_else(|| panic!("no caution after its title on {paper}:\n{text}"));
        assert_eq!(
            text[title..first].matches('\u{c}').count(),
            0,
            "on {paper}, the cautions' title is alone at the foot of a page"
        );
    }
}
