//! `exovet --plain` through the real binary: a whole conversation, the file it saves, the order asked, resuming, and no escape sequences.

use std::path::Path;

use exovet::answers::{Answer, Answers, Meta};
use exovet::bank::{Audience, Kind, load_builtin};
use exovet::wizard::{Place, Wizard};

use crate::{assert_saved, exovet, score_json_in};

/// Runs `exovet --plain ARGS` in `dir` with `typed` on stdin; it must succeed.
fn plain(dir: &Path, args: &[&str], typed: &str) -> String {
    let out = exovet()
        .current_dir(dir)
        .arg("--plain")
        .args(args)
        .write_stdin(typed)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "exovet --plain {args:?} failed: {stderr}"
    );
    assert!(stderr.is_empty(), "{stderr}");
    assert!(!out.stdout.contains(&0x1b), "an escape byte in the output");
    String::from_utf8(out.stdout).unwrap()
}

/// A patient vetting Glow Med Spa, using help, a wrong answer, and going back.
const GLOW_MED_SPA: &str = "\
1
Glow Med Spa
?
1
2
Brand X, lot 42
abc
2
<

2

1
r
















$900








Consult on Friday

";

#[test]
fn a_whole_conversation_ends_with_the_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let out = plain(dir.path(), &["--answers", "answers.toml"], GLOW_MED_SPA);
    insta::assert_snapshot!("transcript", out);
}

#[test]
fn the_saved_file_scores_to_the_verdict_the_conversation_printed() {
    let dir = tempfile::tempdir().unwrap();
    let out = plain(dir.path(), &["--answers", "answers.toml"], GLOW_MED_SPA);
    let headline = out
        .lines()
        .find(|l| l.contains("Verdict: "))
        .expect("a verdict line");
    let json = score_json_in(dir.path(), "answers.toml");
    let word = json["verdict"].as_str().unwrap().to_uppercase();
    let incomplete = if json["incomplete"].as_bool().unwrap() {
        " (incomplete)"
    } else {
        ""
    };
    assert!(
        headline.ends_with(&format!("Verdict: {word}{incomplete}")),
        "{headline} / {json}"
    );
    // A patient never sees the 0–100 score: a "95/100" beside an amber misleads.
    assert!(!out.contains("/100"), "{out}");
    assert_eq!(json["subject"], "Glow Med Spa");
    assert_eq!(json["audience"], "patient");
}

/// What a person types to give `answers` (question id → option ids, a number or a note),
/// pressing Enter on every other question, and the prompts the state machine asks on the way.
fn script(audience: Audience, answers: &[(&str, &str)]) -> (String, Vec<String>) {
    let bank = load_builtin();
    let mut w = Wizard::new(&bank, Meta::new(&bank, audience, ""), Answers::empty(&bank));
    let mut typed = String::new();
    let mut prompts = Vec::new();
    while let Place::Question(id) = w.place() {
        let q = bank.question(id);
        prompts.push(q.prompt_for(audience).to_owned());
        if let Some((_, given)) = answers.iter().find(|(qid, _)| *qid == q.id) {
            let picks: Vec<usize> = given.split(' ').filter_map(|o| q.choice_index(o)).collect();
            let numbers: Vec<String> = picks.iter().map(|i| (i + 1).to_string()).collect();
            let (line, answer) = match &q.kind {
                Kind::Single(_) => (numbers.join(" "), Answer::Choice(picks[0])),
                Kind::Multiple(_) => (numbers.join(" "), Answer::Choices(picks)),
                Kind::Number(_) => ((*given).to_owned(), Answer::Number(given.parse().unwrap())),
                Kind::Text => ((*given).to_owned(), Answer::Text((*given).to_owned())),
            };
            typed.push_str(&line);
            w.set(Some(answer));
        }
        typed.push('\n');
        w.advance();
    }
    typed.push('\n');
    (typed, prompts)
}

/// The prompts in a transcript: the lines after each "Question n of m" line, unwrapped.
fn prompts_asked(out: &str) -> Vec<String> {
    let mut asked = Vec::new();
    let mut lines = out.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("Question ") && line.contains(" of ") {
            let prompt: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("  ") && !l.starts_with("Now: "))
                .collect();
            asked.push(prompt.join(" "));
        }
    }
    asked
}

#[test]
fn questions_come_in_the_order_and_with_the_skips_of_the_state_machine() {
    let bank = load_builtin();
    let chosen = [
        ("source.origin", "msc-umbilical-cord"),
        ("delivery.route", "topical-intact topical-after-procedure"),
        ("cost.per_session_usd", "900"),
    ];
    let conditional = [
        "source.donor_screening",
        "source.cell_bank",
        "testing.sterility",
    ];
    for audience in [Audience::Coordinator, Audience::Patient] {
        let dir = tempfile::tempdir().unwrap();
        let (typed, expected) = script(audience, &chosen);
        let out = plain(
            dir.path(),
            &["--audience", audience.id(), "--subject", "Vendor"],
            &typed,
        );
        assert_eq!(prompts_asked(&out), expected, "{audience}");
        for id in conditional {
            let q = bank.question(bank.find(id).unwrap());
            let shown = expected.iter().any(|p| p == q.prompt_for(audience));
            assert_eq!(shown, q.reach.includes(audience), "{id} for a {audience}");
        }
        assert!(out.contains("Verdict: "));
    }
    // And without the conditions, the coordinator is not asked them either.
    let (_, expected) = script(Audience::Coordinator, &[("source.origin", "plant")]);
    for id in conditional {
        let q = bank.question(bank.find(id).unwrap());
        assert!(
            !expected
                .iter()
                .any(|p| p == q.prompt_for(Audience::Coordinator))
        );
    }
}

const HALF_DONE: &str = r#"[meta]
bank = "exosome-vetting"
bank_version = "1.0.0"
audience = "patient"
subject = "Half Spa"
updated = 2026-11-22T10:00:00Z

[answers]
"source.origin" = "placenta"
"source.product_named" = "all-three"
"#;

#[test]
fn resuming_a_half_filled_file_continues_at_the_first_question_not_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("half.toml"), HALF_DONE).unwrap();
    let out = plain(dir.path(), &["--answers", "half.toml"], "Brand Y\nq\n");
    assert!(out.contains("Resuming half.toml: it holds 2 answers."));
    assert!(!out.contains("Who is filling this in?"));
    assert!(!out.contains("Who are you checking?"));
    let first = out.lines().find(|l| l.starts_with("Question ")).unwrap();
    assert!(first.starts_with("Question 3 of "), "{first}");
    assert!(out.contains("Answers are saved to half.toml."));
    assert_saved(
        dir.path(),
        "half.toml",
        &[
            "subject = \"Half Spa\"",
            "\"source.origin\" = \"placenta\"",
            "\"source.product_named\" = \"all-three\"",
            "\"source.product_details\" = \"Brand Y\"",
        ],
    );
}

#[test]
fn escape_sequences_typed_or_given_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    // `plain` fails on any escape byte in the output.
    let out = plain(
        dir.path(),
        &["--subject", "Evil\x1b[31m Spa\x1b]0;owned\x07"],
        "1\n\n\n\x1b[2JLot \x1b[1m42\n<\nq\n",
    );
    assert!(out.contains("Now: \\u{1b}[2JLot \\u{1b}[1m42"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let out = plain(dir.path(), &[], "1\nEvil\x1b[31m Spa\n\n\n\x1b[2J note\n");
    assert!(out.contains("exovet · Evil\\u{1b}[31m Spa"), "{out}");
}

/// Runs the binary in a pseudo-terminal, so stdin and stdout are terminals and only the
/// environment can choose plain mode; `typed` is sent before it starts, as type-ahead.
fn in_a_terminal(dir: &Path, env: &[(&str, &str)], typed: &str) -> String {
    use std::io::{Read as _, Write as _};
    use std::sync::mpsc;
    use std::time::Duration;

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_exovet"));
    cmd.cwd(dir);
    cmd.env_remove("ACCESSIBLE");
    cmd.env("NO_COLOR", "1");
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    writer.write_all(typed.as_bytes()).unwrap();
    writer.flush().unwrap();
    // Only a guard: if the full screen were chosen by mistake it might wait for keys forever.
    let killer = child.clone_killer();
    let (done, finished) = mpsc::channel::<()>();
    let guard = std::thread::spawn(move || {
        let mut killer = killer;
        if finished.recv_timeout(Duration::from_secs(60)).is_err() {
            let _ = killer.kill();
        }
    });
    let mut out = Vec::new();
    // Linux ends a pseudo-terminal's output with an error once the child has gone.
    let _ = reader.read_to_end(&mut out);
    let status = child.wait().unwrap();
    let _ = done.send(());
    guard.join().unwrap();
    assert!(status.success(), "{status:?}");
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn in_a_real_terminal_accessible_or_term_dumb_choose_plain_mode() {
    for env in [[("ACCESSIBLE", "1")], [("TERM", "dumb")]] {
        let dir = tempfile::tempdir().unwrap();
        let out = in_a_terminal(dir.path(), &env, "2\rVendor\r4\rq\r");
        assert!(out.contains("Question 1 of "), "{env:?}: {out}");
        assert!(out.contains("Answers are saved to "), "{env:?}: {out}");
        assert!(!out.contains('\x1b'), "{env:?}: {out:?}");
        assert_saved(
            dir.path(),
            "exovet-vendor.toml",
            &["\"source.origin\" = \"placenta\""],
        );
    }
}

/// A coordinator's notes in a hand-edited answers file survive the wizard's saves: comments,
/// blank lines, the order of the entries and how each id is spelled.
#[test]
fn saving_keeps_the_comments_and_order_of_a_hand_edited_file() {
    let dir = tempfile::tempdir().unwrap();
    let edited = "\
# Vendor call, 3 March: ask for the COA again.
[meta]
subject = \"Careful Biologics\"   # the Boston site
audience = \"coordinator\"
bank = \"exosome-vetting\"
bank_version = \"1.2.0\"

[answers]
# From the data sheet.
delivery.route = [\"topical-intact\"]   # their only route
\"source.origin\" = \"plant\"
";
    std::fs::write(dir.path().join("vendor.toml"), edited).unwrap();
    // The first question not asked yet is answered with its first option, then q.
    plain(dir.path(), &["--answers", "vendor.toml"], "1\nq\n");
    let saved = std::fs::read_to_string(dir.path().join("vendor.toml")).unwrap();
    for kept in [
        "# Vendor call, 3 March: ask for the COA again.",
        "subject = \"Careful Biologics\"   # the Boston site",
        "# From the data sheet.",
        "delivery.route = [\"topical-intact\"]   # their only route",
        "\"source.origin\" = \"plant\"",
    ] {
        assert!(saved.contains(kept), "{kept:?} is gone:\n{saved}");
    }
    assert!(
        saved.contains("\"source.product_named\" = \"all-three\""),
        "{saved}"
    );
    assert!(saved.find("delivery.route").unwrap() < saved.find("source.origin").unwrap());
    assert!(saved.contains("updated = "), "{saved}");
}

/// Resuming a file saved with bank 1.1.0 (issue 18): the wizard says which answer is asked
/// again and why, opens at it, keeps every other answer, and, with nothing changed, leaves
/// the file byte for byte.
#[test]
fn resuming_a_1_1_0_file_asks_conditioned_media_again_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.toml"),
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.1.0\"\naudience = \"coordinator\"\nsubject = \"Vendor C\"\n\n[answers]\n\"source.origin\" = \"conditioned-media\"\n\"source.product_named\" = \"all-three\"\n\"testing.coa\" = \"lot-third-party\"\n",
    )
    .unwrap();
    let before = std::fs::read(dir.path().join("old.toml")).unwrap();
    // Enter keeps "not asked yet" on the re-asked question; q quits.
    let out = plain(dir.path(), &["--answers", "old.toml"], "\nq\n");
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Resuming old.toml: it holds 2 answers."),
        "{out}"
    );
    assert!(
        flat.contains(
            "`source.origin` = \"conditioned-media\" was saved with an older version of the bank"
        ),
        "{out}"
    );
    assert!(flat.contains("human cells"), "{out}");
    let first = out.split("Question ").nth(1).unwrap();
    assert!(
        first.starts_with("1 of") && first.contains("biological source"),
        "{first}"
    );
    // Nothing was changed, so nothing is written: the file stays as bank 1.1.0 saved it,
    // and no copy is made (before, it was rewritten as today's version).
    assert_eq!(std::fs::read(dir.path().join("old.toml")).unwrap(), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// `exovet --plain` with `HOME` in `dir`, fed `typed` as bytes; it must succeed.
fn plain_bytes(dir: &Path, args: &[&str], typed: &[u8]) -> String {
    let out = exovet()
        .current_dir(dir)
        .env("HOME", dir)
        .arg("--plain")
        .args(args)
        .write_stdin(typed)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exovet --plain {args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// Changing an answer in a file saved with bank 1.0.0 saves it as today's version: first a
/// copy is kept, as `exovet migrate` keeps one, and said; a coordinator's comment above
/// the answer asked again stays above the old answer, now a comment.
#[test]
fn saving_a_changed_1_0_0_file_keeps_a_copy_and_the_comment_beside_the_answer_asked_again() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let example =
        std::fs::read_to_string(crate::root().join("docs/examples/careful-vendor-1.0.0.toml"))
            .unwrap();
    let original = example.replace(
        "\"regulatory.pathway\" = \"ind-or-bla\"",
        "# They showed the IND letter on the call.\n\"regulatory.pathway\" = \"ind-or-bla\"",
    );
    assert_ne!(original, example);
    let path = dir.path().join("careful.toml");
    std::fs::write(&path, &original).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    // The first question asked is answered with its first option, then q.
    let out = plain_bytes(dir.path(), &["--answers", "careful.toml"], b"1\nq\n");
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("careful.toml was saved with version 1.0.0 of the bank: the original is kept as careful.toml.bank-1.0.0.orig"),
        "{out}"
    );
    let copy = dir.path().join("careful.toml.bank-1.0.0.orig");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), original);
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let today = load_builtin().version;
    assert_saved(
        dir.path(),
        "careful.toml",
        &[
            &format!("bank_version = \"{today}\""),
            "# They showed the IND letter on the call.\n# \"regulatory.pathway\" = \"ind-or-bla\"  # saved with an older version",
        ],
    );

    // A copy already there is never replaced: the file is not changed either.
    std::fs::write(&path, &original).unwrap();
    std::fs::write(&copy, "an earlier copy").unwrap();
    let out = plain_bytes(dir.path(), &["--answers", "careful.toml"], b"1\nq\n");
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("a copy of it is already at careful.toml.bank-1.0.0.orig"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), "an earlier copy");
}

/// Latin-1 typed into plain mode (a terminal set to ISO-8859-1) is refused with a message
/// and asked again; it is never saved as replacement characters.
#[test]
fn a_line_that_is_not_utf8_is_refused_and_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = plain_bytes(
        dir.path(),
        &["--answers", "a.toml"],
        b"1\nCl\xednica Sol\xe9\nCl\xc3\xadnica Sol\xc3\xa9\nq\n",
    );
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("That line is not UTF-8 text"), "{out}");
    assert!(!out.contains('\u{fffd}'), "{out}");
    let saved = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
    assert!(saved.contains("subject = \"Clínica Solé\""), "{saved}");
    assert!(!saved.contains('\u{fffd}'), "{saved}");
}

/// Issue 19: "save to another file" in plain mode, into another folder, rewrites each
/// document's path to lead to the same file from there, as the full screen does: a checked
/// document does not become "missing" and count as claimed.
#[test]
fn saving_elsewhere_keeps_each_document_found() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    std::fs::create_dir(&a).unwrap();
    std::fs::write(a.join("coa.pdf"), "lot 42").unwrap();
    std::fs::write(
        a.join("c.toml"),
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"coordinator\"\nsubject = \"V\"\n\n[answers]\n\"testing.coa\" = \"lot-third-party\"\n",
    )
    .unwrap();
    let attach = crate::run_in(
        &a,
        [
            "attach",
            "c.toml",
            "testing.coa",
            "coa.pdf",
            "--status",
            "checked",
        ],
    );
    assert_eq!(attach.code, Some(0), "{}", attach.stderr);
    plain_bytes(
        dir.path(),
        &["--answers", "a/c.toml"],
        b"w\nelsewhere.toml\nq\n",
    );
    let saved = std::fs::read_to_string(dir.path().join("elsewhere.toml")).unwrap();
    assert!(saved.contains("document = \"a/coa.pdf\""), "{saved}");
    let v = score_json_in(dir.path(), "elsewhere.toml");
    let found = &v["evidence"][0];
    assert_eq!(found["status"], "checked", "{v}");
    assert_eq!(found["matches"], true, "{v}");
}

/// Found by an adversarial run: lines ended by a lone carriage return (old Mac files, some
/// terminals) were read as one line, so `lot 7\r1\rq\r` saved "lot 7\r1\rq" as the lot
/// number and the `1` and `q` meant after it were lost. `\r`, `\n` and `\r\n` each end a line.
#[test]
fn a_carriage_return_ends_a_line_as_a_line_feed_does() {
    for end in ["\r", "\r\n", "\n"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("cr.toml"),
            "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"patient\"\nsubject = \"CR\"\n\n[answers]\n\"source.origin\" = \"plant\"\n\"source.product_named\" = \"all-three\"\n",
        )
        .unwrap();
        let typed = ["lot 7", "q", ""].join(end);
        plain(dir.path(), &["--answers", "cr.toml"], &typed);
        assert_saved(
            dir.path(),
            "cr.toml",
            &["\"source.product_details\" = \"lot 7\""],
        );
    }
}

/// Found by an adversarial run: a line ended by a lone carriage return was held until the
/// next byte came (the reader waited to see whether a `\n` followed): an answer typed that
/// way was not taken, nor saved, while nothing more was typed.
#[test]
fn a_line_ended_by_a_carriage_return_is_taken_at_once() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cr.toml");
    std::fs::write(
        &file,
        "[meta]\nbank = \"exosome-vetting\"\nbank_version = \"1.2.0\"\naudience = \"patient\"\nsubject = \"CR\"\n\n[answers]\n\"source.origin\" = \"plant\"\n\"source.product_named\" = \"all-three\"\n",
    )
    .unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("exovet"))
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .env("NO_COLOR", "1")
        .env("EXOVET_TODAY", "2026-12-08")
        .args(["--plain", "--answers", "cr.toml"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"lot 7\r").unwrap();
    stdin.flush().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let saved = loop {
        let text = std::fs::read_to_string(&file).unwrap();
        if text.contains("\"source.product_details\" = \"lot 7\"") {
            break true;
        }
        if std::time::Instant::now() >= deadline {
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    stdin.write_all(b"\nq\n").unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(
        saved,
        "the answer was not taken while nothing more was typed"
    );
    assert!(status.success());
    // The `\n` that came later belonged to the `\r`: no empty line answered anything.
    assert_saved(
        dir.path(),
        "cr.toml",
        &["\"source.product_details\" = \"lot 7\""],
    );
}

/// Issue 21: plain mode, for screen readers, says its marks in words: a reader reads "✖"
/// out as "heavy multiplication x", "•" as "bullet", and "[ ]" as brackets.
#[test]
fn plain_mode_says_its_marks_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = plain(dir.path(), &["--answers", "answers.toml"], GLOW_MED_SPA);
    for symbol in ['✖', '▲', '✔', '•', '☐'] {
        assert!(!out.contains(symbol), "{symbol:?} in:\n{out}");
    }
    assert!(!out.contains("[ ]"), "{out}");
    assert!(out.contains("Verdict"), "{out}");
    assert!(out.contains("To ask: "), "{out}");
}

/// Issue 21: `vo` lists only the questions not answered yet, under the numbers `v` gives
/// them; on the review, `v` lists every question again.
#[test]
fn vo_lists_only_the_questions_not_answered_yet() {
    let dir = tempfile::tempdir().unwrap();
    // The first answer given, then the open-only review, then the whole one, then quit.
    let out = plain(
        dir.path(),
        &["--audience", "patient", "--subject", "Spa"],
        "1\nvo\nv\nq\n",
    );
    let open_only = out
        .split("Only the questions not answered yet")
        .nth(1)
        .unwrap_or_else(|| panic!("{out}"));
    let (open_only, all) = open_only
        .split_once("Review your answers")
        .unwrap_or((open_only, ""));
    assert!(
        !open_only.contains("  1. "),
        "the answered first question is listed:\n{open_only}"
    );
    assert!(open_only.contains("  2. "), "{open_only}");
    assert!(
        all.contains("  1. "),
        "v lists every question again:\n{all}"
    );
}
