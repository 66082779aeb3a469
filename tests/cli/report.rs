//! `exovet report FILE`: the printable summary in txt, md and html through the real binary, its escaping, `-o`, and a real print to PDF.

mod axe;
mod html_check;
mod print;

use std::ffi::OsStr;

use crate::{fixture, run, stdout_of};
use html_check::check_html;

/// Realistic answers: the documented examples, a red that comes from the
/// patient's own health, a green vendor and an incomplete amber phone call.
const FILES: [&str; 6] = [
    "docs/examples/before-consult.toml",
    "docs/examples/glow-med-spa.toml",
    "docs/examples/careful-vendor.toml",
    "tests/fixtures/profiles/10-good-provider-pregnant-patient.toml",
    "tests/fixtures/profiles/27-ideal-vendor-reassessed-coordinator.toml",
    "tests/fixtures/profiles/02-derm-cord-msc-phone-call-patient.toml",
];
const FORMATS: [&str; 3] = ["txt", "md", "html"];
const HOSTILE: &str = "tests/fixtures/report/hostile.toml";

fn report(file: &str, format: &str) -> String {
    stdout_of(["report", file, "--format", format])
}

fn stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap().trim_end_matches(".toml");
    // Profiles are numbered; the number is enough to tell them apart.
    name.split_once('-')
        .filter(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()))
        .map_or_else(|| name.replace('-', "_"), |(n, _)| format!("profile_{n}"))
}

#[test]
fn every_format_reads_well() {
    for file in FILES {
        for format in FORMATS {
            let name = format!("{}_{format}", stem(file));
            insta::assert_snapshot!(name, report(file, format));
        }
    }
}

#[test]
fn txt_fits_eighty_columns_without_escape_sequences() {
    for file in FILES.iter().chain([&HOSTILE]) {
        let text = report(file, "txt");
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            // A web address cannot be broken: it may pass the margin alone.
            let unbreakable = match words.as_slice() {
                [word] | ["-", word] => word.starts_with("http"),
                _ => false,
            };
            assert!(
                unbreakable || line.chars().count() <= 80,
                "{file}: line over 80 columns:\n{line}"
            );
            assert!(
                !line.chars().any(|c| c.is_control() && c != '\t'),
                "{file}: control character in {line:?}"
            );
        }
    }
}

#[test]
fn every_summary_says_what_matters() {
    for file in FILES {
        let text = report(file, "txt");
        assert!(text.contains("VERDICT: "), "{file}");
        assert!(text.contains("WHAT TO DO NEXT"), "{file}");
        assert!(text.contains("This is not medical advice."), "{file}");
        assert!(
            text.contains("No exosome product is FDA-approved"),
            "{file}"
        );
    }
    let red = report(FILES[3], "txt");
    let cautions = red.find("YOUR OWN CAUTIONS").unwrap();
    assert!(red[cautions..].contains("Are you pregnant or breastfeeding?"));
    assert!(red.contains("Red because of your own health"));
    let amber = report(FILES[5], "txt");
    assert!(amber.contains("VERDICT: AMBER (INCOMPLETE)"));
    assert!(amber.contains("  [ ] Key question: Can I see the certificate of analysis"));
    assert!(amber.contains("      Answer: ____"));
}

#[test]
fn html_is_well_formed_and_self_contained() {
    for file in FILES.iter().chain([&HOSTILE]) {
        let html = report(file, "html");
        if let Err(e) = check_html(&html) {
            panic!("{file}: {e}\n{html}");
        }
        for external in [
            "<script", "<link", "<img", "<iframe", "src=\"", "@import", "url(",
        ] {
            assert!(!html.contains(external), "{file}: {external} in the page");
        }
        assert_eq!(html.matches("<h1>").count(), 1, "{file}");
        assert!(html.contains("break-inside: avoid"), "{file}");
        // Every flag keeps its reason on the same page.
        assert_eq!(
            html.matches("<div class=\"flag ").count(),
            html.matches("<div class=\"flag flag-").count()
        );
        for block in html.split("<div class=\"flag ").skip(1) {
            assert!(block.contains(" keep\">"), "{file}: a flag without `keep`");
        }
    }
}

#[test]
fn hostile_text_is_escaped_in_html_and_inert_in_markdown() {
    // The record: every part where a file's text can be shown.
    let html = stdout_of(["report", HOSTILE, "--format", "html", "--details"]);
    for raw in [
        "<script",
        "<img",
        "\" onmouseover",
        "&amp; &lt;",
        "\u{1b}",
        "\u{7}",
        "\u{0}",
        "\r",
        "=HYPERLINK(\"",
    ] {
        assert!(!html.contains(raw), "unescaped {raw:?} in the html");
    }
    assert!(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;x"));
    assert!(html.contains("&amp;amp; &amp;lt;"));
    assert!(html.contains("=HYPERLINK(&quot;x&quot;)"));

    let md = stdout_of(["report", HOSTILE, "--format", "md", "--details"]);
    for (i, _) in md.match_indices('<') {
        assert_eq!(&md[i - 1..i], "\\", "a raw < in the markdown");
    }
    for raw in [
        "\u{1b}", "\u{7}", "\u{0}", "\r", " *bold*", " [x](y)", "| &amp;",
    ] {
        assert!(!md.contains(raw), "live {raw:?} in the markdown");
    }
    assert_eq!(md.lines().filter(|l| l.starts_with("# ")).count(), 1);
    for line in md.lines() {
        assert!(
            !line.starts_with("    "),
            "an indented code block: {line:?}"
        );
    }
    assert!(md.contains(r"\*bold\* \[x\](y) \| \&amp;"));
    insta::assert_snapshot!("hostile_md", md);
    insta::assert_snapshot!("hostile_txt", report(HOSTILE, "txt"));
}

#[test]
fn output_file_is_written_whole_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    for format in FORMATS {
        let out = dir.path().join(format!("summary.{format}"));
        let r = run([
            "report",
            FILES[1],
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(r.stdout.is_empty(), "stdout: {}", r.stdout);
        assert!(r.stderr.contains(&out.display().to_string()));
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            report(FILES[1], format)
        );
    }
}

#[test]
fn output_into_a_missing_folder_fails_clearly_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-folder").join("summary.html");
    let r = run([
        "report",
        FILES[1],
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(2));
    assert!(r.stdout.is_empty());
    let err = r.stderr;
    assert!(err.contains(&out.display().to_string()), "{err}");
    assert!(err.contains("cannot write the summary"), "{err}");
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn bad_answers_files_exit_2_with_the_file_named() {
    let missing = fixture("report/no-such-file.toml");
    let broken = fixture("answers/invalid/number-for-choice.toml");
    for file in [&missing, &broken] {
        let r = run([OsStr::new("report"), file.as_os_str()]);
        assert_eq!(r.code, Some(2), "{}", file.display());
        assert!(r.stdout.is_empty());
        let err = r.stderr;
        assert!(err.contains(&file.display().to_string()), "{err}");
    }
}

/// People read a source's title and address, never a seed article's bare file name:
/// every output of every example and profile, for both audiences.
#[test]
fn no_output_shows_a_seed_file_name() {
    let seed_file = |text: &str| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .find(|w| {
                w.strip_suffix(".txt").is_some_and(|stem| {
                    stem.len() == 20
                        && stem.as_bytes()[3] == b'_'
                        && stem[4..].chars().all(|c| c.is_ascii_hexdigit())
                })
            })
            .map(str::to_owned)
    };
    assert_eq!(
        seed_file("see 001_59938692ff68c28e.txt here").as_deref(),
        Some("001_59938692ff68c28e.txt"),
        "the check must find a seed file name"
    );
    let mut files: Vec<String> = crate::toml_files("profiles")
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    files.extend(FILES.iter().map(|f| (*f).to_owned()));
    for file in &files {
        for args in [
            vec!["report", "--format", "txt", file],
            vec!["report", "--format", "md", file],
            vec!["report", "--format", "html", file],
            vec!["score", file],
            vec!["score", "--format", "json", file],
        ] {
            let out = crate::run(&args);
            assert_eq!(seed_file(&out.stdout), None, "exovet {args:?}");
        }
    }
    for audience in ["patient", "coordinator"] {
        for format in FORMATS {
            let out = crate::run(["questions", "--audience", audience, "--format", format]);
            assert_eq!(seed_file(&out.stdout), None, "{audience} {format}");
        }
    }
}

/// The patient's own "I'd rather not say" is an amber flag, but nothing to put to the
/// provider: neither "what to do next" nor the checklist sends the patient to ask about it,
/// and no line waits for what the provider said (found by an adversarial run: "At the
/// consult, ask about each flag below" when the only flags were the patient's own).
#[test]
fn a_patients_own_rather_not_say_is_never_something_to_ask_the_provider() {
    let ideal = std::fs::read_to_string(fixture(
        "profiles/26-ideal-provider-second-consult-patient.toml",
    ))
    .unwrap();
    let own = ideal
        .replace(
            "\"delivery.abroad\" = \"no\"",
            "\"delivery.abroad\" = \"refused\"",
        )
        .replace(
            "\"claims.sales_pressure\" = \"none\"",
            "\"claims.sales_pressure\" = \"refused\"",
        )
        .replace(
            "\"testing.human_data\" = \"single-arm-or-sponsor\"",
            "\"testing.human_data\" = \"controlled-trial\"",
        );
    assert_eq!(own.matches("\"refused\"").count(), 2, "{own}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("own.toml"), own).unwrap();
    for format in ["txt", "md", "html"] {
        // The record, where each answer of the patient's own is shown.
        let out = crate::run_in(
            dir.path(),
            ["report", "--format", format, "--details", "own.toml"],
        )
        .stdout;
        let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains("rather not say"), "{format}: {words}");
        assert!(!words.contains("ask about each flag"), "{format}: {words}");
        assert!(
            !words.to_lowercase().contains("ask again"),
            "{format}: {words}"
        );
        assert!(!words.contains("What they said"), "{format}: {words}");
    }
}
