//! Hostile bank and answers files through the real binary: each gets one clear message naming the file, exit 2, no panic, and a bounded stderr.
//!
//! Two kinds of case: files written at test time (huge, deep, flooded with
//! mistakes; too big or too many to keep in the repository), and the
//! regression corpus in `tests/fixtures/hostile/`, one file per input that
//! once crashed exovet, flooded the terminal or gave a wrong message.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::Path;

use exovet::limits::{MAX_FILE_BYTES, MAX_MESSAGE_CHARS, MAX_NESTING, MAX_SHOWN};

use crate::{Run, fixture, root, run};

/// `exovet check BANK`.
fn check(path: &Path) -> Run {
    run([OsStr::new("check"), path.as_os_str()])
}

/// `exovet score ANSWERS` against the built-in bank.
fn score(path: &Path) -> Run {
    run([OsStr::new("score"), path.as_os_str()])
}

/// Refused as bad input: exit 2, nothing on stdout, no crash, every line
/// naming the file, at most [`MAX_SHOWN`] problems and each of them short,
/// and every phrase of `says` in the message.
fn assert_refused(r: &Run, file: &Path, says: &[&str]) {
    let file = file.display().to_string();
    let context = format!("{file}\nstderr:\n{}", head(&r.stderr));
    assert_eq!(r.code, Some(2), "exit code: {context}");
    assert!(
        r.stdout.is_empty(),
        "stdout: {}\n{context}",
        head(&r.stdout)
    );
    for crash in [
        "panicked",
        "overflow",
        "RUST_BACKTRACE",
        "memory allocation",
    ] {
        assert!(!r.stderr.contains(crash), "crashed: {context}");
    }
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(!lines.is_empty(), "no message: {context}");
    assert!(
        lines[0].contains(": error: "),
        "the first line is the error: {context}"
    );
    // The problems shown, "… and N more", and "N problems to fix".
    assert!(
        lines.len() <= MAX_SHOWN + 2,
        "{} lines: {context}",
        lines.len()
    );
    for line in &lines {
        assert!(
            line.starts_with(&format!("{file}:")),
            "a line that does not name the file: {line:?}\n{context}"
        );
        // The file name, the position and "error:" come on top of the message.
        let chars = line.chars().count();
        assert!(
            chars <= file.len() + 40 + MAX_MESSAGE_CHARS,
            "a line of {chars} characters: {context}"
        );
    }
    for phrase in says {
        assert!(r.stderr.contains(phrase), "must say {phrase:?}: {context}");
    }
}

/// One problem: the message and the count, or a file that cannot be read at all.
fn assert_one_message(r: &Run, file: &Path, says: &[&str]) {
    assert_refused(r, file, says);
    let errors = r.stderr.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, 1, "one message:\n{}", head(&r.stderr));
}

fn head(text: &str) -> String {
    text.chars().take(3000).collect()
}

/// Writes `bytes` to a file in a fresh temp dir.
fn write(name: &str, bytes: impl AsRef<[u8]>) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// `n` lines, each written by `line` with its number.
fn numbered(n: usize, line: impl Fn(&mut String, usize) -> std::fmt::Result) -> String {
    let mut text = String::new();
    for i in 0..n {
        line(&mut text, i).unwrap();
    }
    text
}

const ANSWERS_HEAD: &str =
    "[meta]\nbank = \"exosome-vetting\"\naudience = \"patient\"\n\n[answers]\n";

fn nesting_words() -> String {
    format!("nest more than {MAX_NESTING} levels deep")
}

// ------------------------------------------------------------ size

#[test]
fn a_huge_file_is_refused_without_being_read() {
    // A terabyte, sparse: reading it would take hours, so finishing at all
    // proves the size is checked first.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(1 << 40).unwrap();
    for r in [check(&path), score(&path)] {
        assert_one_message(
            &r,
            &path,
            &[
                "1099511627776 bytes",
                &format!("limit of {MAX_FILE_BYTES} bytes (4 MiB)"),
            ],
        );
    }
}

#[test]
fn a_file_one_byte_over_the_limit_is_refused_and_one_at_it_is_read() {
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap();
    let (_dir, over) = write("over.toml", " ".repeat(limit + 1));
    assert_one_message(&check(&over), &over, &["limit of"]);
    // Exactly at the limit it is read: all spaces is an empty bank.
    let (_dir, at) = write("at.toml", " ".repeat(limit));
    assert_one_message(&check(&at), &at, &["this bank file is empty"]);
}

#[test]
fn an_endless_stream_is_read_only_to_the_limit() {
    // A device is no file: /dev/zero never ends and /dev/tty waits for typing. Both are
    // refused before they are read; a file that grows while it is read is still read only
    // to one byte past the limit (`SourceText::read` takes at most that many).
    for device in ["/dev/zero", "/dev/null"] {
        let path = Path::new(device);
        assert_one_message(&check(path), path, &["it is a device, not a regular file"]);
    }
    let _ = MAX_FILE_BYTES;
}

// ------------------------------------------------------------ nesting

#[test]
fn deep_lists_are_refused_at_the_first_level_past_the_limit() {
    let deep = format!("a = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let (_dir, bank) = write("bank.toml", &deep);
    // `a` is level 1, so the 64th `[` (column 5 + 63) is level 65.
    assert_one_message(&check(&bank), &bank, &[":1:68: error:", &nesting_words()]);
    let (_dir, answers) = write("answers.toml", format!("{ANSWERS_HEAD}x = {deep}"));
    assert_one_message(&score(&answers), &answers, &[":6:", &nesting_words()]);
}

#[test]
fn deep_inline_tables_are_refused() {
    let deep = format!("a = {}1{}", "{b = ".repeat(100_000), "}".repeat(100_000));
    let (_dir, bank) = write("bank.toml", &deep);
    assert_one_message(&check(&bank), &bank, &[":1:321: error:", &nesting_words()]);
    let unclosed = format!("[bank]\nid = {}", "{a = ".repeat(100_000));
    let (_dir, bank) = write("bank.toml", unclosed);
    assert_one_message(&check(&bank), &bank, &[":2:", &nesting_words()]);
    // Braces with no keys between them are not nesting but a syntax error.
    let braces = format!("[bank]\nid = {}", "{".repeat(100_000));
    let (_dir, bank) = write("bank.toml", braces);
    assert_one_message(
        &check(&bank),
        &bank,
        &[":2:7: error: this is not valid TOML"],
    );
}

#[test]
fn headers_and_dotted_keys_with_thousands_of_parts_are_refused() {
    let parts = vec!["k"; 5000].join(".");
    for text in [
        format!("[{parts}]\nx = 1\n"),
        format!("[[{parts}]]\nx = 1\n"),
        format!("{parts} = 1\n"),
        format!("[bank]\nid = {{ {parts} = 1 }}\n"),
    ] {
        let (_dir, bank) = write("bank.toml", &text);
        assert_one_message(&check(&bank), &bank, &[&nesting_words()]);
    }
    let (_dir, answers) = write("answers.toml", format!("{ANSWERS_HEAD}{parts} = 1\n"));
    assert_one_message(&score(&answers), &answers, &[":6:", &nesting_words()]);
}

#[test]
fn nesting_the_text_scan_undercounts_is_caught_in_the_parsed_tree() {
    // Each `[[…]]` header is a list of tables, one level more than its parts
    // show: 40 parts in the text, 80 levels once parsed.
    let mut text = String::new();
    for n in 1..=40 {
        let _ = writeln!(text, "[[{}]]", vec!["a"; n].join("."));
    }
    let (_dir, bank) = write("bank.toml", &text);
    assert_one_message(&check(&bank), &bank, &[&nesting_words()]);
}

// ------------------------------------------------------------ floods

#[test]
fn a_hundred_thousand_unknown_keys_print_fifty_problems_and_a_count() {
    let keys = numbered(100_000, |s, i| writeln!(s, "colour{i} = 1"));
    let (_dir, bank) = write("bank.toml", format!("[bank]\n{keys}"));
    let r = check(&bank);
    assert_refused(
        &r,
        &bank,
        &["unknown key `colour0`", "more not shown", "problems to fix"],
    );
    let errors = r.stderr.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, MAX_SHOWN, "{}", head(&r.stderr));
    assert!(
        r.stderr.contains("100005 problems to fix"),
        "{}",
        head(&r.stderr)
    );
}

#[test]
fn a_hundred_thousand_unknown_answers_print_fifty_problems_and_a_count() {
    let lines = numbered(100_000, |s, i| writeln!(s, "\"source.orign{i}\" = \"x\""));
    let (_dir, answers) = write("answers.toml", format!("{ANSWERS_HEAD}{lines}"));
    let r = score(&answers);
    assert_refused(
        &r,
        &answers,
        &[
            ":6:1: error: there is no question `source.orign0`",
            "… and 99950 more not shown",
            "100000 problems to fix",
        ],
    );
}

#[test]
fn a_hundred_thousand_questions_are_checked_in_one_pass() {
    // Each question lacks most of its keys: 700 000 problems, 50 printed.
    let questions = numbered(100_000, |s, i| writeln!(s, "[[question]]\nid = \"q{i}\""));
    let (_dir, bank) = write("bank.toml", questions);
    assert_refused(&check(&bank), &bank, &["more not shown", "problems to fix"]);
}

#[test]
fn a_four_megabyte_key_is_quoted_short() {
    let key = "k".repeat(4_000_000);
    let (_dir, bank) = write("bank.toml", format!("[bank]\n{key} = 1\n"));
    assert_refused(
        &check(&bank),
        &bank,
        &[":2:1: error: unknown key `kkk", "k…`"],
    );
    let (_dir, answers) = write("answers.toml", format!("{ANSWERS_HEAD}{key} = 1\n"));
    assert_one_message(
        &score(&answers),
        &answers,
        &[":6:1: error: there is no question `kkk"],
    );
}

#[test]
fn a_four_megabyte_line_of_punctuation_is_one_syntax_error() {
    for (name, text) in [
        ("equals", "=".repeat(4_000_000)),
        ("brackets", "]".repeat(4_000_000)),
        ("quotes", "\"".repeat(4_000_000)),
        ("keys", "a\n".repeat(2_000_000)),
    ] {
        let (_dir, bank) = write(&format!("{name}.toml"), &text);
        assert_one_message(&check(&bank), &bank, &["this is not valid TOML"]);
    }
}

#[test]
fn an_answer_written_twice_in_two_spellings_is_refused() {
    let text =
        format!("{ANSWERS_HEAD}\"source.origin\" = \"placenta\"\nsource.origin = \"plant\"\n");
    let (_dir, answers) = write("answers.toml", text);
    assert_one_message(
        &score(&answers),
        &answers,
        &[":7:8: error: `source.origin` is answered twice (first on line 6)"],
    );
}

#[test]
fn a_list_of_a_hundred_thousand_options_is_read_in_one_pass() {
    let items = vec!["\"injection\""; 100_000].join(", ");
    let text = format!("{ANSWERS_HEAD}\"delivery.route\" = [{items}, \"nope\"]\n");
    let (_dir, answers) = write("answers.toml", text);
    assert_one_message(&score(&answers), &answers, &["`nope` is not an option"]);
}

// ------------------------------------------------------------ encodings

#[test]
fn text_that_is_not_utf8_is_refused_with_its_position() {
    for (name, bytes, says) in [
        (
            "nul",
            b"[bank]\nid = \"a\0\"\n".to_vec(),
            ":2:8: error: this is a binary file",
        ),
        (
            "latin1",
            b"[bank]\ntitle = \"caf\xe9\"\n".to_vec(),
            ":2:13: error: the file is not UTF-8",
        ),
        // A UTF-16 surrogate written as UTF-8 bytes is not UTF-8.
        (
            "surrogate",
            b"[bank]\nid = \"\xed\xa0\x80\"\n".to_vec(),
            ":2:7: error: the file is not UTF-8",
        ),
        (
            "truncated-char",
            b"[bank]\nid = \"\xc3".to_vec(),
            ":2:7: error: the file is not UTF-8",
        ),
        (
            "utf16",
            b"\xff\xfe[\0b\0a\0n\0k\0]\0".to_vec(),
            ":1:1: error: the file is UTF-16 text",
        ),
    ] {
        let (_dir, bank) = write(&format!("{name}.toml"), bytes);
        assert_one_message(&check(&bank), &bank, &[says]);
    }
}

#[test]
fn an_escaped_surrogate_is_a_syntax_error() {
    let (_dir, bank) = write("bank.toml", "[bank]\nid = \"\\uD800\"\n");
    assert_one_message(&check(&bank), &bank, &[":2:", "this is not valid TOML"]);
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read() {
    let crlf = exovet::bank::BUILTIN_TEXT.replace('\n', "\r\n");
    let (_dir, bank) = write("bank.toml", format!("\u{feff}{crlf}"));
    let r = check(&bank);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // The mark does not shift the columns of line 1.
    let (_dir, bank) = write("bank.toml", "\u{feff}colour = 1\n");
    assert_refused(&check(&bank), &bank, &[":1:1: error: unknown key `colour`"]);
}

#[test]
fn keys_holding_newlines_and_escapes_stay_on_one_line() {
    let (_dir, bank) = write(
        "bank.toml",
        "[bank]\n\"a\\nb\" = 1\n\"\\u001b[31mred\" = 2\n",
    );
    assert_refused(&check(&bank), &bank, &["`a\\nb`", "`\\u{1b}[31mred`"]);
}

#[test]
fn empty_files_of_every_kind_say_they_are_empty() {
    for text in ["", " \n\t\n", "# only a comment\n", "\u{feff}", "\r\n\r\n"] {
        let (_dir, bank) = write("bank.toml", text);
        assert_one_message(
            &check(&bank),
            &bank,
            &[":1:1: error: this bank file is empty"],
        );
        let (_dir, answers) = write("answers.toml", text);
        assert_one_message(
            &score(&answers),
            &answers,
            &[":1:1: error: this answers file is empty"],
        );
    }
}

#[test]
fn every_cut_of_the_real_bank_is_refused_cleanly() {
    let text = exovet::bank::BUILTIN_TEXT;
    let dir = tempfile::tempdir().unwrap();
    let mut cut = 1;
    while cut < text.len() {
        let end = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap();
        let path = dir.path().join(format!("cut-{end}.toml"));
        std::fs::write(&path, &text[..end]).unwrap();
        let r = check(&path);
        if r.code != Some(0) {
            assert_refused(&r, &path, &[]);
        }
        cut = cut * 3 / 2 + 7;
    }
}

#[test]
fn wrong_types_for_whole_tables_are_one_message_each() {
    for (text, says) in [
        ("bank = 1\n", "`bank` must be a table"),
        ("bank = [1, 2]\n", "`bank` must be a table"),
        ("question = \"q\"\n", "`question` must be a list of tables"),
        (
            "[[section]]\nid = [\"a\"]\n",
            "`id` of a [[section]] is a list",
        ),
    ] {
        let (_dir, bank) = write("bank.toml", text);
        assert_refused(&check(&bank), &bank, &[says]);
    }
    for (text, says) in [
        ("meta = 3\n", "`meta` must be a table"),
        (
            "[meta]\naudience = \"patient\"\n[answers]\nx = { y = [[[1]]] }\n",
            "there is no question `x.y`",
        ),
    ] {
        let (_dir, answers) = write("answers.toml", text);
        assert_refused(&score(&answers), &answers, &[says]);
    }
}

// ------------------------------------------------------------ regressions

/// Files in `tests/fixtures/hostile/{banks,answers}` that once crashed
/// exovet or gave a wrong message, with what the message must say now.
const CORPUS: &[(&str, &[&str])] = &[
    // Stack overflow (SIGABRT) in debug builds: serde recursed through a
    // value nested ~6 000 deep, built from 79-part dotted keys in inline tables.
    (
        "banks/deep-dotted-inline-tables.toml",
        &[":3:", "levels deep"],
    ),
    ("banks/deep-bank-table.toml", &[":1:", "levels deep"]),
    // 100 MB and quadratic time: each answer id was built whole from a
    // ~20 000-character path, once per level.
    ("answers/deep-dotted-answers.toml", &[":4:", "levels deep"]),
    // "this is not valid TOML: recursion limit" at 1:1, wherever it was.
    ("banks/header-with-5000-parts.toml", &[":1:", "levels deep"]),
    // The second spelling silently replaced the first answer.
    (
        "answers/answered-twice.toml",
        &[":11:8:", "answered twice (first on line 10)"],
    ),
    // A quoted key with a newline broke the message onto a line without the file name.
    ("banks/newline-in-key.toml", &[":4:1:", "`a\\nb`"]),
    // Found by tests/fuzz.rs: `updated` as any text was kept, and written
    // back unquoted, so a re-saved file held whatever TOML the text did.
    (
        "answers/updated-injection.toml",
        &[":5:11:", "`updated` is `2026-01-01T00:00:00Z\\n[answers]"],
    ),
    // Said "binary file" for a file saved as UTF-16 by an editor.
    ("banks/utf16.toml", &[":1:1:", "UTF-16"]),
    // Four million `=` held four million parser errors: 730 MB, 2.6 s.
    // (A small one here; the big one is in a_four_megabyte_line…)
    ("banks/equals-signs.toml", &[":1:2:", "not valid TOML"]),
];

#[test]
fn regression_corpus() {
    for (rel, says) in CORPUS {
        let path = fixture(&format!("hostile/{rel}"));
        let r = if rel.starts_with("banks/") {
            check(&path)
        } else {
            score(&path)
        };
        assert_one_message(&r, &path, says);
    }
}

#[test]
fn every_corpus_file_is_listed() {
    for dir in ["banks", "answers"] {
        let on_disk = std::fs::read_dir(root().join(fixture(&format!("hostile/{dir}")))).unwrap();
        for entry in on_disk {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let rel = format!("{dir}/{name}");
            assert!(
                CORPUS.iter().any(|(listed, _)| *listed == rel),
                "tests/fixtures/hostile/{rel} is not in CORPUS in hostile.rs"
            );
        }
    }
}

// ------------------------------------------------------------ file names

/// A file name can hold an escape sequence: no message, header or confirmation that
/// names it may pass it to the terminal raw.
#[test]
fn escape_sequences_in_file_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let evil = |name: &str| dir.path().join(format!("{name}\u{1b}[31m\u{7}.toml"));
    let good = evil("good");
    std::fs::copy(root().join("docs/examples/before-consult.toml"), &good).unwrap();
    let broken = evil("broken");
    std::fs::write(&broken, "[meta]\naudience = \"nobody\"\n").unwrap();
    let bank = evil("bank");
    std::fs::copy(root().join("questions.toml"), &bank).unwrap();
    let empty = dir.path().join("empty\u{1b}]0;title\u{7}");
    std::fs::create_dir(&empty).unwrap();
    let out = dir.path().join("summary\u{1b}[2J.txt");
    let runs = [
        vec![OsStr::new("score"), good.as_os_str()],
        vec![OsStr::new("score"), good.as_os_str(), broken.as_os_str()],
        vec![OsStr::new("score"), broken.as_os_str()],
        vec![
            OsStr::new("score"),
            evil("missing").as_os_str().to_owned().leak(),
        ],
        vec![OsStr::new("score"), empty.as_os_str()],
        vec![OsStr::new("check"), bank.as_os_str()],
        vec![OsStr::new("check"), broken.as_os_str()],
        vec![
            OsStr::new("report"),
            good.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ],
    ];
    for args in runs {
        let r = run(&args);
        for (what, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            assert!(
                !text.contains(['\u{1b}', '\u{7}']),
                "exovet {args:?}: a raw escape on {what}:\n{text:?}"
            );
        }
        assert!(
            r.stdout.contains("\\u{1b}") || r.stderr.contains("\\u{1b}"),
            "exovet {args:?}: the file name is shown, made inert:\n{}\n{}",
            r.stdout,
            r.stderr
        );
    }
}

/// A file the kernel makes up as it is read (`/proc/kmsg`) looks like an empty regular file
/// and waits forever when read: found by an adversarial run, `score` and `attach` hung on a
/// document naming it. Any file of `/proc` or `/sys` is refused, as a document and as the
/// file to score, before it is read.
#[test]
fn a_kernel_file_is_refused_before_it_is_read() {
    if !crate::needs(
        "proc",
        "hostile::a_kernel_file_is_refused_before_it_is_read",
        "a Linux /proc",
        "run it on Linux",
        || std::path::Path::new("/proc/self/status").exists(),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        std::fs::read_to_string(root().join("docs/examples/careful-vendor.toml")).unwrap();
    text.push_str(
        "\n[evidence.\"testing.coa\"]\ndocument = \"/proc/self/status\"\nstatus = \"seen\"\n",
    );
    std::fs::write(dir.path().join("v.toml"), &text).unwrap();
    let out = crate::run_in(dir.path(), ["score", "v.toml"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("cannot be read (it is a file of the operating system's own"),
        "{}",
        out.stdout
    );
    let out = crate::run_in(
        dir.path(),
        ["attach", "v.toml", "testing.viral", "/proc/self/status"],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("operating system's own"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("v.toml")).unwrap(),
        text
    );
    let out = crate::run_in(dir.path(), ["score", "/proc/self/status"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("operating system's own"),
        "{}",
        out.stderr
    );
    // Where this machine lets it be read, the file that hung: it must end at once.
    if std::fs::File::open("/proc/kmsg").is_ok() {
        let out = crate::run_in(dir.path(), ["score", "/proc/kmsg"]);
        assert_eq!(out.code, Some(2), "{}", out.stderr);
    }
}

// ------------------------------------------------------------ pipes and endless input

/// A pipe (FIFO) given where a file belongs: opening one waits for a writer, forever. It is
/// refused before it is opened, as the bank, `check`'s argument, an answers file to score, and
/// the file the wizard resumes.
#[test]
fn a_fifo_where_a_file_belongs_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    if !crate::needs(
        "mkfifo",
        "hostile::a_fifo_where_a_file_belongs_is_refused_at_once",
        "mkfifo",
        "install: apt-get install -y coreutils",
        || {
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .is_ok_and(|s| s.success())
        },
    ) {
        return;
    }
    let answers = root().join("docs/examples/before-consult.toml");
    for args in [
        vec![OsStr::new("check"), fifo.as_os_str()],
        vec![
            OsStr::new("--bank"),
            fifo.as_os_str(),
            OsStr::new("score"),
            answers.as_os_str(),
        ],
        vec![OsStr::new("score"), fifo.as_os_str()],
        vec![
            OsStr::new("--plain"),
            OsStr::new("--answers"),
            fifo.as_os_str(),
        ],
    ] {
        let out = crate::exovet()
            .args(&args)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "exovet {args:?}: {stderr}");
        assert!(
            stderr.contains("it is a pipe (FIFO), not a regular file"),
            "exovet {args:?}: {stderr}"
        );
    }
}

/// `exovet --plain < /dev/zero`: one endless line with no line break. It is the end of the
/// input once it passes the limit, not a loop reading forever.
#[test]
fn an_endless_line_on_standard_input_ends_the_plain_mode() {
    let dir = tempfile::tempdir().unwrap();
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("exovet"))
        .arg("--plain")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdin(zero)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It must end by itself; a generous wait on a loaded machine, then the verdict.
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("exovet --plain < /dev/zero is still reading after a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut stdout).unwrap();
    assert_eq!(status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("nothing was saved"), "{stdout}");
}

// ------------------------------------------------------------ smaller things people trip over

/// A 20-digit price is too large, not unreadable; "-0" is 0; a wrong type in [meta] reads
/// in English ("not a whole number", never "not a integer"); UTF-16 without a byte-order
/// mark is not "binary", and UTF-32 is not UTF-16.
#[test]
fn numbers_types_and_encodings_are_named_as_people_say_them() {
    let answers = |body: &str| format!("{ANSWERS_HEAD}{body}");
    let (_d, huge) = write(
        "huge.toml",
        answers("\"cost.per_session_usd\" = 123456789012345678901\n"),
    );
    let r = score(&huge);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("is outside the accepted range"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("cannot be read"), "{}", r.stderr);

    let (_d, zero) = write("zero.toml", answers("\"cost.per_session_usd\" = -0.0\n"));
    let r = run([
        OsStr::new("score"),
        OsStr::new("--format"),
        OsStr::new("json"),
        zero.as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("\"0 US dollars per session\""),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("\"answer\":-0"), "{}", r.stdout);

    let (_d, typed) = write(
        "typed.toml",
        "[meta]\nbank = \"exosome-vetting\"\naudience = \"patient\"\nsubject = 3\n",
    );
    let r = score(&typed);
    assert!(r.stderr.contains("not a whole number"), "{}", r.stderr);
    assert!(!r.stderr.contains("a integer"), "{}", r.stderr);

    let text = answers("\"source.origin\" = \"plant\"\n");
    for (name, bytes, encoding) in [
        (
            "utf16.toml",
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            "UTF-16",
        ),
        (
            "utf32.toml",
            [
                b"\xFF\xFE\x00\x00".to_vec(),
                text.chars()
                    .flat_map(|c| u32::from(c).to_le_bytes())
                    .collect(),
            ]
            .concat(),
            "UTF-32",
        ),
    ] {
        let (_d, path) = write(name, bytes);
        let r = score(&path);
        assert_eq!(r.code, Some(2));
        assert!(
            r.stderr.contains(&format!("the file is {encoding} text")),
            "{name}: {}",
            r.stderr
        );
    }
}

/// Notepad writes a byte-order mark: such a file is read, and saved again, not called
/// "changed outside this window" forever.
#[test]
fn a_file_with_a_byte_order_mark_is_saved_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.toml");
    std::fs::write(
        &path,
        "\u{feff}[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"patient\"\nsubject = \"BOM\"\n\n[answers]\n\"source.origin\" = \"msc-umbilical-cord\"\n",
    )
    .unwrap();
    let out = crate::exovet()
        .current_dir(dir.path())
        .args(["--plain", "--answers", "bom.toml"])
        .write_stdin("<\n2\nq\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("changed outside"), "{stdout}");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("\"source.origin\" = \"msc-adipose\""),
        "{saved}\n{stdout}"
    );
}

/// Text that reorders or breaks the line on screen (a right-to-left override, a line
/// separator) is shown inert, as escape sequences are.
#[test]
fn bidirectional_overrides_in_typed_text_are_shown_inert() {
    let (_d, path) = write(
        "bidi.toml",
        format!("{ANSWERS_HEAD}\"notes\" = \"a\u{202e}evil\u{2028}b\"\n")
            .replace("[answers]", "[answers]")
            .replacen(
                "audience = \"patient\"",
                "audience = \"patient\"\nsubject = \"X\u{202e}Y\"",
                1,
            ),
    );
    for format in ["txt", "md", "html"] {
        let r = run([
            OsStr::new("report"),
            OsStr::new("--format"),
            OsStr::new(format),
            path.as_os_str(),
        ]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(
            !r.stdout.contains(['\u{202e}', '\u{2028}']),
            "{format}: {}",
            r.stdout
        );
    }
    let r = score(&path);
    assert!(!r.stdout.contains('\u{202e}'), "{}", r.stdout);
}

/// A hand-edited file opened and left without a change is left byte for byte; a change to
/// one answer keeps the comments written inside another's list.
#[test]
fn a_hand_edited_file_is_left_alone_until_an_answer_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.toml");
    let edited = "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"patient\"\nsubject = 'Hand edited'\nupdated = 2026-11-01T10:00:00Z\n\n[answers]\n\"source.origin\" = \"msc-umbilical-cord\"\n\"delivery.route\" = [\n  \"topical-after-procedure\", # microneedling, said 2 Nov\n  \"injection\",               # scalp, they insist\n]\n";
    std::fs::write(&path, edited).unwrap();
    let plain = |typed: &str| {
        crate::exovet()
            .current_dir(dir.path())
            .args(["--plain", "--answers", "h.toml"])
            .write_stdin(typed.to_owned())
            .output()
            .unwrap()
    };
    plain("q\n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    // The first question not asked yet (the product named) gets an answer.
    plain("2\nq\n");
    let saved = std::fs::read_to_string(&path).unwrap();
    for kept in [
        "subject = 'Hand edited'",
        "  \"topical-after-procedure\", # microneedling, said 2 Nov",
        "  \"injection\",               # scalp, they insist",
        "\"source.product_named\" = \"brand-only\"",
    ] {
        assert!(saved.contains(kept), "{kept:?} is gone:\n{saved}");
    }
}

/// `yes x | exovet --plain`: lines that never answer, without end. Past ten thousand lines
/// it is the end of the input, as for a person who closed it.
#[test]
fn an_endless_input_of_wrong_answers_ends_the_plain_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::exovet()
        .current_dir(dir.path())
        .args(["--plain", "--audience", "patient", "--subject", "Y"])
        .write_stdin("x\n".repeat(20_000))
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        &stdout[stdout.len().saturating_sub(2000)..]
    );
    assert!(
        stdout.contains("10000 lines were read"),
        "{}",
        &stdout[stdout.len().saturating_sub(2000)..]
    );
}
