//! The tests that need something from outside Rust skip, loudly, where it is missing, and
//! fail instead under `.ci/run` (`EXOVET_REQUIRE_TOOLS=1`). Checked by running this very
//! test binary on such a test with the tool hidden (`EXOVET_HIDE_TOOLS`), as a machine
//! with only Rust would be.

use std::process::{Command, Output};

/// This test binary, running one test with `hide` counted as missing.
fn run_alone(test: &str, hide: &str, require: bool) -> Output {
    let me = std::env::current_exe().unwrap();
    let mut cmd = Command::new(me);
    cmd.args([test, "--exact", "--test-threads=1"])
        .env("EXOVET_HIDE_TOOLS", hide)
        .env_remove("EXOVET_REQUIRE_TOOLS");
    if require {
        cmd.env("EXOVET_REQUIRE_TOOLS", "1");
    }
    cmd.output().unwrap()
}

#[test]
fn a_test_whose_tool_is_missing_skips_with_a_notice_and_fails_in_ci() {
    for (test, tool, install) in [
        (
            "report::print::summary_prints_to_pdf_on_letter_and_a4",
            "chromium",
            "apt-get install -y chromium poppler-utils",
        ),
        (
            "readability::the_bank_reads_plainly_and_the_docs_give_its_figures",
            "python3",
            "apt-get install -y python3",
        ),
        (
            "hostile::a_fifo_where_a_file_belongs_is_refused_at_once",
            "mkfifo",
            "apt-get install -y coreutils",
        ),
    ] {
        let skipped = run_alone(test, tool, false);
        let both = format!(
            "{}{}",
            String::from_utf8_lossy(&skipped.stdout),
            String::from_utf8_lossy(&skipped.stderr)
        );
        assert!(skipped.status.success(), "{test} without {tool}:\n{both}");
        assert!(both.contains("1 passed"), "{test} ran:\n{both}");
        assert!(
            both.contains("SKIPPED 1 test: ") && both.contains(install),
            "{test} without {tool} says so and how to install it:\n{both}"
        );
        let required = run_alone(test, tool, true);
        let both = format!(
            "{}{}",
            String::from_utf8_lossy(&required.stdout),
            String::from_utf8_lossy(&required.stderr)
        );
        assert!(
            !required.status.success(),
            "{test} without {tool} must fail under EXOVET_REQUIRE_TOOLS=1:\n{both}"
        );
        assert!(
            both.contains("Not skipped: EXOVET_REQUIRE_TOOLS=1"),
            "{both}"
        );
    }
}
